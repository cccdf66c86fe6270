"""The errors mentorkit raises for a user's mistake.

Every error a participant or facilitator can cause derives from :class:`MentorkitError`, and
from the builtin it resembles, so callers can catch either.  The message always says *what*
is wrong and *where* (a file, a line, a field path), because it is shown to a person, not a
developer: the CLI prints it without a traceback and the widgets show it in the page.
"""

from __future__ import annotations


class MentorkitError(Exception):
    """Root of every error mentorkit raises on purpose."""


class WorkbookError(MentorkitError, ValueError):
    """A workbook file is missing, unreadable, or holds data that does not validate.

    Attributes:
        path: The workbook file concerned, when there is one.
        problems: Each problem as ``field.path: message``.
    """

    def __init__(self, message: str, *, path: str | None = None, problems: list[str] | None = None):
        self.path = path
        self.problems = list(problems or [])
        super().__init__(message)


class WorkbookLockedError(WorkbookError, TimeoutError):
    """Another process held the workbook's lock for too long."""


class InputError(MentorkitError, ValueError):
    """A value typed into a form or passed on the command line is not acceptable."""


class ImportFileError(MentorkitError, ValueError):
    """A file given to import (contacts, a roster) cannot be read as what it should be."""


class TransitionError(MentorkitError, ValueError):
    """A mentorship cannot move from its current status to the one asked for."""


class RosterError(MentorkitError, ValueError):
    """A cohort roster has problems; ``problems`` lists every one, by line."""

    def __init__(self, message: str, *, problems: list[str] | None = None):
        self.problems = list(problems or [])
        super().__init__(message)


class UnsafeIdError(MentorkitError, ValueError):
    """An id that would be used in a path holds something other than letters, digits, - and _."""


class SummaryError(MentorkitError, ValueError):
    """Summary files of a cohort run are damaged; ``problems`` lists each, by file and field.

    Attributes:
        folder: The cohort output folder read.
        problems: Each problem as ``<participant>/summary.json: field.path: message``.
    """

    def __init__(self, message: str, *, folder: str = "", problems: list[str] | None = None):
        self.folder = folder
        self.problems = list(problems or [])
        super().__init__(message)
