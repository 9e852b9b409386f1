"""The repository pages: index.html, peta.html, pelaksana.html, the forms."""

from __future__ import annotations

import html as _html
import json
import posixpath
import re
import subprocess

import pytest

from sopc.site import pages
from sopc.site.options import SiteOptions
from sopc.site.common import semester
from test_site_helpers import HOSTILE, TODAY, build_site, load, sample_sops, write_repo


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = write_repo(tmp_path_factory.mktemp("repo") / "r")
    res = build_site(root)
    return res


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = write_repo(tmp_path_factory.mktemp("hrepo") / "r", sample_sops(hostile=True))
    return build_site(root)


def text(res, rel) -> str:
    return res.files[rel].decode("utf-8")


def links(page: str) -> list[str]:
    return [_html.unescape(u) for u in re.findall(r'(?:href|src)="([^"]*)"', page)]


def resolve(page_rel: str, url: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), url.split("#")[0]))


def test_files_present(built):
    for rel in ("index.html", "peta.html", "pelaksana.html", "aset/halaman.css", "aset/saring.js",
                "formulir/monitoring-bagian-umum.html", "formulir/evaluasi-bagian-umum.html",
                "formulir/monitoring-bagian-layanan.html", "formulir/evaluasi-bagian-layanan.html"):
        assert rel in built.files, rel


def test_every_local_link_exists(built):
    for rel, data in built.files.items():
        if not rel.endswith(".html") or rel.count("/") and not rel.startswith("formulir/") \
                and rel not in ("index.html", "peta.html", "pelaksana.html"):
            continue
        page = data.decode("utf-8")
        ids = set(re.findall(r'\bid="([^"]*)"', page))
        for url in links(page):
            assert not re.match(r"^[a-z]+:", url) and not url.startswith("/"), (rel, url)
            if url.startswith("#"):
                assert url[1:] in ids, (rel, url)
                continue
            assert resolve(rel, url) in built.files, (rel, url)


def test_index_content(built):
    page = text(built, "index.html")
    assert '<html lang="id">' in page
    # grouped by unit, in the configured order, SOPs in nomor order
    assert page.index("Bagian Umum") < page.index("Bagian Layanan")
    assert page.index("SOP-001/UJI/2025") < page.index("SOP-002/UJI/2025") < page.index("SOP-003/UJI/2025")
    assert "1 Februari 2025" in page
    # DN02: no revision and effective > 12 months before today -> due; s2 has a revision
    row1 = page[page.index("SOP-001/UJI/2025"):page.index("SOP-002/UJI/2025")]
    row2 = page[page.index("SOP-002/UJI/2025"):page.index("SOP-003/UJI/2025")]
    assert "Perlu ditinjau" in row1 and "Terkini" in row2
    assert 'href="bagian-umum/sop-001-uji-2025.html"' in page
    assert ".pdf" not in page                     # no PDF was built
    assert '<th scope="col">' in page and '<th scope="row"' in page
    assert '<label for="saring">' in page and 'id="saring-kotak" class="saring" hidden' in page
    assert '<script src="aset/saring.js"></script>' in page
    # compliance table: the eight principles
    for code in ("KJ", "EE", "KS", "KU", "DN", "BP", "KH", "KP"):
        assert f'<th scope="row">{code}</th>' in page


def test_index_finding_counts_match_diagnostics(built):
    repo_sops = {p.sop.nomor: p for p in built.pages}
    page = text(built, "index.html")
    for nomor, p in repo_sops.items():
        row = page[page.index(nomor):]
        row = row[:row.index("</tr>")]
        nums = re.findall(r'<td class="angka[^"]*">(\d+)</td>', row)
        levels = [d.level.label for d in built.diagnostics if d.path == p.sop.relpath]
        assert [int(n) for n in nums] == [levels.count("error"), levels.count("warning"),
                                         levels.count("info")], nomor


def test_review_due_rules():
    import datetime as dt

    from sopc.core.model import SOP
    from pathlib import Path

    s = SOP(path=Path("x"), relpath="x", tanggal_efektif=dt.date(2025, 11, 28))
    assert not pages.review_due(s, dt.date(2026, 11, 28), 12)
    assert pages.review_due(s, dt.date(2026, 11, 29), 12)
    s.tanggal_revisi = dt.date(2027, 1, 1)          # a planned review date
    assert not pages.review_due(s, dt.date(2026, 12, 31), 12)
    assert pages.review_due(s, dt.date(2027, 1, 2), 12)


