"""Values as printed on signed SOPs, turned into the source format's values: Indonesian
dates, NIP lines, capitalised unit names, numbered list items."""

from __future__ import annotations

import datetime as _dt
import re

from sopc.core.i18n import MONTH_NUMBER, MONTHS_EN, MONTHS_ID
from sopc.core.nip import nip_digits

_MONTHS_ID_LOWER = {m.lower() for m in MONTHS_ID}
_MONTHS_EN_LOWER = {m.lower() for m in MONTHS_EN}

_DATE = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+(\d{4})$")
ABSENT = {"", "-", "–", "—", "--"}


def parse_date(text: str) -> tuple[_dt.date | None, str | None]:
    """``2 Juni 2025`` → (date, None). Returns a note (English key) for values it is
    unsure of: a missing day, an English month name, digits split by kerning; (None,
    None) for "-" or empty; (None, "unreadable") otherwise."""
    t = " ".join(text.replace(",", " ").split())
    if t in ABSENT:
        return None, None
    note = None
    joined = re.sub(r"^(\d)\s+(\d)(?=\s)", r"\1\2", t)              # "0 2 Juni 2025"
    joined = re.sub(r"(\d)\s+(\d)\s*$", lambda m: m.group(0).replace(" ", ""), joined)
    joined = re.sub(r"\b(\d{2})\s+(\d{2})$", r"\1\2", joined)       # "20 25"
    if joined != t:
        note = "kerning"
        t = joined
    m = _DATE.match(t)
    if not m:
        return None, "unreadable"
    day, month, year = m.group(1), m.group(2).lower(), int(m.group(3))
    num = MONTH_NUMBER.get(month)
    if num is None:
        return None, "unreadable"
    if month not in _MONTHS_ID_LOWER:
        note = note or ("english" if month in _MONTHS_EN_LOWER else "month")
    if day is None:
        day_n = 1
        note = "no_day"
    else:
        day_n = int(day)
    try:
        return _dt.date(year, num, day_n), note
    except ValueError:
        return None, "unreadable"


_NIP = re.compile(r"^NIP\.?\s*:?\s*([0-9][0-9 ]{15,24})\s*$", re.IGNORECASE)


def parse_nip(line: str) -> str | None:
    """The NIP as printed (spaces kept) of a ``NIP. 19720315 199803 2 004`` line."""
    m = _NIP.match(line.strip())
    if not m:
        return None
    raw = " ".join(m.group(1).split())
    return raw if len(nip_digits(raw)) == 18 else None


_SMALL = {"dan", "di", "ke", "dari", "untuk", "pada", "yang", "atau", "serta", "dengan", "the", "of"}


def title_case(text: str) -> tuple[str, bool]:
    """``BIDANG PERIZINAN`` → ``Bidang Perizinan``; a text with lower-case letters is
    kept. The flag says the case was guessed (an acronym may come out wrong)."""
    if any(c.islower() for c in text):
        return text, False
    words = []
    for i, w in enumerate(text.split()):
        lw = w.lower()
        if i and lw in _SMALL:
            words.append(lw)
        elif any(c.isdigit() for c in w) or (len(w) <= 4 and not re.search(r"[AEIOU]", w)):
            words.append(w)                                    # KPP, 17000, acronyms
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words), True


_ITEM = re.compile(r"^(?:(\d{1,2})\s*[.,)]|[•●▪◦·\-–]|[a-z][.)])\s*(?=\S)")


def item_start(text: str) -> tuple[bool, str]:
    """Whether a line starts a list item (``1.``, ``1,``, ``1)``, a bullet) and its
    text without the marker."""
    m = _ITEM.match(text)
    if not m:
        return False, text
    return True, text[m.end():].strip()
