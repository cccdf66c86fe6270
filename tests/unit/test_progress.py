"""Progress core: GAS by hand, plan vs actual, stall rules at and around each threshold."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit import store
from mentorkit.errors import InputError
from mentorkit.model import CheckIn, Contact, Goal, Mentorship, StatusChange, Workbook
from mentorkit.progress import (
    WARNING_ORDER,
    delete_checkin,
    gas_over_time,
    gas_tscore,
    latest_ratings,
    participant_gas,
    plan_vs_actual,
    planned_dates,
    progress_summary,
    record_checkin,
    stall_warnings,
    weekly_plan_vs_held,
)
from tests.strategies import workbooks

TODAY = date(2026, 11, 23)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=UTC)


def _workbook(goal_created: date = TODAY) -> Workbook:
    goal = Goal(
        id="g1",
        statement="Run the budget review",
        created=_at(goal_created),
        updated=_at(goal_created),
    )
    contact = Contact(id="c1", name="Ada Mentor")
    return Workbook(participant_id="t01", goals=[goal], contacts=[contact])


def _mentorship(
    workbook: Workbook,
    start: date,
    status: str = "active",
    *,
    sessions: int = 4,
    weeks: int = 8,
    history: list[tuple[str, date]] | None = None,
) -> Mentorship:
    changes = [StatusChange(s, _at(d)) for s, d in (history or [("active", start)])]  # type: ignore[arg-type]
    mentorship = Mentorship(
        id=f"m{len(workbook.mentorships) + 1}",
        goal_id="g1",
        contact_id="c1",
        sessions=sessions,
        weeks=weeks,
        start=start,
        status=status,  # type: ignore[arg-type]
        history=changes,
    )
    workbook.mentorships.append(mentorship)
    return mentorship


def _checkin(
    workbook: Workbook,
    mentorship: Mentorship,
    day: date,
    *,
    held: bool = True,
    rating: int | None = 0,
) -> None:
    workbook.checkins.append(
        CheckIn(
            id=f"k{len(workbook.checkins) + 1}",
            mentorship_id=mentorship.id,
            date=day,
            held=held,
            rating=rating if held else None,
        )
    )


def _codes(warnings: list[Any], code: str) -> list[Any]:
    return [w for w in warnings if w.code == code]


# --- GAS -------------------------------------------------------------------------------


def test_gas_all_zeros_is_fifty() -> None:
    assert gas_tscore([0, 0, 0]) == pytest.approx(50.0)


def test_gas_one_goal_at_plus_two_is_seventy() -> None:
    assert gas_tscore([2]) == pytest.approx(70.0)


def test_gas_three_equal_goals_at_plus_one() -> None:
    # 50 + 10*3 / sqrt(0.7*3 + 0.3*9) = 50 + 30/sqrt(4.8)
    assert gas_tscore([1, 1, 1]) == pytest.approx(63.69, abs=0.005)


def test_gas_weights_and_rho_follow_the_formula() -> None:
    scores, weights, rho = [2, -1], [3, 1], 0.5
    expected = 50 + 10 * (6 - 1) / math.sqrt(0.5 * (9 + 1) + 0.5 * 16)
    assert gas_tscore(scores, weights, rho) == pytest.approx(expected)
    assert gas_tscore([-2]) == pytest.approx(30.0)
    # rho = 0: independent goals, the plain sqrt of the sum of squared weights
    assert gas_tscore([1, 1], rho=0) == pytest.approx(50 + 20 / math.sqrt(2))


scales = st.lists(st.integers(-2, 2), min_size=1, max_size=8)
goal_weights = st.floats(0.1, 10, allow_nan=False)


@given(scores=scales, rho=st.floats(0, 0.95))
def test_gas_is_symmetric_around_fifty(scores: list[int], rho: float) -> None:
    mirrored = [-score for score in scores]
    assert gas_tscore(scores, rho=rho) + gas_tscore(mirrored, rho=rho) == pytest.approx(100)


@given(scores=scales, data=st.data())
def test_gas_rises_when_any_goal_does_better(scores: list[int], data: st.DataObject) -> None:
    weights = data.draw(st.lists(goal_weights, min_size=len(scores), max_size=len(scores)))
    index = data.draw(st.integers(0, len(scores) - 1))
    if scores[index] == 2:
        return
    better = [*scores]
    better[index] += 1
    assert gas_tscore(better, weights) > gas_tscore(scores, weights)


@pytest.mark.parametrize(
    ("scores", "weights", "rho", "words"),
    [
        ([], None, 0.3, "no goal scores"),
        ([3], None, 0.3, "score 1 is 3"),
        ([0, -3], None, 0.3, "score 2"),
        ([1], [1, 2], 0.3, "2 weight(s) for 1 score"),
        ([1], [0], 0.3, "weight 1 is 0"),
        ([1], [math.nan], 0.3, "weight 1"),
        ([1], None, 1.0, "rho"),
        ([1], None, -0.1, "rho"),
    ],
)
def test_gas_rejects_bad_input_with_a_clear_message(
    scores: list[int], weights: list[float] | None, rho: float, words: str
) -> None:
    with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")):
        gas_tscore(scores, weights, rho)


def test_participant_gas_uses_each_goals_latest_rating() -> None:
    workbook = _workbook(TODAY - timedelta(days=30))
    workbook.goals.append(Goal(id="g2", statement="Second"))
    first = _mentorship(workbook, TODAY - timedelta(days=28))
    second = Mentorship(id="m2", goal_id="g2", contact_id="c1", start=TODAY, status="active")
    workbook.mentorships.append(second)
    _checkin(workbook, first, TODAY - timedelta(days=20), rating=-2)
    _checkin(workbook, first, TODAY - timedelta(days=6), rating=1)
    _checkin(workbook, first, TODAY - timedelta(days=5), held=False)  # cancelled: no rating
    _checkin(workbook, second, TODAY - timedelta(days=1), rating=1)
    _checkin(workbook, second, TODAY + timedelta(days=3), rating=-2)  # after today: ignored
    assert latest_ratings(workbook, TODAY) == {"g1": 1, "g2": 1}
    assert participant_gas(workbook, TODAY) == pytest.approx(gas_tscore([1, 1]))
    assert participant_gas(_workbook(), TODAY) is None
    points = gas_over_time(workbook, TODAY)
    assert [p.tscore for p in points] == pytest.approx([30.0, 60.0, gas_tscore([1, 1])])
    assert [p.goals_rated for p in points] == [1, 1, 2]


def test_gas_over_time_keeps_one_point_per_day() -> None:
    workbook = _workbook()
    mentorship = _mentorship(workbook, TODAY - timedelta(days=10))
    _checkin(workbook, mentorship, TODAY - timedelta(days=2), rating=-1)
    _checkin(workbook, mentorship, TODAY - timedelta(days=2), rating=2)
    points = gas_over_time(workbook, TODAY)
    assert len(points) == 1
    assert points[0].tscore == pytest.approx(70.0)


# --- plan vs actual --------------------------------------------------------------------


def test_four_conversations_over_eight_weeks_are_planned_fortnightly() -> None:
    mentorship = Mentorship(id="m1", goal_id="g1", contact_id="c1", start=TODAY)
    assert [(d - TODAY).days for d in planned_dates(mentorship)] == [0, 14, 28, 42]
    three = Mentorship(id="m2", goal_id="g1", contact_id="c1", start=TODAY, sessions=3, weeks=6)
    assert [(d - TODAY).days for d in planned_dates(three)] == [0, 14, 28]
    assert planned_dates(Mentorship(id="m3", goal_id="g1", contact_id="c1")) == []


def test_plan_vs_actual_counts_due_held_and_cancelled() -> None:
    workbook = _workbook()
    mentorship = _mentorship(workbook, TODAY - timedelta(days=28))  # due: days 0, 14, 28
    _checkin(workbook, mentorship, TODAY - timedelta(days=27))
    _checkin(workbook, mentorship, TODAY - timedelta(days=12), held=False)
    _checkin(workbook, mentorship, TODAY - timedelta(days=10))
    status = plan_vs_actual(mentorship, workbook.checkins, TODAY)
    assert (status.planned_to_date, status.held, status.cancelled, status.behind_by) == (3, 2, 1, 1)
    assert status.state == "on_track" and status.on_track  # one moved conversation is slack
    assert status.last_held == TODAY - timedelta(days=10)
    assert status.next_planned == TODAY  # the third conversation, due today
    assert status.remaining == 2
    assert status.end == TODAY + timedelta(days=28)


def test_plan_vs_actual_is_behind_at_the_threshold_and_not_before() -> None:
    workbook = _workbook()
    mentorship = _mentorship(workbook, TODAY - timedelta(days=28))
    _checkin(workbook, mentorship, TODAY - timedelta(days=27))
    assert plan_vs_actual(mentorship, workbook.checkins, TODAY).state == "behind"  # 2 behind
    # below the behind threshold the second conversation is still 14 days overdue: quiet
    assert plan_vs_actual(mentorship, workbook.checkins, TODAY, behind_sessions=3).state == "quiet"
    # the day before the third conversation is due, only one is missing
    day_before = TODAY - timedelta(days=1)
    assert plan_vs_actual(mentorship, workbook.checkins, day_before).state == "quiet"
    relaxed = plan_vs_actual(mentorship, workbook.checkins, day_before, quiet_grace_days=13)
    assert relaxed.state == "on_track"


def test_plan_vs_actual_before_the_start_and_after_closing() -> None:
    workbook = _workbook()
    upcoming = _mentorship(workbook, TODAY + timedelta(days=3), "accepted")
    assert plan_vs_actual(upcoming, [], TODAY).state == "not_started"
    closed_day = TODAY - timedelta(days=20)
    ended = _mentorship(
        workbook,
        TODAY - timedelta(days=38),
        "ended_early",
        history=[("active", TODAY - timedelta(days=38)), ("ended_early", closed_day)],
    )
    _checkin(workbook, ended, TODAY - timedelta(days=37))
    status = plan_vs_actual(ended, workbook.checkins, TODAY)
    assert status.state == "closed"
    assert status.as_of == closed_day
    assert status.planned_to_date == 2  # days 0 and 14 fall before it ended on day 18
    assert status.next_planned is None


def test_weekly_plan_vs_held_is_cumulative_and_stops_today() -> None:
    workbook = _workbook()
    mentorship = _mentorship(workbook, TODAY - timedelta(days=16))
    _checkin(workbook, mentorship, TODAY - timedelta(days=15))
    _checkin(workbook, mentorship, TODAY - timedelta(days=1))
    rows = weekly_plan_vs_held(mentorship, workbook.checkins, TODAY)
    assert [(r.week, r.planned, r.held) for r in rows] == [(1, 1, 1), (2, 1, 1), (3, 2, 2)]
    assert weekly_plan_vs_held(_mentorship(workbook, TODAY + timedelta(days=1)), [], TODAY) == []


# --- stall warnings --------------------------------------------------------------------


@pytest.mark.parametrize(("held", "warned"), [(3, False), (2, False), (1, True)])
def test_behind_warns_at_two_missing_conversations(held: int, warned: bool) -> None:
    workbook = _workbook()
    mentorship = _mentorship(workbook, TODAY - timedelta(days=28))  # three due
    for index in range(held):
        _checkin(workbook, mentorship, TODAY - timedelta(days=index))
    behind = _codes(stall_warnings(workbook, TODAY), "behind")
    assert bool(behind) is warned
    if warned:
        assert f"{held} of 3 planned conversations" in behind[0].reason


def test_behind_threshold_is_a_parameter() -> None:
    workbook = _workbook()
    mentorship = _mentorship(workbook, TODAY - timedelta(days=28))
    _checkin(workbook, mentorship, TODAY - timedelta(days=28))
    assert _codes(stall_warnings(workbook, TODAY), "behind")
    assert not _codes(stall_warnings(workbook, TODAY, behind_sessions=4), "behind")


@pytest.mark.parametrize(("days", "warned"), [(8, False), (9, False), (10, True), (11, True)])
def test_unanswered_ask_warns_from_ten_days(days: int, warned: bool) -> None:
    workbook = _workbook()
    asked_on = TODAY - timedelta(days=days)
    _mentorship(workbook, TODAY + timedelta(days=5), "asked", history=[("asked", asked_on)])
    unanswered = _codes(stall_warnings(workbook, TODAY), "unanswered")
    assert bool(unanswered) is warned
    if warned:
        assert unanswered[0].days == days
        assert asked_on.isoformat() in unanswered[0].reason
    assert not _codes(stall_warnings(workbook, TODAY, unanswered_days=12), "unanswered")


def test_an_answered_ask_does_not_warn() -> None:
    workbook = _workbook()
    old = TODAY - timedelta(days=30)
    _mentorship(
        workbook, TODAY + timedelta(days=5), "declined", history=[("asked", old), ("declined", old)]
    )
    assert not _codes(stall_warnings(workbook, TODAY), "unanswered")


@pytest.mark.parametrize(("days", "warned"), [(40, False), (41, False), (42, True), (50, True)])
def test_idle_goal_warns_from_six_weeks_without_activity(days: int, warned: bool) -> None:
    workbook = _workbook(TODAY - timedelta(days=days))
    idle = _codes(stall_warnings(workbook, TODAY), "idle_goal")
    assert bool(idle) is warned
    if warned:
        assert idle[0].goal_id == "g1" and "Run the budget review" in idle[0].reason
    assert _codes(stall_warnings(workbook, TODAY, idle_goal_days=days), "idle_goal")
    assert not _codes(stall_warnings(workbook, TODAY, idle_goal_days=days + 1), "idle_goal")


def test_activity_on_a_goal_resets_the_idle_clock() -> None:
    workbook = _workbook(TODAY - timedelta(days=60))
    mentorship = _mentorship(workbook, TODAY - timedelta(days=59), sessions=1, weeks=12)
    _checkin(workbook, mentorship, TODAY - timedelta(days=5))
    assert not _codes(stall_warnings(workbook, TODAY), "idle_goal")
    workbook.goals[0].status = "achieved"  # finished goals are never idle
    workbook.checkins.clear()
    assert not _codes(stall_warnings(workbook, TODAY), "idle_goal")


def test_a_goal_with_a_mentorship_under_way_is_not_idle() -> None:
    workbook = _workbook(TODAY - timedelta(days=90))
    # started long ago and never begun: the not-started rule speaks for it, not the idle one
    _mentorship(
        workbook,
        TODAY - timedelta(days=80),
        sessions=1,
        weeks=20,
        history=[("active", TODAY - timedelta(days=80))],
    )
    codes = [w.code for w in stall_warnings(workbook, TODAY)]
    assert codes == ["not_started"]
    workbook.mentorships[0].status = "ended_early"
    assert [w.code for w in stall_warnings(workbook, TODAY)] == ["idle_goal"]


@pytest.mark.parametrize(
    "keyword",
    [
        "quiet_grace_days",
        "behind_sessions",
        "not_started_days",
        "unanswered_days",
        "idle_goal_days",
    ],
)
def test_thresholds_must_be_positive(keyword: str) -> None:
    with pytest.raises(InputError, match=keyword):
        stall_warnings(_workbook(), TODAY, **{keyword: 0})


# --- the sample cohort -----------------------------------------------------------------


def _sample(cohort_dir: Path, pid: str) -> Workbook:
    return store.load_workbook(cohort_dir / "workbooks" / f"{pid}.json")


def test_on_track_participant_is_on_track(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p01")
    (status,) = [plan_vs_actual(m, workbook.checkins, today) for m in workbook.mentorships]
    assert status.state == "on_track" and status.behind_by == 0
    assert stall_warnings(workbook, today) == []
    assert progress_summary(workbook, today)["on_track"] is True


def test_stalled_participant_is_warned_with_the_reason(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p02")
    warnings = stall_warnings(workbook, today)
    codes = [w.code for w in warnings]
    assert codes[:2] == ["quiet", "behind"]
    assert "No conversation with" in warnings[0].reason and "40 days" in warnings[0].reason
    summary = progress_summary(workbook, today)
    assert summary["stalled"] is True and summary["on_track"] is False


def test_completed_participant_has_a_closed_and_a_running_mentorship(
    cohort_dir: Path, today: date
) -> None:
    workbook = _sample(cohort_dir, "p03")
    states = {
        m.status: plan_vs_actual(m, workbook.checkins, today).state for m in workbook.mentorships
    }
    assert states == {"completed": "closed", "active": "on_track"}
    summary = progress_summary(workbook, today)
    assert (summary["mentorships_closed"], summary["mentorships_active"]) == (1, 1)
    assert summary["goals_achieved"] == 1


def test_waiting_participant_gets_an_unanswered_ask_warning(cohort_dir: Path, today: date) -> None:
    warnings = stall_warnings(_sample(cohort_dir, "p05"), today)
    assert [w.code for w in warnings] == ["unanswered"]
    assert "12 days ago" in warnings[0].reason


def _plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


@pytest.mark.parametrize("pid", [f"p0{i}" for i in range(1, 9)])
def test_summary_is_plain_json(cohort_dir: Path, today: date, pid: str) -> None:
    summary = progress_summary(_sample(cohort_dir, pid), today)
    assert _plain(summary)
    assert json.loads(json.dumps(summary)) == summary
    assert summary["participant_id"] == pid
    assert len(summary["gas_over_time"]) == len(gas_over_time(_sample(cohort_dir, pid), today))


def test_summary_of_an_empty_workbook() -> None:
    summary = progress_summary(Workbook(), TODAY)
    assert summary["gas_tscore"] is None
    assert summary["mentorships"] == [] and summary["warnings"] == []
    assert summary["on_track"] is False and summary["stalled"] is False


# --- check-ins -------------------------------------------------------------------------


def test_record_checkin_adds_and_replaces() -> None:
    workbook = _workbook()
    _mentorship(workbook, TODAY - timedelta(days=10))
    added = record_checkin(
        workbook, mentorship_id="m1", day=TODAY, today=TODAY, notes="  spaced  ", rating=2
    )
    assert workbook.checkins == [added] and added.notes == "spaced" and added.rating == 2
    edited = record_checkin(
        workbook, mentorship_id="m1", day=TODAY, today=TODAY, held=False, checkin_id=added.id
    )
    assert workbook.checkins == [edited] and edited.id == added.id
    assert edited.minutes == 0 and not edited.held
    assert delete_checkin(workbook, added.id) == edited and workbook.checkins == []
    with pytest.raises(InputError, match="not in this workbook"):
        delete_checkin(workbook, added.id)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"mentorship_id": "nope"}, "Choose the mentorship"),
        ({"day": None}, "say when"),
        ({"day": TODAY + timedelta(days=1)}, "after today"),
        ({"minutes": 481}, "minutes"),
        ({"rating": 3}, "rating: 3"),
        ({"held": False, "rating": 0}, "cancelled conversation has no rating"),
        ({"checkin_id": "k-gone"}, "k-gone"),
    ],
)
def test_record_checkin_refuses_mistakes(changes: dict[str, Any], words: str) -> None:
    workbook = _workbook()
    _mentorship(workbook, TODAY - timedelta(days=10))
    arguments: dict[str, Any] = {"mentorship_id": "m1", "day": TODAY, "today": TODAY}
    arguments.update(changes)
    with pytest.raises(InputError, match=words):
        record_checkin(workbook, **arguments)
    assert workbook.checkins == []


def test_a_cancelled_conversation_may_be_in_the_future_but_not_an_unanswered_ask() -> None:
    workbook = _workbook()
    _mentorship(workbook, TODAY - timedelta(days=10))
    record_checkin(
        workbook, mentorship_id="m1", day=TODAY + timedelta(days=2), today=TODAY, held=False
    )
    _mentorship(workbook, TODAY, "asked")
    with pytest.raises(InputError, match="once the person has said yes"):
        record_checkin(workbook, mentorship_id="m2", day=TODAY, today=TODAY)


@settings(max_examples=60, deadline=None)
@given(workbook=workbooks(), day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_any_valid_workbook_gets_a_plain_summary(workbook: Workbook, day: date) -> None:
    summary = progress_summary(workbook, day)
    assert _plain(summary)
    for warning in summary["warnings"]:
        assert warning["code"] in WARNING_ORDER
        assert warning["reason"]
    for plan in summary["mentorships"]:
        assert 0 <= plan["behind_by"] <= plan["planned_to_date"] <= plan["planned_total"]


# --- timelines: every rule on a four-conversation, eight-week plan from a January Monday --

START = date(2026, 1, 5)  # a Monday; planned on days 0, 14, 28 and 42; the end is day 56


@dataclass(frozen=True)
class Timeline:
    """One mentorship's story, in days from ``START``, and what the rules must make of it."""

    name: str
    today: int
    held: tuple[tuple[int, int | None], ...] = ()  # (day, rating)
    cancelled: tuple[int, ...] = ()
    status: str = "active"
    sessions: int = 4
    weeks: int = 8
    state: str = "on_track"
    codes: frozenset[str] = frozenset()
    wrap_up: bool = False


