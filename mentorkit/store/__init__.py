"""The workbook store: the only code that reads or writes a participant's workbook.

* :mod:`~mentorkit.store.codec` turns JSON data into the model's dataclasses and back,
  derived from their type hints, naming every problem by field path;
* :mod:`~mentorkit.store.migrations` brings files of older versions up to date;
* :mod:`~mentorkit.store.files` keeps the file safe: links followed to their target (never
  replaced), atomic replace with a ``.bak`` copy and the old permissions, read-only files
  refused, a lock that works on Linux, macOS and Windows;
* :mod:`~mentorkit.store.workbooks` puts them together (load, save, update under the lock).

Paths always come in as arguments; :func:`default_workbook_path` is the one place that knows
where a participant's own workbook lives when none is named.  Importing this package needs no
POSIX-only module.
"""

from __future__ import annotations

from mentorkit.errors import WorkbookError, WorkbookLockedError
from mentorkit.model import MAX_TEXT, Workbook
from mentorkit.store.files import backup_path
from mentorkit.store.migrations import migrate
from mentorkit.store.workbooks import (
    LOCK_TIMEOUT_S,
    MAX_LISTED_PROBLEMS,
    MAX_WORKBOOK_BYTES,
    WORKBOOK_ENV,
    create_workbook,
    default_workbook_path,
    load_workbook,
    new_workbook,
    open_workbook,
    resolve_workbook_path,
    save_workbook,
    update_workbook,
    validate_workbook,
    workbook_from_bytes,
    workbook_from_dict,
    workbook_lock,
    workbook_to_dict,
    workbook_to_json,
)

__all__ = [
    "LOCK_TIMEOUT_S",
    "MAX_LISTED_PROBLEMS",
    "MAX_TEXT",
    "MAX_WORKBOOK_BYTES",
    "WORKBOOK_ENV",
    "Workbook",
    "WorkbookError",
    "WorkbookLockedError",
    "backup_path",
    "create_workbook",
    "default_workbook_path",
    "load_workbook",
    "migrate",
    "new_workbook",
    "open_workbook",
    "resolve_workbook_path",
    "save_workbook",
    "update_workbook",
    "validate_workbook",
    "workbook_from_bytes",
    "workbook_from_dict",
    "workbook_lock",
    "workbook_to_dict",
    "workbook_to_json",
]
