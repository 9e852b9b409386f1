"""Graph facts about an SOP's flow, shared by the F rules, the layout and the reports:
which activities are reachable from a start and which can reach an end."""

from __future__ import annotations

from dataclasses import dataclass

from sopc.core.model import SOP


@dataclass(frozen=True)
class FlowFacts:
    reachable: frozenset[int]     # reachable from some start
    can_finish: frozenset[int]    # some end (an edge to selesai) reachable from it


def flow_facts(sop: SOP) -> FlowFacts:
    acts = sop.kegiatan
    seen: set[int] = set()
    stack = [a.index for a in acts if a.is_start]
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        stack.extend(t for t in acts[i].successors if t not in seen)
    preds: dict[int, list[int]] = {}
    for a in acts:
        for t in a.successors:
            preds.setdefault(t, []).append(a.index)
    finish: set[int] = set()
    stack = [a.index for a in acts if any(e.target is None for e in a.edges)]
    while stack:
        i = stack.pop()
        if i in finish:
            continue
        finish.add(i)
        stack.extend(p for p in preds.get(i, ()) if p not in finish)
    return FlowFacts(frozenset(seen), frozenset(finish))


def facts(sop: SOP, ctx=None) -> FlowFacts:
    if ctx is None:
        return flow_facts(sop)
    return ctx.derived("flow", sop, flow_facts)
