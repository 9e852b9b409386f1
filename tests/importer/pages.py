"""Page assembly of a look-alike: identity page, table pages with rows, symbols and
connectors, off-page connector pairs, raster and JPEG variants, the signing wrapper."""

from __future__ import annotations

import cv2
import numpy as np
import pikepdf

from .draw import FONTS, Canvas, Router, arrow_head, outline
from .lookalike import Spec, _header, _identity, columns, png_alpha, wrap

SIZES = {"process": (40.0, 18.0), "terminator": (40.0, 18.0), "decision": (44.0, 26.0), "offpage": (16.0, 14.0)}
PX = 2.66                                  # raster flowcharts: px per pt


class RasterCanvas:
    """Draws symbols and connectors into an alpha mask instead of the page."""

    def __init__(self, box):
        self.box = box
        w = int((box[2] - box[0]) * PX) + 1
        h = int((box[3] - box[1]) * PX) + 1
        self.alpha = np.zeros((h, w), np.uint8)

    def _p(self, p):
        return (int(round((p[0] - self.box[0]) * PX)), int(round((p[1] - self.box[1]) * PX)))

    def symbol(self, kind, box, spec):
        pts = np.array([self._p(p) for p in outline(kind, box)], np.int32)
        cv2.polylines(self.alpha, [pts], True, 255, 2, cv2.LINE_AA)

    def connector(self, pts, spec, arrow=True):
        body = [self._p(p) for p in pts]
        if arrow:
            head = arrow_head(pts[-2], pts[-1])
            body[-1] = self._p(head[3])
            cv2.fillPoly(self.alpha, [np.array([self._p(p) for p in head[:3]], np.int32)], 255)
        cv2.polylines(self.alpha, [np.array(body, np.int32)], False, 255, 2, cv2.LINE_AA)

    def text(self, *a, **k):
        pass


def _row_height(spec: Spec, a, cols) -> float:
    keg = next(c for c in cols if c[0] == "kegiatan")
    n = len(_cell_lines(a.uraian, keg[2] - keg[1] - 6))
    for role, x0, x1 in cols:
        if role in ("kelengkapan", "output", "ket"):
            val = {"kelengkapan": a.kelengkapan, "output": a.output, "ket": a.keterangan}[role]
            n = max(n, len(_cell_lines(val, x1 - x0 - 6)))
    return max(46.0, 8.5 * n + 10)


def _cell_lines(text: str, width: float) -> list[str]:
    """Wrap; a ``|`` forces a break without a space (an unhyphenated wrap)."""
    out = []
    for part in text.split("|"):
        out += wrap(part, width, 7)
    return out


def _cell(c: Canvas, text: str, x0: float, x1: float, top: float, spec: Spec, italic_split=False) -> None:
    for k, line in enumerate(_cell_lines(text, x1 - x0 - 6)):
        if "~" in line:                                   # an italic run splits a word
            a, b = line.split("~", 1)
            base = c.H - (top + 3 + 8.5 * k + 7 * 0.8)
            c.ops.append(f"BT /FR 7 Tf 1 0 0 1 {x0 + 3:.2f} {base:.2f} Tm ({a}) Tj /FI 7 Tf ({b}) Tj ET")
        else:
            c.text(x0 + 3, top + 3 + 8.5 * k, line, 7, spacing=2.2 if "letterspace" in spec.damage and k == 0 and
                   text.startswith("Mem") else 0.0)


def render(spec: Spec, path) -> None:
    W, H = spec.paper
    canv = [Canvas(W, H)]
    if spec.spill:
        canv.append(Canvas(W, H))
    bottom = _identity(canv[0], spec, W, H, canv[1] if spec.spill else None)
    if spec.jpeg:
        _jpeg(spec, canv, bottom, W, H)
    elif spec.acts:
        _table(spec, canv, bottom, W, H)
    if spec.trailing_blank:
        canv.append(Canvas(W, H))
    _write(spec, canv, path)


