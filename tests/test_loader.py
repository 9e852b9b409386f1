from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import lint_text, write_repo
from sopc.loader import LoadError, load_repository, load_sop_text
from sopc.loader.yamlsrc import SourceError, compose

BASE = (Path(__file__).parent / "rules" / "E002.yaml")


def base_text() -> str:
    import yaml
    data = yaml.safe_load(BASE.read_text("utf-8"))
    return [c for c in data["cases"] if not c["expect"]][0]["sop"]


def codes(diags):
    return [(d.code, d.line, d.column) for d in diags]


def test_yaml11_surprises_stay_strings():
    text = base_text().replace("    output: Tanda terima", "    output: no\n    keterangan: 10:30") \
                      .replace("peralatan: [Komputer]", "peralatan: [012, yes, 2025-01-01]")
    sop, diags = load_sop_text(text)
    assert not diags
    last = sop.kegiatan[-1]
    assert last.output == "no" and last.keterangan == "10:30"
    assert sop.peralatan == ["012", "yes", "2025-01-01"]
    assert sop.tanggal_efektif == dt.date(2026, 2, 1)


def test_invalid_utf8_points_at_the_byte():
    data = base_text().encode("utf-8").replace(b"Komputer", b"Komp\xffter")
    sop, diags = load_sop_text(data)
    assert sop is None
    assert codes(diags) == [("E001", 14, 17)]


def test_bom_is_accepted():
    sop, diags = load_sop_text(b"\xef\xbb\xbf" + base_text().encode())
    assert sop is not None and not diags


def test_empty_and_non_mapping_files():
    assert codes(load_sop_text("")[1]) == [("E003", 1, 1)]
    assert codes(load_sop_text("- a\n- b\n")[1]) == [("E004", 1, 1)]


def test_recursive_alias_is_refused():
    with pytest.raises(SourceError) as exc:
        compose("a: &x [*x]\n")
    assert exc.value.code in ("E007", "E001")


def test_alias_bomb_is_refused_without_expanding():
    levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        levels.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]")
    sop, diags = load_sop_text("\n".join(levels) + "\n")
    assert sop is None and diags[0].code == "E007"


def test_oversized_file_is_refused():
    sop, diags = load_sop_text("nama: '" + "x" * (5 * 1024 * 1024 + 10) + "'\n")
    assert sop is None and codes(diags) == [("E007", 1, 1)]


def test_all_problems_of_a_file_are_collected():
    text = base_text().replace("    output: Tanda terima", "    outptu: Tanda terima") \
                      .replace('nip: "197203151998032004"', "nip: 197203151998032004") \
                      .replace("  efektif: 2026-02-01\n", "")
    got = {d.code for d in load_sop_text(text)[1]}
    assert {"E002", "E003", "E004"} <= got


def test_pure_python_loader_fallback(monkeypatch):
    import yaml

    from sopc.loader import yamlsrc

    class Pure(yaml.SafeLoader):
        resolve = yamlsrc._Loader.resolve

    monkeypatch.setattr(yamlsrc, "_Loader", Pure)
    sop, diags = load_sop_text(base_text().replace('nip: "197203151998032004"', "nip: 197203151998032004"))
    assert codes(diags) == [("E004", 9, 8)]
    assert sop.kegiatan[1].symbol.value == "decision"


def test_symbols_and_edges():
    sop, _ = load_sop_text(base_text())
    syms = [a.symbol.value for a in sop.kegiatan]
    assert syms == ["start", "decision", "end", "end"]
    assert [(e.target, e.label) for e in sop.kegiatan[1].edges] == [(3, "Lengkap"), (2, "Tidak lengkap")]


def test_one_row_sop_is_a_terminal():
    text = base_text().split("kegiatan:")[0] + (
        "kegiatan:\n  - uraian: Mencatat surat\n    pelaksana: loket\n")
    sop, diags = load_sop_text(text)
    assert sop.kegiatan[0].symbol.value == "terminal"


