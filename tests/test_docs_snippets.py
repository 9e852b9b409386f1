"""Every YAML snippet and every command of the documentation site does what its page
says (docs/_hooks/halaman.py describes the marks a page puts before each block):

- each YAML and shell block is marked: a file the reader writes, an excerpt, an SOP that
  lints clean or with the findings the page shows, a configuration, a command to run,
  or a command shown but not run, with the reason;
- every page with commands is followed by a reader in a fresh folder (the tutorial has
  its own test, tests/test_docs_tutorial.py);
- the configuration snippets of the generated rule reference load.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from helpers import DEFAULT_CONFIG, lint_folder, lint_text
from sopc.loader import load_config_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_hooks"))

import halaman  # noqa: E402

PAGES = halaman.pages()
ALL = [b for p in PAGES for b in halaman.blocks(p)]
KINDS = {"jalankan", "tidak-dijalankan", "keluaran", "berkas", "bagian", "lint", "sisipkan",
         "konfigurasi", "siapkan"}
TUTORIAL = "tutorial.md"


def _codes(diags) -> list[str]:
    return sorted({d.code for d in diags})


def _expected(args: list[str]) -> list[str]:
    codes = [a for a in args if "=" not in a]
    return [] if codes == ["bersih"] else sorted(set(codes))


def _option(args: list[str], name: str) -> str | None:
    for a in args:
        if a.startswith(name + "="):
            return a[len(name) + 1:]
    return None


def test_there_are_pages_and_blocks():
    names = {p.relative_to(halaman.DOCS).as_posix() for p in PAGES}
    assert {"index.md", "tutorial.md", "impor.md", "tinjauan.md", "terbit.md", "format.md",
            "rules.md", "panduan/editor.md", "panduan/git.md", "panduan/ci.md",
            "panduan/masalah.md"} <= names
    assert sum(1 for b in ALL if b.kind == "jalankan") >= 10


@pytest.mark.parametrize("block", [b for b in ALL if b.lang in halaman.CODE_LANGS or b.kind],
                         ids=lambda b: b.where())
def test_every_yaml_and_shell_block_says_what_it_is(block):
    assert block.kind in KINDS, f"{block.where()}: mark this block (see docs/_hooks/halaman.py)"
    if block.kind == "tidak-dijalankan":
        assert block.args, f"{block.where()}: say why the command is not run"
    if block.kind in ("berkas", "bagian", "sisipkan"):
        assert block.args, f"{block.where()}: name the file"


def test_sop_snippets_lint_as_the_page_says():
    blocks = [b for b in ALL if b.kind == "lint"]
    assert blocks
    for block in blocks:
        assert _codes(lint_text(block.code, today=halaman.HARI_INI)) == _expected(block.args), \
            block.where()


def _page_files(page: str) -> dict[str, str]:
    return {b.args[0]: b.code for b in ALL if b.page == page and b.kind == "berkas"}


@pytest.mark.parametrize("block", [b for b in ALL if b.kind == "sisipkan"], ids=lambda b: b.where())
def test_fragment_lints_as_the_page_says(block, tmp_path):
    path, expect = block.args[0], _expected(block.args[1:])
    uses_examples = any(b.page == block.page and b.kind == "siapkan" for b in ALL)
    if uses_examples:
        halaman.copy_examples(tmp_path)
        base = (tmp_path / path).read_text("utf-8")
    else:
        base = _page_files(block.page)[path]
        (tmp_path / "sopc.yaml").write_text(DEFAULT_CONFIG, "utf-8")
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    # The page's file as it is lints clean: the fragment alone makes the difference.
    target.write_text(base, "utf-8")
    assert _codes(lint_folder(tmp_path, path, halaman.HARI_INI)) == []
    target.write_text(halaman.put_fragment(block.code, base, _option(block.args, "ganti")), "utf-8")
    assert _codes(lint_folder(tmp_path, path, halaman.HARI_INI)) == expect


RUN_PAGES = sorted({b.page for b in ALL if b.kind == "jalankan" and b.page != TUTORIAL})


@pytest.mark.parametrize("block", [b for b in ALL if b.kind == "bagian" and b.page != TUTORIAL
                                   and b.page not in RUN_PAGES], ids=lambda b: b.where())
def test_excerpt_is_part_of_its_file(block):
    """An excerpt of a file the page writes, or of a file of the repository (the rule
    reference shows excerpts of the rule fixtures tests/rules/<CODE>.yaml)."""
    path = block.args[0]
    whole = _page_files(block.page).get(path)
    if whole is not None:
        sources = [whole]
    else:
        assert (halaman.ROOT / path).is_file(), f"{block.where()}: no file {path}"
        sources = [(halaman.ROOT / path).read_text("utf-8")]
        if path.startswith("tests/rules/"):   # a rule fixture: the SOP of each case
            sources += [c["sop"] for c in yaml.safe_load(sources[0])["cases"]]
    assert any(halaman.excerpt_in(block.code, s) for s in sources), f"{block.where()}: not in {path}"


@pytest.mark.parametrize("block", [b for b in ALL if b.kind == "konfigurasi"], ids=lambda b: b.where())
def test_configuration_snippet_loads(block, tmp_path):
    text = block.code
    if "instansi:" not in text:
        text = DEFAULT_CONFIG + text
    _, diags = load_config_text(text, tmp_path)
    assert [d.render() if hasattr(d, "render") else str(d) for d in diags] == []


# Pages whose commands build PDFs (a few seconds each on an idle machine).
SLOW_PAGES = {"terbit.md", "impor.md"}


@pytest.mark.parametrize("page", [pytest.param(p, marks=pytest.mark.slow) if p in SLOW_PAGES else p
                                  for p in RUN_PAGES])
def test_page_commands_run_as_shown(page, tmp_path):
    """The reader follows the page in a fresh folder; then every excerpt the page shows
    is part of the file it names, as the commands left it."""
    run = halaman.follow(halaman.DOCS / page, tmp_path / "pembaca")
    assert run.ran, page
    for b in ALL:
        if b.page == page and b.kind == "bagian":
            path = run.cwd / b.args[0]
            assert path.is_file(), f"{b.where()}: the page's commands made no {b.args[0]}"
            assert halaman.excerpt_in(b.code, path.read_text("utf-8")), \
                f"{b.where()}: not in {b.args[0]} as the commands left it"


def test_rule_reference_configuration_snippets_load(tmp_path):
    from sopc.lint.rule_reference import config_snippet
    from sopc.rules import all_rules

    for rule in all_rules():
        if rule.group == "E":
            continue
        _, diags = load_config_text(DEFAULT_CONFIG + config_snippet(rule) + "\n", tmp_path)
        assert not diags, (rule.code, config_snippet(rule), [str(d) for d in diags])
