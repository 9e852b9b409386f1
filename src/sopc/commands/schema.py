"""`sopc schema`: print the JSON Schema of the SOP format (or of sopc.yaml)."""

from __future__ import annotations

import click


@click.command("schema", help="Cetak JSON Schema format SOP (atau sopc.yaml dengan --config).\n\n"
               "Untuk editor (yaml-language-server), simpan ke berkas lalu tambahkan di baris pertama SOP:\n"
               "# yaml-language-server: $schema=./sop.schema.json")
@click.option("--config", "which", flag_value="config", help="Skema sopc.yaml, bukan skema SOP.")
@click.option("--sop", "which", flag_value="sop", default=True, hidden=True)
def command(which: str) -> None:
    from sopc.loader import schema

    click.echo(schema.dumps(schema.config_schema() if which == "config" else schema.sop_schema()), nl=False)
