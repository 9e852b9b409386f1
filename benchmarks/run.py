#!/usr/bin/env python3
"""sopc benchmarks: print figures and ratios against baselines measured in the same run.

    python benchmarks/run.py [--count 1000] [--seed 1] [--only lint|build|pdf|import|precision]
                             [--repeat 5]

Nothing here asserts: every figure is printed next to its target, and a section whose
command does not exist yet (``sopc build``, ``--pdf``) or whose baseline tool is not
installed (yamllint, mkdocs) is skipped with the reason printed. Work files go to
``benchmarks/_work/`` (git-ignored).

Sections
  lint  (a) ``sopc lint`` over the corpus (subprocess, wall) vs ``yamllint`` on the same
            files; (b) ``sopc lint`` on one file, interpreter start-up included, vs
            ``python -c pass``; (c) in-process time per SOP in the rules
            (``sopc.lint.engine.lint``) and in the loader.
  build (d) ``sopc build`` of the corpus to HTML, cold (no .sopc-cache), several runs, each
            paired with ``mkdocs build`` of the same SOPs as
            Markdown; (e) no-op rebuild; (f) rebuild after one SOP is edited;
            (g) build of a one-SOP repository (one 25-activity SOP: load, layout, HTML)
            in-process, warm.
  pdf   (h) PDF of one SOP, warm (in-process, WeasyPrint already imported).
  import (k) ``sopc import`` of look-alike signed SOP PDFs (tests/importer): seconds per
            vector page and per raster page in-process vs pdfplumber reading the same
            pages (words + rects + curves, no interpretation); (l) the command over a
            folder of look-alikes with 1 and 2 worker processes.
  precision (m) precision and recall of KJ01, KJ02, KJ05, KJ06 and KH03 on the labelled
            corpus of benchmarks/precision/ (benchmarks/precision.py; issue 14 targets:
            precision >= 95% for every rule, recall >= 90% for KJ01, KJ02, KJ05, KH03).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "_work"
TODAY = "2026-11-28"
PY = sys.executable

sys.path.insert(0, str(HERE))
import gen_corpus  # noqa: E402


# ---------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------

def machine_speed() -> float:
    """Seconds a plain Python loop of 10^7 additions takes (best of three): a yardstick
    for figures taken on different days."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        s = 0
        for i in range(10 ** 7):
            s += i
        best = min(best, time.perf_counter() - t0)
    return best


def say(text: str = "") -> None:
    print(text, flush=True)


def head(title: str) -> None:
    say()
    say(f"== {title}")


def fmt_s(sec: float) -> str:
    if sec < 0.001:
        return f"{sec * 1e6:.0f} µs"
    if sec < 1:
        return f"{sec * 1000:.1f} ms"
    return f"{sec:.2f} s"


def verdict(value: float, ok: bool) -> str:
    return "memenuhi target / meets target" if ok else "BELUM memenuhi target / misses target"


def run_wall(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    cp = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                        text=True)
    return time.perf_counter() - t0, cp


def median_wall(cmd: list[str], n: int, cwd: Path | None = None, env: dict | None = None) -> tuple[float, list[float], subprocess.CompletedProcess]:
    times, cp = [], None
    for _ in range(n):
        t, cp = run_wall(cmd, cwd, env)
        times.append(t)
    return statistics.median(times), times, cp


def tool(name: str) -> str | None:
    """A console script next to this interpreter (avoids pyenv shims), else PATH."""
    cand = Path(PY).parent / name
    if cand.exists():
        return str(cand)
    return shutil.which(name)


SOPC = [PY, "-m", "sopc"]


def sopc_help(command: str) -> str | None:
    """The --help text of ``sopc COMMAND``, or None when the command does not exist."""
    cp = subprocess.run(SOPC + [command, "--help"], stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)
    if cp.returncode != 0:
        return None
    return cp.stdout


def ensure_bytecode() -> None:
    """Measure sopc as installed: a wheel install compiles every module to bytecode, but
    an editable install under PYTHONDONTWRITEBYTECODE=1 recompiles the sources on every
    start (about 60 ms of a one-file lint). Compile them once and let the runs use it."""
    import compileall

    import sopc

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(Path(sopc.__file__).parent), quiet=1)


def env_today() -> dict:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc).timestamp()))
    env.setdefault("NO_COLOR", "1")
    return env


def clean_outputs(repo: Path) -> None:
    for name in ("_site", ".sopc-cache"):
        p = repo / name
        if p.exists():
            shutil.rmtree(p)


