"""The repository pages (OUTPUT.md §2): ``index.html`` (Daftar SOP), ``peta.html``
(Peta Keterkaitan), ``pelaksana.html`` (Beban Kerja Pelaksana), the monitoring and
evaluation forms per unit, and the assets they need.

Entry point for ``sopc build``: :func:`generate`. Everything is rendered in memory and
returned as ``{site relpath: bytes}``; the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

from markupsafe import Markup, escape

from sopc.core.diagnostics import Diagnostic, Level
from sopc.core.assets import template_text
from sopc.core.i18n import language, tanggal
from sopc.core.memory import collector_paused
from sopc.core.model import SOP, Repository
from sopc.site import forms, pelaksana, peta
from sopc.site.common import (
    ASSET_DIR,
    FONT_FILES,
    environment,
    font_files,
    group_by_unit,
    relurl,
    sop_html_path,
    sop_pdf_path,
    unit_slug,
)
from sopc.site.dot import RenderError
from sopc.site.options import SiteOptions
from sopc.site.records import ROW_HEAD, complete, date_of, records_for
from sopc.core.text import fold

CSS_PATH = f"{ASSET_DIR}/halaman.css"
JS_PATH = f"{ASSET_DIR}/saring.js"


def translator(lang: str) -> Callable[[str, str], str]:
    """``t(id_text, en_text)`` for templates: Indonesian unless ``lang == "en"``."""
    return (lambda i, e: e) if lang == "en" else (lambda i, e: i)


def _today(ctx: Any) -> _dt.date:
    t = getattr(ctx, "today", None)
    if isinstance(t, _dt.date):
        return t
    from sopc.lint.context import resolve_today

    return resolve_today(None)


def _lang(ctx: Any, repo: Repository, options: SiteOptions) -> str:
    return language(options.lang or getattr(ctx, "lang", None), repo.config)


def base_context(repo: Repository, page: str, relpath: str, lang: str,
                 today: _dt.date, title: str) -> dict[str, Any]:
    cfg = repo.config
    root = relurl(relpath, "index.html")[: -len("index.html")]
    return {
        "lang": lang,
        "t": translator(lang),
        "page": page,
        "root": root,
        "css_href": root + CSS_PATH,
        "title": f"{title} · {cfg.instansi_nama}" if cfg.instansi_nama else title,
        "instansi": cfg.instansi_nama,
        "satuan_kerja": cfg.satuan_kerja,
        "hari_ini": tanggal(today, lang),
        "kertas": None,
    }


# ---------------------------------------------------------------------------
# findings and review status

def findings_by_sop(repo: Repository, diagnostics: list[Diagnostic]) -> dict[int, dict[str, int]]:
    """id(sop) -> {"error": n, "warning": n, "info": n}."""
    by_path: dict[str, SOP] = {}
    for s in repo.sops:
        by_path.setdefault(s.relpath, s)
        by_path.setdefault(str(s.path), s)
    out = {id(s): {"error": 0, "warning": 0, "info": 0} for s in repo.sops}
    for d in diagnostics or []:
        s = by_path.get(d.path)
        if s is None or d.level <= Level.OFF:
            continue
        out[id(s)][d.level.label] += 1
    return out


def _add_months(d: _dt.date, months: int) -> _dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    import calendar

    return _dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def review_due(sop: SOP, today: _dt.date, months: int,
               diagnostics: list[Diagnostic] | None = None) -> bool:
    """DN02 (the same test as the rule, so the status holds when the rule is off):
    True when the linter reported DN02 for the SOP, or when a planned review date
    (``revisi`` after ``efektif``) has passed, or when there is none and ``efektif`` is
    more than ``months`` months before ``today``."""
    if _dn02_paths(diagnostics) & {sop.relpath, str(sop.path)}:
        return True
    return due_by_dates(sop.tanggal_efektif, sop.tanggal_revisi, today, months)


def _dn02_paths(diagnostics: list[Diagnostic] | None) -> set[str]:
    return {d.path for d in diagnostics or [] if d.code == "DN02" and d.level > Level.OFF}


def due_by_dates(e: _dt.date | None, r: _dt.date | None, today: _dt.date, months: Any) -> bool:
    """The date part of :func:`review_due` (``e``: efektif, ``r``: revisi)."""
    try:
        months = int(months)
    except (TypeError, ValueError):
        months = 12
    if months <= 0:
        return False
    if r is not None and e is not None and r > e:
        return r < today
    if e is None:
        return False
    return _add_months(e, months) < today


# ---------------------------------------------------------------------------
# pages

def statistik_rows(repo: Repository, diagnostics: list[Diagnostic], lang: str) -> list[dict]:
    return _statistik(repo, diagnostics, lang)[0]


def _statistik(repo: Repository, diagnostics: list[Diagnostic], lang: str) -> tuple[list[dict], dict]:
    """(rows per principle, {"bersih": SOPs without any finding, "total": SOPs})."""
    from sopc.lint.compliance import compute

    st = compute(repo.sops, diagnostics or [])
    rows = []
    for g in st.groups:
        share = g.share
        rows.append({
            "kode": g.group,
            "nama": g.title.text(lang),
            "lulus": g.compliant,
            "total": g.total,
            "persen": "-" if share is None else f"{share * 100:.0f}%".replace(".", ","),
        })
    return rows, {"bersih": st.clean, "total": st.total}


def index_page(repo: Repository, diagnostics: list[Diagnostic], today: _dt.date,
               lang: str, env: Any, pdf_files: set[str] | None = None,
               href: Callable[[SOP], str | None] | None = None,
               recs: dict[int, dict] | None = None,
               units: list[tuple[str, list[SOP]]] | None = None) -> str:
    """Daftar SOP. ``pdf_files``: the PDFs the build produced (links are shown only
    for those); ``href(sop)``: the SOP's page, None when it was not built; ``recs``:
    ``id(sop) -> record`` (:mod:`sopc.site.records`), computed when not given."""
    pdf_files = pdf_files or set()
    cfg = repo.config
    href = href or (lambda s: sop_html_path(s, cfg))
    if recs is None:
        recs = records_for(repo.sops, cfg, lang)
    ctx = base_context(repo, "index", "index.html", lang, today,
                       "Daftar SOP" if lang != "en" else "SOP list")
    counts = findings_by_sop(repo, diagnostics)
    dn02 = _dn02_paths(diagnostics)
    t = ctx["t"]
    due_text, current_text = t("Perlu ditinjau", "Review due"), t("Terkini", "Current")
    units_out = []
    total = {"error": 0, "warning": 0, "info": 0}
    for unit, sops in (group_by_unit(repo) if units is None else units):
        rows = []
        for s in sops:
            rec = recs[id(s)]
            c = counts[id(s)]
            for k in total:
                total[k] += c[k]
            due = (s.relpath in dn02 or str(s.path) in dn02 or
                   due_by_dates(date_of(rec["efektif"]), date_of(rec["revisi"]), today,
                                cfg.tinjau_bulan))
            status = due_text if due else current_text
            efektif = rec["efektif_teks"]
            pdf_path = sop_pdf_path(s, cfg) if pdf_files else None
            rows.append({
                "nomor": s.nomor or "-",
                "nama": s.nama or "-",
                "efektif": efektif,
                "perlu_tinjau": due,
                "status": status,
                "html": href(s),
                "pdf": pdf_path if pdf_path in pdf_files else None,
                "saring": fold(" ".join([s.nomor, s.nama, unit, status, efektif])),
                **c,
            })
        slug = unit_slug(unit)
        units_out.append({
            "nama": unit,
            "anchor": f"unit-{slug}",
            "rows": rows,
            "monitoring": f"formulir/monitoring-{slug}.html",
            "evaluasi": f"formulir/evaluasi-{slug}.html",
            "buku": f"buku-sop-{slug}.pdf" if f"buku-sop-{slug}.pdf" in pdf_files else None,
            "monitoring_pdf": (f"formulir/monitoring-{slug}.pdf"
                               if f"formulir/monitoring-{slug}.pdf" in pdf_files else None),
            "evaluasi_pdf": (f"formulir/evaluasi-{slug}.pdf"
                             if f"formulir/evaluasi-{slug}.pdf" in pdf_files else None),
        })
    stat_rows, stat_total = _statistik(repo, diagnostics, lang)
    ctx.update({
        "units": units_out,
        "jumlah_sop": len(repo.sops),
        "temuan_total": total if diagnostics is not None else None,
        "statistik": stat_rows,
        "bersih": stat_total,
        "buku_semua": "buku-sop.pdf" if "buku-sop.pdf" in pdf_files else None,
    })
    return environment(env).get_template("site_index.html.j2").render(**ctx)


def peta_page(repo: Repository, today: _dt.date, lang: str, env: Any,
              href: Callable[[SOP], str | None] | None = None, svg_result: Any = None,
              graph: peta.LinkGraph | None = None) -> str:
    """Peta Keterkaitan. ``svg_result``: the graph already rendered (an SVG string or
    a RenderError) by a batched :func:`sopc.site.dot.render_svgs` call; ``graph``: the
    :func:`peta.link_graph` of the repository, when the caller has it."""
    cfg = repo.config
    href = href or (lambda s: sop_html_path(s, cfg))
    ctx = base_context(repo, "peta", "peta.html", lang, today,
                       "Peta Keterkaitan" if lang != "en" else "Link map")
    g = peta.link_graph(repo) if graph is None else graph
    svg, err = _graph(svg_result, lambda: peta.render(g, href)) if repo.sops else ("", "")
    rows = []
    for r in g.rows:
        rows.append({
            "src_href": href(r.source),
            "src_nomor": r.source.nomor or "-",
            "src_nama": r.source.nama,
            "dst_href": href(r.target) if r.target is not None else None,
            "dst_nomor": r.target.nomor if r.target is not None else "",
            "dst_nama": r.target.nama if r.target is not None else "",
            "text": r.text,
            "kind": r.kind,
            "kind_label": peta.KIND_LABEL[r.kind][1 if lang == "en" else 0],
        })
    ctx.update({"svg": svg, "graf_galat": err, "rows": rows})
    return environment(env).get_template("site_peta.html.j2").render(**ctx)


def _graph(svg_result: Any, render: Callable[[], Any]) -> tuple[str, str]:
    """(svg, error line) of a graph: an SVG rendered earlier in the build (or a
    RenderError from it), else rendered now; a Graphviz failure becomes a short message
    shown in the page instead of the graph."""
    try:
        result = render() if svg_result is None else svg_result
        if isinstance(result, RenderError):
            raise result
        return result, ""
    except RenderError as exc:
        text = str(exc).strip()
        return "", text.splitlines()[0] if text else "Graphviz"


def pelaksana_page(repo: Repository, today: _dt.date, lang: str, env: Any,
                   href: Callable[[SOP], str | None] | None = None, svg_result: Any = None,
                   beban: list[pelaksana.Beban] | None = None,
                   counts: dict[tuple[str, str], int] | None = None) -> str:
    """Beban Kerja Pelaksana. ``beban``/``counts``: :func:`pelaksana.workload` and
    :func:`pelaksana.handoffs` of the repository, when the caller has them (the rows
    of the workload come from records rendered in ``lang``)."""
    cfg = repo.config
    href = href or (lambda s: sop_html_path(s, cfg))
    wk = cfg.waktu
    ctx = base_context(repo, "pelaksana", "pelaksana.html", lang, today,
                       "Beban Kerja Pelaksana" if lang != "en" else "Actor workload")
    if beban is None or counts is None:
        recs = records_for(repo.sops, cfg, lang)
        beban = pelaksana.workload(repo, recs)
        counts = pelaksana.handoffs(repo, recs)
    svg, err = _graph(svg_result, lambda: pelaksana.render(beban, counts)) if counts else ("", "")
    by_key = {b.key: b for b in beban}
    heads: dict[int, str] = {}
    items = []
    for b in beban:
        parts = []
        for s, baris in b.parts:
            head = heads.get(id(s))
            if head is None:
                h = href(s)
                nomor = escape(s.nomor or "-")
                link = f'<a href="{escape(h)}">{nomor}</a>' if h else str(nomor)
                head = heads[id(s)] = f"<tr>\n<td>{link} {escape(s.nama)}"
            parts.append(baris.replace(ROW_HEAD, head))
        items.append({
            "label": b.label, "anchor": b.anchor, "pihak_luar": b.pihak_luar,
            "n_sop": len(b.parts), "n_kegiatan": b.n_kegiatan,
            "lo": format_minutes_(b.lo, wk, lang), "hi": format_minutes_(b.hi, wk, lang),
            "tanpa_waktu": b.tanpa_waktu, "rows_html": Markup("".join(parts)),
        })
    serah = [{"dari": by_key[x].label, "ke": by_key[y].label, "n": n}
             for (x, y), n in sorted(counts.items(),
                                     key=lambda kv: (-kv[1], fold(by_key[kv[0][0]].label),
                                                     fold(by_key[kv[0][1]].label)))]
    ctx.update({"beban": items, "serah": serah, "svg": svg, "graf_galat": err,
                "jam_per_hari": f"{wk.jam_per_hari:g}".replace(".", ",")})
    return environment(env).get_template("site_pelaksana.html.j2").render(**ctx)


def format_minutes_(m: float, wk, lang: str) -> str:
    from sopc.site.common import format_minutes

    return format_minutes(m, wk, lang)


def assets() -> dict[str, bytes]:
    files = {
        CSS_PATH: template_text("site_pages.css").encode("utf-8"),
        JS_PATH: template_text("site_filter.js").encode("utf-8"),
    }
    for name, data in font_files().items():
        files[f"{ASSET_DIR}/{name}"] = data
    return files


def graph_jobs(repo: Repository, href: Callable[[SOP], str | None],
               graph: peta.LinkGraph | None = None, beban: list[pelaksana.Beban] | None = None,
               counts: dict[tuple[str, str], int] | None = None) -> tuple[list, list[str]]:
    """The Graphviz jobs of the site and their slots ("peta", "serah")."""
    jobs, slots = [], []
    if repo.sops:
        g = peta.link_graph(repo) if graph is None else graph
        jobs.append((peta.peta_dot(g, href), "peta-", "Peta Keterkaitan SOP"))
        slots.append("peta")
    if counts is None or beban is None:
        recs = records_for(repo.sops, repo.config, "id")
        counts = pelaksana.handoffs(repo, recs)
        beban = pelaksana.workload(repo, recs)
    if counts:
        jobs.append((pelaksana.handoff_dot(beban, counts, lambda b: "#" + b.anchor), "serah-",
                     "Serah terima pekerjaan antarpelaksana"))
        slots.append("serah")
    return jobs, slots


def render_graphs(repo: Repository, href: Callable[[SOP], str | None]) -> tuple[Any, Any]:
    """Both graphs of the site in one Graphviz helper process: (peta, hand-offs), each
    an SVG string, a RenderError, or "" when there is nothing to draw."""
    return start_graphs(repo, href)()


def start_graphs(repo: Repository, href: Callable[[SOP], str | None],
                 graph: peta.LinkGraph | None = None, beban: list[pelaksana.Beban] | None = None,
                 counts: dict[tuple[str, str], int] | None = None) -> Callable[[], tuple[Any, Any]]:
    """:func:`render_graphs` started now (the Graphviz helper runs in the background);
    the returned function gives (peta, hand-offs)."""
    from sopc.site.dot import start_render_svgs

    jobs, slots = graph_jobs(repo, href, graph, beban, counts)
    pending = start_render_svgs(jobs)

    def collect() -> tuple[Any, Any]:
        got = dict(zip(slots, pending()))
        return got.get("peta", ""), got.get("serah", "")

    return collect


def page_infos(repo: Repository, options: SiteOptions) -> list[tuple[SOP, str, str, bool]]:
    """[(sop, html relpath, paper, rendered)] from the build state (``options.pages``)
    or, without one, every SOP as rendered on the repository's paper."""
    pages = options.pages
    if pages:
        return [(p.sop, p.relpath, p.paper, bool(p.rendered)) for p in pages]
    cfg = repo.config
    return [(s, sop_html_path(s, cfg), s.kertas or cfg.kertas or "A4", True) for s in repo.sops]


