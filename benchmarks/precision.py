#!/usr/bin/env python3
"""Precision and recall of the content rules on labelled SOP text.

    python benchmarks/precision.py [--verbose] [--json] [--check]

Reads the labelled corpus in ``benchmarks/precision/``:

* ``kegiatan.yaml`` -- activity texts grouped as SOPs, each labelled with the rules
  that must report it (``harus``) and those whose finding is not judged (``boleh``);
  every other rule of KJ01, KJ02, KJ05, KJ06 must not report it;
* ``dasar_hukum.yaml`` -- dasar hukum lists, each item labelled with whether KH03 must
  report it.

Each group becomes a real SOP file in a temporary repository (with its own sopc.yaml)
and is linted by sopc itself; findings are matched to activities (or dasar hukum
items) by line. Prints, per rule, true and false positives, misses, precision and
recall next to the targets of issue 14 (precision >= 95% for every rule; recall >= 90%
for KJ01, KJ02, KJ05, KH03). ``--verbose`` lists every false positive and miss;
``--check`` exits 1 when a target is missed (the test suite runs the same check).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "precision"
ACTIVITY_RULES = ("KJ01", "KJ02", "KJ05", "KJ06")
LEGAL_RULES = ("KH03",)
PRECISION_TARGET = 0.95
RECALL_TARGET = {"KJ01": 0.90, "KJ02": 0.90, "KJ05": 0.90, "KH03": 0.90}

_HEAD = """nomor: SOP-{n:03d}/KORPUS/2026
nama: Korpus presisi {n}
tanggal:
  pembuatan: 2026-01-10
  efektif: 2026-02-01
disahkan_oleh:
  jabatan: Kepala Kantor
  nama: Nama Pejabat
  nip: "197203151998032004"
