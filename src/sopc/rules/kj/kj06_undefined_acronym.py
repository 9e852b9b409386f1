"""Singkatan dijelaskan kepanjangannya.

Mengapa: prinsip Kemudahan dan kejelasan. SOP harus dapat dipahami oleh siapa pun,
termasuk pegawai yang sama sekali baru; singkatan yang tidak dijelaskan (SPM, SP2D,
KPPN) hanya dipahami orang dalam.

Why: principle "easy and clear". An SOP must be understood by someone new to the task;
unexplained acronyms are insider language.

Singkatan = kata berhuruf kapital semua, minimal dua huruf, angka boleh setelah huruf
pertama (SPM, SP2D). Angka Romawi (II, IV) dan teks yang seluruhnya kapital tidak
dihitung. Diperiksa semua teks SOP kecuali ``nomor``, ``dasar_hukum`` dan
``disahkan_oleh`` (nomor SOP lain di ``keterkaitan`` juga dilewati). Singkatan lolos bila
ada di ``istilah`` pada sopc.yaml, atau ditulis kepanjangannya di SOP yang sama:
"Surat Perintah Membayar (SPM)" atau "SPM (Surat Perintah Membayar)". Satu temuan per
singkatan, pada pemakaian pertamanya. SOP, AP, RI, WIB, PDF, JPG, KB/MB/GB dianggap umum.

Gagal / Fails:

    uraian: Menerbitkan SPM

Lolos / Passes:

    uraian: Menerbitkan Surat Perintah Membayar (SPM)

atau / or, di sopc.yaml:

    istilah: {SPM: Surat Perintah Membayar}
"""

from __future__ import annotations

from sopc.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.textid import KNOWN_ACRONYMS, acronyms, brief, defined_acronyms

CODE = "KJ06"
NAME = "undefined-acronym"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Singkatan dijelaskan kepanjangannya", "Acronyms are spelled out")


def _not_a_nomor(text: str) -> str:
    """Drop words that are SOP numbers (SOP-003/DPMPTSP/2025) from a keterkaitan entry."""
    if "/" not in text:
        return text
    return " ".join(w for w in text.split() if "/" not in w)


def _texts(sop):
    """(pos, text, activity) of every text KJ06 reads, in no particular order."""
    if sop.nama:
        yield sop.at("nama"), sop.nama, None
    if sop.unit:
        yield sop.at("unit"), sop.unit, None
    if sop.batas_waktu:
        yield sop.at("batas_waktu"), sop.batas_waktu, None
    for key in ("kualifikasi_pelaksana", "peralatan", "peringatan", "pencatatan"):
        for i, t in enumerate(getattr(sop, key)):
            yield sop.at(f"{key}.{i}"), t, None
    for link in sop.keterkaitan:
        yield link.pos, _not_a_nomor(link.text), None
    for aid, label in sop.pelaksana.items():
        yield sop.at(f"pelaksana.{aid}"), label, None
    for a in sop.kegiatan:
        yield a.at("uraian"), a.uraian, a
        for i, t in enumerate(a.kelengkapan):
            yield a.at(f"kelengkapan.{i}"), t, a
        if a.output:
            yield a.at("output"), a.output, a
        if a.keterangan:
            yield a.at("keterangan"), a.keterangan, a
        if a.pertanyaan:
            yield a.at("pertanyaan"), a.pertanyaan, a
        for label in a.cabang:
            yield a.at(f"cabang.{label}", key=True), label, a


def check(sop, ctx, options):
    texts = [t for t in _texts(sop) if t[1] and any(ch.isupper() for ch in t[1])]
    if not texts:
        return
    known = set(KNOWN_ACRONYMS)
    istilah = getattr(ctx.config, "istilah", None) or {}
    known.update(str(k).strip() for k in istilah)
    known.update(str(k).strip().upper() for k in istilah)
    defined = defined_acronyms([t for _, t, _ in texts] + list(sop.dasar_hukum) + [sop.nomor])
    seen: set[str] = set()
    texts.sort(key=lambda x: (x[0].line, x[0].col))
    for pos, text, a in texts:
        for acr in acronyms(text):
            if acr in seen or acr in known or acr in defined:
                continue
            seen.add(acr)
            q = brief(text, 50)
            yield Finding(pos, msg(
                f"Singkatan \"{acr}\" (di \"{q}\") tidak dijelaskan: tulis kepanjangannya saat "
                f"pertama dipakai, mis. \"<kepanjangan> ({acr})\", atau tambahkan ke istilah "
                f"di sopc.yaml",
                f"acronym \"{acr}\" (in \"{q}\") is not explained: spell it out at its first "
                f"use, e.g. \"<long form> ({acr})\", or add it to istilah in sopc.yaml"),
                activity=a, key=acr)
