"""The precision harness of issue 14 (benchmarks/precision.py) over its labelled corpus:
at least 500 activity texts and 200 dasar hukum items; precision >= 95% for every rule,
recall >= 90% for KJ01, KJ02, KJ05 and KH03."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import precision  # noqa: E402


def test_corpus_size_and_targets():
    tallies, counts, stray = precision.evaluate()
    assert counts["kegiatan"] >= 500 and counts["dasar_hukum"] >= 200
    assert not stray, stray
    report = {r: (t.tp, t.fp, t.fn) for r, t in tallies.items()}
    for rule, t in tallies.items():
        assert t.tp >= 20, (rule, report)              # each rule is really exercised
        assert t.precision >= precision.PRECISION_TARGET, (rule, report,
                                                           [i.text for i in t.fps])
        if rule in precision.RECALL_TARGET:
            assert t.recall >= precision.RECALL_TARGET[rule], (rule, report,
                                                               [i.text for i in t.fns])


def test_every_label_names_a_rule_of_the_harness():
    import yaml
    known = set(precision.ACTIVITY_RULES) | set(precision.LEGAL_RULES)
    for name, key in (("kegiatan.yaml", "kegiatan"), ("dasar_hukum.yaml", "dasar_hukum")):
        for group in yaml.safe_load((precision.CORPUS / name).read_text("utf-8"))["kelompok"]:
            for item in group[key]:
                if isinstance(item, dict):
                    assert set(item.get("harus") or ()) | set(item.get("boleh") or ()) <= known
