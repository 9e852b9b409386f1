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
from sopc.layout.page import Sheet, build_page
from sopc.layout.paginate import letters, page_ranges
from sopc.layout.route import gutter_tracks
from sopc.layout.style import (
    FONT_SIZE,
    HEADINGS,
    PAD_X,
    PAD_Y,
    Style,
    default_table_height,
    default_table_width,
    make_style,
)
from sopc.layout.table import build_columns, build_header, cell_texts

__all__ = ["layout_sop"]


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
    cols = build_columns(actors, W, lang)
    lane_cols = [c for c in cols if c.key == "actor"]
    style = make_style(lane_cols[0].w)
    header_cells, header_h = build_header(cols, lang, style)
    acts_src = list(getattr(sop, "kegiatan", None) or [])
    acts = _acts(acts_src, actors, cols, style)
    xedges = _xedges(acts, acts_src)

    ranges = page_ranges([a.h for a in acts], header_h, style.strip_h, H)
    page_of = {}
    for p, (a0, a1) in enumerate(ranges):
        for k in range(a0, a1):
            page_of[k] = p
    cross = [e for e in xedges if page_of[e.src] != page_of[e.tgt]]
    cross.sort(key=lambda e: (min(page_of[e.src], page_of[e.tgt]), e.src, e.k))
    letter_of = {(e.src, e.k): letters(i) for i, e in enumerate(cross)}

    sheet = Sheet(acts, xedges, page_of, letter_of, cols, lane_cols, style, header_cells, header_h,
                  W, lang, getattr(sop, "nama", "") or "", gutter_tracks(lane_cols, style))
    pages = []
    failures = 0
    for p, (a0, a1) in enumerate(ranges):
        page, fails = build_page(sheet, p, len(ranges), a0, a1)
        failures += fails
        pages.append(page)
    return ProcedureLayout(paper=paper_key, lang=lang, width=W, table_height=H, columns=cols,
                           pages=pages, failures=failures)


def _acts(acts_src, actors, cols, style: Style) -> list[Act]:
    """The activities with their lanes, wrapped cell texts, symbol and row height."""
    actor_index = {aid: i for i, (aid, _l) in enumerate(actors)}
    colmap = {c.key: c for c in cols if c.key != "actor"}
    lh = metrics.line_height(FONT_SIZE)
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
        texts = {}
        for key, txt in cell_texts(a).items():
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
        acts.append(Act(i, sym, lanes, texts, h,
                        question=str(a.pertanyaan or "").strip() if sym == "decision" else ""))
    return acts


def _xedges(acts: list[Act], acts_src) -> list[XEdge]:
    """The drawn edges (target inside the SOP) with their exit ports and lanes."""
    n = len(acts)
    xedges: list[XEdge] = []
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
            xedges.append(XEdge(act.index, k, t, str(lab) if lab else None, port, sl, tlane))
    return xedges
