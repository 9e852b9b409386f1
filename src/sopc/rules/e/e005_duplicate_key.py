"""A key appears twice in one mapping. YAML would keep only the last value; sopc points
at both.

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E005"
NAME = "duplicate-key"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Kunci ganda", "Duplicate key")
