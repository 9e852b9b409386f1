"""PDF output (WeasyPrint): paper sizes, embedded fonts, extractable text, page
footers, PDF/A-3b markers, determinism, the SOP book's table of contents."""

from __future__ import annotations

import io
import re

import pytest

from sopc.site.options import PdfSettings
from sopc.site.pdf import render as pdfmod
from test_site_helpers import CONFIG, TODAY, build_site, sample_sops, write_repo

pytestmark = pytest.mark.slow

pypdf = pytest.importorskip("pypdf")
pdfplumber = pytest.importorskip("pdfplumber")

MM = 72 / 25.4


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return [(p.extract_text(x_tolerance=1.5) or "") for p in doc.pages]


def flat(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return sample_pdf_site(tmp_path_factory)


def sample_pdf_site(tmp_path_factory):
    """The sample repository (hostile texts, one F4 SOP) built with PDFs."""
    sops = sample_sops(hostile=True)
    sops["layanan/s3.sop.yaml"]["kertas"] = "F4"
    root = write_repo(tmp_path_factory.mktemp("repo") / "r", sops)
    res = build_site(root, pdf=True, jobs=2)
    assert not res.messages or all("PDF" not in m.id for m in res.messages), res.messages
    return res


def test_pdfs_written(site):
    for rel in ("bagian-umum/sop-001-uji-2025.pdf", "bagian-layanan/sop-003-uji-2025.pdf",
                "formulir/monitoring-bagian-umum.pdf", "formulir/evaluasi-bagian-layanan.pdf",
                "buku-sop.pdf", "buku-sop-bagian-umum.pdf", "buku-sop-bagian-layanan.pdf"):
        assert rel in site.files and site.files[rel].startswith(b"%PDF-"), rel
    index = site.files["index.html"].decode()
    assert 'href="bagian-umum/sop-001-uji-2025.pdf"' in index
    assert 'href="buku-sop.pdf"' in index and 'href="buku-sop-bagian-umum.pdf"' in index
    assert 'href="formulir/monitoring-bagian-umum.pdf"' in index


def test_sop_paper_landscape(site):
    a4 = pypdf.PdfReader(io.BytesIO(site.files["bagian-umum/sop-001-uji-2025.pdf"]))
    f4 = pypdf.PdfReader(io.BytesIO(site.files["bagian-layanan/sop-003-uji-2025.pdf"]))
    for reader, (w, h) in ((a4, (297, 210)), (f4, (330, 215))):
        for page in reader.pages:
            box = page.mediabox
            assert float(box.width) == pytest.approx(w * MM, abs=1)
            assert float(box.height) == pytest.approx(h * MM, abs=1)


@pytest.mark.parametrize("paper, size", [("A4", (297, 210)), ("F4", (330, 215)),
                                         ("Letter", (279.4, 215.9)), ("Legal", (355.6, 215.9))])
def test_html_to_pdf_papers(site, paper, size):
    rel = "formulir/monitoring-bagian-umum.html"
    data = pdfmod.html_to_pdf(site.files[rel], rel, paper, files=site.files)
    reader = pypdf.PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)       # landscape
    assert float(box.width) == pytest.approx(size[0] * MM, abs=1)
    assert float(box.height) == pytest.approx(size[1] * MM, abs=1)


