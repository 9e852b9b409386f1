"""`sopc serve`: build, serve on 127.0.0.1, rebuild on change, reload the page."""

from __future__ import annotations

import time
from pathlib import Path

import click

HELP = """Susun situs, sajikan di http://127.0.0.1:PORT/, susun ulang saat berkas SOP,
sopc.yaml atau templat berubah, dan muat ulang halaman yang terbuka. Kesalahan susun
tampil di halaman. Hanya untuk komputer sendiri (127.0.0.1).

Build, serve locally, rebuild on change and reload the open page."""


def run(path: Path | None, port: int, out: Path | None, kertas: str | None, lang: str | None,
        paksa: bool, today: str | None) -> int:
    from sopc.lint.context import resolve_today
    from sopc.build.serve import Server

    try:
        day = resolve_today(today)
    except ValueError:
        click.echo(f"sopc serve: tanggal --today tidak sah: {today} (YYYY-MM-DD)", err=True)
        return 2
    try:
        server = Server(path, out, port, {"out": out, "kertas": kertas, "lang": lang, "paksa": paksa},
                        say=lambda t: click.echo(t, err=True), today=day)
    except OSError as exc:
        click.echo(f"sopc serve: tidak dapat membuka port {port}: {exc.strerror or exc}", err=True)
        return 2
    except RuntimeError as exc:
        click.echo(f"sopc serve: {exc}", err=True)
        return 2
    server.start()
    click.echo(f"Menyajikan {server.out_dir} di {server.url} (Ctrl+C untuk berhenti)", err=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        click.echo("Berhenti.", err=True)
    finally:
        server.stop()
    return 0


@click.command("serve", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="DIR")
@click.option("--kertas", type=click.Choice(["A4", "F4", "Letter", "Legal"], case_sensitive=False), default=None)
@click.option("--lang", type=click.Choice(["id", "en"]), default=None)
@click.option("--paksa", is_flag=True, help="Susun juga SOP yang memiliki temuan tingkat kesalahan.")
@click.option("--today", metavar="YYYY-MM-DD", default=None)
def command(path, port, out, kertas, lang, paksa, today):
    from sopc.commands import guarded

    guarded(lambda: run(path, port, out, kertas, lang, paksa, today), "sopc serve", lang)
