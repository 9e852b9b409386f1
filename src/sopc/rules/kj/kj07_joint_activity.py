"""Satu kegiatan dilakukan oleh satu pelaksana.

Mengapa: prinsip Kemudahan dan kejelasan. Setiap baris diagram alir adalah satu kegiatan
dengan satu simbol di kolom pelaksananya; kegiatan bersama (beberapa simbol dalam satu
baris) membuat tidak jelas siapa yang bertanggung jawab dan berapa waktunya.

Why: principle "easy and clear". One row = one activity with one symbol in its actor's
column; a joint activity blurs who is responsible and how long each part takes.

Gagal / Fails:

    uraian: Membahas konsep surat
    pelaksana: [kasi, kabid]

Lolos / Passes (satu baris per pelaksana):

    - uraian: Menyampaikan konsep surat kepada Kepala Bidang
      pelaksana: kasi
    - uraian: Membahas konsep surat bersama Kepala Seksi
      pelaksana: kabid
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import brief

CODE = "KJ07"
NAME = "joint-activity"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Satu kegiatan, satu pelaksana", "One activity, one actor")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        if len(a.pelaksana) <= 1:
            continue
        names = ", ".join(f"\"{sop.actor_label(p)}\"" for p in a.pelaksana)
        q = brief(a.uraian, 40)
        yield Finding(a.at("pelaksana"), msg(
            f"Kegiatan \"{q}\" dilakukan bersama oleh {names}: pecah menjadi satu baris per "
            f"pelaksana, masing-masing dengan waktu dan outputnya",
            f"activity \"{q}\" is done jointly by {names}: split it into one row per actor, "
            f"each with its own time and output"), activity=a)