def test_fonts_embedded_and_text_extractable(site):
    data = site.files["formulir/monitoring-bagian-umum.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = []
    for page in reader.pages:
        res = page["/Resources"]
        for _name, ref in (res.get("/Font") or {}).items():
            font = ref.get_object()
            desc = font.get("/DescendantFonts")
            desc = desc[0].get_object() if desc else font
            fd = desc["/FontDescriptor"].get_object()
            fonts.append((str(fd["/FontName"]), any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(emb for _n, emb in fonts), fonts
    assert any("DejaVu" in n or "Sopc" in n for n, _e in fonts), fonts
    text = flat(" ".join(page_texts(data)))
    assert "Tabel 7 Monitoring Pelaksanaan SOP AP" in text
    assert "SOP-001/UJI/2025" in text and "Penerimaan Surat" in text
    assert "Semester II 2026" in text


def test_halaman_x_dari_y(site):
    for rel in ("bagian-umum/sop-001-uji-2025.pdf", "formulir/evaluasi-bagian-layanan.pdf", "buku-sop.pdf"):
        texts = page_texts(site.files[rel])
        n = len(texts)
        for i, t in enumerate(texts, start=1):
            if rel == "buku-sop.pdf" and i == 1:
                assert "Halaman" not in t          # the cover has no footer
                continue
            assert f"Halaman {i} dari {n}" in t, (rel, i)


def test_every_uraian_in_sop_pdf(site):
    for page in site.pages:
        text = flat(" ".join(page_texts(site.files[page.pdf_relpath])))
        for a in page.sop.kegiatan:
            assert flat(a.uraian) in text, (page.relpath, a.uraian)


def test_book_toc_points_at_the_right_pages(site):
    data = site.files["buku-sop.pdf"]
    texts = [flat(t) for t in page_texts(data)]
    assert "BUKU STANDAR OPERASIONAL PROSEDUR" in texts[0]
    assert "Pemerintah Kabupaten Uji" in texts[0] and str(TODAY.year) in texts[0]
    toc_pages = [i for i, t in enumerate(texts) if "Daftar Isi" in t]
    assert toc_pages == [1]
    with pdfplumber.open(io.BytesIO(data)) as doc:
        words = doc.pages[1].extract_words(x_tolerance=1.5)
    entries = []
    for w in words:
        if re.fullmatch(r"SOP-\d{3}/UJI/2025", w["text"]):
            same_line = [v for v in words if abs(v["top"] - w["top"]) < 2 and v["text"].isdigit()]
            entries.append((w["text"], max(same_line, key=lambda v: v["x0"])["text"]))
    nomors = [p.sop.nomor for p in site.pages]
    assert sorted(n for n, _p in entries) == sorted(nomors)
    last = 0
    for nomor, page_no in entries:
        page_no = int(page_no)
        # the SOP starts on the page whose identity table prints "Nomor SOP <nomor>"
        # (the nomor alone also appears in other SOPs' keterkaitan)
        first = next(k for k in range(2, len(texts)) if f"Nomor SOP {nomor}" in texts[k]) + 1
        assert first == page_no, (nomor, first, page_no)
        assert page_no > last
        last = page_no


def test_book_ids_unique_and_paper_kept(site):
    from sopc.site.pdf.book import book_entries, book_html
    from sopc.site.pages import page_infos

    class State:
        pages = site.pages

    entries = book_entries(site.pages[0].sop and _repo(site), page_infos(_repo(site), State), site.files)
    html = book_html(entries[0][1], config=_repo(site).config, unit=None, today=TODAY,
                     css_href="aset/sopc.css", logo=None, paper="A4")
    ids = re.findall(r'\bid="([^"]*)"', html)
    assert len(ids) == len(set(ids))
    # (a named page per paper; "-draf" when the SOP was rendered with --paksa despite errors)
    assert re.search(r"@page kertas-f4(-draf)? \{ size: 330mm 215mm;", html)
    # the F4 SOP keeps its paper inside the book
    reader = pypdf.PdfReader(io.BytesIO(site.files["buku-sop.pdf"]))
    widths = {round(float(p.mediabox.width) / MM) for p in reader.pages}
    assert widths == {297, 330}


def _repo(site):
    from sopc.core.model import Repository

    return Repository(site.pages[0].sop and _config(site), [p.sop for p in site.pages])


def _config(site):
    from sopc.loader import load_config_text
    import yaml

    cfg, _ = load_config_text(yaml.safe_dump(CONFIG))
    return cfg


def test_pdfa_markers_and_determinism(tmp_path):
    root = write_repo(tmp_path / "r", {"umum/s2.sop.yaml": sample_sops()["umum/s2.sop.yaml"]})
    a = build_site(root, pdfa=True, jobs=1)
    b = build_site(root, pdfa=True, jobs=2)
    rel = "bagian-umum/sop-002-uji-2025.pdf"
    assert a.files[rel] == b.files[rel]
    assert a.files["buku-sop.pdf"] == b.files["buku-sop.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(a.files[rel]))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")B", xmp)
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents and intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "2026-11-28" in xmp                        # the date is --today, not the clock


def test_plain_pdf_is_deterministic(site):
    rel = "formulir/monitoring-bagian-umum.html"
    a = pdfmod.html_to_pdf(site.files[rel], rel, "A4", files=site.files, today=TODAY)
    b = pdfmod.html_to_pdf(site.files[rel], rel, "A4", files=site.files, today=TODAY)
    assert a == b


def test_render_pdfs_api(site):
    html = {r: site.files[r] for r in ("formulir/monitoring-bagian-umum.html",
                                        "formulir/evaluasi-bagian-umum.html")}
    one = pdfmod.render_pdfs(html, site.files, PdfSettings(jobs=1))
    two = pdfmod.render_pdfs(html, site.files, PdfSettings(jobs=2))
    assert set(one) == {"formulir/monitoring-bagian-umum.pdf", "formulir/evaluasi-bagian-umum.pdf"}
    assert one == two


def test_fetcher_refuses_outside_urls():
    files = {"aset/x.css": b"p{}"}
    assert pdfmod._resolve(pdfmod.SITE_ROOT + "aset/x.css", files, "file:///f/")[0] == "site"
    for url in ("http://example.com/x.png", "https://example.com/a.css", "file:///etc/passwd",
                pdfmod.SITE_ROOT + "aset/missing.css", "ftp://x/y"):
        with pytest.raises(ValueError):
            pdfmod._resolve(url, files, "file:///f/")


def test_network_image_is_not_fetched(site):
    html = b'<html lang="id"><body><p>Teks</p><img src="http://127.0.0.1:9/x.png" alt="x"></body></html>'
    data = pdfmod.html_to_pdf(html, "x.html", "A4", files={})
    assert "Teks" in page_texts(data)[0]


def test_no_links_out_of_the_document(site):
    """Links to other site pages would be file:///sopc-site/... URIs in a PDF."""
    for rel, data in site.files.items():
        if not rel.endswith(".pdf"):
            continue
        reader = pypdf.PdfReader(io.BytesIO(data))
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                if action is not None:
                    assert "/URI" not in action.get_object(), (rel, action)


def test_book_toc_links_are_internal(site):
    reader = pypdf.PdfReader(io.BytesIO(site.files["buku-sop.pdf"]))
    annots = reader.pages[1].get("/Annots") or []
    assert len(annots) >= 2 * len(site.pages)      # nama and page number of each entry
