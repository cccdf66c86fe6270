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
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Final, cast

from mentorkit.errors import TransitionError
from mentorkit.model import (
    MENTORSHIP_STATUSES,
    Goal,
    Mentorship,
    MentorshipStatus,
    StatusChange,
    Workbook,
)
from mentorkit.status import (
    ANSWER_STATUSES,
    MENTORING_STATUSES,
    NEXT,
    OPEN_STATUSES,
    Status,
    span_end,
)

if TYPE_CHECKING:
    from mentorkit.network import Candidate

#: Where a mentorship may go from each status (:data:`mentorkit.status.NEXT`).
ALLOWED_TRANSITIONS: Final[dict[str, tuple[str, ...]]] = {
    status: moves for status, moves in NEXT.items()
}

#: Statuses that answer an ask.
ANSWERS: Final = ANSWER_STATUSES

#: Plain words for each status, for messages and tables.
STATUS_LABELS: Final[dict[str, str]] = {status: status.words.label for status in Status}


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
STATUS_WORDS: Final[dict[str, str]] = {status: status.words.is_ for status in Status}
#: A status in the words of a sentence "... marked as ...".
_MARK_WORDS: Final[dict[str, str]] = {status: status.words.marked_as for status in Status}


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
    return span_end(mentorship.start, mentorship.weeks)


def wrap_up_due(mentorship: Mentorship, today: date, *, held: int = 0) -> bool:
    """Whether an agreed mentorship should be wrapped up now.

    An accepted or active mentorship is due once its agreed end has been reached, or once
    ``held`` (the conversations held so far) covers every planned conversation: either way
    nothing is left to schedule, and what remains is the wrap-up and the thank-you.
    """
    return mentorship.status in MENTORING_STATUSES and span_used_up(mentorship, today, held=held)


def span_used_up(mentorship: Mentorship, today: date, *, held: int) -> bool:
    """Nothing is left to schedule: the agreed end is reached, or ``held`` covers the plan.

    The one rule behind "wrap-up due" (:func:`wrap_up_due`) and progress's ``all_held`` and
    ``ended`` states, whatever the status.
    """
    end = ends_on(mentorship)
    return (end is not None and end <= today) or held >= mentorship.sessions


def free_candidates(
    workbook: Workbook, goal: Goal, *, besides: str | None = None, limit: int | None = None
) -> Iterator[Candidate]:
    """The network's ranked people for ``goal`` who are free to be asked about it, best first.

    Skips everybody already asked about the goal (in any status, including drafts) and
    everybody busy with an open mentorship of the participant other than ``besides`` (a
    mentorship id), so a decline never leads straight back to the same person.  The one
    definition of "free": the ask's next candidate and the wrap-up's suggestions use it.
    """
    from mentorkit.network import rank_candidates  # the network step owns the ranking

    asked_for_goal = {m.contact_id for m in workbook.mentorships if m.goal_id == goal.id}
    busy = {
        m.contact_id for m in workbook.mentorships if m.status in OPEN_STATUSES and m.id != besides
    }
    for candidate in rank_candidates(workbook, goal, limit=limit):
        if candidate.contact_id not in asked_for_goal and candidate.contact_id not in busy:
            yield candidate


def next_candidate(
    workbook: Workbook, mentorship: Mentorship, *, limit: int | None = None
) -> str | None:
    """The contact id to ask next for this mentorship's goal, or ``None`` when nobody is left.

    The best of :func:`free_candidates` for the goal (this mentorship's own person is not
    "busy" with it).
    """
    try:
        goal = workbook.goal(mentorship.goal_id)
    except KeyError:
        return None
    for candidate in free_candidates(workbook, goal, besides=mentorship.id, limit=limit):
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
