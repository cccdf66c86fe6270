"""Progress: conversations held against the plan, goal attainment, and stall warnings.

The moment most people give up on a goal is a few weeks in, when the first enthusiasm has
worn off and nothing forces the next conversation.  This module notices that moment early
and says why in plain words, so a participant (or their facilitator) can act on it.

Three measures:

* **plan vs actual** per mentorship: a mentorship of ``sessions`` conversations over
  ``weeks`` weeks plans them evenly from its start; we count how many were due by today,
  how many were held and how many cancelled (:func:`plan_vs_actual`);
* **goal attainment scaling** (Kiresuk & Sherman, 1968): each check-in rates its goal on a
  five-point scale from -2 (much less than expected) to +2 (much more than expected); the
  latest rating of every goal combines into one T-score where 50 means "as expected"
  (:func:`gas_tscore`, :func:`participant_gas`, :func:`gas_over_time`);
* **stall warnings**, each with a code and a reason (:func:`stall_warnings`).

Pure: dataclasses and a ``today`` in, frozen results out.  No file access, no printing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final, Literal

from mentorkit.ask import plan_dates
from mentorkit.errors import InputError
from mentorkit.lifecycle import ends_on
from mentorkit.model import CheckIn, Goal, Mentorship, Workbook, new_id
from mentorkit.status import CLOSED_STATUSES, OPEN_STATUSES, STARTED_STATUSES, Status

#: Words for each point of the goal attainment scale, shown next to the number everywhere.
RATING_LABELS: Final[dict[int, str]] = {
    -2: "much less than expected",
    -1: "somewhat less than expected",
    0: "as expected",
    1: "somewhat more than expected",
    2: "much more than expected",
}
#: Kiresuk & Sherman's assumed correlation between goal scores.  0.3 is their published
#: default; it keeps the T-score's spread near 10 for a handful of goals.
DEFAULT_RHO: Final = 0.3

#: Stall thresholds (each is a keyword of :func:`stall_warnings`).
QUIET_DAYS: Final = 14
BEHIND_SESSIONS: Final = 2
UNANSWERED_DAYS: Final = 10
#: Six weeks, the shortest span a short-term goal is given: a goal untouched for that long
#: has been dropped without anyone deciding to.  Shorter defaults flag every goal a
#: participant is sensibly saving for their next mentorship.
IDLE_GOAL_DAYS: Final = 42

#: Statuses in which a mentorship's conversations are (or were) under way.
#: Statuses in which somebody is considering or giving their time to a goal.

PlanState = Literal["not_started", "on_track", "behind", "closed"]
WarningCode = Literal["quiet", "behind", "unanswered", "idle_goal"]


# --------------------------------------------------------------------------------------
# Goal attainment scaling
# --------------------------------------------------------------------------------------


def gas_tscore(
    scores: Sequence[int | float],
    weights: Sequence[int | float] | None = None,
    rho: float = DEFAULT_RHO,
) -> float:
    """The goal attainment T-score of Kiresuk & Sherman (1968).

    ``T = 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w**2) + rho * sum(w)**2)``

    Args:
        scores: One attainment score per goal, each between -2 and +2.
        weights: One positive weight per goal; equal weights when ``None``.
        rho: The assumed correlation between goal scores, from 0 up to (not including) 1.

    Returns:
        The T-score: 50 when every goal is met as expected, above 50 when better.

    Raises:
        InputError: No scores, a score outside -2..+2, weights that do not match, or a
            ``rho`` outside its range.
    """
    if not scores:
        raise InputError("gas_tscore: no goal scores given; rate at least one goal")
    for index, score in enumerate(scores):
        if isinstance(score, bool) or not -2 <= score <= 2:
            raise InputError(f"gas_tscore: score {index + 1} is {score!r}; use -2 to +2")
    if weights is None:
        weights = [1.0] * len(scores)
    if len(weights) != len(scores):
        raise InputError(
            f"gas_tscore: {len(weights)} weight(s) for {len(scores)} score(s); give one each"
        )
    for index, weight in enumerate(weights):
        if isinstance(weight, bool) or not weight > 0 or not math.isfinite(weight):
            raise InputError(f"gas_tscore: weight {index + 1} is {weight!r}; use a number above 0")
    if not 0 <= rho < 1:
        raise InputError(f"gas_tscore: rho {rho!r} must be at least 0 and below 1")
    weighted = sum(w * x for w, x in zip(weights, scores, strict=True))
    spread = math.sqrt((1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2)
    return 50.0 + 10.0 * weighted / spread


def _goal_of_mentorship(workbook: Workbook) -> dict[str, str]:
    return {m.id: m.goal_id for m in workbook.mentorships}


def _rated_checkins(workbook: Workbook, until: date | None = None) -> list[CheckIn]:
    """Held check-ins with a rating, oldest first (ties keep the order they were logged)."""
    rated = [
        c
        for c in workbook.checkins
        if c.held and c.rating is not None and (until is None or c.date <= until)
    ]
    return sorted(rated, key=lambda c: c.date)


def latest_ratings(workbook: Workbook, until: date | None = None) -> dict[str, int]:
    """Each goal's latest attainment rating (``goal_id -> -2..+2``) up to ``until``."""
    goal_of = _goal_of_mentorship(workbook)
    ratings: dict[str, int] = {}
    for checkin in _rated_checkins(workbook, until):
        goal_id = goal_of.get(checkin.mentorship_id)
        if goal_id is not None and checkin.rating is not None:
            ratings[goal_id] = checkin.rating
    return ratings


