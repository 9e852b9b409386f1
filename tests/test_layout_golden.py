"""Golden files of the layout geometry (tests/golden/layout/*.json).

Regenerate with ``pytest --update-golden`` after an intended change, and look at the
drawings before committing them."""

import json
import random
from pathlib import Path

import pytest

from layout_checks import check_layout
from layout_factory import make_sop, random_sop, reference_sop
from sopc.layout import layout_sop

GOLDEN = Path(__file__).parent / "golden" / "layout"


def _joint_sop():
    actors = {"staf": "Staf Pelaksana", "kasubag": "Kepala Subbagian Umum", "sekdis": "Sekretaris Dinas"}
    acts = [
        {"uraian": "Menerima surat masuk", "pelaksana": "staf", "waktu": "5 menit", "output": "Surat"},
        {"uraian": "Membahas disposisi\nbersama:\n1. Kepala Subbagian\n2. Sekretaris",
         "pelaksana": ["staf", "sekdis"], "waktu": "30 menit", "output": "Disposisi"},
        {"id": "cek", "uraian": "Memeriksa kelengkapan", "pelaksana": "kasubag",
         "cabang": {"Lengkap": "arsip", "Tidak lengkap": "1", "Batal": "selesai"}},
        {"id": "arsip", "uraian": "Mengarsipkan surat", "pelaksana": ["staf", "kasubag", "sekdis"],
         "kelengkapan": ["Map arsip", "Buku register"]},
    ]
    return make_sop(actors, acts, nomor="SOP-002/TEST/2026", nama="Pengelolaan Surat <Masuk> & Keluar")


CASES = {
    "reference-a4": lambda: (reference_sop(), {}),
    "reference-onepage-en": lambda: (reference_sop(), {"table_height": 2000, "lang": "en"}),
    "reference-f4-short": lambda: (reference_sop(), {"paper": "F4", "table_height": 300}),
    "joint-decision-letter": lambda: (_joint_sop(), {"paper": "Letter"}),
    "random-6x30-legal": lambda: (random_sop(random.Random(7), 6, 30), {"paper": "Legal"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_layout_golden(name, update_golden):
    sop, kw = CASES[name]()
    layout = layout_sop(sop, **kw)
    assert check_layout(sop, layout) == []
    got = json.dumps(layout.to_dict(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    path = GOLDEN / f"{name}.json"
    if update_golden or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.skip(f"golden file {path.name} created")
    assert got == path.read_text(encoding="utf-8"), f"layout of {name} changed; run pytest --update-golden"
