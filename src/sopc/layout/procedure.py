"""The procedure-table layout engine (OUTPUT.md §1, drawing rules).

``layout_sop(sop, paper, lang)`` turns an SOP into pages of plain geometry
(:mod:`sopc.layout.geometry`): the grid with its two header rows, wrapped cell texts,
one symbol per activity and actor column, orthogonal connectors, branch labels and
off-page connectors. Pure Python, deterministic, no Graphviz and no browser.

The work is split by responsibility: sizes (:mod:`.style`), columns, header and cell
texts (:mod:`.table`), the flow's activities and edges (:mod:`.flow`), pagination
(:mod:`.paginate`), one page (:mod:`.page`), the router (:mod:`.route`) and the texts
beside and inside decisions (:mod:`.labels`).

Every edge leaves its symbol at the bottom (a decision's further branches at its right,
then left vertex) and enters its target at the top (several incoming edges get distinct
entry points along the top).
"""

from __future__ import annotations

from sopc.core.paper import paper_name
from sopc.layout import metrics
from sopc.layout.flow import Act, XEdge
from sopc.layout.geometry import ProcedureLayout
from sopc.layout.labels import decision_height, decision_shape
from sopc.layout.page import Sheet, build_page
from sopc.layout.paginate import letters, page_ranges, reletter
from sopc.layout.route import gutter_tracks
from sopc.layout.style import (
    FONT_SIZE,
    GUTTER_CLEAR,
    HEADINGS,
    LABEL_SIZE,
    MIN_TEXT,
    PAD_X,
    PAD_Y,
    PAGE_HEADER,
    Style,
    default_table_height,
    default_table_width,
    make_style,
    running_header_height,
)
from sopc.layout.table import build_columns, build_header, cell_texts

__all__ = ["layout_sop"]


ROOM_PASSES = 3             # layout passes giving rows with an unclean label or route more room
ROOM_STEP = 12.0
BIG = 150                   # longer SOPs get one pass (the passes would cost minutes)
# tried in turn while a label or route stays unclean: (extra lane width, extra room in
# every row and off-page strip)
ATTEMPTS = ((0.0, 0.0), (24.0, 0.0), (48.0, 0.0), (96.0, 0.0), (48.0, 12.0))


def layout_sop(sop, paper: str | None = "A4", lang: str = "id", table_height: float | None = None,
               width: float | None = None, *, column_numbers: bool = False) -> ProcedureLayout:
    """Lay out the procedure table of ``sop`` on landscape pages of ``paper``.

    ``table_height`` is the usable height of the table on one page, the running header
    and footer deducted (default: :func:`default_table_height`); ``width`` the table
    width (default: the paper width less the margins); ``column_numbers`` adds the row
    numbering the columns (1, 2, 3, ...) under the header (``nomor_kolom``).
    """
    paper_key = paper_name(paper) or "A4"
    lang = lang if lang in HEADINGS else "id"
    W = float(width) if width else default_table_width(paper_key)
    H = float(table_height) if table_height else default_table_height(paper_key)
    if not table_height:            # the running header counts in the page height
        H -= running_header_height(getattr(sop, "nomor", "") or "", getattr(sop, "nama", "") or "", W) \
            - PAGE_HEADER

    actors = [(str(k), str(v)) for k, v in (getattr(sop, "pelaksana", None) or {}).items()]
    acts_src = list(getattr(sop, "kegiatan", None) or [])
    texts = [cell_texts(a) for a in acts_src]
    tracks = sum(1 for a in acts_src for e in (a.edges or [])
                 if isinstance(e.target, int) and not a.index < e.target <= a.index + 1)
    lay = None
    for boost, extra in (ATTEMPTS if len(acts_src) <= BIG else ATTEMPTS[:1]):
        # lanes too narrow for a label or a track: wider lanes, narrower texts
        got = _layout(sop, acts_src, texts, actors, paper_key, lang, W, H, tracks, boost, extra,
                      column_numbers)
        if lay is None or got.failures < lay.failures:
            lay = got
        if lay.failures == 0:
            break
    return lay


