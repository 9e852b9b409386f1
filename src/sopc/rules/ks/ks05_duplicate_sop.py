"""Keselarasan: the Daftar SOP identifies each procedure by its number and title. Two
SOPs with the same `nomor`, or the same `nama` (ignoring case and spaces), make links
ambiguous and usually mean a copy that was never renumbered, or the same activity
standardised twice ("kegiatan yang sama memiliki SOP yang sama").

Fails: `perizinan/izin-reklame.sop.yaml` and `perizinan/izin-reklame-lama.sop.yaml` both
have `nomor: SOP-001/DPMPTSP/2026` (reported on each, naming the other file).

Passes: every nomor and every nama is unique in the repository."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ks._index import ks_index, link_key, same_sop

CODE = "KS05"
NAME = "duplicate-sop"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("SOP ganda", "Duplicate SOP")


def _others(table, value, sop):
    k = link_key(value) if value else ""
    if not k:
        return []
    return [s for s in table.get(k, ()) if not same_sop(s, sop)]


def check(sop, ctx, options):
    idx = ks_index(ctx)
    others = _others(idx.by_nomor, sop.nomor, sop)
    if others:
        files = ", ".join(ctx.repo_path(s) for s in others)
        yield Finding(sop.at("nomor"), msg(
            f"nomor \"{sop.nomor}\" juga dipakai oleh {files}; setiap SOP harus bernomor unik",
            f"nomor \"{sop.nomor}\" is also used by {files}; every SOP needs a unique number"))
    others = _others(idx.by_nama, sop.nama, sop)
    if others:
        files = ", ".join(ctx.repo_path(s) for s in others)
        yield Finding(sop.at("nama"), msg(
            f"nama \"{sop.nama}\" juga dipakai oleh {files}; gabungkan atau bedakan kedua SOP",
            f"nama \"{sop.nama}\" is also used by {files}; merge the two SOPs or tell them apart"))
