"""The printed SOP document, the one that gets signed (OUTPUT.md §1): what its pages
need beyond the HTML of the screen.

- **TTE area.** A TTE/BSrE signing service stamps every page with a 34×34 pt QR image
  at (11.34, 11.34) from the bottom-left corner and a 6 pt Helvetica-Oblique notice
  beside it (IMPORT.md §1, "Signing wrapper"). With ``tte: true`` the page keeps
  :data:`TTE_BOX` free: its bottom margin grows to the box's height (the page number
  sits at the bottom right, outside the box, on every page anyway).
- **DRAF.** A page rendered with ``--paksa`` despite error-level findings carries a
  light diagonal "DRAF" (:data:`DRAF_BACKGROUND`, a page background under the content).
- **Identity on one page.** :func:`identity_level` picks the text size (8.5 pt down to
  a floor of 6.5 pt, the last steps with tighter spacing) of the identity table whose
  estimated height fits the page, from the bundled font's metrics and the print
  stylesheet's measures (``sopc.css``, ``@media print``). The estimate errs on the tall
  side (words break only at spaces): 3.6 to 32 pt above WeasyPrint's table height on
  24 varied identities (four papers, logo, ``bahasa: en``, ``tte``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Iterable

from sopc.core.paper import MM, size_pt
from sopc.layout.style import MARGIN as PAGE_MARGIN   # every side of a page (sopc.css @page)

# --------------------------------------------------------------------------- TTE

TTE_QR_AT = 11.34                     # QR image origin, pt from the left and bottom edges
TTE_QR_SIZE = 34.0
# The notice's longest line ("UU ITE No 11 Tahun 2008 Pasal 5 Ayat 1 "Informasi
# Elektronik ... alat bukti hukum yang sah"") in 6 pt Helvetica-Oblique is 418 pt
# wide (standard AFM widths); it starts a few points right of the QR.
TTE_NOTE_GAP = 4.0
TTE_NOTE_WIDTH = 420.0
TTE_CLEAR = 8.0                       # free margin kept around what the service adds
#: (width, height) in pt of the bottom-left area kept free with ``tte: true``
TTE_BOX = (TTE_QR_AT + TTE_QR_SIZE + TTE_NOTE_GAP + TTE_NOTE_WIDTH + TTE_CLEAR,
           TTE_QR_AT + TTE_QR_SIZE + TTE_CLEAR)


def tte_for(sop: Any, config: Any) -> bool:
    """``tte`` of an SOP: its own value, else the repository's (sopc.yaml), else off."""
    own = getattr(sop, "tte", None)
    if own is not None:
        return bool(own)
    return bool(getattr(config, "tte", False))


def bottom_margin(tte: bool) -> float:
    """The bottom page margin in pt."""
    return max(PAGE_MARGIN, TTE_BOX[1]) if tte else PAGE_MARGIN


def layout_options(sop: Any, config: Any, paper: str) -> dict[str, Any]:
    """Keyword arguments of ``layout_sop`` for the printed page: with ``tte`` a table
    shorter by the taller bottom margin; with ``nomor_kolom`` the column-number row."""
    kw: dict[str, Any] = {}
    if tte_for(sop, config):
        from sopc.layout import default_table_height

        kw["table_height"] = default_table_height(paper) - (bottom_margin(True) - PAGE_MARGIN)
    if getattr(config, "nomor_kolom", False):
        kw["column_numbers"] = True
    return kw


def pt_css(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") + "pt"


# --------------------------------------------------------------------------- DRAF

_DRAF_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="0 0 600 400">'
    '<text x="300" y="250" text-anchor="middle" transform="rotate(-30 300 200)" '
    'font-family="DejaVu Sans" font-weight="bold" font-size="150" fill="#e3e3e3">DRAF</text>'
    "</svg>")
#: CSS ``background`` of a DRAF page: light grey (no transparency: PDF/A-safe), drawn
#: under the content, centred on the page.
DRAF_BACKGROUND = ("url(data:image/svg+xml;base64," + base64.b64encode(_DRAF_SVG.encode("ascii")).decode("ascii")
                   + ") center / 70% auto no-repeat")

# --------------------------------------------------------------------------- identity fit


@dataclass(frozen=True)
class Level:
    """One step of the identity table: text size and the spacing that goes with it
    (the print stylesheet's ``.identitas`` rules, ``sopc.css``)."""

    size: float                        # pt
    line: float = 1.25                 # line-height
    pad_y: float = 1.1 * MM            # th, td top and bottom
    sec_pad: float = 3.5 * MM          # tr.bagian td, top + bottom
    item_gap: float = 0.3 * MM         # ol.daftar li margins
    head_gap: float = 1 * MM           # .judul-bagian margin-bottom

    @property
    def css_class(self) -> str:
        """``ukuran-75`` for 7.5 pt; ``rapat`` added for the compact spacing."""
        c = f"ukuran-{int(round(self.size * 10))}"
        return c + " rapat" if self.line < 1.25 else c


_COMPACT = {"line": 1.15, "pad_y": 0.5 * MM, "sec_pad": 2 * MM, "item_gap": 0.1 * MM,
            "head_gap": 0.5 * MM}
#: largest first; the last is the floor (OUTPUT.md §1: 6.5 pt)
LEVELS = (Level(8.5), Level(8.0), Level(7.5), Level(7.0), Level(7.0, **_COMPACT),
          Level(6.5, **_COMPACT))
