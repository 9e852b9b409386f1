"""The SOP book (OUTPUT.md §2): ``buku-sop-<unit>.pdf`` per unit and ``buku-sop.pdf``
for the whole repository: a cover (logo, instansi, satuan kerja, unit, year), a daftar
isi with real page numbers, then every SOP in nomor order, "Halaman X dari Y" footers.

The book is one HTML document that concatenates the SOP pages' bodies (so WeasyPrint's
``target-counter()`` prints the real page of each SOP and the footers count the whole
book). Each SOP's ids are prefixed (``b3-…``) so ids of the inlined SVGs and tables stay
unique; relative URLs are rebased to the site root; links to an SOP inside the book
become links to its section. An SOP whose paper differs from the book's keeps its own
paper through a CSS named page.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from sopc.model import SOP
from sopc.site.pdf import PAPERS, _mm, paper_name

_BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.S | re.I)
_HEAD_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_IDREF_ATTR = re.compile(
    r'\b(id|for|headers|aria-labelledby|aria-describedby|aria-controls|aria-owns)="([^"]*)"')
_FRAG_ATTR = re.compile(r'\b((?:xlink:)?href)="#([^"]*)"')
_URL_FRAG = re.compile(r"url\(#([^)]*)\)")
_REL_ATTR = re.compile(r'\b(href|src|xlink:href)="([^"#][^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class BookEntry:
    sop: SOP
    relpath: str          # site relpath of the SOP's HTML page
    html: bytes
    paper: str            # the paper the page was laid out for
    unit: str


def strip_page_rules(css: str) -> str:
    """Remove ``@page`` rules (with nested margin boxes) from a stylesheet."""
    out, i = [], 0
    while True:
        j = css.find("@page", i)
        if j < 0:
            out.append(css[i:])
            break
        out.append(css[i:j])
        k = css.find("{", j)
        if k < 0:
            break
        depth, p = 0, k
        while p < len(css):
            if css[p] == "{":
                depth += 1
            elif css[p] == "}":
                depth -= 1
                if depth == 0:
                    break
            p += 1
        i = p + 1
    return "".join(out)


def embed_page(html: str, relpath: str, prefix: str, anchors: dict[str, str]) -> tuple[str, str]:
    """(body fragment, extra CSS) of an SOP page for the book: ids prefixed, URLs
    rebased from ``relpath``'s folder to the site root, links to SOPs in ``anchors``
    (site relpath -> book anchor) turned into internal links."""
    m = _BODY.search(html)
    body = m.group(1) if m else html
    head = html[: m.start()] if m else ""
    css = "\n".join(strip_page_rules(s) for s in _HEAD_STYLE.findall(head))
    css = re.sub(r"@media\s+screen\s*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)

    def idref(mm: re.Match) -> str:
        toks = " ".join(prefix + t for t in mm.group(2).split())
        return f'{mm.group(1)}="{toks}"'

    body = _IDREF_ATTR.sub(idref, body)
    body = _FRAG_ATTR.sub(lambda mm: f'{mm.group(1)}="#{prefix}{mm.group(2)}"', body)
    body = _URL_FRAG.sub(lambda mm: f"url(#{prefix}{mm.group(1)})", body)
    folder = posixpath.dirname(relpath)

    def rebase(mm: re.Match) -> str:
        url = mm.group(2)
        if _SCHEME.match(url) or url.startswith("/"):
            return mm.group(0)
        path, _, frag = url.partition("#")
        target = posixpath.normpath(posixpath.join(folder, path)) if path else relpath
        if target in anchors:
            return f'{mm.group(1)}="#{anchors[target]}"'
        if target.startswith(".."):
            return mm.group(0)
        return f'{mm.group(1)}="{target}{"#" + frag if frag else ""}"'

    body = _REL_ATTR.sub(rebase, body)
    return body, css


BOOK_CSS = """
@page { size: %(size)s; margin: 12mm;
  @bottom-center { content: "%(halaman)s " counter(page) " %(dari)s " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 8pt; } }
