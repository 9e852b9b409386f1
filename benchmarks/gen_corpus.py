#!/usr/bin/env python3
"""Generate a synthetic but realistic SOP repository for the benchmarks.

    python benchmarks/gen_corpus.py OUT_DIR [--count 1000] [--seed 1] [--markdown DIR]

OUT_DIR receives ``sopc.yaml`` and ``--count`` SOP files in one folder per unit kerja.
Every SOP has about 25 activities, about 5 actors, two decisions (one loops back to an
earlier row for rework, one ends early with a rejection) and Indonesian text varied by a
seeded random generator: the same seed always gives byte-identical files.

The corpus is meant to lint clean except for a sprinkle of realistic findings: about
10% of the SOPs carry exactly one warning (a long uraian, a missing output or
kelengkapan, a condition hidden in a keterangan, an overdue review). ``expected.json``
in OUT_DIR lists which file was given which warning.

``--markdown DIR`` also writes the same SOPs as plain Markdown pages (identity table and
procedure table as Markdown tables) with a minimal ``mkdocs.yml``, so that ``mkdocs
build`` can serve as a baseline for ``sopc build``.

Only the standard library is used (the generator must run before sopc is installed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

TODAY = dt.date(2026, 11, 28)   # the benchmarks lint with --today 2026-11-28

# ---------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------

INSTANSI = "Pemerintah Kabupaten Contoh"
SATKER = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
WILAYAH = "Kabupaten Contoh"

# unit kerja -> (folder, kind); kind picks the vocabulary and whether SOPs are services
UNITS = [
    ("Sekretariat", "sekretariat", "internal"),
    ("Subbagian Perencanaan dan Keuangan", "perencanaan-keuangan", "internal"),
    ("Bidang Perizinan Usaha", "perizinan-usaha", "layanan"),
    ("Bidang Perizinan Bangunan dan Lingkungan", "perizinan-bangunan", "layanan"),
    ("Bidang Nonperizinan", "nonperizinan", "layanan"),
    ("Bidang Penanaman Modal", "penanaman-modal", "internal"),
    ("Bidang Pengendalian Pelaksanaan", "pengendalian", "internal"),
    ("Bidang Pengaduan dan Informasi", "pengaduan", "layanan"),
]

# Internal actors (labels chosen far enough apart not to look like near-duplicates)
ACTORS_INTERNAL = [
    "Kepala Dinas", "Sekretaris", "Kepala Bidang", "Kepala Seksi", "Kepala Subbagian",
    "Verifikator Berkas", "Petugas Loket", "Tim Teknis", "Analis Kebijakan",
    "Pengadministrasi Umum", "Arsiparis", "Bendahara Pengeluaran",
    "Pejabat Pembuat Komitmen", "Pranata Komputer", "Pengawas Lapangan",
]
APPROVERS = ["Kepala Dinas", "Sekretaris", "Kepala Bidang"]
OUTSIDE = "Pemohon"

ISTILAH = {
    "KTP": "Kartu Tanda Penduduk",
    "NIB": "Nomor Induk Berusaha",
    "NIK": "Nomor Induk Kependudukan",
    "NPWP": "Nomor Pokok Wajib Pajak",
    "OSS": "Online Single Submission",
    "PDF": "Portable Document Format",
    "PTSP": "Pelayanan Terpadu Satu Pintu",
    "SK": "Surat Keputusan",
    "SPT": "Surat Perintah Tugas",
    "SOP": "Standar Operasional Prosedur",
    "DPMPTSP": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
}

# Services (nama -> product handed to the applicant) and internal processes
LAYANAN = [
    "Izin Reklame", "Izin Usaha Toko Swalayan", "Izin Praktik Bidan", "Izin Praktik Dokter",
    "Izin Apotek", "Izin Usaha Penyediaan Tenaga Listrik", "Izin Lokasi",
    "Persetujuan Bangunan Gedung", "Sertifikat Laik Fungsi", "Izin Usaha Perikanan",
    "Izin Operasional Lembaga Kursus", "Izin Penyelenggaraan Satuan Pendidikan",
    "Tanda Daftar Usaha Pariwisata", "Izin Trayek Angkutan", "Izin Pemakaian Kekayaan Daerah",
    "Surat Keterangan Penelitian", "Izin Penggunaan Ruang Milik Jalan",
    "Izin Pengelolaan Air Tanah", "Izin Usaha Jasa Konstruksi", "Izin Gangguan Usaha",
    "Izin Klinik Pratama", "Izin Laboratorium Klinik", "Izin Toko Obat",
    "Izin Penyelenggaraan Parkir", "Izin Usaha Peternakan", "Izin Pemasangan Menara Telekomunikasi",
    "Rekomendasi Pemanfaatan Ruang", "Izin Praktik Perawat", "Izin Optikal",
    "Izin Penyelenggaraan Event", "Surat Izin Usaha Perdagangan Minuman", "Izin Pendirian Rumah Ibadat",
]
LAYANAN_PROSES = ["Penerbitan", "Perpanjangan", "Perubahan Data", "Penerbitan Ulang",
                  "Pencabutan", "Pelayanan Percepatan"]
INTERNAL_OBJEK = [
    "Surat Masuk", "Surat Keluar", "Laporan Kinerja", "Rencana Kerja", "Rencana Strategis",
    "Anggaran Kas", "Laporan Keuangan Semesteran", "Surat Perintah Membayar",
    "Cuti Pegawai", "Kenaikan Pangkat", "Daftar Hadir Pegawai", "Perjalanan Dinas",
    "Barang Milik Daerah", "Persediaan Alat Tulis Kantor", "Arsip Inaktif",
    "Data Realisasi Investasi", "Laporan Kegiatan Penanaman Modal", "Profil Investasi Daerah",
    "Promosi Investasi", "Pemantauan Proyek Penanaman Modal", "Pembinaan Pelaku Usaha",
    "Pengawasan Perizinan Berusaha", "Survei Kepuasan Masyarakat", "Informasi Publik",
    "Pengaduan Masyarakat", "Rapat Koordinasi", "Data Pelayanan Perizinan",
    "Pemeliharaan Kendaraan Dinas", "Pemeliharaan Gedung Kantor", "Laman Resmi Dinas",
    "Sasaran Kinerja Pegawai", "Pelatihan Pegawai", "Pengadaan Langsung",
    "Pembayaran Honorarium", "Rekonsiliasi Aset", "Evaluasi Standar Pelayanan",
]
INTERNAL_PROSES = ["Pengelolaan", "Penyusunan", "Penatausahaan", "Pelaporan",
                   "Pemutakhiran", "Evaluasi", "Verifikasi", "Penyampaian"]

# (verb, noun phrase template) for ordinary process rows; {o} is an object
PROSES = [
    ("Menerima", "{o} dan mencatatnya dalam buku register"),
    ("Mengagendakan", "{o} dalam agenda surat"),
    ("Memeriksa", "isi {o} terhadap daftar periksa"),
    ("Memverifikasi", "data dalam {o} dengan dokumen pendukung"),
    ("Menyusun", "konsep {o} sesuai templat terbaru"),
    ("Mencatat", "{o} pada aplikasi layanan"),
    ("Menandatangani", "{o} secara elektronik"),
    ("Memaraf", "konsep {o}"),
    ("Menelaah", "{o} dan memberikan catatan"),
    ("Menyiapkan", "bahan {o} untuk rapat koordinasi"),
    ("Menghitung", "nilai {o} berdasarkan tarif yang berlaku"),
    ("Mengolah", "data {o} menjadi tabel rekapitulasi"),
    ("Menganalisis", "{o} terhadap ketentuan teknis"),
    ("Mengunggah", "{o} ke aplikasi arsip elektronik"),
    ("Mencetak", "{o} rangkap dua"),
    ("Menggandakan", "{o} untuk tembusan"),
    ("Mendistribusikan", "{o} kepada unit kerja terkait"),
    ("Menghimpun", "{o} dari seluruh seksi"),
    ("Merekapitulasi", "{o} setiap akhir bulan"),
    ("Mengoreksi", "redaksi {o}"),
    ("Meneruskan", "{o} kepada atasan langsung"),
    ("Menginventarisasi", "{o} yang telah diterima"),
    ("Meninjau", "lokasi sesuai {o}"),
    ("Mengklarifikasi", "{o} kepada pihak terkait"),
    ("Menjadwalkan", "pembahasan {o}"),
    ("Memvalidasi", "{o} pada basis data"),
    ("Membahas", "{o} bersama tim teknis"),
    ("Menyimpan", "{o} dalam lemari arsip aktif"),
]
OBJEK = [
    "berkas permohonan", "dokumen persyaratan", "surat pengantar", "nota dinas",
    "berita acara pemeriksaan", "rekomendasi teknis", "laporan hasil peninjauan",
    "daftar hadir rapat", "konsep keputusan", "data capaian kinerja", "rencana kegiatan",
    "surat undangan", "kuitansi pembayaran", "lembar disposisi", "daftar periksa",
    "surat tugas", "notula rapat", "laporan bulanan", "formulir isian", "lembar kerja",
    "surat pernyataan", "gambar teknis", "peta lokasi", "rincian biaya",
    "salinan SK", "bukti transfer", "hasil survei", "tanda terima",
]
QUALIFIER = ["", "", "", " hari itu juga", " sesuai ketentuan yang berlaku",
             " dengan cermat", " beserta lampirannya", " sesuai jadwal yang ditetapkan",
             " untuk bahan tindak lanjut"]
PARTICIPLE = {
    "Menerima": "diterima", "Mengagendakan": "teragenda", "Memeriksa": "terperiksa",
    "Memverifikasi": "terverifikasi", "Menyusun": "tersusun", "Mencatat": "tercatat",
    "Menandatangani": "bertanda tangan", "Memaraf": "berparaf", "Menelaah": "tertelaah",
    "Menyiapkan": "siap dibahas", "Menghitung": "terhitung", "Mengolah": "terolah",
    "Menganalisis": "teranalisis", "Mengunggah": "terunggah", "Mencetak": "tercetak",
    "Menggandakan": "tergandakan", "Mendistribusikan": "terdistribusi",
    "Menghimpun": "terhimpun", "Merekapitulasi": "terekapitulasi",
    "Mengoreksi": "terkoreksi", "Meneruskan": "diteruskan",
    "Menginventarisasi": "terinventarisasi", "Meninjau": "tertinjau",
    "Mengklarifikasi": "terklarifikasi", "Menjadwalkan": "terjadwal",
    "Memvalidasi": "tervalidasi", "Membahas": "terbahas", "Menyimpan": "tersimpan",
}

# decisions: (uraian template, pertanyaan, pass label, fail label)
KEPUTUSAN = [
    ("Memeriksa kelengkapan {o}", "Lengkap?", "Lengkap", "Tidak lengkap"),
    ("Memverifikasi kesesuaian {o} dengan persyaratan", "Sesuai?", "Sesuai", "Tidak sesuai"),
    ("Menilai kelayakan {o}", "Layak?", "Layak", "Tidak layak"),
    ("Memeriksa keabsahan {o}", "Sah?", "Sah", "Tidak sah"),
    ("Menyetujui {o}", "Disetujui?", "Setuju", "Perlu perbaikan"),
    ("Mengevaluasi {o} terhadap standar teknis", "Memenuhi standar?", "Memenuhi", "Tidak memenuhi"),
]
PERBAIKI = [
    "Memperbaiki {o} sesuai catatan pemeriksaan",
    "Melengkapi kekurangan {o} sesuai catatan",
    "Merevisi {o} berdasarkan hasil penilaian",
]
WAKTU_LAYANAN = ["5 menit", "10 menit", "15 menit", "20 menit", "30 menit", "45 menit",
                 "1 jam", "1 jam 30 menit", "2 jam", "3 jam"]
WAKTU_INTERNAL = ["15 menit", "30 menit", "1 jam", "2 jam", "3 jam", "4 jam",
                  "1 hari kerja", "2 hari kerja", "1-2 hari kerja", "3 hari kerja"]

KUALIFIKASI = [
    "Memahami tugas dan fungsi Dinas", "Memahami tata naskah dinas",
    "Mampu mengoperasikan komputer dan aplikasi perkantoran",
    "Memahami ketentuan perizinan yang berlaku", "Mampu berkomunikasi dengan santun",
    "Memahami ketentuan pengelolaan keuangan daerah", "Memahami kode klasifikasi arsip",
    "Teliti dan cermat dalam memeriksa dokumen", "Memahami standar pelayanan Dinas",
]
PERALATAN = [
    "Komputer dan printer", "Aplikasi layanan perizinan", "Pemindai dokumen",
    "Jaringan internet", "Buku register", "Alat tulis kantor", "Telepon kantor",
    "Kendaraan dinas operasional", "Tanda tangan elektronik", "Lemari arsip",
]
PERINGATAN = [
    "Keterlambatan penyelesaian menurunkan kepuasan pengguna layanan",
    "Dokumen yang tidak lengkap menghambat proses berikutnya",
    "Kesalahan data berakibat pada penerbitan ulang dokumen",
    "SOP yang tidak dilaksanakan menyebabkan pekerjaan tidak tertib dan tidak terukur",
    "Berkas yang tidak diarsipkan sulit ditelusuri saat pemeriksaan",
]
PENCATATAN = [
    "Buku register", "Arsip elektronik pada aplikasi layanan", "Lembar disposisi",
    "Daftar periksa", "Berita acara", "Rekapitulasi bulanan", "Buku agenda",
]

DH_UU = [
    (2009, "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
    (2009, "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan"),
    (2014, "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"),
    (2014, "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan"),
]
DH_PP = [
    (2012, "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
    (2019, "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah"),
    (2021, "Peraturan Pemerintah Nomor 6 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha di Daerah"),
]
DH_PERPRES = [
    (2014, "Peraturan Presiden Nomor 97 Tahun 2014 tentang Penyelenggaraan Pelayanan Terpadu Satu Pintu"),
    (2018, "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik"),
]
DH_PERMEN = [
    (2012, "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"),
    (2020, "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan Keuangan Daerah"),
    (2023, "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan Pemerintah Daerah"),
]
DH_PERDA = [
    (2016, "Peraturan Daerah Kabupaten Contoh Nomor 5 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah"),
    (2021, "Peraturan Daerah Kabupaten Contoh Nomor 3 Tahun 2021 tentang Penyelenggaraan Perizinan"),
]
DH_PERBUP = [
    (2021, "Peraturan Bupati Contoh Nomor 52 Tahun 2021 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi, serta Tata Kerja Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    (2022, "Peraturan Bupati Contoh Nomor 17 Tahun 2022 tentang Pendelegasian Kewenangan Penyelenggaraan Perizinan dan Nonperizinan"),
]

SIGNERS = [
    ("Dra. Siti Rahmawati, M.Si.", "Pembina Utama Muda"),
    ("Ir. Bambang Sutrisno, M.T.", "Pembina Utama Muda"),
    ("Dr. Hendra Gunawan, S.E., M.M.", "Pembina Tingkat I"),
]

INJECT = ["KJ03", "KU03", "KU04", "KJ05", "DN02"]


# ---------------------------------------------------------------------------------
# Model of one generated SOP
# ---------------------------------------------------------------------------------

@dataclass
class Act:
    id: str
    uraian: str
    actor: str
    kelengkapan: list[str]
    waktu: str
    output: str | None
    keterangan: str | None = None
    pertanyaan: str | None = None
    cabang: dict[str, str] = field(default_factory=dict)
    ke: str | None = None


@dataclass
class Sop:
    relpath: str
    nomor: str
    nama: str
    unit: str
    sifat: str
    batas_waktu: str | None
    pembuatan: dt.date
    efektif: dt.date
    revisi: dt.date | None
    signer: tuple[str, str, str]          # nama, nip, pangkat
    dasar_hukum: list[str]
    kualifikasi: list[str]
    keterkaitan: list[str]
    peralatan: list[str]
    peringatan: list[str]
    pencatatan: list[str]
    actors: dict[str, str]                # id -> label
    acts: list[Act]
    inject: str | None = None


def _minutes(waktu: str) -> float:
    """Upper bound of a duration in minutes (a range keeps its maximum)."""
    total = 0.0
    for num, unit in re.findall(r"(\d+(?:-\d+)?)\s*(menit|jam|hari kerja)", waktu):
        n = float(num.split("-")[-1])
        total += n * {"menit": 1, "jam": 60, "hari kerja": 450}[unit]
    return total


def _nip(rng: random.Random) -> str:
    born = dt.date(rng.randint(1966, 1988), rng.randint(1, 12), rng.randint(1, 28))
    tmt_year = born.year + rng.randint(22, 30)
    tmt_month = rng.choice([1, 3, 4, 12])
    return f"{born:%Y%m%d} {tmt_year}{tmt_month:02d} {rng.choice('12')} {rng.randint(1, 30):03d}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _actor_runs(rng: random.Random, n: int, pool: list[str], first: str | None) -> list[str]:
    """Actors for n consecutive rows in runs of 1-3 rows; a run's actor differs from the
    two runs before it, so that consecutive rows never go A, B, A (no ping-pong)."""
    out: list[str] = []
    history: list[str] = []
    if first is not None:
        out.append(first)
        history.append(first)
    while len(out) < n:
        choices = [a for a in pool if a not in history[-2:]]
        a = rng.choice(choices)
        history.append(a)
        out.extend([a] * rng.choice([1, 1, 2, 2, 3]))
    return out[:n]


def make_sop(rng: random.Random, seq: int, unit: tuple[str, str, str], nama: str,
             product: str, pelayanan: bool, inject: str | None) -> Sop:
    unit_name, folder, _kind = unit
    n = rng.randint(22, 28)
    n_internal = rng.choice([4, 4, 5]) if pelayanan else rng.choice([4, 5, 5, 6])
    approver = rng.choice(APPROVERS)
    internal = [approver] + rng.sample([a for a in ACTORS_INTERNAL if a != approver], n_internal - 1)
    rng.shuffle(internal)
    pool_labels = ([OUTSIDE] if pelayanan else []) + internal

    # structure: positions of the two decisions and the rows they connect
    d1 = rng.randint(4, n // 2 - 2)                  # rework loop: fail -> perbaiki -> back
    d2 = rng.randint(n // 2 + 2, n - 5)              # rejection: fail -> tolak -> selesai
    # rows: 0 .. n-1; d1+1 = perbaiki (loops back to d1-2), d2+1 = tolak (ends)
    while True:
        if pelayanan:
            labels = _actor_runs(rng, n - 1, internal, OUTSIDE)
            # the result is handed over by the last internal actor, or received by Pemohon
            labels.append(OUTSIDE if rng.random() < 0.5 else labels[-1])
        else:
            labels = _actor_runs(rng, n, internal, None)
        # the rework row is done by the actor whose row it returns to; the rejection row
        # by the actor who decided
        labels[d1 + 1] = labels[d1 - 2]
        labels[d2 + 1] = labels[d2]
        if set(labels) == set(pool_labels):
            break

    ids_for = {lab: f"a{i + 1}" for i, lab in enumerate(pool_labels)}
    if pelayanan:
        ids_for[OUTSIDE] = "pemohon"
    actors = {ids_for[lab]: lab for lab in pool_labels}

    used_uraian: set[str] = set()
    acts: list[Act] = []
    prev_output = "Berkas permohonan" if pelayanan else "Nota dinas penugasan"
    objects = rng.sample(OBJEK, len(OBJEK))
    obj_i = 0

    def next_obj() -> str:
        nonlocal obj_i
        o = objects[obj_i % len(objects)]
        obj_i += 1
        return o

    def unique(text: str) -> str:
        base = text
        k = 0
        while " ".join(text.lower().split()) in used_uraian:
            k += 1
            text = base + [" tahap berikutnya", " untuk kedua kalinya", " secara final",
                           " bersama atasan", " di ruang rapat"][(k - 1) % 5]
            if k > 5:
                text = f"{base} (bagian {k})"
        used_uraian.add(" ".join(text.lower().split()))
        return text

    wpool = WAKTU_LAYANAN if pelayanan else WAKTU_INTERNAL
    for i in range(n):
        rid = f"k{i + 1:02d}"
        lab = labels[i]
        if i == 0 and pelayanan:
            uraian = f"Mengajukan permohonan {nama.lower()} beserta berkas persyaratan"
            kel = ["Formulir permohonan", "Fotokopi KTP", rng.choice(["NPWP", "NIB", "Surat kuasa bermeterai"])]
            out = "Berkas permohonan"
            acts.append(Act(rid, unique(uraian), lab, kel, "15 menit", out))
            prev_output = out
            continue
        if i == n - 1:
            if pelayanan:
                if lab == OUTSIDE:
                    uraian = f"Menerima {product.lower()} beserta tanda terima"
                else:
                    uraian = f"Menyerahkan {product.lower()} kepada Pemohon"
                out = f"{_cap(product)} diterima Pemohon"
            else:
                uraian = "Mengarsipkan seluruh berkas dan melaporkan penyelesaian kepada atasan"
                out = "Arsip berkas dan laporan penyelesaian"
            acts.append(Act(rid, unique(uraian), lab, [prev_output], rng.choice(wpool[:4]), out))
            continue
        if i in (d1, d2):
            tmpl, q, ok, fail = rng.choice(KEPUTUSAN)
            o = next_obj()
            uraian = unique(tmpl.format(o=o))
            a = Act(rid, uraian, lab, [prev_output, "Daftar periksa persyaratan"],
                    rng.choice(wpool[:6]), f"{_cap(o)} terperiksa", pertanyaan=q)
            a.cabang = {ok: f"k{i + 3:02d}", fail: f"k{i + 2:02d}"}
            acts.append(a)
            prev_output = a.output
            continue
        if i == d1 + 1:
            o = next_obj()
            uraian = unique(rng.choice(PERBAIKI).format(o=o))
            back = f"k{d1 - 1:02d}"
            acts.append(Act(rid, uraian, lab, ["Catatan hasil pemeriksaan"], rng.choice(wpool),
                            f"{_cap(o)} hasil perbaikan", ke=back))
            continue
        if i == d2 + 1:
            if pelayanan:
                uraian = "Menyampaikan surat penolakan beserta alasannya kepada Pemohon"
                out = "Surat penolakan diterima Pemohon"
            else:
                uraian = "Mengembalikan berkas kepada unit pengusul disertai alasan penolakan"
                out = "Berkas dikembalikan dengan alasan penolakan"
            acts.append(Act(rid, unique(uraian), lab, ["Catatan hasil pemeriksaan"],
                            rng.choice(wpool[:5]), out, ke="selesai"))
            continue
        verb, tmpl = rng.choice(PROSES)
        o = next_obj()
        uraian = unique(f"{verb} {tmpl.format(o=o)}{rng.choice(QUALIFIER)}")
        out = f"{_cap(o)} {PARTICIPLE[verb]}"
        kel = [prev_output] + ([rng.choice(["Daftar periksa", "Templat dokumen", "Buku register",
                                             "Pedoman teknis"])] if rng.random() < 0.4 else [])
        ket = None
        if rng.random() < 0.15:
            ket = rng.choice(["Dikerjakan pada hari yang sama", "Menggunakan templat terbaru",
                              "Salinan disimpan dalam arsip elektronik",
                              "Berkoordinasi dengan seksi terkait"])
        acts.append(Act(rid, uraian, lab, kel, rng.choice(wpool), out, keterangan=ket))
        prev_output = out

    for a in acts:
        a.actor = ids_for[a.actor]

    # injected findings (one warning each)
    if inject == "KJ03":
        a = acts[rng.randint(1, d1 - 2)]
        a.uraian = (a.uraian + " serta memastikan setiap lembar telah diberi nomor halaman, paraf "
                    "petugas, tanggal penerimaan, dan cap dinas sebelum diteruskan kepada pejabat "
                    "yang berwenang untuk ditandatangani pada hari kerja yang sama")
    elif inject == "KU03":
        acts[rng.randint(d1 + 2, d2 - 1)].output = None
    elif inject == "KU04":
        acts[rng.randint(d1 + 2, d2 - 1)].kelengkapan = []
    elif inject == "KJ05":
        acts[rng.randint(d1 + 2, d2 - 1)].keterangan = (
            "Jika data belum lengkap, maka berkas dikembalikan kepada pengirim")

    # dates and signer
    if inject == "DN02":
        efektif = dt.date(2024, 1, 2) + dt.timedelta(days=rng.randint(0, 300))
        revisi = None
    else:
        efektif = TODAY - dt.timedelta(days=rng.randint(20, 330))
        revisi = efektif.replace(year=efektif.year + 1) if not (efektif.month == 2 and efektif.day == 29) else efektif + dt.timedelta(days=365)
    while efektif.weekday() >= 5:
        efektif -= dt.timedelta(days=1)
    pembuatan = efektif - dt.timedelta(days=rng.randint(5, 45))
    signer_nama, pangkat = SIGNERS[seq % len(SIGNERS)]
    signer = (signer_nama, _nip(random.Random(seq % len(SIGNERS))), pangkat)

    dh = _dasar_hukum(rng, pelayanan, efektif.year)
    total = sum(_minutes(a.waktu) for a in acts)
    batas = f"{math.ceil(total / 450) + 1} hari kerja" if pelayanan else None

    return Sop(
        relpath=f"{folder}/sop-{seq:04d}.sop.yaml",
        nomor=f"SOP-{seq:04d}/DPMPTSP/{efektif.year}",
        nama=nama, unit=unit_name, sifat="pelayanan" if pelayanan else rng.choice(["rutin", "rutin", "penugasan"]),
        batas_waktu=batas, pembuatan=pembuatan, efektif=efektif, revisi=revisi, signer=signer,
        dasar_hukum=dh,
        kualifikasi=rng.sample(KUALIFIKASI, rng.randint(2, 4)),
        keterkaitan=[], peralatan=rng.sample(PERALATAN, rng.randint(2, 5)),
        peringatan=rng.sample(PERINGATAN, rng.randint(1, 3)),
        pencatatan=rng.sample(PENCATATAN, rng.randint(1, 3)),
        actors=actors, acts=acts, inject=inject,
    )


def _dasar_hukum(rng: random.Random, pelayanan: bool, year: int) -> list[str]:
    picked: list[tuple[int, int, str]] = []
    for level, pool, k in ((1, DH_UU, (1, 2)), (2, DH_PP, (0, 1)), (3, DH_PERPRES, (0, 1)),
                           (4, DH_PERMEN, (1, 2)), (6, DH_PERDA, (0, 1)), (7, DH_PERBUP, (1, 1))):
        cands = [c for c in pool if c[0] <= year]
        if pelayanan and level == 1:   # services always cite the Pelayanan Publik act
            chosen = [DH_UU[0]] + rng.sample(cands[1:], rng.randint(0, 1))
        else:
            chosen = rng.sample(cands, min(len(cands), rng.randint(*k)))
        picked.extend((level, y, t) for y, t in chosen)
    picked.sort(key=lambda x: (x[0], x[1], _num(x[2])))
    return [t for _, _, t in picked]


def _num(citation: str) -> int:
    m = re.search(r"Nomor (\d+)", citation)
    return int(m.group(1)) if m else 0


# ---------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ,.()/'-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def q(s: str) -> str:
    """A YAML scalar: plain when safe, otherwise double-quoted."""
    if (_PLAIN.match(s) and s.lower() not in _YAML_WORDS and ": " not in s
            and not s.endswith(":") and not re.fullmatch(r"[\d.,: -]+", s) and " #" not in s):
        return s
    return json.dumps(s, ensure_ascii=False)


def _list(key: str, items: list[str], indent: str = "") -> list[str]:
    if not items:
        return [f"{indent}{key}: []"]
    return [f"{indent}{key}:"] + [f"{indent}  - {q(x)}" for x in items]


def sop_yaml(s: Sop) -> str:
    L = [f"nomor: {s.nomor}", f"nama: {q(s.nama)}", f"unit: {q(s.unit)}",
         "jenis: administratif", f"sifat: {s.sifat}"]
    if s.batas_waktu:
        L.append(f"batas_waktu: {s.batas_waktu}")
    L += ["", "tanggal:", f"  pembuatan: {s.pembuatan.isoformat()}"]
    if s.revisi:
        L.append(f"  revisi: {s.revisi.isoformat()}")
    L += [f"  efektif: {s.efektif.isoformat()}", "", "disahkan_oleh:",
          f"  jabatan: {q('Kepala ' + SATKER + ' ' + WILAYAH)}",
          f"  nama: {q(s.signer[0])}", f'  nip: "{s.signer[1]}"', f"  pangkat: {q(s.signer[2])}", ""]
    L += _list("dasar_hukum", s.dasar_hukum)
    L += _list("kualifikasi_pelaksana", s.kualifikasi)
    L += _list("keterkaitan", s.keterkaitan)
    L += _list("peralatan", s.peralatan)
    L += _list("peringatan", s.peringatan)
    L += _list("pencatatan", s.pencatatan)
    L += ["", "pelaksana:"] + [f"  {k}: {q(v)}" for k, v in s.actors.items()]
    L += ["", "kegiatan:"]
    for a in s.acts:
        L.append(f"  - id: {a.id}")
        L.append(f"    uraian: {q(a.uraian)}")
        if a.pertanyaan:
            L.append(f"    pertanyaan: {q(a.pertanyaan)}")
        L.append(f"    pelaksana: {a.actor}")
        if a.kelengkapan:
            if len(a.kelengkapan) == 1:
                L.append(f"    kelengkapan: {q(a.kelengkapan[0])}")
            else:
                L += _list("kelengkapan", a.kelengkapan, "    ")
        L.append(f"    waktu: {a.waktu}")
        if a.output:
            L.append(f"    output: {q(a.output)}")
        if a.keterangan:
            L.append(f"    keterangan: {q(a.keterangan)}")
        if a.cabang:
            L.append("    cabang:")
            L += [f"      {q(k)}: {v}" for k, v in a.cabang.items()]
        if a.ke:
            L.append(f"    ke: {a.ke}")
    return "\n".join(L) + "\n"


def config_yaml(units: list[tuple[str, str, str]]) -> str:
    jabatan = ACTORS_INTERNAL + [OUTSIDE]
    L = [
        "# Generated by benchmarks/gen_corpus.py: a synthetic SOP repository for benchmarks.",
        "instansi:",
        f"  nama: {INSTANSI}",
        f"  satuan_kerja: {SATKER}",
        "  alamat: Jl. Merdeka Nomor 1, Kabupaten Contoh",
        "unit:",
        *[f"  - {u[0]}" for u in units],
        "nomor: '^SOP-\\d{4}/DPMPTSP/\\d{4}$'",
        "kertas: A4",
        f"wilayah: {WILAYAH}",
        "tinjau_bulan: 12",
        "jabatan:",
        *[f"  - {j}" for j in jabatan],
        "istilah:",
        *[f"  {k}: {v}" for k, v in sorted(ISTILAH.items())],
        "dasar_hukum_dicabut:",
        "  Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009: Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan Pemerintah Daerah",
    ]
    return "\n".join(L) + "\n"


def _md_cell(s: str | None) -> str:
    return (s or "-").replace("|", "\\|").replace("\n", "<br>")


def sop_markdown(s: Sop) -> str:
    def items(xs):
        return "<br>".join(f"{i}. {_md_cell(x)}" for i, x in enumerate(xs, 1)) or "-"
    L = [f"# {s.nama}", "",
         "| | |", "|---|---|",
         f"| Instansi | {INSTANSI}<br>{SATKER}<br>{s.unit} |",
         f"| Nomor SOP | {s.nomor} |",
         f"| Tanggal Pembuatan | {s.pembuatan.isoformat()} |",
         f"| Tanggal Revisi | {s.revisi.isoformat() if s.revisi else '-'} |",
         f"| Tanggal Efektif | {s.efektif.isoformat()} |",
         f"| Disahkan oleh | Kepala Dinas<br>{_md_cell(s.signer[0])}<br>NIP {s.signer[1]} |",
         f"| Nama SOP | {_md_cell(s.nama)} |", "",
         "| Dasar Hukum | Kualifikasi Pelaksana |", "|---|---|",
         f"| {items(s.dasar_hukum)} | {items(s.kualifikasi)} |", "",
         "| Keterkaitan | Peralatan/Perlengkapan |", "|---|---|",
         f"| {items(s.keterkaitan)} | {items(s.peralatan)} |", "",
         "| Peringatan | Pencatatan dan Pendataan |", "|---|---|",
         f"| {items(s.peringatan)} | {items(s.pencatatan)} |", "",
         "## Prosedur", ""]
    labels = list(s.actors.values())
    ids = list(s.actors)
    L.append("| No | Kegiatan | " + " | ".join(labels) + " | Kelengkapan | Waktu | Output | Keterangan |")
    L.append("|---|---|" + "---|" * len(labels) + "---|---|---|---|")
    for i, a in enumerate(s.acts, 1):
        marks = [("◇" if a.cabang else "▭") if a.actor == x else "" for x in ids]
        ket = a.keterangan or ""
        if a.cabang:
            ket = (ket + " " if ket else "") + "; ".join(f"{k}: ke {v}" for k, v in a.cabang.items())
        L.append(f"| {i} | {_md_cell(a.uraian)} | " + " | ".join(marks)
                 + f" | {items(a.kelengkapan)} | {a.waktu} | {_md_cell(a.output)} | {_md_cell(ket)} |")
    return "\n".join(L) + "\n"


def generate(count: int, seed: int) -> list[Sop]:
    rng = random.Random(seed)
    sops: list[Sop] = []
    used_names: set[str] = set()
    # assign inject codes to about 10% of SOPs
    for seq in range(1, count + 1):
        unit = UNITS[(seq - 1) % len(UNITS)]
        pelayanan = unit[2] == "layanan"
        for _ in range(200):
            if pelayanan:
                proses, layanan = rng.choice(LAYANAN_PROSES), rng.choice(LAYANAN)
                nama = f"{proses} {layanan}"
                product = layanan if proses in ("Penerbitan", "Penerbitan Ulang",
                                                "Pelayanan Percepatan") \
                    else f"keputusan {proses.lower()} {layanan.lower()}"
            else:
                nama = f"{rng.choice(INTERNAL_PROSES)} {rng.choice(INTERNAL_OBJEK)}"
                product = ""
            if nama.lower() not in used_names:
                break
        else:  # vocabulary exhausted: qualify by the unit
            nama = f"{nama} pada {unit[0]} Paket {seq}"
        used_names.add(nama.lower())
        inject = rng.choice(INJECT) if rng.random() < 0.10 else None
        sops.append(make_sop(rng, seq, unit, nama, product, pelayanan, inject))
    # keterkaitan: pairs of SOPs of the same unit link each other (by nomor or nama)
    by_unit: dict[str, list[Sop]] = {}
    for s in sops:
        by_unit.setdefault(s.unit, []).append(s)
    for group in by_unit.values():
        for a, b in zip(group[0::2], group[1::2]):
            a.keterkaitan.append(b.nomor if rng.random() < 0.5 else b.nama)
            b.keterkaitan.append(a.nomor if rng.random() < 0.5 else a.nama)
    for s in sops:
        if rng.random() < 0.2:
            s.keterkaitan.append("eksternal")  # marker, written as a mapping
    return sops


def write_corpus(out: Path, sops: list[Sop]) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "sopc.yaml").write_text(config_yaml(UNITS), encoding="utf-8")
    expected = {}
    for s in sops:
        p = out / s.relpath
        p.parent.mkdir(parents=True, exist_ok=True)
        text = sop_yaml(s).replace(
            "  - eksternal\n",
            "  - eksternal: SOP Penerbitan Surat Perintah Pencairan Dana, Badan Keuangan dan Aset Daerah Kabupaten Contoh\n")
        p.write_text(text, encoding="utf-8")
        if s.inject:
            expected[s.relpath] = s.inject
    (out / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")


def write_markdown(out: Path, sops: list[Sop]) -> None:
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    (out / "mkdocs.yml").write_text(
        "site_name: Daftar SOP Kabupaten Contoh\n"
        "docs_dir: docs\n"
        "site_dir: site\n"
        "theme:\n  name: mkdocs\n"
        "markdown_extensions:\n  - tables\n", encoding="utf-8")
    index = ["# Daftar SOP", "", "| Nomor | Nama | Unit |", "|---|---|---|"]
    for s in sops:
        rel = s.relpath.replace(".sop.yaml", ".md")
        p = docs / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(sop_markdown(s), encoding="utf-8")
        index.append(f"| {s.nomor} | [{_md_cell(s.nama)}]({rel}) | {s.unit} |")
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", type=Path, default=None,
                    help="also write the SOPs as Markdown pages + mkdocs.yml into this folder")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")
    sops = generate(args.count, args.seed)
    write_corpus(args.out_dir, sops)
    if args.markdown:
        write_markdown(args.markdown, sops)
    injected = sum(1 for s in sops if s.inject)
    print(f"{len(sops)} SOP ditulis ke {args.out_dir} ({injected} dengan satu temuan sengaja)"
          + (f"; Markdown ke {args.markdown}" if args.markdown else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
