"""Uraian kegiatan tidak lebih dari ``maks_kata`` kata (bawaan 25).

Mengapa: prinsip Kemudahan dan kejelasan. Uraian kegiatan dibaca di dalam kolom sempit
diagram alir; kalimat panjang dengan ketentuan tambahan sulit dipahami pelaksana baru.
Rincian dan ketentuan tambahan tempatnya di kolom Keterangan.

Why: principle "easy and clear". The activity is read in a narrow flowchart column; long
sentences with extra provisions are hard to follow. Details belong in `keterangan`.

Opsi / Option: ``maks_kata`` (bawaan 25).

Gagal / Fails (lebih dari 25 kata):

    uraian: Memeriksa kelengkapan berkas permohonan yang terdiri atas formulir, fotokopi
            KTP, fotokopi NPWP, desain reklame, surat pernyataan, dan bukti pembayaran
            retribusi yang telah divalidasi oleh bank persepsi sebelum diteruskan

Lolos / Passes:

    uraian: Memeriksa kelengkapan berkas permohonan
    keterangan: Berkas terdiri atas formulir, fotokopi KTP, ...
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import brief

CODE = "KJ03"
NAME = "long-activity"
LEVEL = Level.WARNING
OPTIONS = {"maks_kata": 25}
TITLE = msg("Uraian kegiatan singkat (paling banyak maks_kata kata)",
            "Activity text is short (at most maks_kata words)")


def _limit(options) -> int:
    try:
        n = int(options.get("maks_kata", OPTIONS["maks_kata"]))
    except (TypeError, ValueError):
        return OPTIONS["maks_kata"]
    return n if n > 0 else OPTIONS["maks_kata"]


def check(sop, ctx, options):
    limit = _limit(options or {})
    for a in sop.kegiatan:
        n = len(a.uraian.split())
        if n <= limit:
            continue
        q = brief(a.uraian, 40)
        yield Finding(a.at("uraian"), msg(
            f"Uraian \"{q}\" terlalu panjang ({n} kata, maks {limit}): ringkas uraiannya dan "
            f"pindahkan rincian ke keterangan",
            f"activity \"{q}\" is too long ({n} words, max {limit}): shorten it and move "
            f"the details to keterangan"), activity=a)
