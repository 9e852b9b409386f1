"""From flowchart primitives to edges between symbols: connector segments that touch
are one connector; its arrowheads name the targets, the other symbols it touches are
the sources. A connector whose direction cannot be told is reported, never guessed
into an edge without a note; off-page connector pairs are joined across pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from sopc.core.text import hyphenator
from sopc.importer.layout import Word, join_lines, lines_of
from sopc.importer.shapes import DECISION, LABEL_BOX, OFFPAGE, PROCESS, Arrow, Segment, Symbol
from sopc.layout.geometry import box_distance

TOUCH = 2.6            # a connector end this close to a symbol touches it
JOIN = 1.5             # connector pieces this close are one connector (a hop over a
                       # crossing line stays apart: its corners are ~2.5 pt from it)
CELL = 12.0


@dataclass
class Edge:
    src: int               # symbol index
    dst: int
    label: str = ""
    sure: bool = True
    comp: int = -1         # the connector it was read from


@dataclass
class PageFlow:
    symbols: list[Symbol]
    edges: list[Edge] = field(default_factory=list)
    joins: list[tuple[int, int]] = field(default_factory=list)    # arrowless lines (joint work)
    notes: list[str] = field(default_factory=list)
    labels: list[tuple[str, tuple[float, float]]] = field(default_factory=list)


def _pdist(px, py, s) -> float:
    x0, y0, x1, y1 = s[0], s[1], s[2], s[3]
    dx, dy = x1 - x0, y1 - y0
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / L))
    qx, qy = x0 + t * dx, y0 + t * dy
    return ((px - qx) ** 2 + (py - qy) ** 2) ** 0.5


def components(segs: list[Segment], symbols: list[Symbol] = (), arrows: list[Arrow] = ()) -> list[list[int]]:
    """Connected connector pieces. Pieces of different paths that meet on a symbol's
    outline, or where one of them ends in an arrowhead, are different connectors (two
    exits of one diamond; a line passing by an arrow's end)."""
    ends = [a.centre for a in arrows] + [a.tip for a in arrows]
    parent = list(range(len(segs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grid: dict[tuple[int, int], list[int]] = {}
    for i, s in enumerate(segs):
        for x, y in ((s[0], s[1]), (s[2], s[3])):
            grid.setdefault((int(x // CELL), int(y // CELL)), []).append(i)
    for i, s in enumerate(segs):
        gx0, gx1 = int((min(s[0], s[2]) - JOIN) // CELL), int((max(s[0], s[2]) + JOIN) // CELL)
        gy0, gy1 = int((min(s[1], s[3]) - JOIN) // CELL), int((max(s[1], s[3]) + JOIN) // CELL)
        for gx in range(gx0, gx1 + 1):
            for gy in range(gy0, gy1 + 1):
                for j in grid.get((gx, gy), ()):
                    if j == i or find(i) == find(j):
                        continue
                    o = segs[j]
                    for px, py in ((o[0], o[1]), (o[2], o[3])):
                        if _pdist(px, py, s) <= JOIN:
                            if o[4] != s[4] and (any(_touches(sym, px, py) for sym in symbols)
                                                 or any(abs(px - ex) < 3.5 and abs(py - ey) < 3.5 for ex, ey in ends)):
                                continue
                            parent[find(j)] = find(i)
                            break
    groups: dict[int, list[int]] = {}
    for i in range(len(segs)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _end_near(s: Segment, a: Arrow, tol: float = 3.5) -> bool:
    return any(abs(x - a.centre[0]) <= tol and abs(y - a.centre[1]) <= tol
               for x, y in ((s[0], s[1]), (s[2], s[3])))


def _touches(sym: Symbol, x: float, y: float, tol: float = TOUCH) -> bool:
    if sym.kind == LABEL_BOX:
        return False
    x0, y0, x1, y1 = sym.box
    return x0 - tol <= x <= x1 + tol and y0 - tol <= y <= y1 + tol


def _sym_dist(sym: Symbol, x: float, y: float) -> float:
    if sym.kind == LABEL_BOX:
        return 1e9
    return box_distance(sym.box, x, y)


def page_flow(symbols: list[Symbol], segs: list[Segment], arrows: list[Arrow], words: list[Word]) -> PageFlow:
    label_boxes(symbols)
    flow = PageFlow(symbols)
    comps = components(segs, symbols, arrows)
    # arrowheads: to every connector that ends at them, and the symbol they touch
    heads: dict[int, list[tuple[int, Arrow]]] = {}
    for a in arrows:
        tgt = min(range(len(symbols)), key=lambda k: _sym_dist(symbols[k], *a.centre), default=None)
        if tgt is None or min(_sym_dist(symbols[tgt], *a.centre), _sym_dist(symbols[tgt], *a.tip)) > 5.0:
            continue
        for ci, comp in enumerate(comps):
            if any(_end_near(segs[i], a) for i in comp):
                heads.setdefault(ci, []).append((tgt, a))
    for ci, comp in enumerate(comps):
        ends = heads.get(ci, [])
        targets = {t for t, _a in ends}
        sources = _sources(comp, segs, symbols, ends)
        if targets and sources:
            if len(sources) > 1 and len(targets) > 1:
                pairs = _by_path(comp, segs, symbols, ends)
                if pairs is None:
                    flow.notes.append("ambiguous_join")
                    continue
                flow.edges += [Edge(s, t, comp=ci) for s, t in pairs]
                continue
            for s in sorted(sources):
                for t in sorted(targets - {s}):
                    flow.edges.append(Edge(s, t, comp=ci))
        elif not targets and len(sources) == 2:
            a, b = sorted(sources, key=lambda k: (symbols[k].cy, symbols[k].cx))
            if abs(symbols[a].cy - symbols[b].cy) < 4:
                flow.joins.append((a, b))
            else:
                flow.edges.append(Edge(a, b, sure=False, comp=ci))
                flow.notes.append("no_arrowhead")
        elif targets and not sources:
            src = _loose_source(comp, segs, symbols, targets)
            if src is not None:                    # a connector drawn short of its source
                flow.edges += [Edge(src, t, sure=False, comp=ci) for t in sorted(targets)]
                flow.notes.append("loose_connector")
    _branch_labels(flow, comps, segs, words)
    return flow


def label_boxes(symbols: list[Symbol]) -> None:
    """A low box holding a short text beside a decision is a branch label's text box
    (Word leaves its border), not a process: it takes no part in the flow."""
    decisions = [s for s in symbols if s.kind == DECISION]
    for s in symbols:
        if (s.kind == PROCESS and s.box[3] - s.box[1] < 12.5 and s.text and len(s.text) <= 24
                and any(_sym_dist(d, s.cx, s.cy) < 60 for d in decisions)):
            s.kind = LABEL_BOX


def _sources(comp, segs, symbols: list[Symbol], ends) -> set[int]:
    """Symbols a connector touches with an end that is not one of its arrowheads (a
    symbol may be both a source and a target of one tangle of connectors)."""
    out: set[int] = set()
    for i in comp:
        s = segs[i]
        for x, y in ((s[0], s[1]), (s[2], s[3])):
            for k, sym in enumerate(symbols):
                if k in out or not _touches(sym, x, y):
                    continue
                if any(t == k and abs(x - a.centre[0]) <= 3.5 and abs(y - a.centre[1]) <= 3.5 for t, a in ends):
                    continue
                out.add(k)
    return out


def _by_path(comp, segs, symbols: list[Symbol], ends) -> list[tuple[int, int]] | None:
    """Edges of a tangle of connectors read path by path (each drawn path one whole
    connector, as Word and sopc draw them); None when a path is not a whole connector."""
    pairs = []
    for g in sorted({segs[i][4] for i in comp}):
        part = [i for i in comp if segs[i][4] == g]
        mine = [(t, a) for t, a in ends if any(_end_near(segs[i], a) for i in part)]
        src = _sources(part, segs, symbols, mine)
        tgt = {t for t, _a in mine}
        if not tgt and not src:
            continue
        if len(src) != 1 or not tgt:
            return None
        pairs += [(next(iter(src)), t) for t in sorted(tgt - src)]
    return pairs or None


def _loose_source(comp, segs, symbols: list[Symbol], targets: set[int], reach: float = 8.0) -> int | None:
    """The symbol nearest the connector's far end (the end away from its targets),
    when a connector stops a little short of it."""
    ends = [(x, y) for i in comp for x, y in ((segs[i][0], segs[i][1]), (segs[i][2], segs[i][3]))]
    far = max(ends, key=lambda p: min(_sym_dist(symbols[t], *p) for t in targets))
    best, dist = None, reach
    for k, sym in enumerate(symbols):
        if k in targets:
            continue
        d = _sym_dist(sym, *far)
        if d < dist:
            best, dist = k, d
    return best


def free_words(words: list[Word], symbols: list[Symbol]) -> list[Word]:
    return [w for w in words if not any(s.kind != LABEL_BOX and s.holds(w.cx, w.cy, -0.5) for s in symbols)]


def label_blocks(words: list[Word]) -> list[list[Word]]:
    """Free words grouped into label blocks: words of a line close together, and a
    line just below that overlaps it (a label wrapped onto two lines)."""
    phrases: list[list[Word]] = []
    for ln in lines_of(words):
        cur = [ln.words[0]]
        for w in ln.words[1:]:
            if w.x0 - cur[-1].x1 > 1.2 * (w.bottom - w.top):
                phrases.append(cur)
                cur = [w]
            else:
                cur.append(w)
        phrases.append(cur)
    merged: list[list[Word]] = []
    for ph in phrases:
        x0, x1 = ph[0].x0, ph[-1].x1
        top = min(w.top for w in ph)
        for m in merged:
            mx0, mx1 = min(w.x0 for w in m), max(w.x1 for w in m)
            mb = max(w.bottom for w in m)
            h = ph[0].bottom - ph[0].top
            if 0 <= top - mb < 0.6 * h and min(x1, mx1) - max(x0, mx0) > -0.5 * h:
                m.extend(ph)
                break
        else:
            merged.append(list(ph))
    return merged


# words of branch labels, to put the spaces back into a label printed as a stack of
# fragments (a rotated label, or one squeezed into a narrow gap)
LABEL_WORDS = {"ya", "tidak", "y", "t", "belum", "sudah", "lengkap", "ada", "approve", "reject",
               "perlu", "perbaikan", "memadai", "sesuai", "setuju", "tolak", "ditolak", "disetujui",
               "diterima", "benar", "salah", "valid", "revisi", "lanjut", "selesai", "lulus", "ok",
               "layak", "memenuhi", "syarat", "tindak", "diketahui", "untuk", "kembali", "a", "b"}


def block_text(ws: list[Word]) -> str:
    """A label block's text; a stack of short fragments (a rotated label, or one
    squeezed into a narrow gap) is joined without the line breaks, with spaces between
    known label words."""
    lines = lines_of(ws)
    texts = [ln.text for ln in lines]
    if len(texts) > 1 and any(t.endswith("-") for t in texts[:-1]):
        return join_lines(texts, hyphenator())          # a label hyphenated in a narrow gap
    sizes = [len(t.replace(" ", "")) for t in texts]
    if len(texts) >= 3 and max(sizes) <= 5:
        joined = "".join(t.replace(" ", "") for t in texts)
        seg = _segment(joined)
        if seg:
            return seg
        if max(sizes) <= 2:
            return joined
    return " ".join(texts)


def _segment(text: str) -> str | None:
    low = text.lower()
    best: dict[int, list[int]] = {0: []}
    for i in range(len(low)):
        if i not in best:
            continue
        for j in range(len(low), i, -1):
            if low[i:j] in LABEL_WORDS and j not in best:
                best[j] = best[i] + [j]
    if len(low) not in best:
        return None
    cuts = [0] + best[len(low)]
    return " ".join(text[a:b] for a, b in zip(cuts, cuts[1:]))


def _branch_labels(flow: PageFlow, comps, segs, words: list[Word]) -> None:
    """Each decision's branch labels: the free text nearest each exit connector."""
    decisions = [k for k, s in enumerate(flow.symbols) if s.kind == DECISION]
    if not decisions:
        return
    phrases = label_blocks(free_words(words, flow.symbols))
    for k in decisions:
        d = flow.symbols[k]
        outs = [e for e in flow.edges if e.src == k]
        if not outs:
            continue
        exits = {id(e): [segs[i] for i in comps[e.comp]] for e in outs if e.comp >= 0}
        taken: set[int] = set()
        scored = []
        for pi, ph in enumerate(phrases):
            box = (min(w.x0 for w in ph), min(w.top for w in ph), max(w.x1 for w in ph), max(w.bottom for w in ph))
            probes = [(x, y) for x in (box[0], (box[0] + box[2]) / 2, box[2]) for y in (box[1], (box[1] + box[3]) / 2, box[3])]
            if min(_sym_dist(d, x, y) for x, y in probes) > 60:
                continue
            for e in outs:
                segl = exits.get(id(e), [])
                near = []
                for reach in (25, 70):
                    near = [s for s in segl if min(_sym_dist(d, s[0], s[1]), _sym_dist(d, s[2], s[3])) < reach]
                    if near:
                        break
                if not near:
                    continue
                # beside the segment that leaves the diamond, else (a little farther) beside
                # the connector's next segments
                first = [s for s in near if min(_sym_dist(d, s[0], s[1]), _sym_dist(d, s[2], s[3])) <= TOUCH]
                dist = min([_pdist(x, y, s) for s in first for x, y in probes]
                           + [_pdist(x, y, s) + 8 for s in near for x, y in probes])
                scored.append((dist, pi, id(e), e))
        scored.sort(key=lambda t: t[0])
        done: set[int] = set()
        for dist, pi, eid, e in scored:
            if pi in taken or eid in done or dist > 45:
                continue
            e.label = block_text(phrases[pi])
            taken.add(pi)
            done.add(eid)


def pair_offpage(pages: list[PageFlow]) -> tuple[list[tuple[tuple[int, int], tuple[int, int]]], list[str]]:
    """Pairs ((page, entered connector), (page, left connector)) of off-page connectors:
    the one an edge enters, the one an edge leaves on another page. By label where a
    label names one of each (forward and back edges), else between adjacent pages in
    left-to-right order."""
    enters, leaves = [], []
    for p, f in enumerate(pages):
        for k, s in enumerate(f.symbols):
            if s.kind != OFFPAGE:
                continue
            if any(e.dst == k for e in f.edges):
                enters.append((p, k))
            elif any(e.src == k for e in f.edges):
                leaves.append((p, k))

    def label(pk):
        return pages[pk[0]].symbols[pk[1]].text.strip()

    pairs, notes = [], []
    for lab in sorted({label(x) for x in enters} - {""}):
        e = [x for x in enters if label(x) == lab]
        l_ = [x for x in leaves if label(x) == lab]
        if len(e) == 1 and len(l_) == 1 and e[0][0] != l_[0][0]:
            pairs.append((e[0], l_[0]))
            enters.remove(e[0])
            leaves.remove(l_[0])
    for p in range(len(pages) - 1):
        e = sorted((x for x in enters if x[0] == p), key=lambda x: pages[p].symbols[x[1]].cx)
        l_ = sorted((x for x in leaves if x[0] == p + 1), key=lambda x: pages[p + 1].symbols[x[1]].cx)
        for x in list(e):                       # a label reused at each page break
            same = [y for y in l_ if label(y) and label(y) == label(x)]
            if len(same) == 1:
                pairs.append((x, same[0]))
                e.remove(x)
                l_.remove(same[0])
                enters.remove(x)
                leaves.remove(same[0])
        if not e and not l_:
            continue
        if len(e) == len(l_):
            pairs += list(zip(e, l_))
            if len(e) > 1:
                notes.append("offpage_order")
            for x in e:
                enters.remove(x)
            for x in l_:
                leaves.remove(x)
    if enters or leaves:
        notes.append("offpage_unpaired")
    return pairs, notes
