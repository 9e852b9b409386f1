"""Load and lint a large repository on every core.

Loading (YAML parsing in libyaml plus model building) and the rules are CPU-bound and
per file, except the repository-wide KS rules, which need an index of every SOP. The
work is split in two phases over forked worker processes that keep their SOPs in
memory between the phases:

1. each worker loads its share of the files and sends back the index entries
   (nomor, nama, unit, actors, keterkaitan) and the source diagnostics;
2. the parent merges the index of the whole repository (adding the files that were not
   asked for, from the index cache) and sends it to every worker, which lints its own
   SOPs against it and sends back the findings.

The findings are the same as a serial run's (tested). Small repositories, a single
core, ``jobs=1`` or a platform without ``fork`` take the serial path; so does any
failure of a worker, so parallelism can never lose a finding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sopc.lint.context import LintContext
from sopc.core.diagnostics import Diagnostic, Pos
from sopc.loader import Plan, load_files, load_neighbours
from sopc.core.model import SOP, Link, Repository
from sopc.core.memory import collector_paused
from sopc.core.workers import default_jobs, run_child

MIN_FILES_PER_JOB = 48


@dataclass
class LintRun:
    repo: Repository
    targets: list[SOP]            # the SOPs asked for (index entries in a parallel run)
    load_diagnostics: list[Diagnostic]
    rule_diagnostics: list[Diagnostic]


def _entry(sop: SOP) -> tuple:
    return (str(sop.path), sop.relpath, sop.nomor, sop.nama, sop.unit, dict(sop.pelaksana),
            [(l.text, l.external, tuple(l.pos)) for l in sop.keterkaitan], sop.complete, sop.light)


def _from_entry(e: tuple) -> SOP:
    path, rel, nomor, nama, unit, pelaksana, links, complete, _light = e
    return SOP.index_entry(Path(path), rel, nomor, nama, unit, pelaksana,
                           [Link(t, x, Pos(*p)) for t, x, p in links], complete)


def load_and_lint(plan: Plan, today, lang: str = "id", jobs: int | None = None,
                  use_cache: bool = True) -> LintRun:
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, max(1, len(plan.wanted) // MIN_FILES_PER_JOB))
    if jobs > 1 and hasattr(os, "fork"):
        try:
            return _parallel(plan, today, lang, jobs, use_cache)
        except _WorkerFailed:
            pass
    return _serial(plan, today, lang, use_cache)


def _serial(plan: Plan, today, lang: str, use_cache: bool) -> LintRun:
    from sopc.lint import engine

    with collector_paused():
        unparsed: dict = {}
        sops, diags = load_files(plan.wanted, plan.config, unparsed)
        repo = Repository(plan.config, sops + load_neighbours(plan, use_cache, sops, unparsed), unparsed)
        ctx = LintContext(repo, today, lang)
        found = engine.lint(repo, ctx, sops)
    return LintRun(repo, sops, diags, found)


class _WorkerFailed(Exception):
    pass


def _worker(chunk: list[Path], plan: Plan, conn, today, lang: str) -> None:  # pragma: no cover - child
    def body() -> None:
        from sopc.lint import engine

        unparsed: dict = {}
        sops, diags = load_files(chunk, plan.config, unparsed)
        conn.send(("index", [_entry(s) for s in sops], diags, unparsed))
        entries, unparsed = conn.recv()
        mine = {s.relpath: s for s in sops}
        ordered = [mine.get(e[1]) or _from_entry(e) for e in entries]
        repo = Repository(plan.config, ordered, unparsed)
        ctx = LintContext(repo, today, lang)
        conn.send(("found", engine.lint(repo, ctx, sops)))

    run_child(conn, body)


def _parallel(plan: Plan, today, lang: str, jobs: int, use_cache: bool) -> LintRun:
    import multiprocessing

    mp = multiprocessing.get_context("fork")
    # balance by size: largest files dealt round-robin
    order = sorted(range(len(plan.wanted)), key=lambda i: -_size(plan.wanted[i]))
    chunks: list[list[Path]] = [[] for _ in range(jobs)]
    for k, i in enumerate(order):
        chunks[k % jobs].append(plan.wanted[i])
    procs, conns = [], []
    try:
        for chunk in chunks:
            parent, child = mp.Pipe()
            p = mp.Process(target=_worker, args=(chunk, plan, child, today, lang), daemon=True)
            p.start()
            child.close()
            procs.append(p)
            conns.append(parent)
        by_rel: dict[str, tuple] = {}
        load_diags: list[Diagnostic] = []
        unparsed: dict[str, tuple[str, ...]] = {}
        for c in conns:
            kind, *payload = _recv(c)
            if kind != "index":
                raise _WorkerFailed(payload)
            for e in payload[0]:
                by_rel[e[1]] = e
            load_diags.extend(payload[1])
            unparsed.update(payload[2])
        from sopc.loader import display_path
        targets = [_from_entry(by_rel[r]) for r in (display_path(f) for f in plan.wanted) if r in by_rel]
        neighbours = load_neighbours(plan, use_cache, (), unparsed)
        entries = [_entry(s) for s in targets] + [_entry(s) for s in neighbours]
        for c in conns:
            c.send((entries, unparsed))
        found: list[Diagnostic] = []
        for c in conns:
            kind, *payload = _recv(c)
            if kind != "found":
                raise _WorkerFailed(payload)
            found.extend(payload[0])
        if use_cache and plan.others:
            from sopc.loader.index_cache import IndexCache
            cache = IndexCache(plan.root)
            for s in targets:
                cache.remember(s.path, s)
            cache.save()
        repo = Repository(plan.config, targets + neighbours, unparsed)
        return LintRun(repo, targets, load_diags, found)
    finally:
        for c in conns:
            c.close()
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():  # pragma: no cover
                p.kill()


def _recv(conn):
    try:
        return conn.recv()
    except (EOFError, OSError) as exc:
        raise _WorkerFailed(str(exc)) from None


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


MIN_SOPS_PER_LINT_JOB = 150


def lint_forked(repo: Repository, ctx: LintContext, sops: list[SOP], jobs: int | None = None) -> list[Diagnostic]:
    """``engine.lint(repo, ctx, sops)`` with the SOPs already loaded (the build): forked
    children inherit the repository and lint their share; only the findings travel
    back. Any failure of a child lints its share here, so no finding is ever lost. The
    cyclic collector is paused here as in the children (:mod:`sopc.core.memory`): with
    the repository in memory, its full collections made this process's share take a
    third longer than theirs."""
    with collector_paused():
        return _lint_forked(repo, ctx, sops, jobs)


def _lint_forked(repo: Repository, ctx: LintContext, sops: list[SOP], jobs: int | None) -> list[Diagnostic]:
    from sopc.lint import engine

    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, max(1, len(sops) // MIN_SOPS_PER_LINT_JOB))
    if jobs <= 1 or not hasattr(os, "fork"):
        return engine.lint(repo, ctx, sops)
    import multiprocessing

    mp = multiprocessing.get_context("fork")
    shares = [sops[i::jobs] for i in range(jobs)]
    children = []
    for share in shares[1:]:
        try:
            parent, child = mp.Pipe(duplex=False)
            p = mp.Process(target=_lint_child, args=(repo, ctx, share, child), daemon=True)
            p.start()
            child.close()
            children.append((share, p, parent))
        except OSError:
            children.append((share, None, None))
    found = engine.lint(repo, ctx, shares[0])
    for share, p, conn in children:
        got = None
        if conn is not None:
            try:
                kind, payload = conn.recv()
                if kind == "found":
                    got = payload
            except (EOFError, OSError, ValueError):
                got = None
            finally:
                conn.close()
        if p is not None:
            p.join(timeout=5)
            if p.is_alive():  # pragma: no cover
                p.kill()
        found.extend(got if got is not None else engine.lint(repo, ctx, share))
    return found


def _lint_child(repo, ctx, share, conn) -> None:  # pragma: no cover - child
    def body() -> None:
        from sopc.lint import engine

        conn.send(("found", engine.lint(repo, ctx, share)))

    run_child(conn, body)
