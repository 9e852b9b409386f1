"""Alias expansion beyond 100,000 nodes, nesting deeper than 50 levels or a file over
5 MB. Such input is refused quickly instead of exhausting memory.

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E007"
NAME = "too-large"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Masukan terlalu besar", "Input too large")
