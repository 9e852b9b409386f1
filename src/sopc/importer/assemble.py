"""From what was read (identity, table rows, symbols and edges) to the content of an
SOP file, as a careful human maps it:

- a start capsule beside a box in one row is one activity (the box);
- parallel boxes or a straddling symbol give a joint ``pelaksana``;
- a decision's exits become ``cabang`` with their printed labels;
- off-page connector pairs are joined and dropped;
- an edge to the next row is the default flow; another target becomes ``ke``.

Everything unsure is kept as written and listed in ``unsure`` (a ``# periksa`` comment).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from sopc.core.text import slugify
from sopc.importer.document import Document
from sopc.importer.flow import pair_offpage
from sopc.importer.shapes import DECISION, LABEL_BOX, OFFPAGE, TERMINATOR
from sopc.importer.values import parse_date, title_case


SOFT = {"case"}       # doubts worth a comment that do not need a review


@dataclass
class DraftActivity:
    uraian: str
    pelaksana: list[str]
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    cabang: dict[str, int | str] = field(default_factory=dict)   # label -> index or "selesai"
    pertanyaan: str = ""
    ke: int | str | None = None
    mulai: bool = False
    symbol: str = ""                                             # the row's main symbol as drawn
    id: str | None = None
    unsure: dict[str, str] = field(default_factory=dict)         # key -> note


@dataclass
class Draft:
    fields: dict = field(default_factory=dict)                   # identity keys in order
    unsure: dict[str, str] = field(default_factory=dict)          # dotted key -> note
    actors: dict[str, str] = field(default_factory=dict)
    activities: list[DraftActivity] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    instansi: list[str] = field(default_factory=list)             # header block lines
    paper: str | None = None

    @property
    def review(self) -> bool:
        """Whether a person must look at the file: a doubt beyond letter case."""
        hard = [k for k, v in self.unsure.items() if v not in SOFT]
        return bool(hard) or any(a.unsure for a in self.activities)


def draft_of(doc: Document) -> Draft:
    d = Draft(notes=list(doc.notes))
    _identity(d, doc)
    _activities(d, doc)
    d.paper = paper_name(doc.pages[0].width, doc.pages[0].height)
    return d


def paper_name(w: float, h: float) -> str | None:
    """The paper of a page size (landscape; A4's near-sizes too), or None."""
    from sopc.core.paper import PAPERS_PT

    w, h = max(w, h), min(w, h)
    for name, (pw, ph) in PAPERS_PT.items():
        if abs(w - pw) < 3 and abs(h - ph) < 3:
            return name
    return None


def _identity(d: Draft, doc: Document) -> None:
    ident = doc.identity
    v = ident.values
    f = d.fields
    f["nomor"], note = _nomor(ident.value_lines.get("nomor") or [v.get("nomor", "")])
    if note:
        d.unsure["nomor"] = note
    f["nama"] = v.get("nama", "")
    if not f["nomor"]:
        d.unsure["nomor"] = "nomor"
    if not f["nama"]:
        d.unsure["nama"] = "nama"
    head = [h for h in ident.header if not re.match(r"^identitas sop$", h, re.I)]
    d.instansi = head
    if head:
        unit, guessed = title_case(head[-1])
        f["unit"] = unit
        if guessed:
            d.unsure["unit"] = "case"
    if doc.batas_waktu:
        f["batas_waktu"] = doc.batas_waktu
    dates = {}
    for key in ("pembuatan", "revisi", "efektif"):
        text = v.get(key)
        if text is None:
            continue
        value, note = parse_date(text)
        if value is not None:
            dates[key] = value
        if note:
            d.unsure[f"tanggal.{key}"] = note
    for key in ("pembuatan", "efektif"):
        if key not in dates:
            other = dates.get("efektif" if key == "pembuatan" else "pembuatan") or dates.get("revisi")
            dates[key] = other or _dt.date(1970, 1, 1)
            d.unsure[f"tanggal.{key}"] = "missing"
    f["tanggal"] = {k: dates[k].isoformat() for k in ("pembuatan", "revisi", "efektif") if k in dates}
    s = ident.signer
    signer = {"jabatan": s.get("jabatan", ""), "nama": s.get("nama", ""), "nip": s.get("nip", "")}
    if s.get("pangkat"):
        signer["pangkat"] = s["pangkat"]
    f["disahkan_oleh"] = signer
    if "disahkan_oleh" in ident.unsure or not signer["nama"]:
        d.unsure["disahkan_oleh.nama"] = "signer"
    if "nip" in ident.unsure:
        d.unsure["disahkan_oleh.nip"] = "nip"
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan"):
        f[key] = ident.lists.get(key, [])
        if key not in ident.lists:
            d.unsure[key] = "missing"
        elif key in ident.unsure:
            d.unsure[key] = "list"
    for key in ident.unsure:
        if key in ("nomor", "nama", "pembuatan", "revisi", "efektif"):
            d.unsure.setdefault(key if key in ("nomor", "nama") else f"tanggal.{key}", "layout")


def _short_slug(text: str, limit: int = 32) -> str:
    slug = slugify(text, 200)
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0]


