"""A small index of the repository's SOPs (nomor, nama, unit, keterkaitan, actor
labels) keyed by file size and modification time, so that linting one file in a
repository of hundreds does not parse every other file again. The file is sealed by
the cache secret (:func:`sopc.cache.store.seal`): a corrupt, unreadable or planted
cache is ignored; writing is atomic and best effort."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sopc import __version__
from sopc.core.diagnostics import Pos
from sopc.core.model import SOP, Link

CACHE_DIR = ".sopc-cache"
INDEX_NAME = "index.json"


class IndexCache:
    def __init__(self, root: Path):
        self.root = root
        self._prefix = os.path.abspath(root).rstrip(os.sep) + os.sep
        self.path = root / CACHE_DIR / INDEX_NAME
        self.entries: dict[str, dict] = {}
        self.dirty = False
        from sopc.cache.store import read_sealed

        raw = read_sealed(self.path, f"{CACHE_DIR}/{INDEX_NAME}")
        try:
            data = json.loads(raw.decode("utf-8")) if raw is not None else {}
            if data.get("version") == __version__ and isinstance(data.get("files"), dict):
                self.entries = data["files"]
        except (ValueError, AttributeError):
            self.entries = {}

    def _key(self, f: Path) -> str:
        text = os.path.abspath(f)
        prefix = self._prefix
        if text.startswith(prefix):
            return text[len(prefix):].replace(os.sep, "/")
        return Path(text).relative_to(self.root.absolute()).as_posix()

    @staticmethod
    def _stamp(f: Path) -> list[int] | None:
        try:
            st = f.stat()
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns]

    def get(self, f: Path) -> SOP | None:
        e = self.entries.get(self._key(f))
        if not e or e.get("stamp") != self._stamp(f):
            return None
        try:
            sop = SOP.index_entry(f, self._key(f), e["nomor"], e["nama"], e["unit"], dict(e["pelaksana"]),
                                  [Link(t, bool(x), Pos(1, 1)) for t, x in e["keterkaitan"]])
        except (KeyError, TypeError, ValueError):
            return None
        return sop

    def remember(self, f: Path, sop: SOP) -> None:
        stamp = self._stamp(f)
        if stamp is None:
            return
        entry = {"stamp": stamp, "nomor": sop.nomor, "nama": sop.nama, "unit": sop.unit,
                 "pelaksana": sop.pelaksana, "keterkaitan": [[l.text, l.external] for l in sop.keterkaitan]}
        key = self._key(f)
        if self.entries.get(key) != entry:
            self.entries[key] = entry
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        from sopc.cache.store import write_sealed

        body = json.dumps({"version": __version__, "files": self.entries}, ensure_ascii=False)
        write_sealed(self.path, f"{CACHE_DIR}/{INDEX_NAME}", body.encode("utf-8"))
