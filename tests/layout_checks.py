"""Geometric invariants of a procedure-table layout, checked from the output geometry
only (independently of the engine's own router checks). ``check_layout`` returns a
list of problems (empty = all invariants hold)."""

from __future__ import annotations

from collections import defaultdict

EPS = 0.05


def _segments(points):
    return list(zip(points, points[1:]))


def _shapes(page):
    """ref -> (kind, x, y, w, h)"""
    out = {}
    for s in page.symbols:
        out[s.ref] = (s.kind, s.x, s.y, s.w, s.h)
    for o in page.offpage:
        out[o.ref] = ("offpage", o.x, o.y, o.w, o.h)
    return out


def _seg_hits_shape(shape, a, b, shrink=0.25) -> bool:
    kind, x, y, w, h = shape
    xa, xb = sorted((a[0], b[0]))
    ya, yb = sorted((a[1], b[1]))
    if not (xa < x + w - shrink and xb > x + shrink and ya < y + h - shrink and yb > y + shrink):
        return False
    if kind == "decision":
        cx, cy, hw, hh = x + w / 2, y + h / 2, w / 2, h / 2
        dx = 0.0 if xa <= cx <= xb else min(abs(xa - cx), abs(xb - cx))
        dy = 0.0 if ya <= cy <= yb else min(abs(ya - cy), abs(yb - cy))
        return dx / hw + dy / hh < 0.98
    if kind in ("start", "end", "terminal"):
        r = h / 2
        if xa < x + w - r and xb > x + r and ya < y + h - shrink and yb > y + shrink:
            return True
        cy = y + r
        for ccx in (x + r, x + w - r):
            px = min(max(ccx, xa), xb)
            py = min(max(cy, ya), yb)
            if (px - ccx) ** 2 + (py - cy) ** 2 < (r - shrink) ** 2:
                return True
        return False
    return True


def _rect_hits_shape(shape, r, m=0.0) -> bool:
    kind, x, y, w, h = shape
    x0, y0, x1, y1 = r
    if not (x0 < x + w + m and x1 > x - m and y0 < y + h + m and y1 > y - m):
        return False
    if kind == "decision":
        cx, cy, hw, hh = x + w / 2, y + h / 2, w / 2, h / 2
        dx = 0.0 if x0 <= cx <= x1 else min(abs(x0 - cx), abs(x1 - cx))
        dy = 0.0 if y0 <= cy <= y1 else min(abs(y0 - cy), abs(y1 - cy))
        return dx / hw + dy / hh < 1.0
    return True


def _on_boundary(shape, p, tol=0.06) -> bool:
    kind, x, y, w, h = shape
    px, py = p
    if kind == "decision":
        cx, cy, hw, hh = x + w / 2, y + h / 2, w / 2, h / 2
        return abs(abs(px - cx) / hw + abs(py - cy) / hh - 1.0) < tol / min(hw, hh) + 1e-6
    if kind == "offpage":
        top = abs(py - y) < tol and x - tol <= px <= x + w + tol
        tip = abs(py - (y + h)) < tol and abs(px - (x + w / 2)) < tol
        return top or tip
    inside = x - tol <= px <= x + w + tol and y - tol <= py <= y + h + tol
    if not inside:
        return False
    if kind in ("start", "end", "terminal"):
        r = h / 2
        # rounded ends
        for ccx in (x + r, x + w - r):
            if (px < x + r - tol and ccx == x + r) or (px > x + w - r + tol and ccx == x + w - r):
                d = ((px - ccx) ** 2 + (py - (y + r)) ** 2) ** 0.5
                return abs(d - r) < tol * 2
        return abs(py - y) < tol or abs(py - (y + h)) < tol
    return (abs(px - x) < tol or abs(px - (x + w)) < tol or abs(py - y) < tol or abs(py - (y + h)) < tol)


def _joins_trunk(page, c, gap=3.0, head=7.0) -> bool:
    """A flow connector without arrowhead ends on the last segment of another one into
    the same symbol (the trunk, which has the arrowhead), from the side, between the
    trunk's corner and its arrowhead."""
    (x, y), y0 = c.points[-1], c.points[-2][1]
    if abs(y - y0) > 1e-6:
        return False                        # it arrives horizontally
    for t in page.connectors:
        if t is c or t.kind != "flow" or not t.arrow or t.end != c.end:
            continue
        (ax, ay), (bx, by) = t.points[-2], t.points[-1]
        if abs(ax - bx) < 1e-6 and abs(ax - x) < 1e-6 and ay + gap <= y <= by - head:
            return True
    return False


def _seg_hits_rect(a, b, r, m=0.0) -> bool:
    x0, y0, x1, y1 = r
    xa, xb = sorted((a[0], b[0]))
    ya, yb = sorted((a[1], b[1]))
    return xa < x1 + m and xb > x0 - m and ya < y1 + m and yb > y0 - m


def check_layout(sop, layout) -> list[str]:
    problems: list[str] = []
    n = len(sop.kegiatan)

    # pagination: every row on exactly one page, in order, never split
    seen = []
    for page in layout.pages:
        acts = [r.activity_index for r in page.rows if r.kind == "activity"]
        seen.extend(acts)
        y = page.header_height
        for r in page.rows:
            if abs(r.y - y) > 1e-6:
                problems.append(f"page {page.number}: rows not contiguous at {r.y}")
            y = r.y + r.h
        if abs(y - page.height) > 1e-6:
            problems.append(f"page {page.number}: height {page.height} != rows end {y}")
        # a page may overflow only when it holds a single row taller than a page
        if page.height > layout.table_height + 1e-6 and len(acts) > 1:
            problems.append(f"page {page.number}: height {page.height} > usable {layout.table_height}")
    if seen != list(range(n)):
        problems.append(f"rows on pages {seen} != all activities in order")
    page_of = {}
    for page in layout.pages:
        for r in page.rows:
            if r.activity_index is not None:
                page_of[r.activity_index] = page.number

    # every drawn edge has its connector(s) and off-page pairs match
    conns = defaultdict(list)          # edge key -> [(page, connector)]
    offs = defaultdict(list)           # edge key -> [(page, offpage)]
    letters = defaultdict(list)
    for page in layout.pages:
        for c in page.connectors:
            if c.kind == "flow":
                conns[tuple(c.edge)].append((page.number, c))
        for o in page.offpage:
            offs[tuple(o.edge)].append((page.number, o))
            letters[o.letter].append((page.number, o))
    for a in sop.kegiatan:
        for k, e in enumerate(a.edges):
            key = (a.index, k)
            if e.target is None:
                if key in conns:
                    problems.append(f"edge {key} to selesai is drawn")
                continue
            ps, pt = page_of[a.index], page_of[e.target]
            cs = conns.get(key, [])
            if ps == pt:
                if len(cs) != 1 or cs[0][0] != ps:
                    problems.append(f"edge {key}: expected one connector on page {ps}, got {len(cs)}")
                    continue
                c = cs[0][1]
                if not (c.start.startswith(f"s{a.index}.") and c.end.startswith(f"s{e.target}.")):
                    problems.append(f"edge {key}: connector {c.start}->{c.end}")
                if key in offs:
                    problems.append(f"edge {key}: off-page connector for a same-page edge")
            else:
                os_ = offs.get(key, [])
                if len(os_) != 2:
                    problems.append(f"edge {key}: {len(os_)} off-page connectors (want 2)")
                    continue
                outs = [(p, o) for p, o in os_ if o.direction == "out"]
                ins = [(p, o) for p, o in os_ if o.direction == "in"]
                if len(outs) != 1 or len(ins) != 1:
                    problems.append(f"edge {key}: off-page directions {[o.direction for _p, o in os_]}")
                    continue
                (po, oo), (pi, oi) = outs[0], ins[0]
                if oo.letter != oi.letter:
                    problems.append(f"edge {key}: letters {oo.letter} != {oi.letter}")
                if po != ps or pi != pt:
                    problems.append(f"edge {key}: off-page on pages {po},{pi} (want {ps},{pt})")
                forward = e.target > a.index
                if (forward and not pi > po) or (not forward and not pi < po):
                    problems.append(f"edge {key}: off-page pages out {po} in {pi}")
                pages_c = sorted(p for p, _c in cs)
                if pages_c != sorted((ps, pt)):
                    problems.append(f"edge {key}: halves on pages {pages_c}")
                for p, c in cs:
                    if p == ps and not (c.start.startswith(f"s{a.index}.") and c.end == f"p{oo.letter}"):
                        problems.append(f"edge {key}: first half {c.start}->{c.end}")
                    if p == pt and not (c.start == f"p{oi.letter}" and c.end.startswith(f"s{e.target}.")):
                        problems.append(f"edge {key}: second half {c.start}->{c.end}")
    for letter, items in letters.items():
        if len(items) != 2:
            problems.append(f"letter {letter} used {len(items)} times")

    # geometry per page
    for page in layout.pages:
        shapes = _shapes(page)
        tag = f"page {page.number}"
        col_x = sorted({c.x for c in page.columns} | {page.width})
        row_y = sorted({page.header_height} | {r.y + r.h for r in page.rows})
        lanes = [c for c in page.columns if c.key == "actor"]
        lane_lines = {c.x for c in lanes[1:]}
        hsegs = defaultdict(list)
        vsegs = defaultdict(list)
        for ci, c in enumerate(page.connectors):
            pts = c.points
            if len(pts) < 2:
                problems.append(f"{tag}: connector {c.edge} has {len(pts)} points")
                continue
            for a, b in _segments(pts):
                horiz = abs(a[1] - b[1]) < 1e-6
                vert = abs(a[0] - b[0]) < 1e-6
                if not (horiz or vert):
                    problems.append(f"{tag}: connector {c.edge} segment {a}->{b} not axis-aligned")
                    continue
                if horiz and vert:
                    problems.append(f"{tag}: connector {c.edge} zero-length segment at {a}")
                    continue
                if horiz:
                    hsegs[round(a[1])].append((a[1], min(a[0], b[0]), max(a[0], b[0]), ci))
                    if any(abs(a[1] - y) < 0.5 for y in row_y):
                        problems.append(f"{tag}: connector {c.edge} runs along a row border at y={a[1]}")
                else:
                    vsegs[round(a[0])].append((a[0], min(a[1], b[1]), max(a[1], b[1]), ci))
                    if any(abs(a[0] - x) < 0.5 for x in col_x):
                        problems.append(f"{tag}: connector {c.edge} runs along a column border at x={a[0]}")
                for ref, sh in shapes.items():
                    if _seg_hits_shape(sh, a, b):
                        problems.append(f"{tag}: connector {c.edge} {a}->{b} crosses symbol {ref}")
                if not (0 <= min(a[0], b[0]) and max(a[0], b[0]) <= page.width
                        and page.header_height <= min(a[1], b[1]) and max(a[1], b[1]) <= page.height):
                    problems.append(f"{tag}: connector {c.edge} leaves the table")
            if c.start in shapes and not _on_boundary(shapes[c.start], pts[0]):
                problems.append(f"{tag}: connector {c.edge} does not start on {c.start}: {pts[0]}")
            if c.kind == "flow" and not c.arrow:
                if not _joins_trunk(page, c):
                    problems.append(f"{tag}: connector {c.edge} without arrowhead joins no line into {c.end}")
            elif c.end in shapes and not _on_boundary(shapes[c.end], pts[-1]):
                problems.append(f"{tag}: connector {c.edge} does not end on {c.end}: {pts[-1]}")
            if c.start not in shapes or c.end not in shapes:
                problems.append(f"{tag}: connector {c.edge} refs {c.start}->{c.end} unknown")
        # no shared collinear segments between different connectors
        for segs in (hsegs, vsegs):
            keys = sorted(segs)
            for k in keys:
                group = segs[k] + segs.get(k + 1, [])
                for i in range(len(segs[k])):
                    v, a0, a1, ci = segs[k][i]
                    for (w, b0, b1, cj) in group:
                        if cj == ci or (cj < ci and (w, b0, b1, cj) in segs[k]):
                            continue
                        if abs(v - w) < 0.5 and min(a1, b1) - max(a0, b0) > 0.5:
                            problems.append(f"{tag}: connectors {page.connectors[ci].edge} and "
                                            f"{page.connectors[cj].edge} share a segment at {v}")
        # labels
        boxes = []
        for lb in page.labels:
            r = (lb.x, lb.y, lb.x + lb.w, lb.y + lb.h)
            if not (0 <= r[0] and r[2] <= page.width and page.header_height <= r[1] and r[3] <= page.height):
                problems.append(f"{tag}: label {lb.text!r} outside the table")
            # a label may run along its exit over the line between two lanes (the line
            # breaks under it), never over another column line nor a row line
            if any(r[0] < x < r[2] for x in col_x if x not in lane_lines) \
                    or any(r[1] < y < r[3] for y in row_y):
                problems.append(f"{tag}: label {lb.text!r} crosses a grid line")
            for ref, sh in shapes.items():
                if _rect_hits_shape(sh, r):
                    problems.append(f"{tag}: label {lb.text!r} overlaps symbol {ref}")
            for c in page.connectors:
                for a, b in _segments(c.points):
                    if _seg_hits_rect(a, b, r):
                        problems.append(f"{tag}: label {lb.text!r} overlaps connector {c.edge}")
            for other in boxes:
                if r[0] < other[2] and r[2] > other[0] and r[1] < other[3] and r[3] > other[1]:
                    problems.append(f"{tag}: label {lb.text!r} overlaps another label")
            boxes.append(r)
        # off-page connectors sit in strip rows
        strips = [r for r in page.rows if r.kind == "strip"]
        for o in page.offpage:
            if not any(r.y <= o.y and o.y + o.h <= r.y + r.h for r in strips):
                problems.append(f"{tag}: off-page {o.letter} not in a strip row")
    return problems


def check_signable(sop, layout, line_clear=6.0, line_run=20.0, min_size=6.0) -> list[str]:
    """The readability rules of OUTPUT.md §1 (issue 15), from the output geometry:
    labels in one size of at least 6 pt, each nearer its own exit than any arriving
    edge; no vertical segment within 6 pt of a column line for more than 20 pt; no page
    blank or overflowing; no text under 6 pt or cut with an ellipsis; no word broken
    where it fits its column."""
    from sopc.layout import metrics
    from sopc.layout.style import PAD_X
    from sopc.layout.table import cell_texts

    problems: list[str] = []
    sizes = {lb.size for p in layout.pages for lb in p.labels}
    if len(sizes) > 1 or any(s < min_size for s in sizes):
        problems.append(f"label sizes {sorted(sizes)}")
    texts = {a.index: cell_texts(a) for a in sop.kegiatan}
    for page in layout.pages:
        tag = f"page {page.number}"
        acts = [r for r in page.rows if r.kind == "activity"]
        if sop.kegiatan and not acts:
            problems.append(f"{tag}: blank (no activity row)")
        if page.height > layout.table_height + 1e-6:
            problems.append(f"{tag}: overflows ({page.height:.1f} > {layout.table_height:.1f})")
        cells = list(page.header) + [c for r in page.rows for c in r.cells]
        for c in cells:
            if any("\u2026" in ln.text for ln in c.lines):
                problems.append(f"{tag}: ellipsis in {c.key}")
            if c.lines and any(ln.text for ln in c.lines) and c.size < min_size - 1e-9:
                problems.append(f"{tag}: {c.key} at {c.size} pt")
        for r in acts:
            for c in r.cells:
                words_on_lines = {w for ln in c.lines for w in ln.text.split()}
                for tok in texts[r.activity_index][c.key].split():
                    if metrics.text_width(tok, c.size) <= c.w - 2 * PAD_X - 0.5 and tok not in words_on_lines:
                        problems.append(f"{tag}: row {r.activity_index + 1} {c.key}: {tok!r} broken")
        # labels near their own exit
        for lb in page.labels:
            own = [c for c in page.connectors if c.kind == "flow" and c.edge == lb.edge
                   and c.start.startswith("s")]
            if not own:
                continue
            exit_pt = own[0].points[0]
            arriving = [c.points[-1] for c in page.connectors
                        if c.kind == "flow" and c.end == own[0].start]
            d_own = _box_dist(lb, exit_pt)
            for q in arriving:
                if _box_dist(lb, q) <= d_own:
                    problems.append(f"{tag}: label {lb.text!r} nearer an arriving edge than its exit")
        col_x = sorted({c.x for c in page.columns} | {page.width})
        for c in page.connectors:
            for a, b in _segments(c.points):
                if abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) > line_run:
                    if any(abs(a[0] - x) < line_clear for x in col_x):
                        problems.append(f"{tag}: connector {c.edge} runs {abs(a[1] - b[1]):.0f} pt "
                                        f"within {line_clear} pt of a column line")
    return problems


def _box_dist(lb, p) -> float:
    dx = max(lb.x - p[0], 0.0, p[0] - (lb.x + lb.w))
    dy = max(lb.y - p[1], 0.0, p[1] - (lb.y + lb.h))
    return (dx * dx + dy * dy) ** 0.5


def side_by_side(page, clear: float = 3.5, run: float = 30.0) -> int:
    """Pairs of pieces of two connectors that run side by side nearer than ``clear``
    (but not on each other) for more than ``run`` pt: two lines that read as one."""
    pieces = {True: [], False: []}
    for ci, c in enumerate(page.connectors):
        for (x1, y1), (x2, y2) in _segments(c.points):
            if abs(x1 - x2) < 1e-6 and abs(y1 - y2) > 1e-6:
                pieces[True].append((x1, min(y1, y2), max(y1, y2), ci))
            elif abs(y1 - y2) < 1e-6 and abs(x1 - x2) > 1e-6:
                pieces[False].append((y1, min(x1, x2), max(x1, x2), ci))
    n = 0
    for ps in pieces.values():
        ps.sort()
        for i, (p, a, b, ci) in enumerate(ps):
            for q, a2, b2, cj in ps[i + 1:]:
                if q - p >= clear:
                    break
                if cj != ci and q - p > 0.01 and min(b, b2) - max(a, a2) > run:
                    n += 1
    return n
