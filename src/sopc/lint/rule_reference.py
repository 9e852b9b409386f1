"""Generate ``docs/rules.md``, the rule reference of the documentation site, from the
rule registry: every rule grouped by principle, with its code, name, default level,
options and documentation (the same text ``sopc rules CODE`` prints: why, what fails,
what passes), an excerpt of its tested fixture (tests/rules/<CODE>.yaml: the failing
case around its finding and the same place in the nearest passing case), and how to
suppress and configure it.

    python -m sopc.lint.rule_reference > docs/rules.md

``tests/test_docs_rules.py`` fails when the committed file is stale.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from sopc.rules.base import option_text

# The rule fixtures of the checkout (tests/rules/<CODE>.yaml, run by
# tests/test_rule_fixtures.py): the reference shows a failing and a passing case of each.
FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "rules"
_MAX_LINES = 16


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


# The eight drafting principles as PermenPANRB 35/2012 explains them (domain brief §3),
# and the two groups that check the file itself.
GROUP_INTRO = {
    "E": "Berkas tidak dapat dibaca sebagai SOP. Kesalahan ini selalu bertingkat error dan "
         "tidak dapat diabaikan: perbaiki berkasnya (lihat [Mengatasi masalah](panduan/masalah.md)).",
    "F": "Diagram alir harus dapat digambar dan diikuti: setiap kegiatan tercapai dari awal, "
         "setiap jalur sampai ke akhir, setiap keputusan bercabang dengan benar.",
    "KJ": "Prosedur mudah dipahami dan dilaksanakan oleh setiap pegawai, termasuk yang baru "
          "pertama kali menjalankan tugas itu.",
    "EE": "Prosedur yang dibakukan adalah yang paling efisien dan efektif: singkat, cepat, "
          "dengan sumber daya sesedikit mungkin.",
    "KS": "SOP selaras dengan SOP lain yang berkaitan dengannya.",
    "KU": "Output setiap kegiatan memiliki mutu baku (kelengkapan, waktu, output) yang "
          "pencapaiannya dapat diukur.",
    "DN": "SOP dapat disesuaikan dengan cepat mengikuti kebutuhan pelayanan yang berkembang: "
          "ditinjau secara berkala.",
    "BP": "SOP memperhatikan kebutuhan pengguna layanan sehingga pengguna puas.",
    "KH": "SOP memenuhi peraturan perundang-undangan yang berlaku.",
    "KP": "SOP ditetapkan oleh pimpinan sebagai produk hukum yang ditaati dan melindungi "
          "pelaksananya.",
}


def _hunk(fail: list[str], ok: list[str], line: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The lines of ``fail`` and ``ok`` that differ nearest the 1-based ``line`` (with a
    line of context), as half-open index ranges."""
    ops = [op for op in difflib.SequenceMatcher(None, fail, ok, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    i = line - 1
    tag, i1, i2, j1, j2 = min(ops, key=lambda op: 0 if op[1] <= i < max(op[2], op[1] + 1)
                              else min(abs(op[1] - i), abs(op[2] - 1 - i)))
    return (max(i1 - 1, 0), min(i2 + 1, len(fail))), (max(j1 - 1, 0), min(j2 + 1, len(ok)))


def _fixture_example(code: str, folder: Path = FIXTURES) -> list[str]:
    """Markdown lines: an excerpt of the first failing case of the rule's fixture around
    the first finding, and the same place in the passing case nearest to it."""
    import yaml

    path = folder / f"{code}.yaml"
    if not path.is_file():
        return []
    cases = yaml.safe_load(path.read_text("utf-8")).get("cases") or []
    fails = [c for c in cases if any(e[0] == code for e in c.get("expect") or [])]
    if not fails:
        return []
    fail = fails[0]
    flines = fail["sop"].splitlines()
    line = min(e[1] for e in fail["expect"] if e[0] == code)
    # A passing case with the same SOP passes by its configuration: not shown here.
    oks = [c for c in cases if not c.get("expect") and c["sop"].splitlines() != flines]
    if oks:
        ok = max(oks, key=lambda c: difflib.SequenceMatcher(None, flines, c["sop"].splitlines(),
                                                            autojunk=False).ratio())
        olines = ok["sop"].splitlines()
        (a1, a2), (b1, b2) = _hunk(flines, olines, line)
    else:
        olines, a1, a2, b1, b2 = [], 0, 0, 0, 0
    if a2 - a1 > _MAX_LINES or b2 - b1 > _MAX_LINES or a2 <= a1 or b2 <= b1:
        a1, a2 = max(line - 3, 0), min(line + 2, len(flines))
        b1 = b2 = 0
    rel = f"tests/rules/{code}.yaml"
    out = [f"**Contoh dari pengujian** (`{rel}`): bagian SOP yang gagal, {code} di baris "
           f"{line} berkas itu:", "",
           f"<!-- sopc: bagian {rel} -->", "```yaml", *flines[a1:a2], "```", ""]
    if b2 > b1:
        out += ["Bagian yang sama pada SOP yang lolos:", "",
                f"<!-- sopc: bagian {rel} -->", "```yaml", *olines[b1:b2], "```", ""]
    return out


def config_snippet(rule) -> str:
    """The ``aturan:`` block of sopc.yaml that sets this rule's level and every option to
    its default (what the rule reference shows; a test loads it)."""
    parts = ["level: " + rule.level.label]
    parts += [f"{k}: {option_text(v)}" for k, v in rule.options.items()]
    return f"aturan: {{{rule.code}: {{{', '.join(parts)}}}}}"


def generate() -> str:
    """The Markdown text of docs/rules.md."""
    from sopc.rules import GROUP_TITLES, all_rules

    rules = all_rules()
    out: list[str] = [
        "# Aturan lint sopc / sopc lint rules",
        "",
        "<!-- Generated from the rule registry by `python -m sopc.lint.rule_reference > docs/rules.md`;",
        "     do not edit by hand. tests/test_docs_rules.py checks that it is current. -->",
        "",
        "Setiap aturan punya **kode** tetap dan **nama**; keduanya diterima di `sopc.yaml`",
        "`aturan:`, `abaikan:` dan baseline. Tingkat di bawah adalah bawaan.",
        "Every rule has a stable **code** and a **name**; both are accepted in `sopc.yaml`",
        "`aturan:`, `abaikan:` and baselines. Levels shown are defaults.",
        "",
    ]
    groups: list[str] = []
    for r in rules:
        if r.group not in groups:
            groups.append(r.group)

    # Overview tables per group.
    out.append("## Ringkasan / Overview")
    out.append("")
    for g in groups:
        t = GROUP_TITLES.get(g)
        out.append(f"### {g} — {t.id} ({t.en})" if t else f"### {g}")
        out.append("")
        out.append("| kode / code | nama / name | tingkat / level | judul / title |")
        out.append("|---|---|---|---|")
        for r in rules:
            if r.group == g:
                anchor = r.code.lower()
                out.append(
                    f"| [{r.code}](#{anchor}) | `{r.name}` | {r.level.label} | "
                    f"{_cell(r.title.id)} / {_cell(r.title.en)} |"
                )
        out.append("")

    # Full documentation, grouped by principle.
    out.append("## Rincian / Details")
    out.append("")
    group = None
    for r in rules:
        if r.group != group:
            group = r.group
            t = GROUP_TITLES.get(group)
            out.append(f"### {group} — {t.id}" if t else f"### {group}")
            out.append("")
            if group in GROUP_INTRO:
                out.append(GROUP_INTRO[group])
                out.append("")
        out.append(f'<a id="{r.code.lower()}"></a>')
        out.append(f"#### {r.code} `{r.name}`")
        out.append("")
        out.append(f"- **Judul / title:** {r.title.id} / {r.title.en}")
        out.append(f"- **Tingkat bawaan / default level:** `{r.level.label}`")
        if r.options:
            opts = ", ".join(f"`{k}` = `{option_text(v)}`" for k, v in r.options.items())
            out.append(f"- **Opsi / options:** {opts}")
        else:
            out.append("- **Opsi / options:** -")
        out.append("")
        if r.doc:
            out.append(r.doc.rstrip())
            out.append("")
        out += _fixture_example(r.code)
        if r.group == "E":
            continue
        out.append(f"**Mengabaikan / suppress.** Pada satu kegiatan atau di puncak berkas SOP: "
                   f"`abaikan: [{r.code}]`. Untuk seluruh repositori, di `sopc.yaml`: "
                   f"`aturan: {{{r.code}: {{level: off}}}}`. Temuan lama yang diterima: "
                   f"`sopc lint --baseline FILE`.")
        out.append("")
        what = "tingkat dan opsinya" if r.options else "tingkatnya"
        out.append(f"**Mengatur / configure** {what} (nilai bawaan ditunjukkan) di `sopc.yaml`: "
                   f"`{config_snippet(r)}`.")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> None:
    sys.stdout.write(generate())


if __name__ == "__main__":  # pragma: no cover
    main()
