"""The lint baseline: content keys, multiset matching, the file format, and the
`sopc lint --baseline FILE` round trip (record, shift lines, add a new flaw)."""

from __future__ import annotations

import json
from collections import Counter
from types import SimpleNamespace

import pytest

from sopc.lint import baseline as bl
from sopc.core.diagnostics import Diagnostic, Level, Pos, msg
from test_cli_lint import fake_engine, make_repo, run, sop_text, with_flaw  # noqa: F401


def D(line, code="KJ03", text="uraian kegiatan 3 terlalu panjang (baris 40)", key="", activity=None,
      path="a.sop.yaml", level=Level.WARNING):
    return Diagnostic(path, Pos(line, 5), msg(text, text), code=code, name="x", level=level, key=key,
                      activity=activity)


def fake_sop(*uraian):
    return SimpleNamespace(kegiatan=[SimpleNamespace(uraian=u) for u in uraian])


# ---------------------------------------------------------------- content keys


def test_content_key_ignores_numbers():
    assert bl.content_key(D(3)) == bl.content_key(D(9, text="uraian kegiatan 4 terlalu panjang (baris 47)"))
    assert bl.content_key(D(3)) == "uraian kegiatan # terlalu panjang (baris #)"


def test_content_key_keeps_quoted_numbers():
    a = D(3, code="KS01", text='keterkaitan "SOP-002/X/2026" tidak cocok (baris 35)')
    b = D(9, code="KS01", text='keterkaitan "SOP-002/X/2026" tidak cocok (baris 41)')
    c = D(9, code="KS01", text='keterkaitan "SOP-005/X/2026" tidak cocok (baris 41)')
    assert bl.content_key(a) == bl.content_key(b) != bl.content_key(c)
    assert bl.content_key(a) == 'keterkaitan "SOP-002/X/2026" tidak cocok (baris #)'


def test_content_key_uses_rule_key_and_uraian():
    sop = fake_sop("Mengajukan permohonan", "Memeriksa  berkas")
    d = D(3, key="panjang", activity=2)
    assert bl.content_key(d, sop) == "panjang|Memeriksa berkas"
    # the engine already appended the uraian: not twice
    d = D(3, key="panjang|Memeriksa berkas", activity=2)
    assert bl.content_key(d, sop) == "panjang|Memeriksa berkas"
    # different activities, same message: different keys
    assert bl.content_key(D(3, activity=1), sop) != bl.content_key(D(3, activity=2), sop)
    # activity number out of range or no SOP: message only
    assert bl.content_key(D(3, activity=9), sop) == bl.content_key(D(3))


def test_entry_path_relative_to_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    d = D(1, path="sub/a.sop.yaml")
    assert bl.entry_for(d, tmp_path)[1] == "sub/a.sop.yaml"
    monkeypatch.chdir(tmp_path / "sub")
    d = D(1, path="a.sop.yaml")
    assert bl.entry_for(d, tmp_path)[1] == "sub/a.sop.yaml"


# ---------------------------------------------------------------- matching


def test_multiset_matching(tmp_path):
    same = [D(3), D(8)]        # identical content
    known = Counter([bl.entry_for(same[0], tmp_path)])
    new, suppressed, unmatched = bl.filter_new(same, known, tmp_path)
    assert len(new) == 1 and suppressed == 1 and unmatched == 0
    known = Counter({bl.entry_for(same[0], tmp_path): 2})
    new, suppressed, _ = bl.filter_new(same, known, tmp_path)
    assert new == [] and suppressed == 2
    new, suppressed, unmatched = bl.filter_new([], known, tmp_path)
    assert unmatched == 2


def test_source_errors_never_suppressed_nor_recorded(tmp_path):
    e = D(1, code="E002", text="kunci tidak dikenal", level=Level.ERROR)
    w = D(2)
    f = tmp_path / "bl.json"
    res = bl.apply(f, [e, w], tmp_path)
    assert res.recorded == 1
    assert res.diagnostics == [e]
    entries = json.loads(f.read_text())["entries"]
    assert [x["code"] for x in entries] == ["KJ03"]
    known = Counter({bl.entry_for(e, tmp_path): 1})
    new, _, _ = bl.filter_new([e], known, tmp_path)
    assert new == [e]


# ---------------------------------------------------------------- file


