"""The table part of the layout: column widths, the two header rows and the texts of
the cells (wrapped by the bundled font's metrics, placed line by line)."""

from __future__ import annotations

from sopc.layout import metrics
from sopc.layout.geometry import Cell, Column, TextLine
from sopc.layout.style import FONT_SIZE, HEADER_SIZE, HEADINGS, MIN_TEXT, NO_WIDTH, PAD_X, PAD_Y, Style


# text columns: (key, weight of the spare width, cap of the preferred width as a share of
# the table width)
_TEXT_COLS = (("kegiatan", 3.0, 0.34), ("kelengkapan", 1.0, 0.16), ("waktu", 0.4, 0.09),
              ("output", 1.0, 0.16), ("keterangan", 1.0, 0.24))
LANE_MIN = 46.0             # an actor lane is never narrower (symbol + gutter tracks)
LANE_PREF = 84.0            # an actor lane's width when the paper has room
LANE_MAX = 120.0
KEGIATAN_MIN = 110.0
DEGENERATE_LANE = 20.0      # narrower lanes come only from SOPs over the actor limit
WORD_CAP = 50.0             # a longer word may break (after / . @ - or at a syllable)


def _needs(texts: list[str], header: str) -> tuple[float, float]:
    """(minimum, natural) width of a text column: its longest word (capped: longer ones
    break) or header word, and its longest paragraph on one line; padding included."""
    longest = max((metrics.text_width(w, HEADER_SIZE, True) for w in header.split()), default=0.0)
    natural = 0.0
    words: set[str] = set()
    for t in texts:
        for para in t.split("\n"):
            ws = para.split()
            natural = max(natural, metrics.text_width(" ".join(ws), FONT_SIZE))
            words.update(ws)
    # the longest words by letters are the widest (near enough for a minimum)
    for w in sorted(words, key=lambda w: (-len(w), w))[:4]:
        longest = max(longest, min(metrics.text_width(w, FONT_SIZE), WORD_CAP))
    return longest + 2 * PAD_X + 0.5, max(natural, longest) + 2 * PAD_X + 0.5


