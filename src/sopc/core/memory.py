"""The cyclic garbage collector during sopc's bulk phases.

A build holds the whole repository in memory (hundreds of thousands of objects for
1,000 SOPs). Loading, linting and rendering make many more short-lived ones that
reference counting frees; with the collector on they trigger full collections that
walk the whole heap again and again (a third of the repository pages' time, a quarter
of a linting process's). Those phases run inside :func:`collector_paused`.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is on again after it when it
    was on before (nested blocks leave it off until the outermost one ends)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
