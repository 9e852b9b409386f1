"""`sopc serve`: build, serve the site on 127.0.0.1, rebuild when a source changes and
reload the open page.

- Watching polls modification times (no extra dependency) of every ``*.sop.yaml``,
  ``sopc.yaml`` and the repository's ``templates/`` and logo, every 0.15 s (a walk of a
  1,000-SOP repository costs about 6 ms); changes are debounced and one build runs at
  a time.
- Served HTML responses (not the files on disk) get a small script that long-polls
  ``/__sopc/status?v=N``: the server answers as soon as the build number differs from
  N (or after 20 s), so the page reloads the moment a build ends; when the last build
  failed or skipped SOPs, it shows the diagnostics over the page.
- The server binds to 127.0.0.1 only and serves files inside the output folder only;
  it answers only requests whose ``Host`` is ``localhost``, ``127.0.0.1`` or ``[::1]``
  (with any port; a web page on another name that rebinds to 127.0.0.1 gets 403), a
  path holding NUL gets 400, ``HEAD`` answers exactly as ``GET`` without the body, no
  folder is ever listed, and a connection that sends nothing for
  :data:`IDLE_SECONDS` is closed (half-open connections do not pile up threads).
- The site is replaced atomically by the build (:mod:`sopc.build.writer`): during a
  rebuild the previous site keeps being served.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

POLL_SECONDS = 0.15
DEBOUNCE_SECONDS = 0.05
LONG_POLL_SECONDS = 20.0
IDLE_SECONDS = 15.0
ALLOWED_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})

RELOAD_SCRIPT = """<script>(function(){var v=%d;function show(s){var o=document.getElementById('__sopc_overlay');
if(!s.messages.length){if(o)o.remove();return;}if(!o){o=document.createElement('div');o.id='__sopc_overlay';
o.setAttribute('role','alert');o.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:45%%;overflow:auto;'+
'background:#fff4f4;color:#600;border-top:3px solid #c00;font:13px/1.4 monospace;padding:8px 12px;z-index:99999;white-space:pre-wrap';
document.body.appendChild(o);}o.textContent=s.messages.join('\\n');}
function poll(first){var ok=false;fetch('/__sopc/status'+(first?'':'?v='+v),{cache:'no-store'}).then(function(r){return r.json();}).then(function(s){
if(s.version!==v){location.reload();return;}ok=true;show(s);}).catch(function(){}).finally(function(){setTimeout(poll,ok?0:1000);});}
poll(true);})();</script>"""

MISSING_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Halaman tidak ada / Page not found</title></head>
<body style="font:15px/1.5 sans-serif;margin:2em">
<h1 style="font-size:1.3em">Halaman ini tidak ada dalam hasil bangun terakhir</h1>
<p>SOP-nya mungkin belum dapat dibangun karena ada kesalahan (lihat di bawah), atau
berkasnya telah dipindahkan. Halaman ini dimuat ulang sendiri setelah sumbernya diperbaiki.</p>
<p lang="en">This page is not in the last build: its SOP may have errors (see below) or
was moved. It reloads by itself once the source is fixed.</p>
<p><a href="/">Daftar SOP</a></p>
</body></html>
""".encode()


@dataclass
class ServeState:
    version: int = 0
    messages: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    changed: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)

    def wait_for_change(self, seen: int, timeout: float, stop: threading.Event) -> None:
        """Return once the build number differs from ``seen``, the server stops, or
        ``timeout`` seconds have passed (the lock is held by the caller)."""
        self.changed.wait_for(lambda: self.version != seen or stop.is_set(), timeout)

    def publish(self, messages: list[str]) -> None:
        """A new build (the lock is held by the caller): wake every waiting page."""
        self.version += 1
        self.messages = messages
        self.changed.notify_all()


Stamp = tuple[int, int, int]


def watched_files(root: Path, out_dir: Path | None = None) -> dict[str, Stamp]:
    """(mtime, size, inode) of every source that can change the site. Size and inode
    catch a save within the file system's timestamp granularity and editors that save
    by replacing the file."""
    stamps: dict[str, Stamp] = {}
    out = out_dir.resolve() if out_dir is not None else None
    for dirpath, dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        dirnames[:] = [n for n in dirnames if not n.startswith(".")
                       and n not in ("node_modules", "__pycache__")
                       and (out is None or (d / n).resolve() != out)]
        for name in filenames:
            if name.endswith((".sop.yaml", ".sop.yml", ".j2", ".css", ".png", ".jpg", ".jpeg", ".svg")) \
                    or name == "sopc.yaml":
                p = d / name
                try:
                    st = p.stat()
                except OSError:
                    continue
                stamps[str(p)] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return stamps


def _outside(stamps: dict[str, Stamp], out_dir: Path) -> dict[str, Stamp]:
    prefix = str(out_dir.resolve()) + os.sep
    return {k: v for k, v in stamps.items() if not str(Path(k).resolve()).startswith(prefix)}


