"""PDF output with WeasyPrint (OUTPUT.md §3): the same HTML, print CSS, landscape
paper, bundled fonts embedded, real text, "Halaman X dari Y", optional PDF/A-3b.

WeasyPrint is imported only when a PDF is asked for. Rendering reads nothing from the
network: a document's resources (CSS, fonts, images) are served from the in-memory site
(``{relpath: bytes}``) under a virtual ``file:///sopc-site/`` root, plus the fonts
bundled with sopc; any other URL is refused.

Determinism: the document dates are set from ``today`` (``--today``/
``SOURCE_DATE_EPOCH``) when given, the PDF identifier is a hash of the content, and
while a PDF is written :func:`pinned_clock` sets ``SOURCE_DATE_EPOCH`` (unless the user
did) to that date: where WeasyPrint subsets fonts with fontTools (no HarfBuzz-Subset),
fontTools would otherwise stamp the current time into every embedded font. The same
input gives the same bytes on every machine.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import mimetypes
import os
import posixpath
import re
import threading
from pathlib import Path
from typing import Any, Mapping

from sopc.core.assets import FONT_DIR
from sopc.core.diagnostics import Message, msg
from sopc.core.paper import css_size, paper_name
from sopc.core.workers import pool_map
from sopc.site.options import PdfSettings

SITE_ROOT = "file:///sopc-site/"
PDFA = "pdf/a-3b"

_META_KERTAS = re.compile(rb'<meta\s+name="sopc-kertas"\s+content="([A-Za-z0-9]+)"')


class PdfError(Exception):
    """A PDF could not be produced; ``message`` is bilingual."""

    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message

    def text(self, lang: str = "id") -> str:
        return self.message.text(lang)


def font_dir() -> str:
    return str(FONT_DIR)


def print_css(paper: str | None, lang: str = "id") -> str:
    """The stylesheet added to every PDF: the bundled DejaVu fonts (so the embedded
    font is always sopc's own), the page footer "Halaman X dari Y" at the bottom right
    (the bottom left stays free for an electronic signature; a document's own @page
    footer takes precedence) and, when ``paper`` is given, the landscape page
    size (overrides the document's)."""
    fonts = font_dir()
    regular = "file://" + posixpath.join(fonts.replace(os.sep, "/"), "DejaVuSans.ttf")
    bold = "file://" + posixpath.join(fonts.replace(os.sep, "/"), "DejaVuSans-Bold.ttf")
    halaman, dari = ("Page", "of") if lang == "en" else ("Halaman", "dari")
    css = [
        f'@font-face {{ font-family: "DejaVu Sans"; font-weight: normal; src: url("{regular}"); }}',
        f'@font-face {{ font-family: "DejaVu Sans"; font-weight: bold; src: url("{bold}"); }}',
        f'@font-face {{ font-family: "SopcSans"; font-weight: normal; src: url("{regular}"); }}',
        f'@font-face {{ font-family: "SopcSans"; font-weight: bold; src: url("{bold}"); }}',
        "@page { margin: 12mm; @bottom-right { content: "
        f'"{halaman} " counter(page) " {dari} " counter(pages); '
        'font-family: "DejaVu Sans", sans-serif; font-size: 8pt; } }',
    ]
    name = paper_name(paper)
    if name:
        css.append(f"@page {{ size: {css_size(name)} !important; }}")
    return "\n".join(css) + "\n"


def _resolve(url: str, files: Mapping[str, bytes] | None, fonts: str):
    """(kind, payload) for a URL: ("site", (bytes, mime)), ("default", url) or raises."""
    if url.startswith("data:"):
        return "default", url
    if url.startswith(SITE_ROOT) and files is not None:
        rel = posixpath.normpath(url[len(SITE_ROOT):].split("#", 1)[0].split("?", 1)[0])
        if rel in files:
            mime = mimetypes.guess_type(rel)[0] or "application/octet-stream"
            return "site", (files[rel], mime)
        raise ValueError(f"not in the site: {rel}")
    if url.startswith(fonts) and ".." not in url:
        return "default", url
    if files is None and url.startswith("file://"):
        return "default", url
    raise ValueError(f"refused: {url}")


def make_fetcher(files: Mapping[str, bytes] | None):
    """A WeasyPrint URL fetcher serving ``files`` under :data:`SITE_ROOT`, the bundled
    fonts and ``data:`` URLs; everything else is refused (no network)."""
    import weasyprint

    fonts = "file://" + font_dir().replace(os.sep, "/") + "/"
    base = getattr(weasyprint, "URLFetcher", None)
    if base is not None:  # WeasyPrint >= 67: a URLFetcher subclass
        from weasyprint.urls import URLFetcherResponse

        class SiteFetcher(base):  # type: ignore[misc, valid-type]
            def fetch(self, url, headers=None):
                kind, payload = _resolve(url, files, fonts)
                if kind == "site":
                    data, mime = payload
                    return URLFetcherResponse(url, data, {"Content-Type": mime})
                return super().fetch(payload, headers)

        return SiteFetcher(allowed_protocols=("file", "data"))

    from weasyprint import default_url_fetcher  # type: ignore[attr-defined]

    def fetch(url: str, timeout: int = 10, ssl_context: Any = None):
        kind, payload = _resolve(url, files, fonts)
        if kind == "site":
            data, mime = payload
            return {"string": data, "mime_type": mime, "redirected_url": url}
        return default_url_fetcher(payload)

    return fetch


_FONT_CONFIG = None


def font_config():
    """One FontConfiguration per process (building it is the costly part)."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        from sopc.site.pdf import svgtext

        svgtext.install()      # one Pango layout per SVG text run, not per letter
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def _iso(today: _dt.date | str | None) -> str | None:
    if today is None:
        return None
    if isinstance(today, _dt.datetime):
        today = today.date()
    if isinstance(today, _dt.date):
        return f"{today.isoformat()}T00:00:00Z"
    return f"{_dt.date.fromisoformat(str(today)).isoformat()}T00:00:00Z"


_A_HREF = re.compile(r'(<a\b[^>]*?)\s+href="(?!#)[^"]*"')


def strip_page_links(html: bytes | str) -> bytes | str:
    """Drop ``href`` from ``<a>`` elements that do not point inside the document."""
    if isinstance(html, bytes):
        return _A_HREF.sub(r"\1", html.decode("utf-8")).encode("utf-8")
    return _A_HREF.sub(r"\1", html)


def render_document(html_bytes: bytes | str, base_url: str, paper: str | None = None, *,
                    files: Mapping[str, bytes] | None = None, lang: str = "id",
                    today: _dt.date | str | None = None):
    """WeasyPrint Document (laid out pages) of one HTML text."""
    import weasyprint  # noqa: PLC0415 - only when a PDF is asked for

    if files is not None and not base_url.startswith(("file:", "http:", "https:")):
        base_url = SITE_ROOT + base_url.lstrip("/")
        # links to other pages of the site would become file:///sopc-site/... URIs
        # in the PDF: keep only links inside the document
        html_bytes = strip_page_links(html_bytes)
    fc = font_config()
    html = weasyprint.HTML(string=html_bytes, base_url=base_url,
                           url_fetcher=make_fetcher(files))
    css = weasyprint.CSS(string=print_css(paper, lang), font_config=fc)
    doc = html.render(stylesheets=[css], font_config=fc)
    stamp = _iso(today)
    if stamp:
        doc.metadata.created = stamp
        doc.metadata.modified = stamp
    return doc


def write(doc, pdfa: bool = False) -> bytes:
    options: dict[str, Any] = {}
    if pdfa:
        options["pdf_variant"] = PDFA
    with pinned_clock(getattr(doc.metadata, "created", None)):
        return doc.write_pdf(**options)


_clock_lock = threading.Lock()
_clock_users = 0
FALLBACK_EPOCH = 946684800      # 2000-01-01: when a document has no date


@contextlib.contextmanager
def pinned_clock(stamp: str | None):
    """Within the block, ``SOURCE_DATE_EPOCH`` is the document's date ``stamp``
    (``YYYY-MM-DDT00:00:00Z``), unless the user set it: fontTools (WeasyPrint's font
    subsetter without HarfBuzz-Subset) writes that time into each font instead of the
    clock's. Restored after, so a long-running ``sopc serve`` keeps its real "today"."""
    global _clock_users
    epoch = FALLBACK_EPOCH
    try:
        if stamp:
            day = _dt.date.fromisoformat(str(stamp)[:10])
            epoch = int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp())
    except ValueError:
        pass
    with _clock_lock:
        owner = _clock_users == 0 and "SOURCE_DATE_EPOCH" not in os.environ
        if owner or _clock_users:
            if owner:
                os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
            _clock_users += 1
            counted = True
        else:
            counted = False
    try:
        yield
    finally:
        if counted:
            with _clock_lock:
                _clock_users -= 1
                if _clock_users == 0:
                    os.environ.pop("SOURCE_DATE_EPOCH", None)


def html_to_pdf(html_bytes: bytes | str, base_url: str, paper: str | None,
                pdfa: bool = False, *, files: Mapping[str, bytes] | None = None,
                lang: str = "id", today: _dt.date | str | None = None) -> bytes:
    """Render one HTML document to PDF bytes.

    ``base_url``: the document's URL or path; with ``files`` (the in-memory site), its
    site relpath (``"bidang-x/sop-001.html"``). ``paper``: ``A4``/``F4``/``Letter``/
    ``Legal`` landscape, or None to keep the document's own ``@page`` size.
    ``pdfa``: PDF/A-3b. ``today``: the document date written in the metadata.
    """
    doc = render_document(html_bytes, base_url, paper, files=files, lang=lang, today=today)
    return write(doc, pdfa)


def paper_of(html_bytes: bytes) -> str | None:
    """The paper a page was laid out for (``<meta name="sopc-kertas">``), if any."""
    m = _META_KERTAS.search(html_bytes[:4096] if isinstance(html_bytes, bytes) else b"")
    return paper_name(m.group(1).decode("ascii")) if m else None


def pdf_relpath(html_relpath: str) -> str:
    return html_relpath[: -len(".html")] + ".pdf" if html_relpath.endswith(".html") \
        else html_relpath + ".pdf"


# ---------------------------------------------------------------------------
# many PDFs

_WORKER: dict[str, Any] = {}


def _init_worker(files: Mapping[str, bytes], settings: dict[str, Any]) -> None:
    import weasyprint  # noqa: F401 - import once per worker

    _WORKER["files"] = files
    _WORKER["settings"] = settings
    font_config()


def inject_style(html: bytes, css: str) -> bytes:
    """``html`` with a ``<style>`` added after its own styles (it wins over them)."""
    tag = b"<style>" + css.encode("utf-8") + b"</style>"
    i = html.rfind(b"</head>")
    return html[:i] + tag + html[i:] if i >= 0 else tag + html


def _render_one(task: tuple) -> tuple[str, bytes | None, str, dict]:
    """task = (output relpath, base relpath, html bytes or None (read from the site),
    paper or None[, extra]). ``extra`` (optional dict): ``style``, CSS added to the
    page after its own; ``links``, report the page's internal links. Returns
    (output relpath, PDF or None, error, {"pages": n[, "links": [(page index, anchor,
    (x1, y1, x2, y2) in CSS px from the top left)]]})."""
    out_rel, base_rel, html, paper = task[:4]
    extra = task[4] if len(task) > 4 else {}
    files = _WORKER["files"]
    st = _WORKER["settings"]
    try:
        if html is None:
            html = files[base_rel]
        paper = st["paper"] or paper or paper_of(html)
        if extra.get("style"):
            html = inject_style(html if isinstance(html, bytes) else html.encode("utf-8"), extra["style"])
        doc = render_document(html, base_rel, paper, files=files, lang=st["lang"], today=st["today"])
        info: dict = {"pages": len(doc.pages)}
        if extra.get("links"):
            info["links"] = [(i, target, tuple(rect)) for i, page in enumerate(doc.pages)
                             for kind, target, rect, *_ in page.links if kind == "internal"]
        return out_rel, write(doc, st["pdfa"]), "", info
    except Exception as exc:  # reported by the caller
        return out_rel, None, f"{type(exc).__name__}: {exc}", {}


class PdfCache:
    """PDFs of earlier builds, below ``<root>/.sopc-cache/pdf/<key>.pdf``: an unchanged
    SOP page (or form, or part of a book) is not laid out again by WeasyPrint.

    The key (:meth:`key`) covers everything a PDF is made from: sopc's code (templates,
    CSS, fonts), the WeasyPrint version, the site's assets (``aset/``: stylesheet and
    logo), the settings (paper, PDF/A, language, date), the task's page and its HTML.
    Stored by :class:`sopc.render.batch.PageCache` (verified on read, atomic writes,
    pruned to what the last build used); each entry is the task's info (JSON), a
    newline, then the PDF.
    """

    def __init__(self, root: str | os.PathLike):
        from sopc.render.batch import PageCache

        self.store = PageCache(Path(root), Path(".sopc-cache") / "pdf", ".pdf")
        self._base: str | None = None

    @classmethod
    def for_build(cls) -> "PdfCache | None":
        """The cache of the repository whose build is running, if caching is on."""
        from sopc.cache.store import current

        store = current()
        root = getattr(store, "root", None)
        return cls(root) if root is not None else None

    def key(self, task: tuple, files: Mapping[str, bytes], settings: dict[str, Any]) -> str:
        import hashlib

        from sopc.cache.store import key_of

        if self._base is None:
            from sopc.cache.keys import code_hash

            assets = hashlib.sha256()
            for rel in sorted(r for r in files if r.startswith("aset/")):
                assets.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(files[rel]).digest())
            try:
                from importlib.metadata import version

                wp = version("weasyprint")
            except Exception:  # noqa: BLE001 - unknown version: still a key part
                wp = "?"
            self._base = key_of("pdf", code_hash(), wp, assets.hexdigest(),
                                [str(settings.get(k)) for k in ("paper", "pdfa", "lang", "today")])
        _out, base_rel, html, paper = task[:4]
        extra = task[4] if len(task) > 4 else {}
        if html is None:
            html = files.get(base_rel, b"")
        if isinstance(html, str):
            html = html.encode("utf-8")
        return key_of(self._base, base_rel, paper, extra, hashlib.sha256(html).hexdigest())

    def get(self, key: str) -> tuple[bytes, dict] | None:
        import json

        body = self.store.get(key)
        if body is None:
            return None
        meta, sep, pdf = body.partition(b"\n")
        try:
            info = json.loads(meta.decode("utf-8"))
        except ValueError:
            return None
        if not sep or not pdf.startswith(b"%PDF-") or not isinstance(info, dict):
            return None
        return pdf, info

    def put(self, key: str, pdf: bytes, info: dict) -> None:
        import json

        self.store.put(key, json.dumps(info, separators=(",", ":")).encode("utf-8") + b"\n" + pdf)

    def prune(self) -> None:
        self.store.prune()


