"""SOP mencantumkan dasar hukum.

Mengapa: prinsip Kepatuhan hukum. SOP AP harus sesuai dengan peraturan perundang-undangan
yang berlaku; bagian identitas memuat Dasar hukum, yaitu peraturan yang menjadi landasan
prosedur. SOP tanpa dasar hukum tidak dapat diuji kepatuhannya.

Why: principle "legal compliance". The identity part lists the regulations the procedure
rests on; without them its compliance cannot be checked.

Gagal / Fails:

    dasar_hukum: []

Lolos / Passes:

    dasar_hukum:
      - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "KH01"
NAME = "no-legal-basis"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("SOP mencantumkan dasar hukum", "The SOP lists its legal basis")


def check(sop, ctx, options):
    if any(str(t).strip() for t in sop.dasar_hukum):
        return
    if sop.present and "dasar_hukum" not in sop.present:
        return  # a missing key is a source error (E003), not reported twice
    yield Finding(sop.at("dasar_hukum"), msg(
        "Dasar hukum kosong: cantumkan peraturan yang menjadi landasan prosedur, mis. "
        "\"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\"",
        "dasar_hukum is empty: list the regulations the procedure rests on, e.g. "
        "\"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\""))
