"""Text metrics from the bundled DejaVu Sans fonts (the same files render HTML and PDF).

Widths are advance widths without kerning (the SVG and HTML renderers switch kerning
off), so wrapping computed here is what every machine prints. The advance widths of
both fonts are read from ``fonts/metrics.json`` (parsing the fonts with fontTools took
a tenth of a second in every process that lays out a page), made from the font files
by ``python -c "from sopc.layout.metrics import main; main()" > src/sopc/fonts/metrics.json``;
a test keeps it equal to the fonts. The width of every character is cached in a dict.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from sopc.core.assets import FONT_DIR
from sopc.core.text import hyphenator

REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
METRICS = FONT_DIR / "metrics.json"

# Line height as a factor of the font size.
LINE_HEIGHT = 1.25

_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"


def font_table(path: Path) -> dict:
    """The metrics of one font file as ``metrics.json`` holds them: units per em, the
    advance width of every character ([code point, advance, code point, advance, ...]),
    and the width (in em) taken for characters the font lacks (its "M": they print as
    .notdef or in a fallback font)."""
    import hashlib

    from fontTools.ttLib import TTFont

    data = Path(path).read_bytes()
    font = TTFont(str(path), lazy=True)
    try:
        upem = float(font["head"].unitsPerEm)
        cmap = dict(font.getBestCmap() or {})
        hmtx = {name: adv for name, (adv, _lsb) in font["hmtx"].metrics.items()}
    finally:
        font.close()
    m = cmap.get(ord("M"))
    advances: list[int] = []
    for cp, glyph in sorted(cmap.items()):
        if glyph in hmtx:
            advances += [cp, hmtx[glyph]]
    return {"sha256": hashlib.sha256(data).hexdigest(), "upem": int(upem),
            "fallback_em": hmtx.get(m, upem * 0.6) / upem if m else 0.6, "advances": advances}


@lru_cache(maxsize=1)
def _tables() -> dict:
    return json.loads(METRICS.read_text(encoding="utf-8"))


class _Face:
    __slots__ = ("widths", "cache", "fallback")

    def __init__(self, table: dict):
        upem = float(table["upem"])
        flat = table["advances"]
        self.widths = {flat[i]: flat[i + 1] / upem for i in range(0, len(flat), 2)}
        self.fallback = table["fallback_em"]
        self.cache: dict[str, float] = {}

    def advance(self, ch: str) -> float:
        """Advance width of one character in em."""
        w = self.cache.get(ch)
        if w is None:
            w = 0.0 if ch in _ZERO_WIDTH else self.widths.get(ord(ch), self.fallback)
            self.cache[ch] = w
        return w


@lru_cache(maxsize=2)
def _face(bold: bool) -> _Face:
    return _Face(_tables()[(BOLD if bold else REGULAR).name])


_WORDS: dict[tuple[str, bool], float] = {}


def text_width(s: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``s`` in pt at ``size_pt`` (no kerning)."""
    key = (s, bool(bold))
    em = _WORDS.get(key)
    if em is None:
        face = _face(bool(bold))
        cache = face.cache
        em = 0.0
        for ch in s:
            w = cache.get(ch)
            if w is None:
                w = face.advance(ch)
            em += w
        if len(_WORDS) < 200_000 and len(s) <= 512:
            _WORDS[key] = em
    return em * size_pt


_BREAK_AFTER = re.compile(r"(?<=[/.@\-])(?=.)")


def _chars(word: str, width_pt: float, size_pt: float, bold: bool, first: float) -> list[str]:
    """Split between characters (the last resort: no break point fits)."""
    face = _face(bool(bold))
    pieces: list[str] = []
    cur = ""
    cur_w = 0.0
    room = first
    for ch in word:
        w = face.advance(ch) * size_pt
        if cur_w + w > room and (cur or room < width_pt):
            pieces.append(cur)
            cur, cur_w, room = ch, w, width_pt
        else:
            cur += ch
            cur_w += w
    pieces.append(cur)
    return pieces


