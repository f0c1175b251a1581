"""Write output files so that a reader never sees half a report, and never clobber what is not a file.

What a path names decides how it is written (the README quotes these rules):

* nothing yet, or a regular file: a temporary file in the same directory, renamed
  into place, so an interrupted run leaves the old file or the new one, never a
  truncated one. An existing file keeps its permission bits and, where the
  system lets us, its owner and group. A file without any write permission bit
  (``chmod a-w``) is refused even for root: someone marked it "do not
  overwrite", and a rename would otherwise replace it silently.
* a symbolic link: followed to its target, which gets the same rules (the link
  stays a link).
* a character device or a FIFO (``/dev/null``, ``/dev/stdout`` on a pipe or a
  terminal, a named pipe): opened and written through, never renamed over.
* a directory, a socket, a block device: refused.

Every refusal and every write error is an :class:`OSError` with ``filename`` and
a ``strerror`` that says why in words (``No space left on device``, ``Is a
directory``), so a caller can print one line naming the path and the reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

CHUNK = 1 << 20


def _refuse(code: int, reason: str, path: str | os.PathLike[str]) -> OSError:
    return OSError(code, reason, os.fspath(path))


def _mode_for(existing: os.stat_result | None) -> int:
    """The permissions a plain ``open(target, "w")`` would leave: the old file's, or 0666 less the umask.

    ``mkstemp`` always creates 0600 files; a report that only its writer can read
    breaks the common CI case of a container user writing what the runner uploads.
    """
    if existing is not None:
        return stat.S_IMODE(existing.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until everything is out: a pipe or device may take less than asked."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:CHUNK])
        view = view[written:]


def _write_through(path: str | os.PathLike[str], data: bytes) -> None:
    """Stream into a device or FIFO that already exists; ``O_APPEND`` respects a shell's ``>>``."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _replace(target: Path, existing: os.stat_result | None, data: bytes) -> None:
    """Temporary file beside ``target``, then an atomic rename over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, _mode_for(existing))
        if existing is not None and hasattr(os, "fchown"):
            # Root gives the new file its old owner and group; others keep theirs (EPERM is expected).
            with contextlib.suppress(PermissionError):
                os.fchown(fd, existing.st_uid, existing.st_gid)
        with os.fdopen(fd, "wb", buffering=0) as handle:
            _write_all(handle.fileno(), data)
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` by the rules in the module docstring.

    Parent directories of a new file are created, as users expect for
    ``--output reports/x.sarif``.
    """
    try:
        info: os.stat_result | None = Path(path).stat()  # follows symbolic links
    except FileNotFoundError:
        info = None
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        _write_through(path, data)
        return
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _refuse(errno.EISDIR, "Is a directory", path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise _refuse(errno.EINVAL, "not a regular file, character device or FIFO", path)
    # A link (even a dangling one) is followed: the file it names is what gets replaced.
    target = Path(os.path.realpath(path))
    if info is not None and (info.st_mode & 0o222 == 0 or not os.access(target, os.W_OK)):
        raise _refuse(errno.EACCES, "Permission denied (the file is read-only)", path)
    _replace(target, info, data)
