"""Dua kegiatan tidak berisi uraian yang sama.

Mengapa: prinsip Kemudahan dan kejelasan. Dua baris dengan uraian yang sama membingungkan
pelaksana (kegiatan mana yang sedang dilakukan?) dan biasanya menandai alur yang
seharusnya kembali (panah balik) ke kegiatan yang sudah ada, atau uraian yang kurang
spesifik.

Why: principle "easy and clear". Two rows with the same text confuse the reader and
usually mean the flow should loop back to the existing activity, or a text is too vague.

Perbandingan mengabaikan huruf besar/kecil, spasi berulang dan tanda baca di akhir.

Gagal / Fails:

    - uraian: Memeriksa berkas
    - ...
    - uraian: memeriksa  berkas.

Lolos / Passes:

    - uraian: Memeriksa kelengkapan berkas
    - ...
    - uraian: Memeriksa kebenaran isi berkas hasil perbaikan
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import brief

CODE = "KJ08"
NAME = "duplicate-activity"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Uraian kegiatan tidak berulang", "Activity texts are not repeated")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(" .;:,")


def check(sop, ctx, options):
    first: dict[str, object] = {}
    for a in sop.kegiatan:
        k = _key(a.uraian)
        if not k:
            continue
        prev = first.get(k)
        if prev is None:
            first[k] = a
            continue
        q = brief(a.uraian, 50)
        yield Finding(a.at("uraian"), msg(
            f"Uraian kegiatan {a.number} \"{q}\" sama dengan kegiatan {prev.number}: arahkan "
            f"alur kembali ke kegiatan {prev.number} atau bedakan uraiannya",
            f"activity {a.number} \"{q}\" repeats activity {prev.number}: loop back to "
            f"activity {prev.number} or make the texts distinct"), activity=a, key=k)
