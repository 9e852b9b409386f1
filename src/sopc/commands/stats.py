"""`sopc stats`: activities, actors, decisions, path times and hand-offs per SOP and unit."""

from __future__ import annotations

from pathlib import Path

import click

from sopc.core.diagnostics import msg
from sopc.core.i18n import language

HELP = """Statistik per SOP dan per unit: jumlah kegiatan, pelaksana, keputusan, serah terima
antarpelaksana, serta waktu jalur terpendek dan terpanjang.

Figures per SOP and unit: activities, actors, decisions, hand-offs, shortest and longest
path time. Data on stdout (--format text|json|csv)."""


def run(paths: list[Path], fmt: str, lang: str | None) -> int:
    from sopc import loader
    from sopc.site import stats

    try:
        res = loader.load_repository(paths or None)
    except loader.LoadError as exc:
        click.echo(f"sopc stats: {exc.message.text(lang or 'id')}", err=True)
        return 2
    lang = language(lang, res.repo.config)
    if res.config_errors:
        from sopc.lint.formatters import format_diagnostic
        for d in res.config_diagnostics:
            click.echo(format_diagnostic(d, lang), err=True)
        return 2
    rows = [stats.sop_stats(s, res.repo.config, lang) for s in res.targets if s.complete]
    rows.sort(key=lambda r: (r.unit, r.nomor))
    out = {"json": stats.format_json, "csv": stats.format_csv}.get(fmt)
    click.echo(out(rows) if out else stats.format_text(rows, lang), nl=False)
    skipped = [s.relpath for s in res.targets if not s.complete] + sorted({d.path for d in res.diagnostics})
    if skipped:
        m = msg(f"{len(set(skipped))} berkas dilewati karena kesalahan sumber (jalankan sopc lint)",
                f"{len(set(skipped))} files skipped because of source errors (run sopc lint)")
        click.echo(m.text(lang), err=True)
    return 0


@click.command("stats", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default=None)
def command(paths, fmt, lang):
    from sopc.commands import guarded

    guarded(lambda: run(list(paths), fmt, lang), "sopc stats", lang)
