"""Dinamis: a procedure that changed must show it: a new revision date (and, once
signed, a new effective date). When the repository is a git work tree, sopc looks up
the last commit that *modified* each SOP file (adding the file does not count) and
reports a file changed after `efektif` (and after `revisi`, if any) whose dates were not
updated. Outside git, or without git installed, this rule is silently skipped.

Fails: `efektif: 2025-02-01`, no `revisi`, and the file was modified in a commit of
2025-06-12.

Passes: the commit that changed the procedure also set `revisi: 2025-06-12` (and the
new `efektif` once signed)."""

from sopc.core.diagnostics import Level, msg
from sopc.loader.gitinfo import last_change
from sopc.rules.base import Finding
from sopc.rules.dn._util import tgl_en, tgl_id

CODE = "DN04"
NAME = "changed-since-effective"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Berubah sesudah tanggal efektif", "Changed since the effective date")


def check(sop, ctx, options):
    e = sop.tanggal_efektif
    if e is None:
        return
    changed = last_change(ctx, sop)
    if changed is None or changed <= e:
        return
    r = sop.tanggal_revisi
    if r is not None and changed <= r:
        return
    yield Finding(sop.at("tanggal.revisi") if r is not None else sop.at("tanggal.efektif"), msg(
        f"berkas ini diubah pada {tgl_id(changed)}, sesudah tanggal efektif ({tgl_id(e)})"
        + (f" dan tanggal revisi ({tgl_id(r)})" if r else "")
        + "; jika prosedurnya berubah, isi tanggal revisi yang baru",
        f"this file was changed on {tgl_en(changed)}, after the effective date ({tgl_en(e)})"
        + (f" and the revision date ({tgl_en(r)})" if r else "")
        + "; if the procedure changed, set a new revision date"))
