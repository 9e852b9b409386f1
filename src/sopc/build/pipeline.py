"""``sopc build``: load → lint → layout → render → write (OUTPUT.md §1, §4).

:func:`build` renders the whole repository into memory (``{relpath: bytes}``) and then
writes it atomically with :func:`sopc.build.writer.write_site`. Nothing here prints:
progress and messages go to the ``progress`` callback (the command sends them to stderr)
and the result says what happened (:class:`~sopc.build.state.BuildResult`).

The stages, each a function below: :func:`_load` (the whole repository, or on the
incremental fast path the changed SOPs plus index entries of the others), :func:`_lint`,
:func:`_plan_pages` (which SOP gets a page, at which path, on which paper),
:func:`_render_sop_pages` (:mod:`sopc.render.batch`: layout + SVG + HTML, with the page
cache and worker processes), :func:`_render_site` (:func:`sopc.site.pages.generate`:
the repository pages, and with ``--pdf`` every PDF and the SOP books) and
:func:`_write`. The fast path is tried first when an earlier build left a snapshot; when
it meets something only the full path handles (a page missing from the cache, a
flowchart that cannot be laid out) :func:`_assemble` returns False and the full path
runs.

Determinism: SOPs are processed in site-path order, no timestamps or random ids go into
any file, and "today" comes from ``--today``/``SOURCE_DATE_EPOCH`` (only the lint rules
use it). The cache and the workers never change a byte of the output (tested).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sopc.build.assets import site_assets
from sopc.build.state import BuildError, BuildOptions, BuildResult, SopPage
from sopc.core.diagnostics import Diagnostic, Level, Message, msg
from sopc.core.model import SOP, Config, Repository
from sopc.core.i18n import language
from sopc.core.memory import collector_paused
from sopc.core.paper import paper_for as choose_paper, paper_name
from sopc.loader import display_path

__all__ = ["build", "paper_for", "BuildError", "BuildOptions", "BuildResult", "SopPage"]


def paper_for(sop: SOP, config: Config, cli: str | None) -> str:
    """Paper of an SOP: its own ``kertas``, else the repository's (when set in
    sopc.yaml), else ``--kertas``, else A4."""
    return choose_paper(sop.kertas, config, cli)


# --------------------------------------------------------------------------- build


def build(paths=None, out=None, kertas: str | None = None, today=None, paksa: bool = False,
          lang: str | None = None, pdf: bool = False, pdfa: bool = False,
          jobs: int | None = None, progress: Callable[[str], None] | None = None,
          write: bool = True, cache: bool = True,
          counter: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site of the repository holding ``paths`` (default: the cwd).

    Never raises for expected problems: a configuration or environment error gives
    ``exit_code == 2`` with ``fatal`` set; error-level findings give exit code 1 (the
    SOP is not rendered unless ``paksa``). ``write=False`` renders without writing
    (tests, ``sopc serve``). ``cache``: reuse SOP pages rendered by an earlier build
    from the same inputs (``<repo>/.sopc-cache/halaman``); ``jobs``: worker processes
    for the SOP pages (default: the number of cores).
    """
    options = BuildOptions(Path(out) if out is not None else None, kertas, today, paksa, lang, pdf, pdfa, jobs)
    say = progress or (lambda _t: None)
    result = BuildResult(lang=language(lang))
    try:
        _build(paths, options, say, result, write, cache, counter)
        if result.pdf_missing is not None:
            result.exit_code = 2
    except BuildError as exc:
        result.exit_code = 2
        result.fatal = exc.message
        result.diagnostics.extend(exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - only a template's error is expected here
        from jinja2 import TemplateError

        from sopc.render.html import TemplateFault, template_problem

        if not isinstance(exc, (TemplateError, TemplateFault)) or os.environ.get("SOPC_DEBUG") == "1":
            raise
        result.exit_code = 2     # the repository's templates are configuration
        result.fatal = template_problem(exc)
    return result


@dataclass
class _Run:
    """One build: what it was asked, and what the stages hand each other."""

    root: Path
    options: BuildOptions
    say: Callable[[str], None]
    result: BuildResult
    write: bool
    cache: bool
    counter: Callable[[int, int], None] | None
    today: Any
    stamp: str | None = None          # the inputs' fingerprint (build stamp), when kept
    fast_key: str | None = None       # the incremental snapshot's key, when kept
    fast: Any = None                  # snapshot.FastLoad on the fast path, else None
    # filled by the stages
    repo: Repository | None = None
    loaded_root: Path | None = None
    lang: str = "id"
    ctx: Any = None
    files: dict[str, bytes] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)
    env: Any = None
    records: dict[str, Any] = field(default_factory=dict)
    early: Any = None                 # render.early.EarlyLayouts of a cold build

    @property
    def pdf(self) -> bool:
        return bool(self.options.pdf or self.options.pdfa)


