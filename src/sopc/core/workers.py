"""Worker processes: how many, and one way to map a function over them.

Every stage that spreads work over processes (SOP pages, PDFs, imported documents) goes
through :func:`pool_map`, or :func:`pool_start` to do other work meanwhile; the
two-phase load-and-lint of :mod:`sopc.lint.parallel` and the early layouts of a cold
build keep their own pipes (their children run through :func:`run_child`). A pool that
cannot start (no ``fork``, a sandbox without semaphores) is never an error: the work
runs in this process, with the same results.
"""

from __future__ import annotations

import gc
import os
from typing import Any, Callable, Iterable, Sequence


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def pool_map(fn: Callable[[Any], Any], items: Sequence[Any], jobs: int | None, *,
             start: str = "fork", initializer: Callable[..., None] | None = None,
             initargs: tuple = (), chunksize: int = 1,
             progress: Callable[[int, int], None] | None = None) -> list:
    """``[fn(x) for x in items]`` over ``jobs`` worker processes (``start``: the
    multiprocessing start method; ``fork`` shares the parent's memory, ``forkserver``
    for parents whose libraries must not be forked half-initialised), in order.
    ``progress(done, total)`` after each item. A worker that dies raises
    ``BrokenProcessPool`` here instead of hanging."""
    return pool_start(fn, items, jobs, start=start, initializer=initializer, initargs=initargs,
                      chunksize=chunksize, progress=progress)()


def pool_start(fn: Callable[[Any], Any], items: Sequence[Any], jobs: int | None, *,
               start: str = "fork", initializer: Callable[..., None] | None = None,
               initargs: tuple = (), chunksize: int = 1,
               progress: Callable[[int, int], None] | None = None) -> Callable[[], list]:
    """:func:`pool_map` started now: the workers are forked and given every item before
    this returns, so the caller can do other work meanwhile; the returned function
    waits for the results (in order) and closes the pool. It must be called. Without
    worker processes the work runs in this process when the results are asked for."""
    total = len(items)
    jobs = max(1, min(jobs or default_jobs(), total)) if total else 1
    pool = _pool(jobs, start, initializer, initargs) if jobs > 1 else None
    if pool is None:
        def here() -> list:
            if initializer is not None:
                initializer(*initargs)
            return _collect(map(fn, items), total, progress)
        return here
    try:
        results = pool.map(fn, items, chunksize=chunksize)
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise

    def collect() -> list:
        with pool:
            return _collect(results, total, progress)
    return collect


def _pool(jobs: int, start: str, initializer, initargs):
    if start == "fork" and not hasattr(os, "fork"):
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        ctx = multiprocessing.get_context(start)
        ctx.Lock()   # no working semaphores (some sandboxes): no pool
        return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=initializer, initargs=initargs)
    except (OSError, ValueError, ImportError):
        return None   # no workers here: run in-process


def _collect(results: Iterable, total: int, progress) -> list:
    out = []
    for r in results:
        out.append(r)
        if progress is not None:
            progress(len(out), total)
    return out


def run_child(conn, body: Callable[[], None]) -> None:  # pragma: no cover - child
    """Run ``body`` in a forked child that answers over ``conn`` (a
    ``multiprocessing`` pipe end): any failure is sent to the parent as
    ``("error", text)`` (never a hang), and the child ends without running the
    parent's exit handlers. The cyclic collector is off: the children load or lay out
    acyclic objects that reference counting frees."""
    code = 0
    try:
        gc.disable()
        body()
    except BaseException as exc:  # report, never hang the parent
        try:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        except Exception:
            pass
        code = 1
    finally:
        try:
            conn.close()
        finally:
            os._exit(code)
