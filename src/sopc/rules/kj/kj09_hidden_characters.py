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

import re
import unicodedata

from sopc.core.diagnostics import Level, Pos, msg
from sopc.rules.base import Finding

CODE = "KJ09"
NAME = "hidden-characters"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Tanpa karakter arah atau lebar nol yang tersembunyi",
            "No hidden bidirectional or zero-width characters")

HIDDEN = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
         "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
_RAW = re.compile(f"[{HIDDEN}]")
_ESCAPED = re.compile(r"\\(?:u(?P<u>[0-9A-Fa-f]{4})|U(?P<U>[0-9A-Fa-f]{8}))")
MAX_FINDINGS = 50


def _name(ch: str) -> str:
    return unicodedata.name(ch, "")


def _hits(text: str):
    """(line, column, character) of every hidden character, raw or written as a YAML
    escape, in file order."""
    for n, line in enumerate(text.split("\n"), start=1):
        found = [(m.start(), m.group()) for m in _RAW.finditer(line)]
        for m in _ESCAPED.finditer(line):
            value = int(m.group("u") or m.group("U"), 16)
            if value < 0x110000 and chr(value) in HIDDEN:
                found.append((m.start(), chr(value)))
        for col, ch in sorted(found):
            if n == 1 and col == 0 and ch == "\ufeff":
                continue        # a byte order mark
            yield n, col + 1, ch


def check(sop, ctx, options):
    try:
        text = sop.path.read_text("utf-8", errors="replace")
    except (OSError, AttributeError):
        return
    for i, (line, col, ch) in enumerate(_hits(text)):
        if i == MAX_FINDINGS:
            break
        code = f"U+{ord(ch):04X}"
        yield Finding(Pos(line, col), msg(
            f"karakter tersembunyi {code} ({_name(ch)}) di kolom {col}: karakter ini tidak terlihat "
            f"tetapi mengubah urutan tampilan atau memecah kata; hapus",
            f"hidden character {code} ({_name(ch)}) at column {col}: it is invisible but reorders "
            f"the displayed text or splits words; delete it"),
            key=f"{code}:{' '.join(_RAW.sub('', text.split(chr(10))[line - 1]).split())}")
