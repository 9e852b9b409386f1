"""`sopc doctor`, `sopc --version` and `sopc build --pdf` on a machine with and without
Pango. "Without" is simulated the way it happens: a `weasyprint` whose import fails
with the OSError WeasyPrint raises when libpango cannot be loaded, put first on
PYTHONPATH of a sopc run as a child process (or a probe result, in-process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_helpers import make_repo
from tools import missing

from sopc.build import doctor
from sopc.cli import cli
from sopc.core import environment as env

TODAY = "2026-11-28"
PANGO_ERROR = ("OSError: cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open "
               "shared object file: No such file or directory")


@pytest.fixture(scope="module")
def pdf_probe():
    return env.probe_pdf()


@pytest.fixture
def with_pango(pdf_probe):
    if not pdf_probe.ok:
        missing(f"Pango/WeasyPrint not usable here ({pdf_probe.error}); apt-get install libpango-1.0-0")
    return pdf_probe


@pytest.fixture
def no_pango_env(tmp_path):
    """Environment for a child sopc in which `import weasyprint` fails as without Pango."""
    fake = tmp_path / "fake-site"
    fake.mkdir()
    (fake / "weasyprint.py").write_text(f"raise OSError({PANGO_ERROR.split(': ', 1)[1]!r})\n", "utf-8")
    e = dict(os.environ)
    e["PYTHONPATH"] = str(fake) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.pop("SOPC_DEBUG", None)
    return e


def sopc(args, cwd, env_vars=None):
    return subprocess.run([sys.executable, "-m", "sopc", *args], cwd=cwd, env=env_vars,
                          capture_output=True, text=True, timeout=600)


# ------------------------------------------------------------------ sopc doctor


def test_doctor_ready_with_pango(with_pango, tmp_path):
    repo = make_repo(tmp_path / "repo")
    res = CliRunner().invoke(cli, ["doctor", str(repo)])
    assert res.exit_code == 0, res.output
    out = res.output
    assert f"Pango {with_pango.versions['pango']}" in out
    assert "HarfBuzz" in out and "Graphviz" in out and "DejaVuSans.ttf" in out
    assert str(repo / ".sopc-cache") in out and str(repo / "_site") in out
    assert "KURANG" not in out and out.rstrip().endswith("SOP, HTML dan PDF.")


def test_doctor_pango_missing_child_process(no_pango_env, tmp_path):
    repo = make_repo(tmp_path / "repo")
    res = sopc(["doctor"], repo, no_pango_env)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stdout.splitlines()
    bad = [i for i, line in enumerate(lines) if line.strip().startswith("KURANG")]
    assert len(bad) == 1 and "PDF" in lines[bad[0]]
    assert "pustaka sistem Pango tidak ditemukan" in lines[bad[0] + 1]
    commands = env.pdf_install_commands()
    assert lines[bad[0] + 2].strip() == f"Pasang: {commands[0]}"
    assert "1 hal kurang" in lines[-1]


@pytest.mark.parametrize("kind,expected", [
    ("debian", "sudo apt-get install -y libpango-1.0-0"),
    ("fedora", "sudo dnf install -y pango"),
    ("macos", "brew install pango"),
    ("windows", "pacman -S --needed mingw-w64-x86_64-pango"),
])
def test_doctor_names_the_command_of_the_machine(monkeypatch, tmp_path, kind, expected):
    monkeypatch.setattr(env, "probe_all", lambda: (env.Probe(error=PANGO_ERROR), env.Probe({"graphviz": "9"})))
    monkeypatch.setattr(env, "machine", lambda *a, **k: env.Machine(kind, kind))
    res = CliRunner().invoke(cli, ["doctor", str(make_repo(tmp_path / "r")), "--lang", "en"])
    assert res.exit_code == 1
    assert f"Install: {expected}" in res.output
    assert "the system library Pango was not found" in res.output
    if kind == "windows":
        assert "WEASYPRINT_DLL_DIRECTORIES" in res.output


def test_doctor_missing_python_package(monkeypatch, tmp_path):
    monkeypatch.setattr(env, "probe_all", lambda: (
        env.Probe(error="ModuleNotFoundError: No module named 'weasyprint'", package_missing=True),
        env.Probe(error="ModuleNotFoundError: No module named 'pygraphviz'", package_missing=True)))
    res = CliRunner().invoke(cli, ["doctor", str(tmp_path)])
    assert res.exit_code == 1
    assert "-m pip install \"weasyprint>=62\"" in res.output
    assert "pygraphviz" in res.output and "2 hal kurang" in res.output


def test_doctor_usage_errors(tmp_path):
    assert CliRunner().invoke(cli, ["doctor", str(tmp_path / "nothing-here")]).exit_code == 2
    assert CliRunner().invoke(cli, ["doctor", "--no-such-option"]).exit_code == 2


def test_unwritable_folder(tmp_path):
    a_file = tmp_path / "f"
    a_file.write_text("x")
    assert doctor.unwritable(a_file / "sub") is not None       # a file where a folder would be
    assert doctor.unwritable(tmp_path / "new" / "deeper") is None
    assert not (tmp_path / "new").exists()                      # nothing created
    assert list(tmp_path.iterdir()) == [a_file]                 # no temporary file left


def test_repository_folders_follow_keluaran(tmp_path):
    repo = make_repo(tmp_path / "r", config="instansi: {nama: X, satuan_kerja: Y}\nunit: [U]\nkeluaran: terbit\n")
    cache, out, root = doctor.repository_folders(repo / "u")
    assert (cache, out, root) == (repo / ".sopc-cache", repo / "terbit", repo)


@pytest.mark.parametrize("text,kind", [
    ('ID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 24.04 LTS"\n', "debian"),
    ('ID="rocky"\nID_LIKE="rhel centos fedora"\n', "fedora"),
    ("ID=alpine\n", "alpine"),
    ("ID=opensuse-leap\nID_LIKE=\"suse opensuse\"\n", "suse"),
    ("ID=nixos\n", "unknown"),
])
def test_machine_kind_from_os_release(tmp_path, text, kind):
    f = tmp_path / "os-release"
    f.write_text(text)
    assert env.machine(f, platform="linux").kind == kind
    assert env.machine(f, platform="darwin").kind == "macos"
    assert env.machine(f, platform="win32").kind == "windows"


def test_missing_library_named_from_the_error():
    assert env.missing_library("OSError: cannot load library 'libgobject-2.0-0': x") == "GLib/GObject"
    assert env.missing_library("OSError: cannot load library 'libharfbuzz-0.dll': x") == "HarfBuzz"
    assert env.missing_library(PANGO_ERROR) == "Pango"
    assert env.missing_library("something else") == "Pango"


# ------------------------------------------------------------------ sopc --version


def test_version_names_the_libraries(with_pango):
    from sopc import __version__

    res = CliRunner().invoke(cli, ["--version"])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0] == f"sopc {__version__}"
    assert lines[1].startswith(f"Python {sys.version_info.major}.{sys.version_info.minor}.")
    assert lines[2] == (f"WeasyPrint {with_pango.versions['weasyprint']}, Pango {with_pango.versions['pango']}, "
                        f"HarfBuzz {with_pango.versions['harfbuzz']}")
    assert lines[3].startswith("Graphviz ") and "pygraphviz" in lines[3]


def test_version_without_pango(no_pango_env, tmp_path):
    res = sopc(["--version"], tmp_path, no_pango_env)
    assert res.returncode == 0
    assert "WeasyPrint/Pango: tidak tersedia" in res.stdout and "sopc doctor" in res.stdout


# ------------------------------------------------------------------ sopc build --pdf


def test_build_pdf_without_pango_builds_the_html_site(no_pango_env, tmp_path):
    repo = make_repo(tmp_path / "repo")
    res = sopc(["build", "--pdf", "--today", TODAY, "-q"], repo, no_pango_env)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    site = repo / "_site"
    assert (site / "index.html").is_file()
    assert (site / "bagian-umum" / "sop-001-uji-2025.html").is_file()
    assert not list(site.rglob("*.pdf"))
    said = [line for line in res.stderr.splitlines() if line.startswith("sopc build: ")]
    assert said == ["sopc build: PDF tidak dibuat karena pustaka sistem Pango yang dibutuhkan WeasyPrint "
                    "tidak ditemukan di mesin ini; situs HTML tetap disusun, dan `sopc doctor` "
                    "menunjukkan perintah pemasangannya."]
    again = sopc(["build", "--pdf", "--today", TODAY, "-q", "--lang", "en"], repo, no_pango_env)
    assert again.returncode == 2
    assert "PDFs were not made because the system library Pango" in again.stderr


def test_build_pdf_without_pango_in_process(monkeypatch, tmp_path):
    from sopc.build.pipeline import build

    monkeypatch.setattr(env, "probe_pdf", lambda: env.Probe(error=PANGO_ERROR))
    res = build([make_repo(tmp_path / "repo")], today=TODAY, pdf=True, jobs=1)
    assert res.exit_code == 2 and res.fatal is None
    assert res.pdf_missing is not None and "sopc doctor" in res.pdf_missing.id
    assert "index.html" in res.files and not any(r.endswith(".pdf") for r in res.files)
    assert (tmp_path / "repo" / "_site" / "index.html").is_file()


def test_build_pdf_with_pango(with_pango, tmp_path):
    repo = make_repo(tmp_path / "repo")
    res = CliRunner().invoke(cli, ["build", str(repo), "--pdf", "--today", TODAY, "-q", "-j", "1"])
    assert res.exit_code == 0, res.output
    assert "sopc doctor" not in res.output
    assert (repo / "_site" / "bagian-umum" / "sop-001-uji-2025.pdf").read_bytes().startswith(b"%PDF")


def test_cache_key_check(monkeypatch, tmp_path):
    monkeypatch.setenv("SOPC_CACHE_KEY", "k" * 40)
    assert doctor.check_cache_key().found == "SOPC_CACHE_KEY"
    monkeypatch.delenv("SOPC_CACHE_KEY")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("CI", "true")
    c = doctor.check_cache_key()
    assert c.ok and c.found == str(tmp_path / "cache" / "sopc" / "cache-key")
    assert "SOPC_CACHE_KEY" in c.note.text("en")
    assert not (tmp_path / "cache").exists()        # the check creates nothing
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    c = doctor.check_cache_key()
    assert not c.ok and c.fix[0].startswith("export SOPC_CACHE_KEY=")


def test_a_probe_that_crashes_is_an_error_not_a_traceback():
    proc = env._start("import sys; sys.stderr.write('Fatal Python error: Segmentation fault'); sys.exit(139)")
    probe = env._finish(proc)
    assert not probe.ok and "code 139" in probe.error and "Segmentation fault" in probe.error
    assert env.pdf_problem(probe) is not None


def test_pdf_build_after_pango_arrives_and_up_to_date_without_probe(with_pango, monkeypatch, tmp_path):
    from sopc.build.pipeline import build

    repo = make_repo(tmp_path / "repo")
    pdf = repo / "_site" / "bagian-umum" / "sop-001-uji-2025.pdf"
    monkeypatch.setattr(env, "probe_pdf", lambda: env.Probe(error=PANGO_ERROR))
    assert build([repo], today=TODAY, pdf=True, jobs=1).exit_code == 2
    assert not pdf.exists()
    monkeypatch.setattr(env, "probe_pdf", lambda: with_pango)          # Pango installed since
    again = build([repo], today=TODAY, pdf=True, jobs=1)
    assert again.exit_code == 0 and again.up_to_date is None and pdf.read_bytes().startswith(b"%PDF")

    def no_probe():
        raise AssertionError("an up-to-date build needs no probe")

    monkeypatch.setattr(env, "probe_pdf", no_probe)
    third = build([repo], today=TODAY, pdf=True, jobs=1)
    assert third.exit_code == 0 and third.up_to_date is not None


def test_doctor_fonts_check_names_a_missing_metrics_table(monkeypatch, tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in doctor.FONT_FILES:
        (fonts / name).write_bytes((doctor.FONT_DIR / name).read_bytes())
    monkeypatch.setattr(doctor, "FONT_DIR", fonts)
    check = doctor.check_fonts()
    assert not check.ok and "metrics.json" in check.problem.id
    (fonts / "metrics.json").write_text("{}", encoding="utf-8")
    assert doctor.check_fonts().ok
