"""Output formats of ``sopc lint`` (flake8 style): each formatter turns a list of
:class:`~sopc.core.diagnostics.Diagnostic` into one string.

- :func:`format_text`: ``path:line:col: CODE [level] message`` (the default);
- :func:`format_json`: a JSON list of objects (path, line, column, code, name, level,
  message), stable key order;
- :func:`format_sarif`: a SARIF 2.1.0 log as GitHub code scanning accepts it;
- :func:`format_github`: GitHub Actions workflow commands (``::error file=...::msg``);
- ``gitlab``: a GitLab Code Quality report (:func:`format_codequality`).

:func:`format_summary` gives the one-line summary that ``sopc lint`` prints on stderr.
This module imports nothing heavy: ``sopc lint`` loads it on every run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping

from sopc.core.diagnostics import Diagnostic, Level, Message

FORMATS = ("text", "json", "sarif", "github", "gitlab")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "sopc/v1"

_LEVEL_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.INFO: "cyan"}
_SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note", Level.OFF: "none"}
_GITHUB_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in output order: path, line, column, code."""
    return sorted(diags, key=Diagnostic.sort_key)


# --------------------------------------------------------------------------- text


def format_diagnostic(d: Diagnostic, lang: str = "id", color: bool = False) -> str:
    """One line: ``path:line:col: CODE [level] message``. A multi-line message is kept
    on one line (its line breaks become `` / ``) so that every finding stays one line
    for grep and editors."""
    text = " / ".join(part.strip() for part in d.text(lang).splitlines() if part.strip())
    level = d.level.label
    code = d.code or "?"
    if color:
        import click

        level = click.style(level, fg=_LEVEL_COLOURS.get(d.level), bold=d.level == Level.ERROR)
        code = click.style(code, bold=True)
    return f"{d.path}:{d.line}:{d.column}: {code} [{level}] {text}"


def format_text(diags: Iterable[Diagnostic], lang: str = "id", color: bool = False) -> str:
    """All findings, one per line, sorted; empty string when there are none."""
    lines = [format_diagnostic(d, lang, color) for d in sorted_diagnostics(diags)]
    return "".join(line + "\n" for line in lines)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def format_summary(files: int, diags: Iterable[Diagnostic], lang: str = "id") -> str:
    """``3 berkas, 1 kesalahan, 2 peringatan, 0 info`` (English: ``3 files, 1 error,
    2 warnings, 0 infos``)."""
    diags = list(diags)
    counts = {lv: sum(1 for d in diags if d.level == lv) for lv in (Level.ERROR, Level.WARNING, Level.INFO)}
    if lang == "en":
        parts = [
            _plural(files, "file", "files"),
            _plural(counts[Level.ERROR], "error", "errors"),
            _plural(counts[Level.WARNING], "warning", "warnings"),
            _plural(counts[Level.INFO], "info", "infos"),
        ]
    else:
        parts = [
            f"{files} berkas",
            f"{counts[Level.ERROR]} kesalahan",
            f"{counts[Level.WARNING]} peringatan",
            f"{counts[Level.INFO]} info",
        ]
    return ", ".join(parts)


# --------------------------------------------------------------------------- json


def format_json(diags: Iterable[Diagnostic], lang: str = "id") -> str:
    """A JSON list of ``{path, line, column, code, name, level, message}``, sorted."""
    data = [d.as_dict(lang) for d in sorted_diagnostics(diags)]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- github


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diags: Iterable[Diagnostic], lang: str = "id") -> str:
    """GitHub Actions workflow commands, one per finding::

        ::error file=a.sop.yaml,line=3,col=5,title=KU01 missing-time::message

    Info-level findings become ``notice``. Values are escaped as the runner expects
    (``%``, CR, LF everywhere; also ``:`` and ``,`` inside properties)."""
    out = []
    for d in sorted_diagnostics(diags):
        if d.level == Level.OFF:
            continue
        command = _GITHUB_LEVELS.get(d.level, "error")
        title = " ".join(p for p in (d.code, d.name) if p)
        props = [
            f"file={_escape_property(_posix(d.path))}",
            f"line={d.line}",
            f"col={d.column}",
        ]
        if title:
            props.append(f"title={_escape_property(title)}")
        out.append(f"::{command} {','.join(props)}::{_escape_data(d.text(lang))}\n")
    return "".join(out)


