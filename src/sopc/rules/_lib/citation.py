"""Parser for Indonesian regulation citations (``dasar_hukum`` entries, KH rules).

``parse_citation("Peraturan Daerah Kabupaten Contoh Nomor 3 Tahun 2021 tentang Reklame")``
gives a :class:`Citation` with the kind of regulation and its rank in the hierarchy of
UU 12/2011 (Pasal 7 and 8), the number, year, title and, for regional regulations, the
region. Full names and the usual abbreviations are accepted (UU, Perppu, PP, Perpres,
Permen..., PermenPANRB, Permendagri, PMK, Perka..., Perda, Pergub, Perbup, Perwal,
Keputusan..., Surat Edaran...), in any case, with a trailing ";" or ".".

The kinds and ranks are data: ``_data/hierarki.yaml`` (UU 12/2011 Pasal 7 and 8,
Pasal 100 and Lampiran II; each entry says why), extended by a repository's
``hierarki`` in sopc.yaml (:func:`hierarchy_for`). Ranks (lower = higher)::

    1 UUD 1945               2 Ketetapan MPR          3 UU / Perppu
    4 PP                     5 Perpres, Keppres       6 Inpres
    7 Permen, peraturan badan/lembaga (Peraturan BPS, Perka ...); Keputusan Menteri or
      Kepala Lembaga of 2011 or before that regulates (Pasal 100)
    8 Perdirjen and other echelon-I regulations (PER-40/PB/2006)
    9 Perda Provinsi         10 Pergub                11 Perda Kabupaten/Kota
    12 Perbup, Perwal        13 Peraturan Desa        14 Keputusan, Instruksi
    15 Surat Edaran

Pergub and the regulations of a kabupaten/kota are not ordered against each other.

``REPEALED`` is the built-in list of repealed regulations used by KH04.

Known limits: a citation whose kind is not recognised gives ``None``; the issuer of a
ministerial regulation is only recognised for a few ministries (PANRB, Dalam Negeri,
Keuangan), which matters only for telling apart two Permen with the same number and year.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from sopc.rules._lib import data

# Form problems (KH02); a citation without problems is well formed.
NO_NOMOR = "no-nomor"            # no "Nomor <n>"
NOMOR_WORD = "nomor-word"        # "No." / "Nomer" instead of "Nomor"
NO_TAHUN = "no-tahun"            # no "Tahun <yyyy>"
NO_TENTANG = "no-tentang"        # no "tentang <judul>"
ORDER = "order"                  # "tentang" before "Nomor"

_LEAD_RE = re.compile(r"^(?:\d{1,3}[.)]|[-•*])\s*")
_TRAIL_RE = re.compile(r"[\s;.,:]+$")
_TENTANG_RE = re.compile(r"\btentang\b", re.IGNORECASE)
_NOMOR_RE = re.compile(r"\b(nomor|nomer|no)\b\.?\s*:?\s*(?P<n>[^\s,;]+)", re.IGNORECASE)
_TAHUN_RE = re.compile(r"^tahun\s+(\d{4})\b\s*(.*)$", re.IGNORECASE)
_YEAR_ANY_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SHORT_RE = re.compile(r"^(?P<j>.+?)\s+(?P<n>\d+[A-Za-z]?)\s*/\s*(?P<y>\d{4})$")
_SHORT_NOMOR_RE = re.compile(r"^(?P<n>\d+[A-Za-z]?)/(?P<y>\d{4})$")
_JENIS_YEAR_RE = re.compile(r"^(?P<j>.+?)\s+(?:tahun\s+)?(?P<y>\d{4})$", re.IGNORECASE)
_EMBEDDED_YEAR_RE = re.compile(r"/((?:19|20)\d\d)$")


class Hierarchy:
    """The regulation kinds and ranks of ``_data/hierarki.yaml`` (UU 12/2011 Pasal 7-8,
    Pasal 100, Lampiran II), optionally extended by a repository's ``hierarki``: per
    kind, in priority order, its pattern and (code, rank, label, rank of a provincial
    Perda, rank before UU 12/2011)."""

    def __init__(self, raw: dict, extra: tuple[tuple[str, str], ...] = ()):
        rows = raw["jenis"]
        by_name: dict[str, dict] = {}
        for key, row in rows.items():
            by_name[key.casefold()] = row
            by_name.setdefault(row.get("kode", key).casefold(), row)
            by_name.setdefault(row["label"].casefold(), row)
        self.names = frozenset(by_name)
        # one small pattern per kind, tried in order: compiling them one by one takes
        # a fraction of one big alternation's compile time (which a one-file lint pays)
        self.kinds: list[tuple[re.Pattern, tuple[str, int, str, int | None, int | None]]] = []
        for prefix, target in extra:
            if not str(prefix).strip():
                continue
            row = by_name.get(str(target).strip().casefold())
            rank = int(target) if row is None and str(target).strip().isdigit() else None
            if row is None and rank is None:
                continue          # the loader reported it
            pattern = re.compile(re.escape(" ".join(str(prefix).split()).casefold()) + r"\b")
            if row is not None:
                kind = (row.get("kode", "") or _key_of(rows, row), int(row["peringkat"]),
                        str(prefix).strip(), None, None)
            else:
                kind = ("LAINNYA", rank, str(prefix).strip(), None, None)
            self.kinds.append((pattern, kind))
        for key, row in rows.items():
            self.kinds.append((re.compile(row["pola"]),
                               (row.get("kode", key), int(row["peringkat"]), row["label"],
                                _int(row.get("peringkat_provinsi")),
                                _int(row.get("sebelum_2012")))))
        pairs = [tuple(int(x) for x in pair.split()) for pair in raw["tidak_dibandingkan"]]
        self.unordered = frozenset(pairs + [(b, a) for a, b in pairs])
        self.beschikking = tuple(raw["keputusan_penetapan"])
        self.chronological_to = int(raw["kronologis_sampai"])

    def classify(self, jenis_text: str):
        """(kind, rank, label, provincial rank, rank before 2012) of a jenis text."""
        folded = jenis_text.casefold()
        for pattern, kind in self.kinds:
            if pattern.match(folded):
                return kind
        return None

    def comparable(self, a: int, b: int) -> bool:
        """Does UU 12/2011 order ranks ``a`` and ``b`` (Pergub and Perda Kabupaten/Kota:
        no)?"""
        return (a, b) not in self.unordered

    def chronological(self, a: "Citation", b: "Citation") -> bool:
        """Are ``a`` and ``b`` at one level that Lampiran II orders by year (the same
        rank of a regulation; Keputusan, Instruksi, SE only with their own kind)?"""
        return a.rank == b.rank and (a.rank <= self.chronological_to or a.kind == b.kind)

    def regulates(self, tentang: str | None) -> bool:
        """Does a Keputusan titled ``tentang`` regulate (not a Keputusan that appoints,
        forms a team or names a winner)?"""
        t = (tentang or "").casefold()
        return not any(w in t for w in self.beschikking)


def _int(v) -> int | None:
    return int(v) if v not in (None, "") else None


def _key_of(rows: dict, row: dict) -> str:
    return next(k for k, r in rows.items() if r is row)


@lru_cache(maxsize=16)
def hierarchy(extra: tuple[tuple[str, str], ...] = ()) -> Hierarchy:
    """The built-in hierarchy table plus ``extra`` ((jenis prefix, kind) pairs), cached."""
    return Hierarchy(data.load("hierarki.yaml"), extra)


def hierarchy_for(config) -> Hierarchy:
    """The hierarchy table for a repository: built-in plus ``hierarki`` of sopc.yaml."""
    extra = getattr(config, "hierarki", None) or {}
    return hierarchy(tuple((str(k), str(v)) for k, v in extra.items()))


_UUD_RE = re.compile(r"(?P<j>.*?)(?:\s+tahun)?\s+(?P<y>\d{4})", re.IGNORECASE)
# The canonical form in one match (the common case).
_CANON_RE = re.compile(
    r"(?P<j>\S.*?)\s+nomor\s+(?P<n>[^\s,;]+?),?\s+tahun\s+(?P<y>\d{4})\s+tentang\s+(?P<t>\S.*)",
    re.IGNORECASE)

_ISSUER_RE = re.compile(
    r"(?P<PANRB>panrb|pan-rb|pan rb|pendayagunaan aparatur|menpan|permenpan|m\.pan)"
    r"|(?P<DAGRI>dagri|dalam negeri)"
    r"|(?P<KEUANGAN>^pmk\b|keuangan|permenkeu)"
    r"|(?P<PRESIDEN>^(?:keputusan presiden|keppres|kepres)\b)")
_REGION_PREFIX_RE = re.compile(
    r"^(?:peraturan daerah|perda|qanun|peraturan gubernur|pergub|peraturan bupati|perbup"
    r"|peraturan wali ?kota|perwal|perwali|perwako)\b\s*", re.IGNORECASE)
_REGION_HEAD_RE = re.compile(
    r"(?:pemerintah\s+)?(?:daerah\s+)?"
    r"(?:(?P<kab>pemkab\.?\s*|kab\.\s*|kab\s+|kabupaten\s+)"
    r"|(?P<kota>pemkot\.?\s*|kota\s*madya\s+|kota\s+)"
    r"|(?P<prov>pemprov\.?\s*|prov\.\s*|prov\s+|propinsi\s+|provinsi\s+))?",
    re.IGNORECASE)
_LEVEL_WORD = {"kab": "Kabupaten", "kota": "Kota", "prov": "Provinsi"}


class Citation(NamedTuple):
    """One parsed ``dasar_hukum`` entry (immutable; shared by the parse cache)."""

    text: str                    # as written, trimmed
    jenis_text: str              # the kind as written: "Peraturan Daerah Kabupaten Contoh"
    kind: str                    # UUD UU PERPPU PP PERPRES PERMEN PERDA PERGUB PERBUP PERWAL ...
    jenis: str                   # short label for messages: "UU", "Perda", "Peraturan Menteri/Lembaga"
    rank: int                    # 1 (UUD) .. 15 (Surat Edaran); see _data/hierarki.yaml
    nomor: str | None = None
    tahun: int | None = None
    tentang: str | None = None
    region: str | None = None    # "Kabupaten Contoh", "Kota Batam", "Provinsi Jawa Timur"
    problems: tuple[str, ...] = ()

    @property
    def issuer(self) -> str | None:
        """PANRB, DAGRI, KEUANGAN, PRESIDEN, or the folded issuer text, for ministerial
        and echelon-I regulations, Keputusan, Instruksi and Surat Edaran; else None."""
        return _issuer(self.kind, self.jenis_text)

    @property
    def well_formed(self) -> bool:
        return not self.problems

    @property
    def short(self) -> str:
        """"UU 25/2009", "Perda Kabupaten Contoh 3/2021": for messages."""
        head = self.jenis if not self.region else f"{self.jenis} {self.region}"
        if self.nomor and self.tahun and not self.nomor.endswith(str(self.tahun)):
            return f"{head} {self.nomor}/{self.tahun}"
        if self.nomor:
            return f"{head} {self.nomor}"
        if self.tahun:
            return f"{head} {self.tahun}"
        return head


def _norm(text: str) -> str:
    return " ".join(str(text).split())


@lru_cache(maxsize=1024)
def region_key(text: str | None) -> str:
    """Canonical comparison key of a region: "Kab. Contoh", "Kabupaten  Contoh",
    "Pemerintah Kabupaten Contoh" → "kabupaten contoh"."""
    if not text:
        return ""
    return canonical_region(text).casefold()


@lru_cache(maxsize=1024)
def canonical_region(text: str) -> str:
    """"Kab. Contoh" → "Kabupaten Contoh", "Prov. Jawa Timur" → "Provinsi Jawa Timur",
    "Kotamadya Batam" → "Kota Batam"; leading "Pemerintah (Daerah)" dropped."""
    t = _norm(text).strip(" ,.;")
    m = _REGION_HEAD_RE.match(t)
    rest = t[m.end():].strip()
    if m.lastgroup in _LEVEL_WORD:
        return f"{_LEVEL_WORD[m.lastgroup]} {rest}".strip()
    return rest


def region_level(region: str | None) -> str | None:
    """"provinsi", "kabupaten", "kota" or None."""
    if not region:
        return None
    first = canonical_region(region).split(" ", 1)[0].casefold()
    return first if first in ("provinsi", "kabupaten", "kota") else None


def _region(kind: str, jenis_text: str) -> tuple[str | None, str | None]:
    """(canonical region, "provinsi" for a provincial Perda) of a regional regulation."""
    rest = _REGION_PREFIX_RE.sub("", jenis_text, count=1).strip(" ,.")
    if not rest:
        return None, None
    r = canonical_region(rest)
    level = region_level(r)
    if kind == "PERBUP":
        return (r if level == "kabupaten" else f"Kabupaten {r}"), None
    if kind == "PERWAL":
        return (r if level == "kota" else f"Kota {r}"), None
    if kind == "PERGUB":
        return (r if level == "provinsi" else f"Provinsi {r}"), None
    # Perda / Qanun
    if level == "provinsi":
        return r, "provinsi"
    if level in ("kabupaten", "kota"):
        return r, None
    low = r.casefold()
    if low == "aceh" or low.startswith(("dki ", "daerah istimewa")):
        return f"Provinsi {r}", "provinsi"
    return r, None


_ISSUED = ("PERMEN", "PERDIRJEN", "KEPUTUSAN", "INSTRUKSI", "SE")


def _issuer(kind: str, jenis_text: str) -> str | None:
    if kind not in _ISSUED:
        return None
    f = _norm(jenis_text).casefold()
    m = _ISSUER_RE.search(f)
    return m.lastgroup if m else (f or None)


@lru_cache(maxsize=4096)
def parse_citation(text: str, table: Hierarchy | None = None) -> Citation | None:
    """Parse one ``dasar_hukum`` entry; ``None`` when its kind is not recognised.

    The result carries ``problems`` when the entry is not of the form
    ``<jenis> Nomor <n> Tahun <yyyy> tentang <judul>``. Accepted without problems:
    the UUD 1945 (no number, no title) and numbers that carry their own year as they
    are officially cited ("Nomor 190/PMK.05/2012", "Nomor PER/21/M.PAN/11/2008")
    without a separate "Tahun". ``table`` is the hierarchy (the built-in one when
    omitted; see :func:`hierarchy_for`).
    """
    table = table or hierarchy()
    t = _norm(text)
    if t[:1].isdigit() or t[:1] in "-•*":
        t = _LEAD_RE.sub("", t)
    if t[-1:] in ";.,: ":
        t = _TRAIL_RE.sub("", t)
    if not t:
        return None
    low = t[:25].lower()
    if low.startswith(("undang-undang dasar", "undang undang dasar", "uud")):
        m = _UUD_RE.fullmatch(t)
        if m is not None:
            return Citation(t, m.group("j"), "UUD", "UUD", 1, None, int(m.group("y")))
    m = _CANON_RE.fullmatch(t)
    if m is not None and _plain_jenis(m.group("j")):
        return _build(t, m.group("j"), m.group("n").strip(".,;:"), int(m.group("y")),
                      m.group("t"), (), table)
    return _parse_slow(t, table)


def _plain_jenis(j: str) -> bool:
    """No "nomor"/"no"/"tentang" inside the jenis part (else take the slow path)."""
    jl = j.lower()
    return "nomor" not in jl and "tentang" not in jl and (
        " no" not in jl or _NOMOR_RE.search(j) is None)


def _build(t: str, jenis_text: str, nomor: str | None, tahun: int | None,
           tentang: str | None, problems, table: Hierarchy) -> Citation | None:
    cls = table.classify(jenis_text)
    if cls is None:
        return None
    kind, rank, label, rank_prov, rank_before = cls
    if rank_before is not None and tahun is not None and tahun <= 2011 \
            and table.regulates(tentang):
        rank = rank_before               # UU 12/2011 Pasal 100
    if kind == "UUD":
        problems = [p for p in problems if p not in (NO_NOMOR, NO_TENTANG)]
        if tahun is None:
            ya = _YEAR_ANY_RE.search(t)       # "UUD 1945 amandemen ke-4"
            tahun = int(ya.group(1)) if ya else None
        if tahun is not None:
            problems = [p for p in problems if p != NO_TAHUN]
    region = None
    if kind in ("PERDA", "PERGUB", "PERBUP", "PERWAL"):
        region, level = _region(kind, jenis_text)
        if level == "provinsi" and rank_prov is not None:
            rank = rank_prov
            label = "Perda Provinsi"
    return Citation(
        text=t, jenis_text=jenis_text, kind=kind, jenis=label, rank=rank, nomor=nomor,
        tahun=tahun, tentang=tentang, region=region,
        problems=tuple(dict.fromkeys(problems)) if problems else (),
    )


def _parse_slow(t: str, table: Hierarchy) -> Citation | None:
    problems: list[str] = []
    nomor: str | None = None
    tahun: int | None = None
    tentang: str | None = None

    mt = _TENTANG_RE.search(t)
    head = t[:mt.start()].strip() if mt else t
    tail = t[mt.end():].strip() if mt else ""
    mn = _NOMOR_RE.search(head)
    if mn is None and tail:
        mn2 = _NOMOR_RE.search(tail)
        if mn2 is not None:           # "Perda tentang Reklame Nomor 3 Tahun 2021"
            problems.append(ORDER)
            after = tail[mn2.end():].strip()
            tail = tail[:mn2.start()].strip()
            head = f"{head} {mn2.group(0)} {after}".strip()
            mn = _NOMOR_RE.search(head)
    jenis_text = head
    if mn is not None:
        jenis_text = head[:mn.start()].strip()
        nomor = mn.group("n").strip(".,;:")
        if mn.group(1).lower() != "nomor":
            problems.append(NOMOR_WORD)
        after = head[mn.end():].strip()
        my = _TAHUN_RE.match(after)
        ms = _SHORT_NOMOR_RE.match(nomor)
        if my:
            tahun = int(my.group(1))
        elif ms:                        # "No. 25/2009"
            nomor, tahun = ms.group("n"), int(ms.group("y"))
            problems.append(NO_TAHUN)
        else:
            me = _EMBEDDED_YEAR_RE.search(nomor)
            if me:                      # 190/PMK.05/2012 carries its year
                tahun = int(me.group(1))
            else:
                ya = _YEAR_ANY_RE.search(after)
                if ya:
                    tahun = int(ya.group(1))
                problems.append(NO_TAHUN)
    else:
        ms = _SHORT_RE.match(head)
        mj = _JENIS_YEAR_RE.match(head)
        if ms:                          # "UU 25/2009"
            jenis_text, nomor, tahun = ms.group("j"), ms.group("n"), int(ms.group("y"))
            problems.extend([NO_NOMOR, NO_TAHUN])
        elif mj:                        # "UUD 1945", "... Tahun 1945"
            jenis_text, tahun = mj.group("j"), int(mj.group("y"))
            problems.append(NO_NOMOR)
        else:
            problems.extend([NO_NOMOR, NO_TAHUN])
    if mt:
        tentang = tail or None
    if not tentang and NO_TENTANG not in problems:
        problems.append(NO_TENTANG)

    return _build(t, jenis_text.strip(), nomor, tahun, tentang, problems, table)


# ---------------------------------------------------------------------------
# Repealed regulations (KH04)

_UU_ASN = "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"
_UU_PEMDA = "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"
_UU_HKPD = ("Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah "
            "Pusat dan Pemerintahan Daerah")
_UU_CIPTAKER = ("Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah "
                "Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
                "Undang-Undang")
_PP_DISIPLIN = "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"
_PERPRES_PBJ = ("Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa "
                "Pemerintah sebagaimana telah diubah dengan Peraturan Presiden Nomor 12 "
                "Tahun 2021")

#: (kind, nomor, tahun, issuer or None, what it was, replacement)
REPEALED: tuple[tuple[str, str, int, str | None, str, str], ...] = (
    ("PERMEN", "PER/21/M.PAN/11/2008", 2008, None,
     "Pedoman Penyusunan SOP Administrasi Pemerintahan",
     "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar "
     "Operasional Prosedur Administrasi Pemerintahan"),
    ("UU", "22", 1999, None, "Pemerintahan Daerah", _UU_PEMDA),
    ("UU", "32", 2004, None, "Pemerintahan Daerah", _UU_PEMDA),
    ("UU", "8", 1974, None, "Pokok-Pokok Kepegawaian", _UU_ASN),
    ("UU", "43", 1999, None, "Perubahan atas UU 8/1974 (Kepegawaian)", _UU_ASN),
    ("UU", "5", 2014, None, "Aparatur Sipil Negara", _UU_ASN),
    ("UU", "10", 2004, None, "Pembentukan Peraturan Perundang-undangan",
     "Undang-Undang Nomor 12 Tahun 2011 tentang Pembentukan Peraturan Perundang-undangan"),
    ("UU", "28", 2009, None, "Pajak Daerah dan Retribusi Daerah", _UU_HKPD),
    ("UU", "33", 2004, None, "Perimbangan Keuangan Pusat dan Daerah", _UU_HKPD),
    ("UU", "11", 2020, None, "Cipta Kerja", _UU_CIPTAKER),
    ("PERPPU", "2", 2022, None, "Cipta Kerja", _UU_CIPTAKER),
    ("PP", "30", 1980, None, "Disiplin PNS", _PP_DISIPLIN),
    ("PP", "53", 2010, None, "Disiplin PNS", _PP_DISIPLIN),
    ("PP", "46", 2011, None, "Penilaian Prestasi Kerja PNS",
     "Peraturan Pemerintah Nomor 30 Tahun 2019 tentang Penilaian Kinerja Pegawai Negeri Sipil"),
    ("PP", "24", 2005, None, "Standar Akuntansi Pemerintahan",
     "Peraturan Pemerintah Nomor 71 Tahun 2010 tentang Standar Akuntansi Pemerintahan"),
    ("PP", "58", 2005, None, "Pengelolaan Keuangan Daerah",
     "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah"),
    ("PP", "41", 2007, None, "Organisasi Perangkat Daerah",
     "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah"),
    ("PERPRES", "54", 2010, None, "Pengadaan Barang/Jasa Pemerintah", _PERPRES_PBJ),
    ("KEPPRES", "80", 2003, None, "Pengadaan Barang/Jasa Pemerintah", _PERPRES_PBJ),
    ("PERMEN", "13", 2006, "DAGRI", "Pedoman Pengelolaan Keuangan Daerah",
     "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis "
     "Pengelolaan Keuangan Daerah"),
)


def _nomor_key(nomor: str | None) -> str:
    return "".join((nomor or "").split()).upper().lstrip("0") or "0"


_REPEALED_INDEX: dict[tuple[str, str, int], list[tuple[str | None, str]]] = {}
for _k, _n, _y, _iss, _old, _new in REPEALED:
    _REPEALED_INDEX.setdefault((_k, _nomor_key(_n), _y), []).append((_iss, _new))


def repealed_replacement(c: Citation | None) -> str | None:
    """The replacement of a cited regulation in the built-in :data:`REPEALED` list,
    matched by (kind, nomor, tahun) (and the issuer for ministerial regulations and
    Keppres), or ``None``."""
    if c is None or not c.nomor or not c.tahun:
        return None
    for issuer, new in _REPEALED_INDEX.get((c.kind, _nomor_key(c.nomor), c.tahun), ()):
        if issuer is None or issuer == c.issuer:
            return new
    return None


def same_regulation(a: Citation | None, b: Citation | None) -> bool:
    """Do two citations name the same regulation (kind, nomor, tahun, issuer)?"""
    if a is None or b is None or not a.nomor or not a.tahun:
        return False
    if (a.kind, _nomor_key(a.nomor), a.tahun) != (b.kind, _nomor_key(b.nomor), b.tahun):
        return False
    return a.issuer is None or b.issuer is None or a.issuer == b.issuer or a.kind not in _ISSUED


def citation_key(text: str) -> str:
    """Normalised text for substring matching (case, spaces, trailing punctuation)."""
    return _norm(text).rstrip(" ;.,:").casefold()
