"""Helpers shared by the EE rules."""

from __future__ import annotations

from sopc.core.pathtime import PathTimes, path_times


def int_option(options: dict, name: str, default: int) -> int:
    try:
        v = int(options.get(name, default))
    except (TypeError, ValueError):
        return default
    return v if v >= 0 else default


def times(sop, ctx) -> PathTimes:
    """Path times of ``sop``, computed once per run."""
    wk = ctx.config.waktu
    return ctx.derived("pathtime", sop, lambda s: path_times(s, wk))
