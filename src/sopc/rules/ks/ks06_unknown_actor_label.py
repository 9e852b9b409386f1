"""Keselarasan: when `sopc.yaml` has a `jabatan` registry (the organisation's position
nomenclature), every actor label should come from it, so that the same official is
written the same way in every SOP and the workload report (pelaksana.html) adds up.
Outside parties (`pihak_luar`, e.g. Pemohon) are not positions and are accepted.
Comparison ignores case and repeated spaces; the message suggests the nearest entry.

Fails (registry has "Kepala Seksi Pelayanan Perizinan"):

    pelaksana:
      kasi: Kasi Pelayanan Perizinan

Passes:

    pelaksana:
      kasi: Kepala Seksi Pelayanan Perizinan

Without a `jabatan` list in `sopc.yaml` this rule does nothing."""

from sopc.core.diagnostics import Level, msg
from sopc.rules._lib.fuzzy import nearest
from sopc.rules.base import Finding
from sopc.rules.bp._util import is_outside_label, outside_labels
from sopc.core.text import fold

CODE = "KS06"
NAME = "unknown-actor-label"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Pelaksana tidak ada di daftar jabatan", "Actor label not in the position registry")


def _suggest(ctx, label, jabatan):
    """Nearest registry entry, memoised per run (the same label recurs in many SOPs)."""
    memo = ctx.once("ks06-suggest", dict)
    if label not in memo:
        memo[label] = nearest(label, jabatan, cutoff=0.5)
    return memo[label]


def check(sop, ctx, options):
    jabatan = ctx.config.jabatan or []
    if not jabatan:
        return
    known = ctx.once("ks-jabatan", lambda: frozenset(fold(j) for j in jabatan))
    outside = outside_labels(ctx)
    for ident, label in sop.pelaksana.items():
        if fold(label) in known or is_outside_label(label, outside):
            continue
        near = _suggest(ctx, label, jabatan)
        hint_id = f"; maksud Anda \"{near}\"?" if near else ""
        hint_en = f"; did you mean \"{near}\"?" if near else ""
        yield Finding(sop.at(f"pelaksana.{ident}"), msg(
            f"pelaksana \"{label}\" tidak ada di daftar jabatan sopc.yaml{hint_id}",
            f"actor \"{label}\" is not in the jabatan registry of sopc.yaml{hint_en}"))
