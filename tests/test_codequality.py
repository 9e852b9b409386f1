"""`sopc lint --format gitlab`: a GitLab Code Quality report. Checked against a small
schema of what GitLab reads (its documented required fields and severities), with
stable and unique fingerprints."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema

from sopc.core.diagnostics import Level
from sopc.lint.formatters import format_codequality
from sopc.lint.formatters import FORMATS, format_diagnostics
from test_formatters import D

# GitLab "Code Quality report format": an array of objects with these fields.
CODE_QUALITY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": r"^[^/\\]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def report(diags, **kw):
    data = json.loads(format_codequality(diags, **kw))
    jsonschema.Draft7Validator(CODE_QUALITY_SCHEMA).validate(data)
    return data


def test_report_shape_and_severities(tmp_path):
    diags = [
        D(str(tmp_path / "u" / "b.sop.yaml"), 3, 5, "KU01", Level.ERROR, "tidak punya waktu", "no time"),
        D("a.sop.yaml", 10, 1, "KJ03", Level.WARNING, "uraian terlalu panjang"),
        D("a.sop.yaml", 0, 0, "KS03", Level.INFO, "tautan satu arah"),
        D("a.sop.yaml", 4, 1, "XX01", Level.OFF, "off"),
    ]
    data = report(diags, srcroot=tmp_path, lang="en")
    assert sorted((e["check_name"], e["severity"], e["location"]["path"], e["location"]["lines"]["begin"])
                  for e in data) == [("KJ03", "minor", "a.sop.yaml", 10), ("KS03", "info", "a.sop.yaml", 1),
                                     ("KU01", "major", "u/b.sop.yaml", 3)]
    assert [e["description"] for e in data if e["check_name"] == "KU01"] == ["KU01 ku01: no time"]


def test_fingerprints_stable_across_lines_and_unique():
    a = D("a.sop.yaml", 3, 1, "KJ03", Level.WARNING, "uraian terlalu panjang", key="k")
    moved = D("a.sop.yaml", 9, 1, "KJ03", Level.WARNING, "uraian terlalu panjang", key="k")
    twice = [a, D("a.sop.yaml", 5, 1, "KJ03", Level.WARNING, "uraian terlalu panjang", key="k")]
    assert report([a])[0]["fingerprint"] == report([moved])[0]["fingerprint"]
    fps = [e["fingerprint"] for e in report(twice)]
    assert len(set(fps)) == 2


def test_empty_report_and_dispatch():
    assert "gitlab" in FORMATS
    assert json.loads(format_codequality([])) == []
    d = D("a.sop.yaml", 1, 1, "E002", Level.ERROR, "kunci tidak dikenal")
    assert json.loads(format_diagnostics("gitlab", [d])) == report([d])


def test_cli_format_gitlab(tmp_path):
    (tmp_path / "sopc.yaml").write_text("instansi: {nama: X, satuan_kerja: Y}\nunit: [U]\n", "utf-8")
    (tmp_path / "x.sop.yaml").write_text("nomor: X\n", "utf-8")
    res = subprocess.run([sys.executable, "-m", "sopc", "lint", "--format", "gitlab"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1
    data = json.loads(res.stdout)
    jsonschema.Draft7Validator(CODE_QUALITY_SCHEMA).validate(data)
    assert data and {e["location"]["path"] for e in data} == {"x.sop.yaml"}
