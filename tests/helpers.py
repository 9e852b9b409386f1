"""Test helpers: lint a snippet repository written to a temporary folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sopc.lint.context import LintContext, resolve_today
from sopc.core.diagnostics import Diagnostic
from sopc.lint.engine import lint
from sopc.loader import load_repository

DEFAULT_CONFIG = "instansi: {nama: Pemerintah Kabupaten Contoh}\n"


def write_repo(root: Path, sop_text: str | None, config_text: str | None = None,
               extra: dict[str, str] | None = None, name: str = "t.sop.yaml") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sopc.yaml").write_text(config_text if config_text is not None else DEFAULT_CONFIG, "utf-8")
    if sop_text is not None:
        (root / name).write_text(sop_text, "utf-8")
    for rel, text in (extra or {}).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, "utf-8")
    return root / name


def lint_text(sop_text: str, config_text: str | None = None, extra: dict[str, str] | None = None,
              today: str = "2026-06-01", name: str = "t.sop.yaml") -> list[Diagnostic]:
    """All diagnostics (config, source and rules) for ``sop_text``, paths relative to
    the temporary repository root."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        target = write_repo(root, sop_text, config_text, extra, name)
        assert target.name == name
        return lint_folder(root, name, today)


def lint_folder(root: Path, name: str, today: str = "2026-06-01") -> list[Diagnostic]:
    """All diagnostics (config, source and rules) for the SOP file ``name`` of the
    repository ``root``, paths relative to ``root``."""
    old = os.getcwd()
    os.chdir(root)
    try:
        res = load_repository([Path(name)], use_cache=False)
        ctx = LintContext(res.repo, resolve_today(today))
        diags = list(res.config_diagnostics) + list(res.diagnostics) + lint(res.repo, ctx, res.targets)
    finally:
        os.chdir(old)
    return sorted(diags, key=Diagnostic.sort_key)
