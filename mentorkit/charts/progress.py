"""Progress charts: conversations against the plan, goal attainment over time, the year.

Each function takes a workbook and ``today`` and returns a :class:`~matplotlib.figure.Figure`
(never shown here): widgets turn it into a PNG, the cohort report saves it, tests read its axes.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Final

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from mentorkit.charts.style import (
    GOAL_TYPE_COLOURS,
    PALETTE,
    chart_label,
    empty_figure,
    new_figure,
)
from mentorkit.lifecycle import ends_on
from mentorkit.model import GOAL_TYPE_LABELS, Mentorship, Workbook
from mentorkit.progress import (
    closed_on,
    gas_over_time,
    planned_dates,
    weekly_plan_vs_held,
)
from mentorkit.status import CLOSED_STATUSES, STARTED_STATUSES

PLANNED_COLOUR: Final = PALETTE[1]
HELD_COLOUR: Final = PALETTE[0]
TODAY_COLOUR: Final = PALETTE[5]
#: Statuses drawn on the year timeline: under way, finished, or agreed and about to start.
TIMELINE_STATUSES: Final = (*STARTED_STATUSES, "accepted")
#: How much of the year before and after today the timeline shows.
TIMELINE_BEFORE: Final = timedelta(days=273)
TIMELINE_AFTER: Final = timedelta(days=92)
#: The most date labels the T-score chart shows before it labels every other one, and so on.
MAX_DATE_LABELS: Final = 10


def _day_number(day: date) -> float:
    """A date as matplotlib's day number (``matplotlib.dates`` carries no type hints)."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _mentor_name(workbook: Workbook, mentorship: Mentorship) -> str:
    try:
        return workbook.contact(mentorship.contact_id).name
    except KeyError:
        return "mentor"


def _goal_statement(workbook: Workbook, mentorship: Mentorship) -> str:
    try:
        return workbook.goal(mentorship.goal_id).statement
    except KeyError:
        return "goal"


def _goal_type(workbook: Workbook, mentorship: Mentorship) -> str | None:
    try:
        return workbook.goal(mentorship.goal_id).type
    except KeyError:
        return None


def plan_vs_held_chart(workbook: Workbook, today: date) -> Figure:
    """Per started mentorship, cumulative conversations planned and held, week by week.

    One panel each: the plan as a dashed step line over the whole agreed span, what was
    held so far as bars, so a widening gap is visible at a glance.
    """
    started = [
        m
        for m in workbook.mentorships
        if m.status in STARTED_STATUSES
        and m.start is not None
        and weekly_plan_vs_held(m, workbook.checkins, today)
    ]
    if not started:
        figure, _ = new_figure(8.0, 2.5)
        return empty_figure(
            figure,
            "Conversations held against the plan",
            "No mentorship has started yet.",
            "Week of the mentorship",
            "Conversations",
        )
    figure = Figure(figsize=(8.0, 2.6 * len(started) + 0.4), layout="constrained")
    panels = figure.subplots(len(started), 1, squeeze=False)[:, 0]
    for axes, mentorship in zip(panels, started, strict=True):
        assert mentorship.start is not None  # filtered above
        plan = planned_dates(mentorship)
        weeks = list(range(1, mentorship.weeks + 1))
        planned = [
            sum(1 for day in plan if day <= mentorship.start + timedelta(days=7 * week - 1))
            for week in weeks
        ]
        rows = weekly_plan_vs_held(mentorship, workbook.checkins, today)
        axes.bar(
            [row.week for row in rows],
            [row.held for row in rows],
            color=HELD_COLOUR,
            width=0.6,
            label="Held so far",
        )
        axes.step(
            weeks,
            planned,
            where="mid",
            color=PLANNED_COLOUR,
            linestyle="--",
            linewidth=2,
            label="Planned",
        )
        state = "closed" if mentorship.status in CLOSED_STATUSES else "active"
        axes.set_title(
            f"{chart_label(_goal_statement(workbook, mentorship))} with "
            f"{chart_label(_mentor_name(workbook, mentorship), 30)} ({state})",
            fontsize=10,
        )
        axes.set_xlabel("Week of the mentorship")
        axes.set_ylabel("Conversations (total)")
        axes.set_xticks(weeks)
        axes.set_ylim(0, mentorship.sessions + 0.5)
        axes.legend(loc="upper left", fontsize=8)
    figure.suptitle("Conversations held against the plan")
    return figure


