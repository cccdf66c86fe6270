"""Wrapping up a short-term mentorship and setting up the next one.

A short-term mentorship has a clear end, which is what makes it easy to ask for.  The end is
also a moment to learn from: four short questions (what worked, what changed, what to thank
the mentor for, what next), a decision about the goal (achieved, carried on, dropped), a
thank-you note, and a proposal for the next goal and the next person to ask, so one
mentorship leads to the next instead of to a full stop.

Pure: :func:`wrap_up` changes the workbook it is given (call it inside
``store.update_workbook``); everything else only reads.  No file access, no printing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Final, Literal, get_args

from mentorkit.errors import InputError
from mentorkit.lifecycle import free_candidates, span_used_up, transition, wrap_up_due
from mentorkit.model import Goal, Mentorship, Reflection, Workbook, new_id, now
from mentorkit.status import (
    CLOSED_STATUSES,
    MENTORING_STATUSES,
    OPEN_STATUSES,
    STARTED_STATUSES,
    Status,
)

GoalOutcome = Literal["achieved", "carried_on", "dropped"]
GOAL_OUTCOMES: Final[tuple[str, ...]] = get_args(GoalOutcome)
GOAL_OUTCOME_LABELS: Final[dict[str, str]] = {
    "achieved": "Achieved: done for now",
    "carried_on": "Carried on: keep working on it, with someone new",
    "dropped": "Dropped: it no longer matters enough",
}
#: What each outcome sets the goal's status to.
_GOAL_STATUS_AFTER: Final[dict[str, Literal["active", "achieved", "dropped"]]] = {
    "achieved": "achieved",
    "carried_on": "active",
    "dropped": "dropped",
}


@dataclass(frozen=True)
class WrapUpPrompt:
    """One wrap-up question: a key for forms, the question, and a hint under it."""

    key: str
    question: str
    hint: str


WRAP_UP_PROMPTS: Final = (
    WrapUpPrompt(
        "what_worked",
        "What worked?",
        "Which habits, questions or kinds of conversation helped most?",
    ),
    WrapUpPrompt(
        "what_changed",
        "What changed?",
        "What can you do now, or see differently, compared with the start?",
    ),
    WrapUpPrompt(
        "thanks",
        "What do you want to thank your mentor for?",
        "One specific thing they gave you: a question, an introduction, their honesty.",
    ),
    WrapUpPrompt(
        "what_next",
        "What next?",
        "The next goal, or the next step on this one, and who could help with it.",
    ),
)
_PROMPT_BY_KEY: Final = {prompt.key: prompt for prompt in WRAP_UP_PROMPTS}
#: Statuses a wrap-up can start from: under way, agreed but not begun, or already closed.
WRAPPABLE_STATUSES: Final = (Status.ACCEPTED, *STARTED_STATUSES)
#: The question whose answer marks a mentorship as wrapped up.
_LAST_QUESTION: Final = "What next?"


@dataclass(frozen=True)
class SuggestedMentor:
    """A contact proposed for the next mentorship, with why."""

    contact_id: str
    name: str
    reason: str


@dataclass(frozen=True)
class NextStep:
    """What comes after a mentorship: the goal to work on next and who could help.

    Attributes:
        goal_id: The proposed goal, or ``None`` when no active goal is free.
        goal_statement: Its statement ("" without a goal).
        reason: Why this goal, or what to do when there is none, in plain words.
        candidates: Up to three people to ask, best first.
    """

    goal_id: str | None
    goal_statement: str
    reason: str
    candidates: tuple[SuggestedMentor, ...]


@dataclass(frozen=True)
class WrapUpResult:
    """What :func:`wrap_up` did and what it proposes.

    Attributes:
        mentorship_id: The mentorship wrapped up.
        closed_as: Its status afterwards (``completed`` or ``ended_early``).
        reflections_added: How many answers were saved as reflections.
        goal_id: The mentorship's goal.
        goal_status: The goal's status afterwards.
        next_step: The proposed next goal and candidates.
        thank_you: A thank-you note draft to edit and send.
    """

    mentorship_id: str
    closed_as: str
    reflections_added: int
    goal_id: str
    goal_status: str
    next_step: NextStep
    thank_you: str


def _moment(today: date) -> datetime:
    """The time to stamp a change made ``today``: now when it is today, else that day's noon."""
    current = now()
    if current.date() == today:
        return current
    return datetime.combine(today, time(12), tzinfo=UTC)


def _find(workbook: Workbook, mentorship_id: str) -> Mentorship:
    try:
        return workbook.mentorship(mentorship_id)
    except KeyError:
        raise InputError(f"mentorship {mentorship_id!r} is not in this workbook") from None


