"""Geometry of a laid-out procedure table (plain dataclasses, units: pt).

Coordinates are relative to the top-left corner of the table on its page; y grows
downwards. Everything here is produced by :func:`sopc.layout.procedure.layout_sop` and
read by the SVG renderer (and the tests); nothing here depends on the model.

References (``Connector.start``/``end``, ``SymbolBox.ref``, ``OffPage.ref``):
``"s<activity>.<column>"`` for an activity symbol (0-based activity index, 0-based
actor column) and ``"p<letter>"`` for an off-page connector on that page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Point = tuple[float, float]


@dataclass
class TextLine:
    text: str
    x: float          # anchor x
    y: float          # baseline y
    anchor: str = "start"   # "start" | "middle" | "end" (SVG text-anchor)


@dataclass
class Column:
    key: str          # "no", "kegiatan", "actor", "kelengkapan", "waktu", "output", "keterangan"
    label: str
    x: float
    w: float
    actor: str | None = None     # actor id for "actor" columns
    group: str | None = None     # None | "pelaksana" | "mutu"

    @property
    def x1(self) -> float:
        return self.x + self.w

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass
class Cell:
    key: str
    x: float
    y: float
    w: float
    h: float
    lines: list[TextLine] = field(default_factory=list)
    bold: bool = False
    size: float = 8.0


@dataclass
class RowBox:
    activity_index: int | None    # None for an off-page connector strip
    y: float
    h: float
    cells: list[Cell] = field(default_factory=list)
    kind: str = "activity"        # "activity" | "strip"


class Box:
    """The centre of anything with ``x``, ``y``, ``w`` and ``h`` (symbols, page nodes)."""

    __slots__ = ()

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass
class SymbolBox(Box):
    kind: str                     # "start" | "end" | "terminal" | "process" | "decision"
    activity_index: int
    column: int                   # actor column index (0-based)
    x: float
    y: float
    w: float
    h: float
    ref: str = ""
    lines: list[TextLine] = field(default_factory=list)   # text inside (a decision's pertanyaan)
    size: float = 0.0


@dataclass
class Connector:
    points: list[Point]
    arrow: bool                   # arrowhead at the last point
    kind: str = "flow"            # "flow" (an edge, or half of one) | "join" (joint activity)
    edge: tuple[int, int] | None = None   # (source activity index, edge number in activity.edges)
    start: str = ""               # ref of the symbol / off-page connector it leaves
    end: str = ""                 # ref of the symbol / off-page connector it enters


@dataclass
class LabelBox:
    text: str
    x: float
    y: float
    w: float
    h: float
    lines: list[TextLine] = field(default_factory=list)
    size: float = 6.5
    edge: tuple[int, int] | None = None


@dataclass
class OffPage:
    letter: str
    x: float
    y: float
    w: float
    h: float
    direction: str                # "out" (the edge leaves this page) | "in" (it enters)
    edge: tuple[int, int] | None = None
    column: int = 0
    ref: str = ""

    def polygon(self) -> list[Point]:
        """The pentagon, pointing down."""
        x, y, w, h = self.x, self.y, self.w, self.h
        return [(x, y), (x + w, y), (x + w, y + h * 0.62), (x + w / 2, y + h), (x, y + h * 0.62)]


@dataclass
class Page:
    number: int                   # 1-based among the procedure pages
    width: float
    height: float
    header_height: float
    header: list[Cell] = field(default_factory=list)
    rows: list[RowBox] = field(default_factory=list)
    symbols: list[SymbolBox] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    labels: list[LabelBox] = field(default_factory=list)
    offpage: list[OffPage] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    title: str = ""               # accessible name of the drawing
    font_size: float = 8.0


def crossings(page: Page) -> list[tuple[int, float, float]]:
    """Where two flow connectors of ``page`` cross: (index of the connector whose
    horizontal segment is crossed, x, y), in a deterministic order. The renderer draws a
    hop there; the benchmark counts them. Ends and shared corners do not count."""
    return sorted((i, x, y) for i, _j, x, y in crossing_pairs(page))


def crossing_pairs(page: Page) -> list[tuple[int, int, float, float]]:
    """The crossings of :func:`crossings` with both connectors: (index of the one whose
    horizontal segment is crossed, index of the one whose vertical crosses it, x, y)."""
    flows = [(i, c) for i, c in enumerate(page.connectors) if c.kind == "flow"]
    hs, vs = [], []
    for i, c in flows:
        pts = c.points
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if abs(y1 - y2) < 1e-9 and abs(x1 - x2) > 1e-9:
                hs.append((i, y1, x1 + 0.5, x2 - 0.5) if x1 <= x2 else (i, y1, x2 + 0.5, x1 - 0.5))
            elif abs(x1 - x2) < 1e-9:
                vs.append((i, x1, y1 + 0.5, y2 - 0.5) if y1 <= y2 else (i, x1, y2 + 0.5, y1 - 0.5))
    out = []
    for i, y, xa, xb in hs:
        for j, x, ya, yb in vs:
            if xa < x < xb and ya < y < yb and i != j:
                out.append((i, j, x, y))
    return out


@dataclass
class ProcedureLayout:
    paper: str
    lang: str
    width: float                  # table width (pt)
    table_height: float           # usable table height per page (pt)
    columns: list[Column]
    pages: list[Page]
    failures: int = 0             # connectors or labels that could not be placed cleanly

    def to_dict(self, ndigits: int = 2) -> dict:
        """Plain JSON-able dict with rounded numbers (golden files)."""
        def rnd(v):
            if isinstance(v, float):
                r = round(v, ndigits)
                return 0.0 if r == 0 else r
            if isinstance(v, dict):
                return {k: rnd(x) for k, x in v.items()}
            if isinstance(v, (list, tuple)):
                return [rnd(x) for x in v]
            return v
        return rnd(asdict(self))


# --------------------------------------------------------------------------- polylines


def capsule_hit(x0, y0, x1, y1, xa, ya, xb, yb, e=0.3) -> bool:
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


def box_distance(box, x: float, y: float) -> float:
    """The distance from the point (``x``, ``y``) to the rectangle ``box`` (x0, y0, x1,
    y1); 0 inside it."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return (dx * dx + dy * dy) ** 0.5


def simplify(pts):
    """The polyline without repeated points and without the middle points of straight
    runs."""
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