class Server:
    """The running server: ``port``, ``url``, ``state``; :meth:`stop` ends it."""

    def __init__(self, path: Path | None, out: Path | None, port: int, build_options: dict,
                 say=print, today=None):
        self.path = path
        self.build_options = dict(build_options)
        self.say = say
        self.state = ServeState()
        self.today = today
        self._stop = threading.Event()
        self._building = threading.Lock()
        # the snapshot comes before the first build: a save made while it runs is a change
        before = watched_files(Path(self._find_root()))
        result = self._build()
        if result.out_dir is None:
            raise RuntimeError(result.fatal.text("id") if result.fatal else "build failed")
        self.out_dir = Path(result.out_dir)
        self.root = Path(self._root)
        self._seen = _outside(before, self.out_dir)
        handler = _handler(self)
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._threads = [threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                          daemon=True),
                         threading.Thread(target=self._watch, daemon=True)]

    def start(self) -> "Server":
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self.state.lock:
            self.state.changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()
        for t in self._threads:
            t.join(timeout=5)

    # -- building ----------------------------------------------------------------------
    def _build(self):
        from sopc.build.pipeline import build
        from sopc.lint.formatters import format_diagnostic

        with self._building:
            result = build([self.path] if self.path else None, today=self.today, **self.build_options)
            lang = result.lang
            messages: list[str] = []
            if result.fatal is not None:
                messages.append("sopc build: " + result.fatal.text(lang))
            for d in result.unloaded:
                messages.append(format_diagnostic(d, lang))
            for p in result.pages:
                if p.skipped_reason is not None:
                    messages.append(f"{p.sop.relpath}: {p.skipped_reason.text(lang)}")
                    messages.extend("  " + format_diagnostic(d, lang) for d in p.errors)
            for m in result.messages:
                messages.append(m.text(lang))
            with self.state.lock:
                self.state.publish(messages)
            self._root = getattr(result, "root", None) or self._find_root()
            for line in messages:
                self.say(line)
            self.say(f"[{time.strftime('%H:%M:%S')}] build {self.state.version}: "
                     f"{len(result.rendered)} SOP, {result.written} berkas")
            return result

    def _find_root(self) -> str:
        from sopc.loader import find_root

        start = Path(self.path) if self.path else Path.cwd()
        return str(find_root(start) or start)

    def _watch(self) -> None:
        seen = self._seen
        while not self._stop.wait(POLL_SECONDS):
            try:
                now = watched_files(self.root, self.out_dir)
                if now == seen:
                    continue
                # debounce: wait until the editor has finished writing
                time.sleep(DEBOUNCE_SECONDS)
                seen = watched_files(self.root, self.out_dir)
                self._build()
            except Exception as exc:  # keep watching and serving; show the problem in the page
                with self.state.lock:
                    self.state.publish([f"sopc: kesalahan internal saat membangun ulang: "
                                        f"{type(exc).__name__}: {exc}"])


class _QuietServer(ThreadingHTTPServer):
    """A page that goes away while its request is open (a reload, a closed tab, a long
    poll cut short) is normal: no traceback on the terminal for it."""

    def handle_error(self, request, client_address) -> None:
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        print(f"sopc serve: permintaan dari {client_address[0]} gagal / request failed: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)


def _seen_version(query: str) -> int | None:
    """The build number a long-polling page has (``v=N``), or None."""
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name == "v" and value.isdigit() and len(value) < 12:
            return int(value)
    return None


def host_allowed(host: str | None) -> bool:
    """Is a request's ``Host`` header one of :data:`ALLOWED_HOSTS` (any port)? A request
    without one (not a browser) is allowed."""
    if host is None:
        return True
    name = host.strip().lower()
    if name.startswith("["):
        name = name[: name.find("]") + 1] if "]" in name else name
    else:
        name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
    return name.rstrip(".") in ALLOWED_HOSTS


def _handler(server: Server):
    class Handler(SimpleHTTPRequestHandler):
        timeout = IDLE_SECONDS      # the socket's idle limit (StreamRequestHandler)

        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(server.out_dir), **k)

        def log_message(self, format, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802
            self._answer(head=False)

        def do_HEAD(self):  # noqa: N802
            self._answer(head=True)

        def list_directory(self, path):   # never a listing: the site has index pages
            self._send(404, "text/plain; charset=utf-8", b"not found")
            return None

        def _answer(self, head: bool) -> None:
            self._head = head
            path, _, query = self.path.partition("?")
            if "\x00" in unquote(self.path):
                self._send(400, "text/plain; charset=utf-8", b"bad request")
                return
            if not host_allowed(self.headers.get("Host")):
                self._send(403, "text/plain; charset=utf-8", b"forbidden host")
                return
            if path in ("/__sopc/status", "/__sopc/version"):
                seen = _seen_version(query) if not head else None
                with server.state.lock:
                    if seen is not None:
                        server.state.wait_for_change(seen, LONG_POLL_SECONDS, server._stop)
                    body = json.dumps({"version": server.state.version,
                                       "messages": server.state.messages}).encode()
                self._send(200, "application/json", body)
                return
            target = self.translate_path(self.path)
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            real = os.path.realpath(target)
            if not real.startswith(os.path.realpath(server.out_dir) + os.sep):
                self._send(404, "text/plain; charset=utf-8", b"not found")
                return
            if real.endswith(".html"):
                try:
                    with open(real, "rb") as fh:
                        page, code = fh.read(), 200
                except OSError:
                    # the page of an SOP that the last build could not render: a page
                    # that shows why and comes back by itself once the source is fixed
                    page, code = MISSING_PAGE, 404
                with server.state.lock:
                    script = (RELOAD_SCRIPT % server.state.version).encode()
                page = page.replace(b"</body>", script + b"</body>", 1) if b"</body>" in page else page + script
                self._send(code, "text/html; charset=utf-8", page)
                return
            if head:
                super().do_HEAD()
            else:
                super().do_GET()

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def _send(self, code: int, ctype: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not getattr(self, "_head", False):
                self.wfile.write(body)

    return Handler
