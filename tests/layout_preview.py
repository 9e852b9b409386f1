"""Look at the procedure table as a person would (helper, not a test).

    python tests/layout_preview.py [reference|random SEED ACTORS ACTIVITIES] [--out DIR] [--paper A4]

Writes one SVG per page and, when chromium is installed, a PNG screenshot of each.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from layout_factory import random_sop, reference_sop  # noqa: E402
from sopc.layout import layout_sop  # noqa: E402
from sopc.render.svg import page_svg  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", nargs="*", default=["reference"])
    ap.add_argument("--out", default="/tmp/sopc-preview")
    ap.add_argument("--paper", default="A4")
    ap.add_argument("--lang", default="id")
    ap.add_argument("--height", type=float, default=None)
    a = ap.parse_args(argv)
    if a.what[0] == "random":
        seed, actors, acts = (int(x) for x in (a.what[1:] + ["1", "4", "40"][len(a.what) - 1:])[:3])
        sop = random_sop(random.Random(seed), actors, acts, p_decision=0.1, p_ke=0.02, max_words=14)
    else:
        sop = reference_sop()
    lay = layout_sop(sop, paper=a.paper, lang=a.lang, table_height=a.height)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    for page in lay.pages:
        svg = out / f"page-{page.number}.svg"
        svg.write_text(page_svg(page, f"p{page.number}"), encoding="utf-8")
        if chromium:
            html = out / f"page-{page.number}.html"
            html.write_text(f"<html><body style='margin:0'><img src='{svg.name}' style='width:1600px'>"
                            "</body></html>", encoding="utf-8")
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            f"--screenshot={out / f'page-{page.number}.png'}", "--window-size=1600,1100",
                            str(html)], capture_output=True, timeout=60)
    print(f"{len(lay.pages)} page(s), {lay.failures} unclean connector(s) -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
