"""``sopc doctor [PATH]``: is this machine ready? Prints one line per check and, for
what is missing, the exact commands that install it here. Exit codes: 0 ready,
1 something is missing, 2 usage."""

from __future__ import annotations

from pathlib import Path

import click

HELP = """Periksa kesiapan mesin ini: Python, sopc dan dependensinya, WeasyPrint/Pango/HarfBuzz
(PDF), fon bawaan, Graphviz, serta izin tulis folder cache dan keluaran. Yang kurang
ditampilkan beserta perintah pemasangannya untuk mesin ini.

Check that this machine is ready (Python, dependencies, PDF libraries, fonts, Graphviz,
write access) and print the install command for whatever is missing.

PATH: folder repositori SOP (bawaan: folder kerja).

Kode keluar / exit codes: 0 siap / ready, 1 ada yang kurang / something is missing,
2 penggunaan / usage."""


def run(path: Path, lang: str = "id") -> int:
    import platform

    from sopc.build.doctor import run_checks
    from sopc.core.diagnostics import msg
    from sopc.core.environment import machine

    if not path.exists():
        click.echo(msg(f"sopc doctor: jalur tidak ditemukan: {path}",
                       f"sopc doctor: path not found: {path}").text(lang), err=True)
        return 2
    checks = run_checks(path)
    label = msg("KURANG", "MISSING").text(lang)
    install = msg("Pasang: ", "Install: ").text(lang)
    click.echo(f"sopc doctor: {machine().label}, {platform.machine() or '?'}")
    for c in checks:
        note = f" {c.note.text(lang)}" if c.note is not None else ""
        click.echo(f"  {('ok' if c.ok else label).ljust(len(label))}  {c.what.text(lang)}: {c.found}{note}")
        if c.ok:
            continue
        pad = " " * (len(label) + 4)
        if c.problem is not None:
            click.echo(pad + c.problem.text(lang))
        for i, cmd in enumerate(c.fix):
            click.echo(pad + (install if i == 0 else " " * len(install)) + cmd)
    missing = sum(1 for c in checks if not c.ok)
    if missing == 0:
        click.echo(msg("Siap: sopc dapat memeriksa dan menyusun SOP, HTML dan PDF.",
                       "Ready: sopc can lint and build SOPs, HTML and PDF.").text(lang))
        return 0
    click.echo(msg(f"{missing} hal kurang; pasang dengan perintah di atas, lalu jalankan sopc doctor lagi.",
                   f"{missing} missing; install with the commands above, then run sopc doctor again.").text(lang))
    return 1


@click.command("doctor", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", help="Bahasa / language.")
def command(path, lang):
    from sopc.commands import guarded

    guarded(lambda: run(path, lang), "sopc doctor", lang)
