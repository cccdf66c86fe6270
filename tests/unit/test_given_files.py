"""Reading the files a person names: a roster or a contacts export, and what is refused."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from mentorkit.cohort.roster import read_roster
from mentorkit.errors import ImportFileError, RosterError
from mentorkit.store.files import read_given_file


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    file = tmp_path / "contacts.csv"
    file.write_bytes(b"name\nAda\n" * 1000)
    assert read_given_file(file, ImportFileError, "CSV file") == b"name\nAda\n" * 1000


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"gone\.csv: no such CSV file"):
        read_given_file(tmp_path / "gone.csv", ImportFileError, "CSV file")
    with pytest.raises(RosterError, match=r": is a folder; give the roster file"):
        read_given_file(tmp_path, RosterError, "roster file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_roster(fifo)
        except RosterError as error:
            outcome.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "reading a named pipe blocked"
    assert outcome and "is not a regular file (a pipe or a device)" in outcome[0]
