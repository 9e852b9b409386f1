"""The per-principle compliance table (``sopc lint --statistik``, the HTML index).

For each of the eight principle groups (KJ, EE, KS, KU, DN, BP, KH, KP) it counts the
SOPs that have no finding of that group at any level that is not ``off``: the table an
evaluation team asks for. Totals: the number of SOPs and of SOPs with no finding at all
(any group, source errors and flowchart findings included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from sopc.core.diagnostics import Diagnostic, Level, Message
from sopc.rules import GROUP_TITLES, PRINCIPLE_GROUPS


def rule_group(code: str) -> str:
    """``KJ03`` → ``KJ``; ``E001`` → ``E``."""
    return "".join(ch for ch in (code or "") if ch.isalpha()).upper()


@dataclass
class GroupStat:
    group: str            # "KJ"
    title: Message        # GROUP_TITLES[group]
    compliant: int        # SOPs with no finding of this group
    total: int            # SOPs counted

    @property
    def share(self) -> float | None:
        """Fraction 0..1 of compliant SOPs; None when there is no SOP."""
        return self.compliant / self.total if self.total else None


@dataclass
class Stats:
    total: int                                   # number of SOPs
    clean: int                                   # SOPs with no finding at all
    groups: list[GroupStat] = field(default_factory=list)
    # per SOP path: the set of groups with a finding (for the HTML index)
    flagged: dict[str, set[str]] = field(default_factory=dict)

    @property
    def clean_share(self) -> float | None:
        return self.clean / self.total if self.total else None

    def group(self, code: str) -> GroupStat | None:
        for g in self.groups:
            if g.group == code:
                return g
        return None


def _sop_path(sop) -> str:
    return getattr(sop, "relpath", "") or str(getattr(sop, "path", ""))


def compute(sops: Sequence, diags: Iterable[Diagnostic]) -> Stats:
    """Compliance statistics of ``sops`` given all findings ``diags`` (a finding belongs
    to the SOP whose ``relpath`` equals its path; findings of other files are ignored)."""
    paths = [_sop_path(s) for s in sops]
    flagged: dict[str, set[str]] = {p: set() for p in paths}
    for d in diags:
        if d.level <= Level.OFF or d.path not in flagged:
            continue
        flagged[d.path].add(rule_group(d.code))
    total = len(paths)
    groups = [
        GroupStat(
            group=g,
            title=GROUP_TITLES[g],
            compliant=sum(1 for p in paths if g not in flagged[p]),
            total=total,
        )
        for g in PRINCIPLE_GROUPS
    ]
    clean = sum(1 for p in paths if not flagged[p])
    return Stats(total=total, clean=clean, groups=groups, flagged=flagged)


def format_percent(share: float | None, lang: str = "id") -> str:
    """``75,0%`` (Indonesian decimal comma) or ``75.0%``; ``-`` for no data."""
    if share is None:
        return "-"
    text = f"{share * 100:.1f}%"
    return text.replace(".", ",") if lang != "en" else text


_HEAD = {
    "id": ("Prinsip", "SOP patuh", "Persentase"),
    "en": ("Principle", "Compliant SOPs", "Share"),
}


def format_table(stats: Stats, lang: str = "id") -> str:
    """An aligned text table, one row per principle, then the totals::

        Prinsip                             SOP patuh  Persentase
        ----------------------------------  ---------  ----------
        KJ  Kemudahan dan kejelasan               3/4       75,0%
        ...
        Jumlah SOP: 4; tanpa temuan sama sekali: 2 (50,0%)
    """
    lang = "en" if lang == "en" else "id"
    head = _HEAD[lang]
    rows = [
        (
            f"{g.group:<2}  {g.title.text(lang)}",
            f"{g.compliant}/{g.total}",
            format_percent(g.share, lang),
        )
        for g in stats.groups
    ]
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(3)]

    def line(cells) -> str:
        return f"{cells[0]:<{widths[0]}}  {cells[1]:>{widths[1]}}  {cells[2]:>{widths[2]}}".rstrip()

    out = [line(head), line(tuple("-" * w for w in widths))]
    out += [line(r) for r in rows]
    pct = format_percent(stats.clean_share, lang)
    if lang == "en":
        out.append(f"SOPs: {stats.total}; with no finding at all: {stats.clean} ({pct})")
    else:
        out.append(f"Jumlah SOP: {stats.total}; tanpa temuan sama sekali: {stats.clean} ({pct})")
    return "\n".join(out) + "\n"


__all__ = ["GroupStat", "Stats", "compute", "format_percent", "format_table", "rule_group"]
