"""The example repository validates against the JSON Schema that `sopc schema` prints
(the one editors use through yaml-language-server), for SOP files and for sopc.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")

try:
    import sopc.commands.schema  # noqa: F401
except ImportError as exc:  # pragma: no cover
    pytest.skip(f"sopc.commands.schema not importable yet: {exc}", allow_module_level=True)

from click.testing import CliRunner

from sopc.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _schema(*args: str) -> dict:
    res = CliRunner().invoke(cli, ["schema", *args], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _load(path: Path):
    # SOP files: every scalar a string (dates and NIPs stay text, as sopc reads them)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.sop.yaml")), ids=lambda p: p.name)
def test_sop_files_validate(path):
    validator = jsonschema.Draft202012Validator(_schema())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_load(path))]
    assert errors == []


def test_config_validates():
    validator = jsonschema.Draft202012Validator(_schema("--config"))
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in validator.iter_errors(
                  yaml.safe_load((EXAMPLES / "sopc.yaml").read_text(encoding="utf-8")))]
    assert errors == []
