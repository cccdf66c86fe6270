"""One rule for every form's status line: starting the next thing clears what the last said."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as widgets

from mentorkit import store
from mentorkit.widgets.ask import ask_workbench
from mentorkit.widgets.common import clears_on_edit, message_html, status_line
from mentorkit.widgets.profile import ProfileForm
from mentorkit.widgets.progress import ProgressWorkbench
from mentorkit.widgets.share import SharePanel

TODAY = "2026-11-23"


def _workbook(cohort_dir: Path, participant: str) -> Path:
    return cohort_dir / "workbooks" / f"{participant}.json"


def test_the_rule_clears_on_a_change_unless_a_question_waits() -> None:
    status = status_line()
    box = widgets.Text()
    waiting = [False]
    clears_on_edit(status, [box], unless=lambda: waiting[0])
    status.value = message_html("Saved: x", "ok")
    waiting[0] = True
    box.value = "a"
    assert "Saved" in status.value  # the question is still open
    waiting[0] = False
    box.value = "ab"
    assert status.value == ""


def test_the_ask_clears_saved_as_draft_when_the_ask_changes(cohort_dir: Path) -> None:
    bench = ask_workbench(str(_workbook(cohort_dir, "p01")), TODAY)
    bench.goal.value = "g3-p01"
    bench.save_button.click()
    assert "Saved as a draft" in bench.status.value
    bench.sessions.value = 3
    assert bench.status.value == ""
    bench.asked_button.click()
    assert "Marked as asked" in bench.status.value
    bench.answer_note.value = "She said yes at lunch"
    assert bench.status.value == ""


def test_the_progress_forms_clear_their_lines(cohort_dir: Path, today: date) -> None:
    bench = ProgressWorkbench(str(_workbook(cohort_dir, "p01")), today.isoformat())
    bench.notes.value = "Talked about the board deck"
    bench.save_button.click()
    assert "Saved:" in bench.checkin_status.value
    bench.notes.value = "The next one"
    assert bench.checkin_status.value == ""

    bench.save_scale_button.click()
    assert bench.scale_status.value
    bench.scale_note.value = "because"
    assert bench.scale_status.value == ""

    bench.wrap_mentorship.options = []  # nothing to wrap up: the press says so
    bench.wrap_button.click()
    assert "no mentorship to wrap up" in bench.wrap_status.value
    bench.answers["what_worked"].value = "Naming one value per talk"
    assert bench.wrap_status.value == ""


def test_the_feedback_form_clears_its_line(cohort_dir: Path, today: date) -> None:
    bench = ProgressWorkbench(str(_workbook(cohort_dir, "p08")), today.isoformat())
    form = bench.feedback_form
    assert form.mentorship.value is not None
    form.usefulness.value = 4
    form.recommend.value = "yes"
    form.save_button.click()
    assert "Feedback saved" in form.status.value
    form.comment.value = "One more thought"
    assert form.status.value == ""


def test_the_share_line_is_about_the_file_shown_now(sample_workbook: Path) -> None:
    # The share's line says what the file shown is: a change prepares it again, and the new
    # line is not swept away by the rule (it runs first).
    panel = SharePanel(sample_workbook, TODAY)
    panel.level.value = "goals"
    assert "goals share is ready" in panel.status.value


def test_the_profile_line_clears_on_any_field(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    store.new_workbook(path)
    form = ProfileForm(str(path), TODAY)
    for control in (form.role, form.organisation, form.country, form.away_note):
        form.status.value = message_html("Saved: earlier", "ok")
        control.value = "DE" if control is form.country else "x"
        assert form.status.value == "", control.description
