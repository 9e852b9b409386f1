"""sopc.cache.store: verified content-addressed store and the Graphviz SVG memo."""

from __future__ import annotations

from sopc.cache import store as cache


def test_store_roundtrip_and_corruption_is_a_miss(tmp_path):
    c = cache.BuildCache(tmp_path)
    key = cache.key_of("x", 1)
    assert c.get(key) is None
    c.put(key, b"<svg>a</svg>")
    assert c.get(key) == b"<svg>a</svg>"
    path = tmp_path / ".sopc-cache" / "build" / key
    path.write_bytes(path.read_bytes()[:-1] + b"X")        # corrupt body
    assert c.get(key) is None
    path.write_bytes(b"garbage without a header")
    assert c.get(key) is None
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_unwritable_cache_never_fails(tmp_path):
    (tmp_path / ".sopc-cache").write_text("a file, not a folder", "utf-8")
    c = cache.BuildCache(tmp_path)
    c.put("ab" * 32, b"data")          # silently skipped
    assert c.get("ab" * 32) is None


def test_memo_render_svgs(tmp_path):
    calls = []

    def render(jobs, prog):
        calls.append(jobs)
        return [f"<svg>{j[0]}</svg>" for j in jobs]

    jobs = [("digraph {a -> b}", "peta-", "Peta")]
    # outside active(): calls through, stores nothing
    assert cache.memo_render_svgs(jobs, "dot", render) == ["<svg>digraph {a -> b}</svg>"]
    with cache.active(tmp_path):
        first = cache.memo_render_svgs(jobs, "dot", render)
        second = cache.memo_render_svgs(jobs, "dot", render)
        assert first == second and len(calls) == 2          # one call outside, one inside
        cache.memo_render_svgs([("digraph {a -> c}", "peta-", "Peta")], "dot", render)
        assert len(calls) == 3                              # other DOT text: other key
    with cache.active(tmp_path, enabled=False):
        cache.memo_render_svgs(jobs, "dot", render)
        assert len(calls) == 4
    assert cache.current() is None


def test_memo_does_not_store_failures(tmp_path):
    class RenderError(Exception):
        pass

    calls = []

    def render(jobs, prog):
        calls.append(1)
        return [RenderError("dot failed")]

    with cache.active(tmp_path):
        cache.memo_render_svgs([("bad", "p-", None)], "dot", render)
        cache.memo_render_svgs([("bad", "p-", None)], "dot", render)
    assert len(calls) == 2
