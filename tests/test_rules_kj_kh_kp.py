"""KJ, KH and KP rules called directly on hand-built model objects: odd values never
crash a rule, options and configuration are honoured, messages are bilingual."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sopc.lint.context import LintContext
from sopc.core.model import SOP, Activity, Config, Link, Pengesah, Repository
from sopc.rules import all_rules, get_rule

OURS = [r for r in all_rules() if r.group in ("KJ", "KH", "KP")]


def make_sop(**kw) -> SOP:
    acts = kw.pop("kegiatan", None) or [
        Activity(0, uraian="Mengajukan permohonan", pelaksana=["pemohon"]),
        Activity(1, uraian="Memeriksa berkas", pelaksana=["loket"], cabang={"Ya": "3", "Tidak": "1"}),
        Activity(2, uraian="Menyerahkan surat izin kepada pemohon", pelaksana=["loket"]),
    ]
    base = dict(
        path=Path("/tmp/x.sop.yaml"), nomor="SOP-001/DPMPTSP/2026", nama="Izin Reklame",
        tanggal_efektif=dt.date(2026, 2, 1),
        disahkan_oleh=Pengesah("Kepala Dinas", "Dra. Siti Rahmawati, M.Si.", "197203151998032004"),
        dasar_hukum=["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"],
        pelaksana={"pemohon": "Pemohon", "loket": "Petugas Loket"},
        kegiatan=acts,
    )
    base.update(kw)
    return SOP(**base)


def run(code, sop, config=None, options=None):
    rule = get_rule(code)
    cfg = config or Config(root=Path("/tmp"))
    ctx = LintContext(Repository(cfg, [sop]), dt.date(2026, 6, 1))
    opts = dict(rule.options)
    opts.update(options or {})
    return list(rule.check(sop, ctx, opts))


def test_clean_sop_has_no_findings():
    sop = make_sop()
    for r in OURS:
        assert run(r.code, sop) == [], r.code


@pytest.mark.parametrize("rule", OURS, ids=lambda r: r.code)
def test_odd_values_do_not_crash(rule):
    sop = make_sop(
        nomor="", nama="", dasar_hukum=["", "   ", "Undang-Undang", "UU 1/20", "Nomor Tahun tentang"],
        disahkan_oleh=Pengesah("", "", ""), tanggal_efektif=None, pelaksana={},
        keterkaitan=[Link("SOP-002/X/2026"), Link("", external=True)],
        kegiatan=[Activity(0, uraian=""), Activity(1, uraian="   ", pelaksana=["a", "b"],
                                                   cabang={"": "x"}, keterangan="")],
    )
    cfg = Config(root=Path("/tmp"), nomor="([", wilayah="   ", istilah={"": ""},
                 dasar_hukum_dicabut={"": "", "UU": "x"})
    for f in run(rule.code, sop, cfg):
        assert f.message.id and f.message.en


def test_kj03_option_and_bad_option():
    long = "Memeriksa " + " ".join(["berkas"] * 11)
    sop = make_sop(kegiatan=[Activity(0, uraian=long, pelaksana=["loket"])])
    assert run("KJ03", sop) == []
    assert len(run("KJ03", sop, options={"maks_kata": 10})) == 1
    assert run("KJ03", sop, options={"maks_kata": "banyak"}) == []   # falls back to 25


def test_kj06_istilah_and_definition():
    sop = make_sop(kegiatan=[Activity(0, uraian="Menerbitkan SPM dan SP2D", pelaksana=["loket"]),
                             Activity(1, uraian="Menyerahkan SP2D (Surat Perintah Pencairan Dana)",
                                      pelaksana=["loket"])])
    got = run("KJ06", sop)
    assert [f.key for f in got] == ["SPM"]
    cfg = Config(root=Path("/tmp"), istilah={"SPM": "Surat Perintah Membayar"})
    assert run("KJ06", sop, cfg) == []


def test_kh05_needs_wilayah_and_compares_normalised():
    sop = make_sop(dasar_hukum=["Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang A",
                                "Perda Kab. Lain Nomor 2 Tahun 2021 tentang B"])
    assert run("KH05", sop) == []
    got = run("KH05", sop, Config(root=Path("/tmp"), wilayah="Kab. Contoh"))
    assert len(got) == 1 and "Kabupaten Lain" in got[0].message.id
    got = run("KH05", sop, Config(root=Path("/tmp"), wilayah="Contoh"))
    assert len(got) == 1


def test_kh04_configured_by_text_and_by_citation():
    sop = make_sop(dasar_hukum=["Peraturan Bupati Contoh Nomor 5 Tahun 2015 tentang Reklame;"])
    cfg = Config(root=Path("/tmp"), dasar_hukum_dicabut={
        "perbup contoh nomor 5 tahun 2015": "Peraturan Bupati Contoh Nomor 9 Tahun 2023"})
    (f,) = run("KH04", sop, cfg)
    assert "Nomor 9 Tahun 2023" in f.message.id and "Nomor 9 Tahun 2023" in f.message.en


def test_kp02_bad_regex_is_skipped():
    sop = make_sop(nomor="ABC")
    assert run("KP02", sop, Config(root=Path("/tmp"), nomor="([")) == []
    assert len(run("KP02", sop, Config(root=Path("/tmp"), nomor=r"^SOP-\d+$"))) == 1


def test_kj01_actor_label_and_kj02_hint():
    sop = make_sop(kegiatan=[Activity(0, uraian="Petugas Loket menerima berkas", pelaksana=["loket"]),
                             Activity(1, uraian="Diserahkan kepada pemohon", pelaksana=["loket"])])
    (f,) = run("KJ01", sop)
    assert "Petugas Loket" in f.message.id
    (g,) = run("KJ02", sop)
    assert "Menyerahkan" in g.message.id


def test_issue14_messages_suggest_real_words():
    sop = make_sop(kegiatan=[
        Activity(0, uraian="Penyusunan laporan kegiatan", pelaksana=["loket"]),
        Activity(1, uraian="Monitoring pelaksanaan kegiatan", pelaksana=["loket"]),
        Activity(2, uraian="Membuat surat, diajukan ke Kepala Dinas", pelaksana=["loket"]),
        Activity(3, uraian="Disahkan oleh Kepala Dinas", pelaksana=["loket"]),
        Activity(4, uraian="Diseminasi Publikasi Statistik Daerah", pelaksana=["loket"])])
    kj01 = run("KJ01", sop)
    assert "\"Menyusun ...\"" in kj01[0].message.id and "\"Memantau ...\"" in kj01[1].message.id
    assert "Diseminasi" in kj01[2].message.id
    kj02 = run("KJ02", sop)
    assert len(kj02) == 2                     # Diseminasi is a noun, not a passive
    assert "anak kalimat pasif" in kj02[0].message.id and "mengajukan" in kj02[0].message.id
    assert "\"Mengesahkan ...\"" in kj02[1].message.id


def test_issue14_config_keys(tmp_path):
    from sopc.loader.config import load_config_bytes
    cfg, diags = load_config_bytes(
        "instansi: {nama: X}\nkosakata: {kata_kerja: [timbang], kata_benda: [input]}\n"
        "hierarki: {Peraturan Rektor: PERDIRJEN, Nota Dinas: '15', Surat Tugas: PERMENN}\n",
        tmp_path)
    assert cfg.kosakata == {"kata_kerja": ["timbang"], "kata_benda": ["input"]}
    assert cfg.hierarki == {"Peraturan Rektor": "PERDIRJEN", "Nota Dinas": "15"}
    assert [d.code for d in diags] == ["E004"] and "PERMEN" in diags[0].text()
    cfg, diags = load_config_bytes("instansi: {nama: X}\nkosakata: {kata_kerjaa: [x]}\n", tmp_path)
    assert [d.code for d in diags] == ["E002"]


def test_issue14_schema_has_the_new_keys():
    from sopc.loader.schema import config_schema
    props = config_schema()["properties"]
    assert "kosakata" in props and "hierarki" in props
    assert set(props["kosakata"]["properties"]) == {"kata_kerja", "kata_benda"}
