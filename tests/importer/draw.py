"""Content-stream drawing for the look-alikes: text, grids and the flowchart symbols and
connectors in the drawing styles of IMPORT.md §3-4 (filled outline rings, Word-like,
Excel-like, Visio-like)."""

from __future__ import annotations

import math

FONTS = {"R": "Helvetica", "B": "Helvetica-Bold", "I": "Helvetica-Oblique", "BI": "Helvetica-BoldOblique"}
BLUE_LINE = (79, 129, 189)


def _esc(s: str) -> str:
    b = s.encode("cp1252", errors="replace")
    out = []
    for ch in b:
        c = chr(ch)
        if c in "()\\":
            out.append("\\" + c)
        elif ch < 32 or ch > 126:
            out.append("\\%03o" % ch)
        else:
            out.append(c)
    return "".join(out)


def _f(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


class Canvas:
    """Ops of one page in top-down coordinates (flipped when written)."""

    def __init__(self, W: float, H: float):
        self.W, self.H = W, H
        self.ops: list[str] = []
        self.images: dict[str, tuple] = {}      # name -> (kind, data...)

    # -- text
    def text(self, x: float, top: float, s: str, size: float, font: str = "R", spacing: float = 0.0) -> None:
        base = self.H - (top + size * 0.8)
        tc = f"{_f(spacing)} Tc " if spacing else ""
        self.ops.append(f"BT /F{font} {_f(size)} Tf {tc}1 0 0 1 {_f(x)} {_f(base)} Tm ({_esc(s)}) Tj ET")
        if spacing:
            self.ops.append("BT 0 Tc ET")

    def text_center(self, cx: float, top: float, s: str, size: float, font: str = "R") -> None:
        self.text(cx - 0.5 * size * len(s) / 2 * 1.02, top, s, size, font)

    def image(self, name: str, x: float, top: float, w: float, h: float) -> None:
        self.ops.append(f"q {_f(w)} 0 0 {_f(h)} {_f(x)} {_f(self.H - top - h)} cm /{name} Do Q")

    def image_gray(self, x: float, top: float, w: float, h: float, value: int) -> None:
        self.images.setdefault("Logo", ("gray", value))
        self.image("Logo", x, top, w, h)

    # -- paths
    def _pt(self, p) -> str:
        return f"{_f(p[0])} {_f(self.H - p[1])}"

    def poly(self, pts, close=True) -> str:
        s = f"{self._pt(pts[0])} m " + " ".join(f"{self._pt(p)} l" for p in pts[1:])
        return s + (" h" if close else "")

    def rgb(self, rgb, stroke=False) -> str:
        r, g, b = (v / 255 for v in rgb)
        return f"{_f(r)} {_f(g)} {_f(b)} {'RG' if stroke else 'rg'}"

    def fill_rect(self, x0, y0, x1, y1, rgb=(0, 0, 0)) -> None:
        self.ops.append(f"q {self.rgb(rgb)} {_f(x0)} {_f(self.H - y1)} {_f(x1 - x0)} {_f(y1 - y0)} re f Q")

    def line(self, pts, width: float, rgb=(0, 0, 0), dash: bool = False) -> None:
        d = "[2 1] 0 d " if dash else ""
        self.ops.append(f"q {d}{_f(width)} w {self.rgb(rgb, True)} {self.poly(pts, False)} S Q")

    # -- grid
    def grid(self, hs, vs, spec, skip_v=()) -> None:
        """Ruling lines: thin filled rectangles cut at every crossing (most files), or
        stroked lines with a white stroked rectangle per cell."""
        t = spec.rule
        if spec.grid == "stroked":
            for y, a, b in hs:
                self.line([(a, y), (b, y)], 0.5)
            for x, a, b in vs:
                self.line([(x, a), (x, b)], 0.5)
            ys = sorted({round(h[0], 2) for h in hs})
            xs = sorted({round(v[0], 2) for v in vs})
            for y0, y1 in zip(ys, ys[1:]):
                for x0, x1 in zip(xs, xs[1:]):
                    self.ops.append(f"q 0.5 w 1 1 1 RG {_f(x0 + 1)} {_f(self.H - y1 + 1)} {_f(x1 - x0 - 2)} {_f(y1 - y0 - 2)} re S Q")
            return
        for y, a, b in hs:
            cuts = sorted({a, b} | {x for x, p, q in vs if a < x < b and p - 0.5 <= y <= q + 0.5})
            for u, v in zip(cuts, cuts[1:]):
                self.fill_rect(u, y - t / 2, v, y + t / 2)
        for x, a, b in vs:
            cuts = sorted({a, b} | {y for y, p, q in hs if a < y < b and p - 0.5 <= x <= q + 0.5})
            for u, v in zip(cuts, cuts[1:]):
                self.fill_rect(x - t / 2, u + t / 2, x + t / 2, v - t / 2)
        if spec.junctions:
            for y, a, b in hs:
                for x, p, q in vs:
                    if a - 0.5 <= x <= b + 0.5 and p - 0.5 <= y <= q + 0.5:
                        self.fill_rect(x - 0.25, y - 0.25, x + 0.25, y + 0.25)

    # -- symbols
    def symbol(self, kind: str, box, spec) -> None:
        pts = outline(kind, box)
        fill = {"grey": (217, 217, 217), "blue": (198, 217, 241)}.get(spec.fill or "", (255, 255, 255))
        if spec.style == "rings":
            inner = outline(kind, inset(box, 0.48))[::-1]
            self.ops.append(f"q 0 0 0 rg {self.poly(pts)} {self.poly(inner)} f Q")
        elif spec.style == "word":
            self.ops.append(f"q {self.rgb(fill)} {self.poly(pts)} f Q")
            path = capsule_bezier(box, self) if kind == "terminator" else self.poly(pts)
            self.ops.append(f"q 0.75 w 0 0 0 RG {path} S Q")
        elif spec.style == "excel":
            path = rounded_rect(box, self) if kind == "terminator" else self.poly(pts)
            self.ops.append(f"q 0.75 w 0 0 0 RG {self.rgb(fill)} {path} B Q")
        else:  # visio
            self.ops.append(f"q {self.rgb(fill)} {self.poly(pts)} f Q")
            self.ops.append(f"q 0.22 w 0 0 0 RG {self.poly(pts)} S Q")

    def connector(self, pts, spec, arrow: bool = True) -> None:
        rgb = BLUE_LINE if spec.blue_lines else (0, 0, 0)
        tip = pts[-1]
        head = arrow_head(pts[-2], tip) if arrow else None
        body = list(pts)
        if arrow:
            body[-1] = head[3]
        if spec.style in ("rings", "word"):
            ring = thick_outline(body, 0.5)
            if arrow and spec.chevron:             # Word's notched arrowhead
                notch = (head[3][0] * 0.6 + tip[0] * 0.4, head[3][1] * 0.6 + tip[1] * 0.4)
                tri = f" {self.poly([tip, head[1], notch, head[2]])}"
            else:
                tri = f" {self.poly(head[:3])}" if arrow else ""
            self.ops.append(f"q {self.rgb(rgb)} {self.poly(ring)}{tri} f Q")
        elif spec.style == "excel":
            for a, b in zip(body[:-2], body[1:-1]):
                self.line([a, b], 0.75, rgb)
            a, b = body[-2], body[-1]
            bar = thick_outline([a, b], 0.75)
            tri = f" {self.poly(head[:3])}" if arrow else ""
            self.ops.append(f"q {self.rgb(rgb)} {self.poly(bar)}{tri} f Q")
        else:
            self.line(body, 0.5, rgb, dash=spec.dashed)
            if arrow:
                self.ops.append(f"q {self.rgb(rgb)} {self.poly(head[:3])} f Q")


def inset(box, d):
    return (box[0] + d, box[1] + d, box[2] - d, box[3] - d)


def outline(kind: str, box) -> list[tuple[float, float]]:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if kind == "decision":
        return [(cx, y0), (x1, cy), (cx, y1), (x0, cy)]
    if kind == "offpage":
        return [(x0, y0), (x1, y0), (x1, y0 + 0.6 * (y1 - y0)), (cx, y1), (x0, y0 + 0.6 * (y1 - y0))]
    if kind == "terminator":                  # a flattened capsule, 64 vertices
        r = (y1 - y0) / 2
        pts = []
        for k in range(32):
            a = -math.pi / 2 + math.pi * k / 31
            pts.append((x1 - r + r * math.cos(a), cy + r * math.sin(a)))
        for k in range(32):
            a = math.pi / 2 + math.pi * k / 31
            pts.append((x0 + r + r * math.cos(a), cy + r * math.sin(a)))
        return pts
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def capsule_bezier(box, c: Canvas) -> str:
    """Word's capsule: m l c c l c c h."""
    x0, y0, x1, y1 = box
    r = (y1 - y0) / 2
    k = 0.5523 * r
    cy = (y0 + y1) / 2
    P = c._pt
    return (f"{P((x0 + r, y0))} m {P((x1 - r, y0))} l "
            f"{P((x1 - r + k, y0))} {P((x1, cy - k))} {P((x1, cy))} c "
            f"{P((x1, cy + k))} {P((x1 - r + k, y1))} {P((x1 - r, y1))} c "
            f"{P((x0 + r, y1))} l "
            f"{P((x0 + r - k, y1))} {P((x0, cy + k))} {P((x0, cy))} c "
            f"{P((x0, cy - k))} {P((x0 + r - k, y0))} {P((x0 + r, y0))} c h")


def rounded_rect(box, c: Canvas) -> str:
    """Excel's terminator: m c l c l c l c h, corner radius 0.7 of half the height."""
    x0, y0, x1, y1 = box
    r = 0.7 * (y1 - y0) / 2
    k = 0.5523 * r
    P = c._pt
    return (f"{P((x0, y0 + r))} m {P((x0, y0 + r - k))} {P((x0 + r - k, y0))} {P((x0 + r, y0))} c "
            f"{P((x1 - r, y0))} l {P((x1 - r + k, y0))} {P((x1, y0 + r - k))} {P((x1, y0 + r))} c "
            f"{P((x1, y1 - r))} l {P((x1, y1 - r + k))} {P((x1 - r + k, y1))} {P((x1 - r, y1))} c "
            f"{P((x0 + r, y1))} l {P((x0 + r - k, y1))} {P((x0, y1 - r + k))} {P((x0, y1 - r))} c h")


def arrow_head(prev, tip, length: float = 4.5, half: float = 2.2):
    dx, dy = tip[0] - prev[0], tip[1] - prev[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    return [tip, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half), (bx, by)]


def thick_outline(pts, t: float):
    """Outline of an orthogonal polyline drawn t thick (one L- or U-shaped polygon)."""
    h = t / 2
    norms = []
    for a, b in zip(pts, pts[1:]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        norms.append((-dy / n, dx / n))
    left, right = [], []
    for i, p in enumerate(pts):
        if i == 0:
            nx, ny = norms[0]
        elif i == len(pts) - 1:
            nx, ny = norms[-1]
        else:
            nx, ny = norms[i - 1][0] + norms[i][0], norms[i - 1][1] + norms[i][1]
        left.append((p[0] + nx * h, p[1] + ny * h))
        right.append((p[0] - nx * h, p[1] - ny * h))
    return left + right[::-1]


class Router:
    """Orthogonal routes between symbol boxes on one page that avoid other symbols."""

    def __init__(self, boxes):
        self.boxes = boxes

    def blocked(self, x, y0, y1, skip=()) -> bool:
        lo, hi = min(y0, y1), max(y0, y1)
        return any(b not in skip and b[0] - 1 <= x <= b[2] + 1 and b[3] > lo + 0.5 and b[1] < hi - 0.5 for b in self.boxes)

    def down(self, sx, sy, dbox, gutter_x, skip=()):
        dx, dy = (dbox[0] + dbox[2]) / 2, dbox[1]
        if abs(sx - dx) < 0.01 and not self.blocked(dx, sy, dy, skip):
            return [(sx, sy), (dx, dy)]
        ym = sy + 6
        if not self.blocked(dx, ym, dy, skip):
            return [(sx, sy), (sx, ym), (dx, ym), (dx, dy)]
        return [(sx, sy), (sx, ym), (gutter_x, ym), (gutter_x, dy - 6), (dx, dy - 6), (dx, dy)]