def _codes_of(*codes: str) -> frozenset[str]:
    return frozenset(codes)


TIMELINES = [
    Timeline("before the start, accepted", -10, status="accepted", state="not_started"),
    Timeline("first day, nothing held yet", 0, state="not_started"),
    Timeline("six days in, nothing held", 6, state="not_started"),
    Timeline("a week in, nothing held", 7, state="not_started", codes=_codes_of("not_started")),
    Timeline(
        "accepted, never started, three weeks on",
        21,
        status="accepted",
        state="not_started",
        codes=_codes_of("not_started"),
    ),
    Timeline(
        "accepted, never started, after the end",
        60,
        status="accepted",
        state="ended",
        wrap_up=True,
    ),
    Timeline(
        "accepted, never started, far after", 400, status="accepted", state="ended", wrap_up=True
    ),
    Timeline("on track", 20, held=((0, 0), (14, 1))),
    Timeline("on track, a conversation moved by three days", 31, held=((0, 0), (17, 0))),
    Timeline("slipping: the second one five days late is grace", 19, held=((0, 0),)),
    Timeline(
        "slipping: six days late is quiet",
        20,
        held=((0, 0),),
        state="quiet",
        codes=_codes_of("quiet"),
    ),
    Timeline(
        "cancelled conversations are not held",
        21,
        held=((0, 0),),
        cancelled=(14,),
        state="quiet",
        codes=_codes_of("quiet"),
    ),
    Timeline(
        "stalled after the first weeks",
        42,
        held=((0, 0), (14, 0)),
        state="behind",
        codes=_codes_of("quiet", "behind"),
    ),
    Timeline(
        "stalled, the day before its end",
        55,
        held=((0, 0),),
        state="behind",
        codes=_codes_of("quiet", "behind"),
    ),
    Timeline("after the end date: no date advice", 56, held=((0, 0),), state="ended", wrap_up=True),
    Timeline("far after the end", 300, held=((0, 0), (14, 0)), state="ended", wrap_up=True),
    Timeline(
        "all held early",
        16,
        held=((0, 0), (3, 0), (7, 1), (10, 1)),
        state="all_held",
        wrap_up=True,
    ),
    Timeline(
        "all held early, a month on",
        40,
        held=((0, 0), (3, 0), (7, 1), (10, 1)),
        state="all_held",
        wrap_up=True,
    ),
    Timeline(
        "three held ahead of plan is not quiet",
        35,
        held=((0, 0), (3, 0), (7, 0)),
    ),
    Timeline(
        "a kick-off before the planned start counts as held",
        -2,
        held=((-5, None),),
        status="active",
    ),
    Timeline("slow plan: two over eight weeks, day 20", 20, held=((0, 0),), sessions=2),
    Timeline("slow plan: the second due on day 28, day 33", 33, held=((0, 0),), sessions=2),
    Timeline(
        "slow plan: day 34 is quiet",
        34,
        held=((0, 0),),
        sessions=2,
        state="quiet",
        codes=_codes_of("quiet"),
    ),
    Timeline(
        "slow plan held, waiting for its end",
        40,
        held=((0, 0), (28, 1)),
        sessions=2,
        state="all_held",
        wrap_up=True,
    ),
    Timeline(
        "fast plan: eight over four weeks, two due ones missing",
        11,
        held=((0, 0), (3, 0)),
        sessions=8,
        weeks=4,
        state="behind",
        codes=_codes_of("behind"),
    ),
    Timeline(
        "talking, not moving",
        30,
        held=((0, -1), (14, -2), (28, -2)),
        codes=_codes_of("not_moving"),
    ),
    Timeline(
        "talking, not moving, after the end",
        60,
        held=((0, -1), (14, -2)),
        state="ended",
        codes=_codes_of("not_moving"),
        wrap_up=True,
    ),
    Timeline("one bad rating is not a trend", 30, held=((0, 0), (14, 0), (28, -2))),
    Timeline("recovering after two bad ones", 30, held=((0, -1), (14, -1), (28, 0))),
    Timeline(
        "not moving and quiet",
        36,
        held=((0, -1), (14, -1)),
        state="quiet",
        codes=_codes_of("quiet", "not_moving"),
    ),
    Timeline(
        "unrated conversations do not hide the last two ratings",
        30,
        held=((0, -1), (14, -2), (28, None)),
        codes=_codes_of("not_moving"),
    ),
    Timeline(
        "completed early, its wrap-up answers still to write",
        30,
        held=((0, 0), (7, 0), (14, 1), (21, 1)),
        status="completed",
        state="closed",
        wrap_up=True,
    ),
    Timeline(
        "ended early, far after",
        300,
        held=((0, 0),),
        status="ended_early",
        state="closed",
        wrap_up=True,
    ),
]


