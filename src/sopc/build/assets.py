"""The site's own assets: sopc.css, the bundled fonts and the repository's logo."""

from __future__ import annotations

from pathlib import Path

from sopc.core.assets import FONT_FILES, FONT_LICENSE, font_bytes, template_bytes
from sopc.core.diagnostics import Message, msg
from sopc.core.model import Config
from sopc.site.common import ASSET_DIR

CSS_FILE = "sopc.css"
LOGO_TYPES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}


def site_assets(config: Config, root: Path) -> tuple[dict[str, bytes], dict[str, str], Message | None]:
    """(files, assets, warning): the asset files by site path, the asset names
    (``css``, each font, ``logo``) with their site paths, and a warning about the logo."""
    files: dict[str, bytes] = {}
    assets = {"css": f"{ASSET_DIR}/{CSS_FILE}"}
    files[assets["css"]] = template_bytes(CSS_FILE)
    for name in FONT_FILES + (FONT_LICENSE,):
        files[f"{ASSET_DIR}/{name}"] = font_bytes(name)
        assets[name] = f"{ASSET_DIR}/{name}"
    logo_rel, logo_data, warn = logo_asset(config, root)
    if logo_rel and logo_data is not None:
        files[logo_rel] = logo_data
        assets["logo"] = logo_rel
    return files, assets, warn


def logo_asset(config: Config, root: Path) -> tuple[str | None, bytes | None, Message | None]:
    """(site relpath, bytes, warning) of the repository logo: only a PNG/JPEG/SVG file
    that really lies inside the repository and whose content matches its type."""
    if not config.logo:
        return None, None, None
    rel = Path(config.logo)
    ext = rel.suffix.lower()
    bad = msg(f"logo '{config.logo}' tidak dipakai: harus berkas PNG, JPEG atau SVG di dalam repositori",
              f"logo '{config.logo}' not used: it must be a PNG, JPEG or SVG file inside the repository")
    if rel.is_absolute() or ".." in rel.parts or ext not in LOGO_TYPES:
        return None, None, bad
    try:
        real_root = root.resolve()
        full = (root / rel).resolve(strict=True)
        full.relative_to(real_root)
        if not full.is_file() or full.stat().st_size > 5 * 1024 * 1024:
            return None, None, bad
        data = full.read_bytes()
    except (OSError, ValueError, RuntimeError):
        return None, None, bad
    kind = LOGO_TYPES[ext]
    ok = (
        (kind == "png" and data.startswith(b"\x89PNG\r\n\x1a\n"))
        or (kind == "jpeg" and data.startswith(b"\xff\xd8\xff"))
        or (kind == "svg" and b"<svg" in data[:4096].lower())
    )
    if not ok:
        return None, None, bad
    return f"{ASSET_DIR}/logo{'.jpg' if kind == 'jpeg' else '.' + kind}", data, None
