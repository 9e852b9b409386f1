"""The procedure table: its two-row header in any column order and wording, the
optional column-number row, and body rows read from the No column across pages
(continuation pages without a header reuse the last header's columns)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopc.core.text import hyphenator
from sopc.importer.layout import Rules, Word, join_lines, lines_of
from sopc.importer.pdfpage import Page

ROLE_PATTERNS = [
    ("no", r"^no\.?$"),
    ("kegiatan", r"^(aktivitas ?/ ?kegiatan|kegiatan|aktivitas|uraian prosedur|uraian( kegiatan)?)$"),
    ("kelengkapan", r"^(kelengkapan|persyaratan ?/ ?(kelengkapan|perlengkapan)|sumber data|input)$"),
    ("waktu", r"^waktu\b.*$"),
    ("output", r"^output$"),
    ("keterangan", r"^(keterangan|ket\.?)$"),
]
TEXT_ROLES = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")
_SPANNING = re.compile(r"^(pelaksana|mutu ba[kg]u|mutu buku)$", re.IGNORECASE)
_COLNUM = re.compile(r"^\(?\d{1,2}\)?$")
_ROWNUM = re.compile(r"^(\d{1,2})\.?$")


@dataclass
class Columns:
    edges: list[float]                       # x of the column lines, left to right
    roles: list[str]                         # one per column: no, kegiatan, actor, ...
    actors: list[str]                        # actor labels, left to right

    def actor_spans(self) -> list[tuple[float, float]]:
        return [(self.edges[i], self.edges[i + 1]) for i, r in enumerate(self.roles) if r == "actor"]

    def span(self, role: str) -> tuple[float, float] | None:
        for i, r in enumerate(self.roles):
            if r == role:
                return (self.edges[i], self.edges[i + 1])
        return None


@dataclass
class Row:
    page: int
    number: int | None
    top: float
    bottom: float
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class PageTable:
    page: Page
    columns: Columns
    top: float                                # body top
    bottom: float                             # body bottom
    rows: list[Row] = field(default_factory=list)
    header: bool = True


def _spanning(text: str) -> bool:
    """A line of the upper header's spanning labels (Pelaksana, Mutu Baku, also wrapped
    onto two lines)."""
    t = " ".join(text.lower().split())
    return bool(_SPANNING.match(t)) or t in ("mutu", "baku", "buku")


def _role(text: str) -> str | None:
    t = re.sub(r"\s*/\s*", "/", text.lower()).replace("/", " / ").strip(" :")
    t = re.sub(r"\s+", " ", t)
    for role, pat in ROLE_PATTERNS:
        if re.match(pat, t) or re.match(pat, t.replace(" / ", "/")):
            return role
    return None


def find_header(words: list[Word]) -> tuple[list[Word], float, float] | None:
    """The header words (by position) around the Waktu and Output labels."""
    waktu = [w for w in words if re.match(r"^waktu\b", w.text, re.I)]
    output = [w for w in words if w.text.lower() == "output"]
    for wk in waktu:
        for op in output:
            if abs(wk.cy - op.cy) < 3 * (wk.bottom - wk.top):
                band = [w for w in words if abs(w.cy - wk.cy) < 45]
                if any(_role(w.text) == "kegiatan" or w.text.lower() in ("aktivitas/kegiatan", "uraian")
                       or w.text.lower().startswith(("kegiatan", "aktivitas", "uraian")) for w in band):
                    return band, wk.top, wk.bottom
    return None


def read_columns(page: Page, words: list[Word], rules: Rules):
    """Columns and the body top of a page with a header, or None."""
    hdr = find_header(words)
    if hdr is None:
        return None
    band, wtop, wbottom = hdr
    keg = next((w for w in band if w.text.lower().startswith(("kegiatan", "aktivitas", "uraian"))), None)
    if keg is None:
        return None
    xs = sorted(set(round(x, 1) for x in rules.verticals_crossing(wtop, wbottom)))
    xs = _dedupe(xs)
    if len(xs) < 5:
        return None
    # the header's extent: from the rule above its top row to the rule below Waktu
    top = rules.horizontal_at(keg.cx, keg.top, True) or min(w.top for w in band) - 2
    bottom = rules.horizontal_at(xs[0] + 1, wbottom, False) or wbottom + 2
    hw = [w for w in words if top - 1 <= w.cy <= bottom + 1 and xs[0] - 1 <= w.cx <= xs[-1] + 1]
    roles, texts = [], []
    for a, b in zip(xs, xs[1:]):
        cw = [w for w in hw if a <= w.cx <= b]
        lines = [ln for ln in lines_of(cw) if not (_spanning(ln.text) and ln.bottom < wtop)]
        cw = [w for ln in lines for w in ln.words]
        text = join_lines([ln.text for ln in lines], hyphenator())
        texts.append((text, cw))
        roles.append(_role(text) if text else None)
    _fill_roles(roles)
    body, numbers = _colnum_row(words, rules, xs, bottom)
    edges, roles, actors = _actors(xs, roles, texts, numbers)
    return Columns(edges, roles, actors), top, body


def _dedupe(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in xs:
        if out and x - out[-1] < 3:
            continue
        out.append(x)
    return out


def _fill_roles(roles: list[str | None]) -> None:
    if roles and roles[0] is None and "kegiatan" in roles and roles.index("kegiatan") == 1:
        roles[0] = "no"                          # a blank No header
    try:
        k = roles.index("kegiatan")
    except ValueError:
        return
    mutu = [i for i, r in enumerate(roles) if r in ("kelengkapan", "waktu", "output")]
    end = min(mutu) if mutu else len(roles)
    for i in range(k + 1, end):
        if roles[i] is None:
            roles[i] = "actor"
    for i, r in enumerate(roles):
        if r is None:
            roles[i] = "other"


def _actors(xs, roles, texts, numbers: list[Word] = ()):
    """Actor labels; an actor column holding two column numbers, or whose header holds
    two separate word groups, is two columns whose divider was not drawn."""
    edges, out_roles, actors = [xs[0]], [], []
    for i, role in enumerate(roles):
        a, b = xs[i], xs[i + 1]
        if role != "actor":
            edges.append(b)
            out_roles.append(role)
            continue
        inside = sorted(w.cx for w in numbers if a < w.cx < b)
        if len(inside) > 1:
            groups = _split_at(texts[i][1], inside)
            cuts = [(p + q) / 2 for p, q in zip(inside, inside[1:])]
        else:
            groups = _word_groups(texts[i][1])
            cuts = [(max(w.x1 for w in g) + min(w.x0 for w in nxt)) / 2 for g, nxt in zip(groups, groups[1:])]
        if len(groups) > 1:
            for g, cut in zip(groups, cuts):
                edges.append(cut)
                out_roles.append("actor")
                actors.append(_label(g))
            edges.append(b)
            out_roles.append("actor")
            actors.append(_label(groups[-1]))
        else:
            edges.append(b)
            out_roles.append("actor")
            actors.append(texts[i][0])
    return edges, out_roles, actors


def _split_at(ws: list[Word], centres: list[float]) -> list[list[Word]]:
    """Header words of a column shared by several numbered columns, split at the
    midpoints between their numbers."""
    cuts = [(p + q) / 2 for p, q in zip(centres, centres[1:])]
    groups: list[list[Word]] = [[] for _ in centres]
    for w in ws:
        groups[sum(1 for c in cuts if w.cx > c)].append(w)
    return groups


def _label(ws: list[Word]) -> str:
    return join_lines([ln.text for ln in lines_of(ws)], hyphenator())


def _word_groups(ws: list[Word]) -> list[list[Word]]:
    if not ws:
        return [[]]
    ws = sorted(ws, key=lambda w: w.x0)
    groups = [[ws[0]]]
    right = ws[0].x1
    for w in ws[1:]:
        h = w.bottom - w.top
        if w.x0 - right > max(2.5 * h, 12):
            groups.append([w])
        else:
            groups[-1].append(w)
        right = max(right, w.x1)
    return groups


def _colnum_row(words, rules: Rules, xs: list[float], hbottom: float) -> tuple[float, list[Word]]:
    """The body top (below the header, and below the column-number row if any) and
    the column numbers."""
    nxt = rules.horizontal_at((xs[0] + xs[1]) / 2, hbottom + 0.5, False)
    if nxt is None:
        return hbottom, []
    band = [w for w in words if hbottom < w.cy < nxt and xs[0] <= w.cx <= xs[-1]]
    if band and all(_COLNUM.match(w.text) for w in band) and len(band) >= 3:
        return nxt, band
    return hbottom, []


def read_rows(page: Page, words: list[Word], rules: Rules, cols: Columns, body_top: float) -> PageTable:
    no = cols.span("no") or (cols.edges[0], cols.edges[1])
    xno = (no[0] + no[1]) / 2
    ys = [y for y in rules.horizontals_through(xno, body_top - 1.5)]
    ys = _dedupe(sorted(ys))
    if not ys or ys[0] > body_top + 2:
        ys = [body_top] + ys
    pt = PageTable(page, cols, ys[0], ys[-1] if len(ys) > 1 else page.height)
    hy = hyphenator()
    x_lo, x_hi = cols.edges[0], cols.edges[-1]
    for t, b in zip(ys, ys[1:]):
        if b - t < 4:
            continue
        rw = [w for w in words if t < w.cy < b and x_lo <= w.cx <= x_hi]
        if not rw:
            continue
        cells: dict[str, str] = {}
        for role in ("no",) + TEXT_ROLES:
            span = cols.span(role)
            if span is None:
                continue
            cw = [w for w in rw if span[0] <= w.cx <= span[1]]
            cells[role] = join_lines([ln.text for ln in lines_of(cw)], hy)
        m = _ROWNUM.match(cells.get("no", "").strip())
        if not m and not cells.get("kegiatan"):
            continue
        pt.rows.append(Row(page.number, int(m.group(1)) if m else None, t, b, cells))
    return pt
