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

from sopc.model import SOP, Activity, Repository
from sopc.site.common import Span, group_by_unit, parse_waktu
from sopc.site.dot import FONT, Graph, render_svg, wrap
from sopc.text import fold, norm_space, slugify


@dataclass
class Tugas:
    sop: SOP
    activity: Activity
    span: Span | None


@dataclass
class Beban:
    key: str                       # normalised label
    label: str                     # display form
    anchor: str                    # HTML id of its section
    tugas: list[Tugas] = field(default_factory=list)
    lo: float = 0.0
    hi: float = 0.0
    tanpa_waktu: int = 0
    pihak_luar: bool = False

    @property
    def sops(self) -> list[SOP]:
        out: list[SOP] = []
        for t in self.tugas:
            if not any(s is t.sop for s in out):
                out.append(t.sop)
        return out


def actor_key(label: str) -> str:
    return fold(label)


def _ordered_sops(repo: Repository) -> list[SOP]:
    return [s for _, sops in group_by_unit(repo) for s in sops]


def _labels(repo: Repository) -> dict[str, str]:
    """normalised key -> display label (most frequent spelling, then alphabetical)."""
    counts: dict[str, Counter] = {}
    for s in repo.sops:
        for a in s.kegiatan:
            for aid in a.pelaksana:
                lab = norm_space(s.actor_label(aid))
                counts.setdefault(actor_key(lab), Counter())[lab] += 1
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            for k, c in counts.items()}


def workload(repo: Repository) -> list[Beban]:
    """Every actor label with its activities and total time; heaviest first (by the
    maximum total, then the minimum, then the label)."""
    wk = repo.config.waktu
    labels = _labels(repo)
    luar = {fold(p) for p in repo.config.pihak_luar}
    beban: dict[str, Beban] = {}
    anchors: set[str] = set()
    for k in sorted(labels, key=lambda k: (fold(labels[k]), labels[k])):
        anchor = base = "pelaksana-" + slugify(labels[k])
        n = 2
        while anchor in anchors:
            anchor, n = f"{base}-{n}", n + 1
        anchors.add(anchor)
        beban[k] = Beban(k, labels[k], anchor, pihak_luar=k in luar)
    for s in _ordered_sops(repo):
        for a in s.kegiatan:
            span = parse_waktu(a.waktu, wk)
            done: set[str] = set()
            for aid in a.pelaksana:
                k = actor_key(norm_space(s.actor_label(aid)))
                if k in done:
                    continue
                done.add(k)
                b = beban[k]
                b.tugas.append(Tugas(s, a, span))
                if span is None:
                    b.tanpa_waktu += 1
                else:
                    b.lo += span.lo
                    b.hi += span.hi
    return sorted(beban.values(), key=lambda b: (-b.hi, -b.lo, fold(b.label), b.label))


def handoffs(repo: Repository) -> dict[tuple[str, str], int]:
    """(from actor key, to actor key) -> number of flow edges from an activity of the
    first to an activity of the second (different actors only)."""
    out: Counter = Counter()
    for s in repo.sops:
        n = len(s.kegiatan)
        for a in s.kegiatan:
            src = {actor_key(norm_space(s.actor_label(x))) for x in a.pelaksana}
            for e in a.edges:
                if e.target is None or not (0 <= e.target < n):
                    continue
                dst = {actor_key(norm_space(s.actor_label(x)))
                       for x in s.kegiatan[e.target].pelaksana}
                for x in sorted(src):
                    for y in sorted(dst):
                        if x != y and y not in src:
                            out[(x, y)] += 1
    return dict(out)


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
    for (x, y), c in sorted(counts.items(), key=lambda kv: (ids[kv[0][0]], ids[kv[0][1]])):
        g.edges.append((ids[x], ids[y], {
            "label": str(c), "weight": c,
            "penwidth": f"{1 + math.log2(c) * 1.2:.2f}",
            "tooltip": f"{by_key[x].label} → {by_key[y].label}: {c}"}))
    return g.to_dot()


def render(beban: list[Beban], counts: dict[tuple[str, str], int],
           prefix: str = "serah-") -> str:
    return render_svg(handoff_dot(beban, counts, lambda b: "#" + b.anchor),
                      prefix=prefix, title="Serah terima pekerjaan antarpelaksana")
