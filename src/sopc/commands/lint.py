"""``sopc lint [PATH...]``: check SOPs against the eight principles and the flowchart
rules, and report the findings (text, JSON, SARIF, GitHub workflow commands or a GitLab Code
Quality report).

Data (the findings, the ``--statistik`` table in text mode) goes to stdout; talk (the
summary, baseline notes, errors) to stderr. Exit codes: 0 no error-level finding,
1 error-level findings (any finding with ``--strict``), 2 usage, configuration or
environment error. Only what linting needs is imported (start-up time matters in a
pre-commit hook): no Jinja2, WeasyPrint, Graphviz or fontTools here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from sopc.core.diagnostics import Diagnostic, Level, Message, Report, msg
from sopc.core.i18n import language
from sopc.lint.formatters import FORMATS as FORMAT_CHOICES

HELP = """Periksa SOP terhadap delapan prinsip SOP AP dan kebenaran diagram alir.

Check SOPs against the eight SOP AP principles and flowchart correctness.

PATH: berkas *.sop.yaml atau folder; tanpa PATH, seluruh repositori (folder yang
memuat sopc.yaml, dicari dari folder kerja ke atas).

Kode keluar / exit codes: 0 tanpa kesalahan, 1 ada temuan tingkat error (atau temuan
apa pun dengan --strict), 2 kesalahan penggunaan, konfigurasi atau lingkungan."""


class _Exit(Exception):
    """Leave the command with an exit code after printing a message on stderr."""

    def __init__(self, code: int, message: Message | None = None):
        super().__init__(code)
        self.code = code
        self.message = message


def _err(text: str) -> None:
    click.echo(text, err=True)


def _use_color(option: bool | None) -> bool:
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _today(text: str | None):
    from sopc.lint.context import resolve_today

    try:
        return resolve_today(text)
    except (ValueError, OverflowError, OSError):
        if text:
            raise _Exit(
                2,
                msg(
                    f"sopc lint: nilai --today tidak sah: {text!r}; gunakan tanggal "
                    "YYYY-MM-DD, misalnya 2026-06-01. Coba 'sopc lint --help'.",
                    f"sopc lint: invalid --today value: {text!r}; use a date "
                    "YYYY-MM-DD, e.g. 2026-06-01. Try 'sopc lint --help'.",
                ),
            ) from None
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        raise _Exit(
            2,
            msg(
                f"sopc lint: SOURCE_DATE_EPOCH tidak sah: {epoch!r}; harus bilangan bulat "
                "detik sejak 1970-01-01 UTC.",
                f"sopc lint: invalid SOURCE_DATE_EPOCH: {epoch!r}; it must be an integer "
                "number of seconds since 1970-01-01 UTC.",
            ),
        ) from None


def _sarif_levels(config) -> dict:
    from sopc.rules import resolve_code

    levels = {}
    for code, rc in (getattr(config, "aturan", None) or {}).items():
        lv = getattr(rc, "level", None)
        if not lv:
            continue
        try:
            levels[resolve_code(code) or code] = Level.parse(lv)
        except ValueError:
            continue
    return levels


def run(
    paths: list[Path],
    fmt: str = "text",
    strict: bool = False,
    lang: str | None = None,
    today: str | None = None,
    baseline: Path | None = None,
    statistik: bool = False,
    quiet: bool = False,
    color: bool | None = None,
    jobs: int | None = None,
) -> int:
    """The lint command without click: prints and returns the exit code."""
    lang_hint = lang or "id"
    try:
        return _run(paths, fmt, strict, lang, today, baseline, statistik, quiet, color, jobs)
    except _Exit as exc:
        if exc.message is not None:
            _err(exc.message.text(lang_hint))
        return exc.code


def _run(paths, fmt, strict, lang, today, baseline, statistik, quiet, color, jobs=None) -> int:
    from sopc import loader

    lang_hint = lang or "id"
    today_date = _today(today)

    try:
        plan = loader.plan_repository(list(paths))
    except loader.LoadError as exc:
        m = getattr(exc, "message", None)
        if not isinstance(m, Message) and exc.args and isinstance(exc.args[0], Message):
            m = exc.args[0]
        text = m.text(lang_hint) if isinstance(m, Message) else str(exc)
        raise _Exit(2, msg(f"sopc lint: {text}", f"sopc lint: {text}")) from None

    config = plan.config
    lang = language(lang, config)

    use_color = _use_color(color) and fmt == "text"
    report = Report(strict=strict)
    report.files = len(plan.wanted)

    if plan.config_diagnostics:
        report.extend(plan.config_diagnostics)
        report.fatal()
        _emit(fmt, report.diagnostics, lang, use_color, plan, {})
        if not quiet:
            _err(_summary(report, lang))
        return 2

    from sopc.lint.parallel import load_and_lint

    run = load_and_lint(plan, today_date, lang, jobs)
    repo = run.repo
    targets = run.targets
    result = plan
    all_diags = [d for d in run.load_diagnostics if d.level > Level.OFF]
    all_diags += [d for d in run.rule_diagnostics if d.level > Level.OFF]
    all_diags.sort(key=Diagnostic.sort_key)

    by_path = {s.relpath: s for s in repo.sops}
    shown = all_diags
    note = None
    if baseline is not None:
        from sopc.lint import baseline as bl

        try:
            res = bl.apply(Path(baseline), all_diags, Path(result.root), by_path)
        except bl.BaselineError as exc:
            raise _Exit(2, msg(f"sopc lint: {exc.message.id}", f"sopc lint: {exc.message.en}")) from None
        shown = res.diagnostics
        note = res.note(lang)

    report.extend(shown)
    _emit(fmt, report.diagnostics, lang, use_color, result, by_path, config)

    if statistik:
        from sopc.lint import compliance as st

        table = st.format_table(st.compute(targets, all_diags), lang)
        if fmt == "text":
            click.echo(("\n" if report.diagnostics else "") + table, nl=False)
        else:
            click.echo(table, nl=False, err=True)

    if not quiet:
        if note:
            _err(note)
        _err(_summary(report, lang))
    return report.exit_code


def _summary(report: Report, lang: str) -> str:
    from sopc.lint.formatters import format_summary

    return format_summary(report.files, report.diagnostics, lang)


def _emit(fmt, diags, lang, use_color, result, by_path, config=None) -> None:
    from sopc.lint import formatters

    if fmt in ("sarif", "gitlab"):
        from sopc.lint.baseline import content_key

        keys = {id(d): content_key(d, by_path.get(d.path)) for d in diags}
    if fmt == "sarif":
        out = formatters.format_sarif(
            diags, lang, keys=keys, levels=_sarif_levels(config) if config is not None else None
        )
    elif fmt == "gitlab":
        out = formatters.format_diagnostics(fmt, diags, lang, keys=keys)
    else:
        out = formatters.format_diagnostics(fmt, diags, lang, color=use_color)
    if out:
        click.echo(out, nl=False, color=use_color)


@click.command("lint", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="text", show_default=True,
    help="Format keluaran / output format.",
)
@click.option("--strict", is_flag=True, help="Temuan tingkat apa pun membuat kode keluar 1 / any finding exits 1.")
@click.option(
    "--lang", type=click.Choice(["id", "en"]), default=None,
    help="Bahasa pesan (bawaan: 'bahasa' di sopc.yaml, atau id) / message language.",
)
@click.option("--today", metavar="YYYY-MM-DD", default=None, help="Tanggal 'hari ini' / the date taken as today.")
@click.option(
    "--baseline", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
    help="Rekam temuan saat ini (jika FILE belum ada), lalu laporkan hanya temuan baru / "
    "record current findings once, then report only new ones.",
)
@click.option("--statistik", is_flag=True, help="Tabel kepatuhan per prinsip / per-principle compliance table.")
@click.option("--quiet", "-q", is_flag=True, help="Tanpa ringkasan / no summary line.")
@click.option("--color/--no-color", default=None, help="Paksa warna / force colour on or off.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Jumlah proses (bawaan: jumlah inti) / worker processes (default: cores).")
def command(paths, fmt, strict, lang, today, baseline, statistik, quiet, color, jobs):
    from sopc.commands import guarded

    guarded(lambda: run(list(paths), fmt, strict, lang, today, baseline, statistik, quiet, color, jobs), "sopc", lang)
