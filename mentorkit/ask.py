"""The ask: a specific, time-limited request for short-term mentoring, and checks on it.

"Will you be my mentor?" is hard to say yes to: it sounds open-ended.  A short-term ask says
exactly what it wants and when it stops: a few conversations of a stated length over a few
weeks, who arranges them, what the mentee brings, what feedback they hope for.  The person
asked can see the whole cost at a glance, and both sides have an easy way out at the end.

:func:`compose_ask` turns a goal, a contact and those numbers into an :class:`Ask` (the plan of
dates, the total time asked, the mentee's commitments and a drafted message);
:func:`check_ask` points out what would make the request harder to accept; and
:func:`ask_to_mentorship` turns it into the workbook record the lifecycle then moves along.

Pure: dataclasses and dates in, frozen results out.  No file access, no printing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

from mentorkit.errors import InputError
from mentorkit.lifecycle import STATUS_WORDS
from mentorkit.model import Contact, Goal, Mentorship, StatusChange, Workbook, new_id, now
from mentorkit.render import join_words, shorten
from mentorkit.status import FINAL_STATUSES, OPEN_STATUSES, Status, span_end

#: The longest span a short-term ask should cover, in weeks.
MAX_WEEKS: Final = 8
#: The longest single conversation a busy person is likely to agree to, in minutes.
MAX_MINUTES: Final = 60
#: Limits on what can be composed at all (the workbook's own limits are wider).
SESSIONS_RANGE: Final = (1, 12)
MINUTES_RANGE: Final = (10, 120)
WEEKS_RANGE: Final = (1, 26)

ScheduleBy = Literal["mentee", "mentor"]
Level = Literal["problem", "warning", "info"]

_NUMBER_WORDS: Final = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


@dataclass(frozen=True)
class Ask:
    """One composed request, ready to edit, check, export and save.

    Attributes:
        goal_id: The goal it is about ("" when no goal was chosen).
        goal_statement: The goal in the participant's words.
        contact_id: The person asked.
        contact_name: Their name as the participant wrote it.
        contact_email: Their e-mail address ("" when unknown).
        sessions: How many conversations.
        minutes: How long each conversation is.
        weeks: Over how many weeks.
        start: The first day of the span (``None``: not decided, so no end date either).
        plan: The proposed date of each conversation, on weekdays, spread over the span.
        total_minutes: The whole time asked of the mentor.
        schedule_by: Who arranges the meetings.
        commitments: What the mentee promises, one sentence each.
        feedback_wanted: The feedback the mentee hopes for, in their words.
        resources_welcome: Whether the message invites resources that worked for the mentor.
        reason: Why this person, as a phrase that follows "because".
        sender: The mentee's name, to sign the message.
        message: The drafted (or edited) message.
        mentorship_id: The workbook record this ask was saved as, when it was.
    """

    goal_id: str
    goal_statement: str
    contact_id: str
    contact_name: str
    contact_email: str
    sessions: int
    minutes: int
    weeks: int
    start: date | None
    plan: tuple[date, ...]
    total_minutes: int
    schedule_by: ScheduleBy
    commitments: tuple[str, ...]
    feedback_wanted: str
    resources_welcome: bool
    reason: str
    sender: str
    message: str
    mentorship_id: str = ""

    @property
    def ends_on(self) -> date | None:
        """The day the span runs out (``start`` plus ``weeks``)."""
        return span_end(self.start, self.weeks)

    @property
    def subject(self) -> str:
        """A subject line for the e-mail."""
        what = self.goal_statement.strip() or "a short-term goal"
        return f"A short mentoring request: {shorten(what, 70)}"

    @property
    def summary(self) -> str:
        """The request in one line: how many, how long, over how long, until when."""
        base = (
            f"{_count(self.sessions, 'conversation')} of {self.minutes} minutes "
            f"({duration_words(self.total_minutes)} in all) over {_count(self.weeks, 'week')}"
        )
        if self.start is not None and self.ends_on is not None:
            base += f", {long_date(self.start)} to {long_date(self.ends_on)}"
        return base


@dataclass(frozen=True)
class AskFinding:
    """One thing :func:`check_ask` noticed.

    Attributes:
        code: A stable name (``too_long``, ``too_heavy``, ``no_end_date``, ``no_goal``,
            ``vague_ask``, ``already_asked``, ``goal_not_active``, ``start_in_past``,
            ``no_email``).
        level: ``problem`` (fix before sending), ``warning`` (think twice) or ``info``.
        message: What and why, in plain words.
    """

    code: str
    level: Level
    message: str


# --------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------


def number_word(n: int) -> str:
    """``4`` as ``four`` (up to twenty; larger numbers stay digits)."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _count(n: int, noun: str) -> str:
    return f"{number_word(n)} {noun}{'' if n == 1 else 's'}"


