"""The benchmark corpus generator (benchmarks/gen_corpus.py): deterministic for a seed,
valid per the format, and lint-clean except for the one warning it injected on purpose
into about 10% of the SOPs (listed in expected.json)."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))
import gen_corpus  # noqa: E402

TODAY = "2026-11-28"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_deterministic(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert gen_corpus.main([str(a), "--count", "30", "--seed", "7", "--markdown", str(tmp_path / "ma")]) == 0
    assert gen_corpus.main([str(b), "--count", "30", "--seed", "7", "--markdown", str(tmp_path / "mb")]) == 0
    assert gen_corpus.main([str(c), "--count", "30", "--seed", "8"]) == 0
    assert _tree(a) == _tree(b)
    assert _tree(tmp_path / "ma") == _tree(tmp_path / "mb")
    assert _tree(a) != _tree(c)
    assert len(list(a.rglob("*.sop.yaml"))) == 30
    assert (tmp_path / "ma" / "mkdocs.yml").is_file()
    assert len(list((tmp_path / "ma" / "docs").rglob("*.md"))) == 31  # 30 SOPs + index


def test_shape():
    sops = gen_corpus.generate(200, 1)
    acts = [len(s.acts) for s in sops]
    assert 22 <= min(acts) and max(acts) <= 28
    assert 24 <= sum(acts) / len(acts) <= 26
    actors = [len(s.actors) for s in sops]
    assert 4 <= sum(actors) / len(actors) <= 6
    for s in sops:
        assert sum(1 for a in s.acts if a.cabang) == 2
        assert any(a.ke and a.ke != "selesai" for a in s.acts)   # a loop back
    injected = sum(1 for s in sops if s.inject)
    assert 0.05 * len(sops) <= injected <= 0.15 * len(sops)


try:
    import sopc.commands.lint  # noqa: F401
    HAVE_LINT = True
except ImportError:  # pragma: no cover
    HAVE_LINT = False


@pytest.mark.skipif(not HAVE_LINT, reason="sopc.commands.lint not importable yet")
def test_lint_findings_match_injected(tmp_path):
    from click.testing import CliRunner

    from sopc.cli import cli

    out = tmp_path / "corpus"
    gen_corpus.main([str(out), "--count", "80", "--seed", "2"])
    res = CliRunner().invoke(cli, ["lint", str(out), "--today", TODAY, "--format", "json"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    got = collections.defaultdict(list)
    for d in json.loads(res.stdout):
        rel = Path(d["path"]).resolve().relative_to(out.resolve()).as_posix()
        got[rel].append(d["code"])
    expected = json.loads((out / "expected.json").read_text())
    assert expected, "the sample should include injected findings"
    assert dict(got) == {k: [v] for k, v in expected.items()}