def test_filter_script_is_local_and_small(built):
    js = text(built, "aset/saring.js")
    assert "http" not in js and len(js) < 3000


def test_peta_page(built):
    page = text(built, "peta.html")
    assert "<svg" in page and "<?xml" not in page and "<!DOCTYPE svg" not in page
    hrefs = re.findall(r'xlink:href="([^"]*)"', page)
    assert len(hrefs) == 3
    for h in hrefs:
        assert not h.startswith(("/", "http")) and ".." not in h
        assert resolve("peta.html", h) in built.files
    # the plain list
    assert "dua arah" in page and "satu arah" in page and "tidak ditemukan" in page and "eksternal" in page
    assert "Penanganan Yang Tidak Ada" in page
    ids = re.findall(r'\bid="([^"]*)"', page)
    assert len(ids) == len(set(ids))


def test_pelaksana_page(built):
    page = text(built, "pelaksana.html")
    # Petugas Loket: 15 menit + 1-2 jam (SOP-001) + 5 menit ("petugas  loket" in SOP-002)
    i = page.index('<a href="#pelaksana-petugas-loket">Petugas Loket</a>')
    row = page[i:page.index("</tr>", i)]
    assert "1 jam 20 menit" in row and "2 jam 20 menit" in row
    assert ">2</td>" in row        # two SOPs
    # "segera" is not a duration: counted apart
    j = page.index('<a href="#pelaksana-petugas-informasi">')
    row = page[j:page.index("</tr>", j)]
    assert re.findall(r'<td class="angka">(\d+)</td>', row)[-1] == "1"
    assert "<svg" in page and "Serah terima" in page
    assert "(pihak luar)" in page


