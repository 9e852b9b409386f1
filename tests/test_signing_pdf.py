"""The PDF of an SOP is the document that gets signed (OUTPUT.md §1, issue 15 item 5):
read back page by page. Identity + procedure pages only, the identity on one page on
Letter, A4 and Legal with long real-shaped content, one page-number scheme, DRAF only
with --paksa + errors, the TTE box empty with ``tte: true``, the column-number row with
``nomor_kolom: true``; books follow the same rules. A PDF/A signed by a test
certificate as an incremental update keeps a valid signature and its PDF/A
identification."""

from __future__ import annotations

import io
import re
import shutil

import pytest

from build_helpers import EXAMPLES
from sopc.render import printed
from sopc.render.printed import TTE_BOX
from sopc.site.pdf import render as pdfmod
from test_site_helpers import act, build_site, sop, write_repo

pytestmark = pytest.mark.slow

pypdf = pytest.importorskip("pypdf")
pdfplumber = pytest.importorskip("pdfplumber")

# --------------------------------------------------------------------------- fixture

DASAR = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Republik "
    "Indonesia Tahun 2009 Nomor 112, Tambahan Lembaran Negara Republik Indonesia Nomor 5038)",
    "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan sebagaimana telah "
    "diubah dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah "
    "Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang",
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 "
    "Tahun 2009 tentang Pelayanan Publik",
    "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
    "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020",
    "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025",
    "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
    "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun "
    "2014 tentang Pedoman Standar Pelayanan",
    "Peraturan Badan Pusat Statistik Nomor 5 Tahun 2019 tentang Tata Naskah Dinas di "
    "Lingkungan Badan Pusat Statistik",
    "Peraturan Gubernur Nomor 44 Tahun 2021 tentang Kedudukan, Susunan Organisasi, Tugas dan "
    "Fungsi, serta Tata Kerja Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Keputusan Kepala Dinas Nomor 800/112/DPMPTSP/2025 tentang Penetapan Standar Operasional "
    "Prosedur di Lingkungan Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
]
KUALIFIKASI = [
    "Minimal berpendidikan D-III/S-1 semua jurusan, diutamakan administrasi negara atau hukum",
    "Memahami tugas pokok dan fungsi unit kerja serta ketentuan pelayanan publik yang berlaku",
    "Mampu mengoperasikan komputer, aplikasi perkantoran dan aplikasi tata naskah dinas elektronik",
    "Mampu berkomunikasi secara lisan dan tertulis dengan santun kepada pengguna layanan",
    "Telah mengikuti bimbingan teknis pelayanan prima dan pengelolaan pengaduan masyarakat",
]
PERALATAN = ["Komputer/laptop dan printer", "Jaringan internet dan intranet kantor",
             "Aplikasi tata naskah dinas elektronik (TNDE)", "Buku agenda surat masuk dan keluar",
             "Lemari arsip dan map ordner", "Telepon, faksimile dan surat elektronik ppid@contoh.go.id",
             "Alat tulis kantor", "Stempel dinas dan bantalan tinta"]
PERINGATAN = [
    "Jika berkas tidak lengkap, permohonan dikembalikan kepada pemohon disertai catatan "
    "kekurangan persyaratan dan tidak dicatat dalam register",
    "Jika SOP ini tidak dilaksanakan, pelayanan terlambat, pengaduan tidak tertangani dan "
    "standar pelayanan yang telah ditetapkan tidak terpenuhi",
    "Kerahasiaan data pribadi pemohon wajib dijaga sesuai peraturan perundang-undangan",
    "Setiap keterlambatan penyelesaian lebih dari batas waktu dilaporkan kepada atasan langsung",
]
PENCATATAN = ["Register permohonan dan tanda terima berkas", "Berita acara pemeriksaan lapangan",
              "Arsip elektronik surat izin dalam aplikasi", "Laporan bulanan kinerja pelayanan",
              "Rekapitulasi survei kepuasan masyarakat"]


