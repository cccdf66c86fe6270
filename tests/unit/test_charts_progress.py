"""Progress charts: what is drawn is checked on the axes, not by looking at pixels."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import matplotlib.dates as mdates
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from mentorkit import store
from mentorkit.charts.progress import (
    HELD_COLOUR,
    PLANNED_COLOUR,
    TODAY_COLOUR,
    gas_chart,
    mentorship_timeline_chart,
    plan_vs_held_chart,
)
from mentorkit.charts.style import GOAL_TYPE_COLOURS, figure_png
from mentorkit.model import Workbook
from mentorkit.progress import gas_over_time
from mentorkit.sample import SAMPLE_TODAY


def _sample(cohort_dir: Path, pid: str) -> Workbook:
    return store.load_workbook(cohort_dir / "workbooks" / f"{pid}.json")


def _bars(axes: object) -> list[Rectangle]:
    return [p for p in axes.patches if isinstance(p, Rectangle)]  # type: ignore[attr-defined]


def _has_title_and_labels(figure: Figure) -> None:
    for axes in figure.axes:
        assert axes.get_title()
        assert axes.get_xlabel() and axes.get_ylabel()


def test_plan_vs_held_shows_held_bars_and_the_plan_line(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p03")
    figure = plan_vs_held_chart(workbook, today)
    _has_title_and_labels(figure)
    assert figure.get_suptitle() == "Conversations held against the plan"
    completed, running = figure.axes
    assert "(closed)" in completed.get_title() and "(active)" in running.get_title()
    # the completed mentorship: all four conversations held, on plan, over eight weeks
    assert [b.get_height() for b in _bars(completed)] == [1, 1, 2, 2, 3, 3, 4, 4]
    (plan,) = [line for line in completed.get_lines() if line.get_label() == "Planned"]
    assert list(plan.get_ydata()) == [1, 1, 2, 2, 3, 3, 4, 4]  # type: ignore[arg-type]
    assert to_hex(plan.get_color()) == PLANNED_COLOUR.lower()
    # the running one started 14 days ago: weeks 1-3 drawn, one conversation held
    assert [b.get_height() for b in _bars(running)] == [1, 1, 1]
    assert to_hex(_bars(running)[0].get_facecolor()) == HELD_COLOUR.lower()


def test_plan_vs_held_shows_the_stalled_gap(cohort_dir: Path, today: date) -> None:
    figure = plan_vs_held_chart(_sample(cohort_dir, "p02"), today)
    (axes,) = figure.axes
    held = [b.get_height() for b in _bars(axes)]
    assert held == [1, 1, 1, 1, 1, 1, 1]  # day 42 is in week 7
    (plan,) = [line for line in axes.get_lines() if line.get_label() == "Planned"]
    assert list(plan.get_ydata())[6] == 4  # type: ignore[arg-type, index]


def test_plan_vs_held_without_a_started_mentorship_says_so(cohort_dir: Path, today: date) -> None:
    figure = plan_vs_held_chart(_sample(cohort_dir, "p06"), today)
    _has_title_and_labels(figure)
    assert "No mentorship has started yet." in [t.get_text() for t in figure.axes[0].texts]


def test_gas_chart_plots_the_tscore_over_time(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p03")
    figure = gas_chart(workbook, today)
    _has_title_and_labels(figure)
    (axes,) = figure.axes
    (line,) = [line for line in axes.get_lines() if line.get_label() == "Your T-score"]
    expected = gas_over_time(workbook, today)
    assert list(line.get_ydata()) == pytest.approx([p.tscore for p in expected])  # type: ignore[arg-type]
    assert list(line.get_xdata()) == [mdates.date2num(p.date) for p in expected]  # type: ignore[arg-type]
    assert list(line.get_ydata())[:4] == pytest.approx([40, 50, 60, 70])  # type: ignore[arg-type, index]
    (reference,) = [line for line in axes.get_lines() if "as expected" in str(line.get_label())]
    assert list(reference.get_ydata()) == [50, 50]  # type: ignore[arg-type]


def test_gas_chart_has_one_label_per_date(cohort_dir: Path, today: date) -> None:
    for pid in ("p01", "p02", "p03"):
        workbook = _sample(cohort_dir, pid)
        figure = gas_chart(workbook, today)
        figure.canvas.draw()
        labels = [tick.get_text() for tick in figure.axes[0].get_xticklabels()]
        points = gas_over_time(workbook, today)
        assert labels and len(labels) == len(set(labels))  # no date repeated
        assert labels == [p.date.strftime("%d %b") for p in points]  # one per conversation day


def test_gas_chart_thins_many_dates_without_repeating(cohort_dir: Path, today: date) -> None:
    from mentorkit.model import CheckIn

    workbook = _sample(cohort_dir, "p01")
    mentorship = workbook.mentorships[0]
    workbook.checkins = [
        CheckIn(
            id=f"k{i}",
            mentorship_id=mentorship.id,
            date=today - timedelta(days=i),
            rating=i % 3 - 1,
        )
        for i in range(30)
    ]
    figure = gas_chart(workbook, today)
    labels = [tick.get_text() for tick in figure.axes[0].get_xticklabels()]
    assert 1 < len(labels) <= 10 and len(labels) == len(set(labels))


def test_gas_chart_without_ratings(cohort_dir: Path, today: date) -> None:
    figure = gas_chart(_sample(cohort_dir, "p05"), today)
    _has_title_and_labels(figure)
    assert not [line for line in figure.axes[0].get_lines() if isinstance(line, Line2D)]
    assert figure.axes[0].texts[0].get_text() == "No rated conversation yet."


def test_timeline_has_one_bar_per_mentorship_coloured_by_goal_type(
    cohort_dir: Path, today: date
) -> None:
    workbook = _sample(cohort_dir, "p03")
    figure = mentorship_timeline_chart(workbook, today)
    _has_title_and_labels(figure)
    (axes,) = figure.axes
    bars = _bars(axes)
    assert len(bars) == 2
    first, second = sorted(workbook.mentorships, key=lambda m: m.start or today)
    assert first.start is not None and second.start is not None
    assert bars[0].get_x() == pytest.approx(mdates.date2num(first.start))
    # the completed one ends on the day it closed; the running one at its agreed end
    assert bars[0].get_x() + bars[0].get_width() == pytest.approx(
        mdates.date2num(date(2026, 10, 20))
    )
    assert bars[1].get_width() == pytest.approx(56)
    for bar, mentorship in zip(bars, (first, second), strict=True):
        colour = GOAL_TYPE_COLOURS[workbook.goal(mentorship.goal_id).type]
        assert to_hex(bar.get_facecolor()) == colour.lower()
    legend = [t.get_text() for t in axes.get_legend().get_texts()]  # type: ignore[union-attr]
    assert legend == ["Short-term career", "Long-term career", "Today"]


def test_timeline_marks_today_and_shows_a_year(cohort_dir: Path, today: date) -> None:
    figure = mentorship_timeline_chart(_sample(cohort_dir, "p08"), today)
    (axes,) = figure.axes
    (marker,) = [line for line in axes.get_lines() if line.get_label() == "Today"]
    assert list(marker.get_xdata()) == [mdates.date2num(today)] * 2  # type: ignore[arg-type]
    assert to_hex(marker.get_color()) == TODAY_COLOUR.lower()
    low, high = axes.get_xlim()
    assert high - low == pytest.approx(365)
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert any("ended early" in text for text in labels)
    assert any("accepted" in text for text in labels)
    assert _bars(axes)[0].get_hatch() == "//"  # ended early is hatched, not only coloured


def test_timeline_of_an_empty_workbook() -> None:
    figure = mentorship_timeline_chart(Workbook(), SAMPLE_TODAY)
    _has_title_and_labels(figure)
    assert not _bars(figure.axes[0])
    assert not [c for c in figure.axes[0].collections if isinstance(c, LineCollection)]


@pytest.mark.parametrize("pid", [f"p0{i}" for i in range(1, 9)])
def test_every_chart_renders_for_every_sample(cohort_dir: Path, today: date, pid: str) -> None:
    workbook = _sample(cohort_dir, pid)
    for chart in (plan_vs_held_chart, gas_chart, mentorship_timeline_chart):
        figure = chart(workbook, today + timedelta(days=1))
        assert figure_png(figure, dpi=40).startswith(b"\x89PNG")


def test_a_kick_off_before_the_start_is_drawn(cohort_dir: Path, today: date) -> None:
    from mentorkit.model import CheckIn

    workbook = _sample(cohort_dir, "p01")
    mentorship = workbook.mentorships[0]
    assert mentorship.start is not None
    mentorship.start = today + timedelta(days=5)
    workbook.checkins = [
        CheckIn(id="k1", mentorship_id=mentorship.id, date=today - timedelta(days=1))
    ]
    figure = plan_vs_held_chart(workbook, today)
    (axes,) = figure.axes
    assert [bar.get_height() for bar in axes.patches] == [1]  # week 1: the kick-off
    assert not axes.texts  # not "No mentorship has started yet."
