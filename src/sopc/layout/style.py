"""Sizes of the procedure table: page margins, type sizes, paddings, routing distances
and the symbol sizes derived from the width of an actor lane (``make_style``)."""

from __future__ import annotations

from dataclasses import dataclass

from sopc.core.paper import MM
from sopc.layout import metrics
from sopc.core.paper import size_pt as paper_size

MARGIN = 12 * MM            # page margin on every side
PAGE_HEADER = 24.0          # room above the table for the SOP nomor/nama line
PAGE_FOOTER = 6.0           # safety below the table ("Halaman X dari Y" sits in the @page margin)

FONT_SIZE = 8.0             # cell text
HEADER_SIZE = 8.0           # header text (bold)
PAD_X = 4.0
PAD_Y = 5.0
NO_WIDTH = 24.0

ARROW_LEN = 5.0             # arrowhead length (the renderer draws it on the last segment)
MIN_LAST = ARROW_LEN + 2.5  # shortest final segment
MIN_STUB = 3.0              # shortest segment leaving a symbol
TOL = 1.2                   # parallel segments closer than this count as shared
GRID_CLEAR = 1.0            # no segment may run closer than this along a grid line
GUTTER_CLEAR = 2.5          # gutter tracks keep this distance from symbols
LINE_CLEAR = 6.0            # a vertical segment longer than LINE_RUN keeps this from column lines
LINE_RUN = 20.0
MIN_TEXT = 6.0              # no text of the table is smaller (cells step down to it)
LABEL_SIZE = 6.0            # branch labels and decision questions: one size

HEADINGS = {
    "id": {"no": "No", "kegiatan": "Kegiatan", "pelaksana": "Pelaksana", "mutu": "Mutu Baku",
           "kelengkapan": "Kelengkapan", "waktu": "Waktu", "output": "Output",
           "keterangan": "Keterangan"},
    "en": {"no": "No", "kegiatan": "Activity", "pelaksana": "Actors", "mutu": "Quality Standard",
           "kelengkapan": "Requirements", "waktu": "Time", "output": "Output",
           "keterangan": "Remarks"},
}


def default_table_width(paper: str | None = "A4") -> float:
    return paper_size(paper)[0] - 2 * MARGIN


def default_table_height(paper: str | None = "A4") -> float:
    """Usable height of the procedure table on one page: the paper height less the
    margins, the page header line and the footer."""
    return paper_size(paper)[1] - 2 * MARGIN - PAGE_HEADER - PAGE_FOOTER


RUNNING_SIZE = 8.5          # the running header line above the table (templates/sopc.css
RUNNING_GAP = 3 * MM + 1.5  # .kepala-halaman: 8.5 pt, padding 1 mm, margin 2 mm, rule)


def running_header_height(nomor: str, nama: str, width: float) -> float:
    """Height of the running header ("nomor · nama") printed above the table on every
    procedure page: a long name wraps, and every line counts in the page height."""
    lines = len(metrics.wrap(f"{nomor} · {nama}", width, RUNNING_SIZE))
    return max(PAGE_HEADER, lines * RUNNING_SIZE * 1.17 + RUNNING_GAP + 2.0)


# --------------------------------------------------------------------------- style

@dataclass
class Style:
    lane_w: float
    rect_w: float
    rect_h: float
    dia_w: float
    dia_h: float
    pent_w: float
    pent_h: float
    strip_h: float
    min_row: float
    min_row_decision: float
    label_size: float
    actor_size: float

    @property
    def sym_half(self) -> float:
        return max(self.rect_w, self.dia_w) / 2


def make_style(lane_w: float) -> Style:
    lane_w = max(lane_w, 1.0)
    # narrow lanes keep room for gutter tracks (LINE_CLEAR from the lane's lines); in
    # the narrowest (below 48 pt: 10 lanes on A4) the box is narrower still, so that a
    # loop back into its side finds a track LINE_CLEAR from the line and MIN_LAST from
    # the box
    rect_w = max(min(0.4 * lane_w, lane_w - 29.0), min(0.52 * lane_w, lane_w - 34.0, 56.0))
    rect_h = max(6.0, min(rect_w * 0.4, 13.0))
    dia_w = max(0.4 * lane_w, min(0.5 * lane_w, lane_w - 32.0, 50.0))
    dia_h = max(8.0, min(dia_w * 0.55, 21.0))
    pent_w = max(6.0, min(0.26 * lane_w, 14.0))
    pent_h = pent_w * 1.05
    return Style(
        lane_w=lane_w, rect_w=rect_w, rect_h=rect_h, dia_w=dia_w, dia_h=dia_h,
        pent_w=pent_w, pent_h=pent_h, strip_h=pent_h + 12.0,
        min_row=rect_h + 2 * 7.0,
        min_row_decision=dia_h + 2 * 7.0 + LABEL_SIZE * 1.2 + 3.0,
        label_size=LABEL_SIZE,
        actor_size=max(MIN_TEXT, min(HEADER_SIZE, lane_w / 6.0)),
    )
