"""Procedure tables stored as JPEG (no text layer): the grid is found with OpenCV
(long horizontal and vertical strokes), the words with Tesseract (``tesseract-ocr``
and its Indonesian data ``tesseract-ocr-ind``, Debian packages). Words and ruling lines
come back in page points, so the table reader treats them as a text layer; the
symbols are found among the remaining ink. Everything read this way is for review.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

import numpy as np

from sopc.core.diagnostics import msg
from sopc.importer.layout import Rules, Word, merge_pieces
from sopc.importer.pdfpage import Image, Page

HLINE_PT = 120.0
VLINE_PT = 62.0
GUIDANCE = msg(
    "tabel berupa gambar tidak dibaca: OCR memerlukan Tesseract dengan data bahasa Indonesia "
    "(Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-ind)",
    "table image not read: OCR needs Tesseract with its Indonesian data "
    "(Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-ind)",
)


@functools.lru_cache(maxsize=1)
def available() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return "ind" in (out.stdout + out.stderr).split()


def read_image(page: Page, im: Image):
    """(words, horizontal rules, vertical rules, ink without the grid) of a table image,
    in page points; None when the image cannot be decoded or OCR fails."""
    import cv2

    from sopc.importer.raster import image_pixels

    grey = image_pixels(page, im)
    if grey is None:
        return None
    h, w = grey.shape
    x0, top, x1, bottom = im.bbox
    sx, sy = (x1 - x0) / w, (bottom - top) / h
    ink = (grey < 170).astype(np.uint8)
    # grid lines are longer than any symbol's side (process p95 57 pt wide, diamond 55 pt tall)
    hk, vk = max(20, int(HLINE_PT / sx)), max(20, int(VLINE_PT / sy))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    hs = [((by + bh / 2) * sy + top, bx * sx + x0, (bx + bw) * sx + x0) for bx, by, bw, bh in _boxes(horiz)]
    vs = [((bx + bw / 2) * sx + x0, by * sy + top, (by + bh) * sy + top) for bx, by, bw, bh in _boxes(vert)]
    words = _tesseract(grey, (x0, top), sx, sy)
    if words is None:
        return None
    rest = ink & ~(horiz | vert) & 1
    return words, hs, vs, rest


def _boxes(mask):
    import cv2

    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [cv2.boundingRect(c) for c in contours]


def _tesseract(grey, origin, sx: float, sy: float, psm: str = "11", digits: bool = False) -> list[Word] | None:
    import cv2

    ok, png = cv2.imencode(".png", grey)
    if not ok:
        return None
    extra = ["-c", "tessedit_char_whitelist=0123456789."] if digits else []
    try:
        out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "ind", "--psm", psm, *extra, "tsv"],
                             input=png.tobytes(), capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    words = []
    for line in out.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = line.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        left, tp, wd, ht = (int(v) for v in f[6:10])
        x, y = origin
        words.append(Word(f[11].strip(), x + left * sx, y + tp * sy, x + (left + wd) * sx, y + (tp + ht) * sy,
                          ht * sy))
    return words


def column_words(page: Page, images: list[Image], span: tuple[float, float]) -> list[Word]:
    """Digits of one column (row numbers), read again as a block: a sparse-text pass
    drops lone digits."""
    from sopc.importer.raster import image_pixels

    out: list[Word] = []
    for im in images:
        grey = image_pixels(page, im)
        if grey is None:
            continue
        h, w = grey.shape
        x0, top, x1, bottom = im.bbox
        sx, sy = (x1 - x0) / w, (bottom - top) / h
        a, b = int(max(0, (span[0] - x0) / sx)) + 3, int(min(w, (span[1] - x0) / sx)) - 3
        if b - a < 10:
            continue
        crop = np.ascontiguousarray(grey[:, a:b])
        got = _tesseract(crop, (x0 + a * sx, top), sx, sy, psm="6", digits=True)
        out += got or []
    return out


def page_layer(page: Page, images: list[Image]):
    """Words, rules and symbols of a page whose table is one or more images."""
    from sopc.importer.raster import find_symbols

    words: list[Word] = []
    hs: list = []
    vs: list = []
    symbols = []
    for im in images:
        got = read_image(page, im)
        if got is None:
            continue
        w, h, v, rest = got
        words += w
        hs += h
        vs += v
        symbols += find_symbols(rest, im.bbox)
    if not words:
        return None
    rules = Rules(merge_pieces(hs), merge_pieces(vs))
    return words, rules, symbols


__all__ = ["available", "page_layer", "column_words", "GUIDANCE"]
