"""Content-addressed build cache for outputs other than SOP pages.

SOP pages have their own cache (``sopc.render.batch.PageCache``, ``.sopc-cache/halaman``).
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
- :func:`in_background` runs a function (the Graphviz render, memo included) in a thread
  that sees the caller's active cache, while the caller renders the repository pages.
- :func:`jinja_bytecode` (a context manager) lets a Jinja environment keep its compiled
  templates here (key: sopc's code hash, the environment's settings, the template's
  name, file and source), so that a build's fresh environment does not compile the
  repository pages' templates again.
- :func:`active` (a context manager) names the repository root whose cache the memo uses;
  outside it the memo simply calls through.

Integration (two call sites, both outside this module's owner):
1. ``sopc/site/dot.py`` ``render_svgs``: rename the body to ``_render_svgs`` and make
   ``render_svgs(jobs, prog="dot", timeout=300)`` return
   ``sopc.cache.store.memo_render_svgs(jobs, prog, lambda j, p: _render_svgs(j, p, timeout))``.
2. ``sopc/build.py`` ``_build``: wrap the call that renders the repository pages
   (``sopc.site.pages.generate``) in ``with sopc.cache.store.active(loaded.root, enabled=cache):``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

from sopc.core.atomic import write_atomic

CACHE_DIR = Path(".sopc-cache") / "build"
FORMAT = "sopc-build-cache-1"


class BuildCache:
    """Verified content-addressed byte store below ``root/.sopc-cache/build``."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.dir = self.root / CACHE_DIR

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


def prune_unused(folder: str | os.PathLike, suffix: str, used: set[str]) -> None:
    """Delete every entry of ``folder`` that is not ``<key><suffix>`` for a key in
    ``used`` (what the build that just ended read or wrote). Errors are ignored."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for e in entries:
        key = e.name[: -len(suffix)] if e.name.endswith(suffix) else None
        if key is None or key not in used:
            try:
                os.unlink(e.path)
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
    from sopc.cache.keys import code_hash

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


def in_background(fn: Callable[[], Any]) -> Callable[[], Any]:
    """Run ``fn()`` in a background thread that uses the caller's active cache (the
    memo helpers then work there as they would here); returns the function that waits
    for and gives its result (or raises its exception). For work that mostly waits on
    a helper process, such as the Graphviz renderer, while the caller goes on."""
    store = current()
    box: dict[str, Any] = {}

    def work() -> None:
        _state.cache = store
        try:
            box["out"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the collecting thread
            box["exc"] = exc

    thread = threading.Thread(target=work, name="sopc-background", daemon=True)
    thread.start()

    def collect() -> Any:
        thread.join()
        if "exc" in box:
            raise box["exc"]
        return box["out"]

    return collect


# ---------------------------------------------------------------------------
# compiled Jinja templates

def _env_signature(env: Any) -> list | None:
    """What, besides a template's source, its compiled code depends on; None when the
    environment has a setting this cannot name (then nothing is cached)."""
    auto = getattr(env, "autoescape", None)
    if not isinstance(auto, bool) or getattr(env, "finalize", None) is not None:
        return None
    try:
        return [env.block_start_string, env.block_end_string, env.variable_start_string,
                env.variable_end_string, env.comment_start_string, env.comment_end_string,
                env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
                env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                env.optimized, env.is_async, auto, type(env).__module__ + "." + type(env).__qualname__,
                env.code_generator_class.__qualname__, env.context_class.__qualname__,
                sorted(env.extensions)]
    except AttributeError:
        return None


def _bytecode_cache_class():
    from jinja2 import BytecodeCache

    class _Bytecode(BytecodeCache):
        """Compiled templates in the build cache, keyed by sopc's code hash, the
        environment's settings, the template's name and file and its source."""

        def __init__(self, store: BuildCache, signature: list):
            from sopc.cache.keys import code_hash

            self.store, self.base = store, [code_hash(), signature]

        def _key(self, bucket) -> str:
            return key_of("jinja", self.base, bucket.key, bucket.checksum)

        def load_bytecode(self, bucket) -> None:
            data = self.store.get(self._key(bucket))
            if data is not None:
                try:
                    bucket.bytecode_from_string(data)
                except Exception:  # noqa: BLE001 - an unreadable entry is a miss
                    bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                data = bucket.bytecode_to_string()
            except Exception:  # noqa: BLE001 - nothing to store
                return
            self.store.put(self._key(bucket), data)

    return _Bytecode


@contextlib.contextmanager
def jinja_bytecode(env: Any) -> Iterator[None]:
    """Within the block, ``env`` loads the templates it compiles from the active build
    cache (and stores them there): a build's fresh environment then skips compiling
    the repository pages' templates. Nothing happens without an active cache, or when
    the environment already has a bytecode cache."""
    cache = current()
    sig = _env_signature(env) if cache is not None else None
    if sig is None or getattr(env, "bytecode_cache", True) is not None:
        yield
        return
    env.bytecode_cache = _bytecode_cache_class()(cache, sig)
    try:
        yield
    finally:
        env.bytecode_cache = None
