"""The workbook's data model: plain dataclasses for every step of the method.

Dataclasses rather than pydantic: the model is small, the standard library keeps the
install light on Binder, and validation lives in one place (:mod:`mentorkit.store`) where it
can name the exact field path of a bad value (``goals[2].confidence``) in words a participant
understands.  Everything here is pure: no I/O, no widgets.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Final, Literal, get_args

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


def new_id(prefix: str) -> str:
    """Return a fresh id such as ``g-3f9a1c2e``; ids never change once given."""
    return f"{prefix}-{secrets.token_hex(4)}"


def now() -> datetime:
    """The current time in UTC, to the second (what timestamps in a workbook hold)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Profile:
    """Who the workbook belongs to and when their current cycle of goals started."""

    name: str = ""
    role: str = ""
    organisation: str = ""
    cycle_start: date | None = None


@dataclass
class ScaleRevision:
    """An attainment scale a goal had before it was rewritten, and why it changed."""

    levels: list[str]
    replaced: datetime = field(default_factory=now)
    note: str = ""


@dataclass
class Goal:
    """A short-term goal (6-8 weeks) the participant cares about."""

    id: str
    statement: str
    type: GoalType | None = None
    why: str = ""
    success_measure: str = ""
    target_date: date | None = None
    first_step: str = ""
    first_step_date: date | None = None
    confidence: int = 4
    areas: list[str] = field(default_factory=list)
    status: GoalStatus = "active"
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    #: Five short texts, for -2 (much less than expected) up to +2 (much more), written
    #: before the first rated conversation; empty until written.
    attainment_scale: list[str] = field(default_factory=list)
    #: Earlier scales, oldest first, each with the note saying why it was rewritten.
    scale_history: list[ScaleRevision] = field(default_factory=list)


@dataclass
class Contact:
    """Somebody in the participant's network."""

    id: str
    name: str
    relationship: str = ""
    sphere: Sphere = "other_organisation"
    tie_strength: TieStrength = "weak"
    areas: list[str] = field(default_factory=list)
    functions: list[MentorFunction] = field(default_factory=list)
    email: str = ""
    organisation: str = ""
    position: str = ""
    notes: str = ""
    source: str = ""


@dataclass
class StatusChange:
    """One step in a mentorship's life: when it moved to which status, and why."""

    status: MentorshipStatus
    at: datetime = field(default_factory=now)
    note: str = ""


@dataclass
class Mentorship:
    """A specific, time-limited ask to one person about one goal, and what became of it."""

    id: str
    goal_id: str
    contact_id: str
    sessions: int = 4
    minutes: int = 30
    weeks: int = 8
    start: date | None = None
    schedule_by: Literal["mentee", "mentor"] = "mentee"
    commitments: list[str] = field(default_factory=list)
    feedback_wanted: str = ""
    message: str = ""
    status: MentorshipStatus = "draft"
    history: list[StatusChange] = field(default_factory=list)


@dataclass
class CheckIn:
    """One mentoring conversation (held or cancelled) and what came of it."""

    id: str
    mentorship_id: str
    date: date
    held: bool = True
    minutes: int = 30
    notes: str = ""
    actions: str = ""
    feedback: str = ""
    rating: int | None = None


@dataclass
class Reflection:
    """A dated answer to a reflection prompt, e.g. at a mentorship's wrap-up."""

    id: str
    date: date
    prompt: str
    text: str
    mentorship_id: str | None = None


@dataclass
class Workbook:
    """Everything one participant writes in the coaching notebooks."""

    profile: Profile = field(default_factory=Profile)
    participant_id: str = ""
    goals: list[Goal] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    mentorships: list[Mentorship] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

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
