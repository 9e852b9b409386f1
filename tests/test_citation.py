"""Regulation citation parser (sopc.rules._lib.citation) on real dasar_hukum wording."""

from __future__ import annotations

import pytest

from sopc.rules._lib import citation as c
from sopc.rules._lib.citation import parse_citation


@pytest.mark.parametrize("text,kind,rank,nomor,tahun", [
    ("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "UUD", 1, None, 1945),
    ("UUD 1945", "UUD", 1, None, 1945),
    ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "UU", 3, "25", 2009),
    ("UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 30 TAHUN 2014 TENTANG ADMINISTRASI PEMERINTAHAN", "UU", 3, "30", 2014),
    ("Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja", "PERPPU", 3, "2", 2022),
    ("Perppu Nomor 1 Tahun 2020 tentang Kebijakan Keuangan Negara", "PERPPU", 3, "1", 2020),
    ("Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik", "PP", 4, "96", 2012),
    ("PP Nomor 94 Tahun 2021 tentang Disiplin PNS", "PP", 4, "94", 2021),
    ("Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik", "PERPRES", 5, "95", 2018),
    ("Perpres Nomor 12 Tahun 2021 tentang Perubahan atas Perpres 16/2018", "PERPRES", 5, "12", 2021),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP", "PERMEN", 7, "35", 2012),
    ("PermenPANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP", "PERMEN", 7, "35", 2012),
    ("Permendagri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan Keuangan Daerah", "PERMEN", 7, "77", 2020),
    ("Peraturan Menteri Keuangan Nomor 190/PMK.05/2012 tentang Tata Cara Pembayaran", "PERMEN", 7, "190/PMK.05/2012", 2012),
    ("PMK Nomor 190/PMK.05/2012 tentang Tata Cara Pembayaran", "PERMEN", 7, "190/PMK.05/2012", 2012),
    ("Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja", "PERMEN", 7, "7", 2020),
    ("Peraturan BPS Nomor 5 Tahun 2019 tentang Organisasi", "PERMEN", 7, "5", 2019),
    ("Peraturan Kepala Arsip Nasional RI Nomor 28 Tahun 2012 tentang Pedoman Penyusunan SOP", "PERMEN", 7, "28", 2012),
    ("Perka BPS Nomor 7 Tahun 2008 tentang Organisasi", "PERMEN", 7, "7", 2008),
    ("Peraturan Daerah Provinsi Jawa Timur Nomor 1 Tahun 2019 tentang Pelayanan Publik", "PERDA", 9, "1", 2019),
    ("Peraturan Daerah Kabupaten Contoh Nomor 3 Tahun 2021 tentang Reklame", "PERDA", 11, "3", 2021),
    ("Perda Kota Batam Nomor 2 Tahun 2019 tentang Pelayanan Publik", "PERDA", 11, "2", 2019),
    ("Peraturan Gubernur Jawa Timur Nomor 3 Tahun 2020 tentang Pedoman", "PERGUB", 10, "3", 2020),
    ("Peraturan Bupati Malang Nomor 12 Tahun 2016 tentang Kedudukan Kecamatan", "PERBUP", 12, "12", 2016),
    ("Perbup Lumajang Nomor 4 Tahun 2020 tentang Pelimpahan Kewenangan", "PERBUP", 12, "4", 2020),
    ("Peraturan Wali Kota Batam Nomor 5 Tahun 2020 tentang Pelayanan", "PERWAL", 12, "5", 2020),
    ("Peraturan Walikota Mataram Nomor 5 Tahun 2019 tentang Pelayanan", "PERWAL", 12, "5", 2019),
    ("Keputusan Bupati Contoh Nomor 100 Tahun 2023 tentang Tim Penyusun SOP", "KEPUTUSAN", 14, "100", 2023),
    ("Keputusan Presiden Nomor 80 Tahun 2003 tentang Pengadaan Barang/Jasa", "KEPPRES", 5, "80", 2003),
    ("Surat Edaran Menteri PANRB Nomor 2 Tahun 2022 tentang Pelaksanaan", "SE", 15, "2", 2022),
])
def test_kinds_and_ranks(text, kind, rank, nomor, tahun):
    r = parse_citation(text)
    assert r is not None
    assert (r.kind, r.rank, r.nomor, r.tahun) == (kind, rank, nomor, tahun)
    assert r.well_formed, r.problems