def duration_words(minutes: int) -> str:
    """``120`` as ``2 hours``, ``90`` as ``1 hour 30 minutes``, ``45`` as ``45 minutes``."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if rest or not hours:
        parts.append(f"{rest} minute{'' if rest == 1 else 's'}")
    return " ".join(parts)


def long_date(day: date) -> str:
    """``2026-11-30`` as ``Monday 30 November 2026`` (no locale: the same on every machine)."""
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    month = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{weekday[day.weekday()]} {day.day} {month[day.month - 1]} {day.year}"


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else "there"


def _lower_first(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


# --------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------


def suggested_start(today: date) -> date:
    """The Monday after ``today``: a few days to answer, and a clean week to begin."""
    return today + timedelta(days=7 - today.weekday())


def plan_dates(start: date, sessions: int, weeks: int) -> tuple[date, ...]:
    """One proposed date per conversation, spread evenly over the span's weekdays.

    The span runs from ``start`` for ``weeks`` weeks.  Conversation ``k`` falls on the
    weekday ``k/sessions`` of the way through the span's weekdays, so four conversations over
    eight weeks are a fortnight apart on the start's weekday and none lands on a weekend.
    Only when there are more conversations than weekdays do two share a day.
    """
    if sessions < 1 or weeks < 1:
        return ()
    span = (start + timedelta(days=offset) for offset in range(weeks * 7))
    weekdays = [day for day in span if day.weekday() < 5]
    return tuple(weekdays[(k * len(weekdays)) // sessions] for k in range(sessions))


# --------------------------------------------------------------------------------------
# Composing
# --------------------------------------------------------------------------------------


def default_commitments(
    schedule_by: ScheduleBy = "mentee",
    feedback_wanted: str = "",
    resources_welcome: bool = False,
) -> tuple[str, ...]:
    """What the mentee offers in return, one sentence each."""
    arrange = (
        "I will arrange our conversations around both our calendars and send the invitations"
        if schedule_by == "mentee"
        else "I will fit our conversations into times that suit you"
    )
    feedback = "I will ask for your honest feedback on what I am doing"
    if feedback_wanted.strip():
        feedback += f", especially on {_lower_first(feedback_wanted)}"
    lines = [
        arrange,
        "I will come to each one with my questions and the challenge I am working through at the time",
        "I will tell you what I tried since we last spoke and how it went",
        feedback,
    ]
    if resources_welcome:
        lines.append(
            "If you know of resources or approaches that worked for you, I would gladly try them"
        )
    return tuple(line + "." for line in lines)


def default_reason(goal: Goal | None, contact: Contact, matched_areas: Iterable[str] = ()) -> str:
    """Why this person, as a phrase to follow "because": the areas they are known for.

    ``matched_areas`` come from the network ranking; without them, the contact's areas that
    the goal also names are used.
    """
    areas = [a for a in dict.fromkeys(matched_areas) if a.strip()]
    if not areas and goal is not None:
        wanted = {a.strip().lower() for a in goal.areas}
        areas = [a for a in contact.areas if a.strip().lower() in wanted]
    if not areas:
        return ""
    return f"you have real experience with {join_words(areas[:3])}"


def draft_message(ask: Ask) -> str:
    """The message for ``ask``, written from its parts (the ask's own ``message`` is ignored)."""
    goal = ask.goal_statement.strip()
    paragraphs = [f"Dear {_first_name(ask.contact_name)},"]
    opening = (
        f"Over the next few weeks I am working on one specific goal: {_lower_first(goal)}."
        if goal
        else "Over the next few weeks I am working on one specific goal."
    )
    if ask.reason.strip():
        opening += f" I am writing to you because {_lower_first(ask.reason)}."
    paragraphs.append(opening)
    request = (
        f"Would you be willing to mentor me on this for a short, fixed time? What I have in mind "
        f"is {number_word(ask.sessions)} {ask.minutes}-minute conversation"
        f"{'' if ask.sessions == 1 else 's'} over the next {number_word(ask.weeks)} week"
        f"{'' if ask.weeks == 1 else 's'}"
    )
    if ask.start is not None and ask.ends_on is not None:
        request += f", from {long_date(ask.start)} until {long_date(ask.ends_on)}"
    request += f": {duration_words(ask.total_minutes)} of your time in all."
    paragraphs.append(request)
    paragraphs.append(
        "In return:\n" + "\n".join(f"- {line}" for line in ask.commitments)
        if ask.commitments
        else ""
    )
    ending = (
        f"After {long_date(ask.ends_on)} there is nothing more I would expect of you"
        if ask.ends_on is not None
        else f"After {number_word(ask.weeks)} weeks there is nothing more I would expect of you"
    )
    paragraphs.append(
        ending + ", and if now is not a good time, a no is perfectly fine and I will understand."
    )
    paragraphs.append(
        "Thank you for considering it," + (f"\n{ask.sender.strip()}" if ask.sender.strip() else "")
    )
    return "\n\n".join(p for p in paragraphs if p)


def _check_range(name: str, value: int, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"{name}: {value!r} is not a whole number from {low} to {high}")


def compose_ask(
    goal: Goal | None,
    contact: Contact,
    sessions: int = 4,
    minutes: int = 30,
    weeks: int = 8,
    start: date | None = None,
    *,
    reason: str = "",
    schedule_by: ScheduleBy = "mentee",
    feedback_wanted: str = "",
    resources_welcome: bool = False,
    sender: str = "",
    commitments: Sequence[str] | None = None,
) -> Ask:
    """Compose a specific, time-limited ask of ``contact`` about ``goal``.

    Args:
        goal: The goal the mentoring is for (``None`` composes a generic ask that
            :func:`check_ask` flags as ``no_goal``).
        contact: The person asked.
        sessions: How many conversations (1-12).
        minutes: How long each is (10-120).
        weeks: Over how many weeks (1-26; more than 8 is flagged ``too_long``).
        start: The first day; ``None`` leaves the dates open (flagged ``no_end_date``).
        reason: Why this person, a phrase following "because" (see :func:`default_reason`).
        schedule_by: Who arranges the meetings: ``mentee`` or ``mentor``.
        feedback_wanted: The feedback the mentee most hopes for.
        resources_welcome: Invite the mentor to share resources that worked for them.
        sender: The mentee's name to sign with.
        commitments: The mentee's commitments; default :func:`default_commitments`.

    Raises:
        InputError: a number is outside its range or ``schedule_by`` is unknown.
    """
    _check_range("sessions", sessions, SESSIONS_RANGE)
    _check_range("minutes", minutes, MINUTES_RANGE)
    _check_range("weeks", weeks, WEEKS_RANGE)
    if schedule_by not in ("mentee", "mentor"):
        raise InputError(f"schedule_by: {schedule_by!r} must be 'mentee' or 'mentor'")
    promised = (
        tuple(c.strip() for c in commitments if c.strip())
        if commitments is not None
        else default_commitments(schedule_by, feedback_wanted, resources_welcome)
    )
    ask = Ask(
        goal_id=goal.id if goal is not None else "",
        goal_statement=goal.statement if goal is not None else "",
        contact_id=contact.id,
        contact_name=contact.name,
        contact_email=contact.email.strip(),
        sessions=sessions,
        minutes=minutes,
        weeks=weeks,
        start=start,
        plan=plan_dates(start, sessions, weeks) if start is not None else (),
        total_minutes=sessions * minutes,
        schedule_by=schedule_by,
        commitments=promised,
        feedback_wanted=feedback_wanted.strip(),
        resources_welcome=resources_welcome,
        reason=reason.strip(),
        sender=sender,
        message="",
    )
    return replace(ask, message=draft_message(ask))


def with_message(ask: Ask, message: str) -> Ask:
    """The same ask with a message the participant edited."""
    return replace(ask, message=message)


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------


#: Words that name a meeting, so "four" is read as a count of conversations.
_MEETING_WORDS: Final = (
    r"(?:conversations?|sessions?|meetings?|calls?|chats?|talks?|times|catch-ups?)"
)


def _says_number(text: str, n: int) -> bool:
    """Whether ``text`` says ``n`` meetings: the number, then within two words a meeting word."""
    words = {str(n), number_word(n)}
    if n == 1:
        words.add("single")
        # "a conversation", "an hour-long call", but not "a few conversations"
        if re.search(
            rf"(?<![\w-])an?\s+(?!(?:few|couple|series|number|handful|lot)\b)(?:[\w-]+\s+)?"
            rf"{_MEETING_WORDS}\b",
            text,
        ):
            return True
    return any(
        re.search(
            rf"(?<![\w-]){re.escape(w)}(?:[\s-]+[\w-]+){{0,2}}?[\s-]+{_MEETING_WORDS}\b", text
        )
        for w in words
    )


def _says_length(text: str, minutes: int) -> bool:
    if re.search(rf"(?<!\d){minutes}(?!\d)\s*-?\s*(minutes?|mins?\b)", text):
        return True
    if minutes == 30 and "half an hour" in text:
        return True
    if minutes % 60 == 0:
        hours = minutes // 60
        names = {"an", "one", "1"} if hours == 1 else {str(hours), number_word(hours)}
        return any(re.search(rf"(?<!\w){h}[ -]hours?\b", text) for h in names)
    return False


def _says_until(text: str, ask: Ask) -> bool:
    end = ask.ends_on
    if end is not None:
        forms = {
            end.isoformat(),
            long_date(end).lower(),
            f"{end.day} {long_date(end).split()[2].lower()}",
            f"{long_date(end).split()[2].lower()} {end.day}",
            f"{end.day}/{end.month}",
            f"{end.month}/{end.day}",
        }
        if any(form in text for form in forms):
            return True
    weeks = {str(ask.weeks), number_word(ask.weeks)}
    return any(re.search(rf"(?<!\w){re.escape(w)}[ -]weeks?\b", text) for w in weeks)


def vague_parts(ask: Ask) -> list[str]:
    """What the message no longer says: ``how many``, ``how long``, ``until when``."""
    text = " ".join(ask.message.lower().split())
    missing = []
    if not _says_number(text, ask.sessions):
        missing.append("how many")
    if not _says_length(text, ask.minutes):
        missing.append("how long")
    if not _says_until(text, ask):
        missing.append("until when")
    return missing


def check_ask(
    ask: Ask,
    *,
    workbook: Workbook | None = None,
    today: date | None = None,
    goal: Goal | None = None,
) -> list[AskFinding]:
    """What might make this ask harder to say yes to, problems first.

    Args:
        ask: The ask, with its message as the participant last edited it.
        workbook: The participant's workbook, to find the same person already asked (and the
            goal, when ``goal`` is not given).
        today: To notice a start date in the past.
        goal: The goal asked about, to notice one that is no longer active.
    """
    findings: list[AskFinding] = []
    if goal is None and workbook is not None and ask.goal_id:
        goal = next((g for g in workbook.goals if g.id == ask.goal_id), None)
    if not ask.goal_id or not ask.goal_statement.strip():
        findings.append(
            AskFinding(
                "no_goal",
                "problem",
                "The ask names no goal. Pick the goal this mentoring is for: a person says yes "
                "more easily to something specific.",
            )
        )
    elif goal is not None and goal.status != "active":
        findings.append(
            AskFinding(
                "goal_not_active",
                "warning",
                f"This goal is marked {goal.status}; is it still the one to ask for help with?",
            )
        )
    if ask.start is None:
        findings.append(
            AskFinding(
                "no_end_date",
                "problem",
                "The ask has no start date, so it has no end date either. A clear end is what "
                "makes a short-term ask easy to accept; choose a start date.",
            )
        )
    elif today is not None and ask.start < today:
        findings.append(
            AskFinding(
                "start_in_past",
                "warning",
                f"The start date {ask.start.isoformat()} has already passed; move it after today.",
            )
        )
    if ask.weeks > MAX_WEEKS:
        findings.append(
            AskFinding(
                "too_long",
                "warning",
                f"{ask.weeks} weeks is longer than the {MAX_WEEKS} weeks a short-term ask should "
                "cover. A shorter span is easier to agree to; you can always ask again at the end.",
            )
        )
    heavy = []
    if ask.sessions > ask.weeks:
        heavy.append(f"{ask.sessions} conversations in {ask.weeks} weeks is more than one a week")
    if ask.minutes > MAX_MINUTES:
        heavy.append(f"{ask.minutes} minutes is longer than an hour")
    if heavy:
        findings.append(
            AskFinding(
                "too_heavy",
                "warning",
                "; ".join(heavy).capitalize()
                + f". That is {duration_words(ask.total_minutes)} of someone's time; fewer or "
                "shorter conversations are easier to fit in.",
            )
        )
    if not ask.message.strip():
        findings.append(AskFinding("vague_ask", "problem", "The message is empty; draft it again."))
    else:
        missing = vague_parts(ask)
        if missing:
            findings.append(
                AskFinding(
                    "vague_ask",
                    "problem",
                    f"The message no longer says {join_words(missing)}. Say how many conversations, "
                    "how long each is, and when it ends, so the answer can be a clear yes.",
                )
            )
    if workbook is not None:
        findings.extend(_already_asked(ask, workbook))
    if not ask.contact_email:
        findings.append(
            AskFinding(
                "no_email",
                "info",
                f"There is no e-mail address for {ask.contact_name}; the e-mail link will open "
                "without a recipient.",
            )
        )
    order = {"problem": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.level])


