"""The procedure-table layout engine (OUTPUT.md §1, drawing rules).

``layout_sop(sop, paper, lang)`` turns an SOP into pages of plain geometry
(:mod:`sopc.layout.geometry`): the grid with its two header rows, wrapped cell texts,
one symbol per activity and actor column, orthogonal connectors, branch labels and
off-page connectors. Pure Python, deterministic, no Graphviz and no browser.

Routing, per page:

* every edge leaves its symbol at the bottom (a decision's further branches at its
  right, then left vertex) and enters its target at the top (several incoming edges
  get distinct entry points along the top);
* horizontal segments run in *channels*, the free band between the symbols of two
  consecutive rows, on distinct levels; vertical segments that pass rows run in
  *gutter tracks*, the free strips at both sides of the symbols inside each actor lane;
* candidates are tried in order of preference (straight, one bend level, L-shape,
  gutter track) and the first one that neither crosses a symbol or a branch label,
  nor runs along a grid line, nor shares (or touches collinearly) a segment of
  another connector is taken;
* an edge whose ends are on different pages is routed as two halves to and from a
  pair of pentagon off-page connectors with the same letter, placed in a strip at the
  bottom/top of the pages (forward edges: bottom of the page it leaves, top of the page
  it enters; back edges: top of the page it leaves, bottom of the page it enters).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from sopc.layout import metrics
from sopc.core.paper import MM, paper_name
from sopc.core.paper import size_pt as paper_size
from sopc.layout.geometry import (
    Cell,
    Column,
    Connector,
    LabelBox,
    OffPage,
    Page,
    ProcedureLayout,
    RowBox,
    SymbolBox,
    TextLine,
)


MARGIN = 12 * MM            # page margin on every side
PAGE_HEADER = 24.0          # room above the table for the SOP nomor/nama line
PAGE_FOOTER = 18.0          # room below the table for "Halaman X dari Y"

FONT_SIZE = 8.0             # cell text
HEADER_SIZE = 8.0           # header text (bold)
PAD_X = 4.0
PAD_Y = 5.0
NO_WIDTH = 24.0

ARROW_LEN = 5.0             # arrowhead length (the renderer draws it on the last segment)
MIN_LAST = ARROW_LEN + 2.5  # shortest final segment
MIN_STUB = 3.0              # shortest segment leaving a symbol
TOL = 1.2                   # parallel segments closer than this count as shared
GRID_CLEAR = 1.0            # no segment may run closer than this along a grid line
GUTTER_CLEAR = 2.5          # gutter tracks keep this distance from lane borders and symbols

HEADINGS = {
    "id": {"no": "No", "kegiatan": "Kegiatan", "pelaksana": "Pelaksana", "mutu": "Mutu Baku",
           "kelengkapan": "Kelengkapan", "waktu": "Waktu", "output": "Output",
           "keterangan": "Keterangan"},
    "en": {"no": "No", "kegiatan": "Activity", "pelaksana": "Actors", "mutu": "Quality Standard",
           "kelengkapan": "Requirements", "waktu": "Time", "output": "Output",
           "keterangan": "Remarks"},
}


def default_table_width(paper: str | None = "A4") -> float:
    return paper_size(paper)[0] - 2 * MARGIN


def default_table_height(paper: str | None = "A4") -> float:
    """Usable height of the procedure table on one page: the paper height less the
    margins, the page header line and the footer."""
    return paper_size(paper)[1] - 2 * MARGIN - PAGE_HEADER - PAGE_FOOTER


# --------------------------------------------------------------------------- style

@dataclass
class _Style:
    lane_w: float
    rect_w: float
    rect_h: float
    dia_w: float
    dia_h: float
    pent_w: float
    pent_h: float
    strip_h: float
    min_row: float
    min_row_decision: float
    label_size: float
    actor_size: float

    @property
    def sym_half(self) -> float:
        return max(self.rect_w, self.dia_w) / 2


def _style(lane_w: float) -> _Style:
    lane_w = max(lane_w, 1.0)
    rect_w = min(0.56 * lane_w, 60.0)
    rect_h = max(4.0, min(rect_w * 0.45, 17.0))
    dia_w = min(0.48 * lane_w, 52.0)
    dia_h = max(5.0, min(dia_w * 0.7, 26.0))
    pent_w = max(4.0, min(0.3 * lane_w, 15.0))
    pent_h = pent_w * 1.05
    label_size = max(4.5, min(6.5, lane_w / 9.5))
    return _Style(
        lane_w=lane_w, rect_w=rect_w, rect_h=rect_h, dia_w=dia_w, dia_h=dia_h,
        pent_w=pent_w, pent_h=pent_h, strip_h=pent_h + 16.0,
        min_row=rect_h + 2 * 12.0,
        min_row_decision=dia_h + 2 * 13.0 + label_size,
        label_size=label_size,
        actor_size=max(4.5, min(HEADER_SIZE, lane_w / 6.0)),
    )


# --------------------------------------------------------------------------- columns

def _columns(actors: list[tuple[str, str]], width: float, lang: str) -> list[Column]:
    h = HEADINGS.get(lang, HEADINGS["id"])
    n = max(1, len(actors))
    no_w = min(NO_WIDTH, width * 0.05)
    rest_all = width - no_w
    # the other columns keep a readable minimum (scaled down on narrow tables)
    others_min = min(380.0, 0.5 * rest_all)
    upper = max(min(0.62 * rest_all, rest_all - others_min), 0.22 * rest_all)
    wanted = min(n, 4) * 70.0 + max(0, n - 4) * 40.0
    actor_total = min(max(wanted, 0.22 * rest_all), upper)
    rest = rest_all - actor_total
    shares = [("kegiatan", 0.36), ("kelengkapan", 0.20), ("waktu", 0.105), ("output", 0.18),
              ("keterangan", 0.155)]
    cols: list[Column] = []
    x = 0.0
    cols.append(Column("no", h["no"], x, no_w))
    x += no_w
    cols.append(Column("kegiatan", h["kegiatan"], x, rest * shares[0][1]))
    x += rest * shares[0][1]
    lane_w = actor_total / n
    for i in range(n):
        aid, label = actors[i] if i < len(actors) else ("", "")
        cols.append(Column("actor", label, x, lane_w, actor=aid, group="pelaksana"))
        x += lane_w
    for key, share in shares[1:]:
        w = rest * share
        cols.append(Column(key, h[key], x, w, group="mutu" if key in ("kelengkapan", "waktu", "output") else None))
        x += w
    # absorb rounding so the last border is exactly the table width
    cols[-1].w = width - cols[-1].x
    return cols


def _baseline(line_top: float, size: float) -> float:
    return line_top + metrics.line_height(size) / 2 + 0.365 * size


def _place_lines(lines: list[str], x: float, y: float, w: float, h: float, size: float,
                 align: str, pad_x: float = PAD_X) -> list[TextLine]:
    lh = size * metrics.LINE_HEIGHT              # metrics.line_height(size)
    top = y + (h - lh * len(lines)) / 2
    if align == "start":
        ax, anchor = x + pad_x, "start"
    else:
        ax, anchor = x + w / 2, "middle"
    # _baseline(top + i * lh, size), inlined with the same operations in the same order
    half = lh / 2
    k = 0.365 * size
    return [TextLine(t, ax, top + i * lh + half + k, anchor) for i, t in enumerate(lines)]


def _header(cols: list[Column], lang: str, style: _Style) -> tuple[list[Cell], float]:
    hd = HEADINGS.get(lang, HEADINGS["id"])
    lh = metrics.line_height(HEADER_SIZE)
    actors = [c for c in cols if c.key == "actor"]
    mutu = [c for c in cols if c.group == "mutu"]
    span = [c for c in cols if c.key in ("no", "kegiatan", "keterangan")]

    def wr(text, w, size, max_lines=6):
        lines = metrics.wrap(text, max(w - 2 * 2.0, 1.0), size, bold=True)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1][:-1] + "\u2026" if len(lines[-1]) > 1 else "\u2026"
        return lines

    pel_w = sum(c.w for c in actors)
    mutu_w = sum(c.w for c in mutu)
    g_pel = wr(hd["pelaksana"], pel_w, HEADER_SIZE, 2)
    g_mutu = wr(hd["mutu"], mutu_w, HEADER_SIZE, 2)
    h1 = max(len(g_pel), len(g_mutu)) * lh + 2 * PAD_Y
    # one size for all actor labels: the largest at which every word fits its column
    size = style.actor_size
    words = [w for c in actors for w in c.label.split()]
    while size > 5.5 and words and actors and \
            max(metrics.text_width(w, size, True) for w in words) > actors[0].w - 4.0:
        size -= 0.5
    sub = [(c, wr(c.label, c.w, size), size) for c in actors]
    def fit(c):
        z = HEADER_SIZE
        while z > 5.5 and max((metrics.text_width(w, z, True) for w in c.label.split()), default=0) > c.w - 4.0:
            z -= 0.5
        return z
    sub += [(c, wr(c.label, c.w, fit(c)), fit(c)) for c in mutu]
    h2 = max(len(l) * metrics.line_height(s) for _, l, s in sub) + 2 * PAD_Y
    spans = [(c, wr(c.label, c.w, fit(c)), fit(c)) for c in span]
    need = max(len(l) * metrics.line_height(z) for _, l, z in spans) + 2 * PAD_Y
    if need > h1 + h2:
        h2 = need - h1
    total = h1 + h2
    cells: list[Cell] = []
    for c, lines, z in spans:
        cells.append(Cell(c.key, c.x, 0.0, c.w, total,
                          _place_lines(lines, c.x, 0.0, c.w, total, z, "middle"),
                          bold=True, size=z))
    if actors:
        x0 = actors[0].x
        cells.append(Cell("pelaksana", x0, 0.0, pel_w, h1,
                          _place_lines(g_pel, x0, 0.0, pel_w, h1, HEADER_SIZE, "middle"),
                          bold=True, size=HEADER_SIZE))
    if mutu:
        x0 = mutu[0].x
        cells.append(Cell("mutu", x0, 0.0, mutu_w, h1,
                          _place_lines(g_mutu, x0, 0.0, mutu_w, h1, HEADER_SIZE, "middle"),
                          bold=True, size=HEADER_SIZE))
    for c, lines, size in sub:
        cells.append(Cell(c.key if c.key != "actor" else "actor", c.x, h1, c.w, h2,
                          _place_lines(lines, c.x, h1, c.w, h2, size, "middle"),
                          bold=True, size=size))
    cells.sort(key=lambda cl: (cl.y, cl.x))
    return cells, total


# --------------------------------------------------------------------------- rows

_CELL_KEYS = ("no", "kegiatan", "kelengkapan", "waktu", "output", "keterangan")


def _cell_texts(a) -> dict[str, str]:
    kel = a.kelengkapan
    if isinstance(kel, str):
        kel = [kel]
    kel = [str(k) for k in (kel or []) if str(k).strip()]
    return {
        "no": str(a.index + 1),
        "kegiatan": str(a.uraian or ""),
        "kelengkapan": ", ".join(kel) if kel else "-",
        "waktu": str(a.waktu) if a.waktu else "-",
        "output": str(a.output) if a.output else "-",
        "keterangan": str(a.keterangan) if a.keterangan else "",
    }


@dataclass
class _Act:
    index: int
    kind: str
    lanes: list[int]
    texts: dict[str, list[str]]
    h: float
    drawn: list[tuple[int, int]] = field(default_factory=list)    # (edge no, target)
    question: str = ""
    ports: dict[int, str] = field(default_factory=dict)           # edge no -> port name


@dataclass
class _XEdge:
    """A drawn edge (target inside the SOP)."""
    src: int
    k: int
    tgt: int
    label: str | None
    port: str
    src_lane: int
    tgt_lane: int

    @property
    def forward(self) -> bool:
        return self.tgt > self.src


def _letters(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 27 → AB, ..."""
    s = ""
    i += 1
    while i > 0:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# --------------------------------------------------------------------------- page model

