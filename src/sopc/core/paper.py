"""Paper: the one table of the landscape sizes sopc prints on (OUTPUT.md §3), their
canonical names, and which paper a document gets.

Sizes are kept in both units exactly as their standards state them (A4/F4 in
millimetres, Letter/Legal in inches), so that layout (pt) and CSS (mm) agree to the
last digit.
"""

from __future__ import annotations

from typing import Any

MM = 72.0 / 25.4            # pt per millimetre

#: canonical name -> landscape (width, height) in millimetres
PAPERS_MM: dict[str, tuple[float, float]] = {
    "A4": (297.0, 210.0),
    "F4": (330.0, 215.0),
    "Letter": (279.4, 215.9),
    "Legal": (355.6, 215.9),
}

#: canonical name -> landscape (width, height) in points
PAPERS_PT: dict[str, tuple[float, float]] = {
    "A4": (297 * MM, 210 * MM),
    "F4": (330 * MM, 215 * MM),
    "Letter": (11 * 72.0, 8.5 * 72.0),
    "Legal": (14 * 72.0, 8.5 * 72.0),
}

DEFAULT = "A4"
_BY_LOWER = {name.lower(): name for name in PAPERS_MM}


def paper_name(paper: str | None) -> str | None:
    """Canonical paper name (case-insensitive, spaces ignored), or None when unknown or
    empty."""
    if not paper:
        return None
    return _BY_LOWER.get(str(paper).strip().lower())


def size_mm(paper: str | None) -> tuple[float, float]:
    """Landscape (width, height) in mm; an unknown name is A4."""
    return PAPERS_MM[paper_name(paper) or DEFAULT]


def size_pt(paper: str | None) -> tuple[float, float]:
    """Landscape (width, height) in pt; an unknown name is A4."""
    return PAPERS_PT[paper_name(paper) or DEFAULT]


def _set_in_config(config: Any) -> bool:
    return "kertas" in getattr(config, "positions", {}) or \
        "kertas" in getattr(config, "key_positions", {})


def paper_for(own: str | None, config: Any, cli: str | None) -> str:
    """The paper of a document: the SOP's own ``kertas`` (``own``; None for
    repository-wide documents), else the repository's when sopc.yaml sets it, else
    ``--kertas``, else the config's default, else A4."""
    name = paper_name(own)
    if name:
        return name
    if _set_in_config(config) and paper_name(config.kertas):
        return paper_name(config.kertas)  # type: ignore[return-value]
    return paper_name(cli) or paper_name(getattr(config, "kertas", None)) or DEFAULT


def _mm(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def css_size(paper: str | None) -> str:
    """The CSS ``size`` of a paper, landscape: ``"297mm 210mm"`` (an unknown name is A4)."""
    w, h = size_mm(paper)
    return f"{_mm(w)}mm {_mm(h)}mm"
