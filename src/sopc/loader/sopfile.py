"""One ``*.sop.yaml`` file → :class:`sopc.core.model.SOP` plus its source diagnostics."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from sopc.core.text import hidden_characters
from sopc.core.diagnostics import Diagnostic, Pos, msg
from sopc.loader import spec
from sopc.loader.reader import _ID_RE
from sopc.loader.reader import (
    MapReader, Sink, read_bool, read_codes, read_date, read_enum, read_strlist, scalar, suggest,
)
from sopc.loader.yamlsrc import SourceError, compose, is_null, pos_of
from sopc.core.model import SELESAI, SOP, Activity, Config, Edge, Link, Pengesah, Symbol


def _resolve_code(text: str) -> str | None:
    from sopc.rules import resolve_code
    return resolve_code(text)


def load_sop_bytes(data: bytes | str, path: Path, relpath: str,
                   config: Config | None = None) -> tuple[SOP | None, list[Diagnostic]]:
    """Parse and build one SOP. Returns (None, diags) when the file cannot be read as a
    mapping at all; otherwise a (possibly partial, ``complete=False``) SOP."""
    sink = Sink(relpath)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        root = compose(raw)
    except SourceError as exc:
        sink.add(exc.code, exc.pos, exc.message)
        return None, sink.diags
    sop = SOP(path=path, relpath=relpath, source_hash=hashlib.sha256(raw).hexdigest(),
              hidden_chars=hidden_characters(raw))
    if root is None or is_null(root):
        sink.add("E003", Pos(1, 1), msg("berkas SOP kosong: kunci wajib nomor, nama, tanggal, ... tidak ada",
                                        "empty SOP file: required keys nomor, nama, tanggal, ... are missing"))
        return None, sink.diags
    _build(root, sop, sink, config)
    sop.complete = not sink.failed
    return sop, sink.diags


def _build(root, sop: SOP, sink: Sink, config: Config | None) -> None:
    r = MapReader(root, spec.SOP, sink, "SOP", sop.positions, sop.key_positions)
    if not r.ok:
        return
    sop.pos = pos_of(root)
    sop.present = set(r.values)
    r.require()
    sop.nomor = scalar(r.get("nomor"), sink, "nomor", allow_empty=False) or "" if "nomor" in r.values else ""
    sop.nama = scalar(r.get("nama"), sink, "nama", allow_empty=False) or "" if "nama" in r.values else ""
    if "unit" in r.values:
        sop.unit = scalar(r.get("unit"), sink, "unit") or None
    if "jenis" in r.values:
        sop.jenis = read_enum(r.get("jenis"), sink, "jenis", spec.JENIS)
    if "sifat" in r.values:
        sop.sifat = read_enum(r.get("sifat"), sink, "sifat", spec.SIFAT)
    if "batas_waktu" in r.values:
        sop.batas_waktu = scalar(r.get("batas_waktu"), sink, "batas_waktu") or None
    if "kertas" in r.values:
        sop.kertas = read_enum(r.get("kertas"), sink, "kertas", spec.KERTAS)
    if "tte" in r.values:
        sop.tte = read_bool(r.get("tte"), sink, "tte")
    if "tanggal" in r.values:
        t = MapReader(r.get("tanggal"), spec.TANGGAL, sink, "tanggal", sop.positions, sop.key_positions, "tanggal.")
        if t.ok:
            t.require()
            if "pembuatan" in t.values:
                sop.tanggal_pembuatan = read_date(t.get("pembuatan"), sink, "tanggal.pembuatan")
            if "revisi" in t.values and not is_null(t.get("revisi")):
                sop.tanggal_revisi = read_date(t.get("revisi"), sink, "tanggal.revisi")
            if "efektif" in t.values:
                sop.tanggal_efektif = read_date(t.get("efektif"), sink, "tanggal.efektif")
    if "disahkan_oleh" in r.values:
        d = MapReader(r.get("disahkan_oleh"), spec.DISAHKAN, sink, "disahkan_oleh",
                      sop.positions, sop.key_positions, "disahkan_oleh.")
        if d.ok:
            d.require()
            sop.disahkan_oleh = Pengesah(
                jabatan=scalar(d.get("jabatan"), sink, "jabatan") or "",
                nama=scalar(d.get("nama"), sink, "nama") or "",
                nip=_read_nip(d.get("nip"), sink),
                pangkat=scalar(d.get("pangkat"), sink, "pangkat") or None,
            )
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "peralatan", "peringatan", "pencatatan"):
        if key in r.values:
            setattr(sop, key, read_strlist(r.get(key), sink, key, sop.positions, key))
    if "keterkaitan" in r.values:
        sop.keterkaitan = _read_links(r.get("keterkaitan"), sink, sop)
    if "pelaksana" in r.values:
        sop.pelaksana = _read_pelaksana(r.get("pelaksana"), sink, sop)
    if "abaikan" in r.values:
        sop.abaikan = read_codes(r.get("abaikan"), sink, "abaikan", _resolve_code)
    if "kegiatan" in r.values:
        _read_kegiatan(r.get("kegiatan"), sink, sop)
    if config is not None:
        _check_against_config(sop, sink, config)


def _read_nip(node, sink: Sink) -> str:
    if node is None or is_null(node):
        return ""
    if isinstance(node, yaml.ScalarNode) and not node.style and node.value.strip().isdigit():
        sink.add("E004", pos_of(node),
                 msg("NIP ditulis sebagai angka; beri tanda kutip, misalnya nip: \"197203151998032004\"",
                     "NIP written as a number; quote it, e.g. nip: \"197203151998032004\""))
        return node.value.strip()
    return scalar(node, sink, "nip", "nip") or ""


def _read_links(node, sink: Sink, sop: SOP) -> list[Link]:
    if node is None or is_null(node):
        return []
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    if isinstance(node, yaml.MappingNode):
        items = [node]
    out: list[Link] = []
    for item in items:
        if isinstance(item, yaml.ScalarNode):
            text = scalar(item, sink, "keterkaitan")
            if text:
                sop.positions[f"keterkaitan.{len(out)}"] = pos_of(item)
                out.append(Link(text, False, pos_of(item)))
            else:
                sink.add("E004", pos_of(item), msg("butir 'keterkaitan' kosong", "empty item in 'keterkaitan'"))
        elif isinstance(item, yaml.MappingNode):
            m = MapReader(item, {"eksternal": spec.F("str", True)}, sink, "keterkaitan", {}, {})
            if m.ok:
                m.require()
                if "eksternal" in m.values:
                    text = scalar(m.get("eksternal"), sink, "eksternal", allow_empty=False)
                    if text:
                        sop.positions[f"keterkaitan.{len(out)}"] = pos_of(m.get("eksternal"))
                        out.append(Link(text, True, pos_of(m.get("eksternal"))))
        else:
            sink.add("E004", pos_of(item), msg("butir 'keterkaitan' harus teks atau {eksternal: ...}",
                                               "each 'keterkaitan' item must be a text or {eksternal: ...}"))
    return out


def _read_pelaksana(node, sink: Sink, sop: SOP) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        sink.add("E004", pos_of(node), msg("'pelaksana' harus berupa pemetaan id: label, misalnya loket: Petugas Loket",
                                           "'pelaksana' must be a mapping id: label, e.g. loket: Petugas Loket"))
        return {}
    out: dict[str, str] = {}
    seen: dict[str, Pos] = {}
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            sink.add("E004", pos_of(knode), msg("id pelaksana harus berupa teks", "an actor id must be text"))
            continue
        ident = knode.value.strip()
        if ident in seen:
            sink.add("E005", pos_of(knode), msg(f"pelaksana '{ident}' muncul dua kali (pertama di baris {seen[ident].line})",
                                                f"actor '{ident}' appears twice (first on line {seen[ident].line})"),
                     related=(seen[ident],))
            sink.add("E005", seen[ident], msg(f"pelaksana '{ident}' muncul dua kali (lagi di baris {pos_of(knode).line})",
                                              f"actor '{ident}' appears twice (again on line {pos_of(knode).line})"),
                     related=(pos_of(knode),))
            continue
        seen[ident] = pos_of(knode)
        if not spec_id_ok(ident):
            sink.add("E004", pos_of(knode), msg(f"id pelaksana '{ident}' tidak sah: gunakan huruf kecil, angka, _ atau -",
                                                f"invalid actor id '{ident}': use lowercase letters, digits, _ or -"))
            continue
        label = scalar(vnode, sink, f"pelaksana.{ident}", allow_empty=False)
        if label is None:
            continue
        sop.positions[f"pelaksana.{ident}"] = pos_of(vnode)
        sop.key_positions[f"pelaksana.{ident}"] = pos_of(knode)
        out[ident] = " ".join(label.split())
    if not out and not sink.failed:
        sink.add("E004", pos_of(node), msg("'pelaksana' harus memuat sedikitnya satu pelaksana",
                                           "'pelaksana' must declare at least one actor"))
    return out


def spec_id_ok(ident: str) -> bool:
    return _ID_RE.match(ident) is not None


def _read_kegiatan(node, sink: Sink, sop: SOP) -> None:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        sink.add("E004", pos_of(node), msg("'kegiatan' harus berupa daftar yang memuat sedikitnya satu kegiatan",
                                           "'kegiatan' must be a list with at least one activity"))
        return
    acts: list[Activity] = []
    raw_targets: list[tuple[Activity, str | None, object, bool]] = []  # (act, label, node, is_ke)
    for i, item in enumerate(node.value):
        a = Activity(index=i, pos=pos_of(item))
        acts.append(a)
        r = MapReader(item, spec.ACTIVITY, sink, f"kegiatan {i + 1}", a.positions, a.key_positions)
        if not r.ok:
            continue
        r.require()
        if "uraian" in r.values:
            a.uraian = scalar(r.get("uraian"), sink, "uraian", allow_empty=False) or ""
        if "id" in r.values:
            ident = scalar(r.get("id"), sink, "id", allow_empty=False)
            if ident is not None:
                if not spec_id_ok(ident):
                    sink.add("E004", pos_of(r.get("id")), msg(f"id '{ident}' tidak sah: gunakan huruf kecil, angka, _ atau -",
                                                              f"invalid id '{ident}': use lowercase letters, digits, _ or -"))
                elif ident == SELESAI or ident.isdigit():
                    sink.add("E004", pos_of(r.get("id")), msg(f"id '{ident}' tidak boleh berupa angka atau 'selesai'",
                                                              f"id '{ident}' must not be a number or 'selesai'"))
                else:
                    a.id = ident
        if "pelaksana" in r.values:
            a.pelaksana = _read_actors(r.get("pelaksana"), sink, sop, a)
        if "kelengkapan" in r.values:
            a.kelengkapan = read_strlist(r.get("kelengkapan"), sink, "kelengkapan", a.positions, "kelengkapan")
        for key in ("waktu", "output", "keterangan", "pertanyaan"):
            if key in r.values:
                setattr(a, key, scalar(r.get(key), sink, key) or None)
        if "mulai" in r.values:
            a.mulai = read_bool(r.get("mulai"), sink, "mulai")
        if "abaikan" in r.values:
            a.abaikan = read_codes(r.get("abaikan"), sink, "abaikan", _resolve_code)
        if "cabang" in r.values:
            cnode = r.get("cabang")
            if not isinstance(cnode, yaml.MappingNode):
                sink.add("E004", pos_of(cnode), msg("'cabang' harus berupa pemetaan label: tujuan, misalnya Ya: setuju",
                                                    "'cabang' must be a mapping label: target, e.g. Ya: setuju"))
            else:
                seen: dict[str, Pos] = {}
                for knode, vnode in cnode.value:
                    if not isinstance(knode, yaml.ScalarNode) or not knode.value.strip():
                        sink.add("E004", pos_of(knode), msg("label cabang harus berupa teks", "a branch label must be text"))
                        continue
                    label = " ".join(knode.value.split())
                    if label in seen:
                        sink.add("E005", pos_of(knode), msg(f"label cabang '{label}' muncul dua kali",
                                                            f"branch label '{label}' appears twice"), related=(seen[label],))
                        sink.add("E005", seen[label], msg(f"label cabang '{label}' muncul dua kali",
                                                          f"branch label '{label}' appears twice"), related=(pos_of(knode),))
                        continue
                    seen[label] = pos_of(knode)
                    target = scalar(vnode, sink, "cabang", allow_empty=False)
                    a.positions[f"cabang.{label}"] = pos_of(vnode)
                    a.key_positions[f"cabang.{label}"] = pos_of(knode)
                    if target is not None:
                        a.cabang[label] = target
                        raw_targets.append((a, label, vnode, False))
        if "ke" in r.values:
            target = scalar(r.get("ke"), sink, "ke", allow_empty=False)
            if target is not None:
                if "cabang" in r.values:
                    sink.add("E004", pos_of(r.get("ke")), msg("'ke' tidak dapat dipakai bersama 'cabang': tiap cabang sudah menentukan tujuannya",
                                                              "'ke' cannot be used with 'cabang': each branch names its target"))
                else:
                    a.ke = target
                    raw_targets.append((a, None, r.get("ke"), True))
        if a.pertanyaan and not a.cabang and "cabang" not in r.values:
            sink.add("E004", a.at("pertanyaan"), msg("'pertanyaan' hanya untuk kegiatan keputusan (dengan 'cabang')",
                                                     "'pertanyaan' is only for decisions (with 'cabang')"))
    sop.kegiatan = acts
    # E008: duplicate ids
    ids: dict[str, Activity] = {}
    for a in acts:
        if a.id is None:
            continue
        if a.id in ids:
            first = ids[a.id]
            sink.add("E008", a.at("id"), msg(f"id '{a.id}' sudah dipakai kegiatan {first.number} (baris {first.at('id').line})",
                                             f"id '{a.id}' is already used by activity {first.number} (line {first.at('id').line})"),
                     related=(first.at("id"),))
        else:
            ids[a.id] = a
    _resolve_edges(sop, acts, ids, raw_targets, sink)


def _read_actors(node, sink: Sink, sop: SOP, a: Activity) -> list[str]:
    if isinstance(node, yaml.SequenceNode):
        items = node.value
        if not items:
            sink.add("E004", pos_of(node), msg("'pelaksana' kegiatan tidak boleh kosong", "an activity's 'pelaksana' must not be empty"))
    else:
        items = [node]
    out: list[str] = []
    for item in items:
        ident = scalar(item, sink, "pelaksana", "actors", allow_empty=False)
        if not ident:
            continue
        if ident not in sop.pelaksana:
            # also accept the label, pointing the author at the id
            by_label = [k for k, v in sop.pelaksana.items() if v.casefold() == ident.casefold()]
            hint = by_label[0] if by_label else suggest(ident, sop.pelaksana)
            if sop.pelaksana or "pelaksana" in sop.present:
                sink.add("E006", pos_of(item),
                         msg(f"pelaksana '{ident}' tidak dideklarasikan di 'pelaksana'" + (f"; maksud Anda '{hint}'?" if hint else ""),
                             f"actor '{ident}' is not declared in 'pelaksana'" + (f"; did you mean '{hint}'?" if hint else "")))
            continue
        if ident in out:
            sink.add("E004", pos_of(item), msg(f"pelaksana '{ident}' disebut dua kali", f"actor '{ident}' listed twice"))
            continue
        out.append(ident)
    return out


def _resolve_edges(sop: SOP, acts: list[Activity], ids: dict[str, Activity], raw_targets, sink: Sink) -> None:
    n = len(acts)

    def resolve(text: str, node) -> tuple[bool, int | None, bool]:
        t = text.strip()
        if t.lower() == SELESAI:
            return True, None, False
        if t in ids:
            return True, ids[t].index, False
        if t.isdigit():
            k = int(t)
            if 1 <= k <= n:
                return True, k - 1, True
            sink.add("E006", pos_of(node), msg(f"tujuan '{t}' di luar nomor kegiatan (1–{n})",
                                               f"target '{t}' is outside the activity numbers (1–{n})"))
            return False, None, True
        hint = suggest(t, list(ids) + [SELESAI])
        sink.add("E006", pos_of(node),
                 msg(f"tujuan '{t}' tidak menunjuk kegiatan mana pun" + (f"; maksud Anda '{hint}'?" if hint else "; gunakan id kegiatan, nomor, atau 'selesai'"),
                     f"target '{t}' names no activity" + (f"; did you mean '{hint}'?" if hint else "; use an activity id, number or 'selesai'")))
        return False, None, False

    explicit: dict[int, list[Edge]] = {}
    for a, label, node, _is_ke in raw_targets:
        ok, target, by_number = resolve(node.value if isinstance(node, yaml.ScalarNode) else "", node)
        if not ok:
            explicit.setdefault(a.index, [])
            continue
        explicit.setdefault(a.index, []).append(
            Edge(a.index, target, label, node.value.strip(), pos_of(node), by_number))
    for a in acts:
        if a.cabang or a.index in explicit:
            a.edges = explicit.get(a.index, [])
        elif a.index + 1 < n:
            a.edges = [Edge(a.index, a.index + 1, None, "", a.pos, implicit=True)]
        else:
            a.edges = [Edge(a.index, None, None, "", a.pos, implicit=True)]
        a.start = a.index == 0 or a.mulai
        a.end = any(e.target is None for e in a.edges)
        if a.cabang:
            a.symbol = Symbol.DECISION
        elif a.start and a.end:
            a.symbol = Symbol.TERMINAL
        elif a.start:
            a.symbol = Symbol.START
        elif a.end:
            a.symbol = Symbol.END
        else:
            a.symbol = Symbol.PROCESS


def _check_against_config(sop: SOP, sink: Sink, config: Config) -> None:
    if len(config.unit) > 1 and not sop.unit and "unit" not in sop.present:
        sink.add("E003", sop.pos, msg("kunci 'unit' wajib karena sopc.yaml memuat beberapa unit",
                                      "key 'unit' is required because sopc.yaml lists several units"))
    if config.unit and sop.unit and sop.unit not in config.unit:
        hint = suggest(sop.unit, config.unit)
        sink.add("E004", sop.at("unit"),
                 msg(f"unit '{sop.unit}' tidak ada di daftar unit sopc.yaml" + (f"; maksud Anda '{hint}'?" if hint else ""),
                     f"unit '{sop.unit}' is not in the unit list of sopc.yaml" + (f"; did you mean '{hint}'?" if hint else "")))
    if sop.unit is None and len(config.unit) == 1:
        sop.unit = config.unit[0]
