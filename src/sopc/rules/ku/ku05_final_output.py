"""Keterukuran: the output of an activity that ends the procedure is the procedure's
product (the permit, the letter, the report). If an end activity names no output, the
SOP does not say what it delivers, and its result cannot be measured.

Fails: the last activity (or one with `ke: selesai`) has no `output`, or only "-".

    - uraian: Menyerahkan surat izin kepada pemohon
      pelaksana: loket
      waktu: 10 menit

Passes:

    - uraian: Menyerahkan surat izin kepada pemohon
      pelaksana: loket
      waktu: 10 menit
      output: Surat izin diterima pemohon"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ku._util import is_empty

CODE = "KU05"
NAME = "final-output"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Kegiatan akhir tanpa output", "Final activity without an output")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        if a.is_end and is_empty(a.output):
            yield Finding(a.at("output"), msg(
                f"kegiatan {a.number} mengakhiri prosedur tetapi tidak menyebut outputnya; "
                "tuliskan produk akhir prosedur, misalnya 'Surat izin diterima pemohon'",
                f"activity {a.number} ends the procedure but names no output; "
                "state the procedure's product, e.g. 'Surat izin diterima pemohon'"), a)