def _named(name: str) -> Timeline:
    (found,) = [t for t in TIMELINES if t.name == name]
    return found


def _timeline_workbook(timeline: Timeline) -> tuple[Workbook, Mentorship]:
    workbook = _workbook(START - timedelta(days=30))
    asked = START - timedelta(days=20)
    history = [("asked", asked), ("accepted", asked)]
    if timeline.status != "accepted":
        history.append(("active", asked))
    if timeline.status in ("completed", "ended_early"):
        history.append((timeline.status, START + timedelta(days=timeline.today - 1)))
    mentorship = _mentorship(
        workbook,
        START,
        timeline.status,
        sessions=timeline.sessions,
        weeks=timeline.weeks,
        history=history,
    )
    for day, rating in timeline.held:
        _checkin(workbook, mentorship, START + timedelta(days=day), rating=rating)
    for day in timeline.cancelled:
        _checkin(workbook, mentorship, START + timedelta(days=day), held=False)
    return workbook, mentorship


@pytest.mark.parametrize("timeline", TIMELINES, ids=[t.name for t in TIMELINES])
def test_timeline(timeline: Timeline) -> None:
    from mentorkit.wrapup import mentorships_to_wrap_up

    workbook, mentorship = _timeline_workbook(timeline)
    today = START + timedelta(days=timeline.today)
    plan = plan_vs_actual(mentorship, workbook.checkins, today)
    warnings = stall_warnings(workbook, today)
    assert plan.state == timeline.state
    assert {w.code for w in warnings} == timeline.codes
    assert (mentorship in mentorships_to_wrap_up(workbook, today)) is timeline.wrap_up
    assert plan.wrap_up_due is (timeline.state in ("all_held", "ended"))
    if plan.wrap_up_due or plan.state == "closed":
        assert plan.next_planned is None
    for warning in warnings:
        assert "Ada Mentor" in warning.reason or "Run the budget review" in warning.reason


