"""Texts beside and inside decisions: branch labels at their exits and the question
inside the diamond."""

from __future__ import annotations

from functools import lru_cache

from sopc.layout import metrics
from sopc.layout.flow import Node, node_activity
from sopc.layout.geometry import LabelBox, TextLine, box_distance
from sopc.layout.style import LINE_CLEAR, MIN_TEXT
from sopc.layout.table import baseline

def _whole(lines, text: str) -> bool:
    """Do the wrapped ``lines`` keep every word of ``text`` whole (no syllable break)?"""
    return " ".join(lines).split() == text.split()


def _breaks(lines, text: str) -> int:
    """How many times the wrapped ``lines`` break a word of ``text``."""
    return len(" ".join(lines).split()) - len(text.split())


def label_box(text: str, size: float, lane_x0: float, lane_x1: float, row_y0: float,
               row_y1: float, node: Node, port: str, P, side: str, allow_break: bool = False,
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
                edge = max(edge, cx + hw * 0.3)
                edge_l = min(edge_l, cx - hw * 0.3)
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
                    lines = metrics.wrap_clean(text, width, size)
                    w = max(metrics.text_width(t, size) for t in lines) if lines else width + 1.0
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
                    if backup is None and (allow_break or _whole(lines, text)):
                        backup = (lines, x0_, y0_, w, h)
                one = (cy - dy - lh >= row_y0 + 1.0) if side == "above" else (cy + dy + lh <= row_y1 - 1.0)
                if not one:
                    return backup
            j += 1.0
            if j > 4 * hh + 40 or (side == "above" and node.kind == "decision" and 1.5 + j > 0.4 * hh):
                return backup      # higher up, the label would sit by the top vertex
    # vertical exit (bottom vertex / extra exits)
    if side == "right":
        bx0, bx1 = P[0] + gap, lane_x1 - gap
    else:
        bx0, bx1 = lane_x0 + gap, P[0] - gap
    width = bx1 - bx0
    if width <= size:
        return None
    lines = metrics.wrap_clean(text, width, size)
    if lines is None:
        return None
    w = max(metrics.text_width(t, size) for t in lines)
    h = len(lines) * lh
    y0_ = P[1] + 1.5 + drop
    if y0_ + h > row_y1 - 1.0 or w > width + 0.01 or \
            (not allow_break and not _whole(lines, text)):
        return None
    x0_ = bx0 if side == "right" else bx1 - w
    return lines, x0_, y0_, w, h


def rect_overlap(a, b, m=0.5) -> bool:
    return a[0] < b[2] + m and a[2] > b[0] - m and a[1] < b[3] + m and a[3] > b[1] - m


def box_hits_obstacle(box, ob, m=0.5) -> bool:
    kind, x0, y0, x1, y1 = ob
    if not rect_overlap(box, (x0, y0, x1, y1), m):
        return False
    if kind == "decision":
        cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 + m, (y1 - y0) / 2 + m
        dx = 0.0 if box[0] <= cx <= box[2] else min(abs(box[0] - cx), abs(box[2] - cx))
        dy = 0.0 if box[1] <= cy <= box[3] else min(abs(box[1] - cy), abs(box[3] - cy))
        return dx / hw + dy / hh < 1.0
    return True


def decision_shape(question: str, style, lane_w: float) -> tuple[float, float, list[str]]:
    """(width, height, lines) of a decision's diamond holding its question at the label
    size (6 pt): the style's diamond when the question fits it, else a diamond as wide
    as the lane allows (gutter tracks kept) and as tall as the question needs, at most
    one word broken (once, at a syllable); no lines when no diamond of the lane up to
    ``DIAMOND_MAX_H`` holds the question so (it is then printed in the Kegiatan cell:
    it is never dropped, and never a column of syllables). (A search over 60 wraps: memoised, since the same
    questions and lane widths recur across rows, passes and SOPs.)"""
    if not question:
        return style.dia_w, style.dia_h, []
    w, h, lines = _decision_shape(question, style.dia_w, style.dia_h, style.label_size, lane_w)
    return w, h, list(lines)


DIAMOND_MAX_H = 144.0       # a taller diamond is a column of syllables (and takes a page)


@lru_cache(maxsize=4096)
def _decision_shape(question: str, dia_w: float, dia_h: float, size: float,
                    lane_w: float) -> tuple[float, float, tuple[str, ...]]:
    lh = size * 1.2
    # (a narrow, tall diamond rather than a wide one: a wide one leaves no room beside
    # the side vertices for the branch labels, nor for a side exit to turn LINE_CLEAR
    # from the lane line: a vertex 10 pt from the line left the exit's track no room)
    wmax = max(dia_w, lane_w - 2 * (LINE_CLEAR + 6.0))
    best = None
    widths = [dia_w + (wmax - dia_w) * k / 4 for k in range(5)] if wmax > dia_w \
        else [dia_w]
    for w in widths:
        for k in range(16, 4, -1):
            bw = w * k / 20.0
            lines = metrics.wrap_clean(question, bw, size)
            if lines is None:
                continue
            broken = _breaks(lines, question)
            if broken > 1:      # a column of syllables: not legible
                continue
            tw = max(metrics.text_width(x, size) for x in lines)
            if tw + 1.0 >= w:
                continue
            h = max(dia_h, len(lines) * lh / (1.0 - (tw + 1.0) / w) + 2.0)
            # height costs page room, width the labels' room beside the vertices; the
            # one word a wrap may break at a syllable costs a little
            score = h + w + 12.0 * broken
            if best is None or score < best[0] - 1e-9:
                best = (score, w, h, lines)
    if best is None or best[2] > DIAMOND_MAX_H:
        # a lane too narrow for the question: it goes to the Kegiatan cell
        # (procedure._acts). Narrow lanes had made diamonds of syllables one under the
        # other, up to 576 pt tall: taller than the page.
        return dia_w, dia_h, ()
    return best[1], best[2], tuple(best[3])



def decision_height(labs: list[str], question: str, style, lane_w: float) -> float:
    """The least height of a decision's row: its diamond, with room below for the
    labels ``labs`` of its exits along the bottom (a side exit's label runs along its
    exit, on one line)."""
    _w, dh, _l = decision_shape(question, style, lane_w)
    labs = [x for x in labs if x.strip()]
    nl = 1
    if labs:
        lw = max(lane_w / 2 - 6.0, style.label_size)
        nl = max(_label_lines(x, lw, lane_w, style.label_size) for x in labs)
    half = max(11.0, 1.5 + nl * style.label_size * 1.2 + 5.0) + dh / 2
    return 2 * half


def _label_lines(text: str, lw: float, lane_w: float, size: float) -> int:
    """The lines a label beside a vertical exit will likely take: whole words in the
    half lane ``lw``, else along the run into the next lane (see :func:`_along_run`) on
    one line or in whole words, else broken words."""
    whole = metrics.wrap_clean(text, lw, size)
    if whole is not None and _whole(whole, text):
        return len(whole)
    along = lw + lane_w - LINE_CLEAR
    if metrics.text_width(text, size) <= along:
        return 1
    broken = len(metrics.wrap(text, lw, size))
    wrapped = metrics.wrap_clean(text, along, size)
    if wrapped is not None and _whole(wrapped, text):
        return min(len(wrapped), broken)
    return broken


def question_lines(lines: list[str], cx: float, cy: float, h: float, size: float) -> list[TextLine]:
    """The question's lines centred in the diamond."""
    lh = size * 1.2
    top = cy - len(lines) * lh / 2
    return [TextLine(x, cx, baseline(top + k * lh, size), "middle") for k, x in enumerate(lines)]


def place_labels(local, slots, lane_cols, style, labels: list[LabelBox]) -> list[int]:
    """Place the branch labels of the page's edges (before routing: routes avoid them);
    append them to ``labels`` and to their row's obstacles. A label is nearer its own
    exit than any arrowhead arriving at its decision (else it reads as the arriving
    edge's). Returns the activities whose label found no clean place (their rows get
    more room on the next pass)."""
    fails: list[int] = []
    placed_boxes: list[tuple[float, float, float, float]] = []
    for le in local:
        if not le.label or le.src.kind == "offpage":
            continue
        node = le.src
        sl = slots[node.slot]
        c = lane_cols[node.lane]
        sides, spare = _label_sides(le, local)
        keep = _keep_free(node, local, sl, c)
        # the arrowheads arriving at the decision: its label must read as its exit's,
        # nearer that exit than any of them
        arrivals = [o.Q for o in local if o.tgt is node]
        size, chosen = _beside_exit(le, sides, keep, arrivals, placed_boxes, sl, c, style,
                                    (local, lane_cols))
        if chosen is None and spare:
            size, chosen = _beside_exit(le, spare, keep, arrivals, placed_boxes, sl, c, style,
                                        (local, lane_cols))
        if chosen is None:
            size = style.label_size
            chosen = _anywhere_in_cell(le, size, keep, arrivals, placed_boxes, sl, c)
        if chosen is None:
            # a free place in a neighbouring lane of the row (counted as a failure: a
            # later pass gives the row or the lanes more room)
            chosen = _neighbour_lanes(le, size, local, arrivals, placed_boxes, sl, lane_cols)
            if chosen is not None:
                fails.append(node_activity(node))
        if chosen is None:
            # degrade: right below/right of the exit point (counted as a failure)
            size = style.label_size
            lines = metrics.wrap(le.label, max(c.w - 4.0, size), size)
            w = max(metrics.text_width(t, size) for t in lines)
            h = len(lines) * size * 1.2
            x0 = max(c.x + 1.5, min(le.P[0] + 2.0, c.x1 - 1.5 - w))
            y0 = max(sl.y0 + 1.0, min(le.P[1] + 1.5, sl.y1 - 1.0 - h))
            chosen = (lines, x0, y0, w, h)
            fails.append(node_activity(node))
        lines, x0, y0, w, h = chosen
        tl = [TextLine(t, x0, baseline(y0 + k * size * 1.2, size) - 0.05 * size, "start")
              for k, t in enumerate(lines)]
        if le.port == "left" or (le.port != "right" and x0 + w <= le.P[0]):
            tl = [TextLine(t.text, x0 + w, t.y, "end") for t in tl]
        labels.append(LabelBox(le.label, x0, y0, w, h, tl, size, le.key))
        placed_boxes.append((x0, y0, x0 + w, y0 + h))
        sl.obstacles.append(("label", x0, y0, x0 + w, y0 + h))
    return fails


def _label_sides(le, local) -> tuple[list[str], list[str]]:
    """Where to try the label of ``le``, in order of preference, and the sides to try
    only when none of those has room."""
    node = le.src
    if le.port in ("right", "left"):
        goes_down = le.tgt.slot > node.slot or (le.tgt.kind == "offpage" and le.entry == "top")
        return (["above", "below"] if goes_down else ["below", "above"]), []
    if le.port == "bottom":
        tx = le.Q[0]
        sides = ["left", "right"] if (tx > le.P[0] + 0.5 and not le.back) else ["right", "left"]
        spare = []
        # a side exit (its route and its label) needs the room on its side: keep it
        # free while the other side has room
        for o in local:
            if o.src is node and o.port in ("right", "left"):
                if o.port in sides and len(sides) > 1:
                    sides.remove(o.port)
                    spare.append(o.port)
        return sides, spare
    return (["right", "left"] if le.P[0] >= node.cx else ["left", "right"]), []


def _keep_free(node, local, sl, c) -> list[tuple[float, float, float, float]]:
    """The ways in and out of ``node``: no label may cover them."""
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
    return keep


def _nearer_exit(box, exit_pt, arrivals, margin: float = 1.0) -> bool:
    """Is ``box`` nearer ``exit_pt`` than every point of ``arrivals`` (by ``margin``: an
    arriving edge may still move its arrowhead a little along the top when routed)?"""
    d_exit = box_distance(box, *exit_pt)
    return all(box_distance(box, *q) > d_exit + margin for q in arrivals)


def _beside_exit(le, sides, keep, arrivals, placed_boxes, sl, c, style, page):
    """(size, (lines, x0, y0, w, h)) of the first free place beside the exit, trying
    smaller sizes, then line breaks inside words; (label size, None) when none is free.
    ``page``: the page's local edges and lane columns.

    A label is one line by its exit in its lane if it can be; else one line along the
    exit's run into the next lane (see :func:`_along_run`), as a careful hand writes
    "Tidak lengkap" over the arrow; else one line farther down the diamond's side, or
    whole words on several lines in the lane; else whole words along the run; a word is
    broken at a syllable only when none of these has room."""
    node = le.src
    size = style.label_size
    sizes = [size]
    while sizes[-1] - 0.5 >= MIN_TEXT:
        sizes.append(sizes[-1] - 0.5)

    def free(got, more=()) -> bool:
        lines, x0, y0, w, h = got
        box = (x0, y0, x0 + w, y0 + h)
        if any(rect_overlap(box, b) for b in placed_boxes):
            return False
        if any(box_hits_obstacle(box, ob, 0.5) for ob in sl.obstacles):
            return False
        if any(rect_overlap(box, k, 0.0) for k in (*keep, *more)):
            return False
        return _nearer_exit(box, le.P, arrivals)    # else read as an arriving edge's

    drops = (0.0,) if le.port in ("right", "left") else (0.0, 3.0, 6.0, 9.0, 12.0)
    places = [(sd, dr) for dr in drops for sd in sides]
    for size, brk in [(z, False) for z in sizes] + [(sizes[-1], True)]:
        farther = wrapped = None
        for sd, drop in places:
            got = label_box(le.label, size, c.x, c.x1, sl.y0, sl.y1, node, le.port, le.P, sd, brk, drop)
            if got is None or not free(got):
                continue
            if brk:
                return size, got
            lines, x0, y0, w, h = got
            if len(lines) > 1:
                wrapped = wrapped or got
            elif le.port in ("right", "left") and box_distance((x0, y0, x0 + w, y0 + h), *le.P) > size:
                farther = farther or got        # down the diamond's side, away from the run
            else:
                return size, got
        if brk:
            continue
        runs = {sd: _run_room(le, sd, sl, *page) for sd in sides}
        for one_line in (True, False):
            for sd, drop in places:
                run = runs[sd]
                if run is None:
                    continue
                got = _along_run(le.label, size, le.P, le.port, sd, run[0], sl.y0, sl.y1,
                                 one_line, drop)
                if got is not None and free(got, run[1]):
                    return size, got
            if one_line and (farther or wrapped) is not None:
                return size, farther or wrapped
    return style.label_size, None


def _along_run(text: str, size: float, P, port: str, side: str, reach: float,
               row_y0: float, row_y1: float, one_line: bool, drop: float = 0.0):
    """A label box along an exit from the exit point ``P`` towards ``reach`` (an x),
    in whole words: for a side exit just above (``side`` "above") or below its
    horizontal run, for an exit along the bottom on ``side`` ("right"/"left") of its
    vertical run, ``drop`` below ``P``. None when it does not fit (in one line, with
    ``one_line``) or leaves the row."""
    gap = 2.0
    rightwards = port == "right" or (port not in ("right", "left") and side == "right")
    room = (reach - P[0] if rightwards else P[0] - reach) - gap
    if room <= size:
        return None
    tw = metrics.text_width(text, size)
    if tw <= room:
        lines, w = [text], tw
    elif one_line:
        return None
    else:
        lines = metrics.wrap_clean(text, room, size)
        if lines is None or not _whole(lines, text):
            return None
        w = max(metrics.text_width(t, size) for t in lines)
    h = len(lines) * size * 1.2
    y0 = P[1] - 1.5 - h if side == "above" else P[1] + 1.5 + drop
    if y0 < row_y0 + 1.0 or y0 + h > row_y1 - 1.0:
        return None
    x0 = P[0] + gap if rightwards else P[0] - gap - w
    return lines, x0, y0, w, h


def _run_room(le, side: str, sl, local, lane_cols):
    """(reach, keep) for a label along ``le``'s exit on ``side``: the x up to which it
    may run (the far side of the next lane in its direction) and the ways in and out
    of that lane's symbols in the row, which it must leave free; None at the table's
    edge."""
    if le.port in ("right", "left"):
        step = 1 if le.port == "right" else -1
    else:
        step = 1 if side == "right" else -1
    lane = le.src.lane + step
    if not 0 <= lane < len(lane_cols):
        return None
    c = lane_cols[lane]
    reach = c.x1 - LINE_CLEAR if step > 0 else c.x + LINE_CLEAR
    return reach, _lane_keep(le, local, sl, c, lane)


def _lane_keep(le, local, sl, c, lane) -> list[tuple[float, float, float, float]]:
    """The ways in and out of the symbols of ``lane`` in ``le``'s row."""
    keep = []
    for o in local:
        for nd in (o.src, o.tgt):
            if nd.slot == le.src.slot and nd.lane == lane:
                keep.extend(_keep_free(nd, local, sl, c))
    return keep


def _neighbour_lanes(le, size, local, arrivals, placed_boxes, sl, lane_cols):
    """Any free place in the other lanes of the row, the nearest lane first."""
    own = le.src.lane
    for lane in sorted(range(len(lane_cols)), key=lambda k: (abs(k - own), k)):
        if lane == own:
            continue
        c = lane_cols[lane]
        keep = _lane_keep(le, local, sl, c, lane)
        # a side exit's route may turn in the gutter by the line it crosses into the
        # lane: the track there stays free if the lane has room elsewhere
        track = None
        if le.port == "right" and lane == own + 1:
            track = (c.x, sl.y0, c.x + LINE_CLEAR + 3.0, sl.y1)
        elif le.port == "left" and lane == own - 1:
            track = (c.x1 - LINE_CLEAR - 3.0, sl.y0, c.x1, sl.y1)
        for extra in ([track], []) if track else ([],):
            got = _anywhere_in_cell(le, size, keep + extra, arrivals, placed_boxes, sl, c)
            if got is not None:
                return got
    return None


def _anywhere_in_cell(le, size, keep, arrivals, placed_boxes, sl, c):
    """Any free place in the lane cell of the row, nearest to the exit point first."""
    lines = metrics.wrap_clean(le.label, max(c.w - 6.0, size), size)
    if lines is None:
        return None
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
        if not _nearer_exit(box, le.P, arrivals):
            continue
        if any(rect_overlap(box, k, 0.0) for k in keep):
            continue
        if any(rect_overlap(box, b) for b in placed_boxes):
            continue
        if any(box_hits_obstacle(box, ob, 1.5) for ob in sl.obstacles):
            continue
        return (lines, xx, yy, w, h)
    return None
