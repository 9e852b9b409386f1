"""Shared by the KH rules: the parsed dasar_hukum of an SOP, computed once per run."""

from __future__ import annotations

from sopc.rules._lib.citation import Citation, parse_citation


def citations(sop, ctx) -> list[Citation | None]:
    """``parse_citation`` of every ``dasar_hukum`` entry (None where not recognised)."""
    return ctx.derived("kh.citations", sop, lambda s: [parse_citation(t) for t in s.dasar_hukum])
