"""sopc.site.pdf.svgtext: one Pango layout per SVG text run in the PDF; the same text comes
back out of the PDF; anything with per-letter positions goes to WeasyPrint's own code."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

SVG = """<html><body><svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">
<text font-size="10" text-anchor="middle"><tspan x="150" y="20">Memeriksa kelengkapan berkas</tspan></text>
<text font-size="10" x="10" y="50">Menerbitkan surat keterangan</text>
<text font-size="10" x="10 20 30" y="80">Abc</text>
<text font-size="10" x="10" y="100" dx="1 2">Xyz</text>
</svg></body></html>"""


def _pdf_text() -> str:
    from sopc.site.pdf.render import html_to_pdf

    pdf = html_to_pdf(SVG, "t.html", None, files={"t.html": SVG.encode()})
    return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_installed_and_text_survives(monkeypatch):
    from sopc.site.pdf import render as pdf
    from sopc.site.pdf import svgtext

    text = _pdf_text()
    assert svgtext._INSTALLED
    for phrase in ("Memeriksa kelengkapan berkas", "Menerbitkan surat keterangan"):
        assert phrase in text, text


def test_per_letter_positions_use_weasyprint_code():
    from sopc.site.pdf import svgtext

    calls = []
    _pdf_text()                      # installs
    original = svgtext._ORIGINAL

    def spy(svg, node, font_size):
        calls.append(node.text)
        return original(svg, node, font_size)

    svgtext._ORIGINAL = spy
    try:
        _pdf_text()
    finally:
        svgtext._ORIGINAL = original
    assert "Abc" in calls and "Xyz" in calls
    assert "Menerbitkan surat keterangan" not in calls
