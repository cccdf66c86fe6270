"""Progress core: GAS by hand, plan vs actual, stall rules at and around each threshold."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit import store
from mentorkit.errors import InputError
from mentorkit.model import CheckIn, Contact, Goal, Mentorship, StatusChange, Workbook
from mentorkit.progress import (
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
        assert warning["code"] in ("quiet", "behind", "unanswered", "idle_goal")
        assert warning["reason"]
    for plan in summary["mentorships"]:
        assert 0 <= plan["behind_by"] <= plan["planned_to_date"] <= plan["planned_total"]
