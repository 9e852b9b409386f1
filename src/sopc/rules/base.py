"""What a rule is.

A rule is one small module (or a tight group) that declares, at module level::

    CODE = "KJ03"                 # stable code, used in config, abaikan, baselines
    NAME = "long-activity"        # kebab-case name, accepted wherever a code is
    LEVEL = Level.WARNING         # default level
    OPTIONS = {"maks_kata": 25}   # option names and defaults (sopc.yaml aturan:)
    TITLE = msg("...", "...")     # one-line summary, Indonesian and English

and a generator ``check(sop, ctx, options)`` that yields :class:`Finding` objects.
The module docstring is the rule's documentation (``sopc rules CODE``): why the
rule exists, what fails, what passes. The engine stamps code, name and level, applies
suppression and turns a crashing rule into a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterator

from sopc.core.diagnostics import Level, Message, Pos

if TYPE_CHECKING:  # pragma: no cover
    from sopc.core.model import SOP, Activity


@dataclass(slots=True)
class Finding:
    """What a rule reports: where, what, and optionally the activity it concerns and a
    content key for the baseline (defaults to the message text)."""

    pos: Pos
    message: Message
    activity: "Activity | None" = None
    key: str = ""


def option_text(value: Any) -> str:
    """An option's value as sopc.yaml spells it (``true``, ``[a, b]``, ``12``): how
    ``sopc rules`` and the rule reference show the defaults."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(option_text(x) for x in value) + "]"
    return str(value)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    level: Level
    options: dict[str, Any]
    title: Message
    doc: str
    check: Callable[..., Iterator[Finding]] | None
    group: str

    @classmethod
    def from_module(cls, mod: ModuleType) -> "Rule":
        code = mod.CODE
        group = "".join(ch for ch in code if ch.isalpha())
        return cls(
            code=code,
            name=mod.NAME,
            level=getattr(mod, "LEVEL", Level.WARNING),
            options=dict(getattr(mod, "OPTIONS", {}) or {}),
            title=mod.TITLE,
            doc=(mod.__doc__ or "").strip(),
            check=getattr(mod, "check", None),
            group=group,
        )
