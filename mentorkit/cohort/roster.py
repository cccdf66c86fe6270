"""Reading a facilitator's roster: who is in the cohort and where their workbooks are.

A roster is a CSV file with the columns ``participant_id`` and ``name`` and, optionally,
``email`` and ``workbook`` (a path relative to the roster; empty means
``workbooks/<participant_id>.json``).  Other columns become notebook parameters only when
named explicitly.

:func:`parse_roster` takes the file's bytes and the roster's folder and checks everything at
once, so the facilitator fixes the whole file in one go instead of meeting one problem per
run; it reads no file, only looks up where each workbook is (links resolved, and device and
inode, so two names of one file are caught).  :func:`read_roster` is the thin edge that reads
the roster file.  Problems are numbered by the physical line a row starts on.
"""

from __future__ import annotations

import csv
import keyword
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from mentorkit.csvtext import (
    UnterminatedQuoteError,
    decode_utf16,
    rows_with_lines,
)
from mentorkit.errors import RosterError
from mentorkit.model import ID_PATTERN
from mentorkit.store.files import read_given_file

REQUIRED_COLUMNS: Final = ("participant_id", "name")
OPTIONAL_COLUMNS: Final = ("email", "workbook")
#: Parameters the runner sets itself; a roster column may not take their place.
RESERVED_PARAMETERS: Final = frozenset({"workbook_path", "participant_id", "today", "summary_path"})
#: How many problems the error message lists before "and N more" (all are in ``problems``).
MAX_LISTED: Final = 20


@dataclass(frozen=True)
class RosterEntry:
    """One participant of the roster.

    Attributes:
        participant_id: Checked id (letters, digits, ``-``, ``_``).
        name: As written in the roster.
        email: As written, possibly empty.
        workbook: Absolute path of the workbook, inside the roster's folder tree.
        line: The roster line it came from (1 is the header).
        parameters: Extra notebook parameters from ``--param-columns``, as text.
    """

    participant_id: str
    name: str
    workbook: Path
    line: int
    email: str = ""
    parameters: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Roster:
    """A checked roster: its entries in file order and the folder it lives in."""

    entries: tuple[RosterEntry, ...]
    folder: Path

    def __len__(self) -> int:
        return len(self.entries)

    def missing_workbooks(self) -> list[RosterEntry]:
        """Entries whose workbook file does not exist (these participants are reported failed)."""
        return [entry for entry in self.entries if not entry.workbook.is_file()]


