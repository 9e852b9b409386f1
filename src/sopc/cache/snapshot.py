"""The incremental build's memory of the last full build: per SOP file its stamp
(size, mtime), content hash, index fields, findings, paper and repository-page record
(:mod:`sopc.site.records`), under a context key that covers everything else the output
depends on (sopc's code, options, today, git HEAD, ``sopc.yaml``, templates, logo, the
working folder that diagnostics are relative to, the output folder).

:func:`plan_fast` decides whether a rebuild can take the fast path: the same context,
the same set of files, every previous page built, and every changed file loads cleanly
with unchanged index fields (nomor, nama, unit, actors, keterkaitan: all the other SOPs
see of it). Then only the changed files are parsed and linted; the others are light
index entries whose findings and records come from here, and whose pages come from the
page cache. Anything else (a new, renamed or deleted SOP, a changed identity, a source
error, a new day) takes the full path, which writes a fresh snapshot. Both paths give
byte-identical sites (tests/test_incremental*.py).

Stored as a pickle of plain data sealed by the cache secret (:func:`sopc.cache.store.seal`):
it is unpickled only when its HMAC tag checks, and then by an unpickler that refuses
every global (defence in depth); a corrupt, foreign or planted file is a miss, never an
error. (Three times faster to read than
:mod:`marshal` for this shape of data.)
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sopc.core.diagnostics import Diagnostic, Level, Message, Pos
from sopc.core.model import SOP, Link

FILE = Path(".sopc-cache") / "snapshot.pickle"
FORMAT = 2
MAX_CHANGED = 64          # more changed files than this: the full path is as fast


def index_fields(sop: SOP) -> tuple:
    return (sop.nomor, sop.nama, sop.unit, tuple(sop.pelaksana.items()),
            tuple((l.text, l.external) for l in sop.keterkaitan), sop.complete)


def _diag_out(d: Diagnostic) -> tuple:
    return (d.path, tuple(d.pos), d.message.id, d.message.en, d.code, d.name, int(d.level),
            tuple(tuple(p) for p in d.related), d.key, d.activity)


def _diag_in(t: tuple) -> Diagnostic:
    path, pos, mid, men, code, name, level, related, key, activity = t
    return Diagnostic(path, Pos(*pos), Message(mid, men), code=code, name=name, level=Level(level),
                      related=tuple(Pos(*p) for p in related), key=key, activity=activity)


@dataclass
class Entry:
    relpath: str
    stamp: tuple[int, int]
    hash: str
    index: tuple
    paper: str
    diagnostics: list[tuple]
    record: object


@dataclass
class FastLoad:
    """What the fast path hands the rest of the build."""

    sops: list[SOP]                       # discover order, changed ones full, others light
    changed: list[SOP]
    load_diagnostics: list[Diagnostic]    # of the changed files (none: they loaded cleanly)
    cached_diagnostics: list[Diagnostic]  # findings of the unchanged files
    papers: dict[str, str]                # relpath -> paper of the unchanged files
    records: dict[str, object]            # relpath -> repository-page record
    entries: dict[str, Entry] = field(default_factory=dict)


def context_key(root: Path, config, parts: tuple) -> str:
    from sopc.cache import stamp as buildstamp

    return buildstamp.fingerprint(root, [], config, (FORMAT, sys.version, os.getcwd(), *parts))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"global {module}.{name} refused")


def _read(root: Path) -> dict | None:
    from sopc.cache.store import read_sealed

    blob = read_sealed(root / FILE, FILE.as_posix())
    if blob is None:
        return None
    try:
        data = _PlainUnpickler(io.BytesIO(blob)).load()
    except Exception:  # noqa: BLE001 - any unreadable cache is a miss
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def plan_fast(root: Path, files: list[Path], config, key: str) -> FastLoad | None:
    """The fast path's load, or None when the full path is needed."""
    from sopc.loader import display_path, load_files

    data = _read(root)
    if data is None or data.get("key") != key:
        return None
    try:
        entries = {rel: Entry(rel, tuple(e[0]), e[1], e[2], e[3], e[4], e[5])
                   for rel, e in data["files"].items()}
    except (KeyError, TypeError, IndexError, AttributeError):
        return None
    rels = [display_path(f) for f in files]
    if set(rels) != set(entries) or len(rels) != len(entries):
        return None
    if any(e.record is None for e in entries.values()):
        return None      # the repository pages could not be made from index entries
    changed_paths: list[Path] = []
    for f, rel in zip(files, rels):
        e = entries[rel]
        st = _stamp(f)
        if st is None:
            return None
        if st == e.stamp:
            continue
        try:
            digest = hashlib.sha256(f.read_bytes()).hexdigest()
        except OSError:
            return None
        if digest == e.hash:
            e.stamp = st     # touched, not changed
            continue
        changed_paths.append(f)
        if len(changed_paths) > MAX_CHANGED:
            return None
    full, load_diags = load_files(changed_paths, config)
    if load_diags or len(full) != len(changed_paths):
        return None
    by_rel = {s.relpath: s for s in full}
    for s in full:
        if not s.complete or _as_lists(index_fields(s)) != _as_lists(entries[s.relpath].index):
            return None
    sops: list[SOP] = []
    cached: list[Diagnostic] = []
    papers: dict[str, str] = {}
    records: dict[str, object] = {}
    for f, rel in zip(files, rels):
        s = by_rel.get(rel)
        if s is not None:
            sops.append(s)
            continue
        e = entries[rel]
        nomor, nama, unit, pelaksana, links, complete = e.index
        light = SOP.index_entry(f, rel, nomor, nama, unit, dict(pelaksana),
                                [Link(t, bool(x), Pos(1, 1)) for t, x in links], complete)
        light.source_hash = e.hash
        sops.append(light)
        cached.extend(_diag_in(t) for t in e.diagnostics)
        papers[rel] = e.paper
        if e.record is not None:
            records[rel] = e.record
    return FastLoad(sops, full, load_diags, cached, papers, records, entries)


def _as_lists(value):
    """Compare the index fields structurally, whether tuples or lists."""
    if isinstance(value, (list, tuple)):
        return [_as_lists(v) for v in value]
    return value


def save(root: Path, key: str, sops: list[SOP], diagnostics: list[Diagnostic], papers: dict[str, str],
         records: dict[str, object] | None, previous: FastLoad | None = None) -> None:
    """Best effort: a failure only costs the next build its fast path."""
    from sopc.cache.store import write_sealed

    by_path: dict[str, list[tuple]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(_diag_out(d))
    files: dict[str, tuple] = {}
    old = previous.entries if previous is not None else {}
    for s in sops:
        rel = s.relpath
        e = old.get(rel)
        if s.light and e is not None:
            stamp, digest = e.stamp, e.hash
        else:
            stamp = _stamp(s.path)
            digest = s.source_hash
            if stamp is None or not digest:
                _forget(root)
                return
        record = (records or {}).get(rel)
        files[rel] = (stamp, digest, index_fields(s), papers.get(rel, ""), by_path.get(rel, []), record)
    payload = {"format": FORMAT, "key": key, "files": files}
    try:   # (a record that is not plain data would be refused when read: no fast path)
        blob = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        _forget(root)
        return
    if not write_sealed(root / FILE, FILE.as_posix(), blob):
        _forget(root)


def _forget(root: Path) -> None:
    try:
        os.unlink(root / FILE)
    except OSError:
        pass