def gas_chart(workbook: Workbook, today: date) -> Figure:
    """The goal attainment T-score after each rated check-in; 50 means as expected."""
    points = gas_over_time(workbook, today)
    figure, axes = new_figure(8.0, 3.5)
    title = "Goal attainment over time (T-score)"
    if not points:
        return empty_figure(figure, title, "No rated conversation yet.", "Date", "T-score")
    axes.axhline(50, color="#777777", linewidth=1, linestyle=":", label="50 = as expected")
    axes.plot(
        [_day_number(p.date) for p in points],
        [p.tscore for p in points],
        color=HELD_COLOUR,
        marker="o",
        linewidth=2,
        label="Your T-score",
    )
    axes.xaxis_date()
    # One tick per conversation date (thinned evenly when there are many), so a label never
    # repeats: matplotlib's automatic locator puts several ticks on one day for a short span.
    days = [_day_number(p.date) for p in points]
    every = max(1, math.ceil(len(days) / MAX_DATE_LABELS))
    ticks = days[::every]
    axes.set_xticks(ticks, [p.date.strftime("%d %b") for p in points][::every])
    axes.set_xlim(days[0] - 3, days[-1] + 3)
    axes.set_ylim(20, 80)
    axes.set_title(title)
    axes.set_xlabel("Date of the conversation")
    axes.set_ylabel("T-score (50 = as expected)")
    axes.legend(loc="lower right", fontsize=8)
    return figure


def mentorship_timeline_chart(workbook: Workbook, today: date) -> Figure:
    """A year of successive short-term mentorships: one bar each, coloured by goal type.

    Each bar runs from the start to the day it closed (or the agreed end when still
    running or about to start); a vertical line marks today.
    """
    shown = [
        m for m in workbook.mentorships if m.status in TIMELINE_STATUSES and m.start is not None
    ]
    shown.sort(key=lambda m: (m.start or today, m.id))
    figure, axes = new_figure(8.0, max(2.5, 0.6 * len(shown) + 1.6))
    title = "Your short-term mentorships this year"
    window_start, window_end = today - TIMELINE_BEFORE, today + TIMELINE_AFTER
    labels = []
    used_types: list[str | None] = []
    for row, mentorship in enumerate(shown):
        assert mentorship.start is not None  # filtered above
        finish = closed_on(mentorship) or ends_on(mentorship) or mentorship.start
        goal_type = _goal_type(workbook, mentorship)
        if goal_type not in used_types:
            used_types.append(goal_type)
        upcoming = mentorship.status == "accepted"
        axes.barh(
            row,
            _day_number(finish) - _day_number(mentorship.start),
            left=_day_number(mentorship.start),
            height=0.6,
            color=GOAL_TYPE_COLOURS[goal_type],
            alpha=0.45 if upcoming else 1.0,
            hatch="//" if mentorship.status == "ended_early" else None,
            edgecolor="#333333",
        )
        status = mentorship.status.replace("_", " ")
        labels.append(f"{chart_label(_goal_statement(workbook, mentorship), 28)}\n{status}")
    axes.axvline(_day_number(today), color=TODAY_COLOUR, linewidth=2, label="Today")
    axes.set_xlim(_day_number(window_start), _day_number(window_end))
    axes.xaxis_date()
    axes.xaxis.set_major_locator(mdates.MonthLocator())  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b"))  # type: ignore[no-untyped-call]
    axes.set_yticks(range(len(shown)), labels, fontsize=8)
    axes.invert_yaxis()  # the earliest mentorship on top, like reading a diary
    axes.set_title(title)
    axes.set_xlabel("Month")
    axes.set_ylabel("Mentorship")
    handles = [
        Patch(
            color=GOAL_TYPE_COLOURS[t],
            label=GOAL_TYPE_LABELS[t] if t is not None else "Type not set",
        )
        for t in used_types
    ]
    today_handles, _ = axes.get_legend_handles_labels()
    axes.legend(handles=[*handles, *today_handles], loc="upper left", fontsize=8)
    if not shown:
        axes.text(
            0.5,
            0.5,
            "No mentorship has started yet.",
            ha="center",
            va="center",
            transform=axes.transAxes,
        )
    return figure
