"""No-op detection for `sopc build`: a fingerprint of every input, taken from file
sizes and modification times (no file is read), compared with the one recorded after
the last successful build into the same output folder.

Inputs: sopc's own code, templates and fonts (content hash, cached per process), the
build options and "today", ``sopc.yaml``, every SOP file, the repository's
``templates/`` folder and logo, and the git HEAD (the DN04 rule reads history). When
nothing changed and the output folder is still the one sopc wrote, the build has
nothing to do. The record lives in ``.sopc-cache/build-stamp.json``, written atomically
and sealed by the cache secret (:func:`sopc.cache.store.seal`); a missing, corrupt or
foreign record only means a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

STAMP = Path(".sopc-cache") / "build-stamp.json"


def _git_head(root: Path) -> str:
    for folder in (root, *root.parents):
        head = folder / ".git" / "HEAD"
        try:
            text = head.read_text("utf-8").strip()
        except OSError:
            continue
        if text.startswith("ref: "):
            ref = folder / ".git" / text[5:]
            try:
                return ref.read_text("utf-8").strip()
            except OSError:
                return text
        return text
    return ""


def fingerprint(root: Path, sop_files: list[Path], config, options: tuple) -> str:
    from sopc.cache.keys import code_hash

    h = hashlib.sha256()
    h.update(code_hash().encode())
    h.update(repr(options).encode())
    h.update(_git_head(root).encode())
    inputs = [root / "sopc.yaml", *sop_files]
    if config.logo:
        inputs.append(root / config.logo)
    templates = root / "templates"
    if templates.is_dir():
        for dirpath, dirnames, filenames in os.walk(templates):
            dirnames.sort()
            inputs.extend(Path(dirpath) / n for n in sorted(filenames))
    for p in inputs:
        try:
            st = os.stat(p)
            h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{p}\0missing\n".encode())
    return h.hexdigest()


def _load(root: Path) -> dict:
    from sopc.cache.store import read_sealed

    raw = read_sealed(root / STAMP, STAMP.as_posix())
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else {}
        return data if isinstance(data, dict) else {}
    except ValueError:
        return {}


def lookup(root: Path, out_dir: Path, fp: str) -> dict | None:
    """The summary of the last build into ``out_dir`` when its fingerprint is ``fp``
    and the output folder is still there."""
    from sopc.build.writer import MARKER

    entry = _load(root).get(str(Path(out_dir).absolute()))
    if not isinstance(entry, dict) or entry.get("fingerprint") != fp:
        return None
    if not (Path(out_dir) / MARKER).is_file():
        return None
    return entry.get("summary") if isinstance(entry.get("summary"), dict) else None


def record(root: Path, out_dir: Path, fp: str, summary: dict) -> None:
    """Best effort: a failure to record only costs the next build its shortcut."""
    data = _load(root)
    data[str(Path(out_dir).absolute())] = {"fingerprint": fp, "summary": summary}
    _save(root, data)


def forget(root: Path, out_dir: Path) -> None:
    """The site in ``out_dir`` was replaced by a build that left no record."""
    data = _load(root)
    if data.pop(str(Path(out_dir).absolute()), None) is not None:
        _save(root, data)


def _save(root: Path, data: dict) -> None:
    from sopc.cache.store import write_sealed

    write_sealed(root / STAMP, STAMP.as_posix(), json.dumps(data, sort_keys=True).encode("utf-8"))
