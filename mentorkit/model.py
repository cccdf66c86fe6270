"""The workbook's data model: plain dataclasses for every step of the method.

Dataclasses rather than pydantic: the model is small, the standard library keeps the
install light on Binder, and the rest of the code builds these by keyword and copies them with
:func:`dataclasses.replace`.  Each field's type carries its own rules through
:data:`typing.Annotated` (:class:`Between`, :class:`MaxLength`, :class:`IdText`,
:class:`InFile`, :class:`Sizes`, :class:`NotBlank`), and the store's one codec
(:mod:`mentorkit.store.codec`) reads them from the type hints, so the schema is written down
exactly once: adding a field here is all it takes for it to be validated, saved and loaded.
Everything here is pure: no I/O, no widgets.

Every command imports this module, so it is kept cheap to import: the annotations are
evaluated here once (no ``from __future__ import annotations``, so the codec reads type
objects instead of compiling a string per field), and the records share one ``==`` and
``repr`` instead of having ``@dataclass`` compile them for each class.
"""

import os
import re
from collections.abc import Container
from dataclasses import Field, dataclass, field, fields
from datetime import UTC, date, datetime
from reprlib import recursive_repr
from typing import Annotated, Any, ClassVar, Final, Literal, get_args

from mentorkit.errors import UnsafeIdError

SCHEMA_VERSION: Final = 2

GoalType = Literal["short_term_career", "long_term_career", "psychosocial"]
GOAL_TYPES: Final[tuple[str, ...]] = get_args(GoalType)
GOAL_TYPE_LABELS: Final[dict[str, str]] = {
    "short_term_career": "Short-term career",
    "long_term_career": "Long-term career",
    "psychosocial": "Psychosocial",
}

GoalStatus = Literal["active", "achieved", "dropped"]
GOAL_STATUSES: Final[tuple[str, ...]] = get_args(GoalStatus)

Sphere = Literal[
    "same_team",
    "same_organisation",
    "other_organisation",
    "professional_community",
    "education",
    "personal",
]
SPHERES: Final[tuple[str, ...]] = get_args(Sphere)
SPHERE_LABELS: Final[dict[str, str]] = {
    "same_team": "Same team",
    "same_organisation": "Same organisation",
    "other_organisation": "Other organisation",
    "professional_community": "Professional community",
    "education": "Education",
    "personal": "Personal",
}

TieStrength = Literal["strong", "weak"]
TIE_STRENGTHS: Final[tuple[str, ...]] = get_args(TieStrength)

MentorFunction = Literal["career", "psychosocial"]
MENTOR_FUNCTIONS: Final[tuple[str, ...]] = get_args(MentorFunction)

MentorshipStatus = Literal[
    "draft", "asked", "accepted", "declined", "no_answer", "active", "completed", "ended_early"
]
MENTORSHIP_STATUSES: Final[tuple[str, ...]] = get_args(MentorshipStatus)

#: A goal attainment scale has one level for each score from -2 to +2.
ATTAINMENT_LEVELS: Final = 5
#: The longest text of one level: a short sentence, read next to the rating.
MAX_LEVEL_TEXT: Final = 300

ID_PATTERN: Final = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

#: The longest text a field may hold.  Generous (a page of reflection is ~3,000 characters)
#: but bounded, so a paste accident cannot make a workbook too big to open on Binder.
MAX_TEXT: Final = 20_000
#: Dates a workbook may hold.  Wide enough for any real plan or history, narrow enough that
#: no later computation (a start plus 104 weeks, a calendar) can overflow.
EARLIEST_DATE: Final = date(1900, 1, 1)
LATEST_DATE: Final = date(2199, 12, 31)


# --------------------------------------------------------------------------------------
# Rules a field's type carries (read by the store's codec through typing.Annotated)
# --------------------------------------------------------------------------------------


class _Rule:
    """What the rules share: compared, hashed and shown by their values, like frozen dataclasses.

    Plain classes rather than ``@dataclass(frozen=True)``, which compiles six methods for each
    class with ``exec`` when this module is imported (about half a millisecond a class), and
    every command imports this module.  As those were, a rule is read-only once made.
    """

    __slots__: tuple[str, ...] = ()
    #: The values, in the order they are given (as a dataclass's ``__match_args__``).
    __match_args__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Rule) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, name):  # set once, in __init__ (a type's rule is shared by its fields)
            raise AttributeError(f"{self.__class__.__name__}.{name} cannot be changed")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__class__.__name__}.{name} cannot be deleted")

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{self.__class__.__name__}({shown})"


class Between(_Rule):
    """A whole number from ``low`` to ``high`` (either end may be open)."""

    __slots__ = ("high", "low")
    __match_args__ = ("low", "high")

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low = low
        self.high = high


class MaxLength(_Rule):
    """Text of at most ``limit`` characters."""

    __slots__ = ("limit",)
    __match_args__ = ("limit",)

    def __init__(self, limit: int = MAX_TEXT) -> None:
        self.limit = limit


