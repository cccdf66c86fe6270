"""Progress: conversations held against the plan, goal attainment, and stall warnings.

The moment most people give up on a goal is a few weeks in, when the first enthusiasm has
worn off and nothing forces the next conversation.  This module notices that moment early
and says why in plain words, so a participant (or their facilitator) can act on it.

Three measures:

* **plan vs actual** per mentorship: a mentorship of ``sessions`` conversations over
  ``weeks`` weeks plans them evenly from its start; we count how many were due by today,
  how many were held and how many cancelled, and when the next one is expected
  (:func:`plan_vs_actual`).  Once every planned conversation is held or the agreed end has
  passed, nothing more is due: what is left is the wrap-up;
* **goal attainment scaling** (Kiresuk & Sherman, 1968): each goal gets five levels, from -2
  (much less than expected) to +2 (much more than expected), written before its first
  rated conversation (:func:`set_attainment_scale`, drafted by
  :func:`default_attainment_scale`); each check-in rates its goal on that scale, and the
  latest rating of every goal not dropped combines into one T-score where 50 means "as
  expected" (:func:`gas_tscore`, :func:`participant_gas`, :func:`gas_over_time`);
* **stall warnings**, each with a code and a reason, paced by the plan and silent about
  dates after its end (:func:`stall_warnings`).

Pure: dataclasses and a ``today`` in, frozen results out.  No file access, no printing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final, Literal, get_args

from mentorkit.ask import plan_dates, saved_plan
from mentorkit.errors import InputError
from mentorkit.lexicon import load_toml
from mentorkit.lifecycle import ends_on, span_used_up, transition
from mentorkit.model import (
    ATTAINMENT_LEVELS,
    MAX_LEVEL_TEXT,
    CheckIn,
    Goal,
    Mentorship,
    ScaleRevision,
    Workbook,
    new_id,
)
from mentorkit.status import (
    CLOSED_STATUSES,
    MENTORING_STATUSES,
    OPEN_STATUSES,
    STARTED_STATUSES,
    Status,
)

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
#: Days of grace after the next planned conversation before a mentorship counts as quiet:
#: a conversation moved by a few days is normal, one missed by more is the first sign.
QUIET_GRACE_DAYS: Final = 5
#: Days after the start by which the first conversation should have been held.
NOT_STARTED_DAYS: Final = 7
#: A rating at or below this, twice in a row, means the talking is not moving the goal.
NOT_MOVING_RATING: Final = -1
BEHIND_SESSIONS: Final = 2
UNANSWERED_DAYS: Final = 10
#: Six weeks, the shortest span a short-term goal is given: a goal untouched for that long
#: has been dropped without anyone deciding to.  Shorter defaults flag every goal a
#: participant is sensibly saving for their next mentorship.
IDLE_GOAL_DAYS: Final = 42

PlanState = Literal["not_started", "on_track", "quiet", "behind", "all_held", "ended", "closed"]
#: Each plan state in the words of the overview and the command line.
PLAN_STATE_WORDS: Final[dict[str, str]] = {
    "not_started": "not started yet",
    "on_track": "on track",
    "quiet": "next conversation overdue",
    "behind": "behind plan",
    "all_held": "all conversations held: time to wrap up",
    "ended": "agreed end passed: time to wrap up",
    "closed": "closed",
}
#: Plan states in which the conversations are over and only the wrap-up is left.
WRAP_UP_STATES: Final = ("all_held", "ended")
WarningCode = Literal["not_started", "quiet", "behind", "not_moving", "unanswered", "idle_goal"]
#: The order warnings are listed in: the most urgent kind first (the order of :data:`WarningCode`).
WARNING_ORDER: Final[tuple[str, ...]] = get_args(WarningCode)


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


def _scored_goal_of_mentorship(workbook: Workbook) -> dict[str, str]:
    """``mentorship_id -> goal_id`` for the goals that count in the participant's GAS.

    A dropped goal is left out: the participant decided it no longer matters, so its last
    rating says nothing about how things are going.  An achieved goal keeps its last rating.
    """
    dropped = {g.id for g in workbook.goals if g.status == "dropped"}
    return {m.id: m.goal_id for m in workbook.mentorships if m.goal_id not in dropped}


def _rated_checkins(workbook: Workbook, until: date | None = None) -> list[CheckIn]:
    """Held check-ins with a rating, oldest first (ties keep the order they were logged)."""
    rated = [
        c
        for c in workbook.checkins
        if c.held and c.rating is not None and (until is None or c.date <= until)
    ]
    return sorted(rated, key=lambda c: c.date)


def latest_ratings(workbook: Workbook, until: date | None = None) -> dict[str, int]:
    """Each scored goal's latest attainment rating (``goal_id -> -2..+2``) up to ``until``.

    Dropped goals are left out; achieved and active goals keep their latest rating.
    """
    goal_of = _scored_goal_of_mentorship(workbook)
    ratings: dict[str, int] = {}
    for checkin in _rated_checkins(workbook, until):
        goal_id = goal_of.get(checkin.mentorship_id)
        if goal_id is not None and checkin.rating is not None:
            ratings[goal_id] = checkin.rating
    return ratings


def participant_gas(workbook: Workbook, today: date, rho: float = DEFAULT_RHO) -> float | None:
    """The participant's T-score from every goal's latest rating up to ``today``.

    Goals never rated are left out (they are not yet scored, not scored as failures), and so
    are dropped goals; achieved goals count with their last rating.

    Returns:
        The T-score, or ``None`` when no goal that counts has been rated yet.
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
    """The T-score after each day with a rated check-in, up to ``today``, oldest first.

    Dropped goals are left out of every point, so the last point is :func:`participant_gas`.
    """
    goal_of = _scored_goal_of_mentorship(workbook)
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
# Attainment scales, written before the first rated conversation
# --------------------------------------------------------------------------------------


