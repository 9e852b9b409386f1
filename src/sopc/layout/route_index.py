"""The router's indexes of one page: the segments of the connectors drawn so far
(``Segments``: sorted by position, for the collinear check and the crossings) and the
obstacles of the rows (``Obstacles``: symbols, off-page connectors and branch labels,
per row and, for vertical lines, per column)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from sopc.layout.flow import Slot
from sopc.layout.geometry import capsule_hit
from sopc.layout.style import TOL

_SHAPED = ("decision", "start", "end", "terminal")     # hit by their shape, not their box
SHAPE_CLEAR = 0.3       # an obstacle's box shrinks by this (a branch label's grows by LABEL_ROOM)
LABEL_ROOM = 0.8


class Segments:
    """The horizontal and the vertical segments of the connectors drawn so far, each
    kind sorted by its position (y of a horizontal, x of a vertical)."""

    def __init__(self) -> None:
        self.hl: list = []           # every horizontal segment (y, x0, x1, cid), by y
        self.vl: list = []           # every vertical segment (x, y0, y1, cid), by x
        self.hk: list[float] = []    # their y
        self.vk: list[float] = []    # their x

    def add(self, pts, cid) -> None:
        """Add the segments of the polyline ``pts`` of connector ``cid``."""
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if abs(y1 - y2) < 1e-9:
                t = (y1, x1, x2, cid) if x1 <= x2 else (y1, x2, x1, cid)
                keys, segs = self.hk, self.hl
            else:
                t = (x1, y1, y2, cid) if y1 <= y2 else (x1, y2, y1, cid)
                keys, segs = self.vk, self.vl
            i = bisect_right(keys, t[0])
            keys.insert(i, t[0])
            segs.insert(i, t)

    def remove(self, cid) -> None:
        """Take the segments of connector ``cid`` out again."""
        for k, s in (("hk", "hl"), ("vk", "vl")):
            segs = getattr(self, s)
            if any(t[3] == cid for t in segs):
                segs = [t for t in segs if t[3] != cid]
                setattr(self, s, segs)
                setattr(self, k, [t[0] for t in segs])

    def crossings(self, pts, cid, limit: int | None = None) -> int:
        """How many drawn segments of other connectors ``pts`` would cross; with
        ``limit``, the count may stop (after a segment of ``pts``) once it reaches it."""
        n = 0
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if abs(y1 - y2) < 1e-9:     # horizontal: the vertical segments across it
                lo, hi = (x1, x2) if x1 <= x2 else (x2, x1)
                n += _across(self.vk, self.vl, lo + 0.5, hi - 0.5, y1, cid)
            else:                       # vertical: the horizontal segments across it
                lo, hi = (y1, y2) if y1 <= y2 else (y2, y1)
                n += _across(self.hk, self.hl, lo + 0.5, hi - 0.5, x1, cid)
            if limit is not None and n >= limit:
                break
        return n

    def crossed(self, pts, cid) -> list:
        """The connectors ``pts`` would cross, once per crossing."""
        out: list = []
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if abs(y1 - y2) < 1e-9:
                lo, hi = (x1, x2) if x1 <= x2 else (x2, x1)
                _across(self.vk, self.vl, lo + 0.5, hi - 0.5, y1, cid, out)
            else:
                lo, hi = (y1, y2) if y1 <= y2 else (y2, y1)
                _across(self.hk, self.hl, lo + 0.5, hi - 0.5, x1, cid, out)
        return out


def shared(keys, segs, pos, lo, hi, cid) -> bool:
    """Does a segment of ``segs`` (sorted by their position, ``keys``) of another
    connector than ``cid`` run within ``TOL`` of ``pos`` and overlap the span from
    ``lo`` to ``hi`` or end within ``TOL`` of it: would a segment from ``lo`` to ``hi``
    at ``pos`` share or collinearly touch one?"""
    lo, hi = hi + TOL, lo - TOL
    for j in range(bisect_left(keys, pos - TOL - 0.01), bisect_right(keys, pos + TOL + 0.01)):
        p, a, b, c = segs[j]
        if a < lo and b > hi and abs(p - pos) < TOL and c != cid:
            return True
    return False


def _across(keys, segs, lo, hi, at, cid, out: list | None = None) -> int:
    """How many segments of ``segs`` (sorted by their position, ``keys``) lie strictly
    between ``lo`` and ``hi`` with a span that passes ``at`` with half a point to spare:
    the segments a segment from ``lo`` to ``hi`` at ``at``, the other way, crosses.
    Their connectors are appended to ``out`` when given."""
    n = 0
    for j in range(bisect_right(keys, lo), bisect_left(keys, hi)):
        pos, a, b, c = segs[j]
        if a + 0.5 < at < b - 0.5 and c != cid and lo < pos < hi:
            n += 1
            if out is not None:
                out.append(c)
    return n


class Obstacles:
    """The obstacles of the slots as boxes shrunk by their clearance (a branch label's
    box grows instead), per slot and, for vertical lines, per column: the region
    between two consecutive column lines (a box is listed, with its slot, in every
    column it reaches). The slots' obstacles must not change while the index is in
    use."""

    def __init__(self, slots: list[Slot], col_bounds: list[float]):
        self.bounds = col_bounds
        self.slot_y0 = [s.y0 for s in slots]
        self.slot_y1 = [s.y1 for s in slots]
        self.by_slot: list[list[tuple]] = []
        self.by_col: list[list[tuple]] = [[] for _c in range(len(col_bounds) + 1)]    # (slot, box)
        for i, sl in enumerate(slots):
            boxes = []
            for ob in sl.obstacles:
                kind, x0, y0, x1, y1 = ob
                e = -LABEL_ROOM if kind == "label" else SHAPE_CLEAR
                box = (x0 + e, y0 + e, x1 - e, y1 - e, kind in _SHAPED, ob)
                boxes.append(box)
                for k in range(bisect_right(col_bounds, box[0]), bisect_right(col_bounds, box[2]) + 1):
                    self.by_col[k].append((i, box))
            self.by_slot.append(boxes)
        self.col_slots = [[i for i, _b in col] for col in self.by_col]

    def blocks_h(self, xa: float, xb: float, y: float) -> bool:
        """Does the horizontal segment from ``xa`` to ``xb`` (``xa`` <= ``xb``) at ``y``
        enter an obstacle?"""
        i = bisect_right(self.slot_y0, y) - 1
        if not 0 <= i < len(self.by_slot):
            return False
        for bx0, by0, bx1, by1, shaped, ob in self.by_slot[i]:
            if xa < bx1 and xb > bx0 and y < by1 and y > by0 and (not shaped or shape_hit(ob, xa, y, xb, y)):
                return True
        return False

    def blocks_v(self, x: float, ya: float, yb: float) -> bool:
        """Does the vertical segment from ``ya`` to ``yb`` (``ya`` <= ``yb``) at ``x``
        enter an obstacle (of the slots it passes)?"""
        k = bisect_right(self.bounds, x)
        col, slots = self.by_col[k], self.col_slots[k]
        for j in range(bisect_left(slots, bisect_right(self.slot_y1, ya)),
                       bisect_left(slots, bisect_left(self.slot_y0, yb))):
            bx0, by0, bx1, by1, shaped, ob = col[j][1]
            if x < bx1 and x > bx0 and ya < by1 and yb > by0 and (not shaped or shape_hit(ob, x, ya, x, yb)):
                return True
        return False


def shape_hit(ob, xa, ya, xb, yb) -> bool:
    """Does the axis-aligned segment (xa, ya)-(xb, yb), which enters the box of the
    shaped obstacle ``ob`` (kind, x0, y0, x1, y1) shrunk by its clearance (tested by
    the caller), enter its shape: for a decision its diamond, for a terminal its
    capsule?"""
    kind, x0, y0, x1, y1 = ob
    if kind == "decision":
        cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
        dx = 0.0 if xa <= cx <= xb else min(abs(xa - cx), abs(xb - cx))
        dy = 0.0 if ya <= cy <= yb else min(abs(ya - cy), abs(yb - cy))
        return dx / hw + dy / hh < 0.985
    return capsule_hit(x0, y0, x1, y1, xa, ya, xb, yb, SHAPE_CLEAR)