def is_wrapped_up(workbook: Workbook, mentorship_id: str) -> bool:
    """Whether the mentorship is closed and its wrap-up answered (its "What next?" saved)."""
    mentorship = _find(workbook, mentorship_id)
    return mentorship.status in CLOSED_STATUSES and any(
        r.mentorship_id == mentorship_id and r.prompt == _LAST_QUESTION
        for r in workbook.reflections
    )


def mentorships_to_wrap_up(workbook: Workbook, today: date) -> list[Mentorship]:
    """Mentorships waiting for their wrap-up, in workbook order.

    Accepted or active ones whose agreed end has been reached or whose planned
    conversations have all been held (an accepted one that never started included), and
    those closed (completed or ended early) without the wrap-up's answers.  Ones still
    running with conversations left are not listed: they can be wrapped up early on
    purpose, but nothing asks for it.
    """
    return [m for m in workbook.mentorships if _waiting_for_wrap_up(workbook, m, today)]


def held_conversations(workbook: Workbook, mentorship_id: str, until: date | None = None) -> int:
    """How many conversations of the mentorship were held (up to ``until`` when given)."""
    return sum(
        1
        for c in workbook.checkins
        if c.mentorship_id == mentorship_id and c.held and (until is None or c.date <= until)
    )


def _waiting_for_wrap_up(workbook: Workbook, mentorship: Mentorship, today: date) -> bool:
    if mentorship.status in CLOSED_STATUSES:
        return not is_wrapped_up(workbook, mentorship.id)
    return wrap_up_due(mentorship, today, held=held_conversations(workbook, mentorship.id, today))


def _free_for(workbook: Workbook, goal: Goal, limit: int = 3) -> tuple[SuggestedMentor, ...]:
    """The best-ranked people not already asked about ``goal`` and not busy mentoring."""
    chosen: list[SuggestedMentor] = []
    for candidate in free_candidates(workbook, goal):
        chosen.append(SuggestedMentor(candidate.contact_id, candidate.name, candidate.reason))
        if len(chosen) == limit:
            break
    return tuple(chosen)


def propose_next(workbook: Workbook, mentorship_id: str) -> NextStep:
    """Propose the next goal and up to three people to ask, after ``mentorship_id``.

    A goal carried on comes first (with somebody new: a short-term mentorship ends on
    purpose).  Otherwise the first active goal nobody is mentoring yet.  Otherwise there is
    no goal to propose and the reason says to set one.
    """
    mentorship = _find(workbook, mentorship_id)
    open_goals = {
        m.goal_id
        for m in workbook.mentorships
        if m.status in OPEN_STATUSES and m.id != mentorship.id
    }
    goal: Goal | None = None
    reason = ""
    try:
        own = workbook.goal(mentorship.goal_id)
    except KeyError:
        own = None
    if own is not None and own.status == "active" and own.id not in open_goals:
        goal = own
        reason = "You are carrying this goal on: a new short-term mentorship with someone else can take it further."
    else:
        free = [g for g in workbook.active_goals() if g.id not in open_goals and g is not own]
        if free:
            goal = free[0]
            reason = "This is your next active goal that nobody is helping you with yet."
    if goal is None:
        if workbook.active_goals():
            reason = "Every active goal already has a mentor. When you are ready, set your next goal in 01_goals.ipynb."
        else:
            reason = "No active goal is left. Set your next short-term goal in 01_goals.ipynb."
        return NextStep(None, "", reason, ())
    candidates = _free_for(workbook, goal)
    if not candidates:
        reason += " Nobody free in your network matches it yet: see the gaps in 02_network.ipynb."
    return NextStep(goal.id, goal.statement, reason, candidates)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def thank_you_note(workbook: Workbook, mentorship_id: str, answers: Mapping[str, str]) -> str:
    """A short thank-you note draft built from the wrap-up answers, ready to edit.

    Args:
        workbook: The participant's workbook.
        mentorship_id: The mentorship to thank for.
        answers: Wrap-up answers by prompt key (see :data:`WRAP_UP_PROMPTS`).
    """
    mentorship = _find(workbook, mentorship_id)
    try:
        mentor = workbook.contact(mentorship.contact_id).name.split()[0]
    except (KeyError, IndexError):
        mentor = "there"
    try:
        goal_words = workbook.goal(mentorship.goal_id).statement.strip().rstrip(".")
    except KeyError:
        goal_words = "my goal"
    held = sum(1 for c in workbook.checkins if c.mentorship_id == mentorship.id and c.held)
    talks = "conversation" if held == 1 else "conversations"
    opening = (
        f"Thank you for the {held} {talks} we had about my goal: {goal_words[:1].lower()}{goal_words[1:]}."
        if held
        else f"Thank you for agreeing to help me with my goal: {goal_words[:1].lower()}{goal_words[1:]}."
    )
    lines = [f"Dear {mentor},", "", opening]
    thanks = answers.get("thanks", "").strip()
    if thanks:
        lines.append(f"I am especially grateful for this: {_sentence(thanks)}")
    changed = answers.get("what_changed", "").strip()
    if changed:
        lines.append(f"What changed for me: {_sentence(changed)}")
    upcoming = answers.get("what_next", "").strip()
    if upcoming:
        lines.append(f"What I will do next: {_sentence(upcoming)}")
    lines += [
        "I will let you know how it goes. Thank you for your time and your honesty.",
        "",
        "With thanks,",
    ]
    # Signed with the profile's name; without one the note ends at the greeting rather than
    # with a placeholder that is easily sent as it is.
    if workbook.profile.name.strip():
        lines.append(workbook.profile.name.strip())
    return "\n".join(lines)


