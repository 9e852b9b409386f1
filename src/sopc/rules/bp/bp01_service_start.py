"""Berorientasi pada pengguna: a service procedure (`sifat: pelayanan`) exists for its
user, so it starts from the user: the applicant submits a request (Permendagri 52/2011
on service SOPs). The outside parties are the labels in `sopc.yaml` `pihak_luar`
(default Pemohon, Pengguna Layanan, Masyarakat, Penyedia; a label that starts with one
of them, such as "Pemohon Izin", counts too).

Fails:

    sifat: pelayanan
    kegiatan:
      - uraian: Menerima berkas permohonan     # by Petugas Loket
        pelaksana: loket

Passes:

    kegiatan:
      - uraian: Mengajukan permohonan beserta berkas persyaratan
        pelaksana: pemohon                      # Pemohon"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.bp._util import is_service, outside_actor_ids

CODE = "BP01"
NAME = "service-start"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("SOP pelayanan tidak dimulai dari pengguna", "Service SOP does not start with the user")


def check(sop, ctx, options):
    if not is_service(sop) or not sop.kegiatan:
        return
    first = sop.kegiatan[0]
    outside = outside_actor_ids(sop, ctx)
    if any(p in outside for p in first.pelaksana):
        return
    who = ", ".join(sop.actor_label(p) for p in first.pelaksana) or "-"
    parties = ", ".join(ctx.config.pihak_luar or []) or "-"
    yield Finding(first.at("pelaksana"), msg(
        f"SOP pelayanan sebaiknya dimulai dengan permohonan dari pengguna layanan ({parties}), "
        f"bukan oleh {who}; tambahkan kegiatan pertama oleh pengguna layanan",
        f"a service SOP should start with the user's request ({parties}), "
        f"not with {who}; add a first activity by the user"), first)
