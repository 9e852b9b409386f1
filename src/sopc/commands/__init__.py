"""sopc commands, one module each (loaded lazily by :mod:`sopc.cli`).

:func:`guarded` is the one place that keeps tracebacks away from users: every command
calls its click-free ``run`` through it.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

import click

from sopc.core.diagnostics import msg


def internal_error_text(exc: BaseException, prog: str, lang: str) -> str:
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    return msg(
        f"{prog}: kesalahan internal: {detail} (laporkan; SOPC_DEBUG=1 menampilkan rinciannya)",
        f"{prog}: internal error: {detail} (please report; SOPC_DEBUG=1 shows the details)",
    ).text(lang)


def guarded(run: Callable[[], int], prog: str, lang: str | None) -> None:
    """Run a command body and exit with its code. An unexpected exception becomes one
    line on stderr and exit 2 (``SOPC_DEBUG=1`` re-raises it); click's own exits pass."""
    try:
        code = run()
    except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, SystemExit):
        raise
    except BrokenPipeError:  # pragma: no cover - e.g. `sopc lint | head`
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        if os.environ.get("SOPC_DEBUG") == "1":
            raise
        click.echo(internal_error_text(exc, prog, lang or "id"), err=True)
        sys.exit(2)
    sys.exit(code)
