"""Keselarasan: the same official must carry the same label in every SOP; otherwise
the repository seems to have two different actors, the workload report splits one
person in two, and readers wonder whether the roles differ. sopc compares the distinct
actor labels of the whole repository once and reports labels that differ only slightly:
case, spaces, punctuation or doubled letters ("Kasubbag Umum" / "Kasubag Umum", "Sub
Bagian" / "Subbagian"), or one word within two letters ("Petugas Layanan" / "Petugas
Pelayanan", "Sekretaris" / "Sekertaris"). Labels that differ in a number, roman numeral
or single letter ("Kepala Seksi I" / "Kepala Seksi II") are different roles.

Fails: `t.sop.yaml` has `Petugas Layanan` and `u.sop.yaml` has `Petugas Pelayanan`
(reported in each file).

Passes: one spelling everywhere (best taken from the `jabatan` registry)."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.ks._index import actor_index
from sopc.core.text import norm_space

CODE = "KS07"
NAME = "near-duplicate-actor"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Label pelaksana hampir sama", "Near-duplicate actor labels")


def _where(files, other, me):
    fs = files.get(other, [])
    if fs == [me]:
        return "", ""
    ids = ["SOP ini" if f == me else f for f in fs[:3]]
    ens = ["this SOP" if f == me else f for f in fs[:3]]
    more = ", …" if len(fs) > 3 else ""
    return f" (di {', '.join(ids)}{more})", f" (in {', '.join(ens)}{more})"


def check(sop, ctx, options):
    ai = actor_index(ctx)
    if not ai.near:
        return
    for ident, label in sop.pelaksana.items():
        others = ai.near.get(norm_space(label))
        if not others:
            continue
        parts_id, parts_en = [], []
        for o in others[:3]:
            w_id, w_en = _where(ai.files, o, ctx.repo_path(sop))
            parts_id.append(f"\"{o}\"{w_id}")
            parts_en.append(f"\"{o}\"{w_en}")
        yield Finding(sop.at(f"pelaksana.{ident}"), msg(
            f"label pelaksana \"{label}\" hampir sama dengan {', '.join(parts_id)}; "
            "jika jabatannya sama, samakan penulisannya",
            f"actor label \"{label}\" is nearly the same as {', '.join(parts_en)}; "
            "if it is the same position, write it the same way"))