@settings(max_examples=300, deadline=None)
@given(
    status=st.sampled_from(["accepted", "active"]),
    sessions=st.integers(1, 10),
    weeks=st.integers(1, 16),
    held=st.lists(
        st.tuples(st.integers(-20, 150), st.sampled_from([None, -2, -1, 0, 1, 2])), max_size=12
    ),
    cancelled=st.lists(st.integers(-5, 150), max_size=4),
    today=st.integers(-30, 400),
)
def test_state_and_warnings_never_contradict(
    status: str,
    sessions: int,
    weeks: int,
    held: list[tuple[int, int | None]],
    cancelled: list[int],
    today: int,
) -> None:
    from mentorkit.wrapup import mentorships_to_wrap_up

    timeline = Timeline(
        "random", today, tuple(held), tuple(cancelled), status, sessions=sessions, weeks=weeks
    )
    workbook, mentorship = _timeline_workbook(timeline)
    day = START + timedelta(days=today)
    plan = plan_vs_actual(mentorship, workbook.checkins, day)
    codes = {w.code for w in stall_warnings(workbook, day)}
    date_advice = {"quiet", "behind", "not_started"}
    end = START + timedelta(weeks=weeks)
    if day >= end or plan.held >= sessions:
        # the promise of a clear end: no more dates asked for, the wrap-up offered instead
        assert not codes & date_advice
        assert plan.wrap_up_due and mentorship in mentorships_to_wrap_up(workbook, day)
    else:
        assert not plan.wrap_up_due and mentorship not in mentorships_to_wrap_up(workbook, day)
    if plan.state in ("on_track", "all_held", "ended"):
        assert not codes & date_advice
    if plan.state == "quiet":
        assert "quiet" in codes
    if plan.state == "behind":
        assert "behind" in codes
    if "not_started" in codes:
        assert plan.held == 0 and plan.state == "not_started"
    if plan.held:
        assert plan.state != "not_started"
    assert plan.remaining == max(0, sessions - plan.held)


