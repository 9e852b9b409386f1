"""Per-SOP records of the repository pages (sopc.site.records): plain data that survives
json and marshal, and ``generate()`` gives the same bytes whether it computes the
records from full SOPs or is given them with every SOP replaced by its light index
entry (what the incremental build does)."""

from __future__ import annotations

import copy
import json
import marshal
import subprocess
import sys
from pathlib import Path

import pytest

from sopc.cache import store as build_cache
from sopc.lint.context import LintContext
from sopc.core.diagnostics import Level
from sopc.core.model import SOP, Repository
from sopc.site import pages
from sopc.site.options import SiteOptions
from sopc.site.records import RECORD_VERSION, record_of
from test_site_helpers import TODAY, load, sample_sops, write_repo

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"


def _lint(repo, diags, lang="id"):
    from sopc.lint import engine

    ctx = LintContext(repo, TODAY, lang)
    found = [d for d in diags if d.level > Level.OFF]
    found += [d for d in engine.lint(repo, ctx, repo.sops) if d.level > Level.OFF]
    return ctx, found


def _light(repo: Repository) -> Repository:
    sops = []
    for s in repo.sops:
        e = SOP.index_entry(s.path, s.relpath, s.nomor, s.nama, s.unit, dict(s.pelaksana),
                            list(s.keterkaitan), s.complete)
        e.source_hash = s.source_hash
        assert e.light and not e.kegiatan and e.tanggal_efektif is None
        sops.append(e)
    return Repository(config=repo.config, sops=sops)


def _check(root: Path, tmp_path: Path, lang: str = "id") -> dict[str, dict]:
    repo, load_diags = load(root)
    assert repo.sops
    ctx, diags = _lint(repo, load_diags, lang)
    with build_cache.active(tmp_path / "memo"):       # the second run reuses the SVGs
        records: dict[str, dict] = {}
        full = pages.generate(repo, diags, ctx, None, SiteOptions(lang=lang, records=records))
        assert sorted(records) == sorted(s.relpath for s in repo.sops)
        # what a build caches between runs goes through marshal (or json)
        given = marshal.loads(marshal.dumps(json.loads(json.dumps(records))))
        light = _light(repo)
        ctx2 = LintContext(light, TODAY, lang)
        out = pages.generate(light, diags, ctx2, None, SiteOptions(lang=lang, records=given))
        # nothing recomputed for the light SOPs
        assert given == records
        # and without records at all, the same as well
        plain = pages.generate(repo, diags, ctx, None, SiteOptions(lang=lang))
    assert sorted(out) == sorted(full) == sorted(plain)
    differ = [rel for rel in full if out[rel] != full[rel] or plain[rel] != full[rel]]
    assert not differ, differ
    for rel in ("index.html", "peta.html", "pelaksana.html"):
        assert rel in full
    return records


def _roundtrip(rec):
    assert json.loads(json.dumps(rec)) == rec
    assert marshal.loads(marshal.dumps(rec)) == rec

    def plain(v):
        if isinstance(v, dict):
            return all(isinstance(k, str) and plain(x) for k, x in v.items())
        if isinstance(v, list):
            return all(plain(x) for x in v)
        return v is None or isinstance(v, (str, int, float, bool))

    assert plain(rec)


def test_records_roundtrip_json_and_marshal(tmp_path):
    repo, _ = load(write_repo(tmp_path / "repo", sample_sops(hostile=True)))
    for lang in ("id", "en"):
        for s in repo.sops:
            rec = record_of(s, repo.config, lang)
            assert rec["v"] == RECORD_VERSION and rec["relpath"] == s.relpath
            _roundtrip(rec)
            # pure: the same SOP gives the same record
            assert record_of(s, repo.config, lang) == rec


def test_records_examples_roundtrip():
    repo, _ = load(EXAMPLES)
    for s in repo.sops:
        _roundtrip(record_of(s, repo.config, "id"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_light_entries_with_records_equal_full_sops_sample(tmp_path, lang):
    _check(write_repo(tmp_path / "repo", sample_sops(hostile=True)), tmp_path, lang)


def test_light_entries_with_records_equal_full_sops_examples(tmp_path):
    _check(EXAMPLES, tmp_path)


def test_light_entries_with_records_equal_full_sops_corpus(tmp_path):
    out = tmp_path / "corpus"
    subprocess.run([sys.executable, str(HERE.parent / "benchmarks" / "gen_corpus.py"), str(out),
                    "--count", "50"], check=True, capture_output=True)
    records = _check(out, tmp_path)
    assert len(records) == 50


def test_record_is_used_instead_of_the_sop(tmp_path):
    """A given record wins: generate reads nothing else of that SOP (here the record of
    a changed copy shows up in the pages although the SOP object is the old one)."""
    root = write_repo(tmp_path / "repo", sample_sops())
    repo, diags = load(root)
    ctx, diags = _lint(repo, diags)
    s = next(x for x in repo.sops if x.nomor == "SOP-003/UJI/2025")
    rec = record_of(s, repo.config, "id")
    changed = copy.deepcopy(rec)
    changed["efektif_teks"] = "31 Desember 2099"
    changed["tugas"][0]["baris"] = changed["tugas"][0]["baris"].replace(
        "Menerima permintaan informasi", "Menerima permintaan lain")
    out = pages.generate(repo, diags, ctx, None, SiteOptions(lang="id", records={s.relpath: changed}))
    assert "31 Desember 2099" in out["index.html"].decode()
    assert "Menerima permintaan lain" in out["pelaksana.html"].decode()


def test_stale_record_is_recomputed_for_a_full_sop(tmp_path):
    root = write_repo(tmp_path / "repo", sample_sops())
    repo, diags = load(root)
    ctx, diags = _lint(repo, diags)
    s = repo.sops[0]
    stale = dict(record_of(s, repo.config, "id"), v=RECORD_VERSION - 1, efektif_teks="X")
    records = {s.relpath: stale}
    pages.generate(repo, diags, ctx, None, SiteOptions(lang="id", records=records))
    assert records[s.relpath] == record_of(s, repo.config, "id")


def test_options_without_records(tmp_path):
    repo, diags = load(write_repo(tmp_path / "repo", sample_sops()))
    ctx, diags = _lint(repo, diags)
    a = pages.generate(repo, diags, ctx, None, SiteOptions(pdf=False, lang="id"))
    b = pages.generate(repo, diags, ctx, None, None)
    assert a == b
