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


def page_ranges(heights: list[float], header_h: float, strip_h: float, H: float,
                incident: list[list[int]] | None = None) -> list[tuple[int, int]]:
    """Activity ranges ``(a0, a1)`` per page, each page filled as far as it goes: rows of
    ``heights`` under the header, plus an off-page strip at the top when an edge joins
    a row of the page to an earlier page, and at the bottom when one joins it to a later
    page (``incident[i]``: the other ends of row i's edges), within the usable height
    ``H``. A row taller than a page gets a page of its own. Linear in rows and edges."""
    n = len(heights)
    incident = incident if incident is not None else [[] for _ in range(n)]
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < n:
        best = i + 1
        total = header_h
        top = False
        open_after = 0            # edges from the page's rows to rows after it
        for j in range(i, n):
            total += heights[j]
            if total > H:
                break
            for other in incident[j]:
                if other < i:
                    top = True
                elif other > j:
                    open_after += 1
                elif other < j:
                    open_after -= 1
            if total + (int(top) + int(open_after > 0)) * strip_h <= H:
                best = j + 1
        ranges.append((i, best))
        i = best
    if not ranges:
        ranges = [(0, 0)]
    return ranges


def reletter(pages) -> None:
    """Rename the off-page letters in reading order: the first page where a pair
    appears, top strip before bottom strip, left to right (A, B, C, ...)."""
    new: dict[str, str] = {}
    for page in pages:
        for o in sorted(page.offpage, key=lambda o: (o.y, o.x)):
            if o.letter not in new:
                new[o.letter] = letters(len(new))
    if all(k == v for k, v in new.items()):
        return
    for page in pages:
        for o in page.offpage:
            o.letter = new[o.letter]
            o.ref = f"p{o.letter}"
        for c in page.connectors:
            if c.start.startswith("p"):
                c.start = f"p{new[c.start[1:]]}"
            if c.end.startswith("p"):
                c.end = f"p{new[c.end[1:]]}"
