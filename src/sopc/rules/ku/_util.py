"""Helpers shared by the KU rules."""

from __future__ import annotations

# Values that fill a Mutu Baku cell without saying anything.
PLACEHOLDERS = frozenset({"-", "--", "\u2013", "\u2014", "...", "\u2026", "tidak ada", "n/a", "na", "nihil"})


def is_empty(text: str | None) -> bool:
    """True for a missing, blank or placeholder value ("-", "…", "tidak ada")."""
    if text is None:
        return True
    t = str(text).strip()
    if len(t) > 12:          # longer than any placeholder: the common case, decided fast
        return False
    t = " ".join(t.split()).casefold()
    return not t or t in PLACEHOLDERS


def list_empty(items: list[str] | None) -> bool:
    return not items or all(is_empty(x) for x in items)
