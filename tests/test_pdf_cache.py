"""PDFs are cached like SOP pages: a `--pdf` rebuild lays out with WeasyPrint only
what changed (the edited SOP, its unit's forms and books), gives the same bytes as a
clean build, never serves a damaged entry, and keeps only what the last build used."""

from __future__ import annotations

import os

import pytest

from sopc.site.pdf import render as pdfmod
from test_site_helpers import build_site, sample_sops, write_repo

pytestmark = pytest.mark.slow


@pytest.fixture
def rendered(monkeypatch):
    """The output relpaths WeasyPrint lays out (jobs=1 renders in this process)."""
    seen: list[str] = []
    real = pdfmod._render_one

    def spy(task):
        seen.append(task[0])
        return real(task)

    monkeypatch.setattr(pdfmod, "_render_one", spy)
    return seen


def pdfs(res) -> dict[str, bytes]:
    return {k: v for k, v in res.files.items() if k.endswith(".pdf")}


def test_rebuild_lays_out_only_what_changed(tmp_path, rendered):
    sops = sample_sops()
    root = write_repo(tmp_path / "r", sops)
    first = build_site(root, pdf=True, jobs=1)
    assert len(rendered) == len(pdfs(first)) > 5
    rendered.clear()

    again = build_site(root, pdf=True, jobs=1)
    assert rendered == [] and pdfs(again) == pdfs(first)

    text = (root / "layanan/s3.sop.yaml").read_text("utf-8")
    (root / "layanan/s3.sop.yaml").write_text(text.replace("Menerima", "Menerima dan mencatat", 1), "utf-8")
    edited = build_site(root, pdf=True, jobs=1)
    assert "bagian-layanan/sop-003-uji-2025.pdf" in rendered
    assert not any(r.startswith("bagian-umum/") or r == "buku-sop-bagian-umum.pdf" for r in rendered)
    clean = build_site(root, pdf=True, jobs=1, cache=False)
    assert pdfs(edited) == pdfs(clean)


def test_a_damaged_entry_is_never_served(tmp_path, rendered):
    root = write_repo(tmp_path / "r", {k: v for k, v in sample_sops().items() if k.startswith("umum/")})
    first = build_site(root, pdf=True, jobs=1)
    folder = root / ".sopc-cache" / "pdf"
    entries = sorted(folder.iterdir())
    assert entries
    victim = entries[0]
    data = bytearray(victim.read_bytes())
    data[-10] ^= 0xFF
    victim.write_bytes(bytes(data))
    rendered.clear()
    again = build_site(root, pdf=True, jobs=1)
    assert len(rendered) == 1 and pdfs(again) == pdfs(first)


def test_only_what_the_last_build_used_is_kept(tmp_path):
    root = write_repo(tmp_path / "r", {k: v for k, v in sample_sops().items() if k.startswith("umum/")})
    build_site(root, pdf=True, jobs=1)
    folder = root / ".sopc-cache" / "pdf"
    before = set(os.listdir(folder))
    (folder / "stray.pdf").write_bytes(b"x")
    text = (root / "umum/s1.sop.yaml").read_text("utf-8")
    (root / "umum/s1.sop.yaml").write_text(text.replace("Mengajukan", "Mengajukan secara tertulis", 1), "utf-8")
    build_site(root, pdf=True, jobs=1)
    after = set(os.listdir(folder))
    assert "stray.pdf" not in after
    assert len(after) == len(before)          # one entry per PDF (or part) of the build
    assert after != before                    # the edited SOP's PDFs were replaced
