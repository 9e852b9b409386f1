"""One build at a time per output folder: an advisory lock file beside the output
(``.<name>.lock``). A second build waits up to ``wait`` seconds, then fails with a clear
message instead of racing the first one's atomic swap."""

from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sopc.core.diagnostics import Message, msg


class LockBusy(Exception):
    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message


@contextmanager
def build_lock(out_dir: Path, wait: float = 30.0, poll: float = 0.1) -> Iterator[None]:
    import fcntl

    out = Path(os.path.abspath(out_dir))
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f".{out.name}.lock"
    # not through a symbolic link a repository may have committed in the lock's place
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LockBusy(msg(
                        f"build lain sedang menulis ke {out} (kunci {path.name}); coba lagi setelah selesai",
                        f"another build is writing to {out} (lock {path.name}); try again when it has finished",
                    )) from None
                time.sleep(poll)
        yield
    finally:
        os.close(fd)   # closing the descriptor releases the lock
