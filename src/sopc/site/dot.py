"""DOT text generation (pure, golden-testable) and rendering to SVG with Graphviz
through pygraphviz, in-process.

Every text that comes from a source file goes through :func:`quote`, which produces a
DOT quoted string that is also safe as a Graphviz *escString* (labels, tooltips, URLs):
quotes and backslashes are escaped, line breaks become ``\\n``, control characters are
dropped. Node ids are always generated (``s1``, ``x2``...), never taken from the source.

:func:`render_svg` turns DOT text into an SVG fragment ready to be inlined in an HTML5
page: no XML prolog, doctype or comments, every ``id`` prefixed (several graphs, or the
same graph twice, can live in one document), deterministic bytes.
"""

from __future__ import annotations

import os
import re
import textwrap
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

FONT = "DejaVu Sans"


def clean(text: object) -> str:
    """Normalise line breaks and drop control characters (never valid in SVG/XML)."""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s)


def quote(text: object) -> str:
    """A DOT double-quoted string for ``text``, safe as an escString: ``"`` → ``\\"``,
    ``\\`` → ``\\\\``, newline → ``\\n``; ``]``, ``;``, ``<``, ``{`` need nothing inside
    quotes."""
    s = clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{s}"'


def wrap(text: object, width: int = 26, max_lines: int = 4) -> str:
    """Wrap ``text`` to lines of about ``width`` characters (for node labels),
    keeping explicit line breaks; at most ``max_lines`` lines per paragraph."""
    out: list[str] = []
    for para in clean(text).split("\n"):
        lines = textwrap.wrap(" ".join(para.split()), width=width,
                              break_long_words=True, break_on_hyphens=False) or [""]
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1][: max(0, width - 1)].rstrip() + "…"
        out.extend(lines)
    return "\n".join(out)


def attrs(a: dict[str, object]) -> str:
    """``[k="v", ...]`` with keys sorted; every value quoted."""
    if not a:
        return ""
    return " [" + ", ".join(f"{k}={quote(v)}" for k, v in sorted(a.items())) + "]"


@dataclass
class Cluster:
    name: str                       # generated, [A-Za-z0-9_]
    attrs: dict[str, object] = field(default_factory=dict)
    nodes: list[tuple[str, dict[str, object]]] = field(default_factory=list)


@dataclass
class Graph:
    """A small DOT document model; :meth:`to_dot` prints it deterministically in the
    order things were added (callers add in sorted order)."""

    name: str = "G"
    directed: bool = True
    graph: dict[str, object] = field(default_factory=dict)
    node_defaults: dict[str, object] = field(default_factory=dict)
    edge_defaults: dict[str, object] = field(default_factory=dict)
    clusters: list[Cluster] = field(default_factory=list)
    nodes: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    edges: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)

    def to_dot(self) -> str:
        arrow = "->" if self.directed else "--"
        kind = "digraph" if self.directed else "graph"
        lines = [f"{kind} {quote(self.name)} {{"]
        if self.graph:
            lines.append(f"  graph{attrs(self.graph)};")
        if self.node_defaults:
            lines.append(f"  node{attrs(self.node_defaults)};")
        if self.edge_defaults:
            lines.append(f"  edge{attrs(self.edge_defaults)};")
        for c in self.clusters:
            lines.append(f"  subgraph {c.name} {{")
            if c.attrs:
                lines.append(f"    graph{attrs(c.attrs)};")
            for nid, a in c.nodes:
                lines.append(f"    {nid}{attrs(a)};")
            lines.append("  }")
        for nid, a in self.nodes:
            lines.append(f"  {nid}{attrs(a)};")
        for s, t, a in self.edges:
            lines.append(f"  {s} {arrow} {t}{attrs(a)};")
        lines.append("}")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# rendering

@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence Graphviz's own messages (fontconfig, layout warnings) written straight
    to file descriptor 2, and pygraphviz's Python warnings."""
    saved = devnull = None
    try:
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
    except OSError:  # pragma: no cover - no fd 2 (embedded interpreters)
        saved = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        if saved is not None:
            os.dup2(saved, 2)
            os.close(saved)
        if devnull is not None:
            os.close(devnull)


class RenderError(Exception):
    """Graphviz could not lay the graph out."""


_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\s*", re.S)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_HREF_FRAG = re.compile(r'((?:xlink:)?href)="#([^"]*)"')
_URL_FRAG = re.compile(r"url\(#([^)]*)\)")


def svg_fragment(svg: str, prefix: str) -> str:
    """Make Graphviz's SVG document an inline-able fragment: drop the XML prolog,
    doctype and comments, prefix every id (and references to it) with ``prefix``."""
    s = _PROLOG.sub("", svg)
    s = _DOCTYPE.sub("", s)
    s = _COMMENT.sub("", s)
    if prefix:
        own = set(_ID.findall(s))
        s = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', s)
        # only references to the SVG's own ids; a link to an anchor of the page stays
        s = _HREF_FRAG.sub(lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"'
                           if m.group(2) in own else m.group(0), s)
        s = _URL_FRAG.sub(lambda m: f"url(#{prefix}{m.group(1)})"
                          if m.group(1) in own else m.group(0), s)
    return s.strip() + "\n"


