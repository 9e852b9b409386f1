"""Small text helpers shared by every stage."""

from __future__ import annotations

import re
import unicodedata

_SLUG_RE = re.compile(r"[^a-z0-9]+")


#: names Windows reserves for devices, whatever the extension (con.html is the console)
WINDOWS_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))])


def slugify(text: str, max_len: int = 80) -> str:
    """A file-name-safe slug: ASCII lowercase letters, digits and dashes only, never
    empty, never ``.``/``..``, never a name Windows reserves (``con``, ``nul``, ``aux``,
    ``prn``, ``com1``…, ``lpt1``… get the suffix ``-x``); so output paths stay inside
    the output folder and open on every system."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    t = _SLUG_RE.sub("-", t.lower()).strip("-")[:max_len].strip("-")
    if t in WINDOWS_RESERVED:
        t += "-x"
    return t or "sop"


def norm_space(text: str) -> str:
    return " ".join(str(text).split())


def fold(text: str) -> str:
    """Case- and space-insensitive comparison key."""
    return norm_space(text).casefold()


# ---------------------------------------------------------------------------------
# hidden characters ("Trojan Source"): bidirectional controls and zero-width characters

HIDDEN = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
         "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
_HIDDEN_RAW = re.compile(f"[{HIDDEN}]")
_HIDDEN_ESCAPED = re.compile(r"\\(?:u(?P<u>[0-9A-Fa-f]{4})|U(?P<U>[0-9A-Fa-f]{8}))")
# the UTF-8 lead bytes of every HIDDEN character, and a YAML escape: a file with none of
# them (nearly all) is not scanned line by line
_HIDDEN_BYTES = (b"\xd8\x9c", b"\xe2\x80", b"\xe2\x81", b"\xef\xbb\xbf", b"\\u", b"\\U")


def hidden_characters(data: bytes) -> tuple[tuple[int, int, str], ...]:
    """(line, column, character) of every hidden character of a source file, raw or
    written as a YAML escape (``"\\u202E"``), in file order; a byte order mark at the
    very start is not counted."""
    if not any(b in data for b in _HIDDEN_BYTES):
        return ()
    text = data.decode("utf-8", errors="replace")
    out = []
    for n, line in enumerate(text.split("\n"), start=1):
        found = [(m.start(), m.group()) for m in _HIDDEN_RAW.finditer(line)]
        for m in _HIDDEN_ESCAPED.finditer(line):
            value = int(m.group("u") or m.group("U"), 16)
            if value < 0x110000 and chr(value) in HIDDEN:
                found.append((m.start(), chr(value)))
        for col, ch in sorted(found):
            if n == 1 and col == 0 and ch == "\ufeff":
                continue        # a byte order mark
            out.append((n, col + 1, ch))
    return tuple(out)


_hyph = None


def hyphenator():
    """pyphen's Indonesian dictionary (installed with WeasyPrint), or None without it."""
    global _hyph
    if _hyph is None:
        try:
            import pyphen

            _hyph = pyphen.Pyphen(lang="id_ID")
        except Exception:  # noqa: BLE001 - pyphen comes with WeasyPrint; without it, no syllables
            _hyph = False
    return _hyph or None
