"""``sopc lint --format gitlab``: a GitLab Code Quality report (the Code Climate subset
GitLab reads from ``artifacts:reports:codequality``), so that merge requests show sopc's
findings inline.

Each finding is one object: ``description``, ``check_name`` (the rule code),
``fingerprint`` (stable across edits that move the finding, as SARIF's; unique within
the report, as GitLab requires), ``severity`` and ``location`` (``path`` relative to the
repository checkout, ``lines.begin``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping

from sopc.core.diagnostics import Diagnostic, Level
from sopc.lint.formatters import _posix, fingerprint, relative_posix, sorted_diagnostics

SEVERITIES = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def format_codequality(diags: Iterable[Diagnostic], lang: str = "id", *,
                       srcroot: Path | None = None, keys: Mapping[int, str] | None = None) -> str:
    """The report as a JSON list (``[]`` when there is no finding). ``srcroot``: the
    folder paths are relative to (default the cwd, where a CI job runs: the checkout);
    ``keys``: ``id(diag)`` → content key (:func:`sopc.lint.baseline.content_key`),
    else the message text."""
    out = []
    seen: set[str] = set()
    for d in sorted_diagnostics(diags):
        if d.level not in SEVERITIES:
            continue
        path = relative_posix(d.path, srcroot) or _posix(d.path)
        key = (keys or {}).get(id(d)) or d.key or d.text("id")
        fp = fingerprint(d.code or "sopc", path, key)
        n = 1
        while fp in seen:   # the same finding twice in a file: still two entries
            n += 1
            fp = fingerprint(d.code or "sopc", path, f"{key}\x1f{n}")
        seen.add(fp)
        title = " ".join(p for p in (d.code, d.name) if p)
        out.append({
            "type": "issue",
            "check_name": d.code or "sopc",
            "description": f"{title}: {d.text(lang)}" if title else d.text(lang),
            "fingerprint": fp,
            "severity": SEVERITIES[d.level],
            "location": {"path": path, "lines": {"begin": max(1, d.line)}},
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
