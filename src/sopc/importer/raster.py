"""Raster flowcharts: an image over the actor columns whose shapes exist only in its
alpha channel (IMPORT.md §5). The image is composited onto white and the symbols are
found with OpenCV (``opencv-python-headless``): each closed outline leaves a hole, and
the hole's shape (vertices, fill ratio, size) tells the symbol. Connectors are not
traced: the flow of a raster page is laid out in list order and marked for review.
"""

from __future__ import annotations

import numpy as np

from sopc.importer.pdfpage import Image, Page
from sopc.importer.shapes import DECISION, OFFPAGE, PROCESS, TERMINATOR, Symbol


def image_pixels(page: Page, im: Image) -> np.ndarray | None:
    """The image as grey levels composited on white, at its own resolution."""
    return _with_xobject(page, im, _composite)


def image_png(page: Page, im: Image) -> bytes | None:
    """An image of the page as PNG, in colour, transparency composited on white (the
    agency logo of the identity page)."""
    import io

    import pikepdf
    from PIL import Image as PILImage

    def png(xobj) -> bytes:
        pic = pikepdf.PdfImage(xobj).as_pil_image().convert("RGB")
        if "/SMask" in xobj:
            alpha = pikepdf.PdfImage(xobj.SMask).as_pil_image().convert("L")
            if alpha.size == pic.size:
                white = PILImage.new("RGB", pic.size, (255, 255, 255))
                pic = PILImage.composite(pic, white, alpha)
        buf = io.BytesIO()
        pic.save(buf, format="PNG", optimize=True)
        return buf.getvalue()

    return _with_xobject(page, im, png)


def _with_xobject(page: Page, im: Image, use):
    """``use(xobject)`` of the page's image XObject that ``im`` was read from (matched
    by its pixel size), or None when the file or the image cannot be found again."""
    import pikepdf

    path = getattr(page.doc, "_sopc_path", None)
    if path is None:
        return None
    with pikepdf.open(path) as pdf:
        for xobj in _images(pdf.pages[page.number - 1].obj):
            if int(xobj.get("/Width", 0)) == im.px[0] and int(xobj.get("/Height", 0)) == im.px[1]:
                return use(xobj)
    return None


def _images(obj, depth: int = 0):
    res = obj.get("/Resources")
    if res is None or depth > 6:
        return
    xobjs = res.get("/XObject") or {}
    for _name, x in xobjs.items():
        sub = x.get("/Subtype")
        if sub == "/Image":
            yield x
        elif sub == "/Form":
            yield from _images(x, depth + 1)


def _composite(xobj) -> np.ndarray:
    import pikepdf

    rgb = np.asarray(pikepdf.PdfImage(xobj).as_pil_image().convert("L"), dtype=np.float32)
    if "/SMask" in xobj:
        alpha = np.asarray(pikepdf.PdfImage(xobj.SMask).as_pil_image().convert("L"), dtype=np.float32) / 255.0
        if alpha.shape == rgb.shape:
            rgb = rgb * alpha + 255.0 * (1.0 - alpha)
    return rgb.astype(np.uint8)


def raster_symbols(page: Page, im: Image) -> list[Symbol]:
    grey = image_pixels(page, im)
    if grey is None:
        return []
    return find_symbols((grey < 160).astype(np.uint8), im.bbox)


def find_symbols(ink: np.ndarray, bbox) -> list[Symbol]:
    """Symbols among the ink of an image placed at ``bbox`` (page points): the holes
    of closed outlines, told apart by vertices, fill ratio and size."""
    import cv2

    h, w = ink.shape
    x0, top, x1, bottom = bbox
    sx, sy = (x1 - x0) / w, (bottom - top) / h
    ink = cv2.dilate(ink, np.ones((3, 3), np.uint8))     # close 1 px gaps of thin diagonals
    contours, hier = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    out: list[Symbol] = []
    if hier is None:
        return out
    for c, hrow in zip(contours, hier[0]):
        if hrow[3] < 0:                      # an outer boundary; holes are symbol interiors
            continue
        bx, by, bw, bh = cv2.boundingRect(c)
        wpt, hpt = bw * sx, bh * sy
        if not (8 <= wpt <= 120 and 6 <= hpt <= 80):
            continue
        kind = _kind(c, bw, bh, wpt, hpt)
        if kind is None:
            continue
        pad = 1.0
        out.append(Symbol(kind, (x0 + bx * sx - pad, top + by * sy - pad,
                                 x0 + (bx + bw) * sx + pad, top + (by + bh) * sy + pad)))
    return out


def _kind(c, bw: int, bh: int, wpt: float, hpt: float) -> str | None:
    import cv2

    area = cv2.contourArea(c)
    ratio = area / float(bw * bh or 1)
    approx = cv2.approxPolyDP(c, 0.04 * cv2.arcLength(c, True), True)
    n = len(approx)
    if 0.4 <= ratio <= 0.62 and n == 4:
        return DECISION
    if n == 5 and 0.65 <= ratio <= 0.9 and wpt <= 32:
        return OFFPAGE
    if ratio >= 0.93 and n == 4:
        return PROCESS
    if 0.7 <= ratio < 0.93 and wpt > hpt:
        return TERMINATOR
    return None
