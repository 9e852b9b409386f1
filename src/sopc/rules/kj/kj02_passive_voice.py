"""Uraian kegiatan tidak ditulis dalam kalimat pasif (di-).

Mengapa: prinsip Kemudahan dan kejelasan. Kegiatan ditulis aktif, dengan kata kerja
tanpa subjek (PermenPANRB 35/2012); bentuk pasif "Diperiksa oleh ..." menyembunyikan
siapa yang bertindak dan sering menyeret pelaksana ke dalam teks.

Why: principle "easy and clear". Activities are written in the active voice; "Diperiksa
oleh ..." hides who acts and tends to drag the actor into the text.

Kata benda berawalan "di" (Dinas, Direktur, Dirjen, Diklat, Digital, Diskusi, Divisi,
Disposisi ...) bukan kalimat pasif.

Gagal / Fails:

    uraian: Diperiksa oleh Kepala Seksi
    uraian: Ditandatangani Kepala Dinas

Lolos / Passes:

    uraian: Memeriksa konsep surat
    uraian: Dinas menerima ...   (bukan pasif; KJ01 melaporkan subjeknya)
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import active_form, brief, is_passive_start

CODE = "KJ02"
NAME = "passive-voice"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Uraian kegiatan tidak berbentuk pasif (di-)",
            "Activity text is not in the passive voice (di-)")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        word = is_passive_start(a.uraian)
        if not word:
            continue
        q = brief(a.uraian, 50)
        act = active_form(word)
        hint_id = f", mis. \"{act} ...\"" if act else ""
        hint_en = f", e.g. \"{act} ...\"" if act else ""
        yield Finding(a.at("uraian"), msg(
            f"Uraian \"{q}\" berbentuk pasif (\"{word}\"): tulis aktif tanpa subjek{hint_id}",
            f"activity \"{q}\" is passive (\"{word}\"): write it actively without a "
            f"subject{hint_en}"), activity=a)