def _already_asked(ask: Ask, workbook: Workbook) -> list[AskFinding]:
    findings = []
    for mentorship in workbook.mentorships:
        if mentorship.id == ask.mentorship_id or mentorship.contact_id != ask.contact_id:
            continue
        if mentorship.status in OPEN_STATUSES:
            about = next(
                (g.statement for g in workbook.goals if g.id == mentorship.goal_id),
                mentorship.goal_id,
            )
            findings.append(
                AskFinding(
                    "already_asked",
                    "warning",
                    f"{ask.contact_name} is already {_status_words(mentorship.status)} "
                    f"(about: {shorten(about, 60)}). Asking the same person twice at once is a "
                    "lot; consider somebody else.",
                )
            )
        elif mentorship.status == "draft" and mentorship.goal_id == ask.goal_id:
            findings.append(
                AskFinding(
                    "already_asked",
                    "info",
                    f"There is already a draft ask to {ask.contact_name} for this goal; saving "
                    "updates that draft.",
                )
            )
    return findings


def _status_words(status: str) -> str:
    return Status(status).words.busy or status


# --------------------------------------------------------------------------------------
# To and from the workbook
# --------------------------------------------------------------------------------------


def ask_to_mentorship(
    ask: Ask, *, mentorship_id: str | None = None, at: datetime | None = None
) -> Mentorship:
    """The workbook record of ``ask`` as a draft (its history starts with ``draft``).

    Raises:
        InputError: the ask names no goal (a mentorship always belongs to a goal).
    """
    if not ask.goal_id:
        raise InputError("goal: choose the goal this ask is for before saving it")
    return Mentorship(
        id=mentorship_id or ask.mentorship_id or new_id("m"),
        goal_id=ask.goal_id,
        **_terms(ask),
        status="draft",
        history=[StatusChange(status="draft", at=at or now())],
    )


