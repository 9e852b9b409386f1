"""A `ke` or `cabang` target, or an activity's `pelaksana`, names nothing that exists.
Targets are an activity `id`, an activity number, or `selesai`.

Fails: `ke: konsep-surat` when no activity has that id. Passes: `ke: konsep`.

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E006"
NAME = "bad-target"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Tujuan tidak ditemukan", "Bad target")
