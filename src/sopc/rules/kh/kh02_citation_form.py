"""Dasar hukum ditulis lengkap: <jenis> Nomor <n> Tahun <tttt> tentang <judul>.

Mengapa: prinsip Kepatuhan hukum. Peraturan hanya dapat ditelusuri dan diuji
keberlakuannya bila disebut lengkap: jenis, nomor, tahun dan judulnya, seperti kaidah
penulisan dalam UU 12/2011.

Why: principle "legal compliance". A regulation can only be traced and checked when it
is cited completely: kind, number, year and title.

Jenis yang dikenali: UUD, UU/Undang-Undang, Perppu, PP/Peraturan Pemerintah, Perpres,
Permen/Peraturan Menteri ..., PermenPANRB, Permendagri, PMK, Peraturan <Lembaga>, Perda,
Pergub, Perbup, Perwal, Keputusan ..., Surat Edaran .... Huruf besar/kecil bebas, ";" atau
"." di akhir diabaikan. UUD 1945 dikecualikan; nomor yang memuat tahunnya sendiri
("Nomor 190/PMK.05/2012", "Nomor PER/21/M.PAN/11/2008") boleh tanpa "Tahun".

Gagal / Fails:

    - UU 25/2009 tentang Pelayanan Publik
    - UU No. 25 Tahun 2009 tentang Pelayanan Publik
    - Undang-Undang Nomor 25 Tahun 2009
    - Pelayanan Publik

Lolos / Passes:

    - Undang-Undang Dasar Negara Republik Indonesia Tahun 1945
    - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;
    - Peraturan Bupati Contoh Nomor 12 Tahun 2022 tentang Perizinan
"""

from __future__ import annotations

from sopc.rules._lib.citation import NO_NOMOR, NO_TAHUN, NO_TENTANG, NOMOR_WORD, ORDER
from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.kh._common import citations
from sopc.rules._lib.textid import brief

CODE = "KH02"
NAME = "citation-form"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Dasar hukum ditulis <jenis> Nomor <n> Tahun <tttt> tentang <judul>",
            "Legal basis is cited as <kind> Nomor <n> Tahun <yyyy> tentang <title>")

_WHAT = {
    NO_NOMOR: ("tanpa \"Nomor <n>\"", "no \"Nomor <n>\""),
    NOMOR_WORD: ("tulis \"Nomor\", bukan \"No.\"", "write \"Nomor\", not \"No.\""),
    NO_TAHUN: ("tanpa \"Tahun <tttt>\"", "no \"Tahun <yyyy>\""),
    NO_TENTANG: ("tanpa \"tentang <judul>\"", "no \"tentang <title>\""),
    ORDER: ("\"tentang\" ditulis sebelum \"Nomor\"", "\"tentang\" comes before \"Nomor\""),
}


def check(sop, ctx, options):
    for i, (text, c) in enumerate(zip(sop.dasar_hukum, citations(sop, ctx))):
        if c is not None and c.well_formed:
            continue
        q = brief(text, 60)
        if not str(text).strip():
            what_id, what_en = "isian kosong", "empty entry"
        elif c is None:
            what_id = ("jenis peraturannya tidak dikenali (UU, PP, Perpres, Peraturan Menteri, "
                       "Peraturan <Lembaga>, Perda, Pergub/Perbup/Perwal, Keputusan ...)")
            what_en = "the kind of regulation is not recognised"
        else:
            what_id = "; ".join(_WHAT[p][0] for p in c.problems)
            what_en = "; ".join(_WHAT[p][1] for p in c.problems)
        hint_id = hint_en = ""
        if c is not None and c.nomor and c.tahun:
            fixed = f"{c.jenis_text} Nomor {c.nomor} Tahun {c.tahun} tentang {c.tentang or '...'}"
            hint_id = f"; tulis \"{brief(fixed, 80)}\""
            hint_en = f"; write \"{brief(fixed, 80)}\""
        yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
            f"Dasar hukum \"{q}\" tidak berbentuk \"<jenis> Nomor <n> Tahun <tttt> tentang "
            f"<judul>\": {what_id}{hint_id}",
            f"legal basis \"{q}\" is not of the form \"<kind> Nomor <n> Tahun <yyyy> tentang "
            f"<title>\": {what_en}{hint_en}"))
