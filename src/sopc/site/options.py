"""The typed options of the repository pages (:func:`sopc.site.pages.generate`) and of
the PDFs (:mod:`sopc.site.pdf`): what the build asks for, plus what it has made so far."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


@dataclass
class PdfSettings:
    """How PDFs are made: ``kertas`` overrides each page's own paper (None keeps it),
    ``pdfa`` writes PDF/A-3b, ``jobs`` worker processes (None: one per core), ``lang`` of
    the page furniture, ``today`` the date of the build (PDF metadata)."""

    kertas: str | None = None
    pdfa: bool = False
    jobs: int | None = None
    lang: str = "id"
    today: _dt.date | None = None


@dataclass
class SiteOptions:
    """What :func:`sopc.site.pages.generate` is asked to do, and the build so far."""

    pdf: bool = False                 # also write every PDF and the SOP books
    pdfa: bool = False                # PDF/A-3b
    lang: str | None = None           # None: the context's, else sopc.yaml's ``bahasa``
    kertas: str | None = None         # the canonical ``--kertas`` value, or None
    jobs: int | None = None
    paksa: bool = False
    today: _dt.date | None = None
    pages: list | None = None         # every SOP's SopPage (sopc.build.state), site-path order
    files: dict[str, bytes] = field(default_factory=dict)    # the site so far (read only)
    assets: dict[str, str] = field(default_factory=dict)     # css, fonts, logo -> site path
    out_dir: Path | None = None
    root: Path | None = None
    progress: Callable[[str], None] | None = None
    messages: list | None = None      # warnings for the user; None: a PDF failure raises
    # relpath -> repository-page record (sopc.site.records): given for the SOPs that are
    # light index entries on the incremental fast path; generate() adds the others
    records: dict[str, Any] | None = None

    def pdf_settings(self, lang: str, today: _dt.date | None = None) -> PdfSettings:
        return PdfSettings(kertas=None, pdfa=self.pdfa, jobs=self.jobs, lang=lang,
                           today=today if today is not None else self.today)
