"""SOP disahkan oleh pejabat yang disebut jabatan dan namanya.

Mengapa: prinsip Kepastian hukum. SOP mengikat karena ditetapkan pimpinan yang berwenang;
pengesahan memuat nomenklatur jabatan dan nama pejabat. Jabatan atau nama yang kosong
atau masih isian sementara ("-", "...", "TBD", "xxx") berarti SOP belum sah.

Why: principle "legal certainty". The SOP binds because a competent official signs it;
an empty or placeholder jabatan or nama means it is not ratified.

Gagal / Fails:

    disahkan_oleh: {jabatan: Kepala Dinas, nama: "...", nip: "..."}
    disahkan_oleh: {jabatan: "-", nama: Dra. Siti Rahmawati, M.Si., nip: "..."}
    disahkan_oleh: {jabatan: Kepala ..., nama: Drs. XXX, M.Si., nip: "..."}

Lolos / Passes:

    disahkan_oleh:
      jabatan: Kepala Dinas Penanaman Modal dan PTSP
      nama: Dra. Siti Rahmawati, M.Si.
      nip: "19720315 199803 2 004"
"""

from __future__ import annotations

import re

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "KP03"
NAME = "unsigned"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("SOP disahkan: jabatan dan nama pejabat terisi",
            "The SOP is ratified: official's position and name filled in")

_PLACEHOLDERS = frozenset({
    "tbd", "tba", "todo", "belum", "belum ada", "belum ditentukan", "nama pejabat",
    "nama", "jabatan", "nama jabatan", "n/a", "na", "nn", "isi", "diisi", "kosong",
})
_FILLER_RE = re.compile(r"^[\s\-–—_.…?/x*]*$", re.IGNORECASE)
_BRACKET_RE = re.compile(r"^[\[<({]\s*(.*?)\s*[\]>)}]$")
_PARTIAL_RE = re.compile(r"\.{3}|…|\b(?:x{3,}|tbd|tba|todo)\b", re.IGNORECASE)


def is_placeholder(text: str | None) -> bool:
    """Empty, filler ("-", "...", "…", "xxx", "???"), a placeholder word (TBD, belum,
    "nama pejabat", "[nama]"), or a value left partly unfilled ("Kepala ...",
    "Drs. XXX, M.Si.")."""
    t = " ".join(str(text or "").split())
    if _FILLER_RE.match(t):
        return True
    if _BRACKET_RE.match(t) or _PARTIAL_RE.search(t):
        return True
    return t.casefold().strip(" .:") in _PLACEHOLDERS


def check(sop, ctx, options):
    p = sop.disahkan_oleh
    for field, label_id, label_en in (("jabatan", "Jabatan", "position"),
                                      ("nama", "Nama", "name")):
        value = getattr(p, field) or ""
        if not is_placeholder(value):
            continue
        shown = value.strip()
        what_id = f"masih \"{shown}\"" if shown else "kosong"
        what_en = f"is a placeholder (\"{shown}\")" if shown else "is empty"
        yield Finding(sop.at(f"disahkan_oleh.{field}"), msg(
            f"{label_id} pejabat yang mengesahkan {what_id}: isi {label_id.lower()} pejabat "
            f"yang berwenang menetapkan SOP",
            f"the approving official's {label_en} {what_en}: fill in the {label_en} of the "
            f"official who ratifies the SOP"))