@pytest.mark.parametrize("text,region", [
    ("Peraturan Daerah Kabupaten Contoh Nomor 3 Tahun 2021 tentang Reklame", "Kabupaten Contoh"),
    ("Perda Kab. Malang Nomor 2 Tahun 2018 tentang Retribusi", "Kabupaten Malang"),
    ("Peraturan Daerah Provinsi Jawa Timur Nomor 1 Tahun 2019 tentang Pelayanan Publik", "Provinsi Jawa Timur"),
    ("Peraturan Daerah Prov. Kepulauan Riau Nomor 1 Tahun 2018 tentang X", "Provinsi Kepulauan Riau"),
    ("Peraturan Bupati Contoh Nomor 12 Tahun 2022 tentang Perizinan", "Kabupaten Contoh"),
    ("Peraturan Bupati Kabupaten Contoh Nomor 12 Tahun 2022 tentang Perizinan", "Kabupaten Contoh"),
    ("Peraturan Wali Kota Batam Nomor 5 Tahun 2020 tentang Pelayanan", "Kota Batam"),
    ("Perwal Mataram Nomor 5 Tahun 2019 tentang Pelayanan", "Kota Mataram"),
    ("Peraturan Gubernur Jawa Timur Nomor 3 Tahun 2020 tentang Pedoman", "Provinsi Jawa Timur"),
    ("Pergub DKI Jakarta Nomor 3 Tahun 2020 tentang Pedoman", "Provinsi DKI Jakarta"),
    ("Qanun Aceh Nomor 3 Tahun 2020 tentang Pedoman", "Provinsi Aceh"),
    ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", None),
])
def test_region(text, region):
    assert parse_citation(text).region == region


@pytest.mark.parametrize("text,problems", [
    ("UU 25/2009 tentang Pelayanan Publik", (c.NO_NOMOR, c.NO_TAHUN)),
    ("UU No. 25 Tahun 2009 tentang Pelayanan Publik", (c.NOMOR_WORD,)),
    ("UU No 25 Tahun 2009 tentang Pelayanan Publik", (c.NOMOR_WORD,)),
    ("Undang-Undang Nomor 25 Tahun 2009", (c.NO_TENTANG,)),
    ("Undang-Undang Nomor 25 tentang Pelayanan Publik", (c.NO_TAHUN,)),
    ("Undang-Undang Tahun 2009 tentang Pelayanan Publik", (c.NO_NOMOR,)),
    ("Peraturan Daerah tentang Reklame Nomor 3 Tahun 2021", (c.ORDER,)),
    ("Undang-Undang Nomor 25 Tahun 2009 tentang", (c.NO_TENTANG,)),
])
def test_form_problems(text, problems):
    r = parse_citation(text)
    assert r is not None and r.problems == problems


@pytest.mark.parametrize("text", [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.",
    "undang-undang nomor 25 tahun 2009 tentang pelayanan publik",
    "  Undang-Undang  Nomor 25  Tahun 2009 tentang Pelayanan Publik ",
    "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan SOP",
])
def test_tolerated_variants(text):
    r = parse_citation(text)
    assert r is not None and r.well_formed, r and r.problems


@pytest.mark.parametrize("text", ["", "   ", ";", "Pelayanan Publik", "Standar Pelayanan Dinas", "Peraturan"])
def test_unrecognised(text):
    assert parse_citation(text) is None


@pytest.mark.parametrize("text,replacement_contains", [
    ("Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan SOP", "Nomor 35 Tahun 2012"),
    ("Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah", "Nomor 23 Tahun 2014"),
    ("Peraturan Presiden Nomor 54 Tahun 2010 tentang Pengadaan Barang/Jasa Pemerintah", "Nomor 16 Tahun 2018"),
    ("Undang-Undang Nomor 43 Tahun 1999 tentang Perubahan atas UU 8/1974", "Nomor 20 Tahun 2023"),
    ("Undang-Undang Nomor 8 Tahun 1974 tentang Pokok-Pokok Kepegawaian", "Nomor 20 Tahun 2023"),
    ("Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara", "Nomor 20 Tahun 2023"),
    ("Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin PNS", "Nomor 94 Tahun 2021"),
    ("Peraturan Pemerintah Nomor 46 Tahun 2011 tentang Penilaian Prestasi Kerja PNS", "Nomor 30 Tahun 2019"),
    ("Permendagri Nomor 13 Tahun 2006 tentang Pedoman Pengelolaan Keuangan Daerah", "Nomor 77 Tahun 2020"),
    ("Keputusan Presiden Nomor 80 Tahun 2003 tentang Pengadaan", "Nomor 16 Tahun 2018"),
    ("UU No. 32 Tahun 2004 tentang Pemerintahan Daerah", "Nomor 23 Tahun 2014"),
])
def test_repealed(text, replacement_contains):
    new = c.repealed_replacement(parse_citation(text))
    assert new and replacement_contains in new


@pytest.mark.parametrize("text", [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Menteri Kesehatan Nomor 13 Tahun 2006 tentang Contoh",   # not Permendagri
    "Peraturan Daerah Kabupaten Contoh Nomor 32 Tahun 2004 tentang Contoh",  # not the UU
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
])
def test_not_repealed(text):
    assert c.repealed_replacement(parse_citation(text)) is None
    assert c.repealed_replacement(None) is None


def test_region_helpers():
    assert c.region_key("Kab. Contoh") == c.region_key("Kabupaten  Contoh") == "kabupaten contoh"
    assert c.region_key("Pemerintah Kabupaten Contoh") == "kabupaten contoh"
    assert c.canonical_region("Kotamadya Batam") == "Kota Batam"
    assert c.region_level("Prov. Jawa Timur") == "provinsi"
    assert c.region_level("Contoh") is None
    assert c.region_key(None) == ""


