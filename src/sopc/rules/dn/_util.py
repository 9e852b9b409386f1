"""Helpers shared by the DN rules."""

from __future__ import annotations

import calendar
import datetime as _dt

from sopc.core.i18n import tanggal


def add_months(d: _dt.date, months: int) -> _dt.date:
    """``d`` plus ``months`` calendar months (clamped to the month's last day)."""
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    y = max(1, min(9999, y))
    return _dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def tgl_id(d: _dt.date) -> str:
    return tanggal(d, "id")


def tgl_en(d: _dt.date) -> str:
    return tanggal(d, "en")
