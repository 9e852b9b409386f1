"""The repository index the KS rules share, built once per run (``ctx.once``):
normalised nomor and nama of every SOP, resolved `keterkaitan` links, and the actor
labels of the whole repository.

Matching a `keterkaitan` entry (FORMAT.md §1.1) ignores case, repeated spaces, trailing
punctuation and a leading word "SOP": "sop  Pengelolaan Surat Masuk." matches the nama
"Pengelolaan Surat Masuk".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sopc.rules._lib.fuzzy import near_duplicates, nearest
from sopc.core.text import norm_space

__all__ = ["norm_ref", "is_vague", "same_sop", "KsIndex", "ks_index", "actor_index", "ActorIndex"]

_LEADING_SOP = re.compile(r"^sop(?:\s+|\s*[:.]\s*)(?=\S)", re.IGNORECASE)
_TRAILING = re.compile(r"[\s.,;:!?]+$")


def norm_ref(text: str) -> str:
    """Comparison key of a nomor, nama or keterkaitan entry."""
    t = norm_space(text).casefold()
    t = _TRAILING.sub("", t)
    t = _LEADING_SOP.sub("", t)
    return _TRAILING.sub("", t)


_VAGUE = [
    re.compile(r"\b(?:seluruh|semua|segala|setiap|berbagai)\s+(?:sop|prosedur|standar\s+operasional)"),
    re.compile(r"\b(?:sop|prosedur)(?:\s+yang)?\s+(?:terkait|berkaitan|berhubungan|lain|lainnya|sejenis)\b"),
    re.compile(r"(?:^|\s)(?:dll|dsb|dst)\.?(?:\s|$)|\bdan\s+(?:lain[- ]lain|sebagainya|seterusnya)\b"),
    re.compile(r"^(?:[-\u2013\u2014.\u2026]+|tidak\s+ada|n/?a|nihil)$"),
]


def is_vague(text: str) -> bool:
    """True for an entry that names no particular SOP: "Seluruh SOP di lingkungan
    Dinas", "SOP terkait", "semua SOP", "dll", "-"."""
    t = norm_space(text).casefold()
    return any(p.search(t) for p in _VAGUE)


def same_sop(a, b) -> bool:
    """The same SOP (the same object, or the same file loaded twice)."""
    return a is b or (a.path == b.path)


@dataclass
class KsIndex:
    by_nomor: dict[str, list] = field(default_factory=dict)
    by_nama: dict[str, list] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)       # nomor and nama as written
    unparsed: frozenset[str] = frozenset()   # nomor/nama keys of files YAML cannot parse
    _links: dict[int, list] = field(default_factory=dict)

    def resolve(self, text: str) -> list:
        """SOPs whose nomor or nama matches ``text`` (usually one)."""
        k = norm_ref(text)
        if not k:
            return []
        out = list(self.by_nomor.get(k, ()))
        for s in self.by_nama.get(k, ()):
            if not any(same_sop(s, o) for o in out):
                out.append(s)
        return out

    def links(self, sop) -> list[tuple[object, list]]:
        """(link, resolved SOPs) for every internal `keterkaitan` entry (the list is
        empty when the entry resolves to nothing)."""
        key = id(sop)
        got = self._links.get(key)
        if got is None:
            got = [(ln, self.resolve(ln.text)) for ln in sop.keterkaitan if not ln.external]
            self._links[key] = got
        return got

    def links_to(self, a, b) -> bool:
        """True when ``a`` lists ``b`` (resolved) in its keterkaitan."""
        return any(any(same_sop(t, b) for t in targets) for _, targets in self.links(a))

    def suggest(self, text: str) -> str | None:
        return nearest(norm_ref(text), self.names, cutoff=0.75)


def _build(ctx) -> KsIndex:
    by_nomor: dict[str, list] = defaultdict(list)
    by_nama: dict[str, list] = defaultdict(list)
    names: list[str] = []
    for s in ctx.repo.sops:
        k = norm_ref(s.nomor) if s.nomor else ""
        if k:
            by_nomor[k].append(s)
            names.append(s.nomor)
        k = norm_ref(s.nama) if s.nama else ""
        if k:
            by_nama[k].append(s)
            names.append(s.nama)
    unparsed = frozenset(k for found in getattr(ctx.repo, "unparsed", {}).values()
                         for k in map(norm_ref, found) if k)
    return KsIndex(dict(by_nomor), dict(by_nama), names, unparsed)


def ks_index(ctx) -> KsIndex:
    return ctx.once("ks-index", lambda: _build(ctx))


@dataclass
class ActorIndex:
    files: dict[str, list[str]]            # label (spaces normalised) -> relpaths using it
    near: dict[str, list[str]]             # label -> near-duplicate labels


def _build_actors(ctx) -> ActorIndex:
    files: dict[str, list[str]] = defaultdict(list)
    for s in ctx.repo.sops:
        for lab in s.pelaksana.values():
            k = norm_space(lab)
            where = ctx.repo_path(s)
            if k and (not files[k] or files[k][-1] != where):
                files[k].append(where)
    return ActorIndex(dict(files), near_duplicates(files))


def actor_index(ctx) -> ActorIndex:
    return ctx.once("ks-actors", lambda: _build_actors(ctx))