def test_monitoring_form(built):
    page = text(built, "formulir/monitoring-bagian-umum.html")
    assert "Tabel 7 Monitoring Pelaksanaan SOP AP" in page
    for h in ("No.", "Prosedur", "Penilaian terhadap penerapan", "Berjalan dengan baik",
              "Tidak berjalan dengan baik", "Catatan hasil penilaian",
              "Tindakan yang harus diambil", "Paraf penilai"):
        assert h in page, h
    nums = re.search(r'<tr class="nomor-kolom">(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r">(\d)<", nums) == ["1", "2", "3", "4", "5", "6"]
    assert "Semester II 2026" in page and "Bagian Umum" in page
    body = page[page.index("<tbody>", page.index("form monitoring")):]
    assert body.count("&#9744;") == 4          # two SOPs, two tick boxes each
    assert "SOP-001/UJI/2025" in body and "SOP-002/UJI/2025" in body and "SOP-003" not in body
    assert "size: 297mm 210mm" in page


def test_semester():
    import datetime as dt

    assert semester(dt.date(2026, 6, 30)) == "Semester I 2026"
    assert semester(dt.date(2026, 7, 1)) == "Semester II 2026"


def test_evaluasi_form(built):
    page = text(built, "formulir/evaluasi-bagian-umum.html")
    assert page.count("Mampu mendorong peningkatan kinerja") == 2
    assert page.count("Sinergi satu dengan lainnya") == 2
    assert page.count("&#9744;") == 2 * 7 * 2
    assert ">Ya<" in page and ">Tidak<" in page and "Catatan" in page


def test_english(tmp_path):
    root = write_repo(tmp_path / "r")
    res = build_site(root, lang="en")
    page = res.files["index.html"].decode()
    assert '<html lang="en">' in page and "SOP list" in page and "1 February 2025" in page


def test_hostile_text_escaped_everywhere(hostile):
    for rel, data in hostile.files.items():
        if not rel.endswith(".html"):
            continue
        page = data.decode("utf-8")
        assert "<script>alert" not in page, rel
        assert "<b>]" not in page and "<i>penting" not in page, rel
    for rel in ("index.html", "peta.html", "pelaksana.html", "formulir/monitoring-bagian-layanan.html"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.files[rel].decode(), rel


def test_deterministic(tmp_path):
    root = write_repo(tmp_path / "r", sample_sops(hostile=True))
    a = build_site(root).files
    b = build_site(root).files
    assert a == b


def test_generate_without_build_state(tmp_path):
    """The hook also works on its own (tests, other callers)."""
    from sopc.lint.context import LintContext

    repo, diags = load(write_repo(tmp_path / "r"))
    out = pages.generate(repo, diags, LintContext(repo, TODAY), None, SiteOptions(pdf=False))
    assert {"index.html", "peta.html", "pelaksana.html"} <= set(out)
    assert all(isinstance(v, bytes) for v in out.values())


def test_empty_repository(tmp_path):
    from sopc.lint.context import LintContext

    repo, _ = load(write_repo(tmp_path / "r", {}))
    out = pages.generate(repo, [], LintContext(repo, TODAY), None, None)
    assert "Belum ada SOP" in out["index.html"].decode()
    assert "<svg" not in out["peta.html"].decode()
    with_pdf = pages.generate(repo, [], LintContext(repo, TODAY), None, SiteOptions(pdf=True))
    assert not [r for r in with_pdf if r.endswith(".pdf")]


@pytest.mark.slow
def test_nu_checker_hostile_pages(hostile, tmp_path):
    from tools import vnu_jar

    jar = vnu_jar()
    paths = []
    for rel in ("index.html", "peta.html", "pelaksana.html", "formulir/monitoring-bagian-layanan.html",
                "formulir/evaluasi-bagian-layanan.html"):
        p = tmp_path / rel.replace("/", "_")
        p.write_bytes(hostile.files[rel])
        paths.append(str(p))
    proc = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json", *paths],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stderr or '{"messages": []}')
    errors = [m for m in report["messages"] if m.get("type") == "error"]
    assert not errors, errors[:10]


FILTER_PROBE = """
<script>
window.addEventListener('load', function () {
  var input = document.getElementById('saring');
  input.value = 'layanan';
  input.dispatchEvent(new Event('input'));
  var shown = Array.prototype.filter.call(document.querySelectorAll('tr[data-saring]'),
    function (r) { return !r.hidden; }).map(function (r) { return r.querySelector('th').textContent; });
  var pre = document.createElement('pre'); pre.id = 'hasil';
  pre.textContent = 'SHOWN:' + JSON.stringify({box: !document.getElementById('saring-kotak').hidden,
    rows: shown, out: document.getElementById('saring-hasil').textContent});
  document.body.appendChild(pre);
});
</script>
"""


@pytest.mark.slow
def test_filter_box_works_offline(built, tmp_path):
    from tools import chromium

    browser = chromium()
    (tmp_path / "aset").mkdir()
    (tmp_path / "aset" / "saring.js").write_bytes(built.files["aset/saring.js"])
    page = text(built, "index.html").replace("</body>", FILTER_PROBE + "</body>")
    (tmp_path / "index.html").write_text(page, "utf-8")
    proc = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'chrome'}",
         "--virtual-time-budget=5000", "--dump-dom", (tmp_path / "index.html").as_uri()],
        capture_output=True, text=True, timeout=120)
    marker = '<pre id="hasil">SHOWN:'
    assert marker in proc.stdout, proc.stderr[-500:]
    got = json.loads(_html.unescape(proc.stdout.split(marker, 1)[1].split("</pre>", 1)[0]))
    assert got["box"] is True
    assert got["rows"] == ["SOP-003/UJI/2025"]
    assert got["out"] == "1 / 3 SOP"


def test_skipped_sop_is_not_linked(tmp_path):
    """An SOP whose page was not built (error findings, no --paksa) is listed without
    a link, and the map draws it without a URL: no dead link anywhere."""
    root = write_repo(tmp_path / "r")
    res = build_site(root, paksa=False)
    skipped = [p for p in res.pages if not p.rendered]
    assert skipped, "the sample has an unresolved keterkaitan (error) in SOP-001"
    index = text(res, "index.html")
    assert "tidak disusun" in index
    for rel in ("index.html", "peta.html", "pelaksana.html"):
        page = text(res, rel)
        for p in skipped:
            assert p.relpath not in page, (rel, p.relpath)
        for url in links(page):
            if not url.startswith("#"):
                assert resolve(rel, url) in res.files, (rel, url)
