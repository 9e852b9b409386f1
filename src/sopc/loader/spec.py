"""The source format as data: the single source of truth for the loader (which keys
exist, which are required, what type each value has) and for the JSON Schema
(``sopc schema``). FORMAT.md §1 and §2 in code."""

from __future__ import annotations

from dataclasses import dataclass, field

ID_PATTERN = r"^[a-z0-9_-]+$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
JENIS = ("administratif", "teknis")
SIFAT = ("pelayanan", "rutin", "penugasan")
KERTAS = ("A4", "F4", "Letter", "Legal")
BAHASA = ("id", "en")


@dataclass(frozen=True)
class F:
    """One key of a mapping.

    kind: str (non-empty text), text (may be empty), date, enum, strlist (string or list
    of strings), bool, nip, duration, actors (id or list of ids), target, cabang
    (label → target), pelaksana (id → label), links (keterkaitan), kegiatan, codes,
    map (nested ``fields``), strmap (free keys → string), int, number, regex, aturan,
    strlist_or_list.
    """

    kind: str
    required: bool = False
    doc: str = ""
    enum: tuple[str, ...] = ()
    fields: dict[str, "F"] = field(default_factory=dict)
    pattern: str | None = None


TANGGAL = {
    "pembuatan": F("date", True, "Tanggal pembuatan (YYYY-MM-DD): saat penyusunan selesai"),
    "revisi": F("date", False, "Tanggal revisi atau rencana tanggal tinjau (YYYY-MM-DD)"),
    "efektif": F("date", True, "Tanggal efektif (YYYY-MM-DD) = tanggal penandatanganan"),
}

DISAHKAN = {
    "jabatan": F("text", True, "Nomenklatur jabatan pejabat yang mengesahkan"),
    "nama": F("text", True, "Nama pejabat yang mengesahkan"),
    "nip": F("nip", False, "NIP 18 digit, dalam tanda kutip; spasi boleh"),
    "pangkat": F("text", False, "Pangkat/golongan"),
}

ACTIVITY = {
    "uraian": F("str", True, "Uraian kegiatan: kata kerja di depan, tanpa subjek"),
    "pelaksana": F("actors", True, "Id pelaksana (kolom), atau daftar id untuk kegiatan bersama"),
    "id": F("str", False, "Nama tetap untuk rujukan (huruf kecil, angka, _ atau -)", pattern=ID_PATTERN),
    "kelengkapan": F("strlist", False, "Mutu baku: kelengkapan/persyaratan"),
    "waktu": F("duration", False, "Mutu baku: waktu, misalnya '15 menit', '1-2 hari kerja'"),
    "output": F("text", False, "Mutu baku: output"),
    "keterangan": F("text", False, "Keterangan"),
    "cabang": F("cabang", False, "Menjadikan kegiatan keputusan: label → tujuan"),
    "pertanyaan": F("str", False, "Teks singkat di dalam belah ketupat (hanya dengan cabang)"),
    "ke": F("target", False, "Kegiatan berikutnya: id, nomor, atau 'selesai'"),
    "mulai": F("bool", False, "Menandai titik mulai tambahan"),
    "abaikan": F("codes", False, "Kode aturan yang diabaikan untuk kegiatan ini"),
}

