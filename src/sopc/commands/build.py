"""``sopc build [PATH]``: compile the official SOP documents and the repository pages.

Progress lines and findings go to stderr; nothing goes to stdout. Exit codes: 0 built
(no error-level finding, or ``--paksa``), 1 some SOPs were not built (error-level
findings, unreadable files), 2 configuration, usage or environment error (nothing
written; the previous output folder is untouched).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from sopc.loader import display_path
from sopc.core.diagnostics import Message, msg

HELP = """Susun dokumen resmi SOP (HTML, PDF) dan halaman repositori.

Build the official SOP documents (HTML, PDF) and the repository pages.

PATH: folder repositori SOP (atau berkas/folder di dalamnya); bawaan: folder kerja.
Keluaran ditulis utuh ke folder `keluaran` sopc.yaml (bawaan _site) atau --out;
build yang gagal tidak mengubah keluaran sebelumnya.

Kode keluar / exit codes: 0 berhasil, 1 ada SOP yang tidak disusun karena temuan
tingkat kesalahan (gunakan --paksa), 2 kesalahan konfigurasi, penggunaan atau
lingkungan (--pdf tanpa pustaka PDF: situs HTML tetap disusun; lihat sopc doctor)."""


def _err(text: str) -> None:
    click.echo(text, err=True)


def run(path: Path | None, out: Path | None = None, kertas: str | None = None,
        today: str | None = None, paksa: bool = False, pdf: bool = False, pdfa: bool = False,
        lang: str | None = None, jobs: int | None = None, quiet: bool = False) -> int:
    """The build command without click: prints on stderr and returns the exit code."""
    from sopc.build.pipeline import build
    from sopc.core.diagnostics import Level
    from sopc.lint.formatters import format_diagnostic

    bar = None if quiet else _Bar.on_terminal()

    def say(text: str) -> None:
        if quiet:
            return
        if bar is not None:
            bar.clear()
        _err(text)

    result = build([path] if path is not None else None, out=out, kertas=kertas, today=today,
                   paksa=paksa, lang=lang, pdf=pdf or pdfa, pdfa=pdfa, jobs=jobs, progress=say,
                   counter=bar.update if bar is not None else None)
    if bar is not None:
        bar.clear()
    lg = result.lang
    if result.up_to_date is not None:
        u = result.up_to_date
        if not quiet:
            _err(msg(f"Tidak ada perubahan sejak build terakhir: {display_path(result.out_dir)} sudah terkini "
                        f"({u.get('rendered', 0)} dokumen SOP; {u.get('errors', 0)} kesalahan, "
                        f"{u.get('warnings', 0)} peringatan).",
                    f"Nothing changed since the last build: {display_path(result.out_dir)} is up to date "
                    f"({u.get('rendered', 0)} SOP documents; {u.get('errors', 0)} errors, "
                    f"{u.get('warnings', 0)} warnings).").text(lg))
        return 0

    if result.exit_code == 2 and result.fatal is not None:
        for d in result.diagnostics:
            _err(format_diagnostic(d, lg))
        text = result.fatal.text(lg) if isinstance(result.fatal, Message) else ""
        _err(f"sopc build: {text}")
        return 2

    for m in result.messages:
        _err(msg("catatan: ", "note: ").text(lg) + m.text(lg))

    skipped = [p for p in result.pages if p.skipped_reason is not None]
    for d in result.unloaded:
        _err(format_diagnostic(d, lg))
    for p in skipped:
        _err(f"{p.sop.relpath}: {msg('tidak disusun', 'not built').text(lg)}: {p.skipped_reason.text(lg)}")
        for d in p.errors:
            _err("  " + format_diagnostic(d, lg))
    forced = [p for p in result.pages if p.forced]
    for p in forced:
        _err(f"{p.sop.relpath}: " + msg(f"disusun dengan --paksa meskipun ada {len(p.errors)} temuan tingkat kesalahan",
                                       f"built with --paksa despite {len(p.errors)} error-level findings").text(lg))

    n_done = len(result.rendered)
    warnings = sum(1 for d in result.diagnostics if d.level == Level.WARNING)
    errors = sum(1 for d in result.diagnostics if d.level >= Level.ERROR)
    where = display_path(result.out_dir) if result.out_dir else "-"
    if not quiet or result.exit_code:
        if lg == "en":
            line = (f"Done: {n_done} SOP documents built, {len(skipped)} skipped; "
                    f"{result.written} files written to {where}; {errors} errors, {warnings} warnings.")
        else:
            line = (f"Selesai: {n_done} dokumen SOP disusun, {len(skipped)} dilewati; "
                    f"{result.written} berkas ditulis ke {where}; {errors} kesalahan, {warnings} peringatan.")
        _err(line)
    if result.pdf_missing is not None:
        _err(f"sopc build: {result.pdf_missing.text(lg)}")
    return result.exit_code


class _Bar:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.shown = False

    @classmethod
    def on_terminal(cls) -> "_Bar | None":
        stream = sys.stderr
        try:
            if not stream.isatty() or os.environ.get("TERM") == "dumb":
                return None
        except (AttributeError, ValueError):
            return None
        return cls(stream)

    def update(self, done: int, total: int) -> None:
        if total <= 0:
            return
        filled = int(self.WIDTH * done / total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.WIDTH + 24) + "\r")
            self.stream.flush()
            self.shown = False


@click.command("build", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="DIR",
              help="Folder keluaran (bawaan: 'keluaran' di sopc.yaml, _site) / output folder.")
@click.option("--kertas", type=click.Choice(["A4", "F4", "Letter", "Legal"], case_sensitive=False), default=None,
              help="Ukuran kertas bila SOP dan sopc.yaml tidak menentukannya / paper size fallback.")
@click.option("--today", metavar="YYYY-MM-DD", default=None, help="Tanggal 'hari ini' / the date taken as today.")
@click.option("--paksa", is_flag=True,
              help="Susun juga SOP yang memiliki temuan tingkat kesalahan / build SOPs with error findings too.")
@click.option("--pdf", is_flag=True, help="Tulis juga PDF / also write PDFs.")
@click.option("--pdfa", is_flag=True, help="Tulis PDF/A-3b untuk arsip / write PDF/A-3b for archiving.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Bahasa dokumen dan pesan (bawaan: 'bahasa' di sopc.yaml) / document and message language.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Jumlah proses paralel (bawaan: jumlah inti) / parallel jobs.")
@click.option("--quiet", "-q", is_flag=True, help="Tanpa baris kemajuan / no progress lines.")
def command(path, out, kertas, today, paksa, pdf, pdfa, lang, jobs, quiet):
    from sopc.commands import guarded

    guarded(lambda: run(path, out, kertas, today, paksa, pdf, pdfa, lang, jobs, quiet), "sopc build", lang)
