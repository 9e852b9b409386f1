"""What a build is asked to do and what it did: options, the pages, the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopc.core.diagnostics import Diagnostic, Level, Message
from sopc.core.model import SOP


class BuildError(Exception):
    """A build that cannot go on (configuration, environment): exit code 2."""

    def __init__(self, message: Message, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message.id)
        self.message = message
        self.diagnostics = diagnostics or []


@dataclass
class BuildOptions:
    out: Path | None = None
    kertas: str | None = None
    today: Any = None
    paksa: bool = False
    lang: str | None = None
    pdf: bool = False
    pdfa: bool = False
    jobs: int | None = None


@dataclass
class SopPage:
    """One SOP of the repository and what the build did with it."""

    sop: SOP
    relpath: str                      # site-relative HTML path (also when not rendered)
    unit: str
    paper: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: bool = False
    forced: bool = False              # rendered with --paksa despite error findings
    skipped_reason: Message | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level >= Level.ERROR]

    @property
    def pdf_relpath(self) -> str:
        return self.relpath[: -len(".html")] + ".pdf"


@dataclass
class BuildResult:
    exit_code: int = 0
    out_dir: Path | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    written: int = 0
    pages: list[SopPage] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unloaded: list[Diagnostic] = field(default_factory=list)   # findings of files with no model
    messages: list[Message] = field(default_factory=list)      # warnings (logo, pdf, ...)
    fatal: Message | None = None
    lang: str = "id"                                           # effective language
    up_to_date: dict | None = None   # summary of the previous, identical build (nothing done)
    reread: int | None = None        # the fast path: how many changed SOPs were parsed
    # --pdf on a machine without WeasyPrint's libraries: the HTML site is built anyway,
    # this says what is missing, and the exit code is 2
    pdf_missing: Message | None = None

    @property
    def rendered(self) -> list[SopPage]:
        return [p for p in self.pages if p.rendered]

    @property
    def skipped(self) -> list[SopPage]:
        return [p for p in self.pages if not p.rendered]