SOP = {
    "nomor": F("str", True, "Nomor SOP menurut tata naskah dinas unit"),
    "nama": F("str", True, "Nama/judul SOP"),
    "unit": F("str", False, "Unit kerja; wajib bila sopc.yaml memuat beberapa unit"),
    "jenis": F("enum", False, "administratif (beberapa pelaksana) | teknis (satu pelaksana)", enum=JENIS),
    "sifat": F("enum", False, "pelayanan | rutin | penugasan", enum=SIFAT),
    "batas_waktu": F("duration", False, "Batas waktu standar pelayanan"),
    "kertas": F("enum", False, "Ukuran kertas untuk SOP ini", enum=KERTAS),
    "tte": F("bool", False, "true: pojok kiri bawah setiap halaman PDF dikosongkan untuk QR dan "
             "catatan tanda tangan elektronik (TTE); menimpa 'tte' di sopc.yaml"),
    "tanggal": F("map", True, "Tanggal pembuatan, revisi, efektif", fields=TANGGAL),
    "disahkan_oleh": F("map", True, "Pejabat yang mengesahkan", fields=DISAHKAN),
    "dasar_hukum": F("strlist", True, "Dasar hukum (tidak boleh kosong)"),
    "kualifikasi_pelaksana": F("strlist", True, "Kualifikasi pelaksana ([] bila tidak ada)"),
    "keterkaitan": F("links", True, "SOP terkait: nomor/nama SOP di repositori, atau {eksternal: ...}"),
    "peralatan": F("strlist", True, "Peralatan/perlengkapan"),
    "peringatan": F("strlist", True, "Peringatan"),
    "pencatatan": F("strlist", True, "Pencatatan dan pendataan"),
    "pelaksana": F("pelaksana", True, "Kolom pelaksana, kiri ke kanan: id → label"),
    "kegiatan": F("kegiatan", True, "Kegiatan, urut baris"),
    "abaikan": F("codes", False, "Kode aturan yang diabaikan untuk seluruh berkas"),
}

CONFIG = {
    "instansi": F("map", True, "Identitas instansi", fields={
        "nama": F("str", True, "Nama instansi"),
        "satuan_kerja": F("text", False, "Satuan kerja, dicetak di kepala identitas"),
        "logo": F("str", False, "Berkas logo (PNG/JPEG/SVG) di dalam repositori"),
        "alamat": F("text", False, "Alamat"),
    }),
    "unit": F("strlist", False, "Daftar unit kerja"),
    "nomor": F("regex", False, "Pola (regex) nomor SOP"),
    "kertas": F("enum", False, "Ukuran kertas (lanskap)", enum=KERTAS),
    "bahasa": F("enum", False, "Bahasa pesan dan label", enum=BAHASA),
    "wilayah": F("str", False, "Wilayah untuk aturan yurisdiksi Perda/Perbup/Perwal"),
    "tinjau_bulan": F("int", False, "Periode tinjau dalam bulan (bawaan 12)"),
    "waktu": F("map", False, "Aritmetika waktu kerja", fields={
        "jam_per_hari": F("number", False, "Jam kerja per hari (bawaan 7.5)"),
        "hari_per_minggu": F("number", False, "Hari kerja per minggu (bawaan 5)"),
        "hari_per_bulan": F("number", False, "Hari kerja per bulan (bawaan 22)"),
    }),
    "jabatan": F("strlist", False, "Daftar label jabatan yang sah"),
    "pihak_luar": F("strlist", False, "Label pelaksana di luar organisasi"),
    "istilah": F("strmap", False, "Glosarium singkatan: SINGKATAN → kepanjangan"),
    "dasar_hukum_dicabut": F("strmap", False, "Peraturan yang dicabut → penggantinya"),
    "kosakata": F("map", False, "Tambahan daftar kata KJ01/KJ02", fields={
        "kata_kerja": F("strlist", False, "Kata dasar/pinjaman yang diterima sebagai kata kerja di awal uraian"),
        "kata_benda": F("strlist", False, "Kata yang tidak pernah dianggap kata kerja"),
    }),
    "hierarki": F("strmap", False, "Jenis peraturan tambahan (awal teks jenis) → jenis bawaan yang setingkat (mis. PERDIRJEN) atau peringkat 1-15"),
    "aturan": F("aturan", False, "Konfigurasi aturan: KODE → {level, opsi}"),
    "keluaran": F("str", False, "Folder keluaran sopc build (bawaan _site)"),
    "tte": F("bool", False, "true: pojok kiri bawah setiap halaman PDF dikosongkan untuk QR dan "
             "catatan tanda tangan elektronik (TTE, BSrE)"),
    "nomor_kolom": F("bool", False, "true: baris nomor kolom (1, 2, 3, ...) dicetak di bawah kepala "
                     "tabel prosedur"),
}
