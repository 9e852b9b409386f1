"""Syarat ("jika ... maka ...") digambarkan sebagai keputusan, bukan disembunyikan di teks.

Mengapa: prinsip Kemudahan dan kejelasan. SOP AP memakai diagram alir bercabang: setiap
pilihan digambarkan dengan simbol keputusan (belah ketupat) dan cabangnya. Syarat yang
hanya tertulis di uraian atau keterangan sebuah proses ("Jika berkas tidak lengkap,
dikembalikan") tidak tampak di alur dan mudah terlewat.

Why: principle "easy and clear". SOP AP are branching flowcharts: a choice is drawn as a
decision with branches. A condition written only inside a process's text is invisible in
the flow.

Penanda syarat: jika, apabila, bila, bilamana, kalau (kata utuh, dengan atau tanpa
"maka"). Keputusan (kegiatan dengan ``cabang``) dikecualikan.

Gagal / Fails:

    uraian: Memeriksa berkas, apabila tidak lengkap maka dikembalikan kepada pemohon

Lolos / Passes:

    uraian: Memeriksa kelengkapan berkas
    cabang: {Lengkap: konsep, Tidak lengkap: kembalikan}
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import brief, condition_markers, has_condition_marker

CODE = "KJ05"
NAME = "hidden-decision"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Syarat digambarkan sebagai keputusan, bukan tersembunyi di teks",
            "Conditions are drawn as decisions, not hidden in the text")


def _any_marker(sop) -> bool:
    """One cheap substring test over all texts before looking activity by activity."""
    parts = []
    for a in sop.kegiatan:
        if not a.cabang:
            parts.append(a.uraian)
            if a.keterangan:
                parts.append(a.keterangan)
    return has_condition_marker("\x00".join(parts))


def check(sop, ctx, options):
    if not _any_marker(sop):
        return
    for a in sop.kegiatan:
        if a.is_decision:
            continue
        for field, label in (("uraian", "uraian"), ("keterangan", "keterangan")):
            text = getattr(a, field) or ""
            markers = condition_markers(text)
            if not markers:
                continue
            q = brief(text, 50)
            yield Finding(a.at(field), msg(
                f"{label.capitalize()} kegiatan {a.number} memuat syarat \"{markers[0]}\" "
                f"(\"{q}\"): gambarkan sebagai keputusan dengan cabang (mis. Ya/Tidak) agar "
                f"pilihannya tampak di alur",
                f"the {label} of activity {a.number} holds a condition \"{markers[0]}\" "
                f"(\"{q}\"): draw it as a decision with branches (e.g. Ya/Tidak) so the "
                f"choice shows in the flow"), activity=a, key=f"{field}|{markers[0]}")