def _nomor(lines: list[str]) -> tuple[str, str | None]:
    """The SOP number of the Nomor cell: the first line that looks like one (a cell may
    also print an old number), digit groups split by kerning joined."""
    lines = [" ".join(t.split()) for t in lines if t.strip()]
    if not lines:
        return "", None
    looks = [t for t in lines if "/" in t or re.search(r"\bSOP\b", t, re.I)]
    first = (looks or lines)[0]
    note = "several" if len(lines) > 1 else None
    joined = re.sub(r"(?<=\d) (?=\d)", "", first) if "/" in first else first
    if joined != first:
        first, note = joined, note or "kerning"
    return first, note


def _actor_ids(labels: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, label in enumerate(labels):
        base = _short_slug(label) if label else f"pelaksana-{i + 1}"
        k, n = base, 2
        while k in out:
            k, n = f"{base}-{n}", n + 1
        out[k] = label or f"Pelaksana {i + 1}"
    return out


def _activities(d: Draft, doc: Document) -> None:
    cols = doc.columns
    if cols is None or not doc.rows:
        d.actors = {"pelaksana": "Pelaksana"}
        d.activities = [DraftActivity("(tabel prosedur tidak terbaca sebagai teks; salin dari PDF)", ["pelaksana"],
                                      unsure={"uraian": "jpeg_table" if doc.jpeg_table else "no_table"})]
        d.notes.append("jpeg_table" if doc.jpeg_table else "no_table")
        return
    d.actors = _actor_ids(cols.actors)
    ids = list(d.actors)
    rows = doc.rows
    row_index = {id(r): i for i, r in enumerate(rows)}
    syms, edges = _global_flow(doc, d)
    by_row: dict[int, list[int]] = {}
    for k, (s, _) in enumerate(syms):
        if s.kind in (OFFPAGE, LABEL_BOX):
            continue
        r = _row_of(s, doc, row_index)
        if r is not None:
            by_row.setdefault(r, []).append(k)
    units = _units(rows, by_row, syms, edges)
    acts: list[DraftActivity] = []
    main_of: dict[int, list[int]] = {}
    by_unit: dict[int, list[int]] = {}
    for j, (i, ks, split) in enumerate(units):
        row = rows[i]
        c = row.cells
        a = DraftActivity(c.get("kegiatan", ""), [], c.get("kelengkapan", ""), c.get("waktu", ""),
                          c.get("output", ""), c.get("keterangan", ""))
        by_unit[j] = ks
        main = _main(ks, syms)
        main_of[j] = main
        a.symbol = syms[main[0]][0].kind if main else ""
        cols_i = sorted({c for k in main for c in syms[k][0].cols})
        a.pelaksana = [ids[c] for c in cols_i if c < len(ids)]
        if not a.pelaksana:
            a.pelaksana = [ids[0]]
            a.unsure["pelaksana"] = "no_symbol"
        if len(main) > 1:
            a.unsure.setdefault("pelaksana", "several_symbols")
        if split:
            a.unsure["uraian"] = "split"
        if row.number is None:
            a.unsure["uraian"] = "unnumbered"
        q = [syms[k][0].text for k in main if syms[k][0].kind == DECISION and syms[k][0].text]
        if q:
            a.pertanyaan = q[0]
        acts.append(a)
    raster = {row_index[id(r)] for t in doc.tables if t.raster for r in t.table.rows}
    raster_rows = {j for j, u in enumerate(units) if u[0] in raster}
    ocr_rows = {row_index[id(r)] for t in doc.tables if t.ocr for r in t.table.rows}
    for j, u in enumerate(units):
        if u[0] in ocr_rows:
            acts[j].unsure.setdefault("uraian", "ocr")
    _links(acts, syms, edges, by_unit, main_of, raster_rows)
    _ids(acts)
    d.activities = acts


def _main(ks: list[int], syms) -> list[int]:
    """The symbols that stand for a row's activity: its decision, else its boxes, else
    whatever it holds (a capsule beside a box is a start or end mark)."""
    return ([k for k in ks if syms[k][0].kind == DECISION]
            or [k for k in ks if syms[k][0].kind not in (TERMINATOR, DECISION)] or ks)


def _units(rows, by_row: dict[int, list[int]], syms, edges) -> list[tuple[int, list[int], bool]]:
    """(row, symbols, split) per activity: a row is one activity, except a row whose
    boxes lead to different rows, which is one activity per box (left to right; the
    row's capsules go with the first)."""
    row_of = {k: r for r, ks in by_row.items() for k in ks}
    out = []
    for i in range(len(rows)):
        ks = by_row.get(i, [])
        main = _main(ks, syms)
        succ = [{row_of[t] for s, t, *_ in edges if s == m and row_of.get(t, i) != i} for m in main]
        if (len(main) > 1 and all(syms[m][0].kind not in (DECISION, TERMINATOR) for m in main)
                and all(succ) and all(a.isdisjoint(b) for n, a in enumerate(succ) for b in succ[n + 1:])):
            order = sorted(main, key=lambda m: syms[m][0].cx)
            rest = [k for k in ks if k not in main]
            out += [(i, [m] + (rest if n == 0 else []), True) for n, m in enumerate(order)]
        else:
            out.append((i, ks, False))
    return out


def _row_of(s, doc: Document, row_index) -> int | None:
    for t in doc.tables:
        if t.table.page.number != s.page:
            continue
        for r in t.table.rows:
            if r.top - 1 <= s.cy <= r.bottom + 1:
                return row_index[id(r)]
    return None


def _global_flow(doc: Document, d: Draft):
    """Symbols of every table page with document-wide indices, and the edges between
    them with off-page connector pairs joined."""
    syms: list[tuple] = []
    base: list[int] = []
    flows = [t.flow for t in doc.tables if t.flow is not None]
    for f in flows:
        base.append(len(syms))
        syms.extend((s, f) for s in f.symbols)
        d.notes.extend(f.notes)
    edges = []
    for b, f in zip(base, flows):
        edges.extend((b + e.src, b + e.dst, e.label, e.sure) for e in f.edges)
    pairs, notes = pair_offpage(flows)
    d.notes.extend(notes)
    for (pa, ka), (pb, kb) in pairs:
        out_id, in_id = base[pa] + ka, base[pb] + kb
        srcs = [e for e in edges if e[1] == out_id]
        dsts = [e for e in edges if e[0] == in_id]
        for s in srcs:
            for t in dsts:
                edges.append((s[0], t[1], s[2] or t[2], s[3] and t[3]))
    # edges through a same-page off-page connector pair cannot be told: drop the stubs
    edges = [e for e in edges if syms[e[0]][0].kind != OFFPAGE and syms[e[1]][0].kind != OFFPAGE]
    return syms, edges


def _links(acts, syms, edges, by_row, main_of, raster_rows=frozenset()) -> None:
    row_of_sym = {k: r for r, ks in by_row.items() for k in ks}
    n = len(acts)
    incoming: dict[int, int] = {}
    for i, a in enumerate(acts):
        if i in raster_rows:                 # a raster flowchart: flow in list order
            a.unsure.setdefault("ke", "raster")
            continue
        outs = []
        for s, t, label, sure in edges:
            if row_of_sym.get(s) != i or t not in row_of_sym:
                continue
            j = row_of_sym[t]
            if j == i:
                continue
            outs.append((j, label, sure, s))
            incoming[j] = incoming.get(j, 0) + 1
        decision = any(syms[k][0].kind == DECISION for k in main_of[i])
        ends_here = _ends_in_row(i, by_row, main_of, syms, edges)
        if any(not o[2] for o in outs):
            a.unsure["ke"] = "guessed_edge"
        targets = sorted({o[0] for o in outs})
        if decision:
            seen: dict[str, int | str] = {}
            for j, label, _sure, _s in sorted(outs, key=lambda o: o[0]):
                lab = label or f"Cabang {len(seen) + 1}"
                if not label:
                    a.unsure["cabang"] = "no_label"
                if lab in seen:
                    continue
                seen[lab] = j
            if ends_here:
                seen.setdefault("Selesai", "selesai")
            if len(seen) >= 2:
                a.cabang = seen
                continue
            a.unsure["cabang"] = "one_exit"
            a.pertanyaan = ""
        if len(targets) > 1:
            a.unsure["ke"] = "several_targets"
        if targets and targets[0] != i + 1:
            a.ke = targets[0]
        elif not targets and i < n - 1:
            a.ke = "selesai"
            if not ends_here and not any(syms[k][0].kind == TERMINATOR for k in by_row.get(i, [])):
                a.unsure["ke"] = "no_edge"
    for i, a in enumerate(acts):
        if i in raster_rows:
            continue
        if i and not incoming.get(i) and any(syms[k][0].kind == TERMINATOR for k in by_row.get(i, [])) \
                and not _has_in_edge_to_row(i, by_row, edges):
            a.mulai = True


def _has_in_edge_to_row(i, by_row, edges) -> bool:
    ks = set(by_row.get(i, []))
    return any(t in ks and s not in ks for s, t, _l, _u in edges)


def _ends_in_row(i, by_row, main_of, syms, edges) -> bool:
    """A row whose main symbol flows into an end capsule beside it."""
    ks = set(by_row.get(i, []))
    caps = {k for k in ks if syms[k][0].kind == TERMINATOR and k not in main_of[i]}
    return any(s in main_of[i] and t in caps and not any(e[0] == t for e in edges) for s, t, _l, _u in edges)


def _ids(acts: list[DraftActivity]) -> None:
    """An id for every activity that a ke or cabang names (FORMAT.md: prefer ids)."""
    wanted: set[int] = set()
    for a in acts:
        if isinstance(a.ke, int):
            wanted.add(a.ke)
        wanted.update(t for t in a.cabang.values() if isinstance(t, int))
    used: set[str] = set()
    for i in sorted(wanted):
        words = re.findall(r"[A-Za-z0-9]+", acts[i].uraian)
        base = slugify(" ".join(words[:1]) or f"kegiatan-{i + 1}", 24)
        k, n = base, 2
        while k in used:
            k, n = f"{base}-{n}", n + 1
        used.add(k)
        acts[i].id = k
