"""Keselarasan: `keterkaitan` lists the SOPs this one works with; a reader follows the
entry to the other procedure. An entry that names no SOP of the repository (by `nomor`
or `nama`, ignoring case, repeated spaces, trailing punctuation and a leading "SOP")
is a dead link: a typo, a renamed SOP, or an SOP of another organisation.

Fails:

    keterkaitan:
      - Pengelolan Surat Masuk          # typo; sopc suggests "Pengelolaan Surat Masuk"
      - SOP Penetapan Pajak Reklame     # belongs to another agency

Passes:

    keterkaitan:
      - SOP-003/DPMPTSP/2025
      - Pengelolaan Surat Masuk
      - eksternal: SOP Penetapan Pajak Reklame, Badan Pendapatan Daerah

Vague entries ("Seluruh SOP di lingkungan …") are KS04. An entry naming an SOP file
that cannot be parsed at the moment (its `nomor:` or `nama:` line matches) is not
reported: that file's own E001 is the finding to fix, and the SOPs linking to it are
not blocked from the build meanwhile."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ks._index import is_vague, ks_index, link_key

CODE = "KS01"
NAME = "unresolved-link"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Keterkaitan tidak ditemukan", "Unresolved related SOP")


def check(sop, ctx, options):
    idx = ks_index(ctx)
    for link, targets in idx.links(sop):
        if targets or is_vague(link.text) or link_key(link.text) in idx.unparsed:
            continue
        near = idx.suggest(link.text)
        hint_id = f" (maksud Anda \"{near}\"?)" if near else ""
        hint_en = f" (did you mean \"{near}\"?)" if near else ""
        yield Finding(link.pos, msg(
            f"keterkaitan \"{link.text}\" tidak cocok dengan nomor atau nama SOP mana pun di repositori{hint_id}; "
            "untuk SOP di luar repositori tulis {eksternal: ...}",
            f"related SOP \"{link.text}\" matches no nomor or nama in the repository{hint_en}; "
            "for an SOP outside the repository write {eksternal: ...}"))
