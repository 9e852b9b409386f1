"""Unit tests of sopc.lint.formatters over hand-made diagnostics."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from sopc.lint import formatters
from sopc.core.diagnostics import Diagnostic, Level, Pos, msg
from sopc.rules.base import Rule

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-2.1.0.json"


def sarif_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def validate_sarif(text: str) -> dict:
    data = json.loads(text)
    errors = sorted(sarif_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return data


def D(path, line, col, code, level, id_text, en_text=None, name=None, key="", activity=None, related=()):
    return Diagnostic(
        path, Pos(line, col), msg(id_text, en_text or id_text), code=code,
        name=name or code.lower(), level=level, key=key, activity=activity, related=tuple(related),
    )


@pytest.fixture
def diags():
    return [
        D("b.sop.yaml", 3, 5, "KU01", Level.ERROR, "kegiatan 2 tidak punya waktu", "activity 2 has no time",
          name="missing-time"),
        D("a.sop.yaml", 10, 1, "KJ03", Level.WARNING, "uraian terlalu panjang", "uraian too long",
          name="long-activity"),
        D("a.sop.yaml", 2, 7, "KS03", Level.INFO, "tautan satu arah", "one-way link", name="one-way-link"),
        D("a.sop.yaml", 2, 3, "E002", Level.ERROR, "kunci tidak dikenal 'nomr'", "unknown key 'nomr'",
          name="unknown-key"),
    ]


FAKE_RULES = (
    Rule("E002", "unknown-key", Level.ERROR, {}, msg("Kunci tidak dikenal", "Unknown key"),
         "A key the format does not define.\n\nSecond paragraph.", None, "E"),
    Rule("KJ03", "long-activity", Level.WARNING, {"maks_kata": 25},
         msg("Uraian terlalu panjang", "Activity text too long"), "Why: long rows.", None, "KJ"),
    Rule("KU01", "missing-time", Level.ERROR, {}, msg("Waktu tidak ada", "Missing time"), "", None, "KU"),
    Rule("KS03", "one-way-link", Level.INFO, {}, msg("Tautan satu arah", "One-way link"), "Doc.", None, "KS"),
)


@pytest.fixture
def fake_registry(monkeypatch):
    import sopc.rules as rules

    by_key = {}
    for r in FAKE_RULES:
        by_key[r.code.upper()] = r
        by_key[r.name] = r
    monkeypatch.setattr(rules, "all_rules", lambda: FAKE_RULES)
    monkeypatch.setattr(rules, "get_rule", lambda c: by_key.get(str(c).upper()) or by_key.get(str(c).lower()))
    return FAKE_RULES


# ------------------------------------------------------------------ text


def test_text_sorted_and_plain(diags):
    out = formatters.format_text(diags)
    assert out.splitlines() == [
        "a.sop.yaml:2:3: E002 [error] kunci tidak dikenal 'nomr'",
        "a.sop.yaml:2:7: KS03 [info] tautan satu arah",
        "a.sop.yaml:10:1: KJ03 [warning] uraian terlalu panjang",
        "b.sop.yaml:3:5: KU01 [error] kegiatan 2 tidak punya waktu",
    ]
    assert "\x1b[" not in out


def test_text_english(diags):
    out = formatters.format_text(diags, "en")
    assert "b.sop.yaml:3:5: KU01 [error] activity 2 has no time" in out


def test_text_empty():
    assert formatters.format_text([]) == ""


def test_text_color(diags):
    out = formatters.format_text(diags, color=True)
    assert "\x1b[" in out
    import click

    assert click.unstyle(out) == formatters.format_text(diags)


def test_text_multiline_message_stays_one_line():
    d = D("a.sop.yaml", 1, 1, "KJ03", Level.WARNING, "baris satu\nbaris dua")
    assert formatters.format_text([d]) == "a.sop.yaml:1:1: KJ03 [warning] baris satu / baris dua\n"


def test_summary(diags):
    assert formatters.format_summary(3, diags) == "3 berkas, 2 kesalahan, 1 peringatan, 1 info"
    assert formatters.format_summary(3, diags, "en") == "3 files, 2 errors, 1 warning, 1 info"
    assert formatters.format_summary(1, [], "en") == "1 file, 0 errors, 0 warnings, 0 infos"
    assert formatters.format_summary(0, []) == "0 berkas, 0 kesalahan, 0 peringatan, 0 info"


# ------------------------------------------------------------------ json


def test_json_keys_and_order(diags):
    data = json.loads(formatters.format_json(diags))
    assert [list(o) for o in data] == [["path", "line", "column", "code", "name", "level", "message"]] * 4
    assert data[0] == {
        "path": "a.sop.yaml", "line": 2, "column": 3, "code": "E002", "name": "unknown-key",
        "level": "error", "message": "kunci tidak dikenal 'nomr'",
    }
    assert [o["code"] for o in data] == ["E002", "KS03", "KJ03", "KU01"]


def test_json_unicode_and_english():
    d = D("ü.sop.yaml", 1, 1, "KJ03", Level.WARNING, "uraian “panjang”", "text “long”")
    out = formatters.format_json([d], "en")
    assert "“long”" in out and "ü.sop.yaml" in out
    assert json.loads(out)[0]["message"] == "text “long”"


def test_json_empty():
    assert json.loads(formatters.format_json([])) == []


# ------------------------------------------------------------------ github


def test_github_commands(diags):
    lines = formatters.format_github(diags).splitlines()
    assert lines[0] == "::error file=a.sop.yaml,line=2,col=3,title=E002 unknown-key::kunci tidak dikenal 'nomr'"
    assert lines[1].startswith("::notice file=a.sop.yaml,line=2,col=7,title=KS03 one-way-link::")
    assert lines[2].startswith("::warning ")
    assert len(lines) == 4


def test_github_escaping():
    d = D("dir,x/a:b.sop.yaml", 4, 2, "KJ03", Level.WARNING, "50% selesai\r\nbaris: dua, tiga")
    out = formatters.format_github([d])
    assert out == (
        "::warning file=dir%2Cx/a%3Ab.sop.yaml,line=4,col=2,title=KJ03 kj03::"
        "50%25 selesai%0D%0Abaris: dua, tiga\n"
    )


def test_github_escape_helpers():
    assert formatters._escape_data("a%b\nc\rd:e,f") == "a%25b%0Ac%0Dd:e,f"
    assert formatters._escape_property("a%b\nc\rd:e,f") == "a%25b%0Ac%0Dd%3Ae%2Cf"


# ------------------------------------------------------------------ sarif


def test_sarif_valid_and_complete(diags, fake_registry, tmp_path):
    out = formatters.format_sarif(diags, srcroot=Path.cwd())
    data = validate_sarif(out)
    assert data["version"] == "2.1.0"
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sopc"
    from sopc import __version__

    assert driver["version"] == __version__
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["E002", "KJ03", "KU01", "KS03"]  # E-codes included
    kj03 = driver["rules"][1]
    assert kj03["shortDescription"]["text"] == "Uraian terlalu panjang"
    assert kj03["defaultConfiguration"]["level"] == "warning"
    assert kj03["defaultConfiguration"]["parameters"] == {"maks_kata": 25}
    assert driver["rules"][3]["defaultConfiguration"]["level"] == "note"
    assert driver["rules"][0]["fullDescription"]["text"] == "A key the format does not define."
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["E002", "KS03", "KJ03", "KU01"]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert r["partialFingerprints"][formatters.FINGERPRINT_KEY]
    assert results[0]["level"] == "error"
    assert results[1]["level"] == "note"
    assert results[2]["level"] == "warning"
    assert results[3]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5}
    assert results[3]["message"]["text"] == "kegiatan 2 tidak punya waktu"


def test_sarif_english(diags, fake_registry):
    data = validate_sarif(formatters.format_sarif(diags, "en"))
    run = data["runs"][0]
    assert run["tool"]["driver"]["rules"][1]["shortDescription"]["text"] == "Activity text too long"
    assert run["results"][3]["message"]["text"] == "activity 2 has no time"


def test_sarif_fingerprint_ignores_line(fake_registry):
    a = D("a.sop.yaml", 3, 5, "KJ03", Level.WARNING, "panjang", key="panjang|Memeriksa berkas")
    b = D("a.sop.yaml", 9, 5, "KJ03", Level.WARNING, "panjang", key="panjang|Memeriksa berkas")
    c = D("a.sop.yaml", 9, 5, "KJ03", Level.WARNING, "panjang", key="panjang|Menyerahkan izin")
    fp = [json.loads(formatters.format_sarif([x]))["runs"][0]["results"][0]["partialFingerprints"]
          for x in (a, b, c)]
    assert fp[0] == fp[1] != fp[2]


def test_sarif_levels_from_config(diags, fake_registry):
    data = validate_sarif(formatters.format_sarif(diags, levels={"KJ03": Level.ERROR, "KS03": Level.OFF}))
    rules = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["KJ03"]["defaultConfiguration"]["level"] == "error"
    assert rules["KS03"]["defaultConfiguration"] == {"enabled": False, "level": "none"}


def test_sarif_unknown_code_and_related(fake_registry):
    d = D("a.sop.yaml", 3, 5, "ZZ99", Level.ERROR, "aneh", related=[Pos(1, 1)])
    data = validate_sarif(formatters.format_sarif([d]))
    run = data["runs"][0]
    res = run["results"][0]
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "ZZ99"
    assert res["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_path_outside_root_and_spaces(fake_registry, tmp_path):
    inside = D("sub dir/a.sop.yaml", 1, 1, "KJ03", Level.WARNING, "x")
    outside = D(str(tmp_path / "x.sop.yaml"), 1, 1, "KJ03", Level.WARNING, "x")
    data = validate_sarif(formatters.format_sarif([inside, outside], srcroot=tmp_path / "root"))
    locs = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in data["runs"][0]["results"]]
    uris = sorted(loc["uri"] for loc in locs)
    assert any(u.startswith("file://") for u in uris)
    data = validate_sarif(formatters.format_sarif([inside], srcroot=Path.cwd()))
    loc = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "sub%20dir/a.sop.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_empty_is_valid(fake_registry):
    data = validate_sarif(formatters.format_sarif([]))
    assert data["runs"][0]["results"] == []


def test_sarif_real_registry_valid(diags):
    """Whatever rules are registered, the log (with every rule's doc) stays valid."""
    data = validate_sarif(formatters.format_sarif(diags))
    ids = [r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    for code in ("E002", "KJ03", "KU01", "KS03"):
        assert code in ids


def test_dispatch(diags):
    assert formatters.format_diagnostics("json", diags) == formatters.format_json(diags)
    assert formatters.format_diagnostics("github", diags) == formatters.format_github(diags)
    assert formatters.format_diagnostics("text", diags) == formatters.format_text(diags)


def test_relative_posix(tmp_path):
    assert formatters.relative_posix(str(tmp_path / "a" / "b.sop.yaml"), tmp_path) == "a/b.sop.yaml"
    assert formatters.relative_posix(str(tmp_path / "b.sop.yaml"), tmp_path / "a") is None


# ------------------------------------------------------------------ statistik


def test_statistik_compute_and_table():
    from types import SimpleNamespace

    from sopc.lint import compliance as statistik

    sops = [SimpleNamespace(relpath=p) for p in ("a.sop.yaml", "b.sop.yaml", "c.sop.yaml", "d.sop.yaml")]
    diags = [
        D("a.sop.yaml", 1, 1, "KJ01", Level.WARNING, "x"),
        D("a.sop.yaml", 2, 1, "KJ03", Level.INFO, "x"),
        D("b.sop.yaml", 1, 1, "KU01", Level.ERROR, "x"),
        D("b.sop.yaml", 1, 1, "KJ02", Level.OFF, "x"),      # off: not counted
        D("c.sop.yaml", 1, 1, "F001", Level.ERROR, "x"),    # not a principle, but a finding
        D("zzz.sop.yaml", 1, 1, "KP01", Level.ERROR, "x"),  # not one of the SOPs
    ]
    st = statistik.compute(sops, diags)
    assert st.total == 4 and st.clean == 1 and st.clean_share == 0.25
    assert [g.group for g in st.groups] == ["KJ", "EE", "KS", "KU", "DN", "BP", "KH", "KP"]
    assert (st.group("KJ").compliant, st.group("KU").compliant, st.group("KP").compliant) == (3, 3, 4)
    assert st.flagged["a.sop.yaml"] == {"KJ"} and st.flagged["c.sop.yaml"] == {"F"}
    table = statistik.format_table(st)
    lines = table.splitlines()
    assert lines[0].split() == ["Prinsip", "SOP", "patuh", "Persentase"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["KJ", "Kemudahan", "dan", "kejelasan", "3/4", "75,0%"]
    assert lines[-1] == "Jumlah SOP: 4; tanpa temuan sama sekali: 1 (25,0%)"
    widths = {len(ln) for ln in lines[:10]}
    assert len(widths) == 1  # aligned: every row as wide as the header rule
    en = statistik.format_table(st, "en").splitlines()
    assert en[0].split() == ["Principle", "Compliant", "SOPs", "Share"]
    assert en[2].endswith("3/4   75.0%")
    assert en[-1] == "SOPs: 4; with no finding at all: 1 (25.0%)"


def test_statistik_empty():
    from sopc.lint import compliance as statistik

    st = statistik.compute([], [])
    assert st.total == 0 and st.clean_share is None
    table = statistik.format_table(st)
    assert "0/0" in table and table.splitlines()[-1] == "Jumlah SOP: 0; tanpa temuan sama sekali: 0 (-)"