def _long_sop(nomor: str, kertas: str, wilayah: str, **extra) -> dict:
    d = sop(nomor, "Pelayanan Penerbitan Surat Keterangan dan Rekomendasi Teknis Perizinan "
                   f"Berusaha Berbasis Risiko bagi Pelaku Usaha Mikro, Kecil dan Menengah {wilayah}",
            "Bagian Umum",
            {"pemohon": "Pemohon", "loket": "Petugas Loket Pelayanan", "verif": "Verifikator",
             "kasi": "Kepala Seksi Pelayanan Perizinan", "kadis": "Kepala Dinas"},
            [act("Mengajukan permohonan beserta berkas persyaratan di loket pelayanan", "pemohon"),
             act("Memeriksa kelengkapan berkas persyaratan permohonan", "loket", id="periksa",
                 cabang={"Lengkap": "verif", "Belum lengkap": 1}),
             act("Memverifikasi dokumen teknis permohonan", "verif", "1 hari kerja", id="verif"),
             act("Memeriksa dan memaraf konsep surat keterangan", "kasi", "1 jam"),
             act("Menandatangani surat keterangan", "kadis", "1 jam"),
             act("Menyerahkan surat keterangan kepada pemohon", "loket", "15 menit")],
            ["SOP-104/UJI/2025", {"eksternal": "SOP Penerbitan Rekomendasi Teknis, Dinas Pekerjaan Umum"},
             {"eksternal": "SOP Pengelolaan Pengaduan Masyarakat, Inspektorat Daerah"}],
            kertas=kertas, dasar_hukum=list(DASAR), kualifikasi_pelaksana=list(KUALIFIKASI),
            peralatan=list(PERALATAN), peringatan=list(PERINGATAN), pencatatan=list(PENCATATAN))
    d["disahkan_oleh"] = {"jabatan": "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu "
                                     "Pintu Provinsi Contoh", "nama": "Dr. Ir. Siti Rahmawati, M.Si.",
                          "nip": "197203151998031004", "pangkat": "Pembina Utama Muda (IV/c)"}
    d.update(extra)
    return d


SOPS = {
    "umum/letter.sop.yaml": _long_sop("SOP-101/UJI/2025", "Letter", "Wilayah Utara"),
    "umum/a4.sop.yaml": _long_sop("SOP-102/UJI/2025", "A4", "Wilayah Tengah"),
    "umum/legal.sop.yaml": _long_sop("SOP-103/UJI/2025", "Legal", "Wilayah Selatan"),
    # too long for one page even at the floor: the identity runs on, rows kept whole
    "umum/panjang.sop.yaml": _long_sop("SOP-105/UJI/2025", "A4", "Wilayah Barat",
                                       dasar_hukum=DASAR + [t + " (perubahan)" for t in DASAR[:6]],
                                       peringatan=[f"{t} (ketentuan {k})" for k in (1, 2, 3) for t in PERINGATAN]),
    # KP01 (a NIP of 3 digits) is an error: rendered only with --paksa, marked DRAF
    "umum/draf.sop.yaml": sop("SOP-104/UJI/2025", "Pengarsipan Surat", "Bagian Umum",
                              {"arsip": "Arsiparis"},
                              [act("Menerima surat untuk diarsipkan", "arsip"),
                               act("Menyimpan surat dalam lemari arsip", "arsip")],
                              disahkan_oleh={"jabatan": "Kepala Dinas", "nama": "Budi", "nip": "123"},
                              tte=False),
}
CONFIG = {"instansi": {"nama": "Pemerintah Provinsi Contoh",
                       "satuan_kerja": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                       "logo": "logo.png"},
          "unit": ["Bagian Umum"], "pihak_luar": ["Pemohon"], "tte": True, "nomor_kolom": True}
SUMMARY_WORDS = ("Ringkasan", "Temuan pemeriksaan", "Jumlah kegiatan", "Waktu jalur", "KP01",
                 "Tidak ada temuan")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_repo(tmp_path_factory.mktemp("sign") / "r", SOPS, CONFIG)
    shutil.copy(EXAMPLES / "aset" / "logo.png", root / "logo.png")
    res = build_site(root, pdf=True, jobs=2)
    assert res.files, res.messages
    return res


def _pdf(site, nomor: str) -> tuple[bytes, str]:
    page = next(p for p in site.pages if p.sop.nomor == nomor)
    assert page.rendered, page.skipped_reason
    return site.files[page.relpath[:-5] + ".pdf"], site.files[page.relpath].decode()


def _texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return [p.extract_text(x_tolerance=1.5) or "" for p in doc.pages]


def _draf_pages(data: bytes) -> list[bool]:
    """Per page: the large letters D, R, A, F of the watermark are there."""
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return [sorted(c["text"] for c in p.chars if c["size"] > 30) == ["A", "D", "F", "R"]
                for p in doc.pages]


