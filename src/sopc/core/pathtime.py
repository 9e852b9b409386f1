"""Shortest and longest start-to-end path time of an SOP (FORMAT.md §1.4).

A path starts at a start activity (``Activity.is_start``) and ends at an activity that
can finish the procedure: one with an edge to ``selesai`` (``target is None``) or with no
successor at all. Each activity's ``waktu`` counts once along a path; the minimum of a
range counts for the shortest time, the maximum for the longest. An activity whose
``waktu`` is missing or does not parse counts 0 and sets ``unparsed``.

Algorithms (both linear or near-linear, so a hostile 10,000-activity SOP is fine):

- **Shortest**: Dijkstra from all starts over the real flow graph (non-negative node
  weights), which is exact: a shortest walk is always a simple path.
- **Longest**: the longest *simple* path is NP-hard in general, so it is computed on the
  DAG obtained by dropping the **back edges** of an iterative depth-first search from the
  starts (in activity order): an edge to an activity still on the DFS stack, i.e. the
  edge that closes a loop ("Tidak lengkap → kembali ke 2"). Every remaining path is a
  real simple path, so the result is a lower bound of the longest simple path and equals
  it for the usual SOP shapes (loops that return to an earlier check and exit through
  it). A dynamic programme over that DAG gives the longest path in O(V + E).

If no start reaches an end (a loop without exit: rule F002), both times are 0,
``longest_path`` is empty and ``found`` is False.

Public API: :func:`path_times` ``(sop, wk=None) -> PathTimes``.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from sopc.core.durations import _parse_cached, wk_key
from sopc.core.model import SOP, WaktuKerja

__all__ = ["PathTimes", "path_times", "activity_minutes"]

_NEG = float("-inf")


@dataclass(frozen=True)
class PathTimes:
    """Path times in working minutes. ``longest_path`` and ``shortest_path`` are
    0-based activity indexes from a start to an end."""

    shortest: float = 0.0
    longest: float = 0.0
    longest_path: list[int] = field(default_factory=list)
    unparsed: bool = False
    shortest_path: list[int] = field(default_factory=list)
    found: bool = False
    unparsed_activities: tuple[int, ...] = ()   # 0-based indexes counted as 0


def activity_minutes(sop: SOP, wk: WaktuKerja | None = None) -> list[tuple[float, float] | None]:
    """Per activity, its (min, max) working minutes, or None when waktu is missing or
    does not parse."""
    key = wk_key(wk)
    out: list[tuple[float, float] | None] = []
    for a in sop.kegiatan:
        w = a.waktu
        d = _parse_cached(w, key) if w and isinstance(w, str) else None
        out.append((d.min, d.max) if d is not None else None)
    return out


def path_times(sop: SOP, wk: WaktuKerja | None = None) -> PathTimes:
    """Shortest and longest start-to-end path times of ``sop`` (see module doc)."""
    acts = sop.kegiatan
    n = len(acts)
    if n == 0:
        return PathTimes()
    times = activity_minutes(sop, wk)
    wmin = [t[0] if t else 0.0 for t in times]
    wmax = [t[1] if t else 0.0 for t in times]
    succ, terminal = _successors(acts, n)
    starts = [a.index for a in acts if a.is_start and 0 <= a.index < n] or [0]
    dag, order = _acyclic(succ, starts, n)
    reached = set(order)
    unparsed_idx = tuple(i for i in range(n) if i in reached and times[i] is None)
    longest, lpath = _longest(dag, order, terminal, wmax, starts, n)
    if not lpath:
        return PathTimes(unparsed=bool(unparsed_idx), unparsed_activities=unparsed_idx)
    shortest, spath = _shortest(succ, terminal, wmin, starts, n)
    if not spath:  # cannot happen when a DAG path exists; be safe
        shortest, spath = longest, list(lpath)
    return PathTimes(
        shortest=shortest,
        longest=longest,
        longest_path=lpath,
        unparsed=bool(unparsed_idx),
        shortest_path=spath,
        found=True,
        unparsed_activities=unparsed_idx,
    )


def _successors(acts, n: int) -> tuple[list[list[int]], list[bool]]:
    """Each activity's distinct successors, and whether it can end the procedure."""
    succ: list[list[int]] = []
    terminal: list[bool] = []
    for a in acts:
        s: list[int] = []
        seen: set[int] = set()
        ends = False
        for e in a.edges:
            t = e.target
            if t is None:
                ends = True
            elif isinstance(t, int) and 0 <= t < n and t not in seen:
                seen.add(t)
                s.append(t)
        succ.append(s)
        terminal.append(ends or not s)
    return succ, terminal


def _acyclic(succ: list[list[int]], starts: list[int], n: int) -> tuple[list[list[int]], list[int]]:
    """Iterative DFS from the starts: the graph without its back edges, and the
    post-order (children before parents) of the reachable activities."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = [WHITE] * n
    dag: list[list[int]] = [[] for _ in range(n)]
    order: list[int] = []
    for s0 in starts:
        if colour[s0] != WHITE:
            continue
        colour[s0] = GREY
        stack = [(s0, iter(succ[s0]))]
        while stack:
            v, it = stack[-1]
            for w in it:
                c = colour[w]
                if c == GREY:
                    continue                # back edge: dropped
                dag[v].append(w)
                if c == WHITE:
                    colour[w] = GREY
                    stack.append((w, iter(succ[w])))
                    break
            else:
                colour[v] = BLACK
                order.append(v)
                stack.pop()
    return dag, order


def _longest(dag, order, terminal, wmax, starts, n: int) -> tuple[float, list[int]]:
    """Longest path: DP over the DAG in post-order. ([] when no start reaches an end.)"""
    best = [_NEG] * n
    nxt = [-1] * n
    for v in order:
        b = 0.0 if terminal[v] else _NEG
        k = -1
        for w in dag[v]:
            if best[w] > b:
                b = best[w]
                k = w
        if b != _NEG:
            best[v] = wmax[v] + b
            nxt[v] = k
    longest = _NEG
    lstart = -1
    for s0 in starts:
        if best[s0] > longest:
            longest = best[s0]
            lstart = s0
    if lstart < 0:
        return longest, []
    lpath = [lstart]
    while nxt[lpath[-1]] >= 0:
        lpath.append(nxt[lpath[-1]])
    return longest, lpath


def _shortest(succ, terminal, wmin, starts, n: int) -> tuple[float, list[int]]:
    """Shortest path: Dijkstra over the real graph from all starts."""
    dist = [float("inf")] * n
    prev = [-1] * n
    heap: list[tuple[float, int]] = []
    for s0 in set(starts):
        dist[s0] = wmin[s0]
        heap.append((wmin[s0], s0))
    heapq.heapify(heap)
    shortest = float("inf")
    send = -1
    while heap:
        d, v = heapq.heappop(heap)
        if d > dist[v]:
            continue
        if terminal[v]:
            # the first terminal popped has the smallest distance
            shortest, send = d, v
            break
        for w in succ[v]:
            nd = d + wmin[w]
            if nd < dist[w]:
                dist[w] = nd
                prev[w] = v
                heapq.heappush(heap, (nd, w))
    spath: list[int] = []
    v = send
    while v >= 0:
        spath.append(v)
        v = prev[v]
    spath.reverse()
    return shortest, spath
