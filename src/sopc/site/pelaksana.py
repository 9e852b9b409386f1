"""Beban Kerja Pelaksana: per actor label across the repository, the SOPs and
activities it performs and the sum of their ``waktu``; and the hand-off graph (who
passes work to whom).

Actor labels are grouped by their normalised form (case and spaces ignored); the form
shown is the most frequent spelling (ties: alphabetical). A joint activity counts in
full for each of its actors. An activity whose ``waktu`` is missing or not a duration
is listed and counted apart ("tanpa waktu"), never guessed.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from sopc.core.model import SOP, Repository
from sopc.site.common import group_by_unit
from sopc.site.records import actor_key
from sopc.site.dot import FONT, Graph, render_svg, wrap
from sopc.core.text import fold, slugify


@dataclass
class Beban:
    key: str                       # normalised label
    label: str                     # display form
    anchor: str                    # HTML id of its section
    # per SOP (repository order), the SOP and its rows (``baris`` of its record)
    parts: list[tuple[SOP, str]] = field(default_factory=list)
    n_kegiatan: int = 0
    lo: float = 0.0
    hi: float = 0.0
    tanpa_waktu: int = 0
    pihak_luar: bool = False

    @property
    def sops(self) -> list[SOP]:
        return [p[0] for p in self.parts]


def _ordered_sops(repo: Repository) -> list[SOP]:
    return [s for _, sops in group_by_unit(repo) for s in sops]


def _records(repo: Repository, recs: dict[int, dict] | None) -> dict[int, dict]:
    if recs is None:
        from sopc.site.records import records_for

        recs = records_for(repo.sops, repo.config, "id")
    return recs


def _labels(repo: Repository, recs: dict[int, dict]) -> dict[str, str]:
    """normalised key -> display label (most frequent spelling, then alphabetical)."""
    counts: dict[str, Counter] = {}
    for s in repo.sops:
        for k, lab, n in recs[id(s)]["label"]:
            c = counts.get(k)
            if c is None:
                c = counts[k] = Counter()
            c[lab] += n
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            for k, c in counts.items()}


def actors(repo: Repository, recs: dict[int, dict] | None = None) -> list[Beban]:
    """Every actor label with its anchor, without its activities (what the hand-off
    graph needs; the records may lack ``tugas``), in label order."""
    recs = _records(repo, recs)
    labels = _labels(repo, recs)
    luar = {fold(p) for p in repo.config.pihak_luar}
    out: list[Beban] = []
    anchors: set[str] = set()
    for k in sorted(labels, key=lambda k: (fold(labels[k]), labels[k])):
        anchor = base = "pelaksana-" + slugify(labels[k])
        n = 2
        while anchor in anchors:
            anchor, n = f"{base}-{n}", n + 1
        anchors.add(anchor)
        out.append(Beban(k, labels[k], anchor, pihak_luar=k in luar))
    return out


def workload(repo: Repository, recs: dict[int, dict] | None = None,
             ordered: list[SOP] | None = None, people: list[Beban] | None = None) -> list[Beban]:
    """Every actor label with its activities and total time; heaviest first (by the
    maximum total, then the minimum, then the label). ``recs``: ``id(sop) -> record``
    (:mod:`sopc.site.records`), computed when not given; ``ordered``: the SOPs in
    unit-then-nomor order, when the caller has it; ``people``: :func:`actors` of the
    same records, when the caller has it (filled in here)."""
    recs = _records(repo, recs)
    beban = {b.key: b for b in (actors(repo, recs) if people is None else people)}
    for s in (ordered if ordered is not None else _ordered_sops(repo)):
        for t in recs[id(s)]["tugas"]:
            b = beban[t["key"]]
            b.parts.append((s, t["baris"]))
            b.n_kegiatan += len(t["span"])
            lo, hi, none = b.lo, b.hi, b.tanpa_waktu
            for sp in t["span"]:
                if sp is None:
                    none += 1
                else:
                    lo += sp[0]
                    hi += sp[1]
            b.lo, b.hi, b.tanpa_waktu = lo, hi, none
    return sorted(beban.values(), key=lambda b: (-b.hi, -b.lo, fold(b.label), b.label))


def handoffs(repo: Repository, recs: dict[int, dict] | None = None) -> dict[tuple[str, str], int]:
    """(from actor key, to actor key) -> number of flow edges from an activity of the
    first to an activity of the second (different actors only)."""
    recs = _records(repo, recs)
    out: dict[tuple[str, str], int] = {}
    for s in repo.sops:
        for x, y, n in recs[id(s)]["serah"]:
            out[(x, y)] = out.get((x, y), 0) + n
    return out


LABELLED_EDGES = 60     # above this many hand-offs the counts are external labels


def handoff_dot(beban: list[Beban], counts: dict[tuple[str, str], int],
                href: Callable[[Beban], str] | None = None) -> str:
    """DOT text of the hand-off graph: one node per actor that hands off or receives
    work, one edge per ordered pair, labelled with the count, thicker when heavier."""
    by_key = {b.key: b for b in beban}
    involved = sorted({k for pair in counts for k in pair},
                      key=lambda k: (fold(by_key[k].label), by_key[k].label))
    ids = {k: f"a{i + 1}" for i, k in enumerate(involved)}
    g = Graph(
        name="Serah terima pekerjaan antarpelaksana",
        graph={"rankdir": "LR", "fontname": FONT, "nodesep": 0.35, "ranksep": 0.8,
               "bgcolor": "white", "tooltip": " "},
        node_defaults={"fontname": FONT, "fontsize": 10, "shape": "box",
                       "style": "rounded,filled", "fillcolor": "#f3f6fb",
                       "color": "#2f4b7c"},
        edge_defaults={"fontname": FONT, "fontsize": 9, "color": "#1f3a68",
                       "arrowsize": 0.7},
    )
    for k in involved:
        b = by_key[k]
        a: dict[str, object] = {"label": wrap(b.label, 24, 3), "tooltip": b.label}
        if b.pihak_luar:
            a.update({"style": "filled", "shape": "ellipse", "fillcolor": "#fff6e0",
                      "color": "#a06a00"})
        if href is not None:
            a["URL"] = href(b)
            a["target"] = "_top"
        g.nodes.append((ids[k], a))
    # dot makes every edge ``label`` a node of its own and orders them with the rest:
    # a dense graph (a large repository: 16 actors, 240 hand-offs) took 2.6 s; an
    # ``xlabel`` is placed after the layout (0.17 s) and is kept for large graphs only,
    # where dot no longer has room to keep labels clear anyway
    count_attr = "label" if len(counts) <= LABELLED_EDGES else "xlabel"
    for (x, y), c in sorted(counts.items(), key=lambda kv: (ids[kv[0][0]], ids[kv[0][1]])):
        g.edges.append((ids[x], ids[y], {
            count_attr: str(c), "weight": c,
            "penwidth": f"{1 + math.log2(c) * 1.2:.2f}",
            "tooltip": f"{by_key[x].label} → {by_key[y].label}: {c}"}))
    return g.to_dot()


def render(beban: list[Beban], counts: dict[tuple[str, str], int],
           prefix: str = "serah-") -> str:
    return render_svg(handoff_dot(beban, counts, lambda b: "#" + b.anchor),
                      prefix=prefix, title="Serah terima pekerjaan antarpelaksana")
