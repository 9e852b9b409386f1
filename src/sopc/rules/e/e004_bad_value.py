"""A value of the wrong type or outside its choices: a date that is not `YYYY-MM-DD`, a
NIP written as a bare number (quote it), an unknown `jenis`/`sifat`, an empty
`uraian`, an id with characters other than `a-z0-9_-`.

Fails::

    nip: 197203151998032004

Passes::

    nip: "197203151998032004"

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E004"
NAME = "bad-value"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Nilai tidak sah", "Bad value")