def ensure_corpus(count: int, seed: int, markdown: bool) -> tuple[Path, Path | None]:
    corpus = WORK / f"corpus-{count}-{seed}"
    md = WORK / f"markdown-{count}-{seed}" if markdown else None
    stamp = corpus / ".generated"
    gen_src = (HERE / "gen_corpus.py").stat().st_mtime
    fresh = stamp.exists() and stamp.stat().st_mtime >= gen_src and (md is None or (md / "mkdocs.yml").exists())
    if not fresh:
        t0 = time.perf_counter()
        sops = gen_corpus.generate(count, seed)
        gen_corpus.write_corpus(corpus, sops)
        if md is not None:
            gen_corpus.write_markdown(md, sops)
        stamp.write_text("ok\n")
        say(f"korpus dibuat / corpus generated: {count} SOP in {fmt_s(time.perf_counter() - t0)} -> {corpus}")
    return corpus, md


def one_sop_repo(corpus: Path) -> tuple[Path, Path]:
    """A repository holding a single 25-activity SOP of the corpus (plus its config)."""
    repo = WORK / "one-sop"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    shutil.copy(corpus / "sopc.yaml", repo / "sopc.yaml")
    pick = None
    for f in sorted(corpus.rglob("*.sop.yaml")):
        text = f.read_text(encoding="utf-8")
        if text.count("  - id: k") == 25 and "keterkaitan: []" in text and "sifat: pelayanan" in text:
            pick = f
            break
    if pick is None:  # any file will do
        pick = sorted(corpus.rglob("*.sop.yaml"))[0]
    dest = repo / pick.relative_to(corpus)
    dest.parent.mkdir(parents=True, exist_ok=True)
    text = pick.read_text(encoding="utf-8")
    text = re.sub(r"keterkaitan:\n(  - .*\n)+", "keterkaitan: []\n", text)
    dest.write_text(text, encoding="utf-8")
    return repo, dest


