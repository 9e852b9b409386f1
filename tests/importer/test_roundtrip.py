"""Round trip: sopc's own PDFs of examples/ import back to files equal in content (as
printed: ids, comments, jenis/sifat and the diamond question are not printed)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sopc.loader import load_config_text

from .compare import differences, load, printed_content

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("roundtrip")
    repo = base / "examples"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns(".sopc-cache", "_site"))
    out = base / "site"
    subprocess.run([sys.executable, "-m", "sopc", "build", str(repo), "--pdf", "--out", str(out),
                    "--today", "2026-11-28"], check=True, capture_output=True)
    return repo, out


def _sop_pdfs(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.pdf") if p.name.startswith("sop-"))


def test_examples_round_trip(built, tmp_path):
    repo, out = built
    pdfs = _sop_pdfs(out)
    assert len(pdfs) == len(list(repo.rglob("*.sop.yaml")))
    dest = tmp_path / "sop"
    res = subprocess.run([sys.executable, "-m", "sopc", "import", *map(str, pdfs), "--out", str(dest),
                          "--format", "json", "--jobs", "2"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert [r["status"] for r in report] == ["ok"] * len(pdfs), report
    cfg, _ = load_config_text((repo / "sopc.yaml").read_text(encoding="utf-8"), repo)
    sources = {}
    for f in repo.rglob("*.sop.yaml"):
        s = load(f.read_text(encoding="utf-8"), cfg)
        sources[s.nomor] = printed_content(s)
    icfg, diags = load_config_text((dest / "sopc.yaml").read_text(encoding="utf-8"), dest)
    assert not diags
    assert icfg.instansi_nama == cfg.instansi_nama
    assert icfg.satuan_kerja == cfg.satuan_kerja
    assert sorted(icfg.unit) == sorted(cfg.unit)
    assert icfg.kertas == cfg.kertas
    for r in report:
        text = Path(r["output"]).read_text(encoding="utf-8")
        got = printed_content(load(text, icfg))
        assert differences(sources[got["nomor"]], got) == [], r["source"]
        assert r["activities"] == len(got["kegiatan"])
    # the imported repository lints without an error
    res = subprocess.run([sys.executable, "-m", "sopc", "lint", str(dest), "--format", "json"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-3000:]