# --------------------------------------------------------------------------- sarif


def _posix(path: str) -> str:
    return str(path).replace(os.sep, "/") if os.sep != "/" else str(path)


def relative_posix(path: str, base: Path | None) -> str | None:
    """``path`` (as shown in a diagnostic: relative to the cwd, or absolute) relative to
    ``base`` as a POSIX path; None when it lies outside ``base``."""
    p = Path(path)
    if not p.is_absolute():
        p = Path.cwd() / p
    base = Path(base) if base is not None else Path.cwd()
    try:
        rel = os.path.relpath(os.path.abspath(p), os.path.abspath(base))
    except ValueError:  # another drive (Windows)
        return None
    rel = _posix(rel)
    if rel == ".." or rel.startswith("../"):
        return None
    return str(PurePosixPath(rel))


def fingerprint(code: str, path: str, key: str) -> str:
    """A stable hash of code + path + content key (no line numbers), for SARIF
    ``partialFingerprints``: GitHub keeps an alert's identity across edits."""
    import hashlib

    h = hashlib.sha256("\x1f".join((code, path, key)).encode("utf-8"))
    return h.hexdigest()[:32]


def _text_block(text: str) -> dict:
    return {"text": text}


def _first_paragraph(doc: str) -> str:
    paras = [p.strip() for p in doc.strip().split("\n\n") if p.strip()]
    text = " ".join(paras[0].split()) if paras else ""
    return text if len(text) <= 1000 else text[:999].rstrip() + "…"


def _sarif_rule(rule, lang: str, level: Level | None = None, enabled: bool = True) -> dict:
    title = rule.title.text(lang) if isinstance(rule.title, Message) else str(rule.title)
    doc = rule.doc or title
    level = rule.level if level is None else level
    entry = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": _text_block(title),
        "fullDescription": _text_block(_first_paragraph(doc) or title),
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {
            "enabled": bool(enabled and level > Level.OFF),
            "level": _SARIF_LEVELS.get(level, "warning"),
        },
        "properties": {"tags": ["sopc", rule.group]},
    }
    if rule.options:
        entry["defaultConfiguration"]["parameters"] = {k: _jsonable(v) for k, v in rule.options.items()}
    return entry


def _jsonable(v):
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return str(v)


