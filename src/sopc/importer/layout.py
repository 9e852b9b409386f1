"""Words, lines, ruling lines and cells of a page read by :mod:`pdfpage`.

A PDF has no table: a grid is a set of thin filled rectangles or stroked lines, cut into
pieces at every crossing. The pieces are merged into ruling lines, and a cell is the
smallest box of ruling lines around a point, which copes with merged cells.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from sopc.importer.pdfpage import Char, Page

RULE_MAX = 2.0          # a ruling piece is at most this thick (pt)
RULE_MIN_LEN = 2.0
MERGE_GAP = 2.5         # collinear pieces this close are one line
WHITE = 235


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def text(self) -> str:
        ws = self.words
        short = sum(1 for w in ws if len(w.text) <= 2 and w.text.isalpha())
        if len(ws) >= 4 and short >= 0.7 * len(ws):
            return _spaced_text(ws)
        return " ".join(w.text for w in ws)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _spaced_text(ws: list[Word]) -> str:
    """A letter-spaced line read as 1-2 letter fragments: the fragments of a word are
    closer together than the words are."""
    gaps = [b.x0 - a.x1 for a, b in zip(ws, ws[1:])]
    med = sorted(gaps)[len(gaps) // 2]
    out = ws[0].text
    for g, w in zip(gaps, ws[1:]):
        out += (" " if g > max(1.6 * med, med + 0.2 * w.size) else "") + w.text
    return out


@dataclass(slots=True)
class Rule:
    pos: float      # x of a vertical line, y (top-down) of a horizontal one
    a: float        # start along the line
    b: float        # end along the line


def words_of(chars: list[Char]) -> list[Word]:
    """Characters (stream order) into words: a break at spaces, at a gap wider than a
    quarter of the font size, at a change of baseline and at a step backwards."""
    out: list[Word] = []
    cur: list[Char] = []

    def flush():
        if cur:
            text = "".join(c.text for c in cur)
            out.append(Word(text, min(c.x0 for c in cur), min(c.top for c in cur),
                            max(c.x1 for c in cur), max(c.bottom for c in cur), max(c.size for c in cur)))
            cur.clear()

    for c in chars:
        if c.space:
            flush()
            continue
        if cur:
            p = cur[-1]
            size = max(p.size, c.size, 1.0)
            if (c.x0 - p.x1 > 0.25 * size or c.x0 < p.x0 - 0.5 * size
                    or abs((c.top + c.bottom) - (p.top + p.bottom)) > 0.6 * size):
                flush()
        cur.append(c)
    flush()
    return out


def lines_of(words: list[Word]) -> list[Line]:
    """Group words into lines (reading order): words overlapping a line's middle."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.cy, w.x0)):
        for ln in reversed(lines[-4:]):
            h = min(ln.bottom - ln.top, w.bottom - w.top)
            if abs(ln.cy - w.cy) < 0.45 * max(h, 1.0):
                ln.words.append(w)
                ln.x0, ln.x1 = min(ln.x0, w.x0), max(ln.x1, w.x1)
                ln.top, ln.bottom = min(ln.top, w.top), max(ln.bottom, w.bottom)
                break
        else:
            lines.append(Line([w], w.x0, w.top, w.x1, w.bottom))
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def inside(w, box, slack: float = 1.0) -> bool:
    x0, top, x1, bottom = box
    cx = (w.x0 + w.x1) / 2
    cy = (w.top + w.bottom) / 2
    return x0 - slack <= cx <= x1 + slack and top - slack <= cy <= bottom + slack


def merge_pieces(pieces: list[tuple[float, float, float]]) -> list[Rule]:
    """Collinear pieces (pos, start, end) merged into ruling lines (gaps up to 2.5 pt)."""
    pieces.sort()
    groups: list[list[tuple[float, float, float]]] = []
    for p in pieces:
        if groups and abs(p[0] - groups[-1][-1][0]) <= 0.9:
            groups[-1].append(p)
        else:
            groups.append([p])
    out: list[Rule] = []
    for g in groups:
        pos = sum(p[0] for p in g) / len(g)
        spans = sorted((p[1], p[2]) for p in g)
        a, b = spans[0]
        for s, e in spans[1:]:
            if s <= b + MERGE_GAP:
                b = max(b, e)
            else:
                out.append(Rule(pos, a, b))
                a, b = s, e
        out.append(Rule(pos, a, b))
    return out


def _dark(rgb) -> bool:
    return min(rgb) < WHITE


