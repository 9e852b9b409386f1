"""Writing one file whole: into a temporary file in the same folder, then renamed over
the target. A reader sees the old file or the new one, never a half-written one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

_UMASK = os.umask(0o022)     # read once (os.umask can only be read by setting it)
os.umask(_UMASK)


def _mode(path: Path) -> int:
    """The mode the file gets: the replaced file's, else what a plain open() would give
    (mkstemp's 0600 would hide source files and built pages from the team's server)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def write_atomic(path: str | os.PathLike, data: bytes | str, *, fsync: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically (``str`` is written as UTF-8 with
    ``\\n`` line ends). The folder must exist. Raises OSError; leaves no temporary file."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