ALL = ("SOP-101/UJI/2025", "SOP-102/UJI/2025", "SOP-103/UJI/2025", "SOP-104/UJI/2025")
LONG = ALL[:3]


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("nomor", ALL)
def test_identity_and_procedure_pages_only(site, nomor):
    data, html = _pdf(site, nomor)
    procedure_pages = html.count('class="lembar halaman-prosedur"')
    assert procedure_pages >= 1
    texts = _texts(data)
    assert len(texts) == 1 + procedure_pages, "identity on one page + the procedure pages"
    for word in SUMMARY_WORDS:
        assert not any(word in t for t in texts), word
    # the summary stays in the HTML page
    assert "Ringkasan" in html


@pytest.mark.parametrize("nomor", LONG)
def test_identity_is_one_page_with_long_content(site, nomor):
    data, html = _pdf(site, nomor)
    texts = [" ".join(t.split()) for t in _texts(data)]
    first = texts[0]
    for needle in ("DASAR HUKUM", "PENCATATAN DAN PENDATAAN", "Rekapitulasi survei kepuasan",
                   "Lingkungan Dinas Penanaman Modal", "197203151998031004"[:8]):
        assert needle in first, needle
    assert "Kegiatan" not in first                   # the procedure starts on page 2
    assert nomor in texts[1] and "Kegiatan" in texts[1]
    assert not next(p for p in site.pages if p.sop.nomor == nomor).forced
    # the long content needed smaller text, but not below the floor
    m = re.search(r'class="identitas ukuran-(\d+)', html)
    assert m and 65 <= int(m.group(1)) <= 85


@pytest.mark.parametrize("nomor", ALL)
def test_one_page_number_scheme(site, nomor):
    data, _html = _pdf(site, nomor)
    texts = _texts(data)
    n = len(texts)
    for i, t in enumerate(texts, start=1):
        assert re.findall(r"(\d+)\s+dari\s+(\d+)", t) == [(str(i), str(n))], t[-300:]
        assert "Halaman prosedur" not in t


def test_draf_only_with_paksa_and_errors(site):
    data, html = _pdf(site, "SOP-104/UJI/2025")
    assert all(_draf_pages(data))
    assert 'class="peringatan-paksa' in html         # the HTML page says so as well
    for nomor in LONG:
        data, html = _pdf(site, nomor)
        assert not any(_draf_pages(data)), nomor
        assert "sopc-draf" not in html


def test_identity_too_long_keeps_its_rows_whole(site):
    data, html = _pdf(site, "SOP-105/UJI/2025")
    assert "ukuran-65 rapat" in html                  # the floor
    texts = [" ".join(t.split()) for t in _texts(data)]
    assert len(texts) == 2 + html.count('class="lembar halaman-prosedur"')
    assert "DASAR HUKUM" in texts[0] and "Reformasi Birokrasi 2010-2025 (perubahan)" in texts[0]
    # the Peringatan | Pencatatan row moved whole to the next page
    assert "PERINGATAN:" not in texts[0] and "PERINGATAN:" in texts[1]
    assert "atasan langsung (ketentuan 3)" in texts[1] and "Rekapitulasi survei kepuasan" in texts[1]


def _table_height(doc) -> float:
    """Height in pt of the identity table as WeasyPrint laid it out on page 1."""
    def walk(box):
        yield box
        for child in getattr(box, "children", None) or ():
            yield from walk(child)

    for box in walk(doc.pages[0]._page_box):
        el = getattr(box, "element", None)
        if el is not None and el.tag == "table" and "identitas" in (el.get("class") or "") \
                and type(box).__name__ == "TableBox":
            return box.height * 0.75
    raise AssertionError("no identity table")


@pytest.mark.parametrize("nomor", LONG)
def test_identity_estimate_errs_on_the_tall_side(site, nomor):
    from sopc.render.identity import PageInput, sop_context

    page = next(p for p in site.pages if p.sop.nomor == nomor)
    html = site.files[page.relpath]
    doc = pdfmod.render_document(html, page.relpath, None, files=site.files)
    actual = _table_height(doc)
    repo = site_repo(site)
    ctx = sop_context(page.sop, repo, PageInput(relpath=page.relpath, paper=page.paper, logo="aset/logo.png"))
    inst = ctx["instansi"]
    kop = {"logo": True, "lines": [(inst["nama"], 10.5, True), (inst["satuan_kerja"], 9.5, True),
                                   (inst["unit"], 9.5, False)]}
    level = next(lv for lv in printed.LEVELS if html.decode().count(f'class="identitas {lv.css_class}"'))
    estimate = printed.identity_height(ctx["identity"], kop, page.paper, level, ctx["L"])
    room = printed.size_pt(page.paper)[1] - printed.PAGE_MARGIN - printed.bottom_margin(True)
    assert actual <= estimate <= room, (actual, estimate, room)


