"""File mechanics of the store: safe reading, atomic replacing with a backup, and the lock.

Nothing here knows what a workbook holds; it keeps the *file* safe:

* a path that is a symbolic link means the file it points to: that file is read and replaced
  (the link stays), and a link that points nowhere (an unmounted drive) is an error, never
  replaced by a new file;
* a replacement is written to a temporary file in the same folder, flushed, fsynced and
  renamed over the old one, with the old file's permissions; the previous contents are kept
  as ``<name>.bak``, a real copy;
* a read-only file is refused, not replaced;
* :func:`folder_lock` serialises writers.  On Linux and macOS it locks the workbook's folder
  itself (``flock`` on the directory), which no other program can delete or swap for another
  while it holds files; on Windows it locks ``<name>.lock``, which Windows does not let anyone
  delete while it is open.  Either way, something that is not a regular file or a folder at
  the lock's place is waited on until the timeout, never hangs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

from mentorkit.errors import InputError, WorkbookError, WorkbookLockedError

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_BINARY: Final = getattr(os, "O_BINARY", 0)
_POLL_S: Final = 0.005


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of a file is kept (``<name>.bak`` next to it)."""
    file = Path(path)
    return file.with_name(file.name + ".bak")


def real_file(path: str | os.PathLike[str]) -> Path:
    """The file ``path`` means: itself, or the target of the link(s) it is.

    Raises:
        WorkbookError: ``path`` is a link to nothing (a moved file or an unmounted drive).
    """
    file = Path(path)
    if not file.is_symlink():
        return file
    target = Path(os.path.realpath(file))
    if not target.exists():
        raise WorkbookError(
            f"{file}: is a link to {target}, which does not exist (a moved file or a drive "
            "that is not connected?); nothing was read or written",
            path=str(file),
        )
    return target


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at ``path`` (through links).

    Raises:
        WorkbookError: missing, a folder, a link to nothing, not a regular file (a FIFO
            would block forever), or unreadable; the message says which.
    """
    file = Path(path)
    shown = str(file)

    def fail(message: str) -> WorkbookError:
        return WorkbookError(message, path=shown)

    if not file.exists():
        real_file(file)  # a link to nothing says so
    return _read_regular(
        file,
        fail,
        missing=f"{shown}: no workbook file here",
        folder=f"{shown}: is a folder, not a workbook file",
        special=f"{shown}: is not a regular file (a pipe or a device?), so it is not read",
    )


def read_given_file(
    path: str | os.PathLike[str], error: Callable[[str], Exception], what: str
) -> bytes:
    """The bytes of a file a person named (a roster, a contacts export), through links.

    Raises:
        Exception: ``error(message)``: no such file, a folder, a pipe or a device (a pipe
            would block the command), or unreadable; the message names the file and says
            which, with ``what`` the kind of file wanted ("roster file").
    """
    file = Path(path)
    return _read_regular(
        file,
        error,
        missing=f"{file}: no such {what}",
        folder=f"{file}: is a folder; give the {what}",
        special=f"{file}: is not a regular file (a pipe or a device); give the {what}",
    )


def _read_regular(
    file: Path, fail: Callable[[str], Exception], *, missing: str, folder: str, special: str
) -> bytes:
    """Open, check what it is by the open descriptor (no swap between check and read), read.

    Opened without blocking (a pipe with no writer answers at once) and in binary mode (on
    Windows a text-mode read would turn CRLF into LF and stop at a 0x1A byte).
    """
    try:
        fd = os.open(file, os.O_RDONLY | _NONBLOCK | _BINARY)
    except FileNotFoundError:
        raise fail(missing) from None
    except IsADirectoryError:
        raise fail(folder) from None
    except OSError as error:
        raise fail(f"{file}: cannot be read ({error.strerror})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise fail(folder if stat.S_ISDIR(info.st_mode) else special)
    with os.fdopen(fd, "rb", buffering=0) as handle:
        try:
            return handle.readall()
        except OSError as error:
            raise fail(f"{file}: cannot be read ({error.strerror})") from None


def _new_file(folder: Path, stem: str, mode: int) -> tuple[int, Path]:
    """Create a new file with a random name in ``folder``, never following a planted link."""
    while True:
        temp = folder / f".{stem}.{os.urandom(6).hex()}.tmp"  # secrets costs ~5 ms to import
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, mode)
        except FileExistsError:
            continue
        return fd, temp


def _write_all(fd: int, payload: bytes, mode: int | None) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), mode)
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems (and Windows) cannot fsync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def existing_state(file: Path) -> os.stat_result | None:
    """The ``stat`` of the regular file about to be replaced (``None``: there is none yet).

    Raises:
        WorkbookError: there is something else there (a folder, a FIFO), or the file is
            read-only: the person made it so and it is not replaced behind their back.
    """
    try:
        info = file.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookError(f"{file}: is a folder, not a workbook file", path=str(file))
    if not stat.S_ISREG(info.st_mode):
        raise WorkbookError(f"{file}: is not a regular file; nothing was written", path=str(file))
    if not info.st_mode & stat.S_IWUSR:
        raise WorkbookError(
            f"{file}: is read-only, so nothing was saved; make it writable again "
            "(chmod u+w, or untick 'Read-only') or save under another name",
            path=str(file),
        )
    return info


def replace_file(
    file: Path, payload: bytes, *, old: os.stat_result | None, old_bytes: bytes | None
) -> None:
    """Atomically make ``file`` hold ``payload``, keeping ``old_bytes`` as its backup.

    ``file`` must already be the real file (see :func:`real_file`) and ``old`` its state
    from :func:`existing_state`: the new file gets the old one's permissions (a new file the
    usual ones, after the umask).
    """
    folder = file.parent
    mode = stat.S_IMODE(old.st_mode) if old is not None else None
    fd, temp = _new_file(folder, file.name, 0o600 if mode is not None else 0o666)
    try:
        _write_all(fd, payload, mode)
        if old_bytes is not None:
            _keep_backup(file, old_bytes, mode)
        temp.replace(file)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_dir(folder)


def _keep_backup(file: Path, old_bytes: bytes, mode: int | None) -> None:
    """Make ``<name>.bak`` a copy of the old contents (a real file: never a link)."""
    fd, staging = _new_file(file.parent, file.name + ".bak", 0o600)
    try:
        _write_all(fd, old_bytes, mode)
        staging.replace(backup_path(file))  # replaces a planted link, never follows it
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        raise


# --------------------------------------------------------------------------------------
# The lock
# --------------------------------------------------------------------------------------


def _busy(file: Path, timeout: float, why: str = "") -> WorkbookLockedError:
    return WorkbookLockedError(
        f"{file}: another notebook or program kept the workbook busy for {timeout:.0f} s"
        f"{why}; try again in a moment",
        path=str(file),
    )


def _open_lock_target(file: Path) -> int | None:
    """Open what the lock is taken on (``None``: it is not a usable file or folder)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        lock = file.with_name(file.name + ".lock")
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _BINARY, 0o666)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        return fd
    fd = os.open(file.parent, os.O_RDONLY | _NONBLOCK | getattr(os, "O_DIRECTORY", 0))
    if not stat.S_ISDIR(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return fd


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def folder_lock(file: Path, timeout: float) -> Iterator[None]:
    """Hold the lock that guards ``file`` (a real file path) for the duration of the block.

    Not re-entrant: a second lock of the same folder in the same process waits like any
    other writer.

    Raises:
        WorkbookLockedError: somebody else held it for ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkbookError(
            f"{file}: its folder cannot be created ({error.strerror or error})", path=str(file)
        ) from None
    while True:
        fd = _open_lock_target(file)
        if fd is None:
            if time.monotonic() > deadline:
                raise _busy(file, timeout, " (its lock is not a regular file)")
            time.sleep(_POLL_S)
            continue
        if _try_lock(fd):
            break
        os.close(fd)
        if time.monotonic() > deadline:
            raise _busy(file, timeout) from None
        time.sleep(_POLL_S)
    try:
        yield
    finally:
        try:
            _unlock(fd)
        finally:
            os.close(fd)


def check_export_target(path: str | os.PathLike[str], *, force: bool, example: str) -> Path:
    """``path`` if a file a person named (a share, a calendar file) can be written there.

    Checked before any work is done, so a typo in the name costs nothing.

    Raises:
        InputError: ``path`` is a folder (``example`` is the file name suggested inside it),
            its folder does not exist, or (without ``force``) something is already there.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give a file name, such as {target / example}")
    if not force and (target.exists() or target.is_symlink()):
        raise InputError(f"{target}: already exists; pass --force to replace it")
    if not target.parent.is_dir():
        raise InputError(f"{target}: the folder {target.parent} does not exist")
    real = real_file(target)  # a link to nothing is refused now, not after the work
    existing_state(real)  # so is a pipe, a device or a read-only file
    if not os.access(real.parent, os.W_OK):
        raise InputError(f"{target}: the folder {real.parent} cannot be written to")
    return target


def write_export(
    path: str | os.PathLike[str], payload: bytes, *, force: bool, example: str
) -> Path:
    """Write ``payload`` to the file a person named, as :func:`check_export_target` allows.

    Atomic (a reader sees the old file or the new one, never half), through a link to the
    file it points to, and keeping an existing file's permissions.
    """
    target = check_export_target(path, force=force, example=example)
    real = real_file(target)
    try:
        replace_file(real, payload, old=existing_state(real), old_bytes=None)
    except OSError as error:  # the disk filled, the folder changed under us: name the file
        raise InputError(f"{target}: cannot be written ({error.strerror or error})") from None
    return target
