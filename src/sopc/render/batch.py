"""Render the SOP pages of a build: layout + SVG + HTML per SOP, with a content-hash
cache and worker processes (OUTPUT.md §4 "Incremental and parallel").

- **Cache**: the HTML of an SOP page is stored under ``<repo>/.sopc-cache/halaman/``
  keyed by a hash of everything the page depends on: the SOP file's bytes, sopc.yaml,
  the code, templates and fonts of sopc, the repository's template overrides, the
  language and paper, the page's findings and the pages its keterkaitan links to (so a
  change to another SOP refreshes the pages that link to it). A hit skips layout and
  rendering; a corrupt, unreadable, foreign or tampered entry is simply a miss
  (entries are authenticated, :mod:`sopc.cache.store`). The worker that renders a
  page stores it. Entries not used by a build are pruned.
- **Parallel**: with ``jobs > 1`` and enough pages, the pages to render are split over
  forked worker processes (the parent's repository is inherited, only HTML comes
  back). Any problem starting the workers falls back to rendering in-process; the
  output is the same either way.

Pages are rendered assuming every renderable SOP will get its page; when a flow cannot
be laid out, that SOP drops out and the pages linking to it are rendered again so that
no page links to a missing one.
"""

from __future__ import annotations

import gc
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sopc.cache.store import Store
from sopc.core.links import LinkIndex
from sopc.core.workers import pool_start
from sopc.core.diagnostics import Message, msg

CACHE_DIR = ".sopc-cache/halaman"
CACHE_FORMAT = "1"
MIN_PAGES_PER_JOB = 8
PAGE_GC_THRESHOLD = 20_000      # young objects between two collections while pages render


class LayoutFailed(Exception):
    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message


class PageCache(Store):
    """The SOP pages' cache: the one authenticated store (:class:`sopc.cache.store.Store`)
    below ``.sopc-cache/halaman``; ``folder`` and ``suffix`` name other outputs' stores
    (the PDF cache)."""

    def __init__(self, root: Path, folder: str | os.PathLike = CACHE_DIR, suffix: str = ".html"):
        super().__init__(root, folder, suffix)


@dataclass
class Job:
    """Everything needed to render SOP pages (inherited by forked workers)."""

    repo: Any
    env: Any
    lang: str
    assets: dict[str, str]
    index_rel: str | None
    pdf: bool
    pages: list                     # the SopPage objects to render
    live: dict[int, Any]            # id(sop) -> SopPage of every page expected in the site
    link_index: LinkIndex
    debug: bool = False
    early: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # id(sop) -> (paper, SVGs) laid out before the workers started (render/early.py)

    def page_of(self, other) -> str | None:
        p = self.live.get(id(other))
        return p.relpath if p is not None else None

    def svgs(self, page) -> tuple[str, ...] | None:
        early = self.early.get(id(page.sop))
        if early is not None and early[0] == page.paper:
            return early[1]
        try:
            return sop_svgs(page.sop, page.paper, self.lang, self.repo.config)
        except Exception as exc:  # noqa: BLE001 - a broken flow must not kill the build
            if self.debug:
                raise
            raise LayoutFailed(msg(
                f"diagram alir tidak dapat ditata: {type(exc).__name__}: {exc}",
                f"the flowchart cannot be laid out: {type(exc).__name__}: {exc}")) from None

    def render(self, page) -> bytes:
        from sopc.render.html import render_sop
        from sopc.render.identity import PageInput, sop_context

        svgs = self.svgs(page)
        inp = PageInput(
            relpath=page.relpath, paper=page.paper, lang=self.lang,
            findings=tuple(page.diagnostics), svgs=svgs, logo=self.assets.get("logo"),
            css=self.assets["css"], index=self.index_rel, forced=page.forced,
            pdf=page.pdf_relpath if self.pdf else None,
        )
        context = sop_context(page.sop, self.repo, inp, page_of=self.page_of, index=self.link_index)
        return render_sop(self.env, context).encode("utf-8")

    def key(self, page, base: str) -> str:
        """Cache key of a page: everything its HTML depends on."""

        sop = page.sop
        h = hashlib.sha256(base.encode())
        parts: list[Any] = [
            sop.source_hash or _file_hash(sop.path), sop.relpath, page.relpath, page.paper,
            page.forced, self.pdf, self.index_rel,
        ]
        for d in page.diagnostics:
            parts.append((d.code, int(d.level), d.pos.line, d.pos.col, d.message.id, d.message.en,
                          d.activity))
        for link in sop.keterkaitan:
            target = self.link_index.target(link)
            if target is None or target is sop:
                parts.append((link.text, link.external, None))
            else:
                parts.append((link.text, link.external, self.page_of(target), target.nomor, target.nama))
        h.update(repr(parts).encode("utf-8", "surrogatepass"))
        return h.hexdigest()


def sop_svgs(sop, paper: str, lang: str, config) -> tuple[str, ...]:
    """The SVG of every procedure page of ``sop`` on ``paper``, as its printed page
    draws them (exceptions of a flow that cannot be laid out pass through)."""
    from sopc.layout.procedure import layout_sop
    from sopc.render.printed import layout_options
    from sopc.render.svg import page_svg

    lay = layout_sop(sop, paper, lang, **layout_options(sop, config, paper))
    return tuple(page_svg(pg, f"p{i}-") for i, pg in enumerate(lay.pages, start=1))


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


