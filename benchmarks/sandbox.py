"""Cost of rendering every template in sopc's sandbox (issue 12: Jinja's
ImmutableSandboxedEnvironment, no file-system methods on paths): the same SOP pages
rendered by the build's environment (sandboxed) and by a plain
``jinja2.Environment`` with the same loader, filters and globals, in the same run.

    python benchmarks/sandbox.py [--count 200] [--seed 1] [--repeat 5]

Only the template rendering is timed (process CPU time, median of ``--repeat`` runs over
every page of a generated corpus); layout and SVG are left out (each page gets a tiny
SVG) because the sandbox does not touch them. Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402


def contexts(corpus: Path) -> list[dict]:
    """The page contexts of every SOP page a build of ``corpus`` renders."""
    import sopc.render.batch as batch
    from sopc.build.pipeline import build
    from sopc.render.identity import PageInput, sop_context

    seen: dict = {}
    real = batch.render_pages

    def grab(job, **kw):
        seen["job"] = job
        return real(job, **kw)

    batch.render_pages = grab
    try:
        build([corpus], today="2026-11-28", write=False, cache=False, jobs=1)
    finally:
        batch.render_pages = real
    job = seen["job"]
    out = []
    for page in job.pages:
        inp = PageInput(relpath=page.relpath, paper=page.paper, lang=job.lang,
                        findings=tuple(page.diagnostics), svgs=("<svg/>",), logo=None,
                        css=job.assets["css"], index=None, forced=False, pdf=None)
        out.append(sop_context(page.sop, job.repo, inp, page_of=job.page_of, index=job.link_index))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    from jinja2 import Environment

    import sopc.render.html as html

    sandbox_class = html.Sandbox

    corpus = HERE / "_work" / f"sandbox-corpus-{args.count}-{args.seed}"
    if not (corpus / "sopc.yaml").exists():
        gen_corpus.write_corpus(corpus, gen_corpus.generate(args.count, args.seed))
    ctxs = contexts(corpus)
    times: dict[str, list[float]] = {"plain": [], "sandbox": []}
    try:
        for _ in range(args.repeat):
            for name, cls in (("plain", Environment), ("sandbox", sandbox_class)):
                html.Sandbox = cls                            # the class _new_environment uses
                html._ENVIRONMENTS.clear()
                env = html.environment(corpus, "id")
                html.render_sop(env, ctxs[0])                 # compiled before timing
                t0 = time.process_time()
                for c in ctxs:
                    html.render_sop(env, c)
                times[name].append(time.process_time() - t0)
    finally:
        html.Sandbox = sandbox_class
        html._ENVIRONMENTS.clear()
    plain, sandbox = statistics.median(times["plain"]), statistics.median(times["sandbox"])
    n = len(ctxs)
    print(f"SOP pages rendered: {n} (median of {args.repeat}, CPU time)")
    print(f"  plain Environment:             {plain:.3f} s ({plain / n * 1000:.2f} ms/page)")
    print(f"  sopc's Sandbox (immutable):    {sandbox:.3f} s ({sandbox / n * 1000:.2f} ms/page)")
    print(f"  ratio sandbox/plain: {sandbox / plain:.2f}  (+{(sandbox - plain) / n * 1000:.2f} ms/page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
