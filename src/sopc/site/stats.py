"""Figures per SOP and per unit: activities, actors, decisions, the shortest and longest
start-to-end time, and hand-offs (flow edges between different actors). The data behind
`sopc stats`; the Analisis Beban Kerja and evaluation teams ask for exactly these."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from sopc.core.durations import format_duration
from sopc.core.model import SOP, Config
from sopc.core.pathtime import path_times


@dataclass
class SopStats:
    path: str
    nomor: str
    nama: str
    unit: str
    kegiatan: int
    pelaksana: int
    keputusan: int
    serah_terima: int
    waktu_terpendek_menit: float
    waktu_terpanjang_menit: float
    waktu_terpendek: str
    waktu_terpanjang: str


@dataclass
class UnitStats:
    unit: str
    sop: int
    kegiatan: int
    keputusan: int
    serah_terima: int
    waktu_terpanjang_menit: float


def handoffs(sop: SOP) -> int:
    """Flow edges whose two activities share no actor."""
    n = 0
    for a in sop.kegiatan:
        for t in a.successors:
            if not set(a.pelaksana) & set(sop.kegiatan[t].pelaksana):
                n += 1
    return n


def sop_stats(sop: SOP, config: Config, lang: str = "id") -> SopStats:
    wk = config.waktu
    pt = path_times(sop, wk)
    return SopStats(
        path=sop.relpath, nomor=sop.nomor, nama=sop.nama, unit=sop.unit or "-",
        kegiatan=len(sop.kegiatan), pelaksana=len(sop.pelaksana),
        keputusan=sum(1 for a in sop.kegiatan if a.is_decision), serah_terima=handoffs(sop),
        waktu_terpendek_menit=round(pt.shortest, 2), waktu_terpanjang_menit=round(pt.longest, 2),
        waktu_terpendek=format_duration(pt.shortest, wk, lang),
        waktu_terpanjang=format_duration(pt.longest, wk, lang),
    )


def unit_stats(rows: list[SopStats]) -> list[UnitStats]:
    units: dict[str, UnitStats] = {}
    for r in rows:
        u = units.setdefault(r.unit, UnitStats(r.unit, 0, 0, 0, 0, 0.0))
        u.sop += 1
        u.kegiatan += r.kegiatan
        u.keputusan += r.keputusan
        u.serah_terima += r.serah_terima
        u.waktu_terpanjang_menit = max(u.waktu_terpanjang_menit, r.waktu_terpanjang_menit)
    return [units[k] for k in sorted(units)]


HEAD = {
    "id": ["Berkas", "Nomor", "Nama", "Unit", "Kegiatan", "Pelaksana", "Keputusan", "Serah terima",
           "Terpendek", "Terpanjang"],
    "en": ["File", "Number", "Name", "Unit", "Activities", "Actors", "Decisions", "Hand-offs",
           "Shortest", "Longest"],
}
UNIT_HEAD = {
    "id": ["Unit", "SOP", "Kegiatan", "Keputusan", "Serah terima"],
    "en": ["Unit", "SOPs", "Activities", "Decisions", "Hand-offs"],
}


def _table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    numeric = [i for i in range(len(head)) if rows and all(r[i].replace(".", "").isdigit() for r in rows)]

    def line(cells):
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


def format_text(rows: list[SopStats], lang: str = "id") -> str:
    lang = "en" if lang == "en" else "id"
    body = [[r.path, r.nomor, r.nama if len(r.nama) <= 40 else r.nama[:39] + "…", r.unit, str(r.kegiatan),
             str(r.pelaksana), str(r.keputusan), str(r.serah_terima), r.waktu_terpendek, r.waktu_terpanjang]
            for r in rows]
    units = [[u.unit, str(u.sop), str(u.kegiatan), str(u.keputusan), str(u.serah_terima)] for u in unit_stats(rows)]
    return _table(HEAD[lang], body) + "\n" + _table(UNIT_HEAD[lang], units)


def format_json(rows: list[SopStats]) -> str:
    data = {"sop": [asdict(r) for r in rows], "unit": [asdict(u) for u in unit_stats(rows)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_csv(rows: list[SopStats]) -> str:
    buf = io.StringIO()
    fields = list(SopStats.__dataclass_fields__)
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(asdict(r))
    return buf.getvalue()
