"""Atomic writing of a whole generated site (OUTPUT.md §4 "Atomic", "Safe").

Everything a build produces is first collected in memory as ``{relpath: bytes}``; then
:func:`write_site` writes it into a fresh temporary folder *beside* the output folder,
fsyncs every file and folder, and swaps it in (a file identical to the previous site's
is hard-linked from it instead of being written again, so an incremental build costs
little more than the files that changed):

- on Linux, one ``renameat2(RENAME_EXCHANGE)`` exchanges ``.<name>.baru-XXXX`` and
  ``<out>`` atomically: at every instant ``<out>`` is a complete site, the previous or
  the new one (a ``sopc serve`` reading it never sees a gap); the previous site, now
  under the temporary name, is then deleted;
- elsewhere (or on a file system without the exchange) two renames:
  ``<out>`` → ``.<name>.lama-XXXX``, then ``.<name>.baru-XXXX`` → ``<out>``. Between
  them ``<out>`` is briefly absent; a failure there moves the previous site back, and
  an interruption there (SIGKILL, power loss) is repaired by the next build, which
  moves the previous site back before anything else.

A failure (or an interruption) before the swap leaves the previous site untouched; a
reader never sees a half-written file. Stale temporary folders of an interrupted build
are cleaned up by the next build, read-only ones included.

Safety: relpaths must be relative POSIX paths without ``.``/``..``/empty segments,
backslashes, drive letters or NUL; every written file is checked to resolve inside the
temporary folder. The output folder is only ever replaced when it is empty or carries
the marker file :data:`MARKER` written by a previous ``sopc build``, and never when it
is (or contains) the SOP repository itself, so ``--out .`` cannot delete sources.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Mapping

from sopc.core.diagnostics import Message, msg

MARKER = ".sopc-site"
MARKER_TEXT = b"Folder ini dibuat oleh `sopc build`; isinya diganti setiap kali build.\n"

_DRIVE_RE = re.compile(r"^[A-Za-z]:")


class SiteWriteError(Exception):
    """The site could not be written. ``message`` is bilingual; the previous output
    folder is intact whenever this is raised."""

    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message

    def text(self, lang: str = "id") -> str:
        return self.message.text(lang)


def check_relpath(relpath: str) -> str:
    """Validate one output path; return it normalised (POSIX). Raises ValueError."""
    if not isinstance(relpath, str) or not relpath:
        raise ValueError(f"empty or non-text output path: {relpath!r}")
    if "\x00" in relpath or "\\" in relpath or _DRIVE_RE.match(relpath):
        raise ValueError(f"bad output path: {relpath!r}")
    if relpath.startswith("/"):
        raise ValueError(f"absolute output path: {relpath!r}")
    parts = relpath.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            raise ValueError(f"output path escapes or is not normalised: {relpath!r}")
    if parts[0] == MARKER:
        raise ValueError(f"reserved output path: {relpath!r}")
    return str(PurePosixPath(*parts))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _write_file(path: Path | str, data: bytes, sync: bool = True) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def _put_files(jobs: list[tuple[str, bytes, str | None]]) -> None:
    """Put every file (target, data, the previous site's copy or None) in place, many
    at a time: each is hard-linked from the previous site or written and fsynced, in a
    pool of threads (the system calls run outside the interpreter's lock, and the file
    system commits its journal for a whole group of fsyncs at once: 1,000 files took
    about 4 s synced one by one, 0.4-0.7 s synced together)."""
    if len(jobs) < 8:
        for job in jobs:
            _put_file(job)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=16) as pool:
        for _ in pool.map(_put_file, jobs):
            pass


def _same_file(old: str, data: bytes) -> bool:
    """Does the previous site hold ``old`` with exactly ``data`` (a regular file, not a
    link that could point elsewhere)?"""
    try:
        st = os.lstat(old)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        with open(old, "rb") as fh:
            return fh.read(len(data) + 1) == data
    except OSError:
        return False


def _put_file(job: tuple[str, bytes, str | None]) -> None:
    """Hard-link the previous site's identical file into the new one (already on disk
    and synced by the build that wrote it: no rewrite, no fsync), else write and sync it."""
    target, data, old = job
    if old is not None and _same_file(old, data):
        try:
            os.link(old, target, follow_symlinks=False)
            return
        except OSError:
            pass   # no hard links here (another device, a file system without them)
    _write_file(target, data)


def _is_within(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
        return True
    except ValueError:
        return False


def _oserror_text(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _check_target(out: Path, protect: list[Path]) -> None:
    """Refuse to replace a folder that is not a previous sopc output."""
    for p in protect:
        rp = p.resolve()
        if _is_within(rp, out):
            raise SiteWriteError(msg(
                f"Folder keluaran {out} berisi repositori SOP ({rp}); pilih folder lain dengan --out.",
                f"Output folder {out} contains the SOP repository ({rp}); choose another with --out.",
            ))
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise SiteWriteError(msg(
                f"Keluaran {out} sudah ada dan bukan folder.",
                f"Output {out} exists and is not a folder.",
            ))
        try:
            entries = list(os.scandir(out))
        except OSError as exc:
            raise SiteWriteError(msg(
                f"Tidak dapat membaca folder keluaran {out}: {_oserror_text(exc)}",
                f"Cannot read output folder {out}: {_oserror_text(exc)}",
            )) from None
        if entries and not (out / MARKER).is_file():
            raise SiteWriteError(msg(
                f"Folder keluaran {out} sudah berisi berkas lain dan bukan hasil `sopc build` "
                f"(tidak ada {MARKER}); kosongkan atau pilih folder lain dengan --out.",
                f"Output folder {out} holds other files and was not made by `sopc build` "
                f"(no {MARKER}); empty it or choose another with --out.",
            ))


def _cleanup_stale(parent: Path, name: str, out: Path) -> None:
    """Remove leftovers of an interrupted build; restore a previous site that was moved
    away but never replaced."""
    try:
        entries = sorted(os.scandir(parent), key=lambda e: e.name)
    except OSError:
        return
    old = [Path(e.path) for e in entries if e.name.startswith(f".{name}.lama-") and e.is_dir(follow_symlinks=False)]
    new = [Path(e.path) for e in entries if e.name.startswith(f".{name}.baru-") and e.is_dir(follow_symlinks=False)]
    if not out.exists() and old:
        candidate = old.pop()
        if (candidate / MARKER).is_file():
            try:
                os.rename(candidate, out)
            except OSError:
                pass
    for p in old + new:   # names only sopc makes
        remove_tree(p)


def remove_tree(path: Path) -> None:
    """Delete a folder sopc made, also when its folders were made read-only (a
    read-only ``_site`` copied into the new one is not kept: the swap moves it aside and
    it must still go). Errors are ignored."""
    def unlock(func, name, _exc) -> None:
        try:
            folder = os.path.dirname(name)
            os.chmod(folder, os.stat(folder).st_mode | stat.S_IRWXU)
            if func is not os.rmdir and os.path.isdir(name) and not os.path.islink(name):
                os.chmod(name, os.stat(name).st_mode | stat.S_IRWXU)
                shutil.rmtree(name, ignore_errors=True)
            else:
                func(name)
        except OSError:
            pass

    try:
        if not os.path.islink(path) and os.path.isdir(path):
            os.chmod(path, os.stat(path).st_mode | stat.S_IRWXU)
    except OSError:
        pass
    shutil.rmtree(path, onerror=unlock)


def check_output_folder(out_dir: str | os.PathLike, root: str | os.PathLike) -> None:
    """Refuse (:class:`SiteWriteError`) an output folder inside the repository ``root``
    that is, or sits under, a symbolic link leading out of it: the site (and the lock
    file beside it) would land wherever a pull request's link points."""
    out = Path(os.path.abspath(os.fspath(out_dir)))
    base = Path(os.path.abspath(os.fspath(root)))
    if not _is_within(out, base):
        return          # an explicit output folder elsewhere
    try:
        real, real_root = out.resolve(), base.resolve()
    except (OSError, RuntimeError):   # a symlink loop
        real, real_root = None, base
    if real is None or not _is_within(real, real_root):
        raise SiteWriteError(msg(
            f"Folder keluaran {out} adalah (atau berada di bawah) tautan simbolik yang keluar dari "
            f"repositori ({real or '?'}); sopc tidak menulis ke sana. Hapus tautannya atau pilih "
            "folder lain dengan --out.",
            f"Output folder {out} is (or sits under) a symbolic link leading out of the repository "
            f"({real or '?'}); sopc does not write there. Remove the link or choose another with --out.",
        ))


