"""The rendering layer (``mentorkit.render``): one home for HTML and text, shared by report and widgets."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from mentorkit import render as markup
from mentorkit.errors import InputError, MentorkitError


def test_the_widgets_use_the_same_helpers_not_copies() -> None:
    from mentorkit.widgets import common

    for name in ("escape", "message_html", "html_table", "parse_today"):
        assert getattr(common, name) is getattr(markup, name), name


def test_the_helpers_do_not_import_ipywidgets() -> None:
    # The report kernel runs once per participant; ipywidgets would cost it ~0.5 s each.
    code = (
        "import sys, mentorkit.render, mentorkit.cohort.report; print('ipywidgets' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "False"


def test_messages_and_tables_escape_what_a_person_typed() -> None:
    message = markup.message_html("<b>Amara</b>\nline two", "warning")
    assert "&lt;b&gt;Amara&lt;/b&gt;<br>line two" in message
    assert "mentorkit-warning" in message
    assert markup.message_html("<i>ours</i>", escaped=True).count("<i>ours</i>") == 1
    table = markup.html_table([{"name": "<script>x</script>"}], [("name", "Name & role")])
    assert "&lt;script&gt;x&lt;/script&gt;" in table and "Name &amp; role" in table
    assert "<script>" not in table


def test_parse_today_reads_iso_dates_and_names_a_bad_one() -> None:
    assert markup.parse_today("2026-11-23 ") == date(2026, 11, 23)
    assert markup.parse_today(date(2026, 1, 2)) == date(2026, 1, 2)
    assert markup.parse_today("") == date.today()
    with pytest.raises(InputError, match="today: 'soon' is not a date") as caught:
        markup.parse_today("soon")
    assert isinstance(caught.value, MentorkitError)


def test_html_templates_escape_every_value_the_same_way_as_escape() -> None:
    typed = '<img src=x onerror=alert(1)> O\'Brien & "Sam"'
    shown = str(markup.Html("<td>{}</td>").format(typed))
    assert shown == f"<td>{markup.escape(typed)}</td>"
    assert "<img" not in shown and "&#x27;" in shown and "&quot;" in shown


def test_shorten_keeps_one_line_and_cuts_with_an_ellipsis() -> None:
    assert markup.shorten("  a\n\tb  c ", 10) == "a b c"
    assert markup.shorten("abcdef ghij", 8) == "abcdef…"
    assert len(markup.shorten("x" * 10_000, 70)) == 70


def test_join_words_lists_with_the_last_word() -> None:
    assert markup.join_words([]) == ""
    assert markup.join_words(["a"]) == "a"
    assert markup.join_words(["a", "b"]) == "a and b"
    assert markup.join_words(["a", "b", "c"], "or") == "a, b or c"


def test_figures_are_embedded_as_png_with_escaped_alt_text() -> None:
    import base64

    from mentorkit.charts.style import figure_img, new_figure

    figure, _ = new_figure(2.0, 1.0)
    img = figure_img(figure, 'Sam\'s "goals" <b>')
    assert img.startswith('<img src="data:image/png;base64,')
    encoded = img.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(encoded).startswith(b"\x89PNG")
    assert "<b>" not in img and "&lt;b&gt;" in img
    assert markup.data_uri(b"a,b\n", "text/csv") == "data:text/csv;base64,YSxiCg=="


def test_widgets_import_nothing_from_the_cohort_package() -> None:
    code = (
        "import sys, mentorkit.widgets.goals, mentorkit.widgets.network, mentorkit.widgets.ask, "
        "mentorkit.widgets.progress, mentorkit.widgets.start; "
        "print(sorted(m for m in sys.modules if m.startswith('mentorkit.cohort')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"


def test_table_headings_and_dates_do_not_wrap_inside() -> None:
    from datetime import date as _date

    from mentorkit.render import html_table

    html = html_table(
        [{"when": "2027-02-01", "day": _date(2027, 2, 1), "what": "a long note"}],
        [("when", "Target date"), ("day", "Day"), ("what", "What")],
    )
    assert html.count("white-space:nowrap") == 3 + 2  # three headings, two dates
    assert "<td style='padding:4px 8px;vertical-align:top'>a long note</td>" in html


def test_a_chart_joined_to_html_keeps_that_html() -> None:
    # figure_img returned markup: "<p>…</p>" + markup escaped the paragraph into text.
    from matplotlib.figure import Figure

    from mentorkit.charts.style import figure_img
    from mentorkit.render import html_table

    figure = Figure()
    figure.add_subplot().plot([1, 2])
    joined = "<p>3 participants</p>" + figure_img(figure, "A <chart>") + html_table([], [])
    assert type(figure_img(figure, "x")) is str
    assert joined.startswith("<p>3 participants</p><img ") and "&lt;p&gt;" not in joined
    assert 'alt="A &lt;chart&gt;"' in joined and "<table class='mentorkit-table'" in joined


def test_a_count_and_its_noun_agree() -> None:
    assert markup.counted(1, "goal") == "1 goal"
    assert markup.counted(12, "contact") == "12 contacts"
    assert markup.counted(0, "conversation") == "0 conversations"
    assert markup.counted(2, "row has", "rows have") == "2 rows have"