def _balance(widths: dict[str, float], want: dict, rows: list[dict[str, str]],
             step: float = 8.0, rounds: int = 12) -> None:
    """Move width between the text columns while that lowers the table's height: rows
    are as tall as their tallest cell, so width goes to the column that sets the height
    of most rows, from the one that loses least. Line counts are estimated from the
    text widths (no wrapping: this runs on every layout)."""
    keys = [k for k, _w, _c in _TEXT_COLS]
    width_of = metrics.text_width
    # per column: the width of every row's paragraphs on one line; a row of a single
    # paragraph (the usual case) is a number, not a list
    paras: dict[str, list] = {}
    for k in keys:
        col = paras[k] = []
        for r in rows:
            ps = r[k].split("\n")
            if len(ps) == 1:
                col.append(width_of(" ".join(ps[0].split()), FONT_SIZE))
            else:
                col.append([width_of(" ".join(p.split()), FONT_SIZE) for p in ps])

    memo: dict[tuple[str, float], list[int]] = {}

    def lines(k: str, w: float) -> list[int]:
        got = memo.get((k, w))
        if got is None:
            inner = max(w - 2 * PAD_X, 1.0)
            got = memo[(k, w)] = [
                max(1, -int(-ps // inner)) if ps.__class__ is not list
                else sum(max(1, -int(-pw // inner)) for pw in ps) for ps in paras[k]]
        return got

    cur = [lines(k, widths[k]) for k in keys]
    best = sum(map(max, *cur))
    for _ in range(rounds):
        move = None
        for ri, r in enumerate(keys):
            if widths[r] + step > want[r][3]:
                continue
            rl = lines(r, widths[r] + step)
            for di, d in enumerate(keys):
                if di == ri or widths[d] - step < want[d][0]:
                    continue
                trial = cur.copy()
                trial[ri] = rl
                trial[di] = lines(d, widths[d] - step)
                got = sum(map(max, *trial))
                if got < best and (move is None or got < move[0]):
                    move = (got, r, d, trial)
        if move is None:
            return
        best, r, d, cur = move
        widths[r] += step
        widths[d] -= step


def build_columns(actors: list[tuple[str, str]], width: float, lang: str,
                  rows: list[dict[str, str]] | None = None, tracks: int = 0,
                  boost: float = 0.0, label_lane: float = 0.0) -> list[Column]:
    """Column widths from the content, within ``width``: the text columns take the width
    their text needs (a column holding only "-" narrows), actor lanes fit their header
    words; ``tracks`` (edges that need a gutter track) widen the lanes' comfortable width,
    ``boost`` their minimum; ``label_lane`` is the width that holds a decision's
    branch labels beside its diamond.
    Widths are met in stages (see below); what is left goes to Kegiatan."""
    h = HEADINGS.get(lang, HEADINGS["id"])
    rows = rows or []
    n = max(1, len(actors))
    no_w = max(metrics.text_width(str(max(len(rows), 1)), FONT_SIZE), metrics.text_width(h["no"], HEADER_SIZE, True))
    no_w = min(NO_WIDTH, width * 0.05, no_w + 2 * PAD_X + 4.0) if width < 300 else max(no_w + 2 * PAD_X + 4.0, 20.0)
    words = [w for _a, label in actors for w in label.split()]
    lane_word = max((metrics.text_width(w, 7.0, True) for w in words), default=0.0) + 6.0
    # a boost (lanes too narrow for a label or track) never takes the texts' room
    lane_min = min(LANE_MIN + boost, max(LANE_MIN, 0.5 * (width - no_w) / n))
    lane_fit = max(LANE_MIN, min(lane_word, LANE_MAX))        # every header word whole
    want: dict[str, tuple[float, float, float, float]] = {}     # key -> (min, pref, weight, max)
    for key, weight, cap in _TEXT_COLS:
        lo, nat = _needs([r[key] for r in rows], h[key])
        pref = max(lo, min(nat, cap * width))
        if key == "kegiatan":           # the activity stays readable: it is the row
            lo = max(lo, min(pref, KEGIATAN_MIN))
        want[key] = (lo, pref, weight, max(pref, cap * width * 1.6))
    widths = {k: v[0] for k, v in want.items()}
    widths["lane"] = lane_min
    rem = width - no_w - sum(v[0] for v in want.values()) - n * lane_min
    if rem < 0:                          # not even the minimums fit: the texts keep
        text = sum(v[0] for v in want.values())     # up to half the table, lanes share the rest
        ft = min(1.0, 0.5 * (width - no_w) / max(text, 1e-9))
        widths = {k: v[0] * ft for k, v in want.items()}
        widths["lane"] = max(1.0, (width - no_w - text * ft) / n)
    else:
        # stages of targets, the first ones met first: a comfortable lane and a
        # readable Kegiatan, then every text column's want, then wider lanes, then the
        # spare by weight up to each column's limit
        busy = min(60.0, 4.0 * -(-tracks // n))        # room for the lanes' gutter tracks
        # before the texts have their want, the lanes take at most half of the table
        cap = max(lane_min, 0.5 * (width - no_w) / n)
        keg = want["kegiatan"][1]
        stages = [{"waktu": want["waktu"][1]},
                  {"kegiatan": min(keg, 130.0)},
                  {"lane": min(max(lane_min, 64.0), cap)},
                  {"lane": min(max(lane_min, 72.0 + min(busy, 24.0) / 2, label_lane), cap),
                   "kegiatan": min(keg, 180.0)},
                  {"lane": min(lane_fit, cap)},
                  {k: v[1] for k, v in want.items()},
                  {"lane": max(lane_min, LANE_PREF + busy, min(label_lane, LANE_MAX))},
                  {k: v[3] for k, v in want.items()} | {"lane": LANE_MAX + busy}]
        weight = {k: v[2] for k, v in want.items()} | {"lane": 1.0}
        for target in stages:
            delta = {k: max(0.0, v - widths[k]) for k, v in target.items()}
            cost = sum(d * (n if k == "lane" else 1) for k, d in delta.items())
            if cost <= 1e-9:
                continue
            if cost <= rem:
                for k, d in delta.items():
                    widths[k] += d
                rem -= cost
                continue
            if target is stages[-1]:         # the spare by weight
                tot = sum(weight[k] * (n if k == "lane" else 1) for k, d in delta.items() if d > 0)
                for k, d in delta.items():
                    if d > 0:
                        widths[k] += min(d, rem * weight[k] / tot)
            else:
                f = rem / cost
                for k, d in delta.items():
                    widths[k] += d * f
            rem = 0.0
            break
        if rem > 1e-6:
            widths["kegiatan"] += rem
    if rows and rem >= 0:
        _balance(widths, want, rows)
    lane_w = widths["lane"]
    cols: list[Column] = []
    x = 0.0
    cols.append(Column("no", h["no"], x, no_w))
    x += no_w
    cols.append(Column("kegiatan", h["kegiatan"], x, widths["kegiatan"]))
    x += widths["kegiatan"]
    for i in range(n):
        aid, label = actors[i] if i < len(actors) else ("", "")
        cols.append(Column("actor", label, x, lane_w, actor=aid, group="pelaksana"))
        x += lane_w
    for key in ("kelengkapan", "waktu", "output", "keterangan"):
        cols.append(Column(key, h[key], x, widths[key],
                           group="mutu" if key in ("kelengkapan", "waktu", "output") else None))
        x += widths[key]
    # absorb rounding so the last border is exactly the table width
    cols[-1].w = width - cols[-1].x
    return cols


def baseline(line_top: float, size: float) -> float:
    return line_top + metrics.line_height(size) / 2 + 0.365 * size


def place_lines(lines: list[str], x: float, y: float, w: float, h: float, size: float,
                 align: str, pad_x: float = PAD_X) -> list[TextLine]:
    lh = size * metrics.LINE_HEIGHT              # metrics.line_height(size)
    top = y + (h - lh * len(lines)) / 2
    if align == "start":
        ax, anchor = x + pad_x, "start"
    else:
        ax, anchor = x + w / 2, "middle"
    # baseline(top + i * lh, size), inlined with the same operations in the same order
    half = lh / 2
    k = 0.365 * size
    return [TextLine(t, ax, top + i * lh + half + k, anchor) for i, t in enumerate(lines)]


NUMBER_ROW_SIZE = 6.5       # the column-number row (nomor_kolom)


def _fit_size(labels: list[str], w: float, top: float) -> float:
    """The largest size (``top`` down to 6 pt, by 0.5) at which every word of
    ``labels`` fits ``w``; at 6 pt a longer word breaks with a hyphen."""
    words = [x for lb in labels for x in lb.split()]
    z = top
    while z > MIN_TEXT and words and max(metrics.text_width(x, z, True) for x in words) > w:
        z = max(MIN_TEXT, z - 0.5)
    return z


def build_header(cols: list[Column], lang: str, style: Style,
                 column_numbers: bool = False) -> tuple[list[Cell], float]:
    """The two header rows (and, with ``column_numbers``, a third row numbering the
    columns 1, 2, 3, ...) and their total height. Every label prints whole: no text is
    cut short, and none is smaller than 6 pt."""
    hd = HEADINGS.get(lang, HEADINGS["id"])
    lh = metrics.line_height(HEADER_SIZE)
    actors = [c for c in cols if c.key == "actor"]
    mutu = [c for c in cols if c.group == "mutu"]
    span = [c for c in cols if c.key in ("no", "kegiatan", "keterangan")]

    def wr(text, w, size):
        lines = metrics.wrap(text, max(w - 2 * 2.0, 1.0), size, bold=True)
        if w < DEGENERATE_LANE and len(lines) > 6:
            # far more actors than any SOP may have (lint EE03): a lane a few points
            # wide cannot print a name anyway; keep the header (and the pages) bounded
            lines = lines[:5] + ["\u2026"]
        return lines

    pel_w = sum(c.w for c in actors)
    mutu_w = sum(c.w for c in mutu)
    g_pel = wr(hd["pelaksana"], pel_w, HEADER_SIZE)
    g_mutu = wr(hd["mutu"], mutu_w, HEADER_SIZE)
    h1 = max(len(g_pel), len(g_mutu)) * lh + 2 * PAD_Y
    # one size for all actor labels: the largest at which every word fits its column
    size = _fit_size([c.label for c in actors], actors[0].w - 4.0, style.actor_size) if actors else HEADER_SIZE
    sub = [(c, wr(c.label, c.w, size), size) for c in actors]

    def fit(c):
        return _fit_size([c.label], c.w - 4.0, HEADER_SIZE)
    sub += [(c, wr(c.label, c.w, fit(c)), fit(c)) for c in mutu]
    h2 = max(len(l) * metrics.line_height(s) for _, l, s in sub) + 2 * PAD_Y
    spans = [(c, wr(c.label, c.w, fit(c)), fit(c)) for c in span]
    need = max(len(l) * metrics.line_height(z) for _, l, z in spans) + 2 * PAD_Y
    if need > h1 + h2:
        h2 = need - h1
    total = h1 + h2
    cells: list[Cell] = []
    for c, lines, z in spans:
        cells.append(Cell(c.key, c.x, 0.0, c.w, total,
                          place_lines(lines, c.x, 0.0, c.w, total, z, "middle"),
                          bold=True, size=z))
    if actors:
        x0 = actors[0].x
        cells.append(Cell("pelaksana", x0, 0.0, pel_w, h1,
                          place_lines(g_pel, x0, 0.0, pel_w, h1, HEADER_SIZE, "middle"),
                          bold=True, size=HEADER_SIZE))
    if mutu:
        x0 = mutu[0].x
        cells.append(Cell("mutu", x0, 0.0, mutu_w, h1,
                          place_lines(g_mutu, x0, 0.0, mutu_w, h1, HEADER_SIZE, "middle"),
                          bold=True, size=HEADER_SIZE))
    for c, lines, size in sub:
        cells.append(Cell(c.key if c.key != "actor" else "actor", c.x, h1, c.w, h2,
                          place_lines(lines, c.x, h1, c.w, h2, size, "middle"),
                          bold=True, size=size))
    if column_numbers:
        nh = metrics.line_height(NUMBER_ROW_SIZE) + 4.0
        for k, c in enumerate(cols):
            cells.append(Cell("nomor", c.x, total, c.w, nh,
                              place_lines([str(k + 1)], c.x, total, c.w, nh, NUMBER_ROW_SIZE, "middle"),
                              size=NUMBER_ROW_SIZE))
        total += nh
    cells.sort(key=lambda cl: (cl.y, cl.x))
    return cells, total


# --------------------------------------------------------------------------- cell texts

CELL_KEYS = ("no", "kegiatan", "kelengkapan", "waktu", "output", "keterangan")


def cell_texts(a) -> dict[str, str]:
    kel = a.kelengkapan
    if isinstance(kel, str):
        kel = [kel]
    kel = [str(k) for k in (kel or []) if str(k).strip()]
    return {
        "no": str(a.index + 1),
        "kegiatan": str(a.uraian or ""),
        "kelengkapan": ", ".join(kel) if kel else "-",
        "waktu": str(a.waktu) if a.waktu else "-",
        "output": str(a.output) if a.output else "-",
        "keterangan": str(a.keterangan) if a.keterangan else "",
    }