def _levels_of(texts: Sequence[str]) -> dict[int, str]:
    return dict(zip(sorted(RATING_LABELS), texts, strict=True))


def attainment_levels(goal: Goal) -> dict[int, str]:
    """The goal's own words for each level (``-2..+2 -> text``), empty without a scale."""
    if len(goal.attainment_scale) != ATTAINMENT_LEVELS:
        return {}
    return _levels_of(goal.attainment_scale)


def goal_is_rated(workbook: Workbook, goal_id: str) -> bool:
    """Whether any held conversation about the goal has been rated (its scale is fixed)."""
    ids = {m.id for m in workbook.mentorships if m.goal_id == goal_id}
    return any(
        c.mentorship_id in ids and c.held and c.rating is not None for c in workbook.checkins
    )


def set_attainment_scale(
    workbook: Workbook,
    goal_id: str,
    levels: Sequence[str],
    *,
    at: datetime,
    note: str = "",
) -> Goal:
    """Write the five levels of a goal's attainment scale, from -2 up to +2.

    Kiresuk & Sherman write the levels before the work starts, so a rating refers to an
    outcome described in advance.  Until the first rated conversation the scale can be
    rewritten freely.  Once a conversation is rated, the scale is fixed: changing it needs a
    ``note`` saying why, and the old scale is kept in the goal's ``scale_history``.

    Changes ``workbook`` in place (call it inside ``store.update_workbook``).

    Raises:
        InputError: Unknown goal, not five levels, an empty or too long level, or a change
            to a rated goal's scale without a note.
    """
    try:
        goal = workbook.goal(goal_id)
    except KeyError:
        raise InputError(f"goal {goal_id!r} is not in this workbook (deleted elsewhere?)") from None
    texts = [" ".join(str(text).split()) for text in levels]
    if len(texts) != ATTAINMENT_LEVELS:
        raise InputError(
            f"attainment scale: {len(texts)} level(s) given; write one for each of -2, -1, 0, +1, +2"
        )
    for score, text in _levels_of(texts).items():
        name = f"level {score:+d}" if score else "level 0"
        if not text:
            raise InputError(
                f"attainment scale, {name} ({RATING_LABELS[score]}): describe what it would look like"
            )
        if len(text) > MAX_LEVEL_TEXT:
            raise InputError(
                f"attainment scale, {name}: {len(text)} characters; keep it under "
                f"{MAX_LEVEL_TEXT} (one short sentence)"
            )
    if texts == goal.attainment_scale:
        return goal
    reason = " ".join(note.split())
    if goal.attainment_scale and goal_is_rated(workbook, goal.id):
        if not reason:
            raise InputError(
                "attainment scale: this goal has been rated against its scale already; say in "
                "the note why the levels change (the old ones are kept)"
            )
        goal.scale_history.append(
            ScaleRevision(levels=list(goal.attainment_scale), replaced=at, note=reason)
        )
    goal.attainment_scale = texts
    goal.updated = at
    return goal