def participant_gas(workbook: Workbook, today: date, rho: float = DEFAULT_RHO) -> float | None:
    """The participant's T-score from every goal's latest rating up to ``today``.

    Goals never rated are left out (they are not yet scored, not scored as failures).

    Returns:
        The T-score, or ``None`` when no goal has been rated yet.
    """
    ratings = latest_ratings(workbook, today)
    if not ratings:
        return None
    return gas_tscore(list(ratings.values()), rho=rho)


@dataclass(frozen=True)
class GasPoint:
    """The participant's T-score as it stood after the check-ins of one day."""

    date: date
    tscore: float
    goals_rated: int


def gas_over_time(workbook: Workbook, today: date, rho: float = DEFAULT_RHO) -> list[GasPoint]:
    """The T-score after each day with a rated check-in, up to ``today``, oldest first."""
    goal_of = _goal_of_mentorship(workbook)
    ratings: dict[str, int] = {}
    points: list[GasPoint] = []
    for checkin in _rated_checkins(workbook, today):
        goal_id = goal_of.get(checkin.mentorship_id)
        if goal_id is None or checkin.rating is None:
            continue
        ratings[goal_id] = checkin.rating
        point = GasPoint(checkin.date, gas_tscore(list(ratings.values()), rho=rho), len(ratings))
        if points and points[-1].date == checkin.date:
            points[-1] = point  # one point per day: the day's last state
        else:
            points.append(point)
    return points


# --------------------------------------------------------------------------------------
# Plan vs actual
# --------------------------------------------------------------------------------------


def closed_on(mentorship: Mentorship) -> date | None:
    """The day the mentorship was completed or ended early, when it has been."""
    if mentorship.status not in CLOSED_STATUSES:
        return None
    for change in reversed(mentorship.history):
        if change.status == mentorship.status:
            return change.at.date()
    return ends_on(mentorship)


def planned_dates(mentorship: Mentorship) -> list[date]:
    """The dates the conversations were planned for: the plan the ask proposed.

    The same weekday plan the mentor was sent (:func:`mentorkit.ask.plan_dates`): four
    conversations over eight weeks fall a fortnight apart on the start's weekday, and none
    on a weekend, so progress is measured against what was actually agreed.
    """
    if mentorship.start is None:
        return []
    return list(plan_dates(mentorship.start, mentorship.sessions, mentorship.weeks))


