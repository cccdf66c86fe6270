"""The sample cohort shows the method's variety and is reproducible."""

from __future__ import annotations

from datetime import date, timedelta

from mentorkit import sample, store
from mentorkit.model import GOAL_TYPES


def test_same_seed_same_cohort_other_seed_other_cohort() -> None:
    assert sample.make_cohort(8) == sample.make_cohort(8)
    assert sample.make_cohort(8, seed=1) != sample.make_cohort(8, seed=2)


def test_every_sample_workbook_is_valid() -> None:
    for workbook in sample.make_cohort(16, today=date(2027, 3, 1)):
        store.validate_workbook(workbook)


def test_cohort_covers_the_method() -> None:
    cohort = {wb.participant_id: wb for wb in sample.make_cohort(8)}
    all_types = {g.type for wb in cohort.values() for g in wb.goals}
    assert set(GOAL_TYPES) <= all_types
    sizes = sorted(len(wb.contacts) for wb in cohort.values())
    assert sizes[0] <= 3 and sizes[-1] >= 50  # small and large networks
    statuses = {m.status for wb in cohort.values() for m in wb.mentorships}
    assert {"active", "completed", "asked", "declined", "ended_early", "draft"} <= statuses
    # on track: check-ins no more than two weeks apart up to today
    p01 = cohort["p01"]
    assert max(c.date for c in p01.checkins) >= sample.SAMPLE_TODAY - timedelta(days=3)
    # stalled: nothing for more than 14 days in an active mentorship
    p02 = cohort["p02"]
    assert p02.mentorships[0].status == "active"
    assert max(c.date for c in p02.checkins) < sample.SAMPLE_TODAY - timedelta(days=14)
    # completed and started the next
    p03 = cohort["p03"]
    assert [m.status for m in p03.mentorships] == ["completed", "active"]
    assert p03.reflections
    assert len(cohort["p07"].active_goals()) == 4


def test_nothing_is_dated_after_today_except_plans() -> None:
    today = sample.SAMPLE_TODAY
    for workbook in sample.make_cohort(8):
        assert all(c.date <= today for c in workbook.checkins)
        assert all(h.at.date() <= today for m in workbook.mentorships for h in m.history)


def test_names_and_goal_statements_are_distinct_across_participants() -> None:
    cohort = sample.make_cohort(8)
    names = [wb.profile.name for wb in cohort]
    assert len(set(names)) == 8
    statements = [g.statement for wb in cohort for g in wb.goals]
    assert len(set(statements)) == len(statements)


def test_large_cohorts_get_wider_ids() -> None:
    assert sample.participant_ids(3) == ["p01", "p02", "p03"]
    assert sample.participant_ids(1000)[-1] == "p1000"
    assert sample.participant_ids(1000)[0] == "p0001"