BORDER = 0.75                          # 1px cell borders
PAD_X = 2 * MM
KOP_PAD, LOGO_H, LOGO_GAP = 3 * MM, 26 * MM, 2 * MM
KOP_P_MARGIN = 0.8 * MM
TTD_H = 13 * MM                        # .pengesah .ruang-ttd
LIST_INDENT = 6 * MM                   # ol.daftar padding-left
SAFETY = 6.0                           # pt kept free below the estimated table


def _lines(text: str, width: float, size: float, bold: bool = False) -> int:
    """Lines of ``text`` (its own line breaks kept) wrapped at spaces into ``width``;
    a word longer than the line breaks anywhere (``overflow-wrap: anywhere``)."""
    from sopc.layout.metrics import text_width

    width = max(width, size)
    space = text_width(" ", size, bold)
    total = 0
    for para in str(text).replace("\r\n", "\n").split("\n"):
        n, x = 1, 0.0
        for word in para.split():
            w = text_width(word, size, bold)
            if x and x + space + w <= width:
                x += space + w
                continue
            if x:
                n += 1
            if w <= width:
                x = w
                continue
            x = 0.0                      # a long token: broken anywhere
            for ch in word:
                cw = text_width(ch, size, bold)
                if x and x + cw > width:
                    n += 1
                    x = 0.0
                x += cw
        total += n
    return total


def _list_height(items: Iterable[str], width: float, lv: Level) -> float:
    items = [str(t) for t in items if t is not None and str(t).strip()]
    lh = lv.size * lv.line
    if not items:
        return lh
    return sum(_lines(t, width - LIST_INDENT, lv.size) * lh + lv.item_gap for t in items) + lv.item_gap


def identity_height(identity: dict, kop: dict, paper: str, lv: Level, L: dict | None = None) -> float:
    """Estimated height in pt of the printed identity table at level ``lv``.

    ``identity``: the context's ``identity`` (nomor, nama, pengesah, sections of
    ``{"text": ...}`` items); ``kop``: ``{"lines": [(text, size, bold)], "logo": bool}``;
    ``L``: the printed labels.
    """
    L = L or {}
    size = lv.size
    width = size_pt(paper)[0] - 2 * PAGE_MARGIN - 2 * 1.125
    lh = size * lv.line
    cell = 2 * lv.pad_y + BORDER
    col_label, col_value, half = 0.17 * width, 0.33 * width, 0.5 * width
    inner = lambda w: w - 2 * PAD_X - BORDER - 1.0  # noqa: E731

    def row(label: str, value: str, bold_value: bool = False) -> float:
        n = max(_lines(label, inner(col_label), size, True),
                _lines(value or "-", inner(col_value), size, bold_value))
        return n * lh + cell

    p = identity.get("pengesah") or {}
    signer = [(p.get("jabatan") or "", True), (p.get("nama") or "", True)]
    if p.get("pangkat"):
        signer.append((p["pangkat"], False))
    signer.append(("NIP 19720315 199803 1 004", False))
    signer_h = sum(_lines(t or "-", inner(col_value), size, b) for t, b in signer) * lh + TTD_H
    right = (row(L.get("nomor", "Nomor SOP"), identity.get("nomor") or "-", True)
             + sum(row(L.get(k, "Tanggal Pembuatan"), "30 September 2026")
                   for k in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"))
             + max(_lines(L.get("disahkan_oleh", "Disahkan oleh"), inner(col_label), size, True) * lh,
                   signer_h) + cell
             + row(L.get("nama", "Nama SOP"), identity.get("nama") or "-", True))
    kop_h = 2 * KOP_PAD + BORDER + (LOGO_H + LOGO_GAP if kop.get("logo") else 0.0)
    for text, ksize, bold in kop.get("lines", ()):
        kop_h += _lines(str(text).upper(), half - 2 * KOP_PAD - BORDER - 1.0, ksize, bold) * ksize * 1.25 \
            + KOP_P_MARGIN
    kop_h += KOP_P_MARGIN
    total = max(right, kop_h) + 2 * 1.125

    def cell_h(key: str, items) -> float:
        head = _lines(L.get(key, key).upper() + ":", inner(half), size, True) * lh + lv.head_gap
        return head + _list_height((it.get("text") for it in items), inner(half), lv)

    for left_key, left_items, right_key, right_items in identity.get("sections", ()):
        total += max(cell_h(left_key, left_items), cell_h(right_key, right_items)) + lv.sec_pad + BORDER
    return total


def identity_level(identity: dict, kop: dict, paper: str, tte: bool, L: dict | None = None) -> Level:
    """The first of :data:`LEVELS` whose identity table fits one page (the floor when
    none does: the table then runs on, its rows kept together)."""
    room = size_pt(paper)[1] - PAGE_MARGIN - bottom_margin(tte) - SAFETY
    for lv in LEVELS:
        if identity_height(identity, kop, paper, lv, L) <= room:
            return lv
    return LEVELS[-1]


def print_context(identity: dict, instansi: dict, has_logo: bool, paper: str, tte: bool,
                  forced: bool, L: dict | None = None) -> dict:
    """The ``cetak`` part of an SOP page's template context."""
    kop = {"logo": has_logo, "lines": [(instansi.get("nama") or "", 10.5, True),
                                       (instansi.get("satuan_kerja") or "", 9.5, True),
                                       (instansi.get("unit") or "", 9.5, False)]}
    kop["lines"] = [ln for ln in kop["lines"] if ln[0]]
    return {
        "tte": tte,
        "margin_bawah": pt_css(bottom_margin(tte)),
        "identitas": identity_level(identity, kop, paper, tte, L).css_class,
        "draf": DRAF_BACKGROUND if forced else None,
    }
