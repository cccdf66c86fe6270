"""The cohort dashboard's charts: a run's summaries in, a matplotlib ``Figure`` out."""

from __future__ import annotations

from typing import Final, get_args

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mentorkit.charts.style import (
    GOAL_TYPE_COLOURS,
    PALETTE,
    empty_figure,
    label_axes,
    new_figure,
)
from mentorkit.network import NetworkType

_NETWORK_COLOURS: Final = dict(
    zip((*get_args(NetworkType), "none"), (*PALETTE[:4], "#999999"), strict=True)
)


def _no_data(figure: Figure, title: str, xlabel: str, ylabel: str) -> Figure:
    return empty_figure(figure, title, "No finished reports yet.", xlabel, ylabel)


def _count_bars(
    figure: Figure,
    axes: Axes,
    labels: list[str],
    counts: list[int],
    colours: list[str],
    title: str,
    xlabel: str,
    ylabel: str,
) -> Figure:
    """Horizontal bars of whole-number counts, first label on top."""
    axes.barh(labels, counts, color=colours)
    axes.invert_yaxis()
    label_axes(axes, title, xlabel, ylabel)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def goal_types_figure(counts: pd.DataFrame) -> Figure:
    """Active goals per goal type across the cohort (``CohortSummary.goal_types``)."""
    figure, axes = new_figure(7.0, 3.0)
    title, xlabel, ylabel = "Active goals by type", "Goals", "Goal type"
    if counts.empty:
        return _no_data(figure, title, xlabel, ylabel)
    colours = [
        GOAL_TYPE_COLOURS.get(t if t in GOAL_TYPE_COLOURS else None, "#999999")
        for t in counts["goal_type"]
    ]
    return _count_bars(
        figure, axes, list(counts["label"]), list(counts["goals"]), colours, title, xlabel, ylabel
    )


def network_types_figure(counts: pd.DataFrame) -> Figure:
    """Participants per developmental network type, Higgins & Kram's
    (``CohortSummary.network_types``)."""
    figure, axes = new_figure(7.0, 3.0)
    title, xlabel, ylabel = "Network types", "Participants", "Network type"
    if counts.empty or not counts["participants"].sum():
        return _no_data(figure, title, xlabel, ylabel)
    kinds = list(counts["network_type"])
    colours = [_NETWORK_COLOURS[k] for k in kinds]
    return _count_bars(
        figure, axes, kinds, list(counts["participants"]), colours, title, xlabel, ylabel
    )


def plan_vs_held_figure(table: pd.DataFrame) -> Figure:
    """Per participant: conversations planned by today against conversations held
    (``CohortSummary.participants``)."""
    figure, axes = new_figure(8.0, 3.5)
    title, xlabel, ylabel = (
        "Conversations planned by today and held",
        "Participant",
        "Conversations",
    )
    if table.empty:
        return _no_data(figure, title, xlabel, ylabel)
    positions = list(range(len(table)))
    width = 0.4
    axes.bar(
        [p - width / 2 for p in positions],
        list(table["checkins_planned"]),
        width,
        label="Planned",
        color=PALETTE[1],
    )
    axes.bar(
        [p + width / 2 for p in positions],
        list(table["checkins_held"]),
        width,
        label="Held",
        color=PALETTE[0],
    )
    axes.set_xticks(positions, list(table["participant_id"]), rotation=45 if len(table) > 12 else 0)
    label_axes(axes, title, xlabel, ylabel)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend()
    return figure


def gas_spread_figure(participants: pd.DataFrame) -> Figure:
    """Each participant's goal attainment T-score (50 = as expected), lowest first
    (``CohortSummary.participants``)."""
    table = participants.dropna(subset=["gas_tscore"]).sort_values("gas_tscore")
    figure, axes = new_figure(8.0, 3.5)
    title, xlabel = "Goal attainment across the cohort", "T-score (50 = as expected)"
    ylabel = "Participant"
    if table.empty:
        return _no_data(figure, title, xlabel, ylabel)
    axes.axvline(50, color="#777777", linewidth=1, linestyle=":", label="50 = as expected")
    axes.scatter(
        list(table["gas_tscore"]),
        list(table["participant_id"]),
        color=PALETTE[2],
        zorder=3,
        label="Participant",
    )
    label_axes(axes, title, xlabel, ylabel)
    axes.legend(loc="lower right")
    return figure
