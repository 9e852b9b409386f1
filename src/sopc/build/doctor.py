"""``sopc doctor``: is this machine ready to lint and build SOPs?

:func:`run_checks` checks Python, sopc and its dependencies, WeasyPrint with Pango and
HarfBuzz (PDF), the bundled fonts and the official templates, Graphviz (the repository
pages' graphs), and write access to the cache and output folders of the repository at
``path``. Each :class:`Check` that fails carries the exact commands that fix it on this
kind of machine (apt, dnf, brew, MSYS2, ...; :mod:`sopc.core.environment`).
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from sopc import __version__
from sopc.core import environment as env
from sopc.core.assets import FONT_DIR, FONT_FILES, PACKAGE_DIR, template_root
from sopc.core.diagnostics import Message, msg

MIN_PYTHON = (3, 11)
MIN_PANGO = (1, 44)        # WeasyPrint's documented minimum
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO")
_PY = msg("Python", "Python")


@dataclass
class Check:
    """One line of the report: what was checked, what was found, and when something is
    missing, why and the commands that install it."""

    what: Message
    found: str
    ok: bool = True
    problem: Message | None = None
    fix: tuple[str, ...] = field(default_factory=tuple)
    note: Message | None = None      # shown after what was found, also when ok


def _vtuple(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text.split("+")[0])[:3])


def _reinstall_sopc() -> tuple[str, ...]:
    return (env.pip_install_command("--force-reinstall", f"sopc=={__version__}"),)


def check_python() -> Check:
    v = ".".join(str(x) for x in sys.version_info[:3])
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check(_PY, f"{v} ({sys.executable})")
    need = ".".join(map(str, MIN_PYTHON))
    return Check(_PY, v, False, msg(f"sopc membutuhkan Python {need} atau lebih baru",
                                    f"sopc needs Python {need} or newer"),
                 ("https://www.python.org/downloads/",))


def check_sopc() -> Check:
    return Check(msg("sopc", "sopc"), f"{__version__} ({PACKAGE_DIR})")


_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:>=\s*([0-9][0-9.]*))?")


def requirements() -> list[tuple[str, str | None]]:
    """sopc's run-time dependencies as (name, minimum version) from its installed
    metadata (empty when sopc runs from a checkout that was never installed)."""
    try:
        reqs = metadata.requires("sopc") or []
    except metadata.PackageNotFoundError:
        return []
    out = []
    for r in reqs:
        if "extra ==" in r.replace('"', "").replace("'", ""):
            continue
        m = _REQ.match(r)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def check_dependencies() -> Check:
    found, missing = [], []
    for name, minimum in requirements():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(f"{name}>={minimum}" if minimum else name)
            continue
        if minimum and _vtuple(have) < _vtuple(minimum):
            missing.append(f"{name}>={minimum}")
        found.append(f"{name} {have}")
    what = msg("Dependensi Python", "Python dependencies")
    if not missing:
        return Check(what, ", ".join(found) or "-")
    names = ", ".join(missing)
    return Check(what, ", ".join(found) or "-", False,
                 msg(f"paket belum terpasang atau terlalu lama: {names}",
                     f"packages missing or too old: {names}"),
                 (env.pip_install_command(*missing),))


def check_pdf(probe: env.Probe) -> Check:
    what = msg("PDF (WeasyPrint, Pango, HarfBuzz)", "PDF (WeasyPrint, Pango, HarfBuzz)")
    v = probe.versions
    if probe.package_missing:
        return Check(what, "-", False, msg("paket Python WeasyPrint belum terpasang",
                                           "the Python package WeasyPrint is not installed"),
                     (env.pip_install_command("weasyprint>=62"),))
    if not probe.ok:
        lib = env.missing_library(probe.error)
        try:
            have = metadata.version("weasyprint")
        except metadata.PackageNotFoundError:
            have = "?"
        return Check(what, f"WeasyPrint {have}", False,
                     msg(f"pustaka sistem {lib} tidak ditemukan ({probe.error})",
                         f"the system library {lib} was not found ({probe.error})"),
                     env.pdf_install_commands())
    found = f"WeasyPrint {v.get('weasyprint')}, Pango {v.get('pango')}, HarfBuzz {v.get('harfbuzz', '?')}"
    if _vtuple(v.get("pango", "0")) < MIN_PANGO:
        need = ".".join(map(str, MIN_PANGO))
        return Check(what, found, False, msg(f"Pango {need} atau lebih baru dibutuhkan",
                                             f"Pango {need} or newer is needed"),
                     env.pdf_install_commands())
    return Check(what, found)


def check_graphviz(probe: env.Probe) -> Check:
    what = msg("Graphviz (grafik halaman repositori)", "Graphviz (repository page graphs)")
    v = probe.versions
    if probe.ok:
        return Check(what, f"Graphviz {v.get('graphviz', '?')} (pygraphviz {v.get('pygraphviz')})")
    fix = (env.pip_install_command("--force-reinstall", "pygraphviz>=2.0.4"),)
    return Check(what, v.get("pygraphviz", "-"), False,
                 msg(f"Graphviz tidak dapat menggambar grafik ({probe.error})",
                     f"Graphviz cannot draw graphs ({probe.error})"), fix)


def check_fonts() -> Check:
    what = msg("Fon bawaan", "Bundled fonts")
    bad = []
    for name in FONT_FILES:
        try:
            head = (FONT_DIR / name).read_bytes()[:4]
        except OSError:
            head = b""
        if head not in _FONT_MAGIC:
            bad.append(name)
    try:      # the advance widths layout reads (sopc.layout.metrics)
        json.loads((FONT_DIR / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        bad.append("metrics.json")
    if not bad:
        return Check(what, f"{', '.join(FONT_FILES)} ({FONT_DIR})")
    names = ", ".join(bad)
    return Check(what, str(FONT_DIR), False, msg(f"berkas fon hilang atau rusak: {names}",
                                                 f"font files missing or damaged: {names}"),
                 _reinstall_sopc())


def check_templates() -> Check:
    what = msg("Templat resmi", "Official templates")
    root = template_root()
    needed = ("sop.html.j2", "sopc.css", "init/workflow.yml.tmpl")
    gone = [n for n in needed if not (root / n).is_file()]
    if not gone:
        return Check(what, str(root))
    names = ", ".join(gone)
    return Check(what, str(root), False, msg(f"templat hilang: {names}", f"templates missing: {names}"),
                 _reinstall_sopc())


def unwritable(folder: Path) -> str | None:
    """Why ``folder`` (or, when it does not exist yet, the nearest existing folder above
    it, where it would be made) cannot be written; None when it can. Writes and removes
    one temporary file; creates no folder."""
    p = Path(folder).absolute()
    while not p.exists() and p.parent != p:
        p = p.parent
    if not p.is_dir():
        return f"{p} is not a folder"
    try:
        with tempfile.TemporaryFile(dir=p, prefix=".sopc-doctor-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def repository_folders(path: Path) -> tuple[Path, Path, Path | None]:
    """(cache folder, output folder, repository root or None) for ``path``."""
    from sopc import loader
    from sopc.loader.index_cache import CACHE_DIR

    root = loader.find_root(path)
    base = root if root is not None else path.absolute()
    keluaran = "_site"
    if root is not None:
        config, diags = loader.load_config(root)
        if not diags and config.keluaran:
            keluaran = config.keluaran
    return base / CACHE_DIR, base / keluaran, root


def check_folder(what: Message, folder: Path) -> Check:
    why = unwritable(folder)
    if why is None:
        return Check(what, str(folder))
    return Check(what, str(folder), False,
                 msg(f"tidak dapat menulis ke {folder}: {why}", f"cannot write to {folder}: {why}"),
                 (f"chmod u+w {folder}" if sys.platform != "win32" else f'icacls "{folder}" /grant %USERNAME%:M',))


_KEY_COMMAND = 'export SOPC_CACHE_KEY="$(python3 -c \'import secrets; print(secrets.token_hex(32))\')"'
_KEY_COMMAND_WINDOWS = 'for /f %k in (\'py -c "import secrets; print(secrets.token_hex(32))"\') do setx SOPC_CACHE_KEY %k'


def check_cache_key() -> Check:
    """The secret that seals .sopc-cache entries (sopc.cache.store): SOPC_CACHE_KEY, or a
    private file in the user's cache folder that sopc can create. In CI without the
    variable a restored cache is not trusted (everything is rebuilt): said, not failed."""
    import os

    from sopc.cache.store import KEY_ENV, key_file

    what = msg("Kunci cache", "Cache key")
    if os.environ.get(KEY_ENV):
        return Check(what, KEY_ENV)
    try:
        path = key_file()
    except (RuntimeError, OSError) as exc:
        path, why = None, str(exc)
    else:
        why = None if path.is_file() else unwritable(path.parent)
    if why is not None:
        return Check(what, str(path or "-"), False,
                     msg(f"kunci cache tidak dapat dibuat ({why}); setel {KEY_ENV} (32+ karakter acak)",
                         f"the cache key cannot be made ({why}); set {KEY_ENV} (32+ random characters)"),
                     (_KEY_COMMAND_WINDOWS if sys.platform == "win32" else _KEY_COMMAND,))
    note = None
    if os.environ.get("CI"):
        note = msg(f"(CI tanpa {KEY_ENV}: cache dari run sebelumnya tidak dipakai)",
                   f"(CI without {KEY_ENV}: the cache of earlier runs is not used)")
    return Check(what, str(path), note=note)


def check_ocr() -> Check:
    """Tesseract with Indonesian data: optional, for `sopc import` of procedure tables
    stored as JPEG; never a missing item, a note says how to add it."""
    from sopc.importer import ocr

    what = msg("OCR (sopc import, tabel JPEG; opsional)", "OCR (sopc import, JPEG tables; optional)")
    if ocr.available():
        return Check(what, "tesseract + ind")
    return Check(what, "-", note=ocr.GUIDANCE)


def run_checks(path: Path) -> list[Check]:
    """Every check, in the order of the report."""
    pdf, graphviz = env.probe_all()
    cache, out, _root = repository_folders(Path(path))
    return [
        check_python(),
        check_sopc(),
        check_dependencies(),
        check_pdf(pdf),
        check_fonts(),
        check_templates(),
        check_graphviz(graphviz),
        check_folder(msg("Folder cache", "Cache folder"), cache),
        check_folder(msg("Folder keluaran", "Output folder"), out),
        check_cache_key(),
        check_ocr(),
    ]
