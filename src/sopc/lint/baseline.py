"""The lint baseline (``sopc lint --baseline FILE``).

A team that adopts sopc on a repository of old SOPs records the current findings once;
later runs report only new ones. The first run (FILE missing) writes every current
finding; later runs drop the findings that match an entry.

An entry is ``{code, path, key}``: the rule code, the file's path relative to the
repository root (POSIX), and a *content key* that does not depend on line numbers, so
that inserting lines above a finding does not bring it back (:func:`content_key`).
Matching is a multiset: two identical findings need two entries.

Source errors (E-codes) are never recorded and never suppressed (FORMAT.md §3).

File format (JSON, UTF-8, sorted, stable under re-recording)::

    {
      "version": 1,
      "tool": "sopc",
      "entries": [
        {"code": "KU01", "path": "perizinan/reklame.sop.yaml", "key": "..."}
      ]
    }
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from sopc.core.atomic import write_atomic as _write_atomic
from sopc.core.diagnostics import Diagnostic, Level, Message, msg
from sopc.lint.formatters import relative_posix, sorted_diagnostics
from sopc.core.text import norm_space

VERSION = 1

_NUMBER = re.compile(r"\d+")

Entry = tuple[str, str, str]  # (code, path, key)


class BaselineError(Exception):
    """A baseline file that cannot be read or written; carries a bilingual message."""

    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message


def is_source_error(d: Diagnostic) -> bool:
    """E-codes (source errors) cannot be suppressed by a baseline."""
    return bool(re.fullmatch(r"E\d+", d.code or ""))


_QUOTED = re.compile(r"(\"[^\"]*\"|“[^”]*”|'[^']*')")


def _strip_positions(text: str) -> str:
    """Replace every number outside quotes by ``#``: positions (line, column, activity
    numbers) are never quoted, while quoted text (a nomor, a ``waktu`` value, an
    ``uraian``) is content and keeps its digits."""
    parts = _QUOTED.split(text)
    return "".join(p if i % 2 else _NUMBER.sub("#", p) for i, p in enumerate(parts))


def content_key(d: Diagnostic, sop=None) -> str:
    """A key that identifies a finding by its content, not its position.

    Starts from the rule's key (``Diagnostic.key``, which the engine fills with the
    message text and the activity's ``uraian``) or else the Indonesian message text.
    Every number outside quotes is replaced by ``#``: messages may name line or
    activity numbers, which shift when lines or rows are inserted above the finding.
    When the finding belongs to an activity and the SOP is known, the activity's
    ``uraian`` is appended (unless the key already ends with it), verbatim, so that
    findings on different activities with the same message stay distinct.
    """
    base = norm_space(d.key or (d.message.id if d.message else ""))
    uraian = ""
    kegiatan = (getattr(sop, "kegiatan", None) or []) if sop is not None else []
    if d.activity and 1 <= d.activity <= len(kegiatan):
        uraian = norm_space(kegiatan[d.activity - 1].uraian or "")
    elif d.activity and d.key and "|" in base:
        # the engine's key is "message|uraian": the same result without the SOP model
        uraian = base.rpartition("|")[2]
    if uraian and base.endswith("|" + uraian):
        base = base[: -len(uraian) - 1]
    key = _strip_positions(base)
    return f"{key}|{uraian}" if uraian else key


def baseline_path(d: Diagnostic, root: Path | None) -> str:
    """The finding's path relative to the repository root, POSIX; the path as shown
    when the file lies outside the root."""
    rel = relative_posix(d.path, root) if root is not None else None
    return rel if rel is not None else str(d.path).replace(os.sep, "/")


def entry_for(d: Diagnostic, root: Path | None, sops: Mapping[str, object] | None = None) -> Entry:
    sop = (sops or {}).get(d.path)
    return (d.code, baseline_path(d, root), content_key(d, sop))


# --------------------------------------------------------------------------- file


def _malformed(path: Path, detail_id: str, detail_en: str) -> BaselineError:
    return BaselineError(
        msg(
            f"berkas baseline {path} rusak: {detail_id}. Perbaiki atau hapus berkas itu "
            "agar temuan saat ini direkam ulang.",
            f"baseline file {path} is malformed: {detail_en}. Fix it, or delete it to "
            "record the current findings again.",
        )
    )


def load(path: Path) -> Counter:
    """Read a baseline file into a multiset of entries. Raises :class:`BaselineError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BaselineError(
            msg(
                f"berkas baseline {path} tidak dapat dibaca: {exc.strerror or exc}",
                f"cannot read baseline file {path}: {exc.strerror or exc}",
            )
        ) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _malformed(path, "bukan teks UTF-8", "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _malformed(
            path,
            f"bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno})",
            f"not valid JSON (line {exc.lineno}, column {exc.colno})",
        ) from None
    if not isinstance(data, dict) or "entries" not in data:
        raise _malformed(path, "tidak ada daftar 'entries'", "no 'entries' list")
    version = data.get("version")
    if version != VERSION:
        raise _malformed(
            path,
            f"versi {version!r} tidak dikenal (yang didukung: {VERSION})",
            f"unknown version {version!r} (supported: {VERSION})",
        )
    entries = data["entries"]
    if not isinstance(entries, list):
        raise _malformed(path, "'entries' harus berupa daftar", "'entries' must be a list")
    out: Counter = Counter()
    for i, e in enumerate(entries, 1):
        if not (
            isinstance(e, dict)
            and all(isinstance(e.get(k), str) for k in ("code", "path", "key"))
        ):
            raise _malformed(
                path,
                f"entri ke-{i} harus berisi teks code, path dan key",
                f"entry {i} must have text values code, path and key",
            )
        out[(e["code"], e["path"], e["key"])] += 1
    return out


def dumps(entries: Iterable[Entry]) -> str:
    items = [{"code": c, "path": p, "key": k} for c, p, k in sorted(entries)]
    return json.dumps({"version": VERSION, "tool": "sopc", "entries": items}, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and
    ``os.replace``: a reader never sees a half-written file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    _write_atomic(folder / path.name, text, fsync=True)


# --------------------------------------------------------------------------- apply


@dataclass
class BaselineResult:
    diagnostics: list[Diagnostic]   # what to report
    recorded: int | None = None     # number of entries written (first run), else None
    suppressed: int = 0             # findings hidden by existing entries
    unmatched: int = 0              # entries that matched nothing (fixed findings)
    path: Path | None = None

    def note(self, lang: str = "id") -> str:
        """The line ``sopc lint`` prints on stderr about the baseline."""
        if self.recorded is not None:
            m = msg(
                f"baseline: {self.recorded} temuan direkam di {self.path}; "
                "temuan itu tidak dilaporkan lagi.",
                f"baseline: recorded {self.recorded} finding{'s' if self.recorded != 1 else ''} "
                f"in {self.path}; they will not be reported again.",
            )
        else:
            m = msg(
                f"baseline: {self.suppressed} temuan lama disembunyikan ({self.path}).",
                f"baseline: {self.suppressed} known finding{'s' if self.suppressed != 1 else ''} "
                f"hidden ({self.path}).",
            )
        return m.text(lang)


def filter_new(
    diags: Iterable[Diagnostic],
    baseline: Counter,
    root: Path | None,
    sops: Mapping[str, object] | None = None,
) -> tuple[list[Diagnostic], int, int]:
    """Drop the findings that match a baseline entry (each entry matches once).
    Returns (new findings, number suppressed, number of unused entries)."""
    left = Counter(baseline)
    new: list[Diagnostic] = []
    suppressed = 0
    for d in sorted_diagnostics(diags):
        if d.level <= Level.OFF:
            continue
        if is_source_error(d):
            new.append(d)
            continue
        e = entry_for(d, root, sops)
        if left[e] > 0:
            left[e] -= 1
            suppressed += 1
        else:
            new.append(d)
    return new, suppressed, sum(left.values())


def record(
    path: Path,
    diags: Iterable[Diagnostic],
    root: Path | None,
    sops: Mapping[str, object] | None = None,
) -> tuple[list[Diagnostic], int]:
    """Write every current finding (except source errors) to ``path``. Returns the
    findings still to report (the source errors) and the number recorded."""
    keep: list[Diagnostic] = []
    entries: list[Entry] = []
    for d in sorted_diagnostics(diags):
        if d.level <= Level.OFF:
            continue
        if is_source_error(d):
            keep.append(d)
        else:
            entries.append(entry_for(d, root, sops))
    try:
        write_atomic(Path(path), dumps(entries))
    except OSError as exc:
        raise BaselineError(
            msg(
                f"berkas baseline {path} tidak dapat ditulis: {exc.strerror or exc}",
                f"cannot write baseline file {path}: {exc.strerror or exc}",
            )
        ) from None
    return keep, len(entries)


def apply(
    path: Path,
    diags: Iterable[Diagnostic],
    root: Path | None,
    sops: Mapping[str, object] | None = None,
) -> BaselineResult:
    """Record the baseline if ``path`` does not exist, else filter against it.
    ``sops`` maps a diagnostic path (``SOP.relpath``) to its SOP, for the activity
    text in content keys. Raises :class:`BaselineError` (exit 2)."""
    path = Path(path)
    diags = list(diags)
    if not path.exists():
        keep, n = record(path, diags, root, sops)
        return BaselineResult(keep, recorded=n, path=path)
    if path.is_dir():
        raise BaselineError(
            msg(f"baseline {path} adalah folder, bukan berkas", f"baseline {path} is a folder, not a file")
        )
    known = load(path)
    new, suppressed, unmatched = filter_new(diags, known, root, sops)
    return BaselineResult(new, suppressed=suppressed, unmatched=unmatched, path=path)


__all__ = [
    "BaselineError",
    "BaselineResult",
    "VERSION",
    "apply",
    "content_key",
    "dumps",
    "entry_for",
    "filter_new",
    "load",
    "record",
    "write_atomic",
]
