"""Small text helpers shared by every stage."""

from __future__ import annotations

import re
import unicodedata

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_len: int = 80) -> str:
    """A file-name-safe slug: ASCII lowercase letters, digits and dashes only, never
    empty, never ``.``/``..``; so output paths stay inside the output folder."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    t = _SLUG_RE.sub("-", t.lower()).strip("-")[:max_len].strip("-")
    return t or "sop"


def norm_space(text: str) -> str:
    return " ".join(str(text).split())


def fold(text: str) -> str:
    """Case- and space-insensitive comparison key."""
    return norm_space(text).casefold()
