"""`sopc new "Nama SOP"`: a new SOP file with the next free nomor and today's dates."""

from __future__ import annotations

from pathlib import Path

import click

HELP = """Buat berkas SOP baru dengan nomor berikutnya (mengikuti pola 'nomor' di sopc.yaml
dan nomor yang sudah ada), tanggal hari ini, dan kunci identitas yang perlu diisi.
Berkas langsung dapat dimuat; `sopc lint` menunjukkan apa yang masih harus diisi.

Create a new SOP file with the next free number and today's dates."""


def run(nama: str, unit: str | None, folder: Path | None, today: str | None) -> int:
    from sopc import loader
    from sopc.lint.context import resolve_today
    from sopc.build.scaffold import ScaffoldError, new_sop

    try:
        day = resolve_today(today)
    except ValueError:
        click.echo(f"sopc new: tanggal --today tidak sah: {today} (YYYY-MM-DD)", err=True)
        return 2
    try:
        res = loader.load_repository(None)
    except loader.LoadError as exc:
        click.echo(f"sopc new: {exc.message.id}", err=True)
        return 2
    if res.config_errors:
        from sopc.lint.formatters import format_diagnostic
        for d in res.config_diagnostics:
            click.echo(format_diagnostic(d, "id"), err=True)
        return 2
    try:
        path = new_sop(nama, Path(res.root), res.repo.config, [s.nomor for s in res.repo.sops], day,
                       unit, folder)
    except (ScaffoldError, OSError) as exc:
        text = exc.message.id if isinstance(exc, ScaffoldError) else (exc.strerror or str(exc))
        click.echo(f"sopc new: {text}", err=True)
        return 2
    click.echo(str(path))
    return 0


@click.command("new", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("nama")
@click.option("--unit", default=None, help="Unit kerja (wajib bila sopc.yaml memuat beberapa unit).")
@click.option("--path", "folder", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder tujuan (bawaan: folder unit).")
@click.option("--today", metavar="YYYY-MM-DD", default=None, help="Tanggal 'hari ini'.")
def command(nama, unit, folder, today):
    from sopc.commands import guarded

    guarded(lambda: run(nama, unit, folder, today), "sopc new", "id")
