"""SVG drawing of one page of the procedure table (geometry from ``sopc.layout``).

``page_svg(page, prefix)`` returns a complete standalone SVG document: the grid, the
header (bold), the cell texts as real ``<text>`` elements (selectable, searchable), the
symbols, the connectors as ``<path>`` elements with explicit filled arrowheads (no
markers: WeasyPrint mis-orients them), the branch labels and the off-page connectors.
Every id carries ``prefix`` so that several drawings can share one HTML page. Output is
deterministic: the same page gives the same bytes.
"""

from __future__ import annotations

from sopc.layout.style import ARROW_LEN
from sopc.layout.geometry import Cell, Page, crossings
from sopc.layout.metrics import text_width

FONT_FAMILY = "SopcSans, DejaVu Sans, sans-serif"
HEADER_FILL = "#e6e6e6"
INK = "#000"
GRID = "#000"
STRIP_FILL = "#fafafa"


def esc(s: str) -> str:
    """Escape text for XML element content and double-quoted attributes."""
    s = str(s)
    # the same replacements, in the same order, as xml.sax.saxutils.escape with the
    # quote entities (a plain str.replace chain is much faster)
    if "&" in s:
        s = s.replace("&", "&amp;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if '"' in s:
        s = s.replace('"', "&quot;")
    if "'" in s:
        s = s.replace("'", "&#39;")
    return s


_F: dict[float, str] = {}


def f(v: float) -> str:
    """A number with at most two decimals, no trailing zeros (deterministic)."""
    # memoised: the same coordinates come back on every page (columns, symbols, lines)
    got = _F.get(v)
    if got is not None:
        return got
    s = f"{v:.2f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    s = "0" if s in ("-0", "") else s
    if len(_F) < 200_000:
        _F[v] = s
    return s


def start_x(text: str, x: float, anchor: str, size: float, bold: bool = False) -> float:
    """The x where a line placed at ``x`` with ``anchor`` ("start", "middle", "end")
    begins, from the bundled font's metrics. Lines are written with that x and no
    ``text-anchor``: WeasyPrint draws every anchored SVG text into a form XObject of its
    own, which made an SOP's PDF six times larger and its joins in a book twenty times
    heavier."""
    if anchor == "start":
        return x
    w = text_width(text, size, bold)
    return x - w / 2 if anchor == "middle" else x - w


def _spans(lines, size: float, bold: bool = False) -> str:
    fm = f
    return "".join([f'<tspan x="{fm(start_x(ln.text, ln.x, ln.anchor, size, bold))}" y="{fm(ln.y)}">'
                    f'{esc(ln.text)}</tspan>' for ln in lines if ln.text])


def _cell_text(cell: Cell, cls: str) -> str:
    lines = cell.lines
    if not lines:
        return ""
    fm = f
    spans = _spans(lines, cell.size, cell.bold)
    if not spans:                       # every line empty
        return ""
    attrs = f'font-size="{fm(cell.size)}"'
    if cell.bold:
        attrs += ' font-weight="bold"'
    return f'<text class="{cls}" {attrs}>{spans}</text>'


def _grid(page: Page) -> list[str]:
    W, H, hh = page.width, page.height, page.header_height
    cols = page.columns
    out: list[str] = []
    out.append(f'<rect x="0" y="0" width="{f(W)}" height="{f(hh)}" fill="{HEADER_FILL}"/>')
    for r in page.rows:
        if r.kind == "strip":
            out.append(f'<rect x="0" y="{f(r.y)}" width="{f(W)}" height="{f(r.h)}" fill="{STRIP_FILL}"/>')
    d: list[str] = []
    # header: the line between the two header rows, under the group headings only
    h1 = None
    for c in page.header:
        if c.key in ("pelaksana", "mutu"):
            h1 = c.h
            d.append(f"M{f(c.x)} {f(c.h)}H{f(c.x + c.w)}")
    numbers = [c for c in page.header if c.key == "nomor"]
    if numbers:                         # the column-number row under the header
        d.append(f"M0 {f(numbers[0].y)}H{f(W)}")
    d.append(f"M0 {f(hh)}H{f(W)}")
    for r in page.rows:
        d.append(f"M0 {f(r.y + r.h)}H{f(W)}")
    # vertical lines: inside a group heading they start below it
    groups = {}
    for i, c in enumerate(cols):
        if c.group:
            groups.setdefault(c.group, []).append(i)
    inner = set()
    for idx in groups.values():
        inner.update(idx[1:])
    for i, c in enumerate(cols):
        if i == 0:
            continue
        y0 = h1 if (i in inner and h1 is not None) else 0.0
        d.append(f"M{f(c.x)} {f(y0)}V{f(H)}")
    out.append(f'<path d="{"".join(d)}" fill="none" stroke="{GRID}" stroke-width="0.6"/>')
    out.append(f'<rect x="0.4" y="0.4" width="{f(W - 0.8)}" height="{f(H - 0.8)}" fill="none" '
               f'stroke="{GRID}" stroke-width="0.8"/>')
    return out


def _arrowhead(p0, p1) -> str:
    (x0, y0), (x1, y1) = p0, p1
    L, half = ARROW_LEN, ARROW_LEN * 0.42
    if abs(x0 - x1) < 1e-9:
        s = 1 if y1 > y0 else -1
        pts = [(x1, y1), (x1 - half, y1 - s * L), (x1 + half, y1 - s * L)]
    else:
        s = 1 if x1 > x0 else -1
        pts = [(x1, y1), (x1 - s * L, y1 - half), (x1 - s * L, y1 + half)]
    return "M" + "L".join(f"{f(x)} {f(y)}" for x, y in pts) + "Z"


HOP_R = 2.5                 # radius of the hop where a line crosses another


def _line_path(points, shorten_end: float = 0.0, hops=()) -> str:
    """The path of a connector; ``hops``: (x, y) where this line's horizontal segments
    jump over a crossing vertical line (a small half circle)."""
    pts = list(points)
    if shorten_end and len(pts) >= 2:
        (x0, y0), (x1, y1) = pts[-2], pts[-1]
        if abs(x0 - x1) < 1e-9:
            y1 = y1 - shorten_end if y1 > y0 else y1 + shorten_end
        else:
            x1 = x1 - shorten_end if x1 > x0 else x1 + shorten_end
        pts[-1] = (x1, y1)
    if not hops:
        return "M" + "L".join(f"{f(x)} {f(y)}" for x, y in pts)
    out = [f"M{f(pts[0][0])} {f(pts[0][1])}"]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if abs(y0 - y1) < 1e-9:
            s = 1 if x1 > x0 else -1
            on = sorted((hx for hx, hy in hops if abs(hy - y0) < 1e-6
                         and min(x0, x1) + HOP_R < hx < max(x0, x1) - HOP_R), key=lambda v: v * s)
            for hx in on:
                out.append(f"L{f(hx - s * HOP_R)} {f(y0)}")
                out.append(f"A{f(HOP_R)} {f(HOP_R)} 0 0 {1 if s > 0 else 0} {f(hx + s * HOP_R)} {f(y0)}")
        out.append(f"L{f(x1)} {f(y1)}")
    return "".join(out)


def page_svg(page: Page, prefix: str = "sop") -> str:
    """One complete SVG document for ``page``; every id starts with ``prefix``."""
    pid = esc(prefix.rstrip("-") or "sop")
    W, H = page.width, page.height
    parts: list[str] = []
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{f(W)}pt" height="{f(H)}pt" '
        f'viewBox="0 0 {f(W)} {f(H)}" role="img" aria-labelledby="{pid}-title" '
        f'font-family="{FONT_FAMILY}" style="font-kerning:none" text-rendering="geometricPrecision">')
    parts.append(f'<title id="{pid}-title">{esc(page.title)}</title>')
    parts.append(f'<g id="{pid}-grid">')
    parts.extend(_grid(page))
    parts.append("</g>")
    # texts
    parts.append(f'<g id="{pid}-text" fill="{INK}">')
    for c in page.header:
        t = _cell_text(c, "h")
        if t:
            parts.append(t)
    for r in page.rows:
        for c in r.cells:
            t = _cell_text(c, "c")
            if t:
                parts.append(t)
    parts.append("</g>")
    # connectors (below the symbols so that the symbols' white fill hides nothing)
    parts.append(f'<g id="{pid}-flow" fill="none" stroke="{INK}" stroke-width="0.8" '
                 f'stroke-linejoin="miter" stroke-linecap="butt">')
    heads: list[str] = []
    hops: dict[int, list[tuple[float, float]]] = {}
    for i, x, y in crossings(page):
        hops.setdefault(i, []).append((x, y))
    for i, c in enumerate(page.connectors):
        if len(c.points) < 2:
            continue
        if c.arrow:
            parts.append(f'<path d="{_line_path(c.points, ARROW_LEN * 0.6, hops.get(i, ()))}"/>')
            heads.append(_arrowhead(c.points[-2], c.points[-1]))
        else:
            parts.append(f'<path d="{_line_path(c.points, 0.0, hops.get(i, ()))}"/>')
    parts.append("</g>")
    if heads:
        parts.append(f'<path id="{pid}-arrows" d="{"".join(heads)}" fill="{INK}" stroke="none"/>')
    # symbols
    parts.append(f'<g id="{pid}-symbols" fill="#fff" stroke="{INK}" stroke-width="1">')
    for s in page.symbols:
        if s.kind == "decision":
            cx, cy = s.x + s.w / 2, s.y + s.h / 2
            d = (f"M{f(cx)} {f(s.y)}L{f(s.x + s.w)} {f(cy)}L{f(cx)} {f(s.y + s.h)}"
                 f"L{f(s.x)} {f(cy)}Z")
            parts.append(f'<path d="{d}"/>')
        elif s.kind in ("start", "end", "terminal"):
            parts.append(f'<rect x="{f(s.x)}" y="{f(s.y)}" width="{f(s.w)}" height="{f(s.h)}" '
                         f'rx="{f(s.h / 2)}" ry="{f(s.h / 2)}"/>')
        else:
            parts.append(f'<rect x="{f(s.x)}" y="{f(s.y)}" width="{f(s.w)}" height="{f(s.h)}"/>')
    for o in page.offpage:
        d = "M" + "L".join(f"{f(x)} {f(y)}" for x, y in o.polygon()) + "Z"
        parts.append(f'<path d="{d}"/>')
    parts.append("</g>")
    inside = [s for s in page.symbols if s.lines]
    if inside:
        parts.append(f'<g id="{pid}-symbol-text" fill="{INK}">')
        for s in inside:
            parts.append(f'<text font-size="{f(s.size)}">{_spans(s.lines, s.size)}</text>')
        parts.append("</g>")
    if page.offpage:
        parts.append(f'<g id="{pid}-offpage-letters" fill="{INK}" font-weight="bold">')
        for o in page.offpage:
            size = max(4.0, min(7.0, o.w * 0.5 if len(o.letter) == 1 else o.w * 0.36))
            x = start_x(o.letter, o.x + o.w / 2, "middle", size, bold=True)
            parts.append(f'<text x="{f(x)}" y="{f(o.y + o.h * 0.36 + size * 0.36)}" '
                         f'font-size="{f(size)}">{esc(o.letter)}</text>')
        parts.append("</g>")
    if page.labels:
        parts.append(f'<g id="{pid}-labels" fill="{INK}">')
        lines_x = [c.x for c in page.columns[1:]]
        for lb in page.labels:
            if any(lb.x < x < lb.x + lb.w for x in lines_x):
                # a label running along its exit into the next lane: the column line
                # breaks under it, as a careful hand leaves it
                parts.append(f'<rect x="{f(lb.x)}" y="{f(lb.y)}" width="{f(lb.w)}" '
                             f'height="{f(lb.h)}" fill="#fff"/>')
            parts.append(f'<text font-size="{f(lb.size)}">{_spans(lb.lines, lb.size)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
