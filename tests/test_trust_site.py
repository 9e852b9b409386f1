"""Issue 12, items 4, 5 and the read-only leftovers of item 7: the site is swapped in
without a gap (renameat2 RENAME_EXCHANGE on Linux), an output folder behind a symbolic
link leading out of the repository is refused (exit 2), and a read-only previous site
leaves nothing behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_helpers import make_repo, read_site
from sopc.build import writer
from sopc.build.pipeline import build
from sopc.cli import cli

TODAY = "2026-06-01"
LINUX = sys.platform.startswith("linux")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def _leftovers(parent: Path, name: str = "_site") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((f".{name}.lama-", f".{name}.baru-")))


KILL_AT_RENAME = textwrap.dedent("""
    import os, sys
    from sopc.build import writer
    real, calls = os.rename, []
    def rename(a, b, *k, **kw):      # SIGKILL between the two renames of a two-step swap
        calls.append(a)
        if len(calls) == 2:
            os.kill(os.getpid(), 9)
        return real(a, b, *k, **kw)
    os.rename = rename
    writer.write_site(sys.argv[1], {"index.html": b"new", "a/b.html": b"new b"})
""")


KILL_AT_EXCHANGE = textwrap.dedent("""
    import os, sys
    from sopc.build import writer
    real = writer.exchange
    def exchange(a, b):             # SIGKILL just before or just after the exchange
        if sys.argv[2] == "after":
            real(a, b)
        os.kill(os.getpid(), 9)
    writer.exchange = exchange
    writer.write_site(sys.argv[1], {"index.html": b"new", "a/b.html": b"new b"})
""")


@pytest.mark.skipif(not LINUX, reason="renameat2 is Linux only; elsewhere the two-rename fallback is documented")
@pytest.mark.parametrize("when,expect", [("before", b"old"), ("after", b"new")])
def test_sigkill_at_the_exchange_leaves_a_complete_site(tmp_path, when, expect):
    out = tmp_path / "_site"
    writer.write_site(out, {"index.html": b"old", "a/b.html": b"old b"})
    proc = subprocess.run([sys.executable, "-c", KILL_AT_EXCHANGE, str(out), when], capture_output=True)
    assert proc.returncode == -9
    site = read_site(out)
    assert site == {"index.html": expect, "a/b.html": expect + b" b", writer.MARKER: writer.MARKER_TEXT}
    writer.write_site(out, {"index.html": b"next"})          # the next build cleans up
    assert _leftovers(tmp_path) == [] and read_site(out)["index.html"] == b"next"


@pytest.mark.skipif(not LINUX, reason="renameat2 is Linux only; elsewhere the two-rename fallback is documented")
def test_sigkill_during_the_swap_leaves_a_complete_site(tmp_path):
    out = tmp_path / "_site"
    writer.write_site(out, {"index.html": b"old", "a/b.html": b"old b"})
    proc = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, str(out)], capture_output=True)
    assert proc.returncode in (0, -9)
    site = read_site(out)                       # never absent, never half
    assert site in ({"index.html": b"old", "a/b.html": b"old b", writer.MARKER: writer.MARKER_TEXT},
                    {"index.html": b"new", "a/b.html": b"new b", writer.MARKER: writer.MARKER_TEXT})
    assert proc.returncode == 0 and site["index.html"] == b"new"     # the exchange needs no rename
    assert _leftovers(tmp_path) == []


def test_exchange_swaps_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x").write_text("a"), (b / "x").write_text("b")
    if not writer.exchange(a, b):
        pytest.skip("no renameat2 RENAME_EXCHANGE on this system or file system")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_fallback_without_exchange_still_replaces(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "exchange", lambda a, b: False)
    out = tmp_path / "_site"
    writer.write_site(out, {"index.html": b"one"})
    writer.write_site(out, {"index.html": b"two"})
    assert (out / "index.html").read_bytes() == b"two" and _leftovers(tmp_path) == []


def test_output_symlink_leading_out_is_refused(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / "_site").symlink_to(outside, target_is_directory=True)
    result = build([repo], today=TODAY)
    assert result.exit_code == 2 and "simbolik" in result.fatal.text("id")
    assert list(outside.iterdir()) == []
    cli_result = CliRunner().invoke(cli, ["build", "--today", TODAY, "--lang", "en"])
    assert cli_result.exit_code == 2 and "symbolic link" in cli_result.output
    assert list(outside.iterdir()) == []


def test_output_under_a_symlinked_folder_is_refused(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / "keluar").symlink_to(outside, target_is_directory=True)
    result = build([repo], today=TODAY, out=repo / "keluar" / "situs")
    assert result.exit_code == 2 and list(outside.iterdir()) == []


def test_symlink_inside_the_repository_and_explicit_outside_folder_are_fine(repo, tmp_path):
    (repo / "build").mkdir()
    (repo / "_site").symlink_to(repo / "build", target_is_directory=True)
    assert build([repo], today=TODAY).exit_code == 0
    assert (repo / "build" / "index.html").is_file()
    assert build([repo], today=TODAY, out=tmp_path / "elsewhere").exit_code == 0


def _as_a_user(monkeypatch):
    """Permission checks as an ordinary user gets them (the tests may run as root, who
    may delete entries of a read-only folder)."""
    real_unlink, real_rmdir = os.unlink, os.rmdir

    def writable(path, dir_fd):
        mode = os.fstat(dir_fd).st_mode if dir_fd is not None else \
            os.stat(os.path.dirname(os.path.abspath(path))).st_mode
        if not mode & stat.S_IWUSR:
            raise PermissionError(13, "Permission denied", path)

    def unlink(path, *, dir_fd=None):
        writable(path, dir_fd)
        return real_unlink(path, dir_fd=dir_fd)

    def rmdir(path, *, dir_fd=None):
        writable(path, dir_fd)
        return real_rmdir(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "rmdir", rmdir)


@pytest.mark.parametrize("exchange", [True, False])
def test_read_only_site_leaves_no_leftovers(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(writer, "exchange", lambda a, b: False)
    out = tmp_path / "_site"
    writer.write_site(out, {"index.html": b"one", "a/b.html": b"b"})
    for p in sorted(out.rglob("*"), reverse=True) + [out]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    _as_a_user(monkeypatch)
    for i in range(2):
        writer.write_site(out, {"index.html": b"two", "a/b.html": b"b"})
    assert (out / "index.html").read_bytes() == b"two"
    assert _leftovers(tmp_path) == []


def test_lock_file_symlink_is_not_followed(repo, tmp_path):
    target = tmp_path / "elsewhere.txt"
    (repo / "._site.lock").symlink_to(target)
    result = build([repo], today=TODAY)
    assert result.exit_code == 2 and not target.exists()
