"""Peta Keterkaitan: the graph of ``keterkaitan`` links between SOPs.

:func:`link_graph` computes what is linked to what (pure), :func:`peta_dot` prints it
as DOT (pure, golden-tested), :func:`render` lays it out with Graphviz.

Drawing conventions:

- an SOP is a rounded box "nomor / nama", clustered by unit, linking to its page;
- an external SOP (``{eksternal: ...}``) is a folder-shaped node, grey;
- an unresolved entry (names no SOP of the repository) is a dashed red box, reached by
  a dashed red edge;
- a mutual link (A lists B and B lists A) is one solid edge with arrowheads at both
  ends; a one-way link is a dashed grey edge with one arrowhead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from sopc.core.model import SOP, Repository
from sopc.core.links import LinkIndex
from sopc.site.common import group_by_unit, unit_of
from sopc.site.dot import FONT, Cluster, Graph, render_svg, wrap
from sopc.core.text import fold, norm_space

MUTUAL, ONE_WAY, EXTERNAL, UNRESOLVED = "dua-arah", "satu-arah", "eksternal", "tidak-ditemukan"

KIND_LABEL = {
    MUTUAL: ("dua arah", "mutual"),
    ONE_WAY: ("satu arah", "one-way"),
    EXTERNAL: ("eksternal", "external"),
    UNRESOLVED: ("tidak ditemukan", "unresolved"),
}


@dataclass
class LinkRow:
    """One keterkaitan entry as listed under the graph."""

    source: SOP
    text: str                 # the entry as written
    kind: str                 # MUTUAL | ONE_WAY | EXTERNAL | UNRESOLVED
    target: SOP | None = None


@dataclass
class LinkGraph:
    units: list[tuple[str, list[SOP]]]
    node_id: dict[int, str]                                  # id(sop) -> "s<n>"
    rows: list[LinkRow] = field(default_factory=list)
    externals: list[tuple[str, str]] = field(default_factory=list)    # (node id, text)
    unresolved: list[tuple[str, str]] = field(default_factory=list)   # (node id, text)
    sop_edges: list[tuple[SOP, SOP, str]] = field(default_factory=list)  # MUTUAL/ONE_WAY
    ext_edges: list[tuple[SOP, str, str]] = field(default_factory=list)  # (src, node id, kind)
    labels: dict[int, str] = field(default_factory=dict)    # id(sop) -> node label (records)


class _Entry:
    """A keterkaitan entry of a record (:mod:`sopc.site.records`): what
    :meth:`sopc.core.links.LinkIndex.target` reads of a :class:`sopc.core.model.Link`."""

    __slots__ = ("text", "external")

    def __init__(self, text: str, external: bool):
        self.text, self.external = text, external


def link_graph(repo: Repository, recs: dict[int, dict] | None = None,
               units: list[tuple[str, list[SOP]]] | None = None) -> LinkGraph:
    """What links to what, deterministic (SOPs by unit then nomor). ``recs``:
    ``id(sop) -> record``; when given, the keterkaitan entries come from the records.
    ``units``: :func:`group_by_unit` of the repository, when the caller has it."""
    units = group_by_unit(repo) if units is None else units
    ordered = [s for _, sops in units for s in sops]
    node_id = {id(s): f"s{i + 1}" for i, s in enumerate(ordered)}
    index = LinkIndex(repo.sops)

    targets: dict[int, set[int]] = {id(s): set() for s in ordered}
    resolved: list[tuple[SOP, object, SOP | None]] = []
    for s in ordered:
        links = (s.keterkaitan if recs is None
                 else [_Entry(t, x) for t, x in recs[id(s)]["keterkaitan"]])
        for link in links:
            t = index.target(link)
            resolved.append((s, link, t))
            if t is not None and t is not s:
                targets[id(s)].add(id(t))

    g = LinkGraph(units=units, node_id=node_id)
    if recs is not None:
        g.labels = {id(s): recs[id(s)]["label_peta"] for s in ordered}
    ext_ids: dict[str, str] = {}
    unres_ids: dict[str, str] = {}
    seen_pairs: set[tuple[int, int, str]] = set()
    seen_ext: set[tuple[int, str]] = set()
    for s, link, t in resolved:
        text = norm_space(link.text)  # type: ignore[attr-defined]
        if link.external:  # type: ignore[attr-defined]
            kind = EXTERNAL
        elif t is None:
            kind = UNRESOLVED
        elif t is s:
            continue  # a self-link (KS02) is not drawn
        elif id(s) in targets.get(id(t), set()):
            kind = MUTUAL
        else:
            kind = ONE_WAY
        g.rows.append(LinkRow(s, text, kind, t))
        if kind in (MUTUAL, ONE_WAY):
            a, b = s, t
            if kind == MUTUAL and node_num(node_id[id(b)]) < node_num(node_id[id(a)]):
                a, b = b, a
            pair = (id(a), id(b), kind)
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            g.sop_edges.append((a, b, kind))  # type: ignore[arg-type]
        else:
            table, prefix, lst = ((ext_ids, "x", g.externals) if kind == EXTERNAL
                                  else (unres_ids, "u", g.unresolved))
            key = fold(text)
            if key not in table:
                table[key] = f"{prefix}{len(table) + 1}"
                lst.append((table[key], text))
            if (id(s), table[key]) in seen_ext:
                continue
            seen_ext.add((id(s), table[key]))
            g.ext_edges.append((s, table[key], kind))
    return g


def node_num(nid: str) -> int:
    return int(nid[1:])


def sop_label(s: SOP) -> str:
    nomor = wrap(s.nomor or "-", 30, 2)
    nama = wrap(s.nama or "-", 26, 4)
    return f"{nomor}\n{nama}"


def peta_dot(g: LinkGraph, href: Callable[[SOP], str | None],
             title: str = "Peta Keterkaitan") -> str:
    """The DOT text of the link graph. ``href(sop)`` gives the node's URL (relative),
    None for an SOP without a page (not built): that node has no link."""
    dg = Graph(
        name=title,
        graph={"rankdir": "LR", "fontname": FONT, "fontsize": 11, "compound": "true",
               "nodesep": 0.3, "ranksep": 0.6, "bgcolor": "white", "tooltip": " ",
               "newrank": "true"},
        node_defaults={"fontname": FONT, "fontsize": 9, "shape": "box",
                       "style": "rounded,filled", "fillcolor": "#f3f6fb",
                       "color": "#2f4b7c", "margin": "0.12,0.06"},
        edge_defaults={"fontname": FONT, "fontsize": 8, "color": "#1f3a68",
                       "arrowsize": 0.7},
    )
    for i, (unit, sops) in enumerate(g.units):
        c = Cluster(name=f"cluster_{i + 1}",
                    attrs={"label": wrap(unit, 40, 2), "style": "rounded",
                           "color": "#9aa7bd", "fontcolor": "#1a1a1a", "fontsize": 10,
                           "tooltip": unit})
        for s in sops:
            label = g.labels.get(id(s))
            na: dict[str, object] = {"label": sop_label(s) if label is None else label,
                                     "tooltip": s.nama or s.nomor}
            url = href(s)
            if url:
                na.update({"URL": url, "target": "_top"})
            else:
                na.update({"style": "rounded,dashed", "fillcolor": "white"})
            c.nodes.append((g.node_id[id(s)], na))
        dg.clusters.append(c)
    for nid, text in g.externals:
        dg.nodes.append((nid, {"label": wrap(text, 26, 4) + "\n(eksternal)",
                               "shape": "folder", "style": "filled",
                               "fillcolor": "#eeeeee", "color": "#777777",
                               "fontcolor": "#333333", "tooltip": text}))
    for nid, text in g.unresolved:
        dg.nodes.append((nid, {"label": wrap(text, 26, 4) + "\n(tidak ditemukan)",
                               "shape": "box", "style": "dashed", "color": "#c00000",
                               "fontcolor": "#a00000", "tooltip": text}))
    for a, b, kind in g.sop_edges:
        ea: dict[str, object]
        if kind == MUTUAL:
            ea = {"dir": "both", "penwidth": 1.4}
        else:
            ea = {"style": "dashed", "color": "#7a7a7a"}
        ea["tooltip"] = f"{a.nomor} → {b.nomor}" if kind == ONE_WAY else f"{a.nomor} ↔ {b.nomor}"
        dg.edges.append((g.node_id[id(a)], g.node_id[id(b)], ea))
    for s, nid, kind in g.ext_edges:
        if kind == EXTERNAL:
            ea = {"style": "dotted", "color": "#777777"}
        else:
            ea = {"style": "dashed", "color": "#c00000"}
        ea["tooltip"] = s.nomor or s.nama
        dg.edges.append((g.node_id[id(s)], nid, ea))
    return dg.to_dot()


def render(g: LinkGraph, href: Callable[[SOP], str | None], prefix: str = "peta-") -> str:
    """SVG fragment of the link graph."""
    return render_svg(peta_dot(g, href), prefix=prefix, title="Peta Keterkaitan SOP")


def unit_label(s: SOP, repo: Repository) -> str:
    return unit_of(s, repo.config)
