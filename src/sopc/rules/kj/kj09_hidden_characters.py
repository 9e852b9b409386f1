"""Teks SOP tidak berisi karakter kendali arah (bidi) atau karakter lebar nol.

Mengapa: prinsip Kemudahan dan kejelasan. Karakter seperti U+202E (RIGHT-TO-LEFT
OVERRIDE), U+2066–U+2069 (isolat arah) atau U+200B (ZERO WIDTH SPACE) tidak terlihat,
tetapi mengubah urutan tampilan teks atau memecah kata ("Trojan Source"): yang dibaca
peninjau di editor atau di halaman berbeda dengan yang tertulis, pencarian dan
pencocokan keterkaitan gagal, dan dua nomor yang tampak sama ternyata berbeda.

Why: principle "easy and clear". Bidirectional controls and zero-width characters are
invisible but reorder the displayed text or split words ("Trojan Source"): what a
reviewer reads is not what is written, and search and link matching fail.

Diperiksa: seluruh berkas SOP, baris demi baris (nilai, kunci dan komentar), termasuk
bentuk escape YAML di dalam tanda kutip ganda (``"\\u202E"``). Setiap temuan menyebut
karakternya (kode dan nama Unicode) dan kolomnya. Tanda BOM di awal berkas dibiarkan.

Karakter: U+061C, U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF.

Gagal / Fails:

    - uraian: "Memeriksa berkas\\u202E lengkap"

Lolos / Passes:

    - uraian: Memeriksa kelengkapan berkas
"""

from __future__ import annotations

import unicodedata

from sopc.core.diagnostics import Level, Pos, msg
from sopc.rules.base import Finding

CODE = "KJ09"
NAME = "hidden-characters"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Tanpa karakter arah atau lebar nol yang tersembunyi",
            "No hidden bidirectional or zero-width characters")

MAX_FINDINGS = 50


def _name(ch: str) -> str:
    return unicodedata.name(ch, "")


def check(sop, ctx, options):
    # the loader found them while it read the file (sopc.core.text.hidden_characters)
    seen: dict[str, int] = {}
    for i, (line, col, ch) in enumerate(sop.hidden_chars):
        if i == MAX_FINDINGS:
            break
        code = f"U+{ord(ch):04X}"
        seen[code] = seen.get(code, 0) + 1
        yield Finding(Pos(line, col), msg(
            f"karakter tersembunyi {code} ({_name(ch)}) di kolom {col}: karakter ini tidak terlihat "
            f"tetapi mengubah urutan tampilan atau memecah kata; hapus",
            f"hidden character {code} ({_name(ch)}) at column {col}: it is invisible but reorders "
            f"the displayed text or splits words; delete it"),
            key=f"{code}:{seen[code]}")      # stable when lines move (baseline)
