"""The network charts: Figures with titles, labelled axes, palette colours, honest content."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from mentorkit import store
from mentorkit.charts.network import coverage_matrix, network_plane, spheres_and_ties
from mentorkit.charts.style import PALETTE, TIE_COLOURS, figure_png
from mentorkit.model import Contact, Goal, Profile, Workbook
from mentorkit.network import analyse_network, network_shape


def _workbook() -> Workbook:
    return Workbook(
        profile=Profile(name="Sam", organisation="Acme"),
        goals=[
            Goal(id="g1", statement="Run the budget review", areas=["budgeting"]),
            Goal(id="g2", statement="Choose my values", areas=["values"], type="psychosocial"),
        ],
        contacts=[
            Contact(id="c1", name="Ana $x$", areas=["budgeting"], tie_strength="strong"),
            Contact(id="c2", name="Bo", areas=["budgeting"], sphere="same_team"),
            Contact(id="c3", name="Cy", areas=["cooking"], sphere="personal"),
        ],
    )


def _texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.axes[0].texts]


def _check_labels(figure: Figure) -> None:
    axes = figure.axes[0]
    assert axes.get_title()
    assert axes.get_xlabel()
    assert axes.get_ylabel()
    assert figure_png(figure).startswith(b"\x89PNG")


def test_coverage_matrix_rows_columns_and_marks() -> None:
    wb = _workbook()
    figure = coverage_matrix(wb)
    _check_labels(figure)
    axes = figure.axes[0]
    people = [t.get_text() for t in axes.get_xticklabels()]
    assert people == [r"Ana \$x\$", "Bo"]  # "$" escaped: a name is never read as maths
    goals = [t.get_text() for t in axes.get_yticklabels()]
    assert goals == ["Run the budget review", "Choose my values\n(nobody)"]
    assert sorted(_texts(figure)) == ["S", "W"]
    matrix = axes.images[0].get_array()
    assert matrix.shape == (2, 2)
    assert matrix[0, 0] > matrix[0, 1] > 0
    assert not matrix[1].any()


def test_coverage_matrix_caps_people() -> None:
    wb = _workbook()
    wb.contacts = [Contact(id=f"c{i}", name=f"P{i:02d}", areas=["budgeting"]) for i in range(30)]
    axes = coverage_matrix(wb, max_people=10).axes[0]
    assert len(axes.get_xticklabels()) == 10


@pytest.mark.parametrize(
    ("workbook", "message"),
    [
        (Workbook(), "No active goals yet."),
        (
            Workbook(goals=[Goal(id="g", statement="x", areas=["values"])]),
            "Nobody in your network matches a goal yet.",
        ),
    ],
)
def test_coverage_matrix_when_empty(workbook: Workbook, message: str) -> None:
    figure = coverage_matrix(workbook)
    _check_labels(figure)
    assert _texts(figure) == [message]


def test_network_plane_names_four_quadrants_and_places_the_network() -> None:
    shape = network_shape(_workbook())
    figure = network_plane(shape)
    _check_labels(figure)
    texts = " ".join(_texts(figure))
    for name in ("Receptive", "Traditional", "Opportunistic", "Entrepreneurial"):
        assert name in texts
    axes = figure.axes[0]
    (point,) = axes.collections[0].get_offsets()
    assert tuple(point) == (shape.range, shape.strong_share)
    assert to_hex(axes.collections[0].get_facecolor()[0]) == PALETTE[5].lower()
    assert shape.type in axes.get_title()
    # the dashed lines sit on the thresholds
    x_line, y_line = axes.lines
    assert x_line.get_xdata()[0] == shape.range_threshold - 0.5
    assert y_line.get_ydata()[0] == shape.strength_threshold


def test_network_plane_for_the_largest_network(cohort_dir: Path) -> None:
    wb = store.load_workbook(cohort_dir / "workbooks" / "p05.json")
    figure = network_plane(analyse_network(wb).shape)
    assert "You: 60 people" in _texts(figure)


def test_spheres_and_ties_counts_and_colours() -> None:
    figure = spheres_and_ties(_workbook())
    _check_labels(figure)
    axes = figure.axes[0]
    strong, weak = axes.containers
    assert [bar.get_width() for bar in strong] == [0, 0, 1, 0, 0, 0]
    assert [bar.get_width() for bar in weak] == [1, 0, 0, 0, 0, 1]
    assert to_hex(strong[0].get_facecolor()) == TIE_COLOURS["strong"].lower()
    assert to_hex(weak[0].get_facecolor()) == TIE_COLOURS["weak"].lower()
    assert axes.get_yticklabels()[0].get_text() == "Same team"


def test_spheres_and_ties_empty() -> None:
    figure = spheres_and_ties(Workbook())
    assert "No contacts yet" in _texts(figure)


def _outside_the_canvas(figure: Figure) -> list[str]:
    """Each text of the drawn figure (titles, axis labels, ticks, colour bar) that is cut."""
    figure.draw_without_rendering()  # lays the figure out as saving it does
    canvas = figure.bbox
    cut = []
    for axes in figure.axes:
        texts = [axes.title, axes.xaxis.label, axes.yaxis.label, *axes.texts]
        for ticks, labels, (low, high) in (
            (axes.get_xticks(), axes.get_xticklabels(), sorted(axes.get_xlim())),
            (axes.get_yticks(), axes.get_yticklabels(), sorted(axes.get_ylim())),
        ):  # only the ticks drawn: those inside the axis' limits
            texts += [label for at, label in zip(ticks, labels, strict=True) if low <= at <= high]
        for text in texts:
            if not text.get_text() or not text.get_visible():
                continue
            box = text.get_window_extent()
            inside = canvas.x0 - 1 <= box.x0 and canvas.y0 - 1 <= box.y0
            if not (inside and box.x1 <= canvas.x1 + 1 and box.y1 <= canvas.y1 + 1):
                cut.append(text.get_text())
    return cut


def _crowded() -> Workbook:
    long = "Lead the cross-team review of how decisions get made in the quarterly planning"
    return Workbook(
        goals=[Goal(id=f"g{i}", statement=f"{long} {i}", areas=["budgeting"]) for i in range(6)],
        contacts=[
            Contact(id=f"c{i}", name=f"Maximiliana Oyelaran-Whitfield {i}", areas=["budgeting"])
            for i in range(20)
        ],
    )


def test_every_label_of_the_coverage_chart_lies_inside_its_canvas(cohort_dir: Path) -> None:
    workbooks = [store.load_workbook(p) for p in sorted((cohort_dir / "workbooks").glob("*.json"))]
    one = Workbook(
        goals=[Goal(id="g", statement="Budgets", areas=["budgeting"])],
        contacts=[Contact(id="c", name="Bo", areas=["budgeting"])],
    )
    for workbook in [*workbooks, _crowded(), one, _workbook()]:
        figure = coverage_matrix(workbook)
        assert _outside_the_canvas(figure) == [], workbook.profile.name


def test_the_coverage_chart_is_drawn_as_wide_as_the_others_at_most() -> None:
    # Wider than the others, it was shown scaled down, and its letters looked smaller.
    from mentorkit.charts.style import CHART_MAX_WIDTH

    figure = coverage_matrix(_crowded())
    plane = network_plane(network_shape(_crowded()))
    assert figure.get_size_inches()[0] <= CHART_MAX_WIDTH
    assert plane.get_size_inches()[0] <= CHART_MAX_WIDTH
    xlabel, other = figure.axes[0].xaxis.label, plane.axes[0].xaxis.label
    assert (xlabel.get_fontsize(), xlabel.get_fontname()) == (
        other.get_fontsize(),
        other.get_fontname(),
    )