def _table(spec: Spec, canv: list[Canvas], id_bottom: float, W: float, H: float) -> None:
    cols = columns(spec, W)
    acts = spec.acts
    place = {}                                       # act -> (page, top, bottom)
    pages: list[dict] = []
    i = 0
    while i < len(acts):
        first = not pages
        if first and (spec.layout == "one_page" or spec.spill):
            c, top = canv[-1], id_bottom + 10
        else:
            c = Canvas(W, H)
            canv.append(c)
            top = 28.0
        hs, vs = [], []
        header = first or spec.repeat_header
        y = _header(c, spec, cols, top, hs, vs) if header else top
        pad = 0.0 if first else 20.0
        rows = []
        while i < len(acts) and len(rows) < spec.rows_per_page:
            h = _row_height(spec, acts[i], cols) + (pad if not rows else 0.0)
            if y + h > H - spec.bottom_margin and rows:
                break
            rows.append((i, y, y + h))
            place[i] = (len(pages), y, y + h, (pad if rows[0][0] == i and not first else 0.0))
            y += h
            i += 1
            while i < len(acts) and acts[i].share_row:          # another box of the same row
                place[i] = place[i - 1]
                i += 1
        pages.append({"c": c, "cols": cols, "rows": rows, "top": top, "header": header, "hs": hs, "vs": vs,
                      "bottom": y})
    for pg in pages:
        _grid_and_cells(spec, pg, acts)
    _flow(spec, pages, place, canv)


def _grid_and_cells(spec: Spec, pg: dict, acts) -> None:
    c, cols, rows = pg["c"], pg["cols"], pg["rows"]
    hs, vs = pg["hs"], pg["vs"]
    top, bottom = pg["top"], pg["bottom"]
    for _i, t, b in rows:
        hs.append((t, cols[0][1], cols[-1][2]))
    hs.append((bottom, cols[0][1], cols[-1][2]))
    h1 = top + 13 if pg["header"] else top
    for k, (role, x0, x1) in enumerate(cols):
        if k == 0:
            vs.append((x0, top, bottom))
        if role.startswith("actor") and spec.undrawn is not None and role == f"actor{spec.undrawn}":
            continue
        nxt = cols[k + 1][0] if k + 1 < len(cols) else ""
        inner = (role.startswith("actor") and nxt.startswith("actor") and spec.pelaksana_label) or \
            (role in ("kelengkapan", "waktu", "output") and nxt in ("kelengkapan", "waktu", "output"))
        vs.append((x1, h1 if inner else top, bottom))
    c.grid(hs, vs, spec)
    for i, t, b in rows:
        a = acts[i]
        for role, x0, x1 in cols:
            if role == "no" and a.number:
                c.text(x0 + 5, t + 3, f"{i + 1}" if i % 2 == 0 else f"{i + 1}.", 7)
            elif role == "kegiatan":
                _cell(c, a.uraian, x0, x1, t, spec)
            elif role in ("kelengkapan", "waktu", "output", "ket"):
                val = {"kelengkapan": a.kelengkapan, "waktu": a.waktu, "output": a.output, "ket": a.keterangan}[role]
                _cell(c, val, x0, x1, t, spec)
    if spec.page_numbers:                                   # at the top centre
        c.text(c.W / 2, 10, "- 2 -" if spec.page_numbers == "dash" else "2", 8)


def _actor_span(cols, k):
    col = next(col for col in cols if col[0] == f"actor{k}")
    return col[1], col[2]


def _boxes(spec: Spec, pages, place):
    """Symbol boxes of every activity: main symbols and start/end capsules."""
    out = {}
    for i, a in enumerate(spec.acts):
        p, t, b, pad = place[i]
        cols = pages[p]["cols"]
        cy = (t + pad + b) / 2
        w, h = SIZES[a.kind]
        mains = []
        if a.straddle:
            _x0, x1 = _actor_span(cols, a.actor[0])
            mains.append((x1 - w / 2, cy - h / 2, x1 + w / 2, cy + h / 2))
        else:
            for k in a.actor:
                x0, x1 = _actor_span(cols, k)
                cx = (x0 + x1) / 2
                mains.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
        caps = {}
        for flag, side in ((a.start_cap, "start"), (a.end_cap, "end")):
            if not flag:
                continue
            k = a.actor[0] - 1 if side == "start" and a.actor[0] > 0 else a.actor[-1] + 1
            if k >= len(spec.actors):
                k = a.actor[0] - 1
            x0, x1 = _actor_span(cols, k)
            cx = (x0 + x1) / 2
            caps[side] = (cx - 20, cy - 9, cx + 20, cy + 9)
        out[i] = (p, mains, caps)
    return out


