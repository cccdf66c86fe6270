"""Dates people can keep: proposed conversation dates moved off holidays and away days.

A plan of conversation dates (:func:`mentorkit.ask.plan_dates`) knows weekdays only.  Here
each date that falls on a public holiday of the participant's country (the ``holidays``
library) or inside one of the participant's away periods is moved to the next free weekday,
and the result says why (``moved from 24 Dec: public holiday (Christmas Eve)``), so the person
can see and undo the choice.  Pure: dates in, frozen results out.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from mentorkit.model import Away

#: The holiday categories a workplace is closed or half-closed on.  School holidays, bank
#: holidays and observances ("unofficial") are left out: most people work on them.
_CLOSED_CATEGORIES: Final = ("public", "half_day", "de_facto", "optional")
#: How far a date may move (in days) before the search tries earlier days instead.
_MAX_SHIFT_DAYS: Final = 21


@dataclass(frozen=True)
class PlannedDate:
    """One proposed conversation date after the calendar rules.

    Attributes:
        day: The date to propose.
        moved_from: The date first planned, when it had to move; ``None`` if it stayed.
        reason: Why it moved, in words; a date that could not move keeps its reason too
            (empty if the day was free).
    """

    day: date
    moved_from: date | None = None
    reason: str = ""

    @property
    def note(self) -> str:
        """``moved from 24 Dec: public holiday (Christmas Eve)``, or empty for a free day."""
        if self.moved_from is None:
            if not self.reason:
                return ""
            return f"{short_date(self.day)}: {self.reason}, and no free weekday near it"
        return f"moved from {short_date(self.moved_from)}: {self.reason}"


def short_date(day: date) -> str:
    """``24 Dec``: short enough for a list of dates beside the message."""
    return f"{day.day} {day.strftime('%b')}"


def supported_countries() -> dict[str, str]:
    """ISO 3166 codes the holiday rules know, with the country's English name."""
    import holidays  # imported on use: ~0.2 s, and only the ask and the profile need it

    names = _country_names()
    return {code: names.get(code, code) for code in sorted(holidays.list_supported_countries())}


@functools.cache
def _country_names() -> dict[str, str]:
    from importlib import resources

    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    names = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and "\t" in line:
            code, name = line.split("\t", 1)
            names[code.strip()] = name.strip()
    return names


def closed_days(country: str, years: Iterable[int]) -> dict[date, str]:
    """The days a workplace in ``country`` is closed on, with the holiday's name.

    An unknown or empty country gives no days (never an error).  Where Christmas Day is a
    public holiday, Christmas Eve and New Year's Eve are counted too: most workplaces there
    are empty on them even where the law does not say so.
    """
    return dict(_closed_days(country.strip().upper(), tuple(sorted(set(years)))))


@functools.lru_cache(maxsize=64)
def _closed_days(code: str, years: tuple[int, ...]) -> tuple[tuple[date, str], ...]:
    return tuple(sorted(_look_up_closed_days(code, years).items()))


def _look_up_closed_days(code: str, years: tuple[int, ...]) -> dict[date, str]:
    if not code:
        return {}
    import holidays

    try:
        calendar_class = holidays.country_holidays(code).__class__
    except (NotImplementedError, KeyError, ValueError):
        return {}
    categories = tuple(c for c in _CLOSED_CATEGORIES if c in calendar_class.supported_categories)
    found = holidays.country_holidays(code, years=list(years), categories=categories)
    days = {day: str(name) for day, name in found.items()}
    for year in {day.year for day in days}:
        if date(year, 12, 25) in days:
            days.setdefault(date(year, 12, 24), "Christmas Eve")
            days.setdefault(date(year, 12, 31), "New Year's Eve")
    return days


def _away_reason(day: date, away: Sequence[Away]) -> str:
    for period in away:
        if period.start <= day <= period.end:
            return f"you are away ({period.note})" if period.note.strip() else "you are away"
    return ""


def keepable_dates(
    plan: Sequence[date], *, country: str = "", away: Sequence[Away] = ()
) -> tuple[PlannedDate, ...]:
    """Move each date of ``plan`` off public holidays, away days and weekends.

    A date that needs to move goes to the next free weekday not already in the plan; when
    none is free within three weeks, to the nearest free weekday before it.  The order of the
    plan is kept.

    Args:
        plan: The proposed dates, in order.
        country: ISO 3166 code whose public holidays count (empty: none).
        away: The participant's away periods.
    """
    if not plan:
        return ()
    years = range(min(plan).year - 1, max(plan).year + 2)
    closed = closed_days(country, years)

    def why_not(day: date) -> str:
        if day in closed:
            return f"public holiday ({closed[day]})"
        if day.weekday() >= 5:
            return "weekend"
        return _away_reason(day, away)

    # Dates that stay are taken first, so a moved date never lands on a later one's day.
    taken: set[date] = {day for day in plan if not why_not(day)}
    result = []
    for planned in plan:
        reason = why_not(planned)
        if not reason:
            taken.add(planned)
            result.append(PlannedDate(planned))
            continue
        candidates = [planned + timedelta(days=shift) for shift in range(1, _MAX_SHIFT_DAYS + 1)]
        candidates += [planned - timedelta(days=shift) for shift in range(1, _MAX_SHIFT_DAYS + 1)]
        free = next((d for d in candidates if d not in taken and not why_not(d)), None)
        if free is None:  # away for six weeks around it: keep the date and say so
            result.append(PlannedDate(planned, None, reason))
            taken.add(planned)
            continue
        taken.add(free)
        result.append(PlannedDate(free, planned, reason))
    return tuple(result)
