"""The widget-free HTML helpers: one home in ``cohort.markup``, shared by report and widgets."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from mentorkit.cohort import markup
from mentorkit.errors import InputError, MentorkitError


def test_the_widgets_use_the_same_helpers_not_copies() -> None:
    from mentorkit.widgets import common

    for name in ("escape", "message_html", "html_table", "parse_today"):
        assert getattr(common, name) is getattr(markup, name), name


def test_the_helpers_do_not_import_ipywidgets() -> None:
    # The report kernel runs once per participant; ipywidgets would cost it ~0.5 s each.
    code = (
        "import sys, mentorkit.cohort.markup, mentorkit.cohort.report; "
        "print('ipywidgets' in sys.modules)"
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
