"""A large SOP book is laid out in parts (cover + daftar isi, then each SOP with the
book's page numbers) and joined, so that its memory does not grow with the number of
SOPs. The joined book must read exactly like a book laid out in one piece: page
footers, daftar isi numbers and links, papers, PDF/A markers, determinism."""

from __future__ import annotations

import io
import re

import pytest

from sopc.site.pdf import book
from test_pdf import MM, flat, pdfplumber, pypdf, sample_pdf_site
from test_pdf import page_texts as raw_texts
from test_site_helpers import TODAY, build_site, sample_sops, write_repo

pytestmark = pytest.mark.slow


def page_texts(data: bytes) -> list[str]:
    return [flat(t) for t in raw_texts(data)]


@pytest.fixture(scope="module")
def parts():
    saved = book.MAX_SOPS_IN_ONE_PIECE
    book.MAX_SOPS_IN_ONE_PIECE = 1          # every book of two or more SOPs in parts
    try:
        yield
    finally:
        book.MAX_SOPS_IN_ONE_PIECE = saved


@pytest.fixture(scope="module")
def site(parts, tmp_path_factory):
    return sample_pdf_site(tmp_path_factory)


def test_footers_count_the_whole_book(site):
    texts = page_texts(site.files["buku-sop.pdf"])
    n = len(texts)
    assert n == 1 + 1 + sum(len(pypdf.PdfReader(io.BytesIO(site.files[p.pdf_relpath])).pages)
                            for p in site.pages)
    assert "Halaman" not in texts[0]                 # the cover
    for i, t in enumerate(texts[1:], start=2):
        assert f"Halaman {i} dari {n}" in t, (i, t[-80:])


def test_daftar_isi_numbers_and_links_point_at_each_sop(site):
    data = site.files["buku-sop.pdf"]
    texts = page_texts(data)
    assert "BUKU STANDAR OPERASIONAL PROSEDUR" in texts[0] and "Daftar Isi" in texts[1]
    with pdfplumber.open(io.BytesIO(data)) as doc:
        words = doc.pages[1].extract_words(x_tolerance=1.5)
    entries = {}
    for w in words:
        if re.fullmatch(r"SOP-\d{3}/UJI/2025", w["text"]):
            same_line = [v for v in words if abs(v["top"] - w["top"]) < 2 and v["text"].isdigit()]
            entries[w["text"]] = int(max(same_line, key=lambda v: v["x0"])["text"])
    assert sorted(entries) == sorted(p.sop.nomor for p in site.pages)
    for nomor, page_no in entries.items():
        first = next(k for k in range(2, len(texts)) if f"Nomor SOP {nomor}" in texts[k]) + 1
        assert first == page_no, (nomor, first, page_no)

    reader = pypdf.PdfReader(io.BytesIO(data))
    targets = []
    for annot in reader.pages[1].get("/Annots") or []:
        a = annot.get_object()
        assert "/URI" not in (a.get("/A") or {})
        dest = a.get("/Dest")
        if dest is not None:
            targets.append(reader.get_page_number(dest[0].get_object()) + 1)
    assert len(targets) == 2 * len(site.pages)       # nama and page number of each entry
    assert sorted(set(targets)) == sorted(entries.values())
    outline = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline
               if not isinstance(item, list)]
    assert sorted(p for _t, p in outline if _t.startswith("SOP-")) == sorted(entries.values())


def test_unit_book_and_papers(site):
    reader = pypdf.PdfReader(io.BytesIO(site.files["buku-sop.pdf"]))
    assert {round(float(p.mediabox.width) / MM) for p in reader.pages} == {297, 330}
    unit = page_texts(site.files["buku-sop-bagian-umum.pdf"])
    assert "Bagian Umum" in unit[0] and all(f"dari {len(unit)}" in t for t in unit[1:])


def test_pdfa_and_determinism(parts, tmp_path):
    sops = sample_sops()
    root = write_repo(tmp_path / "r", {k: v for k, v in sops.items() if k.startswith("umum/")})
    a = build_site(root, pdfa=True, jobs=1)
    b = build_site(root, pdfa=True, jobs=2)
    assert a.files["buku-sop.pdf"] == b.files["buku-sop.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(a.files["buku-sop.pdf"]))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", xmp) and "2026-11-28" in xmp
    assert reader.trailer["/Root"]["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert "pypdf" not in str(reader.metadata.get("/Producer", ""))
    assert len(reader.pages) > 3 and TODAY.year


def test_links_between_sops_lead_to_their_first_pages(site):
    """SOP-001 lists SOP-002 and SOP-003 in its keterkaitan: in the book those are links
    to the pages where they begin, as in a book laid out in one piece."""
    data = site.files["buku-sop.pdf"]
    texts = page_texts(data)
    first = {n: next(k for k in range(2, len(texts)) if f"Nomor SOP {n}" in texts[k])
             for n in ("SOP-001/UJI/2025", "SOP-002/UJI/2025", "SOP-003/UJI/2025")}
    reader = pypdf.PdfReader(io.BytesIO(data))
    dests = set()
    for annot in reader.pages[first["SOP-001/UJI/2025"]].get("/Annots") or []:
        dest = annot.get_object().get("/Dest")
        if dest is not None:
            dests.add(reader.get_page_number(dest[0].get_object()))
    assert {first["SOP-002/UJI/2025"], first["SOP-003/UJI/2025"]} <= dests


def test_a_failing_part_names_the_book_and_the_sop(parts, tmp_path, monkeypatch):
    from sopc.site.pdf import render as pdfmod

    real = pdfmod.render_document

    def broken(html, base_url, *a, **k):
        if "counter-reset: page" in (html.decode("utf-8", "replace") if isinstance(html, bytes) else html):
            raise RuntimeError("rusak")
        return real(html, base_url, *a, **k)

    monkeypatch.setattr(pdfmod, "render_document", broken)
    root = write_repo(tmp_path / "r", {k: v for k, v in sample_sops().items() if k.startswith("umum/")})
    res = build_site(root, pdf=True, jobs=1)
    text = " ".join(m.id for m in res.messages)
    assert "buku-sop.pdf (bagian-umum/sop-001-uji-2025.html): RuntimeError: rusak" in text
    assert "buku-sop.pdf" not in res.files and "#" not in text
    assert "bagian-umum/sop-001-uji-2025.pdf" in res.files       # the SOPs' own PDFs still made
