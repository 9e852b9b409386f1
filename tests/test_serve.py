"""sopc serve on 127.0.0.1: serves the site, rebuilds after an edit, the page learns the
new build number and shows build errors. Every loop is bounded."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from sopc.lint.context import resolve_today
from sopc.build.serve import Server

ROOT = Path(__file__).resolve().parent.parent


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read()


def wait_version(server: Server, after: int, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = json.loads(get(server.url + "__sopc/status"))
        if status["version"] > after:
            return status
        time.sleep(0.2)
    raise AssertionError("no rebuild within the time limit")


@pytest.fixture
def server(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", repo, ignore=shutil.ignore_patterns("_site", ".sopc-cache"))
    srv = Server(repo, None, 0, {"out": tmp_path / "site"}, say=lambda t: None,
                 today=resolve_today("2026-11-28")).start()
    yield srv, repo
    srv.stop()


def test_serves_rebuilds_and_reports(server):
    srv, repo = server
    assert srv.url.startswith("http://127.0.0.1:")
    index = get(srv.url).decode()
    assert "/__sopc/status" in index            # reload script injected in the response
    assert "__sopc" not in (srv.out_dir / "index.html").read_text("utf-8")   # not on disk
    page_rel = next(p for p in srv.out_dir.rglob("sop-001*.html")).relative_to(srv.out_dir).as_posix()
    v0 = json.loads(get(srv.url + "__sopc/status"))["version"]

    src = repo / "perizinan" / "izin-reklame.sop.yaml"
    text = src.read_text("utf-8")
    first = text.split("uraian: ", 1)[1].split("\n", 1)[0]
    src.write_text(text.replace(first, first + " secara daring", 1), "utf-8")
    status = wait_version(srv, v0)
    assert status["messages"] == []
    assert "secara daring" in get(srv.url + page_rel).decode()

    # a broken file: the error reaches the page's status
    src.write_text(text.replace("kegiatan:", "kegiatan:\n  - uraian: [", 1), "utf-8")
    status = wait_version(srv, status["version"])
    assert any("E001" in m for m in status["messages"]), status


def test_only_files_inside_the_site(server):
    srv, _ = server
    with pytest.raises(urllib.error.HTTPError):
        get(srv.url + "../repo/sopc.yaml")
    with pytest.raises(urllib.error.HTTPError):
        get(srv.url + "%2e%2e/%2e%2e/etc/passwd")


def test_version_endpoint_alias(server):
    srv, _repo = server
    a = json.loads(get(srv.url + "__sopc/version"))
    b = json.loads(get(srv.url + "__sopc/status"))
    assert a["version"] == b["version"] >= 1 and a["messages"] == b["messages"]


def test_a_save_before_the_watcher_runs_is_not_lost(tmp_path):
    """The snapshot is taken with the first build, not when the watcher thread first
    gets the processor: a save in between still triggers a rebuild."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", repo, ignore=shutil.ignore_patterns("_site", ".sopc-cache"))
    srv = Server(repo, None, 0, {"out": tmp_path / "site"}, say=lambda t: None,
                 today=resolve_today("2026-11-28"))
    try:
        v0 = srv.state.version
        src = repo / "perizinan" / "izin-reklame.sop.yaml"
        src.write_text(src.read_text("utf-8").replace("uraian: ", "uraian: Segera ", 1), "utf-8")
        srv.start()
        wait_version(srv, v0)
    finally:
        srv.stop()


def test_long_poll_answers_when_the_build_ends(server):
    """``/__sopc/status?v=N`` waits while the build number is N and answers as soon as
    a rebuild publishes a new one: the open page reloads without a polling delay."""
    import threading

    srv, repo = server
    v0 = json.loads(get(srv.url + "__sopc/status"))["version"]
    got: dict = {}

    def wait() -> None:
        got["status"] = json.loads(get(srv.url + f"__sopc/status?v={v0}"))
        got["at"] = time.monotonic()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    time.sleep(0.5)
    assert waiter.is_alive()                    # nothing changed: the request waits
    src = repo / "perizinan" / "izin-reklame.sop.yaml"
    src.write_text(src.read_text("utf-8").replace("uraian: ", "uraian: Segera ", 1), "utf-8")
    waiter.join(60)
    assert not waiter.is_alive()
    assert got["status"]["version"] > v0
    assert srv.state.version == got["status"]["version"]


def test_long_poll_times_out_and_stop_releases_it(server, monkeypatch):
    import threading

    import sopc.build.serve

    srv, _repo = server
    monkeypatch.setattr(sopc.build.serve, "LONG_POLL_SECONDS", 0.3)
    v = srv.state.version
    assert json.loads(get(srv.url + f"__sopc/status?v={v}"))["version"] == v   # after 0.3 s
    assert json.loads(get(srv.url + "__sopc/status?v=junk"))["version"] == v   # no wait

    monkeypatch.setattr(sopc.build.serve, "LONG_POLL_SECONDS", 30)
    done = threading.Event()

    def wait() -> None:
        try:
            get(srv.url + f"__sopc/status?v={v}")
        except OSError:
            pass
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    time.sleep(0.3)
    t0 = time.monotonic()
    srv.stop()
    assert done.wait(10) and time.monotonic() - t0 < 10


def test_a_page_that_goes_away_prints_no_traceback(server, capfd):
    """A reload or a closed tab cuts an open long poll: the server says nothing for a
    broken connection and one line (no traceback) for anything else."""
    srv, _repo = server
    try:
        raise BrokenPipeError(32, "Broken pipe")
    except BrokenPipeError:
        srv.httpd.handle_error(None, ("127.0.0.1", 5555))
    err = capfd.readouterr().err
    assert err == ""
    try:
        raise ValueError("boom")
    except ValueError:
        srv.httpd.handle_error(None, ("127.0.0.1", 5555))
    err = capfd.readouterr().err
    assert "Traceback" not in err and "ValueError: boom" in err and len(err.strip().splitlines()) == 1


def test_a_page_missing_from_the_last_build_waits_for_the_fix(server):
    """The SOP on screen gets an error: its page leaves the site; the reload lands on a
    404 page that still carries the reload script (the overlay shows the error) and
    the page comes back after the fix."""
    srv, repo = server
    page_rel = next(p for p in srv.out_dir.rglob("sop-001*.html")).relative_to(srv.out_dir).as_posix()
    v0 = json.loads(get(srv.url + "__sopc/status"))["version"]
    src = repo / "perizinan" / "izin-reklame.sop.yaml"
    good = src.read_text("utf-8")
    src.write_text(good.replace("kegiatan:", "kegiatan:\n  - uraian: [", 1), "utf-8")
    status = wait_version(srv, v0)
    assert any("E001" in m for m in status["messages"])
    with pytest.raises(urllib.error.HTTPError) as err:
        get(srv.url + page_rel)
    body = err.value.read().decode()
    assert err.value.code == 404 and "/__sopc/status" in body and "tidak ada" in body
    src.write_text(good, "utf-8")
    wait_version(srv, status["version"])
    assert "/__sopc/status" in get(srv.url + page_rel).decode()
