"""The one keterkaitan matching behaviour (sopc.core.links), and lint, the SOP page and
the map agreeing on it."""

from __future__ import annotations

import pytest

from sopc.core.links import LinkIndex, is_vague, link_key
from sopc.core.model import Link

NAMA = "Pengelolaan Surat Masuk"
NOMOR = "SOP-002/UJI/2025"

# (entry as written, matches NAMA/NOMOR?)
TABLE = [
    ("Pengelolaan Surat Masuk", True),
    ("pengelolaan surat masuk", True),
    ("PENGELOLAAN  SURAT   MASUK", True),
    ("Pengelolaan Surat Masuk.", True),
    ("Pengelolaan Surat Masuk!", True),
    ("Pengelolaan Surat Masuk ;", True),
    ("SOP Pengelolaan Surat Masuk", True),
    ("SOP: Pengelolaan Surat Masuk", True),
    ("sop. pengelolaan surat masuk", True),
    ("SOP - Pengelolaan Surat Masuk", True),
    ("\u201cPengelolaan Surat Masuk\u201d", True),
    ("SOP-002/UJI/2025", True),
    ("sop-002/uji/2025.", True),
    ("SOP-002/UJI/2025 ", True),
    ("Pengelolaan Surat Keluar", False),
    ("Pengelolaan Surat", False),
    ("SOP-002/UJI/2026", False),
    ("SOP", False),
    ("", False),
]


class _S:
    def __init__(self, nomor, nama, relpath):
        self.nomor, self.nama, self.relpath, self.path = nomor, nama, relpath, relpath


@pytest.mark.parametrize("text,hit", TABLE)
def test_matching_table(text, hit):
    target = _S(NOMOR, NAMA, "a.sop.yaml")
    idx = LinkIndex([target, _S("SOP-003/UJI/2025", "Pengelolaan Surat Keluar", "b.sop.yaml")])
    got = idx.target(Link(text))
    if hit:
        assert got is target, text
    else:
        assert got is not target, text


def test_external_and_keys():
    idx = LinkIndex([_S(NOMOR, NAMA, "a.sop.yaml")])
    assert idx.target(Link(NAMA, external=True)) is None
    assert link_key("SOP: Pengelolaan Surat Masuk!") == link_key(NAMA) == "pengelolaan surat masuk"
    assert link_key(None) == ""


def test_duplicates_first_file_wins():
    a, b = _S("X-1", NAMA, "b/x.sop.yaml"), _S("X-2", NAMA, "a/x.sop.yaml")
    assert LinkIndex([a, b]).target(Link(NAMA)) is b


def test_vague():
    assert is_vague("Seluruh SOP di lingkungan Dinas")
    assert is_vague("-")
    assert not is_vague(NAMA)


def test_lint_page_and_map_agree(tmp_path):
    """SOP B lists SOP A in two spellings. Lint resolves both, B's page links both, the
    map shows no unresolved node (the three used to disagree)."""
    from test_site_helpers import act, build_site, sop, write_repo

    from sopc.lint.context import LintContext
    from sopc.lint.engine import lint
    from sopc.site.peta import link_graph

    a = sop("SOP-001/UJI/2025", NAMA, "Bagian Umum", {"p": "Petugas"},
            [act("Menerima surat masuk", "p")], ["SOP-002/UJI/2025"])
    b = sop("SOP-002/UJI/2025", "Pengarsipan Surat", "Bagian Umum", {"p": "Petugas"},
            [act("Mengarsipkan surat", "p")], ["SOP: Pengelolaan Surat Masuk", "Pengelolaan Surat Masuk!"])
    root = write_repo(tmp_path / "r", {"a.sop.yaml": a, "b.sop.yaml": b})
    from sopc.loader import load_repository

    res = load_repository(root, use_cache=False)
    diags = lint(res.repo, LintContext(res.repo, today=None))
    assert not [d for d in diags if d.code in ("KS01", "E006")]
    g = link_graph(res.repo)
    assert g.unresolved == []
    result = build_site(root)
    page = next(v for k, v in result.files.items() if k.endswith(".html") and b"Pengarsipan Surat</" in v
                and "/" in k)
    target = next(k for k in result.files if k.endswith(".html") and "sop-001" in k)
    assert page.count(target.rsplit("/", 1)[-1].encode()) >= 2
