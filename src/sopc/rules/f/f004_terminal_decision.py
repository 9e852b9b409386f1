"""A decision (diamond) cannot be a start or an end: the official format starts and
ends the flow with a capsule (terminator). A procedure cannot begin by deciding, and a
branch must lead to an activity, not straight out of the procedure.

Fails: the first activity has `cabang`; or a branch `Tidak: selesai`.

Passes: a start activity (e.g. "Menerima berkas") before the decision, and each branch
leads to an activity; the ending one has `ke: selesai`."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "F004"
NAME = "terminal-decision"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Keputusan sebagai awal atau akhir", "Decision as start or end")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        if not a.cabang:
            continue
        if a.is_start:
            yield Finding(a.at("cabang", key=True), msg(
                f"kegiatan {a.number} adalah keputusan sekaligus titik mulai; awali prosedur dengan kegiatan biasa",
                f"activity {a.number} is a decision and a start; begin the procedure with an ordinary activity"), a)
        for e in a.edges:
            if e.target is None:
                yield Finding(e.pos, msg(
                    f"cabang '{e.label}' kegiatan {a.number} langsung ke 'selesai'; arahkan ke kegiatan "
                    "penutup (dengan 'ke: selesai') agar prosedur berakhir pada kapsul",
                    f"branch '{e.label}' of activity {a.number} goes straight to 'selesai'; lead it to a closing "
                    "activity (with 'ke: selesai') so the procedure ends in a capsule"), a)
