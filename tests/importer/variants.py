"""The look-alike variants of IMPORT.md's final list, each a :class:`Spec` (its own
ground truth)."""

from __future__ import annotations

import dataclasses

from .lookalike import Act, Spec

A4 = (841.89, 595.28)


def base_acts() -> list[Act]:
    return [
        Act("Menerima surat masuk dan mencatatnya dalam buku agenda", [0], "terminator"),
        Act("Menelaah isi surat dan menyiapkan lembar disposisi", [1]),
        Act("Memeriksa kelengkapan lampiran surat", [1], "decision", edges=[(3, "Ya"), (1, "Tidak")]),
        Act("Memberikan disposisi kepada pejabat terkait", [2], kelengkapan="Lembar disposisi", waktu="1 jam",
            output="Disposisi", keterangan="Melalui aplikasi"),
        Act("Mengarsipkan surat sesuai klasifikasi", [0], "terminator"),
    ]


def long_acts(n: int) -> list[Act]:
    acts = [Act("Menerima permohonan layanan dari pengguna", [0], "terminator")]
    for i in range(1, n - 1):
        acts.append(Act(f"Memproses tahap {i} permohonan dan mencatat hasilnya", [1 + i % 2]))
    acts.append(Act("Menyerahkan hasil layanan kepada pengguna", [0], "terminator"))
    return acts


def variants() -> dict[str, Spec]:
    v: dict[str, Spec] = {}

    v["letter_rings"] = Spec("letter_rings", acts=base_acts(), junctions=True)
    v["a4_word_grey"] = Spec("a4_word_grey", paper=A4, style="word", fill="grey", rule=0.24, acts=base_acts(),
                             chevron=True,
                             nip_line="NIP. 19720315 199803 2 004", expect_nip="19720315 199803 2 004")
    v["a4_near_excel"] = Spec(
        "a4_near_excel", paper=(842.04, 595.56), style="excel", colon=True, rule=0.72, acts=base_acts(),
        labels={"nomor": "NOMOR SOP AP", "pembuatan": "TGL. PEMBUATAN", "revisi": "TGL. REVISI",
                "efektif": "Tanggal Pengesahan", "disahkan": "DISAHKAN OLEH", "nama": "Judul SOP",
                "dasar_hukum": "Dasar Hukum:", "kualifikasi_pelaksana": "Kualifikasi Pelaksanaan:",
                "keterkaitan": "Keterkaitan:", "peralatan": "Peralatan/Perlengkapan:", "peringatan": "Peringatan:",
                "pencatatan": "Pencatatan dan Pendataan:"},
        col_labels={"kegiatan": "Aktivitas/Kegiatan", "kelengkapan": "Persyaratan/ Kelengkapan", "ket": "Ket."},
        pelaksana_label=False, mutu="Mutu Buku", colnums="paren",
        nip_line="NIP 197203151998032004", expect_nip="197203151998032004")
    v["legal_visio_nested"] = Spec(
        "legal_visio_nested", paper=(1008.0, 612.0), style="visio", blue_lines=True, wrapper="nested",
        qr_twice=True, fill="blue", rule=1.44,
        actors=["Pengguna Layanan", "Petugas Loket", "Verifikator", "Kepala Seksi", "Kepala Bidang", "Kepala Kantor"],
        order=("no", "kegiatan", "actors", "kelengkapan", "output", "waktu", "ket"),
        col_labels={"kegiatan": "Uraian Prosedur", "ket": "KETERANGAN", "no": "NO."}, colnums="plain",
        acts=[Act("Mengajukan permohonan", [0], "terminator"), Act("Menerima dan memeriksa berkas", [1]),
              Act("Memverifikasi data permohonan", [2]), Act("Menyetujui konsep jawaban", [3]),
              Act("Menandatangani jawaban", [4]), Act("Mengesahkan dan mengirim jawaban", [5], "terminator")],
        nip_line="NIP. 197203151998032004", expect_nip="197203151998032004")
    v["odd_stroked_two_actors"] = Spec(
        "odd_stroked_two_actors", paper=(990.0, 765.0), wrapper="none", grid="stroked",
        actors=["Pemohon", "Petugas"], order=("no", "kegiatan", "actors", "waktu", "output", "ket"),
        col_labels={"no": "NO."}, colnums="skip",
        acts=[Act("Mengisi formulir permohonan", [0], "terminator"), Act("Memeriksa formulir", [1]),
              Act("Menerima tanda terima", [0], "terminator")])
    v["one_page"] = Spec("one_page", layout="one_page",
                         acts=[Act("Menyusun konsep nota dinas", [0], "terminator"),
                               Act("Memaraf konsep nota dinas", [1]),
                               Act("Menandatangani nota dinas", [2], "terminator")],
                         lists={"dasar_hukum": ["Peraturan Menteri Nomor 5 Tahun 2021"], "kualifikasi_pelaksana": [],
                                "keterkaitan": [], "peralatan": ["Komputer"], "peringatan": [], "pencatatan": []})
    v["one_row"] = Spec("one_row", layout="one_page", acts=[Act("Mengirim laporan bulanan", [1], "terminator")],
                        lists={"dasar_hukum": ["Peraturan Menteri Nomor 5 Tahun 2021"], "kualifikasi_pelaksana": [],
                               "keterkaitan": [], "peralatan": [], "peringatan": [], "pencatatan": []})
    v["multipage"] = Spec("multipage", acts=long_acts(12), rows_per_page=5, page_numbers="dash")
    v["multipage_labels_reused"] = Spec("multipage_labels_reused", acts=long_acts(10), rows_per_page=3,
                                        offpage_labels=True, offpage_reuse=True, style="visio")
    v["fill_into_footer"] = Spec("fill_into_footer", acts=long_acts(16), rows_per_page=99, bottom_margin=35,
                                 col_labels={"no": "", "kegiatan": "AKTIVITAS", "kelengkapan": "Sumber Data"},
                                 mutu="MUTU BAKU")
    v["one_page_continued"] = Spec("one_page_continued", layout="one_page", acts=long_acts(7), rows_per_page=2,
                                   col_labels={"kegiatan": "Uraian", "kelengkapan": "Input", "waktu": "Waktu (menit)",
                                               "ket": "Ket"}, lists={
                                       "dasar_hukum": ["Peraturan Menteri Nomor 5 Tahun 2021"],
                                       "kualifikasi_pelaksana": [], "keterkaitan": [], "peralatan": [],
                                       "peringatan": [], "pencatatan": []})
    v["identity_spill"] = Spec("identity_spill", spill=True, acts=base_acts(),
                               col_labels={"kegiatan": "Aktivitas", "kelengkapan": "Persyaratan/ Perlengkapan"})
    v["multipage_repeat_labeled"] = Spec("multipage_repeat_labeled", acts=long_acts(9), rows_per_page=4,
                                         repeat_header=True, offpage_labels=True, page_numbers="bare",
                                         style="word", trailing_blank=True)
    _rows_and_text(v)
    _labels_and_images(v)
    return v


