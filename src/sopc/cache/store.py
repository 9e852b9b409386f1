"""The one authenticated cache store of a build, and the memo helpers built on it.

Every cache under ``<repo>/.sopc-cache`` is written by sopc and read back only when it
proves it: a cache restored in CI or committed by mistake is attacker-controlled, so a
checksum (which anyone can recompute) is not enough.

- :func:`seal` / :func:`unseal` frame a cache body with an HMAC-SHA256 over the
  namespace (which cache), the entry's name (its key) and the body. The secret lives
  outside the repository (:func:`secret`): the environment variable
  ``SOPC_CACHE_KEY`` (CI: a secret of at least 32 random characters), else the file
  ``<user cache dir>/sopc/cache-key`` (``$XDG_CACHE_HOME`` or ``~/.cache``;
  ``%LOCALAPPDATA%`` on Windows), created with mode 0600 on first use and replaced when
  other users can read it. A foreign, tampered, truncated or moved entry is a miss and
  is rebuilt; no pickle (:mod:`sopc.cache.snapshot`) or code object (the Jinja
  bytecode below) is ever loaded before its tag checks. Without a usable secret every
  read is a miss and nothing is written.
- :class:`Store` is the byte store used by the SOP page cache (``halaman``), the PDF
  cache (``pdf``) and the build cache (``build``: Graphviz SVGs, compiled templates):
  ``<root>/<folder>/<key><suffix>``, atomic writes, every OSError a miss or a skipped
  write (the cache never fails a build), :meth:`Store.prune` keeps what one build used.
- A repository can commit ``.sopc-cache`` (or a folder in it) as a symbolic link: a
  cache folder reached through a link (:func:`real_folder`) is not used at all, neither
  read, written nor pruned (pruning would delete whatever the link points at).
- :func:`memo_render_svgs` wraps ``sopc.site.dot.render_svgs``: the key is sha256 of
  (cache format, sopc's code hash, pygraphviz version, ``prog``, the jobs); only a result
  without any RenderError is stored.
- :func:`in_background` runs a function (the Graphviz render, memo included) in a thread
  that sees the caller's active cache, while the caller renders the repository pages.
- :func:`jinja_bytecode` (a context manager) lets a Jinja environment keep its compiled
  templates here (key: sopc's code hash, the environment's settings, the template's
  name, file and source).
- :func:`active` (a context manager) names the repository root whose cache the memo uses;
  outside it the memo simply calls through.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

from sopc.core.atomic import write_atomic

CACHE_DIR = Path(".sopc-cache") / "build"
FORMAT = "sopc-build-cache-2"
KEY_ENV = "SOPC_CACHE_KEY"
MAGIC = b"sopc-hmac-1 "
_TAG_LEN = 64

# ---------------------------------------------------------------------------
# the secret and the seal


def key_file() -> Path:
    """Where the cache secret is kept when ``SOPC_CACHE_KEY`` is not set."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base and os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
    if not base:
        base = str(Path.home() / ".cache")
    return Path(base) / "sopc" / "cache-key"


_secret_memo: dict[tuple, bytes | None] = {}