@dataclass(frozen=True)
class PlanStatus:
    """How one mentorship's conversations compare with its plan, as of ``as_of``.

    Attributes:
        mentorship_id: The mentorship.
        state: ``not_started``, ``on_track``, ``behind`` or ``closed``.
        planned_total: Conversations agreed for the whole mentorship.
        planned_to_date: Conversations whose planned date has been reached.
        held: Conversations held.
        cancelled: Conversations logged as cancelled.
        behind_by: How many due conversations have not been held (never negative).
        start: First day, when set.
        end: The day the agreed span runs out, when there is a start.
        as_of: ``today``, or the day it was closed for a closed mentorship.
        last_held: The latest held conversation, if any.
        next_planned: The next planned date after ``as_of`` (``None`` when none is left).
    """

    mentorship_id: str
    state: PlanState
    planned_total: int
    planned_to_date: int
    held: int
    cancelled: int
    behind_by: int
    start: date | None
    end: date | None
    as_of: date
    last_held: date | None
    next_planned: date | None

    @property
    def on_track(self) -> bool:
        """True while the conversations keep up with the plan."""
        return self.state == "on_track"


def plan_vs_actual(
    mentorship: Mentorship,
    checkins: Iterable[CheckIn],
    today: date,
    *,
    behind_sessions: int = BEHIND_SESSIONS,
) -> PlanStatus:
    """Compare a mentorship's held conversations with its plan.

    A planned conversation is due on its planned date.  A mentorship is ``behind`` when
    ``behind_sessions`` or more due conversations have not been held: one missing allows
    for a conversation moved by a few days, which is normal and not yet a stall.

    Args:
        mentorship: The mentorship.
        checkins: Check-ins (those of other mentorships are ignored).
        today: The day to measure at.
        behind_sessions: How many missing conversations make it ``behind``.
    """
    own = [c for c in checkins if c.mentorship_id == mentorship.id]
    closed = closed_on(mentorship)
    as_of = min(today, closed) if closed is not None else today
    held_dates = sorted(c.date for c in own if c.held and c.date <= as_of)
    cancelled = sum(1 for c in own if not c.held and c.date <= as_of)
    plan = planned_dates(mentorship)
    due = sum(1 for day in plan if day <= as_of)
    behind_by = max(0, due - len(held_dates))
    state: PlanState
    if mentorship.status in CLOSED_STATUSES:
        state = "closed"
    elif mentorship.status != "active" or mentorship.start is None or mentorship.start > today:
        state = "not_started"
    elif behind_by >= behind_sessions:
        state = "behind"
    else:
        state = "on_track"
    upcoming = [day for day in plan if day > as_of]
    return PlanStatus(
        mentorship_id=mentorship.id,
        state=state,
        planned_total=mentorship.sessions,
        planned_to_date=due,
        held=len(held_dates),
        cancelled=cancelled,
        behind_by=behind_by,
        start=mentorship.start,
        end=ends_on(mentorship),
        as_of=as_of,
        last_held=held_dates[-1] if held_dates else None,
        next_planned=upcoming[0] if upcoming and state != "closed" else None,
    )


@dataclass(frozen=True)
class WeekCount:
    """Cumulative conversations planned and held by the end of one week of a mentorship."""

    week: int
    week_end: date
    planned: int
    held: int


