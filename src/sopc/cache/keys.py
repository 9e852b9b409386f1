"""Cache keys that cover sopc itself: its code, templates and fonts, and a repository's
template overrides. A new sopc, or an edited one, never reuses what another rendered."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from sopc.core.assets import PACKAGE_DIR, template_root

CACHE_FORMAT = "1"


def _hash_tree(h, folder: Path, skip_dot: bool = False) -> None:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames
                             if d != "__pycache__" and not (skip_dot and d.startswith(".")))
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            p = Path(dirpath) / name
            try:
                data = p.read_bytes()
            except OSError:
                continue
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(data).digest())


@lru_cache(maxsize=1)
def code_hash() -> str:
    """Hash of sopc's own files (code, templates, CSS, fonts)."""
    h = hashlib.sha256(CACHE_FORMAT.encode())
    _hash_tree(h, PACKAGE_DIR, skip_dot=True)
    templates = template_root()
    if PACKAGE_DIR not in templates.parents:   # a checkout: templates/ beside src/
        h.update(b"templates\0")
        _hash_tree(h, templates, skip_dot=True)
    return h.hexdigest()


def folder_hash(folder: Path) -> str:
    """Hash of the files of a folder (the repository's template overrides)."""
    if not folder.is_dir():
        return "none"
    h = hashlib.sha256()
    _hash_tree(h, folder)
    return h.hexdigest()
