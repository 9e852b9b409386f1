"""docs/rules.md is generated from the rule registry and must be current.

Fix a failure with:  python -m sopc.lint.rule_reference > docs/rules.md
"""

from __future__ import annotations

from pathlib import Path

from sopc.lint.rule_reference import generate
from sopc.rules import all_rules

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_docs_rules_is_current():
    assert DOC.exists(), "docs/rules.md missing: run python -m sopc.lint.rule_reference > docs/rules.md"
    current = DOC.read_text(encoding="utf-8")
    assert current == generate(), "docs/rules.md is stale: run python -m sopc.lint.rule_reference > docs/rules.md"


def test_generated_covers_every_rule():
    text = generate()
    for r in all_rules():
        assert f"### {r.code} `{r.name}`" in text
        assert f"`{r.level.label}`" in text
        for k in r.options:
            assert f"`{k}`" in text
        if r.doc:
            assert r.doc.splitlines()[0] in text


def test_generate_is_deterministic():
    assert generate() == generate()


def test_every_rule_with_a_failing_fixture_shows_an_excerpt_of_it():
    import yaml

    from sopc.lint.rule_reference import FIXTURES

    text = generate()
    for r in all_rules():
        path = FIXTURES / f"{r.code}.yaml"
        cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
        if any(c.get("expect") for c in cases):
            section = text.split(f"#### {r.code} `{r.name}`", 1)[1].split("\n#### ", 1)[0]
            assert f"<!-- sopc: bagian tests/rules/{r.code}.yaml -->" in section, r.code
