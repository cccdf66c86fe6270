"""Charts of the network step: coverage matrix, developmental-network plane, spheres and ties.

Each function returns a :class:`~matplotlib.figure.Figure` with a title, labelled axes and the
shared colour-blind-safe palette; nothing is shown or kept by pyplot.
"""

from __future__ import annotations

import textwrap
from typing import Final

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from mentorkit.charts.style import (
    CHART_MAX_WIDTH,
    PALETTE,
    TIE_COLOURS,
    chart_label,
    new_figure,
)
from mentorkit.model import SPHERE_LABELS, SPHERES, Workbook
from mentorkit.network import NetworkAnalysis, NetworkShape, analyse_network

#: How many people the coverage matrix shows at most (the best-scoring ones).
MAX_PEOPLE: Final = 15
_LABEL_LENGTH: Final = 44
#: A goal's label is at most two lines this long, so it leaves the matrix its room.
_LABEL_LINE: Final = 24
_COVERAGE_COLOURS: Final = LinearSegmentedColormap.from_list(
    "mentorkit-coverage", ["#ffffff", PALETTE[4], PALETTE[0]]
)


def _empty(figure: Figure, message: str) -> None:
    axes = figure.axes[0]
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes, wrap=True)
    axes.set_xticks([])
    axes.set_yticks([])


def coverage_matrix(
    workbook: Workbook, analysis: NetworkAnalysis | None = None, *, max_people: int = MAX_PEOPLE
) -> Figure:
    """Goals (rows) by people (columns): how well each person could help with each goal.

    The darker a cell, the better the match; ``S`` marks a strong tie, ``W`` a weak one.  A
    goal nobody covers gets an empty row marked "nobody".

    Args:
        workbook: The participant's workbook.
        analysis: The analysis, if already computed.
        max_people: Show at most this many people, those with the best single score first.
    """
    analysis = analysis or analyse_network(workbook)
    goals = workbook.active_goals()
    best: dict[str, float] = {}
    names: dict[str, str] = {}
    for ranked in analysis.candidates.values():
        for candidate in ranked:
            best[candidate.contact_id] = max(best.get(candidate.contact_id, 0.0), candidate.score)
            names[candidate.contact_id] = candidate.name
    people = sorted(best, key=lambda cid: (-best[cid], names[cid].lower()))[:max_people]
    # As wide as the other charts at most, so it is shown at its drawn size and its letters
    # are the same size as theirs; tall enough for the slanted names under it, the title and
    # both axis labels (a too-small figure left constrained layout nothing to work with, and
    # the axis labels fell off the canvas).
    width = max(7.0, min(CHART_MAX_WIDTH, 4.2 + 0.35 * len(people)))
    height = max(4.2, min(10.0, 2.9 + 0.5 * len(goals)))
    figure, axes = new_figure(width, height)
    axes.set_title("Who could help with each goal")
    axes.set_xlabel("People in your network (S = strong tie, W = weak tie)")
    axes.set_ylabel("Active goals")
    if not goals or not people:
        _empty(
            figure,
            "No active goals yet." if not goals else "Nobody in your network matches a goal yet.",
        )
        return figure
    column = {cid: j for j, cid in enumerate(people)}
    scores = np.zeros((len(goals), len(people)))
    ties: dict[tuple[int, int], str] = {}
    for i, goal in enumerate(goals):
        for candidate in analysis.candidates.get(goal.id, []):
            j = column.get(candidate.contact_id)
            if j is not None:
                scores[i, j] = candidate.score
                ties[i, j] = "S" if candidate.tie_strength == "strong" else "W"
    top = float(scores.max()) or 1.0
    image = axes.imshow(scores, cmap=_COVERAGE_COLOURS, vmin=0, vmax=top, aspect="auto")
    for (i, j), mark in ties.items():
        dark = scores[i, j] > 0.6 * top
        axes.text(j, i, mark, ha="center", va="center", color="white" if dark else "black")
    axes.set_xticks(range(len(people)), [chart_label(names[cid], 22) for cid in people])
    axes.tick_params(axis="x", labelrotation=45)
    for tick in axes.get_xticklabels():
        tick.set_horizontalalignment("right")
    labels = []
    for i, goal in enumerate(goals):
        label = chart_label(goal.statement or goal.id, _LABEL_LENGTH)
        if not scores[i].any():
            label += " (nobody)"
        labels.append(textwrap.fill(label, _LABEL_LINE, max_lines=2, placeholder="…"))
    axes.set_yticks(range(len(goals)), labels)
    figure.colorbar(image, ax=axes, label="Match score")
    return figure


