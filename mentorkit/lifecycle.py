"""The life of a mentorship, from a draft ask to its end, as a small status machine.

::

    draft -> asked -> accepted ---------> active -> completed
                  \\-> declined              \\---> ended_early
                  \\-> no_answer -> accepted / declined / asked (again)
    accepted -> ended_early (called off before the first conversation)

Every move is recorded in the mentorship's ``history`` with its time and an optional note, so
the wrap-up and the facilitator can see how an ask went.  Ending early is nobody's fault: a
short-term mentorship has an easy way out for both sides by design, and the note says why in
the participant's own words.

Pure: functions take and return dataclasses (a changed copy, never the one passed in).
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from typing import Final, cast

from mentorkit.errors import TransitionError
from mentorkit.model import (
    MENTORSHIP_STATUSES,
    Mentorship,
    MentorshipStatus,
    StatusChange,
    Workbook,
)

#: Where a mentorship may go from each status.  A move not listed here is refused.
ALLOWED_TRANSITIONS: Final[dict[str, tuple[str, ...]]] = {
    "draft": ("asked",),
    "asked": ("accepted", "declined", "no_answer"),
    # A late reply still counts, and a polite reminder is a second ask.
    "no_answer": ("accepted", "declined", "asked"),
    "accepted": ("active", "ended_early"),
    "declined": (),
    "active": ("completed", "ended_early"),
    "completed": (),
    "ended_early": (),
}

#: Statuses that answer an ask.
ANSWERS: Final = ("accepted", "declined", "no_answer")
#: Statuses after which the person asked is free again and the goal needs somebody else.
TURNED_DOWN: Final = ("declined", "no_answer")
#: Statuses in which the person asked is committed to (or considering) this mentorship.
OPEN_STATUSES: Final = ("asked", "accepted", "active")
#: Statuses nothing can follow.
FINAL_STATUSES: Final = ("declined", "completed", "ended_early")

#: Plain words for each status, for messages and tables.
STATUS_LABELS: Final[dict[str, str]] = {
    "draft": "draft (not sent yet)",
    "asked": "asked, waiting for an answer",
    "accepted": "accepted, not started yet",
    "declined": "declined",
    "no_answer": "no answer",
    "active": "active",
    "completed": "completed",
    "ended_early": "ended early",
}


def _check_status(status: str) -> None:
    if status not in MENTORSHIP_STATUSES:
        raise TransitionError(
            f"{status!r} is not a mentorship status; use one of {', '.join(MENTORSHIP_STATUSES)}"
        )


def allowed_transitions(status: str) -> tuple[str, ...]:
    """The statuses a mentorship in ``status`` may move to next (empty when it is over).

    Raises:
        TransitionError: ``status`` is not a mentorship status.
    """
    _check_status(status)
    return ALLOWED_TRANSITIONS[status]


def can_transition(status: str, new_status: str) -> bool:
    """Whether a mentorship in ``status`` may move to ``new_status``."""
    return status in ALLOWED_TRANSITIONS and new_status in ALLOWED_TRANSITIONS[status]


def transition(
    mentorship: Mentorship, new_status: str, *, at: datetime, note: str = ""
) -> Mentorship:
    """A copy of ``mentorship`` moved to ``new_status``, with the move added to its history.

    Args:
        mentorship: The mentorship as it is now (left unchanged).
        new_status: Where it goes next; must be in :func:`allowed_transitions`.
        at: When the move happened (a timezone-aware time, as every workbook timestamp is).
        note: Why, in the participant's words (an ended-early reason, a decline's kind words).

    Raises:
        TransitionError: the move is not allowed from the current status; the message names
            the mentorship, both statuses and what is possible instead.
    """
    _check_status(new_status)
    current = mentorship.status
    if not can_transition(current, new_status):
        raise TransitionError(refusal_message(current, new_status))
    if at.tzinfo is None:
        raise TransitionError(
            f"mentorship {mentorship.id}: the time of the move must say its time zone"
        )
    moved = copy.deepcopy(mentorship)
    moved.status = cast(MentorshipStatus, new_status)
    moved.history.append(
        StatusChange(status=cast(MentorshipStatus, new_status), at=at, note=note.strip())
    )
    return moved


#: A status in the words of a sentence "This ask is ...".
STATUS_WORDS: Final[dict[str, str]] = {
    "draft": "still a draft (not sent yet)",
    "asked": "asked and waiting for an answer",
    "accepted": "accepted",
    "declined": "declined",
    "no_answer": "without an answer",
    "active": "under way",
    "completed": "completed",
    "ended_early": "ended early",
}
#: A status in the words of a sentence "... marked as ...".
_MARK_WORDS: Final[dict[str, str]] = {
    "draft": "a draft",
    "asked": "asked",
    "accepted": "accepted",
    "declined": "declined",
    "no_answer": "no answer",
    "active": "under way",
    "completed": "completed",
    "ended_early": "ended early",
}


def refusal_message(current: str, new_status: str) -> str:
    """Why an ask cannot move from ``current`` to ``new_status``, and what to do instead.

    In a participant's words: no ids, no status codes.
    """
    if current == new_status:
        return f"This ask is already {STATUS_WORDS[current]}; nothing to change."
    head = (
        f"This ask is {STATUS_WORDS[current]}, so it cannot be marked as {_MARK_WORDS[new_status]}."
    )
    if current == "draft" and new_status in ANSWERS:
        return f"{head} Mark it as asked first, then record the answer."
    possible = ALLOWED_TRANSITIONS.get(current, ())
    if not possible:
        return f"{head} That is where it ends; to ask again, start a new ask."
    options = " or ".join(_MARK_WORDS[s] for s in possible)
    return f"{head} Next it can be marked as {options}."


def record_answer(
    mentorship: Mentorship, answer: str, *, at: datetime, note: str = ""
) -> Mentorship:
    """A copy of an asked mentorship with the person's answer recorded.

    A "yes" makes the mentorship active straight away: the conversations are agreed, and the
    plan counts from its start date (which may still be ahead).

    Raises:
        TransitionError: ``answer`` is not one of ``accepted``, ``declined``, ``no_answer``,
            or the mentorship is not waiting for an answer.
    """
    if answer not in ANSWERS:
        raise TransitionError(
            f"mentorship {mentorship.id}: {answer!r} is not an answer; "
            f"use one of {', '.join(ANSWERS)}"
        )
    answered = transition(mentorship, answer, at=at, note=note)
    if answer == "accepted":
        answered = transition(answered, "active", at=at)
    return answered


def ends_on(mentorship: Mentorship) -> date | None:
    """The day the agreed span runs out (``start`` plus ``weeks``), or ``None`` without a start.

    The one definition of a mentorship's end: the ask, the wrap-up and progress all use it.
    """
    if mentorship.start is None:
        return None
    return mentorship.start + timedelta(weeks=mentorship.weeks)


def wrap_up_due(mentorship: Mentorship, today: date, *, held: int = 0) -> bool:
    """Whether an agreed mentorship should be wrapped up now.

    An accepted or active mentorship is due once its agreed end has been reached, or once
    ``held`` (the conversations held so far) covers every planned conversation: either way
    nothing is left to schedule, and what remains is the wrap-up and the thank-you.
    """
    if mentorship.status not in ("accepted", "active"):
        return False
    end = ends_on(mentorship)
    return (end is not None and end <= today) or held >= mentorship.sessions


def next_candidate(
    workbook: Workbook, mentorship: Mentorship, *, limit: int | None = None
) -> str | None:
    """The contact id to ask next for this mentorship's goal, or ``None`` when nobody is left.

    Follows the network ranking for the goal and skips everybody already asked about it (in
    any status, including drafts) and everybody busy with another open mentorship of the
    participant, so a decline never leads straight back to the same person.
    """
    from mentorkit.network import rank_candidates  # the network step owns the ranking

    try:
        goal = workbook.goal(mentorship.goal_id)
    except KeyError:
        return None
    asked_for_goal = {m.contact_id for m in workbook.mentorships if m.goal_id == goal.id}
    busy = {
        m.contact_id
        for m in workbook.mentorships
        if m.status in OPEN_STATUSES and m.id != mentorship.id
    }
    for candidate in rank_candidates(workbook, goal, limit=limit):
        if candidate.contact_id in asked_for_goal or candidate.contact_id in busy:
            continue
        return str(candidate.contact_id)
    return None


def _replace_in(workbook: Workbook, moved: Mentorship) -> Mentorship:
    for index, mentorship in enumerate(workbook.mentorships):
        if mentorship.id == moved.id:
            workbook.mentorships[index] = moved
            return moved
    raise TransitionError(f"mentorship {moved.id}: is not in this workbook")


def _find(workbook: Workbook, mentorship_id: str) -> Mentorship:
    try:
        return workbook.mentorship(mentorship_id)
    except KeyError:
        raise TransitionError(
            f"mentorship {mentorship_id}: is not in this workbook (was it deleted elsewhere?)"
        ) from None


def apply_transition(
    workbook: Workbook, mentorship_id: str, new_status: str, *, at: datetime, note: str = ""
) -> Mentorship:
    """Move the workbook's mentorship ``mentorship_id`` to ``new_status`` in place.

    Meant for :func:`mentorkit.store.update_workbook`'s change function.

    Raises:
        TransitionError: no such mentorship, or the move is not allowed.
    """
    moved = transition(_find(workbook, mentorship_id), new_status, at=at, note=note)
    return _replace_in(workbook, moved)


def apply_answer(
    workbook: Workbook, mentorship_id: str, answer: str, *, at: datetime, note: str = ""
) -> Mentorship:
    """Record the answer to the workbook's mentorship ``mentorship_id`` in place.

    Raises:
        TransitionError: no such mentorship, not an answer, or nothing was asked.
    """
    answered = record_answer(_find(workbook, mentorship_id), answer, at=at, note=note)
    return _replace_in(workbook, answered)
