"""A decision (diamond) must offer at least two different outcomes. One branch is a
process dressed as a decision; two labels that differ only in case ("Ya"/"ya") make
the diagram ambiguous.

Fails::

    cabang: {Lengkap: konsep}

Passes::

    cabang: {Lengkap: konsep, Tidak lengkap: kembalikan}"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "F003"
NAME = "decision-branches"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Cabang keputusan tidak sah", "Invalid decision branches")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        if not a.cabang:
            continue
        if len(a.cabang) < 2:
            yield Finding(a.at("cabang", key=True), msg(
                f"keputusan pada kegiatan {a.number} hanya punya {len(a.cabang)} cabang; keputusan perlu sedikitnya dua",
                f"the decision in activity {a.number} has only {len(a.cabang)} branch; a decision needs at least two"), a)
        seen: dict[str, str] = {}
        for label in a.cabang:
            k = label.casefold()
            if k in seen:
                yield Finding(a.at(f"cabang.{label}", key=True), msg(
                    f"label cabang '{label}' sama dengan '{seen[k]}' (huruf besar/kecil diabaikan)",
                    f"branch label '{label}' equals '{seen[k]}' (ignoring case)"), a)
            else:
                seen[k] = label
