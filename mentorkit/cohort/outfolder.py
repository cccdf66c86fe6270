"""Writing inside a cohort's ``--out`` folder without ever following a link out of it.

A folder the runner writes to (``out/<participant_id>``, ``out/<participant_id>/notebooks``)
may already exist, and anybody who can write to ``out`` could have planted a symbolic link
there: following it would write reports into, and delete files from, the link's target.
So every step below ``out`` is opened as a directory descriptor with ``O_NOFOLLOW``, files
are created relative to that descriptor (``O_EXCL | O_NOFOLLOW``, under a temporary name
unique to this run) and renamed into place within the same descriptor.  A path component
that is a link, or anything but a folder, is refused with a message naming it; nothing is
read or written through it.

``out`` itself is the facilitator's own choice (it may be a link to another drive) and is
used as given.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from mentorkit.errors import MentorkitError

_DIRECTORY_FLAGS: Final = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_CREATE_FLAGS: Final = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
)


class UnsafeOutputError(MentorkitError, OSError):
    """Something inside ``--out`` is a link or not a folder, so nothing is written through it."""


def _what(info: os.stat_result) -> str:
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link"
    if stat.S_ISREG(info.st_mode):
        return "a file"
    return "not a folder"


def _refusal(path: Path, what: str) -> UnsafeOutputError:
    target = ""
    if what == "a symbolic link":
        with contextlib.suppress(OSError):
            target = f" (to {path.readlink()})"
    return UnsafeOutputError(
        f"{path} is {what}{target}; the runner writes only into real folders inside --out "
        "and never follows a link, so nothing was written there: remove it and run again"
    )


def _open_child(parent_fd: int, name: str, path: Path, *, create: bool) -> int:
    """A descriptor of the folder ``name`` in ``parent_fd``, never through a link."""
    if create:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, 0o755, dir_fd=parent_fd)
    try:
        return os.open(name, _DIRECTORY_FLAGS, dir_fd=parent_fd)
    except OSError as error:
        try:
            info = os.stat(name, dir_fd=parent_fd, follow_symlinks=False)
        except FileNotFoundError:
            raise error from None
        raise _refusal(path, _what(info)) from None


@contextlib.contextmanager
def open_folder(out: Path, parts: Sequence[str], *, create: bool = True) -> Iterator[int]:
    """Yield a descriptor of ``out/<parts...>``, creating missing folders (never via a link).

    Raises:
        UnsafeOutputError: a component below ``out`` is a link or not a folder.
        FileNotFoundError: ``create`` is false and a component does not exist.
    """
    if create:
        out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    path = out
    try:
        for name in parts:
            if name in ("", ".", "..") or "/" in name or os.sep in name:
                raise UnsafeOutputError(f"{name!r} cannot name a folder inside {out}")
            path = path / name
            child = _open_child(fd, name, path, create=create)
            os.close(fd)
            fd = child
        yield fd
    finally:
        os.close(fd)


def check_folder(out: Path, parts: Sequence[str]) -> None:
    """Refuse ``out/<parts...>`` if any existing component is a link or not a folder.

    Creates nothing; a missing component is fine (it will be made when written).
    """
    path = out
    for name in parts:
        path = path / name
        try:
            info = path.lstat()
        except FileNotFoundError:
            return
        if not stat.S_ISDIR(info.st_mode):
            raise _refusal(path, _what(info))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_file(folder_fd: int, name: str, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` as ``name`` in the folder: to a temporary name of this run, then renamed.

    The temporary file is created with ``O_EXCL | O_NOFOLLOW``, so it is always a new file
    of this run; only it is removed if the write fails.  The rename replaces whatever
    ``name`` was (a link is replaced, never followed).
    """
    partial = f".{name}.{secrets.token_hex(6)}.partial"
    fd = os.open(partial, _CREATE_FLAGS, mode, dir_fd=folder_fd)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(partial, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial, dir_fd=folder_fd)
        raise


def copy_in(folder_fd: int, name: str, source: Path) -> None:
    """Copy the file ``source`` (a private file of this run) into the folder as ``name``."""
    write_file(folder_fd, name, source.read_bytes())


def remove_file(folder_fd: int, name: str) -> None:
    """Remove ``name`` from the folder if it is there (a link is removed, never followed)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name, dir_fd=folder_fd)


def is_regular_file(folder_fd: int, name: str) -> bool:
    """Whether ``name`` in the folder is a regular file (a link does not count)."""
    try:
        info = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return stat.S_ISREG(info.st_mode)


def folder_parts(out: Path, folder: Path) -> tuple[str, ...]:
    """The components of ``folder`` below ``out`` (it must be inside ``out``)."""
    return folder.relative_to(out).parts
