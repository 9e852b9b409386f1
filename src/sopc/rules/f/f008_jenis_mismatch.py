"""PermenPANRB 35/2012 defines SOP teknis as performed by one official or role and SOP
administratif as performed by several. `jenis` must match the actor columns.

Fails: `jenis: teknis` with three actors; `jenis: administratif` with one.

Passes: `jenis: teknis` with exactly one actor."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "F008"
NAME = "jenis-mismatch"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Jenis SOP tidak sesuai jumlah pelaksana", "SOP kind does not match the actors")


def check(sop, ctx, options):
    n = len(sop.pelaksana)
    if sop.jenis == "teknis" and n > 1:
        yield Finding(sop.at("jenis"), msg(
            f"jenis 'teknis' berarti satu pelaksana, tetapi SOP ini punya {n}; gunakan 'administratif'",
            f"jenis 'teknis' means one actor, but this SOP has {n}; use 'administratif'"))
    elif sop.jenis == "administratif" and n == 1:
        yield Finding(sop.at("jenis"), msg(
            "jenis 'administratif' berarti beberapa pelaksana, tetapi SOP ini hanya punya satu; gunakan 'teknis'",
            "jenis 'administratif' means several actors, but this SOP has only one; use 'teknis'"))
