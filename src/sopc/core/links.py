"""`keterkaitan` links: the one matching behaviour that lint, the SOP page, the map and
the workload page share (FORMAT.md §1.1).

An entry matches the nomor or the nama of an SOP of the repository, ignoring case,
repeated spaces, surrounding quotes, trailing punctuation and a leading word "SOP"
(with or without ``:``, ``.`` or a dash after it): "SOP: Pengelolaan Surat Masuk",
"sop  pengelolaan surat masuk." and "Pengelolaan Surat Masuk!" all name the SOP
"Pengelolaan Surat Masuk". The same key is applied to both sides, so a nomor written
"SOP-001/DPMPTSP/2026" still matches itself exactly.
"""

from __future__ import annotations

import re
from typing import Iterable

from sopc.core.text import norm_space

_QUOTES = "\"'\u201c\u201d\u2018\u2019`"
_TRAILING = re.compile(r"[\s.,;:!?]+$")
_LEADING_SOP = re.compile(r"^sop\b\s*[:.\-\u2013\u2014]?\s*(?=\S)")

_VAGUE = [
    re.compile(r"\b(?:seluruh|semua|segala|setiap|berbagai)\s+(?:sop|prosedur|standar\s+operasional)"),
    re.compile(r"\b(?:sop|prosedur)(?:\s+yang)?\s+(?:terkait|berkaitan|berhubungan|lain|lainnya|sejenis)\b"),
    re.compile(r"(?:^|\s)(?:dll|dsb|dst)\.?(?:\s|$)|\bdan\s+(?:lain[- ]lain|sebagainya|seterusnya)\b"),
    re.compile(r"^(?:[-\u2013\u2014.\u2026]+|tidak\s+ada|n/?a|nihil)$"),
]


def link_key(text: str | None) -> str:
    """Comparison key of a nomor, a nama or a keterkaitan entry ("" for none)."""
    t = norm_space(text or "").casefold().strip(_QUOTES + " ")
    t = _TRAILING.sub("", t)
    t = _LEADING_SOP.sub("", t)
    return _TRAILING.sub("", t).strip(_QUOTES + " ")


def is_vague(text: str) -> bool:
    """True for an entry that names no particular SOP: "Seluruh SOP di lingkungan
    Dinas", "SOP terkait", "semua SOP", "dll", "-"."""
    t = norm_space(text).casefold()
    return any(p.search(t) for p in _VAGUE)


def same_sop(a, b) -> bool:
    """The same SOP (the same object, or the same file loaded twice)."""
    return a is b or (a.path == b.path)


class LinkIndex:
    """The SOPs of a repository by nomor key and by nama key. Built in relpath order,
    so that with duplicate names (a KS05 finding) the first file wins everywhere."""

    def __init__(self, sops: Iterable):
        self.by_nomor: dict[str, list] = {}
        self.by_nama: dict[str, list] = {}
        for s in sorted(sops, key=lambda s: (s.relpath, str(s.path))):
            for key, table in ((link_key(s.nomor), self.by_nomor), (link_key(s.nama), self.by_nama)):
                if key:
                    table.setdefault(key, []).append(s)

    def resolve(self, text: str) -> list:
        """SOPs whose nomor or nama matches ``text`` (usually one; nomor matches first)."""
        k = link_key(text)
        if not k:
            return []
        out = list(self.by_nomor.get(k, ()))
        for s in self.by_nama.get(k, ()):
            if not any(same_sop(s, o) for o in out):
                out.append(s)
        return out

    def target(self, link) -> object | None:
        """The SOP an internal :class:`~sopc.core.model.Link` leads to, or None
        (external, empty or unresolved)."""
        if link.external or not link.text:
            return None
        found = self.resolve(link.text)
        return found[0] if found else None
