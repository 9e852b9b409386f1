"""The font metrics table that layout reads (``fonts/metrics.json``) is the fonts'."""

from __future__ import annotations

import json

from sopc.layout import metrics


def test_metrics_table_matches_the_bundled_fonts():
    shipped = json.loads(metrics.METRICS.read_text(encoding="utf-8"))
    for path in (metrics.REGULAR, metrics.BOLD):
        assert shipped[path.name] == metrics.font_table(path), (
            f"{metrics.METRICS} is stale for {path.name}: regenerate it with "
            'python -c "from sopc.layout.metrics import main; main()" > src/sopc/fonts/metrics.json')


def test_widths_as_the_font_gives_them():
    from fontTools.ttLib import TTFont

    font = TTFont(str(metrics.REGULAR), lazy=True)
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    for ch in "Mi .@/-éĀ—":
        assert metrics.text_width(ch, 10.0) == hmtx[cmap[ord(ch)]][0] / upem * 10.0
    assert metrics.text_width("\u200b", 10.0) == 0.0
    missing = "\u4e00"                          # not in DejaVu Sans: the width of "M"
    assert ord(missing) not in cmap
    assert metrics.text_width(missing, 10.0) == metrics.text_width("M", 10.0)
    font.close()
