"""Look-alikes of real signed SOP PDFs (../shared/spec/IMPORT.md), written with hand-made
content streams through pikepdf: the identity page, the procedure table with its grid
drawn as Word/Excel/Visio do, the flowchart in each drawing style, raster flowcharts,
JPEG tables and the signing wrapper (Form XObject, QR image, 6 pt footnote).

A :class:`Spec` describes one document; :func:`build` writes it. The spec is also the
ground truth the tests compare the import with.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np
import pikepdf

from .draw import Canvas, Router

LABELS = {"nomor": "Nomor SOP", "pembuatan": "Tanggal Pembuatan", "revisi": "Tanggal Revisi",
          "efektif": "Tanggal Efektif", "disahkan": "Disahkan oleh", "nama": "NAMA SOP",
          "dasar_hukum": "DASAR HUKUM :", "kualifikasi_pelaksana": "KUALIFIKASI PELAKSANA :",
          "keterkaitan": "KETERKAITAN", "peralatan": "PERALATAN/ PERLENGKAPAN", "peringatan": "PERINGATAN",
          "pencatatan": "PENCATATAN DAN PENDATAAN"}
COLS = {"no": "No", "kegiatan": "Kegiatan", "kelengkapan": "Kelengkapan", "waktu": "Waktu", "output": "Output",
        "ket": "Keterangan"}
WIDTH = {"no": 22, "kegiatan": 150, "kelengkapan": 78, "waktu": 44, "output": 70, "ket": 62}


@dataclass
class Act:
    uraian: str
    actor: list[int]                       # actor columns (several: parallel boxes)
    kind: str = "process"                  # process | decision | terminator
    edges: list | None = None              # [(target index | "selesai", label)]; None: next
    start_cap: bool = False                # a start capsule beside the box in this row
    end_cap: bool = False                  # an end capsule beside the box in this row
    straddle: bool = False                 # one symbol across actor[0] and actor[1]
    kelengkapan: str = "Berkas"
    waktu: str = "10 menit"
    output: str = "Dokumen"
    keterangan: str = ""
    number: bool = True
    share_row: bool = False                # drawn in the row above (two boxes, different successors)


@dataclass
class Spec:
    name: str
    paper: tuple[float, float] = (792.0, 612.0)
    wrapper: str = "form"                  # form | nested | none
    qr_twice: bool = False
    labels: dict = field(default_factory=dict)
    colon: bool = False
    wrap_label: bool = False
    no_peralatan: bool = False
    nomor: str = "SOP-012/17000/2025"
    nomor_lines: tuple | None = None       # the Nomor cell as printed (old number, kerning)
    nama: str = "Pengelolaan Arsip Dinamis"
    dates: tuple = ("2 Juni 2025", "-", "12 Juni 2025")
    expect_dates: tuple = ("2025-06-02", None, "2025-06-12")
    jabatan: str = "Kepala Kantor Wilayah"
    signer: str = "Budi Santoso, S.H., M.H."
    nip_line: str | None = None
    expect_nip: str = ""
    agency: tuple = ("KEMENTERIAN CONTOH REPUBLIK INDONESIA", "KANTOR WILAYAH PROVINSI CONTOH")
    unit_line: str = "TIM TATA USAHA"
    lists: dict = field(default_factory=lambda: {
        "dasar_hukum": ["Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
                        "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan"],
        "kualifikasi_pelaksana": ["Memahami tata naskah dinas", "Mampu mengoperasikan komputer"],
        "keterkaitan": ["SOP Penerimaan Surat Masuk"],
        "peralatan": ["Komputer", "Aplikasi persuratan"],
        "peringatan": ["Jika SOP tidak dilaksanakan, arsip dapat hilang"],
        "pencatatan": ["Buku agenda"]})
    list_style: str = "num"                # num | comma | bullet
    actors: list = field(default_factory=lambda: ["Pelaksana Arsip", "Kepala Subbagian", "Kepala Kantor"])
    order: tuple = ("no", "kegiatan", "actors", "kelengkapan", "waktu", "output", "ket")
    col_labels: dict = field(default_factory=dict)
    pelaksana_label: bool = True
    mutu: str = "Mutu Baku"
    colnums: str | None = None             # paren | plain | skip
    grid: str = "filled"                   # filled | stroked
    rule: float = 0.6
    junctions: bool = False
    undrawn: int | None = None             # actor index whose right divider is not drawn
    style: str = "rings"                   # rings | word | excel | visio
    fill: str | None = None                # grey | blue
    blue_lines: bool = False
    acts: list = field(default_factory=list)
    layout: str = "split"                  # one_page | split
    rows_per_page: int = 8
    repeat_header: bool = False
    offpage_labels: bool = False
    offpage_reuse: bool = False            # every pair labelled "1" (numbering per page break)
    raster: bool = False
    jpeg: str | None = None                # one | strips | two_pages
    damage: set = field(default_factory=set)
    trailing_blank: bool = False
    page_numbers: str | None = None        # dash | bare
    label_far: bool = False
    label_image: bool = False
    label_stacked: bool = False            # rotated labels read as stacked single letters
    gap_source: bool = False               # connectors start 3 pt short of their source
    signer_rows: bool = False              # the signer's name in a row below the jabatan's
    unit_cell: bool = False                # the unit line in a cell below the agency's
    label_box: bool = False                # branch labels in bordered text boxes
    label_right: bool = False              # a bottom exit's label right of its segment
    chevron: bool = False                   # Word's notched arrowheads
    dashed: bool = False                   # dashed connectors
    decoy: bool = False                    # a fully transparent 77x60 pt image over the flow
    spill: bool = False                    # the last list row of the identity on page 2
    bottom_margin: float = 45.0            # rows fill the page down to this margin

    def truth_edges(self) -> list[list[tuple]]:
        out = []
        for i, a in enumerate(self.acts):
            if a.edges is None:
                out.append([(i + 1, "")] if i + 1 < len(self.acts) else [])
            else:
                out.append(list(a.edges))
        return out


# --------------------------------------------------------------------------- pages

def _label(spec: Spec, key: str) -> str:
    return spec.labels.get(key, LABELS[key])


def _identity(c: Canvas, spec: Spec, W: float, H: float, spill_to: Canvas | None = None) -> float:
    """Draw the identity page's table; return its bottom (on ``spill_to`` when the
    last row of lists spills onto the next page)."""
    m = 28.0
    rx = round(W * 0.54, 1)
    lab_w = 105.0
    col_w = 8.0 if spec.colon else 0.0
    rows = [("nomor", spec.nomor), ("pembuatan", spec.dates[0]), ("revisi", spec.dates[1]),
            ("efektif", spec.dates[2]), ("disahkan", None), ("nama", spec.nama)]
    y = m
    hs, vs = [], []
    tops = []
    for key, value in rows:
        h = 78.0 if key == "disahkan" else (22.0 if (spec.wrap_label and key == "pembuatan")
                                            or (spec.nomor_lines and key == "nomor") else 15.0)
        tops.append((key, value, y, h))
        y += h
    top_block = y
    for key, value, t, h in tops:
        hs.append((t, rx, W - m))
        lab = _label(spec, key)
        if spec.wrap_label and key == "pembuatan":
            first, second = lab.split(" ", 1)
            c.text(rx + 3, t + 3, first, 7.5)
            c.text(rx + 3, t + 12, second, 7.5)
        else:
            c.text(rx + 3, t + (h - 7.5) / 2 if key != "disahkan" else t + 3, lab, 7.5)
        vx = rx + lab_w + col_w + 3
        if spec.colon:
            c.text(rx + lab_w + 2, t + 3, ":", 7.5)
        if key == "disahkan" and spec.signer_rows:   # the name in a row of its own
            hs.append((t + 30, rx + lab_w, W - m))
        if key == "disahkan":
            c.text(vx, t + 3, spec.jabatan, 7.5)
            c.text(vx, t + 3 + 43, spec.signer, 7.5)
            if spec.nip_line:
                c.text(vx, t + 3 + 52, spec.nip_line, 7.5)
        elif key == "nomor" and spec.nomor_lines:
            for k, line in enumerate(spec.nomor_lines):
                c.text(vx, t + 3 + 9 * k, line, 7.5)
        elif value:
            c.text(vx, t + (h - 7.5) / 2, value, 7.5, spacing=2.4 if "letterspace" in spec.damage and key == "nama" else 0.0)
    hs.append((top_block, m, W - m))
    hs.append((m, m, rx))
    vs += [(rx, m, top_block), (rx + lab_w, m, top_block), (m, m, top_block), (W - m, m, top_block)]
    if spec.colon:
        vs.append((rx + lab_w + col_w, m, top_block))
    # header block: logo, agency, unit
    c.image_gray(m + 8, m + 8, 50, 50, 60)
    ly = m + 64
    for line in spec.agency:
        c.text(m + 8, ly, line, 8, font="BI")
        ly += 10
    if spec.unit_cell:                      # the unit in a cell of its own
        hs.append((ly - 1, m, rx))
    c.text(m + 8, ly + 2, spec.unit_line, 8, font="B")
    # list grid: 3 rows of 2 cells
    keys = [("dasar_hukum", "kualifikasi_pelaksana"), ("keterkaitan", "peralatan"), ("peringatan", "pencatatan")]
    y = top_block
    half = (W - 2 * m) / 2
    for pair in keys:
        if spill_to is not None and pair[0] == "peringatan":
            c.grid(hs, vs + [(m, top_block, y), (W - m, top_block, y), (m + half, top_block, y)], spec)
            hs, vs, c, top_block = [(28.0, m, W - m)], [], spill_to, 28.0
            y = 28.0
        hmax = 0.0
        for j, key in enumerate(pair):
            if key == "peralatan" and spec.no_peralatan:
                continue
            x = m + j * half
            c.text(x + 3, y + 3, _label(spec, key), 7.5, font="B")
            yy = y + 13
            for n, item in enumerate(spec.lists.get(key, [])):
                yy = _list_item(c, spec, n, item, x, yy, half)
            hmax = max(hmax, yy - y + 2)
        y += hmax
        hs.append((y, m, W - m))
    vs += [(m, top_block, y), (W - m, top_block, y), (m + half, top_block, y)]
    c.grid(hs, vs, spec)
    return y


def _list_item(c: Canvas, spec: Spec, n: int, item: str, x: float, y: float, width: float) -> float:
    if spec.list_style == "bullet":
        mark = "\u2022"
    elif spec.list_style == "comma" and n == 0:
        mark = "1,"
    else:
        mark = f"{n + 1}."
    if "tab" in spec.damage and n == 0:
        c.text(x + 4, y, mark + "\t" + item[:0], 7.5)
    else:
        c.text(x + 4, y, mark, 7.5)
    for line in wrap(item, width - 26, 7.5):
        c.text(x + 16, y, line, 7.5)
        y += 9
    return y


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy wrap with a conservative width estimate (Helvetica averages ~0.5 em)."""
    per = max(1, int(width / (0.56 * size)))
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > per:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    if cur:
        lines.append(cur)
    return lines or [""]


