"""Peraturan daerah yang dikutip berasal dari wilayah instansi sendiri.

Mengapa: prinsip Kepatuhan hukum. Perda, Pergub, Perbup dan Perwal hanya berlaku di
wilayahnya; SOP yang berdasar pada peraturan daerah lain (SOP Kecamatan Galang, Kota
Batam, yang mengutip peraturan Kota Mataram) tidak berdasar hukum yang berlaku baginya.

Why: principle "legal compliance". Regional regulations apply only in their own region;
an SOP resting on another region's regulation has no valid legal basis.

Wilayah dibandingkan dengan ``wilayah`` di sopc.yaml ("Kab." = "Kabupaten", "Prov." =
"Provinsi", "Pemerintah" diabaikan). Tanpa ``wilayah`` aturan ini tidak berjalan.
Peraturan provinsi yang dikutip SOP kabupaten/kota tidak diperiksa (provinsinya tidak
diketahui).

Gagal / Fails (wilayah: Kota Batam):

    - Peraturan Wali Kota Mataram Nomor 5 Tahun 2019 tentang Pelayanan Administrasi

Lolos / Passes (wilayah: Kota Batam):

    - Peraturan Wali Kota Batam Nomor 5 Tahun 2020 tentang Pelayanan Administrasi
"""

from __future__ import annotations

from sopc.rules._lib.citation import canonical_region, region_key, region_level
from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.kh._common import citations
from sopc.rules._lib.textid import brief

CODE = "KH05"
NAME = "other-region"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Peraturan daerah yang dikutip dari wilayah sendiri",
            "Regional regulations cited are from the SOP's own region")

_REGIONAL = ("PERDA", "PERGUB", "PERBUP", "PERWAL")


def _name_only(key: str) -> str:
    head, _, rest = key.partition(" ")
    return rest if head in ("provinsi", "kabupaten", "kota") else key


def check(sop, ctx, options):
    wilayah = getattr(ctx.config, "wilayah", None)
    if not wilayah or not str(wilayah).strip():
        return
    wkey = region_key(str(wilayah))
    wlevel = region_level(str(wilayah))
    for i, (text, c) in enumerate(zip(sop.dasar_hukum, citations(sop, ctx))):
        if c is None or c.kind not in _REGIONAL or not c.region:
            continue
        clevel = region_level(c.region)
        ckey = region_key(c.region)
        if wlevel in ("kabupaten", "kota") and clevel == "provinsi":
            continue
        if wlevel is None or clevel is None:
            same = _name_only(ckey) == _name_only(wkey)
        else:
            same = ckey == wkey
        if same:
            continue
        q = brief(text, 60)
        w = canonical_region(str(wilayah))
        yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
            f"Dasar hukum \"{q}\" adalah peraturan {c.region}, bukan {w}: kutip peraturan "
            f"yang berlaku di wilayah sendiri (wilayah di sopc.yaml)",
            f"legal basis \"{q}\" is a regulation of {c.region}, not {w}: cite the "
            f"regulation that applies in the SOP's own region (wilayah in sopc.yaml)"))
