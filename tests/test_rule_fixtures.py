"""Runs every fixture tests/rules/<CODE>.yaml: each case is a small SOP (plus optional
config and neighbour files) and the expected [code, line, column] of that file's code.
Messages are not compared (they may be reworded); codes and positions are."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import lint_text

FIXTURES = Path(__file__).parent / "rules"


def _cases():
    for f in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text("utf-8"))
        code = data["code"]
        for i, case in enumerate(data["cases"]):
            yield pytest.param(code, data.get("config"), case, id=f"{code}-{i}-{case.get('name', '')[:40]}")


@pytest.mark.parametrize("code,config,case", list(_cases()))
def test_fixture(code, config, case):
    cfg = case.get("config", config)
    diags = lint_text(case["sop"], cfg, case.get("extra"), today=str(case.get("today", "2026-06-01")))
    got = [[d.code, d.line, d.column] for d in diags if d.code == code]
    want = [list(x) for x in (case.get("expect") or [])]
    assert sorted(got) == sorted(want), "\n".join(f"{d.path}:{d.line}:{d.column}: {d.code} {d.text()}" for d in diags)


def test_every_catalog_code_has_a_fixture():
    from sopc.rules import all_rules
    have = {f.stem for f in FIXTURES.glob("*.yaml")}
    missing = [r.code for r in all_rules() if r.code not in have]
    assert not missing, f"rules without a fixture: {missing}"
