"""When was each SOP file last changed in git (rule DN04)?

One ``git log`` call for the whole repository gives, for every ``*.sop.yaml`` /
``*.sop.yml`` file below the repository root, the date of the last commit that
*modified* it (``--diff-filter=M``: the commit that added a file is not a change, so an
old SOP digitised today does not look "changed since efektif"). Outside a git work tree,
without git, or when git fails or takes longer than the timeout, the result is None and
DN04 stays silent.

Public API:

- :func:`change_dates` ``(root, timeout=10.0) -> dict[Path, list[date]] | None``: every
  modifying commit date per file, newest first (keys are resolved absolute paths);
- :func:`last_change_dates` ``(root, timeout=10.0) -> dict[Path, date] | None``: the
  newest of them;
- :func:`last_change` ``(ctx, sop) -> date | None``: the last change on or before
  ``ctx.today`` (so a pinned ``--today`` gives the same answer whatever was committed
  later), with the git call made once per run through ``ctx.once``.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sopc.lint.context import LintContext
    from sopc.core.model import SOP

__all__ = ["change_dates", "last_change_dates", "last_change"]

_MARK = "\x1esopc-commit "


def change_dates(root: Path | str, timeout: float = 10.0) -> dict[Path, list[_dt.date]] | None:
    """Dates (committer's local date) of the commits modifying each SOP file under
    ``root``, newest first; None when ``root`` is not in a git work tree or git is
    unavailable."""
    git = shutil.which("git")
    if not git:
        return None
    try:
        root = Path(root).resolve()
    except OSError:
        return None
    if not root.is_dir():
        return None
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"})
    cmd = [
        git, "-c", "core.quotepath=off", "log", "--no-color", "--no-renames",
        "--diff-filter=M", "--relative", f"--format={_MARK}%cI", "--name-only",
        "--", "*.sop.yaml", "*.sop.yml",
    ]
    try:
        proc = subprocess.run(
            cmd, cwd=root, env=env, stdin=subprocess.DEVNULL, capture_output=True,
            timeout=timeout, check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if proc.returncode != 0:
        return None
    out = proc.stdout.decode("utf-8", "replace")
    result: dict[Path, list[_dt.date]] = {}
    current: _dt.date | None = None
    for line in out.split("\n"):
        if line.startswith(_MARK):
            try:
                current = _dt.date.fromisoformat(line[len(_MARK):].strip()[:10])
            except ValueError:
                current = None
            continue
        name = line.strip()
        if not name or current is None:
            continue
        # git log lists newest first
        result.setdefault(root / name, []).append(current)
    return result


def last_change_dates(root: Path | str, timeout: float = 10.0) -> dict[Path, _dt.date] | None:
    """The date of the last commit modifying each SOP file under ``root`` (see
    :func:`change_dates`)."""
    dates = change_dates(root, timeout)
    if dates is None:
        return None
    return {p: max(ds) for p, ds in dates.items() if ds}


def last_change(ctx: "LintContext", sop: "SOP") -> _dt.date | None:
    """The last modifying commit date of ``sop``'s file on or before ``ctx.today``, or
    None (not in git, never modified after being added, or git unavailable)."""
    dates = ctx.once("gitinfo", lambda: change_dates(ctx.config.root))
    if not dates:
        return None
    try:
        key = Path(sop.path).resolve()
    except OSError:
        return None
    today = ctx.today
    past = [d for d in dates.get(key, ()) if d <= today]
    return max(past) if past else None