def _terms(ask: Ask) -> dict[str, Any]:
    """What an ask proposes, as the matching fields of a :class:`Mentorship`."""
    return {
        "contact_id": ask.contact_id,
        "sessions": ask.sessions,
        "minutes": ask.minutes,
        "weeks": ask.weeks,
        "start": ask.start,
        "schedule_by": ask.schedule_by,
        "commitments": list(ask.commitments),
        "feedback_wanted": ask.feedback_wanted,
        "message": ask.message,
    }


def update_draft(mentorship: Mentorship, ask: Ask) -> Mentorship:
    """``mentorship`` (a draft) with the numbers, commitments and message of ``ask``.

    Raises:
        InputError: the mentorship is no longer a draft: once sent, an ask stays as sent.
    """
    if mentorship.status != "draft":
        raise InputError(
            f"This ask is {STATUS_WORDS[mentorship.status]}, so what was sent cannot be "
            "changed; start a new ask instead"
        )
    return replace(
        mentorship,
        goal_id=ask.goal_id or mentorship.goal_id,
        **_terms(ask),
        history=list(mentorship.history),
    )


def ask_from_mentorship(
    mentorship: Mentorship,
    goal: Goal | None,
    contact: Contact,
    *,
    sender: str = "",
) -> Ask:
    """The ask a saved mentorship records (its message as saved, or a fresh draft if empty)."""
    ask = Ask(
        goal_id=mentorship.goal_id,
        goal_statement=goal.statement if goal is not None else "",
        contact_id=contact.id,
        contact_name=contact.name,
        contact_email=contact.email.strip(),
        sessions=mentorship.sessions,
        minutes=mentorship.minutes,
        weeks=mentorship.weeks,
        start=mentorship.start,
        plan=(
            plan_dates(mentorship.start, mentorship.sessions, mentorship.weeks)
            if mentorship.start is not None
            else ()
        ),
        total_minutes=mentorship.sessions * mentorship.minutes,
        schedule_by=mentorship.schedule_by,
        commitments=tuple(mentorship.commitments),
        feedback_wanted=mentorship.feedback_wanted,
        resources_welcome=False,
        reason="",
        sender=sender,
        message=mentorship.message,
        mentorship_id=mentorship.id,
    )
    return ask if ask.message.strip() else replace(ask, message=draft_message(ask))