#: Wording of the drafted scales, reviewed as prose (``mentorkit/lexicon/attainment_scale.toml``).
_SCALE_WORDS: Final = load_toml("attainment_scale")


def _any_of(phrases: Sequence[str]) -> str:
    """A regex alternation of plain phrases, longest first, spaces matching any space."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)


_NUMBER_WORDS: Final[dict[str, int]] = _SCALE_WORDS["numbers"]["words"]
_COUNT = rf"\d+(?:[.,]\d+)?|{_any_of(list(_NUMBER_WORDS))}"
_NUMBER = re.compile(rf"(?<![\w.,/:-])({_COUNT})(\s*%)?(?![\w/:-]|[.,]\d)", re.IGNORECASE)
_MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(of\s+)?{_MONTH}\b", re.IGNORECASE)
_LOWER_IS_BETTER = re.compile(
    rf"\b({_any_of(_SCALE_WORDS['numbers']['lower_before'])})\s+(\w+\s+){{0,2}}$", re.IGNORECASE
)
_LOWER_AFTER = re.compile(
    rf"^\s*(\w+\s+){{0,2}}({_any_of(_SCALE_WORDS['numbers']['lower_after'])})\b", re.IGNORECASE
)
_DIRECTED = re.compile(rf"\b({_any_of(_SCALE_WORDS['numbers']['directed'])})\s+$", re.IGNORECASE)
_OUT_OF = re.compile(rf"^\s*(?:(?:out of|of)(?:\s+the)?\s+|/\s*)({_COUNT})\b", re.IGNORECASE)
_FROM_TO = re.compile(r"\bfrom\s+(\d+(?:\.\d+)?)\b[^.;]*?\bto\s+$", re.IGNORECASE)


def _count_value(text: str) -> float:
    """A count as written: ``4``, ``2.5`` or a number word (``six``)."""
    word = _NUMBER_WORDS.get(text.lower())
    return float(word) if word is not None else float(text.replace(",", "."))


@dataclass(frozen=True)
class _Target:
    """The number a success measure names, where it is, and which way is better."""

    start: int
    end: int
    value: float
    decimals: int
    lower_is_better: bool
    cap: float | None
    baseline: float | None = None


def _measure_target(measure: str) -> _Target | None:
    """The count a measure names (``4`` in "give 4 talks"), or ``None`` when it has none.

    Dates and times are not counts: a number next to a month name, a year, or one written
    with ``/``, ``-`` or ``:`` is skipped.  Which way is better comes from the words around
    it ("under 10 minutes", "5 or fewer", "from 3 days to 1").
    """
    for match in _NUMBER.finditer(measure):
        text = match.group(1).replace(",", ".")
        value = _count_value(text)
        before = measure[: match.start()]
        after = measure[match.end() :]
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            continue  # "15 March", "March 15": a date
        if 1900 <= value <= 2100 and "." not in text:
            continue  # a year
        if re.search(r"\b(week|month|day)\s+$", before, re.IGNORECASE) and value <= 52:
            continue  # "by week 6" is a deadline, not a count
        if re.search(r"\b(by|before|on|until)\s+$", before, re.IGNORECASE):
            continue
        if re.search(r"\bfrom\s+$", before, re.IGNORECASE) and re.match(
            r"^\s*%?\s*\w*\s*to\s+\d", after, re.IGNORECASE
        ):
            continue  # "from 30 to 10": the first number is where it starts, not the aim
        from_to = _FROM_TO.search(before)
        lower = bool(_LOWER_IS_BETTER.search(before) or _LOWER_AFTER.search(after))
        if from_to is not None:
            lower = float(from_to.group(1)) > value
        cap: float | None = 100.0 if match.group(2) else None
        out_of = _OUT_OF.match(after)
        if out_of is not None and _count_value(out_of.group(1)) >= value:
            cap = _count_value(out_of.group(1))
        decimals = len(text.split(".")[1]) if "." in text else 0
        baseline = float(from_to.group(1)) if from_to is not None else None
        return _Target(match.start(1), match.end(1), value, decimals, lower, cap, baseline)
    return None


def _shown(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(round(value))


def _with_number(measure: str, target: _Target, value: float, qualifier: str = "") -> str:
    """The measure with its number replaced, ``qualifier`` ("at least") just before it."""
    return (
        measure[: target.start]
        + (f"{qualifier} " if qualifier else "")
        + _shown(value, target.decimals)
        + measure[target.end :]
    )


def _inline(text: str) -> str:
    """The text as it reads inside a sentence: "Give 4 talks" -> "give 4 talks"; "I", "AWS" kept."""
    first = text.split(" ", 1)[0]
    if first == "I" or not first[1:2].islower():
        return text
    return text[:1].lower() + text[1:]


def _numbered_levels(measure: str, target: _Target) -> dict[int, str] | None:
    """Levels that change the measure's own number, or ``None`` when they cannot differ.

    Better is more (or less, for "under 10 minutes"); the -2 level of a count that would
    reach zero says "not started" instead of "0 talks".
    """
    step = 10**-target.decimals
    small = max(step, round(target.value * 0.25, target.decimals))
    large = max(2 * step, round(target.value * 0.5, target.decimals))
    direction = -1 if target.lower_is_better else 1
    values = {
        -2: target.value - direction * large,
        -1: target.value - direction * small,
        1: target.value + direction * small,
        2: target.value + direction * large,
    }
    if target.cap is not None:
        # "10 of the 12 evenings": better stops at all of them
        values = {score: min(value, target.cap) for score, value in values.items()}
        if values[2] == values[1] and target.value + direction * step < target.cap:
            values[1] = target.value + direction * step
    # -2 at one or none (or back where it started) means nothing much has happened yet;
    # "at most 1 talks" would also read badly
    none_yet = (not target.lower_is_better and values[-2] <= 1 < target.value) or (
        target.baseline is not None and (values[-2] - target.baseline) * direction <= 0
    )
    for score, value in values.items():
        if value <= 0 and not (score == -2 and none_yet):
            return None
    shown = [_shown(values[s], target.decimals) for s in (-1, 1, 2)]
    if len(set(shown)) < 3 or _shown(target.value, target.decimals) in shown:
        return None
    # "at least 6 talks" reads well; "under at most 5 minutes" does not, so words already
    # saying which way the number goes are left alone.
    words = _SCALE_WORDS["numbers"]
    qualified = bool(_DIRECTED.search(measure[: target.start])) or target.lower_is_better
    more, less = ("", "") if qualified else (words["at_least"], words["at_most"])
    quoted = f"“{_inline(measure)}”"
    return {
        -2: words["none_yet"].format(quoted=quoted)
        if none_yet
        else _with_number(measure, target, values[-2], less),
        -1: words["one_of"].format(target=_shown(target.value, target.decimals), quoted=quoted)
        if values[-1] == 1 and not target.lower_is_better
        else _with_number(measure, target, values[-1]),
        0: measure,
        1: _with_number(measure, target, values[1]),
        2: _with_number(measure, target, values[2], more),
    }


def default_attainment_scale(goal: Goal) -> list[str]:
    """A draft of the goal's five attainment levels, from -2 to +2, to edit before rating.

    Level 0 restates the success measure (the statement when there is none).  When the
    measure names a count ("give 4 talks", "under 10 minutes", "3 out of 5 meetings"),
    the other levels change that count the way that is better or worse; otherwise they say
    in plain words what less and more would look like, in the vocabulary of the goal's type
    (something done for a career goal, something felt or noticed for a psychosocial one).

    Returns:
        Five texts, for -2, -1, 0, +1 and +2.
    """
    measure = " ".join((goal.success_measure or goal.statement).split()).rstrip(" .;:")
    if not measure:
        measure = "the goal is reached"
    # The longest wording around the measure is under 100 characters: keep every level short.
    if len(measure) > MAX_LEVEL_TEXT - 100:
        measure = measure[: MAX_LEVEL_TEXT - 103].rstrip() + "..."
    target = _measure_target(measure)
    numbered = _numbered_levels(measure, target) if target is not None else None
    if numbered is not None:
        texts = [numbered[score] for score in sorted(numbered)]
    else:
        plain = _SCALE_WORDS["plain"].get(
            goal.type or "", _SCALE_WORDS["plain"]["short_term_career"]
        )
        quoted = f"“{_inline(measure)}”"
        texts = [text.format(measure=measure, quoted=quoted) for text in plain["levels"]]
    return [
        f"{prefix}: {text}" for prefix, text in zip(_SCALE_WORDS["prefixes"], texts, strict=True)
    ]


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

    The dates kept with the ask when it was saved (moved off holidays and time away, as
    the mentor was sent them); for an older workbook without them, the same weekday plan
    (:func:`mentorkit.ask.plan_dates`): four conversations over eight weeks a fortnight apart
    on the start's weekday, none on a weekend.  Progress is measured against what was agreed.
    """
    sent = saved_plan(mentorship)
    if sent is not None:  # as proposed, after holidays and time away moved them
        return sent
    if mentorship.start is None:
        return []
    return list(plan_dates(mentorship.start, mentorship.sessions, mentorship.weeks))


