"""The keys of the signing document (OUTPUT.md §1, FORMAT.md): ``tte`` in sopc.yaml and
per SOP, ``nomor_kolom`` in sopc.yaml: read with positions, type errors as diagnostics,
present in the JSON Schema."""

from __future__ import annotations

from helpers import write_repo
from sopc.loader import load_repository, load_sop_text
from sopc.loader.schema import config_schema, sop_schema
from test_loader import base_text


def test_config_keys_read(tmp_path):
    write_repo(tmp_path, base_text(), "instansi: {nama: X}\ntte: true\nnomor_kolom: ya\n")
    res = load_repository([tmp_path])
    cfg = res.repo.config
    assert not res.config_diagnostics
    assert cfg.tte is True and cfg.nomor_kolom is True
    assert "tte" in cfg.key_positions and "nomor_kolom" in cfg.key_positions


def test_config_defaults(tmp_path):
    write_repo(tmp_path, base_text(), "instansi: {nama: X}\n")
    res = load_repository([tmp_path])
    cfg = res.repo.config
    assert cfg.tte is False and cfg.nomor_kolom is False


def test_config_type_errors_are_diagnostics(tmp_path):
    write_repo(tmp_path, base_text(), "instansi: {nama: X}\ntte: mungkin\nnomor_kolom: [1]\n")
    res = load_repository([tmp_path])
    got = sorted((d.code, d.line, d.column) for d in res.config_diagnostics)
    assert got == [("E004", 2, 6), ("E004", 3, 14)]
    texts = " ".join(d.text("en") for d in res.config_diagnostics)
    assert "'tte'" in texts and "'nomor_kolom'" in texts


def test_sop_tte_overrides(tmp_path):
    sop, diags = load_sop_text("tte: false\n" + base_text())
    assert not diags and sop.tte is False
    sop, diags = load_sop_text(base_text())
    assert not diags and sop.tte is None
    sop, diags = load_sop_text("tte: 3\n" + base_text())
    assert [(d.code, d.line, d.column) for d in diags] == [("E004", 1, 6)]


def test_schema_has_the_keys():
    assert sop_schema()["properties"]["tte"]["type"] == "boolean"
    props = config_schema()["properties"]
    assert props["tte"]["type"] == "boolean" and props["nomor_kolom"]["type"] == "boolean"
    assert "nomor_kolom" not in sop_schema()["properties"]
