"""Small SOP repositories for the build tests."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent
GOLDEN_REPO = HERE / "golden" / "html" / "repo"
EXAMPLES = HERE.parent / "examples"

CONFIG = """\
instansi:
  nama: Pemerintah Kabupaten Uji
  satuan_kerja: Dinas Uji Coba
unit: [Bagian Umum]
"""

SOP_A = """\
nomor: SOP-001/UJI/2025
nama: Pelayanan Surat Keterangan
tanggal:
  pembuatan: 2025-01-10
  efektif: 2025-02-01
disahkan_oleh:
  jabatan: Kepala Dinas Uji Coba
  nama: Budi Santoso, S.E.
  nip: "197203151998031004"
  pangkat: Pembina
dasar_hukum:
  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
kualifikasi_pelaksana: []
keterkaitan:
  - SOP-002/UJI/2025
  - eksternal: SOP Penerbitan SP2D, KPPN
peralatan: [Komputer]
peringatan: []
pencatatan: [Buku register]
pelaksana:
  pemohon: Pemohon
  petugas: Petugas Loket
kegiatan:
  - uraian: Mengajukan permohonan surat keterangan
    pelaksana: pemohon
    kelengkapan: Formulir permohonan
    waktu: 10 menit
    output: Formulir terisi
  - id: periksa
    uraian: Memeriksa kelengkapan berkas
    pertanyaan: Lengkap?
    pelaksana: petugas
    kelengkapan: Daftar periksa
    waktu: 15 menit
    output: Berkas terperiksa
    cabang:
      Ya: terbit
      Tidak: 1
  - id: terbit
    uraian: |
      Menerbitkan surat keterangan:
      1. mencetak surat
      2. menyerahkan kepada pemohon
    pelaksana: petugas
    kelengkapan: Templat surat
    waktu: 30 menit
    output: Surat keterangan
"""

SOP_B = """\
nomor: SOP-002/UJI/2025
nama: Pengarsipan Surat
tanggal:
  pembuatan: 2025-01-10
  revisi: 2026-01-10
  efektif: 2025-02-01
disahkan_oleh:
  jabatan: Kepala Dinas Uji Coba
  nama: Budi Santoso, S.E.
  nip: "197203151998031004"
dasar_hukum:
  - Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan
kualifikasi_pelaksana: [Memahami tata kearsipan]
keterkaitan: [SOP-001/UJI/2025]
peralatan: [Lemari arsip]
peringatan: []
pencatatan: [Daftar arsip]
pelaksana:
  arsiparis: Arsiparis
kegiatan:
  - uraian: Menerima surat untuk diarsipkan
    pelaksana: arsiparis
    kelengkapan: Surat
    waktu: 5 menit
    output: Surat diterima
  - uraian: Menyimpan surat dalam lemari arsip
    pelaksana: arsiparis
    kelengkapan: Lemari arsip
    waktu: 10 menit
    output: Surat tersimpan
"""


def make_repo(root: Path, sops: dict[str, str] | None = None, config: str = CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sopc.yaml").write_text(config, "utf-8")
    if sops is None:
        sops = {"umum/a.sop.yaml": SOP_A, "umum/b.sop.yaml": SOP_B}
    for rel, text in sops.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, "utf-8")
    return root


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("_site", ".sopc-cache"))
    return dst


def read_site(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def build_examples(tmp_path: Path, monkeypatch, **kw):
    """Build a copy of examples/ in memory (paksa, write=False), from inside it."""
    from sopc.build.pipeline import build

    root = copy_tree(EXAMPLES, tmp_path / "ex")
    monkeypatch.chdir(root)
    kw.setdefault("today", "2026-11-28")
    return build([root], write=False, paksa=True, **kw)
