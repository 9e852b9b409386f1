"""Where sopc's own files are: the official templates and the bundled fonts.

The templates live in the project's top-level ``templates/`` folder (the folder an
agency's ``templates/`` override mirrors). An installed wheel carries them inside the
package as ``sopc/templates`` (``package-dir`` in pyproject.toml); a source checkout run
with ``PYTHONPATH=src`` or an editable install reads them from the checkout.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
FONT_DIR = PACKAGE_DIR / "fonts"
#: the bundled fonts (every page embeds them) and their licence, which ships beside them
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_LICENSE = "LICENSE-DejaVu.txt"


@lru_cache(maxsize=1)
def template_root() -> Path:
    """The folder of the official templates (wheel: inside the package; checkout: the
    top-level ``templates/`` beside ``src/``)."""
    inside = PACKAGE_DIR / "templates"
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent.parent / "templates"


def template_text(*parts: str) -> str:
    return template_root().joinpath(*parts).read_text(encoding="utf-8")


def template_bytes(*parts: str) -> bytes:
    return template_root().joinpath(*parts).read_bytes()


def font_bytes(name: str) -> bytes:
    return (FONT_DIR / name).read_bytes()
