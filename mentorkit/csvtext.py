"""Reading a CSV file a person exported: rows with their physical line, honest about quotes.

Shared by the cohort roster and the contacts import.  Python's ``csv`` module, left to itself,
reads an opening quote that is never closed as one field running to the end of the file (so
a broken file imports as one garbage row), and numbers rows, not lines.  Here each row comes
with the physical line it starts on, and an unterminated quote is an error naming its line.
Spreadsheets that save "Unicode text" write UTF-16, sometimes without a byte-order mark;
:func:`decode_utf16` recognises both.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Final

#: How much of a file is looked at to recognise UTF-16 without a byte-order mark.
_SNIFF_BYTES: Final = 4096


class UnterminatedQuoteError(ValueError):
    """A quoted cell is never closed; ``line`` is the physical line where its row starts."""

    def __init__(self, line: int):
        self.line = line
        super().__init__(
            f'line {line}: a quote (") opens a cell that is never closed, so everything after '
            "it would be read as one cell; close the quote or remove it"
        )


def read_given_file(file: Path, error: type[Exception], what: str) -> bytes:
    """The bytes of a file a person named (a roster, an export), or ``error`` saying why not.

    A folder, a pipe or a device is refused by what it is, after opening (so a swap between a
    check and the read changes nothing), and a pipe never blocks the command.
    """
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error(f"{file}: no such {what}") from None
    except IsADirectoryError:
        raise error(f"{file}: is a folder; give the {what}") from None
    except OSError as problem:
        raise error(f"{file}: cannot be read ({problem.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(f"{file}: is a folder; give the {what}")
        if not stat.S_ISREG(mode):
            raise error(f"{file}: is not a regular file (a pipe or a device); give the {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read()
    except OSError as problem:
        raise error(f"{file}: cannot be read ({problem.strerror})") from None
    finally:
        os.close(fd)


def decode_utf16(data: bytes) -> str | None:
    """The text of a UTF-16 file (with or without a byte-order mark), else ``None``.

    Without a mark, a file is taken as UTF-16 when nearly every other byte is NUL, as in
    text that is mostly Latin letters: NULs at odd positions mean little-endian, at even
    positions big-endian.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    head = data[:_SNIFF_BYTES]
    pairs = len(head) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even = head[0 : pairs * 2 : 2].count(0)
    odd = head[1 : pairs * 2 : 2].count(0)
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= pairs * 0.3 and others <= pairs * 0.02:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if "\x00" not in text else None
    return None


def rows_with_lines(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Each row of ``text`` with the physical line (from 1) it starts on.

    A quoted cell may span lines (the next row's number counts them).

    Raises:
        UnterminatedQuoteError: a quote opened in the last row is never closed.
        csv.Error: the csv module cannot read the text at all (e.g. a NUL byte).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    last: tuple[int, list[str]] | None = None
    for cells in reader:
        if last is not None:
            yield last
        last = (start, cells)
        start = reader.line_num + 1
    if last is not None:
        _check_tail(text, last[0], delimiter)
        yield last


def _check_tail(text: str, line: int, delimiter: str) -> None:
    """Raise if the row starting on ``line`` (the last one) ends inside an open quote.

    Only the last row can: an unclosed quote swallows everything up to the end.  The row is
    scanned with the csv module's own (lenient) rules: a quote opens a quoted cell only at
    the start of a cell, and ``""`` inside one is a quote character.
    """
    lines = io.StringIO(text, newline="").readlines()
    tail = "".join(lines[line - 1 :])
    if '"' not in tail:
        return
    ends = re.compile(f"[{re.escape(delimiter)}\r\n]")
    position, size = 0, len(tail)
    while position < size:
        if tail[position] == '"':  # a quoted cell: find its closing quote
            position += 1
            while True:
                closing = tail.find('"', position)
                if closing < 0:
                    raise UnterminatedQuoteError(line)
                if tail.startswith('""', closing):
                    position = closing + 2
                    continue
                position = closing + 1
                break
        found = ends.search(tail, position)  # the rest of the cell, up to its end
        if found is None:
            return
        position = found.end()
