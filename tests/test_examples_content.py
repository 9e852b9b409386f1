"""Content invariants of the example repository that a careful Tim Penyusun keeps,
checked directly on the YAML (independent of the rule engine, so that they hold even
while a rule is being changed): identities, links, actors, Mutu Baku, wording."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = dt.date(2026, 11, 28)
FILES = sorted(EXAMPLES.rglob("*.sop.yaml"))


def _load(path: Path):
    # BaseLoader: every scalar stays a string, as sopc's loader guarantees
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


CONFIG = _load(EXAMPLES / "sopc.yaml")
SOPS = {f.relative_to(EXAMPLES).as_posix(): _load(f) for f in FILES}


def _as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _norm(s: str) -> str:
    s = " ".join(s.split()).strip().rstrip(".;,").lower()
    return re.sub(r"^sop\s+", "", s)


def test_repository_shape():
    assert len(FILES) >= 5
    units = {s["unit"] for s in SOPS.values()}
    assert units <= set(CONFIG["unit"])
    for u in units:
        assert sum(1 for s in SOPS.values() if s["unit"] == u) >= 2, u
    assert "aturan" not in CONFIG  # no rule is switched off to make the examples pass


def test_logo_is_small_png():
    logo = EXAMPLES / CONFIG["instansi"]["logo"]
    data = logo.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) < 30_000


def test_identity_unique_and_numbered():
    pattern = re.compile(CONFIG["nomor"])
    nomor = [s["nomor"] for s in SOPS.values()]
    nama = [s["nama"].lower() for s in SOPS.values()]
    assert len(set(nomor)) == len(nomor)
    assert len(set(nama)) == len(nama)
    for n in nomor:
        assert pattern.match(n), n


@pytest.mark.parametrize("rel", list(SOPS))
def test_nip_plausible(rel):
    nip = "".join(SOPS[rel]["disahkan_oleh"]["nip"].split())
    assert re.fullmatch(r"\d{18}", nip)
    born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    assert 1 <= tmt_month <= 12
    assert (tmt_year, tmt_month) >= (born.year + 18, born.month)
    assert nip[14] in "12"


@pytest.mark.parametrize("rel", list(SOPS))
def test_dates(rel):
    t = SOPS[rel]["tanggal"]
    pembuatan = dt.date.fromisoformat(t["pembuatan"])
    efektif = dt.date.fromisoformat(t["efektif"])
    revisi = dt.date.fromisoformat(t["revisi"]) if t.get("revisi") else None
    assert pembuatan <= efektif <= TODAY
    recent = (TODAY - efektif).days <= 365
    planned = revisi is not None and revisi > TODAY
    assert recent or planned
    if revisi is not None and revisi <= TODAY:
        assert revisi >= pembuatan
    # the year in the nomor is the year of the current issue
    assert SOPS[rel]["nomor"].endswith(str(efektif.year))


def test_links_resolve_both_ways():
    keys = {}
    for rel, s in SOPS.items():
        keys[_norm(s["nomor"])] = rel
        keys[_norm(s["nama"])] = rel
    graph = {}
    for rel, s in SOPS.items():
        out = set()
        for link in _as_list(s.get("keterkaitan")):
            if isinstance(link, dict):
                assert set(link) == {"eksternal"}
                continue
            target = keys.get(_norm(link))
            assert target is not None, f"{rel}: {link!r} does not resolve"
            assert target != rel
            out.add(target)
        graph[rel] = out
    for a, outs in graph.items():
        for b in outs:
            assert a in graph[b], f"one-way link {a} -> {b}"


@pytest.mark.parametrize("rel", list(SOPS))
def test_actors(rel):
    s = SOPS[rel]
    registry = set(CONFIG["jabatan"])
    labels = list(s["pelaksana"].values())
    assert set(labels) <= registry, set(labels) - registry
    used = set()
    for a in s["kegiatan"]:
        used.update(_as_list(a["pelaksana"]))
        assert len(_as_list(a["pelaksana"])) == 1  # no joint rows
    assert used == set(s["pelaksana"])
    if s.get("jenis") == "teknis":
        assert len(s["pelaksana"]) == 1
    else:
        assert len(s["pelaksana"]) > 1
    bad = re.compile(r"\b(aplikasi|sistem|sarana|website|email|portal|kotak|ruang)\b", re.I)
    for label in labels:
        assert not bad.search(label), label


CONDITION = re.compile(r"\b(jika|apabila|bila|bilamana|kalau)\b", re.I)
VERB = re.compile(r"^(me|ber|ter)[a-z]+", re.I)


@pytest.mark.parametrize("rel", list(SOPS))
def test_activities(rel):
    s = SOPS[rel]
    acts = s["kegiatan"]
    ids = [a.get("id") for a in acts]
    assert all(ids), "every activity has an id"
    assert len(set(ids)) == len(ids)
    seen = set()
    for a in acts:
        u = a["uraian"]
        assert VERB.match(u), u
        assert len(u.split()) <= 25, u
        key = " ".join(u.lower().split())
        assert key not in seen, u
        seen.add(key)
        assert _as_list(a.get("kelengkapan")), u
        assert a.get("output"), u
        assert re.fullmatch(r"\d+(,\d+)? (menit|jam|hari kerja)", a["waktu"]), a["waktu"]
        targets = list(_as_list(a.get("ke"))) + list((a.get("cabang") or {}).values())
        for t in targets:
            assert t == "selesai" or t in ids, t  # ids, never numbers
        if a.get("cabang"):
            assert a.get("pertanyaan"), u
            assert len(a["cabang"]) >= 2
        else:
            assert not CONDITION.search(u), u
            assert not CONDITION.search(a.get("keterangan", "")), u


@pytest.mark.parametrize("rel", [r for r, s in SOPS.items() if s.get("sifat") == "pelayanan"])
def test_service_sops(rel):
    s = SOPS[rel]
    outside = set(CONFIG["pihak_luar"])
    first = s["kegiatan"][0]
    assert s["pelaksana"][first["pelaksana"]] in outside
    assert s.get("batas_waktu")
    last = s["kegiatan"][-1]
    by_outside = s["pelaksana"][last["pelaksana"]] in outside
    hands_over = re.search(r"^(menyerahkan|menyampaikan|memberikan)\b.*\bkepada\b", last["uraian"], re.I)
    assert by_outside or hands_over


ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def _texts(s):
    skip = {"nomor", "dasar_hukum", "disahkan_oleh", "tanggal"}
    def walk(v):
        if isinstance(v, str):
            yield v
        elif isinstance(v, list):
            for x in v:
                yield from walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                yield from walk(x)
    for k, v in s.items():
        if k not in skip:
            yield from walk(v)


@pytest.mark.parametrize("rel", list(SOPS))
def test_acronyms_in_glossary(rel):
    glossary = set(CONFIG["istilah"])
    for text in _texts(SOPS[rel]):
        for word in ACRONYM.findall(text):
            assert word in glossary, f"{word} in {text!r}"


LEVELS = [
    (r"^Undang-Undang Nomor", 1),
    (r"^Peraturan Pemerintah Nomor", 2),
    (r"^Peraturan Presiden Nomor", 3),
    (r"^Peraturan (Menteri|Arsip Nasional)", 4),
    (r"^Peraturan Daerah Provinsi", 5),
    (r"^Peraturan Daerah Kabupaten", 6),
    (r"^Peraturan Bupati", 7),
]
CITATION = re.compile(r"^.+? Nomor (\d+) Tahun (\d{4}) tentang .+$")


@pytest.mark.parametrize("rel", list(SOPS))
def test_legal_basis(rel):
    s = SOPS[rel]
    year_efektif = int(s["tanggal"]["efektif"][:4])
    order = []
    for entry in s["dasar_hukum"]:
        m = CITATION.match(entry)
        assert m, entry
        level = next(lv for pat, lv in LEVELS if re.match(pat, entry))
        year = int(m.group(2))
        assert year <= year_efektif, entry
        if level >= 5:
            assert "Contoh" in entry.split(" Nomor ")[0], entry
        order.append((level, year))
    assert order == sorted(order), order
