"""Every built page passes the Nu HTML checker with no error, and axe-core in headless
Chromium reports no serious or critical accessibility violation (OUTPUT.md §4)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopc.cli import cli
from tools import ROOT, axe_js, chromium, vnu_jar

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "_site"
    res = CliRunner().invoke(cli, ["build", str(ROOT / "examples"), "--out", str(out), "--today", "2026-11-28"])
    assert res.exit_code == 0, res.output
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_nu_html_checker_reports_no_error(site):
    jar = vnu_jar()
    files = [str(p) for p in pages(site)]
    assert files
    proc = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stderr or '{"messages": []}')
    errors = [m for m in report["messages"] if m.get("type") == "error"]
    assert not errors, "\n".join(f"{m.get('url', '')}:{m.get('lastLine')}: {m.get('message')}" for m in errors[:30])


AXE_RUNNER = """
<script>
window.addEventListener('load', function () {
  axe.run(document, {resultTypes: ['violations']}).then(function (r) {
    var out = r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
      .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(' | '); });
    var pre = document.createElement('pre'); pre.id = 'axe-result'; pre.textContent = 'AXE:' + JSON.stringify(out);
    document.body.appendChild(pre);
  }).catch(function (e) {
    var pre = document.createElement('pre'); pre.id = 'axe-result'; pre.textContent = 'AXE-ERROR:' + e; document.body.appendChild(pre);
  });
});
</script>
"""


def run_axe(browser: str, page: Path, axe: str, tmp: Path) -> list[str]:
    shutil.copy(axe, page.parent / "__axe.min.js")
    probe = page.parent / f"__axe_{page.name}"
    html = page.read_text("utf-8")
    html = html.replace("</body>", '<script src="__axe.min.js"></script>' + AXE_RUNNER + "</body>")
    probe.write_text(html, "utf-8")
    try:
        proc = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp / 'chrome'}", "--virtual-time-budget=20000", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=180)
    finally:
        probe.unlink()
    dom = proc.stdout
    marker = '<pre id="axe-result">AXE:'
    if marker not in dom:
        raise AssertionError(f"axe did not run on {page.name}: {dom[-500:]} {proc.stderr[-500:]}")
    payload = dom.split(marker, 1)[1].split("</pre>", 1)[0]
    import html as _html
    return json.loads(_html.unescape(payload))


def test_axe_core_no_serious_violation(site, tmp_path):
    browser = chromium()
    axe = axe_js()
    wanted = [p for p in pages(site)]
    problems = {}
    for page in wanted:
        found = run_axe(browser, page, axe, tmp_path)
        if found:
            problems[str(page.relative_to(site))] = found
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