def _layout(sop, acts_src, texts, actors, paper_key, lang, W, H, tracks, boost, extra,
            column_numbers) -> ProcedureLayout:
    # a decision's lane holds its labels beside the diamond: two label words and the diamond
    words = [w for a in acts_src for lb in (a.cabang or {}) for w in str(lb).split()]
    label_lane = 2 * max((metrics.text_width(w, LABEL_SIZE) for w in words), default=0.0) + 40.0
    cols = build_columns(actors, W, lang, texts, tracks, boost, label_lane)
    lane_cols = [c for c in cols if c.key == "actor"]
    style = make_style(lane_cols[0].w)
    if extra:
        style.strip_h += extra
        style.min_row += extra
        style.min_row_decision += extra
    header_cells, header_h = build_header(cols, lang, style, column_numbers)
    room = H - header_h - 2 * style.strip_h          # the most a row may take
    acts = _acts(acts_src, texts, actors, cols, style, room)
    xedges = _xedges(acts, acts_src, style)

    need = _incident(len(acts), xedges)
    row_edges: list[list[int]] = [[] for _ in acts]
    for k, e in enumerate(xedges):
        row_edges[e.src].append(k)
        row_edges[e.tgt].append(k)
    gutters = (gutter_tracks(lane_cols, style), gutter_tracks(lane_cols, style, GUTTER_CLEAR))
    title = getattr(sop, "nama", "") or ""
    passes = ROOM_PASSES if len(acts) <= BIG else 0
    for attempt in range(passes + 1):
        ranges = page_ranges([a.h for a in acts], header_h, style.strip_h, H, need)
        page_of = {}
        for p, (a0, a1) in enumerate(ranges):
            for k in range(a0, a1):
                page_of[k] = p
        cross = [e for e in xedges if page_of[e.src] != page_of[e.tgt]]
        cross.sort(key=lambda e: (min(page_of[e.src], page_of[e.tgt]), e.src, e.k))
        letter_of = {(e.src, e.k): letters(i) for i, e in enumerate(cross)}
        sheet = Sheet(acts, xedges, page_of, letter_of, cols, lane_cols, style, header_cells, header_h,
                      W, lang, title, *gutters, row_edges)
        pages = []
        failed: list = []
        for p, (a0, a1) in enumerate(ranges):
            page, fails = build_page(sheet, p, len(ranges), a0, a1)
            failed.extend(fails)
            pages.append(page)
        # a row whose label or connector found no clean place gets more room, if the
        # page has it: the pass is repeated (at most ROOM_PASSES times)
        grow = sorted({i for i in failed if i is not None and acts[i].h + ROOM_STEP <= H - header_h
                       - 2 * style.strip_h})
        if not grow or attempt == passes:
            break
        for i in grow:
            acts[i].h += ROOM_STEP
    failures = len(failed)
    reletter(pages)
    return ProcedureLayout(paper=paper_key, lang=lang, width=W, table_height=H, columns=cols,
                           pages=pages, failures=failures)


def _acts(acts_src, texts_src, actors, cols, style: Style, room: float) -> list[Act]:
    """The activities with their lanes, wrapped cell texts, symbol and row height. A
    row taller than ``room`` steps its text down (by 0.5 pt, to 6 pt) before anything
    else."""
    actor_index = {aid: i for i, (aid, _l) in enumerate(actors)}
    colmap = {c.key: c for c in cols if c.key != "actor"}
    acts: list[Act] = []
    for i, a in enumerate(acts_src):
        lanes: list[int] = []
        for pid in (a.pelaksana or []):
            li = actor_index.get(pid)
            if li is not None and li not in lanes:
                lanes.append(li)
        lanes.sort()
        if not lanes:
            lanes = [0]
        sym = getattr(a.symbol, "value", str(a.symbol or "process"))
        if sym not in ("start", "end", "terminal", "process", "decision"):
            sym = "process"
        min_h = style.min_row
        question = str(a.pertanyaan or "").strip() if sym == "decision" else ""
        shape = (style.dia_w, style.dia_h, [])
        cells = texts_src[i]
        if sym == "decision":
            shape = decision_shape(question, style, style.lane_w)
            min_h = max(style.min_row_decision, decision_height([], question, style, style.lane_w))
            if question and not shape[2]:       # no diamond of this lane holds it
                cells = dict(cells, kegiatan=f"{cells['kegiatan']}\n{question}".strip())
        size = FONT_SIZE
        while True:
            texts = {key: metrics.wrap(txt, max(colmap[key].w - 2 * PAD_X, 1.0), size)
                     for key, txt in cells.items()}
            th = max(len(v) for v in texts.values()) * metrics.line_height(size) + 2 * PAD_Y
            if th <= room or size <= MIN_TEXT:
                break
            size -= 0.5
        acts.append(Act(i, sym, lanes, texts, max(th, min_h), question=question, size=size,
                        shape=shape))
    return acts


