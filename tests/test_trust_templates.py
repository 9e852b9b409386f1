"""Issue 12, item 1: a repository's templates come from whoever opened the pull request.
Every template runs sandboxed; an escape attempt, a syntax error or an undefined name is
a configuration error naming file:line (exit 2), never code execution and never
"kesalahan internal"."""

from __future__ import annotations

import pickle

import pytest
from click.testing import CliRunner

from build_helpers import make_repo
from sopc.build.pipeline import build
from sopc.cli import cli
from sopc.core.diagnostics import msg
from sopc.render.html import Sandbox, TemplateFault

TODAY = "2026-06-01"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    (root / "templates").mkdir()
    return root


def _override(repo, name: str, text: str) -> None:
    (repo / "templates" / name).write_text(text, "utf-8")


def _fatal(result, lang="id") -> str:
    assert result.exit_code == 2, result.fatal
    return result.fatal.text(lang)


def test_globals_escape_runs_nothing(repo, tmp_path):
    proof = tmp_path / "pwned"
    _override(repo, "site_index.html.j2",
              "halaman\n{{ lipsum.__globals__['os'].popen('touch " + str(proof) + "').read() }}\n")
    result = build([repo], today=TODAY, write=False)
    assert not proof.exists()
    text = _fatal(result)
    assert "templates/site_index.html.j2:2" in text and "internal" not in text


def test_builtins_escape_reads_nothing(repo):
    _override(repo, "sop.html.j2",
              "{{ cycler.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}")
    result = build([repo], today=TODAY, write=False)
    assert not any(b"root:" in data for data in result.files.values())
    assert "templates/sop.html.j2:1" in _fatal(result)


@pytest.mark.parametrize("expr", [
    "config.root.joinpath('/etc/passwd').read_text()",
    "sop.path.with_name('planted.txt').write_text('x')",
    "sop.path.parent.glob('*')",
    "config.root.resolve()",
    "sop.path.open().read()",
])
def test_paths_in_the_context_reach_no_file(repo, expr):
    _override(repo, "sop.html.j2", "{{ " + expr + " }}")
    result = build([repo], today=TODAY, write=False)
    assert "unsafe" in _fatal(result, "en")
    assert not any(b"root:" in d for d in result.files.values())
    assert not list(repo.rglob("planted.txt"))


def test_pure_path_operations_still_work(repo):
    _override(repo, "sop.html.j2", "{{ sop.path.name }} {{ sop.path.parent.name }} {{ sop.path.as_posix()[-10:] }}")
    result = build([repo], today=TODAY, write=False)
    assert result.exit_code == 0
    assert b"a.sop.yaml umum a.sop.yaml" in result.files["bagian-umum/sop-001-uji-2025.html"]


def test_context_lists_cannot_be_changed(repo):
    _override(repo, "site_index.html.j2", "{{ L.update({'sop': 'x'}) }}")
    assert "site_index.html.j2:1" in _fatal(build([repo], today=TODAY, write=False))


def test_syntax_error_is_a_configuration_error(repo):
    _override(repo, "sop.html.j2", "<p>\n\n{% if %}\n")
    result = CliRunner().invoke(cli, ["build", "--today", TODAY])
    assert result.exit_code == 2
    assert "templates/sop.html.j2:3" in result.output and "internal" not in result.output


def test_undefined_name_names_file_and_line(repo):
    _override(repo, "site_index.html.j2", "{{ lang }}\n{{ tidak_ada }}\n")
    text = _fatal(build([repo], today=TODAY, write=False))
    assert "templates/site_index.html.j2:2" in text and "tidak_ada" in text
    result = CliRunner().invoke(cli, ["build", "--today", TODAY, "--lang", "en"])
    assert result.exit_code == 2 and "template templates/site_index.html.j2:2" in result.output


@pytest.mark.parametrize("name", ["../sopc.yaml", "/etc/passwd", "../../../../etc/passwd"])
def test_include_stays_in_the_template_folders(repo, name):
    _override(repo, "sop.html.j2", "{% include '" + name + "' %}")
    result = build([repo], today=TODAY, write=False)
    assert result.exit_code == 2
    assert not any(b"instansi:" in d or b"root:" in d for d in result.files.values())


def test_template_fault_crosses_process_boundaries():
    fault = pickle.loads(pickle.dumps(TemplateFault(msg("templat a.j2:3: x", "template a.j2:3: x"))))
    assert fault.message.text("en") == "template a.j2:3: x"


def test_builtin_templates_render_in_the_sandbox(repo):
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from sopc.render.html import environment

    assert isinstance(environment(repo), ImmutableSandboxedEnvironment)
    assert isinstance(environment(None), ImmutableSandboxedEnvironment)
    assert isinstance(environment(repo), Sandbox)
    result = build([repo], today=TODAY, write=False)
    assert result.exit_code == 0 and "index.html" in result.files


def test_templates_folder_linked_out_of_the_repository_is_ignored(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sop.html.j2").write_text("DARI LUAR", "utf-8")
    (root / "templates").symlink_to(outside, target_is_directory=True)
    result = build([root], today=TODAY, write=False)
    assert result.exit_code == 0
    assert b"DARI LUAR" not in result.files["bagian-umum/sop-001-uji-2025.html"]
