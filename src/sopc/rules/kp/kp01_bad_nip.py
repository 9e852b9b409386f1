"""NIP pejabat yang mengesahkan lengkap dan masuk akal.

Mengapa: prinsip Kepastian hukum. SOP ditetapkan pimpinan sebagai produk hukum; bagian
identitas memuat pengesahan: jabatan, tanda tangan, nama pejabat dengan NIP. NIP yang
kosong atau mustahil membuat pengesahan tidak dapat dipastikan.

Why: principle "legal certainty". The SOP is a legal instrument signed by an official
identified by name and NIP; an empty or impossible NIP makes the ratification uncertain.

NIP = 18 digit (spasi boleh), dicetak "TTTTBBHH TTTTBB G NNN": tanggal lahir (digit 1-8),
TMT CPNS tahun-bulan (9-14, tidak sebelum usia 18 tahun), jenis kelamin (15: 1 atau 2),
nomor urut. NIP yang tidak ada juga dilaporkan di sini, bukan sebagai kesalahan sumber.

Gagal / Fails:

    nip: ""
    nip: "19720315 199803 2 00"       (17 digit)
    nip: "19721315 199803 2 004"      (bulan 13)
    nip: "19720315 198803 2 004"      (TMT pada usia 16 tahun)
    nip: "19720315 199803 3 004"      (digit jenis kelamin 3)

Lolos / Passes:

    nip: "19720315 199803 2 004"
"""

from __future__ import annotations

from sopc.core.diagnostics import Level
from sopc.core.nip import check_nip
from sopc.rules.base import Finding
from sopc.core.diagnostics import msg

CODE = "KP01"
NAME = "bad-nip"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("NIP pejabat yang mengesahkan 18 digit dan masuk akal",
            "The approving official's NIP has 18 plausible digits")


def check(sop, ctx, options):
    pos = sop.at("disahkan_oleh.nip")
    for problem in check_nip(sop.disahkan_oleh.nip):
        yield Finding(pos, problem.message, key=problem.kind)
