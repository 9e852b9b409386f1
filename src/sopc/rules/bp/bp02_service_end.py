"""Berorientasi pada pengguna: a service procedure (`sifat: pelayanan`) ends when the
user has the result: the permit, the letter, the answer. At least one end activity must
hand the result to an outside party (`pihak_luar`): either the end activity is done by
that party ("Menerima surat izin", by Pemohon), or its `uraian` says so with
menyerahkan / menyampaikan / memberikan / mengirimkan (also mengirim, menyerahterimakan,
menginformasikan, memberitahukan) … kepada <that party>.

Fails:

    sifat: pelayanan
    kegiatan:
      ...
      - uraian: Mengarsipkan surat izin          # the last activity
        pelaksana: loket

Passes:

      - uraian: Menyerahkan surat izin kepada pemohon
        pelaksana: loket"""

import re

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.bp._util import is_service, outside_actor_ids, outside_labels
from sopc.core.text import fold

CODE = "BP02"
NAME = "service-end"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("SOP pelayanan tidak berakhir pada pengguna", "Service SOP does not end with the user")

_VERB = re.compile(
    r"\b(?:menyerahkan|menyerahterimakan|menyampaikan|memberikan|mengirimkan|mengirim|"
    r"menginformasikan|memberitahukan)\b"
)
_TO = re.compile(r"\b(?:kepada|ke)\s+")


def _hands_over(text: str, targets: tuple[str, ...]) -> bool:
    """A hand-over verb followed, anywhere later, by "kepada/ke <outside party>"."""
    t = fold(text)
    v = _VERB.search(t)
    if not v:
        return False
    for m in _TO.finditer(t, v.end()):
        rest = t[m.end():]
        for target in targets:
            if rest.startswith(target) and (len(rest) == len(target) or not rest[len(target)].isalnum()):
                return True
    return False


def check(sop, ctx, options):
    if not is_service(sop):
        return
    ends = [a for a in sop.kegiatan if a.is_end]
    if not ends:
        return
    outside = outside_actor_ids(sop, ctx)
    targets = tuple(sorted({*outside_labels(ctx), *(fold(sop.pelaksana[i]) for i in outside)},
                           key=len, reverse=True))
    for a in ends:
        if any(p in outside for p in a.pelaksana):
            return
        if targets and _hands_over(a.uraian or "", targets):
            return
    last = max(ends, key=lambda a: a.index)
    yield Finding(last.at("uraian"), msg(
        "SOP pelayanan sebaiknya diakhiri dengan penyerahan hasil kepada pengguna layanan; tidak ada kegiatan akhir "
        "yang menyerahkan hasil kepada pihak luar (misalnya 'Menyerahkan surat izin kepada pemohon')",
        "a service SOP should end by handing the result to the user; no end activity hands the result to an "
        "outside party (e.g. 'Menyerahkan surat izin kepada pemohon')"), last)