def test_quiet_reason_names_the_planned_date_and_the_days() -> None:
    workbook, _ = _timeline_workbook(_named("slipping: six days late is quiet"))
    (quiet,) = stall_warnings(workbook, START + timedelta(days=20))
    assert quiet.days == 20
    assert "2026-01-19" in quiet.reason and "20 days" in quiet.reason


def test_quiet_grace_is_a_parameter() -> None:
    workbook, _ = _timeline_workbook(_named("slipping: six days late is quiet"))
    assert not stall_warnings(workbook, START + timedelta(days=20), quiet_grace_days=6)
    assert stall_warnings(workbook, START + timedelta(days=20), quiet_grace_days=5)


def test_not_started_threshold_is_a_parameter() -> None:
    workbook, _ = _timeline_workbook(_named("a week in, nothing held"))
    assert not stall_warnings(workbook, START + timedelta(days=7), not_started_days=8)


def test_not_moving_advice_is_about_the_approach_not_the_calendar() -> None:
    workbook, _ = _timeline_workbook(_named("talking, not moving"))
    (warning,) = stall_warnings(workbook, START + timedelta(days=30))
    assert warning.code == "not_moving" and warning.mentorship_id == "m1"
    assert "(-2, -2)" in warning.reason and "approach" in warning.reason
    assert "date" not in warning.reason.lower()


