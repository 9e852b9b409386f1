"""The CI files `sopc init` writes: valid against the GitHub workflow and GitLab CI
schemas that check-jsonschema ships (no network), pinned to the running sopc (or to the
source given with --pasang), caching .sopc-cache, uploading the findings and publishing
the site from the default branch."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import metadata
from importlib.resources import files

import jsonschema
import pytest
import yaml

from sopc import __version__
from sopc.build.scaffold import InitAnswers, ScaffoldError, init_repository, install_spec

TODAY = dt.date(2026, 11, 28)


def schema(name: str) -> dict:
    return json.loads(files("check_jsonschema.builtin_schemas.vendor").joinpath(f"{name}.json").read_text("utf-8"))


def load(path) -> dict:
    doc = yaml.safe_load(path.read_text("utf-8"))
    if True in doc:                 # YAML 1.1 reads the key `on` as true
        doc["on"] = doc.pop(True)
    return doc


def validate(doc: dict, name: str) -> None:
    s = schema(name)
    errors = list(jsonschema.validators.validator_for(s)(s).iter_errors(doc))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message[:300]}" for e in errors[:10])


def step_ids_resolve(job: dict) -> None:
    """Every `steps.<id>` a job refers to is a step of that job."""
    ids = {s["id"] for s in job["steps"] if "id" in s}
    used = set(re.findall(r"steps\.([A-Za-z_][\w-]*)\.", json.dumps(job)))
    assert used <= ids, used - ids


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("init") / "sop"
    init_repository(folder, InitAnswers(), TODAY)
    return folder


def test_the_running_version_is_the_installed_one():
    assert metadata.version("sopc") == __version__
    assert install_spec() == f"sopc=={__version__}"


def test_github_workflow(repo):
    doc = load(repo / ".github" / "workflows" / "sop.yml")
    validate(doc, "github-workflows")
    assert doc["env"]["SOPC_PASANG"] == f"sopc=={__version__}"
    job = doc["jobs"]["sop"]
    step_ids_resolve(job)
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert 'pip install "$SOPC_PASANG"' in runs
    assert "sopc lint --format sarif > sopc.sarif" in runs and "sopc build --pdf" in runs
    assert "libpango-1.0-0" in runs and "sopc doctor" in runs
    uses = {s.get("uses", "").split("@")[0]: s for s in job["steps"]}
    restore, save = uses["actions/cache/restore"], uses["actions/cache/save"]
    assert restore["with"]["path"] == save["with"]["path"] == ".sopc-cache"
    key = restore["with"]["key"]
    assert save["with"]["key"] == "${{ steps.cache.outputs.cache-primary-key }}" and restore["id"] == "cache"
    assert "steps.sopc.outputs.versi" in key and "**/*.sop.yaml" in key and "sopc.yaml" in key
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "sopc.sarif"
    assert job["permissions"]["security-events"] == "write"
    pages = doc["jobs"]["pages"]
    default_branch = "github.ref_name == github.event.repository.default_branch"
    assert default_branch in pages["if"] and default_branch in uses["actions/upload-pages-artifact"]["if"]
    assert pages["needs"] == "sop" and pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_ci(repo):
    doc = load(repo / ".gitlab-ci.yml")
    validate(doc, "gitlab-ci")
    assert doc["variables"]["SOPC_PASANG"] == f"sopc=={__version__}"
    job = doc["sop"]
    assert 'python -m pip install "$SOPC_PASANG"' in job["before_script"]
    assert "sopc lint --format gitlab > gl-code-quality-report.json || status=$?" in job["script"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    assert ".sopc-cache/" in job["cache"]["paths"] and __version__ in job["cache"]["key"]
    pages = doc["pages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public"]


def test_pasang_source_is_used_everywhere(tmp_path):
    src = "git+https://git.example.go.id/mirror/sopc.git@v0.1.0"
    init_repository(tmp_path, InitAnswers(), TODAY, pasang=src)
    gh = load(tmp_path / ".github" / "workflows" / "sop.yml")
    gl = load(tmp_path / ".gitlab-ci.yml")
    validate(gh, "github-workflows")
    validate(gl, "gitlab-ci")
    assert gh["env"]["SOPC_PASANG"] == gl["variables"]["SOPC_PASANG"] == src
    assert f'pip install "{src}"' in (tmp_path / "README.md").read_text("utf-8")


@pytest.mark.parametrize("bad", ["", "   ", "sopc==$VERSION", "a\x00b"])
def test_pasang_refuses_what_ci_would_expand(bad, tmp_path):
    with pytest.raises(ScaffoldError):
        init_repository(tmp_path, InitAnswers(), TODAY, pasang=bad)
    assert not list(tmp_path.iterdir())


def test_a_sopc_installed_from_git_pins_its_commit(monkeypatch):
    from sopc.build import scaffold

    monkeypatch.setattr(scaffold, "installed_from", lambda: {
        "url": "https://git.example.go.id/mirror/sopc.git",
        "vcs_info": {"vcs": "git", "commit_id": "0123abcd", "requested_revision": "main"}})
    assert install_spec() == "sopc @ git+https://git.example.go.id/mirror/sopc.git@0123abcd"
    monkeypatch.setattr(scaffold, "installed_from", lambda: {"url": "file:///home/x/sopc", "dir_info": {}})
    assert install_spec() == f"sopc=={__version__}"
    assert install_spec("sopc==9.9") == "sopc==9.9"


def test_init_from_a_local_folder_says_what_ci_installs(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from sopc.build import scaffold
    from sopc.cli import cli

    monkeypatch.setattr(scaffold, "installed_from", lambda: {"url": "file:///home/x/sopc", "dir_info": {}})
    res = CliRunner().invoke(cli, ["init", str(tmp_path / "r"), "--yes", "--today", "2026-11-28"])
    assert res.exit_code == 0
    assert f"CI akan memasang sopc=={__version__} dari indeks paket" in res.output