def write_site(out_dir: str | os.PathLike, files: Mapping[str, bytes], *,
               protect: list[Path] | tuple[Path, ...] = ()) -> int:
    """Atomically replace ``out_dir`` with exactly ``files``. Returns the number of
    files written. ``protect``: folders (the SOP repository root) that must never be
    inside the output, and out of which no symbolic link may lead the output
    (:func:`check_output_folder`). Raises ValueError for a bad relpath (a programming error, checked
    before anything is touched) and :class:`SiteWriteError` for environment problems.
    """
    checked: dict[str, bytes] = {}
    for rel in sorted(files):
        norm = check_relpath(rel)
        data = files[rel]
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise ValueError(f"content of {rel!r} is not bytes")
        if norm in checked:
            raise ValueError(f"duplicate output path: {rel!r}")
        checked[norm] = bytes(data)
    # a path may not be both a file and a folder
    for rel in checked:
        parts = rel.split("/")
        for i in range(1, len(parts)):
            if "/".join(parts[:i]) in checked:
                raise ValueError(f"output path is both a file and a folder: {'/'.join(parts[:i])!r}")

    out = Path(os.path.abspath(os.fspath(out_dir)))
    for root in protect:       # the repository: no symbolic link may lead the site out of it
        check_output_folder(out, root)
    if out.is_symlink():
        out = out.resolve()
    parent, name = out.parent, out.name
    if not name:
        raise SiteWriteError(msg(f"Folder keluaran tidak sah: {out}", f"Invalid output folder: {out}"))
    _check_target(out, list(protect))
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiteWriteError(msg(
            f"Tidak dapat membuat folder {parent}: {_oserror_text(exc)}",
            f"Cannot create folder {parent}: {_oserror_text(exc)}",
        )) from None
    _cleanup_stale(parent, name, out)
    # the previous site (a sopc output: _check_target refused anything else) lends its
    # unchanged files
    previous = out if (out / MARKER).is_file() and not out.is_symlink() else None
    real_previous = previous.resolve() if previous is not None else None
    lendable: dict[str, bool] = {}

    def old_copy(rel: str) -> str | None:
        """The previous site's file at ``rel``, when its folder really is inside it."""
        if previous is None:
            return None
        folder, _, base = rel.rpartition("/")
        ok = lendable.get(folder)
        if ok is None:
            try:
                ok = _is_within(previous.joinpath(*folder.split("/")).resolve() if folder else real_previous,
                                real_previous)
            except OSError:
                ok = False
            lendable[folder] = ok
        return os.path.join(previous, *rel.split("/")) if ok else None

    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.baru-", dir=parent))
    except OSError as exc:
        raise SiteWriteError(msg(
            f"Tidak dapat menulis ke folder keluaran {out}: {_oserror_text(exc)}",
            f"Cannot write to output folder {out}: {_oserror_text(exc)}",
        )) from None
    try:
        os.chmod(tmp, 0o755 & ~_umask())
        real_tmp = tmp.resolve()
        made: set[Path] = {tmp}
        checked_folders: dict[str, str] = {"": str(tmp)}     # rel folder -> real path, verified
        jobs: list[tuple[str, bytes, str | None]] = []
        for rel, data in checked.items():
            folder_rel, _, base = rel.rpartition("/")
            real_folder = checked_folders.get(folder_rel)
            if real_folder is None:
                folder = tmp.joinpath(*folder_rel.split("/"))
                if folder not in made:
                    folder.mkdir(parents=True, exist_ok=True)
                    p = folder
                    while p not in made:
                        made.add(p)
                        p = p.parent
                if not _is_within(folder.resolve(), real_tmp):  # symlink escape
                    raise ValueError(f"output path escapes the output folder: {rel!r}")
                real_folder = checked_folders[folder_rel] = str(folder)
            jobs.append((os.path.join(real_folder, base), data, old_copy(rel)))
        _put_files(jobs)
        _write_file(tmp / MARKER, MARKER_TEXT)
        for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
            _fsync_dir(folder)
    except ValueError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SiteWriteError(msg(
            f"Gagal menulis situs ke {out}: {_oserror_text(exc)}; keluaran sebelumnya tidak diubah.",
            f"Failed to write the site to {out}: {_oserror_text(exc)}; the previous output is unchanged.",
        )) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

    _swap(tmp, out, parent, name)
    return len(checked)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Atomically exchange the folders ``a`` and ``b`` (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``, via ctypes). False when the system or file system cannot (then
    nothing happened); raises OSError for any other failure."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err))


