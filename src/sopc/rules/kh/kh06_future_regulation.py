"""Peraturan yang dikutip tidak lebih baru daripada tanggal efektif SOP.

Mengapa: prinsip Kepatuhan hukum. SOP hanya dapat berdasar pada peraturan yang sudah ada
ketika SOP disahkan (tanggal efektif = tanggal penandatanganan). Tahun peraturan setelah
tahun efektif menandakan salah ketik tahun, atau SOP yang sudah diubah tanpa tanggal
efektif baru.

Why: principle "legal compliance". An SOP can only rest on regulations that existed when
it was signed; a later year is a typo or a revision without a new effective date.

Gagal / Fails (tanggal.efektif: 2021-03-01):

    - Peraturan Bupati Contoh Nomor 12 Tahun 2022 tentang Perizinan

Lolos / Passes (tanggal.efektif: 2023-01-02):

    - Peraturan Bupati Contoh Nomor 12 Tahun 2022 tentang Perizinan
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.kh._common import citations
from sopc.rules._lib.textid import brief

CODE = "KH06"
NAME = "future-regulation"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Peraturan yang dikutip tidak lebih baru daripada tanggal efektif",
            "Cited regulations are not newer than the effective date")


def check(sop, ctx, options):
    efektif = sop.tanggal_efektif
    if efektif is None:
        return
    for i, (text, c) in enumerate(zip(sop.dasar_hukum, citations(sop, ctx))):
        if c is None or not c.tahun or c.tahun <= efektif.year:
            continue
        q = brief(text, 60)
        yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
            f"Dasar hukum \"{q}\" bertahun {c.tahun}, setelah tanggal efektif SOP "
            f"({efektif.isoformat()}): periksa tahunnya, atau perbarui tanggal efektif bila SOP "
            f"sudah diubah",
            f"legal basis \"{q}\" is from {c.tahun}, after the SOP's effective date "
            f"({efektif.isoformat()}): check the year, or update the effective date if the "
            f"SOP was revised"))
