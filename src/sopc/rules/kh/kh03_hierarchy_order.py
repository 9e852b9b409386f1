"""Dasar hukum diurutkan menurut hierarki peraturan, lalu tahun.

Mengapa: prinsip Kepatuhan hukum. UU 12/2011 menetapkan hierarki peraturan
perundang-undangan; menyusun dasar hukum dari yang tertinggi memperlihatkan landasan
prosedur dan memudahkan pemeriksaan kesesuaiannya.

Why: principle "legal compliance". UU 12/2011 sets the hierarchy of regulations; listing
the legal basis from the highest shows what the procedure rests on.

Urutan (UU 12/2011 Pasal 7 dan 8; Lampiran II: jenjang yang sama disusun kronologis):
UUD > Ketetapan MPR > UU/Perppu > PP > Perpres dan Keputusan Presiden > Instruksi
Presiden > peraturan menteri/lembaga > peraturan Direktur Jenderal dan pimpinan eselon I
lain (mis. PER-40/PB/2006) > Perda Provinsi > Pergub > Perda Kabupaten/Kota >
Perbup/Perwal > Peraturan Desa dan peraturan kepala perangkat daerah > Keputusan,
Instruksi > Surat Edaran; dalam satu jenjang peraturan, tahun terlama dahulu
(keputusan, instruksi dan surat edaran hanya dibandingkan tahunnya dengan jenis yang
sama). Keputusan Menteri, Kepala Lembaga, Gubernur,
Bupati/Wali Kota yang ditetapkan tahun 2011 atau sebelumnya dan bersifat mengatur
dimaknai sebagai peraturan (Pasal 100) dan berada di jenjang peraturannya; keputusan
penetapan (pembentukan tim, pengangkatan ...) tetap di jenjang Keputusan. Pergub dan
peraturan kabupaten/kota tidak diurutkan satu terhadap yang lain. Isian yang tidak
dikenali dilewati. Tabelnya ada di sopc/rules/_data/hierarki.yaml; jenis lain
ditambahkan di sopc.yaml, mis. ``hierarki: {Peraturan Rektor: PERDIRJEN}``.

Gagal / Fails:

    - Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik
    - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik

Lolos / Passes:

    - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
    - Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik
    - Keputusan Presiden Nomor 42 Tahun 2002 tentang Pedoman Pelaksanaan APBN
    - Peraturan Menteri Keuangan Nomor 190/PMK.05/2012 tentang Tata Cara Pembayaran
    - Peraturan Direktur Jenderal Perbendaharaan Nomor PER-40/PB/2006 tentang ...
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.kh._common import citations, table

CODE = "KH03"
NAME = "hierarchy-order"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Dasar hukum urut menurut hierarki UU 12/2011, lalu tahun",
            "Legal basis ordered by the UU 12/2011 hierarchy, then by year")


def check(sop, ctx, options):
    prev = None
    hier = table(ctx)
    for i, c in enumerate(citations(sop, ctx)):
        if c is None:
            continue
        if prev is not None and hier.comparable(prev.rank, c.rank):
            if prev.rank > c.rank:
                yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
                    f"Urutan dasar hukum: \"{c.short}\" ({c.jenis}) lebih tinggi dalam hierarki "
                    f"UU 12/2011 daripada \"{prev.short}\" ({prev.jenis}) di atasnya; letakkan "
                    f"sebelum \"{prev.short}\"",
                    f"legal basis order: \"{c.short}\" ({c.jenis}) ranks above "
                    f"\"{prev.short}\" ({prev.jenis}) listed before it in the UU 12/2011 "
                    f"hierarchy; move it before \"{prev.short}\""))
            elif hier.chronological(prev, c) and prev.tahun and c.tahun and prev.tahun > c.tahun:
                yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
                    f"Urutan dasar hukum: \"{c.short}\" (tahun {c.tahun}) lebih lama daripada "
                    f"\"{prev.short}\" (tahun {prev.tahun}) di atasnya; dalam satu jenjang "
                    f"urutkan dari tahun terlama",
                    f"legal basis order: \"{c.short}\" ({c.tahun}) is older than "
                    f"\"{prev.short}\" ({prev.tahun}) above it; within one level, list the "
                    f"oldest first"))
        prev = c
