"""A required key is missing; the position is the enclosing mapping.

Fails: an SOP without `tanggal`. Passes: `tanggal: {pembuatan: 2025-01-10, efektif: 2025-02-01}`.

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E003"
NAME = "missing-key"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Kunci wajib tidak ada", "Required key missing")