class IdText(_Rule):
    """An id: 1-64 letters, digits, ``-`` or ``_`` (or empty, with ``allow_empty``)."""

    __slots__ = ("allow_empty",)
    __match_args__ = ("allow_empty",)

    def __init__(self, allow_empty: bool = False) -> None:
        self.allow_empty = allow_empty


class InFile(_Rule):
    """The field must be present in the file even though the class gives it a default."""

    __slots__ = ()


class Describe(_Rule):
    """How a message names what the value must be (``a count (a whole number, 0 or more)``)."""

    __slots__ = ("what",)
    __match_args__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what


class Sizes(_Rule):
    """A list of one of the ``allowed`` lengths (an attainment scale: none yet, or five)."""

    __slots__ = ("allowed", "what")
    __match_args__ = ("allowed", "what")

    def __init__(self, allowed: tuple[int, ...], what: str) -> None:
        self.allowed = allowed
        self.what = what


class NotBlank(_Rule):
    """Text with something in it besides spaces."""

    __slots__ = ()


Text = Annotated[str, MaxLength()]
Id = Annotated[str, IdText()]
Tags = list[Text]


def new_id(prefix: str, taken: Container[str] = ()) -> str:
    """Return a fresh id such as ``g-3f9a1c2e5b7d9e1f`` (64 random bits) not in ``taken``.

    Ids never change once given.  Pass the ids already in use when making many at once (a
    contact import): a clash is then impossible rather than merely unlikely.  When ``taken``
    is a set, the new id is added to it, so one set serves a whole batch.
    """
    while True:
        # os.urandom is what secrets.token_hex reads; importing secrets costs ~5 ms at start-up.
        candidate = f"{prefix}-{os.urandom(8).hex()}"
        if candidate not in taken:
            if isinstance(taken, set):
                taken.add(candidate)
            return candidate


def now() -> datetime:
    """The current time in UTC, to the second (what timestamps in a workbook hold)."""
    return datetime.now(UTC).replace(microsecond=0)


class _Record:
    """What every record below shares: ``==`` and ``repr`` field by field, as a dataclass's.

    Written once here instead of letting ``@dataclass`` compile both for each class with
    ``exec`` at import (about 0.3 ms a class, and every command imports this module): the
    records are declared ``@dataclass(eq=False, repr=False)`` and inherit these.  Defining
    ``__eq__`` leaves ``__hash__`` unset, so records stay unhashable as dataclasses are.
    """

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = [item.name for item in fields(self) if item.compare]
        return [getattr(self, name) for name in compared] == [
            getattr(other, name) for name in compared
        ]

    @recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(
            f"{item.name}={getattr(self, item.name)!r}" for item in fields(self) if item.repr
        )
        return f"{self.__class__.__qualname__}({shown})"


@dataclass(eq=False, repr=False)
class Away(_Record):
    """Days the participant is away (holiday, leave, travel): no conversation is proposed then."""

    start: date
    end: date
    note: Text = ""


@dataclass(eq=False, repr=False)
class Profile(_Record):
    """Who the workbook belongs to, where and when they work, and when their cycle started."""

    name: Text = ""
    role: Text = ""
    organisation: Text = ""
    cycle_start: date | None = None
    #: An IANA time zone name (``Europe/Berlin``); empty means the machine's.
    time_zone: Text = ""
    #: An ISO 3166 country code (``DE``) whose public holidays no conversation is proposed on.
    country: Text = ""
    away: list[Away] = field(default_factory=list)


#: One level of a goal attainment scale: a short sentence.
LevelText = Annotated[str, MaxLength(MAX_LEVEL_TEXT), NotBlank()]
#: A goal attainment scale: none yet, or one level for each score from -2 up to +2.
AttainmentScale = Annotated[
    list[LevelText],
    Sizes((0, ATTAINMENT_LEVELS), "none yet, or one level for each of -2, -1, 0, +1 and +2"),
]


@dataclass(eq=False, repr=False)
class ScaleRevision(_Record):
    """An attainment scale a goal had before it was rewritten, and why it changed."""

    levels: AttainmentScale
    replaced: Annotated[datetime, InFile()] = field(default_factory=now)
    note: Text = ""


@dataclass(eq=False, repr=False)
class Goal(_Record):
    """A short-term goal (6-8 weeks) the participant cares about."""

    id: Id
    statement: Text
    type: GoalType | None = None
    why: Text = ""
    success_measure: Text = ""
    target_date: date | None = None
    first_step: Text = ""
    first_step_date: date | None = None
    confidence: Annotated[int, Between(1, 7)] = 4
    areas: Tags = field(default_factory=list)
    status: GoalStatus = "active"
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    #: Optional: the main thing that could get in the way (mental contrasting).
    obstacle: Text = ""
    #: Optional: the plan for that obstacle, "if X happens, I will Y".
    if_then: Text = ""
    #: Five short texts, for -2 (much less than expected) up to +2 (much more), written
    #: before the first rated conversation; empty until written.
    attainment_scale: AttainmentScale = field(default_factory=list)
    #: Earlier scales, oldest first, each with the note saying why it was rewritten.
    scale_history: list[ScaleRevision] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Contact(_Record):
    """Somebody in the participant's network."""

    id: Id
    name: Text
    relationship: Text = ""
    sphere: Sphere = "other_organisation"
    tie_strength: TieStrength = "weak"
    areas: Tags = field(default_factory=list)
    functions: list[MentorFunction] = field(default_factory=list)
    email: Text = ""
    organisation: Text = ""
    position: Text = ""
    notes: Text = ""
    source: Text = ""


