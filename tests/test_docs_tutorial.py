"""The tutorial "Dari formulir ke berkas SOP" (docs/tutorial.md), followed as a new user
would: from an empty folder, each command and each file of the page in order, with only
what the page shows, to a built PDF. Every excerpt the page explains key by key is part
of the whole file the reader writes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs" / "_hooks"))

import halaman  # noqa: E402

PAGE = halaman.DOCS / "tutorial.md"
pytestmark = pytest.mark.slow   # a PDF build; still run by .ci/run


@pytest.fixture(scope="module")
def followed():
    # Followed once per test process, in a fresh temporary folder (halaman.tutorial_run);
    # the site's pictures and the import page's archive come from the same run.
    return halaman.tutorial_run()


def test_tutorial_starts_from_an_empty_folder(followed):
    first = followed.ran[0]
    assert first.code.splitlines()[0].startswith("mkdir "), "the tutorial must start from an empty folder"


def test_tutorial_ends_with_a_built_pdf(followed):
    pdfs = sorted(p.name for p in (followed.cwd / "_site").rglob("sop-002-dpmptsp-2026.pdf"))
    assert pdfs == ["sop-002-dpmptsp-2026.pdf"]
    assert (followed.cwd / "_site" / "index.html").is_file()
    commands = [line for b in followed.ran for line in b.code.splitlines()]
    assert any(c.startswith("sopc lint") for c in commands)
    assert any(c.startswith("sopc build") for c in commands)


def test_every_excerpt_is_part_of_the_file_the_reader_writes(followed):
    excerpts = [b for b in halaman.blocks(PAGE) if b.kind == "bagian"]
    assert len(excerpts) >= 8
    for b in excerpts:
        whole = followed.files.get(b.args[0])
        assert whole is not None, f"{b.where()}: no file {b.args[0]} is written on the page"
        assert halaman.excerpt_in(b.code, whole), f"{b.where()}: excerpt is not in {b.args[0]}"
