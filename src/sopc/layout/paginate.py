"""Pagination: which activities go on which page, and the letters of the off-page
connector pairs."""

from __future__ import annotations

def letters(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 27 → AB, ..."""
    s = ""
    i += 1
    while i > 0:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def page_ranges(heights: list[float], header_h: float, strip_h: float, H: float) -> list[tuple[int, int]]:
    """Activity ranges ``(a0, a1)`` per page: rows of ``heights`` under the header, with
    room for an off-page strip at the top of every page but the first and at the bottom
    of every page but the last, within the usable height ``H``."""
    n = len(heights)
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < n:
        used = header_h + (strip_h if ranges else 0.0)
        if used + sum(heights[i:]) <= H:
            ranges.append((i, n))
            break
        j = i
        while j < n and used + heights[j] + strip_h <= H:
            used += heights[j]
            j += 1
        if j == i:
            j = i + 1
        ranges.append((i, j))
        i = j
    if not ranges:
        ranges = [(0, 0)]
    return ranges
