"""NIP structure (sopc.core.nip)."""

from __future__ import annotations

import pytest

from sopc.core import nip


@pytest.mark.parametrize("text", [
    "197203151998032004", "19720315 199803 2 004", "19610219 198103 1 007", " 196102191981031007 ",
])
def test_valid(text):
    assert nip.check_nip(text) == []


@pytest.mark.parametrize("text,kinds", [
    ("", [nip.EMPTY]),
    (None, [nip.EMPTY]),
    ("   ", [nip.EMPTY]),
    ("19720315 199803 2 00", [nip.LENGTH]),
    ("1972031519980320041", [nip.LENGTH]),
    ("19720315-199803-2-004", [nip.LENGTH]),
    ("19720315 199803 2 00A", [nip.LENGTH]),
    ("197213151998032004", [nip.BIRTH]),            # month 13
    ("197202301998032004", [nip.BIRTH]),            # 30 February
    ("000003151998032004", [nip.BIRTH]),            # year 0000
    ("197203151998002004", [nip.TMT]),              # TMT month 00
    ("197203151998132004", [nip.TMT]),              # TMT month 13
    ("197203151988032004", [nip.TMT_EARLY]),        # appointed at 16
    ("197203151990022004", [nip.TMT_EARLY]),        # one month before turning 18
    ("197203151998033004", [nip.GENDER]),
    ("197203151998030004", [nip.GENDER]),
    ("197202301998033004", [nip.BIRTH, nip.GENDER]),
])
def test_problems(text, kinds):
    assert [p.kind for p in nip.check_nip(text)] == kinds


def test_eighteenth_birthday_month_is_allowed():
    assert nip.check_nip("197203151990032004") == []


def test_messages_are_bilingual():
    (p,) = nip.check_nip("19720315 199803 3 004")
    assert "jenis kelamin" not in p.message.en
    assert "1" in p.message.id and "male" in p.message.en


@pytest.mark.parametrize("text,out", [
    ("197203151998032004", "19720315 199803 2 004"),
    ("19720315 199803 2 004", "19720315 199803 2 004"),
    ("1972 0315 1998 0320 04", "19720315 199803 2 004"),
    (" 12345 ", "12345"),
    ("", ""),
    (None, ""),
])
def test_format(text, out):
    assert nip.format_nip(text) == out
