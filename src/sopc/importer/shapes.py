"""Flowchart primitives among a page's paths, whatever program drew them: symbols
(process, terminator, decision, off-page connector), connector segments and
arrowheads.

Styles met in signed SOPs: filled outline rings (outer + inset inner contour, filled
with the winding rule), Word-like white fill + separate stroke with Bézier capsule
ends, Excel-like rounded rectangles with the arrowhead in the connector's path,
Visio-like thin fill/stroke pairs with separate arrowheads; sopc's own PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopc.importer.pdfpage import Path, Subpath

PROCESS, TERMINATOR, DECISION, OFFPAGE = "process", "terminator", "decision", "offpage"
LABEL_BOX = "label"   # a bordered text box around a branch label, told apart after the edges
THIN = 2.4            # connector pieces are at most this thick
ARROW_MAX = 9.5       # arrowheads are at most this big
LABEL_BOX = (24.0, 11.0)   # a box smaller than this is a label's text box (process p5: 29x12)


@dataclass
class Symbol:
    kind: str
    box: tuple[float, float, float, float]
    text: str = ""
    row: int | None = None                   # index into the document's rows
    cols: list[int] = field(default_factory=list)
    page: int = 0

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    def holds(self, x: float, y: float, slack: float = 0.5) -> bool:
        """Whether a point is inside the symbol's shape (a diamond's corners are not)."""
        x0, y0, x1, y1 = self.box
        if not (x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack):
            return False
        if self.kind != DECISION:
            return True
        hw, hh = (x1 - x0) / 2 or 1.0, (y1 - y0) / 2 or 1.0
        return abs(x - self.cx) / hw + abs(y - self.cy) / hh <= 1.0 + slack / min(hw, hh)

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass
class Arrow:
    tip: tuple[float, float]
    centre: tuple[float, float]
    group: int                               # the path it came from


Segment = tuple[float, float, float, float, int]   # x0, y0, x1, y1, path group


def _dedupe(points: list[tuple[float, float]], closed: bool) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for p in points:
        if not out or abs(p[0] - out[-1][0]) > 0.05 or abs(p[1] - out[-1][1]) > 0.05:
            out.append(p)
    if len(out) > 2 and abs(out[0][0] - out[-1][0]) < 0.05 and abs(out[0][1] - out[-1][1]) < 0.05:
        out.pop()
    return out


def _area(pts) -> float:
    s = 0.0
    for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
        s += ax * by - bx * ay
    return abs(s) / 2


def _dark(rgb) -> bool:
    return min(rgb) < 235


def _near(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def classify(sp: Subpath, pts) -> str | None:
    x0, y0, x1, y1 = sp.bbox()
    w, h = x1 - x0, y1 - y0
    n = len(pts)
    if w < 8 or h < 6:
        return None
    if sp.curved or n > 8:
        return TERMINATOR
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    tol = max(0.8, 0.06 * min(w, h))
    if n == 4:
        on_mid = sum(1 for x, y in pts if _near(x, mx, tol) or _near(y, my, tol))
        if on_mid == 4:
            return DECISION
        corners = sum(1 for x, y in pts if (_near(x, x0, tol) or _near(x, x1, tol)) and (_near(y, y0, tol) or _near(y, y1, tol)))
        if corners == 4 and w < LABEL_BOX[0] and h < LABEL_BOX[1]:
            return None                       # a text box around a branch label
        return PROCESS if corners == 4 else None
    if n == 5:
        bottom = [p for p in pts if _near(p[1], y1, tol)]
        if len(bottom) == 1 and _near(bottom[0][0], mx, 2 * tol):
            return OFFPAGE
        corners = sum(1 for x, y in pts if (_near(x, x0, tol) or _near(x, x1, tol)) and (_near(y, y0, tol) or _near(y, y1, tol)))
        return PROCESS if corners >= 4 else None
    if 6 <= n <= 8:
        return TERMINATOR if sum(1 for x, y in pts if _near(y, my, tol)) >= 2 else None
    return None


def _arrowhead(pts, w: float, h: float, closed: bool) -> bool:
    """A triangle, an open V, or a filled chevron (notched, 4-6 vertices), arrow-sized."""
    if max(w, h) > ARROW_MAX or min(w, h) < 1.5:
        return False
    if len(pts) == 3:
        return True
    if not closed or not 4 <= len(pts) <= 6:
        return False
    x0 = min(p[0] for p in pts)
    x1 = max(p[0] for p in pts)
    y0 = min(p[1] for p in pts)
    y1 = max(p[1] for p in pts)
    corners = sum(1 for x, y in pts if min(abs(x - x0), abs(x - x1)) < 0.3 and min(abs(y - y0), abs(y - y1)) < 0.3)
    return corners < 4                      # not a small box


def _segments_of(pts, closed: bool, group: int) -> list[Segment]:
    seq = pts + (pts[:1] if closed else [])
    return [(a[0], a[1], b[0], b[1], group) for a, b in zip(seq, seq[1:])
            if abs(a[0] - b[0]) + abs(a[1] - b[1]) > 1.0]


def _arrow(pts, group: int) -> Arrow:
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    # the tip: the vertex farthest from the others' midpoint (an isosceles head)
    best, tip = -1.0, pts[0]
    for i, p in enumerate(pts):
        o = [q for j, q in enumerate(pts) if j != i]
        mx = sum(q[0] for q in o) / len(o)
        my = sum(q[1] for q in o) / len(o)
        d = (p[0] - mx) ** 2 + (p[1] - my) ** 2
        if d > best:
            best, tip = d, p
    return Arrow(tip, (cx, cy), group)


def extract(paths: list[Path], area: tuple[float, float, float, float], grid) -> tuple[list[Symbol], list[Segment], list[Arrow]]:
    """Symbols, connector segments and arrowheads among the paths inside ``area``.
    ``grid(x0, y0, x1, y1)`` says whether a thin piece lies on a table rule."""
    ax0, ay0, ax1, ay1 = area
    symbols: list[Symbol] = []
    segs: list[Segment] = []
    arrows: list[Arrow] = []
    for gi, p in enumerate(paths):
        bx0, by0, bx1, by1 = p.bbox
        if bx1 < ax0 or bx0 > ax1 or by1 < ay0 or by0 > ay1:
            continue
        visible = (p.stroke and _dark(p.stroke_rgb)) or (p.fill and _dark(p.fill_rgb))
        if not visible:
            continue
        subs = p.subpaths
        boxes = [s.bbox() for s in subs]
        for si, sp in enumerate(subs):
            b = boxes[si]
            if any(j != si and _inset(b, boxes[j]) for j in range(len(subs))):
                continue                          # the inner contour of an outline ring
            pts = _dedupe(sp.points, sp.closed)
            if len(pts) < 2:
                continue
            w, h = b[2] - b[0], b[3] - b[1]
            closed = sp.closed or (p.fill and len(pts) > 2)
            if _arrowhead(pts, w, h, closed):
                arrows.append(_arrow(pts, gi))
                continue
            if min(w, h) <= THIN:
                if grid(*b):
                    continue
                if closed and len(pts) >= 4:       # a thin filled bar: its centre line
                    if w >= h:
                        segs.append((b[0], (b[1] + b[3]) / 2, b[2], (b[1] + b[3]) / 2, gi))
                    else:
                        segs.append(((b[0] + b[2]) / 2, b[1], (b[0] + b[2]) / 2, b[3], gi))
                else:
                    segs.extend(_segments_of(pts, False, gi))
                continue
            if closed and not sp.curved and len(pts) >= 4 and _area(pts) < 0.3 * w * h:
                segs.extend(_segments_of(pts, True, gi))      # an L or U connector outline
                continue
            kind = classify(sp, pts) if closed and _within(b, area) else None
            if kind is None:
                if not closed:
                    segs.extend(_segments_of(pts, False, gi))
                continue
            if any(s.kind == kind and all(abs(u - v) < 1.6 for u, v in zip(s.box, b)) for s in symbols):
                continue                          # a fill/stroke pair of one symbol
            symbols.append(Symbol(kind, b))
    return symbols, segs, arrows


def _within(b, area) -> bool:
    w, h = b[2] - b[0], b[3] - b[1]
    return (b[0] >= area[0] - 3 and b[2] <= area[2] + 3 and b[1] >= area[1] - 3
            and w <= 200 and h <= 120)


def _inset(inner, outer) -> bool:
    return (inner != outer and outer[0] <= inner[0] + 0.05 and outer[1] <= inner[1] + 0.05
            and inner[2] <= outer[2] + 0.05 and inner[3] <= outer[3] + 0.05
            and (inner[0] - outer[0]) < 3 and (outer[2] - inner[2]) < 3 and (inner[2] - inner[0]) > 4)
