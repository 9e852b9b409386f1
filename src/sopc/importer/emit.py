"""Write a draft as an SOP file in FORMAT.md's printed order, with a ``# periksa: ...``
comment on every value the importer is unsure of, and the repository's sopc.yaml."""

from __future__ import annotations

import json
import re
from collections import Counter

from sopc.core.diagnostics import msg
from sopc.importer.assemble import Draft, DraftActivity

NOTES = {
    "kerning": msg("angka terpisah di PDF", "digits split in the PDF"),
    "several": msg("sel memuat lebih dari satu nomor; yang pertama dipakai",
                   "the cell holds more than one number; the first is used"),
    "english": msg("nama bulan berbahasa Inggris", "English month name"),
    "no_day": msg("tanggal tanpa hari; diisi tanggal 1", "date without a day; day 1 assumed"),
    "month": msg("nama bulan disingkat atau ejaan lama", "abbreviated or old-spelling month name"),
    "unreadable": msg("tanggal tidak terbaca", "unreadable date"),
    "missing": msg("tidak ditemukan di PDF", "not found in the PDF"),
    "case": msg("huruf besar/kecil ditebak dari teks kapital", "letter case guessed from capitals"),
    "signer": msg("jabatan/nama pengesah ditebak dari tata letak", "signer's title/name guessed from the layout"),
    "nip": msg("NIP tidak terbaca", "unreadable NIP"),
    "list": msg("pemisahan butir ditebak dari baris", "list items guessed from the lines"),
    "layout": msg("nilai dibaca tanpa sel bergaris", "value read without a ruled cell"),
    "external": msg("tidak cocok dengan SOP yang diimpor; ditulis sebagai eksternal",
                    "matches no imported SOP; written as external"),
    "no_symbol": msg("tidak ada simbol di baris ini; pelaksana ditebak", "no symbol in this row; actor guessed"),
    "several_symbols": msg("beberapa simbol dalam satu baris", "several symbols in one row"),
    "unnumbered": msg("baris tanpa nomor", "unnumbered row"),
    "split": msg("satu baris dengan dua simbol yang menuju kegiatan berbeda; dipecah menjadi kegiatan terpisah",
                 "one row with two symbols leading to different activities; split into separate activities"),
    "no_arrowhead": msg("konektor tanpa kepala panah; arah ditebak", "connector without arrowhead; direction guessed"),
    "loose_connector": msg("konektor tidak menyentuh simbol asalnya; sumber ditebak",
                           "a connector stops short of its source; source guessed"),
    "guessed_edge": msg("arah atau asal konektor ditebak", "connector direction or source guessed"),
    "no_label": msg("label cabang tidak ditemukan", "branch label not found"),
    "one_exit": msg("simbol keputusan dengan satu jalur keluar", "decision with one exit"),
    "several_targets": msg("beberapa panah keluar; hanya yang pertama dipakai", "several arrows leave; the first is used"),
    "no_edge": msg("tidak ada panah keluar", "no arrow leaves"),
    "jpeg_table": msg("tabel prosedur berupa gambar (JPEG) tanpa teks", "the procedure table is an image (JPEG) without text"),
    "ocr": msg("tabel prosedur dibaca dengan OCR dari gambar; periksa setiap nilai",
               "the procedure table was read by OCR from an image; check every value"),
    "ocr_missing": None,
    "no_table": msg("tabel prosedur tidak ditemukan", "procedure table not found"),
    "raster": msg("diagram alir berupa gambar; alur mengikuti urutan baris", "the flowchart is an image; flow in row order"),
    "ambiguous_join": msg("sambungan konektor tidak jelas; tidak dijadikan panah", "ambiguous connector join; not made an edge"),
    "offpage_order": msg("pasangan konektor antarhalaman dipasangkan menurut urutan", "off-page connectors paired by order"),
    "offpage_unpaired": msg("konektor antarhalaman tanpa pasangan", "off-page connector without a pair"),
}


def note_text(key: str, lang: str = "id") -> str:
    if key == "ocr_missing":
        from sopc.importer.ocr import GUIDANCE

        return GUIDANCE.text(lang)
    m = NOTES.get(key)
    return m.text(lang) if m else key


_PLAIN = re.compile(r"^[A-Za-z0-9(][^\n]*$")
_NUMERIC = re.compile(r"^[0-9.,:+\-eE_ ]*$|^\d{4}-\d\d?-\d\d?")
_SPECIAL = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}


def scalar(text: str) -> str:
    s = str(text)
    if (_PLAIN.match(s) and s == s.strip() and s.isprintable() and ": " not in s and " #" not in s and not s.endswith(":")
            and s.lower() not in _SPECIAL and not _NUMERIC.match(s) and not re.search(r"[\[\]{}`\"'|>*&!%@]", s[:1])):
        return s
    return json.dumps(s, ensure_ascii=False)


def _c(note: str | None) -> str:
    return f"  # periksa: {note_text(note)}" if note else ""


