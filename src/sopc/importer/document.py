"""One signed SOP PDF read whole: its pages, the identity page, the procedure table
across pages and the flowchart of each table page (vector or raster)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopc.importer import flow as fl
from sopc.importer import shapes
from sopc.importer.identity import Identity, read_identity
from sopc.core.text import hyphenator
from sopc.importer.layout import Rules, Word, join_lines, lines_of, words_of
from sopc.importer.pdfpage import Page, open_document, read_page
from sopc.importer.table import Columns, PageTable, Row, read_columns, read_rows


class ImportFailure(Exception):
    """A document that cannot be imported; ``key`` names the reason (see messages)."""

    def __init__(self, key: str, detail: str = ""):
        super().__init__(key)
        self.key = key
        self.detail = detail


@dataclass
class TablePage:
    table: PageTable
    flow: fl.PageFlow | None = None
    raster: bool = False          # the flowchart is an image
    ocr: bool = False             # the whole table is an image, read by OCR


@dataclass
class Document:
    path: str
    pages: list[Page]
    identity: Identity
    columns: Columns | None = None
    tables: list[TablePage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raster_pages: int = 0
    batas_waktu: str | None = None
    logo: bytes | None = None      # the agency logo of the identity page (PNG)
    jpeg_table: bool = False

    @property
    def rows(self) -> list[Row]:
        return [r for t in self.tables for r in t.table.rows]


def read_document(path: str) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = open_document(path)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        raise ImportFailure("encrypted" if "password" in text else "damaged", str(exc)) from None
    except (OSError, ValueError) as exc:
        raise ImportFailure("damaged", str(exc)) from None
    try:
        pdf._sopc_path = path                 # raster images are decoded with pikepdf
    except AttributeError:  # pragma: no cover
        pass
    try:
        n = len(pdf)
        if n == 0:
            raise ImportFailure("damaged")
        pages = [read_page(pdf, i) for i in range(n)]
        if not any(c for p in pages for c in p.chars if not c.space):
            raise ImportFailure("no_text")
        return _read(path, pages)
    finally:
        for p in pages if "pages" in locals() else ():
            p.raw = None
        pdf.close()


def _read(path: str, pages: list[Page]) -> Document:
    words = [words_of(p.chars) for p in pages]
    rules = [Rules.of_page(p) for p in pages]
    ident = read_identity(pages[0], words[0], rules[0])
    if len(ident.values) + len(ident.lists) < 3 or not ident.values.get("nomor") and not ident.values.get("nama"):
        raise ImportFailure("not_sop")
    if len(pages) > 1 and len(ident.lists) < 6:       # the identity spills onto page 2
        more = read_identity(pages[1], words[1], rules[1])
        for key, items in more.lists.items():
            if key not in ident.lists:
                ident.lists[key] = items
                if key in more.unsure:
                    ident.unsure.add(key)
    doc = Document(path, pages, ident)
    doc.batas_waktu = _batas_waktu(words)
    doc.logo = _logo(pages[0], ident)
    cols: Columns | None = None
    for i, page in enumerate(pages):
        words_i, rules_i, given = words[i], rules[i], None
        found = read_columns(page, words_i, rules_i)
        if found is None:
            layer = _image_table(doc, page, ident, i, rules_i)
            if layer is not None:
                words_i, rules_i, given = words_i + layer[0], layer[1], layer[2]
                found = read_columns(page, words_i, rules_i)
        if found is not None:
            cols, _top, body = found
            if doc.columns is None:
                doc.columns = cols
        elif cols is not None:
            body = _continuation_top(page, rules_i, cols)
            if body is None:
                continue
        else:
            continue
        pt = read_rows(page, words_i, rules_i, cols, body)
        pt.header = found is not None
        if found is None and not _continues(doc, pt):
            continue
        tp = TablePage(pt, ocr=given is not None)
        _flow(tp, page, words_i, rules_i, cols, doc, given)
        doc.tables.append(tp)
    return doc


def _image_table(doc: Document, page: Page, ident: Identity, i: int, rules: Rules):
    """Words, rules and symbols of a table stored as an image, read by OCR; None when
    the page has no such image or OCR is missing (the document is then marked)."""
    from sopc.importer import ocr

    big = [im for im in page.images if (im.bbox[2] - im.bbox[0]) > 0.55 * page.width
           and (im.bbox[3] - im.bbox[1]) > 80 and im.bbox[1] >= (ident.bottom - 5 if i == 0 else 0)]
    if not big:
        return None
    if not doc.jpeg_table:
        doc.jpeg_table = True
        doc.notes.append("jpeg_table")
    if not ocr.available():
        if "ocr_missing" not in doc.notes:
            doc.notes.append("ocr_missing")
        return None
    layer = ocr.page_layer(page, big)
    if layer is None:
        return None
    words, orules, symbols = layer
    rules = Rules(rules.h + orules.h, rules.v + orules.v)
    found = read_columns(page, words, rules)
    if found is not None and found[0].span("no"):             # row numbers, read again
        words = words + ocr.column_words(page, big, found[0].span("no"))
    if "ocr" not in doc.notes:
        doc.notes.append("ocr")
    return words, rules, symbols


_BATAS = re.compile(r"^batas waktu(?: \(standar pelayanan\))?:?\s+(\d.*)$", re.IGNORECASE)


def _batas_waktu(words: list[list[Word]]) -> str | None:
    """The service standard's time limit where the document prints it (sopc's summary)."""
    for ws in words[1:]:
        for ln in lines_of(ws):
            m = _BATAS.match(ln.text)
            if m:
                return m.group(1).strip()
    return None


def _logo(page: Page, ident: Identity) -> bytes | None:
    """The raster logo at the top left of the identity page (46-91 pt wide in signed
    SOPs), left of the right block."""
    from sopc.importer.raster import image_png

    cands = [im for im in page.images if 25 <= im.bbox[2] - im.bbox[0] <= 140 and 25 <= im.bbox[3] - im.bbox[1] <= 140
             and im.bbox[2] < ident.right_x and im.bbox[1] < page.height * 0.4]
    if not cands:
        return None
    try:
        return image_png(page, min(cands, key=lambda im: (im.bbox[1], im.bbox[0])))
    except Exception:  # noqa: BLE001 - an undecodable logo is no reason to fail the import
        return None


def _continuation_top(page: Page, rules: Rules, cols: Columns) -> float | None:
    """The top of a continued table without a header: its topmost row rule, if the
    page's vertical rules sit where the last header's columns were."""
    xs = [r.pos for r in rules.v if r.b - r.a > 20]
    hits = sum(1 for e in cols.edges if any(abs(e - x) < 2.5 for x in xs))
    if hits < max(3, len(cols.edges) // 2):
        return None
    no = cols.span("no") or (cols.edges[0], cols.edges[1])
    ys = rules.horizontals_through((no[0] + no[1]) / 2)
    return min(ys) if ys else None


def _continues(doc: Document, pt: PageTable) -> bool:
    nums = [r.number for r in pt.rows if r.number is not None]
    last = [r.number for r in doc.rows if r.number is not None]
    if not nums:
        return False
    return not last or nums[0] == last[-1] + 1 or nums[0] == last[-1]


def _grid_test(cols: Columns, rules: Rules, width: float):
    edges = cols.edges
    long_h = [r for r in rules.h if r.b - r.a > 0.45 * width]

    def crossed(x: float, y: float) -> bool:
        return any(abs(y - r.pos) < 2.5 and r.a - 2 <= x <= r.b + 2 for r in rules.h)

    def on_grid(x0, y0, x1, y1) -> bool:
        """A piece of a column line runs between row lines (it is cut at crossings);
        a connector along a divider (to a straddling symbol) ends at a symbol."""
        if x1 - x0 <= y1 - y0:
            x = (x0 + x1) / 2
            return any(abs(x - e) < 1.3 for e in edges) and crossed(x, y0) and crossed(x, y1)
        y = (y0 + y1) / 2
        return any(abs(y - r.pos) < 1.3 and r.a - 2 <= x0 and x1 <= r.b + 2 for r in long_h)

    return on_grid


def _flow(tp: TablePage, page: Page, words: list[Word], rules: Rules, cols: Columns, doc: Document,
          given: list | None = None) -> None:
    """The flowchart of a table page: vector symbols and connectors, symbols of a
    flowchart image, or ``given`` symbols (found in a table image read by OCR)."""
    spans = cols.actor_spans()
    if not spans:
        return
    x0, x1 = spans[0][0], spans[-1][1]
    # an off-page connector may sit above a continued table without a header
    top = tp.table.top - (1 if tp.table.header else 30)
    if given is not None:
        tp.raster = True
        syms, segs, arrows = [s for s in given if x0 <= s.cx <= x1 and s.cy > top], [], []
        _finish(tp, page, words, syms, segs, arrows, spans, x0, x1, top)
        return
    area = (x0, top, x1, page.height)
    grid = _grid_test(cols, rules, cols.edges[-1] - cols.edges[0])
    syms, segs, arrows = shapes.extract(page.paths, area, grid)
    imgs = [im for im in page.images if im.bbox[0] < x1 and im.bbox[2] > x0 and im.bbox[3] > top
            and (im.bbox[2] - im.bbox[0]) > 60 and (im.bbox[3] - im.bbox[1]) > 60]
    if imgs and len([s for s in syms if s.kind != shapes.OFFPAGE]) < max(1, len(tp.table.rows) // 2):
        from sopc.importer.raster import raster_symbols

        tp.raster = True
        doc.raster_pages += 1
        doc.notes.append("raster")
        rs = []
        for im in imgs:
            rs.extend(raster_symbols(page, im))
        syms = syms + rs
    _finish(tp, page, words, syms, segs, arrows, spans, x0, x1, top)


def _finish(tp: TablePage, page: Page, words, syms, segs, arrows, spans, x0, x1, top) -> None:
    # a label may run past the last actor column: a word counts when it starts inside
    aw = [w for w in words if x0 <= w.cx and w.x0 < x1 - 1 and w.cy > top]
    for s in syms:
        s.page = page.number
        inner = [w for w in aw if s.holds(w.cx, w.cy)]
        s.text = join_lines([ln.text for ln in lines_of(inner)], hyphenator(), tight=True)
        s.cols = _columns_of(s, spans)
    tp.flow = fl.page_flow(syms, segs, arrows, aw)


def _columns_of(s: shapes.Symbol, spans) -> list[int]:
    """Actor columns of a symbol: the one holding its centre, or both sides of a divider
    it straddles (each holding a third of it or more)."""
    w = s.box[2] - s.box[0]
    out = []
    for i, (a, b) in enumerate(spans):
        ov = min(b, s.box[2]) - max(a, s.box[0])
        if ov > 0.3 * w or a <= s.cx <= b and ov > 0:
            out.append(i)
    if len(out) > 1 and s.kind == shapes.OFFPAGE:
        out = [min(out, key=lambda i: abs((spans[i][0] + spans[i][1]) / 2 - s.cx))]
    return out
