"""Rule DN04 and sopc.loader.gitinfo on a real git repository (skipped without git)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import write_repo
from sopc.lint.context import LintContext
from sopc.lint.engine import lint
from sopc.loader.gitinfo import change_dates, last_change_dates
from sopc.loader import load_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

def _sop_text(efektif="2025-02-01", revisi=None, extra_line=""):
    rev = f"  revisi: {revisi}\n" if revisi else ""
    return f"""nomor: SOP-001/DPMPTSP/2026
nama: Penerbitan Izin Reklame
tanggal:
  pembuatan: 2025-01-10
{rev}  efektif: {efektif}
disahkan_oleh:
  jabatan: Kepala Dinas
  nama: Dra. Siti Rahmawati, M.Si.
  nip: "197203151998032004"
dasar_hukum:
  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
kualifikasi_pelaksana: []
keterkaitan: []
peralatan: [Komputer]
peringatan: []
pencatatan: []
pelaksana:
  loket: Petugas Loket
kegiatan:
  - uraian: Menerima berkas permohonan{extra_line}
    pelaksana: loket
    kelengkapan: Formulir permohonan
    waktu: 10 menit
    output: Berkas permohonan
"""


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T10:00:00+07:00"
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _dn04(root: Path, today="2026-06-01"):
    old = os.getcwd()
    os.chdir(root)
    try:
        res = load_repository([root], use_cache=False)
        ctx = LintContext(res.repo, dt.date.fromisoformat(today))
        return [d for d in lint(res.repo, ctx, res.targets) if d.code == "DN04"]
    finally:
        os.chdir(old)


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    write_repo(root, None, extra={"izin/t.sop.yaml": _sop_text()})
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "tambah SOP", date="2025-03-01")
    return root


def test_added_only_is_not_a_change(repo):
    assert last_change_dates(repo) == {}
    assert _dn04(repo) == []


def test_modified_after_efektif_is_reported(repo):
    (repo / "izin/t.sop.yaml").write_text(_sop_text(extra_line=" izin"), "utf-8")
    _git(repo, "commit", "-qam", "ubah uraian", date="2025-06-12")
    dates = last_change_dates(repo)
    assert dates == {(repo / "izin/t.sop.yaml").resolve(): dt.date(2025, 6, 12)}
    # from a subfolder too: paths are relative to the folder asked for
    assert last_change_dates(repo / "izin") == {(repo / "izin/t.sop.yaml").resolve(): dt.date(2025, 6, 12)}
    found = _dn04(repo)
    assert [(d.line, d.column) for d in found] == [(5, 12)]
    assert "12 Juni 2025" in found[0].text("id")
    # a pinned "today" before the change does not see it (reproducible runs)
    assert _dn04(repo, today="2025-06-11") == []


def test_new_revisi_in_the_same_change_passes(repo):
    (repo / "izin/t.sop.yaml").write_text(_sop_text(revisi="2025-06-12", extra_line=" izin"), "utf-8")
    _git(repo, "commit", "-qam", "revisi", date="2025-06-12")
    assert _dn04(repo) == []


def test_every_change_is_listed_newest_first(repo):
    f = repo / "izin/t.sop.yaml"
    f.write_text(_sop_text(extra_line=" izin"), "utf-8")
    _git(repo, "commit", "-qam", "satu", date="2025-04-01")
    f.write_text(_sop_text(extra_line=" izin reklame"), "utf-8")
    _git(repo, "commit", "-qam", "dua", date="2025-05-01")
    assert change_dates(repo) == {f.resolve(): [dt.date(2025, 5, 1), dt.date(2025, 4, 1)]}


def test_outside_git_is_silent(tmp_path):
    root = tmp_path / "plain"
    write_repo(root, _sop_text())
    assert last_change_dates(root) is None
    assert _dn04(root) == []


def test_missing_folder_is_silent(tmp_path):
    assert last_change_dates(tmp_path / "nope") is None
