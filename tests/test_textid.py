"""Indonesian text heuristics (sopc.rules._lib.textid) on real SOP wording (domain brief §3)."""

from __future__ import annotations

import pytest

from sopc.rules._lib import textid as t

LABELS = ["Pemohon", "Petugas Loket", "Kepala Seksi Perizinan", "Kepala Dinas", "PPK"]


@pytest.mark.parametrize("text", [
    "Mengajukan permohonan izin reklame beserta berkas persyaratan",
    "Memverifikasi berkas",
    "Memeriksa kelengkapan berkas",
    "Menyusun konsep surat izin",
    "Menandatangani surat izin",
    "Menyerahkan surat izin kepada pemohon",
    "Mengisi formulir pendaftaran",
    "Memperbaiki konsep sesuai catatan",
    "Berkoordinasi dengan Bidang Teknis",
    "Bertanya kepada petugas",
    "Terima berkas dari loket",
    "Input data ke aplikasi",
    "Unggah dokumen persyaratan",
    "Cek kelengkapan berkas",
    "Isi formulir permohonan",
    "Catat di buku register",
    "Kirim surat ke pemohon",
    "Buat laporan bulanan",
    "Tanda tangani surat izin",
    "Verifikasi data pemohon",
    "Validasi dokumen",
    "Update status permohonan",
    "Upload hasil pindai",
    "Scan dokumen",
    "Cetak tanda terima",
    "Serahkan berkas kepada Kepala Seksi",
    "Sampaikan hasil kepada pemohon",
    "Perhatikan tenggat waktu",
    "Pertimbangkan masukan pemohon",
    "Keluarkan surat izin",
    "Lakukan pengecekan",
    "Mendisposisikan surat kepada Kepala Bidang",
    "Menindaklanjuti pengaduan",
    "Login ke aplikasi",
    "Klik tombol simpan",
    "Me-review konsep surat",
    "1. Mengajukan permohonan",
    "- Mencatat nomor agenda",
    "Apakah berkas lengkap?",
    "Antre di loket",
])
def test_verb_first_passes(text):
    ok, reason = t.is_verb_first(text, LABELS)
    assert ok, (text, reason)


@pytest.mark.parametrize("text,reason", [
    ("Pengguna layanan membutuhkan informasi", t.SUBJECT),
    ("Petugas menerima berkas", t.SUBJECT),
    ("Pegawai mengisi daftar hadir", t.SUBJECT),
    ("Masyarakat datang ke kantor", t.SUBJECT),
    ("Staf mengarsipkan surat", t.SUBJECT),
    ("Operator menginput data", t.SUBJECT),
    ("Tim memeriksa lapangan", t.SUBJECT),
    ("Kasubbag Umum memeriksa surat", t.SUBJECT),
    ("Petugas Loket memeriksa berkas", t.ACTOR),
    ("Kepala Dinas menandatangani surat", t.ACTOR),
    ("PPK menandatangani SPM", t.ACTOR),
    ("pemohon mengambil nomor antrean", t.ACTOR),
    ("Persetujuan SP2D dari KPPN", t.NOUN),
    ("Pembayaran dana ke rekening", t.NOUN),
    ("Penerimaan berkas", t.NOUN),
    ("Pemeriksaan kelengkapan berkas", t.NOUN),
    ("Pengiriman surat", t.NOUN),
    ("Pencatatan di buku agenda", t.NOUN),
    ("Pendidikan dan pelatihan", t.NOUN),
    ("Laporan diserahkan", t.NOUN),
    ("Kebijakan pimpinan", t.NOUN),
    ("Berkas diperiksa", t.NOUN),
    ("Berita acara dibuat", t.NOUN),
    ("Meja layanan disiapkan", t.NOUN),
    ("Media sosial diperbarui", t.NOUN),
    ("Menteri menetapkan", t.NOUN),
    ("Terminal antrean dinyalakan", t.NOUN),
    ("Termin pembayaran kedua", t.NOUN),
    ("Beras dibagikan", t.NOUN),
    ("Bendahara membayar", t.SUBJECT),
    ("Dinas menerima berkas", t.NOUN),
    ("Disposisi surat masuk", t.NOUN),
    ("Tindakan perbaikan", t.NOUN),
    ("Perbaikan dokumen", t.NOUN),
    ("Pelaksanaan kegiatan", t.NOUN),
    ("Pengajuan permohonan", t.NOUN),
    ("Kebijakan pimpinan", t.NOUN),
    ("Berbagai dokumen disiapkan", t.CONNECTIVE),
    ("Setelah selesai mengakses aplikasi, mencetak bukti", t.CONNECTIVE),
    ("Jika berkas lengkap, meneruskan ke Kasi", t.CONNECTIVE),
    ("Apabila disetujui, menerbitkan surat", t.CONNECTIVE),
    ("Bersama Kepala Seksi membahas konsep", t.CONNECTIVE),
    ("Berdasarkan disposisi, menyusun konsep", t.CONNECTIVE),
    ("Melalui aplikasi mengunggah berkas", t.CONNECTIVE),
    ("Terlebih dahulu memeriksa berkas", t.CONNECTIVE),
    ("Surat dikirim ke pemohon", t.NOUN),
    ("Rapat koordinasi", t.NOUN),
    ("Timbang berat paket", t.NOT_VERB),  # known limit: base verb not in the list
    ("SPM diterbitkan", t.NOT_VERB),
    ("3 hari kemudian", t.NOT_VERB),
    ("", t.EMPTY),
    ("   ", t.EMPTY),
])
def test_verb_first_fails(text, reason):
    assert t.is_verb_first(text, LABELS) == (False, reason)


