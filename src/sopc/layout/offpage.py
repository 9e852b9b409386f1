"""Off-page connectors after routing: a pentagon moves under the track of its route.

A pentagon is placed in its strip before the routes are known (under its symbol's
lane, see ``page._offpage_strip``). A route that then reaches it along its track, turns
along a channel level and turns again into the pentagon ("out, down, back, down") reads
as a detour: a careful hand draws the pentagon under the track. :func:`straighten`
moves it there when the lane has room, no other pentagon is in the way and the
lengthened track meets nothing; the jog goes.
"""

from __future__ import annotations

from sopc.layout.geometry import OffPage
from sopc.layout.route import Router
from sopc.layout.route_index import shared

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