def weekly_plan_vs_held(
    mentorship: Mentorship, checkins: Iterable[CheckIn], today: date
) -> list[WeekCount]:
    """Week by week, conversations planned and held so far (cumulative), up to ``today``.

    Weeks run from the mentorship's start; the last week shown is the one holding ``today``
    (or the close date, or the agreed end, whichever comes first).  Empty before the start.
    """
    if mentorship.start is None or mentorship.start > today:
        return []
    own = [c for c in checkins if c.mentorship_id == mentorship.id and c.held]
    plan = planned_dates(mentorship)
    closed = closed_on(mentorship)
    stop = min(today, closed) if closed is not None else today
    weeks = min(mentorship.weeks, (stop - mentorship.start).days // 7 + 1)
    rows = []
    for week in range(1, weeks + 1):
        week_end = mentorship.start + timedelta(days=7 * week - 1)
        rows.append(
            WeekCount(
                week=week,
                week_end=week_end,
                planned=sum(1 for day in plan if day <= week_end),
                held=sum(1 for c in own if c.date <= min(week_end, stop)),
            )
        )
    return rows


# --------------------------------------------------------------------------------------
# Stall warnings
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StallWarning:
    """A sign that momentum is fading, with the reason in plain words.

    Attributes:
        code: ``quiet``, ``behind``, ``unanswered`` or ``idle_goal``.
        reason: One or two sentences a participant reads.
        mentorship_id: The mentorship concerned, if any.
        goal_id: The goal concerned.
        days: The number of days the rule measured (quiet, unanswered, idle), else 0.
    """

    code: WarningCode
    reason: str
    goal_id: str
    mentorship_id: str | None = None
    days: int = 0


def _contact_name(workbook: Workbook, mentorship: Mentorship) -> str:
    try:
        return workbook.contact(mentorship.contact_id).name or "your mentor"
    except KeyError:
        return "your mentor"


def _goal_words(workbook: Workbook, goal_id: str) -> str:
    try:
        statement = workbook.goal(goal_id).statement
    except KeyError:
        return "this goal"
    return f"“{statement}”" if len(statement) <= 80 else f"“{statement[:77]}...”"


def _last_status_change(mentorship: Mentorship, status: str) -> date | None:
    for change in reversed(mentorship.history):
        if change.status == status:
            return change.at.date()
    return None


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _goal_last_activity(workbook: Workbook, goal: Goal) -> date:
    """The latest sign of work on a goal: an edit, a step of an ask, or a check-in."""
    latest = max(goal.created.date(), goal.updated.date())
    mentorship_ids = set()
    for mentorship in workbook.mentorships:
        if mentorship.goal_id != goal.id:
            continue
        mentorship_ids.add(mentorship.id)
        for change in mentorship.history:
            latest = max(latest, change.at.date())
    for checkin in workbook.checkins:
        if checkin.mentorship_id in mentorship_ids:
            latest = max(latest, checkin.date)
    return latest


def stall_warnings(
    workbook: Workbook,
    today: date,
    *,
    quiet_days: int = QUIET_DAYS,
    behind_sessions: int = BEHIND_SESSIONS,
    unanswered_days: int = UNANSWERED_DAYS,
    idle_goal_days: int = IDLE_GOAL_DAYS,
) -> list[StallWarning]:
    """Every sign that a goal or mentorship is stalling, most urgent kind first.

    Rules (each threshold is a keyword):

    * ``quiet``: an active mentorship with no conversation held for more than
      ``quiet_days`` days (counted from its start when none has been held yet);
    * ``behind``: an active mentorship ``behind_sessions`` or more conversations behind
      its plan;
    * ``unanswered``: an ask sent ``unanswered_days`` or more days ago with no answer;
    * ``idle_goal``: an active goal with no activity (edit, ask, check-in) for
      ``idle_goal_days`` or more days since it was set, and no ask or mentorship open.

    Returns:
        The warnings, ordered quiet, behind, unanswered, idle goal, then by workbook order.
    """
    for name, value in (
        ("quiet_days", quiet_days),
        ("behind_sessions", behind_sessions),
        ("unanswered_days", unanswered_days),
        ("idle_goal_days", idle_goal_days),
    ):
        if value < 1:
            raise InputError(f"stall_warnings: {name} is {value}; use 1 or more")
    warnings: list[StallWarning] = []
    for mentorship in workbook.mentorships:
        name = _contact_name(workbook, mentorship)
        if mentorship.status == "active" and mentorship.start and mentorship.start <= today:
            status = plan_vs_actual(
                mentorship, workbook.checkins, today, behind_sessions=behind_sessions
            )
            since = status.last_held or mentorship.start
            quiet_for = (today - since).days
            if quiet_for > quiet_days:
                what = (
                    f"the last one was on {since.isoformat()}"
                    if status.last_held
                    else f"none since the start on {since.isoformat()}"
                )
                warnings.append(
                    StallWarning(
                        "quiet",
                        f"No conversation with {name} for {_days(quiet_for)} ({what}). "
                        "Suggest a date for the next one now, while it is still easy to ask.",
                        mentorship.goal_id,
                        mentorship.id,
                        quiet_for,
                    )
                )
            if status.state == "behind":
                warnings.append(
                    StallWarning(
                        "behind",
                        f"{status.held} of {status.planned_to_date} planned conversations with "
                        f"{name} have been held so far ({status.behind_by} behind plan). "
                        "Agree the remaining dates, or shorten the plan together.",
                        mentorship.goal_id,
                        mentorship.id,
                    )
                )
        elif mentorship.status == "asked":
            asked_on = _last_status_change(mentorship, "asked")
            if asked_on is not None and (today - asked_on).days >= unanswered_days:
                waited = (today - asked_on).days
                warnings.append(
                    StallWarning(
                        "unanswered",
                        f"You asked {name} {_days(waited)} ago ({asked_on.isoformat()}) and "
                        "have no answer yet. Send one friendly reminder, or record it as "
                        "no answer and ask the next person.",
                        mentorship.goal_id,
                        mentorship.id,
                        waited,
                    )
                )
    # A goal with an ask or a mentorship under way is covered by the rules above.
    followed = {m.goal_id for m in workbook.mentorships if m.status in OPEN_STATUSES}
    for goal in workbook.active_goals():
        if goal.id in followed:
            continue
        last = _goal_last_activity(workbook, goal)
        idle_for = (today - last).days
        if idle_for >= idle_goal_days:
            warnings.append(
                StallWarning(
                    "idle_goal",
                    f"Nothing has happened on {_goal_words(workbook, goal.id)} for "
                    f"{_days(idle_for)} (since {last.isoformat()}). Take its first step, "
                    "ask someone for help with it, or decide to drop it for now.",
                    goal.id,
                    None,
                    idle_for,
                )
            )
    order = {"quiet": 0, "behind": 1, "unanswered": 2, "idle_goal": 3}
    return sorted(warnings, key=lambda w: order[w.code])


# --------------------------------------------------------------------------------------
# Check-ins: add, edit, delete
# --------------------------------------------------------------------------------------

#: Statuses of a mentorship whose conversations can be logged.
LOGGABLE_STATUSES: Final = (Status.ACCEPTED, *STARTED_STATUSES)


def record_checkin(
    workbook: Workbook,
    *,
    mentorship_id: str,
    day: date | None,
    today: date,
    held: bool = True,
    minutes: int = 30,
    notes: str = "",
    actions: str = "",
    feedback: str = "",
    rating: int | None = None,
    checkin_id: str = "",
) -> CheckIn:
    """Add a conversation to the workbook, or replace the one with ``checkin_id``.

    Changes ``workbook`` in place (call it inside ``store.update_workbook``).

    Raises:
        InputError: The mentorship is unknown or not under way, the date is missing or a
            held conversation is dated after ``today``, minutes are out of range, a
            cancelled conversation carries a rating, or ``checkin_id`` is unknown.
    """
    try:
        mentorship = workbook.mentorship(mentorship_id)
    except KeyError:
        raise InputError(
            "Choose the mentorship this conversation belongs to "
            "(start one in 03_the_ask.ipynb first)"
        ) from None
    if mentorship.status not in LOGGABLE_STATUSES:
        raise InputError(
            f"mentorship {mentorship_id} is {mentorship.status.replace('_', ' ')}: "
            "conversations are logged once the person has said yes"
        )
    if day is None:
        raise InputError("date: say when the conversation was (or was meant to be)")
    if held and day > today:
        raise InputError(
            f"date: {day.isoformat()} is after today ({today.isoformat()}); "
            "log a conversation once it has taken place"
        )
    if not 0 <= minutes <= 480:
        raise InputError(f"minutes: {minutes} is not between 0 and 480")
    if rating is not None and rating not in RATING_LABELS:
        raise InputError(f"rating: {rating} is not between -2 and +2")
    if not held and rating is not None:
        raise InputError(
            "rating: a cancelled conversation has no rating; choose 'Not rated' or mark it held"
        )
    checkin = CheckIn(
        id=checkin_id or new_id("k"),
        mentorship_id=mentorship.id,
        date=day,
        held=held,
        minutes=minutes if held else 0,
        notes=notes.strip(),
        actions=actions.strip(),
        feedback=feedback.strip(),
        rating=rating,
    )
    if checkin_id:
        for index, existing in enumerate(workbook.checkins):
            if existing.id == checkin_id:
                workbook.checkins[index] = checkin
                return checkin
        raise InputError(f"check-in {checkin_id!r} is not in this workbook (deleted elsewhere?)")
    workbook.checkins.append(checkin)
    return checkin


def delete_checkin(workbook: Workbook, checkin_id: str) -> CheckIn:
    """Remove the check-in ``checkin_id`` from the workbook and return it.

    Raises:
        InputError: There is no such check-in.
    """
    for index, existing in enumerate(workbook.checkins):
        if existing.id == checkin_id:
            return workbook.checkins.pop(index)
    raise InputError(f"check-in {checkin_id!r} is not in this workbook (deleted elsewhere?)")


# --------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------


def mentorship_plans(workbook: Workbook, today: date) -> list[PlanStatus]:
    """Plan vs actual for every mentorship that has started (active or closed)."""
    return [
        plan_vs_actual(m, workbook.checkins, today)
        for m in workbook.mentorships
        if m.status in STARTED_STATUSES and m.start is not None
    ]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def progress_summary(workbook: Workbook, today: date) -> dict[str, Any]:
    """Metrics and warnings of one workbook as plain JSON-ready values.

    Only ``str``, ``int``, ``float``, ``bool``, ``None``, lists and dicts, so the cohort
    runner can write it straight into ``summary.json`` and papermill can pass it on.
    """
    plans = mentorship_plans(workbook, today)
    warnings = stall_warnings(workbook, today)
    tscore = participant_gas(workbook, today)
    ratings = latest_ratings(workbook, today)
    active_plans = [p for p in plans if p.state in ("on_track", "behind")]
    return {
        "participant_id": workbook.participant_id,
        "today": today.isoformat(),
        "gas_tscore": round(tscore, 2) if tscore is not None else None,
        "goals_rated": len(ratings),
        "goals_active": len(workbook.active_goals()),
        "goals_achieved": sum(1 for g in workbook.goals if g.status == "achieved"),
        "checkins_held": sum(1 for c in workbook.checkins if c.held and c.date <= today),
        "checkins_cancelled": sum(1 for c in workbook.checkins if not c.held and c.date <= today),
        "mentorships_active": len(active_plans),
        "mentorships_closed": sum(1 for p in plans if p.state == "closed"),
        "on_track": bool(active_plans) and all(p.on_track for p in active_plans),
        "stalled": bool(warnings),
        "gas_over_time": [
            {"date": point.date.isoformat(), "tscore": round(point.tscore, 2)}
            for point in gas_over_time(workbook, today)
        ],
        "mentorships": [
            {
                "mentorship_id": p.mentorship_id,
                "goal_id": workbook.mentorship(p.mentorship_id).goal_id,
                "state": p.state,
                "planned_total": p.planned_total,
                "planned_to_date": p.planned_to_date,
                "held": p.held,
                "cancelled": p.cancelled,
                "behind_by": p.behind_by,
                "start": _iso(p.start),
                "end": _iso(p.end),
                "last_held": _iso(p.last_held),
                "next_planned": _iso(p.next_planned),
            }
            for p in plans
        ],
        "warnings": [
            {
                "code": w.code,
                "reason": w.reason,
                "goal_id": w.goal_id,
                "mentorship_id": w.mentorship_id,
                "days": w.days,
            }
            for w in warnings
        ],
    }
