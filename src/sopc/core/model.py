"""The typed model of an SOP repository (FORMAT.md §1 and §2).

The loader (``sopc.loader``) is the only code that builds these objects from source
files; everything after it (rules, layout, rendering) reads them. Every object keeps
the source position of each of its values so that any later stage can point at the
line. Text values are always ``str`` (never YAML 1.1 booleans, numbers or dates).

Positions: ``positions`` maps a key path relative to the object (``"nomor"``,
``"tanggal.efektif"``, ``"dasar_hukum.0"``, ``"pelaksana.kasi"``) to the position of
that value; ``key_positions`` the same for the key itself. :meth:`at` falls back to
the nearest enclosing path, then to the object's own position.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from sopc.core.diagnostics import Pos

SELESAI = "selesai"


class Symbol(str, Enum):
    """The official symbols a row can carry (FORMAT.md §1.3). Derived, never written."""

    START = "start"        # capsule, first activity or mulai: true
    END = "end"            # capsule, ke: selesai or last activity without ke
    TERMINAL = "terminal"  # capsule that is both start and end (one-row SOP)
    DECISION = "decision"  # diamond
    PROCESS = "process"    # rectangle

    @property
    def is_capsule(self) -> bool:
        return self in (Symbol.START, Symbol.END, Symbol.TERMINAL)


class _Positioned:
    pos: Pos
    positions: dict[str, Pos]
    key_positions: dict[str, Pos]

    def at(self, path: str = "", key: bool = False) -> Pos:
        """Position of ``path`` (its value, or its key with ``key=True``), falling back
        to the nearest enclosing path that has one, then to the object itself."""
        table = self.key_positions if key else self.positions
        p = path
        while p:
            if p in table:
                return _as_pos(table, p)
            if key and p in self.positions:
                return _as_pos(self.positions, p)
            p = p.rpartition(".")[0]
        return self.pos


def _as_pos(table: dict, path: str) -> Pos:
    """The loader stores the parser's 0-based marks; turn one into a Pos on demand."""
    v = table[path]
    if not isinstance(v, Pos):
        v = table[path] = Pos(v.line + 1, v.column + 1)
    return v


@dataclass(eq=False)
class Edge:
    """A flow edge leaving an activity: the default next, ``ke`` or a ``cabang`` branch.

    ``target`` is the 0-based index of the target activity, or ``None`` for ``selesai``.
    ``raw`` is the target as written (``"konsep"``, ``"4"``, ``"selesai"``; empty for the
    implicit next). ``by_number`` is True when written as an activity number.
    """

    source: int
    target: int | None
    label: str | None = None
    raw: str = ""
    pos: Pos = field(default_factory=Pos)
    by_number: bool = False
    implicit: bool = False

    @property
    def is_end(self) -> bool:
        return self.target is None


@dataclass(eq=False)
class Activity(_Positioned):
    index: int                     # 0-based position in kegiatan
    uraian: str = ""
    pelaksana: list[str] = field(default_factory=list)   # actor ids (columns)
    id: str | None = None
    kelengkapan: list[str] = field(default_factory=list)
    waktu: str | None = None
    output: str | None = None
    keterangan: str | None = None
    cabang: dict[str, str] = field(default_factory=dict)  # label -> raw target
    pertanyaan: str | None = None
    ke: str | None = None
    mulai: bool = False
    abaikan: list[str] = field(default_factory=list)
    # derived by the loader
    edges: list[Edge] = field(default_factory=list)
    symbol: Symbol = Symbol.PROCESS
    start: bool = False            # first activity or mulai: true
    end: bool = False              # flows to selesai (ke: selesai, or last without ke)
    pos: Pos = field(default_factory=Pos)
    positions: dict[str, Pos] = field(default_factory=dict)
    key_positions: dict[str, Pos] = field(default_factory=dict)

    @property
    def number(self) -> int:
        """The 1-based activity number printed in the No column."""
        return self.index + 1

    @property
    def is_decision(self) -> bool:
        return bool(self.cabang)

    @property
    def is_start(self) -> bool:
        return self.start

    @property
    def is_end(self) -> bool:
        return self.end

    @property
    def successors(self) -> list[int]:
        return [e.target for e in self.edges if e.target is not None]


@dataclass(eq=False)
class Link:
    """A ``keterkaitan`` entry: a reference to another SOP (``text``) or an external one."""

    text: str
    external: bool = False
    pos: Pos = field(default_factory=Pos)


@dataclass(eq=False)
class Pengesah:
    jabatan: str = ""
    nama: str = ""
    nip: str = ""          # as written (may contain spaces)
    pangkat: str | None = None

    @property
    def nip_digits(self) -> str:
        return "".join(self.nip.split())


