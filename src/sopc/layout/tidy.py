"""Tidying after routing: what a careful hand would still change in a page's routes.

- :func:`straighten`: a pentagon moves under the track of its route. It is placed in
  its strip before the routes are known (under its symbol's lane, see
  ``page._offpage_strip``); a route that then reaches it along its track, turns along
  a channel level and turns again into it ("out, down, back, down") reads as a detour.
  The pentagon moves under the track when the lane has room, no other pentagon is in
  the way and the lengthened track meets nothing; the jog goes.
- :func:`spread`: two connectors that run side by side one channel level or gutter
  track apart (2 pt) read as one thick line. One of them moves a level or track
  further away, when the moved piece stays clean and crosses no more than before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from sopc.layout.geometry import OffPage
from sopc.layout.route import Router
from sopc.layout.route_index import shared
from sopc.layout.style import MIN_LAST, MIN_STUB

PARALLEL_CLEAR = 3.5    # two connectors running side by side keep this apart ...
PARALLEL_RUN = 12.0     # ... where they do so for longer than this
EDGE_ROOM = 1.5         # a moved pentagon keeps this far from its lane's lines
PENT_GAP = 2.0          # and this far from the next pentagon of its strip


def straighten(router: Router, offpage: list[OffPage], lane_cols, local, routed: dict) -> set:
    """Move each pentagon of ``offpage`` that its route reaches by a last jog under the
    route's track, and shorten the route in ``routed`` (edge key -> points; the
    router's segments follow). Returns the keys of the edges whose pentagon moved."""
    moved = set()
    by_ref = {o.ref: o for o in offpage}
    for le in local:
        key = le.key
        if le.tgt.ref in by_ref:
            o, pts, rev = by_ref[le.tgt.ref], routed[key], False
        elif le.src.ref in by_ref:
            o, pts, rev = by_ref[le.src.ref], routed[key][::-1], True
        else:
            continue
        if len(pts) < 4:
            continue
        (x3, y3), (x2, y2), (x1, y1), (qx, qy) = pts[-4:]
        # along the track X to a channel level, across to the pentagon, into it, all
        # the same way up or down
        if not (x3 == x2 and y2 == y1 and x1 == qx and abs(x2 - qx) > 1e-6
                and (y2 - y3) * (qy - y1) > 0):
            continue
        X = x2
        col = lane_cols[o.column]
        half = o.w / 2
        if not col.x + half + EDGE_ROOM <= X <= col.x1 - half - EDGE_ROOM:
            continue
        cx = o.x + half
        if any(p is not o and abs(p.y - o.y) < 1e-6 and (
                (p.x + p.w / 2 - cx) * (p.x + p.w / 2 - X) <= 0           # passed over
                or p.x - PENT_GAP < X + half and p.x + p.w + PENT_GAP > X - half)
               for p in offpage):
            continue
        ya, yb = (y2, qy) if y2 <= qy else (qy, y2)
        piece = [(X, y2), (X, qy)]
        if shared(router.vk, router.vl, X, ya, yb, key) or router.obstacles.blocks_v(X, ya, yb) \
                or router.crossings(piece, key):
            continue
        new = pts[:-3] + [(X, qy)]
        routed[key] = new[::-1] if rev else new
        router.remove(key)
        router.add(routed[key], key)
        o.x = X - half
        moved.add(key)
    return moved


def _beside(router: Router, vertical: bool, pos: float, lo: float, hi: float, cid) -> float | None:
    """The position of a segment of another connector than ``cid`` that runs beside the
    one from ``lo`` to ``hi`` at ``pos`` (nearer than ``PARALLEL_CLEAR`` but not on
    it, side by side for more than ``PARALLEL_RUN``), or None."""
    keys, segs = (router.vk, router.vl) if vertical else (router.hk, router.hl)
    for j in range(bisect_left(keys, pos - PARALLEL_CLEAR), bisect_right(keys, pos + PARALLEL_CLEAR)):
        p, a, b, c = segs[j]
        if c != cid and 0.01 < abs(p - pos) < PARALLEL_CLEAR and min(b, hi) - max(a, lo) > PARALLEL_RUN:
            return p
    return None


def spread(router: Router, local, routed: dict, trunks: set) -> None:
    """Move an inner piece of a route that runs beside another connector (see
    ``_beside``) 2 or 4 pt further from it, when the moved route is clean, runs beside
    nothing there and crosses no more connectors (``routed`` and the router's segments
    follow). The corner of a route in ``trunks`` (that others join on its last
    segment) stays where it is."""
    for le in local:
        key = le.key
        pts = routed[key]
        end = len(pts) - (3 if key in trunks else 2)
        j = 1
        while j < end:          # the first and last pieces hold the symbols' ports
            (x1, y1), (x2, y2) = pts[j], pts[j + 1]
            vertical = x1 == x2
            pos, lo, hi = (x1, min(y1, y2), max(y1, y2)) if vertical else (y1, min(x1, x2), max(x1, x2))
            other = _beside(router, vertical, pos, lo, hi, key) if hi - lo > PARALLEL_RUN else None
            if other is not None:
                got = _moved(router, pts, j, vertical, pos, other, lo, hi, key)
                if got is not None:
                    pts = routed[key] = got
            j += 1


def _moved(router: Router, pts, j: int, vertical: bool, pos: float, other: float, lo: float, hi: float, key):
    """``pts`` with piece ``j`` moved away from ``other``, or None (the router holds the
    route that is returned)."""
    away = 1.0 if pos > other else -1.0
    before = router.crossings(pts, key)
    first, last = j - 1 == 0, j + 2 == len(pts) - 1
    for step in (2.0, 4.0):
        new_pos = pos + away * step
        inside = (router.col_bounds[0], router.col_bounds[-1]) if vertical else (router.header_h, router.page_h)
        if not inside[0] + 2.0 <= new_pos <= inside[1] - 2.0:     # never out of the table
            continue
        new = list(pts)
        if vertical:
            new[j], new[j + 1] = (new_pos, pts[j][1]), (new_pos, pts[j + 1][1])
        else:
            new[j], new[j + 1] = (pts[j][0], new_pos), (pts[j + 1][0], new_pos)
        # the neighbouring pieces keep their direction and a length a symbol's stub or
        # arrowhead needs
        if not (_kept(pts[j - 1], pts[j], new[j], MIN_STUB if first else 1.0)
                and _kept(pts[j + 2], pts[j + 1], new[j + 1], MIN_LAST if last else 1.0)):
            continue
        if _beside(router, vertical, new_pos, lo, hi, key) is not None:
            continue
        router.remove(key)
        if router.path_ok(new, key) and router.crossings(new, key) <= before:
            router.add(new, key)
            return new
        router.add(pts, key)
    return None


def _kept(fixed, old, new, least: float) -> bool:
    """Does the piece from ``fixed`` to ``new`` (once to ``old``) run the same way as
    before, ``least`` pt long at least?"""
    d_old = (old[0] - fixed[0]) + (old[1] - fixed[1])       # one of the two is zero
    d_new = (new[0] - fixed[0]) + (new[1] - fixed[1])
    return d_old * d_new > 0 and abs(d_new) >= least
