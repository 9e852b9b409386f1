"""Every rule speaks Indonesian and English: its title, and every message it produces
on the failing fixture cases. Suppression works end to end through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers import lint_text, write_repo
from sopc.cli import cli
from sopc.rules import all_rules

FIXTURES = Path(__file__).parent / "rules"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_is_documented_in_both_languages(rule):
    assert rule.title.id.strip() and rule.title.en.strip()
    assert rule.doc, rule.code
    assert rule.group == "E" or "Fails" in rule.doc or "Gagal" in rule.doc, rule.code


def _failing_cases():
    for f in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text("utf-8"))
        for i, case in enumerate(data["cases"]):
            if case.get("expect"):
                yield pytest.param(data["code"], data.get("config"), case, id=f"{data['code']}-{i}")


@pytest.mark.parametrize("code,config,case", list(_failing_cases()))
def test_messages_exist_in_both_languages(code, config, case):
    diags = [d for d in lint_text(case["sop"], case.get("config", config), case.get("extra"),
                                  today=str(case.get("today", "2026-06-01"))) if d.code == code]
    assert diags
    for d in diags:
        assert d.message.id.strip() and d.message.en.strip()
        assert d.message.id != d.message.en or not any(c.isalpha() for c in d.message.id)


def _base() -> str:
    data = yaml.safe_load((FIXTURES / "F006.yaml").read_text("utf-8"))
    return data["cases"][0]["sop"]   # declares an unused actor: F006 fires


@pytest.mark.parametrize("how", ["file", "activity-scope-does-not-hide-file-findings", "config-code", "config-name"])
def test_suppression_through_the_cli(tmp_path, how):
    text = _base()
    config = "instansi: {nama: Pemerintah Kabupaten Contoh}\n"
    if how == "file":
        text = "abaikan: [F006]\n" + text
    elif how == "activity-scope-does-not-hide-file-findings":
        text = text.replace("    output: Tanda terima", "    output: Tanda terima\n    abaikan: [F006]")
    elif how == "config-code":
        config += "aturan:\n  F006: {level: off}\n"
    else:
        config += "aturan:\n  unused-actor: off\n"
    write_repo(tmp_path, text, config)
    res = CliRunner().invoke(cli, ["lint", str(tmp_path), "--format", "json", "--today", "2026-06-01"])
    shown = "F006" in res.stdout
    assert shown == (how == "activity-scope-does-not-hide-file-findings"), res.output


def test_level_change_through_config_changes_exit_code(tmp_path):
    write_repo(tmp_path, _base(), "instansi: {nama: X}\naturan:\n  F006: {level: error}\n")
    res = CliRunner().invoke(cli, ["lint", str(tmp_path), "--today", "2026-06-01"])
    assert res.exit_code == 1 and "F006 [error]" in res.output
