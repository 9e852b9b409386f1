"""An activity that no start leads to is never carried out: the flowchart shows a row
that no arrow reaches. Usually a `ke` or `cabang` points past it, or an activity that
should begin a second path lacks `mulai: true`.

Fails: activity 3 follows an activity with `ke: selesai` and nothing targets it.

Passes: every activity lies on a path from the first activity (or from one marked
`mulai: true`)."""

from sopc.core.diagnostics import Level, msg
from sopc.core.flow import facts
from sopc.rules.base import Finding

CODE = "F001"
NAME = "unreachable"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Kegiatan tidak dapat dicapai", "Activity cannot be reached")


def check(sop, ctx, options):
    reach = facts(sop, ctx).reachable
    for a in sop.kegiatan:
        if a.index not in reach:
            yield Finding(a.at("uraian"), msg(
                f"kegiatan {a.number} tidak dapat dicapai dari titik mulai mana pun; arahkan 'ke'/'cabang' "
                "kegiatan sebelumnya ke sini atau tandai 'mulai: true'",
                f"activity {a.number} cannot be reached from any start; point an earlier 'ke'/'cabang' "
                "here or mark it 'mulai: true'"), a)
