"""Shared data for the repository-page, DOT and PDF tests (test_site_*, test_dot*,
test_pdf*): small SOP repositories written to a temporary folder and loaded with the
real loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

TODAY = dt.date(2026, 11, 28)

CONFIG = {
    "instansi": {"nama": "Pemerintah Kabupaten Uji", "satuan_kerja": "Dinas Uji Coba"},
    "unit": ["Bagian Umum", "Bagian Layanan"],
    "kertas": "A4",
    "pihak_luar": ["Pemohon"],
}

HOSTILE = 'Uji "kutip" ]; \\ <script>alert(1)</script> & {x}'


def sop(nomor, nama, unit, pelaksana, kegiatan, keterkaitan=(), **extra):
    d = {
        "nomor": nomor,
        "nama": nama,
        "unit": unit,
        "tanggal": {"pembuatan": "2025-01-10", "efektif": "2025-02-01"},
        "disahkan_oleh": {"jabatan": "Kepala Dinas Uji Coba", "nama": "Budi Santoso",
                          "nip": "197203151998031004"},
        "dasar_hukum": ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"],
        "kualifikasi_pelaksana": [],
        "keterkaitan": list(keterkaitan),
        "peralatan": [],
        "peringatan": [],
        "pencatatan": [],
        "pelaksana": pelaksana,
        "kegiatan": kegiatan,
    }
    d.update(extra)
    return d


def act(uraian, pelaksana, waktu="10 menit", **kw):
    d = {"uraian": uraian, "pelaksana": pelaksana, "waktu": waktu, "output": "Hasil",
         "kelengkapan": "Berkas"}
    d.update(kw)
    return d


def sample_sops(hostile: bool = False) -> dict[str, dict]:
    s1 = sop("SOP-001/UJI/2025", "Penerimaan Surat", "Bagian Umum",
             {"pemohon": "Pemohon", "loket": "Petugas Loket", "kasi": "Kepala Seksi"},
             [act("Mengajukan surat permohonan", "pemohon", "10 menit"),
              act("Memeriksa kelengkapan surat", "loket", "15 menit", id="periksa",
                  cabang={"Ya": "proses", "Tidak": 1}),
              act("Memproses surat permohonan", "kasi", "1 jam", id="proses"),
              act("Menyerahkan hasil kepada pemohon", "loket", "1-2 jam")],
             ["SOP-002/UJI/2025", "SOP-003/UJI/2025", "Penanganan Yang Tidak Ada",
              {"eksternal": "SOP Penerbitan SP2D, KPPN"}])
    s2 = sop("SOP-002/UJI/2025", "Pengarsipan Surat", "Bagian Umum",
             {"arsip": "Arsiparis", "loket": "petugas  loket"},
             [act("Menerima surat untuk diarsipkan", "loket", "5 menit"),
              act("Menyimpan surat dalam lemari arsip", "arsip", "10 menit")],
             ["SOP-001/UJI/2025"],
             tanggal={"pembuatan": "2025-01-10", "revisi": "2026-12-15", "efektif": "2025-02-01"})
    s3 = sop("SOP-003/UJI/2025", "Pelayanan Informasi", "Bagian Layanan",
             {"cs": "Petugas Informasi"},
             [act("Menerima permintaan informasi", "cs", "5 menit"),
              act("Memberikan informasi kepada pemohon", "cs", "segera")])
    files = {"umum/s1.sop.yaml": s1, "umum/s2.sop.yaml": s2, "layanan/s3.sop.yaml": s3}
    if hostile:
        s4 = sop("SOP-004/UJI/2025", HOSTILE + "\nbaris dua", "Bagian Layanan",
                 {"x": 'Petugas "X" <b>]', "cs": "Petugas Informasi"},
                 [act('Mencatat "data" <i>penting</i> \\ ; ]', "x", "5 menit"),
                  act("Meneruskan catatan", "cs", "5 menit")],
                 ["SOP-003/UJI/2025", HOSTILE])
        files["layanan/s4.sop.yaml"] = s4
    return files


def write_repo(root: Path, sops: dict[str, dict] | None = None, config: dict | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sopc.yaml").write_text(
        yaml.safe_dump(config or CONFIG, allow_unicode=True, sort_keys=False), "utf-8")
    for rel, data in (sops if sops is not None else sample_sops()).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return root


def load(root: Path):
    from sopc.loader import load_repository

    res = load_repository(root, use_cache=False)
    return res.repo, res.diagnostics


def build_site(root: Path, **kw):
    """Run the real build in memory; returns the BuildResult (files in .files)."""
    from sopc.build.pipeline import build

    kw.setdefault("today", TODAY.isoformat())
    kw.setdefault("paksa", True)
    return build([root], write=False, **kw)