def _build(paths, options: BuildOptions, say, result: BuildResult, write: bool, cache: bool = True,
           counter: Callable[[int, int], None] | None = None) -> None:
    today = _check_options(options)
    run = _Run(_find_root(paths), options, say, result, write, cache, counter, today)
    seen: dict = {}
    if write and cache:   # nothing changed since the last build into the same folder?
        run.stamp = _unchanged(run.root, options, today, result, seen)
        if result.up_to_date is not None:
            return
    if run.pdf:
        from sopc.core.environment import pdf_problem

        # probed in a child process (~1 s, so not on an up-to-date build); without the
        # PDF libraries the HTML site is built and no build stamp is kept (exit 2)
        result.pdf_missing = pdf_problem()
        if result.pdf_missing is not None:
            options.pdf = options.pdfa = False
            run.stamp = None
    if write and cache and not run.pdf:
        run.fast_key, run.fast = _try_fast(run.root, options, today, seen)
    if run.fast is not None:
        mark = len(result.messages)
        if _assemble(run):
            return
        del result.messages[mark:]        # start again on the full path
        result.diagnostics, result.unloaded, result.pages = [], [], []
        result.out_dir, result.reread = None, None
        run.fast, run.files = None, {}
    _assemble(run)


def _check_options(options: BuildOptions):
    """Refuse a bad ``--kertas`` or ``--today``; returns the date taken as today."""
    from sopc.lint.context import resolve_today

    if options.kertas is not None and paper_name(options.kertas) is None:
        raise BuildError(msg(f"nilai --kertas tidak sah: {options.kertas!r}; pilih A4, F4, Letter atau Legal",
                             f"invalid --kertas value: {options.kertas!r}; choose A4, F4, Letter or Legal"))
    try:
        return resolve_today(options.today)
    except (ValueError, OverflowError, OSError):
        if options.today:
            raise BuildError(msg(f"nilai --today tidak sah: {options.today!r}; gunakan YYYY-MM-DD",
                                 f"invalid --today value: {options.today!r}; use YYYY-MM-DD")) from None
        raise BuildError(msg("SOURCE_DATE_EPOCH tidak sah; harus bilangan bulat detik sejak 1970-01-01 UTC",
                             "invalid SOURCE_DATE_EPOCH; it must be an integer number of seconds")) from None


def _find_root(paths) -> Path:
    """The repository root above the first path (or the working folder)."""
    from sopc import loader

    if paths is None:
        paths = []
    elif isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    start = Path(paths[0]) if paths else Path.cwd()
    if not start.exists():
        raise BuildError(msg(f"jalur tidak ditemukan: {start}", f"path not found: {start}"))
    root = loader.find_root(start)
    if root is None:
        raise BuildError(msg(
            f"sopc.yaml tidak ditemukan di {start.absolute()} atau folder di atasnya",
            f"sopc.yaml not found in {start.absolute()} or any parent folder"))
    return root


# --------------------------------------------------------------------------- the stages


def _assemble(run: _Run) -> bool:
    """Load, lint, render and write. False when the fast path must give way to the full
    path (nothing has been written then)."""
    try:
        return _stages(run)
    finally:
        if run.early is not None:     # stopped here when the build ends before its pages
            run.early.take()


def _stages(run: _Run) -> bool:
    _load(run)
    _lint(run)
    pages = _plan_pages(run)
    run.files, run.assets, warn = site_assets(run.repo.config, run.loaded_root)
    if warn is not None:
        run.result.messages.append(warn)
    from sopc.render.html import environment

    run.env = environment(run.loaded_root, run.lang)
    wait = _start_sop_pages(run, pages)
    if wait is None:
        return False
    run.result.out_dir = _out_dir(run.options, run.repo.config, run.loaded_root)
    # Without PDFs (which are printed from the SOP pages) the repository pages are
    # rendered here while the workers render the SOP pages, as if every SOP will get
    # its page; in the rare case that a flow cannot be laid out they are rendered again.
    assumed = [] if run.pdf else [p for p in pages if p.skipped_reason is None]
    site, mark = None, len(run.result.messages)
    try:
        if assumed:
            for p in assumed:
                p.rendered = True
            site = _render_site(run, pages)
    finally:
        complete = wait()
    if not complete:
        return False
    if site is None or any(p.skipped_reason is not None for p in assumed):
        del run.result.messages[mark:]
        site = _render_site(run, pages)
    _merge_site(run, site)
    run.result.files = run.files
    if any(p.skipped_reason is not None for p in pages) or run.result.unloaded:
        run.result.exit_code = 1
    if run.write:
        _write(run, pages)
    return True


