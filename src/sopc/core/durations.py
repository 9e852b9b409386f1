"""Durations (`waktu`, `batas_waktu`): parsing and rendering (FORMAT.md §1.4).

Grammar, case-insensitive, Indonesian first, English accepted::

    duration := part ( [","] part )*
    part     := number [ range-sep number ] unit
    number   := digits [ ("," | ".") digits ]       # decimal comma ("1,5 jam")
              | d{1,3} ("." ddd)+ [ "," digits ]    # Indonesian thousands ("1.500 menit")
    range-sep:= "-" | "–" | "—" | "s.d." | "s/d" | "sampai" | "to"

Units: ``detik``, ``menit``, ``jam``, ``hari`` / ``hari kerja`` / ``HK``, ``minggu``,
``bulan`` and the English ``second(s)``, ``minute(s)``/``min``, ``hour(s)``,
``day(s)``/``working day(s)``, ``week(s)``, ``month(s)`` (plus a few common
abbreviations: ``dtk``, ``mnt``, ``jam kerja``, ``pekan``).

Everything is counted in **working minutes**: ``hari`` is one working day of
``WaktuKerja.jam_per_hari`` hours, ``minggu`` is ``hari_per_minggu`` working days and
``bulan`` is ``hari_per_bulan`` working days (defaults 7.5 h, 5 d, 22 d).

Public API:

- :func:`parse_duration` ``(text, wk=None) -> Duration | None``
- :func:`parse_units` ``(text) -> ParsedDuration | None`` (working-time independent)
- :func:`format_duration` ``(minutes, wk=None, lang="id") -> str``
- :func:`format_span` ``(lo, hi, wk=None, lang="id") -> str`` ("1 jam – 2 jam")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sopc.core.model import WaktuKerja

__all__ = [
    "Duration", "ParsedDuration", "UNITS", "parse_duration", "parse_units",
    "format_duration", "format_span", "wk_key",
]

# Base units, in order: seconds, minutes, hours, days, weeks, months.
SECOND, MINUTE, HOUR, DAY, WEEK, MONTH = range(6)

# Unit words (lower case) -> base unit. Longest alternatives first in the regex.
UNITS: dict[str, int] = {
    "detik": SECOND, "dtk": SECOND, "second": SECOND, "seconds": SECOND,
    "sec": SECOND, "secs": SECOND,
    "menit": MINUTE, "mnt": MINUTE, "minute": MINUTE, "minutes": MINUTE,
    "min": MINUTE, "mins": MINUTE,
    "jam": HOUR, "jam kerja": HOUR, "hour": HOUR, "hours": HOUR,
    "hari": DAY, "hari kerja": DAY, "hk": DAY, "day": DAY, "days": DAY,
    "working day": DAY, "working days": DAY, "workday": DAY, "workdays": DAY,
    "business day": DAY, "business days": DAY,
    "minggu": WEEK, "minggu kerja": WEEK, "pekan": WEEK, "week": WEEK, "weeks": WEEK,
    "bulan": MONTH, "month": MONTH, "months": MONTH,
}

_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_UNIT_ALT = "|".join(
    re.escape(u).replace(r"\ ", r"\s+") for u in sorted(UNITS, key=len, reverse=True)
)
_RANGE_SEP = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:s\.?\s?d\.?|s/d|sampai|hingga|to)\s+)"
_PART_RE = re.compile(
    rf"\s*(?P<lo>{_NUM})(?:{_RANGE_SEP}(?P<hi>{_NUM}))?\s*(?P<unit>{_UNIT_ALT})(?![^\W\d_])"
    r"\s*,?",
    re.IGNORECASE,
)
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ParsedDuration:
    """A duration as written, independent of working-time settings: the amount per base
    unit (seconds, minutes, hours, days, weeks, months) for the minimum and the maximum
    of a range (equal when no range was written)."""

    lo: tuple[float, ...]
    hi: tuple[float, ...]

    @property
    def is_range(self) -> bool:
        return self.lo != self.hi

    def to_minutes(self, wk: WaktuKerja | None = None) -> tuple[float, float]:
        f = _factors(wk_key(wk))
        return (
            sum(a * b for a, b in zip(self.lo, f)),
            sum(a * b for a, b in zip(self.hi, f)),
        )


@dataclass(frozen=True, slots=True)
class Duration:
    """A parsed duration in working minutes: ``min`` and ``max`` (equal unless a range
    like "1-2 hari" was written). ``text`` is the source text."""

    min: float
    max: float
    text: str = ""

    @property
    def is_range(self) -> bool:
        return self.min != self.max

    def __iter__(self):  # allows ``lo, hi = duration``
        yield self.min
        yield self.max


def wk_key(wk: WaktuKerja | None) -> tuple[float, float, float]:
    """A hashable key for a WaktuKerja (defaults when None)."""
    if wk is None:
        return (7.5, 5.0, 22.0)
    return (float(wk.jam_per_hari), float(wk.hari_per_minggu), float(wk.hari_per_bulan))


@lru_cache(maxsize=64)
def _factors(key: tuple[float, float, float]) -> tuple[float, ...]:
    jam, hari_minggu, hari_bulan = key
    day = jam * 60.0
    return (1 / 60.0, 1.0, 60.0, day, day * hari_minggu, day * hari_bulan)


def _num(text: str) -> float:
    if _THOUSANDS.fullmatch(text):      # "1.500" is one thousand five hundred
        text = text.replace(".", "")
    return float(text.replace(",", "."))


@lru_cache(maxsize=4096)
def parse_units(text: str) -> ParsedDuration | None:
    """Parse ``text`` per the grammar above, or return None when it is not a duration
    ("-", "segera", "sesuai kebutuhan", a number without unit, empty, a reversed range)."""
    if not isinstance(text, str):
        return None
    s = text.strip()
    if not s or len(s) > 200:
        return None
    lo = [0.0] * 6
    hi = [0.0] * 6
    pos = 0
    n = len(s)
    parts = 0
    while pos < n:
        m = _PART_RE.match(s, pos)
        if not m:
            return None
        a = _num(m.group("lo"))
        b = _num(m.group("hi")) if m.group("hi") else a
        if b < a:
            return None
        unit = UNITS[_SPACE_RE.sub(" ", m.group("unit").lower())]
        lo[unit] += a
        hi[unit] += b
        pos = m.end()
        parts += 1
    if not parts or s.endswith(","):
        return None
    return ParsedDuration(tuple(lo), tuple(hi))


@lru_cache(maxsize=4096)
def _parse_cached(text: str, key: tuple[float, float, float]) -> Duration | None:
    p = parse_units(text)
    if p is None:
        return None
    f = _factors(key)
    lo = sum(a * b for a, b in zip(p.lo, f))
    hi = sum(a * b for a, b in zip(p.hi, f))
    return Duration(lo, hi, text)


def parse_duration(text: str | None, wk: WaktuKerja | None = None) -> Duration | None:
    """Parse a ``waktu`` text into a :class:`Duration` in working minutes (using ``wk``,
    defaults 7.5 h/day, 5 days/week, 22 days/month), or None if it is not a duration.

    >>> parse_duration("1 jam 30 menit").min
    90.0
    >>> parse_duration("1-2 hari kerja").max
    900.0
    >>> parse_duration("segera") is None
    True
    """
    if not text or not isinstance(text, str):
        return None
    return _parse_cached(text, wk_key(wk))


_NAMES = {
    "id": {
        "day": ("hari kerja", "hari kerja"), "hour": ("jam", "jam"),
        "minute": ("menit", "menit"), "second": ("detik", "detik"),
    },
    "en": {
        "day": ("working day", "working days"), "hour": ("hour", "hours"),
        "minute": ("minute", "minutes"), "second": ("second", "seconds"),
    },
}


def _word(n: int, unit: str, lang: str) -> str:
    names = _NAMES["en" if lang == "en" else "id"][unit]
    return f"{n} {names[0] if n == 1 else names[1]}"


def format_duration(minutes: float, wk: WaktuKerja | None = None, lang: str = "id") -> str:
    """Render working minutes in the largest sensible units, rounded to whole minutes:
    ``"1 hari kerja 2 jam 25 menit"`` (``"1 working day 2 hours 25 minutes"`` in English).

    Working days are the largest unit (service standards are stated in working days:
    "10 hari kerja", not "2 minggu"). Seconds are shown only when the total is under a
    minute; zero is ``"0 menit"``.
    """
    try:
        minutes = float(minutes)
    except (TypeError, ValueError):
        minutes = 0.0
    if minutes != minutes or minutes < 0:  # NaN or negative: nothing sensible
        minutes = 0.0
    if minutes == float("inf"):
        return "∞"
    if 0 < minutes < 1:
        secs = int(round(minutes * 60))
        if secs < 60:
            return _word(max(secs, 1), "second", lang)
    total = int(round(minutes))
    if total == 0:
        return _word(0, "minute", lang)
    day_min = wk_key(wk)[0] * 60.0
    if day_min <= 0:
        day_min = 450.0
    parts: list[str] = []
    days = int((total + 1e-9) // day_min)
    rem = int(round(total - days * day_min))
    if rem >= day_min:  # guard against float edge cases
        days += 1
        rem = int(round(rem - day_min))
    if days:
        parts.append(_word(days, "day", lang))
    h, m = divmod(rem, 60)
    if h:
        parts.append(_word(h, "hour", lang))
    if m:
        parts.append(_word(m, "minute", lang))
    return " ".join(parts)


def format_span(lo: float, hi: float, wk: WaktuKerja | None = None, lang: str = "id") -> str:
    """Render a range ("2 jam – 1 hari kerja"), or one value when both ends round equal."""
    a = format_duration(lo, wk, lang)
    b = format_duration(hi, wk, lang)
    return a if a == b else f"{a} – {b}"
