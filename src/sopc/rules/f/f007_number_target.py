"""Targets given by activity number break silently when rows are added or moved; an
`id` stays correct. When the target activity has an `id`, use it.

Fails: `ke: 4` where activity 4 has `id: konsep`.

Passes: `ke: konsep`."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "F007"
NAME = "number-target"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Tujuan ditulis dengan nomor", "Target given by number")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        for e in a.edges:
            if e.by_number and e.target is not None:
                t = sop.kegiatan[e.target]
                if t.id:
                    yield Finding(e.pos, msg(
                        f"tujuan '{e.raw}' ditulis dengan nomor; gunakan id '{t.id}' agar tidak bergeser saat baris ditambah",
                        f"target '{e.raw}' is given by number; use the id '{t.id}' so it does not shift when rows are added"), a)