dasar_hukum:
{dasar}
kualifikasi_pelaksana: []
keterkaitan: []
peralatan: [Komputer]
peringatan: []
pencatatan: []
pelaksana:
{pelaksana}
kegiatan:
"""


@dataclass
class Item:
    """One labelled text: an activity or a dasar hukum entry."""

    text: str
    must: frozenset[str]
    maybe: frozenset[str]
    where: str
    found: set[str] = field(default_factory=set)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fps: list = field(default_factory=list)
    fns: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _q(text: str) -> str:
    return json.dumps(str(text), ensure_ascii=False)


def _config(group: dict) -> str:
    out = f"instansi: {{nama: {_q(group.get('instansi', 'Instansi Contoh'))}}}\n"
    istilah = group.get("istilah") or {}
    if istilah:
        out += "istilah:\n" + "".join(f"  {_q(k)}: {_q(v)}\n" for k, v in istilah.items())
    return out


def _activity_sop(n: int, group: dict, file: str) -> tuple[str, list[tuple[int, int, Item]]]:
    actors = group.get("pelaksana") or ["Pelaksana"]
    pel = "".join(f"  a{i}: {_q(label)}\n" for i, label in enumerate(actors))
    text = _HEAD.format(n=n, dasar="  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
                        pelaksana=pel.rstrip("\n"))
    lines = text.count("\n")
    spans = []
    acts = group["kegiatan"]
    for i, a in enumerate(acts):
        nxt = f"k{i + 1}" if i + 1 < len(acts) else "selesai"
        block = [f"  - id: k{i}", f"    uraian: {_q(a['u'])}", f"    pelaksana: a{i % len(actors)}",
                 "    kelengkapan: Dokumen kerja", "    waktu: 10 menit", "    output: Hasil kegiatan"]
        if a.get("k"):
            block.append(f"    keterangan: {_q(a['k'])}")
        if a.get("cabang"):
            block.append(f"    cabang: {{Ya: {nxt}, Tidak: {nxt}}}")
        item = Item(a["u"] + (f"  [keterangan: {a['k']}]" if a.get("k") else ""),
                    frozenset(a.get("harus") or ()), frozenset(a.get("boleh") or ()),
                    f"{file}, kegiatan {i + 1}")
        spans.append((lines + 1, lines + len(block), item))
        lines += len(block)
        text += "\n".join(block) + "\n"
    return text, spans


def _legal_sop(n: int, group: dict, file: str) -> tuple[str, list[tuple[int, int, Item]]]:
    entries = [e if isinstance(e, dict) else {"t": e} for e in group["dasar_hukum"]]
    dasar = "\n".join(f"  - {_q(e['t'])}" for e in entries)
    text = _HEAD.format(n=n, dasar=dasar, pelaksana="  a0: Pelaksana")
    first = text.splitlines().index("dasar_hukum:") + 2       # 1-based line of item 0
    spans = []
    for i, e in enumerate(entries):
        item = Item(e["t"], frozenset(e.get("harus") or ()), frozenset(e.get("boleh") or ()),
                    f"{file}, dasar hukum {i + 1}")
        spans.append((first + i, first + i, item))
    text += ("  - uraian: Menyusun laporan\n    pelaksana: a0\n    kelengkapan: Dokumen kerja\n"
             "    waktu: 10 menit\n    output: Hasil kegiatan\n")
    return text, spans


def _lint(config: str, sop: str):
    from sopc.lint.context import LintContext, resolve_today
    from sopc.lint.engine import lint
    from sopc.loader import load_repository

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "sopc.yaml").write_text(config, "utf-8")
        (root / "korpus.sop.yaml").write_text(sop, "utf-8")
        res = load_repository([root / "korpus.sop.yaml"], use_cache=False)
        bad = [d for d in list(res.config_diagnostics) + list(res.diagnostics)
               if d.code.startswith("E")]
        if bad:
            raise SystemExit(f"corpus SOP does not load: {bad[0].code} {bad[0].text()}\n{sop}")
        ctx = LintContext(res.repo, resolve_today("2026-06-01"))
        return lint(res.repo, ctx, res.targets)


def _collect(kind: str, rules: tuple[str, ...]) -> tuple[list[Item], list[str]]:
    path = CORPUS / ("kegiatan.yaml" if kind == "kegiatan" else "dasar_hukum.yaml")
    groups = yaml.safe_load(path.read_text("utf-8"))["kelompok"]
    items: list[Item] = []
    stray: list[str] = []
    for n, group in enumerate(groups, 1):
        where = f"{path.name} kelompok {n}"
        build = _activity_sop if kind == "kegiatan" else _legal_sop
        sop, spans = build(n, group, where)
        for d in _lint(_config(group), sop):
            if d.code not in rules:
                continue
            for lo, hi, item in spans:
                if lo <= d.line <= hi:
                    item.found.add(d.code)
                    break
            else:
                stray.append(f"{where}: line {d.line}: {d.code} {d.text()}")
        items += [item for _lo, _hi, item in spans]
    return items, stray


def evaluate() -> tuple[dict[str, Tally], dict[str, int], list[str]]:
    """Lint the whole corpus: per-rule tallies, item counts and findings that fell
    outside any labelled item."""
    acts, stray_a = _collect("kegiatan", ACTIVITY_RULES)
    legal, stray_l = _collect("dasar_hukum", LEGAL_RULES)
    tallies = {r: Tally() for r in ACTIVITY_RULES + LEGAL_RULES}
    for items, rules in ((acts, ACTIVITY_RULES), (legal, LEGAL_RULES)):
        for item in items:
            for r in rules:
                t = tallies[r]
                hit, want = r in item.found, r in item.must
                if hit and want:
                    t.tp += 1
                elif want:
                    t.fn += 1
                    t.fns.append(item)
                elif hit and r not in item.maybe:
                    t.fp += 1
                    t.fps.append(item)
    return tallies, {"kegiatan": len(acts), "dasar_hukum": len(legal)}, stray_a + stray_l


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def report(tallies: dict[str, Tally], counts: dict[str, int], stray: list[str],
           verbose: bool) -> bool:
    """Print the table; True when every target is met."""
    print(f"corpus: {counts['kegiatan']} activity texts, {counts['dasar_hukum']} dasar hukum items")
    print()
    print("rule   TP   FP   FN  precision  recall   target")
    ok = True
    for r, t in tallies.items():
        rt = RECALL_TARGET.get(r)
        good = t.precision >= PRECISION_TARGET and (rt is None or t.recall >= rt)
        ok = ok and good
        target = f"P>={_pct(PRECISION_TARGET).strip()}" + (f", R>={_pct(rt).strip()}" if rt else "")
        print(f"{r:5} {t.tp:4} {t.fp:4} {t.fn:4}     {_pct(t.precision)}  {_pct(t.recall)}   "
              f"{target} {'met' if good else 'MISSED'}")
    if verbose:
        for r, t in tallies.items():
            for item in t.fps:
                print(f"FP {r}: {item.where}: {item.text}")
            for item in t.fns:
                print(f"FN {r}: {item.where}: {item.text}")
    for s in stray:
        print(f"not matched to an item: {s}")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbose", action="store_true", help="list every false positive and miss")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)
    tallies, counts, stray = evaluate()
    if args.json:
        print(json.dumps({r: {"tp": t.tp, "fp": t.fp, "fn": t.fn, "precision": t.precision,
                              "recall": t.recall} for r, t in tallies.items()} | {"counts": counts},
                         indent=2))
        ok = all(t.precision >= PRECISION_TARGET and t.recall >= RECALL_TARGET.get(r, 0)
                 for r, t in tallies.items())
    else:
        ok = report(tallies, counts, stray, args.verbose)
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
