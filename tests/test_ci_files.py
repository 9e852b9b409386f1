"""sopc's own CI and release files, and the container image recipe: valid workflows
(the schemas check-jsonschema ships), the promised matrix and publishing steps, and one
list of PDF system packages (sopc doctor's Debian line) that the Dockerfile, .ci/run and
the CI templates all install."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml

from sopc import __version__
from sopc.core.environment import PDF_INSTALL

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PDF_PACKAGES = set(PDF_INSTALL["debian"][0].split("install -y ", 1)[1].split())


def workflow(name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    doc["on"] = doc.pop(True)          # YAML 1.1 reads the key `on` as true
    return doc


@pytest.mark.parametrize("name", ["test.yml", "release.yml"])
def test_workflows_are_valid(name):
    schema = json.loads(files("check_jsonschema.builtin_schemas.vendor")
                        .joinpath("github-workflows.json").read_text("utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(workflow(name)))
    assert not errors, [e.message[:200] for e in errors[:5]]


@pytest.mark.parametrize("name", ["test.yml", "release.yml"])
def test_references_resolve(name):
    """`needs` names jobs of the workflow; `steps.<id>` names a step of the same job."""
    from test_init_ci import step_ids_resolve

    jobs = workflow(name)["jobs"]
    for job in jobs.values():
        needs = job.get("needs", [])
        assert set([needs] if isinstance(needs, str) else needs) <= set(jobs)
        step_ids_resolve(job)


def test_matrix_covers_three_systems_and_three_pythons():
    doc = workflow("test.yml")
    matrix = doc["jobs"]["platforms"]["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "macos-latest", "windows-latest"}
    assert matrix["python"] == ["3.11", "3.12", "3.13"]
    assert doc["jobs"]["suite"]["steps"][-1]["run"] == ".ci/run"
    runs = "\n".join(s.get("run", "") for s in doc["jobs"]["platforms"]["steps"])
    assert "sopc lint examples" in runs and "--pdf" in runs and "brew install pango" in runs


def test_release_builds_tests_then_publishes_with_trusted_publishing():
    jobs = workflow("release.yml")["jobs"]
    assert workflow("release.yml")["on"] == {"push": {"tags": ["v*"]}}
    build_runs = "\n".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert "python -m build" in build_runs and "twine check --strict" in build_runs
    assert jobs["test-wheel"]["needs"] == "build"
    test_runs = "\n".join(s.get("run", "") for s in jobs["test-wheel"]["steps"])
    assert "python -m venv" in test_runs and "sopc build examples --pdf" in test_runs
    publish = jobs["publish"]
    assert publish["needs"] == "test-wheel" and publish["permissions"] == {"id-token": "write"}
    assert publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "password" not in json.dumps(publish)                 # no token: trusted publishing


def test_changelog_has_the_current_version():
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", text, re.M)
    assert "## [Unreleased]" in text


def _apt_packages(text: str) -> set[str]:
    found: set[str] = set()
    for m in re.finditer(r"(?:apt-get install|need_apt\+=\()([^\n]*(?:\\\n[^\n]*)*)", text):
        words = (w.strip("()") for w in m.group(1).replace("\\\n", " ").split())
        found |= {w for w in words if re.fullmatch(r"lib[\w.+-]+", w)}
    return found


@pytest.mark.parametrize("path", ["Dockerfile", ".ci/run", "templates/init/workflow.yml.tmpl",
                                  "templates/init/gitlab-ci.yml.tmpl", ".github/workflows/test.yml",
                                  ".github/workflows/release.yml"])
def test_pdf_packages_are_the_doctor_list(path):
    text = (ROOT / path).read_text("utf-8")
    assert PDF_PACKAGES <= _apt_packages(text), path


def test_dockerfile_copies_what_exists_and_runs_sopc():
    text = (ROOT / "Dockerfile").read_text("utf-8")
    sources = [w for line in text.splitlines() if line.startswith("COPY ") and "--from" not in line
               for w in line.split()[1:-1]]
    assert sources and all((ROOT / s).exists() for s in sources)
    allowed = {line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.startswith("!")}
    assert {s.rstrip("/") for s in sources} <= allowed
    assert 'ENTRYPOINT ["sopc"]' in text and "sopc doctor" in text
