"""The one vocabulary of mentorship statuses: what each status means and how it reads.

:class:`Status` is a ``StrEnum`` whose values are the workbook's strings, so
``mentorship.status == Status.ACTIVE`` and ``mentorship.status == "active"`` are the same
test and a status can be written to JSON as it is.  Its properties answer the questions the
rest of the code asks ("is this person committed to it?", "can anything follow?"), and
:data:`WORDS` is the one table of how each status reads in a sentence.  The moves between
statuses live here too (:data:`NEXT`); :mod:`mentorkit.lifecycle` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum, nonmember
from typing import Final, overload


class _Among:
    """A yes/no property of a status: true for the statuses named (their workbook strings)."""

    def __init__(self, *statuses: str) -> None:
        self.statuses = frozenset(statuses)

    @overload
    def __get__(self, status: None, owner: object) -> _Among: ...
    @overload
    def __get__(self, status: Status, owner: object) -> bool: ...
    def __get__(self, status: Status | None, owner: object) -> _Among | bool:
        return self if status is None else status in self.statuses


class Status(StrEnum):
    """A mentorship's status, from a draft ask to its end."""

    DRAFT = "draft"
    ASKED = "asked"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"

    # The kinds of status the rest of the code asks about, each the statuses it holds for.
    #: The person asked is committed to (or considering) it: asked, accepted or active.
    is_open = nonmember(_Among("asked", "accepted", "active"))
    #: It answers an ask.
    is_answer = nonmember(_Among("accepted", "declined", "no_answer"))
    #: The person asked said no or did not answer: the goal needs somebody else.
    is_turned_down = nonmember(_Among("declined", "no_answer"))
    #: The person said yes and has not finished: accepted or active.
    is_mentoring = nonmember(_Among("accepted", "active"))
    #: The conversations began: active, or closed after it was active.
    has_started = nonmember(_Among("active", "completed", "ended_early"))
    #: It ran and is over: completed or ended early.
    is_closed = nonmember(_Among("completed", "ended_early"))

    @property
    def is_final(self) -> bool:
        """Nothing can follow it."""
        return not NEXT[self]

    @property
    def words(self) -> StatusWords:
        """How this status reads (see :data:`WORDS`)."""
        return WORDS[self]

    def can_move_to(self, other: str) -> bool:
        """Whether a mentorship in this status may move to ``other``."""
        return other in NEXT[self]


#: Where a mentorship may go from each status.  A move not listed here is refused.
NEXT: Final[dict[Status, tuple[Status, ...]]] = {
    Status.DRAFT: (Status.ASKED,),
    Status.ASKED: (Status.ACCEPTED, Status.DECLINED, Status.NO_ANSWER),
    # A late reply still counts, and a polite reminder is a second ask.
    Status.NO_ANSWER: (Status.ACCEPTED, Status.DECLINED, Status.ASKED),
    Status.ACCEPTED: (Status.ACTIVE, Status.ENDED_EARLY),
    Status.DECLINED: (),
    Status.ACTIVE: (Status.COMPLETED, Status.ENDED_EARLY),
    Status.COMPLETED: (),
    Status.ENDED_EARLY: (),
}


@dataclass(frozen=True)
class StatusWords:
    """How one status reads, in each kind of sentence the workbook writes.

    Attributes:
        label: For tables and lists ("asked, waiting for an answer").
        is_: After "This ask is ..." ("asked and waiting for an answer").
        marked_as: After "... marked as ..." ("no answer").
        about_goal: What the latest ask about a goal says of the person asked, for that goal
            (empty when it says nothing: the mentorship is over).
        busy: Why the person cannot be asked again now (empty: they are not busy).
    """

    label: str
    is_: str
    marked_as: str
    about_goal: str
    busy: str


#: The one table of words for each status.
WORDS: Final[dict[Status, StatusWords]] = {
    Status.DRAFT: StatusWords(
        "draft (not sent yet)",
        "still a draft (not sent yet)",
        "a draft",
        "your ask to them about this goal is a draft",
        "",
    ),
    Status.ASKED: StatusWords(
        "asked, waiting for an answer",
        "asked and waiting for an answer",
        "asked",
        "asked about this goal, no answer yet",
        "waiting to answer another ask of yours",
    ),
    Status.ACCEPTED: StatusWords(
        "accepted, not started yet",
        "accepted",
        "accepted",
        "mentoring you on this goal",
        "mentoring you (accepted)",
    ),
    Status.DECLINED: StatusWords(
        "declined", "declined", "declined", "declined when you asked about this goal", ""
    ),
    Status.NO_ANSWER: StatusWords(
        "no answer",
        "without an answer",
        "no answer",
        "did not answer when you asked about this goal",
        "",
    ),
    Status.ACTIVE: StatusWords(
        "active", "under way", "under way", "mentoring you on this goal", "mentoring you"
    ),
    Status.COMPLETED: StatusWords("completed", "completed", "completed", "", ""),
    Status.ENDED_EARLY: StatusWords("ended early", "ended early", "ended early", "", ""),
}


def statuses(test: str) -> tuple[Status, ...]:
    """The statuses for which the property ``test`` holds, in order (``statuses("is_open")``)."""
    return tuple(status for status in Status if getattr(status, test))


def span_end(start: date | None, weeks: int) -> date | None:
    """The day an agreed span of ``weeks`` from ``start`` runs out; ``None`` without a start.

    The one definition of when a mentorship ends: an ask's dates, the wrap-up and progress
    all come through here (via :func:`mentorkit.lifecycle.ends_on` for a mentorship).
    """
    return None if start is None else start + timedelta(weeks=weeks)


#: The statuses of each kind, in order (each derived from :class:`Status`'s properties).
OPEN_STATUSES: Final = statuses("is_open")
FINAL_STATUSES: Final = statuses("is_final")
ANSWER_STATUSES: Final = statuses("is_answer")
TURNED_DOWN_STATUSES: Final = statuses("is_turned_down")
MENTORING_STATUSES: Final = statuses("is_mentoring")
STARTED_STATUSES: Final = statuses("has_started")
CLOSED_STATUSES: Final = statuses("is_closed")
