"""The table part of the layout: column widths, the two header rows and the texts of
the cells (wrapped by the bundled font's metrics, placed line by line)."""

from __future__ import annotations

from sopc.layout import metrics
from sopc.layout.geometry import Cell, Column, TextLine
from sopc.layout.style import HEADER_SIZE, HEADINGS, NO_WIDTH, PAD_X, PAD_Y, Style


def build_columns(actors: list[tuple[str, str]], width: float, lang: str) -> list[Column]:
    h = HEADINGS.get(lang, HEADINGS["id"])
    n = max(1, len(actors))
    no_w = min(NO_WIDTH, width * 0.05)
    rest_all = width - no_w
    # the other columns keep a readable minimum (scaled down on narrow tables)
    others_min = min(380.0, 0.5 * rest_all)
    upper = max(min(0.62 * rest_all, rest_all - others_min), 0.22 * rest_all)
    wanted = min(n, 4) * 70.0 + max(0, n - 4) * 40.0
    actor_total = min(max(wanted, 0.22 * rest_all), upper)
    rest = rest_all - actor_total
    shares = [("kegiatan", 0.36), ("kelengkapan", 0.20), ("waktu", 0.105), ("output", 0.18),
              ("keterangan", 0.155)]
    cols: list[Column] = []
    x = 0.0
    cols.append(Column("no", h["no"], x, no_w))
    x += no_w
    cols.append(Column("kegiatan", h["kegiatan"], x, rest * shares[0][1]))
    x += rest * shares[0][1]
    lane_w = actor_total / n
    for i in range(n):
        aid, label = actors[i] if i < len(actors) else ("", "")
        cols.append(Column("actor", label, x, lane_w, actor=aid, group="pelaksana"))
        x += lane_w
    for key, share in shares[1:]:
        w = rest * share
        cols.append(Column(key, h[key], x, w, group="mutu" if key in ("kelengkapan", "waktu", "output") else None))
        x += w
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


def build_header(cols: list[Column], lang: str, style: Style) -> tuple[list[Cell], float]:
    hd = HEADINGS.get(lang, HEADINGS["id"])
    lh = metrics.line_height(HEADER_SIZE)
    actors = [c for c in cols if c.key == "actor"]
    mutu = [c for c in cols if c.group == "mutu"]
    span = [c for c in cols if c.key in ("no", "kegiatan", "keterangan")]

    def wr(text, w, size, max_lines=6):
        lines = metrics.wrap(text, max(w - 2 * 2.0, 1.0), size, bold=True)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1][:-1] + "\u2026" if len(lines[-1]) > 1 else "\u2026"
        return lines

    pel_w = sum(c.w for c in actors)
    mutu_w = sum(c.w for c in mutu)
    g_pel = wr(hd["pelaksana"], pel_w, HEADER_SIZE, 2)
    g_mutu = wr(hd["mutu"], mutu_w, HEADER_SIZE, 2)
    h1 = max(len(g_pel), len(g_mutu)) * lh + 2 * PAD_Y
    # one size for all actor labels: the largest at which every word fits its column
    size = style.actor_size
    words = [w for c in actors for w in c.label.split()]
    while size > 5.5 and words and actors and \
            max(metrics.text_width(w, size, True) for w in words) > actors[0].w - 4.0:
        size -= 0.5
    sub = [(c, wr(c.label, c.w, size), size) for c in actors]
    def fit(c):
        z = HEADER_SIZE
        while z > 5.5 and max((metrics.text_width(w, z, True) for w in c.label.split()), default=0) > c.w - 4.0:
            z -= 0.5
        return z
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

