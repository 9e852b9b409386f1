"""The language of messages and documents, and printed dates and month names,
Indonesian first (``bahasa``/``--lang``)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

LANGUAGES = ("id", "en")


def language(asked: str | None, config: Any = None) -> str:
    """The language of messages and documents: ``asked`` (``--lang``) when sopc speaks
    it, else the repository's ``bahasa`` (sopc.yaml), else Indonesian."""
    for lang in (asked, getattr(config, "bahasa", None)):
        if lang in LANGUAGES:
            return lang
    return "id"


MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
             "Agustus", "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")

#: lower-case month name (Indonesian, English, common short forms) -> month number
MONTH_NUMBER: dict[str, int] = {}
for _i, (_id, _en) in enumerate(zip(MONTHS_ID, MONTHS_EN), start=1):
    for _name in (_id, _en, _id[:3], _en[:3]):
        MONTH_NUMBER.setdefault(_name.lower(), _i)
MONTH_NUMBER.update({"agt": 8, "agu": 8, "ags": 8, "nop": 11, "peb": 2, "pebruari": 2,
                     "nopember": 11, "okt": 10, "des": 12, "mei": 5})


def month_name(month: int, lang: str = "id") -> str:
    return (MONTHS_EN if lang == "en" else MONTHS_ID)[month - 1]


def tanggal(d: _dt.date | None, lang: str = "id") -> str:
    """"2 Juni 2025" (or "2 June 2025" with ``lang="en"``); "-" for no date."""
    if d is None:
        return "-"
    return f"{d.day} {month_name(d.month, lang)} {d.year}"


def format_date(value: Any, lang: str = "id") -> str:
    """Like :func:`tanggal` for a date, a datetime or an ISO string; other text is
    returned as written; "-" for none."""
    if value is None or value == "":
        return "-"
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        try:
            value = _dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return str(value)
    return tanggal(value, lang)
