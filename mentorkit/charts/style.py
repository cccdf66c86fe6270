"""The shared look of mentorkit's charts: a colour-blind-safe palette and a figure factory."""

from __future__ import annotations

import functools
import io
from typing import Final

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from mentorkit.render import Html, data_uri, shorten

#: Okabe & Ito (2008): distinguishable with protanopia, deuteranopia and tritanopia.
PALETTE: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
#: One colour per goal type, used by every chart that colours by type.
GOAL_TYPE_COLOURS: Final = {
    "short_term_career": PALETTE[0],
    "long_term_career": PALETTE[1],
    "psychosocial": PALETTE[2],
    None: "#999999",
}
TIE_COLOURS: Final = {"strong": PALETTE[0], "weak": PALETTE[4]}


#: Inches: the widest chart, so every chart is shown at its drawn size (at 100 dpi, 900 px)
#: and its letters are as big as the other charts' (a wider one, scaled down to fit, had
#: smaller ones).
CHART_MAX_WIDTH: Final = 9.0


def new_figure(width: float = 8.0, height: float = 4.0) -> tuple[Figure, Axes]:
    """A Figure with one Axes, made without pyplot so nothing is shown or kept globally."""
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.add_subplot()
    return figure, axes


def figure_png(figure: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for an ``ipywidgets.Image`` or a saved report)."""
    buffer = io.BytesIO()
    # "tight": whatever the layout could not fit still lands on the picture, never cut off.
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1)
    return buffer.getvalue()


@functools.cache
def _font_has(character: str) -> bool:
    font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties()))
    return bool(font.get_char_index(ord(character)))


def chart_label(text: str, limit: int = 40) -> str:
    """A person's text made safe to draw in a chart.

    Shortened to ``limit`` characters, whitespace collapsed, ``$`` escaped so matplotlib does
    not read it as maths (an unmatched ``$`` would fail the whole drawing), and characters the
    font lacks (emoji, some scripts) shown as "?" instead of empty boxes and a warning.
    """
    text = shorten(text, limit)
    text = "".join(ch if ch.isascii() or _font_has(ch) else "?" for ch in text)
    return text.replace("$", r"\$")


def label_axes(axes: Axes, title: str, xlabel: str, ylabel: str) -> None:
    """Give a chart its title and both axis labels (every chart has all three)."""
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)


def empty_figure(figure: Figure, title: str, text: str, xlabel: str, ylabel: str) -> Figure:
    """A chart with nothing to draw yet: its labels, and ``text`` saying why in the middle."""
    axes = figure.axes[0]
    label_axes(axes, title, xlabel, ylabel)
    axes.text(0.5, 0.5, text, ha="center", va="center", transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])
    return figure


def figure_img(figure: Figure, alt: str) -> str:
    """A chart as an ``<img>`` holding its PNG, with ``alt`` text for screen readers."""
    # A plain str like every HTML helper: markup added to a str escapes the str (the
    # dashboard's "How the programme went" showed its own tables as text).
    return str(
        Html('<img src="{}" alt="{}" style="max-width:100%;height:auto">').format(
            data_uri(figure_png(figure), "image/png"), alt
        )
    )