def render_many(tasks: list[tuple], files: Mapping[str, bytes], options: PdfSettings | None = None,
                info: dict[str, dict] | None = None, cache: PdfCache | None = None
                ) -> tuple[dict[str, bytes], list[str]]:
    """Render ``tasks`` (see :func:`_render_one`) with ``jobs`` worker processes, each
    importing WeasyPrint once. Returns ({pdf relpath: bytes}, ["relpath: error"]);
    ``info`` receives each rendered task's page count (and links when asked).
    Tasks are started in the given order (put the longest first). With ``cache``,
    tasks made before come from it and new results are stored."""
    if not tasks:
        return {}, []
    options = options if options is not None else PdfSettings()
    settings = _settings(options)
    done: list[tuple] = []
    keys: dict[str, str] = {}
    if cache is not None:
        todo = []
        for t in tasks:
            k = keys[t[0]] = cache.key(t, files, settings)
            hit = cache.get(k)
            if hit is None:
                todo.append(t)
            else:
                done.append((t[0], hit[0], "", hit[1]))
        tasks = todo
    results = _render_tasks(tasks, files, options.jobs, settings) if tasks else []
    out: dict[str, bytes] = {}
    failed: list[str] = []
    for rel, pdf, err, extra in done + results:
        if pdf is None:
            failed.append(f"{rel}: {err}")
            continue
        out[rel] = pdf
        if info is not None:
            info[rel] = extra
    if cache is not None:
        for rel, pdf, _err, extra in results:
            if pdf is not None:
                cache.put(keys[rel], pdf, extra)
    return out, failed


