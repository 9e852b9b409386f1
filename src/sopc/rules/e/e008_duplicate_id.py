"""Two activities share an `id`, so a reference to it would be ambiguous.

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E008"
NAME = "duplicate-id"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Id kegiatan ganda", "Duplicate activity id")
