"""``sopc import SOURCE... --out DIR``: turn an agency's signed SOP PDFs into SOP source
files (one ``<unit>/<nomor>.sop.yaml`` each, plus ``sopc.yaml`` when missing).

The report goes to stderr (text) or stdout (``--format json``: one object per source).
Exit codes: 0 every source produced a file, 1 any failed, 2 usage.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from sopc.core.diagnostics import msg

HELP = """Impor PDF SOP bertanda tangan menjadi berkas SOP (*.sop.yaml).

Import signed SOP PDFs as SOP source files.

SOURCE: berkas PDF atau folder (dicari *.pdf secara rekursif). Nilai yang tidak pasti
diberi komentar '# periksa: ...'. Lanjutkan dengan 'sopc lint DIR' lalu 'sopc build DIR'.

Kode keluar / exit codes: 0 semua sumber menghasilkan berkas, 1 ada yang gagal,
2 kesalahan penggunaan."""

STATUS = {"ok": ("ok", "ok"), "review": ("periksa", "review"), "failed": ("gagal", "failed")}


def _err(text: str) -> None:
    click.echo(text, err=True)


def run(sources: list[Path], out: Path, fmt: str = "text", jobs: int | None = None,
        overwrite: bool = False, lang: str | None = None) -> int:
    from sopc.importer.batch import read_all, sources_of, write_all

    lang = lang or "id"
    files, missing = sources_of(sources)
    if missing:
        for p in missing:
            _err(msg(f"sopc import: sumber tidak ada: {p}", f"sopc import: no such source: {p}").text(lang))
        return 2
    if not files:
        _err(msg("sopc import: tidak ada berkas PDF pada sumber yang diberikan",
                 "sopc import: no PDF file in the given sources").text(lang))
        return 2
    if out.exists() and not out.is_dir():
        _err(msg(f"sopc import: --out bukan folder: {out}", f"sopc import: --out is not a folder: {out}").text(lang))
        return 2
    if jobs is None:
        from sopc.core.workers import default_jobs

        jobs = default_jobs()
    start = time.monotonic()
    progress = _progress(lang) if len(files) >= 20 else None
    results = read_all([str(f) for f in files], max(1, min(jobs, len(files))), progress)
    wrote_cfg = write_all(results, out, overwrite, lang)
    if fmt == "json":
        click.echo(json.dumps([r.as_json(lang) for r in results], ensure_ascii=False, indent=2))
    else:
        for r in results:
            _report_line(r, lang)
    _summary(results, out, wrote_cfg, time.monotonic() - start, lang)
    return 1 if any(r.status == "failed" for r in results) else 0


def _progress(lang: str):
    state = {"last": 0.0}

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - state["last"] > 1.0:
            state["last"] = now
            _err(msg(f"sopc import: {done}/{total} dokumen dibaca", f"sopc import: {done}/{total} documents read").text(lang))

    return show


def _report_line(r, lang: str) -> None:
    st = STATUS[r.status][0 if lang == "id" else 1]
    data = r.as_json(lang)
    head = f"{st:8} {r.source}"
    if r.output and r.status != "failed":
        head += f" -> {r.output}"
        head += msg(f" ({r.activities} kegiatan, {r.pages} halaman)",
                    f" ({r.activities} activities, {r.pages} pages)").text(lang)
    _err(head)
    for n in data["notes"]:
        _err(f"         - {n}")


def _summary(results, out: Path, wrote_cfg: bool, secs: float, lang: str) -> None:
    n = {k: sum(1 for r in results if r.status == k) for k in STATUS}
    text = msg(
        f"Selesai: {len(results)} PDF, {n['ok']} ok, {n['review']} perlu diperiksa, {n['failed']} gagal "
        f"({secs:.1f} dtk).",
        f"Done: {len(results)} PDFs, {n['ok']} ok, {n['review']} to review, {n['failed']} failed ({secs:.1f} s).",
    ).text(lang)
    if wrote_cfg:
        text += msg(f" {out / 'sopc.yaml'} dibuat.", f" {out / 'sopc.yaml'} written.").text(lang)
    if n["ok"] + n["review"]:
        text += msg(f" Lanjutkan: sopc lint {out}", f" Next: sopc lint {out}").text(lang)
    _err(text)


@click.command("import", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out", required=True, type=click.Path(path_type=Path),
              help="Folder repositori tujuan / target repository folder.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format laporan / report format.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Jumlah proses (bawaan: jumlah inti) / worker processes (default: cores).")
@click.option("--timpa", is_flag=True, help="Timpa berkas yang sudah ada / overwrite existing files.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help="Bahasa pesan / message language.")
def command(sources, out, fmt, jobs, timpa, lang):
    from sopc.commands import guarded

    guarded(lambda: run(list(sources), out, fmt, jobs, timpa, lang), "sopc import", lang)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(command())