_JOB: Job | None = None
_STORE: tuple[PageCache, dict[int, str]] | None = None     # the cache and the pages' keys


def _work(i: int) -> tuple[int, bytes | None, Message | None]:
    job = _JOB
    assert job is not None
    page = job.pages[i]
    try:
        html = job.render(page)
    except LayoutFailed as exc:
        return i, None, exc.message
    store = _STORE
    if store is not None:      # written here, in the worker, not by the waiting parent
        store[0].put(store[1][i], html)
    return i, html, None


def _start(job: Job, indexes: list[int], jobs: int, tick: Callable[[], None] = lambda: None,
           store: tuple[PageCache, dict[int, str]] | None = None
           ) -> Callable[[], list[tuple[int, bytes | None, Message | None]]]:
    """Start rendering ``indexes`` of ``job.pages`` (each page stored in ``store``'s
    cache under its key as soon as it is rendered); the returned function waits for
    the results."""
    global _JOB, _STORE
    _JOB, _STORE = job, store
    # Everything that exists now (the repository, the lint results, caches) outlives
    # the rendering: keep it out of the garbage collector's passes. A full collection
    # would walk hundreds of thousands of objects in every worker (and, after a fork,
    # copy every page it touches). The objects are handed back to the collector after.
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    # A page's layout makes hundreds of thousands of short-lived objects that reference
    # counting frees; the default young-generation threshold (700) ran a collection
    # every few hundred of them, 1.8 s of the 1,000 pages' 20 s. The workers inherit
    # this threshold (1 s less in collections, the same peak memory).
    threshold = gc.get_threshold()
    gc.set_threshold(PAGE_GC_THRESHOLD, 20, 20)

    def done() -> None:
        global _JOB, _STORE
        _JOB = _STORE = None
        gc.set_threshold(*threshold)
        if frozen:
            gc.unfreeze()
    try:
        n = min(jobs, max(1, len(indexes) // MIN_PAGES_PER_JOB))
        collect = pool_start(_work, indexes, n, chunksize=max(1, min(16, len(indexes) // (n * 8))),
                             progress=lambda _done, _total: tick())
    except BaseException:
        done()
        raise

    def results() -> list[tuple[int, bytes | None, Message | None]]:
        try:
            return collect()
        finally:
            done()
    return results


def render_pages(job: Job, *, jobs: int = 1, cache: PageCache | None = None, base_key: str = "",
                 progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
    """Render ``job.pages``; set ``page.rendered`` or ``page.skipped_reason``.
    Returns ``{relpath: html bytes}`` of the rendered pages."""
    return start_pages(job, jobs=jobs, cache=cache, base_key=base_key, progress=progress)()


def start_pages(job: Job, *, jobs: int = 1, cache: PageCache | None = None, base_key: str = "",
                progress: Callable[[int, int], None] | None = None) -> Callable[[], dict[str, bytes]]:
    """:func:`render_pages` started now, in worker processes, so that the caller can
    render the repository pages meanwhile; the returned function (which must be
    called) waits for the pages and returns them."""
    out: dict[int, bytes] = {}
    keys: dict[int, str] = {}
    todo: list[int] = []
    for i, page in enumerate(job.pages):
        if cache is not None:
            keys[i] = job.key(page, base_key)
            hit = cache.get(keys[i])
            if hit is not None:
                out[i] = hit
                continue
        todo.append(i)

    total, done = len(job.pages), len(job.pages) - len(todo)

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(done, total)
    if cache is not None:
        cache.before_fork()
    pending = _start(job, todo, jobs, tick, (cache, keys) if cache is not None else None)
    return lambda: _finish(job, pending(), out, keys, cache, base_key)


def _finish(job: Job, results, out: dict[int, bytes], keys: dict[int, str], cache: PageCache | None,
            base_key: str) -> dict[str, bytes]:
    failed: set[int] = set()
    for i, html, err in results:
        if err is not None:
            job.pages[i].skipped_reason = err
            job.pages[i].rendered = False
            failed.add(i)
        else:
            out[i] = html  # type: ignore[assignment]

    if failed:
        gone = {id(job.pages[i].sop) for i in failed}
        for i in failed:
            job.live.pop(id(job.pages[i].sop), None)
        # pages that link to an SOP that dropped out: render again without the link

        again = []
        for i, page in enumerate(job.pages):
            if i in failed:
                continue
            targets = {id(job.link_index.target(l)) for l in page.sop.keterkaitan}
            if targets & gone:
                again.append(i)
        for i in again:
            out[i] = job.render(job.pages[i])
            if cache is not None:     # the key names the links, which changed
                keys[i] = job.key(job.pages[i], base_key)
                cache.put(keys[i], out[i])

    files: dict[str, bytes] = {}
    for i, page in enumerate(job.pages):
        if i in failed:
            continue
        page.rendered = True
        files[page.relpath] = out[i]
        if cache is not None:
            cache.used.add(keys[i])   # (written by the worker, or read from the cache)
    if cache is not None:
        cache.prune()
    return files
