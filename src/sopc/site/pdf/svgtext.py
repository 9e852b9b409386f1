"""Faster SVG text for WeasyPrint.

WeasyPrint (62-70) lays out and draws every *letter* of an SVG ``<text>``/``<tspan>``
separately through Pango, to support per-letter ``x``/``y``/``dx``/``dy``/``rotate``
lists. The flowcharts sopc draws never use those: each run has one ``x`` and one ``y``.
For such runs this module lays the run out once and draws it once: one Pango layout
instead of one per letter (the flowchart pages of a 25-activity SOP went from about
9,000 layouts to under 600), real shaping and kerning of the whole word, and text that
PDF readers extract as words, not letters.

:func:`install` swaps WeasyPrint's ``text`` drawer for :func:`fast_text`, which hands
anything it does not handle (per-letter positions, ``letter-spacing``,
``textLength``, text on a path) to the original. It does nothing on a WeasyPrint whose
internals do not look as expected, so an upgrade can only cost speed, never output.
"""

from __future__ import annotations

from math import inf

_INSTALLED = False
_ORIGINAL = None
_TEXT_MODULE = None


def _single(value: str | None) -> bool:
    return value is None or len(value.replace(",", " ").split()) <= 1


def _eligible(node) -> bool:
    attrib = node.attrib
    if not node.text or str(node.tag).endswith("textPath"):
        return False
    for name in ("dx", "dy", "rotate", "textLength", "letter-spacing"):
        if name in attrib:
            return False
    if node.get("letter-spacing") not in (None, "normal", "0"):
        return False
    return _single(attrib.get("x")) and _single(attrib.get("y"))


def fast_text(svg, node, font_size):
    """WeasyPrint's ``svg.text.text`` for one-position runs, whole-run layout."""
    if not _eligible(node):
        return _ORIGINAL(svg, node, font_size)
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    Style, TextBox = _TEXT_MODULE.Style, _TEXT_MODULE.TextBox
    from weasyprint.svg.utils import normalize, size
    from weasyprint.text.line_break import split_first_line

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    style["font_weight"] = node.get("font-weight", 400)
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    if style["font_weight"] == "normal":
        style["font_weight"] = 400
    elif style["font_weight"] == "bold":
        style["font_weight"] = 700
    else:
        try:
            style["font_weight"] = int(style["font_weight"])
        except ValueError:
            style["font_weight"] = 400

    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)

    x = y = None
    if "x" in node.attrib:
        x = size(normalize(node.attrib["x"]).strip(), font_size, svg.inner_width)
    if "y" in node.attrib:
        y = size(normalize(node.attrib["y"]).strip(), font_size, svg.inner_height)

    ascent, descent = font_size * .8, font_size * .2
    y_align = 0
    display_anchor = node.get("display-anchor")
    alignment_baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        y_align = -height / 2
    elif display_anchor == "top":
        pass
    elif display_anchor == "bottom":
        y_align = -height
    elif alignment_baseline in ("central", "middle"):
        y_align = (ascent + descent) / 2 - descent
    elif alignment_baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        y_align = ascent
    elif alignment_baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        y_align = -descent

    # the first letter's step of the original loop, for the whole run
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + y_align
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)))

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(svg.stream, text_box, "none", "none", Matrix(a=1, d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def install() -> bool:
    """Use :func:`fast_text` in this process; True when installed."""
    global _INSTALLED, _ORIGINAL, _TEXT_MODULE
    if _INSTALLED:
        return True
    try:
        import sys

        import weasyprint
        import weasyprint.svg as svg_mod
        text_mod = sys.modules["weasyprint.svg.text"]   # the attribute is the function
        major = int(str(weasyprint.__version__).split(".")[0])
    except (ImportError, ValueError, AttributeError, KeyError):
        return False
    original = getattr(text_mod, "text", None)
    tags = getattr(svg_mod, "TAGS", None)
    if not (62 <= major <= 70) or original is None or not isinstance(tags, dict) \
            or tags.get("text") is not original or getattr(svg_mod, "text", None) is not original:
        return False
    _ORIGINAL, _TEXT_MODULE = original, text_mod
    # draw_node compares TAGS[tag] with the module's ``text`` to find text nodes:
    # both names must point at the new drawer
    for tag, fn in list(tags.items()):
        if fn is original:
            tags[tag] = fast_text
    svg_mod.text = fast_text
    _INSTALLED = True
    return True
