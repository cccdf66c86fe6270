"""Proposed conversation dates moved off public holidays, weekends and the person's time away."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mentorkit.ask import plan_dates
from mentorkit.calendar_rules import closed_days, keepable_dates, supported_countries
from mentorkit.model import Away


def test_a_date_on_a_public_holiday_moves_to_the_next_working_day_and_says_why() -> None:
    moved = keepable_dates([date(2026, 12, 25), date(2027, 1, 1)], country="DE")
    # 25 and 26 Dec are public holidays in Germany, 27 Dec is a Sunday; 28 Dec is free.
    assert moved[0].day == date(2026, 12, 28)
    assert moved[0].moved_from == date(2026, 12, 25)
    assert moved[0].note == "moved from 25 Dec: public holiday (Christmas Day)"
    assert moved[1].day == date(2027, 1, 4)  # 1 Jan is a holiday, 2-3 Jan a weekend
    assert "New Year" in moved[1].note


def test_christmas_and_new_years_eve_count_where_christmas_is_a_holiday() -> None:
    moved = keepable_dates([date(2026, 12, 24), date(2026, 12, 31)], country="GB")
    assert [m.moved_from for m in moved] == [date(2026, 12, 24), date(2026, 12, 31)]
    assert moved[0].note == "moved from 24 Dec: public holiday (Christmas Eve)"
    # Japan does not close for Christmas: the date stays.
    assert keepable_dates([date(2026, 12, 24)], country="JP")[0].moved_from is None


def test_away_periods_move_dates_past_them_with_the_persons_own_words() -> None:
    away = [Away(start=date(2026, 8, 3), end=date(2026, 8, 14), note="summer <b>holiday</b>")]
    moved = keepable_dates([date(2026, 8, 5), date(2026, 8, 17)], away=away)
    # The first date moves past the away fortnight, and not onto the second date's day.
    assert moved[0].day == date(2026, 8, 18)
    assert moved[0].reason == "you are away (summer <b>holiday</b>)"
    assert moved[1].day == date(2026, 8, 17) and moved[1].note == ""


def test_a_date_that_needs_no_move_stays_and_an_unknown_country_is_no_error() -> None:
    plan = [date(2026, 3, 4), date(2026, 3, 18)]
    assert [m.day for m in keepable_dates(plan, country="")] == plan
    assert [m.day for m in keepable_dates(plan, country="ZZ")] == plan
    assert [m.day for m in keepable_dates(plan, country="../etc")] == plan
    assert closed_days("not a country at all", [2026]) == {}
    assert keepable_dates([]) == ()


def test_away_for_months_keeps_the_date_rather_than_moving_it_far() -> None:
    away = [Away(start=date(2026, 1, 1), end=date(2026, 6, 30))]
    (kept,) = keepable_dates([date(2026, 3, 2)], away=away)
    assert kept.day == date(2026, 3, 2) and kept.moved_from is None
    # ... and says why the date is still a problem, so the ask shows it beside the plan.
    assert kept.note == "2 Mar: you are away, and no free weekday near it"


def test_the_countries_offered_have_names() -> None:
    countries = supported_countries()
    assert countries["DE"] == "Germany" and countries["US"] == "United States"
    assert len(countries) > 100


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2150, 12, 31)),
    sessions=st.integers(1, 8),
    weeks=st.integers(1, 12),
    country=st.sampled_from(["", "DE", "US", "GB", "SE", "JP"]),
)
def test_no_moved_date_is_a_holiday_weekend_or_twice_in_the_plan(
    start: date, sessions: int, weeks: int, country: str
) -> None:
    plan = plan_dates(start, sessions, weeks)
    moved = keepable_dates(plan, country=country)
    closed = closed_days(country, range(start.year - 1, start.year + 3))
    assert len(moved) == len(plan)
    for entry in moved:
        if entry.moved_from is not None:
            assert entry.day not in closed and entry.day.weekday() < 5
            assert abs(entry.day - entry.moved_from) <= timedelta(days=21)
    if len(set(plan)) == len(plan):
        assert len({entry.day for entry in moved}) == len(moved)
