"""What this machine offers sopc: the versions of the libraries behind the PDF output
(WeasyPrint, Pango, HarfBuzz) and the graphs (Graphviz, bundled with pygraphviz), and
the command that installs what is missing on this kind of machine.

Both stacks are probed in a child Python process: the Graphviz bundled in the
pygraphviz wheel carries its own Pango whose GObject types clash with the system Pango
that WeasyPrint loads (see :mod:`sopc.site.dot`), and a missing system library makes
``import weasyprint`` fail with an OSError that is better met away from the build.

Used by ``sopc --version``, ``sopc doctor`` and ``sopc build --pdf`` (which builds the
HTML site anyway when the PDF stack is missing).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sopc.core.diagnostics import Message, msg

PROBE_TIMEOUT = 180   # seconds; a cold import on a slow Windows desktop takes a while

# Run as `python -c`: needs nothing from sopc. Prints one JSON object.
_PDF_PROBE = r"""
import json
out = {}
try:
    import weasyprint
    out["weasyprint"] = str(weasyprint.__version__)
    from weasyprint.text.ffi import harfbuzz, pango
    v = int(pango.pango_version())
    out["pango"] = "%d.%d.%d" % (v // 10000, v // 100 % 100, v % 100)
    def top(f, hi):
        lo = 0
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if f(mid) else (lo, mid - 1)
        return lo
    at = harfbuzz.hb_version_atleast
    a = top(lambda x: at(x, 0, 0), 200)
    b = top(lambda x: at(a, x, 0), 1000)
    c = top(lambda x: at(a, b, x), 1000)
    out["harfbuzz"] = "%d.%d.%d" % (a, b, c)
except ModuleNotFoundError as exc:
    out["error"] = "%s: %s" % (type(exc).__name__, exc)
    out["package_missing"] = exc.name == "weasyprint"
except Exception as exc:
    out["error"] = "%s: %s" % (type(exc).__name__, exc)
print(json.dumps(out))
"""

_GRAPHVIZ_PROBE = r"""
import json, os
out = {}
try:
    import pygraphviz
    out["pygraphviz"] = str(pygraphviz.__version__)
    from pygraphviz import graphviz as g
    parts = [getattr(g, "GRAPHVIZ_%s_VERSION" % k, None) for k in ("MAJOR", "MINOR", "PATCH")]
    if None not in parts:
        out["graphviz"] = ".".join(str(p) for p in parts)
    svg = pygraphviz.AGraph(string="digraph { a -> b }").draw(format="svg", prog="dot")
    if b"<svg" not in svg:
        out["error"] = "Graphviz drew no SVG"
except ModuleNotFoundError as exc:
    out["error"] = "%s: %s" % (type(exc).__name__, exc)
    out["package_missing"] = exc.name == "pygraphviz"
except Exception as exc:
    out["error"] = "%s: %s" % (type(exc).__name__, exc)
print(json.dumps(out))
"""


@dataclass
class Probe:
    """What a child process found: versions by name, or the error it met."""

    versions: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    package_missing: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def _start(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


def _finish(proc: subprocess.Popen) -> Probe:
    try:
        out, err = proc.communicate(timeout=PROBE_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return Probe(error=f"no answer within {PROBE_TIMEOUT} s")
    try:
        data = json.loads(out.decode("utf-8", "replace").strip().splitlines()[-1])
    except (ValueError, IndexError):
        tail = " ".join(err.decode("utf-8", "replace").split())[-300:]
        return Probe(error=f"the probe process ended with code {proc.returncode}: {tail}")
    error = data.pop("error", None)
    missing = bool(data.pop("package_missing", False))
    return Probe({k: str(v) for k, v in data.items()}, error, missing)


_PROBES = {"weasyprint": _PDF_PROBE, "pygraphviz": _GRAPHVIZ_PROBE}


def _probe(*packages: str) -> list[Probe]:
    """Probe ``packages`` side by side, each in a child process of its own."""
    started = [_start(_PROBES[p]) if importlib.util.find_spec(p) is not None else p for p in packages]
    return [_finish(s) if isinstance(s, subprocess.Popen) else
            Probe(error=f"ModuleNotFoundError: No module named '{s}'", package_missing=True)
            for s in started]


def probe_pdf() -> Probe:
    """WeasyPrint, Pango and HarfBuzz as a child process sees them."""
    return _probe("weasyprint")[0]


def probe_graphviz() -> Probe:
    """pygraphviz and the Graphviz it carries, checked by laying out a two-node graph."""
    return _probe("pygraphviz")[0]


def probe_all() -> tuple[Probe, Probe]:
    """(PDF stack, Graphviz), probed side by side."""
    pdf, graphviz = _probe("weasyprint", "pygraphviz")
    return pdf, graphviz


# ---------------------------------------------------------------- what is missing

_LIBRARIES = (("pango", "Pango"), ("gobject", "GLib/GObject"), ("glib", "GLib/GObject"),
              ("harfbuzz", "HarfBuzz"), ("fontconfig", "Fontconfig"))


def missing_library(error: str | None) -> str:
    """The system library named in WeasyPrint's import error ("cannot load library
    'libpango-1.0-0'"), as a plain name; Pango when none is named."""
    low = (error or "").lower()
    named = re.search(r"cannot load library '([^']+)'", low)
    where = named.group(1) if named else low
    for key, name in _LIBRARIES:
        if key in where:
            return name
    return "Pango"


def pdf_problem(probe: Probe | None = None) -> Message | None:
    """None when this machine can make PDFs; else one sentence saying what is missing
    (the build says that the HTML site was made anyway and points at ``sopc doctor``)."""
    probe = probe if probe is not None else probe_pdf()
    if probe.ok:
        return None
    if probe.package_missing:
        return msg("PDF tidak dibuat karena paket Python WeasyPrint belum terpasang; situs HTML tetap "
                   "disusun, dan `sopc doctor` menunjukkan perintah pemasangannya.",
                   "PDFs were not made because the Python package WeasyPrint is not installed; the HTML "
                   "site was built anyway, and `sopc doctor` shows the command that installs it.")
    lib = missing_library(probe.error)
    return msg(f"PDF tidak dibuat karena pustaka sistem {lib} yang dibutuhkan WeasyPrint tidak ditemukan "
               f"di mesin ini; situs HTML tetap disusun, dan `sopc doctor` menunjukkan perintah pemasangannya.",
               f"PDFs were not made because the system library {lib} that WeasyPrint needs was not found "
               f"on this machine; the HTML site was built anyway, and `sopc doctor` shows the command "
               f"that installs it.")


# ---------------------------------------------------------------- install commands

@dataclass(frozen=True)
class Machine:
    kind: str          # debian, fedora, alpine, arch, suse, macos, windows, unknown
    label: str         # shown to the user


def machine(os_release: Path = Path("/etc/os-release"), platform: str | None = None) -> Machine:
    """The kind of machine, for choosing a package manager."""
    platform = platform or sys.platform
    if platform == "darwin":
        return Machine("macos", "macOS")
    if platform in ("win32", "cygwin", "msys"):
        return Machine("windows", "Windows")
    fields: dict[str, str] = {}
    try:
        for line in os_release.read_text("utf-8", "replace").splitlines():
            k, sep, v = line.partition("=")
            if sep:
                fields[k.strip()] = v.strip().strip('"').strip("'")
    except OSError:
        pass
    ids = [fields.get("ID", "").lower()] + fields.get("ID_LIKE", "").lower().split()
    label = fields.get("PRETTY_NAME") or "Linux"
    for kind, names in (("debian", ("debian", "ubuntu")), ("fedora", ("fedora", "rhel", "centos")),
                        ("alpine", ("alpine",)), ("arch", ("arch",)), ("suse", ("suse", "opensuse"))):
        if any(i in names or any(i.startswith(n) for n in names) for i in ids if i):
            return Machine(kind, label)
    return Machine("unknown", label)


# The system packages WeasyPrint documents ("First steps": install inside a virtualenv
# using wheels), per package manager; one command per line.
PDF_INSTALL: dict[str, tuple[str, ...]] = {
    "debian": ("sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b",),
    "fedora": ("sudo dnf install -y pango",),
    "alpine": ("apk add so:libgobject-2.0.so.0 so:libpango-1.0.so.0 so:libharfbuzz.so.0 "
               "so:libharfbuzz-subset.so.0 so:libfontconfig.so.1 so:libpangoft2-1.0.so.0",),
    "arch": ("sudo pacman -S --needed pango",),
    "suse": ("sudo zypper install -y pango",),
    # the Python of python.org or setup-python does not look in Homebrew's lib folder
    "macos": ("brew install pango", 'export DYLD_FALLBACK_LIBRARY_PATH="$(brew --prefix)/lib"'),
    # MSYS2 (https://www.msys2.org): the first line in the MSYS2 shell, the second in cmd
    "windows": ("pacman -S --needed mingw-w64-x86_64-pango",
                "setx WEASYPRINT_DLL_DIRECTORIES C:\\msys64\\mingw64\\bin"),
}


def pdf_install_commands(kind: str | None = None) -> tuple[str, ...]:
    """The commands that install WeasyPrint's system libraries on this kind of machine
    (Debian's for a Linux that sopc does not recognise)."""
    return PDF_INSTALL.get(kind or machine().kind, PDF_INSTALL["debian"])


def pip_install_command(*packages: str) -> str:
    """``<this python> -m pip install ...``: installs into the interpreter running sopc."""
    exe = sys.executable if " " not in sys.executable else f'"{sys.executable}"'
    return f"{exe} -m pip install " + " ".join(f'"{p}"' if any(c in p for c in "<>=[") else p
                                                for p in packages)


def version_lines(lang: str = "id") -> list[str]:
    """What ``sopc --version`` prints: sopc, Python, the PDF stack and Graphviz (which
    sopc made a given document matters, and so do the libraries that drew it)."""
    import platform

    from sopc import __version__

    pdf, graphviz = probe_all()
    lines = [f"sopc {__version__}",
             f"Python {platform.python_version()} ({platform.python_implementation()}, "
             f"{platform.system()} {platform.machine()})"]
    gone = msg("tidak tersedia", "not available").text(lang)
    if pdf.ok:
        v = pdf.versions
        lines.append(f"WeasyPrint {v.get('weasyprint')}, Pango {v.get('pango')}, HarfBuzz {v.get('harfbuzz')}")
    else:
        lines.append(f"WeasyPrint/Pango: {gone} ({pdf.error}; sopc doctor)")
    if graphviz.ok:
        v = graphviz.versions
        lines.append(f"Graphviz {v.get('graphviz', '?')} (pygraphviz {v.get('pygraphviz')})")
    else:
        lines.append(f"Graphviz: {gone} ({graphviz.error}; sopc doctor)")
    return lines