def _load(run: _Run) -> None:
    from sopc import loader

    if run.fast is not None:
        config, cfg_diags = loader.load_config(run.root)
        run.repo = Repository(config, run.fast.sops)
        run.result.reread = len(run.fast.changed)
        run.loaded_root, load_diags = run.root, []
    else:
        try:
            plan = loader.plan_repository([run.root])
            run.early = _early_layouts(run, plan)
            loaded = loader.load_plan(plan, on_sop=run.early.offer if run.early is not None else None)
        except loader.LoadError as exc:
            raise BuildError(exc.message) from None
        run.repo, cfg_diags = loaded.repo, loaded.config_diagnostics
        run.loaded_root, load_diags = Path(loaded.root), loaded.diagnostics
    run.lang = run.result.lang = language(run.options.lang, run.repo.config)
    if cfg_diags:
        raise BuildError(msg("konfigurasi sopc.yaml tidak sah", "invalid sopc.yaml configuration"),
                         list(cfg_diags))
    run.result.diagnostics = [d for d in load_diags if d.level > Level.OFF]
    run.say(msg(f"Memuat {len(run.repo.sops)} SOP…", f"Loading {len(run.repo.sops)} SOPs…").text(run.lang))


def _early_layouts(run: _Run, plan):
    """A cold build's early layouts (:mod:`sopc.render.early`), when a second core is
    free and no page cache would serve the pages anyway."""
    from sopc.core.workers import default_jobs
    from sopc.render.batch import CACHE_DIR
    from sopc.render.early import EarlyLayouts

    if plan.config_diagnostics or (run.options.jobs or default_jobs()) < 2:
        return None
    if run.cache and (plan.root / CACHE_DIR).is_dir():
        return None
    config, kertas = plan.config, run.options.kertas
    return EarlyLayouts(config, language(run.options.lang, config), lambda sop: paper_for(sop, config, kertas))


def _lint(run: _Run) -> None:
    """Lint (the fast path lints only the changed SOPs: the others' findings cannot
    have changed, since nothing they see of the changed ones did)."""
    from sopc.lint import engine
    from sopc.lint.context import LintContext

    repo, fast, result = run.repo, run.fast, run.result
    run.ctx = LintContext(repo, run.today, run.lang)
    diags = list(result.diagnostics)
    if fast is not None:
        diags += fast.cached_diagnostics
        found = engine.lint(repo, run.ctx, fast.changed)
    else:
        from sopc.core.workers import default_jobs
        from sopc.lint.parallel import lint_forked

        found = lint_forked(repo, run.ctx, repo.sops, run.options.jobs or default_jobs())
    diags += [d for d in found if d.level > Level.OFF]
    result.diagnostics = sorted(diags, key=Diagnostic.sort_key)
    sop_paths = {s.relpath for s in repo.sops}
    result.unloaded = [d for d in result.diagnostics if d.path not in sop_paths and d.level >= Level.ERROR
                       and not d.path.endswith(("sopc.yaml", "sopc.yml"))]


def _plan_pages(run: _Run) -> list[SopPage]:
    """Every SOP's page, in site-path order, and why it is skipped when it is."""
    from sopc.build.writer import sop_relpath, unit_label

    config, fast, options = run.repo.config, run.fast, run.options
    by_path: dict[str, list[Diagnostic]] = {}
    for d in run.result.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    pages: list[SopPage] = []
    taken: dict[str, SopPage] = {}
    for sop in sorted(run.repo.sops, key=lambda s: (sop_relpath(s, config), s.relpath)):
        rel = sop_relpath(sop, config)
        paper = fast.papers[sop.relpath] if sop.light and fast is not None else \
            paper_for(sop, config, options.kertas)
        page = SopPage(sop, rel, unit_label(sop, config), paper, by_path.get(sop.relpath, []))
        if rel in taken:
            page.skipped_reason = msg(
                f"nama berkas keluaran {rel} sudah dipakai oleh {taken[rel].sop.relpath}; ubah nomor SOP",
                f"output file {rel} is already used by {taken[rel].sop.relpath}; change the SOP nomor")
        else:
            taken[rel] = page
            if not sop.complete:
                page.skipped_reason = msg("ada kesalahan sumber (kode E); SOP tidak dapat disusun",
                                          "source errors (E codes); the SOP cannot be built")
            elif page.errors and not options.paksa:
                page.skipped_reason = msg("ada temuan tingkat kesalahan; perbaiki atau gunakan --paksa",
                                          "error-level findings; fix them or use --paksa")
            elif page.errors:
                page.forced = True
        pages.append(page)
    run.result.pages = pages
    return pages