def format_sarif(
    diags: Iterable[Diagnostic],
    lang: str = "id",
    *,
    srcroot: Path | None = None,
    keys: Mapping[int, str] | None = None,
    levels: Mapping[str, Level] | None = None,
) -> str:
    """A SARIF 2.1.0 log with one run.

    ``srcroot`` is the folder that artifact URIs are relative to (``%SRCROOT%``, default
    the cwd: where a CI job runs, the repository checkout). ``keys`` maps ``id(diag)``
    to its content key (see :func:`sopc.lint.baseline.content_key`); without it the message
    text is used. ``levels`` maps codes to the configured level (sopc.yaml ``aturan``),
    shown as each rule's ``defaultConfiguration``.
    """
    from sopc import __version__
    from sopc.rules import all_rules, get_rule

    srcroot = Path(srcroot) if srcroot is not None else Path.cwd()
    diags = [d for d in sorted_diagnostics(diags) if d.level > Level.OFF]
    levels = dict(levels or {})

    rules: list[dict] = []
    index: dict[str, int] = {}

    def add_rule(entry: dict) -> None:
        index[entry["id"]] = len(rules)
        rules.append(entry)

    for rule in all_rules():
        lv = levels.get(rule.code)
        add_rule(_sarif_rule(rule, lang, lv))
    for d in diags:  # codes not in the registry (should not happen; keep the log valid)
        if d.code and d.code not in index:
            r = get_rule(d.code)
            if r is not None:
                add_rule(_sarif_rule(r, lang))
            else:
                add_rule({
                    "id": d.code,
                    "name": d.name or d.code,
                    "shortDescription": _text_block(d.name or d.code),
                    "defaultConfiguration": {"level": _SARIF_LEVELS.get(d.level, "warning")},
                })

    results = []
    for d in diags:
        rel = relative_posix(d.path, srcroot)
        if rel is not None:
            from urllib.parse import quote

            artifact = {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}
            fp_path = rel
        else:
            p = Path(d.path)
            artifact = {"uri": (p if p.is_absolute() else Path.cwd() / p).resolve().as_uri()}
            fp_path = _posix(d.path)
        key = (keys or {}).get(id(d)) or d.key or d.text("id")
        result = {
            "ruleId": d.code or "sopc",
            "level": _SARIF_LEVELS.get(d.level, "warning"),
            "message": _text_block(d.text(lang)),
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {"startLine": max(1, d.line), "startColumn": max(1, d.column)},
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(d.code, fp_path, key)},
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": dict(artifact),
                        "region": {"startLine": max(1, p.line), "startColumn": max(1, p.col)},
                    },
                }
                for i, p in enumerate(d.related)
            ]
        results.append(result)

    root_uri = srcroot.resolve().as_uri()
    if not root_uri.endswith("/"):
        root_uri += "/"
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sopc",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "language": "en" if lang == "en" else "id",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def format_diagnostics(
    fmt: str, diags: Iterable[Diagnostic], lang: str = "id", *, color: bool = False, **sarif_kw
) -> str:
    """Dispatch on the format name (one of :data:`FORMATS`)."""
    if fmt == "json":
        return format_json(diags, lang)
    if fmt == "sarif":
        return format_sarif(diags, lang, **sarif_kw)
    if fmt == "github":
        return format_github(diags, lang)
    if fmt == "gitlab":
        return format_codequality(diags, lang, srcroot=sarif_kw.get("srcroot"), keys=sarif_kw.get("keys"))
    return format_text(diags, lang, color=color)


__all__ = [
    "FORMATS",
    "format_diagnostic",
    "format_diagnostics",
    "format_github",
    "format_json",
    "format_sarif",
    "format_summary",
    "format_text",
    "fingerprint",
    "relative_posix",
    "sorted_diagnostics",
]

# --------------------------------------------------------------------------- gitlab
# A GitLab Code Quality report (the Code Climate subset GitLab reads from
# ``artifacts:reports:codequality``), so that merge requests show sopc's findings inline.
# Each finding is one object: ``description``, ``check_name`` (the rule code),
# ``fingerprint`` (stable across edits that move the finding, as SARIF's; unique within
# the report, as GitLab requires), ``severity`` and ``location`` (``path`` relative to
# the repository checkout, ``lines.begin``).

GITLAB_SEVERITIES = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def format_codequality(diags: Iterable[Diagnostic], lang: str = "id", *,
                       srcroot: Path | None = None, keys: Mapping[int, str] | None = None) -> str:
    """The report as a JSON list (``[]`` when there is no finding). ``srcroot``: the
    folder paths are relative to (default the cwd, where a CI job runs: the checkout);
    ``keys``: ``id(diag)`` → content key (:func:`sopc.lint.baseline.content_key`),
    else the message text."""
    out = []
    seen: set[str] = set()
    for d in sorted_diagnostics(diags):
        if d.level not in GITLAB_SEVERITIES:
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
            "severity": GITLAB_SEVERITIES[d.level],
            "location": {"path": path, "lines": {"begin": max(1, d.line)}},
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
