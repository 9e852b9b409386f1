"""``sopc rules [CODE|NAME]``: list the lint rules grouped by principle, or explain one
rule (its documentation, options and defaults)."""

from __future__ import annotations

import difflib
import re
import sys

import click

from sopc.core.diagnostics import msg
from sopc.rules.base import option_text

HELP = """Daftar aturan lint, atau penjelasan satu aturan.

List the lint rules, or explain one rule.

Tanpa argumen: semua aturan per kelompok (kode, nama, tingkat bawaan, judul).
Dengan CODE atau nama (mis. KJ03 atau long-activity): dokumentasi lengkap aturan itu."""


def _labels(lang: str) -> dict[str, str]:
    if lang == "en":
        return {
            "level": "Default level",
            "group": "Group",
            "options": "Options (sopc.yaml aturan)",
            "none": "none",
            "unknown": "unknown rule",
            "mean": "did you mean",
            "list": "list all rules with 'sopc rules'",
            "count": "rules",
        }
    return {
        "level": "Tingkat bawaan",
        "group": "Kelompok",
        "options": "Opsi (sopc.yaml aturan)",
        "none": "tidak ada",
        "unknown": "aturan tidak dikenal",
        "mean": "maksud Anda",
        "list": "lihat semua aturan dengan 'sopc rules'",
        "count": "aturan",
    }


def format_list(lang: str = "id") -> str:
    """Every rule, grouped: ``  KJ03  long-activity        warning  title``."""
    from sopc.rules import GROUP_TITLES, all_rules

    rules = all_rules()
    if not rules:
        return ""
    wname = max(len(r.name) for r in rules)
    wcode = max(len(r.code) for r in rules)
    out: list[str] = []
    group = None
    for r in rules:
        if r.group != group:
            group = r.group
            if out:
                out.append("")
            title = GROUP_TITLES.get(group)
            out.append(f"{group} — {title.text(lang)}" if title else group)
        out.append(f"  {r.code:<{wcode}}  {r.name:<{wname}}  {r.level.label:<7}  {r.title.text(lang)}".rstrip())
    out.append("")
    out.append(f"{len(rules)} {_labels(lang)['count']}")
    return "\n".join(out) + "\n"


def format_rule(rule, lang: str = "id") -> str:
    """The full explanation of one rule."""
    from sopc.rules import GROUP_TITLES

    lab = _labels(lang)
    gt = GROUP_TITLES.get(rule.group)
    out = [
        f"{rule.code} {rule.name}: {rule.title.text(lang)}",
        "",
        f"{lab['group']}: {rule.group}" + (f" ({gt.text(lang)})" if gt else ""),
        f"{lab['level']}: {rule.level.label}",
    ]
    if rule.options:
        out.append(f"{lab['options']}:")
        for k, v in rule.options.items():
            out.append(f"  {k}: {option_text(v)}")
    else:
        out.append(f"{lab['options']}: {lab['none']}")
    if rule.doc:
        out.append("")
        out.append(rule.doc.rstrip())
    return "\n".join(out) + "\n"


def suggestions(query: str, n: int = 3) -> list[str]:
    """Codes of the rules whose code or name is close to ``query``."""
    from sopc.rules import all_rules

    rules = all_rules()
    q = query.strip()
    by_code = {r.code.upper(): r.code for r in rules}
    by_name = {r.name.lower(): r.code for r in rules}
    hits: list[str] = []
    m = re.fullmatch(r"([A-Za-z]+)\s*-?\s*0*(\d+)", q)
    if m:  # "kj3", "KJ-3" -> KJ03; "e1" -> E001
        letters, digits = m.group(1).upper(), m.group(2)
        for width in (2, 3):
            cand = f"{letters}{digits.zfill(width)}"
            if cand in by_code:
                hits.append(cand)
    hits += difflib.get_close_matches(q.upper(), list(by_code), n=n, cutoff=0.5)
    hits += difflib.get_close_matches(q.lower(), list(by_name), n=n, cutoff=0.6)
    out: list[str] = []
    for h in hits:
        code = by_code.get(h) or by_name.get(h)
        if code and code not in out:
            out.append(code)
    return out[:n]


@click.command("rules", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("code", required=False)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="Bahasa / language.")
def command(code, lang):
    from sopc.rules import get_rule

    if not code:
        click.echo(format_list(lang), nl=False)
        return
    rule = get_rule(code)
    if rule is None:
        lab = _labels(lang)
        sugg = [f"{c} ({get_rule(c).name})" for c in suggestions(code)]
        hint = f"; {lab['mean']}: {', '.join(sugg)}?" if sugg else ""
        m = msg(
            f"sopc rules: {lab['unknown']} {code!r}{hint} ({lab['list']})",
            f"sopc rules: {lab['unknown']} {code!r}{hint} ({lab['list']})",
        )
        click.echo(m.text(lang), err=True)
        sys.exit(2)
    click.echo(format_rule(rule, lang), nl=False)
