"""A parallel lint run reports exactly what a serial run reports, on a generated
corpus with planted findings (repository-wide KS rules included)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sopc.lint.context import resolve_today
from sopc.loader import plan_repository
from sopc.lint.parallel import load_and_lint

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "repo"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(out), "--count", "150", "--seed", "3"],
                   check=True, capture_output=True)
    return out


def rows(run):
    return sorted((d.path, d.line, d.column, d.code, d.level, d.message.id, d.key)
                  for d in run.load_diagnostics + run.rule_diagnostics)


def test_parallel_equals_serial(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    monkeypatch.setattr("sopc.lint.parallel.MIN_FILES_PER_JOB", 1)
    today = resolve_today("2026-11-28")
    serial = load_and_lint(plan_repository([corpus]), today, jobs=1, use_cache=False)
    parallel = load_and_lint(plan_repository([corpus]), today, jobs=2, use_cache=False)
    assert rows(serial) and rows(serial) == rows(parallel)
    assert [s.relpath for s in serial.targets] == [s.relpath for s in parallel.targets]


def test_parallel_with_neighbours_from_the_cache(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    monkeypatch.setattr("sopc.lint.parallel.MIN_FILES_PER_JOB", 1)
    today = resolve_today("2026-11-28")
    sub = sorted(p for p in corpus.iterdir() if p.is_dir())[0]
    serial = load_and_lint(plan_repository([sub]), today, jobs=1)
    parallel = load_and_lint(plan_repository([sub]), today, jobs=2)
    assert rows(serial) == rows(parallel)
