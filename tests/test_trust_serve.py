"""Issue 12, item 7 (serve): NUL in a URL is 400, HEAD answers as GET, idle connections
are closed, and only localhost names are served (DNS rebinding)."""

from __future__ import annotations

import http.client
import socket

import pytest

from build_helpers import make_repo
from sopc.build import serve
from sopc.build.serve import Server, host_allowed
from sopc.lint.context import resolve_today


@pytest.fixture
def srv(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "IDLE_SECONDS", 0.5)
    repo = make_repo(tmp_path / "repo")
    server = Server(repo, None, 0, {"out": tmp_path / "site"}, say=lambda t: None,
                    today=resolve_today("2026-06-01")).start()
    yield server
    server.stop()


def request(server, method: str, path: str, host: str | None = "default") -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host == "default":
            host = f"127.0.0.1:{server.port}"
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def raw(server, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


@pytest.mark.parametrize("path", ["/%00", "/index.html%00.png", "/aset/%00/x"])
def test_nul_in_url_is_400(srv, path):
    assert request(srv, "GET", path)[0] == 400
    assert request(srv, "HEAD", path)[0] == 400


def test_raw_nul_byte_is_400(srv):
    reply = raw(srv, b"GET /a\x00b HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    assert reply.startswith(b"HTTP/1.0 400") or reply.startswith(b"HTTP/1.1 400"), reply[:80]


@pytest.mark.parametrize("path", ["/", "/aset/", "/aset", "/aset/sopc.css", "/tidak-ada.html",
                                  "/tidak-ada.png", "/__sopc/status"])
def test_head_answers_as_get(srv, path):
    g_status, g_headers, g_body = request(srv, "GET", path)
    h_status, h_headers, h_body = request(srv, "HEAD", path)
    assert h_status == g_status and h_body == b""
    assert h_headers.get("content-length") == g_headers.get("content-length")
    assert h_headers.get("content-type") == g_headers.get("content-type")
    assert b"Directory listing" not in g_body


def test_idle_connection_is_closed(srv):
    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.1\r\n")          # and then nothing more
        data = b""
        while chunk := s.recv(65536):             # returns b"" when the server hangs up
            data += chunk
    assert b"200 OK" not in data


@pytest.mark.parametrize("host,ok", [
    ("localhost", True), ("LOCALHOST:8000", True), ("127.0.0.1:1234", True), ("[::1]:80", True),
    ("[::1]", True), ("localhost.", True), (None, True),
    ("evil.example", False), ("evil.example:8000", False), ("127.0.0.1.evil.example", False),
    ("localhost.evil.example:80", False), ("[::2]:80", False), ("", False),
])
def test_host_allow_list(host, ok):
    assert host_allowed(host) is ok


def test_rebinding_host_is_refused(srv):
    assert request(srv, "GET", "/", host="attacker.example")[0] == 403
    assert request(srv, "GET", "/__sopc/status", host=f"rebind.example:{srv.port}")[0] == 403
    assert request(srv, "GET", "/", host=f"localhost:{srv.port}")[0] == 200