_RENAMEAT2: list = []


def _renameat2():
    if not _RENAMEAT2:
        fn = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                fn = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
                if fn is not None:
                    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                   ctypes.c_uint]
                    fn.restype = ctypes.c_int
            except (OSError, AttributeError, ImportError):   # pragma: no cover - no libc
                fn = None
        _RENAMEAT2.append(fn)
    return _RENAMEAT2[0]


def ctypes_errno() -> int:
    import ctypes

    return ctypes.get_errno()


def _swap(tmp: Path, out: Path, parent: Path, name: str) -> None:
    old: Path | None = None
    try:
        if out.is_dir() and not out.is_symlink() and exchange(tmp, out):
            _fsync_dir(parent)
            remove_tree(tmp)       # now the previous site
            return
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{name}.lama-", dir=parent))
            os.rename(out, old)   # renaming a folder onto an empty folder replaces it
        os.rename(tmp, out)
    except OSError as exc:
        if old is not None and not out.exists():
            try:
                os.rename(old, out)
                old = None
            except OSError:  # pragma: no cover - the next build restores it
                pass
        remove_tree(tmp)
        if old is not None and out.exists():
            remove_tree(old)
        code = errno.errorcode.get(exc.errno or 0, "")
        raise SiteWriteError(msg(
            f"Gagal mengganti folder keluaran {out}: {_oserror_text(exc)} {code}".rstrip()
            + "; keluaran sebelumnya tidak diubah.",
            f"Failed to replace output folder {out}: {_oserror_text(exc)} {code}".rstrip()
            + "; the previous output is unchanged.",
        )) from None
    _fsync_dir(parent)
    if old is not None:
        remove_tree(old)


def unit_label(sop, config) -> str:
    """The unit kerja an SOP belongs to: its ``unit``, else the single unit of
    ``sopc.yaml``, else "Umum"."""
    from sopc.core.text import norm_space

    if sop.unit and norm_space(sop.unit):
        return norm_space(sop.unit)
    if config is not None and len(config.unit) == 1 and norm_space(config.unit[0]):
        return norm_space(config.unit[0])
    return "Umum"


def sop_relpath(sop, config) -> str:
    """Site-relative path of an SOP's page: ``<unit-slug>/<sop-slug>.html`` (slugs are
    ``[a-z0-9-]+``, so the path always stays inside the site)."""
    from sopc.core.text import slugify

    return f"{slugify(unit_label(sop, config))}/{sop.slug}.html"