def site_repo(site):
    from sopc.loader import load_repository

    return load_repository(site.out_dir.parent, use_cache=False).repo


def _in_tte_box(page) -> list:
    w, h = TTE_BOX
    objs = page.chars + page.rects + page.lines + page.curves + page.images
    return [o for o in objs if o["x0"] < w and o["y0"] < h and o["x1"] > 0 and o["y1"] > 0]


@pytest.mark.parametrize("nomor", LONG)
def test_tte_box_is_empty(site, nomor):
    data, _html = _pdf(site, nomor)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for page in doc.pages:
            hits = _in_tte_box(page)
            assert not hits, [(o.get("object_type"), o.get("text"), round(o["x0"]), round(o["y0"]))
                              for o in hits[:5]]


def test_tte_off_uses_the_normal_margin(site):
    _data, html = _pdf(site, "SOP-104/UJI/2025")  # tte: false overrides sopc.yaml
    assert "margin: 12mm 12mm 34.02pt" in html
    _data, html = _pdf(site, "SOP-101/UJI/2025")
    assert "margin: 12mm 12mm 53.34pt" in html


def test_column_number_row(site):
    data, _html = _pdf(site, "SOP-101/UJI/2025")
    text = " ".join(_texts(data)[1].split())
    ncols = 6 + 5                                     # No, Kegiatan, 5 actors, Mutu Baku (3), Keterangan
    assert " ".join(str(k) for k in range(1, ncols + 1)) in text


def test_book_follows_the_same_rules(site):
    book = site.files["buku-sop.pdf"]
    texts = _texts(book)
    for word in SUMMARY_WORDS:
        assert not any(word in t for t in texts), word
    sop_pages = sum(len(_texts(_pdf(site, n)[0])) for n in ALL + ("SOP-105/UJI/2025",))
    assert len(texts) == 2 + sop_pages                # cover, daftar isi, the SOPs
    draf = _draf_pages(book)
    assert sum(draf) == len(_texts(_pdf(site, "SOP-104/UJI/2025")[0]))
    for i, t in enumerate(texts[1:], start=2):
        assert re.findall(r"(\d+)\s+dari\s+(\d+)", t) == [(str(i), str(len(texts)))]


# --------------------------------------------------------------------------- signing


def _test_signer():
    """A self-signed test certificate and pyHanko signer (made here, never stored)."""
    import datetime as dt

    from asn1crypto import keys as akeys
    from asn1crypto import x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Uji TTE sopc"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Provinsi Contoh")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    acert = ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    akey = akeys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signer = signers.SimpleSigner(signing_cert=acert, signing_key=akey,
                                  cert_registry=SimpleCertificateStore.from_certs([acert]))
    return signer, acert


def test_pdfa_keeps_a_valid_signature_after_an_incremental_update(site):
    pytest.importorskip("pyhanko", reason="pyHanko (test extra) not installed")
    pikepdf = pytest.importorskip("pikepdf")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    page = next(p for p in site.pages if p.sop.nomor == "SOP-102/UJI/2025")
    original = pdfmod.html_to_pdf(site.files[page.relpath], page.relpath, None, pdfa=True,
                                  files=site.files, today="2026-11-28")
    signer, cert = _test_signer()
    writer = IncrementalPdfFileWriter(io.BytesIO(original))
    signed = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="TTE", reason="Disahkan"),
                              signer=signer).getvalue()

    assert signed[: len(original)] == original        # an incremental update: bytes kept
    reader = PdfFileReader(io.BytesIO(signed))
    assert len(reader.embedded_signatures) == 1
    status = validate_pdf_signature(reader.embedded_signatures[0], ValidationContext(trust_roots=[cert]))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE" and not status.modification_level.name == "OTHER"

    with pikepdf.open(io.BytesIO(signed)) as pdf:     # still identifies as PDF/A-3b
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "3" and meta.get("pdfaid:conformance") == "B"
        assert "/OutputIntents" in pdf.Root
        assert len(pdf.pages) == 1 + site.files[page.relpath].decode().count('class="lembar halaman-prosedur"')