def _flow(spec: Spec, pages, place, canv) -> None:
    boxes = _boxes(spec, pages, place)
    drawers = {}
    for p, pg in enumerate(pages):
        if spec.raster:
            cols = pg["cols"]
            acts = [c for c in cols if c[0].startswith("actor")]
            top = pg["rows"][0][1] - 22 if pg["rows"] else pg["top"]
            drawers[p] = RasterCanvas((acts[0][1], top, acts[-1][2], pg["bottom"] + 24))
        else:
            drawers[p] = pg["c"]
    all_boxes = {p: [] for p in range(len(pages))}
    for i, (p, mains, caps) in boxes.items():
        all_boxes[p] += mains + list(caps.values())
        for m in mains:
            drawers[p].symbol(spec.acts[i].kind, m, spec)
        for side, cb in caps.items():
            drawers[p].symbol("terminator", cb, spec)
            a, b = (cb, mains[0]) if side == "start" else (mains[0], cb)
            _horizontal(drawers[p], a, b, spec)
    offpage_n = [0]
    for i, edges in enumerate(spec.truth_edges()):
        p, mains, caps = boxes[i]
        for n, (t, label) in enumerate(edges):
            if t == "selesai":
                continue
            q, dmains, _dc = boxes[t]
            for src in mains:
                for dst in dmains:
                    _edge(spec, pages, drawers, all_boxes, (p, src), (q, dst), n, label, offpage_n, spec.acts[i].kind)
    if spec.decoy:                          # a fully transparent image (IMPORT.md §5)
        pg = pages[0]
        pg["c"].images["Decoy"] = ("alpha", np.zeros((160, 205), np.uint8))
        acts = [c for c in pg["cols"] if c[0].startswith("actor")]
        pg["c"].image("Decoy", acts[0][1] + 5, pg["rows"][0][1] + 5, 77, 60)
    for p, d in drawers.items():
        if isinstance(d, RasterCanvas):
            name = f"Fl{p}"
            pg = pages[p]
            pg["c"].images[name] = ("alpha", d.alpha)
            x0, y0, x1, y1 = d.box
            pg["c"].image(name, x0, y0, x1 - x0, y1 - y0)


def _horizontal(d, a, b, spec):
    cy = (a[1] + a[3]) / 2
    if a[2] < b[0]:
        d.connector([(a[2], cy), (b[0], cy)], spec)
    else:
        d.connector([(a[0], cy), (b[2], cy)], spec)


