"""Dinamis: the dates of the identity header tell the SOP's history: drafted
(`pembuatan`), revised (`revisi`), made effective by signature (`efektif`). A draft
finished after the SOP took effect, or a past revision older than the draft, is a
typing error that makes the history meaningless.

Fails:

    tanggal:
      pembuatan: 2025-03-10
      efektif: 2025-02-01      # effective before it was drafted

    tanggal:
      pembuatan: 2025-01-10
      revisi: 2024-12-01       # a past revision before the draft
      efektif: 2025-02-01

Passes: `pembuatan` ≤ `efektif`, and a past `revisi` not before `pembuatan`. A
`revisi` in the future is a planned review date and is not checked here (see DN02)."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.dn._util import tgl_en, tgl_id

CODE = "DN01"
NAME = "date-order"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Urutan tanggal tidak masuk akal", "Dates out of order")


def check(sop, ctx, options):
    p, r, e = sop.tanggal_pembuatan, sop.tanggal_revisi, sop.tanggal_efektif
    if p and e and p > e:
        yield Finding(sop.at("tanggal.pembuatan"), msg(
            f"tanggal pembuatan ({tgl_id(p)}) sesudah tanggal efektif ({tgl_id(e)}); "
            "SOP tidak dapat berlaku sebelum selesai disusun",
            f"the drafting date ({tgl_en(p)}) is after the effective date ({tgl_en(e)}); "
            "an SOP cannot take effect before it is drafted"))
    if p and r and r < p and r <= ctx.today:
        yield Finding(sop.at("tanggal.revisi"), msg(
            f"tanggal revisi ({tgl_id(r)}) sebelum tanggal pembuatan ({tgl_id(p)})",
            f"the revision date ({tgl_en(r)}) is before the drafting date ({tgl_en(p)})"))
