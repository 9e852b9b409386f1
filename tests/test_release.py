"""Release: the sdist and the wheel build (offline, from a copy of the project so that
the checkout gets no build/ or egg-info), pass `twine check --strict`, carry the
templates, fonts and static files, and the installed wheel works outside the checkout:
`sopc lint examples` and `sopc build examples --pdf` in a fresh virtual environment.

The venv sees the already installed dependencies (--system-site-packages) and gets the
wheel with --no-deps: the test is about what the wheel carries, not about the index."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from sopc import __version__
from tools import missing

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pyproject.toml", "README.md", "CHANGELOG.md", "src", "templates")
TODAY = "2026-11-28"

pytestmark = pytest.mark.slow


def run(cmd, **kw):
    res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=1200, **kw)
    return res


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    for mod in ("build", "twine", "setuptools", "wheel"):
        if importlib.util.find_spec(mod) is None:
            missing(f"{mod} not installed (pip install -e '.[test]')")
    work = tmp_path_factory.mktemp("release")
    src = work / "project"
    src.mkdir()
    for name in PROJECT_FILES:
        p = ROOT / name
        if p.is_dir():
            shutil.copytree(p, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
        else:
            shutil.copy2(p, src / name)
    out = work / "dist"
    res = run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, src])
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return out


def test_sdist_and_wheel_pass_twine_check(dist):
    files = sorted(dist.iterdir())
    assert [f.name for f in files] == [f"sopc-{__version__}-py3-none-any.whl", f"sopc-{__version__}.tar.gz"]
    res = run([sys.executable, "-m", "twine", "check", "--strict", *files])
    assert res.returncode == 0, res.stdout + res.stderr


def test_wheel_carries_templates_fonts_and_metadata(dist):
    whl = zipfile.ZipFile(dist / f"sopc-{__version__}-py3-none-any.whl")
    names = set(whl.namelist())
    templates = {p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    assert {f"sopc/templates/{t}" for t in templates} <= names
    assert {"sopc/fonts/DejaVuSans.ttf", "sopc/fonts/DejaVuSans-Bold.ttf", "sopc/fonts/LICENSE-DejaVu.txt"} <= names
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"]
    for pkg in packages:
        if pkg != "sopc.templates":
            assert pkg.replace(".", "/") + "/__init__.py" in names
    assert not any(n.startswith("tests/") for n in names)
    meta = whl.read(f"sopc-{__version__}.dist-info/METADATA").decode()
    assert f"Version: {__version__}" in meta and "Requires-Python: >=3.11" in meta
    entry = whl.read(f"sopc-{__version__}.dist-info/entry_points.txt").decode()
    assert "sopc = sopc.cli:main" in entry
    with tarfile.open(dist / f"sopc-{__version__}.tar.gz") as sdist:
        members = set(sdist.getnames())
    assert f"sopc-{__version__}/templates/sop.html.j2" in members or \
        f"sopc-{__version__}/src/sopc/templates/sop.html.j2" in members


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


def test_installed_wheel_works_outside_the_checkout(dist, tmp_path):
    venv = tmp_path / "venv"
    res = run([sys.executable, "-m", "venv", "--system-site-packages", venv])
    assert res.returncode == 0, res.stderr
    py = _venv_bin(venv, "python")
    res = run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
               dist / f"sopc-{__version__}-py3-none-any.whl"])
    assert res.returncode == 0, res.stdout + res.stderr
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "examples", work / "examples", ignore=shutil.ignore_patterns("_site", ".sopc-cache"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOPC_DEBUG")}
    sopc = _venv_bin(venv, "sopc")

    where = run([py, "-c", "import sopc, sopc.core.assets as a; print(sopc.__file__); print(a.template_root())"],
                cwd=work, env=env)
    module, templates = where.stdout.split("\n")[:2]
    assert Path(module).is_relative_to(venv) and Path(templates).is_relative_to(venv), where.stdout
    assert not Path(module).is_relative_to(ROOT)

    version = run([sopc, "--version"], cwd=work, env=env)
    assert version.returncode == 0 and version.stdout.startswith(f"sopc {__version__}\n")

    lint = run([sopc, "lint", "examples"], cwd=work, env=env)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    build = run([sopc, "build", "examples", "--pdf", "--today", TODAY, "-q"], cwd=work, env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    site = work / "examples" / "_site"
    assert (site / "index.html").is_file()
    assert (site / "aset" / "DejaVuSans.ttf").read_bytes() == (ROOT / "src/sopc/fonts/DejaVuSans.ttf").read_bytes()
    pdfs = sorted(site.rglob("*.pdf"))
    assert pdfs and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