def _edge(spec, pages, drawers, all_boxes, src, dst, branch, label, counter, kind) -> None:
    (p, s), (q, t) = src, dst
    d = drawers[p]
    router = Router(all_boxes[p])
    scx, scy = (s[0] + s[2]) / 2, (s[1] + s[3]) / 2
    tcx = (t[0] + t[2]) / 2
    cols = pages[p]["cols"]
    col = next(c for c in cols if c[0].startswith("actor") and c[1] <= scx <= c[2])
    right_exit = kind == "decision" and branch == 1
    if p != q:                                              # off-page connector pair
        counter[0] += 1
        if right_exit:                                      # leave by the right vertex, down the gutter
            gx = col[2] - 13
            start = (s[2], scy)
            pb = (gx - 8, pages[p]["bottom"] + 6, gx + 8, pages[p]["bottom"] + 20)
            pts = [start, (gx, scy), (gx, pb[1])]
        else:
            start = (scx, s[3])
            pb = (scx - 8, pages[p]["bottom"] + 6, scx + 8, pages[p]["bottom"] + 20)
            pts = router.down(scx, s[3], pb, col[1] + 5, skip=[s])
        d.symbol("offpage", pb, spec)
        d.connector(pts, spec)
        qt = pages[q]["rows"][0][1]
        used = pages[q].setdefault("top_offpage", [])
        qx = tcx + 18 * sum(1 for u in used if abs(u - tcx) < 17)
        used.append(qx)
        qb = (qx - 8, qt + 2, qx + 8, qt + 16)
        drawers[q].symbol("offpage", qb, spec)
        drawers[q].connector([(qx, qb[3]), (qx, qb[3] + 2), (tcx, qb[3] + 2), (tcx, t[1])]
                             if qx != tcx else [(tcx, qb[3]), (tcx, t[1])], spec)
        if spec.offpage_labels:
            for dd, box in ((d, pb), (drawers[q], qb)):
                dd.text(box[0] + 5.5, box[1] + 2.5, "1" if spec.offpage_reuse else str(counter[0]), 6)
        _label(spec, d, label, start, right_exit)
        return
    if t[1] >= s[3] and not right_exit:
        pts = router.down(scx, s[3], t, (col[1] + 5 if abs(tcx - scx) > 1 else col[1] + 5), skip=[s, t])
        start = (scx, s[3])
    elif right_exit and t[0] > s[2] and t[1] > s[3] and not router.blocked(tcx, scy, t[1], skip=[s, t]):
        pts = [(s[2], scy), (tcx, scy), (tcx, t[1])]
        start = (s[2], scy)
    else:                                                   # back or skipping edge by the gutter
        gx = col[2] - 5
        if right_exit:
            pts = [(s[2], scy), (gx, scy)]
            start = (s[2], scy)
        else:
            pts = [(scx, s[3]), (scx, s[3] + 5), (gx, s[3] + 5)]
            start = (scx, s[3])
        pts += [(gx, t[1] - 6), (tcx, t[1] - 6), (tcx, t[1])]
    if spec.gap_source:                     # drawn a little short of the source
        (ax, ay), (bx, by) = pts[0], pts[1]
        n = max(abs(bx - ax) + abs(by - ay), 1e-6)
        pts[0] = (ax + 3 * (bx - ax) / n, ay + 3 * (by - ay) / n)
    d.connector(pts, spec)
    _label(spec, d, label, start, right_exit)


def _label(spec, d, label, start, right_exit) -> None:
    if not label:
        return
    x, y = start
    far = 16 if spec.label_far else 0
    if right_exit:
        pos = (x + 3 + far, y - 9)
    elif spec.label_right:                  # right of the segment leaving the bottom vertex
        pos = (x + 3, y + 2 + far)
    else:                                   # left of the segment leaving the bottom vertex
        pos = (x - 3 - 0.5 * 6.5 * len(label), y + 2 + far)
    if spec.label_image:
        return
    if spec.style == "visio" and isinstance(d, Canvas):     # Visio labels sit on white boxes
        d.fill_rect(pos[0] - 1, pos[1] - 1, pos[0] + 13.8, pos[1] + 7.8, (255, 255, 255))
    if spec.label_stacked:                  # one letter a line, as a rotated label reads
        letters = label.replace(" ", "")
        for k, ch in enumerate(letters):
            d.text(x + 3, y + 3 + 6.5 * k, ch, 5.5)
        return
    d.text(pos[0], pos[1], label, 6.5)
    if spec.label_box and isinstance(d, Canvas):          # a Word text box left with its border
        w = 0.5 * 6.5 * len(label) + 4
        d.ops.append(f"q 0.5 w 0 0 0 RG {pos[0] - 2:.2f} {d.H - pos[1] - 7.5:.2f} {w:.2f} 9 re S Q")


def _jpeg(spec: Spec, canv, id_bottom: float, W: float, H: float) -> None:
    """The whole procedure table as a JPEG (anisotropic pixels), whole, in two strips,
    or in strips on two pages."""
    w_pt = 650.0
    img = np.full((300, int(w_pt * 2.65)), 255, np.uint8)
    for y in range(0, 300, 40):
        img[y:y + 2, :] = 120
    for x in range(0, img.shape[1], 150):
        img[:, x:x + 2] = 120
    ok, jpg = cv2.imencode(".jpg", img)
    data = jpg.tobytes()
    if spec.jpeg == "one" and id_bottom < H - 200:
        c = canv[0]
        c.images["Tbl"] = ("jpeg", data, img.shape)
        c.image("Tbl", (W - w_pt) / 2, id_bottom + 10, w_pt, 140)
        return
    c = Canvas(W, H)
    canv.append(c)
    c.images["Tbl"] = ("jpeg", data, img.shape)
    c.image("Tbl", (W - w_pt) / 2, 30, w_pt, 240)
    if spec.jpeg == "strips":
        c.image("Tbl", (W - w_pt) / 2, 280, w_pt, 240)
    elif spec.jpeg == "two_pages":
        c2 = Canvas(W, H)
        canv.append(c2)
        c2.images["Tbl"] = ("jpeg", data, img.shape)
        c2.image("Tbl", (W - w_pt) / 2, 30, w_pt, 240)


