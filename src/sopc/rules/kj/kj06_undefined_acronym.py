"""Singkatan dijelaskan kepanjangannya.

Mengapa: prinsip Kemudahan dan kejelasan. SOP harus dapat dipahami oleh siapa pun,
termasuk pegawai yang sama sekali baru; singkatan yang tidak dijelaskan (SPM, SP2D,
KPPN) hanya dipahami orang dalam.

Why: principle "easy and clear". An SOP must be understood by someone new to the task;
unexplained acronyms are insider language.

Singkatan = kata berhuruf kapital semua, minimal dua huruf, angka boleh setelah huruf
pertama (SPM, SP2D). Angka Romawi (II, IV) dan teks yang seluruhnya kapital tidak
dihitung. Diperiksa semua teks SOP kecuali ``nomor``, ``dasar_hukum`` dan
``disahkan_oleh``; nomor SOP lain di ``keterkaitan`` dan durasi (``waktu``,
``batas_waktu``: "5 HK") juga dilewati. Singkatan lolos bila:

- ditulis kepanjangannya di SOP yang sama: "Surat Perintah Membayar (SPM)" atau
  "SPM (Surat Perintah Membayar)";
- ada di ``istilah`` pada sopc.yaml, atau di glosarium bawaan singkatan yang dikenal
  umum (NIK, KTP, NIP, ASN, APBN, BPS, SAKTI, PDF ...; sopc/rules/_data/singkatan.yaml);
- merupakan huruf awal nama instansi, satuan kerja atau unit di sopc.yaml ("BPS" bila
  ``instansi.nama`` "Badan Pusat Statistik Provinsi Bengkulu"), atau nama pelaksana
  SOP itu ("PPID" bila ada pelaksana "Pejabat Pengelola Informasi dan Dokumentasi").

Bukan singkatan: kata biasa yang ditulis kapital (NOL, IMPOR, TIM, PORTAL,
PENGUMUMAN, CARD; dicocokkan dengan kamus kata dasar dan daftar kata Inggris), bagian
nama bertanda hubung ("Fasih-SM"), angka Romawi. Singkatan orang dalam (SPM, SP2D,
KPPN, POK) tetap harus dijelaskan. Satu temuan per singkatan, pada pemakaian pertamanya.

Gagal / Fails:

    uraian: Menerbitkan SPM

Lolos / Passes:

    uraian: Menerbitkan Surat Perintah Membayar (SPM)

atau / or, di sopc.yaml:

    istilah: {SPM: Surat Perintah Membayar}
"""

from __future__ import annotations

from functools import lru_cache

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules._lib.acronym import (acronym_hits, defined_acronyms, glossary, is_ordinary_word,
                                     named_by_initials)
from sopc.rules._lib.textid import brief

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


def _texts(sop) -> list[str]:
    """Every text KJ06 reads, in a fixed order (empty strings kept so that an index
    can be mapped back by :func:`_ref_at`)."""
    texts = [sop.nama or "", sop.unit or ""]
    texts += sop.kualifikasi_pelaksana
    texts += sop.peralatan
    texts += sop.peringatan
    texts += sop.pencatatan
    texts += [_not_a_nomor(link.text) for link in sop.keterkaitan]
    texts += sop.pelaksana.values()
    for a in sop.kegiatan:
        texts.append(a.uraian)
        texts += a.kelengkapan
        texts.append(a.output or "")
        texts.append(a.keterangan or "")
        texts.append(a.pertanyaan or "")
        texts += a.cabang
    return texts


def _ref_at(sop, i: int) -> tuple:
    """(owner, path, is_key, activity) of ``_texts(sop)[i]``, found by counting the
    same sections in the same order."""
    if i < 2:
        return sop, ("nama", "unit")[i], False, None
    i -= 2
    for key in ("kualifikasi_pelaksana", "peralatan", "peringatan", "pencatatan"):
        n = len(getattr(sop, key))
        if i < n:
            return sop, f"{key}.{i}", False, None
        i -= n
    if i < len(sop.keterkaitan):
        return sop.keterkaitan[i], None, False, None
    i -= len(sop.keterkaitan)
    if i < len(sop.pelaksana):
        return sop, f"pelaksana.{list(sop.pelaksana)[i]}", False, None
    i -= len(sop.pelaksana)
    for a in sop.kegiatan:
        n = 1 + len(a.kelengkapan) + 3 + len(a.cabang)
        if i < n:
            if i == 0:
                return a, "uraian", False, a
            i -= 1
            if i < len(a.kelengkapan):
                return a, f"kelengkapan.{i}", False, a
            i -= len(a.kelengkapan)
            if i < 3:
                return a, ("output", "keterangan", "pertanyaan")[i], False, a
            return a, f"cabang.{list(a.cabang)[i - 3]}", True, a
        i -= n
    return sop, None, False, None


def _pos(owner, path, is_key):
    return owner.pos if path is None else owner.at(path, key=is_key)


def check(sop, ctx, options):
    texts = _texts(sop)
    known = ctx.once("KJ06.known", lambda: _known(ctx))
    pending = acronym_hits(texts, known)
    if not pending:
        return
    defined = defined_acronyms(texts + list(sop.dasar_hukum) + [sop.nomor])
    own = ctx.once("KJ06.own", lambda: {})
    labels = tuple(sop.pelaksana.values())
    pending = [(i, acr) for i, acr in pending
               if acr not in defined and not is_ordinary_word(acr) and not _own(acr, own, ctx)
               and not _by_label(acr, labels)]
    if not pending:
        return
    refs = {i: _ref_at(sop, i) for i in {i for i, _ in pending}}
    positions = {i: _pos(*ref[:3]) for i, ref in refs.items()}
    pending.sort(key=lambda x: (positions[x[0]].line, positions[x[0]].col))
    seen: set[str] = set()
    for i, acr in pending:
        if acr in seen:
            continue
        seen.add(acr)
        q = brief(texts[i], 50)
        yield Finding(positions[i], msg(
            f"Singkatan \"{acr}\" (di \"{q}\") tidak dijelaskan: tulis kepanjangannya saat "
            f"pertama dipakai, mis. \"<kepanjangan> ({acr})\", atau tambahkan ke istilah "
            f"di sopc.yaml",
            f"acronym \"{acr}\" (in \"{q}\") is not explained: spell it out at its first "
            f"use, e.g. \"<long form> ({acr})\", or add it to istilah in sopc.yaml"),
            activity=refs[i][3], key=acr)


@lru_cache(maxsize=4096)
def _by_label(acr: str, labels: tuple[str, ...]) -> bool:
    return named_by_initials(acr, labels)


def _own(acr: str, memo: dict, ctx) -> bool:
    """Is ``acr`` the initials of the organisation's own name, satuan kerja or a unit
    named in sopc.yaml? (memoised per run)"""
    got = memo.get(acr)
    if got is None:
        cfg = ctx.config
        names = [getattr(cfg, "instansi_nama", "") or "", getattr(cfg, "satuan_kerja", "") or ""]
        names += list(getattr(cfg, "unit", None) or ())
        got = memo[acr] = named_by_initials(acr, names)
    return got


def _known(ctx) -> frozenset[str]:
    known = set(glossary())
    istilah = getattr(ctx.config, "istilah", None) or {}
    known.update(str(k).strip() for k in istilah)
    known.update(str(k).strip().upper() for k in istilah)
    return frozenset(known)