def _start_sop_pages(run: _Run, pages: list[SopPage]) -> Callable[[], bool] | None:
    """Start the layout + SVG + HTML of every renderable SOP (in worker processes); the
    returned function waits for them, puts them into ``run.files`` and returns False on
    the fast path when a page failed. None on the fast path when an unchanged SOP's
    page is not in the cache (nothing started then)."""
    from sopc.cache.keys import code_hash, folder_hash
    from sopc.core.links import LinkIndex
    from sopc.core.workers import default_jobs
    from sopc.render.batch import Job, PageCache, start_pages

    renderable = [p for p in pages if p.skipped_reason is None]
    run.say(msg(f"Menyusun {len(renderable)} dokumen SOP…",
                f"Rendering {len(renderable)} SOP documents…").text(run.lang))
    job = Job(repo=run.repo, env=run.env, lang=run.lang, assets=run.assets, index_rel="index.html",
              pdf=run.pdf, pages=renderable, live={id(p.sop): p for p in renderable},
              link_index=LinkIndex(run.repo.sops), debug=os.environ.get("SOPC_DEBUG") == "1",
              early=run.early.take() if run.early is not None else {})
    page_cache = PageCache(run.loaded_root) if run.cache else None
    base_key = ""
    if page_cache is not None:
        base_key = "|".join([code_hash(), folder_hash(run.loaded_root / "templates"),
                             run.repo.config.source_hash or "", run.lang, repr(sorted(run.assets.items()))])
    if run.fast is not None:
        # the unchanged SOPs are index entries: their pages must come from the cache
        for page in renderable:
            if page.sop.light:
                html = page_cache.get(job.key(page, base_key)) if page_cache is not None else None
                if html is None:
                    return None
                page.rendered = True
                run.files[page.relpath] = html
        job.pages = [p for p in renderable if not p.sop.light]
    finish = start_pages(job, jobs=run.options.jobs or default_jobs(), cache=page_cache,
                         base_key=base_key, progress=run.counter)

    def wait() -> bool:
        run.files.update(finish())
        return not (run.fast is not None and any(p.skipped_reason is not None for p in job.pages))
    return wait


def _render_site(run: _Run, pages: list[SopPage]) -> dict[str, bytes]:
    """The files of the repository pages, and with ``--pdf`` of every PDF and the SOP
    books (:func:`sopc.site.pages.generate`)."""
    from sopc.cache import store as build_cache   # Graphviz SVG memo
    from sopc.site.options import SiteOptions
    from sopc.site.pages import generate

    options = run.options
    state = SiteOptions(pdf=run.pdf, pdfa=bool(options.pdfa), lang=run.lang, kertas=paper_name(options.kertas),
                        jobs=options.jobs, paksa=options.paksa, today=run.today, pages=pages,
                        files=dict(run.files), assets=run.assets, out_dir=run.result.out_dir,
                        root=run.loaded_root, progress=run.say, messages=run.result.messages,
                        records=dict(run.fast.records) if run.fast is not None else {})
    run.say(msg("Menyusun halaman repositori…", "Rendering repository pages…").text(run.lang))
    try:
        with build_cache.active(run.loaded_root, enabled=run.cache):
            extra = generate(run.repo, run.result.diagnostics, run.ctx, run.env, state) or {}
    except Exception as exc:  # noqa: BLE001 - an expected failure carries a Message
        m = getattr(exc, "message", None)
        if isinstance(m, Message) and os.environ.get("SOPC_DEBUG") != "1":
            raise BuildError(m) from None
        raise
    run.records = state.records
    return extra


def _merge_site(run: _Run, extra: dict[str, bytes]) -> None:
    """Add the repository pages to ``run.files``; the SOP pages and sopc.css of this
    module win."""
    for rel in sorted(extra):
        if rel in run.files and run.files[rel] != extra[rel]:
            continue
        run.files[rel] = extra[rel]


