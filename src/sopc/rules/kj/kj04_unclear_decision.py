"""Keputusan menyatakan pertanyaannya.

Mengapa: prinsip Kemudahan dan kejelasan. Belah ketupat (keputusan) harus jelas
menanyakan apa: pelaksana baru harus tahu apa yang diperiksa sebelum memilih cabang
(Ya/Tidak, Lengkap/Tidak lengkap). Dalam praktik sering ada belah ketupat kosong atau
berisi kode ("R/T").

Why: principle "easy and clear". A decision must say what is being decided, so a new
official knows what to check before choosing a branch.

Keputusan dianggap jelas bila memiliki ``pertanyaan``, atau uraiannya diakhiri "?", atau
diawali kata kerja pemeriksaan (memeriksa, memverifikasi, menilai, menyetujui, meneliti,
mengecek, memastikan, menelaah, mengevaluasi, memutuskan, menguji, mencocokkan ...) atau
"Apakah".

Gagal / Fails:

    uraian: Berkas permohonan
    cabang: {Lengkap: konsep, Tidak lengkap: kembalikan}

Lolos / Passes:

    uraian: Memeriksa kelengkapan berkas
    cabang: {Lengkap: konsep, Tidak lengkap: kembalikan}

atau / or:

    uraian: Berkas lengkap?
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import brief, starts_with_checking_verb, vocab_for

CODE = "KJ04"
NAME = "unclear-decision"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Keputusan menyatakan pertanyaannya", "A decision states its question")


def check(sop, ctx, options):
    vocab = None
    for a in sop.kegiatan:
        if not a.is_decision or (a.pertanyaan and a.pertanyaan.strip()):
            continue
        text = a.uraian.strip()
        if vocab is None:
            vocab = ctx.once("textid.vocab", lambda: vocab_for(ctx.config))
        if text.endswith("?") or starts_with_checking_verb(text, vocab):
            continue
        q = brief(text, 50)
        labels = "/".join(list(a.cabang)[:3])
        yield Finding(a.at("uraian"), msg(
            f"Keputusan \"{q}\" ({labels}) tidak jelas menanyakan apa: tambahkan "
            f"pertanyaan (mis. pertanyaan: \"Lengkap?\") atau awali uraian dengan kata kerja "
            f"pemeriksaan (\"Memeriksa ...\", \"Memverifikasi ...\")",
            f"decision \"{q}\" ({labels}) does not say what is decided: add a pertanyaan "
            f"(e.g. \"Lengkap?\") or start the text with a checking verb "
            f"(\"Memeriksa ...\")"), activity=a)