def wrap_up(
    workbook: Workbook,
    mentorship_id: str,
    answers: Mapping[str, str],
    goal_outcome: str,
    today: date,
    *,
    note: str = "",
) -> WrapUpResult:
    """Close a mentorship with the participant's reflections and decide about its goal.

    Changes ``workbook`` in place: adds one reflection per non-empty answer, sets the goal's
    status, and closes the mentorship if it is still open: ``completed`` once every planned
    conversation is held or (for one under way) its agreed span has run out, ``ended_early``
    otherwise, with ``note`` as the reason.  An accepted mentorship whose conversations
    were held moves through ``active`` on the way, so its history stays a valid path.  A
    mentorship already closed keeps its status and only gains the answers.

    Args:
        workbook: The participant's workbook (changed in place).
        mentorship_id: The mentorship to wrap up.
        answers: Answers by prompt key (``what_worked``, ``what_changed``, ``thanks``,
            ``what_next``); empty ones are skipped.
        goal_outcome: ``achieved``, ``carried_on`` or ``dropped``.
        today: The date of the wrap-up.
        note: Why it ends early, when it does.

    Raises:
        InputError: Unknown mentorship, answer key or outcome; a mentorship not started.
        TransitionError: The mentorship cannot be closed from its status.
    """
    if goal_outcome not in GOAL_OUTCOMES:
        raise InputError(f"goal outcome {goal_outcome!r}: choose one of {', '.join(GOAL_OUTCOMES)}")
    unknown = sorted(set(answers) - set(_PROMPT_BY_KEY))
    if unknown:
        raise InputError(
            f"wrap-up answers: unknown question(s) {', '.join(unknown)}; "
            f"use {', '.join(_PROMPT_BY_KEY)}"
        )
    mentorship = _find(workbook, mentorship_id)
    if mentorship.status not in WRAPPABLE_STATUSES:
        raise InputError(
            f"mentorship {mentorship_id}: it is {mentorship.status.replace('_', ' ')}, so there "
            "is nothing to wrap up; record the answer to the ask in 03_the_ask.ipynb instead"
        )
    at = _moment(today)
    if mentorship.status in MENTORING_STATUSES:
        held = held_conversations(workbook, mentorship.id, today)
        started = mentorship.status == "active" or held > 0
        reached_end = started and span_used_up(mentorship, today, held=held)
        if reached_end and mentorship.status == "accepted":
            mentorship_index = workbook.mentorships.index(mentorship)
            mentorship = transition(mentorship, "active", at=at)
            workbook.mentorships[mentorship_index] = mentorship
        closed = transition(
            mentorship,
            "completed" if reached_end else "ended_early",
            at=at,
            note="" if reached_end else note,
        )
        index = workbook.mentorships.index(mentorship)
        workbook.mentorships[index] = closed
        mentorship = closed
    added = 0
    for prompt in WRAP_UP_PROMPTS:
        text = answers.get(prompt.key, "").strip()
        if text:
            workbook.reflections.append(
                Reflection(
                    id=new_id("r"),
                    date=today,
                    prompt=prompt.question,
                    text=text,
                    mentorship_id=mentorship.id,
                )
            )
            added += 1
    goal_status = _GOAL_STATUS_AFTER[goal_outcome]
    try:
        goal = workbook.goal(mentorship.goal_id)
    except KeyError:
        raise InputError(
            f"mentorship {mentorship_id}: its goal {mentorship.goal_id!r} is not in this workbook"
        ) from None
    if goal.status != goal_status:
        goal.status = goal_status
        goal.updated = at
    return WrapUpResult(
        mentorship_id=mentorship.id,
        closed_as=mentorship.status,
        reflections_added=added,
        goal_id=goal.id,
        goal_status=goal.status,
        next_step=propose_next(workbook, mentorship.id),
        thank_you=thank_you_note(workbook, mentorship.id, answers),
    )