@dataclass(frozen=True)
class PlanStatus:
    """How one mentorship's conversations compare with its plan, as of ``as_of``.

    Attributes:
        mentorship_id: The mentorship.
        state: One of :data:`PLAN_STATE_WORDS`: ``not_started`` (nothing held yet, the end
            not reached), ``on_track``, ``quiet`` (the next planned conversation is overdue
            by more than the grace), ``behind`` (two or more due conversations not held),
            ``all_held`` and ``ended`` (only the wrap-up is left: every planned
            conversation held, or the agreed end passed), ``closed``.
        planned_total: Conversations agreed for the whole mentorship.
        planned_to_date: Conversations whose planned date has been reached.
        held: Conversations held (a kick-off before the planned start counts).
        cancelled: Conversations logged as cancelled.
        behind_by: How many due conversations have not been held (never negative).
        remaining: Planned conversations not held yet (never negative).
        start: First day, when set.
        end: The day the agreed span runs out, when there is a start.
        as_of: ``today``, or the day it was closed for a closed mentorship.
        last_held: The latest held conversation, if any.
        next_planned: When the next conversation is expected by the plan: the next planned
            date not yet covered by a held conversation, and never sooner than the next
            planned date after the last one held.  It is in the past when overdue, and
            ``None`` when none is left (every one held, the end passed, or closed).
        overdue_days: Days since ``next_planned`` when it has passed, else 0.
    """

    mentorship_id: str
    state: PlanState
    planned_total: int
    planned_to_date: int
    held: int
    cancelled: int
    behind_by: int
    remaining: int
    start: date | None
    end: date | None
    as_of: date
    last_held: date | None
    next_planned: date | None
    overdue_days: int = 0

    @property
    def on_track(self) -> bool:
        """True while the conversations keep up with the plan (or all have been held)."""
        return self.state in ("on_track", "all_held")

    @property
    def wrap_up_due(self) -> bool:
        """True when only the wrap-up is left (every conversation held, or the end passed)."""
        return self.state in WRAP_UP_STATES


