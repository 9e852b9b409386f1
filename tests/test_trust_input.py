"""Issue 12, item 7: NUL in sopc.yaml is a configuration error (not an internal one),
and bidi controls or zero-width characters in SOP text are reported (KJ09) with the
character and its column."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from build_helpers import CONFIG, SOP_A, SOP_B, make_repo
from sopc.cli import cli

TODAY = "2026-06-01"


@pytest.mark.parametrize("extra", ['keluaran: "_si\\0te"\n', 'keluaran: "_site\\x07"\n'])
@pytest.mark.parametrize("command", ["lint", "build"])
def test_nul_in_keluaran_is_a_config_error(tmp_path, monkeypatch, extra, command):
    root = make_repo(tmp_path / "repo", config=CONFIG + extra)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, [command, "--today", TODAY])
    assert result.exit_code == 2
    assert "internal" not in result.output and "sopc.yaml:5:" in result.output and "E004" in result.output


def test_nul_in_logo_is_a_config_error(tmp_path, monkeypatch):
    config = CONFIG.replace("  satuan_kerja: Dinas Uji Coba\n",
                            '  satuan_kerja: Dinas Uji Coba\n  logo: "logo\\0.png"\n')
    root = make_repo(tmp_path / "repo", config=config)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["build", "--today", TODAY, "--lang", "en"])
    assert result.exit_code == 2 and "internal" not in result.output
    assert "control character U+0000" in result.output


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff"])
def test_hidden_characters_are_reported_with_character_and_column(tmp_path, monkeypatch, char):
    text = SOP_B.replace("Menerima surat untuk diarsipkan", f"Menerima surat{char} untuk diarsipkan")
    root = make_repo(tmp_path / "repo", {"umum/a.sop.yaml": SOP_A, "umum/b.sop.yaml": text})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["lint", "--today", TODAY, "--lang", "en"])
    line_no = next(i for i, l in enumerate(text.splitlines(), 1) if char in l)
    col = text.splitlines()[line_no - 1].index(char) + 1
    hits = [l for l in result.output.splitlines() if "KJ09" in l]
    assert len(hits) == 1, result.output
    assert hits[0].startswith(f"umum/b.sop.yaml:{line_no}:{col}:")
    assert f"U+{ord(char):04X}" in hits[0] and f"column {col}" in hits[0]


def test_plain_text_has_no_hidden_character_finding(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["lint", "--today", TODAY])
    assert "KJ09" not in result.output