_QUADRANTS: Final = {
    "receptive": ("Receptive", "few spheres, weak ties"),
    "traditional": ("Traditional", "few spheres, strong ties"),
    "opportunistic": ("Opportunistic", "many spheres, weak ties"),
    "entrepreneurial": ("Entrepreneurial", "many spheres, strong ties"),
}


def network_plane(shape: NetworkShape) -> Figure:
    """The network's place on the range-by-strength plane, with the four types named.

    After Higgins & Kram: range is how many spheres the network reaches, strength the share
    of strong ties; the thresholds of ``shape`` split the plane into receptive, traditional,
    opportunistic and entrepreneurial.
    """
    figure, axes = new_figure(7.0, 5.0)
    spheres = len(SPHERES)
    x_split = shape.range_threshold - 0.5
    y_split = shape.strength_threshold
    axes.set_xlim(0, spheres + 0.5)
    axes.set_ylim(0, 1)
    axes.axvline(x_split, color="#555555", linewidth=1, linestyle="--")
    axes.axhline(y_split, color="#555555", linewidth=1, linestyle="--")
    # Names sit in the outer corners so the network's own point never hides them.
    right = spheres + 0.4
    corners = {
        "receptive": (0.1, 0.03, "left", "bottom"),
        "traditional": (0.1, 0.97, "left", "top"),
        "opportunistic": (right, 0.03, "right", "bottom"),
        "entrepreneurial": (right, 0.97, "right", "top"),
    }
    for kind, (x, y, ha, va) in corners.items():
        title, words = _QUADRANTS[kind]
        current = kind == shape.type
        axes.text(
            x,
            y,
            f"{title}\n{words}",
            ha=ha,
            va=va,
            color="#222222" if current else "#666666",
            fontweight="bold" if current else "normal",
        )
    axes.scatter(
        [shape.range], [shape.strong_share], s=160, color=PALETTE[5], edgecolor="black", zorder=3
    )
    axes.annotate(
        f"You: {shape.size} people",
        (shape.range, shape.strong_share),
        xytext=(
            12 if shape.range < spheres - 1 else -12,
            -4 if shape.strong_share < 0.9 else -16,
        ),
        textcoords="offset points",
        ha="left" if shape.range < spheres - 1 else "right",
        color="#222222",
    )
    axes.set_xticks(range(spheres + 1))
    axes.set_title(f"Your network's shape: {_QUADRANTS[shape.type][0].lower()}")
    axes.set_xlabel("Range: spheres your contacts come from")
    axes.set_ylabel("Strength: share of strong ties")
    return figure


def spheres_and_ties(workbook: Workbook) -> Figure:
    """How many contacts come from each sphere, split into strong and weak ties."""
    strong = dict.fromkeys(SPHERES, 0)
    weak = dict.fromkeys(SPHERES, 0)
    for contact in workbook.contacts:
        counts = strong if contact.tie_strength == "strong" else weak
        counts[contact.sphere] = counts.get(contact.sphere, 0) + 1
    labels = [SPHERE_LABELS[s] for s in SPHERES]
    figure, axes = new_figure(7.0, 3.8)
    positions = np.arange(len(SPHERES))
    strong_counts = [strong[s] for s in SPHERES]
    weak_counts = [weak[s] for s in SPHERES]
    axes.barh(positions, strong_counts, color=TIE_COLOURS["strong"], label="Strong ties")
    axes.barh(
        positions, weak_counts, left=strong_counts, color=TIE_COLOURS["weak"], label="Weak ties"
    )
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_title("Where your contacts come from, and how close they are")
    axes.set_xlabel("Number of contacts")
    axes.set_ylabel("Sphere")
    if not workbook.contacts:
        axes.set_xlim(0, 1)
        axes.text(0.5, 0.5, "No contacts yet", ha="center", va="center", transform=axes.transAxes)
    axes.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    axes.legend(loc="lower right", fontsize="small")
    return figure
