"""Keterukuran: the Kelengkapan column of the Mutu Baku lists what an activity needs
(documents, forms, data). Every activity, the first one and the decisions included,
needs its inputs stated so that it can be carried out and checked.

Fails (no `kelengkapan`, an empty list, or only placeholders such as "-"):

    - uraian: Menandatangani surat izin
      pelaksana: kadis
      waktu: 30 menit
      output: Surat izin ditandatangani

Passes:

    - uraian: Menandatangani surat izin
      pelaksana: kadis
      kelengkapan: Konsep surat izin yang telah diparaf
      waktu: 30 menit
      output: Surat izin ditandatangani"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ku._util import list_empty

CODE = "KU04"
NAME = "missing-input"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Kegiatan tanpa kelengkapan", "Activity without inputs")


def check(sop, ctx, options):
    for a in sop.kegiatan:
        if list_empty(a.kelengkapan):
            yield Finding(a.at("kelengkapan"), msg(
                f"kegiatan {a.number} tidak memiliki kelengkapan (mutu baku); sebutkan dokumen atau bahan yang diperlukan",
                f"activity {a.number} has no inputs (Mutu Baku 'kelengkapan'); list the documents or material it needs"), a)
