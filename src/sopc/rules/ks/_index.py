"""The repository index the KS rules share, built once per run (``ctx.once``):
normalised nomor and nama of every SOP, resolved `keterkaitan` links, and the actor
labels of the whole repository.

Matching a `keterkaitan` entry is :mod:`sopc.core.links` (the same everywhere).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sopc.core.links import LinkIndex, is_vague, link_key, same_sop
from sopc.core.text import norm_space
from sopc.rules._lib.fuzzy import near_duplicates, nearest

__all__ = ["link_key", "is_vague", "same_sop", "KsIndex", "ks_index", "actor_index", "ActorIndex"]

class KsIndex(LinkIndex):
    """The repository's :class:`~sopc.core.links.LinkIndex` plus what the KS rules
    need: names as written (for suggestions), the keys of files YAML cannot parse, and
    each SOP's resolved links, computed once."""

    def __init__(self, sops, unparsed: frozenset[str] = frozenset()):
        super().__init__(sops)
        self.names: list[str] = [n for s in sops for n in (s.nomor, s.nama) if link_key(n)]
        self.unparsed = unparsed
        self._links: dict[int, list] = {}

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
        return nearest(link_key(text), self.names, cutoff=0.75)


def _build(ctx) -> KsIndex:
    unparsed = frozenset(k for found in getattr(ctx.repo, "unparsed", {}).values()
                         for k in map(link_key, found) if k)
    return KsIndex(ctx.repo.sops, unparsed)


def ks_index(ctx) -> KsIndex:
    return ctx.once("ks-index", lambda: _build(ctx))


@dataclass
class ActorIndex:
    files: dict[str, list[str]]            # label (spaces normalised) -> relpaths using it
    near: dict[str, list[str]]             # label -> near-duplicate labels


def _build_actors(ctx) -> ActorIndex:
    files: dict[str, list[str]] = defaultdict(list)
    for s in ctx.repo.sops:
        where = ctx.repo_path(s)
        for lab in s.pelaksana.values():
            k = norm_space(lab)
            if k and (not files[k] or files[k][-1] != where):
                files[k].append(where)
    return ActorIndex(dict(files), near_duplicates(files))


def actor_index(ctx) -> ActorIndex:
    return ctx.once("ks-actors", lambda: _build_actors(ctx))