def secret() -> bytes | None:
    """The cache secret (see module doc), or None when none can be had."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8", "surrogatepass")
    # every cache entry asks (a build checks 1,000): the secret is read once for the
    # variables that place the key file (see key_file)
    memo = _key_vars()
    if memo not in _secret_memo:
        try:
            path = key_file()
        except (RuntimeError, OSError):      # no home folder
            return None
        _secret_memo[memo] = _file_secret(path)
    return _secret_memo[memo]


def _key_vars() -> tuple:
    """The variables :func:`key_file` reads."""
    env = os.environ
    return env.get("XDG_CACHE_HOME"), env.get("LOCALAPPDATA"), env.get("HOME"), env.get("USERPROFILE")


def _file_secret(path: Path) -> bytes | None:
    try:
        st = os.stat(path, follow_symlinks=False)
        # POSIX: a regular file of this user that nobody else may read (on Windows the
        # user profile's ACLs keep the cache folder private; st_mode cannot tell)
        private = stat.S_ISREG(st.st_mode) and (os.name == "nt" or (
            not (st.st_mode & 0o077) and st.st_uid == os.getuid()))
        if private:
            data = path.read_bytes().strip()
            if len(data) >= 32:
                return data
    except OSError:
        pass
    return _new_secret(path)


def _new_secret(path: Path) -> bytes | None:
    data = secrets.token_hex(32).encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, data + b"\n")
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        return None
    return data


def _tag(key: bytes, namespace: str, name: str, body: bytes) -> bytes:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    mac.update(namespace.encode("utf-8", "surrogatepass") + b"\0")
    mac.update(name.encode("utf-8", "surrogatepass") + b"\0")
    mac.update(body)
    return mac.hexdigest().encode("ascii")


def seal(namespace: str, name: str, body: bytes) -> bytes | None:
    """``body`` framed with its tag, or None without a secret (then store nothing)."""
    key = secret()
    if key is None:
        return None
    return MAGIC + _tag(key, namespace, name, body) + b"\n" + body


def unseal(namespace: str, name: str, raw: bytes) -> bytes | None:
    """The body of a sealed ``raw`` when its tag is right for this namespace and name
    under this machine's secret; None for anything else."""
    key = secret()
    head = len(MAGIC) + _TAG_LEN + 1
    if key is None or len(raw) < head or not raw.startswith(MAGIC) or raw[head - 1:head] != b"\n":
        return None
    body = raw[head:]
    if not hmac.compare_digest(raw[len(MAGIC):head - 1], _tag(key, namespace, name, body)):
        return None
    return body


def real_folder(folder: str | os.PathLike) -> bool:
    """True when no folder from the ``.sopc-cache`` component of ``folder`` down to
    ``folder`` itself is a symbolic link or something other than a folder (folders that
    do not exist yet are fine: sopc makes them)."""
    parts = Path(folder).parts
    if ".sopc-cache" not in parts:
        return True
    start = parts.index(".sopc-cache")
    for end in range(start + 1, len(parts) + 1):
        try:
            st = os.lstat(Path(*parts[:end]))
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode):      # lstat: a link is not a folder
            return False
    return True


def read_sealed(path: str | os.PathLike, namespace: str, name: str = "") -> bytes | None:
    """The authenticated body of the file at ``path``; None when missing or not proven."""
    if not real_folder(Path(path).parent):
        return None
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return None
    return unseal(namespace, name, raw)


def write_sealed(path: str | os.PathLike, namespace: str, body: bytes, name: str = "") -> bool:
    """Seal and write atomically; False (nothing written) on any failure."""
    data = seal(namespace, name, body)
    if data is None or not real_folder(Path(path).parent):
        return False
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(Path(path), data)
    except OSError:
        return False
    return True


# ---------------------------------------------------------------------------
# the store


class Store:
    """Authenticated byte store ``<root>/<folder>/<key><suffix>`` (see module doc)."""

    def __init__(self, root: str | os.PathLike, folder: str | os.PathLike = CACHE_DIR,
                 suffix: str = ""):
        self.root = Path(root)
        self.dir = self.root / folder
        self.namespace = Path(folder).as_posix()
        self.suffix = suffix
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        return read_sealed(self._path(key), self.namespace, key)

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        write_sealed(self._path(key), self.namespace, data, key)

    def before_fork(self) -> None:
        """Read (or make) the secret now, so that forked workers writing entries inherit
        it instead of each making one of its own on a first run."""
        secret()

    def prune(self) -> None:
        """Delete every entry this store's build did not read or write (nothing when the
        folder is reached through a symbolic link)."""
        if real_folder(self.dir):
            prune_unused(self.dir, self.suffix, self.used)


class BuildCache(Store):
    """The build cache, ``<root>/.sopc-cache/build``."""

    def __init__(self, root: str | os.PathLike):
        super().__init__(root, CACHE_DIR)


def prune_unused(folder: str | os.PathLike, suffix: str, used: set[str]) -> None:
    """Delete every entry of ``folder`` that is not ``<key><suffix>`` for a key in
    ``used`` (what the build that just ended read or wrote). Errors are ignored."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for e in entries:
        key = e.name[: -len(suffix)] if suffix and e.name.endswith(suffix) else (e.name if not suffix else None)
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
