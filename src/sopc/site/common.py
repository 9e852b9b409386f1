"""Helpers shared by the repository pages: units and paths, Indonesian dates,
keterkaitan resolution, durations, the Jinja environment fallback and the assets
(CSS, filter script, fonts) the pages need.

Everything here is pure and deterministic: no clock (``today`` is always passed in),
no network, no randomness.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re
from dataclasses import dataclass
from typing import Any, Iterable

from sopc.core.assets import FONT_FILES, font_bytes
from sopc.core.model import SOP, Config, Repository, WaktuKerja
from sopc.core.text import fold, slugify

# Folder (inside the site) for the assets written by the repository pages.
ASSET_DIR = "aset"


def semester(today: _dt.date) -> str:
    """The monitoring period of ``today``: "Semester I 2026" / "Semester II 2026"."""
    return f"Semester {'I' if today.month <= 6 else 'II'} {today.year}"


# ---------------------------------------------------------------------------
# units and paths

def unit_of(sop: SOP, config: Config) -> str:
    """The unit kerja an SOP belongs to (:func:`sopc.build.writer.unit_label`)."""
    from sopc.build.writer import unit_label

    return unit_label(sop, config)


def unit_slug(unit: str) -> str:
    return slugify(unit)


def sop_html_path(sop: SOP, config: Config) -> str:
    """Site-relative path of an SOP's page (:func:`sopc.build.writer.sop_relpath`)."""
    from sopc.build.writer import sop_relpath

    return sop_relpath(sop, config)


def sop_pdf_path(sop: SOP, config: Config) -> str:
    return sop_html_path(sop, config)[: -len(".html")] + ".pdf"


def relurl(from_page: str, to_path: str) -> str:
    """Relative URL from the page ``from_page`` to the file ``to_path`` (both
    site-relative, POSIX)."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_path, start)


def sorted_sops(sops: Iterable[SOP]) -> list[SOP]:
    """SOPs in nomor order (natural: numbers compare as numbers), then nama."""
    return sorted(sops, key=lambda s: (natural_key(s.nomor), fold(s.nama), s.relpath))


def natural_key(text: str) -> tuple:
    parts = re.split(r"(\d+)", fold(text or ""))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def group_by_unit(repo: Repository) -> list[tuple[str, list[SOP]]]:
    """[(unit, sops in nomor order)], units in the configured order, then by name.
    Units whose names give the same slug (``Bagian Umum``, ``bagian-umum``; rule KS08)
    are one group under the first name (configured, else alphabetical), so that no
    unit's forms, book or anchor replaces another's."""
    groups: dict[str, list[SOP]] = {}
    for s in repo.sops:
        groups.setdefault(unit_of(s, repo.config), []).append(s)
    order = {fold(u): i for i, u in enumerate(repo.config.unit)}
    keys = sorted(groups, key=lambda u: (order.get(fold(u), len(order)), fold(u), u))
    merged: dict[str, tuple[str, list[SOP]]] = {}
    for u in keys:
        merged.setdefault(unit_slug(u), (u, []))[1].extend(groups[u])
    return [(u, sorted_sops(sops)) for u, sops in merged.values()]


# ---------------------------------------------------------------------------
# durations (FORMAT.md §1.4, sopc.core.durations)

@dataclass(frozen=True)
class Span:
    lo: float  # working minutes
    hi: float


def parse_waktu(text: str | None, wk: WaktuKerja) -> Span | None:
    """A duration as (min, max) working minutes, or None when it is not a duration."""
    from sopc.core.durations import parse_duration

    d = parse_duration(text, wk) if isinstance(text, str) else None
    return None if d is None else Span(float(d.min), float(d.max))


def format_span(span: Span, wk: WaktuKerja, lang: str = "id") -> str:
    from sopc.core.durations import format_span as _fmt

    return _fmt(span.lo, span.hi, wk, lang)


def format_minutes(minutes: float, wk: WaktuKerja, lang: str = "id") -> str:
    from sopc.core.durations import format_duration

    return format_duration(minutes, wk, lang)


# ---------------------------------------------------------------------------
# Jinja and assets

def environment(env: Any = None, repo_root: Any = None, lang: str = "id"):
    """The Jinja environment to render the site templates with: the build's one when
    given, else the standard one (:func:`sopc.render.html.environment`)."""
    if env is not None:
        return env
    from sopc.render.html import environment as _env

    return _env(repo_root, lang)


def font_files() -> dict[str, bytes]:
    return {name: font_bytes(name) for name in FONT_FILES}
