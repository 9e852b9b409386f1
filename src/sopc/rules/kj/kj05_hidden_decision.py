"""Syarat ("jika ... maka ...") digambarkan sebagai keputusan, bukan disembunyikan di teks.

Mengapa: prinsip Kemudahan dan kejelasan. SOP AP memakai diagram alir bercabang: setiap
pilihan digambarkan dengan simbol keputusan (belah ketupat) dan cabangnya. Syarat yang
hanya tertulis di uraian atau keterangan sebuah proses ("Jika berkas tidak lengkap,
dikembalikan") tidak tampak di alur dan mudah terlewat.

Why: principle "easy and clear". SOP AP are branching flowcharts: a choice is drawn as a
decision with branches. A condition written only inside a process's text is invisible in
the flow.

Penanda syarat: jika, apabila, bila, bilamana, kalau, manakala, "dalam hal" (kata
utuh, dengan atau tanpa "maka"), dan pertanyaan yang dijawab di teks yang sama ("Memeriksa apakah berkas
lengkap? Ya, diteruskan. Tidak, dikembalikan"; "Data sesuai? (Ya/Tidak)"). Keputusan
(kegiatan dengan ``cabang``) dikecualikan. Syarat yang hanya menggeser batas waktu
bukan cabang alur dan tidak dilaporkan: tenggat dihitung dari suatu peristiwa tepat
sebelum penandanya ("1 hari setelah masa sanggah berakhir jika tidak ada sanggahan")
atau syaratnya tentang kalender ("jika jatuh pada hari libur, pada hari kerja
berikutnya").

Gagal / Fails:

    uraian: Memeriksa berkas, apabila tidak lengkap maka dikembalikan kepada pemohon
    uraian: Memeriksa apakah berkas lengkap? Ya, diteruskan. Tidak, dikembalikan

Lolos / Passes:

    uraian: Memeriksa kelengkapan berkas
    cabang: {Lengkap: konsep, Tidak lengkap: kembalikan}

    uraian: Mengumumkan pemenang 1 hari setelah masa sanggah jika tidak ada sanggahan
"""

from __future__ import annotations

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.textid import brief, decision_markers, inline_question, may_hide_decision

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
    return may_hide_decision("\x00".join(parts))


def check(sop, ctx, options):
    if not _any_marker(sop):
        return
    for a in sop.kegiatan:
        if a.is_decision:
            continue
        for field, label in (("uraian", "uraian"), ("keterangan", "keterangan")):
            text = getattr(a, field) or ""
            if not text or not may_hide_decision(text):
                continue
            markers = decision_markers(text)
            if not markers:
                if inline_question(text):
                    q = brief(text, 50)
                    yield Finding(a.at(field), msg(
                        f"{label.capitalize()} kegiatan {a.number} memuat pertanyaan yang "
                        f"dijawab di teks (\"{q}\"): gambarkan sebagai keputusan dengan "
                        f"cabang jawabannya (mis. Ya/Tidak) agar pilihannya tampak di alur",
                        f"the {label} of activity {a.number} holds a question answered in the "
                        f"text (\"{q}\"): draw it as a decision with its answers as branches "
                        f"(e.g. Ya/Tidak) so the choice shows in the flow"),
                        activity=a, key=f"{field}|?")
                continue
            q = brief(text, 50)
            yield Finding(a.at(field), msg(
                f"{label.capitalize()} kegiatan {a.number} memuat syarat \"{markers[0]}\" "
                f"(\"{q}\"): gambarkan sebagai keputusan dengan cabang (mis. Ya/Tidak) agar "
                f"pilihannya tampak di alur",
                f"the {label} of activity {a.number} holds a condition \"{markers[0]}\" "
                f"(\"{q}\"): draw it as a decision with branches (e.g. Ya/Tidak) so the "
                f"choice shows in the flow"), activity=a, key=f"{field}|{markers[0]}")
