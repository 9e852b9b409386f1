"""An activity whose next is itself repeats forever on the diagram; a repetition is
drawn as a decision that returns to an earlier activity.

Fails: `id: periksa` with `ke: periksa`.

Passes: a decision with `Belum selesai: periksa` and `Selesai: lanjut`."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "F005"
NAME = "self-loop"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Kegiatan menunjuk dirinya sendiri", "Activity points to itself")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        for e in a.edges:
            if e.target == a.index and not e.implicit:
                yield Finding(e.pos, msg(
                    f"kegiatan {a.number} menunjuk dirinya sendiri ('{e.raw}')",
                    f"activity {a.number} points to itself ('{e.raw}')"), a)
