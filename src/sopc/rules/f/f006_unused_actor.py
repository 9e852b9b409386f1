"""A declared actor column without any activity is an empty lane in the table: either
an activity was assigned to the wrong actor or the column is not needed.

Fails: `pelaksana: {kasi: Kepala Seksi, ...}` and no activity has `pelaksana: kasi`.

Passes: every declared actor performs at least one activity."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "F006"
NAME = "unused-actor"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Pelaksana tidak dipakai", "Unused actor")


def check(sop, ctx, options):
    used = {p for a in sop.kegiatan for p in a.pelaksana}
    for ident, label in sop.pelaksana.items():
        if ident not in used:
            yield Finding(sop.at(f"pelaksana.{ident}", key=True), msg(
                f"pelaksana '{ident}' ({label}) tidak melakukan kegiatan apa pun; hapus kolomnya atau tugaskan kegiatan",
                f"actor '{ident}' ({label}) performs no activity; remove the column or assign an activity"))
