"""Berorientasi pada pengguna: the Pelaksana columns of the official table are the
people (pelaku) who act: officials and the user. An application, a website, a room or
a box does not act; it is a tool (`peralatan`) or an input (`kelengkapan`). A label
counts as non-human when its first word is a system, place or thing: Aplikasi, Sistem,
Sarana, Website, Web, Situs, Email/Surel, Portal, Kotak, Server, Database, Komputer,
Ruang/Ruangan, Loket, Mesin, Media, Formulir, Dokumen, Berkas… ("Petugas Loket" is a
person; "Loket Pelayanan" is a place).

Fails:

    pelaksana:
      app: Aplikasi SiCantik
      sarana: Sarana Pelayanan

Passes:

    pelaksana:
      operator: Operator SiCantik
    peralatan:
      - Aplikasi SiCantik"""

import re

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "BP03"
NAME = "non-human-actor"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Pelaksana bukan manusia", "Actor is not a person")

NON_HUMAN = frozenset({
    "aplikasi", "sistem", "system", "sarana", "prasarana", "website", "web", "situs",
    "laman", "email", "e-mail", "surel", "portal", "kotak", "server", "database",
    "basis", "pangkalan", "komputer", "ruang", "ruangan", "loket", "mesin", "printer",
    "media", "formulir", "dokumen", "berkas", "gudang", "papan", "telepon", "software",
    "perangkat", "jaringan", "sim", "simpeg", "dashboard", "platform", "app", "meja",
})

_FIRST = re.compile(r"[^\W_]+(?:-[^\W_]+)?")


def check(sop, ctx, options):
    for ident, label in sop.pelaksana.items():
        m = _FIRST.match(str(label).strip())
        if m and m.group(0).casefold() in NON_HUMAN:
            yield Finding(sop.at(f"pelaksana.{ident}"), msg(
                f"pelaksana \"{label}\" adalah sistem, tempat atau benda, bukan pelaku; pindahkan ke 'peralatan' "
                "atau 'kelengkapan' dan jadikan pelaksananya orang yang mengoperasikannya",
                f"actor \"{label}\" is a system, place or thing, not a person; move it to 'peralatan' "
                "or 'kelengkapan' and make the person who operates it the actor"))