def test_same_regulation():
    a = parse_citation("PermenPANRB Nomor 35 Tahun 2012 tentang X")
    b = parse_citation("Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman")
    d = parse_citation("Permendagri Nomor 35 Tahun 2012 tentang Y")
    assert c.same_regulation(a, b)
    assert not c.same_regulation(a, d)


def test_short_label():
    assert parse_citation("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik").short == "UU 25/2009"
    assert parse_citation("PMK Nomor 190/PMK.05/2012 tentang X").short.endswith("190/PMK.05/2012")


@pytest.mark.parametrize("text,kind,rank", [
    ("Ketetapan Majelis Permusyawaratan Rakyat Nomor XI/MPR/1998 tentang Penyelenggara Negara", "TAP_MPR", 2),
    ("Keputusan Presiden Nomor 42 Tahun 2002 tentang Pedoman Pelaksanaan APBN", "KEPPRES", 5),
    ("Keppres Nomor 80 Tahun 2003 tentang Pengadaan", "KEPPRES", 5),
    ("Instruksi Presiden Nomor 3 Tahun 2003 tentang E-Government", "INSTRUKSI", 6),
    ("Peraturan Direktur Jenderal Perbendaharaan Nomor PER-40/PB/2006 tentang Penyusunan Laporan Keuangan", "PERDIRJEN", 8),
    ("Perdirjen Perbendaharaan Nomor PER-10/PB/2018 tentang Petunjuk Teknis", "PERDIRJEN", 8),
    ("Peraturan Sekretaris Utama Badan Pusat Statistik Nomor 4 Tahun 2021 tentang Tata Naskah", "PERDIRJEN", 8),
    ("Peraturan Rektor Universitas Contoh Nomor 12 Tahun 2021 tentang Pedoman Akademik", "PERDIRJEN", 8),
    ("Peraturan Kepala Dinas Komunikasi dan Informatika Nomor 1 Tahun 2021 tentang Pusat Data", "PERKADA", 13),
    ("Peraturan Desa Sukamaju Nomor 2 Tahun 2023 tentang APBDes", "PERDES", 13),
    # before UU 12/2011, a Keputusan that regulates ranks with its regulation (Pasal 100)
    ("Keputusan Kepala Badan Pusat Statistik Nomor 121 Tahun 2001 tentang Organisasi dan Tata Kerja", "KEPUTUSAN", 7),
    ("Keputusan Menteri Keuangan Nomor 332/KMK.01/2004 tentang Pedoman Pelaksanaan Anggaran", "KEPUTUSAN", 7),
    ("Keputusan Direktur Jenderal Perbendaharaan Nomor KEP-10/PB/2009 tentang Kodefikasi", "KEPUTUSAN", 8),
    ("Keputusan Gubernur Jawa Timur Nomor 5 Tahun 2008 tentang Pedoman Perizinan", "KEPUTUSAN", 10),
    ("Keputusan Walikota Contoh Nomor 12 Tahun 2009 tentang Pedoman Pelayanan Perizinan", "KEPUTUSAN", 12),
    # a Keputusan that appoints or forms a team stays a Keputusan; so does one after 2011
    ("Keputusan Kepala Badan Pusat Statistik Nomor 1 Tahun 2009 tentang Pembentukan Tim Penyusun SOP", "KEPUTUSAN", 14),
    ("Keputusan Kepala Badan Pusat Statistik Nomor 50 Tahun 2022 tentang Petunjuk Teknis Layanan", "KEPUTUSAN", 14),
    ("Keputusan Kepala Dinas Kesehatan Nomor 3 Tahun 2005 tentang Pedoman", "KEPUTUSAN", 14),
    ("Surat Edaran Direktur Jenderal Perbendaharaan Nomor SE-22/PB/2017 tentang Akhir Tahun", "SE", 15),
])
def test_hierarchy_of_uu_12_2011(text, kind, rank):
    r = parse_citation(text)
    assert r is not None and (r.kind, r.rank) == (kind, rank)


def test_hierarchy_extension_and_comparability():
    h = c.hierarchy((("Nota Dinas", "SE"), ("Peraturan Yayasan", "9")))
    assert parse_citation("Nota Dinas Nomor 5 Tahun 2020 tentang Jam Kerja", h).rank == 15
    assert parse_citation("Peraturan Yayasan Contoh Nomor 1 Tahun 2020 tentang X", h).rank == 9
    assert parse_citation("Nota Dinas Nomor 5 Tahun 2020 tentang Jam Kerja") is None
    assert c.hierarchy() is c.hierarchy()
    t = c.hierarchy()
    assert not t.comparable(10, 11) and not t.comparable(12, 10) and t.comparable(9, 11)
    kep = parse_citation("Keputusan Bupati Contoh Nomor 1 Tahun 2022 tentang Tim")
    ins = parse_citation("Instruksi Bupati Contoh Nomor 2 Tahun 2021 tentang Apel")
    assert kep.rank == ins.rank and not t.chronological(kep, ins)
    uu = parse_citation("Undang-Undang Nomor 1 Tahun 2004 tentang Perbendaharaan Negara")
    perppu = parse_citation("Perppu Nomor 1 Tahun 2020 tentang Kebijakan Keuangan Negara")
    assert t.chronological(uu, perppu)