@page sampul { @bottom-center { content: none; } }
%(named)s
html { background: #fff; }
body { margin: 0; font-family: "SopcSans", "DejaVu Sans", sans-serif; }
.sampul { page: sampul; text-align: center; padding-top: 18mm; }
.sampul .logo { max-height: 40mm; max-width: 60mm; margin-bottom: 8mm; }
.sampul .judul { font-size: 24pt; font-weight: bold; margin: 6mm 0 2mm; letter-spacing: .04em; }
.sampul .subjudul { font-size: 14pt; margin: 0 0 12mm; }
.sampul .instansi { font-size: 16pt; font-weight: bold; margin: 2mm 0; }
.sampul .satker, .sampul .unit { font-size: 13pt; margin: 2mm 0; }
.sampul .tahun { font-size: 14pt; margin-top: 14mm; font-weight: bold; }
.daftar-isi { break-before: page; }
.daftar-isi h2 { font-size: 16pt; text-align: center; margin: 0 0 6mm; }
.daftar-isi table { width: 100%%; border-collapse: collapse; font-size: 10pt; }
.daftar-isi th, .daftar-isi td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
.daftar-isi thead th { background: #e8e8e8; text-align: center; }
.daftar-isi td.no, .daftar-isi td.hal { text-align: center; width: 14mm; }
.daftar-isi td.nomor { white-space: nowrap; width: 55mm; }
.daftar-isi tr.unit th { background: #f3f3f3; }
.daftar-isi a { color: inherit; text-decoration: none; }
.daftar-isi a.hal::after { content: target-counter(attr(href), page); }
.buku-sop { break-before: page; }
%(named_use)s
"""


def book_html(entries: list[BookEntry], *, config: Any, unit: str | None, today: _dt.date,
              css_href: str | None, logo: str | None, paper: str, lang: str = "id") -> str:
    """The single HTML document of a book (cover, daftar isi, SOPs)."""
    en = lang == "en"
    paper = paper_name(paper) or "A4"
    anchors = {e.relpath: f"sop-{i + 1}" for i, e in enumerate(entries)}
    bodies, extra_css = [], []
    papers_used = sorted({paper_name(e.paper) or paper for e in entries} - {paper})
    for i, e in enumerate(entries):
        body, css = embed_page(e.html.decode("utf-8", "replace"), e.relpath, f"b{i + 1}-", anchors)
        if css.strip():
            extra_css.append(css)
        p = paper_name(e.paper) or paper
        cls = f" kertas-{p.lower()}" if p != paper else ""
        bodies.append(f'<section class="buku-sop{cls}" id="{anchors[e.relpath]}">\n{body}\n</section>')
    w, h = PAPERS[paper]
    named = "\n".join(f"@page kertas-{p.lower()} {{ size: {_mm(PAPERS[p][0])}mm {_mm(PAPERS[p][1])}mm; }}"
                      for p in papers_used)
    named_use = "\n".join(f".kertas-{p.lower()} {{ page: kertas-{p.lower()}; }}" for p in papers_used)
    style = BOOK_CSS % {
        "size": f"{_mm(w)}mm {_mm(h)}mm", "named": named, "named_use": named_use,
        "halaman": "Page" if en else "Halaman", "dari": "of" if en else "dari",
    }
    t = (lambda i_, e_: e_) if en else (lambda i_, e_: i_)
    title = t("Buku Standar Operasional Prosedur", "Standard Operating Procedure Book")
    unit_text = unit if unit else t("Seluruh Unit Kerja", "All Units")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if en else "id"}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)} · {escape(unit_text)}</title>",
    ]
    if css_href:
        parts.append(f'<link rel="stylesheet" href="{escape(css_href)}">')
    parts.append("<style>\n" + "\n".join(extra_css) + style + "</style>")
    parts += ["</head>", "<body>", '<section class="sampul">']
    if logo:
        parts.append(f'<img class="logo" src="{escape(logo)}" alt="{escape("Logo " + config.instansi_nama)}">')
    parts.append(f'<p class="judul">{escape(title.upper())}</p>')
    parts.append(f'<p class="subjudul">{t("Administrasi Pemerintahan (SOP AP)", "Government Administration (SOP AP)")}</p>')
    parts.append(f'<p class="instansi">{escape(config.instansi_nama or "")}</p>')
    if config.satuan_kerja:
        parts.append(f'<p class="satker">{escape(config.satuan_kerja)}</p>')
    parts.append(f'<p class="unit">{escape(unit_text)}</p>')
    parts.append(f'<p class="tahun">{today.year}</p>')
    parts.append("</section>")
    parts.append('<section class="daftar-isi">')
    parts.append(f"<h2>{t('Daftar Isi', 'Contents')}</h2>")
    parts.append("<table><thead><tr>"
                 f'<th scope="col">No</th><th scope="col">{t("Nomor SOP", "SOP number")}</th>'
                 f'<th scope="col">{t("Nama SOP", "SOP name")}</th>'
                 f'<th scope="col">{t("Halaman", "Page")}</th></tr></thead><tbody>')
    last_unit = None
    for i, e in enumerate(entries):
        if unit is None and e.unit != last_unit:
            parts.append(f'<tr class="unit"><th scope="rowgroup" colspan="4">{escape(e.unit)}</th></tr>')
            last_unit = e.unit
        a = anchors[e.relpath]
        parts.append(
            f'<tr><td class="no">{i + 1}</td><td class="nomor">{escape(e.sop.nomor or "-")}</td>'
            f'<td><a href="#{a}">{escape(" ".join((e.sop.nama or "-").split()))}</a></td>'
            f'<td class="hal"><a class="hal" href="#{a}"></a></td></tr>')
    parts.append("</tbody></table></section>")
    parts.extend(bodies)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def book_entries(repo: Any, infos: list[tuple[SOP, str, str, bool]],
                 files: dict[str, bytes]) -> list[tuple[str | None, list[BookEntry]]]:
    """[(unit or None for the whole repository, entries in unit then nomor order)]:
    only SOPs whose page was built."""
    from sopc.site.common import group_by_unit

    by_sop = {id(s): (rel, paper) for s, rel, paper, ok in infos if ok and rel in files}
    books: list[tuple[str | None, list[BookEntry]]] = []
    everything: list[BookEntry] = []
    for unit, sops in group_by_unit(repo):
        entries = [BookEntry(s, by_sop[id(s)][0], files[by_sop[id(s)][0]], by_sop[id(s)][1], unit)
                   for s in sops if id(s) in by_sop]
        if entries:
            books.append((unit, entries))
            everything.extend(entries)
    if everything:
        books.insert(0, (None, everything))
    return books


def book_relpath(unit: str | None) -> str:
    from sopc.site.common import unit_slug

    return "buku-sop.pdf" if unit is None else f"buku-sop-{unit_slug(unit)}.pdf"


def build_pdfs(repo: Any, infos: list[tuple[SOP, str, str, bool]], own_files: dict[str, bytes],
               options: Any, today: _dt.date, lang: str) -> dict[str, bytes]:
    """Every PDF of a build: the SOP books (first: the longest tasks), each built SOP
    page, the forms. Failures are reported through ``options.messages`` (or raised as
    :class:`sopc.site.pdf.PdfError` when there is no such list)."""
    from sopc.diagnostics import msg
    from sopc.site.common import opt
    from sopc.site.pdf import PdfError, pdf_relpath, render_many

    site: dict[str, bytes] = dict(opt(options, "files") or {})
    for rel, data in own_files.items():
        site.setdefault(rel, data)
    assets = opt(options, "assets") or {}
    css_href = assets.get("css")
    if css_href is None and "aset/sopc.css" in site:
        css_href = "aset/sopc.css"
    logo = assets.get("logo")
    from sopc.site.forms import repo_paper

    paper = repo_paper(repo.config, opt(options, "kertas"))

    tasks: list[tuple] = []
    for unit, entries in book_entries(repo, infos, site):
        html = book_html(entries, config=repo.config, unit=unit, today=today,
                         css_href=css_href, logo=logo, paper=paper, lang=lang)
        tasks.append((book_relpath(unit), "buku-sop.html", html.encode("utf-8"), None))
    tasks.sort(key=lambda t: -len(t[2]))
    for s, rel, p, ok in infos:
        if ok and rel in site:
            tasks.append((pdf_relpath(rel), rel, None, p))
    for rel in sorted(own_files):
        if rel.startswith("formulir/") and rel.endswith(".html"):
            tasks.append((pdf_relpath(rel), rel, None, None))

    say = opt(options, "progress")
    if callable(say):
        say(f"Menyusun {len(tasks)} PDF…" if lang != "en" else f"Rendering {len(tasks)} PDFs…")
    settings = {"pdfa": bool(opt(options, "pdfa", False)), "jobs": opt(options, "jobs"),
                "lang": lang, "today": today}
    out, failed = render_many(tasks, site, settings)
    if failed:
        detail = "; ".join(failed)
        m = msg(f"PDF gagal dibuat: {detail}", f"PDF rendering failed: {detail}")
        messages = opt(options, "messages")
        if isinstance(messages, list):
            messages.append(m)
        else:
            raise PdfError(m)
    return out
