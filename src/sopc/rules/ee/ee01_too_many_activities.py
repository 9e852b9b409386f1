"""Efisiensi dan efektivitas: a procedure with very many activities is hard to follow
and usually bundles several procedures. The guideline recommends splitting a long
procedure into linked SOPs (listed in `keterkaitan`), each short enough to be read at a
glance.

Fails (default `maks: 30`): an SOP with 31 or more rows in `kegiatan`.

Passes: 30 activities or fewer; or split the work into, for example, "Penerimaan
Berkas Izin" and "Penerbitan Surat Izin" and link them.

Option: `maks` (default 30)."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ee._util import int_option

CODE = "EE01"
NAME = "too-many-activities"
LEVEL = Level.WARNING
OPTIONS = {"maks": 30}
TITLE = msg("Terlalu banyak kegiatan", "Too many activities")


def check(sop, ctx, options):
    maks = int_option(options, "maks", 30)
    n = len(sop.kegiatan)
    if n > maks:
        yield Finding(sop.at("kegiatan", key=True), msg(
            f"SOP ini memiliki {n} kegiatan (maksimal {maks}); pecah menjadi beberapa SOP yang saling terkait "
            "dan cantumkan di 'keterkaitan'",
            f"this SOP has {n} activities (at most {maks}); split it into linked SOPs "
            "and list them in 'keterkaitan'"))
