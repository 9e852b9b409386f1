"""Faults during a build: unwritable output, a full disk, SIGKILL at random points, two
builds at once, and determinism across hash seeds, locales and time zones. The previous
`_site/` always stays complete and valid; no half-written file is ever visible."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopc.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-28"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(repo: Path, out: Path, *extra: str):
    return CliRunner().invoke(cli, ["build", str(repo), "--out", str(out), "--today", TODAY, *extra])


@pytest.fixture
def repo(tmp_path) -> Path:
    dst = tmp_path / "repo"
    shutil.copytree(EXAMPLES, dst, ignore=shutil.ignore_patterns("_site", ".sopc-cache"))
    return dst


@pytest.fixture
def built(repo, tmp_path):
    out = tmp_path / "site"
    res = build(repo, out)
    assert res.exit_code == 0, res.output
    return repo, out, snapshot(out)


def test_output_under_a_file_is_a_clear_error(repo, tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    res = build(repo, blocker / "site")
    assert res.exit_code == 2
    assert "Traceback" not in res.output and "kesalahan internal" not in res.output
    assert blocker.read_text() == "x"


def test_permission_denied_keeps_previous_site(built, monkeypatch):
    repo, out, before = built
    import sopc.build.writer as writer

    real_open = os.open

    def deny(path, flags, *a, **k):
        if flags & os.O_CREAT and ".baru-" in str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(writer.os, "open", deny)
    (repo / "perizinan" / "izin-reklame.sop.yaml").write_text(
        (repo / "perizinan" / "izin-reklame.sop.yaml").read_text("utf-8").replace("Memeriksa", "Meneliti", 1), "utf-8")
    res = build(repo, out)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert snapshot(out) == before


def test_disk_full_keeps_previous_site(built, monkeypatch):
    repo, out, before = built
    import sopc.build.writer as writer

    written = {"n": 0}
    real_write = os.write

    def full(fd, data):
        written["n"] += len(data)
        if written["n"] > 10_000:      # unchanged files are linked, not written
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(writer.os, "write", full)
    src = repo / "perizinan" / "izin-reklame.sop.yaml"     # a change, so there is work to do
    src.write_text(src.read_text("utf-8").replace("Memeriksa", "Meneliti", 1), "utf-8")
    res = build(repo, out)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert snapshot(out) == before
    leftovers = [p.name for p in out.parent.iterdir() if ".baru-" in p.name]
    assert not leftovers, leftovers


@pytest.mark.slow
def test_sigkill_at_random_points_never_leaves_a_partial_site(built):
    repo, out, reference = built
    rng = random.Random(7)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for i in range(12):
        # alternate the content so that an interrupted swap would be visible
        src = repo / "perizinan" / "izin-reklame.sop.yaml"
        text = src.read_text("utf-8")
        src.write_text(text.replace("Memeriksa", "Meneliti", 1) if i % 2 == 0 else text.replace("Meneliti", "Memeriksa", 1), "utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "sopc", "build", str(repo), "--out", str(out), "--today", TODAY,
                                 "--quiet"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.2))
        proc.kill()
        proc.wait()
        assert out.is_dir(), f"round {i}: the output folder vanished"
        snap = snapshot(out)
        # complete: exactly the same set of files as a full build, each one whole
        assert set(snap) == set(reference), f"round {i}: files differ: {set(snap) ^ set(reference)}"
        for rel in snap:
            if rel.endswith(".html"):
                assert (out / rel).read_bytes().rstrip().endswith(b"</html>"), f"round {i}: {rel} truncated"
    # and a normal build afterwards cleans every leftover and succeeds
    res = build(repo, out)
    assert res.exit_code == 0
    assert not [p for p in out.parent.iterdir() if ".baru-" in p.name or ".lama-" in p.name]


def test_two_builds_at_once_one_waits_or_fails_clearly(built):
    repo, out, _ = built
    from sopc.build.lock import LockBusy, build_lock

    with build_lock(out):
        t0 = time.monotonic()
        with pytest.raises(LockBusy):
            with build_lock(out, wait=0.3):
                pass
        assert time.monotonic() - t0 < 10
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    procs = [subprocess.Popen([sys.executable, "-m", "sopc", "build", str(repo), "--out", str(out), "--today", TODAY],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    for out_text, err_text, rc in results:
        assert rc in (0, 2), err_text
        assert "Traceback" not in err_text
    assert any(rc == 0 for *_, rc in results)
    assert snapshot(out)


@pytest.mark.slow
def test_builds_are_byte_identical_across_seeds_locales_and_timezones(repo, tmp_path):
    snaps = []
    for i, extra in enumerate([
        {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"},
        {"PYTHONHASHSEED": "4242", "TZ": "Asia/Jakarta", "LC_ALL": "C"},
        {"PYTHONHASHSEED": "random", "TZ": "America/New_York", "LANG": "id_ID.UTF-8"},
    ]):
        out = tmp_path / f"site{i}"
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **extra)
        proc = subprocess.run([sys.executable, "-m", "sopc", "build", str(repo), "--out", str(out), "--today", TODAY],
                              env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        snaps.append({k: v for k, v in snapshot(out).items() if not k.endswith(".pdf")})
    assert snaps[0] == snaps[1] == snaps[2]


def test_unchanged_repository_is_not_rebuilt_but_any_change_is(built):
    repo, out, before = built
    again = build(repo, out)
    assert again.exit_code == 0 and "Tidak ada perubahan" in again.output
    assert snapshot(out) == before
    # deleting the output, touching a source, or other options all mean a real build
    src = repo / "perizinan" / "izin-reklame.sop.yaml"
    os.utime(src)
    res = build(repo, out)
    assert "Tidak ada perubahan" not in res.output and snapshot(out) == before
    res = build(repo, out, "--kertas", "F4")
    assert "Tidak ada perubahan" not in res.output
    shutil.rmtree(out)
    res = build(repo, out)
    assert res.exit_code == 0 and snapshot(out) == before


def test_output_does_not_depend_on_the_working_folder(repo, tmp_path, monkeypatch):
    """Findings that name another SOP (KS03 one-way link here) name it relative to the
    repository root, so the pages are the same from any working folder."""
    sop = repo / "perizinan" / "pengarsipan-dokumen-elektronik.sop.yaml"
    text = sop.read_text("utf-8")
    assert "keterkaitan:\n  - Penerbitan Izin Penyelenggaraan Reklame" in text
    # the reklame SOP keeps its link to this one: a one-way link (KS03) on the reklame SOP
    sop.write_text(text.replace("keterkaitan:\n  - Penerbitan Izin Penyelenggaraan Reklame", "keterkaitan: []"), "utf-8")
    snaps = []
    for i, where in enumerate((repo, repo / "perizinan", tmp_path)):
        monkeypatch.chdir(where)
        out = tmp_path / f"site{i}"
        res = CliRunner().invoke(cli, ["build", str(repo), "--out", str(out), "--today", TODAY])
        assert res.exit_code == 0, res.output
        snaps.append(snapshot(out))
    assert any("KS03" in (tmp_path / "site0" / rel).read_text("utf-8") for rel in snaps[0] if rel.endswith(".html"))
    assert snaps[0] == snaps[1] == snaps[2]
