"""`sopc rules`: the grouped list, one rule's explanation, did-you-mean."""

from __future__ import annotations

from click.testing import CliRunner

from sopc.cli import cli
from sopc.rules import GROUP_TITLES, all_rules, get_rule


def run(*args):
    return CliRunner().invoke(cli, ["rules", *args], catch_exceptions=False)


def test_list_every_rule_grouped():
    res = run()
    assert res.exit_code == 0
    out = res.stdout
    rules = all_rules()
    assert rules, "the registry is empty"
    for r in rules:
        line = next(ln for ln in out.splitlines() if ln.split()[:1] == [r.code])
        assert line.split()[1] == r.name
        assert line.split()[2] == r.level.label
        assert r.title.id in line
    groups = []
    for r in rules:
        if r.group not in groups:
            groups.append(r.group)
    heads = [ln for ln in out.splitlines() if ln and not ln.startswith(" ") and " — " in ln]
    assert heads == [f"{g} — {GROUP_TITLES[g].id}" for g in groups]
    assert out.rstrip().endswith(f"{len(rules)} aturan")


def test_list_english():
    res = run("--lang", "en")
    r = all_rules()[0]
    assert r.title.en in res.stdout
    assert GROUP_TITLES[r.group].en in res.stdout
    assert res.stdout.rstrip().endswith(f"{len(all_rules())} rules")


def test_explain_by_code_and_name():
    r = all_rules()[-1]
    for q in (r.code, r.code.lower(), r.name):
        res = run(q)
        assert res.exit_code == 0
        assert res.stdout.startswith(f"{r.code} {r.name}: {r.title.id}")
        assert f"Tingkat bawaan: {r.level.label}" in res.stdout
        if r.doc:
            assert r.doc.splitlines()[0] in res.stdout


def test_explain_options():
    with_opts = [r for r in all_rules() if r.options]
    if not with_opts:
        import pytest

        pytest.skip("no rule with options registered yet")
    r = with_opts[0]
    res = run(r.code, "--lang", "en")
    assert "Options (sopc.yaml aturan):" in res.stdout
    for k, v in r.options.items():
        assert f"  {k}: " in res.stdout


def test_explain_e_code():
    res = run("E001")
    assert res.exit_code == 0
    assert "E001 yaml-syntax" in res.stdout
    assert "Opsi (sopc.yaml aturan): tidak ada" in res.stdout


def test_unknown_with_suggestion():
    r = get_rule("F001") or all_rules()[0]
    typo = r.name[:-1] + "x"
    res = run(typo)
    assert res.exit_code == 2
    assert "aturan tidak dikenal" in res.stderr
    assert f"{r.code} ({r.name})" in res.stderr
    res = run("f-1")
    assert res.exit_code == 2
    assert "F001 (unreachable)" in res.stderr


def test_unknown_without_suggestion():
    res = run("QQQQQQQ", "--lang", "en")
    assert res.exit_code == 2
    assert "unknown rule 'QQQQQQQ'" in res.stderr
    assert "did you mean" not in res.stderr
    assert res.stdout == ""
