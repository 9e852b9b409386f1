"""`sopc init [DIR]`: a new SOP repository."""

from __future__ import annotations

from pathlib import Path

import click

HELP = """Buat repositori SOP baru: sopc.yaml, satu contoh SOP, konfigurasi pre-commit,
alur kerja GitHub Actions dan GitLab CI (memasang sopc versi ini, atau dari --pasang),
.gitignore dan README untuk tim penyusun.

Create a new SOP repository (asks for the agency's names unless --yes)."""


def run(folder: Path, yes: bool, instansi: str | None, satuan_kerja: str | None, unit: str | None,
        force: bool, today: str | None, pasang: str | None = None) -> int:
    from sopc.lint.context import resolve_today
    from sopc.build.scaffold import InitAnswers, ScaffoldError, init_repository

    d = InitAnswers()
    if yes:
        answers = InitAnswers(instansi or d.instansi, satuan_kerja or d.satuan_kerja, unit or d.unit)
    else:
        answers = InitAnswers(
            instansi or click.prompt("Nama instansi", default=d.instansi),
            satuan_kerja or click.prompt("Satuan kerja", default=d.satuan_kerja),
            unit or click.prompt("Unit kerja pertama", default=d.unit),
        )
    try:
        day = resolve_today(today)
    except ValueError:
        click.echo(f"sopc init: tanggal --today tidak sah: {today} (YYYY-MM-DD)", err=True)
        return 2
    try:
        written = init_repository(folder, answers, day, force, pasang)
    except (ScaffoldError, OSError) as exc:
        text = exc.message.id if isinstance(exc, ScaffoldError) else (exc.strerror or str(exc))
        click.echo(f"sopc init: {text}", err=True)
        return 2
    for p in written:
        click.echo(str(p))
    from sopc.build.scaffold import install_spec, installed_from

    if pasang is None and str(installed_from().get("url", "")).startswith("file:"):
        from sopc.core.diagnostics import msg

        spec = install_spec()
        click.echo(msg(f"catatan: sopc ini dipasang dari folder lokal; CI akan memasang {spec} dari indeks "
                       f"paket. Bila versi itu belum terbit, jalankan lagi dengan --paksa --pasang \"git+https://…\".",
                       f"note: this sopc was installed from a local folder; CI will install {spec} from the "
                       f"package index. If that version is not published, run again with --paksa --pasang "
                       f"\"git+https://…\".").text("id"), err=True)
    click.echo(f"Repositori SOP dibuat di {folder}. Langkah berikutnya: cd {folder} && sopc lint", err=True)
    return 0


@click.command("init", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--yes", "-y", is_flag=True, help="Jangan bertanya; pakai nilai bawaan / ask nothing.")
@click.option("--instansi", default=None, help="Nama instansi.")
@click.option("--satuan-kerja", default=None, help="Satuan kerja.")
@click.option("--unit", default=None, help="Unit kerja pertama.")
@click.option("--paksa", is_flag=True, help="Timpa berkas yang sudah ada / overwrite existing files.")
@click.option("--today", metavar="YYYY-MM-DD", default=None, help="Tanggal 'hari ini'.")
@click.option("--pasang", metavar="SUMBER", default=None,
              help="Sumber sopc untuk CI, mis. \"git+https://…\" (bawaan: sopc==versi ini dari indeks paket) / "
                   "where CI installs sopc from.")
def command(folder, yes, instansi, satuan_kerja, unit, paksa, today, pasang):
    from sopc.commands import guarded

    guarded(lambda: run(folder, yes, instansi, satuan_kerja, unit, paksa, today, pasang), "sopc init", "id")
