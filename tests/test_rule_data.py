"""The rules' data files (sopc/rules/_data): real YAML read the same by PyYAML and by the
fast subset parser, every entry with its reason, the hierarchy table consistent, and a
wheel that carries them."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from sopc.rules._lib import data

YAML_FILES = sorted(p.name for p in data.DATA_DIR.glob("*.yaml"))
ROOT = Path(__file__).resolve().parent.parent


def _strings(x):
    if isinstance(x, dict):
        return {str(k): _strings(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_strings(v) for v in x]
    return str(x)


def test_the_data_files_exist():
    assert set(YAML_FILES) >= {"kata.yaml", "hierarki.yaml", "singkatan.yaml"}
    assert (data.DATA_DIR / "kata-dasar.txt").is_file()
    assert (data.DATA_DIR / "kata-dasar.LICENSE").is_file()


@pytest.mark.parametrize("name", YAML_FILES)
def test_subset_parser_reads_what_pyyaml_reads(name):
    text = (data.DATA_DIR / name).read_text("utf-8")
    assert data.parse(text, name) == _strings(yaml.safe_load(text))


@pytest.mark.parametrize("name", YAML_FILES)
def test_every_entry_says_why(name):
    """Every entry of a word list or table carries its reason (a non-empty value)."""
    def walk(x, path):
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, f"{path}.{k}")
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, f"{path}[{i}]")
        else:
            assert str(x).strip(), f"{name}{path} has no reason"
    walk(data.load(name), "")


@pytest.mark.parametrize("text", [
    "a: {b: c}\n", "a:\n\t- b\n", "a: b\na: c\n", "a:\n  - b\n  c: d\n", 'a: "x\\ny"\n',
    "a: &x b\n", "a b\n",
])
def test_subset_parser_refuses_what_it_does_not_support(text):
    with pytest.raises(data.DataError):
        data.parse(text)


def test_comments_and_quotes():
    got = data.parse("# c\na:  # c\n  b: 'x # y'  # c\n  c: d#e\n  'ON': f\n")
    assert got == {"a": {"b": "x # y", "c": "d#e", "ON": "f"}}


def test_hierarchy_table_is_consistent():
    raw = data.load("hierarki.yaml")
    kinds = set()
    for key, row in raw["jenis"].items():
        assert {"label", "peringkat", "pola", "dasar"} <= set(row), key
        assert 1 <= int(row["peringkat"]) <= 15
        re.compile(row["pola"])
        for extra in ("peringkat_provinsi", "sebelum_2012"):
            if extra in row:
                assert 1 <= int(row[extra]) <= 15
        kinds.add(row.get("kode", key))
    # kinds other rules use by name
    assert {"UUD", "UU", "PERPPU", "PP", "PERPRES", "KEPPRES", "PERMEN", "PERDIRJEN", "PERDA",
            "PERGUB", "PERBUP", "PERWAL", "KEPUTUSAN", "INSTRUKSI", "SE"} <= kinds
    for pair in raw["tidak_dibandingkan"]:
        a, b = (int(x) for x in pair.split())
        assert a != b


def test_word_list_sections():
    raw = data.load("kata.yaml")
    for verb, form in raw["kata_kerja"].items():
        assert verb == verb.lower() and " " not in verb
        head = form.split()[0]
        assert head[:2] in ("me", "be") or head in ("masuk", "keluar", "datang", "selesai"), verb
    for noun, verb in raw["kata_benda_pinjaman"].items():
        assert verb.split()[0][:2] in ("me", "be"), noun
    assert not set(raw["kata_kerja"]) & set(raw["bukan_kata_kerja"])
    assert not set(raw["kata_kerja"]) & set(raw["kata_benda_pinjaman"])


def test_word_list_of_the_dictionary():
    assert data.in_word_list("kata-dasar.txt", "impor")
    assert data.in_word_list("kata-dasar.txt", "aba")          # the first word
    assert not data.in_word_list("kata-dasar.txt", "kppn")
    assert not data.in_word_list("kata-dasar.txt", "")


def test_loaded_once():
    assert data.load("kata.yaml") is data.load("kata.yaml")


def test_wheel_carries_the_data_files(tmp_path):
    """Build a wheel of the project (no network: the build backend is installed) and
    look for the data files in it."""
    cp = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                         "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                        capture_output=True, text=True, timeout=300)
    if cp.returncode != 0:
        pytest.skip(f"pip wheel could not build here: {cp.stderr[-300:]}")
    wheel = next(tmp_path.glob("sopc-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("kata.yaml", "hierarki.yaml", "singkatan.yaml", "kata-dasar.txt",
              "kata-dasar.LICENSE"):
        assert f"sopc/rules/_data/{f}" in names
    for f in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt", "metrics.json"):
        assert f"sopc/fonts/{f}" in names
