"""The package list in pyproject.toml names every package below src/sopc (it is listed,
not found, because the official templates are mapped in from the top-level templates/)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_lists_every_package():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT / "src").parts)
             for p in (ROOT / "src" / "sopc").rglob("__init__.py")}
    listed = set(conf["packages"])
    assert listed - {"sopc.templates"} == found
    assert conf["package-dir"]["sopc.templates"] == "templates"


def test_templates_live_at_the_top_level():
    from sopc.core.assets import template_root

    assert template_root() == ROOT / "templates"
    assert (ROOT / "templates" / "sop.html.j2").is_file()
    assert not (ROOT / "src" / "sopc" / "templates").exists()
