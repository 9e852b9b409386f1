"""`sopc lint` through click's CliRunner: formats, exit codes, languages, --today,
--statistik, --quiet, colour, internal errors.

Most tests replace the rule engine by a small deterministic fake (``fake_engine``) so
that they test the reporting side, not the rule catalog, which grows independently.
The tests marked "real" go through the real loader and engine.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopc.cli import cli
from sopc.core.diagnostics import Diagnostic, Level, msg

CONFIG = "instansi: {nama: Pemerintah Kabupaten Contoh}\n"

# FORMAT.md §1, with the keterkaitan entries that need other SOPs removed.
SOP = """\
nomor: SOP-012/DPMPTSP/2025
nama: {nama}
unit: Bidang Perizinan
jenis: administratif
sifat: pelayanan
batas_waktu: 5 hari kerja
tanggal:
  pembuatan: 2025-01-10
  revisi: 2026-01-10
  efektif: 2025-02-01
disahkan_oleh:
  jabatan: Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu
  nama: Dra. Siti Rahmawati, M.Si.
  nip: "197203151998032004"
  pangkat: Pembina Utama Muda
dasar_hukum:
  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
kualifikasi_pelaksana:
  - Memahami ketentuan perizinan reklame
keterkaitan:
  - eksternal: SOP Penerbitan SP2D, KPPN
peralatan:
  - Komputer
peringatan:
  - Jika berkas tidak lengkap, permohonan dikembalikan kepada pemohon
pencatatan:
  - Buku register izin
pelaksana:
  pemohon: Pemohon
  loket: Petugas Loket
  kasi: Kepala Seksi Perizinan
  kadis: Kepala Dinas
kegiatan:
  - uraian: Mengajukan permohonan izin reklame beserta berkas persyaratan
    pelaksana: pemohon
    kelengkapan: [Formulir permohonan, Desain reklame]
    waktu: 10 menit
    output: Berkas permohonan
  - id: periksa
    uraian: Memeriksa kelengkapan berkas
    pelaksana: loket
    kelengkapan: Daftar periksa persyaratan
    waktu: 15 menit
    output: Berkas terperiksa
    cabang:
      Lengkap: konsep
      Tidak lengkap: kembalikan
  - id: kembalikan
    uraian: Mengembalikan berkas kepada pemohon disertai catatan kekurangan
    pelaksana: loket
    kelengkapan: Berkas permohonan
    waktu: 5 menit
    output: Catatan kekurangan berkas
    ke: selesai
  - id: konsep
    uraian: Menyusun konsep surat izin
    pelaksana: kasi
    kelengkapan: Berkas terperiksa
    waktu: 1 hari kerja
    output: Konsep surat izin
  - uraian: Menandatangani surat izin
    pelaksana: kadis
    kelengkapan: Konsep surat izin
    waktu: 30 menit
    output: Surat izin ditandatangani
  - uraian: Menyerahkan surat izin kepada pemohon
    pelaksana: loket
    kelengkapan: Surat izin ditandatangani
    waktu: 10 menit
    output: Tanda terima
