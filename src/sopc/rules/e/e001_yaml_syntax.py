"""The file cannot be read as YAML. The message names the common cause: a tab used for
indentation, a comma inside an item of a flow list `[a, b, c]`, an unquoted colon
(`waktu: Pukul 10:30`), an unclosed quote, or bytes that are not UTF-8.

Fails::

    kelengkapan: [Surat pengantar, KTP: asli]

Passes::

    kelengkapan:
      - Surat pengantar
      - "KTP: asli"

Source errors are always at level error and cannot be suppressed."""

from sopc.core.diagnostics import Level, msg

CODE = "E001"
NAME = "yaml-syntax"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Berkas bukan YAML yang sah", "The file is not valid YAML")
