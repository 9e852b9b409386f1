"""Early layouts: a cold build lays out its first SOPs while it is still loading.

A cold build's parent loads every SOP alone: YAML parsing and model building are
CPU-bound, and the models are too heavy to hand between processes (pickling one costs
as much as reading it). Then it lints them, and only then can the page workers start,
since a page shows its findings. Meanwhile the second core would idle. A flowchart,
though, depends on nothing but its SOP and paper. So once part of the files is loaded,
one child is forked with the SOPs loaded so far; it lays them out and draws their SVG
exactly as a page worker would (:func:`sopc.render.batch.sop_svgs`) until the parent
is ready to start the page workers and asks for what it has. Only SVG text crosses
the pipe; the page workers, forked after, inherit it and lay out the rest.

Nothing depends on the child: a flow it cannot lay out, a crash, a platform without
``fork`` only cost the head start, and the page workers lay out whatever is missing,
with the same result (tested).
"""

from __future__ import annotations

import mmap
import os
from typing import Any, Callable

from sopc.core.workers import run_child
from sopc.render.batch import sop_svgs

EARLY_MIN_SOPS = 200    # below this the page workers finish before a head start pays
EARLY_SHARE = 0.3       # the child is forked once this share of the files is loaded

Early = dict[int, tuple[str, tuple[str, ...]]]     # id(sop) -> (paper, SVG of each page)


class EarlyLayouts:
    """The child of one cold build. :meth:`offer` is the loader's ``on_sop``;
    :meth:`take` (idempotent) stops the child and returns its layouts. ``take`` must
    be called, also when the build fails before its page workers start."""

    def __init__(self, config: Any, lang: str, paper_of: Callable[[Any], str]):
        self._config, self._lang, self._paper_of = config, lang, paper_of
        self._items: list[tuple[Any, str]] = []
        self._forked = False
        self._proc: Any = None
        self._conn: Any = None
        self._stop: mmap.mmap | None = None

    def offer(self, sop: Any, k: int, total: int) -> None:
        """A loaded SOP (``k`` of ``total`` files read)."""
        if self._forked or total < EARLY_MIN_SOPS:
            return
        if sop.complete:
            self._items.append((sop, self._paper_of(sop)))
        if k >= total * EARLY_SHARE:
            self._forked = True
            self._start()

    def _start(self) -> None:
        if not hasattr(os, "fork") or not self._items:
            return
        import multiprocessing

        try:
            mp = multiprocessing.get_context("fork")
            stop = mmap.mmap(-1, 1)          # shared with the child: 1 = hand over now
            parent, child = mp.Pipe()
            proc = mp.Process(target=_child, args=(self._items, self._config, self._lang, stop, child),
                              daemon=True)
            proc.start()
        except (OSError, ValueError):        # no child here: the page workers do it all
            return
        child.close()
        self._proc, self._conn, self._stop = proc, parent, stop

    def take(self) -> Early:
        """Stop the child; what it laid out (an empty dict if it laid out nothing or
        failed)."""
        proc, conn, stop = self._proc, self._conn, self._stop
        if proc is None:
            return {}
        self._proc = self._conn = self._stop = None
        out: Early = {}
        try:
            stop[0] = 1
            kind, payload = conn.recv()
            if kind == "svgs":
                out = {id(self._items[i][0]): (self._items[i][1], svgs) for i, svgs in payload.items()}
        except (EOFError, OSError, ValueError, TypeError):
            pass
        finally:
            conn.close()
            proc.join(timeout=5)
            if proc.is_alive():  # pragma: no cover - a child that does not stop
                proc.kill()
                proc.join()
            stop.close()
        return out


def _child(items, config, lang: str, stop: mmap.mmap, conn) -> None:  # pragma: no cover - child
    def body() -> None:
        done: dict[int, tuple[str, ...]] = {}
        for i, (sop, paper) in enumerate(items):
            if stop[0]:
                break
            try:
                done[i] = sop_svgs(sop, paper, lang, config)
            except Exception:  # noqa: BLE001 - the page worker reports it
                continue
        conn.send(("svgs", done))

    run_child(conn, body)