# --------------------------------------------------------------------------- table

def columns(spec: Spec, W: float) -> list[tuple[str, float, float]]:
    m = 28.0
    roles = []
    for r in spec.order:
        if r == "actors":
            roles += [f"actor{i}" for i in range(len(spec.actors))]
        else:
            roles.append(r)
    widths = [62.0 if r.startswith("actor") else WIDTH[r] for r in roles]
    scale = (W - 2 * m) / sum(widths)
    out, x = [], m
    for r, w in zip(roles, widths):
        out.append((r, round(x, 2), round(x + w * scale, 2)))
        x += w * scale
    return out


def _header(c: Canvas, spec: Spec, cols, top: float, hs, vs) -> float:
    h1, h2 = 13.0, 22.0
    bottom = top + h1 + h2
    actor_cols = [col for col in cols if col[0].startswith("actor")]
    mutu_cols = [col for col in cols if col[0] in ("kelengkapan", "waktu", "output")]
    hs.append((top, cols[0][1], cols[-1][2]))
    if actor_cols and spec.pelaksana_label:
        c.text_center((actor_cols[0][1] + actor_cols[-1][2]) / 2, top + 3, "Pelaksana", 7.5, font="B")
        hs.append((top + h1, actor_cols[0][1], actor_cols[-1][2]))
    if mutu_cols:
        c.text_center((mutu_cols[0][1] + mutu_cols[-1][2]) / 2, top + 3, spec.mutu, 7.5, font="B")
        hs.append((top + h1, mutu_cols[0][1], mutu_cols[-1][2]))
    for role, x0, x1 in cols:
        if role.startswith("actor"):
            i = int(role[5:])
            lines = wrap(spec.actors[i], x1 - x0 - 4, 7)
            y0 = top + h1 + 3 if spec.pelaksana_label else top + 5
            for k, line in enumerate(lines):
                c.text_center((x0 + x1) / 2, y0 + 8 * k, line, 7, font="B")
        elif role in ("kelengkapan", "waktu", "output"):
            label = spec.col_labels.get(role, COLS[role])
            c.text_center((x0 + x1) / 2, top + h1 + 7, label, 7, font="B")
        else:
            label = spec.col_labels.get(role, COLS[role])
            if label:
                c.text_center((x0 + x1) / 2, top + 13, label, 7, font="B")
    y = bottom
    if spec.colnums:
        n = 0
        for k, (role, x0, x1) in enumerate(cols):
            n += 2 if spec.colnums == "skip" and k == 3 else 1
            t = f"({n})" if spec.colnums == "paren" else str(n)
            c.text_center((x0 + x1) / 2, y + 1.5, t, 6.5, font="I" if spec.colnums != "paren" else "R")
        hs.append((y, cols[0][1], cols[-1][2]))
        y += 10
    return y