def test_not_moving_is_silent_for_dropped_goals_and_closed_mentorships() -> None:
    workbook, mentorship = _timeline_workbook(_named("talking, not moving"))
    today = START + timedelta(days=30)
    workbook.goals[0].status = "dropped"
    assert not stall_warnings(workbook, today)
    workbook.goals[0].status = "active"
    mentorship.status = "completed"
    assert "not_moving" not in {w.code for w in stall_warnings(workbook, today)}


def test_overview_numbers_of_a_kick_off_before_the_start() -> None:
    workbook, mentorship = _timeline_workbook(
        _named("a kick-off before the planned start counts as held")
    )
    plan = plan_vs_actual(mentorship, workbook.checkins, START - timedelta(days=2))
    assert (plan.held, plan.planned_to_date, plan.remaining) == (1, 0, 3)
    assert plan.next_planned == START + timedelta(days=14)


# --- conversations dated before their ask ------------------------------------------------


def test_a_conversation_before_the_ask_asks_whether_the_date_is_right() -> None:
    from mentorkit.progress import ConversationBeforeAskError, conversations_before_ask

    workbook, mentorship = _timeline_workbook(_named("on track"))
    early = START - timedelta(days=25)  # the ask was written down on day -20
    with pytest.raises(ConversationBeforeAskError, match="Is the date right"):
        record_checkin(workbook, mentorship_id=mentorship.id, day=early, today=START)
    saved = record_checkin(
        workbook,
        mentorship_id=mentorship.id,
        day=early,
        today=START,
        date_before_ask_confirmed=True,
    )
    assert [c.id for c, _ in conversations_before_ask(workbook)] == [saved.id]
    # editing its notes later does not ask again about a date already confirmed
    record_checkin(
        workbook,
        mentorship_id=mentorship.id,
        day=early,
        today=START,
        notes="x",
        checkin_id=saved.id,
    )


# --- GAS with dropped and achieved goals ---------------------------------------------------


def _two_goal_workbook(second_status: str, second_rating: int) -> Workbook:
    workbook = _workbook()
    workbook.goals.append(Goal(id="g2", statement="Second goal", status=second_status))  # type: ignore[arg-type]
    first = _mentorship(workbook, TODAY - timedelta(days=30))
    second = _mentorship(workbook, TODAY - timedelta(days=30), "completed")
    second.goal_id = "g2"
    _checkin(workbook, first, TODAY - timedelta(days=3), rating=1)
    _checkin(workbook, second, TODAY - timedelta(days=10), rating=second_rating)
    return workbook


def test_a_dropped_goal_is_out_of_the_gas() -> None:
    workbook = _two_goal_workbook("dropped", -2)
    assert participant_gas(workbook, TODAY) == pytest.approx(60.0)
    assert latest_ratings(workbook, TODAY) == {"g1": 1}
    assert [p.goals_rated for p in gas_over_time(workbook, TODAY)] == [1]
    assert progress_summary(workbook, TODAY)["goals_rated"] == 1


def test_an_achieved_goal_keeps_its_last_rating() -> None:
    workbook = _two_goal_workbook("achieved", -2)
    assert participant_gas(workbook, TODAY) == pytest.approx(gas_tscore([1, -2]))
    assert gas_over_time(workbook, TODAY)[-1].tscore == pytest.approx(gas_tscore([1, -2]))


def test_only_dropped_goals_rated_means_no_gas_yet() -> None:
    workbook = _two_goal_workbook("dropped", 2)
    workbook.checkins = [c for c in workbook.checkins if c.mentorship_id == "m2"]
    assert participant_gas(workbook, TODAY) is None
    assert gas_over_time(workbook, TODAY) == []


# --- attainment scales ------------------------------------------------------------------------


LEVELS = [
    "Nothing yet",
    "One review drafted",
    "The review run",
    "Run, and adopted",
    "Adopted by two teams",
]


def test_a_scale_can_be_rewritten_until_the_goal_is_rated() -> None:
    from mentorkit.progress import attainment_levels, set_attainment_scale

    workbook = _workbook()
    goal = set_attainment_scale(workbook, "g1", LEVELS, at=_at(TODAY))
    assert attainment_levels(goal) == dict(zip([-2, -1, 0, 1, 2], LEVELS, strict=True))
    set_attainment_scale(workbook, "g1", ["  Nothing   yet ", *LEVELS[1:]], at=_at(TODAY))
    assert goal.attainment_scale[0] == "Nothing yet" and goal.scale_history == []


def test_a_rated_goal_keeps_its_scale_unless_a_note_says_why() -> None:
    from mentorkit.progress import goal_is_rated, set_attainment_scale

    workbook = _workbook()
    set_attainment_scale(workbook, "g1", LEVELS, at=_at(TODAY))
    mentorship = _mentorship(workbook, TODAY - timedelta(days=14))
    _checkin(workbook, mentorship, TODAY - timedelta(days=14), rating=None)
    assert not goal_is_rated(workbook, "g1")  # a conversation without a rating fixes nothing
    _checkin(workbook, mentorship, TODAY - timedelta(days=1), rating=1)
    assert goal_is_rated(workbook, "g1")
    changed = ["Less", *LEVELS[1:]]
    with pytest.raises(InputError, match="why the levels change"):
        set_attainment_scale(workbook, "g1", changed, at=_at(TODAY))
    assert workbook.goals[0].attainment_scale == LEVELS
    goal = set_attainment_scale(workbook, "g1", changed, at=_at(TODAY), note="Aimed too high")
    assert goal.attainment_scale == changed
    assert [(r.levels, r.note) for r in goal.scale_history] == [(LEVELS, "Aimed too high")]
    set_attainment_scale(workbook, "g1", changed, at=_at(TODAY))  # unchanged: no note needed


