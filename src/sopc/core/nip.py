"""NIP (Nomor Induk Pegawai) of a civil servant: 18 digits, printed
``YYYYMMDD YYYYMM G NNN`` = birth date, TMT CPNS (year and month of appointment),
gender (1 man, 2 woman), sequence number.

``check_nip`` lists what is wrong with a NIP as written (KP01); ``format_nip`` prints
it the official way (the renderer).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sopc.core.diagnostics import Message, msg

EMPTY = "empty"
LENGTH = "length"
BIRTH = "birth"
TMT = "tmt"
TMT_EARLY = "tmt-early"
GENDER = "gender"

MIN_YEAR = 1900


@dataclass(frozen=True, slots=True)
class NipProblem:
    kind: str          # one of the constants above
    message: Message


def nip_digits(nip_text: str | None) -> str:
    """The NIP without spaces (as FORMAT.md allows them)."""
    return "".join(str(nip_text or "").split())


def format_nip(digits: str | None) -> str:
    """``"197203151998032004"`` → ``"19720315 199803 2 004"``. Anything that is not
    18 digits after removing spaces is returned trimmed, unchanged."""
    d = nip_digits(digits)
    if len(d) != 18 or not d.isdigit():
        return str(digits or "").strip()
    return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


def check_nip(nip_text: str | None) -> list[NipProblem]:
    """Problems of a NIP: empty; not 18 digits after removing spaces; birth date
    (digits 1-8) not a date; TMT (9-14) not a year-month, or before the 18th birthday;
    gender digit (15) not 1 or 2. An empty list means the NIP is plausible."""
    raw = str(nip_text or "").strip()
    if not raw:
        return [NipProblem(EMPTY, msg(
            "NIP pejabat yang mengesahkan kosong: isi 18 digit NIP (mis. \"19720315 199803 2 004\")",
            "the approving official's NIP is empty: write the 18-digit NIP "
            "(e.g. \"19720315 199803 2 004\")"))]
    d = nip_digits(raw)
    if len(d) != 18 or not d.isdigit():
        bad = sorted({ch for ch in d if not ch.isdigit()})
        if bad:
            what_id = f"memuat karakter bukan angka ({' '.join(bad)})"
            what_en = f"contains non-digits ({' '.join(bad)})"
        else:
            what_id = f"terdiri atas {len(d)} digit"
            what_en = f"has {len(d)} digits"
        return [NipProblem(LENGTH, msg(
            f"NIP \"{raw}\" {what_id}; NIP harus 18 digit (spasi boleh)",
            f"NIP \"{raw}\" {what_en}; a NIP has 18 digits (spaces allowed)"))]
    problems: list[NipProblem] = []
    birth: _dt.date | None = None
    try:
        y = int(d[0:4])
        if y < MIN_YEAR:
            raise ValueError
        birth = _dt.date(y, int(d[4:6]), int(d[6:8]))
    except ValueError:
        problems.append(NipProblem(BIRTH, msg(
            f"NIP: digit 1-8 \"{d[:8]}\" bukan tanggal lahir yang sah (TTTTBBHH)",
            f"NIP: digits 1-8 \"{d[:8]}\" are not a valid birth date (YYYYMMDD)")))
    ty, tm = int(d[8:12]), int(d[12:14])
    if ty < MIN_YEAR or not 1 <= tm <= 12:
        problems.append(NipProblem(TMT, msg(
            f"NIP: digit 9-14 \"{d[8:14]}\" bukan tahun-bulan TMT yang sah (TTTTBB)",
            f"NIP: digits 9-14 \"{d[8:14]}\" are not a valid TMT year-month (YYYYMM)")))
    elif birth is not None and (ty, tm) < (birth.year + 18, birth.month):
        problems.append(NipProblem(TMT_EARLY, msg(
            f"NIP: TMT {d[12:14]}/{d[8:12]} sebelum pegawai berusia 18 tahun "
            f"(lahir {birth.day:02d}/{birth.month:02d}/{birth.year})",
            f"NIP: TMT {d[12:14]}/{d[8:12]} is before the employee turned 18 "
            f"(born {birth.year}-{birth.month:02d}-{birth.day:02d})")))
    if d[14] not in "12":
        problems.append(NipProblem(GENDER, msg(
            f"NIP: digit ke-15 \"{d[14]}\" harus 1 (laki-laki) atau 2 (perempuan)",
            f"NIP: digit 15 \"{d[14]}\" must be 1 (male) or 2 (female)")))
    return problems