def edit_file(path: Path, k: int) -> None:
    """A content change that a real editor makes: the first peringatan gets a new text."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(peringatan:\n  - )(.*)", lambda m: f"{m.group(1)}{m.group(2).split(' [ubah')[0]} [ubah {k}]", text, count=1)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------
# lint
# ---------------------------------------------------------------------------------

def bench_lint(corpus: Path, repeat: int, results: dict) -> None:
    files = sorted(corpus.rglob("*.sop.yaml"))
    n = len(files)
    if sopc_help("lint") is None:
        head("lint")
        say("dilewati / skipped: 'sopc lint' belum ada / does not exist yet")
        return

    head(f"(a) sopc lint, seluruh korpus / whole corpus ({n} SOP), subprocess wall")
    cmd = SOPC + ["lint", str(corpus), "--today", TODAY, "--quiet", "--format", "json"]
    clean_outputs(corpus)
    cold, cp = run_wall(cmd)
    warm, times, cp = median_wall(cmd, max(3, repeat // 2))
    findings = cp.stdout.count('"code"')
    say(f"sopc lint: pertama / first {fmt_s(cold)}, median {fmt_s(warm)} "
        f"({len(times)} runs), exit {cp.returncode}, {findings} temuan / findings")
    results["lint_corpus"] = warm
    ok_abs = warm <= 2.0
    say(f"  target <= 2 s: {verdict(warm, ok_abs)}")
    yl = tool("yamllint")
    if yl is None:
        say("  skipped: yamllint missing (pip install yamllint)")
    else:
        ycmd = [yl, "-f", "parsable", "-d", "relaxed", str(corpus)]
        ywall, ycp = run_wall(ycmd)
        ytimes = [ywall]
        if ywall < 10:  # a slow baseline is timed once, a fast one as a median
            ywall, ytimes, ycp = median_wall(ycmd, max(3, repeat // 2))
        ratio = ywall / warm if warm else float("inf")
        results["yamllint_corpus"] = ywall
        say(f"yamllint (relaxed, same files): {fmt_s(ywall)} "
            f"({'median of ' + str(len(ytimes)) if len(ytimes) > 1 else 'one run'})")
        say(f"  sopc lint is {ratio:.1f}x faster than yamllint (target >= 20x): "
            f"{verdict(ratio, ratio >= 20)}")

    head("(b) sopc lint, satu berkas / one file, interpreter start-up included")
    one = files[len(files) // 2]
    base, btimes, _ = median_wall([PY, "-c", "pass"], repeat)
    say(f"python -c pass: median {fmt_s(base)} of {repeat}")
    variants = [("python -m sopc lint FILE", SOPC + ["lint", str(one), "--today", TODAY, "--quiet"])]
    script = tool("sopc")
    if script and not script.startswith(str(Path.home() / ".pyenv" / "shims")):
        variants.append(("sopc lint FILE (console script)", [script, "lint", str(one), "--today", TODAY, "--quiet"]))
    for label, c in variants:
        m, ts, cp = median_wall(c, repeat)
        results.setdefault("lint_one", m)
        say(f"{label}: median {fmt_s(m)} of {repeat} (min {fmt_s(min(ts))}), exit {cp.returncode}; "
            f"{m / base:.1f}x python start-up, {fmt_s(m - base)} above it")
        say(f"  target <= 0.3 s: {verdict(m, m <= 0.3)}")
    # what the command imports
    cp = subprocess.run([PY, "-X", "importtime", "-m", "sopc", "lint", str(one), "--today", TODAY, "--quiet"],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    heavy = [ln for ln in cp.stderr.splitlines()
             if re.search(r"\|\s*(jinja2|weasyprint|pygraphviz|fontTools|PIL)\s*$", ln)]
    say("  berat yang diimpor / heavy imports: " + (", ".join(h.split("|")[-1].strip() for h in heavy) or "tidak ada / none"))

    head("(c) aturan in-process / rules in-process (load once, time sopc.lint.engine.lint)")
    try:
        from sopc import loader
        from sopc.lint import engine
        from sopc.lint.context import LintContext, resolve_today
    except ImportError as exc:
        say(f"dilewati / skipped: {exc}")
        return
    t0 = time.perf_counter()
    res = loader.load_repository([corpus])
    t_load = time.perf_counter() - t0
    repo = res.repo
    sops = [s for s in repo.sops if s.complete]
    today = resolve_today(TODAY)
    lint_times = []
    count = 0
    for _ in range(max(3, repeat // 2)):
        ctx = LintContext(repo, today)
        t0 = time.perf_counter()
        diags = engine.lint(repo, ctx)
        lint_times.append(time.perf_counter() - t0)
        count = len(diags)
    t_rules = statistics.median(lint_times)
    per = t_rules / max(1, len(sops))
    results["rules_per_sop"] = per
    say(f"load: {fmt_s(t_load)} for {len(sops)} SOP ({fmt_s(t_load / max(1, len(sops)))} per SOP)")
    say(f"rules: median {fmt_s(t_rules)} for {len(sops)} SOP = {fmt_s(per)} per SOP, {count} findings")
    say(f"  target ~1 ms per SOP: {verdict(per, per <= 0.0015)}")
    # the slowest rules, for whoever optimises next
    try:
        from sopc.lint.engine import active_rules, lint_sop
        rules = active_rules(repo.config)
        ctx = LintContext(repo, today)
        per_rule = []
        for ar in rules:
            t0 = time.perf_counter()
            for s in sops:
                lint_sop(s, ctx, [ar])
            per_rule.append((time.perf_counter() - t0, ar.rule.code))
        per_rule.sort(reverse=True)
        say("  aturan terlambat / slowest rules: " + ", ".join(
            f"{code} {fmt_s(t / max(1, len(sops)))}/SOP" for t, code in per_rule[:5]))
    except Exception as exc:  # noqa: BLE001 - diagnostics only
        say(f"  (per-rule breakdown unavailable: {type(exc).__name__}: {exc})")


# ---------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------

def build_cmd(repo: Path, help_text: str, out: Path, extra: list[str] | None = None) -> list[str]:
    cmd = SOPC + ["build", str(repo)]
    if "--out" in help_text:
        cmd += ["--out", str(out)]
    if "--today" in help_text:
        cmd += ["--today", TODAY]
    if "--quiet" in help_text:
        cmd += ["--quiet"]
    return cmd + (extra or [])


def bench_build(corpus: Path, md: Path | None, repeat: int, results: dict) -> None:
    help_text = sopc_help("build")
    head("(d) sopc build, seluruh korpus ke HTML / whole corpus to HTML")
    if help_text is None:
        say("dilewati / skipped: 'sopc build' belum ada / does not exist yet")
        return
    env = env_today()
    out = WORK / "site-corpus"
    cmd = build_cmd(corpus, help_text, out)
    mk = tool("mkdocs")
    if md is None or mk is None:
        say("  mkdocs missing (pip install mkdocs): no baseline")
    # A truly cold build, as a CI runner starts: no output folder and no .sopc-cache
    # (rendered pages, PDFs, compiled templates, Graphviz maps, snapshot). Several runs,
    # each paired with an mkdocs build of the same SOPs, because the target holds for
    # every run, not for the median.
    fulls, ratios, mks = [], [], []
    for _ in range(max(2, min(repeat, 4))):
        clean_outputs(corpus)
        if out.exists():
            shutil.rmtree(out)
        t_full, cp = run_wall(cmd, env=env)
        if cp.returncode not in (0, 1):
            say(f"sopc build gagal / failed (exit {cp.returncode}):\n{cp.stderr[-2000:]}")
            return
        fulls.append(t_full)
        if md is not None and mk is not None:
            msite = md / "site"
            if msite.exists():
                shutil.rmtree(msite)
            t_mk, mcp = run_wall([mk, "build", "-q", "-f", str(md / "mkdocs.yml")], cwd=md)
            if mcp.returncode != 0:
                say(f"  mkdocs build failed (exit {mcp.returncode}): {mcp.stderr[-500:]}")
                md = None
            else:
                mks.append(t_mk)
                ratios.append(t_full / t_mk)
    t_full = statistics.median(fulls)
    results["build_full"] = t_full
    site = out if out.exists() else corpus / "_site"
    pages = len(list(site.rglob("*.html"))) if site.exists() else 0
    say(f"sopc build (dingin / cold: no .sopc-cache, default --jobs), {len(fulls)} runs: median "
        f"{fmt_s(t_full)}, range {fmt_s(min(fulls))}-{fmt_s(max(fulls))}, exit {cp.returncode}, "
        f"{pages} HTML pages")
    say(f"  target <= 10 s every run: {verdict(max(fulls), max(fulls) <= 10)}")
    if ratios:
        results["mkdocs_full"] = statistics.median(mks)
        say(f"mkdocs build (Markdown, same SOPs), paired runs: median {fmt_s(statistics.median(mks))}, "
            f"range {fmt_s(min(mks))}-{fmt_s(max(mks))}")
        say(f"  sopc/mkdocs per pair: {', '.join(f'{r:.2f}' for r in ratios)} (target <= 0.5 every run): "
            f"{verdict(max(ratios), max(ratios) <= 0.5)}")

    head("(e) bangun ulang tanpa perubahan / no-op rebuild")
    t_noop, _samples, cp = median_wall(cmd, repeat, env=env)
    results["build_noop"] = t_noop
    say(f"sopc build (no-op), median of {repeat}: {fmt_s(t_noop)}, exit {cp.returncode}")
    say(f"  target <= 1 s: {verdict(t_noop, t_noop <= 1)}")

    head("(f) satu SOP diubah / one SOP edited")
    files = sorted(corpus.rglob("*.sop.yaml"))
    target = files[len(files) // 3]
    original = target.read_text(encoding="utf-8")
    times = []
    try:
        for k in range(1, repeat + 1):
            edit_file(target, k)
            t_one, cp = run_wall(cmd, env=env)
            times.append(t_one)
    finally:
        target.write_text(original, encoding="utf-8")
        run_wall(cmd, env=env)   # leave the site consistent with the sources
    t_one = statistics.median(times)
    results["build_one_edit"] = t_one
    say(f"sopc build after editing {target.relative_to(corpus)} (a peringatan text), median of {len(times)}: "
        f"{fmt_s(t_one)} (min {fmt_s(min(times))}), exit {cp.returncode}")
    say(f"  target <= 1.5 s: {verdict(t_one, t_one <= 1.5)}")

    head("(j) sopc serve: simpan → halaman baru / save → new page")
    data = child("serve", corpus, target, repeat)
    if data is not None and data.get("serve_skip"):
        say(f"skipped: {data['serve_skip']}")
    elif data is not None and data.get("serve_shown"):
        m = statistics.median(data["serve"])
        shown = statistics.median(data["serve_shown"])
        results["serve_shown"] = shown
        say(f"edit saved -> the waiting page learns of the new build (long poll), median of "
            f"{len(data['serve'])}: {fmt_s(m)}")
        say(f"edit saved -> the reloaded page shows the edit, median: {fmt_s(shown)} "
            f"(max {fmt_s(max(data['serve_shown']))})")
        say(f"  target <= 1 s: {verdict(shown, shown <= 1)}")

    head("(g) layout + HTML satu SOP 25 kegiatan, in-process, hangat / one 25-activity SOP, in-process, warm")
    repo, src = one_sop_repo(corpus)
    data = child("layout", repo, src, repeat)
    if data is None:
        return
    for key, label in (("layout", "layout_sop + page_svg (all pages)"),
                       ("build", "sopc.build.pipeline.build(write=False, jobs=1): load, lint, layout, HTML, repository pages")):
        if key in data:
            m = statistics.median(data[key])
            results[f"one_{key}"] = m
            say(f"{label}: median {fmt_s(m)} of {len(data[key])} (min {fmt_s(min(data[key]))})")
        elif f"{key}_skip" in data:
            say(f"{label}: dilewati / skipped: {data[key + '_skip']}")
    if "pages" in data:
        say(f"  {data['pages']} halaman prosedur / procedure pages, {data.get('activities')} kegiatan / activities")


def bench_pdf(corpus: Path, repeat: int, results: dict) -> None:
    head("(h) PDF satu SOP, hangat / PDF of one SOP, warm")
    help_text = sopc_help("build")
    if help_text is None:
        say("dilewati / skipped: 'sopc build' belum ada / does not exist yet")
        return
    if "--pdf" not in help_text:
        say("dilewati / skipped: 'sopc build --pdf' belum ada / does not exist yet")
        return
    repo, src = one_sop_repo(corpus)
    data = child("html", repo, src, 0)
    if data is None:
        return
    if "build_skip" in data:
        say(f"dilewati / skipped: {data['build_skip']}")
        return
    data = child("pdf", repo, src, max(3, repeat))
    if data is None:
        return
    if "pdf" in data:
        m = statistics.median(data["pdf"])
        results["pdf_one"] = m
        say(f"html_to_pdf of one SOP page (warm, WeasyPrint imported, fonts loaded): median {fmt_s(m)} "
            f"of {len(data['pdf'])}; first (cold) {fmt_s(data['cold'])}; {data.get('pdf_pages')} PDF pages, "
            f"{data.get('pdf_bytes', 0) // 1024} KiB"
            + ("" if data.get("pdf_text_ok", True) else "; TEKS TIDAK TERBACA / text not extractable"))
    else:
        say(f"dilewati / skipped: {data.get('pdf_skip')}")


def bench_pdf_parallel(corpus: Path, results: dict, count: int = 16) -> None:
    """PDFs of a sample of the corpus with 1 and 2 workers, as SOPs per second. A
    `sopc build --pdf` also makes the forms and the SOP books (every SOP is laid out
    again in its unit's book and in the whole-repository book), so the rate counts
    SOPs whose complete PDF output was made."""
    head(f"(i) PDF paralel, {count} SOP korpus / parallel PDFs, {count} corpus SOPs")
    repo = WORK / f"pdf-sample-{count}"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    shutil.copy(corpus / "sopc.yaml", repo / "sopc.yaml")
    for f in sorted(corpus.rglob("*.sop.yaml"))[:count]:
        dest = repo / f.relative_to(corpus)
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = re.sub(r"keterkaitan:\n(  - .*\n)+", "keterkaitan: []\n", f.read_text(encoding="utf-8"))
        dest.write_text(text, encoding="utf-8")
    rates = {}
    for jobs in ((1, 2) if count <= 100 else (None,)):
        out = WORK / f"pdf-sample-site-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(repo / ".sopc-cache", ignore_errors=True)   # cold: no cached PDFs
        cmd = [sys.executable, "-m", "sopc", "build", str(repo), "--out", str(out), "--pdf",
               "--paksa", "--quiet", "--today", "2026-11-28"] + (["--jobs", str(jobs)] if jobs else [])
        wall, proc = run_wall(cmd, env=env_today())
        if proc.returncode not in (0, 1):
            say(f"jobs={jobs}: gagal / failed (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
            return
        pdfs = sorted(out.rglob("*.pdf"))
        rates[jobs] = count / wall
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        book = out / "buku-sop.pdf"
        say(f"sopc build --pdf --jobs {jobs or 'default'}: {fmt_s(wall)}, {len(pdfs)} PDF "
            f"({sum(p.stat().st_size for p in pdfs) / 2**20:.0f} MiB; buku-sop.pdf "
            f"{book.stat().st_size / 2**20 if book.exists() else 0:.0f} MiB), {rates[jobs]:.2f} SOP/s"
            + f"; largest process so far {peak / 1024:.0f} MiB")
    if 1 in rates and 2 in rates:
        results["pdf_sops_per_s"] = rates[2]
        say(f"  2 proses / workers vs 1: {rates[2] / rates[1]:.2f}x")
    else:
        results["pdf_sops_per_s"] = rates[None]


def _lookalikes(dest: Path, copies: int) -> tuple[list[Path], list[Path]]:
    """Vector and raster look-alikes written by the test generator."""
    sys.path.insert(0, str(ROOT))
    from tests.importer.lookalike import build
    from tests.importer.variants import variants

    dest.mkdir(parents=True, exist_ok=True)
    vector, raster = [], []
    for name, spec in variants().items():
        if spec.jpeg:
            continue
        for k in range(copies if not spec.raster else 1):
            path = dest / f"{name}-{k}.pdf"
            if not path.exists():
                build(spec, path)
            (raster if spec.raster else vector).append(path)
    return vector, raster


def key_of(label: str) -> str:
    return "import_vector_page" if label.startswith("v") else "import_raster_page"


def bench_import(repeat: int, results: dict) -> None:
    head("(k) sopc import per halaman / per page (look-alikes, in-process, satu inti / one core)")
    try:
        import pdfplumber
        from sopc.importer.batch import read_one
    except ImportError as exc:
        say(f"dilewati / skipped: {exc}")
        return
    vector, raster = _lookalikes(WORK / "lookalikes", 1)
    for label, files in (("vektor / vector", vector), ("raster", raster)):
        read_one(str(files[0]))                                   # warm imports
        times, cpus, pages = [], [], 0
        for _ in range(max(1, repeat)):
            t0, c0 = time.perf_counter(), time.process_time()
            n = 0
            for f in files:
                n += read_one(str(f)).pages
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            pages = n
        # CPU time of this process: the figure a loaded machine does not inflate
        per = statistics.median(cpus) / pages
        wall = statistics.median(times) / pages
        if key_of(label) == "import_raster_page" and results.get("import_vector_page"):
            # the raster look-alike's identity page is a vector page: count the image page alone
            per = (statistics.median(cpus) - (pages - len(files)) * results["import_vector_page"]) / len(files)
        c0 = time.process_time()
        for f in files:
            with pdfplumber.open(f) as pdf:
                for pg in pdf.pages:
                    pg.extract_words(), pg.rects, pg.curves
        base = (time.process_time() - c0) / pages
        key = key_of(label)
        results[key] = per
        target = "  target <= 0.1 s: " + verdict(per, per <= 0.1) if key == "import_vector_page" else ""
        say(f"{label}: {fmt_s(per)} CPU per {'raster ' if 'raster' in key else ''}page ({fmt_s(wall)} wall; "
            f"{pages} pages, {len(files)} PDF), median of {max(1, repeat)};"
            f" pdfplumber reading the same pages: {fmt_s(base)} per page ({base / per:.1f}x){target}")
    from sopc.importer import ocr

    if ocr.available():
        sys.path.insert(0, str(ROOT))
        from tests.importer.lookalike import build
        from tests.importer.variants import variants

        path = WORK / "lookalikes" / "jpeg_rendered.pdf"
        if not path.exists():
            build(variants()["jpeg_rendered"], path)
        t0 = time.perf_counter()
        out = read_one(str(path))
        ocr_page = time.perf_counter() - t0 - (out.pages - 1) * results.get("import_vector_page", 0.0)
        results["import_ocr_page"] = ocr_page
        say(f"tabel JPEG dengan OCR / JPEG table with OCR (tesseract -l ind, a subprocess): "
            f"{fmt_s(ocr_page)} wall per page")
    else:
        say("tabel JPEG dengan OCR / JPEG table with OCR: dilewati / skipped (tesseract-ocr-ind not installed)")
    head("(l) sopc import paralel / parallel (folder of look-alikes)")
    folder = WORK / "lookalikes-many"
    vector, _ = _lookalikes(folder, 3)
    rates = {}
    for jobs in (1, 2):
        out = WORK / f"import-out-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, proc = run_wall([PY, "-m", "sopc", "import", str(folder), "--out", str(out), "--jobs", str(jobs),
                               "--format", "json"])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1):
            say(f"jobs={jobs}: gagal / failed: {proc.stderr.strip()[-300:]}")
            return
        report = json.loads(proc.stdout)
        pages = sum(r["pages"] for r in report)
        rates[jobs] = pages / wall
        say(f"sopc import --jobs {jobs}: {len(report)} PDF, {pages} pages in {fmt_s(wall)} "
            f"(start-up included): {rates[jobs]:.1f} pages/s; CPU {fmt_s(cpu)} "
            f"({fmt_s(cpu / pages)} per page); load average {os.getloadavg()[0]:.1f}")
    results["import_pages_per_s"] = rates[2]
    say(f"  2 proses / workers vs 1: {rates[2] / rates[1]:.2f}x")


def child(kind: str, repo: Path, src: Path, repeat: int, timeout: float = 600) -> dict | None:
    """Run an in-process measurement in a fresh interpreter (so a hang or a crash in a
    native library cannot take the benchmark down) and return its JSON result."""
    cmd = [PY, str(Path(__file__).resolve()), "--_child", kind, str(repo), str(src), str(repeat)]
    try:
        cp = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            timeout=timeout, env=env_today())
    except subprocess.TimeoutExpired:
        say(f"dihentikan / aborted: tidak selesai dalam / did not finish within {timeout:.0f} s")
        return None
    if cp.returncode != 0:
        err = "\n".join(ln for ln in cp.stderr.splitlines() if "GLib" not in ln and ln.strip())
        say(f"gagal / failed (exit {cp.returncode}): {err[-1500:]}")
        return None
    try:
        return json.loads(cp.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        say(f"gagal / failed: unreadable child output {cp.stdout[-500:]!r}")
        return None


SITE_PICKLE = WORK / "one-sop-site.pickle"


def _child_pdf(repeat: int, out: dict) -> int:
    """PDF timings from the site pickled by the "html" child. This process never imports
    pygraphviz: its wheel bundles its own Pango, and WeasyPrint in the same process
    then crashes (Graphviz first) or hangs (WeasyPrint first)."""
    import pickle
    try:
        from sopc.site.pdf.render import html_to_pdf
    except Exception as exc:  # noqa: BLE001 - missing WeasyPrint or system library
        out["pdf_skip"] = f"PDF rendering not available: {type(exc).__name__}: {exc}"
        print(json.dumps(out))
        return 0
    site = pickle.loads(SITE_PICKLE.read_bytes())
    html, rel, paper, files = site["files"][site["relpath"]], site["relpath"], site["paper"], site["files"]
    t0 = time.perf_counter()
    pdf = html_to_pdf(html, rel, paper, files=files, today=TODAY)
    out["cold"] = time.perf_counter() - t0
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        pdf = html_to_pdf(html, rel, paper, files=files, today=TODAY)
        times.append(time.perf_counter() - t0)
    out["pdf"] = times
    try:
        import io

        import pypdf
        out["pdf_pages"] = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        out["pdf_text_ok"] = "Kegiatan" in "".join(pg.extract_text() or "" for pg in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    except ImportError:
        out["pdf_pages"] = len(re.findall(rb"/Type\s*/Page\b", pdf)) or "?"
    out["pdf_bytes"] = len(pdf)
    print(json.dumps(out))
    return 0


def _child_serve(repo: Path, src: Path, repeat: int) -> int:
    """sopc serve on the corpus, seen as the open page sees it: a client long-polls
    ``/__sopc/status?v=N`` as the page's script does, then fetches the edited SOP's page
    (the page's reload); timed from the save to the page holding the new text."""
    import threading
    import urllib.request

    from sopc.build.serve import Server

    def get(url: str, timeout: float = 120) -> bytes:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.read()

    out: dict = {}
    original = src.read_text(encoding="utf-8")
    site = WORK / "site-serve"
    srv = Server(repo, site, 0, {"out": site}, say=lambda _t: None, today=TODAY).start()
    try:
        # the edited SOP's page: the one page that shows the marker after a first edit
        v0 = srv.state.version
        edit_file(src, 99)
        deadline = time.perf_counter() + 120
        while srv.state.version == v0 and time.perf_counter() < deadline:
            time.sleep(0.01)
        page = next(p for p in sorted(site.rglob("*.html"))
                    if "[ubah 99]" in p.read_text(encoding="utf-8", errors="replace"))
        page_url = srv.url + page.relative_to(site).as_posix()
        rebuilt, shown = [], []
        for k in range(repeat):
            time.sleep(0.5)
            v = json.loads(get(srv.url + "__sopc/status"))["version"]
            seen: dict = {}
            marker = f"[ubah {100 + k}]"

            def page_view() -> None:
                status = json.loads(get(srv.url + f"__sopc/status?v={v}"))
                seen["status"] = time.perf_counter()
                seen["ok"] = status["version"] != v and marker in get(page_url).decode("utf-8")
                seen["page"] = time.perf_counter()

            viewer = threading.Thread(target=page_view, daemon=True)
            viewer.start()
            time.sleep(0.05)              # the page is waiting before the save
            t0 = time.perf_counter()
            edit_file(src, 100 + k)
            viewer.join(120)
            if not seen.get("ok"):
                out["serve_skip"] = "the page did not show the edit after the rebuild"
                break
            rebuilt.append(seen["status"] - t0)
            shown.append(seen["page"] - t0)
        out["serve"] = rebuilt
        out["serve_shown"] = shown
    finally:
        srv.stop()
        src.write_text(original, encoding="utf-8")
    print(json.dumps(out))
    return 0


def child_main(kind: str, repo: Path, src: Path, repeat: int) -> int:
    """In-process timings for one SOP repository; prints one JSON line."""
    from sopc import loader
    if kind == "serve":
        return _child_serve(repo, src, repeat)
    out: dict = {}
    original = src.read_text(encoding="utf-8")
    try:
        res = loader.load_repository([repo])
        sop = next(s for s in res.repo.sops if s.complete)
        out["activities"] = len(sop.kegiatan)
        if kind == "layout":
            try:
                from sopc.layout.procedure import layout_sop
                from sopc.render.svg import page_svg
            except ImportError as exc:
                out["layout_skip"] = f"layout engine not importable: {exc}"
            else:
                times = []
                for k in range(repeat + 1):
                    t0 = time.perf_counter()
                    lay = layout_sop(sop, "A4", "id")
                    svgs = [page_svg(pg, f"p{i}-") for i, pg in enumerate(lay.pages, 1)]
                    if k:
                        times.append(time.perf_counter() - t0)
                out["layout"] = times
                out["pages"] = len(svgs)
        if kind == "pdf":
            return _child_pdf(repeat, out)
        try:
            from sopc.build.pipeline import build
        except ImportError as exc:
            out["build_skip"] = f"sopc.build.pipeline not importable: {exc}"
            out["pdf_skip"] = out["build_skip"]
            print(json.dumps(out))
            return 0
        times = []
        result = None
        for k in range(repeat + 1):
            edit_file(src, k)         # defeat any content-hash cache
            t0 = time.perf_counter()
            result = build(paths=[repo], today=TODAY, jobs=1, write=False)
            if k:
                times.append(time.perf_counter() - t0)
            if result.exit_code not in (0, 1):
                fatal = result.fatal.text("en") if result.fatal else "?"
                out["build_skip"] = f"build failed (exit {result.exit_code}): {fatal}"
                out["pdf_skip"] = out["build_skip"]
                print(json.dumps(out))
                return 0
        if kind == "layout":
            out["build"] = times
        if kind == "html":   # hand the rendered site to the PDF child
            import pickle
            page = next(p for p in result.pages if p.rendered)
            SITE_PICKLE.write_bytes(pickle.dumps(
                {"relpath": page.relpath, "paper": page.paper, "files": dict(result.files)}))
    finally:
        src.write_text(original, encoding="utf-8")
    print(json.dumps(out))
    return 0


def bench_precision() -> None:
    """(m) Precision and recall of the content rules on the labelled corpus."""
    head("(m) presisi aturan / rule precision (benchmarks/precision.py)")
    import precision
    tallies, counts, stray = precision.evaluate()
    precision.report(tallies, counts, stray, verbose=False)


# ---------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_child"]:
        return child_main(argv[1], Path(argv[2]), Path(argv[3]), int(argv[4]))
    ap = argparse.ArgumentParser(description="sopc benchmarks (prints figures, never asserts)")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=["lint", "build", "pdf", "import", "precision"], default=None)
    ap.add_argument("--repeat", type=int, default=5, help="runs per median (default 5)")
    ap.add_argument("--pdf-count", type=int, default=16,
                    help="SOPs in the parallel `sopc build --pdf` (default 16; 0: the whole corpus); "
                         "above 100 only the default --jobs runs")
    args = ap.parse_args(argv)

    WORK.mkdir(parents=True, exist_ok=True)
    ensure_bytecode()
    say(f"sopc benchmarks, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPU; "
        f"--count {args.count} --seed {args.seed}")
    say(f"kecepatan mesin / machine speed: {machine_speed():.2f} s for 10^7 Python additions "
        "(the same machine is 2-3x slower on some days: compare figures through the paired "
        "baselines, or against this line)")
    results: dict[str, float] = {}
    if args.only == "precision":
        bench_precision()
        return 0
    if args.only == "import":
        bench_import(args.repeat, results)
        head("ringkasan / summary")
        for k, v in results.items():
            say(f"{k:18s} " + (f"{v:.1f} pages/s" if k.endswith("_per_s") else fmt_s(v)))
        return 0
    corpus, md = ensure_corpus(args.count, args.seed, markdown=args.only in (None, "build"))
    if args.only in (None, "lint"):
        bench_lint(corpus, args.repeat, results)
    if args.only in (None, "build"):
        bench_build(corpus, md, args.repeat, results)
    if args.only in (None, "pdf"):
        bench_pdf(corpus, args.repeat, results)
        bench_pdf_parallel(corpus, results, args.pdf_count or args.count)
    if args.only is None:
        bench_import(args.repeat, results)
        bench_precision()
    head("ringkasan / summary")
    for k, v in results.items():
        unit = "pages/s" if k.startswith("import") else "SOP/s"
        say(f"{k:18s} " + (f"{v:.2f} {unit}" if k.endswith("_per_s") else fmt_s(v)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