def generate(repo: Repository, diagnostics: list[Diagnostic] | None, ctx: Any, env: Any,
             options: SiteOptions | None = None) -> dict[str, bytes]:
    """Render every repository page (and, with ``options.pdf``, every PDF and the SOP
    books). Returns ``{relpath: bytes}``.

    ``records``: ``{sop.relpath: record}`` (:mod:`sopc.site.records`) or None. An SOP
    with a (usable) record is read only through it and its index fields (path,
    relpath, nomor, nama, unit, pelaksana, keterkaitan): it may be a light
    :meth:`SOP.index_entry`. For every other SOP the record is computed from the full
    SOP and, when ``records`` is a dict, stored into it. The PDFs (``pdf``) need full
    SOPs."""
    from sopc.cache.store import jinja_bytecode

    options = options if options is not None else SiteOptions()
    env = environment(env, getattr(repo.config, "root", None), _lang(ctx, repo, options))
    with collector_paused(), jinja_bytecode(env):
        return _generate(repo, diagnostics, ctx, env, options)


def _generate(repo: Repository, diagnostics: list[Diagnostic] | None, ctx: Any, env: Any,
              options: SiteOptions) -> dict[str, bytes]:
    today = _today(ctx)
    lang = _lang(ctx, repo, options)
    pdf = options.pdf
    cfg = repo.config
    diags = list(diagnostics) if diagnostics is not None else []
    infos = page_infos(repo, options)
    live = {id(s): rel for s, rel, _p, ok in infos if ok}

    def href(s: SOP) -> str | None:
        return live.get(id(s))

    given = options.records
    # first what the graphs need (records without their rows, unless given)...
    recs = records_for(repo.sops, cfg, lang, given, rows=False)
    units = group_by_unit(repo)
    ordered = [s for _, sops in units for s in sops]
    graph = peta.link_graph(repo, recs, units)
    people = pelaksana.actors(repo, recs)
    counts = pelaksana.handoffs(repo, recs)
    # ...so that Graphviz runs in its helper process while the rest is computed and
    # the pages are rendered (not during the PDFs: their worker processes must not
    # inherit the helper's pipes)
    graphs = None if pdf else start_graphs(repo, href, graph, people, counts)
    complete(repo.sops, recs, cfg, given)
    beban = pelaksana.workload(repo, recs, ordered, people)

    out: dict[str, bytes] = dict(assets())
    for rel, text in forms.generate(repo, today, lang, env, base_context,
                                    options.kertas, units).items():
        out[rel] = text.encode("utf-8")
    pdfs: dict[str, bytes] = {}
    if pdf:
        from sopc.site.pdf.book import build_pdfs

        pdfs = build_pdfs(repo, infos, out, options, today, lang)
        out.update(pdfs)
        graphs = start_graphs(repo, href, graph, people, counts)
    out["index.html"] = index_page(repo, diags, today, lang, env, set(pdfs), href,
                                   recs, units).encode("utf-8")
    pelaksana_parts = (beban, counts)
    peta_svg, serah_svg = graphs()
    out["pelaksana.html"] = pelaksana_page(repo, today, lang, env, href, serah_svg,
                                           *pelaksana_parts).encode("utf-8")
    out["peta.html"] = peta_page(repo, today, lang, env, href, peta_svg, graph).encode("utf-8")
    return out


__all__ = ["generate", "index_page", "peta_page", "pelaksana_page", "review_due",
           "findings_by_sop", "assets", "page_infos", "CSS_PATH", "JS_PATH", "FONT_FILES"]