@pytest.mark.parametrize(
    ("levels", "words"),
    [
        (LEVELS[:4], "4 level"),
        ([*LEVELS[:4], "   "], "level \\+2"),
        ([*LEVELS[:4], "x" * 301], "301 characters"),
    ],
)
def test_a_scale_needs_five_short_levels(levels: list[str], words: str) -> None:
    from mentorkit.progress import set_attainment_scale

    with pytest.raises(InputError, match=words):
        set_attainment_scale(_workbook(), "g1", levels, at=_at(TODAY))
    with pytest.raises(InputError, match="not in this workbook"):
        set_attainment_scale(_workbook(), "nope", LEVELS, at=_at(TODAY))


def test_the_scale_and_its_history_round_trip_through_the_store(tmp_path: Path) -> None:
    from mentorkit.model import ScaleRevision

    workbook = _workbook()
    workbook.goals[0].attainment_scale = list(LEVELS)
    workbook.goals[0].scale_history = [ScaleRevision(["a", "b", "c", "d", "e"], _at(TODAY), "why")]
    path = tmp_path / "w.json"
    store.save_workbook(workbook, path)
    assert store.load_workbook(path) == workbook
    data = json.loads(path.read_text("utf-8"))
    data["goals"][0]["attainment_scale"] = ["only", "three", "levels"]
    data["goals"][0]["scale_history"][0]["levels"] = ["a", "", "c", "d", "e"]
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(store.WorkbookError) as caught:
        store.load_workbook(path)
    problems = caught.value.problems
    assert any(p.startswith("goals[0].attainment_scale:") for p in problems)
    assert any(p.startswith("goals[0].scale_history[0].levels[1]:") for p in problems)


def test_a_workbook_without_scales_still_loads(tmp_path: Path) -> None:
    workbook = _workbook()
    path = tmp_path / "w.json"
    store.save_workbook(workbook, path)
    data = json.loads(path.read_text("utf-8"))
    del data["goals"][0]["attainment_scale"], data["goals"][0]["scale_history"]
    path.write_text(json.dumps(data), "utf-8")
    assert store.load_workbook(path).goals[0].attainment_scale == []


GOAL_TYPES_AND_MEASURES = [
    (goal_type, measure)
    for goal_type in ("short_term_career", "long_term_career", "psychosocial", None)
    for measure in (
        "Give 4 talks to my team",
        "Cut the weekly report to under 10 minutes",
        "Speak up in 3 out of 4 weekly meetings",
        "Finish 2 online courses by 2026-03-31",
        "Present my plan to the board by 15 March",
        "I feel calmer before presentations",
        "Reduce open bugs from 30 to 10",
        "",
    )
]


@pytest.mark.parametrize(("goal_type", "measure"), GOAL_TYPES_AND_MEASURES)
def test_default_scale_for_every_goal_type(goal_type: str | None, measure: str) -> None:
    from mentorkit.model import MAX_LEVEL_TEXT
    from mentorkit.progress import default_attainment_scale, set_attainment_scale

    goal = Goal(
        id="g1", statement="Get better at public speaking", type=goal_type, success_measure=measure
    )  # type: ignore[arg-type]
    levels = default_attainment_scale(goal)
    assert len(levels) == 5 and len(set(levels)) == 5
    assert levels[2] == f"As expected: {measure or goal.statement}"
    assert levels[0].startswith("Much less") and levels[1].startswith("Somewhat less")
    assert levels[3].startswith("Somewhat more") and levels[4].startswith("Much more")
    assert all(len(text) <= MAX_LEVEL_TEXT for text in levels)
    workbook = Workbook(goals=[goal])
    set_attainment_scale(workbook, "g1", levels, at=_at(TODAY))  # the draft is a valid scale


@pytest.mark.parametrize(
    ("measure", "numbers"),
    [
        ("Give 4 talks to my team", ["at most 2 talks", "3 talks", "5 talks", "at least 6 talks"]),
        (
            "Cut the weekly report to under 10 minutes",
            ["under 15", "under 12", "under 8", "under 5"],
        ),
        ("Reduce open bugs from 30 to 10", ["30 to 15", "30 to 12", "30 to 8", "30 to 5"]),
        (
            "Speak up in 2 out of 6 weekly meetings",
            ["not started", "only 1 of the 2", "3 out of 6", "at least 4 out of 6"],
        ),
    ],
)
def test_default_scale_moves_the_measure_s_number_the_right_way(
    measure: str, numbers: list[str]
) -> None:
    from mentorkit.progress import default_attainment_scale

    levels = default_attainment_scale(Goal(id="g1", statement="s", success_measure=measure))
    for text, number in zip([levels[0], levels[1], levels[3], levels[4]], numbers, strict=True):
        assert number in text


def test_default_scale_leaves_dates_alone() -> None:
    from mentorkit.progress import default_attainment_scale

    levels = default_attainment_scale(
        Goal(
            id="g1",
            statement="s",
            type="long_term_career",
            success_measure="Present my plan by 15 March 2026",
        )
    )
    assert all("15 March 2026" in text for text in levels)


@settings(max_examples=200, deadline=None)
@given(
    measure=st.text(max_size=400),
    statement=st.text(max_size=50),
    goal_type=st.sampled_from([None, "short_term_career", "long_term_career", "psychosocial"]),
)
def test_default_scale_of_any_text_is_a_valid_scale(
    measure: str, statement: str, goal_type: str | None
) -> None:
    from mentorkit.progress import default_attainment_scale, set_attainment_scale

    goal = Goal(id="g1", statement=statement, type=goal_type, success_measure=measure)  # type: ignore[arg-type]
    levels = default_attainment_scale(goal)
    assert len(levels) == 5 and len(set(levels)) == 5
    set_attainment_scale(Workbook(goals=[goal]), "g1", levels, at=_at(TODAY))
    assert goal.attainment_scale == [" ".join(text.split()) for text in levels]


