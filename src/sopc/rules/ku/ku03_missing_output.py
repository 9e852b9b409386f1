"""Keterukuran: the Output column of the Mutu Baku names what each activity produces,
so that the result of every step can be checked and handed on. An activity without
output cannot be measured.

Fails (missing, blank or a placeholder such as "-"):

    - uraian: Memeriksa kelengkapan berkas
      pelaksana: loket
      waktu: 15 menit
      output: "-"

Passes:

    - uraian: Memeriksa kelengkapan berkas
      pelaksana: loket
      waktu: 15 menit
      output: Berkas terperiksa"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ku._util import is_empty

CODE = "KU03"
NAME = "missing-output"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Kegiatan tanpa output", "Activity without an output")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        if is_empty(a.output):
            yield Finding(a.at("output"), msg(
                f"kegiatan {a.number} tidak memiliki output (mutu baku); tuliskan hasil kegiatan, misalnya 'Berkas terperiksa'",
                f"activity {a.number} has no output (Mutu Baku); name what it produces, e.g. 'Berkas terperiksa'"), a)
