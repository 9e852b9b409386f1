"""The monitoring and evaluation forms of PermenPANRB 35/2012, pre-filled per unit
(sop-ap.md §4.3, §4.4): ``formulir/monitoring-<unit>.html`` (Tabel 7 Monitoring
Pelaksanaan SOP AP, one row per SOP) and ``formulir/evaluasi-<unit>.html`` (the seven
Ya/Tidak criteria per SOP). Printable landscape on the repository's paper.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

from sopc.core.paper import paper_for
from sopc.core.model import SOP, Repository
from sopc.site.common import environment, group_by_unit, semester, unit_slug

KRITERIA_ID = [
    "Mampu mendorong peningkatan kinerja",
    "Mudah dipahami",
    "Mudah dilaksanakan",
    "Semua orang dapat menjalankan perannya masing-masing",
    "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "Sinergi satu dengan lainnya",
]
KRITERIA_EN = [
    "Drives performance improvement",
    "Easy to understand",
    "Easy to carry out",
    "Everyone can play their own role",
    "Resolves problems related to the process",
    "Meets the organisation's need for better performance",
    "Works in synergy with the other SOPs",
]


def repo_paper(config: Any, cli: str | None) -> str:
    """The paper of repository-wide documents, as for an SOP without its own
    ``kertas``."""
    return paper_for(None, config, cli)


def monitoring_path(unit: str) -> str:
    return f"formulir/monitoring-{unit_slug(unit)}.html"


def evaluasi_path(unit: str) -> str:
    return f"formulir/evaluasi-{unit_slug(unit)}.html"


def generate(repo: Repository, today: _dt.date, lang: str, env: Any,
             base_context: Callable[..., dict], kertas: str | None = None,
             units: list[tuple[str, list[SOP]]] | None = None) -> dict[str, str]:
    """Both forms for every unit: ``{relpath: html text}``. Only the index fields of
    the SOPs are read (nomor, nama, unit). ``units``: :func:`group_by_unit` of the
    repository, when the caller has it."""
    env = environment(env)
    paper = repo_paper(repo.config, kertas)
    periode = semester(today)
    from sopc.render.html import paper_css

    page_size = paper_css(paper)
    out: dict[str, str] = {}
    for unit, sops in (group_by_unit(repo) if units is None else units):
        rows = [{"nomor": s.nomor or "-", "nama": s.nama or "-"} for s in sops]
        for kind, path, template, title in (
            ("monitoring", monitoring_path(unit), "form_monitoring.html.j2",
             ("Monitoring Pelaksanaan SOP AP", "SOP AP Implementation Monitoring")),
            ("evaluasi", evaluasi_path(unit), "form_evaluasi.html.j2",
             ("Evaluasi Penerapan SOP AP", "SOP AP Implementation Evaluation")),
        ):
            ctx = base_context(repo, f"formulir-{kind}", path, lang, today,
                               f"{title[1] if lang == 'en' else title[0]} · {unit}")
            ctx.update({
                "unit": unit,
                "periode": periode,
                "rows": rows,
                "kertas": paper,
                "page_size": page_size,
                "kriteria": KRITERIA_EN if lang == "en" else KRITERIA_ID,
            })
            out[path] = env.get_template(template).render(**ctx)
    return out