def _list(key: str, items: list[str], note: str | None, external=()) -> list[str]:
    if not items:
        return [f"{key}: []{_c(note)}"]
    out = [f"{key}:{_c(note)}"]
    for i, item in enumerate(items):
        if i in external:
            out.append(f"  - eksternal: {scalar(item)}{_c('external')}")
        else:
            out.append(f"  - {scalar(item)}")
    return out


def sop_yaml(d: Draft, external: set[int] = frozenset()) -> str:
    """The SOP file; ``external`` lists the keterkaitan entries that name no SOP of
    the import (written as ``eksternal``)."""
    f, u = d.fields, d.unsure
    out = ["# Diimpor oleh sopc import dari PDF bertanda tangan; periksa baris bertanda 'periksa'."]
    for key in ("nomor", "nama", "unit", "batas_waktu", "kertas"):
        if key in f:
            out.append(f"{key}: {scalar(f[key])}{_c(u.get(key))}")
    out.append("")
    out.append("tanggal:")
    for key in ("pembuatan", "revisi", "efektif"):
        if key in f["tanggal"]:
            out.append(f"  {key}: {f['tanggal'][key]}{_c(u.get('tanggal.' + key))}")
    out.append("")
    s = f["disahkan_oleh"]
    out.append(f"disahkan_oleh:{_c(u.get('disahkan_oleh.nama'))}")
    out.append(f"  jabatan: {scalar(s['jabatan'])}")
    out.append(f"  nama: {scalar(s['nama'])}")
    out.append(f"  nip: {json.dumps(s['nip'])}{_c(u.get('disahkan_oleh.nip'))}")
    if s.get("pangkat"):
        out.append(f"  pangkat: {scalar(s['pangkat'])}")
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan"):
        out.append("")
        out += _list(key, f[key], u.get(key), external if key == "keterkaitan" else ())
    out.append("")
    out.append("pelaksana:")
    out += [f"  {k}: {scalar(v)}" for k, v in d.actors.items()]
    out.append("")
    out.append("kegiatan:")
    for i, a in enumerate(d.activities):
        if i:
            out.append("")
        out += _activity(a, d.activities)
    return "\n".join(out) + "\n"


def _target(t, acts: list[DraftActivity]) -> str:
    if t == "selesai":
        return "selesai"
    a = acts[t]
    return a.id if a.id else str(t + 1)


def _activity(a: DraftActivity, acts: list[DraftActivity]) -> list[str]:
    u = a.unsure
    lines = []
    if a.id:
        lines.append(f"id: {a.id}")
    lines.append(f"uraian: {scalar(a.uraian or '-')}{_c(u.get('uraian'))}")
    if a.pertanyaan and a.cabang:
        lines.append(f"pertanyaan: {scalar(a.pertanyaan)}")
    if len(a.pelaksana) == 1:
        lines.append(f"pelaksana: {a.pelaksana[0]}{_c(u.get('pelaksana'))}")
    else:
        lines.append(f"pelaksana: [{', '.join(a.pelaksana)}]{_c(u.get('pelaksana'))}")
    for key in ("kelengkapan", "waktu", "output", "keterangan"):
        v = getattr(a, key)
        if v and v not in ("-", "–"):
            lines.append(f"{key}: {scalar(v)}")
    if a.cabang:
        lines.append(f"cabang:{_c(u.get('cabang'))}")
        lines += [f"  {scalar(k)}: {_target(t, acts)}" for k, t in a.cabang.items()]
    elif a.ke is not None:
        lines.append(f"ke: {_target(a.ke, acts)}{_c(u.get('ke') or u.get('cabang'))}")
    elif u.get("ke") or u.get("cabang"):
        lines[-1] += _c(u.get("ke") or u.get("cabang"))
    if a.mulai:
        lines.append("mulai: true")
    return [("  - " if i == 0 else "    ") + ln for i, ln in enumerate(lines)]


def config_yaml(drafts: list[Draft], logo: str | None = None) -> str:
    """sopc.yaml from the imported documents: instansi, satuan kerja, logo, units, paper."""
    heads = [d.instansi for d in drafts if d.instansi]
    first = Counter(h[0] for h in heads if len(h) >= 2).most_common(1)
    middle = Counter(" ".join(h[1:-1]) for h in heads if len(h) >= 3).most_common(1)
    from sopc.importer.values import title_case

    nama = title_case(first[0][0])[0] if first else "Instansi"
    out = ["# Dibuat oleh sopc import dari PDF bertanda tangan; periksa isinya.", "", "instansi:",
           f"  nama: {scalar(nama)}" + ("" if first else "  # periksa: tidak ditemukan di PDF")]
    if middle and middle[0][0]:
        out.append(f"  satuan_kerja: {scalar(title_case(middle[0][0])[0])}")
    if logo:
        out.append(f"  logo: {logo}")
    units = sorted({d.fields["unit"] for d in drafts if d.fields.get("unit")})
    if units:
        out.append("")
        out.append("unit:")
        out += [f"  - {scalar(x)}" for x in units]
    papers = Counter(d.paper for d in drafts if d.paper).most_common(1)
    if papers:
        out.append("")
        out.append(f"kertas: {papers[0][0]}")
    return "\n".join(out) + "\n"