def _syllables(word: str, width_pt: float, size_pt: float, bold: bool, first: float) -> list[str]:
    """Split at Indonesian syllable boundaries with a visible hyphen; the first piece
    gets ``first`` pt (the rest of the current line), the others the whole width. A
    piece without a fitting boundary is split between characters."""
    hy = hyphenator()
    out: list[str] = []
    room = first
    rest = word
    while text_width(rest, size_pt, bold) > room:
        cut = 0
        core = rest.rstrip("?!,.;:)]\"'")          # trailing punctuation stays with the word
        if hy is not None and core.isalpha():
            for pos in hy.positions(core):
                if pos >= 2 and len(core) - pos >= 2 and \
                        text_width(rest[:pos] + "-", size_pt, bold) <= room:
                    cut = max(cut, pos)
        if cut:
            out.append(rest[:cut] + "-")
            rest = rest[cut:]
        elif room < width_pt:
            out.append("")                     # nothing fits on this line: a new line
        else:
            if not _CHARS_OK[0]:
                raise _NoCleanBreak
            pieces = _chars(rest, width_pt, size_pt, bold, room)
            out.extend(pieces[:-1])
            rest = pieces[-1]
            break
        room = width_pt
    out.append(rest)
    return out


def _break_word(word: str, width_pt: float, size_pt: float, bold: bool, first: float | None = None) -> list[str]:
    """Split a word wider than the width into pieces that fit: after ``/ . @ -`` first,
    else at a syllable boundary with a hyphen, else between characters. The first piece
    fits ``first`` pt (default the whole width); an empty first piece means "start on a
    new line"."""
    first = width_pt if first is None else first
    parts = _BREAK_AFTER.split(word)
    out: list[str] = []
    line, room = "", first
    for part in parts:
        if text_width(line + part, size_pt, bold) <= room:
            line += part
            continue
        if line:
            out.append(line)
            line, room = "", width_pt
        if text_width(part, size_pt, bold) <= room:
            line = part
            continue
        pieces = _syllables(part, width_pt, size_pt, bold, room)
        out.extend(pieces[:-1])
        line, room = pieces[-1], width_pt
    out.append(line)
    return out


class _NoCleanBreak(Exception):
    pass


_CHARS_OK = [True]


def wrap_clean(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str] | None:
    """Like :func:`wrap`, or None when a word would have to break between characters
    (no break point after ``/ . @ -`` nor syllable boundary fits): for labels, which
    rather move than print "M/e/m/a/d/a/i"."""
    got = _wrap_clean_cached(str(text), float(width_pt), float(size_pt), bool(bold))
    return list(got) if got is not None else None


@lru_cache(maxsize=16384)
def _wrap_clean_cached(text: str, width_pt: float, size_pt: float, bold: bool) -> tuple[str, ...] | None:
    _CHARS_OK[0] = False
    try:
        return tuple(_wrap(text, width_pt, size_pt, bold))
    except _NoCleanBreak:
        return None
    finally:
        _CHARS_OK[0] = True


def wrap(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap (see :func:`_wrap`); results are cached. Returns a new list."""
    if text is None:
        return [""]
    return list(_wrap_cached(str(text), float(width_pt), float(size_pt), bool(bold)))


@lru_cache(maxsize=8192)
def _wrap_cached(text: str, width_pt: float, size_pt: float, bold: bool) -> tuple[str, ...]:
    return tuple(_wrap(text, width_pt, size_pt, bold))


def _wrap(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` to ``width_pt``.

    Explicit newlines in the source start a new line (an empty source line stays an
    empty line); runs of spaces collapse; a word wider than the width is broken after
    ``/ . @ -``, else at an Indonesian syllable boundary with a visible hyphen, else
    (no such point fits) between characters. Returns at least one line (``[""]`` for empty text).
    """
    if text is None:
        return [""]
    width_pt = max(float(width_pt), 0.0)
    space = text_width(" ", size_pt, bold)
    out: list[str] = []
    for para in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = para.split()
        if not words:
            out.append("")
            continue
        line = ""
        line_w = 0.0
        for word in words:
            ww = text_width(word, size_pt, bold)
            if line:
                if line_w + space + ww <= width_pt:
                    line += " " + word
                    line_w += space + ww
                    continue
                out.append(line)
                line, line_w = "", 0.0
            if ww <= width_pt:
                line, line_w = word, ww
            else:
                pieces = _break_word(word, width_pt, size_pt, bold)
                out.extend(pieces[:-1])
                line = pieces[-1]
                line_w = text_width(line, size_pt, bold)
        out.append(line)
    # drop trailing empty lines produced by a final newline in block scalars
    while len(out) > 1 and out[-1] == "":
        out.pop()
    return out or [""]


def line_height(size_pt: float) -> float:
    return size_pt * LINE_HEIGHT


def main() -> int:
    """Print ``metrics.json`` for the bundled fonts."""
    tables = {p.name: font_table(p) for p in (REGULAR, BOLD)}
    print(json.dumps(tables, sort_keys=True, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