def test_missing_config_is_an_environment_error(tmp_path):
    (tmp_path / "a.sop.yaml").write_text(base_text())
    with pytest.raises(LoadError):
        load_repository([tmp_path])


def test_config_errors_are_all_reported(tmp_path):
    write_repo(tmp_path, base_text(), "instansi: {nama: X, logoo: a.png}\nkertas: A5\naturan: {KJ99: {level: off}, F006: {level: loud}}\nbahasaa: id\n")
    res = load_repository([tmp_path])
    got = sorted(codes(res.config_diagnostics))
    assert got == [("E002", 1, 21), ("E002", 3, 10), ("E002", 4, 1), ("E004", 2, 9), ("E004", 3, 44)]


def test_unit_required_with_several_units(tmp_path):
    write_repo(tmp_path, base_text(), "instansi: {nama: X}\nunit: [Sekretariat, Bidang Perizinan]\n")
    res = load_repository([tmp_path])
    assert [d.code for d in res.diagnostics] == ["E003"]


def test_index_cache_serves_neighbours(tmp_path):
    text = base_text()
    write_repo(tmp_path, text, extra={"b.sop.yaml": text.replace("SOP-001", "SOP-002").replace("Reklame", "Baliho")})
    res = load_repository([tmp_path / "t.sop.yaml"])
    assert (tmp_path / ".sopc-cache" / "index.json").is_file()
    res2 = load_repository([tmp_path / "t.sop.yaml"])
    light = [s for s in res2.repo.sops if s.light]
    assert [s.nama for s in light] == ["Penerbitan Izin Baliho"]
    assert len(res.repo.sops) == len(res2.repo.sops) == 2


def test_suppression_by_abaikan():
    text = base_text().replace("  loket: Petugas Loket", "  loket: Petugas Loket\n  kasi: Kepala Seksi")
    assert [d.code for d in lint_text(text) if d.code == "F006"] == ["F006"]
    assert not [d for d in lint_text("abaikan: [F006]\n" + text) if d.code == "F006"]
    assert not [d for d in lint_text(text, "instansi: {nama: X}\naturan: {unused-actor: {level: off}}\n") if d.code == "F006"]
    # E-codes cannot be suppressed
    diags = lint_text("abaikan: [E002]\n" + text)
    assert [d.code for d in diags if d.code == "E004"] == ["E004"]


@pytest.mark.parametrize("text, line, col", [
    ("nomor: X\nkegiatan:\n  - uraian: [\n", 4, 1),          # unclosed flow list
    ("nomor: X\nnama: abc\nfoo\nbar: 1\n", 4, 1),             # a line without a colon
    ('nomor: "a\\q"\n', 1, 10),                               # backslash in double quotes
    ("nama: & abc\n", 1, 8),                                  # & read as an anchor
    ("nama: *\n", 1, 8),                                      # * read as an alias
    ("%YAML 9\n---\nnama: a\n", 1, 8),                        # % read as a directive
    ("nama: |x\n  a\n", 1, 8),                                # text after |
    ("nama: a\n---\nnama: b\n", 2, 1),                        # two documents
    ("nama: `a`\n", 1, 7),                                    # backtick
    ("nama: 'abc\n", 2, 1),                                   # unclosed quote
    ("nama: a: b\n", 1, 8),                                   # colon in a text
])
def test_common_yaml_mistakes_get_an_indonesian_hint(text, line, col):
    """The message starts with an explanation in the chosen language; the parser's own
    English words come only after it, in parentheses."""
    _sop, diags = load_sop_text(text)
    d = next(d for d in diags if d.code == "E001")
    assert (d.pos.line, d.pos.col) == (line, col)
    assert d.message.id.startswith("YAML tidak sah: ") and d.message.id.endswith(")")
    assert "(" in d.message.id and d.message.id.index("(") > len("YAML tidak sah: ") + 10
    assert d.message.en.startswith("invalid YAML: ")
