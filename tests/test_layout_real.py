"""Real-shaped fixtures of issue 15 ("Signable on real content"): each reproduces a
finding read on signed SOPs of a provincial statistics office, and is checked on the
layout geometry (not on screenshots)."""

import pytest

from layout_checks import check_layout, check_signable
from layout_factory import make_sop
from sopc.layout import layout_sop, metrics

BPS = {"ketua": "Ketua Tim Humas", "staf": "Staf Pelayanan Statistik Terpadu",
       "pst": "Petugas PST", "kepala": "Kepala BPS Provinsi"}


def _ok(sop, lay):
    assert check_layout(sop, lay) == []
    assert check_signable(sop, lay) == []


def fourteen_short():
    acts = [{"uraian": f"Langkah singkat ke-{i + 1}", "pelaksana": ["pst", "staf", "ketua", "kepala"][i % 4],
             "waktu": "5 menit", "output": "Dokumen"} for i in range(14)]
    acts[6]["cabang"] = {"Ya": "8", "Tidak": "3"}
    return make_sop(BPS, acts, nama="Layanan Konsultasi Statistik")


def test_fourteen_short_activities_fit_one_letter_page():
    sop = fourteen_short()
    lay = layout_sop(sop, paper="Letter")
    _ok(sop, lay)
    assert len(lay.pages) == 1


def test_keterangan_paragraph_with_phone_email_url():
    ket = ("Permintaan data dapat disampaikan melalui telepon (0711) 512-345 atau 081234567890, "
           "surel ppid1700@bps.go.id, atau laman https://sumsel.bps.go.id/layanan/permintaan-data; "
           "petugas menjawab paling lambat 3 hari kerja setelah permintaan diterima lengkap.")
    acts = [{"uraian": "Menerima permintaan data dari pengguna", "pelaksana": "pst", "keterangan": ket,
             "kelengkapan": ["Kontrak/SPK/Surat Perjanjian"], "output": "Permintaan tercatat"},
            {"uraian": "Menyiapkan data yang diminta", "pelaksana": "staf"},
            {"uraian": "Menyerahkan data", "pelaksana": "pst"}]
    sop = make_sop(BPS, acts)
    lay = layout_sop(sop, paper="A4")
    _ok(sop, lay)
    ket_col = [c for c in lay.columns if c.key == "keterangan"][0]
    assert ket_col.w > 100                          # a paragraph gets room, not a ribbon
    cell = [c for c in lay.pages[0].rows[0].cells if c.key == "keterangan"][0]
    assert len(cell.lines) <= 15                    # was 43 lines at a fixed 65 pt
    text = " ".join(ln.text for ln in cell.lines)
    for token in ("081234567890", "ppid1700@bps.go.id", "512-345"):
        assert token in text.split() or token.strip(",;") in [w.strip(",;") for w in text.split()]


def test_breaks_at_url_marks_or_syllables_with_a_hyphen():
    assert metrics.wrap("Kontrak/SPK/Surat", 40, 8)[0].endswith("/")
    for line in metrics.wrap("Pengadministrasian", 35, 8)[:-1]:
        assert line.endswith("-")
    pieces = metrics.wrap("https://sumsel.bps.go.id/layanan", 60, 8)
    assert "".join(pieces) == "https://sumsel.bps.go.id/layanan"
    assert all(p[-1] in "/.@-" for p in pieces[:-1])


def three_branch():
    actors = {"staf": "Staf Subbagian Umum", "kasub": "Kepala Subbagian Umum",
              "kabag": "Kepala Bagian Umum", "kepala": "Kepala BPS Provinsi"}
    acts = [
        {"uraian": "Menerima usulan pengadaan", "pelaksana": "staf"},
        {"uraian": "Memeriksa kelengkapan usulan", "pelaksana": "kasub", "id": "periksa"},
        {"uraian": "Menilai usulan; apakah dapat diproses?", "pelaksana": "kabag",
         "pertanyaan": "Apakah usulan lengkap dan sesuai anggaran?",
         "cabang": {"Disetujui untuk diproses": "4", "Perlu perbaikan dokumen": "periksa",
                    "Ditolak karena anggaran tidak tersedia": "7"}},
        {"uraian": "Menyusun kontrak", "pelaksana": "kepala"},
        {"uraian": "Menandatangani kontrak", "pelaksana": "kepala"},
        {"uraian": "Mengarsipkan kontrak", "pelaksana": "staf"},
        {"uraian": "Memberitahukan penolakan", "pelaksana": "staf"},
    ]
    return make_sop(actors, acts)


@pytest.mark.parametrize("paper", ["A4", "Letter", "Legal"])
def test_three_branch_decision_with_long_labels(paper):
    sop = three_branch()
    lay = layout_sop(sop, paper=paper)
    _ok(sop, lay)
    labels = [lb for p in lay.pages for lb in p.labels]
    assert len(labels) == 3 and {lb.size for lb in labels} == {6.0}
    dec = [s for p in lay.pages for s in p.symbols if s.kind == "decision"][0]
    assert " ".join(ln.text for ln in dec.lines).replace("- ", "") == \
        "Apakah usulan lengkap dan sesuai anggaran?"        # the question is drawn, whole
    assert dec.size >= 6.0


