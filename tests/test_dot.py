"""DOT generation (pure, golden) and Graphviz rendering of the repository graphs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopc.site import pelaksana, peta
from sopc.site.common import sop_html_path
from sopc.site.dot import Graph, attrs, quote, render_svg, svg_fragment, wrap
from test_site_helpers import HOSTILE, load, sample_sops, write_repo

GOLDEN = Path(__file__).parent / "golden" / "dot"


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), f"{name} differs (run pytest --update-golden)"


@pytest.fixture
def repo(tmp_path):
    r, _ = load(write_repo(tmp_path / "repo"))
    return r


@pytest.fixture
def hostile_repo(tmp_path):
    r, _ = load(write_repo(tmp_path / "repo", sample_sops(hostile=True)))
    return r


# --------------------------------------------------------------------------- escaping

@pytest.mark.parametrize("text, expected", [
    ('a"b', r'"a\"b"'),
    ("a\\b", r'"a\\b"'),
    ("a\nb", r'"a\nb"'),
    ("a\r\nb", r'"a\nb"'),
    ("x]; y", '"x]; y"'),
    ("<script>", '"<script>"'),
    ("a\x00b\x1bc", '"abc"'),
    ("\\N \\G \\l", r'"\\N \\G \\l"'),
])
def test_quote(text, expected):
    assert quote(text) == expected


def test_attrs_sorted_and_quoted():
    assert attrs({"b": 1, "a": 'x"'}) == ' [a="x\\"", b="1"]'
    assert attrs({}) == ""


def test_wrap_limits_lines():
    w = wrap("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh", 10, 2)
    assert len(w.split("\n")) == 2 and w.endswith("…")


@pytest.mark.parametrize("label", [
    HOSTILE, 'a"b', "back\\slash", "line\nbreak", "]", ";", "<", "{}", "\\", '\\"', "-- x",
    'x" ]; node [shape=none, label="evil',
])
def test_hostile_label_round_trips_through_graphviz(label):
    """Graphviz parses the DOT and reads back exactly the text (escString: \\\\ and \\n
    are the only escapes present)."""
    pygraphviz = pytest.importorskip("pygraphviz")
    g = Graph(name=label)
    g.nodes.append(("n1", {"label": label, "tooltip": label}))
    g.nodes.append(("n2", {"label": "ok"}))
    g.edges.append(("n1", "n2", {"label": label}))
    parsed = pygraphviz.AGraph(string=g.to_dot())
    assert sorted(parsed.nodes()) == ["n1", "n2"]   # nothing injected
    raw = parsed.get_node("n1").attr["label"]
    expected = label.replace("\\", "\\\\").replace("\n", "\\n")
    assert raw == expected
    svg = render_svg(g.to_dot(), "t-")
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg


def test_svg_fragment_prefixes_ids_and_strips_prolog():
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- c -->\n'
           '<svg><g id="node1"><a xlink:href="#node1"/><a xlink:href="#anker"/>'
           '<path fill="url(#g1)"/><linearGradient id="g1"/></g></svg>')
    out = svg_fragment(svg, "p-")
    assert out.startswith("<svg")
    assert 'id="p-node1"' in out and 'xlink:href="#p-node1"' in out and "url(#p-g1)" in out
    assert 'xlink:href="#anker"' in out   # a link to the page's own anchor is kept
    assert "<!--" not in out and "DOCTYPE" not in out


# --------------------------------------------------------------------------- peta

def test_peta_dot_golden(repo, update_golden):
    g = peta.link_graph(repo)
    dot = peta.peta_dot(g, lambda s: sop_html_path(s, repo.config))
    check_golden("peta.dot", dot, update_golden)


def test_peta_kinds(repo):
    g = peta.link_graph(repo)
    kinds = {(r.source.nomor, r.text): r.kind for r in g.rows}
    assert kinds[("SOP-001/UJI/2025", "SOP-002/UJI/2025")] == peta.MUTUAL
    assert kinds[("SOP-002/UJI/2025", "SOP-001/UJI/2025")] == peta.MUTUAL
    assert kinds[("SOP-001/UJI/2025", "SOP-003/UJI/2025")] == peta.ONE_WAY
    assert kinds[("SOP-001/UJI/2025", "Penanganan Yang Tidak Ada")] == peta.UNRESOLVED
    assert kinds[("SOP-001/UJI/2025", "SOP Penerbitan SP2D, KPPN")] == peta.EXTERNAL
    # one edge for a mutual pair, drawn both ways
    mutual = [e for e in g.sop_edges if e[2] == peta.MUTUAL]
    assert len(mutual) == 1
    dot = peta.peta_dot(g, lambda s: "x.html")
    assert 'dir="both"' in dot
    assert re.search(r's1 -> s3 \[.*style="dashed"', dot)          # one-way
    assert re.search(r's1 -> u1 \[color="#c00000".*style="dashed"', dot)   # unresolved, red
    assert 'shape="folder"' in dot                                  # external
    assert "subgraph cluster_1" in dot and "subgraph cluster_2" in dot


def test_peta_svg_links_and_determinism(repo):
    g = peta.link_graph(repo)
    href = lambda s: sop_html_path(s, repo.config)  # noqa: E731
    a = peta.render(g, href)
    b = peta.render(peta.link_graph(repo), href)
    assert a == b
    assert a.startswith("<svg") and "<?xml" not in a
    links = re.findall(r'xlink:href="([^"]*)"', a)
    assert sorted(set(links)) == sorted({href(s) for s in repo.sops})
    ids = re.findall(r'\bid="([^"]*)"', a)
    assert ids and all(i.startswith("peta-") for i in ids)
    assert len(ids) == len(set(ids))


def test_peta_hostile_labels(hostile_repo):
    g = peta.link_graph(hostile_repo)
    dot = peta.peta_dot(g, lambda s: "a.html")
    assert "<script>" in dot            # text is kept, quoted
    pygraphviz = pytest.importorskip("pygraphviz")
    parsed = pygraphviz.AGraph(string=dot)
    assert len(parsed.nodes()) == len(g.node_id) + len(g.externals) + len(g.unresolved)
    labels = [parsed.get_node(n).attr["label"] for n in parsed.nodes()]
    assert any("<script>" in lab and '"kutip"' in lab for lab in labels)
    svg = peta.render(g, lambda s: "a.html")
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


# --------------------------------------------------------------------------- hand-offs

def test_handoff_counts(repo):
    counts = pelaksana.handoffs(repo)
    named = {(a, b): n for (a, b), n in counts.items()}
    assert named[("pemohon", "petugas loket")] == 1
    assert named[("petugas loket", "kepala seksi")] == 1
    assert named[("petugas loket", "pemohon")] == 1        # the "Tidak" branch back
    assert named[("kepala seksi", "petugas loket")] == 1
    assert named[("petugas loket", "arsiparis")] == 1       # label normalised across SOPs
    assert ("petugas informasi", "petugas informasi") not in named


def test_handoff_dot_golden(repo, update_golden):
    beban = pelaksana.workload(repo)
    dot = pelaksana.handoff_dot(beban, pelaksana.handoffs(repo), lambda b: "#" + b.anchor)
    check_golden("serah-terima.dot", dot, update_golden)
    assert 'label="1"' in dot and "penwidth" in dot


def test_dense_handoff_graph_has_external_labels(repo, monkeypatch):
    """Beyond LABELLED_EDGES hand-offs the counts are xlabels (dot took seconds laying
    out one label node per edge of a dense graph)."""
    beban = pelaksana.workload(repo)
    counts = pelaksana.handoffs(repo)
    assert "xlabel" not in pelaksana.handoff_dot(beban, counts)
    monkeypatch.setattr(pelaksana, "LABELLED_EDGES", len(counts) - 1)
    dense = pelaksana.handoff_dot(beban, counts)
    assert 'xlabel="1"' in dense and '[label="1"' not in dense


def test_handoff_svg(hostile_repo):
    beban = pelaksana.workload(hostile_repo)
    svg = pelaksana.render(beban, pelaksana.handoffs(hostile_repo))
    assert svg.startswith("<svg") and "<script" not in svg and "<b>" not in svg
    assert all(h.startswith("#pelaksana-") for h in re.findall(r'xlink:href="([^"]*)"', svg))


def test_render_error_is_reported_not_raised_as_crash():
    from sopc.site.dot import RenderError, render_svgs

    out = render_svgs([("digraph { a -> }", "x-", None), ("digraph { a -> b }", "y-", None)])
    assert isinstance(out[0], RenderError)
    assert isinstance(out[1], str) and out[1].startswith("<svg")
