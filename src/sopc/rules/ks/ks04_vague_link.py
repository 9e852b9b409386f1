"""Keselarasan: a related-SOP entry must name a particular procedure, so that the
reader can find it. Blanket entries copied from templates say nothing.

Fails:

    keterkaitan:
      - Seluruh SOP di lingkungan Dinas Penanaman Modal dan PTSP
      - SOP terkait
      - Semua SOP pelayanan perizinan
      - "-"

Passes: the nomor or nama of each related SOP, `{eksternal: …}` for outside ones, or
`keterkaitan: []` when there are none. An entry that is the actual nomor or nama of
an SOP of the repository ("Evaluasi Seluruh SOP") is not vague."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ks._index import is_vague, ks_index

CODE = "KS04"
NAME = "vague-link"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Keterkaitan tidak jelas", "Vague related SOP")


def check(sop, ctx, options):
    idx = None
    for link in sop.keterkaitan:
        if is_vague(link.text):
            if not link.external:
                idx = idx or ks_index(ctx)
                if idx.resolve(link.text):   # an SOP really named like that
                    continue
            yield Finding(link.pos, msg(
                f"keterkaitan \"{link.text}\" tidak menyebut SOP tertentu; tulis nomor atau nama setiap SOP yang terkait "
                "(atau [] jika tidak ada)",
                f"related SOP \"{link.text}\" names no particular SOP; write the nomor or nama of each related SOP "
                "(or [] if there is none)"))
