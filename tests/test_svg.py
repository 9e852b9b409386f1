"""The page SVG: well-formed, escaped, prefixed ids, accessible, deterministic."""

import random
import xml.etree.ElementTree as ET

from layout_factory import make_sop, random_sop, reference_sop
from sopc.layout import layout_sop
from sopc.render.svg import page_svg

NS = "{http://www.w3.org/2000/svg}"


def _texts(root):
    return [" ".join(t.itertext()) for t in root.iter(NS + "text")]


def test_reference_pages_are_standalone_svgs():
    lay = layout_sop(reference_sop())
    for page in lay.pages:
        svg = page_svg(page, f"sop1-p{page.number}")
        root = ET.fromstring(svg)
        assert root.tag == NS + "svg"
        assert root.get("role") == "img"
        assert root.get("width").endswith("pt") and root.get("viewBox").startswith("0 0 ")
        assert "SopcSans" in root.get("font-family")
        title = root.find(NS + "title")
        assert title is not None and "Penerbitan Izin Reklame" in title.text
        assert root.get("aria-labelledby") == title.get("id")
        for el in root.iter():
            if el.get("id") is not None:
                assert el.get("id").startswith(f"sop1-p{page.number}-")
        # connectors are paths, never polylines; no markers
        assert root.find(f".//{NS}polyline") is None and "marker" not in svg


def test_cell_texts_are_real_text():
    lay = layout_sop(reference_sop(), table_height=2000)
    root = ET.fromstring(page_svg(lay.pages[0], "x"))
    texts = " ".join(_texts(root))
    for words in ("Mengajukan permohonan izin", "Menerima surat izin", "Kepala Dinas", "Tidak", "Ya",
                  "Mutu Baku", "Keterangan", "Setuju?"):
        assert words in texts


def test_source_text_is_escaped():
    nasty = "<script>alert('x')</script> & \"quoted\" ]]>"
    sop = make_sop({"a": "Kepala <b>Seksi</b> & Co"}, [
        {"uraian": nasty, "pelaksana": "a", "keterangan": "a < b", "output": "o&o"},
        {"uraian": "y", "pelaksana": "a", "cabang": {"<Ya>": "1", "Tidak & lain": "selesai"}},
    ], nama="Nama <SOP> & \"x\"")
    lay = layout_sop(sop)
    svg = page_svg(lay.pages[0], 'p"><x')
    assert "<script>" not in svg and "<b>" not in svg and "<x" not in svg
    root = ET.fromstring(svg)
    texts = " ".join(_texts(root))
    assert "<script>alert('x')</script>" in texts
    assert "<Ya>" in texts and "Tidak & lain" not in texts      # selesai branch: no label
    assert "Kepala <b>Seksi</b> & Co" in texts and "a < b" in texts and "o&o" in texts
    assert 'Nama <SOP> & "x"' in root.find(NS + "title").text


def test_offpage_connectors_are_drawn_with_letters():
    lay = layout_sop(reference_sop(), table_height=330)
    root = ET.fromstring(page_svg(lay.pages[0], "a"))
    assert "A" in _texts(root)


def test_deterministic_bytes():
    sop = random_sop(random.Random(11), 5, 30)
    a = [page_svg(p, f"p{p.number}") for p in layout_sop(sop).pages]
    b = [page_svg(p, f"p{p.number}") for p in layout_sop(sop).pages]
    assert a == b