@dataclass(eq=False, repr=False)
class StatusChange(_Record):
    """One step in a mentorship's life: when it moved to which status, and why."""

    status: MentorshipStatus
    at: Annotated[datetime, InFile()] = field(default_factory=now)
    note: Text = ""


@dataclass(eq=False, repr=False)
class MentorshipFeedback(_Record):
    """What the participant thought of a mentorship once it ended, for the programme.

    The ratings go into every share; the three texts only when ``share_comment`` is ticked.
    """

    usefulness: Annotated[int, Between(1, 5)]
    recommend: bool
    helped: Text = ""
    to_change: Text = ""
    comment: Text = ""
    share_comment: bool = False
    given: datetime = field(default_factory=now)


@dataclass(eq=False, repr=False)
class Mentorship(_Record):
    """A specific, time-limited ask to one person about one goal, and what became of it."""

    id: Id
    goal_id: Id
    contact_id: Id
    sessions: Annotated[int, Between(1, 52)] = 4
    minutes: Annotated[int, Between(5, 480)] = 30
    weeks: Annotated[int, Between(1, 104)] = 8
    start: date | None = None
    #: The conversation dates the ask proposed, after holidays and time away moved them
    #: (what the mentor was sent); empty in workbooks from before they were kept.
    plan: Annotated[list[date], Sizes(tuple(range(53)), "at most 52 dates")] = field(
        default_factory=list
    )
    schedule_by: Literal["mentee", "mentor"] = "mentee"
    commitments: Tags = field(default_factory=list)
    feedback_wanted: Text = ""
    message: Text = ""
    status: MentorshipStatus = "draft"
    history: list[StatusChange] = field(default_factory=list)
    feedback: MentorshipFeedback | None = None


@dataclass(eq=False, repr=False)
class CheckIn(_Record):
    """One mentoring conversation (held or cancelled) and what came of it."""

    id: Id
    mentorship_id: Id
    date: date
    held: bool = True
    minutes: Annotated[int, Between(0, 480)] = 30
    notes: Text = ""
    actions: Text = ""
    feedback: Text = ""
    rating: Annotated[int, Between(-2, 2)] | None = None


@dataclass(eq=False, repr=False)
class Reflection(_Record):
    """A dated answer to a reflection prompt, e.g. at a mentorship's wrap-up."""

    id: Id
    date: date
    prompt: Text
    text: Text
    mentorship_id: Id | None = None


@dataclass(eq=False, repr=False)
class Workbook(_Record):
    """Everything one participant writes in the coaching notebooks."""

    # Fields are written to the file in this order; the version comes first.
    schema_version: Annotated[int, Between(1, SCHEMA_VERSION), InFile()] = SCHEMA_VERSION
    participant_id: Annotated[str, IdText(allow_empty=True)] = ""
    profile: Profile = field(default_factory=Profile)
    goals: list[Goal] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    mentorships: list[Mentorship] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)

    def goal(self, goal_id: str) -> Goal:
        """Return the goal with this id (``KeyError`` naming it when there is none)."""
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise KeyError(f"no goal with id {goal_id!r}")

    def contact(self, contact_id: str) -> Contact:
        """Return the contact with this id (``KeyError`` naming it when there is none)."""
        for contact in self.contacts:
            if contact.id == contact_id:
                return contact
        raise KeyError(f"no contact with id {contact_id!r}")

    def mentorship(self, mentorship_id: str) -> Mentorship:
        """Return the mentorship with this id (``KeyError`` naming it when there is none)."""
        for mentorship in self.mentorships:
            if mentorship.id == mentorship_id:
                return mentorship
        raise KeyError(f"no mentorship with id {mentorship_id!r}")

    def active_goals(self) -> list[Goal]:
        """The goals still being worked on."""
        return [goal for goal in self.goals if goal.status == "active"]


def check_participant_id(participant_id: str) -> str:
    """Return ``participant_id`` if it is safe to use as a folder name.

    Raises:
        UnsafeIdError: the id is empty, longer than 64 characters, or holds anything but
            letters, digits, ``-`` and ``_``.
    """
    if not isinstance(participant_id, str) or not ID_PATTERN.fullmatch(participant_id):
        raise UnsafeIdError(
            f"participant id {participant_id!r}: use 1-64 letters, digits, '-' or '_' "
            "(it becomes a folder name)"
        )
    return participant_id
