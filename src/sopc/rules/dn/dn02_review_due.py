"""Dinamis: an SOP must be adjusted quickly to changing needs; the guideline asks for
monitoring every six months and a periodic evaluation. sopc reports an SOP whose review
is overdue, with the review period `tinjau_bulan` from `sopc.yaml` (default 12 months):

- no `revisi` (or a `revisi` not after `efektif`, i.e. a revision already built into
  the effective version) and `efektif` older than `tinjau_bulan` months;
- a `revisi` after `efektif` is a planned review date: reported once it has passed.

Fails (today 2026-06-01, `tinjau_bulan: 12`):

    tanggal: {pembuatan: 2024-01-10, efektif: 2024-02-01}

    tanggal: {pembuatan: 2025-01-10, efektif: 2025-02-01, revisi: 2026-02-01}

Passes:

    tanggal: {pembuatan: 2025-09-10, efektif: 2025-10-01}
    tanggal: {pembuatan: 2025-01-10, efektif: 2025-02-01, revisi: 2026-08-01}"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.dn._util import add_months, tgl_en, tgl_id

CODE = "DN02"
NAME = "review-due"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Sudah waktunya ditinjau", "Review is due")


def check(sop, ctx, options):
    e, r = sop.tanggal_efektif, sop.tanggal_revisi
    today = ctx.today
    try:
        months = int(ctx.config.tinjau_bulan)
    except (TypeError, ValueError):
        months = 12
    if months <= 0:
        return
    if r is not None and e is not None and r > e:
        if r < today:
            yield Finding(sop.at("tanggal.revisi"), msg(
                f"tanggal revisi yang direncanakan ({tgl_id(r)}) sudah lewat; tinjau SOP ini lalu perbarui "
                "tanggal revisi dan tanggal efektif",
                f"the planned revision date ({tgl_en(r)}) has passed; review this SOP, then update "
                "the revision and effective dates"))
        return
    if e is None:
        return
    due = add_months(e, months)
    if due < today:
        yield Finding(sop.at("tanggal.efektif"), msg(
            f"SOP berlaku sejak {tgl_id(e)} dan belum ditinjau lebih dari {months} bulan; tinjau SOP ini "
            "lalu isi tanggal revisi yang baru atau tanggal rencana peninjauan",
            f"the SOP has been effective since {tgl_en(e)} without a review for more than {months} months; "
            "review it, then set a new revision date or a planned review date"))
