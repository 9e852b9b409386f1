"""Fuzzy matching helpers (sopc.rules._lib.fuzzy) on Indonesian actor labels and SOP names."""

from __future__ import annotations

import pytest

from sopc.rules._lib.fuzzy import is_near_duplicate, levenshtein, near_duplicates, nearest, similarity, squash


@pytest.mark.parametrize("a,b,d", [
    ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("kasubag", "kasubbag", 1),
    ("layanan", "pelayanan", 2), ("sekretaris", "sekertaris", 2), ("umum", "hukum", 2),
    ("kitten", "sitting", 3),
])
def test_levenshtein(a, b, d):
    assert levenshtein(a, b) == d
    assert levenshtein(b, a) == d


def test_levenshtein_early_exit():
    assert levenshtein("kepala dinas", "sekretaris daerah", 2) == 3
    assert levenshtein("a" * 50, "b", 2) == 3
    assert levenshtein("kasubag", "kasubbag", 2) == 1


def test_similarity_ignores_case_and_spaces():
    assert similarity("Petugas  Loket", "petugas loket") == 1.0
    assert 0 < similarity("Kepala Dinas", "Kepala Bidang") < 1


def test_nearest():
    names = ["Pengelolaan Surat Masuk", "Penerbitan Izin Reklame", "SOP-003/DPMPTSP/2025"]
    assert nearest("Pengelolan Surat Masuk", names) == "Pengelolaan Surat Masuk"
    assert nearest("sop-003/dpmptsp/2025", names) == "SOP-003/DPMPTSP/2025"
    assert nearest("Pengadaan Barang dan Jasa Konstruksi", names, cutoff=0.75) is None
    assert nearest("", names) is None
    assert nearest("apa saja", []) is None


def test_squash():
    assert squash("Kasubbag Umum") == squash("Kasubag  umum.") == "kasubagumum"
    assert squash("Sub Bagian Umum") == squash("Subbagian Umum")


@pytest.mark.parametrize("a,b", [
    ("Petugas Layanan", "Petugas Pelayanan"),
    ("Kasubbag", "Kasubag"),
    ("Kasubbag Umum", "Kasubag Umum"),
    ("Sub Bagian Umum", "Subbagian Umum"),
    ("Sekretaris", "Sekertaris"),
    ("Petugas Loket", "Petugas loket"),
    ("Kasi Pelayanan", "Kasie Pelayanan"),
    ("Staf", "Staff"),
])
def test_near_duplicates(a, b):
    assert is_near_duplicate(a, b)
    assert is_near_duplicate(b, a)


@pytest.mark.parametrize("a,b", [
    ("Kepala Seksi I", "Kepala Seksi II"),
    ("Staf 1", "Staf 2"),
    ("Kepala Bidang A", "Kepala Bidang B"),
    ("Kasubag Umum", "Kasubag Hukum"),
    ("Kasi", "Kadis"),
    ("Kabid", "Kabag"),
    ("Kepala Dinas", "Kepala Badan"),
    ("Petugas Loket", "Petugas Loket Pelayanan"),
    ("Kepala Seksi Pelayanan", "Kepala Seksi Perizinan"),
    ("Petugas Loket", "Petugas Loket"),
])
def test_not_near_duplicates(a, b):
    assert not is_near_duplicate(a, b)


def test_near_duplicates_over_a_repository():
    labels = ["Petugas Layanan", "Petugas Pelayanan", "Kepala Dinas", "Kasubbag Umum", "Kasubag Umum",
              "Kepala Seksi I", "Kepala Seksi II", "Pemohon", "Kepala Dinas"]
    got = near_duplicates(labels)
    assert got == {
        "Petugas Layanan": ["Petugas Pelayanan"],
        "Petugas Pelayanan": ["Petugas Layanan"],
        "Kasubbag Umum": ["Kasubag Umum"],
        "Kasubag Umum": ["Kasubbag Umum"],
    }


def test_near_duplicates_many_labels_blocked():
    labels = [f"Kepala Seksi Urusan {i}" for i in range(500)] + [f"Analis Bidang {w}" for w in
              ("Keuangan", "Kepegawaian", "Perencanaan", "Perencanan")]
    got = near_duplicates(labels)
    assert got == {"Analis Bidang Perencanaan": ["Analis Bidang Perencanan"],
                   "Analis Bidang Perencanan": ["Analis Bidang Perencanaan"]}
