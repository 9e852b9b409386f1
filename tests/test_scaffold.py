"""sopc init, sopc new, sopc stats and the pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopc.cli import cli
from sopc.build.scaffold import next_nomor, unit_code
from tools import ROOT, missing

TODAY = "2026-11-28"


def invoke(*args, cwd: Path | None = None, input: str | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), input=input)
    finally:
        os.chdir(old)


def test_next_nomor_follows_pattern_and_existing():
    pat = r"^SOP-\d{3}/DPMPTSP/\d{4}$"
    existing = [f"SOP-{i:03d}/DPMPTSP/2025" for i in (1, 2, 7)]
    assert next_nomor(existing, pat, 2026) == "SOP-008/DPMPTSP/2026"
    assert next_nomor([], None, 2026, "DPM") == "SOP-001/DPM/2026"
    # the running number is the group that varies: not a classification code or a series
    assert next_nomor(["070/12/35.07.25/2017", "070/14/35.07.25/2017"], None, 2026) == "070/15/35.07.25/2026"
    assert next_nomor(["SOP-1-107/17000/2025", "SOP-1-100/17000/2025"], None, 2026) == "SOP-1-108/17000/2026"
    assert unit_code("Dinas Penanaman Modal dan PTSP") == "DPMPTSP"


def test_init_creates_a_clean_repository(tmp_path):
    res = invoke("init", str(tmp_path / "repo"), "--yes", "--instansi", "Pemerintah Kota Contoh",
                 "--satuan-kerja", "Badan Kepegawaian Daerah", "--unit", "Bidang Mutasi", "--today", TODAY)
    assert res.exit_code == 0, res.output
    repo = tmp_path / "repo"
    for rel in ("sopc.yaml", ".pre-commit-config.yaml", ".github/workflows/sop.yml", ".gitignore", "README.md"):
        assert (repo / rel).is_file(), rel
    lint = invoke("lint", str(repo), "--today", TODAY, "--format", "json")
    assert lint.exit_code == 0 and json.loads(lint.stdout) == []
    # refuses to overwrite
    again = invoke("init", str(repo), "--yes", "--today", TODAY)
    assert again.exit_code == 2 and "sudah ada" in again.output


def test_init_asks_unless_yes(tmp_path):
    res = invoke("init", str(tmp_path / "r"), "--today", TODAY, input="Pemerintah Provinsi X\nDinas Y\nBidang Z\n")
    assert res.exit_code == 0, res.output
    assert "Pemerintah Provinsi X" in (tmp_path / "r" / "sopc.yaml").read_text("utf-8")


def test_new_sop_has_the_next_nomor_and_no_source_error(tmp_path):
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--yes", "--today", TODAY)
    res = invoke("new", "Penerbitan Izin Usaha Mikro", "--today", TODAY, cwd=repo)
    assert res.exit_code == 0, res.output
    path = Path(res.stdout.strip())
    assert path.is_file() and 'nomor: "SOP-002/' in path.read_text("utf-8")
    lint = invoke("lint", str(repo), "--today", TODAY, "--format", "json")
    codes = {d["code"] for d in json.loads(lint.stdout)}
    assert not any(c.startswith("E") for c in codes), codes
    assert {"KP01", "KP03", "KH01"} <= codes          # what the author must still fill in
    dup = invoke("new", "Penerbitan Izin Usaha Mikro", "--today", TODAY, cwd=repo)
    assert dup.exit_code == 2


def test_new_outside_a_repository_is_a_clear_error(tmp_path):
    res = invoke("new", "X", cwd=tmp_path)
    assert res.exit_code == 2 and "sopc.yaml" in res.output and "Traceback" not in res.output


def test_stats_formats():
    for fmt in ("text", "json", "csv"):
        res = invoke("stats", str(ROOT / "examples"), "--format", fmt)
        assert res.exit_code == 0, res.output
    data = json.loads(invoke("stats", str(ROOT / "examples"), "--format", "json").stdout)
    assert len(data["sop"]) == len(list((ROOT / "examples").rglob("*.sop.yaml")))
    teknis = [r for r in data["sop"] if r["pelaksana"] == 1]
    assert teknis and all(r["serah_terima"] == 0 for r in teknis)


def test_pre_commit_hook_in_a_fresh_repository(tmp_path):
    if not shutil.which("pre-commit"):
        missing("pre-commit not installed (pip install pre-commit)")
    if not shutil.which("sopc"):
        missing("sopc not installed on PATH (pip install -e .)")
    repo = tmp_path / "repo"
    invoke("init", str(repo), "--yes", "--today", TODAY)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), SOURCE_DATE_EPOCH="1795910400")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    ok = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                        timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # a flaw makes the hook fail
    sop = next(repo.rglob("*.sop.yaml"))
    sop.write_text(sop.read_text("utf-8").replace("waktu: 15 menit", "waktu: segera", 1), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    bad = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                         timeout=300)
    assert bad.returncode != 0 and "KU02" in bad.stdout


def test_this_project_declares_the_hook():
    import yaml
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = {h["id"]: h for h in hooks}["sopc-lint"]
    assert hook["entry"] == "sopc lint" and hook["language"] == "python"
