"""Durations (FORMAT.md §1.4): every unit, ranges, decimal comma, compound values,
English, rejects, working-time settings and rendering."""

from __future__ import annotations

import pytest

from sopc.core.durations import format_duration, format_span, parse_duration, parse_units
from sopc.core.model import WaktuKerja

DAY = 7.5 * 60


@pytest.mark.parametrize("text,minutes", [
    ("30 detik", 0.5),
    ("10 menit", 10),
    ("2 jam", 120),
    ("1 hari", DAY),
    ("1 hari kerja", DAY),
    ("3 HK", 3 * DAY),
    ("3 hk", 3 * DAY),
    ("1 minggu", 5 * DAY),
    ("1 bulan", 22 * DAY),
    ("2 Pekan", 10 * DAY),
    ("5 Menit", 5),
    ("45 seconds", 0.75),
    ("1 second", 1 / 60),
    ("15 minutes", 15),
    ("1 minute", 1),
    ("2 min", 2),
    ("3 hours", 180),
    ("1 hour", 60),
    ("2 days", 2 * DAY),
    ("2 working days", 2 * DAY),
    ("1 working day", DAY),
    ("2 weeks", 10 * DAY),
    ("1 month", 22 * DAY),
])
def test_every_unit(text, minutes):
    d = parse_duration(text)
    assert d is not None, text
    assert d.min == pytest.approx(minutes)
    assert d.max == pytest.approx(minutes)
    assert not d.is_range


@pytest.mark.parametrize("text,lo,hi", [
    ("1-2 hari", DAY, 2 * DAY),
    ("1 - 2 hari kerja", DAY, 2 * DAY),
    ("10–15 menit", 10, 15),
    ("1 s.d. 3 jam", 60, 180),
    ("1 s/d 3 jam", 60, 180),
    ("2-3 HK", 2 * DAY, 3 * DAY),
    ("1-2 jam 30 menit", 90, 150),
    ("5-5 menit", 5, 5),
])
def test_ranges_keep_min_and_max(text, lo, hi):
    d = parse_duration(text)
    assert d is not None
    assert (d.min, d.max) == (pytest.approx(lo), pytest.approx(hi))
    lo_, hi_ = d
    assert lo_ == d.min and hi_ == d.max


@pytest.mark.parametrize("text,minutes", [
    ("1,5 jam", 90),
    ("0,5 hari", DAY / 2),
    ("1.5 jam", 90),
    ("1 jam 30 menit", 90),
    ("1 jam, 30 menit", 90),
    ("1 hari 2 jam 25 menit", DAY + 145),
    ("2 hours, 15 minutes", 135),
    ("1 minggu 2 hari", 7 * DAY),
    ("  10   menit  ", 10),
    ("1 Jam 30 MENIT", 90),
    ("1.500 menit", 1500),            # Indonesian thousands separator
    ("1.500,5 menit", 1500.5),
    ("0.25 jam", 15),
])
def test_decimal_comma_and_compound(text, minutes):
    d = parse_duration(text)
    assert d is not None, text
    assert d.min == pytest.approx(minutes)


@pytest.mark.parametrize("text", [
    "", "   ", "-", "–", "segera", "sesuai kebutuhan", "tentatif", "30", "menit", "jam 2",
    "5-2 hari",            # reversed range
    "1 jam,",              # dangling separator
    "10 menit.",           # trailing text
    "1 jamx", "10 menitan", "1 tahun", "±10 menit", "kurang lebih 10 menit",
    "10 menit atau lebih", "1 jam - 2 jam", "x" * 500,
])
def test_rejects(text):
    assert parse_duration(text) is None
    assert parse_units(text) is None


def test_none_and_non_strings():
    assert parse_duration(None) is None
    assert parse_duration(42) is None  # type: ignore[arg-type]
    assert parse_units(None) is None  # type: ignore[arg-type]


def test_working_time_settings():
    wk = WaktuKerja(jam_per_hari=8, hari_per_minggu=6, hari_per_bulan=20)
    assert parse_duration("1 hari", wk).min == 480
    assert parse_duration("1 minggu", wk).min == 6 * 480
    assert parse_duration("1 bulan", wk).min == 20 * 480
    # the default settings are unaffected by the cache
    assert parse_duration("1 hari").min == DAY


def test_parse_is_memoised():
    a = parse_duration("1 jam 30 menit")
    b = parse_duration("1 jam 30 menit")
    assert a is b


@pytest.mark.parametrize("minutes,id_text,en_text", [
    (0, "0 menit", "0 minutes"),
    (0.5, "30 detik", "30 seconds"),
    (1 / 60, "1 detik", "1 second"),
    (1, "1 menit", "1 minute"),
    (59.6, "1 jam", "1 hour"),
    (60, "1 jam", "1 hour"),
    (90, "1 jam 30 menit", "1 hour 30 minutes"),
    (DAY, "1 hari kerja", "1 working day"),
    (DAY + 145, "1 hari kerja 2 jam 25 menit", "1 working day 2 hours 25 minutes"),
    (2 * DAY + 1, "2 hari kerja 1 menit", "2 working days 1 minute"),
    (10 * DAY, "10 hari kerja", "10 working days"),
    (DAY - 0.2, "1 hari kerja", "1 working day"),
    (90.4, "1 jam 30 menit", "1 hour 30 minutes"),
])
def test_format(minutes, id_text, en_text):
    assert format_duration(minutes) == id_text
    assert format_duration(minutes, lang="en") == en_text


def test_format_uses_working_day_length_and_survives_bad_input():
    assert format_duration(480, WaktuKerja(jam_per_hari=8)) == "1 hari kerja"
    assert format_duration(480) == "1 hari kerja 30 menit"
    assert format_duration(-5) == "0 menit"
    assert format_duration(float("nan")) == "0 menit"
    assert format_duration("x") == "0 menit"  # type: ignore[arg-type]


def test_format_span():
    assert format_span(60, 60) == "1 jam"
    assert format_span(60, 120) == "1 jam – 2 jam"
    assert format_span(DAY, 2 * DAY, lang="en") == "1 working day – 2 working days"


def test_round_trip():
    for text in ["15 menit", "1 jam 30 menit", "3 hari kerja", "1 hari kerja 2 jam 25 menit"]:
        assert format_duration(parse_duration(text).min) == text
