"""Issue 12, item 3 and the reserved names of item 7: units and nomors that slug alike
are an error naming both (KS08), and the build never lets one file overwrite another's;
Windows device names never become file or folder names."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner

from build_helpers import SOP_A, SOP_B, make_repo
from sopc.build.pipeline import build
from sopc.cli import cli
from sopc.core.text import slugify

TODAY = "2026-06-01"

CONFIG_NO_UNIT = """\
instansi:
  nama: Pemerintah Kabupaten Uji
  satuan_kerja: Dinas Uji Coba
"""


def _unit(text: str, unit: str) -> str:
    return text.replace("nama: ", f"unit: {unit}\nnama: ", 1)


@pytest.fixture
def two_units(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo", {
        "a/a.sop.yaml": _unit(SOP_A, "Bagian Umum"),
        "b/b.sop.yaml": _unit(SOP_B, "bagian-umum"),
    }, config=CONFIG_NO_UNIT)
    monkeypatch.chdir(root)
    return root


def test_units_that_slug_alike_are_an_error_naming_both(two_units):
    result = CliRunner().invoke(cli, ["lint", "--today", TODAY])
    assert result.exit_code == 1
    ks08 = [l for l in result.output.splitlines() if "KS08" in l]
    assert any("a/a.sop.yaml" in l and "b/b.sop.yaml" in l and "bagian-umum" in l for l in ks08), result.output
    assert any(l.startswith("b/b.sop.yaml") and "a/a.sop.yaml" in l for l in ks08), result.output


def test_colliding_units_share_one_set_of_files(two_units):
    result = build([two_units], today=TODAY, paksa=True, write=False)
    assert any(d.code == "KS08" for d in result.diagnostics)
    form = result.files["formulir/monitoring-bagian-umum.html"].decode()
    assert "SOP-001/UJI/2025" in form and "SOP-002/UJI/2025" in form
    ids = Counter(re.findall(r'\bid="([^"]+)"', result.files["index.html"].decode()))
    assert not [i for i, n in ids.items() if n > 1]


def test_nomors_that_slug_alike(tmp_path, monkeypatch):
    nomors = ["SOP 001 X 2026", "sop-001-x-2026", "SOP-001/X/2026"]
    sops = {f"s{i}.sop.yaml": SOP_B.replace("SOP-002/UJI/2025", n).replace("Pengarsipan Surat", f"Arsip {i}")
            .replace("keterkaitan: [SOP-001/UJI/2025]", "keterkaitan: []") for i, n in enumerate(nomors)}
    root = make_repo(tmp_path / "repo", sops)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["lint", "--today", TODAY])
    assert result.exit_code == 1
    for i in range(3):
        assert any(l.startswith(f"s{i}.sop.yaml") and ("KS08" in l or "KS05" in l)
                   for l in result.output.splitlines()), result.output
    built = build([root], today=TODAY, paksa=True, write=False)
    pages = [r for r in built.files if r.endswith("sop-001-x-2026.html")]
    assert len(pages) == 1 and built.exit_code == 1   # one page, never one over another


@pytest.mark.parametrize("name", ["con", "NUL", "Aux", "prn", "com1", "LPT9"])
def test_reserved_windows_names_get_a_suffix(name):
    assert slugify(name) == name.lower() + "-x"


def test_reserved_unit_folder(tmp_path, monkeypatch):
    root = make_repo(tmp_path / "repo", {"a.sop.yaml": _unit(SOP_A.replace(
        "  - SOP-002/UJI/2025\n", ""), "CON")}, config=CONFIG_NO_UNIT)
    monkeypatch.chdir(root)
    result = build([root], today=TODAY, write=False)
    folders = {r.split("/")[0] for r in result.files if "/" in r}
    assert "con-x" in folders and "con" not in folders
    assert not any(re.search(r"(^|/)(con|nul|aux|prn)(\.|/|$)", r) for r in result.files)