def test_the_scale_wording_lexicon_is_complete() -> None:
    from mentorkit.lexicon import load_toml
    from mentorkit.model import GOAL_TYPES

    words = load_toml("attainment_scale")
    assert len(words["prefixes"]) == 5
    for goal_type in GOAL_TYPES:
        levels = words["plain"][goal_type]["levels"]
        assert len(levels) == 5 and levels[2] == "{measure}"
        for text in levels:
            text.format(measure="m", quoted="q")  # only the two known placeholders
    assert "{quoted}" in words["numbers"]["none_yet"]


@pytest.mark.parametrize(
    "measure",
    [
        "Hold 4 decision meetings",
        "Give 3 talks on market trends",
        "Write 2 junior onboarding guides",
    ],
)
def test_words_that_contain_a_month_s_letters_are_not_dates(measure: str) -> None:
    from mentorkit.progress import default_attainment_scale

    levels = default_attainment_scale(Goal(id="g1", statement="s", success_measure=measure))
    assert "at least" in levels[4]  # the count was found and raised


def test_not_moving_after_the_end_points_to_the_wrap_up() -> None:
    workbook, _ = _timeline_workbook(_named("talking, not moving, after the end"))
    (warning,) = stall_warnings(workbook, START + timedelta(days=60))
    assert "When you wrap it up" in warning.reason and "Talk with" not in warning.reason


def test_a_yes_without_a_start_date_is_warned_a_week_on() -> None:
    workbook = _workbook(START - timedelta(days=30))
    mentorship = _mentorship(
        workbook, START, "accepted", history=[("asked", START), ("accepted", START)]
    )
    mentorship.start = None
    assert not stall_warnings(workbook, START + timedelta(days=6))
    (warning,) = stall_warnings(workbook, START + timedelta(days=7))
    assert warning.code == "not_started" and warning.days == 7
    assert "no start date" in warning.reason
    _checkin(workbook, mentorship, START + timedelta(days=8))
    assert not stall_warnings(workbook, START + timedelta(days=9))


def test_a_conversation_held_on_an_accepted_mentorship_marks_it_active() -> None:
    from mentorkit.lifecycle import ALLOWED_TRANSITIONS

    workbook = _workbook(START - timedelta(days=30))
    _mentorship(workbook, START, "accepted", history=[("asked", START), ("accepted", START)])
    record_checkin(
        workbook, mentorship_id="m1", day=START, today=START + timedelta(days=1), held=False
    )
    assert workbook.mentorships[0].status == "accepted"  # a cancelled one starts nothing
    record_checkin(workbook, mentorship_id="m1", day=START, today=START + timedelta(days=1))
    mentorship = workbook.mentorships[0]
    assert mentorship.status == "active"
    statuses = [change.status for change in mentorship.history]
    assert statuses == ["asked", "accepted", "active"]
    assert all(b in ALLOWED_TRANSITIONS[a] for a, b in pairwise(statuses))
    assert mentorship.history[-1].at >= mentorship.history[-2].at


@pytest.mark.parametrize(
    ("name", "active", "on_track", "to_wrap_up"),
    [
        ("on track", 1, True, 0),
        ("slipping: six days late is quiet", 1, False, 0),
        ("accepted, never started, three weeks on", 0, False, 0),
        ("a kick-off before the planned start counts as held", 1, True, 0),
        ("all held early", 1, True, 1),
        ("after the end date: no date advice", 1, False, 1),
    ],
)
def test_summary_counts_follow_the_plan(
    name: str, active: int, on_track: bool, to_wrap_up: int
) -> None:
    timeline = _named(name)
    workbook, _ = _timeline_workbook(timeline)
    summary = progress_summary(workbook, START + timedelta(days=timeline.today))
    assert summary["mentorships_active"] == active
    assert summary["on_track"] is on_track
    assert summary["mentorships_to_wrap_up"] == to_wrap_up
    assert summary["mentorships"][0]["state"] == timeline.state
    assert summary["stalled"] is bool(timeline.codes)


@pytest.mark.parametrize(
    ("measure", "numbers"),
    [
        ("Six one-to-ones held", ["at most 3 one-to-ones", "4 one-to-ones", "8", "at least 9"]),
        ("At least ten of the twelve evenings free", ["5 of the twelve", "8 of", "11 of", "12 of"]),
        ("Talk to three product managers", ["not started", "2 product", "4 product", "at least 5"]),
    ],
)
def test_default_scale_reads_counts_written_as_words(measure: str, numbers: list[str]) -> None:
    from mentorkit.progress import default_attainment_scale

    levels = default_attainment_scale(Goal(id="g1", statement="s", success_measure=measure))
    for text, number in zip([levels[0], levels[1], levels[3], levels[4]], numbers, strict=True):
        assert number in text
    plain = default_attainment_scale(
        Goal(id="g1", statement="s", success_measure="A one-page note")
    )
    assert plain[4].endswith("and well beyond it")  # "one-page" is not a count


def test_a_yes_recorded_after_the_start_gets_its_week_from_the_yes() -> None:
    workbook = _workbook(START - timedelta(days=30))
    late = START + timedelta(days=10)
    _mentorship(
        workbook, START, "active", history=[("asked", START), ("accepted", late), ("active", late)]
    )
    assert not stall_warnings(workbook, late + timedelta(days=6))
    (warning,) = stall_warnings(workbook, late + timedelta(days=7))
    assert warning.code == "not_started" and warning.days == 7
    assert late.isoformat() in warning.reason


def test_progress_counts_against_the_dates_the_mentor_was_sent() -> None:
    """A plan moved off a holiday is measured as sent, not as the plain weekday plan."""
    from mentorkit.ask import ask_to_mentorship, compose_ask
    from mentorkit.model import Contact, Goal
    from mentorkit.progress import planned_dates

    christmas_eve = date(2026, 12, 24)
    ask = compose_ask(
        Goal(id="g1", statement="Lead the year-end review"),
        Contact(id="c1", name="Ines Duarte"),
        start=christmas_eve,
        country="DE",
    )
    mentorship = ask_to_mentorship(ask)
    assert christmas_eve not in ask.plan
    assert planned_dates(mentorship) == list(ask.plan)
    mentorship.plan = mentorship.plan[:2]  # hand-edited: no longer one date a conversation
    assert planned_dates(mentorship)[0] == christmas_eve  # the weekday plan, as before
