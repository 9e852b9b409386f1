"""Issue 12, item 2: a cache restored in CI or committed by mistake is attacker-controlled.
Every entry under .sopc-cache must prove it was written on this machine (HMAC with a
secret kept outside the repository); a planted one is a miss and is rebuilt, and no
pickle or code object from disk is loaded before it proves it."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from pathlib import Path

import pytest

from build_helpers import make_repo
from sopc.build.pipeline import build
from sopc.cache import snapshot, store

TODAY = "2026-06-01"
EVIL = b"<script>alert('planted')</script>"


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    monkeypatch.delenv(store.KEY_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _old_style(body: bytes) -> bytes:
    """The format before authentication: a sha256 line anyone can recompute."""
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _foreign(namespace: str, name: str, body: bytes, monkeypatch) -> bytes:
    """A well-formed entry sealed with another machine's secret."""
    with monkeypatch.context() as m:
        m.setenv(store.KEY_ENV, "another machine's secret, 32+ characters long")
        return store.seal(namespace, name, body)


@pytest.mark.parametrize("how", ["recomputed checksum", "foreign secret"])
def test_planted_page_entry_is_a_miss(repo, monkeypatch, how):
    first = build([repo], today=TODAY, write=False)
    folder = repo / ".sopc-cache" / "halaman"
    entries = _entries(folder)
    assert entries
    for p in entries:
        body = b"<!doctype html><html><body>" + EVIL + b"</body></html>"
        key = p.name[: -len(".html")]
        p.write_bytes(_old_style(body) if how == "recomputed checksum"
                      else _foreign(".sopc-cache/halaman", key, body, monkeypatch))
    again = build([repo], today=TODAY, write=False)
    assert not any(EVIL in data for data in again.files.values())
    assert again.files == first.files


def test_entry_moved_to_another_key_is_a_miss(tmp_path):
    s = store.Store(tmp_path, ".sopc-cache/halaman", ".html")
    s.put("a" * 64, b"page a")
    assert s.get("a" * 64) == b"page a"
    (tmp_path / ".sopc-cache/halaman" / ("a" * 64 + ".html")).rename(
        tmp_path / ".sopc-cache/halaman" / ("b" * 64 + ".html"))
    assert s.get("b" * 64) is None
    pdfs = store.Store(tmp_path, ".sopc-cache/pdf", ".pdf")
    pdfs.put("c" * 64, b"%PDF-1.7")
    os.replace(tmp_path / ".sopc-cache/pdf" / ("c" * 64 + ".pdf"),
               tmp_path / ".sopc-cache/halaman" / ("c" * 64 + ".html"))
    assert s.get("c" * 64) is None                 # another cache's entry


class _Touch:
    """Unpickling this creates a file: the proof that code ran."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_planted_jinja_bytecode_never_runs(repo, tmp_path, monkeypatch):
    from jinja2.bccache import bc_magic

    from sopc.render import html

    build([repo], today=TODAY, write=False)
    folder = repo / ".sopc-cache" / "build"
    entries = _entries(folder)
    assert entries, "the repository pages keep their compiled templates in the build cache"
    proof = tmp_path / "pwned"
    payload = bc_magic + pickle.dumps(_Touch(proof))
    for how in ("recomputed checksum", "foreign secret"):
        for p in entries:
            p.write_bytes(_old_style(payload) if how == "recomputed checksum"
                          else _foreign(".sopc-cache/build", p.name, payload, monkeypatch))
        html._ENVIRONMENTS.clear()        # a new process: templates come from the cache
        build([repo], today=TODAY, write=False)
        assert not proof.exists(), how


def test_planted_snapshot_is_never_unpickled(repo, tmp_path, monkeypatch):
    assert build([repo], today=TODAY).exit_code == 0
    path = repo / snapshot.FILE
    assert snapshot._read(repo) is not None
    sealed = path.read_bytes()
    body = store.unseal(snapshot.FILE.as_posix(), "", sealed)
    data = pickle.loads(body)
    data["files"] = {k: v for k, v in data["files"].items()}
    plain = pickle.dumps(data)
    path.write_bytes(plain)                               # unsealed, well-formed data
    assert snapshot._read(repo) is None
    proof = tmp_path / "pwned"
    path.write_bytes(_foreign(snapshot.FILE.as_posix(), "", pickle.dumps(_Touch(proof)), monkeypatch))
    assert snapshot._read(repo) is None
    assert not proof.exists()


def test_planted_build_stamp_and_index_are_ignored(repo, monkeypatch):
    from sopc.cache import stamp
    from sopc.loader.index_cache import IndexCache

    assert build([repo], today=TODAY).exit_code == 0
    assert stamp._load(repo)
    raw = (repo / stamp.STAMP).read_bytes()
    (repo / stamp.STAMP).write_bytes(raw.split(b"\n", 1)[1])      # the JSON without its seal
    assert stamp._load(repo) == {}
    cache = IndexCache(repo)
    cache.entries = {"x": {"stamp": [1, 2]}}
    cache.dirty = True
    cache.save()
    assert IndexCache(repo).entries == cache.entries
    path = repo / ".sopc-cache" / "index.json"
    path.write_bytes(path.read_bytes().split(b"\n", 1)[1])
    assert IndexCache(repo).entries == {}


def test_secret_file_is_private_and_outside_the_repository(repo, tmp_path):
    store._secret_memo.clear()
    assert store.secret() is not None
    key = store.key_file()
    assert tmp_path / "usercache" in key.parents and repo not in key.parents
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        first = key.read_bytes()
        key.chmod(0o644)                      # readable by others: no longer a secret
        store._secret_memo.clear()
        store.secret()
        assert key.read_bytes() != first and stat.S_IMODE(key.stat().st_mode) == 0o600


def test_environment_secret_for_ci(tmp_path, monkeypatch):
    monkeypatch.setenv(store.KEY_ENV, "ci secret of at least 32 characters!!")
    s = store.Store(tmp_path, ".sopc-cache/build")
    s.put("k", b"v")
    assert s.get("k") == b"v"
    monkeypatch.setenv(store.KEY_ENV, "a different ci secret, also long enough")
    assert s.get("k") is None
    assert not (tmp_path / "usercache").exists()


def test_no_secret_no_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "secret", lambda: None)
    s = store.Store(tmp_path, ".sopc-cache/build")
    s.put("k", b"v")
    assert s.get("k") is None
    assert not (tmp_path / ".sopc-cache" / "build" / "k").exists()


def test_init_gitignore_lists_the_cache(tmp_path):
    from sopc.core.assets import template_text

    assert ".sopc-cache/" in template_text("init", "gitignore.tmpl").splitlines()


@pytest.mark.parametrize("link", [".sopc-cache", ".sopc-cache/halaman", ".sopc-cache/pdf", ".sopc-cache/build"])
def test_cache_folder_symlinked_out_of_the_repository_is_not_used(repo, tmp_path, link):
    """A repository may commit .sopc-cache (or a folder in it) as a symbolic link: sopc
    must neither write there nor prune (delete) the files it finds there."""
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "precious.txt"
    victim.write_text("keep me", "utf-8")
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    (repo / link).symlink_to(outside, target_is_directory=True)
    first = build([repo], today=TODAY, pdf=link.endswith("pdf") and _has_weasyprint())
    assert first.exit_code == 0, first.fatal
    assert victim.read_text("utf-8") == "keep me"
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]


def _has_weasyprint() -> bool:
    try:
        import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001
        return False
    return True