# --------------------------------------------------------------------------------------
# Working on a whole workbook (what the CLI and the widget share)
# --------------------------------------------------------------------------------------


def candidate_reason(workbook: Workbook, goal: Goal, contact: Contact) -> str:
    """Why ``contact`` for ``goal``, as a phrase for the message, from the network ranking."""
    from mentorkit.network import rank_candidates  # the network step owns the ranking

    for candidate in rank_candidates(workbook, goal):
        if candidate.contact_id == contact.id:
            return default_reason(goal, contact, candidate.matched_areas)
    return default_reason(goal, contact)


def find_goal(workbook: Workbook, goal_id: str) -> Goal:
    """The workbook's goal ``goal_id``; the error lists the ids there are.

    Raises:
        InputError: no goal has this id.
    """
    try:
        return workbook.goal(goal_id)
    except KeyError:
        known = ", ".join(g.id for g in workbook.goals) or "none yet"
        raise InputError(f"goal {goal_id!r}: not in this workbook (goals: {known})") from None


def find_contact(workbook: Workbook, contact_id: str) -> Contact:
    """The workbook's contact ``contact_id``; the error lists a few ids there are.

    Raises:
        InputError: no contact has this id.
    """
    try:
        return workbook.contact(contact_id)
    except KeyError:
        known = ", ".join(c.id for c in workbook.contacts[:10]) or "none yet"
        more = " ..." if len(workbook.contacts) > 10 else ""
        raise InputError(
            f"contact {contact_id!r}: not in this workbook (contacts: {known}{more})"
        ) from None


