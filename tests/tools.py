"""Locating external tools for tests. A test whose tool is absent skips with a reason
on a developer's machine; under `.ci/run` (SOPC_REQUIRE_TOOLS=1) it fails instead,
so CI is never the place where a test skips."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def missing(reason: str):
    if os.environ.get("SOPC_REQUIRE_TOOLS") == "1":
        pytest.fail(f"required tool missing in CI: {reason}")
    pytest.skip(reason)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    missing("chromium not installed (apt-get install chromium)")


def vnu_jar() -> str:
    p = os.environ.get("SOPC_VNU_JAR") or str(ROOT / ".ci/tools/node_modules/vnu-jar/build/dist/vnu.jar")
    if not Path(p).is_file():
        missing("Nu HTML checker not installed (npm install --prefix .ci/tools vnu-jar)")
    if not shutil.which("java"):
        missing("java not installed (needed by the Nu HTML checker)")
    return p


def axe_js() -> str:
    p = os.environ.get("SOPC_AXE_JS") or str(ROOT / ".ci/tools/node_modules/axe-core/axe.min.js")
    if not Path(p).is_file():
        missing("axe-core not installed (npm install --prefix .ci/tools axe-core)")
    return p


def which(name: str, hint: str) -> str:
    p = shutil.which(name)
    if not p:
        missing(f"{name} not installed ({hint})")
    return p