def _render_tasks(tasks: list[tuple], files: Mapping[str, bytes], jobs: int | None,
                  settings: dict[str, Any]) -> list[tuple]:
    require_weasyprint()
    # Not fork: a parent that already used WeasyPrint holds GLib/fontconfig state (and
    # threads) that a forked child inherits half-initialised: it segfaults.
    return pool_map(_render_one, tasks, jobs, start="forkserver", initializer=_init_worker,
                    initargs=(files, settings))


def _settings(options: PdfSettings) -> dict[str, Any]:
    """What the worker processes and the cache key need of the settings."""
    today = options.today
    if today is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            today = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return {
        "paper": paper_name(options.kertas),
        "pdfa": bool(options.pdfa),
        "lang": "en" if options.lang == "en" else "id",
        "today": today,
    }


def require_weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except Exception as exc:  # ImportError or a missing system library (OSError)
        raise PdfError(msg(
            f"PDF tidak dapat dibuat: WeasyPrint tidak tersedia ({exc}).",
            f"Cannot make PDFs: WeasyPrint is not available ({exc}).")) from None


def render_pdfs(html_files: Mapping[str, bytes], site_files: Mapping[str, bytes] | None,
                options: PdfSettings | None = None) -> dict[str, bytes]:
    """Render every page of ``html_files`` (``{relpath: html bytes}``) to
    ``{relpath with .pdf: pdf bytes}``.

    ``site_files``: the rest of the site (CSS, fonts, images) the pages refer to.
    ``options``: :class:`~sopc.site.options.PdfSettings` (``kertas`` overrides the
    paper; otherwise each page's ``<meta name="sopc-kertas">`` or its own ``@page``
    size).
    Raises :class:`PdfError` naming the page(s) that failed.
    """
    if not html_files:
        return {}
    files: dict[str, bytes] = dict(site_files or {})
    files.update(html_files)
    tasks = [(pdf_relpath(rel), rel, None, None) for rel in sorted(html_files)]
    out, failed = render_many(tasks, files, options)
    if failed:
        detail = "; ".join(failed)
        raise PdfError(msg(f"PDF gagal dibuat untuk {detail}", f"PDF rendering failed for {detail}"))
    return out
