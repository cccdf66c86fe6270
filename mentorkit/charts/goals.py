"""The goals chart: each goal as a bar from when it was set to its target date, by type.

The chart answers "what am I working towards over the coming weeks, and is it balanced?":
one row per goal, coloured by goal type, a line for today and a shaded band past the method's
eight-week horizon, so a goal that runs beyond it stands out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from mentorkit.charts.style import GOAL_TYPE_COLOURS, PALETTE, chart_label, new_figure
from mentorkit.goals import HORIZON_WEEKS
from mentorkit.model import GOAL_TYPE_LABELS, GOAL_TYPES, Goal

TODAY_COLOUR: Final = PALETTE[5]
HORIZON_SHADE: Final = "#eeeeee"
#: Goals without a target date are drawn this long, hatched, so they are visible but marked.
_UNDATED_SPAN: Final = timedelta(weeks=1)
_LABEL_CHARS: Final = 40
_TITLE: Final = "Your goals by type, up to their target dates"


def _day_number(day: date) -> float:
    """A date as matplotlib's day number (``matplotlib.dates`` carries no type hints)."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _type_order(goal: Goal) -> int:
    return GOAL_TYPES.index(goal.type) if goal.type in GOAL_TYPES else len(GOAL_TYPES)


def goals_timeline_chart(
    goals: Sequence[Goal], today: date, *, include_closed: bool = False
) -> Figure:
    """Goals by type on a timeline from when each was set to its target date.

    Args:
        goals: The goals to draw (e.g. ``workbook.goals``).
        today: Where the "today" line and the eight-week horizon are drawn.
        include_closed: Also draw achieved and dropped goals (faded); by default only the
            active ones.

    Returns:
        A figure with one horizontal bar per goal, grouped and coloured by type; goals without
        a target date are drawn as a short hatched bar from today.  With no goals the figure
        says so instead.
    """
    shown = [g for g in goals if include_closed or g.status == "active"]
    shown.sort(key=lambda g: (_type_order(g), g.target_date or date.max, g.statement))
    height = max(2.6, 1.2 + 0.45 * len(shown))
    figure, axes = new_figure(width=10.0, height=min(height, 14.0))
    axes.set_title(_TITLE)
    axes.set_xlabel("Date")
    axes.set_ylabel("Goal")
    if not shown:
        axes.text(
            0.5,
            0.5,
            "No goals yet: write your first one above.",
            ha="center",
            va="center",
            transform=axes.transAxes,
        )
        axes.set_xticks([])
        axes.set_yticks([])
        return figure

    horizon = today + timedelta(weeks=HORIZON_WEEKS)
    earliest = today
    latest = horizon
    labels = []
    for row, goal in enumerate(shown):
        start = min(goal.created.date(), today) if goal.created else today
        undated = goal.target_date is None
        end = today + _UNDATED_SPAN if goal.target_date is None else goal.target_date
        if undated:
            start = today
        start = min(start, end)
        earliest = min(earliest, start)
        latest = max(latest, end)
        closed = goal.status != "active"
        axes.barh(
            row,
            max(_day_number(end) - _day_number(start), 1.0),
            left=_day_number(start),
            height=0.6,
            color=GOAL_TYPE_COLOURS.get(goal.type, GOAL_TYPE_COLOURS[None]),
            alpha=0.35 if closed or undated else 0.9,
            hatch="//" if undated else None,
            edgecolor="#333333",
            linewidth=0.6,
        )
        suffix = " (no date)" if undated else f" ({goal.status})" if closed else ""
        labels.append(chart_label(goal.statement, _LABEL_CHARS) + suffix)

    axes.axvspan(
        _day_number(horizon),
        _day_number(latest + timedelta(days=7)),
        color=HORIZON_SHADE,
        zorder=0,
        label=f"Beyond {HORIZON_WEEKS} weeks",
    )
    axes.axvline(_day_number(today), color=TODAY_COLOUR, linewidth=1.5, label="Today")
    axes.set_yticks(range(len(shown)), labels)
    axes.invert_yaxis()  # first goal at the top, like the table
    axes.set_xlim(
        _day_number(earliest - timedelta(days=3)), _day_number(latest + timedelta(days=7))
    )
    locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]

    present = [t for t in (*GOAL_TYPES, None) if any(g.type == t for g in shown)]
    handles = [
        Patch(
            facecolor=GOAL_TYPE_COLOURS[t],
            edgecolor="#333333",
            label=GOAL_TYPE_LABELS[t] if t else "No type yet",
        )
        for t in present
    ]
    handles += [
        Patch(facecolor=HORIZON_SHADE, label=f"Beyond {HORIZON_WEEKS} weeks"),
        Patch(facecolor=TODAY_COLOUR, label="Today"),
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    return figure
