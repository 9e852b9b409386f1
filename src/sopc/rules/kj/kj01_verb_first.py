"""Uraian kegiatan diawali kata kerja, tanpa subjek.

Mengapa: prinsip Kemudahan dan kejelasan. PermenPANRB 35/2012 meminta kegiatan ditulis
dalam kalimat aktif dengan kata kerja dan tanpa subjek: pelaksananya sudah ditunjukkan
oleh kolom tempat simbol digambar. Uraian yang diawali subjek ("Petugas ...") atau kata
benda ("Persetujuan ...") tidak menyatakan tindakan yang harus dilakukan.

Why: principle "easy and clear". The guideline wants each activity written actively,
verb first and without a subject; the actor is the column the symbol is drawn in.

Kata kerja dikenali dari awalan aktif (me-, mem-, men-, meng-, meny-, memper-, ber-,
ter-), daftar kata dasar (cek, input, unggah, isi, catat, kirim, terima, serahkan, uji,
rilis, back up ...) dan bentuk perintah (-kan, per-...-i). Kata benda pe-/per-...-an,
ke-...-an dan -an (Persetujuan, Pembayaran, Penerimaan, Laporan) tidak dianggap kata
kerja. Kalimat pasif di- ("Diperiksa ...") dilaporkan oleh KJ02. Keputusan yang
uraiannya berupa pertanyaan ("Berkas lengkap?") dikecualikan.

Kata dasar dan kata pinjaman: satu prinsip untuk seluruh daftar. Kata itu diterima
sebagai bentuk perintah bila ada kata kerja me-N yang dibentuk langsung darinya
(KBBI): Verifikasi (memverifikasi), Evaluasi (mengevaluasi), Kompilasi (mengompilasi),
Monitor (memonitor), Uji (menguji). Kata yang baru menjadi kata kerja dengan -kan/-i
(Sosialisasi, Publikasi, Koordinasi) atau berbentuk -ing (Monitoring) adalah kata
benda; tulis "Menyosialisasikan", "Memantau". Kata dasar yang disambung "dan"/"serta"
dengan kata benda ("Evaluasi dan Penyusunan Laporan") dan "Proses" yang diikuti kata
benda proses ("Proses Instalasi ...") adalah frasa benda. Daftar kata ada di
sopc/rules/_data/kata.yaml; repositori menambahnya di sopc.yaml:
``kosakata: {kata_kerja: [...], kata_benda: [...]}``.

Gagal / Fails:

    uraian: Pengguna layanan membutuhkan informasi perizinan
    uraian: Petugas Loket memeriksa kelengkapan berkas   (Petugas Loket = pelaksana)
    uraian: Persetujuan SP2D dari KPPN
    uraian: Setelah selesai mengakses aplikasi, mencetak bukti
    uraian: Evaluasi dan Penyusunan Laporan Kinerja
    uraian: Monitoring pelaksanaan kegiatan

Lolos / Passes:

    uraian: Mengajukan permohonan izin reklame
    uraian: Memverifikasi berkas
    uraian: Input data ke aplikasi
    uraian: Unggah dokumen persyaratan
    uraian: Kompilasi data hasil pencacahan
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import (ACTOR, CONNECTIVE, EMPTY, NOUN, SUBJECT, actor_prefix, brief,
                                   first_noun, first_words, is_verb_first, label_index,
                                   vocab_for)

CODE = "KJ01"
NAME = "verb-first"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Uraian kegiatan diawali kata kerja, tanpa subjek",
            "Activity text starts with a verb, without a subject")


def check(sop, ctx, options):
    labels = label_index(sop.pelaksana.values())
    vocab = ctx.once("textid.vocab", lambda: vocab_for(ctx.config))
    for a in sop.kegiatan:
        if a.is_decision and a.uraian.rstrip().endswith("?"):
            continue  # a decision written as its question ("Berkas lengkap?")
        ok, reason = is_verb_first(a.uraian, labels, vocab)
        if ok or reason == EMPTY:
            continue
        q = brief(a.uraian, 50)
        if reason == ACTOR:
            label = actor_prefix(a.uraian, labels) or first_words(a.uraian)
            m = msg(f"Uraian \"{q}\" diawali nama pelaksana \"{label}\": hapus subjek itu dan "
                    f"mulai dengan kata kerja (mis. \"Memeriksa ...\"); pelaksana sudah "
                    f"ditunjukkan oleh kolomnya",
                    f"activity \"{q}\" starts with the actor \"{label}\": drop the subject and "
                    f"start with the verb (e.g. \"Memeriksa ...\"); the column shows the actor")
        elif reason == SUBJECT:
            w = first_words(a.uraian)
            m = msg(f"Uraian \"{q}\" diawali subjek \"{w}\": tulis tanpa subjek, diawali kata "
                    f"kerja (mis. \"Mengajukan ...\"); pelaku kegiatan ditunjukkan oleh kolom "
                    f"pelaksana",
                    f"activity \"{q}\" starts with the subject \"{w}\": write it without a "
                    f"subject, verb first (e.g. \"Mengajukan ...\"); the actor column says who")
        elif reason == CONNECTIVE:
            w = first_words(a.uraian)
            m = msg(f"Uraian \"{q}\" diawali \"{w}\", bukan kata kerja: mulai dengan kata kerja; "
                    f"urutan digambarkan oleh alur dan syarat oleh simbol keputusan",
                    f"activity \"{q}\" starts with \"{w}\", not a verb: start with the verb; "
                    f"the flow shows the order and a decision shows a condition")
        elif reason == NOUN:
            w = first_noun(a.uraian)
            verb = vocab.verb_for_noun(w)
            if verb:
                ex = verb[:1].upper() + verb[1:]
                m = msg(f"Uraian \"{q}\" diawali kata benda \"{w}\": mulai dengan kata kerja "
                        f"aktif, mis. \"{ex} ...\"",
                        f"activity \"{q}\" starts with the noun \"{w}\": start with an active "
                        f"verb, e.g. \"{ex} ...\"")
            else:
                m = msg(f"Uraian \"{q}\" diawali kata benda \"{w}\": mulai dengan kata kerja "
                        f"aktif yang menyatakan tindakannya (mis. \"Menyetujui ...\", "
                        f"\"Membayar ...\", \"Menyiapkan ...\")",
                        f"activity \"{q}\" starts with the noun \"{w}\": start with an active "
                        f"verb that names the action (e.g. \"Menyetujui ...\", \"Membayar ...\")")
        else:
            w = first_words(a.uraian)
            m = msg(f"Uraian \"{q}\" tidak diawali kata kerja (\"{w}\"): tulis aktif tanpa "
                    f"subjek, mis. \"Memeriksa ...\", \"Mengirim ...\", \"Input ...\"",
                    f"activity \"{q}\" does not start with a verb (\"{w}\"): write it actively "
                    f"without a subject, e.g. \"Memeriksa ...\", \"Mengirim ...\"")
        yield Finding(a.at("uraian"), m, activity=a)
