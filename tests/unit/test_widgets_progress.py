"""The progress widgets, driven without a browser: set values, click, read what is shown."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from mentorkit import store
from mentorkit.model import Workbook
from mentorkit.widgets.progress import NEW_ENTRY, NOT_RATED, ProgressWorkbench, progress_workbench

HOSTILE = "<script>alert('x')</script> & <b>bold</b>"


def _copy(cohort_dir: Path, pid: str) -> Path:
    return cohort_dir / "workbooks" / f"{pid}.json"


def _bench(cohort_dir: Path, pid: str, today: date) -> ProgressWorkbench:
    return progress_workbench(str(_copy(cohort_dir, pid)), today.isoformat())


def test_on_track_participant_sees_on_track(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p01", today)
    assert "On track" in bench.warnings.value
    assert "on track" in bench.metrics.value
    assert "3 held of 4 planned (3 due so far)" in bench.metrics.value
    assert "T-score: 60.0" in bench.metrics.value


def test_charts_are_drawn_once_asked_for_and_after_each_save(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p01", today)
    assert bytes(bench.plan_chart.value) == b""
    bench.charts()
    for image in (bench.plan_chart, bench.gas_chart, bench.timeline_chart):
        assert bytes(image.value).startswith(b"\x89PNG")
    before = bytes(bench.gas_chart.value)
    bench.rating.value = 2
    bench.save_button.click()
    assert bytes(bench.gas_chart.value) != before  # a new point on the T-score line


def test_stalled_participant_sees_the_warning_and_its_reason(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p02", today)
    assert "Warning: No conversation with" in bench.warnings.value
    assert "40 days" in bench.warnings.value
    assert "behind plan" in bench.metrics.value


def test_completed_participant_sees_closed_and_running(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p03", today)
    assert "closed" in bench.metrics.value and "on track" in bench.metrics.value
    # the closed one was wrapped up already: only ending the running one early is offered
    assert bench.wrap_mentorship.options[0][0].endswith("end early")


def test_waiting_participant_sees_the_unanswered_ask(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p05", today)
    assert "12 days ago" in bench.warnings.value
    assert bench.mentorship.options == ()  # nothing to log before a yes


def test_viewing_never_rewrites_the_workbook(cohort_dir: Path, today: date) -> None:
    path = _copy(cohort_dir, "p03")
    before = path.read_bytes()
    bench = _bench(cohort_dir, "p03", today)
    bench.existing.value = bench.existing.options[1][1]  # open an entry to edit, then leave it
    bench.new_button.click()
    assert path.read_bytes() == before


def test_add_a_conversation_with_a_rating(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p02", today)
    bench.date.value = today - timedelta(days=1)
    bench.minutes.value = 45
    bench.notes.value = HOSTILE
    bench.actions.value = "Send the plan on Friday"
    bench.feedback.value = "Be specific"
    bench.rating.value = 1
    bench.save_button.click()
    assert "Saved: " in bench.checkin_status.value
    workbook = store.load_workbook(_copy(cohort_dir, "p02"))
    added = workbook.checkins[-1]
    assert (added.mentorship_id, added.date, added.minutes, added.rating) == (
        "m1-p02",
        today - timedelta(days=1),
        45,
        1,
    )
    assert added.notes == HOSTILE and added.held
    assert bench.notes.value == "" and bench.existing.value == NEW_ENTRY  # ready for the next
    # the quiet warning went away with the new conversation; the behind one stays
    assert "No conversation with" not in bench.warnings.value
    assert "behind plan" in bench.warnings.value


def test_edit_and_delete_a_conversation(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p01", today)
    latest = bench.existing.options[1][1]
    bench.existing.value = latest
    assert bench.rating.value == 1 and bench.notes.value  # the form holds the entry
    assert "Editing this entry" in bench.checkin_status.value
    bench.rating.value = 2
    bench.notes.value = "Went better than I thought"
    bench.save_button.click()
    assert "Updated: " in bench.checkin_status.value
    workbook = store.load_workbook(_copy(cohort_dir, "p01"))
    (edited,) = [c for c in workbook.checkins if c.id == latest]
    assert edited.rating == 2 and edited.notes == "Went better than I thought"
    assert len(workbook.checkins) == 3
    bench.existing.value = latest
    bench.delete_button.click()
    assert "Deleted the conversation" in bench.checkin_status.value
    workbook = store.load_workbook(_copy(cohort_dir, "p01"))
    assert [c.id for c in workbook.checkins if c.id == latest] == []
    assert latest not in [value for _, value in bench.existing.options]


def test_delete_without_a_choice_says_what_to_do(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p01", today)
    bench.delete_button.click()
    assert "Choose the entry to delete" in bench.checkin_status.value


def test_a_mistake_is_shown_and_the_input_kept(cohort_dir: Path, today: date) -> None:
    path = _copy(cohort_dir, "p01")
    before = path.read_bytes()
    bench = _bench(cohort_dir, "p01", today)
    bench.date.value = today + timedelta(days=3)
    bench.notes.value = "Typed with care"
    bench.save_button.click()
    assert "Problem: date:" in bench.checkin_status.value
    assert "after today" in bench.checkin_status.value
    assert bench.notes.value == "Typed with care"
    assert path.read_bytes() == before


def test_cancelling_clears_the_rating(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p01", today)
    bench.rating.value = -1
    bench.held.value = False
    assert bench.rating.value == NOT_RATED
    bench.save_button.click()
    workbook = store.load_workbook(_copy(cohort_dir, "p01"))
    assert workbook.checkins[-1].held is False and workbook.checkins[-1].minutes == 0


def test_wrap_up_an_ended_mentorship(cohort_dir: Path, today: date) -> None:
    def hostile_goal(workbook: Workbook) -> None:
        workbook.goal(workbook.mentorship("m1-p08").goal_id).statement = HOSTILE

    store.update_workbook(_copy(cohort_dir, "p08"), hostile_goal)
    bench = _bench(cohort_dir, "p08", today)
    assert bench.wrap_mentorship.value == "m1-p08"
    assert "It has ended" in bench.wrap_hint.value
    bench.answers["what_worked"].value = "Naming one value per talk"
    bench.answers["thanks"].value = HOSTILE
    bench.answers["what_next"].value = "Ask someone for the career plan"
    bench.goal_outcome.value = "carried_on"
    bench.wrap_button.click()
    assert "Saved: the mentorship is ended early" in bench.wrap_status.value
    # the carried-on goal is proposed next, and its statement is shown escaped
    assert "&lt;script&gt;alert(" in bench.next_step.value
    assert "<script>" not in bench.next_step.value and "What comes next" in bench.next_step.value
    assert bench.thank_you.value.startswith("Dear ")
    assert bench.answers["what_worked"].value == ""
    workbook = store.load_workbook(_copy(cohort_dir, "p08"))
    texts = [r.text for r in workbook.reflections if r.mentorship_id == "m1-p08"]
    assert HOSTILE in texts and "Ask someone for the career plan" in texts
    assert workbook.goal("g1-p08").status == "active"
    assert bench.last_wrap_up is not None and bench.last_wrap_up.next_step.goal_id == "g1-p08"
    # wrapped up: it leaves the list
    assert "m1-p08" not in [value for _, value in bench.wrap_mentorship.options]


def test_end_a_running_mentorship_early(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p01", today)
    assert bench.wrap_mentorship.value == "m1-p01"
    assert "still running" in bench.wrap_hint.value
    bench.early_note.value = "Reached the goal sooner"
    bench.answers["what_next"].value = "The workshop goal"
    bench.wrap_button.click()
    assert "Say what becomes of the goal first" in bench.wrap_status.value  # nothing assumed
    assert store.load_workbook(_copy(cohort_dir, "p01")).mentorship("m1-p01").status == "active"
    bench.goal_outcome.value = "achieved"
    bench.wrap_button.click()
    assert bench.goal_outcome.value is None  # the next wrap-up is said afresh
    workbook = store.load_workbook(_copy(cohort_dir, "p01"))
    mentorship = workbook.mentorship("m1-p01")
    assert mentorship.status == "ended_early"
    assert mentorship.history[-1].note == "Reached the goal sooner"
    assert workbook.goal("g1-p01").status == "achieved"
    assert "closed" in bench.metrics.value


def test_a_wrap_up_error_keeps_the_answers(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p08", today)
    bench.answers["what_worked"].value = "Keep me"
    data = json.loads(_copy(cohort_dir, "p08").read_text())
    data["mentorships"] = [m for m in data["mentorships"] if m["id"] != "m1-p08"]
    data["checkins"] = [c for c in data["checkins"] if c["mentorship_id"] != "m1-p08"]
    data["reflections"] = [r for r in data["reflections"] if r["mentorship_id"] != "m1-p08"]
    _copy(cohort_dir, "p08").write_text(json.dumps(data))  # another notebook removed it
    bench.goal_outcome.value = "achieved"
    bench.wrap_button.click()
    assert "Problem: mentorship &#x27;m1-p08&#x27; is not in this" in bench.wrap_status.value
    assert bench.answers["what_worked"].value == "Keep me"


def test_empty_workbook_shows_friendly_empty_states(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    store.new_workbook(path, name="New Person")
    bench = progress_workbench(str(path), "2026-11-23")
    assert "No mentorship has started yet" in bench.metrics.value
    assert "Nothing to wrap up yet" in bench.wrap_hint.value
    bench.save_button.click()
    assert "Choose the mentorship" in bench.checkin_status.value
    bench.wrap_button.click()
    assert "no mentorship to wrap up" in bench.wrap_status.value


def test_default_workbook_and_sections(
    tmp_path: Path, _own_workbook_env: Path, cohort_dir: Path
) -> None:
    shutil.copy(_copy(cohort_dir, "p03"), _own_workbook_env.parent.mkdir() or _own_workbook_env)
    bench = progress_workbench(today="2026-11-23")
    assert bench.session.file == _own_workbook_env
    sections = [
        bench.overview(),
        bench.scale_panel,
        bench.checkin_form(),
        bench.charts(),
        bench.wrap_up_form(),
    ]
    assert all(isinstance(section, widgets.VBox) for section in sections)
    assert [box.children[1] for box in bench.widget.children] == sections
    assert "text/plain" in bench._repr_mimebundle_()


def test_typed_text_is_escaped_everywhere_it_is_shown(cohort_dir: Path, today: date) -> None:
    path = _copy(cohort_dir, "p02")

    def hostile_names(workbook: Any) -> None:
        for goal in workbook.goals:
            goal.statement = HOSTILE
        for contact in workbook.contacts:
            contact.name = HOSTILE

    store.update_workbook(path, hostile_names)
    bench = _bench(cohort_dir, "p02", today)
    for html in (bench.metrics.value, bench.warnings.value):
        assert "<script>" not in html and "&lt;script&gt;" in html


# --- the overview follows the plan and its end --------------------------------------------

START = date(2026, 1, 5)  # a Monday: planned on 5, 19 Jan, 2, 16 Feb; the end is 2 Mar


def _planned(
    tmp_path: Path, held_days: tuple[int, ...], *, status: str = "active", today: int
) -> ProgressWorkbench:
    from datetime import UTC, datetime

    from mentorkit.model import CheckIn, Contact, Goal, Mentorship, StatusChange

    asked = datetime(2025, 12, 15, 9, tzinfo=UTC)
    history = [StatusChange("asked", asked), StatusChange("accepted", asked)]
    if status == "active":
        history.append(StatusChange("active", asked))
    workbook = Workbook(
        participant_id="t01",
        goals=[
            Goal(
                id="g1",
                statement="Run the budget review",
                type="short_term_career",
                success_measure="Run 2 budget reviews on my own",
            )
        ],
        contacts=[Contact(id="c1", name="Ada Mentor")],
        mentorships=[
            Mentorship(
                id="m1",
                goal_id="g1",
                contact_id="c1",
                start=START,
                status=status,  # type: ignore[arg-type]
                history=history,
            )
        ],
        checkins=[
            CheckIn(id=f"k{day + 100}", mentorship_id="m1", date=START + timedelta(days=day))
            for day in held_days
        ],
    )
    path = tmp_path / "w.json"
    store.save_workbook(workbook, path)
    return progress_workbench(str(path), (START + timedelta(days=today)).isoformat())


def test_all_held_early_offers_the_wrap_up_not_another_date(tmp_path: Path) -> None:
    bench = _planned(tmp_path, (0, 3, 7, 10), today=16)
    assert "all conversations held: time to wrap up" in bench.metrics.value
    assert "none: time to wrap up" in bench.metrics.value
    assert "Warning" not in bench.warnings.value and "date" not in bench.warnings.value
    assert "Time to wrap up: all 4 planned conversations with Ada Mentor are held" in (
        bench.wrap_up_notes.value
    )
    assert bench.wrap_mentorship.value == "m1"
    assert not bench.wrap_mentorship.options[0][0].endswith("end early")
    assert "All 4 planned conversations are held" in bench.wrap_hint.value
    assert "ends it early" not in bench.wrap_hint.value
    bench.goal_outcome.value = "achieved"
    bench.wrap_button.click()
    assert "the mentorship is completed" in bench.wrap_status.value


def test_after_the_end_date_no_warning_asks_for_a_date(tmp_path: Path) -> None:
    bench = _planned(tmp_path, (0,), today=70)
    assert "agreed end passed: time to wrap up" in bench.metrics.value
    assert "Suggest a date" not in bench.warnings.value
    assert "Agree the remaining dates" not in bench.warnings.value
    assert "the agreed end with Ada Mentor was 2026-03-02 (1 of 4 conversations held)" in (
        bench.wrap_up_notes.value
    )
    assert "No more dates to arrange" in bench.wrap_up_notes.value


def test_a_kick_off_before_the_start_counts_and_the_next_date_shows(tmp_path: Path) -> None:
    bench = _planned(tmp_path, (-4,), today=-2)
    assert "1 held of 4 planned (none due yet)" in bench.metrics.value
    assert "of 0 due" not in bench.metrics.value
    assert "on track" in bench.metrics.value and "2026-01-19" in bench.metrics.value
    assert "Still to hold" in bench.metrics.value and "top'>3</td>" in bench.metrics.value
    assert "On track" in bench.warnings.value


def test_state_and_warning_agree_when_the_next_one_is_overdue(tmp_path: Path) -> None:
    bench = _planned(tmp_path, (0,), today=25)
    assert "next conversation overdue" in bench.metrics.value
    assert "2026-01-19 (overdue)" in bench.metrics.value
    assert "Warning: No conversation with Ada Mentor for 25 days" in bench.warnings.value
    assert ">on track<" not in bench.metrics.value and "On track" not in bench.warnings.value


def test_accepted_never_started_is_warned(tmp_path: Path) -> None:
    bench = _planned(tmp_path, (), status="accepted", today=14)
    assert "not started yet" in bench.metrics.value
    assert "Warning: Ada Mentor said yes" in bench.warnings.value
    assert "no conversation has been held yet" in bench.warnings.value


def test_a_conversation_before_the_ask_asks_first(tmp_path: Path) -> None:
    bench = _planned(tmp_path, (0,), today=3)
    assert bench.date_confirmed.layout.display == "none"
    bench.mentorship.value = "m1"
    bench.date.value = date(2025, 12, 1)  # the ask was written down on 15 December
    bench.save_button.click()
    assert "Is the date right?" in bench.checkin_status.value
    assert bench.date_confirmed.layout.display is None  # the box to confirm it appears
    assert len(store.load_workbook(tmp_path / "w.json").checkins) == 1
    bench.date_confirmed.value = True
    bench.save_button.click()
    assert "Saved: 2025-12-01" in bench.checkin_status.value
    assert len(store.load_workbook(tmp_path / "w.json").checkins) == 2
    assert "Is this date right? The conversation of 2025-12-01" in bench.warnings.value


def test_the_scale_is_drafted_written_shown_beside_the_rating_and_then_fixed(
    tmp_path: Path,
) -> None:
    bench = _planned(tmp_path, (0,), today=3)
    assert "no scale of its own yet" in bench.rating_levels.value
    # A rating is allowed without a scale, so nothing says to write one first.
    assert "before you rate" not in bench.rating_levels.value
    bench.draft_scale_button.click()
    assert bench.scale_levels[0].value == "As expected: Run 2 budget reviews on my own"
    assert "3 budget reviews" in bench.scale_levels[1].value
    bench.scale_levels[-2].value = HOSTILE
    bench.save_scale_button.click()
    assert "Saved the scale" in bench.scale_status.value
    goal = store.load_workbook(tmp_path / "w.json").goals[0]
    assert goal.attainment_scale[0] == HOSTILE and goal.attainment_scale[4].startswith("Much more")
    # the check-in form shows the goal's own levels next to the -2..+2 choice, escaped
    labels = [label for label, _ in bench.rating.options]
    assert any(label.startswith("0  As expected: Run 2 budget reviews") for label in labels)
    assert (
        "&lt;script&gt;" in bench.rating_levels.value
        and "<script>" not in bench.rating_levels.value
    )
    bench.rating.value = 1
    bench.save_button.click()
    assert "Saved: " in bench.checkin_status.value
    # rated now: a change needs a note, and the old scale is kept
    bench.scale_levels[0].value = "Run one review on my own"
    bench.save_scale_button.click()
    assert "say in the note why the levels change" in bench.scale_status.value
    assert "fixed" in bench.scale_hint.value
    bench.scale_levels[0].value = "Run one review on my own"
    bench.scale_note.value = "Aimed too high at first"
    bench.save_scale_button.click()
    goal = store.load_workbook(tmp_path / "w.json").goals[0]
    assert goal.attainment_scale[2] == "Run one review on my own"
    assert [r.note for r in goal.scale_history] == ["Aimed too high at first"]


def test_the_wrap_up_prepares_the_next_ask_for_the_ask_step(cohort_dir: Path, today: date) -> None:
    from mentorkit.widgets.ask import AskWorkbench

    path = _copy(cohort_dir, "p08")
    bench = _bench(cohort_dir, "p08", today)
    assert bench.next_ask_box.layout.display == "none"  # nothing to offer before a wrap-up
    bench.answers["what_worked"].value = "Naming one value per talk"
    bench.goal_outcome.value = "carried_on"
    bench.wrap_button.click()
    step = bench.last_wrap_up.next_step if bench.last_wrap_up else None
    assert step is not None and step.goal_id and step.candidates
    assert bench.next_ask_box.layout.display is None
    assert [value for _, value in bench.next_person.options] == [
        c.contact_id for c in step.candidates
    ]
    before = len(store.load_workbook(path).mentorships)
    bench.prepare_ask_button.click()
    workbook = store.load_workbook(path)
    assert len(workbook.mentorships) == before + 1
    draft = workbook.mentorships[-1]
    assert (draft.status, draft.goal_id) == ("draft", step.goal_id)
    assert draft.contact_id == step.candidates[0].contact_id
    assert (
        "03_the_ask.ipynb" in bench.next_ask_status.value and "draft" in bench.next_ask_status.value
    )
    ask = AskWorkbench(str(path), today.isoformat())  # the ask step opens on that draft
    assert ask.current_id == draft.id and ask.candidate.value == draft.contact_id


def test_the_feedback_is_about_the_mentorship_being_wrapped_up(
    cohort_dir: Path, today: date
) -> None:
    bench = _bench(cohort_dir, "p03", today)  # m1 closed earlier, m2 running
    assert bench.wrap_status.value == ""  # nothing went wrong while the page was made
    assert bench.wrap_mentorship.value == "m2-p03"
    assert bench.feedback_form.mentorship.value == "m2-p03"
    bench.feedback_form.mentorship.value = "m1-p03"  # the person may rate another one
    bench.wrap_mentorship.value = None
    bench.wrap_mentorship.value = "m2-p03"  # choosing the wrap-up again brings it back
    assert bench.feedback_form.mentorship.value == "m2-p03"


@pytest.mark.parametrize("participant", ["p01", "p02", "p03", "p04", "p08"])
def test_the_progress_page_opens_without_a_message_in_any_status_line(
    cohort_dir: Path, today: date, participant: str
) -> None:
    bench = _bench(cohort_dir, participant, today)
    for line in (bench.wrap_status, bench.checkin_status):
        assert "did not work" not in line.value and "Sorry" not in line.value, line.value


def test_delete_is_off_until_a_saved_entry_is_chosen(cohort_dir: Path, today: date) -> None:
    bench = _bench(cohort_dir, "p01", today)
    assert bench.existing.value == NEW_ENTRY and bench.delete_button.disabled
    saved = [value for _, value in bench.existing.options if value != NEW_ENTRY]
    assert saved
    bench.existing.value = saved[0]
    assert not bench.delete_button.disabled
    bench.existing.value = NEW_ENTRY
    assert bench.delete_button.disabled