@dataclass(eq=False)
class SOP(_Positioned):
    path: Path                      # absolute path of the source file
    relpath: str = ""               # path shown in diagnostics (relative to the cwd or root)
    nomor: str = ""
    nama: str = ""
    unit: str | None = None
    jenis: str | None = None
    sifat: str | None = None
    batas_waktu: str | None = None
    kertas: str | None = None
    tte: bool | None = None         # None: the repository's ``tte``
    tanggal_pembuatan: _dt.date | None = None
    tanggal_revisi: _dt.date | None = None
    tanggal_efektif: _dt.date | None = None
    disahkan_oleh: Pengesah = field(default_factory=Pengesah)
    dasar_hukum: list[str] = field(default_factory=list)
    kualifikasi_pelaksana: list[str] = field(default_factory=list)
    keterkaitan: list[Link] = field(default_factory=list)
    peralatan: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    pencatatan: list[str] = field(default_factory=list)
    pelaksana: dict[str, str] = field(default_factory=dict)   # id -> label, column order
    kegiatan: list[Activity] = field(default_factory=list)
    abaikan: list[str] = field(default_factory=list)
    pos: Pos = field(default_factory=Pos)
    positions: dict[str, Pos] = field(default_factory=dict)
    key_positions: dict[str, Pos] = field(default_factory=dict)
    source_hash: str = ""           # sha256 of the file bytes
    # (line, column, character) of bidi controls and zero-width characters in the file
    # (core.text.hidden_characters; rule KJ09)
    hidden_chars: tuple = ()
    complete: bool = True           # False when source errors left the model partial
    # keys present in the source (to tell "missing" from "empty")
    present: set[str] = field(default_factory=set)
    light: bool = False             # only the index fields (nomor, nama, unit, keterkaitan,
                                    # pelaksana) were read: a repository neighbour, not linted

    @classmethod
    def index_entry(cls, path: Path, relpath: str, nomor: str, nama: str, unit: str | None,
                    pelaksana: dict[str, str], keterkaitan: list[Link], complete: bool = True) -> "SOP":
        """A read-only neighbour that carries only the index fields (``light``): what the
        repository-wide rules need of the SOPs that are not being linted. Built without
        the dataclass __init__ (a repository has hundreds of neighbours); its collections
        are immutable tuples so that no code can mutate one by accident."""
        obj = object.__new__(cls)
        obj.__dict__.update(_LIGHT_TEMPLATE)
        obj.path, obj.relpath, obj.nomor, obj.nama, obj.unit = path, relpath, nomor, nama, unit
        obj.pelaksana, obj.keterkaitan, obj.complete = pelaksana, keterkaitan, complete
        return obj

    @property
    def starts(self) -> list[Activity]:
        return [a for a in self.kegiatan if a.is_start]

    @property
    def ends(self) -> list[Activity]:
        return [a for a in self.kegiatan if a.is_end]

    def actor_label(self, actor_id: str) -> str:
        return self.pelaksana.get(actor_id, actor_id)

    def activity_by_id(self, ident: str) -> Activity | None:
        for a in self.kegiatan:
            if a.id == ident:
                return a
        return None

    @property
    def slug(self) -> str:
        from sopc.core.text import slugify
        return slugify(self.nomor or self.nama or self.path.stem)


_LIGHT_TEMPLATE = {
    k: (tuple(v) if isinstance(v, (list, set)) else v)
    for k, v in SOP(path=Path(".")).__dict__.items()
}
_LIGHT_TEMPLATE.update(light=True, positions={}, key_positions={})


@dataclass
class WaktuKerja:
    jam_per_hari: float = 7.5
    hari_per_minggu: float = 5
    hari_per_bulan: float = 22


@dataclass
class RuleConfig:
    level: str | None = None                 # "error" | "warning" | "info" | "off"
    options: dict[str, object] = field(default_factory=dict)
    pos: Pos = field(default_factory=Pos)


DEFAULT_PIHAK_LUAR = ["Pemohon", "Pengguna Layanan", "Masyarakat", "Penyedia"]


@dataclass(eq=False)
class Config(_Positioned):
    """``sopc.yaml`` (FORMAT.md §2). ``root`` is the repository folder."""

    root: Path
    path: Path | None = None
    instansi_nama: str = ""
    satuan_kerja: str | None = None
    logo: str | None = None
    alamat: str | None = None
    unit: list[str] = field(default_factory=list)
    nomor: str | None = None                 # regex
    kertas: str = "A4"
    bahasa: str = "id"
    wilayah: str | None = None
    tinjau_bulan: int = 12
    waktu: WaktuKerja = field(default_factory=WaktuKerja)
    jabatan: list[str] = field(default_factory=list)
    pihak_luar: list[str] = field(default_factory=lambda: list(DEFAULT_PIHAK_LUAR))
    istilah: dict[str, str] = field(default_factory=dict)
    dasar_hukum_dicabut: dict[str, str] = field(default_factory=dict)
    kosakata: dict[str, list[str]] = field(default_factory=dict)   # kata_kerja, kata_benda
    hierarki: dict[str, str] = field(default_factory=dict)          # jenis → kind or rank
    aturan: dict[str, RuleConfig] = field(default_factory=dict)   # code -> config
    keluaran: str = "_site"
    tte: bool = False                        # keep the TTE signature area free on PDF pages
    nomor_kolom: bool = False                # print the column-number row of the table
    pos: Pos = field(default_factory=Pos)
    positions: dict[str, Pos] = field(default_factory=dict)
    key_positions: dict[str, Pos] = field(default_factory=dict)
    source_hash: str = ""


@dataclass
class Repository:
    """Everything ``load`` produced: the config, the SOPs that loaded (possibly partial)
    and the source diagnostics (E-codes) found while loading."""

    config: Config
    sops: list[SOP] = field(default_factory=list)
    # SOP files that could not be parsed at all (a YAML syntax error): relpath -> the
    # nomor and nama read off their top-level lines (:func:`sopc.loader.salvage_names`),
    # so that links to them are not reported as dead while the file is being fixed
    unparsed: dict[str, tuple[str, ...]] = field(default_factory=dict)
