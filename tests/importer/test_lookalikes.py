"""Exact recovery on every look-alike variant: identity fields, each activity's actor and
symbol, the edges and the branch labels."""

from __future__ import annotations

import functools

import pytest

from tools import missing

from sopc.importer.assemble import draft_of
from sopc.importer.document import read_document
from sopc.importer.emit import sop_yaml
from sopc.importer.values import title_case

from .compare import load
from .variants import variants

NAMES = sorted(variants())
OCR = ("jpeg_rendered",)
VECTOR = [n for n in NAMES if not variants()[n].jpeg and not variants()[n].raster]
IDENTITY = NAMES


@functools.lru_cache(maxsize=None)
def _import(path):
    doc = read_document(str(path))
    draft = draft_of(doc)
    text = sop_yaml(draft)
    return doc, draft, text, load(text)


def _clean(text: str) -> str:
    return text.replace("|", "").replace("~", "")


@pytest.mark.parametrize("name", NAMES)
def test_identity(lookalikes, name):
    spec, path = lookalikes[name]
    _doc, draft, _text, sop = _import(path)
    assert sop.nomor == spec.nomor
    assert sop.nama == spec.nama
    assert sop.unit == title_case(spec.unit_line)[0]
    got = tuple(d.isoformat() if d else None for d in (sop.tanggal_pembuatan, sop.tanggal_revisi, sop.tanggal_efektif))
    assert got == spec.expect_dates
    assert sop.disahkan_oleh.jabatan == spec.jabatan
    assert sop.disahkan_oleh.nama == spec.signer
    assert sop.disahkan_oleh.nip == spec.expect_nip
    for key, items in spec.lists.items():
        want = [] if key == "peralatan" and spec.no_peralatan else items
        got = [l.text for l in sop.keterkaitan] if key == "keterkaitan" else getattr(sop, key)
        assert got == want, key
    assert draft.instansi[:2] == list(spec.agency)


@pytest.mark.parametrize("name", VECTOR)
def test_activities_actors_symbols(lookalikes, name):
    spec, path = lookalikes[name]
    _doc, draft, text, sop = _import(path)
    assert list(sop.pelaksana.values()) == spec.actors
    assert len(sop.kegiatan) == len(spec.acts), text
    for i, (want, got, d) in enumerate(zip(spec.acts, sop.kegiatan, draft.activities)):
        assert got.uraian == _clean(want.uraian), i
        cols = [want.actor[0], want.actor[0] + 1] if want.straddle else want.actor
        assert [sop.pelaksana[p] for p in got.pelaksana] == [spec.actors[k] for k in cols], (i, text)
        assert d.symbol == want.kind, i


@pytest.mark.parametrize("name", VECTOR)
def test_edges_and_labels(lookalikes, name):
    spec, path = lookalikes[name]
    _doc, draft, text, sop = _import(path)
    for i, (edges, got) in enumerate(zip(spec.truth_edges(), sop.kegiatan)):
        want = {(t, lab if not spec.label_image else "") for t, lab in edges if t != "selesai"}
        have = {(e.target, (e.label or "") if not spec.label_image else "") for e in got.edges if e.target is not None}
        assert have == want, (i, text)
        if any(t == "selesai" for t, _l in edges):
            assert any(e.target is None for e in got.edges), (i, text)
    assert draft.review == spec.label_image or not spec.label_image


def test_cell_text_repairs(lookalikes):
    _spec, path = lookalikes["lists_comma_damage"]
    _doc, _draft, _text, sop = _import(path)
    assert sop.kegiatan[0].uraian == "Menyusun Laporan kinerja triwulan"
    assert sop.kegiatan[1].uraian == "Mengunggah berkas ke aplikasi Office"
    assert sop.kegiatan[1].kelengkapan == ["Nota Dinas 12/2025"]


def test_raster_flowchart_is_imported_for_review(lookalikes):
    spec, path = lookalikes["raster_flow"]
    doc, draft, text, sop = _import(path)
    assert doc.raster_pages == 1
    assert draft.review and "raster" in draft.notes
    assert [a.uraian for a in sop.kegiatan] == [a.uraian for a in spec.acts]
    assert [[sop.pelaksana[p] for p in a.pelaksana] for a in sop.kegiatan] == \
        [[spec.actors[k] for k in a.actor] for a in spec.acts]


@pytest.mark.parametrize("name", ["jpeg_one_page", "jpeg_strips", "jpeg_two_pages", "jpeg_rendered"])
def test_jpeg_table_is_marked(lookalikes, name):
    _spec, path = lookalikes[name]
    doc, draft, text, sop = _import(path)
    assert doc.jpeg_table and draft.review
    assert "# periksa:" in text


def test_jpeg_table_read_by_ocr(lookalikes):
    from sopc.importer import ocr

    if not ocr.available():
        missing("Tesseract with Indonesian data not installed (apt-get install tesseract-ocr tesseract-ocr-ind)")
    spec, path = lookalikes["jpeg_rendered"]
    doc, draft, text, sop = _import(path)
    assert "ocr" in draft.notes and draft.review
    assert list(sop.pelaksana.values()) == spec.actors
    assert len(sop.kegiatan) == len(spec.acts)
    same = sum(a.uraian == b.uraian for a, b in zip(sop.kegiatan, spec.acts))
    actors = sum([sop.pelaksana[p] for p in a.pelaksana] == [spec.actors[k] for k in b.actor]
                 for a, b in zip(sop.kegiatan, spec.acts))
    assert same >= 4 and actors >= 4, text


@pytest.mark.parametrize("seed", range(12))
def test_random_layouts(tmp_path, seed):
    """A sweep of random layouts (paper, style, grid, wrapper, actors, rows, pages):
    actors, symbols and edges exact."""
    from .lookalike import build
    from .variants import random_spec

    spec = random_spec(seed)
    path = tmp_path / f"{spec.name}.pdf"
    build(spec, path)
    _doc, draft, text, sop = _import(path)
    assert list(sop.pelaksana.values()) == spec.actors
    assert len(sop.kegiatan) == len(spec.acts), text
    for i, (want, got, d) in enumerate(zip(spec.acts, sop.kegiatan, draft.activities)):
        assert [sop.pelaksana[p] for p in got.pelaksana] == [spec.actors[k] for k in want.actor], (i, text)
        assert d.symbol == want.kind, (i, text)
    for i, (edges, got) in enumerate(zip(spec.truth_edges(), sop.kegiatan)):
        want = {(t, lab) for t, lab in edges if t != "selesai"}
        assert {(e.target, e.label or "") for e in got.edges if e.target is not None} == want, (i, text)
