"""The Jinja environment and the per-SOP HTML document (OUTPUT.md §1).

:func:`environment` is the one template environment of a build: autoescaping for every
template, ``StrictUndefined``, and a loader that lets a ``templates/`` folder in the SOP
repository override a bundled template by name (an agency adds its letterhead without
forking sopc). The repository pages (``sopc.site``) render through the same
environment. A repository's templates come from whoever opened the pull request, so
every template, built-in or override, runs in :class:`Sandbox`, Jinja's
``ImmutableSandboxedEnvironment`` (no ``__globals__``, no private attributes, no
mutation of the context's lists and dicts) that also refuses every file-system method
of the paths the context holds (``sop.path``, ``config.root``: only pure path
operations such as ``name`` or ``parent``), and the loader reads only the two template
folders. :func:`template_problem`
turns a template's syntax error, undefined name or refused access into a configuration
message naming file:line.

:func:`render_sop` renders one SOP page from :func:`sop_context`. Source text is never
marked safe: the only ``Markup`` values are built here from escaped pieces (line breaks)
and the SVG of the layout engine, which escapes its own text.
"""

from __future__ import annotations

import io
import os
import types
from pathlib import Path, PurePath
from typing import Any, Iterable

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from sopc.core.assets import template_root
from sopc.core.diagnostics import Message, msg
from sopc.core.i18n import format_date
from sopc.core.nip import format_nip
from sopc.core.paper import PAPERS_MM, css_size
from markupsafe import Markup, escape

