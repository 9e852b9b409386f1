"""Efisiensi dan efektivitas: every actor column is a hand-off. A procedure that passes
through very many officials is slow and hard to draw on one page; the guideline's
tables fit about eight actor columns.

Fails (default `maks: 8`): nine or more entries under `pelaksana`.

Passes: eight actors or fewer; merge actors that do the same kind of work, or split
the procedure into linked SOPs.

Option: `maks` (default 8)."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ee._util import int_option

CODE = "EE03"
NAME = "too-many-actors"
LEVEL = Level.WARNING
OPTIONS = {"maks": 8}
TITLE = msg("Terlalu banyak pelaksana", "Too many actors")


def check(sop, ctx, options):
    maks = int_option(options, "maks", 8)
    n = len(sop.pelaksana)
    if n > maks:
        yield Finding(sop.at("pelaksana", key=True), msg(
            f"SOP ini memiliki {n} kolom pelaksana (maksimal {maks}); gabungkan pelaksana yang sejenis "
            "atau pecah menjadi beberapa SOP yang saling terkait",
            f"this SOP has {n} actor columns (at most {maks}); merge similar actors "
            "or split it into linked SOPs"))