def test_actor_label_needs_a_word_boundary():
    # "Pemohonan" is not the label "Pemohon"; it is not a verb either, but for another reason
    assert t.is_verb_first("Pemohonan izin", ["Pemohon"])[1] != t.ACTOR
    assert t.actor_prefix("Kepala  Dinas menandatangani", LABELS) == "Kepala Dinas"
    assert t.actor_prefix("Menandatangani surat", LABELS) is None


def test_passive_is_a_verb_for_kj01():
    assert t.is_verb_first("Diperiksa oleh Kepala Seksi", LABELS) == (True, t.OK_PASSIVE)


@pytest.mark.parametrize("text,word", [
    ("Diperiksa oleh Kepala Seksi", "Diperiksa"),
    ("Disetujui Kepala Dinas", "Disetujui"),
    ("Ditandatangani oleh Kepala Dinas", "Ditandatangani"),
    ("Diteruskan ke Bidang", "Diteruskan"),
    ("diinput ke aplikasi", "diinput"),
    ("Di-upload ke laman", "Di-upload"),
])
def test_passive_start(text, word):
    assert t.is_passive_start(text) == word


@pytest.mark.parametrize("text", [
    "Dinas Penanaman Modal menerima berkas", "Direktur menyetujui", "Dirjen menetapkan",
    "Diklat teknis", "Dia menyerahkan", "Digital signature dibubuhkan", "Diskusi tim",
    "Dividen dibayarkan", "Divisi umum", "Dinding ruang", "Diagram alir", "Dimensi",
    "Diploma", "Diesel", "Distrik", "Disposisi surat", "Memeriksa berkas", "", "Di ruang loket",
    "Diatas meja", "Dikarenakan berkas kurang",
])
def test_not_passive(text):
    assert t.is_passive_start(text) == ""


@pytest.mark.parametrize("passive,active", [
    ("Diperiksa", "Memeriksa"), ("Disetujui", "Menyetujui"), ("Ditandatangani", "Menandatangani"),
    ("Dikirim", "Mengirim"), ("Diperbaiki", "Memperbaiki"), ("Diproses", "Memproses"),
    ("Diajukan", "Mengajukan"), ("Dicatat", "Mencatat"), ("Diverifikasi", "Memverifikasi"),
    ("Diteruskan", "Meneruskan"), ("Dilaksanakan", "Melaksanakan"), ("Diserahkan", "Menyerahkan"),
    ("Digunakan", "Menggunakan"), ("Dibuat", "Membuat"), ("Dinilai", "Menilai"),
])
def test_active_form(passive, active):
    assert t.active_form(passive) == active