#: Printed labels, Indonesian and English (``bahasa``/``--lang``).
LABELS: dict[str, dict[str, str]] = {
    "id": {
        "sop": "Standar Operasional Prosedur",
        "nomor": "Nomor SOP",
        "tanggal_pembuatan": "Tanggal Pembuatan",
        "tanggal_revisi": "Tanggal Revisi",
        "tanggal_efektif": "Tanggal Efektif",
        "disahkan_oleh": "Disahkan oleh",
        "nip": "NIP",
        "nama": "Nama SOP",
        "dasar_hukum": "Dasar Hukum",
        "kualifikasi": "Kualifikasi Pelaksana",
        "keterkaitan": "Keterkaitan",
        "peralatan": "Peralatan/Perlengkapan",
        "peringatan": "Peringatan",
        "pencatatan": "Pencatatan dan Pendataan",
        "identitas": "Identitas SOP",
        "prosedur": "Prosedur",
        "halaman_prosedur": "Halaman prosedur",
        "dari": "dari",
        "halaman": "Halaman",
        "ringkasan": "Ringkasan",
        "jumlah_kegiatan": "Jumlah kegiatan",
        "jumlah_pelaksana": "Jumlah pelaksana",
        "waktu_terpendek": "Waktu jalur terpendek",
        "waktu_terpanjang": "Waktu jalur terpanjang",
        "batas_waktu": "Batas waktu (standar pelayanan)",
        "temuan": "Temuan pemeriksaan",
        "tidak_ada_temuan": "Tidak ada temuan pemeriksaan.",
        "kode": "Kode",
        "tingkat": "Tingkat",
        "pesan": "Pesan",
        "baris": "Baris",
        "tabel_teks": "Tabel prosedur (teks)",
        "tabel_caption": "Prosedur {nama}: kegiatan, pelaksana, mutu baku dan alur",
        "no": "No",
        "kegiatan": "Kegiatan",
        "pelaksana": "Pelaksana",
        "mutu_baku": "Mutu Baku",
        "kelengkapan": "Kelengkapan",
        "waktu": "Waktu",
        "output": "Output",
        "keterangan": "Keterangan",
        "ke": "Ke",
        "selesai": "Selesai",
        "kegiatan_n": "kegiatan {n}",
        "logo": "Logo {instansi}",
        "daftar_sop": "Daftar SOP",
        "navigasi": "Navigasi",
        "unduh_pdf": "Unduh PDF",
        "diagram_placeholder": "Diagram alir belum tersedia pada versi sopc ini; lihat tabel prosedur (teks) di bawah.",
        "diagram_label": "Diagram alir prosedur {nama}, halaman {n} dari {total}",
        "level_error": "kesalahan",
        "level_warning": "peringatan",
        "level_info": "info",
        "dipaksa": "Dokumen ini disusun meskipun ada temuan tingkat kesalahan (--paksa).",
    },
    "en": {
        "sop": "Standard Operating Procedure",
        "nomor": "SOP Number",
        "tanggal_pembuatan": "Date Drafted",
        "tanggal_revisi": "Revision Date",
        "tanggal_efektif": "Effective Date",
        "disahkan_oleh": "Approved by",
        "nip": "NIP",
        "nama": "SOP Title",
        "dasar_hukum": "Legal Basis",
        "kualifikasi": "Actor Qualifications",
        "keterkaitan": "Related SOPs",
        "peralatan": "Equipment/Supplies",
        "peringatan": "Warnings",
        "pencatatan": "Records and Data",
        "identitas": "SOP identity",
        "prosedur": "Procedure",
        "halaman_prosedur": "Procedure page",
        "dari": "of",
        "halaman": "Page",
        "ringkasan": "Summary",
        "jumlah_kegiatan": "Activities",
        "jumlah_pelaksana": "Actors",
        "waktu_terpendek": "Shortest path time",
        "waktu_terpanjang": "Longest path time",
        "batas_waktu": "Time limit (service standard)",
        "temuan": "Lint findings",
        "tidak_ada_temuan": "No lint findings.",
        "kode": "Code",
        "tingkat": "Level",
        "pesan": "Message",
        "baris": "Line",
        "tabel_teks": "Procedure table (text)",
        "tabel_caption": "Procedure {nama}: activities, actors, quality standards and flow",
        "no": "No",
        "kegiatan": "Activity",
        "pelaksana": "Actor",
        "mutu_baku": "Quality Standard",
        "kelengkapan": "Requirements",
        "waktu": "Time",
        "output": "Output",
        "keterangan": "Remarks",
        "ke": "Next",
        "selesai": "End",
        "kegiatan_n": "activity {n}",
        "logo": "Logo of {instansi}",
        "daftar_sop": "SOP list",
        "navigasi": "Navigation",
        "unduh_pdf": "Download PDF",
        "diagram_placeholder": "The flowchart is not available in this sopc version; see the procedure table (text) below.",
        "diagram_label": "Flowchart of procedure {nama}, page {n} of {total}",
        "level_error": "error",
        "level_warning": "warning",
        "level_info": "info",
        "dipaksa": "This document was built despite error-level findings (--paksa).",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS["en" if lang == "en" else "id"]


# --------------------------------------------------------------------------- filters


def text_lines(value: Any) -> list[str]:
    """The lines of a text value (a YAML block scalar keeps its line breaks); trailing
    blank lines dropped."""
    if value is None:
        return []
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def nl2br(value: Any) -> Markup:
    """Escape a text and keep its line breaks as ``<br>``. Never trusts the text."""
    if value.__class__ is str and "\n" not in value and "\r" not in value:   # one line
        return escape(value) if value.strip() else Markup("")
    return Markup("<br>\n").join(escape(line) for line in text_lines(value))


def or_dash(value: Any) -> Any:
    if value is None:
        return "-"
    if isinstance(value, str) and not value.strip():
        return "-"
    return value


# --------------------------------------------------------------------------- loader


class RepoTemplateLoader(BaseLoader):
    """Templates from ``<repo>/templates``: only regular files that really lie inside
    that folder (no ``..``, no absolute names, no symlink leaving it), and none at all
    when the folder itself is a symbolic link leading out of the repository."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def get_source(self, environment, template):
        base = self.folder
        if not base.is_dir():
            raise TemplateNotFound(template)
        parts = template.replace("\\", "/").split("/")
        if template.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise TemplateNotFound(template)
        try:
            real_base = base.resolve(strict=True)
            real_base.relative_to(base.parent.resolve(strict=True))   # templates/ not a link out
            path = base.joinpath(*parts).resolve(strict=True)
            path.relative_to(real_base)
        except (OSError, ValueError, RuntimeError):
            raise TemplateNotFound(template) from None
        if not path.is_file():
            raise TemplateNotFound(template)
        try:
            source = path.read_text(encoding="utf-8")
            mtime = path.stat().st_mtime
        except (OSError, UnicodeDecodeError):
            raise TemplateNotFound(template) from None

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate

    def list_templates(self):
        out = []
        base = self.folder
        if not base.is_dir():
            return out
        for dirpath, _dirs, files in os.walk(base):
            for f in files:
                rel = os.path.relpath(os.path.join(dirpath, f), base).replace(os.sep, "/")
                out.append(rel)
        return sorted(out)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, and no way to the file system or to a module through
    the objects of the context: on a concrete ``Path`` only what ``PurePath`` offers
    (``name``, ``stem``, ``parent``, ``as_posix``…; not ``read_text``, ``write_text``,
    ``open``, ``glob``, ``resolve``…), nothing on a file object or a module."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, Path) and not hasattr(PurePath, attr):
            return False
        if isinstance(obj, (io.IOBase, types.ModuleType)):
            return False
        return super().is_safe_attribute(obj, attr, value)


_ENVIRONMENTS: dict[tuple, Environment] = {}


def environment(repo_root: str | os.PathLike | None = None, lang: str = "id") -> Environment:
    """The build's Jinja environment.

    ``repo_root``: the SOP repository; its ``templates/`` folder, when present,
    overrides bundled templates of the same name. Filters: ``tanggal`` (date),
    ``nip``, ``baris`` (line breaks kept, escaped), ``strip_dash`` ("-" for empty).
    Globals: ``L`` (labels of ``lang``), ``lang``.

    One environment per (repository, language, state of its ``templates/``) is kept
    for the life of the process, so that a long-running ``sopc serve`` compiles each
    template once; a changed override makes a new one.
    """
    from sopc.cache.keys import folder_hash

    key = (os.path.abspath(repo_root) if repo_root is not None else None, lang,
           folder_hash(Path(repo_root) / "templates") if repo_root is not None else None)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        if len(_ENVIRONMENTS) >= 8:
            _ENVIRONMENTS.clear()
        env = _ENVIRONMENTS[key] = _new_environment(repo_root, lang)
    return env


def _new_environment(repo_root, lang: str) -> Environment:
    loaders: list[BaseLoader] = []
    if repo_root is not None:
        loaders.append(RepoTemplateLoader(Path(repo_root) / "templates"))
    loaders.append(FileSystemLoader(str(template_root())))
    env = Sandbox(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,          # templates/ changes make a new environment
    )
    env.filters["tanggal"] = lambda v, lg=None: format_date(v, lg or env.globals.get("lang", "id"))
    env.filters["nip"] = format_nip
    env.filters["baris"] = nl2br
    env.filters["nl2br"] = nl2br
    env.filters["strip_dash"] = or_dash
    env.globals["lang"] = "en" if lang == "en" else "id"
    env.globals["L"] = labels(lang)
    env.globals["PAPERS"] = PAPERS_MM
    return env


# --------------------------------------------------------------------------- template errors


class TemplateFault(Exception):
    """A template that cannot be rendered, as a message (picklable: raised in the page
    workers, reported by the build as a configuration error, exit 2)."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


def template_problem(exc: BaseException) -> Message:
    """The configuration message for a Jinja error: the template file and line (from the
    syntax error, else from the template frames of the traceback) and what went wrong."""
    if isinstance(exc, TemplateFault):
        return exc.message
    where, line = _template_position(exc)
    at = f"{where}:{line}" if where and line else (where or "?")
    detail = " ".join(str(getattr(exc, "message", None) or exc or type(exc).__name__).split())
    if isinstance(exc, SecurityError):
        return msg(f"templat {at}: akses yang tidak diizinkan ditolak: {detail}",
                   f"template {at}: unsafe access refused: {detail}")
    if isinstance(exc, TemplateNotFound):
        return msg(f"templat {at}: templat tidak ditemukan: {detail}",
                   f"template {at}: template not found: {detail}")
    if isinstance(exc, TemplateSyntaxError):
        return msg(f"templat {at}: kesalahan sintaks: {detail}",
                   f"template {at}: syntax error: {detail}")
    return msg(f"templat {at}: {detail}", f"template {at}: {detail}")


def _template_position(exc: BaseException) -> tuple[str | None, int | None]:
    if isinstance(exc, TemplateSyntaxError) and (exc.filename or exc.name):
        return _shown(exc.filename or exc.name), exc.lineno
    where = line = None
    tb = exc.__traceback__
    while tb is not None:   # Jinja rewrites its frames to the template's file and line
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".css", ".js")) or name.startswith("<template"):
            where, line = name, tb.tb_lineno
        tb = tb.tb_next
    return (_shown(where) if where else None), line


def _shown(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path


# --------------------------------------------------------------------------- the SOP page


paper_css = css_size   # the ``@page`` size of a paper name (landscape); trusted text


def render_sop(env: Environment, context: dict[str, Any], template: str = "sop.html.j2") -> str:
    """Render one SOP page from the context built by :func:`sopc.render.identity.sop_context`.
    A template error is raised as :class:`TemplateFault` (file:line)."""
    try:
        return env.get_template(template).render(**context)
    except TemplateError as exc:
        raise TemplateFault(template_problem(exc)) from None


def svg_markup(svg: str) -> Markup:
    """Mark the layout engine's SVG as markup for inline use (the SVG renderer escapes
    every source text itself and carries a per-page id prefix)."""
    text = svg
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:].lstrip()
    return Markup(text)


def level_label(level: Any, lang: str = "id") -> str:
    name = getattr(level, "label", str(level))
    return labels(lang).get(f"level_{name}", name)


def join_nonempty(items: Iterable[str], sep: str = ", ") -> str:
    return sep.join(i for i in items if i)