@dataclass
class Placed:
    page: int
    kind: str
    box: tuple
    act: int
    role: str = "main"


def build(spec: Spec, path) -> None:
    from .pages import render

    if spec.jpeg == "rendered":
        _rendered_jpeg(spec, path)
        return
    render(spec, path)


def _rendered_jpeg(spec: Spec, path) -> None:
    """A table page turned into a JPEG of itself (text, grid and flowchart as pixels,
    anisotropic 2.65 x 2.15 px/pt, as scanned tables are), on the same page."""
    import dataclasses
    import tempfile

    import cv2
    import pypdfium2 as pdfium

    from .pages import render

    with tempfile.TemporaryDirectory() as tmp:
        vec = f"{tmp}/vector.pdf"
        render(dataclasses.replace(spec, jpeg=None, wrapper="none"), vec)
        doc = pdfium.PdfDocument(vec)
        W, H = spec.paper
        grey = np.asarray(doc[1].render(scale=2.65, grayscale=True).to_pil().convert("L"))
        doc.close()
        grey = cv2.resize(grey, (grey.shape[1], int(round(H * 2.15))), interpolation=cv2.INTER_AREA)
        ok, jpg = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 88])
        with pikepdf.open(vec) as pdf:
            img = pdf.make_stream(jpg.tobytes(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                                  Width=grey.shape[1], Height=grey.shape[0], ColorSpace=pikepdf.Name.DeviceGray,
                                  BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode)
            page = pdf.pages[1].obj
            page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Tb=img))
            page.Contents = pdf.make_stream(f"q {W} 0 0 {H} 0 0 cm /Tb Do Q".encode())
            pdf.save(path)


def png_alpha(alpha: np.ndarray) -> tuple[bytes, bytes]:
    """RGB all black and the shapes in the alpha channel only (IMPORT.md §5)."""
    rgb = np.zeros(alpha.shape + (3,), np.uint8)
    return zlib.compress(rgb.tobytes()), zlib.compress(alpha.astype(np.uint8).tobytes())


__all__ = ["Act", "Spec", "build", "columns", "wrap", "Placed", "png_alpha", "math", "pikepdf", "Router"]