@pytest.mark.parametrize("text,ok", [
    ("Memeriksa kelengkapan berkas", True), ("Memverifikasi dokumen", True),
    ("Menilai hasil survei", True), ("Menyetujui konsep", True), ("Meneliti berkas", True),
    ("Mengecek data", True), ("Memastikan kebenaran data", True), ("Menelaah usulan", True),
    ("Mengevaluasi laporan", True), ("Memutuskan permohonan", True), ("Menguji sampel", True),
    ("Mencocokkan data", True), ("Apakah berkas lengkap", True),
    ("Berkas permohonan", False), ("Menyusun konsep", False), ("R/T", False), ("", False),
])
def test_checking_verb(text, ok):
    assert t.starts_with_checking_verb(text) is ok


@pytest.mark.parametrize("text,markers", [
    ("Jika berkas lengkap maka diteruskan", ["jika"]),
    ("Mengembalikan berkas apabila tidak lengkap", ["apabila"]),
    ("Menghubungi pemohon bila perlu", ["bila"]),
    ("Bilamana terdapat kekurangan, pemohon diberitahu", ["bilamana"]),
    ("Kalau ditolak, menyampaikan alasan; jika diterima, meneruskan", ["kalau", "jika"]),
    ("Mencatat bilangan urut", []),
    ("Menyusun jadwal kalender kerja", []),
    ("Menyusun konsep surat", []),
    ("", []),
])
def test_condition_markers(text, markers):
    assert t.condition_markers(text) == markers


@pytest.mark.parametrize("text,found", [
    ("Menerbitkan SPM dan SP2D", ["SPM", "SP2D"]),
    ("Mengirim ke KPPN", ["KPPN"]),
    ("Fotokopi e-KTP", ["KTP"]),
    ("Sesuai Bab II dan Lampiran IV, XII", []),
    ("Peraturan PermenPANRB", []),
    ("Ukuran kertas A4", []),
    ("MENGAJUKAN PERMOHONAN IZIN REKLAME", []),
    ("Mengisi formulir", []),
    ("", []),
])
def test_acronyms(text, found):
    assert t.acronyms(text) == found


def test_defined_acronyms_both_orders():
    texts = [
        "Menerbitkan Surat Perintah Membayar (SPM)",
        "Menyerahkan SP2D (Surat Perintah Pencairan Dana) kepada bendahara",
        "Pelayanan Terpadu Satu Pintu ( PTSP )",
        "Sistem Informasi Manajemen Kepegawaian (SIMPEG)",
        "Mengirim ke KPPN (KPPN)",          # not a definition
        "Menyerahkan berkas (BPS)",         # no word starting with B before it
    ]
    d = t.defined_acronyms(texts)
    assert {"SPM", "SP2D", "PTSP", "SIMPEG"} <= d
    assert "KPPN" not in d and "BPS" not in d
    assert t.spelled_out("SPM", texts)
    assert not t.spelled_out("KPPN", texts)


def test_brief():
    assert t.brief("pendek") == "pendek"
    b = t.brief("Memeriksa kelengkapan berkas permohonan izin reklame yang diajukan oleh pemohon", 40)
    assert b.endswith("…") and len(b) <= 41