def test_file_format_and_roundtrip(tmp_path):
    f = tmp_path / "bl.json"
    diags = [D(9, code="KU01", text="tanpa waktu"), D(3), D(4)]
    res = bl.apply(f, diags, tmp_path)
    assert res.recorded == 3 and res.diagnostics == []
    data = json.loads(f.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "sopc"
    assert [list(e) for e in data["entries"]] == [["code", "path", "key"]] * 3
    assert [e["code"] for e in data["entries"]] == ["KJ03", "KJ03", "KU01"]   # sorted
    assert bl.load(f) == Counter({("KJ03", "a.sop.yaml", bl.content_key(D(3))): 2,
                                  ("KU01", "a.sop.yaml", "tanpa waktu"): 1})
    res = bl.apply(f, diags + [D(1, code="KP01", text="NIP salah")], tmp_path)
    assert res.recorded is None and res.suppressed == 3
    assert [d.code for d in res.diagnostics] == ["KP01"]
    # stable bytes when recorded again
    g = tmp_path / "bl2.json"
    bl.apply(g, list(reversed(diags)), tmp_path)
    assert g.read_bytes() == f.read_bytes()


def test_write_atomic_leaves_no_temp(tmp_path):
    f = tmp_path / "x.json"
    bl.write_atomic(f, "satu\n")
    bl.write_atomic(f, "dua\n")
    assert f.read_text() == "dua\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", "bukan JSON"),
        ("[]", "entries"),
        ('{"version": 9, "entries": []}', "versi"),
        ('{"version": 1, "entries": {}}', "daftar"),
        ('{"version": 1, "entries": [{"code": "KJ03", "path": 3, "key": "x"}]}', "entri ke-1"),
        (b"\xff\xfe\x00", "UTF-8"),
    ],
)
def test_malformed(tmp_path, content, words):
    f = tmp_path / "bl.json"
    if isinstance(content, bytes):
        f.write_bytes(content)
    else:
        f.write_text(content, encoding="utf-8")
    with pytest.raises(bl.BaselineError) as info:
        bl.load(f)
    assert words in info.value.message.id
    assert str(f) in info.value.message.en


def test_unwritable(tmp_path):
    with pytest.raises(bl.BaselineError) as info:
        bl.apply(tmp_path / "no" / "such" / "bl.json", [D(1)], tmp_path)
    assert "tidak dapat ditulis" in info.value.message.id


# ---------------------------------------------------------------- end to end


@pytest.fixture
def flawed(tmp_path, monkeypatch, fake_engine):  # noqa: F811
    text = with_flaw(with_flaw(sop_text(), "PANJANG", 2), "PANJANG", 5)
    root = make_repo(tmp_path / "repo", {"izin.sop.yaml": text, "lain/b.sop.yaml": sop_text("SOP B", "SOP-2")})
    monkeypatch.chdir(root)
    return root


def test_cli_record_then_filter(flawed):
    before = run("--format", "json")
    assert len(json.loads(before.stdout)) == 2

    res = run("--baseline", "bl.json")
    assert res.exit_code == 0
    assert res.stdout == ""
    assert "2 temuan direkam" in res.stderr and "bl.json" in res.stderr
    assert len(json.loads((flawed / "bl.json").read_text())["entries"]) == 2

    # the same findings again: nothing reported
    res = run("--baseline", "bl.json", "--strict")
    assert res.exit_code == 0 and res.stdout == ""
    assert "2 temuan lama disembunyikan" in res.stderr

    # insert lines above the findings (comment lines and a new first activity without
    # a flaw): activity numbers and lines shift, the findings stay suppressed
    src = flawed / "izin.sop.yaml"
    text = src.read_text(encoding="utf-8")
    text = "# catatan revisi\n# baris kedua\n\n" + text
    text = text.replace(
        "kegiatan:\n",
        "kegiatan:\n  - uraian: Mengambil nomor antrean\n    pelaksana: pemohon\n"
        "    kelengkapan: Kartu identitas\n    waktu: 2 menit\n    output: Nomor antrean\n",
        1,
    )
    src.write_text(text, encoding="utf-8")
    shifted = json.loads(run("--format", "json").stdout)
    assert len(shifted) == 2 and shifted[0]["line"] > json.loads(before.stdout)[0]["line"]
    res = run("--baseline", "bl.json")
    assert res.exit_code == 0 and res.stdout == "", res.stdout

    # a new flaw: only it is reported
    src.write_text(with_flaw(text, "SALAH", 7), encoding="utf-8")
    res = run("--baseline", "bl.json", "--format", "json")
    assert res.exit_code == 1
    new = json.loads(res.stdout)
    assert [d["code"] for d in new] == ["KU01"]

    # a second copy of an already-recorded finding (same message, same uraian text
    # would be needed for the same key): a new PANJANG on another activity is new
    src.write_text(with_flaw(text, "PANJANG", 4), encoding="utf-8")
    res = run("--baseline", "bl.json", "--format", "json")
    assert [d["code"] for d in json.loads(res.stdout)] == ["KJ03"]


def test_cli_baseline_from_other_cwd(flawed, monkeypatch):
    assert run("--baseline", "bl.json").exit_code == 0
    monkeypatch.chdir(flawed / "lain")
    res = run(flawed / "izin.sop.yaml", "--baseline", flawed / "bl.json")
    assert res.exit_code == 0 and res.stdout == "", res.stdout


def test_cli_malformed_baseline(flawed):
    (flawed / "bl.json").write_text("{oops", encoding="utf-8")
    res = run("--baseline", "bl.json")
    assert res.exit_code == 2
    assert "rusak" in res.stderr and "bl.json" in res.stderr
    assert "Traceback" not in res.output
    res = run("--baseline", "bl.json", "--lang", "en")
    assert "malformed" in res.stderr


def test_cli_baseline_quiet(flawed):
    res = run("--baseline", "bl.json", "--quiet")
    assert res.exit_code == 0 and res.stderr == ""
    assert (flawed / "bl.json").exists()
