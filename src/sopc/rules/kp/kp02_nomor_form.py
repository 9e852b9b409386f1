"""Nomor SOP lengkap dan mengikuti pola tata naskah dinas instansi.

Mengapa: prinsip Kepastian hukum. Nomor SOP ditetapkan menurut tata naskah dinas unit
kerja; nomor dengan bagian kosong ("070/   /35.07.25/2017") atau yang menyimpang dari
pola instansi membuat SOP tidak dapat dirujuk dengan pasti.

Why: principle "legal certainty". The SOP number follows the unit's rules for official
documents; a number with an empty slot or off the pattern cannot be cited reliably.

Pola diambil dari ``nomor`` (regex) di sopc.yaml dan harus cocok dengan seluruh nomor.
Bagian kosong = bagian di antara garis miring yang kosong, hanya spasi, atau hanya
titik-titik ("070/ /35.07.25/2017", "SDR/Kasi Yanmum/   /2021", "SOP-.../2025").

Gagal / Fails:

    nomor: 070/ /35.07.25/2017
    nomor: SOP-12/DPMPTSP/2025        (nomor: '^SOP-\\d{3}/DPMPTSP/\\d{4}$')

Lolos / Passes:

    nomor: SOP-012/DPMPTSP/2025
"""

from __future__ import annotations

import re

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "KP02"
NAME = "nomor-form"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Nomor SOP lengkap dan sesuai pola", "SOP number is complete and follows the pattern")

_EMPTY_SLOT_RE = re.compile(r"^[\s._…\-]*$")
_FILLER_RE = re.compile(r"\.{2,}|…|_{2,}|\?")


def _compile(pattern):
    if not pattern:
        return None
    try:
        return re.compile(str(pattern))
    except (re.error, TypeError, ValueError):
        return None  # reported by the configuration loader


def empty_slots(nomor: str) -> list[int]:
    """1-based indexes of the empty parts between slashes: empty, only spaces, or a
    filler ("070/ /35.07.25/2017" → [2], "SOP-.../DPMPTSP/2025" → [1])."""
    parts = nomor.split("/")
    if len(parts) == 1:
        return [1] if _FILLER_RE.search(nomor) else []
    return [i + 1 for i, p in enumerate(parts)
            if _EMPTY_SLOT_RE.match(p) or _FILLER_RE.search(p)]


def check(sop, ctx, options):
    nomor = sop.nomor or ""
    pos = sop.at("nomor")
    if not nomor.strip():
        if sop.present and "nomor" not in sop.present:
            return  # missing key: source error E003
        yield Finding(pos, msg("Nomor SOP kosong: isi nomor sesuai tata naskah dinas instansi",
                               "the SOP number is empty: fill it in as the unit's rules say"))
        return
    slots = empty_slots(nomor)
    if slots:
        which = ", ".join(str(s) for s in slots)
        yield Finding(pos, msg(
            f"Nomor SOP \"{nomor}\" memiliki bagian kosong (bagian ke-{which} di antara garis "
            f"miring): isi nomor urutnya sebelum SOP disahkan",
            f"SOP number \"{nomor}\" has an empty slot (part {which} between slashes): fill "
            f"in the sequence number before the SOP is signed"))
        return
    pattern = getattr(ctx.config, "nomor", None)
    rx = ctx.once("KP02.nomor_re", lambda: _compile(pattern))
    if rx is not None and not rx.fullmatch(nomor.strip()):
        yield Finding(pos, msg(
            f"Nomor SOP \"{nomor}\" tidak sesuai pola nomor di sopc.yaml ({pattern})",
            f"SOP number \"{nomor}\" does not match the nomor pattern in sopc.yaml "
            f"({pattern})"))
