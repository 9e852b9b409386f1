"""The router: orthogonal connectors on one page.

Horizontal segments run in *channels*, the free band between the symbols of two
consecutive rows, on distinct levels; vertical segments that pass rows run in *gutter
tracks*, the free strips at both sides of the symbols inside each actor lane.
A candidate is clean when it neither crosses a symbol or a branch label, nor runs along
a grid line, nor shares (or touches collinearly) a segment of another connector. Among
the clean candidates (straight, one bend level, L-shape, gutter track) the search takes
the cheapest: ``K_CROSS`` per crossing with a connector already drawn plus the detour,
the gutter tracks in order of the least cost they can have, so that the search stops as
soon as no further track can beat the best route found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from sopc.layout.flow import LocalEdge, Slot
from sopc.layout.geometry import simplify
from sopc.layout.route_index import Obstacles, Segments, shared
from sopc.layout.style import GRID_CLEAR, GUTTER_CLEAR, LINE_CLEAR, LINE_RUN, MIN_LAST, MIN_STUB

ROUTE_BUDGET = 1500          # segment checks per route search (a search that has
                             # found nothing clean by then rarely does later)
K_CROSS = 400.0              # pt of detour that avoiding one crossing is worth


class _OutOfBudget(Exception):
    pass


class Router(Segments):
    """Routes the connectors of one page, one after the other; the segments of the
    routes taken are added (``Segments.add``) for the checks of the later ones."""

    def __init__(self, slots: list[Slot], col_bounds: list[float], header_h: float,
                 page_h: float, gutters: list[tuple[float, int, str, int]],
                 tight_gutters: list[tuple[float, int, str, int]] | None = None,
                 levels: dict[int, list[float]] | None = None):
        """``levels``: the channel levels of an earlier router of the same rows (filled
        in as they are asked for)."""
        super().__init__()
        self.slots = slots
        self.slot_y0 = [s.y0 for s in slots]
        self.slot_y1 = [s.y1 for s in slots]
        self.col_bounds = sorted(col_bounds)
        self.row_bounds = sorted({header_h, page_h, *self.slot_y0, *self.slot_y1})
        self.header_h = header_h
        self.page_h = page_h
        self.gutters = gutters
        self.tight_gutters = tight_gutters or []
        self._by_x = _by_x(gutters)
        self.obstacles = Obstacles(slots, self.col_bounds)
        self._levels: dict[int, list[float]] = {} if levels is None else levels
        self.budget = 10 ** 9
        self._reach: dict[tuple, list] = {}

    # ---- channels
    def levels(self, c: int) -> list[float]:
        """The levels of channel ``c`` (above slot ``c``) for horizontal segments, every
        2 pt from the row line, in order of preference."""
        got = self._levels.get(c)
        if got is not None:
            return got
        n = len(self.slots)
        lo = self.slots[c - 1].sym_bot if c > 0 else self.header_h
        hi = self.slots[c].sym_top if c < n else self.page_h
        border = self.slots[c].y0 if c < n else self.page_h
        sides = [side for side in (-1, 1) if not (c == 0 and side < 0 or c == n and side > 0)]
        last = int(max(border - lo, hi - border, 0.0) / 2.0) + 1      # no level is further
        # the even steps from the line first, each above before below
        lv = [y for first in (2, 1) for k in range(first, last + 1, 2) for side in sides
              if lo + 2.0 <= (y := border + side * 2.0 * k) <= hi - 2.0]
        self._levels[c] = lv
        return lv

    # ---- checks
    def seg_ok(self, a, b, cid) -> bool:
        """Is the segment from ``a`` to ``b`` of connector ``cid`` clean: clear of the
        grid lines along it, of the segments of other connectors (shared or touching
        collinearly) and of the obstacles? Counts against the search budget."""
        self.budget -= 1
        if self.budget < 0:
            raise _OutOfBudget
        (x1, y1), (x2, y2) = a, b
        if abs(y1 - y2) < 1e-9:
            y = y1
            xa, xb = (x1, x2) if x1 <= x2 else (x2, x1)
            if xb - xa < 1e-9:
                return True
            bounds = self.row_bounds
            i = bisect_left(bounds, y - GRID_CLEAR)         # near a row line
            if i < len(bounds) and bounds[i] <= y + GRID_CLEAR:
                return False
            return not (shared(self.hk, self.hl, y, xa, xb, cid) or self.obstacles.blocks_h(xa, xb, y))
        x = x1
        ya, yb = (y1, y2) if y1 <= y2 else (y2, y1)
        bounds = self.col_bounds
        clear = LINE_CLEAR if yb - ya > LINE_RUN else GRID_CLEAR
        i = bisect_left(bounds, x - clear)                  # near a column line
        if i < len(bounds) and bounds[i] <= x + clear:
            return False
        return not (shared(self.vk, self.vl, x, ya, yb, cid) or self.obstacles.blocks_v(x, ya, yb))

    def _free(self, x: float, y: float, direction: int) -> float:
        """How far a vertical line at ``x`` can run from ``y`` (down: +1, up: -1) before
        it enters an obstacle (symbol or label)."""
        n = len(self.slots)
        if direction > 0:
            i = max(0, bisect_right(self.slot_y1, y))
            while i < n:
                best = None
                for ob in self.slots[i].obstacles:
                    if ob[1] < x < ob[3] and ob[4] > y + 0.5:
                        top = ob[2]
                        if best is None or top < best:
                            best = top
                if best is not None:
                    return best
                i += 1
            return self.page_h
        i = min(n - 1, bisect_right(self.slot_y0, y) - 1)
        while i >= 0:
            best = None
            for ob in self.slots[i].obstacles:
                if ob[1] < x < ob[3] and ob[2] < y - 0.5:
                    bot = ob[4]
                    if best is None or bot > best:
                        best = bot
            if best is not None:
                return best
            i -= 1
        return self.header_h

    def ray(self, x0, y0, x1, y1, cid) -> bool:
        """seg_ok of the segment from (x0, y0) to (x1, y1), from what this search knows
        of the shorter and longer segments from the same point in the same direction (a
        longer one meets all that a shorter one meets)."""
        if y0 == y1:
            key, dist = (x0, y0, 1 if x1 > x0 else -1, 0), abs(x1 - x0)
        else:
            key, dist = (x0, y0, 0, 1 if y1 > y0 else -1), abs(y1 - y0)
        m = self._reach.get(key)
        if m is None:
            m = self._reach[key] = [0.0, float("inf")]     # clean up to, blocked from
        if dist <= m[0]:
            return True
        if dist >= m[1]:
            return False
        if self.seg_ok((x0, y0), (x1, y1), cid):
            m[0] = dist
            return True
        m[1] = dist
        return False

    def path_ok(self, pts, cid) -> bool:
        return all(self.seg_ok(a, b, cid) for a, b in zip(pts, pts[1:]))

    # ---- routing
    def route(self, e: LocalEdge, cid) -> tuple[list[tuple[float, float]], bool]:
        """The first clean route of the candidates (and True), or a complete but unclean
        one (and False) when there is none or the search budget runs out."""
        for tight in (False, True):
            # tight: the last resort before an unclean route, tracks nearer the lines
            # (a run longer than LINE_RUN still keeps LINE_CLEAR from them)
            gutters, by_x = self.gutters, self._by_x
            if tight:
                self.gutters, self._by_x = self.tight_gutters, _by_x(self.tight_gutters)
            self.budget = ROUTE_BUDGET
            self._reach = {}
            self._best = None
            try:
                got = self._search(e, cid)
            except _OutOfBudget:
                got = self._best.pts if self._best is not None else None
            self.gutters, self._by_x = gutters, by_x
            self.budget = 10 ** 9
            if got is not None:
                b = self._best
                self.cost = b.n if b is not None and got is b.pts else self.crossings(got, cid)
                return got, True
            if not self.tight_gutters:
                break
        self.cost = float("inf")
        if e.entry == "merge":
            return None, False
        return self._fallback(e), False

    def _search(self, e: LocalEdge, cid):
        """The cheapest clean candidate: ``K_CROSS`` per crossing with a connector
        already drawn, plus the detour; the first without a crossing in order of
        preference ends a step at once."""
        P, Q, pdir = e.P, e.Q, e.pdir
        s_slot, t_slot = e.src.slot, e.tgt.slot
        px, py = P
        qx, qy = Q
        merge = e.entry == "merge"
        down_top = e.entry == "top" or merge
        best = _Best(self, cid)
        # 1. straight / one-level routes for edges going down into the top of the target
        if pdir == "down" and down_top and t_slot > s_slot:
            if abs(px - qx) < 1e-6 and qy - py >= MIN_LAST and not merge:
                pts = [P, Q]
                if self.path_ok(pts, cid) and best.offer(pts, 0.0):
                    return pts
            lim_down = self._free(px, py, +1)
            lim_up = self._free(qx, qy, -1) if not merge else 0.0
            for c in ([] if merge and abs(px - qx) < 4.0 else [t_slot] if merge else range(t_slot, s_slot, -1)):
                for y in (e.joins if merge else self.levels(c)):
                    if y < py + MIN_STUB or y > qy - MIN_LAST or y > lim_down or y < lim_up:
                        continue
                    if not (self.ray(px, py, px, y, cid) and self.ray(px, y, qx, y, cid)
                            and (merge or self.ray(qx, qy, qx, y, cid))):
                        continue
                    pts = [P, (px, y), (qx, y)] if merge else simplify([P, (px, y), (qx, y), Q])
                    if best.offer(pts, abs(px - qx)):
                        return pts
                    break                   # a further level of this channel: the same crossings
        # 2. side exit (decision vertex) to a target below: L-shape
        if pdir in ("right", "left") and down_top and t_slot > s_slot and not merge:
            sgn = 1 if pdir == "right" else -1
            if (qx - px) * sgn >= 6.0 and qy - py >= MIN_LAST:
                pts = [P, (qx, py), Q]
                if self.path_ok(pts, cid) and best.offer(pts, abs(qx - px)):
                    return pts
        # 3. general: exit stub, horizontal at y1, gutter track X, horizontal at y2, enter
        if pdir == "down":
            lim = py + MIN_STUB
            y1s = [y for y in self.levels(s_slot + 1) if y >= lim]
        elif pdir == "up":
            lim = py - MIN_STUB
            y1s = [y for y in self.levels(s_slot) if y <= lim]
        else:
            y1s = [py]
        if e.entry in ("right", "left"):
            y2s = [qy]
        elif merge:
            y2s = e.joins
        elif down_top:
            lim = qy - MIN_LAST
            y2s = [y for y in self.levels(t_slot) if y <= lim]
        else:
            lim = qy + MIN_LAST
            y2s = [y for y in self.levels(t_slot + 1) if y >= lim]
        side = pdir in ("right", "left")
        # the first and last segments depend on y1 or y2 only: filter once
        ray = self.ray
        # the farthest level first: when it is clean, so are the nearer ones (memoised)
        if not side:
            ok1 = {y1: ray(px, py, px, y1, cid) for y1 in sorted(y1s, key=lambda y: -abs(y - py))}
            y1s = [y1 for y1 in y1s if ok1[y1]]
        if not merge:
            ok2 = {y2: abs(y2 - qy) < 1e-9 or ray(qx, qy, qx, y2, cid)
                   for y2 in sorted(y2s, key=lambda y: -abs(y - qy))}
            y2s = [y2 for y2 in y2s if ok2[y2]]
        if y1s and y2s:
            got = self._tracks(e, cid, best, y1s, y2s)
            if got is not None:
                return got
        if best.pts is not None:
            return best.pts
        # 3b. a side exit that cannot turn in its direction: a short step into the gutter
        # next to the symbol, then along a channel level above or below the row
        if side:
            return self._step_out(e, cid, y2s)
        return None

    def _tracks(self, e: LocalEdge, cid, best: "_Best", y1s, y2s):
        """Routes through one gutter track, the tracks in order of their least cost (the
        crossings the track cannot avoid, and the detour); None when ``best`` holds
        the cheapest."""
        P, Q, pdir = e.P, e.Q, e.pdir
        px, qx = P[0], Q[0]
        ok, ray = self.seg_ok, self.ray
        side = pdir in ("right", "left")
        tail = [] if e.entry == "merge" else [Q]
        # the part of the track every candidate runs along
        lo1, hi1, lo2, hi2 = min(y1s), max(y1s), min(y2s), max(y2s)
        if hi1 < lo2:
            ya, yb = hi1, lo2
        elif hi2 < lo1:
            ya, yb = hi2, lo1
        else:
            ya = yb = 0.0
        cands = self._least_costs(e, cid, ya, yb)
        tried = set()           # the gutters with a route: their other tracks cross the same
        for lb, d, X, lane, gside in cands:
            if best.cost <= lb:
                break
            if (lane, gside) in tried:
                continue
            # every candidate on this track runs along (X, ya)-(X, yb)
            if yb - ya > 1.0 and not ok((X, ya), (X, yb), cid):
                continue
            for y1 in y1s:
                a = (px, y1)
                b = (X, y1)
                if not ray(px, y1, X, y1, cid):
                    continue
                for y2 in y2s:
                    c2 = (X, y2)
                    dd = (qx, y2)
                    if ray(X, y1, X, y2, cid) and ray(qx, y2, X, y2, cid):
                        pts = simplify(([P, a, b, c2, dd] if not side else [P, b, c2, dd]) + tail)
                        tried.add((lane, gside))
                        if best.offer(pts, d):
                            return pts
                        break
                else:
                    continue
                break
        return None

    def _least_costs(self, e: LocalEdge, cid, ya: float, yb: float) -> list:
        """The gutter tracks ``e`` may take, as (least cost, detour, x, lane, side), the
        cheapest first: the detour plus ``K_CROSS`` per horizontal segment of another
        connector that the track crosses between ``ya`` and ``yb`` (which every route
        along it runs)."""
        px, qx, pdir = e.P[0], e.Q[0], e.pdir
        xs, tracks = self._by_x
        j0, j1 = 0, len(xs)               # the tracks in the exit's and the entry's direction
        if pdir == "right":
            j0 = bisect_left(xs, px + 4.0)
        elif pdir == "left":
            j1 = bisect_right(xs, px - 4.0)
        j0, j1 = _entry_side(xs, e.entry, qx, j0, j1)
        # crossed segments per track: +1 where a segment's span begins, -1 after it ends
        steps = None
        hl = self.hl
        for j in range(bisect_right(self.hk, ya + 0.5), bisect_left(self.hk, yb - 0.5)):
            _y, xa, xb, c = hl[j]
            if c != cid:
                a, b = bisect_right(xs, xa + 0.5, j0, j1), bisect_left(xs, xb - 0.5, j0, j1)
                if a < b:
                    if steps is None:
                        steps = [0] * (j1 - j0 + 1)
                    steps[a - j0] += 1
                    steps[b - j0] -= 1
        # the detour: to the track and back, more for a lane's left side and a track's rank
        if steps is None:
            cands = [(d := abs(px - X) + abs(X - qx) + side + rank, d, X, lane, gside)
                     for X, lane, gside, side, rank in tracks[j0:j1]]
        else:
            cands = []
            n = 0
            for j in range(j0, j1):
                X, lane, gside, side, rank = tracks[j]
                n += steps[j - j0]
                d = abs(px - X) + abs(X - qx) + side + rank
                cands.append((d + K_CROSS * n, d, X, lane, gside))
        cands.sort()            # a total order: the order of the tracks does not matter
        return cands

    def _step_out(self, e: LocalEdge, cid, y2s):
        """A side exit that cannot turn in its direction: a short step into the gutter
        next to the symbol, then along a channel level above or below the row."""
        P, Q, pdir = e.P, e.Q, e.pdir
        s_slot = e.src.slot
        px, py = P
        qx = Q[0]
        ok = self.seg_ok
        sgn = 1 if pdir == "right" else -1
        xs, tracks = self._by_x
        j0, j1 = _entry_side(xs, e.entry, qx, 0, len(xs))
        allx = sorted(tracks[j0:j1], key=lambda g: (abs(px - g[0]) + abs(g[0] - qx) + g[4], g[0]))
        near = sorted((g for g in self.gutters if 4.0 <= (g[0] - px) * sgn <= 40.0),
                      key=lambda g: (abs(g[0] - px), g[0]))
        for g1 in near:
            X1 = g1[0]
            b0 = (X1, py)
            if not ok(P, b0, cid):
                continue
            for c in (s_slot + 1, s_slot):
                for y1 in self.levels(c):
                    a1 = (X1, y1)
                    if not ok(b0, a1, cid):
                        continue
                    for g in allx:
                        X = g[0]
                        if abs(X - X1) < 1e-9:
                            continue
                        b = (X, y1)
                        if not ok(a1, b, cid):
                            continue
                        for y2 in y2s:
                            c2 = (X, y2)
                            d = (qx, y2)
                            if ok(b, c2, cid) and ok(c2, d, cid):
                                return simplify([P, b0, a1, b, c2, d] + ([] if e.entry == "merge" else [Q]))
        return None

    def _fallback(self, e: LocalEdge):
        """The first geometric candidate, so that the drawing is complete even when it
        is not clean."""
        P, Q, pdir = e.P, e.Q, e.pdir
        s_slot, t_slot = e.src.slot, e.tgt.slot
        px, py = P
        qx, qy = Q
        down_top = e.entry == "top"
        side = pdir in ("right", "left")
        y1s = [y for y in self.levels(s_slot + 1) if y >= py + MIN_STUB] if pdir == "down" else \
            [y for y in self.levels(s_slot) if y <= py - MIN_STUB] if pdir == "up" else [py]
        if e.entry == "right":
            y2s = [qy]
        elif down_top:
            y2s = [y for y in self.levels(t_slot) if y <= qy - MIN_LAST]
        else:
            y2s = [y for y in self.levels(t_slot + 1) if y >= qy + MIN_LAST]
        xs = self.gutters
        if pdir == "right":
            xs = [g for g in xs if g[0] >= px + 4.0]
        elif pdir == "left":
            xs = [g for g in xs if g[0] <= px - 4.0]
        if e.entry == "right":
            xs = [g for g in xs if g[0] >= qx + MIN_LAST]
        y1 = y1s[0] if y1s else (py + MIN_STUB if pdir == "down" else py - MIN_STUB if pdir == "up" else py)
        y2 = y2s[0] if y2s else (qy - MIN_LAST if down_top else qy + MIN_LAST)
        if e.entry == "right":
            y2 = qy
        if pdir == "down" and down_top and t_slot > s_slot and y2s:
            return simplify([P, (px, y2), (qx, y2), Q])
        X = xs[0][0] if xs else (max(px, qx) + 8.0 if pdir != "left" else px - 8.0)
        pts = [P, (px, y1), (X, y1), (X, y2), (qx, y2), Q] if not side else [P, (X, py), (X, y2), (qx, y2), Q]
        return simplify(pts)


def _entry_side(xs: list[float], entry: str, qx: float, j0: int, j1: int) -> tuple[int, int]:
    """The range ``j0:j1`` of the tracks at ``xs`` (ascending) narrowed to those from
    which an edge entering a symbol's side at ``qx`` still has room for its arrow (all
    of them for an entry at the top or bottom)."""
    if entry == "right":
        j0 = max(j0, bisect_left(xs, qx + MIN_LAST))
    elif entry == "left":
        j1 = min(j1, bisect_right(xs, qx - MIN_LAST))
    return j0, j1


def _by_x(tracks) -> tuple[list[float], list]:
    """The x of the gutter ``tracks`` in ascending order, and the tracks in that order
    as (x, lane, side, the extra detour of the side, that of the rank)."""
    tracks = sorted(tracks)
    return [t[0] for t in tracks], [(x, lane, side, 0.0 if side == "r" else 8.0, 3.0 * rank)
                                    for x, lane, side, rank in tracks]


class _Best:
    """The cheapest candidate offered so far: ``K_CROSS`` per crossing plus its
    detour."""

    def __init__(self, router: Router, cid):
        self.router, self.cid = router, cid
        router._best = self
        self.pts = None
        self.cost = float("inf")
        self.n = 0

    def offer(self, pts, detour: float) -> bool:
        """True when ``pts`` crosses nothing: to be taken now."""
        # no need to count further than the crossings that make it no cheaper
        limit = None
        if self.cost < float("inf"):
            limit = 1
            while detour + K_CROSS * limit < self.cost:
                limit += 1
        n = self.router.crossings(pts, self.cid, limit)
        cost = detour + K_CROSS * n
        if cost < self.cost:
            self.pts, self.cost, self.n = pts, cost, n
        return n == 0


def gutter_tracks(lane_cols, style, clear: float = LINE_CLEAR):
    """Gutter track positions (x, lane, side, preference rank), for every page."""
    gutters = []
    shw = style.sym_half
    for li, c in enumerate(lane_cols):
        for side, g0, g1 in (("l", c.x + clear, c.cx - shw - GUTTER_CLEAR),
                             ("r", c.cx + shw + GUTTER_CLEAR, c.x1 - clear)):
            if g1 < g0:
                continue
            mid = (g0 + g1) / 2
            cand = [(0, 0, mid)]
            k = 1
            while True:
                added = False
                for sgn in (1, -1):
                    x = mid + sgn * 2.0 * k
                    if g0 <= x <= g1:
                        cand.append((k % 2, k, x))
                        added = True
                if not added:
                    break
                k += 1
            cand.sort()
            for rank, (_a, _b, x) in enumerate(cand):
                gutters.append((x, li, side, rank))

    return gutters
