"""A key the format does not define (FORMAT.md). It is never silently ignored: a typo
would otherwise drop content from the signed document. The message suggests the
nearest valid key.

Fails::

    keterangn: Menggunakan templat

Passes::

    keterangan: Menggunakan templat

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E002"
NAME = "unknown-key"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Kunci tidak dikenal", "Unknown key")