def _expected_next(
    mentorship: Mentorship, plan: Sequence[date], held: Sequence[date]
) -> date | None:
    """When the next conversation is due by the plan, given those held so far (sorted)."""
    if len(held) >= len(plan):
        return None
    slot = plan[len(held)]
    if not held:
        return slot
    after_last = [day for day in plan if day > held[-1]]
    gap = timedelta(days=max(1, round(7 * mentorship.weeks / max(1, mentorship.sessions))))
    pace = after_last[0] if after_last else held[-1] + gap
    return max(slot, pace)


def plan_vs_actual(
    mentorship: Mentorship,
    checkins: Iterable[CheckIn],
    today: date,
    *,
    behind_sessions: int = BEHIND_SESSIONS,
    quiet_grace_days: int = QUIET_GRACE_DAYS,
) -> PlanStatus:
    """Compare a mentorship's held conversations with its plan.

    A planned conversation is due on its planned date.  A mentorship is ``behind`` when
    ``behind_sessions`` or more due conversations have not been held: one missing allows
    for a conversation moved by a few days, which is normal and not yet a stall.  It is
    ``quiet`` when its next planned conversation is more than ``quiet_grace_days`` overdue,
    so the pace of the plan decides (a conversation a fortnight is quiet after three weeks,
    one a month after five).  Once every planned conversation is held (``all_held``) or
    the agreed end has passed (``ended``), nothing is due any more: what is left is the
    wrap-up, so neither ``behind`` nor ``quiet`` applies.

    Args:
        mentorship: The mentorship.
        checkins: Check-ins (those of other mentorships are ignored).
        today: The day to measure at.
        behind_sessions: How many missing conversations make it ``behind``.
        quiet_grace_days: Days of grace after the next planned conversation.
    """
    own = [c for c in checkins if c.mentorship_id == mentorship.id]
    closed = closed_on(mentorship)
    as_of = min(today, closed) if closed is not None else today
    held_dates = sorted(c.date for c in own if c.held and c.date <= as_of)
    cancelled = sum(1 for c in own if not c.held and c.date <= as_of)
    plan = planned_dates(mentorship)
    due = sum(1 for day in plan if day <= as_of)
    held = len(held_dates)
    behind_by = max(0, due - held)
    end = ends_on(mentorship)
    expected = _expected_next(mentorship, plan, held_dates)
    overdue = max(0, (as_of - expected).days) if expected is not None else 0
    state: PlanState
    if mentorship.status in CLOSED_STATUSES:
        state = "closed"
    elif span_used_up(mentorship, today, held=held):
        state = "all_held" if held >= mentorship.sessions else "ended"
    elif held == 0:
        state = "not_started"
    elif behind_by >= behind_sessions:
        state = "behind"
    elif overdue > quiet_grace_days:
        state = "quiet"
    else:
        state = "on_track"
    open_ahead = state in ("not_started", "on_track", "quiet", "behind")
    return PlanStatus(
        mentorship_id=mentorship.id,
        state=state,
        planned_total=mentorship.sessions,
        planned_to_date=due,
        held=held,
        cancelled=cancelled,
        behind_by=behind_by,
        remaining=max(0, mentorship.sessions - held),
        start=mentorship.start,
        end=end,
        as_of=as_of,
        last_held=held_dates[-1] if held_dates else None,
        next_planned=expected if open_ahead else None,
        overdue_days=overdue if open_ahead else 0,
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
    (or the close date, or the agreed end, whichever comes first).  Empty before the start,
    unless a kick-off was held before it: then week 1 shows it (it counts as held).
    """
    if mentorship.start is None:
        return []
    own = [c for c in checkins if c.mentorship_id == mentorship.id and c.held and c.date <= today]
    if mentorship.start > today and not own:
        return []
    plan = planned_dates(mentorship)
    closed = closed_on(mentorship)
    stop = min(today, closed) if closed is not None else today
    weeks = max(1, min(mentorship.weeks, (stop - mentorship.start).days // 7 + 1))
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


def _not_moving(
    workbook: Workbook, today: date, open_goals: set[str]
) -> list[tuple[Goal, Mentorship, list[int]]]:
    """Goals whose last two ratings are ``NOT_MOVING_RATING`` or lower while talks go on."""
    mentorships = {m.id: m for m in workbook.mentorships}
    by_goal: dict[str, list[CheckIn]] = {}
    for checkin in _rated_checkins(workbook, today):
        mentorship = mentorships.get(checkin.mentorship_id)
        if mentorship is not None:
            by_goal.setdefault(mentorship.goal_id, []).append(checkin)
    found = []
    for goal in workbook.active_goals():
        rated = by_goal.get(goal.id, [])[-2:]
        if goal.id not in open_goals or len(rated) < 2:
            continue
        scores = [c.rating for c in rated if c.rating is not None]
        latest = mentorships[rated[-1].mentorship_id]
        if len(scores) == 2 and max(scores) <= NOT_MOVING_RATING and latest.status in OPEN_STATUSES:
            found.append((goal, latest, scores))
    return found


def stall_warnings(
    workbook: Workbook,
    today: date,
    *,
    quiet_grace_days: int = QUIET_GRACE_DAYS,
    behind_sessions: int = BEHIND_SESSIONS,
    not_started_days: int = NOT_STARTED_DAYS,
    unanswered_days: int = UNANSWERED_DAYS,
    idle_goal_days: int = IDLE_GOAL_DAYS,
) -> list[StallWarning]:
    """Every sign that a goal or mentorship is stalling, most urgent kind first.

    Rules follow the plan agreed with the mentor and stop at its end (each threshold is a
    keyword):

    * ``not_started``: accepted or active, its start passed by ``not_started_days`` or
      more, and no conversation held;
    * ``quiet``: the next planned conversation is more than ``quiet_grace_days`` overdue
      (see :func:`plan_vs_actual`);
    * ``behind``: ``behind_sessions`` or more due conversations not held;
    * ``not_moving``: the last two ratings of an active goal with a mentorship under way
      are -1 or lower: the talking goes on but the goal does not move;
    * ``unanswered``: an ask sent ``unanswered_days`` or more days ago with no answer;
    * ``idle_goal``: an active goal with no activity (edit, ask, check-in) for
      ``idle_goal_days`` or more days since it was set, and no ask or mentorship open.

    A mentorship whose planned conversations are all held, or whose agreed end has
    passed, gets no date advice at all: it is waiting for its wrap-up
    (:func:`mentorkit.wrapup.mentorships_to_wrap_up`), not for another conversation.

    Returns:
        The warnings in the order of :data:`WARNING_ORDER`, then by workbook order.
    """
    for name, value in (
        ("quiet_grace_days", quiet_grace_days),
        ("behind_sessions", behind_sessions),
        ("not_started_days", not_started_days),
        ("unanswered_days", unanswered_days),
        ("idle_goal_days", idle_goal_days),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"stall_warnings: {name} is {value!r}; use a whole number, 1 or more")
    warnings: list[StallWarning] = []
    for mentorship in workbook.mentorships:
        name = _contact_name(workbook, mentorship)
        if mentorship.status in MENTORING_STATUSES and mentorship.start is not None:
            status = plan_vs_actual(
                mentorship,
                workbook.checkins,
                today,
                behind_sessions=behind_sessions,
                quiet_grace_days=quiet_grace_days,
            )
            # A yes recorded after the planned start gets its week from the day of the yes.
            said_yes = _last_status_change(mentorship, "accepted")
            since_start = (today - mentorship.start).days
            late_yes = said_yes is not None and said_yes > mentorship.start
            waited = (today - said_yes).days if late_yes and said_yes else since_start
            if status.state == "not_started" and waited >= not_started_days:
                when = (
                    f"you recorded the yes on {said_yes.isoformat()}, {_days(waited)} ago"
                    if late_yes and said_yes
                    else f"the start on {mentorship.start.isoformat()} was {_days(waited)} ago"
                )
                warnings.append(
                    StallWarning(
                        "not_started",
                        f"{name} said yes, and {when}, but no conversation has been held yet. "
                        f"Ask {name} for a first date this week; if it no longer fits, end it "
                        "kindly in the wrap-up.",
                        mentorship.goal_id,
                        mentorship.id,
                        waited,
                    )
                )
            if status.state in ("quiet", "behind") and status.overdue_days > quiet_grace_days:
                since = status.last_held or mentorship.start
                quiet_for = (today - since).days
                assert status.next_planned is not None  # overdue means a next one is planned
                warnings.append(
                    StallWarning(
                        "quiet",
                        f"No conversation with {name} for {_days(quiet_for)} (the last one "
                        f"was on {since.isoformat()}); the next was planned for "
                        f"{status.next_planned.isoformat()}. Suggest a date for it now, "
                        "while it is still easy to ask.",
                        mentorship.goal_id,
                        mentorship.id,
                        quiet_for,
                    )
                )
            if status.state == "behind":
                end = f" before {status.end.isoformat()}" if status.end else ""
                warnings.append(
                    StallWarning(
                        "behind",
                        f"{status.held} of {status.planned_to_date} planned conversations with "
                        f"{name} have been held so far ({status.behind_by} behind plan). "
                        f"Agree the remaining dates{end}, or shorten the plan together.",
                        mentorship.goal_id,
                        mentorship.id,
                    )
                )
        elif mentorship.status in MENTORING_STATUSES and not any(
            c.held and c.mentorship_id == mentorship.id and c.date <= today
            for c in workbook.checkins
        ):
            # A yes without a start date: the drop-off before the first meeting counts from
            # the day of the yes.
            said_yes = _last_status_change(mentorship, "accepted")
            waited = (today - said_yes).days if said_yes is not None else 0
            if said_yes is not None and waited >= not_started_days:
                warnings.append(
                    StallWarning(
                        "not_started",
                        f"{name} said yes {_days(waited)} ago ({said_yes.isoformat()}), but "
                        "there is no start date and no conversation yet. Agree the first "
                        f"date with {name} this week; if it no longer fits, end it kindly "
                        "in the wrap-up.",
                        mentorship.goal_id,
                        mentorship.id,
                        waited,
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
    for goal, mentorship, scores in _not_moving(workbook, today, followed):
        shown = ", ".join(f"{score:+d}" for score in scores)
        plan = plan_vs_actual(mentorship, workbook.checkins, today)
        if plan.wrap_up_due:
            # Its conversations are over: the advice is for the wrap-up, not for more talks.
            advice = (
                "When you wrap it up, decide what would move it: another approach with "
                "the next mentor, or a smaller or clearer goal in 01_goals.ipynb."
            )
        else:
            advice = (
                f"Talk with {_contact_name(workbook, mentorship)} about trying another "
                "approach (a small task to do before you meet, a different question), or "
                "make the goal smaller or clearer in 01_goals.ipynb."
            )
        warnings.append(
            StallWarning(
                "not_moving",
                f"The last two conversations rated {_goal_words(workbook, goal.id)} below "
                f"what you expected ({shown}): the talking goes on, the goal does not move. "
                + advice,
                goal.id,
                mentorship.id,
            )
        )
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
    return sorted(warnings, key=lambda w: WARNING_ORDER.index(w.code))


def asked_on(mentorship: Mentorship) -> date | None:
    """The day the ask was first written down (its first status change), if recorded."""
    if not mentorship.history:
        return None
    return min(change.at.date() for change in mentorship.history)


def conversations_before_ask(workbook: Workbook) -> list[tuple[CheckIn, date]]:
    """Conversations dated before their ask existed, each with the day the ask was written.

    Usually a typo in the date (or a conversation logged against the wrong mentorship), so
    the overview asks about each one instead of counting it silently.
    """
    first = {m.id: asked_on(m) for m in workbook.mentorships}
    found = []
    for checkin in workbook.checkins:
        day = first.get(checkin.mentorship_id)
        if day is not None and checkin.date < day:
            found.append((checkin, day))
    return sorted(found, key=lambda pair: pair[0].date)


class ConversationBeforeAskError(InputError):
    """A conversation is dated before its ask existed: ask whether the date is right."""


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
    date_before_ask_confirmed: bool = False,
) -> CheckIn:
    """Add a conversation to the workbook, or replace the one with ``checkin_id``.

    Changes ``workbook`` in place (call it inside ``store.update_workbook``).

    Args:
        date_before_ask_confirmed: The participant confirmed that a conversation dated
            before its ask was written down really took place then (an early kick-off, an
            ask recorded late).  Without it such a date raises a question.

    Raises:
        ConversationBeforeAskError: The date is before the ask existed and was not confirmed.
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
    first = asked_on(mentorship)
    unchanged = any(c.id == checkin_id and c.date == day for c in workbook.checkins)
    if first is not None and day < first and not (date_before_ask_confirmed or unchanged):
        raise ConversationBeforeAskError(
            f"date: {day.isoformat()} is before this ask was written down "
            f"({first.isoformat()}). Is the date right? If the conversation really took "
            "place then, confirm the date and save again; otherwise correct it."
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
                _mark_under_way(workbook, mentorship, checkin, today)
                return checkin
        raise InputError(f"check-in {checkin_id!r} is not in this workbook (deleted elsewhere?)")
    workbook.checkins.append(checkin)
    _mark_under_way(workbook, mentorship, checkin, today)
    return checkin


def _mark_under_way(
    workbook: Workbook, mentorship: Mentorship, checkin: CheckIn, today: date
) -> None:
    """An accepted mentorship with a conversation held is under way: mark it active.

    Otherwise its label would still say "accepted, not started yet" beside a conversation
    held, and the wrap-up could not complete it.
    """
    if mentorship.status != "accepted" or not checkin.held:
        return
    moment = datetime.combine(today, time(12), tzinfo=UTC)
    latest = max((change.at for change in mentorship.history), default=moment)
    moved = transition(mentorship, "active", at=max(moment, latest))
    workbook.mentorships[workbook.mentorships.index(mentorship)] = moved


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


#: Statuses of a mentorship measured against its plan: agreed, under way, or closed.
PLANNED_STATUSES: Final = (Status.ACCEPTED, *STARTED_STATUSES)


def mentorship_plans(workbook: Workbook, today: date) -> list[PlanStatus]:
    """Plan vs actual for every mentorship agreed with a start (accepted, active or closed)."""
    return [
        plan_vs_actual(m, workbook.checkins, today)
        for m in workbook.mentorships
        if m.status in PLANNED_STATUSES and m.start is not None
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
    # Under way: active and past its start, or begun with a conversation (even a kick-off
    # before the start); a yes that never started is counted by its warning instead.
    status_of = {m.id: m.status for m in workbook.mentorships}
    active_plans = [
        p
        for p in plans
        if p.state != "closed"
        and (
            p.held > 0
            or (status_of[p.mentorship_id] == "active" and p.start is not None and p.start <= today)
        )
    ]
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
        "mentorships_to_wrap_up": sum(1 for p in plans if p.wrap_up_due),
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
                "remaining": p.remaining,
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
