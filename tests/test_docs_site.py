"""The documentation site builds with ``mkdocs build --strict``: no broken link or anchor,
no page missing from the navigation, no missing picture. The pictures are made during the
build by docs/_hooks/gambar.py from the tutorial's own SOP (none is committed)."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / "_hooks"))

import halaman  # noqa: E402

mkdocs = pytest.importorskip("mkdocs", reason="mkdocs not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("site")
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            warnings.append(f"{record.name}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        # In process, so that the hook reuses the tutorial run of this test process;
        # strict: a warning aborts the build, as `mkdocs build --strict` does.
        build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(out)))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert warnings == []
    return out


@pytest.mark.slow   # the site's build follows the tutorial (a PDF build)
def test_site_builds_strict_with_every_page(site):
    for page in halaman.pages():
        rel = page.relative_to(halaman.DOCS).with_suffix(".html")
        assert (site / rel).is_file(), f"{rel} missing from the site"


@pytest.mark.slow   # the site's build follows the tutorial (a PDF build)
def test_pictures_are_made_from_the_tutorial(site):
    pictures = sorted(p.name for p in (site / "gambar").glob("*.png"))
    assert {"identitas.png", "prosedur-1.png", "monitoring.png", "evaluasi.png",
            "daftar-sop.png"} <= set(pictures)
    for p in (site / "gambar").glob("*.png"):
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    tutorial = (site / "tutorial.html").read_text("utf-8")
    assert 'src="gambar/identitas.png"' in tutorial
    assert not list((ROOT / "docs").rglob("*.png")), "pictures are made by the build, not committed"


@pytest.mark.slow   # the site's build follows the tutorial (a PDF build)
def test_markers_are_invisible_on_the_site(site):
    # The marks before code blocks stay HTML comments, never shown as text.
    for page in site.rglob("*.html"):
        assert "&lt;!-- sopc:" not in page.read_text("utf-8"), page


def test_strict_mode_catches_a_broken_link(tmp_path):
    """The check itself works: a page linking to a missing page fails the strict build."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# A\n\n[hilang](tidak-ada.md)\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nstrict: true\n", "utf-8")
    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                       capture_output=True, text=True)
    assert p.returncode != 0 and "tidak-ada.md" in p.stdout + p.stderr


def test_release_publishes_the_guide():
    """.github/workflows/docs.yml: a valid workflow, on the release tags, that installs
    the PDF libraries of sopc doctor's Debian line, builds the guide strict and deploys
    that folder to Pages."""
    import json
    from importlib.resources import files

    import jsonschema
    import yaml

    from sopc.core.environment import PDF_INSTALL

    doc = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text("utf-8"))
    doc["on"] = doc.pop(True)          # YAML 1.1 reads the key `on` as true
    schema = json.loads(files("check_jsonschema.builtin_schemas.vendor")
                        .joinpath("github-workflows.json").read_text("utf-8"))
    assert not [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]
    release = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    assert doc["on"]["push"]["tags"] == release[True]["push"]["tags"]
    steps = doc["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    packages = PDF_INSTALL["debian"][0].split("install -y ", 1)[1].split()
    assert any(all(p in r for p in packages) for r in runs)
    assert "mkdocs build --strict" in runs
    site_dir = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_dir"]
    assert steps[-1]["with"]["path"] == site_dir
    assert doc["jobs"]["deploy"]["steps"][-1]["uses"].startswith("actions/deploy-pages@")
