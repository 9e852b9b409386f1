"""The explicit rule registry.

Each group package (``sopc.rules.f``, ``sopc.rules.kj``, ...) lists its rule modules in
``MODULES``; this module lists the groups. Nothing is discovered by magic: a rule exists
when it is named here.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from sopc.core.diagnostics import Message, msg
from sopc.rules.base import Finding, Rule

__all__ = ["Finding", "Rule", "all_rules", "get_rule", "resolve_code", "GROUPS", "GROUP_TITLES"]

# Group letters in catalog order (RULES.md).
GROUPS = ["e", "f", "kj", "ee", "ks", "ku", "dn", "bp", "kh", "kp"]

GROUP_TITLES: dict[str, Message] = {
    "E": msg("Kesalahan sumber", "Source errors"),
    "F": msg("Kebenaran diagram alir", "Flowchart correctness"),
    "KJ": msg("Kemudahan dan kejelasan", "Ease and clarity"),
    "EE": msg("Efisiensi dan efektivitas", "Efficiency and effectiveness"),
    "KS": msg("Keselarasan", "Consistency"),
    "KU": msg("Keterukuran", "Measurability"),
    "DN": msg("Dinamis", "Dynamic"),
    "BP": msg("Berorientasi pada pengguna", "User orientation"),
    "KH": msg("Kepatuhan hukum", "Legal compliance"),
    "KP": msg("Kepastian hukum", "Legal certainty"),
}

# The eight principle groups (the compliance table of `sopc lint --statistik`).
PRINCIPLE_GROUPS = ["KJ", "EE", "KS", "KU", "DN", "BP", "KH", "KP"]


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for group in GROUPS:
        pkg = importlib.import_module(f"sopc.rules.{group}")
        for name in getattr(pkg, "MODULES", ()):
            mod = importlib.import_module(f"sopc.rules.{group}.{name}")
            rules.append(Rule.from_module(mod))
    return tuple(rules)


@lru_cache(maxsize=1)
def _index() -> dict[str, Rule]:
    idx: dict[str, Rule] = {}
    for r in all_rules():
        idx[r.code.upper()] = r
        idx[r.name.lower()] = r
    return idx


def get_rule(code_or_name: str) -> Rule | None:
    key = str(code_or_name).strip()
    return _index().get(key.upper()) or _index().get(key.lower())


def resolve_code(code_or_name: str) -> str | None:
    r = get_rule(code_or_name)
    return r.code if r else None
