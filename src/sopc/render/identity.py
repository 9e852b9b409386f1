"""The template context of one SOP page: identity (sop-ap.md §1.3), procedure pages,
summary, lint findings and the plain-text procedure table.

Everything in the context is plain data (strings, numbers, lists, dicts) or the model
objects themselves, so that an agency's override template can use either. Only the SVG
of the procedure pages is ``Markup``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from sopc.core.diagnostics import Diagnostic, Level
from sopc.core.links import LinkIndex
from sopc.core.model import SOP, Config, Repository, WaktuKerja
from sopc.core.paper import PAPERS_MM, size_mm
from sopc.render.html import labels, level_label, paper_css, svg_markup, text_lines
from sopc.render.printed import print_context, tte_for

def relurl(from_page: str, to_path: str) -> str:
    """Relative URL between two site-relative POSIX paths."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_path, start)


# --------------------------------------------------------------------------- durations


def path_time_texts(sop: SOP, wk: WaktuKerja, lang: str) -> tuple[str, str]:
    """(shortest, longest) start-to-end path time as printed text (FORMAT.md §1.4);
    "-" when no start reaches an end. A note is added when some ``waktu`` could not be
    read (counted as 0)."""
    from sopc.core.durations import format_duration
    from sopc.core.pathtime import path_times

    try:
        pt = path_times(sop, wk)
    except Exception:  # noqa: BLE001 - a broken flow (forced build) must not stop the page
        return "-", "-"
    if not pt.found:
        return "-", "-"
    note = ""
    if pt.unparsed:
        note = " (some times unreadable, counted as 0)" if lang == "en" else " (sebagian waktu tidak terbaca, dihitung 0)"
    return (format_duration(pt.shortest, wk, lang) + note,
            format_duration(pt.longest, wk, lang) + note)


# --------------------------------------------------------------------------- context


@dataclass
class PageInput:
    """What the build knows about one SOP page beyond the model."""

    relpath: str                         # site-relative path of this page
    paper: str = "A4"
    lang: str = "id"
    findings: tuple[Diagnostic, ...] = ()
    svgs: tuple[str, ...] | None = None  # one SVG per procedure page; None = no layout engine
    logo: str | None = None              # site-relative path of the logo asset
    css: str = "aset/sopc.css"           # site-relative path of the stylesheet
    index: str | None = None             # site-relative path of the Daftar SOP page
    pdf: str | None = None               # site-relative path of this SOP's PDF, when built
    forced: bool = False                 # rendered with --paksa despite errors


def _items(values: Iterable[str]) -> list[dict[str, Any]]:
    return [{"text": v, "lines": text_lines(v), "href": None} for v in values if v is not None and str(v).strip()]


