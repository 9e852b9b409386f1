"""Content-addressed build cache for outputs other than SOP pages.

SOP pages have their own cache (``sopc.render.pages.PageCache``, ``.sopc-cache/halaman``).
This module caches the next most expensive output of a rebuild: the Graphviz SVGs of the
repository pages (peta keterkaitan, serah terima), about 5 s of a 1,000-SOP rebuild. An
uraian edit does not change either graph, so their DOT text, and the key, stay the same.

- :class:`BuildCache` stores bytes under ``<root>/.sopc-cache/build/<k[:2]>/<k>``, each
  entry prefixed by the sha256 of its body; a mismatch on read (corrupt, truncated) is a
  miss, so a damaged entry is never served. Writes are atomic (temp + ``os.replace``).
  Any OSError is a miss / a skipped write: the cache never fails a build.
- :func:`memo_render_svgs` wraps ``sopc.site.dot.render_svgs``: the key is sha256 of
  (cache format, sopc's code hash, pygraphviz version, ``prog``, the jobs); only a result
  without any RenderError is stored.
- :func:`active` (a context manager) names the repository root whose cache the memo uses;
  outside it the memo simply calls through.

Integration (two call sites, both outside this module's owner):
1. ``sopc/site/dot.py`` ``render_svgs``: rename the body to ``_render_svgs`` and make
   ``render_svgs(jobs, prog="dot", timeout=300)`` return
   ``sopc.cache.memo_render_svgs(jobs, prog, lambda j, p: _render_svgs(j, p, timeout))``.
2. ``sopc/build.py`` ``_build``: wrap the call that renders the repository pages
   (``sopc.site.pages.generate``) in ``with sopc.cache.active(loaded.root, enabled=cache):``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

from sopc.atomic import write_atomic

CACHE_DIR = Path(".sopc-cache") / "build"
FORMAT = "sopc-build-cache-1"


class BuildCache:
    """Verified content-addressed byte store below ``root/.sopc-cache/build``."""

    def __init__(self, root: str | os.PathLike):
        self.dir = Path(root) / CACHE_DIR

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / key

    def get(self, key: str) -> bytes | None:
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        head, sep, body = raw.partition(b"\n")
        if not sep or head != hashlib.sha256(body).hexdigest().encode():
            return None
        return body

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
        except OSError:
            pass


def key_of(*parts: Any) -> str:
    """sha256 of the parts' JSON (a stable representation of str/num/list/dict/None)."""
    text = json.dumps([FORMAT, *parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_state = threading.local()


@contextlib.contextmanager
def active(root: str | os.PathLike | None, enabled: bool = True) -> Iterator[BuildCache | None]:
    """Use the cache of ``root`` for the memoized helpers within the block."""
    previous = getattr(_state, "cache", None)
    _state.cache = BuildCache(root) if (root is not None and enabled) else None
    try:
        yield _state.cache
    finally:
        _state.cache = previous


def current() -> BuildCache | None:
    return getattr(_state, "cache", None)


def _graphviz_version() -> str:
    try:
        from importlib.metadata import version

        return version("pygraphviz")
    except Exception:  # noqa: BLE001 - unknown version: still a valid key part
        return "?"


def _svgs_key(jobs: list, prog: str) -> str:
    from sopc.render.pages import code_hash

    return key_of("svgs", code_hash(), _graphviz_version(), prog, [list(j) for j in jobs])


def _svgs_hit(cache: BuildCache, key: str, n: int) -> list | None:
    hit = cache.get(key)
    if hit is not None:
        try:
            svgs = json.loads(hit.decode("utf-8"))
            if isinstance(svgs, list) and len(svgs) == n and all(isinstance(s, str) for s in svgs):
                return svgs
        except ValueError:
            pass
    return None


def _svgs_store(cache: BuildCache | None, key: str | None, jobs: list, out: list) -> None:
    if cache is not None and key is not None and len(out) == len(jobs) \
            and all(isinstance(s, str) for s in out):
        cache.put(key, json.dumps(out, ensure_ascii=False).encode("utf-8"))


def memo_render_svgs(jobs: list, prog: str,
                     render: Callable[[list, str], list]) -> list:
    """``render(jobs, prog)`` through the active cache (see module doc)."""
    cache = current()
    if cache is None or not jobs:
        return render(jobs, prog)
    key = _svgs_key(jobs, prog)
    hit = _svgs_hit(cache, key, len(jobs))
    if hit is not None:
        return hit
    out = render(jobs, prog)
    _svgs_store(cache, key, jobs, out)
    return out


def memo_render_svgs_async(jobs: list, prog: str,
                           render: Callable[[list, str], list]) -> Callable[[], list]:
    """:func:`memo_render_svgs` that returns at once: the result is what the returned
    function gives. On a miss ``render(jobs, prog)`` runs in a background thread (it
    waits on a helper process), so that the caller can do other work meanwhile; the
    active cache is looked up here, in the caller's thread, and filled on collection."""
    cache = current()
    key = None
    if cache is not None and jobs:
        key = _svgs_key(jobs, prog)
        hit = _svgs_hit(cache, key, len(jobs))
        if hit is not None:
            return lambda: hit
    if not jobs:
        return lambda: render(jobs, prog)
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["out"] = render(jobs, prog)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the collecting thread
            box["exc"] = exc

    thread = threading.Thread(target=work, name="sopc-graphviz", daemon=True)
    thread.start()
    done: list = []

    def collect() -> list:
        if not done:
            thread.join()
            if "exc" in box:
                raise box["exc"]
            _svgs_store(cache, key, jobs, box["out"])
            done.append(box["out"])
        return done[0]

    return collect