def _write(run: _Run, pages: list[SopPage]) -> None:
    """Write the site atomically, then the incremental snapshot and the build stamp."""
    from sopc.build.writer import SiteWriteError, check_output_folder, write_site

    result, root, out_dir = run.result, run.loaded_root, run.result.out_dir
    shown = display_path(out_dir)
    run.say(msg(f"Menulis {len(run.files)} berkas ke {shown}",
                f"Writing {len(run.files)} files to {shown}").text(run.lang))
    try:
        check_output_folder(out_dir, root)      # before the lock file is made beside it
        with _lock(out_dir):
            result.written = write_site(out_dir, run.files, protect=[root])
            if run.fast_key is not None and result.exit_code == 0:
                from sopc.cache import snapshot

                snapshot.save(root, run.fast_key, run.repo.sops, result.diagnostics,
                              {p.sop.relpath: p.paper for p in pages}, run.records, run.fast)
            if run.stamp is not None:
                _record_stamp(run, out_dir)
    except SiteWriteError as exc:
        raise BuildError(exc.message) from None
    except OSError as exc:   # the lock file beside the output could not be made
        raise BuildError(msg(
            f"Tidak dapat menulis ke folder keluaran {out_dir}: {exc.strerror or exc}",
            f"Cannot write to output folder {out_dir}: {exc.strerror or exc}")) from None


def _record_stamp(run: _Run, out_dir: Path) -> None:
    from sopc.cache import stamp as buildstamp

    result = run.result
    if result.exit_code == 0:
        buildstamp.record(run.loaded_root, out_dir, run.stamp, {
            "rendered": len(result.rendered), "lang": run.lang,
            "warnings": sum(1 for d in result.diagnostics if d.level == Level.WARNING),
            "errors": sum(1 for d in result.diagnostics if d.level >= Level.ERROR),
        })
    else:   # the site now shows this build: an older record must not match
        buildstamp.forget(run.loaded_root, out_dir)


# --------------------------------------------------------------------------- up to date, fast path


def _try_fast(root: Path, options: BuildOptions, today, seen: dict | None = None):
    """(snapshot key, FastLoad or None). ``seen``: the config and files that
    :func:`_unchanged` read a moment ago, when it did."""
    from sopc import loader
    from sopc.cache import snapshot

    if seen and "files" in seen:
        config, files = seen["config"], seen["files"]
    else:
        config, cfg_diags = loader.load_config(root)
        if cfg_diags:
            return None, None
        files = loader.discover(root, config.keluaran)
    out_dir = _out_dir(options, config, root)
    key = snapshot.context_key(root, config, (
        str(out_dir), options.kertas, options.lang, options.paksa, str(options.today), str(today)))
    with collector_paused():
        return key, snapshot.plan_fast(root, files, config, key)


def _unchanged(root: Path, options: BuildOptions, today, result: BuildResult,
               seen: dict | None = None) -> str | None:
    """The inputs' fingerprint; sets ``result.up_to_date`` when the last successful build
    into the same output folder had exactly these inputs. ``seen`` receives the config
    and the discovered files."""
    from sopc import loader
    from sopc.cache import stamp as buildstamp

    config, cfg_diags = loader.load_config(root)
    if cfg_diags:
        return None
    out_dir = _out_dir(options, config, root)
    files = loader.discover(root, config.keluaran)
    if seen is not None:
        seen.update(config=config, files=files)
    fp = buildstamp.fingerprint(root, files, config, (
        str(out_dir), options.kertas, options.lang, options.paksa, options.pdf, options.pdfa, str(today)))
    summary = buildstamp.lookup(root, out_dir, fp)
    if summary is not None:
        result.up_to_date = summary
        result.out_dir = out_dir
        result.lang = summary.get("lang", result.lang)
    return fp


@contextlib.contextmanager
def _lock(out_dir: Path):
    """One build at a time per output folder (:mod:`sopc.build.lock`)."""
    from sopc.build.lock import LockBusy, build_lock

    try:
        with build_lock(out_dir):
            yield
    except LockBusy as exc:
        raise BuildError(exc.message) from None


def _out_dir(options: BuildOptions, config: Config, root: Path) -> Path:
    if options.out is not None:
        return Path(os.path.abspath(options.out))
    return Path(os.path.abspath(root / (config.keluaran or "_site")))