def _rows_and_text(v: dict[str, Spec]) -> None:
    """Row shapes, dates, NIP and lists, text damage."""
    rows = [
        Act("Menerima berkas permohonan", [1], start_cap=True),
        Act("Memeriksa berkas bersama", [1, 2]),
        Act("Membahas hasil pemeriksaan", [0], straddle=True),
        Act("Menilai kelayakan berkas", [2], "decision", edges=[(4, "Lengkap"), (5, "Belum Lengkap")]),
        Act("Menerbitkan surat keputusan", [2], end_cap=True, edges=[("selesai", "")]),
        Act("Mengembalikan berkas kepada pemohon", [0], "terminator", edges=[("selesai", "")]),
    ]
    v["rows_mixed"] = Spec("rows_mixed", acts=rows, style="word",
                           actors=["Pemohon", "Petugas", "Verifikator", "Kepala"])
    v["labels_right"] = Spec("labels_right", acts=[dataclasses.replace(a) for a in rows], label_right=True,
                             actors=["Pemohon", "Petugas", "Verifikator", "Kepala"])
    v["split_row"] = Spec("split_row", style="word", acts=[
        Act("Menerima berkas", [0], "terminator"),
        Act("Memeriksa berkas teknis dan administrasi", [1], edges=[(3, "")]),
        Act("Memeriksa berkas teknis dan administrasi", [2], share_row=True, edges=[(4, "")]),
        Act("Menyusun catatan teknis", [1], edges=[(5, "")]),
        Act("Menyusun catatan administrasi", [2]),
        Act("Menyerahkan hasil", [0], "terminator")])
    v["no_terminators"] = Spec("no_terminators", style="excel",
                               acts=[Act("Menyusun rencana kerja", [0]), Act("Membahas rencana kerja", [1]),
                                     Act("Menetapkan rencana kerja", [2])])
    v["undrawn_divider"] = Spec("undrawn_divider", actors=["Staf", "Kasi", "Kabid", "Kadis"], undrawn=1,
                                acts=[Act("Menyiapkan bahan", [0], "terminator"), Act("Memeriksa bahan", [1]),
                                      Act("Menyetujui bahan", [2]), Act("Menetapkan bahan", [3], "terminator")])
    v["undrawn_numbered"] = Spec("undrawn_numbered", actors=["Pengadministrasi Perkantoran", "Kepala Subbagian Umum", "Kepala Kantor"],
                                 undrawn=0, colnums="paren", style="excel",
                                 acts=[Act("Menyiapkan bahan", [0], "terminator"), Act("Memeriksa bahan", [1]),
                                       Act("Menetapkan bahan", [2], "terminator")])
    v["dates_zero_english"] = Spec("dates_zero_english", dates=("02 Juni 2025", "", "2 June 2025"),
                                   expect_dates=("2025-06-02", None, "2025-06-02"), acts=base_acts())
    v["dates_month_kerning"] = Spec("dates_month_kerning", dates=("Januari 2013", "0 2 Juni 2025", "0 2 Juni 2025"),
                                    expect_dates=("2013-01-01", "2025-06-02", "2025-06-02"), acts=base_acts(),
                                    nomor_lines=("SOP-0 12/17000/2025", "(semula SOP-05/17000/2019)"),
                                    nip_line="NIP. 19800101 200501 1 001", expect_nip="19800101 200501 1 001")
    v["lists_comma_damage"] = Spec(
        "lists_comma_damage", list_style="comma", wrap_label=True, no_peralatan=True,
        damage={"letterspace", "tab"},
        acts=[Act("Menyusun Lapora|n kinerja triwulan", [0], "terminator"),
              Act("Mengunggah berkas ke aplikasi Offic~e", [1], kelengkapan="Nota Dinas 12/20|25"),
              Act("Mengirim laporan", [2], "terminator")])
    v["bullets"] = Spec("bullets", list_style="bullet", acts=base_acts(), damage={"shuffle"})


