"""Every chart draws a person's text as typed: dollar signs, emoji, markup, any script."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from matplotlib.figure import Figure

from mentorkit import store
from mentorkit.charts import goals as goal_charts
from mentorkit.charts import network as network_charts
from mentorkit.charts import progress as progress_charts
from mentorkit.charts.style import PALETTE, chart_label, figure_png
from mentorkit.network import analyse_network, network_shape

AWKWARD = "Save $5 and $10 a week 🚀 <b>naïve</b> مرحبا 进步 " + "x" * 200


def test_chart_label_escapes_maths_shortens_and_replaces_missing_glyphs() -> None:
    label = chart_label(AWKWARD, 30)
    assert len(label) <= 32  # 30 characters plus the escaping backslashes
    assert r"\$5" in label
    assert "🚀" not in label
    assert label.endswith("…")


def test_every_chart_draws_awkward_text_without_a_warning(
    sample_workbook: Path, today: date
) -> None:
    workbook = store.load_workbook(sample_workbook)
    for goal in workbook.goals:
        goal.statement = AWKWARD
    for contact in workbook.contacts:
        contact.name = "Zoë $ 👩🏽‍💻 <script>"
    figures: list[Figure] = [
        goal_charts.goals_timeline_chart(workbook.goals, today),
        network_charts.coverage_matrix(workbook, analyse_network(workbook)),
        network_charts.network_plane(network_shape(workbook)),
        network_charts.spheres_and_ties(workbook),
        progress_charts.plan_vs_held_chart(workbook, today),
        progress_charts.gas_chart(workbook, today),
        progress_charts.mentorship_timeline_chart(workbook, today),
    ]
    for figure in figures:
        assert figure_png(figure).startswith(b"\x89PNG")  # -W error: a glyph warning fails
        for axes in figure.axes:
            if axes.get_label() == "<colorbar>":
                continue
            assert axes.get_title(), "every chart has a title"
            assert axes.get_xlabel() or axes.get_ylabel(), "axes are labelled"
    assert len(set(PALETTE)) == 8