def sop_context(sop: SOP, repo: Repository, page: PageInput, *,
                page_of: Callable[[SOP], str | None] | None = None,
                index: dict[str, SOP] | None = None) -> dict[str, Any]:
    """The template context of ``sop.html.j2``.

    ``page_of(other_sop)`` gives the site-relative page of another SOP when it is in
    the site (rendered), else None: a resolved keterkaitan becomes a relative link only
    when its target page exists.
    """
    config: Config = repo.config
    lang = "en" if page.lang == "en" else "id"
    L = labels(lang)
    index = index if index is not None else LinkIndex(repo.sops)

    def href(path: str | None) -> str | None:
        return relurl(page.relpath, path) if path else None

    keterkaitan = []
    for link in sop.keterkaitan:
        target = index.target(link)
        target_page = page_of(target) if (target is not None and page_of is not None and target is not sop) else None
        keterkaitan.append({
            "text": link.text,
            "lines": text_lines(link.text),
            "external": link.external,
            "href": href(target_page),
            "title": (f"{target.nomor} {target.nama}".strip() if target is not None else None),
        })

    actors = list(sop.pelaksana.items())
    rows = []
    for a in sop.kegiatan:
        nxt = []
        for e in a.edges:
            if e.target is None:
                nxt.append({"label": e.label, "number": None, "text": L["selesai"], "href": None})
            else:
                n = e.target + 1
                nxt.append({"label": e.label, "number": n, "text": str(n), "href": f"#tk-{n}"})
        rows.append({
            "number": a.number,
            "id": f"tk-{a.number}",
            "activity": a,
            "uraian": text_lines(a.uraian),
            "pertanyaan": a.pertanyaan,
            "pelaksana": [sop.actor_label(p) for p in a.pelaksana],
            "kelengkapan": [k for k in a.kelengkapan if k is not None and str(k).strip()],
            "waktu": a.waktu,
            "output": a.output,
            "keterangan": a.keterangan,
            "symbol": a.symbol.value,
            "next": nxt,
        })

    pages = _pages(sop, page.svgs, L)

    shortest, longest = path_time_texts(sop, config.waktu, lang)
    findings = []
    for d in sorted(page.findings, key=Diagnostic.sort_key):
        if d.level <= Level.OFF:
            continue
        findings.append({
            "code": d.code or "?",
            "name": d.name,
            "level": d.level.label,
            "level_text": level_label(d.level, lang),
            "message": d.text(lang),
            "line": d.pos.line,
            "column": d.pos.col,
            "activity": d.activity,
        })

    unit = _unit(sop, config)
    instansi = {
        "nama": config.instansi_nama,
        "satuan_kerja": config.satuan_kerja,
        "alamat": config.alamat,
        "unit": unit,
    }
    w, h = size_mm(page.paper)
    identity = _identity(sop, keterkaitan)
    title = f"{sop.nomor} {sop.nama}".strip() if sop.nomor else sop.nama
    return {
        "lang": lang,
        "L": L,
        "sop": sop,
        "config": config,
        "instansi": instansi,
        "unit": unit,
        "title": title or sop.relpath,
        "relpath": page.relpath,
        "paper": {"name": page.paper if page.paper in PAPERS_MM else "A4", "width_mm": w, "height_mm": h,
                  "size": paper_css(page.paper), "width": paper_css(page.paper).split()[0]},
        "css_href": href(page.css),
        "logo_href": href(page.logo),
        "logo_alt": L["logo"].format(instansi=config.instansi_nama or ""),
        "index_href": href(page.index),
        "pdf_href": href(page.pdf),
        "identity": identity,
        "actors": [{"id": k, "label": v} for k, v in actors],
        "pages": pages,
        "has_layout": page.svgs is not None,
        "rows": rows,
        "summary": {
            "activities": len(sop.kegiatan),
            "actors": len(actors),
            "shortest": shortest,
            "longest": longest,
            "batas_waktu": sop.batas_waktu,
        },
        "findings": findings,
        "forced": page.forced,
        "cetak": print_context(identity, instansi, bool(page.logo), page.paper, tte_for(sop, config),
                               page.forced, L),
    }


def _pages(sop: SOP, svgs: tuple[str, ...] | None, L: dict[str, str]) -> list[dict[str, Any]]:
    """The procedure pages. ``number``/``total`` count the procedure pages; ``sheet``/
    ``sheets`` are the document's one page-number scheme (OUTPUT.md §1: "Halaman 2 dari
    5"), the identity being page 1."""
    total = len(svgs) if svgs else 0
    return [{
        "number": i,
        "total": total,
        "sheet": i + 1,
        "sheets": total + 1,
        "id": f"hal-{i}",
        "svg": svg_markup(svg),
        "label": L["diagram_label"].format(nama=sop.nama, n=i + 1, total=total + 1),
    } for i, svg in enumerate(svgs or (), start=1)]


def _identity(sop: SOP, keterkaitan: list[dict[str, Any]]) -> dict[str, Any]:
    """The identity part of the context (sop-ap.md §1.3)."""
    return {
        "nomor": sop.nomor,
        "nama": sop.nama,
        "tanggal_pembuatan": sop.tanggal_pembuatan,
        "tanggal_revisi": sop.tanggal_revisi,
        "tanggal_efektif": sop.tanggal_efektif,
        "pengesah": {
            "jabatan": sop.disahkan_oleh.jabatan,
            "nama": sop.disahkan_oleh.nama,
            "nip": sop.disahkan_oleh.nip,
            "pangkat": sop.disahkan_oleh.pangkat,
        },
        "sections": [
            ("dasar_hukum", _items(sop.dasar_hukum), "kualifikasi", _items(sop.kualifikasi_pelaksana)),
            ("keterkaitan", keterkaitan, "peralatan", _items(sop.peralatan)),
            ("peringatan", _items(sop.peringatan), "pencatatan", _items(sop.pencatatan)),
        ],
    }


def _unit(sop: SOP, config: Config) -> str:
    from sopc.build.writer import unit_label

    return unit_label(sop, config)