def _decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise RosterError(
            f"{source}: the roster is empty; it needs a header line "
            f"({','.join(REQUIRED_COLUMNS)},...) and one line per participant"
        )
    utf16 = decode_utf16(data)
    if utf16 is not None:  # a spreadsheet's "Unicode text", with or without a byte-order mark
        return utf16
    if b"\x00" in data:
        raise RosterError(
            f"{source}: this is not a CSV text file (it holds binary data); "
            "export the roster from your spreadsheet as CSV UTF-8"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RosterError(
            f"{source}: is not UTF-8 text (byte {error.start} cannot be read); "
            "export the roster from your spreadsheet as CSV UTF-8"
        ) from None


def _resolve_workbook(folder: Path, written: str) -> tuple[Path | None, str]:
    """The absolute workbook path, or ``None`` and why it is refused."""
    if "\x00" in written:
        return None, "holds a NUL character"
    relative = Path(written)
    if relative.is_absolute() or written.startswith("~"):
        return None, "must be relative to the roster's folder, not an absolute path"
    resolved = (folder / relative).resolve()
    if not resolved.is_relative_to(folder):
        return None, "points outside the roster's folder"
    return resolved, ""


def _path_key(path: Path) -> Path:
    """What two workbook paths must share to be one file (case aside, as for ids)."""
    return Path(str(path).casefold())


def _file_identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode, or ``None`` when there is no file (yet)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def parse_roster(
    data: bytes,
    folder: str | os.PathLike[str],
    *,
    param_columns: Sequence[str] = (),
    source: str = "roster",
) -> Roster:
    """Check a roster's bytes and return its entries.

    Args:
        data: The roster file's contents (UTF-8 with or without BOM; LF or CRLF).
        folder: The folder the roster lives in; workbook paths are relative to it and must
            stay inside it (symbolic links are followed before checking).
        param_columns: Extra columns to pass to the notebook as parameters.
        source: How messages name the roster (its path).

    Ids are compared without regard to case (``Anna`` and ``anna`` would share a folder on
    macOS and Windows), and a workbook file may belong to one row only (otherwise one
    participant's data would go into another's report).

    Raises:
        RosterError: with ``problems`` listing every problem, by line.
    """
    base = Path(folder).resolve()
    text = _decode(data, source)
    try:
        rows = list(rows_with_lines(text))
    except UnterminatedQuoteError as error:
        raise _error(source, [str(error)]) from None
    except csv.Error as error:
        raise RosterError(f"{source}: cannot be read as CSV ({error})") from None
    # Trailing blank lines (and blank lines anywhere) are not participants.  Each row keeps
    # the physical line it starts on, so a quoted cell spanning lines shifts no number.
    numbered = [(number, row) for number, row in rows if any(c.strip() for c in row)]
    if not numbered:
        raise RosterError(f"{source}: the roster is empty")
    header_line, header = numbered[0]
    columns = [column.strip() for column in header]
    problems: list[str] = []
    for required in REQUIRED_COLUMNS:
        if required not in columns:
            problems.append(
                f"line {header_line}: the required column {required!r} is missing "
                f"(the header has {', '.join(repr(c) for c in columns)})"
            )
    seen_columns: set[str] = set()
    for column in columns:
        if column in seen_columns and column:
            problems.append(f"line {header_line}: the column {column!r} appears twice")
        seen_columns.add(column)
    for name in param_columns:
        if name not in columns:
            problems.append(f"--param-columns: {name!r} is not a column of the roster")
        elif name in REQUIRED_COLUMNS or name in OPTIONAL_COLUMNS or name in RESERVED_PARAMETERS:
            problems.append(
                f"--param-columns: {name!r} is set by mentorkit and cannot be a parameter"
            )
        elif not name.isidentifier() or keyword.iskeyword(name):
            problems.append(
                f"--param-columns: {name!r} cannot name a notebook parameter "
                "(use letters, digits and _ and start with a letter)"
            )
    if problems:
        raise _error(source, problems)

    index = {column: position for position, column in enumerate(columns)}
    entries: list[RosterEntry] = []
    # Keyed by the casefolded id: on a case-insensitive file system (macOS, Windows)
    # ``Anna`` and ``anna`` would share one output folder.
    first_line_of: dict[str, tuple[int, str]] = {}
    # Two rows reading one workbook would put one person's data in another's report.
    workbook_line_of: dict[Path, int] = {}
    # ... and so would two names of one file (hard links): compared by device and inode.
    identity_line_of: dict[tuple[int, int], int] = {}
    for line, row in numbered[1:]:

        def cell(column: str, row: list[str] = row) -> str:
            position = index.get(column)
            return row[position].strip() if position is not None and position < len(row) else ""

        if len(row) > len(columns):
            problems.append(
                f"line {line}: has {len(row)} values but the header has {len(columns)} columns"
            )
        participant_id = cell("participant_id")
        if not participant_id:
            problems.append(f"line {line}: participant_id is empty")
            continue
        if not ID_PATTERN.fullmatch(participant_id):
            problems.append(
                f"line {line}: participant_id {participant_id!r} may hold only "
                "letters, digits, '-' and '_' (at most 64)"
            )
            continue
        folded = participant_id.casefold()
        if folded in first_line_of:
            first_line, first_id = first_line_of[folded]
            how = (
                ""
                if first_id == participant_id
                else f" ({first_id!r}; ids differing only in case share a folder)"
            )
            problems.append(
                f"line {line}: participant_id {participant_id!r} is a duplicate "
                f"of line {first_line}{how}"
            )
            continue
        first_line_of[folded] = (line, participant_id)
        written = cell("workbook") or f"workbooks/{participant_id}.json"
        workbook, refusal = _resolve_workbook(base, written)
        if workbook is None:
            problems.append(f"line {line}: workbook {written!r} {refusal}")
            continue
        shared = workbook_line_of.get(_path_key(workbook))
        if shared is not None:
            problems.append(
                f"line {line}: workbook {written!r} is already the workbook of line {shared}; "
                "each participant needs their own"
            )
            continue
        workbook_line_of[_path_key(workbook)] = line
        identity = _file_identity(workbook)
        if identity is not None:
            same = identity_line_of.setdefault(identity, line)
            if same != line:
                problems.append(
                    f"line {line}: workbook {written!r} is the same file as the workbook of "
                    f"line {same} (a hard link or another name of it); each participant "
                    "needs their own"
                )
                continue
        entries.append(
            RosterEntry(
                participant_id=participant_id,
                name=cell("name"),
                email=cell("email"),
                workbook=workbook,
                line=line,
                parameters={name: cell(name) for name in param_columns},
            )
        )
    if problems:
        raise _error(source, problems)
    if not entries:
        raise RosterError(f"{source}: the roster has a header but no participants")
    return Roster(entries=tuple(entries), folder=base)


def _error(source: str, problems: list[str]) -> RosterError:
    listed = problems[:MAX_LISTED]
    more = len(problems) - len(listed)
    tail = f"\n  ... and {more} more" if more else ""
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    return RosterError(f"{source}: {count}:\n  " + "\n  ".join(listed) + tail, problems=problems)


def read_roster(path: str | os.PathLike[str], *, param_columns: Sequence[str] = ()) -> Roster:
    """Read and check the roster file at ``path`` (see :func:`parse_roster`).

    Raises:
        RosterError: the file cannot be read, or has problems (all listed).
    """
    file = Path(path)
    data = read_given_file(file, RosterError, "roster file")
    return parse_roster(data, file.absolute().parent, param_columns=param_columns, source=str(file))
