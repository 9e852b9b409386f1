"""A syntax error in one SOP is reported once, at that file (E001): the SOPs that link
to it are not flooded with KS01 dead-link errors, nor left out of the build, while it
is being fixed. Its nomor and nama are read off its top-level lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopc.lint import parallel
from sopc.build.pipeline import build
from sopc.cli import cli
from sopc.lint.context import resolve_today
from sopc.loader import plan_repository, salvage_names

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-28"
BROKEN = "perizinan/izin-reklame.sop.yaml"          # SOP-001, linked by nomor and by nama
LINKING = ("pengaduan/penanganan-pengaduan.sop.yaml", "perizinan/pengarsipan-dokumen-elektronik.sop.yaml")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    r = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", r, ignore=shutil.ignore_patterns("_site", ".sopc-cache"))
    src = r / BROKEN
    src.write_text(src.read_text("utf-8").replace("kegiatan:", "kegiatan:\n  - uraian: [", 1), "utf-8")
    monkeypatch.chdir(r)
    return r


def lint_json(*args: str) -> list[dict]:
    res = CliRunner().invoke(cli, ["lint", "--format", "json", "--today", TODAY, *args])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def test_salvage_names():
    text = (b"# SOP\nnomor: 'SOP-009/X/2026'\nnama: Izin Usaha   # nama resmi\n"
            b"kegiatan:\n  - uraian: [\n  nama: bukan ini\nnama: kedua\n")
    assert salvage_names(text) == ("SOP-009/X/2026", "Izin Usaha")
    assert salvage_names(b"nama: [a, b\n") == ()
    assert salvage_names(b"\xff\xfe\x00") == ()


def test_lint_reports_the_broken_file_only(repo):
    found = lint_json(".")
    assert [(d["path"], d["code"]) for d in found if d["level"] == "error"] == [(BROKEN, "E001")]
    assert not [d for d in found if d["code"] == "KS01"]


def test_pre_commit_on_a_linking_file(repo):
    for rel in LINKING:
        assert not [d for d in lint_json(rel) if d["code"] == "KS01"]


def test_parallel_lint_agrees(repo, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_FILES_PER_JOB", 1)
    run = parallel.load_and_lint(plan_repository([repo]), resolve_today(TODAY), jobs=2, use_cache=False)
    assert set(run.repo.unparsed) == {BROKEN}
    assert run.repo.unparsed[BROKEN][0] == "SOP-001/DPMPTSP/2026"
    assert not [d for d in run.rule_diagnostics if d.code == "KS01"]


def test_a_link_matching_nothing_still_fails(repo):
    src = repo / LINKING[0]
    src.write_text(src.read_text("utf-8").replace("SOP-001/DPMPTSP/2026", "SOP-091/DPMPTSP/2026", 1), "utf-8")
    ks01 = [d for d in lint_json(".") if d["code"] == "KS01"]
    assert [d["path"] for d in ks01] == [LINKING[0]]


def test_build_keeps_the_linking_sops(repo, tmp_path):
    res = build([repo], out=tmp_path / "site", today=TODAY)
    assert res.exit_code == 1
    assert [d.code for d in res.unloaded] == ["E001"]
    rendered = {p.sop.relpath for p in res.pages if p.skipped_reason is None}
    assert set(LINKING) <= rendered
    assert not (tmp_path / "site" / "bidang-perizinan" / "sop-001-dpmptsp-2026.html").exists()
