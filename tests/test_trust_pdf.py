"""Issue 12, item 6: PDFs are byte-identical on every machine, also where WeasyPrint
subsets fonts with fontTools (no HarfBuzz-Subset), which stamps the current time into
each embedded font. The clock is moved by a second between the two builds (patched, not
slept), the fallback is forced, and SOURCE_DATE_EPOCH is unset."""

from __future__ import annotations

import itertools
import time

import pytest

from build_helpers import make_repo

pytest.importorskip("weasyprint")
pytestmark = pytest.mark.slow

TODAY = "2026-06-01"


@pytest.fixture
def fonttools_subsetting(monkeypatch):
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)     # a machine without libharfbuzz-subset
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _clock(monkeypatch, start: float):
    ticks = itertools.count()
    monkeypatch.setattr(time, "time", lambda: start + next(ticks) * 1e-6)


def test_fonttools_subsetting_is_deterministic(tmp_path, monkeypatch, fonttools_subsetting):
    from sopc.build.pipeline import build
    from sopc.site.pdf import render as pdfmod

    root = make_repo(tmp_path / "repo")
    site = build([root], today=TODAY, write=False, cache=False).files
    rel = next(r for r in site if r.endswith(".html") and r.startswith("bagian-umum/"))
    _clock(monkeypatch, 1_800_000_000.0)
    a = pdfmod.html_to_pdf(site[rel], rel, "A4", files=site, today=TODAY)
    _clock(monkeypatch, 1_800_000_001.0)                    # a second later
    b = pdfmod.html_to_pdf(site[rel], rel, "A4", files=site, today=TODAY)
    assert a == b
    monkeypatch.undo()


def test_whole_pdf_build_is_deterministic_across_a_second(tmp_path, monkeypatch, fonttools_subsetting):
    from sopc.build.pipeline import build

    root = make_repo(tmp_path / "repo")
    out = []
    for start in (1_800_000_000.0, 1_800_000_001.0):
        _clock(monkeypatch, start)
        result = build([root], today=TODAY, write=False, cache=False, pdf=True, jobs=1)
        assert result.exit_code == 0, result.fatal
        out.append({r: d for r, d in result.files.items() if r.endswith(".pdf")})
    assert out[0] and out[0] == out[1]


def test_a_set_source_date_epoch_is_left_alone(monkeypatch):
    import os

    from sopc.site.pdf.render import pinned_clock

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with pinned_clock("2026-06-01T00:00:00Z"):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with pinned_clock("2026-06-01T00:00:00Z"):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1780272000"
    with pinned_clock(None):
        assert os.environ["SOURCE_DATE_EPOCH"].isdigit()
    assert "SOURCE_DATE_EPOCH" not in os.environ