def loops_back(n=24):
    acts = [{"uraian": f"Memproses dokumen tahap {i + 1} dan meneruskannya", "pelaksana": ["pst", "staf", "ketua"][i % 3],
             "waktu": "10 menit"} for i in range(n)]
    for i in (7, 15, 22):
        acts[i]["cabang"] = {"Ya": str(i + 2), "Tidak": str(i - 5)}
    return make_sop(BPS, acts)


@pytest.mark.parametrize("height", [None, 300, 420])
def test_loops_back_from_the_bottom_of_a_page(height):
    sop = loops_back()
    lay = layout_sop(sop, paper="A4", table_height=height)
    _ok(sop, lay)
    assert lay.failures == 0
    for page in lay.pages:                        # off-page letters run left to right
        for y in {o.y for o in page.offpage}:
            row = sorted((o for o in page.offpage if o.y == y), key=lambda o: o.x)
            firsts = [o.letter for o in row]
            assert firsts == sorted(firsts, key=lambda s: (len(s), s)) or page.number > 1


def test_actor_names_of_fifty_characters():
    long = {f"a{i}": ("Pejabat Pembuat Komitmen Satuan Kerja Pengadministrasian " * 2)[:50].strip()
            for i in range(4)}
    acts = [{"uraian": f"Kegiatan {i + 1}", "pelaksana": f"a{i % 4}"} for i in range(6)]
    sop = make_sop(long, acts)
    lay = layout_sop(sop, paper="A4")
    _ok(sop, lay)
    heads = [c for c in lay.pages[0].header if c.key == "actor"]
    for c, label in zip(heads, long.values()):
        text = " ".join(ln.text for ln in c.lines).replace("- ", "")
        assert text == label                          # printed whole
        assert c.size >= 6.0


def ten_actors():
    actors = {f"a{i}": n for i, n in enumerate(
        ["Pengadministrasi Umum", "Bendahara Pengeluaran", "Pejabat Pembuat Komitmen", "Pejabat Pengadaan",
         "Kepala Subbagian Umum", "Kepala Bagian Umum", "Ketua Tim Statistik Sosial", "Petugas PST",
         "Penyedia Barang/Jasa", "Kepala BPS Provinsi"])}
    acts = [{"uraian": f"Kegiatan pengadaan langkah {i + 1}", "pelaksana": f"a{(i * 3) % 10}",
             "kelengkapan": ["Kontrak/SPK/Surat Perjanjian"], "waktu": "1 hari"} for i in range(16)]
    acts[9]["cabang"] = {"Sesuai": "11", "Tidak sesuai": "4"}
    return make_sop(actors, acts)


def test_ten_actors_on_a4():
    sop = ten_actors()
    actors = sop.pelaksana
    lay = layout_sop(sop, paper="A4")
    assert check_layout(sop, lay) == []
    assert check_signable(sop, lay) == []
    heads = [c for c in lay.pages[0].header if c.key == "actor"]
    assert {c.size for c in heads} == {heads[0].size} and heads[0].size >= 6.0
    for c, label in zip(heads, actors.values()):           # whole (broken only after - or /)
        assert " ".join(ln.text for ln in c.lines).replace("- ", "").replace("/ ", "/") == label


def test_side_exit_to_the_next_page_turns_once_into_its_pentagon():
    # "Sesuai" leaves the diamond by its left vertex (its target is in a lane to the
    # left, on the next page): the pentagon sits under that side's gutter track, so the
    # route is an L, not out-down-back-down under the diamond
    sop = ten_actors()
    page = layout_sop(sop, paper="A4").pages[0]
    (c,) = [c for c in page.connectors if c.kind == "flow" and c.end.startswith("p")]
    assert c.edge == (9, 0)
    (px, py), (kx, ky), (qx, qy) = c.points
    assert ky == py and kx == qx and kx < px and qy > ky


def test_tall_row_steps_text_down_not_over_the_page():
    acts = [{"uraian": "Memeriksa " * 300, "pelaksana": "pst"}, {"uraian": "Selesai", "pelaksana": "staf"}]
    sop = make_sop(BPS, acts)
    lay = layout_sop(sop, paper="A4")
    assert check_layout(sop, lay) == []
    row = lay.pages[0].rows[0]
    assert 6.0 <= row.cells[1].size < 8.0


def test_column_number_row():
    sop = fourteen_short()
    lay = layout_sop(sop, paper="Letter", column_numbers=True)
    nums = [c for c in lay.pages[0].header if c.key == "nomor"]
    assert [ln.text for c in sorted(nums, key=lambda c: c.x) for ln in c.lines] == \
        [str(i) for i in range(1, len(lay.columns) + 1)]
    assert lay.pages[0].header_height > layout_sop(sop, paper="Letter").pages[0].header_height


