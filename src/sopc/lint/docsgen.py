"""Generate ``docs/rules.md`` from the rule registry: every rule's code, name, default
level, options and documentation (the same text ``sopc rules CODE`` prints).

    python -m sopc.lint.docsgen > docs/rules.md

``tests/test_docs_rules.py`` fails when the committed file is stale.
"""

from __future__ import annotations

import sys


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return str(v)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def generate() -> str:
    """The Markdown text of docs/rules.md."""
    from sopc.rules import GROUP_TITLES, all_rules

    rules = all_rules()
    out: list[str] = [
        "# Aturan lint sopc / sopc lint rules",
        "",
        "<!-- Generated from the rule registry by `python -m sopc.lint.docsgen > docs/rules.md`;",
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

    # Full documentation.
    out.append("## Rincian / Details")
    out.append("")
    for r in rules:
        out.append(f'<a id="{r.code.lower()}"></a>')
        out.append(f"### {r.code} `{r.name}`")
        out.append("")
        out.append(f"- **Judul / title:** {r.title.id} / {r.title.en}")
        out.append(f"- **Tingkat bawaan / default level:** `{r.level.label}`")
        if r.options:
            opts = ", ".join(f"`{k}` = `{_value(v)}`" for k, v in r.options.items())
            out.append(f"- **Opsi / options:** {opts}")
        else:
            out.append("- **Opsi / options:** -")
        out.append("")
        if r.doc:
            out.append(r.doc.rstrip())
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> None:
    sys.stdout.write(generate())


if __name__ == "__main__":  # pragma: no cover
    main()