@pytest.mark.parametrize("text,word,clause", [
    ("Membuat surat, diajukan ke Kepala Dinas", "diajukan", 1),
    ("Memaraf konsep surat, kemudian diteruskan kepada Sekretaris", "diteruskan", 2),
    ("Surat dikirim melalui jasa pengiriman", "dikirim", 0),
    ("Berkas yang tidak lengkap dikembalikan kepada pemohon", "dikembalikan", 0),
    ("Informasi yang dikecualikan ditolak dengan surat", "ditolak", 0),
    ("Apabila cuti melebihi 14 hari, pekerjaan didelegasikan kepada pegawai lain", "didelegasikan", 1),
    ("Mengirim berkas untuk ditandatangani Kepala Dinas", "", -1),
    ("Menerima surat yang diajukan pemohon", "", -1),
    ("Menandatangani kontrak paling lambat 14 hari sejak SPPBJ diterbitkan", "", -1),
    ("Menyerahkan berkas, dilengkapi tanda terima", "", -1),
    ("Menyerahkan surat pengantar ke Disdukcapil", "", -1),
    ("Menyiapkan ATK, dispenser dan disket", "", -1),
    ("Memeriksa kondisi kendaraan sebelum dan sesudah dipakai", "", -1),
    ("Diseminasi Publikasi Statistik Daerah", "", -1),
])
def test_passive_clause(text, word, clause):
    assert t.passive_clause(text) == (word, clause)


@pytest.mark.parametrize("text,reason", [
    ("Evaluasi dan Penyusunan Laporan Kinerja", t.NOUN),
    ("Identifikasi dan rekomendasi perbaikan", t.NOUN),
    ("Proses Instalasi aplikasi", t.NOUN),
    ("Proses penerbitan izin", t.NOUN),
    ("Verifikasi persyaratan oleh dinas teknis", t.NOUN),
    ("Kaji cepat dilakukan bersama aparat desa", t.NOUN),
    ("Monitoring pelaksanaan kegiatan", t.NOUN),
    ("Diseminasi Publikasi Statistik", t.NOUN),
    ("Evaluasi laporan kinerja", t.OK_BASE),
    ("Verifikasi dan validasi data", t.OK_BASE),
    ("Proses permohonan izin", t.OK_BASE),
    ("Uji aplikasi", t.OK_BASE),
    ("Rilis versi baru", t.OK_BASE),
    ("Back up data server", t.OK_BASE),
    ("Kompilasi data", t.OK_BASE),
])
def test_loan_words_one_principle(text, reason):
    assert t.is_verb_first(text)[1] == reason


@pytest.mark.parametrize("text,markers", [
    ("Menerbitkan SPPBJ 1 hari setelah masa sanggah berakhir jika tidak ada sanggah", []),
    ("Menyampaikan laporan paling lambat 3 (tiga) hari kerja sejak kegiatan selesai apabila diminta", []),
    ("Mengumumkan hasil; jika jatuh pada hari libur, pada hari kerja berikutnya", []),
    ("Menerbitkan izin paling lambat 3 hari kerja jika berkas lengkap", ["jika"]),
    ("Dalam hal berkas tidak lengkap, mengembalikan berkas", ["dalam hal"]),
    ("Memeriksa berkas, apabila tidak lengkap dikembalikan", ["apabila"]),
])
def test_decision_markers(text, markers):
    assert t.decision_markers(text) == markers


@pytest.mark.parametrize("text,ok", [
    ("Memeriksa apakah berkas lengkap? Ya, diteruskan. Tidak, dikembalikan", True),
    ("Data sesuai? (Ya/Tidak)", True),
    ("Naskah BRS? Sesuai: lanjut. Tidak sesuai: kembali ke penyusun", True),
    ("Kerusakan ringan? Ya: diperbaiki sendiri. Tidak: diajukan ke pihak ketiga", True),
    ("Memeriksa apakah data sudah sesuai dengan tabel", False),
    ("Menanyakan kepada pemohon apakah ada dokumen tambahan", False),
    ("Mengisi kolom ya/tidak pada formulir", False),
    ("", False),
])
def test_inline_question(text, ok):
    assert t.inline_question(text) is ok


def test_repository_vocabulary():
    v = t.vocabulary(("timbang",), ("input",))
    assert t.is_verb_first("Timbang paket", vocab=v) == (True, t.OK_BASE)
    assert t.is_verb_first("Input data", vocab=v) == (False, t.NOUN)
    assert t.is_verb_first("Timbang paket")[0] is False
    assert t.vocabulary() is t.vocabulary()
