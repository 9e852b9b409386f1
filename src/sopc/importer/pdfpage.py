"""Read a PDF page into plain geometry with raw PDFium (pypdfium2): characters with
their boxes, paths as subpaths of points (Form XObjects recursed into, matrices
composed), and images with their boxes.

Coordinates are top-down points (``top`` grows downwards), as a reader sees the page.
The signing wrapper's QR image and its 6 pt e-signature footnote are dropped here.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as R

QR_MAX = 40.0          # the signing QR code is 34 pt square near the bottom-left corner
FOOTNOTE_MAX_SIZE = 6.6


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    space: bool = False   # a space (real or generated): a word break


@dataclass(slots=True)
class Subpath:
    points: list[tuple[float, float]]
    curved: bool = False
    closed: bool = False

    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(slots=True)
class Path:
    subpaths: list[Subpath]
    fill: bool
    stroke: bool
    width: float                 # stroke width (scaled)
    fill_rgb: tuple[int, int, int]
    stroke_rgb: tuple[int, int, int]
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


@dataclass(slots=True)
class Image:
    bbox: tuple[float, float, float, float]
    handle: object = None        # the PDFium page object (valid while the page lives)
    px: tuple[int, int] = (0, 0)


@dataclass
class Page:
    number: int                  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    raw: object = None           # the pypdfium2 page (for raster access)
    doc: object = None


def _matrix(obj) -> tuple[float, ...]:
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _concat(m, p):
    """m then p (row-vector convention: point x m x p)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = p
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _color(fn, obj) -> tuple[int, int, int]:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not fn(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return (0, 0, 0)
    if a.value == 0:
        return (255, 255, 255)
    return (r.value, g.value, b.value)


def _path(obj, m, height: float) -> Path | None:
    n = R.FPDFPath_CountSegments(obj)
    if n <= 0:
        return None
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    R.FPDFPath_GetDrawMode(obj, ctypes.byref(mode), ctypes.byref(stroke))
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    subs: list[Subpath] = []
    cur: Subpath | None = None
    for i in range(n):
        seg = R.FPDFPath_GetPathSegment(obj, i)
        R.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        pt = (a * px + c * py + e, height - (b * px + d * py + f))
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_MOVETO or cur is None:
            cur = Subpath([pt])
            subs.append(cur)
        else:
            cur.points.append(pt)
            if kind == R.FPDF_SEGMENT_BEZIERTO:
                cur.curved = True
        if R.FPDFPathSegment_GetClose(seg):
            cur.closed = True
    w = ctypes.c_float()
    R.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(w))
    scale = (abs(a * d - b * c)) ** 0.5 or 1.0
    p = Path(subs, bool(mode.value), bool(stroke.value), w.value * scale,
             _color(R.FPDFPageObj_GetFillColor, obj), _color(R.FPDFPageObj_GetStrokeColor, obj))
    xs = [q[0] for s in subs for q in s.points]
    ys = [q[1] for s in subs for q in s.points]
    p.bbox = (min(xs), min(ys), max(xs), max(ys))
    if not p.fill and not p.stroke:
        return None
    return p


def _bounds(obj, m, height: float):
    """Bounds of an object in page space: its own bounds are in its parent's space."""
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    R.FPDFPageObj_GetBounds(obj, ctypes.byref(l), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t))
    A, B, C, D, E, F = m
    pts = [(A * x + C * y + E, B * x + D * y + F) for x in (l.value, r.value) for y in (b.value, t.value)]
    xs = [p[0] for p in pts]
    ys = [height - p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _walk(page: Page, count, get, parent, depth: int, state: dict) -> None:
    for i in range(count):
        obj = get(i)
        kind = R.FPDFPageObj_GetType(obj)
        m = _matrix(obj)
        if kind == R.FPDF_PAGEOBJ_FORM:
            if depth == 0:
                state["wrapped"] = True
            if depth < 12:
                _walk(page, R.FPDFFormObj_CountObjects(obj),
                      lambda j, o=obj: R.FPDFFormObj_GetObject(o, j), _concat(m, parent), depth + 1, state)
        elif kind == R.FPDF_PAGEOBJ_PATH:
            p = _path(obj, _concat(m, parent), page.height)
            if p is not None:
                page.paths.append(p)
        elif kind == R.FPDF_PAGEOBJ_TEXT and depth == 0:
            state.setdefault("top_text", set()).add(ctypes.cast(obj, ctypes.c_void_p).value)
        elif kind == R.FPDF_PAGEOBJ_IMAGE:
            box = _bounds(obj, parent, page.height)
            w, h = ctypes.c_uint(), ctypes.c_uint()
            R.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(w), ctypes.byref(h))
            img = Image(box, obj, (w.value, h.value))
            if depth == 0 and _is_qr(img, page):
                continue
            page.images.append(img)


def _is_qr(img: Image, page: Page) -> bool:
    x0, top, x1, bottom = img.bbox
    return (x1 - x0) <= QR_MAX and (bottom - top) <= QR_MAX and x0 < 30 and bottom > page.height - 60


def _chars(page: Page, textpage, skip_objects: set[int] = frozenset(), footnote: bool = False) -> None:
    """Characters of the text page; those of ``skip_objects`` (the signing wrapper's
    footnote, drawn outside the wrapped page) are left out, and with ``footnote`` small
    oblique text in the bottom-left band (a notice without a wrapper)."""
    n = R.FPDFText_CountChars(textpage)
    rect = R.FS_RECTF()
    H = page.height
    out = page.chars
    for i in range(n):
        u = R.FPDFText_GetUnicode(textpage, i)
        if u in (0xFFFE, 0xFFFF) or u == 0:
            continue
        if u == 2:                          # PDFium's mark of a hyphen ending a line
            u = 0x2D
        ch = chr(u)
        if ch in "\r\n":
            out.append(Char(" ", 0, 0, 0, 0, 0, True))
            continue
        if u < 0x20 and ch != "\t":
            continue
        if skip_objects and ctypes.cast(R.FPDFText_GetTextObject(textpage, i), ctypes.c_void_p).value in skip_objects:
            continue
        R.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(rect))
        size = R.FPDFText_GetFontSize(textpage, i)
        c = Char(ch, rect.left, H - rect.top, rect.right, H - rect.bottom, size, ch.isspace() or ch == "\t")
        if (footnote and size <= FOOTNOTE_MAX_SIZE and c.top > H - 60 and c.x0 < 0.6 * page.width
                and _oblique(textpage, i)):
            continue                        # an e-signature notice stamped into the page itself
        out.append(c)


def _oblique(textpage, i: int) -> bool:
    buf = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    R.FPDFText_GetFontInfo(textpage, i, buf, 96, ctypes.byref(flags))
    name = buf.value.decode("latin-1", "replace").lower()
    return "oblique" in name or "italic" in name


def open_document(path: str):
    """Open a PDF with PDFium; raises pdfium.PdfiumError (password, damaged file)."""
    return pdfium.PdfDocument(path)


def read_page(doc, index: int, *, with_text: bool = True) -> Page:
    raw = doc[index]
    w, h = raw.get_size()
    page = Page(index + 1, w, h, raw=raw, doc=doc)
    state: dict = {}
    praw = raw.raw
    _walk(page, R.FPDFPage_CountObjects(praw), lambda j: R.FPDFPage_GetObject(praw, j),
          (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0, state)
    if with_text:
        tp = R.FPDFText_LoadPage(praw)
        try:
            wrapped = state.get("wrapped", False)
            _chars(page, tp, state.get("top_text", set()) if wrapped else set(), footnote=not wrapped)
        finally:
            R.FPDFText_ClosePage(tp)
    return page
