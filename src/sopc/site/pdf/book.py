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

from sopc.core.model import SOP
from sopc.core.paper import css_size, paper_name
from sopc.render.printed import DRAF_BACKGROUND, bottom_margin, pt_css
from sopc.site.options import PdfSettings, SiteOptions

_BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.S | re.I)
_HEAD_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_IDREF_ATTR = re.compile(
    r'\b(id|for|headers|aria-labelledby|aria-describedby|aria-controls|aria-owns)="([^"]*)"')
_FRAG_ATTR = re.compile(r'\b((?:xlink:)?href)="#([^"]*)"')
_URL_FRAG = re.compile(r"url\(#([^)]*)\)")
_REL_ATTR = re.compile(r'\b(href|src|xlink:href)="([^"#][^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DRAF_META = b'<meta name="sopc-draf"'


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
    body = _REL_ATTR.sub(_relinker(relpath, anchors, rebase=True), body)
    return body, css


def _relinker(relpath: str, anchors: dict[str, str], rebase: bool):
    """A substitution for :data:`_REL_ATTR` in the page ``relpath``: a link to an SOP
    of ``anchors`` (site relpath -> book anchor) becomes ``#anchor``; with ``rebase``,
    other relative URLs are rebased to the site root; the rest is left alone."""
    folder = posixpath.dirname(relpath)

    def sub(mm: re.Match) -> str:
        url = mm.group(2)
        if _SCHEME.match(url) or url.startswith("/"):
            return mm.group(0)
        path, _, frag = url.partition("#")
        target = posixpath.normpath(posixpath.join(folder, path)) if path else relpath
        if target in anchors:
            return f'{mm.group(1)}="#{anchors[target]}"'
        if target.startswith("..") or not rebase:
            return mm.group(0)
        return f'{mm.group(1)}="{target}{"#" + frag if frag else ""}"'

    return sub


def section_html(html: bytes, relpath: str, anchors: dict[str, str]) -> bytes:
    """An SOP page as a part of a book laid out in parts: its links to SOPs of the book
    become ``#sop-N`` links (turned into links to their first pages when joined)."""
    text = html.decode("utf-8", "replace")
    m = _BODY.search(text)
    if m is None:
        return html
    body = _REL_ATTR.sub(_relinker(relpath, anchors, rebase=False), m.group(1))
    return (text[: m.start(1)] + body + text[m.end(1):]).encode("utf-8")


BOOK_CSS = """
@page { size: %(size)s; margin: 12mm 12mm %(bottom)s;
  @bottom-right { content: "%(halaman)s " counter(page) " %(dari)s " %(total)s;
    font-family: "DejaVu Sans", sans-serif; font-size: 8pt; } }
@page sampul { @bottom-right { content: none; } }
%(named)s
html { background: none; }
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
%(toc_counter)s
.buku-sop { break-before: page; }
%(named_use)s
"""


def book_html(entries: list[BookEntry], *, config: Any, unit: str | None, today: _dt.date,
              css_href: str | None, logo: str | None, paper: str, lang: str = "id",
              starts: list[int] | None = None, total: int | None = None) -> str:
    """The single HTML document of a book (cover, daftar isi, SOPs).

    With ``starts`` (the first page of each SOP) and ``total`` (the book's page count):
    only the cover and the daftar isi, with those page numbers written out, for a book
    laid out in parts (:func:`join_book`)."""
    en = lang == "en"
    paper = paper_name(paper) or "A4"
    anchors = {e.relpath: f"sop-{i + 1}" for i, e in enumerate(entries)}
    bodies, extra_css = [], []
    pages_used: dict[str, tuple[str, bool]] = {}    # named page -> (paper, DRAF)
    for i, e in enumerate(entries if starts is None else ()):
        body, css = embed_page(e.html.decode("utf-8", "replace"), e.relpath, f"b{i + 1}-", anchors)
        if css.strip():
            extra_css.append(css)
        p = paper_name(e.paper) or paper
        draf = _DRAF_META in e.html[:4096]
        name = "-".join(([f"kertas-{p.lower()}"] if p != paper else []) + (["draf"] if draf else []))
        if name:
            pages_used[name] = (p, draf)
        cls = f" {name}" if name else ""
        bodies.append(f'<section class="buku-sop{cls}" id="{anchors[e.relpath]}">\n{body}\n</section>')
    # An SOP on another paper, or rendered with --paksa despite errors (its pages marked
    # DRAF as in its own PDF), gets a named page.
    named = "\n".join(f"@page {n} {{ size: {css_size(p)};{f' background: {DRAF_BACKGROUND};' if d else ''} }}"
                      for n, (p, d) in sorted(pages_used.items()))
    named_use = "\n".join(f".{n} {{ page: {n}; }}" for n in sorted(pages_used))
    style = BOOK_CSS % {
        "size": css_size(paper), "named": named, "named_use": named_use,
        "bottom": pt_css(bottom_margin(bool(getattr(config, "tte", False)))),
        "halaman": "Page" if en else "Halaman", "dari": "of" if en else "dari",
        "total": "counter(pages)" if total is None else f'"{int(total)}"',
        "toc_counter": (".daftar-isi a.hal::after { content: target-counter(attr(href), page); }"
                        if starts is None else ""),
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
            f'<td class="hal"><a class="hal" href="#{a}">{"" if starts is None else int(starts[i])}</a></td></tr>')
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


# A book of more SOPs than this is laid out in parts (the cover and daftar isi, then
# each SOP on its own) and the parts are joined: WeasyPrint keeps a whole document's
# layout in memory (a 1,000-SOP book in one piece passed 13 GB); in parts, one SOP at
# a time.
MAX_SOPS_IN_ONE_PIECE = 40


def build_pdfs(repo: Any, infos: list[tuple[SOP, str, str, bool]], own_files: dict[str, bytes],
               options: SiteOptions, today: _dt.date, lang: str) -> dict[str, bytes]:
    """Every PDF of a build: the SOP books (first: the longest tasks), each built SOP
    page, the forms. Failures are reported through ``options.messages`` (or raised as
    :class:`sopc.site.pdf.render.PdfError` when there is no such list)."""
    from sopc.core.diagnostics import msg
    from sopc.site.pdf.render import PdfCache, PdfError, pdf_relpath, render_many

    site: dict[str, bytes] = dict(options.files)
    for rel, data in own_files.items():
        site.setdefault(rel, data)
    assets = options.assets
    css_href = assets.get("css")
    if css_href is None and "aset/sopc.css" in site:
        css_href = "aset/sopc.css"
    logo = assets.get("logo")
    from sopc.site.forms import repo_paper

    paper = repo_paper(repo.config, options.kertas)

    def front(entries, unit, starts=None, total=None) -> bytes:
        return book_html(entries, config=repo.config, unit=unit, today=today, css_href=css_href,
                         logo=logo, paper=paper, lang=lang, starts=starts, total=total).encode("utf-8")

    tasks: list[tuple] = []
    in_parts: dict[str, tuple[str | None, list[BookEntry]]] = {}
    for unit, entries in book_entries(repo, infos, site):
        if len(entries) > MAX_SOPS_IN_ONE_PIECE:
            # first a daftar isi with placeholder numbers: how many pages it takes
            in_parts[book_relpath(unit)] = (unit, entries)
            tasks.append((book_relpath(unit) + "#depan", "buku-sop.html",
                          front(entries, unit, [8888] * len(entries), 88888), None))
        else:
            tasks.append((book_relpath(unit), "buku-sop.html", front(entries, unit), None))
    tasks.sort(key=lambda t: -len(t[2]))
    for s, rel, p, ok in infos:
        if ok and rel in site:
            tasks.append((pdf_relpath(rel), rel, None, p))
    for rel in sorted(own_files):
        if rel.startswith("formulir/") and rel.endswith(".html"):
            tasks.append((pdf_relpath(rel), rel, None, None))

    say = options.progress
    if callable(say):
        say(f"Menyusun {len(tasks)} PDF…" if lang != "en" else f"Rendering {len(tasks)} PDFs…")
    settings = options.pdf_settings(lang, today)
    info: dict[str, dict] = {}
    cache = PdfCache.for_build()
    out, failed = render_many(tasks, site, settings, info, cache)
    if in_parts:
        if callable(say):
            say(f"Menyusun {len(in_parts)} buku SOP per bagian…" if lang != "en"
                else f"Rendering {len(in_parts)} SOP books in parts…")
        fronts = {rel: info.get(rel + "#depan", {}).get("pages") for rel in in_parts}
        for rel in list(fronts):
            out.pop(rel + "#depan", None)
            if fronts[rel] is None:      # its failure is in ``failed`` already
                del in_parts[rel]
        counts = {rel: [info.get(pdf_relpath(e.relpath), {}).get("pages", 1) for e in entries]
                  for rel, (_u, entries) in in_parts.items()}
        books, more_failed = _books_in_parts(in_parts, fronts, counts, front, site, settings, lang, cache)
        out.update(books)
        failed.extend(more_failed)
    if cache is not None and not failed:
        cache.prune()
    if failed:
        detail = "; ".join(failed)
        m = msg(f"PDF gagal dibuat: {detail}", f"PDF rendering failed: {detail}")
        messages = options.messages
        if isinstance(messages, list):
            messages.append(m)
        else:
            raise PdfError(m)
    return out


def _section_style(start: int, total: int, lang: str) -> str:
    """The footer of an SOP inside a book laid out in parts: the book's page numbers."""
    halaman, dari = ("Page", "of") if lang == "en" else ("Halaman", "dari")
    return (f'@page {{ @bottom-right {{ content: "{halaman} " counter(page) " {dari} {int(total)}"; }} }}'
            f"@page :first {{ counter-reset: page {int(start)}; }}")


def _books_in_parts(books: dict[str, tuple[str | None, list[BookEntry]]], fronts: dict[str, int],
                    counts: dict[str, list[int]], front, site: dict[str, bytes], settings: PdfSettings,
                    lang: str, cache=None) -> tuple[dict[str, bytes], list[str]]:
    """Lay out each book's cover + daftar isi and each of its SOPs as separate documents
    with the book's page numbers, then join them. The page counts come from the SOPs'
    own PDFs (the same layout); should a part come out longer or shorter, the book is
    laid out once more with the counts measured."""
    from sopc.site.pdf.render import render_many

    out: dict[str, bytes] = {}
    failed: list[str] = []
    pending = dict(books)
    for attempt in range(2):
        tasks: list[tuple] = []
        plans: dict[str, tuple[list[int], int]] = {}
        for rel, (unit, entries) in pending.items():
            starts, page = [], fronts[rel] + 1
            for n in counts[rel]:
                starts.append(page)
                page += n
            total = page - 1
            plans[rel] = (starts, total)
            tasks.append((rel + "#depan", "buku-sop.html", front(entries, unit, starts, total), None,
                          {"links": True}))
            anchors = {e.relpath: f"sop-{k + 1}" for k, e in enumerate(entries)}
            tasks.extend((f"{rel}#{k}", e.relpath, section_html(site[e.relpath], e.relpath, anchors), e.paper,
                          {"style": _section_style(starts[k], total, lang), "links": True})
                         for k, e in enumerate(entries))
        info: dict[str, dict] = {}
        got, errors = render_many(tasks, site, settings, info, cache)
        for rel, (unit, entries) in list(pending.items()):
            names = [rel + "#depan"] + [f"{rel}#{k}" for k in range(len(entries))]
            bad = [e for e in errors if e.split(":", 1)[0] in names]
            if bad:   # name the book and the SOP page, not the internal part name
                where = {f"{rel}#{k}": f"{rel} ({e.relpath})" for k, e in enumerate(entries)}
                failed.extend(where.get(b.split(":", 1)[0], rel) + ":" + b.split(":", 1)[1] for b in bad)
                del pending[rel]
                continue
            measured_front = info[rel + "#depan"]["pages"]
            measured = [info[f"{rel}#{k}"]["pages"] for k in range(len(entries))]
            if (measured_front, measured) != (fronts[rel], counts[rel]) and attempt == 0:
                fronts[rel], counts[rel] = measured_front, measured
                continue
            starts, _total = plans[rel]
            titles = [" ".join(f"{e.sop.nomor or '-'} {e.sop.nama or ''}".split()) for e in entries]
            links = list(info[rel + "#depan"].get("links", []))
            for k in range(len(entries)):      # cross-links between SOPs of the book
                links.extend((starts[k] - 1 + i, a, r) for i, a, r in info[f"{rel}#{k}"].get("links", []))
            out[rel] = join_book(got[rel + "#depan"], links, [got[n] for n in names[1:]], starts, titles)
            del pending[rel]
        if not pending:
            break
    return out, failed


def join_book(front: bytes, links: list[tuple[int, str, tuple]], sections: list[bytes],
              starts: list[int], titles: list[str]) -> bytes:
    """One PDF of a book laid out in parts: the cover and daftar isi (``front``, whose
    document information, XMP metadata and output intent the book keeps), then the
    SOPs. ``links`` (page index in the book, ``sop-N`` anchor, rectangle in CSS px):
    the daftar isi's entries and the SOPs' links to each other, made links to the SOPs'
    first pages; each SOP gets a bookmark. Joined with pikepdf (qpdf): pypdf needed over
    14 GB for a 1,000-SOP book; the whole ``--pdf`` build of it now peaks below 0.7 GB."""
    import io

    import pikepdf
    from pikepdf import Array, Dictionary, Name, OutlineItem

    book = pikepdf.Pdf.open(io.BytesIO(front))
    parts = []                                       # open until the book is saved
    for data in sections:
        part = pikepdf.Pdf.open(io.BytesIO(data))
        parts.append(part)
        book.pages.extend(part.pages)
    px = 0.75                                        # CSS px -> PDF points
    for page_index, anchor, (x1, y1, x2, y2) in links:
        if not anchor.startswith("sop-") or not anchor[4:].isdigit():
            continue
        k = int(anchor[4:]) - 1
        if not 0 <= k < len(starts) or not 0 <= page_index < len(book.pages):
            continue
        page = book.pages[page_index]
        box = [float(v) for v in page.mediabox]
        top = box[3]
        annot = book.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, F=4,            # printable (PDF/A)
            Rect=Array([round(box[0] + x1 * px, 3), round(top - y2 * px, 3),
                        round(box[0] + x2 * px, 3), round(top - y1 * px, 3)]),
            Border=Array([0, 0, 0]),
            Dest=Array([book.pages[starts[k] - 1].obj, Name.Fit])))
        if Name.Annots not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(annot)
    with book.open_outline() as outline:
        for k, title in enumerate(titles):
            outline.root.append(OutlineItem(title, starts[k] - 1))
    buf = io.BytesIO()
    book.save(buf, deterministic_id=True)
    for part in parts:
        part.close()
    book.close()
    return buf.getvalue()
