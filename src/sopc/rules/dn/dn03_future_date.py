"""Dinamis: the drafting date (`pembuatan`) records when the text was finished, so it
cannot lie in the future; a future date is usually a typing error in the year.

Fails (today 2026-06-01):

    tanggal: {pembuatan: 2062-01-10, efektif: 2062-02-01}

Passes: `pembuatan` today or earlier. (`efektif` and `revisi` may be in the future: an
SOP signed to take effect later, a planned review.)"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.dn._util import tgl_en, tgl_id

CODE = "DN03"
NAME = "future-date"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Tanggal pembuatan di masa depan", "Drafting date in the future")


def check(sop, ctx, options):
    p = sop.tanggal_pembuatan
    if p and p > ctx.today:
        yield Finding(sop.at("tanggal.pembuatan"), msg(
            f"tanggal pembuatan ({tgl_id(p)}) masih di masa depan; periksa tahunnya",
            f"the drafting date ({tgl_en(p)}) is in the future; check the year"))
