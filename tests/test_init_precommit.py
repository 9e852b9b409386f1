"""This project's own pre-commit hook (.pre-commit-hooks.yaml), installed by pre-commit
itself from this checkout (`pre-commit try-repo`), in a repository made by `sopc init`."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from sopc.cli import cli
from tools import ROOT, missing

TODAY = "2026-11-28"


@pytest.mark.slow
def test_try_repo_installs_and_runs_the_hook(tmp_path):
    if not shutil.which("pre-commit"):
        missing("pre-commit not installed (pip install pre-commit)")
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository (pre-commit try-repo needs one)")
    repo = tmp_path / "repo"
    res = CliRunner().invoke(cli, ["init", str(repo), "--yes", "--today", TODAY])
    assert res.exit_code == 0, res.output
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), SOURCE_DATE_EPOCH="1795910400")
    env.pop("VIRTUAL_ENV", None)

    def run():
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), "sopc-lint", "--all-files"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    ok = run()
    if ok.returncode != 0 and "sopc lint" not in ok.stdout:
        # the hook's environment could not be installed (no network for the dependencies)
        if "Installing environment" in ok.stdout and ("pip" in ok.stdout or "pip" in ok.stderr):
            missing("pre-commit could not install the hook environment: " + (ok.stdout + ok.stderr)[-400:])
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "sopc lint" in ok.stdout and "Passed" in ok.stdout

    sop = next(repo.rglob("*.sop.yaml"))
    sop.write_text(sop.read_text("utf-8").replace("waktu: 15 menit", "waktu: segera", 1), "utf-8")
    bad = run()
    assert bad.returncode != 0 and "KU02" in bad.stdout, bad.stdout + bad.stderr
