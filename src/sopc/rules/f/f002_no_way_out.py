"""From every activity some end must be reachable; otherwise the procedure can loop
forever (a loop without an exit) and never produces its output.

Fails: activities 4 and 5 send the flow to each other with `ke` and neither reaches
`selesai`.

Passes: the loop passes through a decision with a branch that leaves it."""

from sopc.core.diagnostics import Level, msg
from sopc.core.flow import facts
from sopc.rules.base import Finding

CODE = "F002"
NAME = "no-way-out"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Tidak ada jalan keluar", "No way out")


def check(sop, ctx, options):
    ff = facts(sop, ctx)
    for a in sop.kegiatan:
        if a.index in ff.reachable and a.index not in ff.can_finish:
            yield Finding(a.at("uraian"), msg(
                f"dari kegiatan {a.number} tidak ada jalan menuju akhir prosedur (perulangan tanpa jalan keluar)",
                f"no path leads from activity {a.number} to an end of the procedure (a loop without exit)"), a)