def render_svg_inprocess(dot_text: str, prefix: str = "", prog: str = "dot",
                        title: str | None = None) -> str:
    """Lay ``dot_text`` out with Graphviz through pygraphviz in *this* process and return
    the SVG as an inline fragment (see :func:`svg_fragment`). ``title`` becomes the
    SVG's accessible name. Raises :class:`RenderError` when Graphviz fails.

    Do not call this in a process that also runs WeasyPrint: the Graphviz bundled in
    the pygraphviz wheel carries its own Pango, whose GObject types clash with the
    system Pango that WeasyPrint loads (GLib criticals, then a crash). Use
    :func:`render_svg`/:func:`render_svgs`, which run it in a fresh helper process.
    """
    import pygraphviz  # noqa: PLC0415 - only when a graph is drawn

    try:
        with quiet_stderr():
            g = pygraphviz.AGraph(string=dot_text)
            raw = g.draw(format="svg", prog=prog)
    except Exception as exc:  # pygraphviz raises several types
        raise RenderError(str(exc)) from exc
    svg = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    svg = svg_fragment(svg, prefix)
    if title is not None:
        from html import escape

        svg = re.sub(r"<svg\b", f'<svg aria-label="{escape(clean(title), quote=True)}"',
                     svg, count=1)
    return svg


def render_svgs(jobs: list[tuple[str, str, str | None]], prog: str = "dot",
                timeout: float = 300) -> list[str | RenderError]:
    """Render several graphs ``[(dot_text, id_prefix, title)]`` in one helper process
    (``python -m sopc.site.dot``, which uses pygraphviz in-process there). Returns, per
    graph, the SVG fragment or a :class:`RenderError`. Within a build, graphs whose DOT
    text did not change come from the build cache (:func:`sopc.cache.store.memo_render_svgs`)."""
    from sopc.cache.store import memo_render_svgs

    return memo_render_svgs(jobs, prog, lambda j, p: _render_svgs(j, p, timeout))


def start_render_svgs(jobs: list[tuple[str, str, str | None]], prog: str = "dot",
                      timeout: float = 300):
    """:func:`render_svgs` started now and collected later: returns a function that
    gives what :func:`render_svgs` returns. It runs in a background thread (with the
    caller's build cache, :func:`sopc.cache.store.in_background`) that mostly waits on the
    helper process, so that the caller can render other pages meanwhile."""
    from sopc.cache.store import in_background

    return in_background(lambda: render_svgs(jobs, prog, timeout))


def _render_svgs(jobs: list[tuple[str, str, str | None]], prog: str = "dot",
                 timeout: float = 300) -> list[str | RenderError]:
    import json
    import subprocess
    import sys

    if not jobs:
        return []
    payload = json.dumps({"prog": prog, "jobs": [list(j) for j in jobs]}).encode("utf-8")
    import os
    from pathlib import Path

    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])   # the folder holding the sopc package
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        proc = subprocess.run([sys.executable, "-m", "sopc.site.dot"], input=payload,
                              capture_output=True, timeout=timeout, check=False, env=env)
        answer = json.loads(proc.stdout.decode("utf-8"))
        if not isinstance(answer, list) or len(answer) != len(jobs):
            raise ValueError("bad answer")
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        detail = f"{type(exc).__name__}: {exc}"
        tail = locals().get("proc")
        if tail is not None and tail.stderr:
            lines = tail.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = lines[-1] if lines else detail
        err = RenderError(f"Graphviz: {detail}")
        return [err for _ in jobs]
    out: list[str | RenderError] = []
    for item in answer:
        out.append(item["svg"] if "svg" in item else RenderError(item.get("error", "Graphviz")))
    return out


def render_svg(dot_text: str, prefix: str = "", prog: str = "dot",
               title: str | None = None) -> str:
    """:func:`render_svg_inprocess` run in a helper process (see there why)."""
    res = render_svgs([(dot_text, prefix, title)], prog)[0]
    if isinstance(res, RenderError):
        raise res
    return res


def _main() -> int:  # pragma: no cover - exercised through render_svgs
    import json
    import sys

    req = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    out = []
    for dot_text, prefix, title in req["jobs"]:
        try:
            out.append({"svg": render_svg_inprocess(dot_text, prefix, req.get("prog", "dot"), title)})
        except RenderError as exc:
            out.append({"error": " ".join(str(exc).split())[:500] or "Graphviz"})
    sys.stdout.buffer.write(json.dumps(out).encode("utf-8"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main())