def rule_pieces(page: Page):
    """Axis-parallel thin pieces of every path: (horizontal, vertical) lists of
    (pos, start, end)."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    for p in page.paths:
        if p.fill and _dark(p.fill_rgb):
            for sp in p.subpaths:
                if sp.curved or len(sp.points) < 3:
                    continue
                x0, y0, x1, y1 = sp.bbox()
                w, h = x1 - x0, y1 - y0
                if h <= RULE_MAX and w >= max(RULE_MIN_LEN, 1.5 * h) and len(sp.points) <= 6:
                    hs.append(((y0 + y1) / 2, x0, x1))
                elif w <= RULE_MAX and h >= max(RULE_MIN_LEN, 1.5 * w) and len(sp.points) <= 6:
                    vs.append(((x0 + x1) / 2, y0, y1))
        if p.stroke and _dark(p.stroke_rgb) and p.width <= 3.0:
            for sp in p.subpaths:
                if sp.curved:
                    continue
                pts = sp.points + ([sp.points[0]] if sp.closed else [])
                for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                    if abs(ay - by) < 0.3 and abs(bx - ax) >= RULE_MIN_LEN:
                        hs.append((ay, min(ax, bx), max(ax, bx)))
                    elif abs(ax - bx) < 0.3 and abs(by - ay) >= RULE_MIN_LEN:
                        vs.append((ax, min(ay, by), max(ay, by)))
    return hs, vs


class Rules:
    """Merged ruling lines of a page with cell lookup."""

    def __init__(self, hs: list[Rule], vs: list[Rule]):
        self.h = sorted(hs, key=lambda r: r.pos)
        self.v = sorted(vs, key=lambda r: r.pos)
        self._hpos = [r.pos for r in self.h]
        self._vpos = [r.pos for r in self.v]

    @classmethod
    def of_page(cls, page: Page) -> "Rules":
        hs, vs = rule_pieces(page)
        return cls(merge_pieces(hs), merge_pieces(vs))

    def vertical_at(self, x: float, y: float, left: bool, limit: float = 1e9) -> float | None:
        i = bisect.bisect_left(self._vpos, x)
        rng = range(i - 1, -1, -1) if left else range(i, len(self.v))
        for j in rng:
            r = self.v[j]
            if abs(r.pos - x) > limit:
                return None
            if r.a - 1.0 <= y <= r.b + 1.0 and abs(r.pos - x) > 0.3:
                return r.pos
        return None

    def horizontal_at(self, x: float, y: float, up: bool, limit: float = 1e9) -> float | None:
        i = bisect.bisect_left(self._hpos, y)
        rng = range(i - 1, -1, -1) if up else range(i, len(self.h))
        for j in rng:
            r = self.h[j]
            if abs(r.pos - y) > limit:
                return None
            if r.a - 1.0 <= x <= r.b + 1.0 and abs(r.pos - y) > 0.3:
                return r.pos
        return None

    def cell_at(self, x: float, y: float, page: Page) -> tuple[float, float, float, float]:
        x0 = self.vertical_at(x, y, True)
        x1 = self.vertical_at(x, y, False)
        t = self.horizontal_at(x, y, True)
        b = self.horizontal_at(x, y, False)
        return (0.0 if x0 is None else x0, 0.0 if t is None else t,
                page.width if x1 is None else x1, page.height if b is None else b)

    def verticals_crossing(self, top: float, bottom: float, x0: float = -1e9, x1: float = 1e9) -> list[float]:
        """x of the vertical lines that cross the band [top, bottom] within [x0, x1]."""
        return [r.pos for r in self.v if r.a <= top + 1.5 and r.b >= bottom - 1.5 and x0 - 1 <= r.pos <= x1 + 1]

    def horizontals_through(self, x: float, top: float = -1e9, bottom: float = 1e9) -> list[float]:
        return [r.pos for r in self.h if r.a - 1 <= x <= r.b + 1 and top <= r.pos <= bottom]


_HYPH_END = re.compile(r"[a-z]-$")


def join_lines(lines: list[str], hyphenator=None, tight: bool = False) -> str:
    """Join a cell's lines into one text: a word broken with a hyphen at a syllable
    boundary is rejoined (sopc's own wraps), a compound keeps its hyphen; a 1-2 letter
    tail that cannot end a word (``Lapora`` + ``n``) and a number split after ``/`` are
    rejoined without a space. ``tight`` (text inside a symbol, wrapped in a narrow
    shape) also rejoins a lower-case word split where no syllable ends (``mem`` +
    ``adai?``)."""
    out = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if not out:
            out = ln
            continue
        head = ln.split(" ", 1)[0]
        last = out.rsplit(" ", 1)[-1]
        if _HYPH_END.search(out) and head[:1].islower() and _syllable_break(last[:-1], head, hyphenator):
            out = out[:-1] + ln
        elif _forced_wrap(last, head, hyphenator) or (tight and _mid_word(last, head, hyphenator)):
            out = out + ln
        else:
            out = out + " " + ln
    return out


def _mid_word(last: str, head: str, hyphenator) -> bool:
    a = re.search(r"[a-z]+$", last)
    b = re.match(r"[a-z]+", head)
    if not a or not b or hyphenator is None or a.group(0) != last or a.group(0) in _SHORT_WORDS:
        return False
    word = a.group(0) + b.group(0)
    return len(a.group(0)) not in hyphenator.positions(word)


_SHORT_WORDS = {"di", "ke", "ya", "ia", "se", "tu", "ok", "a", "e", "dan", "ini", "itu"}


def _word_core(s: str) -> str:
    return re.sub(r"[^\w]", "", s)


def _syllable_break(prefix: str, rest: str, hyphenator) -> bool:
    tail = re.match(r"[A-Za-z]+", rest)
    pre = re.search(r"[A-Za-z]+$", prefix)
    if not tail or not pre or hyphenator is None:
        return False
    a, b = pre.group(0), tail.group(0)
    if b.lower().startswith(a.lower()[:3]) and len(a) >= 3:      # surat-menyurat, masing-masing
        return False
    word = (a + b).lower()
    return len(a) in hyphenator.positions(word)


def _forced_wrap(last: str, head: str, hyphenator) -> bool:
    if re.search(r"/\d*$", last) and re.match(r"\d", head) and "/" in last:
        return True
    core = _word_core(head)
    if (1 <= len(core) <= 2 and head[:1].islower() and core.isalpha() and core.lower() not in _SHORT_WORDS
            and last[-1:].isalpha() and len(last) >= 3 and hyphenator is not None):
        word = (re.sub(r"[^A-Za-z]", "", last) + core).lower()
        return len(word) - len(core) not in hyphenator.positions(word)
    return False