def _font(pdf, name):
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name("/" + name),
                                                Encoding=pikepdf.Name.WinAnsiEncoding))


def _xobject(pdf, kind):
    if kind[0] == "gray":
        return pdf.make_stream(bytes([kind[1]]) * 64, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                               Width=8, Height=8, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
    if kind[0] == "jpeg":
        h, w = kind[2]
        s = pdf.make_stream(kind[1], Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=w, Height=h,
                            ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
        s.Filter = pikepdf.Name.DCTDecode
        s.write(kind[1], filter=pikepdf.Name.DCTDecode)
        return s
    alpha = kind[1]
    h, w = alpha.shape
    rgb, a = png_alpha(alpha)
    mask = pdf.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=w, Height=h,
                           ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
    mask.write(a, filter=pikepdf.Name.FlateDecode)
    img = pdf.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=w, Height=h,
                          ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8, SMask=mask)
    img.write(rgb, filter=pikepdf.Name.FlateDecode)
    return img


def _write(spec: Spec, canv: list[Canvas], path) -> None:
    pdf = pikepdf.new()
    fonts = pikepdf.Dictionary({f"/F{k}": _font(pdf, v) for k, v in FONTS.items()})
    fonts["/FO"] = _font(pdf, "Helvetica-Oblique")
    qr = pdf.make_stream(bytes((i * 37) % 256 for i in range(25 * 25)), Type=pikepdf.Name.XObject,
                         Subtype=pikepdf.Name.Image, Width=25, Height=25, ColorSpace=pikepdf.Name.DeviceGray,
                         BitsPerComponent=8)
    W, H = spec.paper
    for c in canv:
        res = pikepdf.Dictionary(Font=fonts, XObject=pikepdf.Dictionary(
            {f"/{k}": _xobject(pdf, v) for k, v in c.images.items()}))
        ops = c.ops
        if "shuffle" in spec.damage:        # stream order is not reading order
            text = [o for o in ops if o.startswith("BT")]
            ops = [o for o in ops if not o.startswith("BT")] + text[::-1]
        content = "\n".join(ops).encode("latin-1")
        box = pikepdf.Array([0, 0, W, H])
        if spec.wrapper == "none":
            page = pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=box, Resources=res))
            pdf.pages.append(page)
            pdf.pages[-1].obj.Contents = pdf.make_stream(content)
            continue
        form = pdf.make_stream(content, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=box, Resources=res)
        if spec.wrapper == "nested":
            form.Matrix = pikepdf.Array([1, 0, 0, 1, -5, -5])
            form = pdf.make_stream(b"q 1 0 0 1 5 5 cm /Fm1 Do Q", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                   BBox=box, Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm1=form)))
        qrs = "q 34 0 0 34 11.34 11.34 cm /Qr Do Q\n" * (2 if spec.qr_twice else 1)
        foot = ("BT /FO 6 Tf 1 0 0 1 50 30 Tm (Dokumen ini telah ditandatangani secara elektronik menggunakan "
                "sertifikat elektronik yang diterbitkan oleh BSrE) Tj ET\n"
                "BT /FO 6 Tf 1 0 0 1 50 22 Tm (Verifikasi keaslian dokumen dapat dilakukan dengan memindai kode QR) Tj ET")
        page_res = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form, Qr=qr), Font=fonts)
        page = pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=box, Resources=page_res))
        pdf.pages.append(page)
        pdf.pages[-1].obj.Contents = pdf.make_stream(("q /Fm0 Do Q\n" + qrs + foot).encode("latin-1"))
    pdf.save(path)
