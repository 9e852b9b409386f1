"""The JSON Schema (`sopc schema`) and the loader agree: files the loader accepts
validate, files the loader rejects for shape reasons (E002/E003/E004) do not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from sopc.cli import cli
from sopc.loader import load_sop_text
from sopc.loader.yamlsrc import compose
from sopc.loader.schema import sop_schema

ROOT = Path(__file__).parent.parent
_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$")


def as_yaml12(node):
    """Node → Python with the YAML 1.2 core schema, as yaml-language-server reads it."""
    if isinstance(node, yaml.ScalarNode):
        v = node.value
        if node.style:
            return v
        if v in ("", "~", "null", "Null", "NULL"):
            return None
        if v in ("true", "True", "TRUE"):
            return True
        if v in ("false", "False", "FALSE"):
            return False
        if _INT.match(v):
            return int(v)
        if _FLOAT.match(v):
            return float(v)
        return v
    if isinstance(node, yaml.SequenceNode):
        return [as_yaml12(n) for n in node.value]
    return {k.value: as_yaml12(v) for k, v in node.value}


def validate(text: str) -> list[str]:
    data = as_yaml12(compose(text))
    v = jsonschema.Draft202012Validator(sop_schema())
    return [e.message for e in v.iter_errors(data)]


def example_files():
    return sorted((ROOT / "examples").rglob("*.sop.yaml"))


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(sop_schema())


def test_cli_prints_schema():
    res = CliRunner().invoke(cli, ["schema"])
    assert res.exit_code == 0
    assert json.loads(res.output)["properties"]["kegiatan"]["type"] == "array"


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_examples_valid_for_both(path):
    text = path.read_text("utf-8")
    sop, diags = load_sop_text(text, path.name)
    assert sop is not None and not diags
    assert validate(text) == []


def _invalid_cases():
    for code in ("E002", "E003", "E004"):
        data = yaml.safe_load((ROOT / "tests" / "rules" / f"{code}.yaml").read_text("utf-8"))
        for case in data["cases"]:
            if case["expect"]:
                yield pytest.param(code, case["sop"], id=f"{code}-{case['name']}")


@pytest.mark.parametrize("code,text", list(_invalid_cases()))
def test_invalid_for_both(code, text):
    _sop, diags = load_sop_text(text)
    assert any(d.code == code for d in diags)
    assert validate(text), "schema accepted what the loader rejects"
