"""Shared by the KH rules: the parsed dasar_hukum of an SOP, computed once per run."""

from __future__ import annotations

from sopc.rules._lib.citation import Citation, Hierarchy, hierarchy_for, parse_citation


def table(ctx) -> Hierarchy:
    """The regulation hierarchy of this repository (built-in plus sopc.yaml
    ``hierarki``), once per run."""
    return ctx.once("kh.hierarchy", lambda: hierarchy_for(ctx.config))


def citations(sop, ctx) -> list[Citation | None]:
    """``parse_citation`` of every ``dasar_hukum`` entry (None where not recognised)."""
    t = table(ctx)
    return ctx.derived("kh.citations", sop, lambda s: [parse_citation(x, t) for x in s.dasar_hukum])
