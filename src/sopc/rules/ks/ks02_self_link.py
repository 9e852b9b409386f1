"""Keselarasan: `keterkaitan` names the *other* procedures this one depends on or feeds.
Listing the SOP itself adds nothing and hides a missing real link (seen in published
SOPs that copy their own number into the Keterkaitan cell).

Fails (in the SOP whose nomor is SOP-005/DPMPTSP/2025):

    keterkaitan:
      - SOP-005/DPMPTSP/2025

Passes: only other SOPs, or `[]` when there are none."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ks._index import ks_index, same_sop

CODE = "KS02"
NAME = "self-link"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("SOP mengaitkan dirinya sendiri", "SOP lists itself")


def check(sop, ctx, options):
    for link, targets in ks_index(ctx).links(sop):
        if any(same_sop(t, sop) for t in targets):
            yield Finding(link.pos, msg(
                f"keterkaitan \"{link.text}\" menunjuk SOP ini sendiri; cantumkan SOP lain yang terkait atau kosongkan ([])",
                f"related SOP \"{link.text}\" is this SOP itself; list other related SOPs or leave it empty ([])"))
