"""Keterukuran: the Mutu Baku column of the official table gives every activity its
time (`waktu`). Without it the procedure's total time cannot be computed, the service
standard (`batas_waktu`) cannot be checked, and nobody can measure whether the work was
done on time.

Fails (the key is missing or blank):

    - uraian: Memeriksa kelengkapan berkas
      pelaksana: loket
      output: Berkas terperiksa

Passes:

    - uraian: Memeriksa kelengkapan berkas
      pelaksana: loket
      waktu: 15 menit
      output: Berkas terperiksa

A `waktu` that is present but not a duration ("-", "segera") is KU02."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "KU01"
NAME = "missing-time"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Kegiatan tanpa waktu", "Activity without a time")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        if a.waktu is None or not str(a.waktu).strip():
            yield Finding(a.at("waktu"), msg(
                f"kegiatan {a.number} tidak memiliki waktu (mutu baku); isi 'waktu', misalnya '15 menit' atau '1 hari kerja'",
                f"activity {a.number} has no time (Mutu Baku); fill in 'waktu', e.g. '15 menit' or '1 hari kerja'"), a)
