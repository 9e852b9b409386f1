"""Uraian kegiatan tidak ditulis dalam kalimat pasif (di-).

Mengapa: prinsip Kemudahan dan kejelasan. Kegiatan ditulis aktif, dengan kata kerja
tanpa subjek (PermenPANRB 35/2012); bentuk pasif "Diperiksa oleh ..." menyembunyikan
siapa yang bertindak dan sering menyeret pelaksana ke dalam teks.

Why: principle "easy and clear". Activities are written in the active voice; "Diperiksa
oleh ..." hides who acts and tends to drag the actor into the text.

Dilaporkan juga kalimat yang kata kerja utamanya berbentuk di- setelah pokok kalimat
("Surat dikirim melalui kurir", "Berkas yang tidak lengkap dikembalikan ...") dan anak
kalimat pasif setelah kata kerja pertama, dipisah koma, titik koma, titik, "dan",
"serta", "lalu", "kemudian" ("Membuat surat, diajukan ke ..."). Tidak dihitung: bentuk
di- dalam anak kalimat bawahan (setelah "yang", "untuk", "agar", "sejak", "setelah",
"jika" ...: "Mengirim berkas untuk ditandatangani"), bentuk yang menerangkan barang
(", dilengkapi ...", ", disertai ..."), dan nama berhuruf kapital (Disdukcapil). Kata benda
berawalan "di" (Dinas, Direktur, Dirjen, Diklat, Digital, Diskusi, Divisi, Disposisi,
Diseminasi, Diskualifikasi, Diversifikasi ...) bukan kalimat pasif.

Saran bentuk aktifnya selalu kata yang sebenarnya: dari daftar kata kerja
(sopc/rules/_data/kata.yaml) atau kaidah peluluhan me-/mem-/men-/meng-/meny-/menge-
(Dicek -> Mengecek, Disahkan -> Mengesahkan); bila tidak pasti, tanpa saran.

Gagal / Fails:

    uraian: Diperiksa oleh Kepala Seksi
    uraian: Ditandatangani Kepala Dinas
    uraian: Membuat surat permohonan, diajukan ke Kepala Dinas
    uraian: Surat dikirim melalui jasa pengiriman

Lolos / Passes:

    uraian: Memeriksa konsep surat
    uraian: Dinas menerima ...   (bukan pasif; KJ01 melaporkan subjeknya)
    uraian: Diseminasi Publikasi Statistik Daerah   (kata benda; KJ01 melaporkannya)
    uraian: Mengirim berkas untuk ditandatangani Kepala Dinas
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import brief, passive_of, vocab_for

CODE = "KJ02"
NAME = "passive-voice"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Uraian kegiatan tidak berbentuk pasif (di-)",
            "Activity text is not in the passive voice (di-)")


def check(sop, ctx, options):
    vocab = ctx.once("textid.vocab", lambda: vocab_for(ctx.config))
    for a in sop.kegiatan:
        found, n = passive_of(a.uraian, vocab)
        if not found:
            continue
        # at the start or in the first clause ("Surat dikirim ..."): the main clause
        word, clause = (found, "") if n in (-2, 0) else ("", found)
        q = brief(a.uraian, 50)
        act = vocab.active_form(word or clause)
        if word:
            hint_id = f", mis. \"{act} ...\"" if act else ""
            hint_en = f", e.g. \"{act} ...\"" if act else ""
            m = msg(f"Uraian \"{q}\" berbentuk pasif (\"{word}\"): tulis aktif tanpa "
                    f"subjek{hint_id}",
                    f"activity \"{q}\" is passive (\"{word}\"): write it actively without a "
                    f"subject{hint_en}")
        else:
            low = act.lower()
            hint_id = f" (mis. \"... lalu {low} ...\")" if act else ""
            hint_en = f" (e.g. \"... lalu {low} ...\")" if act else ""
            m = msg(f"Uraian \"{q}\" memuat anak kalimat pasif (\"{clause}\"): tulis aktif"
                    f"{hint_id}, atau jadikan kegiatan tersendiri bila pelakunya lain",
                    f"activity \"{q}\" holds a passive clause (\"{clause}\"): write it "
                    f"actively{hint_en}, or make it an activity of its own if someone else "
                    f"does it")
        yield Finding(a.at("uraian"), m, activity=a)