def open_mentorship_for(workbook: Workbook, goal_id: str, contact_id: str) -> Mentorship | None:
    """The latest mentorship of this goal with this person that is not over yet, if any."""
    for mentorship in reversed(workbook.mentorships):
        if (
            mentorship.goal_id == goal_id
            and mentorship.contact_id == contact_id
            and mentorship.status not in FINAL_STATUSES
        ):
            return mentorship
    return None


def save_draft(workbook: Workbook, ask: Ask, *, at: datetime | None = None) -> Mentorship:
    """Save ``ask`` into ``workbook`` (in place) as a draft and return the saved record.

    The ask's own record, or else an open draft of the same goal and person, is updated;
    otherwise a new draft is added.  Meant for :func:`mentorkit.store.update_workbook`.

    Raises:
        InputError: the ask names no goal, or its record was already sent.
    """
    existing: Mentorship | None = None
    if ask.mentorship_id:
        existing = next((m for m in workbook.mentorships if m.id == ask.mentorship_id), None)
    if existing is None:
        found = open_mentorship_for(workbook, ask.goal_id, ask.contact_id)
        existing = found if found is not None and found.status == "draft" else None
    if existing is None:
        saved = ask_to_mentorship(ask, mentorship_id=new_id("m"), at=at)
        workbook.mentorships.append(saved)
        return saved
    saved = update_draft(existing, ask)
    workbook.mentorships[workbook.mentorships.index(existing)] = saved
    return saved
