"""``sopc build``: load → lint → layout → render → write (OUTPUT.md §1, §4).

:func:`build` renders the whole repository into memory (``{relpath: bytes}``) and then
writes it atomically with :func:`sopc.build.writer.write_site`. Nothing here prints: progress
and messages go to the ``progress`` callback (the command sends them to stderr) and the
result says what happened (:class:`BuildResult`).

Repository pages: when ``sopc.site.pages`` has ``generate``, it is called after the SOP
pages are rendered as ``generate(repo, diagnostics, ctx, env, state)`` (``state`` is a
:class:`SiteState`: the options ``pdf``/``pdfa``/``lang``/``kertas``/``jobs`` plus the
rendered pages and files) and returns ``{relpath: bytes}`` to add to the site. PDF output
is done there as well; while ``sopc.site.pdf.render`` does not exist ``--pdf`` is refused
(exit 2).

SOP pages are rendered by :mod:`sopc.render.batch`: a content-hash cache under
``<repo>/.sopc-cache/halaman`` skips unchanged SOPs (a change to an SOP also refreshes
the pages linking to it), and ``--jobs`` worker processes share the rest.

Determinism: SOPs are processed in site-path order, no timestamps or random ids go into
any file, and "today" comes from ``--today``/``SOURCE_DATE_EPOCH`` (only the lint rules
use it). The cache and the workers never change a byte of the output (tested).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sopc.core.paper import paper_for as choose_paper, paper_name
from sopc.core.assets import font_bytes, template_bytes
from sopc.loader import display_path
from sopc.core.diagnostics import Diagnostic, Level, Message, msg
from sopc.core.model import SOP, Config, Repository

ASSET_DIR = "aset"
CSS_FILE = "sopc.css"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt")
LOGO_TYPES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}


class BuildError(Exception):
    """A build that cannot go on (configuration, environment): exit code 2."""

    def __init__(self, message: Message, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message.id)
        self.message = message
        self.diagnostics = diagnostics or []


@dataclass
class BuildOptions:
    out: Path | None = None
    kertas: str | None = None
    today: Any = None
    paksa: bool = False
    lang: str | None = None
    pdf: bool = False
    pdfa: bool = False
    jobs: int | None = None


@dataclass
class SopPage:
    """One SOP of the repository and what the build did with it."""

    sop: SOP
    relpath: str                      # site-relative HTML path (also when not rendered)
    unit: str
    paper: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: bool = False
    forced: bool = False              # rendered with --paksa despite error findings
    skipped_reason: Message | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level >= Level.ERROR]

    @property
    def pdf_relpath(self) -> str:
        return self.relpath[: -len(".html")] + ".pdf"


@dataclass
class SiteState:
    """Build state handed to the repository pages as their ``options`` argument:
    ``sopc.site.pages.generate(repo, diagnostics, ctx, env, options=state)``.

    Option attributes read by ``sopc.site.common.opt``: ``pdf``, ``pdfa``, ``lang``
    (effective), ``kertas`` (the ``--kertas`` value or None), ``jobs``, ``paksa``. Extra:
    ``pages`` (every SOP and whether its page was rendered), ``files`` (the site so far,
    including every SOP page's HTML, e.g. for PDF rendering), ``assets``, ``out_dir``,
    ``root``.
    """

    repo: Repository
    root: Path
    ctx: Any                          # sopc.lint.context.LintContext
    env: Any                          # the Jinja environment (sopc.render.html.environment)
    lang: str
    build_options: BuildOptions
    pages: list[SopPage]              # every SOP, site-path order
    diagnostics: list[Diagnostic]     # every finding of the repository (load + lint)
    files: dict[str, bytes]           # the site so far (read only)
    assets: dict[str, str]            # name -> site-relative path: css, logo, fonts
    out_dir: Path
    progress: Callable[[str], None] = lambda _t: None
    messages: list[Message] = field(default_factory=list)   # warnings to show the user
    # relpath -> repository-page record (sopc.site.records): given for the SOPs that are
    # light index entries on the incremental fast path; generate() adds the others
    records: dict[str, Any] | None = None

    @property
    def pdf(self) -> bool:
        return bool(self.build_options.pdf or self.build_options.pdfa)

    @property
    def pdfa(self) -> bool:
        return bool(self.build_options.pdfa)

    @property
    def kertas(self) -> str | None:
        return paper_name(self.build_options.kertas)

    @property
    def jobs(self) -> int | None:
        return self.build_options.jobs

    @property
    def paksa(self) -> bool:
        return self.build_options.paksa

    @property
    def today(self):
        return getattr(self.ctx, "today", None)

    def page_of(self, sop: SOP) -> SopPage | None:
        for p in self.pages:
            if p.sop is sop:
                return p
        return None


@dataclass
class BuildResult:
    exit_code: int = 0
    out_dir: Path | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    written: int = 0
    pages: list[SopPage] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unloaded: list[Diagnostic] = field(default_factory=list)   # findings of files with no model
    messages: list[Message] = field(default_factory=list)      # warnings (logo, pdf, ...)
    fatal: Message | None = None
    lang: str = "id"                                           # effective language
    up_to_date: dict | None = None   # summary of the previous, identical build (nothing done)
    reread: int | None = None        # the fast path: how many changed SOPs were parsed
    # --pdf on a machine without WeasyPrint's libraries: the HTML site is built anyway,
    # this says what is missing, and the exit code is 2
    pdf_missing: Message | None = None

    @property
    def rendered(self) -> list[SopPage]:
        return [p for p in self.pages if p.rendered]

    @property
    def skipped(self) -> list[SopPage]:
        return [p for p in self.pages if not p.rendered]


# --------------------------------------------------------------------------- helpers


def paper_for(sop: SOP, config: Config, cli: str | None) -> str:
    """Paper of an SOP: its own ``kertas``, else the repository's (when set in
    sopc.yaml), else ``--kertas``, else A4."""
    return choose_paper(sop.kertas, config, cli)


def _logo_asset(config: Config, root: Path) -> tuple[str | None, bytes | None, Message | None]:
    """(site relpath, bytes, warning) of the repository logo: only a PNG/JPEG/SVG file
    that really lies inside the repository and whose content matches its type."""
    if not config.logo:
        return None, None, None
    rel = Path(config.logo)
    ext = rel.suffix.lower()
    bad = msg(f"logo '{config.logo}' tidak dipakai: harus berkas PNG, JPEG atau SVG di dalam repositori",
              f"logo '{config.logo}' not used: it must be a PNG, JPEG or SVG file inside the repository")
    if rel.is_absolute() or ".." in rel.parts or ext not in LOGO_TYPES:
        return None, None, bad
    try:
        real_root = root.resolve()
        full = (root / rel).resolve(strict=True)
        full.relative_to(real_root)
        if not full.is_file() or full.stat().st_size > 5 * 1024 * 1024:
            return None, None, bad
        data = full.read_bytes()
    except (OSError, ValueError, RuntimeError):
        return None, None, bad
    kind = LOGO_TYPES[ext]
    ok = (
        (kind == "png" and data.startswith(b"\x89PNG\r\n\x1a\n"))
        or (kind == "jpeg" and data.startswith(b"\xff\xd8\xff"))
        or (kind == "svg" and b"<svg" in data[:4096].lower())
    )
    if not ok:
        return None, None, bad
    return f"{ASSET_DIR}/logo{'.jpg' if kind == 'jpeg' else '.' + kind}", data, None


def _site_hook():
    """``sopc.site.pages.generate`` when the repository pages exist, else None."""
    try:
        mod = importlib.import_module("sopc.site.pages")
    except ModuleNotFoundError as exc:
        if exc.name in ("sopc.site.pages", "sopc.site"):
            return None
        raise
    return getattr(mod, "generate", None)


def pdf_available() -> bool:
    """True when this sopc can write PDFs (``sopc.site.pdf.render`` with ``render_pdfs``)."""
    try:
        mod = importlib.import_module("sopc.site.pdf.render")
    except Exception:  # noqa: BLE001 - missing module or a broken system library
        return False
    return hasattr(mod, "render_pdfs")


def _layout_functions():
    """(layout_sop, page_svg) of the layout engine, or None while it is absent."""
    try:
        from sopc.layout.engine import layout_sop  # type: ignore
        from sopc.render.svg import page_svg  # type: ignore
    except ImportError:
        return None
    return layout_sop, page_svg


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
    result = BuildResult(lang=lang if lang in ("id", "en") else "id")
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


def _build(paths, options: BuildOptions, say, result: BuildResult, write: bool, cache: bool = True,
           counter: Callable[[int, int], None] | None = None) -> None:
    from sopc import loader
    from sopc.lint.context import resolve_today

    if options.kertas is not None and paper_name(options.kertas) is None:
        raise BuildError(msg(f"nilai --kertas tidak sah: {options.kertas!r}; pilih A4, F4, Letter atau Legal",
                             f"invalid --kertas value: {options.kertas!r}; choose A4, F4, Letter or Legal"))
    try:
        today = resolve_today(options.today)
    except (ValueError, OverflowError, OSError):
        if options.today:
            raise BuildError(msg(f"nilai --today tidak sah: {options.today!r}; gunakan YYYY-MM-DD",
                                 f"invalid --today value: {options.today!r}; use YYYY-MM-DD")) from None
        raise BuildError(msg("SOURCE_DATE_EPOCH tidak sah; harus bilangan bulat detik sejak 1970-01-01 UTC",
                             "invalid SOURCE_DATE_EPOCH; it must be an integer number of seconds")) from None
    if (options.pdf or options.pdfa) and not pdf_available():
        raise BuildError(msg(
            "PDF belum didukung oleh sopc versi ini; jalankan tanpa --pdf/--pdfa",
            "PDF output is not supported by this sopc version; run without --pdf/--pdfa"))
    if options.pdf or options.pdfa:
        from sopc.core.environment import pdf_problem

        result.pdf_missing = pdf_problem()   # probed in a child process (sopc.core.environment)
        if result.pdf_missing is not None:
            options.pdf = options.pdfa = False

    # ---- load: always the whole repository (the site shows every SOP)
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
    # ---- nothing changed since the last build into the same folder: nothing to do
    stamp = None
    seen: dict = {}
    if write and cache:
        stamp = _unchanged(root, options, today, result, seen)
        if result.up_to_date is not None:
            return
    fast_key = fast = None
    if write and cache and not (options.pdf or options.pdfa) and _records_supported():
        fast_key, fast = _try_fast(root, options, today, seen)
    mark = len(result.messages)
    if fast is not None:
        try:
            return _assemble(root, options, say, result, write, cache, counter, stamp, today, fast_key, fast)
        except _Fallback:
            del result.messages[mark:]
            result.diagnostics, result.unloaded, result.pages = [], [], []
            result.out_dir, result.reread = None, None
    return _assemble(root, options, say, result, write, cache, counter, stamp, today, fast_key, None)


class _Fallback(Exception):
    """The fast path met something only the full path handles (a page missing from the
    cache, a flowchart that cannot be laid out): start again on the full path."""


def _records_supported() -> bool:
    try:
        from sopc.site import records  # noqa: F401
    except ImportError:
        return False
    return True


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
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return key, snapshot.plan_fast(root, files, config, key)
    finally:
        if enabled:
            gc.enable()


def _assemble(root: Path, options: BuildOptions, say, result: BuildResult, write: bool, cache: bool,
              counter, stamp, today, fast_key, fast) -> None:
    from sopc import loader
    from sopc.lint.context import LintContext

    hint = options.lang or "id"
    if fast is not None:
        config, cfg_diags = loader.load_config(root)
        repo = Repository(config, fast.sops)
        result.reread = len(fast.changed)
        load_diags: list[Diagnostic] = []
        loaded_root = root
    else:
        try:
            loaded = loader.load_repository([root])
        except loader.LoadError as exc:
            raise BuildError(exc.message) from None
        repo = loaded.repo
        config = repo.config
        cfg_diags = loaded.config_diagnostics
        load_diags = loaded.diagnostics
        loaded_root = loaded.root
    lang = options.lang if options.lang in ("id", "en") else (config.bahasa if config.bahasa in ("id", "en") else "id")
    hint = result.lang = lang
    if cfg_diags:
        raise BuildError(msg("konfigurasi sopc.yaml tidak sah", "invalid sopc.yaml configuration"),
                         list(cfg_diags))
    say(msg(f"Memuat {len(repo.sops)} SOP…", f"Loading {len(repo.sops)} SOPs…").text(hint))

    # ---- lint (the fast path lints only the changed SOPs: the others' findings cannot
    # have changed, since nothing they see of the changed ones did)
    from sopc.lint import engine

    ctx = LintContext(repo, today, lang)
    diags = [d for d in load_diags if d.level > Level.OFF]
    if fast is not None:
        diags += fast.cached_diagnostics
    if fast is not None:
        found = engine.lint(repo, ctx, fast.changed)
    else:
        from sopc.lint.parallel import lint_forked

        found = lint_forked(repo, ctx, repo.sops, options.jobs or _default_jobs())
    diags += [d for d in found if d.level > Level.OFF]
    result.diagnostics = sorted(diags, key=Diagnostic.sort_key)
    by_path: dict[str, list[Diagnostic]] = {}
    for d in result.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    sop_paths = {s.relpath for s in repo.sops}
    result.unloaded = [d for d in result.diagnostics if d.path not in sop_paths and d.level >= Level.ERROR
                       and not d.path.endswith(("sopc.yaml", "sopc.yml"))]

    # ---- pages, in site-path order
    from sopc.build.writer import sop_relpath, unit_label

    pages: list[SopPage] = []
    taken: dict[str, SopPage] = {}
    for sop in sorted(repo.sops, key=lambda s: (sop_relpath(s, config), s.relpath)):
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
    result.pages = pages

    # ---- assets
    files: dict[str, bytes] = {}
    assets = {"css": f"{ASSET_DIR}/{CSS_FILE}"}
    files[assets["css"]] = template_bytes(CSS_FILE)
    for name in FONT_FILES:
        files[f"{ASSET_DIR}/{name}"] = font_bytes(name)
        assets[name] = f"{ASSET_DIR}/{name}"
    logo_rel, logo_data, warn = _logo_asset(config, Path(loaded_root))
    if warn is not None:
        result.messages.append(warn)
    if logo_rel and logo_data is not None:
        files[logo_rel] = logo_data
        assets["logo"] = logo_rel

    # ---- render
    from sopc.render.html import environment
    from sopc.core.links import LinkIndex

    env = environment(loaded_root, lang)
    hook = _site_hook()
    index_rel = "index.html" if hook is not None else None
    renderable = [p for p in pages if p.skipped_reason is None]
    say(msg(f"Menyusun {len(renderable)} dokumen SOP…", f"Rendering {len(renderable)} SOP documents…").text(hint))
    fns = _layout_functions()
    if fns is None:
        result.messages.append(msg("mesin tata letak belum tersedia: diagram alir diganti teks pengganti",
                                   "layout engine not available: flowcharts are replaced by a placeholder"))
    from sopc.cache.keys import code_hash, folder_hash
    from sopc.render.batch import Job, PageCache, render_pages

    job = Job(repo=repo, env=env, lang=lang, assets=assets, index_rel=index_rel,
              pdf=bool(options.pdf or options.pdfa), fns=fns, pages=renderable,
              live={id(p.sop): p for p in renderable}, link_index=LinkIndex(repo.sops),
              debug=os.environ.get("SOPC_DEBUG") == "1")
    page_cache = PageCache(Path(loaded_root)) if cache else None
    base_key = ""
    if page_cache is not None:
        base_key = "|".join([code_hash(), folder_hash(Path(loaded_root) / "templates"),
                             config.source_hash or "", lang, repr(sorted(assets.items()))])
    jobs = options.jobs if options.jobs else _default_jobs()
    if fast is not None:
        # the unchanged SOPs are index entries: their pages must come from the cache
        for page in renderable:
            if page.sop.light:
                html = page_cache.get(job.key(page, base_key)) if page_cache is not None else None
                if html is None:
                    raise _Fallback()
                page.rendered = True
                files[page.relpath] = html
        job.pages = [p for p in renderable if not p.sop.light]
    files.update(render_pages(job, jobs=jobs, cache=page_cache, base_key=base_key, progress=counter))
    if fast is not None and any(p.skipped_reason is not None for p in job.pages):
        raise _Fallback()

    out_dir = _out_dir(options, config, Path(loaded_root))
    result.out_dir = out_dir

    # ---- repository pages (and PDF) from the site package
    if hook is not None:
        state = SiteState(repo=repo, root=Path(loaded_root), ctx=ctx, env=env, lang=lang,
                          build_options=options, pages=pages, diagnostics=result.diagnostics,
                          files=dict(files), assets=assets, out_dir=out_dir, progress=say,
                          messages=result.messages,
                          records=dict(fast.records) if fast is not None else {})
        say(msg("Menyusun halaman repositori…", "Rendering repository pages…").text(hint))
        try:
            from sopc.cache import store as build_cache  # Graphviz SVG memo (sopc.cache.store)

            with build_cache.active(loaded_root, enabled=cache):
                extra = hook(repo, result.diagnostics, ctx, env, state) or {}
        except Exception as exc:  # noqa: BLE001 - an expected failure carries a Message
            m = getattr(exc, "message", None)
            if isinstance(m, Message) and os.environ.get("SOPC_DEBUG") != "1":
                raise BuildError(m) from None
            raise
        for rel in sorted(extra):
            if rel in files and files[rel] != extra[rel]:
                continue   # the SOP pages and sopc.css of this module win
            files[rel] = extra[rel]

    # ---- PDF (WeasyPrint, sopc.site.pdf.render): every SOP page and form gets its PDF,
    # unless the repository pages already made them
    if (options.pdf or options.pdfa) and not any(r.endswith(".pdf") for r in files):
        from sopc.site.pdf import render as pdfmod

        targets = {p.relpath: files[p.relpath] for p in pages if p.rendered}
        targets.update({r: d for r, d in files.items() if r.startswith("formulir/") and r.endswith(".html")})
        say(msg(f"Membuat {len(targets)} PDF…", f"Making {len(targets)} PDFs…").text(hint))
        pdf_options = {"kertas": None, "pdfa": options.pdfa, "jobs": options.jobs,
                       "lang": lang, "today": today}
        try:
            made = pdfmod.render_pdfs(targets, files, pdf_options)
        except Exception as exc:  # noqa: BLE001 - PdfError or a WeasyPrint failure
            m = getattr(exc, "message", None)
            if not isinstance(m, Message):
                m = msg(f"PDF gagal dibuat: {type(exc).__name__}: {exc}",
                        f"PDF rendering failed: {type(exc).__name__}: {exc}")
            raise BuildError(m) from None
        for rel in sorted(made):
            files[rel] = made[rel]

    result.files = files
    if any(p.skipped_reason is not None for p in pages) or result.unloaded:
        result.exit_code = 1

    if write:
        from sopc.build.writer import SiteWriteError, write_site

        shown = display_path(out_dir)
        say(msg(f"Menulis {len(files)} berkas ke {shown}", f"Writing {len(files)} files to {shown}").text(hint))
        try:
            with _lock(out_dir):
                result.written = write_site(out_dir, files, protect=[Path(loaded_root)])
                if fast_key is not None and result.exit_code == 0 and hook is not None:
                    from sopc.cache import snapshot

                    snapshot.save(Path(loaded_root), fast_key, repo.sops, result.diagnostics,
                                  {p.sop.relpath: p.paper for p in pages}, state.records, fast)
                if stamp is not None:
                    from sopc.cache import stamp as buildstamp

                    if result.exit_code == 0:
                        buildstamp.record(Path(loaded_root), out_dir, stamp, {
                            "rendered": len(result.rendered), "lang": lang,
                            "warnings": sum(1 for d in result.diagnostics if d.level == Level.WARNING),
                            "errors": sum(1 for d in result.diagnostics if d.level >= Level.ERROR),
                        })
                    else:   # the site now shows this build: an older record must not match
                        buildstamp.forget(Path(loaded_root), out_dir)
        except SiteWriteError as exc:
            raise BuildError(exc.message) from None
        except OSError as exc:   # the lock file beside the output could not be made
            raise BuildError(msg(
                f"Tidak dapat menulis ke folder keluaran {out_dir}: {exc.strerror or exc}",
                f"Cannot write to output folder {out_dir}: {exc.strerror or exc}")) from None


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


def _lock(out_dir: Path):
    """One build at a time per output folder (``sopc.build.lock``), when available."""
    try:
        from sopc.build.lock import LockBusy, build_lock
    except ImportError:  # pragma: no cover
        import contextlib

        return contextlib.nullcontext()

    import contextlib

    @contextlib.contextmanager
    def guarded():
        try:
            with build_lock(out_dir):
                yield
        except LockBusy as exc:
            raise BuildError(exc.message) from None

    return guarded()


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover
        return os.cpu_count() or 1


def _out_dir(options: BuildOptions, config: Config, root: Path) -> Path:
    if options.out is not None:
        return Path(os.path.abspath(options.out))
    return Path(os.path.abspath(root / (config.keluaran or "_site")))
