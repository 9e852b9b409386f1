"""Keselarasan: related procedures are consistent with each other when each names the
other. If A lists B in `keterkaitan` but B does not list A, a reader of B never learns
that A depends on it, and a change to B may break A unnoticed.

Fails: "Penerbitan Izin Reklame" lists "Pengelolaan Surat Masuk", whose `keterkaitan`
does not list "Penerbitan Izin Reklame" (by nomor or nama).

Passes: both SOPs list each other."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ks._index import ks_index, same_sop

CODE = "KS03"
NAME = "one-way-link"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Keterkaitan satu arah", "One-way link")


def check(sop, ctx, options):
    idx = ks_index(ctx)
    for link, targets in idx.links(sop):
        for b in targets:
            if same_sop(b, sop) or idx.links_to(b, sop):
                continue
            yield Finding(link.pos, msg(
                f"SOP \"{b.nama or b.nomor}\" ({ctx.repo_path(b)}) tidak mencantumkan balik SOP ini di keterkaitan; "
                f"tambahkan \"{sop.nomor or sop.nama}\" ke keterkaitannya",
                f"SOP \"{b.nama or b.nomor}\" ({ctx.repo_path(b)}) does not list this SOP back in its keterkaitan; "
                f"add \"{sop.nomor or sop.nama}\" to it"))
            break
