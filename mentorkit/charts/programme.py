"""The dashboard's reaction chart: how useful participants found their mentorships."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mentorkit.charts.style import PALETTE, empty_figure, label_axes, new_figure

#: Low to high on a sequential, colour-blind-safe ramp (Okabe & Ito's vermillion to blue).
_USEFULNESS_COLOURS = (PALETTE[5], PALETTE[1], "#999999", PALETTE[4], PALETTE[0])


def reaction_figure(feedback: Mapping[str, Any]) -> Figure:
    """Mentorships per usefulness rating (1-5), with the share who would recommend one.

    ``feedback`` is :func:`mentorkit.feedback.programme_feedback`'s result; below its
    threshold the chart draws no bars and says why.
    """
    from mentorkit.feedback import USEFULNESS_LABELS

    figure, axes = new_figure(7.0, 3.2)
    title = "How useful participants found their mentorships"
    xlabel, ylabel = "Mentorships rated", "Usefulness (1-5)"
    if not feedback.get("shown"):
        return empty_figure(
            figure,
            title,
            f"Shown once at least {feedback.get('min_answers', 3)} people answered.",
            xlabel,
            ylabel,
        )
    counts = feedback.get("usefulness_counts", {})
    labels = [f"{n} {USEFULNESS_LABELS[n].lower()}" for n in range(1, 6)]
    values = [int(counts.get(str(n), 0)) for n in range(1, 6)]
    axes.barh(labels, values, color=list(_USEFULNESS_COLOURS))
    share = float(feedback.get("recommend_share", 0.0))
    label_axes(
        axes,
        f"{title}\n(mean {feedback.get('mean_usefulness')}; {share:.0%} would recommend one)",
        xlabel,
        ylabel,
    )
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure
