"""One page of the procedure table: rows, symbols, off-page connectors, the edges to
route on the page and their entry points, then labels and routes.

An edge whose ends are on different pages is routed as two halves to and from a pair
of pentagon off-page connectors with the same letter, placed in a strip at the
bottom/top of the pages (forward edges: bottom of the page it leaves, top of the page
it enters; back edges: top of the page it leaves, bottom of the page it enters).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopc.layout.flow import Act, LocalEdge, Node, Slot, XEdge, entry_point, entry_room, exit_point, node_activity
from sopc.layout.geometry import Cell, Column, Connector, LabelBox, OffPage, Page, RowBox, SymbolBox, crossing_pairs
from sopc.layout.labels import place_labels, question_lines
from sopc.layout.route import Router
from sopc.layout.style import FONT_SIZE, MIN_LAST, MIN_STUB, Style
from sopc.layout.table import place_lines
from sopc.layout.tidy import spread, straighten


@dataclass
class Sheet:
    """What every page of one SOP shares (read only while pages are built)."""
    acts: list[Act]
    xedges: list[XEdge]
    page_of: dict[int, int]
    letter_of: dict[tuple[int, int], str]
    cols: list[Column]
    lane_cols: list[Column]
    style: Style
    header_cells: list[Cell]
    header_h: float
    width: float
    lang: str
    title_base: str
    gutters: list
    tight_gutters: list
    row_edges: list = field(default_factory=list)   # per row: indices into xedges of its edges


@dataclass
class PageCtx:
    """The page being built."""
    p: int
    npages: int
    a0: int
    a1: int
    slots: list[Slot] = field(default_factory=list)
    rows: list[RowBox] = field(default_factory=list)
    slot_of_act: dict[int, int] = field(default_factory=dict)
    page_h: float = 0.0
    symbols: list[SymbolBox] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    offpage: list[OffPage] = field(default_factory=list)
    pent_nodes: dict[tuple[int, int], Node] = field(default_factory=dict)
    local: list[LocalEdge] = field(default_factory=list)
    labels: list[LabelBox] = field(default_factory=list)
    edges: list[XEdge] = field(default_factory=list)    # the edges with an end on this page
    levels: dict = field(default_factory=dict)          # the router's channel levels (Router.levels)


_STEP = {"down": (0, 1), "up": (0, -1), "right": (1, 0), "left": (-1, 0)}
# from an entry point, the way out of the symbol (where the last piece comes from)
_OUTWARD = {"top": _STEP["up"], "bottom": _STEP["down"], "right": _STEP["right"], "left": _STEP["left"]}


def build_page(sh: Sheet, p: int, npages: int, a0: int, a1: int) -> tuple[Page, list[int]]:
    """Page ``p`` (0-based) of ``npages``, holding activities ``a0 .. a1 - 1``, and the
    activities whose connectors or labels could not be placed cleanly (one entry per
    failure; None for an off-page end).

    When a connector to or from an off-page connector crosses another, the page is
    built once more with each pentagon under the track its route took (the other
    connectors keep their routes where they still can), and the drawing with fewer
    crossings is kept."""
    grid: dict = {}
    moved: set = set()
    page, fails = _build_page(sh, p, npages, a0, a1, grid=grid, moved=moved)
    if not page.offpage:
        return page, fails
    pairs = crossing_pairs(page)
    cs = page.connectors
    if not any(_offpage_end(cs[i]) or _offpage_end(cs[j]) for i, j, _x, _y in pairs):
        return page, fails
    keep = {c.edge: (c.points, c.arrow) for c in cs if c.kind == "flow" and not _offpage_end(c)}
    page2, fails2 = _build_page(sh, p, npages, a0, a1, _track_hints(page, moved), keep, grid)
    if len(fails2) <= len(fails) and len(crossing_pairs(page2)) < len(pairs):
        return page2, fails2
    return page, fails


def _offpage_end(c: Connector) -> bool:
    """Does flow connector ``c`` start or end at an off-page connector?"""
    return c.start.startswith("p") or c.end.startswith("p")


def _track_hints(page: Page, moved: set) -> dict[tuple[int, int], float]:
    """Per edge with an off-page connector on ``page``, where its route wants the
    pentagon: the x of the route's track (the vertical after the first turn, counted
    from the pentagon; where the pentagon was ``moved`` under it, its own)."""
    out = {}
    for c in page.connectors:
        if c.kind != "flow" or not _offpage_end(c):
            continue
        pts = c.points if c.start.startswith("p") else c.points[::-1]
        if c.edge in moved:
            out[c.edge] = pts[0][0]
        elif len(pts) >= 4:
            out[c.edge] = pts[2][0]
    return out


def _build_page(sh: Sheet, p: int, npages: int, a0: int, a1: int, hints: dict | None = None,
                keep: dict | None = None, grid: dict | None = None,
                moved: set | None = None) -> tuple[Page, list[int]]:
    """The page (see build_page), its pentagons placed at ``hints`` (x per edge) where
    given, the connectors of ``keep`` (points and arrowhead per edge) kept where they
    are still clean. ``grid``, when given: the rows and symbols of an earlier build of
    the same page, taken from it when it holds them, else filled in (see _grid)."""
    pg = PageCtx(p, npages, a0, a1)
    if sh.row_edges:           # only the edges of this page's rows, in xedges order
        pg.edges = [sh.xedges[k] for k in sorted({k for r in range(a0, a1) for k in sh.row_edges[r]})]
    else:
        pg.edges = sh.xedges
    outs_bottom, ins_top, outs_top, ins_bottom = _strip_edges(sh, pg)
    top_strip = bool(ins_top or outs_top)
    bottom_strip = bool(outs_bottom or ins_bottom)
    _grid(sh, pg, top_strip, bottom_strip, grid)
    strip_items: dict[int, list[tuple[XEdge, str, int]]] = {}
    if top_strip:
        strip_items[0] = [(e, "in", e.tgt_lane) for e in ins_top] + [(e, "out", e.src_lane) for e in outs_top]
    if bottom_strip:
        strip_items[len(pg.slots) - 1] = ([(e, "out", e.src_lane) for e in outs_bottom]
                                          + [(e, "in", e.tgt_lane) for e in ins_bottom])
    for s, items in strip_items.items():
        _offpage_strip(sh, pg, s, items, hints)
    _local_edges(sh, pg)
    _entry_points(pg)
    label_fails = place_labels(pg.local, pg.slots, sh.lane_cols, sh.style, pg.labels)
    connectors, route_fails = _route(sh, pg, keep, moved)
    if sh.lang == "en":
        title = f"Procedure flowchart: {sh.title_base} (page {p + 1} of {npages})"
    else:
        title = f"Diagram alir prosedur: {sh.title_base} (halaman {p + 1} dari {npages})"
    pg.symbols.sort(key=lambda s: (s.activity_index, s.column))
    pg.offpage.sort(key=lambda o: (o.y, o.x))
    pg.labels.sort(key=lambda lb: (lb.y, lb.x))
    page = Page(number=p + 1, width=sh.width, height=pg.page_h, header_height=sh.header_h,
                header=sh.header_cells, rows=pg.rows, symbols=pg.symbols, connectors=connectors,
                labels=pg.labels, offpage=pg.offpage, columns=sh.cols, title=title, font_size=FONT_SIZE)
    return page, label_fails + route_fails


def _strip_edges(sh: Sheet, pg: PageCtx):
    """The edges that leave or enter page ``p`` through an off-page connector:
    (forward out at the bottom, forward in at the top, back out at the top, back in at
    the bottom)."""
    p = pg.p
    outs_bottom, ins_top, outs_top, ins_bottom = [], [], [], []
    for e in pg.edges:
        ps, pt = sh.page_of[e.src], sh.page_of[e.tgt]
        if ps == pt:
            continue
        if ps == p:
            (outs_bottom if e.forward else outs_top).append(e)
        if pt == p:
            (ins_top if e.forward else ins_bottom).append(e)
    return outs_bottom, ins_top, outs_top, ins_bottom


def _grid(sh: Sheet, pg: PageCtx, top_strip: bool, bottom_strip: bool, grid: dict | None) -> None:
    """The rows and symbols of the page: from ``grid`` when it holds those of an
    earlier build of the page (they do not depend on its off-page connectors, labels
    and routes), else built and, with ``grid``, stored there; so are the channel levels
    of the router (the off-page strips are the same in every build)."""
    if grid:
        pg.rows, pg.page_h, pg.symbols = list(grid["rows"]), grid["page_h"], list(grid["symbols"])
        pg.slot_of_act, pg.nodes, pg.slots = grid["slot_of_act"], dict(grid["nodes"]), _copy_slots(grid["slots"])
        pg.levels = grid["levels"]
        return
    _rows(sh, pg, top_strip, bottom_strip)
    _symbols(sh, pg)
    if grid is not None:
        grid.update(rows=list(pg.rows), page_h=pg.page_h, symbols=list(pg.symbols), slot_of_act=pg.slot_of_act,
                    nodes=dict(pg.nodes), slots=_copy_slots(pg.slots), levels=pg.levels)


def _copy_slots(slots: list[Slot]) -> list[Slot]:
    """Copies of ``slots`` (the off-page connectors and labels of a build add their
    obstacles to its own)."""
    return [Slot(s.y0, s.y1, s.kind, s.sym_top, s.sym_bot, list(s.obstacles)) for s in slots]


def _rows(sh: Sheet, pg: PageCtx, top_strip: bool, bottom_strip: bool) -> None:
    colmap = {c.key: c for c in sh.cols if c.key != "actor"}
    style = sh.style
    y = sh.header_h
    if top_strip:
        pg.slots.append(Slot(y, y + style.strip_h, "strip"))
        pg.rows.append(RowBox(None, y, style.strip_h, [], "strip"))
        y += style.strip_h
    for i in range(pg.a0, pg.a1):
        act = sh.acts[i]
        pg.slot_of_act[i] = len(pg.slots)
        pg.slots.append(Slot(y, y + act.h, "activity"))
        cells = []
        for key in ("no", "kegiatan", "kelengkapan", "waktu", "output", "keterangan"):
            c = colmap[key]
            align = "start" if key == "kegiatan" else "middle"
            cells.append(Cell(key, c.x, y, c.w, act.h,
                              place_lines(act.texts[key], c.x, y, c.w, act.h, act.size, align),
                              size=act.size))
        pg.rows.append(RowBox(i, y, act.h, cells, "activity"))
        y += act.h
    if bottom_strip:
        pg.slots.append(Slot(y, y + style.strip_h, "strip"))
        pg.rows.append(RowBox(None, y, style.strip_h, [], "strip"))
        y += style.strip_h
    pg.page_h = y


def _symbols(sh: Sheet, pg: PageCtx) -> None:
    style = sh.style
    for i in range(pg.a0, pg.a1):
        act = sh.acts[i]
        s = pg.slot_of_act[i]
        sl = pg.slots[s]
        cy = (sl.y0 + sl.y1) / 2
        q: list[str] = []
        if act.kind == "decision":
            w, h, q = act.shape
        else:
            w, h = style.rect_w, style.rect_h
        for lane in act.lanes:
            c = sh.lane_cols[lane]
            ref = f"s{i}.{lane}"
            x0, y0 = c.cx - w / 2, cy - h / 2
            sym_lines = question_lines(q, c.cx, cy, h, style.label_size) if q else []
            sym_size = style.label_size if q else 0.0
            pg.symbols.append(SymbolBox(act.kind, i, lane, x0, y0, w, h, ref, sym_lines, sym_size))
            pg.nodes[ref] = Node(ref, act.kind, s, x0, y0, w, h, lane)
            sl.obstacles.append((act.kind, x0, y0, x0 + w, y0 + h))
        sl.sym_top = cy - h / 2
        sl.sym_bot = cy + h / 2


def _offpage_strip(sh: Sheet, pg: PageCtx, s: int, items: list[tuple[XEdge, str, int]],
                   hints: dict | None = None) -> None:
    """The pentagons of the strip in slot ``s``, grouped by lane, each placed where its
    route wants it: in a lane with ``hints`` (the x of an edge's track), in the order
    of the hints, each as near its own as the lane's room allows."""
    letter_of = sh.letter_of
    sl = pg.slots[s]
    items.sort(key=lambda t: letter_of[(t[0].src, t[0].k)])
    by_lane: dict[int, list] = {}
    for it in items:
        by_lane.setdefault(it[2], []).append(it)
    pw, ph = sh.style.pent_w, sh.style.pent_h
    py0 = (sl.y0 + sl.y1) / 2 - ph / 2
    bottom = s != 0              # the top strip is always slot 0
    for lane, its in sorted(by_lane.items()):
        c = sh.lane_cols[lane]
        m = len(its)
        step = min(pw + 5.0, (c.w - 4.0) / max(m, 1)) if m > 1 else 0.0
        free = [c.cx + (j - (m - 1) / 2) * step for j in range(m)]
        big = c.w

        def want(it):
            e, direction, _l = it
            if direction == "out" and bottom or direction == "in" and not bottom:
                if direction == "out" and e.port in ("right", "left"):
                    return c.cx + (big if e.port == "right" else -big)
                return c.cx
            if direction == "out" and e.port == "left":
                return c.cx - big
            return c.cx + big          # back edges: gutter tracks, right side first

        def prio(it):
            e, direction, _l = it
            straight = (direction == "out") == bottom
            near = -e.src if bottom else e.tgt
            return (0 if straight else 1, near, letter_of[(e.src, e.k)])
        placed = []
        if hints and any((it[0].src, it[0].k) in hints for it in its):
            lo, hi = c.x + pw / 2 + 3.0, c.x1 - pw / 2 - 3.0
            gap = min(pw + 5.0, (hi - lo) / (m - 1)) if m > 1 else 0.0
            wants = sorted(((min(hi, max(lo, hints.get((it[0].src, it[0].k), want(it)))), prio(it), it)
                            for it in its), key=lambda t: (t[0], t[1]))
            xs = [w for w, _p, _it in wants]
            for j in range(1, m):
                xs[j] = max(xs[j], xs[j - 1] + gap)
            if m:
                xs[-1] = min(xs[-1], hi)
            for j in range(m - 2, -1, -1):
                xs[j] = min(xs[j], xs[j + 1] - gap)
            placed = [(it, x) for (_w, _p, it), x in zip(wants, xs)]
        else:
            for it in sorted(its, key=prio):
                wx = want(it)
                x_c = min(free, key=lambda x: (abs(x - wx), x))
                free.remove(x_c)
                placed.append((it, x_c))
        placed.sort(key=lambda t: t[1])
        for (e, direction, _l), x_c in placed:
            letter = letter_of[(e.src, e.k)]
            ref = f"p{letter}"
            pg.offpage.append(OffPage(letter, x_c - pw / 2, py0, pw, ph, direction, (e.src, e.k), lane, ref))
            node = Node(ref, "offpage", s, x_c - pw / 2, py0, pw, ph, lane)
            pg.nodes[ref] = node
            pg.pent_nodes[(e.src, e.k)] = node
            sl.obstacles.append(("offpage", x_c - pw / 2, py0, x_c + pw / 2, py0 + ph))
    sl.sym_top = py0
    sl.sym_bot = py0 + ph


def _local_edges(sh: Sheet, pg: PageCtx) -> None:
    p = pg.p
    for e in pg.edges:
        ps, pt = sh.page_of[e.src], sh.page_of[e.tgt]
        if ps != p and pt != p:
            continue
        key = (e.src, e.k)
        if ps == p:
            src = pg.nodes[f"s{e.src}.{e.src_lane}"]
            port = e.port
        else:
            src = pg.pent_nodes[key]
            port = "down" if e.forward else "up"
        if pt == p:
            tgt = pg.nodes[f"s{e.tgt}.{e.tgt_lane}"]
            entry = "right" if (not e.forward and tgt.kind != "decision") else "top"
        else:
            tgt = pg.pent_nodes[key]
            entry = "top" if e.forward else "bottom"
        le = LocalEdge(key, src, port, tgt, entry, e.label if ps == p else None, back=not e.forward)
        le.P, le.pdir = exit_point(src, port)
        pg.local.append(le)


def _entry_points(pg: PageCtx) -> None:
    """Distinct entry points along the top (and the right side) of each target."""
    incoming: dict[str, list[LocalEdge]] = {}
    for le in pg.local:
        if le.entry == "top" and le.tgt.kind != "offpage":
            incoming.setdefault(le.tgt.ref, []).append(le)
    for ref, les in incoming.items():
        node = pg.nodes[ref]

        def approach(le):
            if le.src.slot < node.slot and not le.back:
                return le.P[0]
            if node.kind == "decision":      # keep the right vertex's corner for its exit
                return node.cx - 1e6 - le.src.slot
            return node.cx + 1e6 + le.src.slot
        above = [le for le in les if le.src.slot < node.slot and not le.back]
        # the trunk that the others join: one that drops straight in from a symbol right
        # above, else the nearest
        primary = max(above, key=lambda le: (_drops_in(pg, le, node), le.src.slot,
                                             -abs(le.P[0] - node.cx))) if above else les[0]
        pa = approach(primary)
        rights = sorted([le for le in les if le is not primary and approach(le) >= pa], key=approach)
        lefts = sorted([le for le in les if le is not primary and approach(le) < pa], key=approach,
                       reverse=True)
        room = entry_room(node)
        d = min(6.0, room / max(1, len(rights), len(lefts))) if (rights or lefts) else 0.0
        primary.entry_dx = 0.0
        for j, le in enumerate(rights):
            le.entry_dx = (j + 1) * d
        for j, le in enumerate(lefts):
            le.entry_dx = -(j + 1) * d
    sides: dict[str, list[LocalEdge]] = {}
    for le in pg.local:
        if le.entry == "right":
            sides.setdefault(le.tgt.ref, []).append(le)
    for ref, les in sides.items():
        node = pg.nodes[ref]
        les.sort(key=lambda le: le.key)
        room = max(0.0, node.h / 2 - 2.0)
        d = min(4.0, room / max(1, (len(les)) // 2)) if len(les) > 1 else 0.0
        for j, le in enumerate(les):
            le.entry_dx = ((j + 1) // 2) * d * (1 if j % 2 else -1)
    for le in pg.local:
        le.Q = entry_point(le.tgt, le.entry, le.entry_dx)


def _drops_in(pg: PageCtx, le: LocalEdge, node: Node) -> bool:
    """Does ``le`` leave the bottom of a symbol right above ``node``, with no symbol
    between them in the lane: can it drop straight into its top?"""
    x = node.cx
    return le.pdir == "down" and abs(le.P[0] - x) < 1e-6 and \
        not any(ob[1] < x < ob[3] for s in pg.slots[le.src.slot + 1:node.slot] for ob in s.obstacles)


def _route(sh: Sheet, pg: PageCtx, keep=None, moved: set | None = None) -> tuple[list[Connector], list]:
    """Joins of joint activities, then every local edge in order of preference; the
    connectors and the source activities of the edges without a clean route."""
    col_bounds = [c.x for c in sh.cols] + [sh.width]
    router = Router(pg.slots, col_bounds, sh.header_h, pg.page_h, sh.gutters, sh.tight_gutters, pg.levels)
    connectors: list[Connector] = []
    # joint activities: one line joining neighbouring symbols
    for i in range(pg.a0, pg.a1):
        act = sh.acts[i]
        if len(act.lanes) < 2:
            continue
        for l0, l1 in zip(act.lanes, act.lanes[1:]):
            s0, s1 = pg.nodes[f"s{i}.{l0}"], pg.nodes[f"s{i}.{l1}"]
            pts = [(s0.x + s0.w, s0.cy), (s1.x, s1.cy)]
            cid = ("join", i, l0)
            router.add(pts, cid)
            connectors.append(Connector(pts, False, "join", None, s0.ref, s1.ref))

    local = pg.local
    # reserve the unavoidable first and last pieces of every connector, so that an
    # earlier route cannot take the only way out of (or into) a later one's symbol
    for le in local:
        _reserve(router, le)
    local.sort(key=lambda le: (0 if (le.tgt.slot == le.src.slot + 1 and not le.back) else 1,
                               abs(le.tgt.slot - le.src.slot), le.back, le.key))
    # edges arriving at the top of a symbol that another edge enters: routed last, to
    # join that edge's last segment before the symbol (one arrowhead)
    trunk_of: dict[str, LocalEdge] = {}
    for le in local:
        if le.entry == "top" and le.tgt.kind != "offpage" and le.entry_dx == 0.0:
            trunk_of.setdefault(le.tgt.ref, le)
    mergers = [le for le in local if le.entry == "top" and le.tgt.ref in trunk_of
               and trunk_of[le.tgt.ref] is not le]
    merging = {id(le) for le in mergers}
    fails: list = []
    routed: dict[tuple, list] = {}
    joined: dict[tuple, bool] = {}      # edges not to reroute: joins (False: no arrowhead),
                                        # the lines they join, unclean routes
    sequence = [le for le in local if id(le) not in merging] + mergers
    kept: set = set()
    for le in sequence:
        arrow = True
        old = keep.get(le.key) if keep else None
        if old is not None and (id(le) in merging and trunk_of[le.tgt.ref].key not in kept
                                or not old[1] and id(le) not in merging):
            old = None              # a join whose trunk moved, or a join that is no longer one
        if old is not None:
            router.remove(le.key)
            if router.path_ok(old[0], le.key):
                kept.add(le.key)
            else:
                old = None
                _reserve(router, le)
        if old is not None:
            (pts, arrow), ok = old, True
        elif (pts := _merge(router, le, routed.get(trunk_of[le.tgt.ref].key)) if id(le) in merging else None) \
                is not None:
            ok, arrow = True, False
        else:
            pts, ok = router.route(le, le.key)
            if ok and le.entry == "right" and router.cost > 0:
                pts, ok = _left_side(router, le, pts)
            if not ok and le.tgt.kind != "offpage":
                pts, ok = _other_entries(router, local, le, (pts, ok))
        if not ok:
            fails.append(node_activity(le.src) if le.src.kind != "offpage" else node_activity(le.tgt))
        router.add(pts, le.key)
        routed[le.key] = pts
        if not arrow:
            joined[le.key] = False
            joined.setdefault(trunk_of[le.tgt.ref].key, True)
        elif not ok:
            joined[le.key] = True           # an unclean route stays as it is
    # one more try for the edges that cross a connector routed after them, now that
    # every other connector is in place
    order = {le.key: j for j, le in enumerate(sequence)}
    for le in local:
        if le.key not in joined and le.key not in kept and any(order.get(c, -1) > order[le.key]
                                        for c in router.crossed(routed[le.key], le.key)):
            routed[le.key] = _reroute(router, le, routed[le.key])
    spread(router, local, routed, {k for k, v in joined.items() if v})
    got = straighten(router, pg.offpage, sh.lane_cols, local, routed)
    if moved is not None:
        moved |= got
    flow = [((le.key, le.src.ref), Connector(routed[le.key], joined.get(le.key, True), "flow", le.key,
                                             le.src.ref, le.tgt.ref)) for le in local]
    flow.sort(key=lambda t: t[0])
    connectors.extend(c for _k, c in flow)
    return connectors, fails


JOIN_GAP = 4.0          # a join keeps this far below the corner of the line it joins


def _merge(router: Router, le: LocalEdge, trunk):
    """A route for ``le`` that joins ``trunk`` (the route of another edge into the top
    of the same symbol) on its last segment, from the side, between its corner and
    the arrowhead (one arrowhead for both); None when there is no clean one."""
    if not trunk or len(trunk) < 2 or abs(trunk[-2][0] - trunk[-1][0]) > 1e-9:
        return None
    (tx, ty0), ty1 = trunk[-2], trunk[-1][1]
    (px, py), way = le.P, {"right": 1.0, "left": -1.0}.get(le.pdir, 0.0)
    if way and ty0 + JOIN_GAP <= py <= ty1 - MIN_LAST and (tx - px) * way >= MIN_STUB:
        # a side exit level with the trunk's last segment: straight across into it
        direct = [le.P, (tx, py)]
        if router.path_ok(direct, le.key):
            router.remove(le.key)       # its own entry point is not needed
            return direct
    joins = [y for y in router.levels(le.tgt.slot) if ty0 + JOIN_GAP <= y <= ty1 - MIN_LAST]
    if not joins:
        return None
    saved = le.entry, le.Q, le.joins
    le.entry, le.Q, le.joins = "merge", (tx, ty1), joins
    got, ok = router.route(le, le.key)
    le.entry, le.Q, le.joins = saved
    if not ok:
        return None
    router.remove(le.key)           # its own entry point is not needed
    _reserve(router, le, entry=False)
    return got


def _reroute(router: Router, le: LocalEdge, pts):
    """``le`` routed again with every other connector in place; ``pts`` unless the new
    route crosses fewer."""
    n0 = router.crossings(pts, le.key)
    saved = le.entry, le.Q
    router.remove(le.key)
    _reserve(router, le)
    got, ok = router.route(le, le.key)
    if ok and le.entry == "right" and router.cost > 0:
        got, ok = _left_side(router, le, got)
    if ok and router.crossings(got, le.key) < n0:
        router.remove(le.key)
        router.add(got, le.key)
        return got
    le.entry, le.Q = saved
    router.remove(le.key)
    router.add(pts, le.key)
    return pts


def _reserve(router: Router, le: LocalEdge, entry: bool = True) -> None:
    """The unavoidable first (and, with ``entry``, last) pieces of ``le``'s connector."""
    (px, py), (qx, qy) = le.P, le.Q
    step = _STEP[le.pdir]
    router.add([le.P, (px + step[0] * MIN_STUB, py + step[1] * MIN_STUB)], le.key)
    if entry:
        back = _OUTWARD[le.entry]
        router.add([(qx + back[0] * MIN_LAST, qy + back[1] * MIN_LAST), le.Q], le.key)


def _left_side(router: Router, le: LocalEdge, pts):
    """A back edge that crosses others entering its target's right side: the left side,
    when it crosses fewer (a free side of the target)."""
    cost = router.cost
    saved = le.entry, le.Q
    le.entry = "left"
    le.Q = entry_point(le.tgt, "left", le.entry_dx)
    got, ok = router.route(le, le.key)
    if ok and router.cost < cost:
        router.remove(le.key)
        _reserve(router, le)
        return got, True
    le.entry, le.Q = saved
    return pts, True


def _other_entries(router: Router, local: list[LocalEdge], le: LocalEdge, first):
    """Try other entry points along the top of the target; ``first`` when none routes
    cleanly."""
    room = entry_room(le.tgt)
    taken = {round(o.entry_dx, 3) for o in local if o.tgt is le.tgt and o.entry == "top"}
    saved = (le.entry, le.Q, le.entry_dx)
    le.entry = "top"
    ok = False
    pts = first[0]
    for j in range(1, 9):
        dx = (j + 1) // 2 * (room / 4.0) * (1 if j % 2 else -1)
        if round(dx, 3) in taken or abs(dx) > room:
            continue
        le.entry_dx = dx
        le.Q = entry_point(le.tgt, "top", dx)
        pts, ok = router.route(le, le.key)
        if ok:
            break
    if not ok:
        le.entry, le.Q, le.entry_dx = saved
        pts, ok = first
    return pts, ok
