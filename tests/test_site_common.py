"""Helpers of the repository pages and of the book."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sopc.core.model import SOP, Link, Repository
from sopc.site.pdf.book import embed_page, strip_page_rules
from sopc.core.i18n import tanggal
from sopc.core.links import LinkIndex, link_key
from sopc.site.common import natural_key, relurl
from sopc.site.pdf.render import print_css, strip_page_links
from test_site_helpers import load, write_repo


def test_tanggal():
    assert tanggal(dt.date(2025, 6, 2)) == "2 Juni 2025"
    assert tanggal(dt.date(2025, 6, 2), "en") == "2 June 2025"
    assert tanggal(None) == "-"


def test_relurl():
    assert relurl("index.html", "bagian-umum/a.html") == "bagian-umum/a.html"
    assert relurl("formulir/x.html", "index.html") == "../index.html"


def test_natural_order():
    assert sorted(["SOP-10/A", "SOP-9/A", "SOP-100/A"], key=natural_key) == ["SOP-9/A", "SOP-10/A", "SOP-100/A"]


def test_link_matching(tmp_path):
    repo, _ = load(write_repo(tmp_path / "r"))
    idx = LinkIndex(repo.sops)
    for text in ("SOP-002/UJI/2025", "sop-002/uji/2025.", "Pengarsipan Surat", "SOP  pengarsipan   surat;"):
        s = idx.target(Link(text))
        assert s is not None and s.nomor == "SOP-002/UJI/2025", text
    assert idx.target(Link("Pengarsipan Surat", external=True)) is None
    assert link_key("SOP Pengarsipan Surat.") == link_key("pengarsipan surat")


def test_strip_page_rules():
    css = "a{b:c} @page { size: A4; @bottom-center { content: 'x' } } d{e:f}"
    out = strip_page_rules(css)
    assert "@page" not in out and "a{b:c}" in out and "d{e:f}" in out


def test_embed_page_prefixes_and_rebases():
    html = ('<html><head><style>@page{size:A4} .x{}</style></head><body>'
            '<h2 id="judul">J</h2><section aria-labelledby="judul a2"><svg><g id="p1-n">'
            '<path marker-end="url(#p1-m)"/><a xlink:href="#p1-n"/></g></svg>'
            '<a href="../index.html">i</a><a href="../lain/b.html">b</a>'
            '<img src="../aset/logo.png" alt=""><a href="#judul">j</a>'
            '<a href="https://example.org/">x</a></section></body></html>')
    body, css = embed_page(html, "umum/a.html", "b1-", {"lain/b.html": "sop-2"})
    assert "@page" not in css and ".x{}" in css
    assert 'id="b1-judul"' in body and 'aria-labelledby="b1-judul b1-a2"' in body
    assert 'id="b1-p1-n"' in body and "url(#b1-p1-m)" in body and 'xlink:href="#b1-p1-n"' in body
    assert 'href="index.html"' in body and 'href="#sop-2"' in body and 'src="aset/logo.png"' in body
    assert 'href="#b1-judul"' in body and 'href="https://example.org/"' in body


def test_strip_page_links_keeps_fragments():
    assert strip_page_links('<a href="x.html">a</a><a href="#y">b</a>') == '<a>a</a><a href="#y">b</a>'


def test_print_css():
    css = print_css("F4")
    assert "size: 330mm 215mm !important" in css
    assert 'counter(page) " dari " counter(pages)' in css
    assert "@page { size" not in print_css(None)
    assert '"Page " counter(page) " of "' in print_css(None, "en")
