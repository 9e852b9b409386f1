"""MkDocs hook: the pictures of the documentation are made by the build, from the
tutorial's own SOP, so that they always show what sopc draws today.

The hook follows docs/tutorial.md as a reader would (halaman.tutorial_run: every command
and file of the page, in order, in a temporary folder, ending with ``sopc build --pdf``),
then turns the pages of the built PDFs into PNG files of the site:

    gambar/identitas.png       page 1 of the SOP (identity page)
    gambar/prosedur-N.png      the procedure pages
    gambar/monitoring.png      the monitoring form of the unit
    gambar/evaluasi.png        the evaluation form of the unit
    gambar/daftar-sop.png      the site's Daftar SOP page (_site/index.html) as a reader's
                               browser shows it, laid out by WeasyPrint (screen media, a
                               window-sized page) so that no browser is needed

No picture is committed; a tutorial step that fails fails the site build.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import halaman  # noqa: E402

SCALE = 1.6   # 72 dpi * 1.6 = 115 dpi: legible on screen, small files


def _png(pdf: Path, index: int) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[index].render(scale=SCALE).to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        return buf.getvalue()
    finally:
        doc.close()


def _html_png(html: Path, width: int = 1100) -> bytes:
    """A page of the built site as a screen shows it: WeasyPrint lays it out for the
    screen on one window-wide page, cropped to its content."""
    import pypdfium2 as pdfium
    import weasyprint
    from PIL import ImageChops

    css = weasyprint.CSS(string=f"@page {{ size: {width}px 3000px; margin: 0 }}")
    pdf = weasyprint.HTML(filename=str(html), media_type="screen").write_pdf(stylesheets=[css])
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=1.0).to_pil().convert("RGB")
    finally:
        doc.close()
    white = image.copy()
    white.paste((255, 255, 255), (0, 0) + image.size)
    box = ImageChops.difference(image, white).getbbox()
    if box:
        image = image.crop((0, 0, image.width, min(image.height, box[3] + 16)))
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def pictures() -> dict[str, bytes]:
    """Follow the tutorial and return the site's pictures (name -> PNG bytes)."""
    import yaml

    from sopc.core.text import slugify

    run = halaman.tutorial_run()
    # The SOP the reader wrote last is the one the pictures show.
    name, text = list(run.files.items())[-1]
    nomor = yaml.safe_load(text)["nomor"]
    site = run.cwd / "_site"
    found = sorted(site.rglob(slugify(nomor) + ".pdf"))
    if not found:
        raise halaman.StepError(f"the tutorial built no PDF for {nomor} ({name}) in {site}")
    pdf = found[0]
    out = {"gambar/identitas.png": _png(pdf, 0)}
    for i in range(1, _page_count(pdf)):
        out[f"gambar/prosedur-{i}.png"] = _png(pdf, i)
    for form in ("monitoring", "evaluasi"):
        forms = sorted((site / "formulir").glob(form + "-*.pdf"))
        if forms:
            out[f"gambar/{form}.png"] = _png(forms[0], 0)
    out["gambar/daftar-sop.png"] = _html_png(site / "index.html")
    return out


def on_files(files, config):
    from mkdocs.structure.files import File

    for name, data in pictures().items():
        files.append(File.generated(config, name, content=data))
    return files
