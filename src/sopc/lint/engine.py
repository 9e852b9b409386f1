"""The lint engine: runs every enabled rule over the SOPs asked for, stamps code, name
and level (from the registry and ``sopc.yaml`` ``aturan``), applies suppression
(``abaikan`` on an activity, ``abaikan`` at the top of a file, ``level: off``) and turns
a crashing rule into a diagnostic instead of a crash."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sopc.lint.context import LintContext
from sopc.core.diagnostics import Diagnostic, Level, msg
from sopc.core.model import SOP, Config
from sopc.rules import Rule, all_rules


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    level: Level
    options: dict[str, Any]


def active_rules(config: Config) -> list[ActiveRule]:
    """Rules with a check, their effective level and options; rules set to off are left out."""
    out: list[ActiveRule] = []
    for rule in all_rules():
        if rule.check is None:
            continue
        rc = config.aturan.get(rule.code)
        level = Level.parse(rc.level) if rc and rc.level else rule.level
        if level == Level.OFF:
            continue
        options = dict(rule.options)
        if rc:
            options.update(rc.options)
        out.append(ActiveRule(rule, level, options))
    return out


def lint(repo, ctx: LintContext, sops: Iterable[SOP] | None = None) -> list[Diagnostic]:
    """Run the rules on ``sops`` (default: every complete SOP of ``repo``).

    SOPs with source errors (``complete=False``) and index-only neighbours (``light``)
    are not linted: source errors come first.
    """
    rules = active_rules(repo.config)
    targets = [s for s in (repo.sops if sops is None else sops) if s.complete and not s.light]
    out: list[Diagnostic] = []
    for sop in targets:
        out.extend(lint_sop(sop, ctx, rules))
    return out


def lint_sop(sop: SOP, ctx: LintContext, rules: list[ActiveRule]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    file_off = set(sop.abaikan)
    for ar in rules:
        rule = ar.rule
        if rule.code in file_off:
            continue
        try:
            for f in rule.check(sop, ctx, ar.options):
                act = f.activity
                if act is not None and rule.code in act.abaikan:
                    continue
                key = f.key or f.message.id
                if act is not None:
                    key = f"{key}|{' '.join(act.uraian.split())}"
                out.append(Diagnostic(
                    sop.relpath, f.pos, f.message, code=rule.code, name=rule.name, level=ar.level,
                    key=key, activity=act.number if act is not None else None,
                ))
        except Exception as exc:  # a rule must never crash the run
            out.append(Diagnostic(
                sop.relpath, sop.pos,
                msg(f"aturan {rule.code} ({rule.name}) gagal dijalankan: {type(exc).__name__}: {exc} "
                    "(ini galat sopc; mohon laporkan)",
                    f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc} "
                    "(this is a sopc bug; please report it)"),
                code=rule.code, name=rule.name, level=Level.ERROR, key=f"crash|{rule.code}",
            ))
    return out
