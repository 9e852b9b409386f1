"""Berorientasi pada pengguna: a user needs to know how long the service takes. A
service procedure (`sifat: pelayanan`) should state its service standard time
(`batas_waktu`, from the unit's Standar Pelayanan); sopc then checks that the longest
path fits it (EE02).

Fails:

    sifat: pelayanan
    # no batas_waktu

Passes:

    sifat: pelayanan
    batas_waktu: 3 hari kerja"""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.bp._util import is_service

CODE = "BP04"
NAME = "no-service-standard"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("SOP pelayanan tanpa batas waktu", "Service SOP without a time limit")


def check(sop, ctx, options):
    if is_service(sop) and not (sop.batas_waktu or "").strip():
        yield Finding(sop.at("sifat"), msg(
            "SOP pelayanan tidak menyebut batas_waktu (standar waktu pelayanan); tambahkan, misalnya "
            "'batas_waktu: 3 hari kerja'",
            "the service SOP states no batas_waktu (service standard time); add one, e.g. "
            "'batas_waktu: 3 hari kerja'"))
