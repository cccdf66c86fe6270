"""Tests for :mod:`mentorkit.charts.goals`: what the goals timeline draws."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import matplotlib.dates as mdates
import pytest
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mentorkit import store
from mentorkit.charts.goals import goals_timeline_chart
from mentorkit.charts.style import GOAL_TYPE_COLOURS, PALETTE, figure_png
from mentorkit.model import Goal


def _bars(figure: Figure) -> list[Rectangle]:
    # The goal bars, not the shaded horizon band (also a Rectangle).
    return [
        patch
        for container in figure.axes[0].containers
        if isinstance(container, BarContainer)
        for patch in container.patches
        if isinstance(patch, Rectangle)
    ]


def _goal(statement: str, **changes: object) -> Goal:
    goal = Goal(
        id="g-chart",
        statement=statement,
        type="psychosocial",
        target_date=date(2026, 12, 20),
    )
    return replace(goal, **changes)  # type: ignore[arg-type]


def test_one_bar_per_active_goal_coloured_by_type(sample_workbook: Path, today: date) -> None:
    workbook = store.load_workbook(sample_workbook)
    figure = goals_timeline_chart(workbook.goals, today)
    axes = figure.axes[0]
    assert axes.get_title()
    assert axes.get_xlabel() == "Date" and axes.get_ylabel() == "Goal"
    bars = _bars(figure)
    assert len(bars) == len(workbook.active_goals()) == 3
    colours = {tuple(round(c, 3) for c in bar.get_facecolor()[:3]) for bar in bars}
    assert len(colours) == 3  # p01 has one goal of each type
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert any(label.startswith("Map how decisions") for label in labels)


def test_bar_ends_at_the_target_date(today: date) -> None:
    goal = _goal("Publish one article", target_date=today + timedelta(weeks=5))
    (bar,) = _bars(goals_timeline_chart([goal], today))
    end = mdates.num2date(bar.get_x() + bar.get_width()).date()  # type: ignore[no-untyped-call]
    assert end == today + timedelta(weeks=5)


def test_closed_goals_only_when_asked(today: date) -> None:
    goals = [_goal("a"), _goal("b", status="achieved"), _goal("c", status="dropped")]
    assert len(_bars(goals_timeline_chart(goals, today))) == 1
    assert len(_bars(goals_timeline_chart(goals, today, include_closed=True))) == 3


def test_goal_without_type_or_date_is_drawn_hatched(today: date) -> None:
    goal = _goal("Get better at leadership", type=None, target_date=None)
    figure = goals_timeline_chart([goal], today)
    (bar,) = _bars(figure)
    assert bar.get_hatch() == "//"
    expected = tuple(int(GOAL_TYPE_COLOURS[None][i : i + 2], 16) / 255 for i in (1, 3, 5))
    assert bar.get_facecolor()[:3] == pytest.approx(expected)
    assert "(no date)" in figure.axes[0].get_yticklabels()[0].get_text()


def test_today_line_uses_the_palette(today: date) -> None:
    figure = goals_timeline_chart([_goal("a")], today)
    (line,) = figure.axes[0].get_lines()
    assert line.get_color() == PALETTE[5]
    assert line.get_xdata()[0] == pytest.approx(mdates.date2num(today))  # type: ignore[no-untyped-call]


def test_empty_says_so(today: date) -> None:
    figure = goals_timeline_chart([], today)
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert any("No goals yet" in text for text in texts)
    assert figure_png(figure).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "statement",
    [
        "🚀 ship it 🎉",
        "Raise $5k and $10k",
        "在八周内完成三篇文章",
        "<script>x</script>",
        "y" * 10_000,
    ],
)
def test_hostile_labels_render_without_warnings(statement: str, today: date) -> None:
    # pytest runs with -W error: a missing glyph or a mathtext error would fail here.
    figure = goals_timeline_chart([_goal(statement)], today)
    assert figure_png(figure).startswith(b"\x89PNG")
    label = figure.axes[0].get_yticklabels()[0].get_text()
    assert len(label) <= 50


def test_many_goals_keep_a_bounded_size(today: date) -> None:
    goals = [_goal(f"goal {n}", id=f"g{n}") for n in range(60)]
    figure = goals_timeline_chart(goals, today)
    assert figure.get_figheight() <= 14.0
    assert len(_bars(figure)) == 60