"""


def sop_text(nama: str = "Penerbitan Izin Reklame", nomor: str | None = None) -> str:
    text = SOP.format(nama=nama)
    if nomor:
        text = text.replace("SOP-012/DPMPTSP/2025", nomor, 1)
    return text


def make_repo(root: Path, files: dict[str, str], config: str = CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sopc.yaml").write_text(config, encoding="utf-8")
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def run(*args, env=None):
    return CliRunner().invoke(cli, ["lint", *map(str, args)], env=env, catch_exceptions=False)


# ---------------------------------------------------------------- the fake engine
#
# Fake rules, keyed on words in the text so a test controls the findings:
#   - an activity whose uraian contains "SALAH"   -> KU01 missing-time (error)
#   - an activity whose uraian contains "PANJANG" -> KJ03 long-activity (warning),
#     message names the activity number (which shifts when rows are inserted)
#   - an SOP whose nama contains "Info"           -> KS03 one-way-link (info)


def fake_lint(repo, ctx, sops=None):
    out = []
    for s in repo.sops if sops is None else sops:
        if not s.complete:
            continue
        for a in s.kegiatan:
            if "SALAH" in a.uraian:
                out.append(Diagnostic(
                    s.relpath, a.at("uraian"),
                    msg(f"kegiatan {a.number} salah", f"activity {a.number} is wrong"),
                    code="KU01", name="missing-time", level=Level.ERROR, activity=a.number,
                    key=f"salah|{' '.join(a.uraian.split())}",
                ))
            if "PANJANG" in a.uraian:
                out.append(Diagnostic(
                    s.relpath, a.at("uraian"),
                    msg(f"uraian kegiatan {a.number} terlalu panjang", f"activity {a.number} text too long"),
                    code="KJ03", name="long-activity", level=Level.WARNING, activity=a.number,
                ))
        if "Info" in s.nama:
            out.append(Diagnostic(
                s.relpath, s.at("nama"), msg("tautan satu arah", "one-way link"),
                code="KS03", name="one-way-link", level=Level.INFO,
            ))
    return out


@pytest.fixture
def fake_engine(monkeypatch):
    try:
        import sopc.lint.engine as engine
    except ImportError:
        engine = types.ModuleType("sopc.lint.engine")
        monkeypatch.setitem(sys.modules, "sopc.lint.engine", engine)
        import sopc

        monkeypatch.setattr(sopc, "engine", engine, raising=False)
    monkeypatch.setattr(engine, "lint", fake_lint, raising=False)
    return engine


def with_flaw(text: str, flaw: str, index: int = 4) -> str:
    """Put ``flaw`` at the start of the uraian of activity ``index`` (1-based)."""
    lines = text.splitlines(keepends=True)
    n = 0
    for i, line in enumerate(lines):
        if line.lstrip().startswith("- uraian:") or line.lstrip().startswith("uraian:"):
            n += 1
            if n == index:
                head, _, rest = line.partition("uraian: ")
                lines[i] = f"{head}uraian: {flaw} {rest}"
                break
    return "".join(lines)


@pytest.fixture
def repo(tmp_path, monkeypatch, fake_engine):
    """a.sop.yaml: one error (KU01, activity 4) and one warning (KJ03, activity 6);
    b.sop.yaml: clean; c.sop.yaml: one info."""
    a = with_flaw(with_flaw(sop_text("SOP A"), "SALAH", 4), "PANJANG", 6)
    b = sop_text("SOP B", nomor="SOP-013/DPMPTSP/2025")
    c = sop_text("SOP Info C", nomor="SOP-014/DPMPTSP/2025")
    root = make_repo(tmp_path / "repo", {"a.sop.yaml": a, "sub/b.sop.yaml": b, "c.sop.yaml": c})
    monkeypatch.chdir(root)
    return root


# ---------------------------------------------------------------- text format


def test_text_default(repo):
    res = run()
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("a.sop.yaml:")
    assert " KU01 [error] kegiatan 4 salah" in lines[0]
    assert " KJ03 [warning] uraian kegiatan 6 terlalu panjang" in lines[1]
    assert lines[2].startswith("c.sop.yaml:") and "KS03 [info] tautan satu arah" in lines[2]
    # sorted by line within a file
    l0, l1 = (int(x.split(":")[1]) for x in lines[:2])
    assert l0 < l1
    assert res.stderr.strip().splitlines()[-1] == "3 berkas, 1 kesalahan, 1 peringatan, 1 info"
    assert "\x1b[" not in res.stdout  # not a terminal: no colour


def test_text_english(repo):
    res = run("--lang", "en")
    assert "activity 4 is wrong" in res.stdout
    assert res.stderr.strip().splitlines()[-1] == "3 files, 1 error, 1 warning, 1 info"


def test_lang_from_config(tmp_path, monkeypatch, fake_engine):
    root = make_repo(tmp_path / "r", {"a.sop.yaml": with_flaw(sop_text(), "SALAH")},
                     config=CONFIG + "bahasa: en\n")
    monkeypatch.chdir(root)
    res = run()
    assert "activity 4 is wrong" in res.stdout
    assert "1 file, 1 error" in res.stderr
    res = run("--lang", "id")
    assert "kegiatan 4 salah" in res.stdout


def test_color_forced_and_no_color(repo, monkeypatch):
    res = run("--color")
    assert "\x1b[" in res.stdout
    import click

    assert click.unstyle(res.stdout) == run("--no-color").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run().stdout


def test_quiet(repo):
    res = run("--quiet")
    assert res.stderr == ""
    assert res.exit_code == 1
    assert len(res.stdout.splitlines()) == 3


def test_paths_limit_report(repo):
    res = run("sub/b.sop.yaml")
    assert res.exit_code == 0
    assert res.stdout == ""
    assert "1 berkas, 0 kesalahan, 0 peringatan, 0 info" in res.stderr
    res = run("c.sop.yaml", "sub")
    assert res.exit_code == 0
    assert "KS03" in res.stdout and "a.sop.yaml" not in res.stdout
    assert "2 berkas" in res.stderr


def test_path_from_elsewhere(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run(repo / "a.sop.yaml", "--format", "json")
    data = json.loads(res.stdout)
    assert [d["code"] for d in data] == ["KU01", "KJ03"]
    assert data[0]["path"].endswith("a.sop.yaml")


# ---------------------------------------------------------------- exit codes


def test_exit_clean_and_strict(repo):
    assert run("sub/b.sop.yaml").exit_code == 0
    assert run("sub/b.sop.yaml", "--strict").exit_code == 0
    assert run("c.sop.yaml").exit_code == 0          # info only
    assert run("c.sop.yaml", "--strict").exit_code == 1


def test_exit_warning_strict(tmp_path, monkeypatch, fake_engine):
    root = make_repo(tmp_path / "r", {"a.sop.yaml": with_flaw(sop_text(), "PANJANG")})
    monkeypatch.chdir(root)
    assert run().exit_code == 0
    assert run("--strict").exit_code == 1


def test_missing_path(repo):
    res = run("nope.sop.yaml")
    assert res.exit_code == 2
    assert "tidak ditemukan" in res.stderr
    assert "Traceback" not in res.output
    res = run("nope.sop.yaml", "--lang", "en")
    assert "not found" in res.stderr


def test_no_config(tmp_path, monkeypatch, fake_engine):
    (tmp_path / "a.sop.yaml").write_text(sop_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = run()
    assert res.exit_code == 2
    assert "sopc.yaml" in res.stderr
    assert "Traceback" not in res.output


def test_bad_config(tmp_path, monkeypatch, fake_engine):
    root = make_repo(tmp_path / "r", {"a.sop.yaml": sop_text()},
                     config="instansi: {nama: X}\nbahasa: jawa\nkertaz: A4\n")
    monkeypatch.chdir(root)
    res = run()
    assert res.exit_code == 2
    assert res.stdout.count("sopc.yaml:") >= 2  # every config error is printed
    assert "kertaz" in res.stdout
    res = run("--format", "json")
    assert res.exit_code == 2
    assert all(d["path"].endswith("sopc.yaml") for d in json.loads(res.stdout))


@pytest.mark.parametrize("bad", ["2026-13-01", "kemarin", "01-06-2026", "2026-02-30"])
def test_bad_today(repo, bad):
    res = run("--today", bad)
    assert res.exit_code == 2
    assert "--today" in res.stderr and "YYYY-MM-DD" in res.stderr
    assert "tidak sah" in res.stderr
    assert res.stdout == ""
    assert "Traceback" not in res.output


def test_bad_source_date_epoch(repo):
    res = run(env={"SOURCE_DATE_EPOCH": "besok"})
    assert res.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in res.stderr


def test_today_reaches_context(repo, monkeypatch):
    seen = {}

    def spy(repo_, ctx, sops=None):
        seen["today"] = ctx.today
        seen["lang"] = ctx.lang
        return []

    import sopc.lint.engine

    monkeypatch.setattr(sopc.lint.engine, "lint", spy)
    assert run("--today", "2024-02-29", "--lang", "en").exit_code == 0
    assert str(seen["today"]) == "2024-02-29" and seen["lang"] == "en"


def test_bad_format_choice(repo):
    res = run("--format", "xml")
    assert res.exit_code == 2


def test_internal_error(repo, monkeypatch):
    import sopc.lint.engine

    def boom(*a, **k):
        raise RuntimeError("rusak\ntotal")

    monkeypatch.setattr(sopc.lint.engine, "lint", boom)
    res = CliRunner().invoke(cli, ["lint"])
    assert res.exit_code == 2
    err = res.stderr.strip()
    assert err.startswith("sopc: kesalahan internal: RuntimeError: rusak total")
    assert "laporkan" in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in res.output
    res = CliRunner().invoke(cli, ["lint"], env={"SOPC_DEBUG": "1"})
    assert isinstance(res.exception, RuntimeError)


# ---------------------------------------------------------------- json, sarif, github


def test_json(repo):
    res = run("--format", "json")
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert [d["code"] for d in data] == ["KU01", "KJ03", "KS03"]
    for d in data:
        assert list(d) == ["path", "line", "column", "code", "name", "level", "message"]
    assert data[0]["level"] == "error" and data[1]["level"] == "warning" and data[2]["level"] == "info"
    assert data[0]["name"] == "missing-time"
    assert "1 kesalahan" in res.stderr  # summary stays on stderr


def test_json_clean_is_empty_list(repo):
    res = run("sub/b.sop.yaml", "--format", "json", "--quiet")
    assert res.exit_code == 0
    assert json.loads(res.stdout) == []
    assert res.stderr == ""


def test_sarif(repo):
    from test_formatters import validate_sarif

    res = run("--format", "sarif")
    assert res.exit_code == 1
    data = validate_sarif(res.stdout)
    run_ = data["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "E001" in ids or not _registry_has_e()
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["KU01", "KJ03", "KS03"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        art = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert art["uriBaseId"] == "%SRCROOT%"
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.sop.yaml"
    assert [r["level"] for r in results] == ["error", "warning", "note"]


def _registry_has_e() -> bool:
    from sopc.rules import get_rule

    return get_rule("E001") is not None


def test_sarif_fingerprints_survive_inserted_lines(repo):
    first = json.loads(run("a.sop.yaml", "--format", "sarif").stdout)["runs"][0]["results"]
    text = (repo / "a.sop.yaml").read_text(encoding="utf-8")
    (repo / "a.sop.yaml").write_text("# baris baru\n# lagi\n" + text, encoding="utf-8")
    second = json.loads(run("a.sop.yaml", "--format", "sarif").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in second]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in second] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in first
    ]


def test_sarif_english(repo):
    from test_formatters import validate_sarif

    data = validate_sarif(run("--format", "sarif", "--lang", "en").stdout)
    assert data["runs"][0]["results"][0]["message"]["text"] == "activity 4 is wrong"


def test_github(repo):
    res = run("--format", "github")
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert lines[0].startswith("::error file=a.sop.yaml,line=")
    assert ",title=KU01 missing-time::kegiatan 4 salah" in lines[0]
    assert lines[1].startswith("::warning file=a.sop.yaml,")
    assert lines[2].startswith("::notice file=c.sop.yaml,")


# ---------------------------------------------------------------- statistik


def test_statistik_text(repo):
    res = run("--statistik")
    assert res.exit_code == 1
    out = res.stdout
    findings, _, table = out.partition("\n\n")
    assert len(findings.splitlines()) == 3
    lines = table.splitlines()
    assert lines[0].split() == ["Prinsip", "SOP", "patuh", "Persentase"]
    rows = {ln.split()[0]: ln for ln in lines[2:10]}
    assert list(rows) == ["KJ", "EE", "KS", "KU", "DN", "BP", "KH", "KP"]
    assert rows["KJ"].split()[-2:] == ["2/3", "66,7%"]   # a.sop.yaml has a KJ finding
    assert rows["KU"].split()[-2:] == ["2/3", "66,7%"]
    assert rows["KS"].split()[-2:] == ["2/3", "66,7%"]   # c.sop.yaml: info counts too
    assert rows["EE"].split()[-2:] == ["3/3", "100,0%"]
    assert lines[10] == "Jumlah SOP: 3; tanpa temuan sama sekali: 1 (33,3%)"


def test_statistik_english_and_json(repo):
    res = run("--statistik", "--lang", "en")
    assert "Principle" in res.stdout and "66.7%" in res.stdout
    res = run("--statistik", "--format", "json")
    assert len(json.loads(res.stdout)) == 3   # JSON stays a plain list
    assert "Prinsip" in res.stderr


def test_statistik_clean(repo):
    res = run("sub/b.sop.yaml", "--statistik")
    assert res.exit_code == 0
    assert res.stdout.startswith("Prinsip")
    assert "Jumlah SOP: 1; tanpa temuan sama sekali: 1 (100,0%)" in res.stdout


# ---------------------------------------------------------------- real loader + engine


@pytest.fixture
def real_repo(tmp_path, monkeypatch):
    pytest.importorskip("sopc.lint.engine")
    root = make_repo(tmp_path / "real", {"izin.sop.yaml": sop_text()})
    monkeypatch.chdir(root)
    return root


def test_real_yaml_syntax_error(real_repo):
    (real_repo / "rusak.sop.yaml").write_text("nomor: [a, b\nnama: x\n", encoding="utf-8")
    res = run("rusak.sop.yaml", "--today", "2026-06-01", "--format", "json")
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert data and all(d["path"] == "rusak.sop.yaml" for d in data)
    assert data[0]["code"] == "E001" and data[0]["level"] == "error"


def test_real_reports_only_named_files(real_repo):
    (real_repo / "rusak.sop.yaml").write_text("nomor: [a, b\nnama: x\n", encoding="utf-8")
    res = run("izin.sop.yaml", "--today", "2026-06-01", "--format", "json")
    assert all(d["path"] == "izin.sop.yaml" for d in json.loads(res.stdout))
    assert "1 berkas" in res.stderr


def test_real_unknown_key(real_repo):
    text = sop_text().replace("jenis: administratif", "jenis: administratif\nnomr: x")
    (real_repo / "izin.sop.yaml").write_text(text, encoding="utf-8")
    res = run("--today", "2026-06-01")
    assert res.exit_code == 1
    assert "izin.sop.yaml:5:1: E002 [error]" in res.stdout


def test_real_sarif_valid(real_repo):
    from test_formatters import validate_sarif

    (real_repo / "rusak.sop.yaml").write_text("nomor: [a, b\nnama: x\n", encoding="utf-8")
    res = run("--today", "2026-06-01", "--format", "sarif")
    data = validate_sarif(res.stdout)
    ids = [r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]]
    assert "E001" in ids
    assert "E001" in [r["ruleId"] for r in data["runs"][0]["results"]]


def test_real_lint_import_is_lean(real_repo):
    """`sopc lint` must not import the build stack (start-up time in pre-commit)."""
    import subprocess

    code = (
        "import sys\n"
        "from sopc.cli import main\n"
        "try:\n"
        "    main(['lint', '--today', '2026-06-01', '--quiet', 'izin.sop.yaml'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('jinja2', 'weasyprint', 'pygraphviz', 'fontTools') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=real_repo)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:", out.stdout + out.stderr


def test_color_auto_detection(monkeypatch):
    from sopc.commands import lint as lint_cmd

    class TTY:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "stdout", TTY())
    assert lint_cmd._use_color(None) is True
    assert lint_cmd._use_color(False) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert lint_cmd._use_color(None) is False
    assert lint_cmd._use_color(True) is True
    monkeypatch.setenv("NO_COLOR", "")  # empty: ignored (no-color.org)
    assert lint_cmd._use_color(None) is True
