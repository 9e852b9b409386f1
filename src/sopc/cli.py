"""Command-line entry point. Commands are loaded lazily so that ``sopc lint`` imports
only what linting needs (start-up time matters in a pre-commit hook).

Each command lives in ``sopc.commands.<name>`` as a click command named ``command``.
"""

from __future__ import annotations

import importlib
import sys

import click

from sopc import __version__

COMMANDS: dict[str, str] = {
    "lint": "sopc.commands.lint",
    "rules": "sopc.commands.rules",
    "schema": "sopc.commands.schema",
    "build": "sopc.commands.build",
    "stats": "sopc.commands.stats",
    "init": "sopc.commands.init",
    "new": "sopc.commands.new",
    "serve": "sopc.commands.serve",
    "import": "sopc.commands.import_",
    "doctor": "sopc.commands.doctor",
}

HELP = {
    "lint": "Periksa SOP terhadap delapan prinsip dan kebenaran diagram alir.",
    "rules": "Daftar aturan lint, atau penjelasan satu aturan.",
    "schema": "Cetak JSON Schema format SOP.",
    "build": "Susun dokumen resmi SOP (HTML, PDF) dan halaman repositori.",
    "stats": "Statistik per SOP dan per unit.",
    "init": "Buat repositori SOP baru.",
    "new": "Buat berkas SOP baru dengan nomor berikutnya.",
    "serve": "Sajikan situs secara lokal dan bangun ulang saat berkas berubah.",
    "import": "Impor PDF SOP bertanda tangan menjadi berkas SOP.",
    "doctor": "Periksa kesiapan mesin ini (Python, PDF, fon, Graphviz) dan cara memasang yang kurang.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        modname = COMMANDS.get(name)
        if modname is None:
            return None
        return importlib.import_module(modname).command

    def format_commands(self, ctx, formatter):
        rows = [(n, HELP.get(n, "")) for n in COMMANDS]
        with formatter.section("Perintah / Commands"):
            formatter.write_dl(rows)


def _print_version(ctx, _param, value):
    """``sopc --version``: sopc, Python, WeasyPrint/Pango/HarfBuzz and Graphviz versions."""
    if not value or ctx.resilient_parsing:
        return
    from sopc.core.environment import version_lines

    for line in version_lines():
        click.echo(line)
    ctx.exit(0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help=f"Versi sopc {__version__} dan pustakanya / versions of sopc and its libraries.")
def cli():
    """sopc: kompilator Standar Operasional Prosedur (SOP AP, PermenPANRB 35/2012).

    Tulis SOP sebagai YAML, periksa dengan `sopc lint`, terbitkan dengan `sopc build`.
    """


def main(argv=None):
    try:
        cli.main(args=argv, prog_name="sopc", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        click.echo("Dibatalkan.", err=True)
        sys.exit(130)