def _labels_and_images(v: dict[str, Spec]) -> None:
    """Branch labels, connectors, raster flowcharts and JPEG tables."""
    v["labels_yt"] = Spec("labels_yt", acts=_decision_acts("Y", "T"), style="visio", dashed=True, decoy=True)
    v["labels_lower_far"] = Spec("labels_lower_far", acts=_decision_acts("ya", "tidak"), label_far=True)
    v["labels_domain"] = Spec("labels_domain", acts=_decision_acts("Sudah", "Belum"), style="excel",
                              signer_rows=True, unit_cell=True, label_box=True)
    v["labels_boxed_wide"] = Spec("labels_boxed_wide", acts=_decision_acts("Lengkap", "Belum Lengkap"),
                                  style="word", label_box=True)
    v["labels_image"] = Spec("labels_image", acts=_decision_acts("Ya", "Tidak"), label_image=True)
    v["labels_stacked"] = Spec("labels_stacked", acts=_decision_acts("Lengkap", "Belum Lengkap"), label_stacked=True)
    v["straddle_gap"] = Spec("straddle_gap", style="word", gap_source=True, acts=[
        Act("Menerima berkas", [0], "terminator"),
        Act("Menilai berkas bersama", [0], "decision", straddle=True, edges=[(3, "Ya"), (2, "Tidak")]),
        Act("Memproses berkas", [2], edges=[(4, "")]),
        Act("Mengembalikan berkas", [0], "terminator", edges=[("selesai", "")]),
        Act("Menyerahkan hasil", [2], "terminator")])
    v["raster_flow"] = Spec("raster_flow", acts=base_acts(), raster=True)
    v["jpeg_one_page"] = Spec("jpeg_one_page", jpeg="one", layout="one_page",
                              lists={"dasar_hukum": ["Peraturan Menteri Nomor 5 Tahun 2021"],
                                     "kualifikasi_pelaksana": [], "keterkaitan": [], "peralatan": [],
                                     "peringatan": [], "pencatatan": []})
    v["jpeg_rendered"] = Spec("jpeg_rendered", jpeg="rendered", acts=base_acts())
    v["jpeg_strips"] = Spec("jpeg_strips", jpeg="strips")
    v["jpeg_two_pages"] = Spec("jpeg_two_pages", jpeg="two_pages", paper=A4)


def _decision_acts(yes: str, no: str) -> list[Act]:
    return [
        Act("Menerima permohonan", [0], "terminator"),
        Act("Memeriksa kelengkapan permohonan", [1], "decision", edges=[(2, yes), (3, no)]),
        Act("Memproses permohonan", [2], edges=[(4, "")]),
        Act("Mengembalikan permohonan", [1], edges=[("selesai", "")], kind="terminator"),
        Act("Menyerahkan hasil", [0], "terminator"),
    ]


PAPERS = [(792.0, 612.0), A4, (1008.0, 612.0), (990.0, 765.0)]


def random_spec(seed: int) -> Spec:
    """A random layout (paper, style, grid, wrapper, 2-6 actors, 1-12 rows, one decision)
    for a sweep; deterministic per seed."""
    import random

    r = random.Random(seed)
    n_act = r.randint(2, 6)
    n = r.randint(1, 12)
    acts = [Act(f"Melakukan langkah {i + 1} pekerjaan", [r.randrange(n_act)],
                "terminator" if i in (0, n - 1) else "process") for i in range(n)]
    if n >= 5:
        k = r.randint(1, n - 3)
        acts[k].kind = "decision"
        acts[k].edges = [(k + 1, "Ya"), (k + 2, "Tidak")]
    return Spec(f"acak-{seed}", paper=r.choice(PAPERS), style=r.choice(["rings", "word", "excel", "visio"]),
                actors=[f"Pelaksana {chr(65 + i)}" for i in range(n_act)], acts=acts,
                rows_per_page=r.randint(3, 8), repeat_header=r.random() < 0.3,
                grid=r.choice(["filled", "filled", "stroked"]), rule=r.choice([0.24, 0.48, 0.6, 0.72, 1.08]),
                wrapper=r.choice(["form", "nested", "none"]), layout=r.choice(["split", "one_page"]),
                offpage_labels=r.random() < 0.3, junctions=r.random() < 0.3)
