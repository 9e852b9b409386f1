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
