"""One read of a participant's workbook, checked for whose it is, for their report only.

The runner reads each workbook file once, here, and hands the report kernel a private copy
of exactly those bytes.  The file on disk may change afterwards (a participant saving, or
somebody swapping it for a link to another person's workbook): the report is built from
the snapshot that was checked, never from whatever the path holds later.

A workbook is this participant's when its ``participant_id`` is the roster's.  Workbooks made
by ``mentorkit new`` or by the notebooks have no id; such a workbook is accepted only when
its profile name is the roster's name (ignoring case and spacing), so a row pointing at
somebody else's id-less workbook is refused rather than reported under the wrong name.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from mentorkit.cohort.roster import RosterEntry

_READ_FLAGS: Final = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Snapshot:
    """A workbook file's bytes as read once, with the identity of the file they came from."""

    content: bytes
    device: int
    inode: int

    @property
    def identity(self) -> tuple[int, int]:
        """Device and inode: two names of one file (hard links) share it."""
        return (self.device, self.inode)


class SnapshotRefused(Exception):
    """The workbook cannot be used for this participant; the message says why."""


def _opened_path(fd: int) -> Path | None:
    """Where an open file really is (Linux); ``None`` where the system cannot say."""
    try:
        return Path(f"/proc/self/fd/{fd}").readlink()
    except OSError:
        return None


def read_snapshot(path: Path, root: Path, shown: str) -> Snapshot:
    """Read the workbook at ``path`` once, refusing anything that leaves ``root``.

    Links inside the roster's folder are followed (a facilitator may organise workbooks
    that way); the file finally opened must lie inside ``root`` and be a regular file.

    Raises:
        FileNotFoundError: there is no file at ``path``.
        SnapshotRefused: the path leads outside ``root`` or to something that is not a file.
    """
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(root):
        raise SnapshotRefused(
            f"workbook {shown} now leads outside the roster's folder (to {real}); not read"
        )
    try:
        fd = os.open(real, _READ_FLAGS)
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise SnapshotRefused(
            f"workbook {shown} cannot be read ({error.strerror or error})"
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SnapshotRefused(f"workbook {shown} is not a regular file")
        opened = _opened_path(fd)
        if opened is not None and not opened.is_relative_to(root):
            raise SnapshotRefused(
                f"workbook {shown} was replaced while being opened and now leads outside "
                f"the roster's folder (to {opened}); not read"
            )
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return Snapshot(b"".join(chunks), info.st_dev, info.st_ino)


def _name_key(name: str) -> str:
    return "".join(name.split()).casefold()


def ownership_problem(entry: RosterEntry, owner_id: str, owner_name: str, shown: str) -> str:
    """Why a workbook whose id is ``owner_id`` and name ``owner_name`` is not ``entry``'s ('' if it is).

    A privacy guard: the wrong file would send one person's goals and network to another.
    """
    where = f"(roster line {entry.line})"
    if owner_id:
        if owner_id == entry.participant_id:
            return ""
        return (
            f"workbook {shown} belongs to participant {owner_id!r}, not "
            f"{entry.participant_id!r} {where}; not run, so nobody is sent another person's data"
        )
    if owner_name.strip() and _name_key(owner_name) == _name_key(entry.name):
        return ""
    whose = f"is {owner_name.strip()!r}'s" if owner_name.strip() else "names nobody"
    return (
        f"workbook {shown} has no participant_id and {whose}, not {entry.name!r}'s {where}; "
        f'not run, so nobody is sent another person\'s data: set "participant_id": '
        f'"{entry.participant_id}" in the workbook file (or correct the name in the roster)'
    )
