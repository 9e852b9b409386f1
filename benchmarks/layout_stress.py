"""Layout stress figures (issue 15): crossings per arrow and procedure pages per SOP on
a generated stress corpus, and the layout + SVG time of one 25-activity SOP.

    python benchmarks/layout_stress.py [--count 200] [--seed 1]

The corpus: 3-10 actors, 8-45 activities, decisions with 2-3 branches, loops back from
the bottom (a decision near the end of a run returns 5-12 rows up). Prints figures,
never asserts.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from layout_checks import check_signable, side_by_side  # noqa: E402
from layout_factory import random_sop, stress_sop  # noqa: E402
from sopc.layout import layout_sop  # noqa: E402
from sopc.layout.geometry import crossings  # noqa: E402
from sopc.render.svg import page_svg  # noqa: E402

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    arrows = cross = pages = fails = 0
    labels = broken = 0
    pent_routes = pent_bends = 0        # connectors to or from an off-page connector
    beside = 0
    near_line, near_sops, other = 0, 0, 0
    papers = ["A4", "Letter", "Legal", "F4"]
    per_paper: dict[str, list[int]] = {}
    for k in range(a.count):
        sop = stress_sop(rng)
        paper = papers[k % 4]
        lay = layout_sop(sop, paper=paper)
        pages += len(lay.pages)
        per_paper.setdefault(paper, []).append(len(lay.pages))
        fails += lay.failures
        for p in lay.pages:
            arrows += sum(1 for c in p.connectors if c.kind == "flow")
            cross += len(crossings(p))
            labels += len(p.labels)
            broken += sum(" ".join(t.text for t in lb.lines).split() != lb.text.split() for lb in p.labels)
            beside += side_by_side(p)
            for c in p.connectors:
                if c.kind == "flow" and (c.start.startswith("p") or c.end.startswith("p")):
                    pent_routes += 1
                    pent_bends += len(c.points) - 2
        found = check_signable(sop, lay)
        lines = sum(1 for m in found if "of a column line" in m)
        near_line += lines
        near_sops += bool(lines)
        other += len(found) - lines
    print(f"stress corpus: {a.count} SOPs (3-10 actors, 8-45 activities, 2-3 branch decisions, loops back)")
    print(f"  crossings per arrow: {cross / max(arrows, 1):.3f} ({cross} crossings, {arrows} arrows; aim <= 0.12)")
    print(f"  procedure pages per SOP: {pages / a.count:.2f} "
          + ", ".join(f"{p} {statistics.mean(v):.2f}" for p, v in sorted(per_paper.items())))
    print(f"  unclean connectors or labels: {fails}")
    print(f"  branch labels breaking a word at a syllable: {broken} of {labels}")
    print(f"  bends per connector to or from an off-page connector: {pent_bends / max(pent_routes, 1):.2f} "
          f"({pent_routes} connectors)")
    print(f"  two connectors side by side less than 3.5 pt apart for over 30 pt: {beside}")
    print(f"  vertical runs over 20 pt within 6 pt of a column line: {near_line} in {near_sops} SOPs "
          f"(OUTPUT.md: none); other readability problems (tests/layout_checks.check_signable): {other}")
    sop25 = random_sop(random.Random(3), 5, 25)
    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        lay = layout_sop(sop25, "A4", "id")
        for p in lay.pages:
            page_svg(p, f"p{p.number}")
        times.append(time.perf_counter() - t0)
    print(f"  layout + SVG of a 25-activity SOP: {statistics.median(times) * 1000:.1f} ms median "
          f"(must stay under 10 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