def _incident(n: int, xedges: list[XEdge]) -> list[list[int]]:
    """For every row, the other ends of its drawn edges (self-loops left out)."""
    out: list[list[int]] = [[] for _ in range(n)]
    for e in xedges:
        if e.src != e.tgt:
            out[e.src].append(e.tgt)
            out[e.tgt].append(e.src)
    return out


def _xedges(acts: list[Act], acts_src, style: Style) -> list[XEdge]:
    """The drawn edges (target inside the SOP) with their exit ports and lanes. A
    decision's row grows to hold the labels of its exits along the bottom."""
    n = len(acts)
    xedges: list[XEdge] = []
    for act, a in zip(acts, acts_src):
        drawn = [(k, e.target) for k, e in enumerate(a.edges or [])
                 if e.target is not None and isinstance(e.target, int) and 0 <= e.target < n]
        if not drawn:
            continue
        act.ports = _ports(act, drawn, acts)
        if act.kind == "decision":
            below = [str(a.edges[k].label) for k, _t in drawn
                     if act.ports[k] not in ("right", "left") and a.edges[k].label]
            act.h = max(act.h, decision_height(below, act.question, style, style.lane_w))
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
            xedges.append(XEdge(act.index, k, t, str(lab) if lab else None, port, sl, tlane))
    return xedges


def _ports(act: Act, drawn: list[tuple[int, int]], acts: list[Act]) -> dict[int, str]:
    """Exit port per edge number. One exit leaves at the bottom; a decision's exits
    follow the direction of their targets: a target in a lane to the right leaves by the
    right vertex, one to the left by the left vertex, the nearest forward target in the
    same lane by the bottom; back edges (upwards) take a free side vertex. Further exits
    leave along the bottom."""
    if len(drawn) == 1 or act.kind != "decision":
        fwd = [(t, k) for k, t in drawn if t > act.index]
        first = min(fwd)[1] if fwd else drawn[0][0]
        order = [first] + [k for k, _t in drawn if k != first]
        names = ["bottom", "right", "left"]
        return {k: names[j] if j < 3 else f"extra{j - 2}" for j, k in enumerate(order)}
    lo, hi = min(act.lanes), max(act.lanes)

    def wish(k: int, t: int) -> tuple[str, ...]:
        tl = acts[t].lanes
        if t > act.index:
            if min(tl) > hi:
                return ("right", "bottom", "left")
            if max(tl) < lo:
                return ("left", "bottom", "right")
            return ("bottom", "right", "left")
        # back edges climb a gutter track and enter their target's right side
        return ("right", "left", "bottom")
    # the nearest forward target first, then by distance: near ones get their wish
    order = sorted(drawn, key=lambda kt: (kt[1] <= act.index, abs(kt[1] - act.index), kt[0]))
    ports: dict[int, str] = {}
    taken: set[str] = set()
    extra = 0
    for k, t in order:
        for port in wish(k, t):
            if port not in taken:
                ports[k] = port
                taken.add(port)
                break
        else:
            extra += 1
            ports[k] = f"extra{extra}"
    return ports