@dataclass
class _Node:
    ref: str
    kind: str                   # symbol kind or "offpage"
    slot: int
    x: float
    y: float
    w: float
    h: float
    lane: int

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass
class _Slot:
    y0: float
    y1: float
    kind: str
    sym_top: float = 0.0
    sym_bot: float = 0.0
    obstacles: list = field(default_factory=list)   # (kind, x0, y0, x1, y1)


@dataclass
class _LocalEdge:
    key: tuple[int, int]
    src: _Node
    port: str                   # "bottom", "right", "left", "extraN", "down"(tip), "up"(top)
    tgt: _Node
    entry: str                  # "top" | "bottom"
    label: str | None
    back: bool
    P: tuple[float, float] = (0.0, 0.0)
    pdir: str = "down"
    Q: tuple[float, float] = (0.0, 0.0)
    entry_dx: float = 0.0


def _exit_point(node: _Node, port: str) -> tuple[tuple[float, float], str]:
    cx, cy = node.cx, node.cy
    if node.kind == "offpage":
        if port == "up":
            return (cx, node.y), "up"
        return (cx, node.y + node.h), "down"
    if port == "bottom":
        return (cx, node.y + node.h), "down"
    if port == "right":
        return (node.x + node.w, cy), "right"
    if port == "left":
        return (node.x, cy), "left"
    # extraN: further exits along the bottom
    n = int(port[5:] or 1)
    hw, hh = node.w / 2, node.h / 2
    step = min(6.0, hw * 0.8 / max(1, (n + 1) // 2))
    dx = ((n + 1) // 2) * step * (1 if n % 2 else -1)
    dx = max(-0.8 * hw, min(0.8 * hw, dx))
    if node.kind == "decision":
        return (cx + dx, cy + hh * (1 - abs(dx) / hw)), "down"
    return (cx + dx, node.y + node.h), "down"


def _entry_point(node: _Node, entry: str, dx: float) -> tuple[float, float]:
    if entry == "right":        # dx is the vertical offset from the centre
        dy = dx
        if node.kind in ("start", "end", "terminal"):
            r = node.h / 2
            dy = max(-r * 0.9, min(r * 0.9, dy))
            return (node.x + node.w - r + (r * r - dy * dy) ** 0.5, node.cy + dy)
        return (node.x + node.w, node.cy + dy)
    if node.kind == "offpage":
        return (node.cx, node.y + node.h) if entry == "bottom" else (node.cx, node.y)
    if node.kind == "decision":
        hw, hh = node.w / 2, node.h / 2
        return (node.cx + dx, node.cy - hh * (1 - abs(dx) / hw))
    return (node.cx + dx, node.y)


def _entry_room(node: _Node) -> float:
    if node.kind == "decision":
        return node.w / 2 * 0.6
    if node.kind in ("start", "end", "terminal"):
        return max(0.0, (node.w - node.h) / 2 - 0.5)
    return max(0.0, node.w / 2 - 2.0)


# --------------------------------------------------------------------------- router

ROUTE_BUDGET = 6000          # segment checks per route search


class _OutOfBudget(Exception):
    pass


class _Router:
    def __init__(self, slots: list[_Slot], col_bounds: list[float], header_h: float,
                 page_h: float, gutters: list[tuple[float, int, str, int]]):
        self.slots = slots
        self.slot_y0 = [s.y0 for s in slots]
        self.slot_y1 = [s.y1 for s in slots]
        self.col_bounds = sorted(col_bounds)
        self.row_bounds = sorted({header_h, page_h, *self.slot_y0, *self.slot_y1})
        self.header_h = header_h
        self.page_h = page_h
        self.gutters = gutters
        self.hs: dict[int, list] = {}
        self.vs: dict[int, list] = {}
        self._levels: dict[int, list[float]] = {}
        self.budget = 10 ** 9

    # ---- channels
    def levels(self, c: int) -> list[float]:
        got = self._levels.get(c)
        if got is not None:
            return got
        n = len(self.slots)
        lo = self.slots[c - 1].sym_bot if c > 0 else self.header_h
        hi = self.slots[c].sym_top if c < n else self.page_h
        border = self.slots[c].y0 if c < n else self.page_h
        out = []
        k = 1
        while True:
            any_in = False
            for side in (-1, 1):
                if c == 0 and side < 0:
                    continue
                if c == n and side > 0:
                    continue
                y = border + side * 2.0 * k
                if lo + 2.0 <= y <= hi - 2.0:
                    out.append((k % 2, k, side, y))
                    any_in = True
                elif (side < 0 and y > lo) or (side > 0 and y < hi):
                    any_in = True
            if not any_in:
                break
            k += 1
        out.sort()
        lv = [t[3] for t in out]
        self._levels[c] = lv
        return lv

    # ---- checks
    def _near_line(self, v: float, bounds: list[float]) -> bool:
        i = bisect_left(bounds, v - GRID_CLEAR)
        return i < len(bounds) and bounds[i] <= v + GRID_CLEAR

    def _hit(self, ob, xa, ya, xb, yb) -> bool:
        kind, x0, y0, x1, y1 = ob
        e = -0.8 if kind == "label" else 0.3
        if not (xa < x1 - e and xb > x0 + e and ya < y1 - e and yb > y0 + e):
            return False
        if kind == "decision":
            cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
            dx = 0.0 if xa <= cx <= xb else min(abs(xa - cx), abs(xb - cx))
            dy = 0.0 if ya <= cy <= yb else min(abs(ya - cy), abs(yb - cy))
            return dx / hw + dy / hh < 0.985
        if kind in ("start", "end", "terminal"):
            return _capsule_hit(x0, y0, x1, y1, xa, ya, xb, yb, e)
        return True

    def seg_ok(self, a, b, cid) -> bool:
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
            i = bisect_left(bounds, y - GRID_CLEAR)         # _near_line
            if i < len(bounds) and bounds[i] <= y + GRID_CLEAR:
                return False
            ky = int(round(y))
            hs = self.hs
            lo, hi = xb + TOL, xa - TOL
            for key in (ky - 2, ky - 1, ky, ky + 1, ky + 2):
                bucket = hs.get(key)
                if bucket:
                    for (yy, a0, a1, c) in bucket:
                        if a0 < lo and a1 > hi and abs(yy - y) < TOL and c != cid:
                            return False
            i = bisect_right(self.slot_y0, y) - 1
            if 0 <= i < len(self.slots):
                hit = self._hit
                for ob in self.slots[i].obstacles:
                    # the bounding-box test of _hit, inlined
                    kind, ox0, oy0, ox1, oy1 = ob
                    e = -0.8 if kind == "label" else 0.3
                    if xa < ox1 - e and xb > ox0 + e and y < oy1 - e and y > oy0 + e and \
                            hit(ob, xa, y, xb, y):
                        return False
            return True
        x = x1
        ya, yb = (y1, y2) if y1 <= y2 else (y2, y1)
        bounds = self.col_bounds
        i = bisect_left(bounds, x - GRID_CLEAR)             # _near_line
        if i < len(bounds) and bounds[i] <= x + GRID_CLEAR:
            return False
        kx = int(round(x))
        vs = self.vs
        lo, hi = yb + TOL, ya - TOL
        for key in (kx - 2, kx - 1, kx, kx + 1, kx + 2):
            bucket = vs.get(key)
            if bucket:
                for (xx, a0, a1, c) in bucket:
                    if a0 < lo and a1 > hi and abs(xx - x) < TOL and c != cid:
                        return False
        i = bisect_right(self.slot_y1, ya)
        n = len(self.slots)
        slot_y0, slots, hit = self.slot_y0, self.slots, self._hit
        while i < n and slot_y0[i] < yb:
            for ob in slots[i].obstacles:
                kind, ox0, oy0, ox1, oy1 = ob
                e = -0.8 if kind == "label" else 0.3
                if x < ox1 - e and x > ox0 + e and ya < oy1 - e and yb > oy0 + e and \
                        hit(ob, x, ya, x, yb):
                    return False
            i += 1
        return True

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

    def add(self, pts, cid) -> None:
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if abs(y1 - y2) < 1e-9:
                xa, xb = sorted((x1, x2))
                self.hs.setdefault(int(round(y1)), []).append((y1, xa, xb, cid))
            else:
                ya, yb = sorted((y1, y2))
                self.vs.setdefault(int(round(x1)), []).append((x1, ya, yb, cid))

    def path_ok(self, pts, cid) -> bool:
        return all(self.seg_ok(a, b, cid) for a, b in zip(pts, pts[1:]))

    # ---- routing
    def route(self, e: _LocalEdge, cid) -> tuple[list[tuple[float, float]], bool]:
        """The first clean route of the candidates (and True), or a complete but unclean
        one (and False) when there is none or the search budget runs out."""
        self.budget = ROUTE_BUDGET
        try:
            got = self._search(e, cid)
        except _OutOfBudget:
            got = None
        self.budget = 10 ** 9
        if got is not None:
            return got, True
        return self._fallback(e), False

    def _search(self, e: _LocalEdge, cid):
        P, Q, pdir = e.P, e.Q, e.pdir
        s_slot, t_slot = e.src.slot, e.tgt.slot
        px, py = P
        qx, qy = Q
        ok = self.seg_ok
        down_top = e.entry == "top"
        # 1. straight / one-level routes for edges going down into the top of the target
        if pdir == "down" and down_top and t_slot > s_slot:
            if abs(px - qx) < 1e-6 and qy - py >= MIN_LAST:
                pts = [P, Q]
                if self.path_ok(pts, cid):
                    return pts
            lim_down = self._free(px, py, +1)
            lim_up = self._free(qx, qy, -1)
            for c in range(t_slot, s_slot, -1):
                for y in self.levels(c):
                    if y < py + MIN_STUB or y > qy - MIN_LAST or y > lim_down or y < lim_up:
                        continue
                    pts = [P, (px, y), (qx, y), Q]
                    if self.path_ok(pts, cid):
                        return pts
        # 2. side exit (decision vertex) to a target below: L-shape, then via a bend level
        if pdir in ("right", "left") and down_top and t_slot > s_slot:
            sgn = 1 if pdir == "right" else -1
            if (qx - px) * sgn >= 6.0 and qy - py >= MIN_LAST:
                pts = [P, (qx, py), Q]
                if self.path_ok(pts, cid):
                    return pts
        # 3. general: exit stub, horizontal at y1, gutter track X, horizontal at y2, enter
        if pdir == "down":
            y1s = [y for y in self.levels(s_slot + 1) if y >= py + MIN_STUB]
        elif pdir == "up":
            y1s = [y for y in self.levels(s_slot) if y <= py - MIN_STUB]
        else:
            y1s = [py]
        if e.entry == "right":
            y2s = [qy]
        elif down_top:
            y2s = [y for y in self.levels(t_slot) if y <= qy - MIN_LAST]
        else:
            y2s = [y for y in self.levels(t_slot + 1) if y >= qy + MIN_LAST]
        # the last segment depends on y2 only: filter once
        y2s = [y2 for y2 in y2s if abs(y2 - qy) < 1e-9 or ok((qx, y2), Q, cid)]
        side = pdir in ("right", "left")
        xs = self.gutters
        if pdir == "right":
            xs = [g for g in xs if g[0] >= px + 4.0]
        elif pdir == "left":
            xs = [g for g in xs if g[0] <= px - 4.0]
        if e.entry == "right":
            xs = [g for g in xs if g[0] >= qx + MIN_LAST]
        xs = sorted(xs, key=lambda g: (abs(px - g[0]) + abs(g[0] - qx) + (0.0 if g[2] == "r" else 8.0)
                                       + 3.0 * g[3], g[0]))
        for y1 in y1s:
            a = (px, y1)
            if not side and not ok(P, a, cid):
                continue
            for g in xs:
                X = g[0]
                b = (X, y1)
                if not ok(a, b, cid):
                    continue
                for y2 in y2s:
                    c2 = (X, y2)
                    d = (qx, y2)
                    if ok(b, c2, cid) and ok(c2, d, cid) and (d == Q or ok(d, Q, cid)):
                        pts = [P, a, b, c2, d, Q] if not side else [P, b, c2, d, Q]
                        return _simplify(pts)
        # 3b. a side exit that cannot turn in its direction: a short step into the gutter
        # next to the symbol, then along a channel level above or below the row
        if side:
            sgn = 1 if pdir == "right" else -1
            allx = self.gutters
            if e.entry == "right":
                allx = [g for g in allx if g[0] >= qx + MIN_LAST]
            allx = sorted(allx, key=lambda g: (abs(px - g[0]) + abs(g[0] - qx) + 3.0 * g[3], g[0]))
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
                                if ok(b, c2, cid) and ok(c2, d, cid) and (d == Q or ok(d, Q, cid)):
                                    return _simplify([P, b0, a1, b, c2, d, Q])
        return None

    def _fallback(self, e: _LocalEdge):
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
            return _simplify([P, (px, y2), (qx, y2), Q])
        X = xs[0][0] if xs else (max(px, qx) + 8.0 if pdir != "left" else px - 8.0)
        pts = [P, (px, y1), (X, y1), (X, y2), (qx, y2), Q] if not side else [P, (X, py), (X, y2), (qx, y2), Q]
        return _simplify(pts)


def _capsule_hit(x0, y0, x1, y1, xa, ya, xb, yb, e=0.3) -> bool:
    """Does the axis-aligned segment (xa,ya)-(xb,yb) enter the open capsule?"""
    r = (y1 - y0) / 2
    if xa < x1 - r and xb > x0 + r and ya < y1 - e and yb > y0 + e:
        return True
    cy = y0 + r
    for ccx in (x0 + r, x1 - r):
        px = min(max(ccx, xa), xb)
        py = min(max(cy, ya), yb)
        if (px - ccx) ** 2 + (py - cy) ** 2 < (r - e) ** 2:
            return True
    return False


def _simplify(pts):
    out = []
    for p in pts:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        out.append(p)
    i = 1
    while i < len(out) - 1:
        (x0, y0), (x1, y1), (x2, y2) = out[i - 1], out[i], out[i + 1]
        if (abs(x0 - x1) < 1e-9 and abs(x1 - x2) < 1e-9) or (abs(y0 - y1) < 1e-9 and abs(y1 - y2) < 1e-9):
            del out[i]
        else:
            i += 1
    return out


# --------------------------------------------------------------------------- labels

def _label_box(text: str, size: float, lane_x0: float, lane_x1: float, row_y0: float,
               row_y1: float, node: _Node, port: str, P, side: str, allow_break: bool = False,
               drop: float = 0.0):
    """A label box for an exit, or None when it cannot fit. ``side``: for a vertical exit
    "right"/"left" of the segment, for a horizontal exit "above"/"below"."""
    lh = size * 1.2
    gap = 2.0
    if port in ("right", "left"):
        hw, hh = node.w / 2, node.h / 2
        cx, cy = node.cx, node.cy
        j = 0.0
        backup = None
        tw = metrics.text_width(text, size)
        longest = max((metrics.text_width(t, size) for t in text.split()), default=0.0)
        while True:
            dy = 1.5 + j
            if node.kind == "decision":
                edge = cx + hw * max(0.0, 1 - dy / hh) if dy < hh else cx
                edge_l = cx - hw * max(0.0, 1 - dy / hh) if dy < hh else cx
            else:
                edge, edge_l = node.x + node.w, node.x
            # below the vertex: stay clear of the bottom exit's place
            if side == "below":
                edge = max(edge, cx + hw * 0.45)
                edge_l = min(edge_l, cx - hw * 0.45)
            if port == "right":
                bx0 = max(edge, P[0]) + gap if j == 0 else edge + gap
                bx1 = lane_x1 - gap - 1.0
            else:
                bx1 = min(edge_l, P[0]) - gap if j == 0 else edge_l - gap
                bx0 = lane_x0 + gap + 1.0
            width = bx1 - bx0
            if width > size:
                if tw <= width:
                    lines, w = [text], tw
                elif backup is not None or (width < longest and not allow_break):
                    lines, w = None, width + 1.0       # nothing to gain from wrapping here
                else:
                    lines = metrics.wrap(text, width, size)
                    w = max(metrics.text_width(t, size) for t in lines)
                h = len(lines) * lh if lines else lh
                if side == "above":
                    y1_ = cy - dy
                    y0_ = y1_ - h
                else:
                    y0_ = cy + dy
                    y1_ = y0_ + h
                fits_row = y0_ >= row_y0 + 1.0 and y1_ <= row_y1 - 1.0
                if w <= width + 0.01 and fits_row:
                    x0_ = bx0 if port == "right" else bx1 - w
                    if len(lines) == 1:
                        return lines, x0_, y0_, w, h
                    if backup is None and (allow_break or " ".join(lines).split() == text.split()):
                        backup = (lines, x0_, y0_, w, h)
                one = (cy - dy - lh >= row_y0 + 1.0) if side == "above" else (cy + dy + lh <= row_y1 - 1.0)
                if not one:
                    return backup
            j += 1.0
            if j > 4 * hh + 40:
                return backup
    # vertical exit (bottom vertex / extra exits)
    if side == "right":
        bx0, bx1 = P[0] + gap, lane_x1 - gap
    else:
        bx0, bx1 = lane_x0 + gap, P[0] - gap
    width = bx1 - bx0
    if width <= size:
        return None
    lines = metrics.wrap(text, width, size)
    w = max(metrics.text_width(t, size) for t in lines)
    h = len(lines) * lh
    y0_ = P[1] + 1.5 + drop
    if y0_ + h > row_y1 - 1.0 or w > width + 0.01 or \
            (not allow_break and " ".join(lines).split() != text.split()):
        return None
    x0_ = bx0 if side == "right" else bx1 - w
    return lines, x0_, y0_, w, h


def _rect_overlap(a, b, m=0.5) -> bool:
    return a[0] < b[2] + m and a[2] > b[0] - m and a[1] < b[3] + m and a[3] > b[1] - m


def _box_hits_obstacle(box, ob, m=0.5) -> bool:
    kind, x0, y0, x1, y1 = ob
    if not _rect_overlap(box, (x0, y0, x1, y1), m):
        return False
    if kind == "decision":
        cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 + m, (y1 - y0) / 2 + m
        dx = 0.0 if box[0] <= cx <= box[2] else min(abs(box[0] - cx), abs(box[2] - cx))
        dy = 0.0 if box[1] <= cy <= box[3] else min(abs(box[1] - cy), abs(box[3] - cy))
        return dx / hw + dy / hh < 1.0
    return True


# --------------------------------------------------------------------------- main

def layout_sop(sop, paper: str | None = "A4", lang: str = "id", table_height: float | None = None,
               width: float | None = None) -> ProcedureLayout:
    """Lay out the procedure table of ``sop`` on landscape pages of ``paper``.

    ``table_height`` is the usable height of the table on one page (default:
    :func:`default_table_height`); ``width`` the table width (default: the paper width
    less the margins).
    """
    paper_key = paper_name(paper) or "A4"
    lang = lang if lang in HEADINGS else "id"
    W = float(width) if width else default_table_width(paper_key)
    H = float(table_height) if table_height else default_table_height(paper_key)

    actors = [(str(k), str(v)) for k, v in (getattr(sop, "pelaksana", None) or {}).items()]
    cols = _columns(actors, W, lang)
    lane_cols = [c for c in cols if c.key == "actor"]
    style = _style(lane_cols[0].w)
    header_cells, header_h = _header(cols, lang, style)
    actor_index = {aid: i for i, (aid, _l) in enumerate(actors)}
    colmap = {c.key: c for c in cols if c.key != "actor"}

    acts_src = list(getattr(sop, "kegiatan", None) or [])
    n = len(acts_src)
    lh = metrics.line_height(FONT_SIZE)
    acts: list[_Act] = []
    for i, a in enumerate(acts_src):
        lanes: list[int] = []
        for pid in (a.pelaksana or []):
            li = actor_index.get(pid)
            if li is not None and li not in lanes:
                lanes.append(li)
        lanes.sort()
        if not lanes:
            lanes = [0]
        texts = {}
        for key, txt in _cell_texts(a).items():
            c = colmap[key]
            texts[key] = metrics.wrap(txt, max(c.w - 2 * PAD_X, 1.0), FONT_SIZE)
        th = max(len(v) for v in texts.values()) * lh + 2 * PAD_Y
        sym = getattr(a.symbol, "value", str(a.symbol or "process"))
        if sym not in ("start", "end", "terminal", "process", "decision"):
            sym = "process"
        min_h = style.min_row
        if sym == "decision":
            min_h = style.min_row_decision
            labs = [str(k) for k in (a.cabang or {}) if str(k).strip()]
            if labs:
                lw = max(style.lane_w / 2 - 6.0, style.label_size)
                nl = max(len(metrics.wrap(t, lw, style.label_size)) for t in labs)
                half = max(13.0, 1.5 + nl * style.label_size * 1.2 + 9.0) + style.dia_h / 2
                min_h = max(min_h, 2 * half)
        h = max(th, min_h)
        acts.append(_Act(i, sym, lanes, texts, h,
                         question=str(a.pertanyaan or "").strip() if sym == "decision" else ""))

    # drawn edges and exit ports
    xedges: list[_XEdge] = []
    for act, a in zip(acts, acts_src):
        drawn = [(k, e.target) for k, e in enumerate(a.edges or [])
                 if e.target is not None and isinstance(e.target, int) and 0 <= e.target < n]
        if not drawn:
            continue
        fwd = [(t, k) for k, t in drawn if t > act.index]
        first = min(fwd)[1] if fwd else drawn[0][0]
        order = [first] + [k for k, _t in drawn if k != first]
        names = ["bottom", "right", "left"]
        for j, k in enumerate(order):
            act.ports[k] = names[j] if j < 3 else f"extra{j - 2}"
        for k, t in drawn:
            port = act.ports[k]
            tl = acts[t].lanes
            if port == "right":
                sl = max(act.lanes)
            elif port == "left":
                sl = min(act.lanes)
            else:
                sl = min(act.lanes, key=lambda l: (min(abs(l - x) for x in tl), l))
            if t <= act.index and acts[t].kind != "decision":
                tlane = max(tl)          # back edges enter the right side of the rightmost symbol
            else:
                tlane = min(tl, key=lambda l: (abs(l - sl), l))
            lab = a.edges[k].label
            xedges.append(_XEdge(act.index, k, t, str(lab) if lab else None, port, sl, tlane))

    # pagination
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < n:
        used = header_h + (style.strip_h if ranges else 0.0)
        if used + sum(a.h for a in acts[i:]) <= H:
            ranges.append((i, n))
            break
        j = i
        while j < n and used + acts[j].h + style.strip_h <= H:
            used += acts[j].h
            j += 1
        if j == i:
            j = i + 1
        ranges.append((i, j))
        i = j
    if not ranges:
        ranges = [(0, 0)]
    page_of = {}
    for p, (a0, a1) in enumerate(ranges):
        for k in range(a0, a1):
            page_of[k] = p

    cross = [e for e in xedges if page_of[e.src] != page_of[e.tgt]]
    cross.sort(key=lambda e: (min(page_of[e.src], page_of[e.tgt]), e.src, e.k))
    letter_of = {(e.src, e.k): _letters(i) for i, e in enumerate(cross)}

    title_base = getattr(sop, "nama", "") or ""
    pages: list[Page] = []
    failures = 0
    gutters = _gutters(lane_cols, style)     # the same on every page (read only)
    for p, (a0, a1) in enumerate(ranges):
        page, fails = _build_page(p, len(ranges), a0, a1, acts, xedges, page_of, letter_of, cols,
                                  lane_cols, style, header_cells, header_h, W, lang, title_base,
                                  gutters)
        failures += fails
        pages.append(page)
    return ProcedureLayout(paper=paper_key, lang=lang, width=W, table_height=H, columns=cols,
                           pages=pages, failures=failures)


def _inside_text(text: str, cx: float, cy: float, w: float, h: float):
    """Lines of a short text centred inside a diamond (at most two lines, 4-6 pt), or
    nothing when it does not fit."""
    if not text:
        return [], 0.0
    for size in (6.0, 5.5, 5.0, 4.5, 4.0):
        lh = size * 1.2
        for n in (1, 2):
            # the widest centred box of n lines inside the diamond
            bh = n * lh
            bw = w * (1 - bh / h) - 1.0
            if bw <= size:
                continue
            lines = metrics.wrap(text, bw, size)
            if len(lines) == n and " ".join(lines).split() == text.split() and \
                    max(metrics.text_width(t, size) for t in lines) <= bw:
                top = cy - bh / 2
                return [TextLine(t, cx, _baseline(top + k * lh, size), "middle") for k, t in enumerate(lines)], size
    return [], 0.0


def _gutters(lane_cols, style):
    """Gutter track positions (x, lane, side, preference rank), for every page."""
    gutters = []
    shw = style.sym_half
    for li, c in enumerate(lane_cols):
        for side, g0, g1 in (("l", c.x + GUTTER_CLEAR, c.cx - shw - GUTTER_CLEAR),
                             ("r", c.cx + shw + GUTTER_CLEAR, c.x1 - GUTTER_CLEAR)):
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


def _build_page(p, npages, a0, a1, acts, xedges, page_of, letter_of, cols, lane_cols, style,
                header_cells, header_h, W, lang, title_base, gutters=None):
    colmap = {c.key: c for c in cols if c.key != "actor"}
    # which strips this page needs
    outs_bottom, ins_top, outs_top, ins_bottom = [], [], [], []
    for e in xedges:
        ps, pt = page_of[e.src], page_of[e.tgt]
        if ps == pt:
            continue
        if ps == p:
            (outs_bottom if e.forward else outs_top).append(e)
        if pt == p:
            (ins_top if e.forward else ins_bottom).append(e)
    top_strip = bool(ins_top or outs_top)
    bottom_strip = bool(outs_bottom or ins_bottom)

    slots: list[_Slot] = []
    rows: list[RowBox] = []
    y = header_h
    slot_of_act = {}
    if top_strip:
        slots.append(_Slot(y, y + style.strip_h, "strip"))
        rows.append(RowBox(None, y, style.strip_h, [], "strip"))
        y += style.strip_h
    for i in range(a0, a1):
        act = acts[i]
        slot_of_act[i] = len(slots)
        slots.append(_Slot(y, y + act.h, "activity"))
        cells = []
        for key in ("no", "kegiatan", "kelengkapan", "waktu", "output", "keterangan"):
            c = colmap[key]
            align = "start" if key == "kegiatan" else "middle"
            cells.append(Cell(key, c.x, y, c.w, act.h,
                              _place_lines(act.texts[key], c.x, y, c.w, act.h, FONT_SIZE, align),
                              size=FONT_SIZE))
        rows.append(RowBox(i, y, act.h, cells, "activity"))
        y += act.h
    if bottom_strip:
        slots.append(_Slot(y, y + style.strip_h, "strip"))
        rows.append(RowBox(None, y, style.strip_h, [], "strip"))
        y += style.strip_h
    page_h = y

    # symbols
    symbols: list[SymbolBox] = []
    nodes: dict[str, _Node] = {}
    for i in range(a0, a1):
        act = acts[i]
        s = slot_of_act[i]
        sl = slots[s]
        cy = (sl.y0 + sl.y1) / 2
        if act.kind == "decision":
            w, h = style.dia_w, style.dia_h
        else:
            w, h = style.rect_w, style.rect_h
        for lane in act.lanes:
            c = lane_cols[lane]
            ref = f"s{i}.{lane}"
            x0, y0 = c.cx - w / 2, cy - h / 2
            sym_lines, sym_size = _inside_text(act.question, c.cx, cy, w, h)
            symbols.append(SymbolBox(act.kind, i, lane, x0, y0, w, h, ref, sym_lines, sym_size))
            nodes[ref] = _Node(ref, act.kind, s, x0, y0, w, h, lane)
            sl.obstacles.append((act.kind, x0, y0, x0 + w, y0 + h))
        sl.sym_top = cy - h / 2
        sl.sym_bot = cy + h / 2

    # off-page connectors
    offpage: list[OffPage] = []
    strip_items: dict[int, list[tuple[_XEdge, str, int]]] = {}
    if top_strip:
        strip_items[0] = [(e, "in", e.tgt_lane) for e in ins_top] + [(e, "out", e.src_lane) for e in outs_top]
    if bottom_strip:
        strip_items[len(slots) - 1] = ([(e, "out", e.src_lane) for e in outs_bottom]
                                       + [(e, "in", e.tgt_lane) for e in ins_bottom])
    pent_nodes: dict[tuple[int, int], _Node] = {}
    for s, items in strip_items.items():
        sl = slots[s]
        items.sort(key=lambda t: letter_of[(t[0].src, t[0].k)])
        by_lane: dict[int, list] = {}
        for it in items:
            by_lane.setdefault(it[2], []).append(it)
        pw, ph = style.pent_w, style.pent_h
        py0 = (sl.y0 + sl.y1) / 2 - ph / 2
        for lane, its in sorted(by_lane.items()):
            c = lane_cols[lane]
            m = len(its)
            step = min(pw + 5.0, (c.w - 4.0) / max(m, 1)) if m > 1 else 0.0
            free = [c.cx + (j - (m - 1) / 2) * step for j in range(m)]
            bottom = s != 0              # the top strip is always slot 0
            big = c.w

            def want(it):
                e, direction, _l = it
                if direction == "out" and bottom or direction == "in" and not bottom:
                    if direction == "out" and e.port in ("right", "left"):
                        return c.cx + (big if e.port == "right" else -big)
                    return c.cx
                return c.cx + big          # back edges: gutter tracks, right side first

            def prio(it):
                e, direction, _l = it
                straight = (direction == "out") == bottom
                near = -e.src if bottom else e.tgt
                return (0 if straight else 1, near, letter_of[(e.src, e.k)])
            placed = []
            for it in sorted(its, key=prio):
                wx = want(it)
                x_c = min(free, key=lambda x: (abs(x - wx), x))
                free.remove(x_c)
                placed.append((it, x_c))
            placed.sort(key=lambda t: t[1])
            for (e, direction, _l), x_c in placed:
                letter = letter_of[(e.src, e.k)]
                ref = f"p{letter}"
                offpage.append(OffPage(letter, x_c - pw / 2, py0, pw, ph, direction, (e.src, e.k), lane, ref))
                node = _Node(ref, "offpage", s, x_c - pw / 2, py0, pw, ph, lane)
                nodes[ref] = node
                pent_nodes[(e.src, e.k)] = node
                sl.obstacles.append(("offpage", x_c - pw / 2, py0, x_c + pw / 2, py0 + ph))
        sl.sym_top = py0
        sl.sym_bot = py0 + ph

    # local edges
    local: list[_LocalEdge] = []
    for e in xedges:
        ps, pt = page_of[e.src], page_of[e.tgt]
        if ps != p and pt != p:
            continue
        key = (e.src, e.k)
        if ps == p:
            src = nodes[f"s{e.src}.{e.src_lane}"]
            port = e.port
        else:
            src = pent_nodes[key]
            port = "down" if e.forward else "up"
        if pt == p:
            tgt = nodes[f"s{e.tgt}.{e.tgt_lane}"]
            entry = "right" if (not e.forward and tgt.kind != "decision") else "top"
        else:
            tgt = pent_nodes[key]
            entry = "top" if e.forward else "bottom"
        le = _LocalEdge(key, src, port, tgt, entry, e.label if ps == p else None, back=not e.forward)
        le.P, le.pdir = _exit_point(src, port)
        local.append(le)

    # entry points along the top of each target
    incoming: dict[str, list[_LocalEdge]] = {}
    for le in local:
        if le.entry == "top" and le.tgt.kind != "offpage":
            incoming.setdefault(le.tgt.ref, []).append(le)
    for ref, les in incoming.items():
        node = nodes[ref]

        def approach(le):
            if le.src.slot < node.slot and not le.back:
                return le.P[0]
            if node.kind == "decision":      # keep the right vertex's corner for its exit
                return node.cx - 1e6 - le.src.slot
            return node.cx + 1e6 + le.src.slot
        above = [le for le in les if le.src.slot < node.slot and not le.back]
        primary = max(above, key=lambda le: (le.src.slot, -abs(le.P[0] - node.cx))) if above else les[0]
        pa = approach(primary)
        rights = sorted([le for le in les if le is not primary and approach(le) >= pa], key=approach)
        lefts = sorted([le for le in les if le is not primary and approach(le) < pa], key=approach,
                       reverse=True)
        room = _entry_room(node)
        d = min(6.0, room / max(1, len(rights), len(lefts))) if (rights or lefts) else 0.0
        primary.entry_dx = 0.0
        for j, le in enumerate(rights):
            le.entry_dx = (j + 1) * d
        for j, le in enumerate(lefts):
            le.entry_dx = -(j + 1) * d
    sides: dict[str, list[_LocalEdge]] = {}
    for le in local:
        if le.entry == "right":
            sides.setdefault(le.tgt.ref, []).append(le)
    for ref, les in sides.items():
        node = nodes[ref]
        les.sort(key=lambda le: le.key)
        room = max(0.0, node.h / 2 - 2.0)
        d = min(4.0, room / max(1, (len(les)) // 2)) if len(les) > 1 else 0.0
        for j, le in enumerate(les):
            le.entry_dx = ((j + 1) // 2) * d * (1 if j % 2 else -1)
    for le in local:
        le.Q = _entry_point(le.tgt, le.entry, le.entry_dx)

    # labels (placed before routing; routes avoid them)
    labels: list[LabelBox] = []
    label_fails = 0
    placed_boxes: list[tuple[float, float, float, float]] = []
    for le in local:
        if not le.label or le.src.kind == "offpage":
            continue
        node = le.src
        sl = slots[node.slot]
        c = lane_cols[node.lane]
        if le.port in ("right", "left"):
            goes_down = le.tgt.slot > node.slot or (le.tgt.kind == "offpage" and le.entry == "top")
            sides = ["above", "below"] if goes_down else ["below", "above"]
        elif le.port == "bottom":
            tx = le.Q[0]
            sides = ["left", "right"] if (tx > le.P[0] + 0.5 and not le.back) else ["right", "left"]
            # a side exit (its route and its label) needs the room on its side: keep it free
            for o in local:
                if o.src is node and o.port in ("right", "left"):
                    if o.port in sides and len(sides) > 1:
                        sides.remove(o.port)
        else:
            sides = ["right", "left"] if le.P[0] >= node.cx else ["left", "right"]
        # keep the ways in and out of the symbol free
        keep = []
        for o in local:
            if o.src is node:
                (ex, ey), d = o.P, o.pdir
                if d == "down":
                    keep.append((ex - 1.5, ey, ex + 1.5, sl.y1))
                elif d == "right":
                    keep.append((ex, ey - 1.5, c.x1, ey + 1.5))
                elif d == "left":
                    keep.append((c.x, ey - 1.5, ex, ey + 1.5))
            if o.tgt is node:
                qx_, qy_ = o.Q
                if o.entry == "top":
                    keep.append((qx_ - 1.5, sl.y0, qx_ + 1.5, qy_))
                elif o.entry == "right":
                    keep.append((qx_, qy_ - 1.5, c.x1, qy_ + 1.5))
        chosen = None
        size = style.label_size
        sizes = [size]
        while sizes[-1] - 0.5 >= 4.5:
            sizes.append(sizes[-1] - 0.5)
        drops = (0.0,) if le.port in ("right", "left") else (0.0, 3.0, 6.0, 9.0, 12.0)
        for size, brk in [(z, False) for z in sizes] + [(sizes[-1], True)]:
            for sd, drop in [(sd, dr) for dr in drops for sd in sides]:
                got = _label_box(le.label, size, c.x, c.x1, sl.y0, sl.y1, node, le.port, le.P, sd, brk, drop)
                if got is None:
                    continue
                lines, x0, y0, w, h = got
                box = (x0, y0, x0 + w, y0 + h)
                if any(_rect_overlap(box, b) for b in placed_boxes):
                    continue
                if any(_box_hits_obstacle(box, ob, 0.5) for ob in sl.obstacles):
                    continue
                if any(_rect_overlap(box, k, 0.0) for k in keep):
                    continue
                chosen = (lines, x0, y0, w, h)
                break
            if chosen is not None:
                break
        else:
            size = style.label_size
        if chosen is None:
            # any free place in the lane cell of the row, nearest to the exit point first
            size = style.label_size
            lines = metrics.wrap(le.label, max(c.w - 6.0, size), size)
            w = max(metrics.text_width(t, size) for t in lines)
            h = len(lines) * size * 1.2
            cands = []
            yy = sl.y0 + 1.5
            while yy + h <= sl.y1 - 1.5:
                xx = c.x + 3.0
                while xx + w <= c.x1 - 3.0:
                    cands.append((abs(xx + w / 2 - le.P[0]) + abs(yy + h / 2 - le.P[1]), xx, yy))
                    xx += 3.0
                yy += 3.0
            cands.sort()
            for _d, xx, yy in cands:
                box = (xx, yy, xx + w, yy + h)
                if any(_rect_overlap(box, k, 0.0) for k in keep):
                    continue
                if any(_rect_overlap(box, b) for b in placed_boxes):
                    continue
                if any(_box_hits_obstacle(box, ob, 1.5) for ob in sl.obstacles):
                    continue
                chosen = (lines, xx, yy, w, h)
                break
        if chosen is None:
            # degrade: tiny text right below/right of the exit point
            size = 4.5
            lines = metrics.wrap(le.label, max(c.w - 4.0, size), size)
            w = max(metrics.text_width(t, size) for t in lines)
            h = len(lines) * size * 1.2
            x0 = max(c.x + 1.5, min(le.P[0] + 2.0, c.x1 - 1.5 - w))
            y0 = max(sl.y0 + 1.0, min(le.P[1] + 1.5, sl.y1 - 1.0 - h))
            chosen = (lines, x0, y0, w, h)
            label_fails += 1
        lines, x0, y0, w, h = chosen
        tl = [TextLine(t, x0, _baseline(y0 + k * size * 1.2, size) - 0.05 * size, "start")
              for k, t in enumerate(lines)]
        if le.port == "left" or (le.port != "right" and x0 + w <= le.P[0]):
            tl = [TextLine(t.text, x0 + w, t.y, "end") for t in tl]
        labels.append(LabelBox(le.label, x0, y0, w, h, tl, size, le.key))
        placed_boxes.append((x0, y0, x0 + w, y0 + h))
        sl.obstacles.append(("label", x0, y0, x0 + w, y0 + h))

    if gutters is None:
        gutters = _gutters(lane_cols, style)
    col_bounds = [c.x for c in cols] + [W]
    router = _Router(slots, col_bounds, header_h, page_h, gutters)
    connectors: list[Connector] = []
    # joint activities: one line joining neighbouring symbols
    for i in range(a0, a1):
        act = acts[i]
        if len(act.lanes) < 2:
            continue
        for l0, l1 in zip(act.lanes, act.lanes[1:]):
            s0, s1 = nodes[f"s{i}.{l0}"], nodes[f"s{i}.{l1}"]
            pts = [(s0.x + s0.w, s0.cy), (s1.x, s1.cy)]
            cid = ("join", i, l0)
            router.add(pts, cid)
            connectors.append(Connector(pts, False, "join", None, s0.ref, s1.ref))

    # reserve the unavoidable first and last pieces of every connector, so that an
    # earlier route cannot take the only way out of (or into) a later one's symbol
    for le in local:
        (px, py), (qx, qy) = le.P, le.Q
        step = {"down": (0, 1), "up": (0, -1), "right": (1, 0), "left": (-1, 0)}[le.pdir]
        router.add([le.P, (px + step[0] * MIN_STUB, py + step[1] * MIN_STUB)], le.key)
        back = {"top": (0, -1), "bottom": (0, 1), "right": (1, 0)}[le.entry]
        router.add([(qx + back[0] * MIN_LAST, qy + back[1] * MIN_LAST), le.Q], le.key)
    local.sort(key=lambda le: (0 if (le.tgt.slot == le.src.slot + 1 and not le.back) else 1,
                               abs(le.tgt.slot - le.src.slot), le.back, le.key))
    fails = label_fails
    flow: list[tuple[tuple, Connector]] = []
    for le in local:
        pts, ok = router.route(le, le.key)
        if not ok and le.tgt.kind != "offpage":
            # other entry points: along the top of the target
            first = (pts, ok)
            room = _entry_room(le.tgt)
            taken = {round(o.entry_dx, 3) for o in local if o.tgt is le.tgt and o.entry == "top"}
            saved = (le.entry, le.Q, le.entry_dx)
            le.entry = "top"
            for j in range(1, 9):
                dx = (j + 1) // 2 * (room / 4.0) * (1 if j % 2 else -1)
                if round(dx, 3) in taken or abs(dx) > room:
                    continue
                le.entry_dx = dx
                le.Q = _entry_point(le.tgt, "top", dx)
                pts, ok = router.route(le, le.key)
                if ok:
                    break
            if not ok:
                le.entry, le.Q, le.entry_dx = saved
                pts, ok = first
        if not ok:
            fails += 1
        router.add(pts, le.key)
        flow.append(((le.key, le.src.ref), Connector(pts, True, "flow", le.key, le.src.ref, le.tgt.ref)))
    flow.sort(key=lambda t: t[0])
    connectors.extend(c for _k, c in flow)

    hd = HEADINGS.get(lang, HEADINGS["id"])
    if lang == "en":
        title = f"Procedure flowchart: {title_base} (page {p + 1} of {npages})"
    else:
        title = f"Diagram alir prosedur: {title_base} (halaman {p + 1} dari {npages})"
    del hd
    symbols.sort(key=lambda s: (s.activity_index, s.column))
    offpage.sort(key=lambda o: (o.y, o.x))
    labels.sort(key=lambda lb: (lb.y, lb.x))
    page = Page(number=p + 1, width=W, height=page_h, header_height=header_h,
                header=header_cells, rows=rows, symbols=symbols, connectors=connectors,
                labels=labels, offpage=offpage, columns=cols, title=title, font_size=FONT_SIZE)
    return page, fails