def test_ten_actors_on_a4_tracks_keep_six_points():
    """Lanes of 43 pt: the loop back into a box's side finds a track 6 pt from the lane
    line and an arrow's length from the box (the box is narrower in such lanes)."""
    sop = ten_actors()
    assert check_signable(sop, layout_sop(sop, paper="A4")) == []


def test_question_too_long_for_a_narrow_lane_goes_to_the_kegiatan_cell():
    """Ten lanes on A4 (43 pt): no diamond of the lane holds a long question except as
    a column of syllables taller than the page. The question is printed under the
    activity in the Kegiatan cell instead; nothing overflows, nothing is dropped."""
    sop = ten_actors()
    question = "Apakah dokumen pengadaan sudah lengkap dan sesuai dengan kontrak yang ditandatangani?"
    sop.kegiatan[9].pertanyaan = question
    lay = layout_sop(sop, paper="A4")
    assert check_layout(sop, lay) == []
    assert not [m for m in check_signable(sop, lay) if "overflow" in m]
    dec = [s for p in lay.pages for s in p.symbols if s.kind == "decision"][0]
    assert dec.lines == [] and dec.h < 30
    row = next(r for p in lay.pages for r in p.rows if r.activity_index == 9)
    cell = next(c for c in row.cells if c.key == "kegiatan")
    printed = " ".join(ln.text for ln in cell.lines)
    assert printed.startswith("Kegiatan pengadaan langkah 10") and " ".join(question.split()) in printed


LAYANAN = {"pengguna": "Pengguna Data", "pst": "Petugas Pelayanan Statistik Terpadu",
           "ketua": "Ketua Tim Pengolahan dan Layanan Statistik Terpadu",
           "sm": "Subject Matter Fungsional Statistisi", "kepala": "Kepala Dinas"}


def test_the_line_that_drops_straight_in_is_the_trunk_and_a_level_side_exit_joins_it_across():
    # 'Tersedia' leaves the bottom of its diamond right above activity 6 (nothing between
    # them in the lane): it drops straight in with the arrowhead; 'Disetujui', level with
    # that line, joins it straight across (a T), with no arrowhead of its own
    acts = [
        {"uraian": "Mencari data yang diminta", "pelaksana": "pst"},
        {"uraian": "Menentukan ketersediaan data", "pelaksana": "pst", "pertanyaan": "Data tersedia?",
         "cabang": {"Tersedia": "6", "Tidak tersedia, perlu pengolahan khusus": "3"}},
        {"uraian": "Melakukan pengolahan khusus", "pelaksana": "sm"},
        {"uraian": "Memeriksa hasil pengolahan", "pelaksana": "ketua"},
        {"uraian": "Menyetujui pemberian data", "pelaksana": "kepala", "pertanyaan": "Disetujui?",
         "cabang": {"Disetujui": "6", "Perlu perbaikan": "3"}},
        {"uraian": "Menyiapkan data", "pelaksana": "pst"},
        {"uraian": "Menyerahkan data", "pelaksana": "pst"},
    ]
    sop = make_sop(LAYANAN, acts)
    lay = layout_sop(sop, paper="Letter")
    _ok(sop, lay)
    by_edge = {c.edge: c for c in lay.pages[0].connectors}
    tersedia, disetujui = by_edge[(1, 0)], by_edge[(4, 0)]
    (px, py), (qx, qy) = tersedia.points
    assert tersedia.arrow and px == qx and qy > py
    (ax, ay), (bx, by) = disetujui.points
    assert not disetujui.arrow and ay == by and bx == px and py < by < qy


def test_a_decision_row_holds_its_long_bottom_label_as_placed():
    # 'Lengkap dan sesuai ketentuan' runs along its exit in two lines of whole words; the
    # row was sized for the syllables of half a lane (176 pt, now 118 pt)
    actors = dict(LAYANAN, bend="Bendahara Penerimaan")
    acts = [
        {"uraian": "Mengajukan permintaan data", "pelaksana": "pengguna"},
        {"uraian": "Mencatat permintaan", "pelaksana": "pst"},
        {"uraian": "Memeriksa kelengkapan formulir", "pelaksana": "pst", "pertanyaan": "Formulir lengkap?",
         "cabang": {"Lengkap dan sesuai ketentuan": "4", "Belum lengkap": "1"}},
        {"uraian": "Mencari data", "pelaksana": "pst"},
    ]
    sop = make_sop(actors, acts)
    lay = layout_sop(sop, paper="Letter")
    _ok(sop, lay)
    page = lay.pages[0]
    decision_row = [r for r in page.rows if r.kind == "activity"][2]
    (label,) = [lb for lb in page.labels if lb.text.startswith("Lengkap")]
    assert " ".join(t.text for t in label.lines) == label.text and len(label.lines) == 2
    assert decision_row.h <= 125.0
