"""Dasar hukum diurutkan menurut hierarki peraturan, lalu tahun.

Mengapa: prinsip Kepatuhan hukum. UU 12/2011 menetapkan hierarki peraturan
perundang-undangan; menyusun dasar hukum dari yang tertinggi memperlihatkan landasan
prosedur dan memudahkan pemeriksaan kesesuaiannya.

Why: principle "legal compliance". UU 12/2011 sets the hierarchy of regulations; listing
the legal basis from the highest shows what the procedure rests on.

Urutan: UUD > UU/Perppu > PP > Perpres > peraturan menteri/lembaga > Perda Provinsi >
Perda Kabupaten/Kota > peraturan kepala daerah (Pergub/Perbup/Perwal) > Keputusan >
Surat Edaran; dalam satu jenjang, tahun terlama dahulu. Isian yang tidak dikenali
dilewati.

Gagal / Fails:

    - Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik
    - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik

Lolos / Passes:

    - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
    - Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.kh._common import citations

CODE = "KH03"
NAME = "hierarchy-order"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Dasar hukum urut menurut hierarki UU 12/2011, lalu tahun",
            "Legal basis ordered by the UU 12/2011 hierarchy, then by year")


def check(sop, ctx, options):
    prev = None
    for i, c in enumerate(citations(sop, ctx)):
        if c is None:
            continue
        if prev is not None:
            if prev.rank > c.rank:
                yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
                    f"Urutan dasar hukum: \"{c.short}\" ({c.jenis}) lebih tinggi dalam hierarki "
                    f"UU 12/2011 daripada \"{prev.short}\" ({prev.jenis}) di atasnya; letakkan "
                    f"sebelum \"{prev.short}\"",
                    f"legal basis order: \"{c.short}\" ({c.jenis}) ranks above "
                    f"\"{prev.short}\" ({prev.jenis}) listed before it in the UU 12/2011 "
                    f"hierarchy; move it before \"{prev.short}\""))
            elif prev.rank == c.rank and prev.tahun and c.tahun and prev.tahun > c.tahun:
                yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
                    f"Urutan dasar hukum: \"{c.short}\" (tahun {c.tahun}) lebih lama daripada "
                    f"\"{prev.short}\" (tahun {prev.tahun}) di atasnya; dalam satu jenjang "
                    f"urutkan dari tahun terlama",
                    f"legal basis order: \"{c.short}\" ({c.tahun}) is older than "
                    f"\"{prev.short}\" ({prev.tahun}) above it; within one level, list the "
                    f"oldest first"))
        prev = c
