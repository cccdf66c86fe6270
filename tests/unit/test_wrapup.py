"""Wrap-up: state changes on the workbook, proposals for what comes next, the thank-you note."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit import store
from mentorkit.errors import InputError
from mentorkit.model import Workbook
from mentorkit.wrapup import (
    GOAL_OUTCOMES,
    WRAP_UP_PROMPTS,
    is_wrapped_up,
    mentorships_to_wrap_up,
    propose_next,
    thank_you_note,
    wrap_up,
)
from tests.strategies import workbooks

ANSWERS = {
    "what_worked": "One clear question per conversation",
    "what_changed": "i ran the review myself",
    "thanks": "your patience with my first draft",
    "what_next": "start on my three-year plan",
}


def _sample(cohort_dir: Path, pid: str) -> Workbook:
    return store.load_workbook(cohort_dir / "workbooks" / f"{pid}.json")


def test_prompts_cover_the_four_questions() -> None:
    assert [p.key for p in WRAP_UP_PROMPTS] == [
        "what_worked",
        "what_changed",
        "thanks",
        "what_next",
    ]
    assert all(p.question.endswith("?") and p.hint for p in WRAP_UP_PROMPTS)
    assert GOAL_OUTCOMES == ("achieved", "carried_on", "dropped")


def test_wrap_up_after_the_end_completes_and_records_everything(
    cohort_dir: Path, today: date
) -> None:
    workbook = _sample(cohort_dir, "p01")
    later = today + timedelta(days=40)  # m1-p01 started 2026-10-26, eight weeks run out 12-21
    result = wrap_up(workbook, "m1-p01", ANSWERS, "achieved", later)
    mentorship = workbook.mentorship("m1-p01")
    assert mentorship.status == "completed" and result.closed_as == "completed"
    assert mentorship.history[-1].status == "completed"
    assert mentorship.history[-1].at.date() == later
    assert workbook.goal("g1-p01").status == "achieved" and result.goal_status == "achieved"
    saved = [r for r in workbook.reflections if r.mentorship_id == "m1-p01"]
    assert [r.prompt for r in saved] == [p.question for p in WRAP_UP_PROMPTS]
    assert [r.text for r in saved] == list(ANSWERS.values())
    assert all(r.date == later for r in saved)
    assert result.reflections_added == 4
    assert is_wrapped_up(workbook, "m1-p01")
    store.validate_workbook(workbook)  # what the wrap-up leaves behind is a valid workbook


def test_wrap_up_before_the_end_ends_early_with_the_note(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p01")
    result = wrap_up(
        workbook, "m1-p01", {"what_worked": "x"}, "carried_on", today, note="New job for them"
    )
    mentorship = workbook.mentorship("m1-p01")
    assert result.closed_as == "ended_early" and mentorship.status == "ended_early"
    assert mentorship.history[-1].note == "New job for them"
    assert workbook.goal("g1-p01").status == "active"
    # carried on: the same goal again, with somebody new
    assert result.next_step.goal_id == "g1-p01"
    assert all(c.contact_id != mentorship.contact_id for c in result.next_step.candidates)


def test_wrap_up_of_an_already_closed_mentorship_keeps_its_status(
    cohort_dir: Path, today: date
) -> None:
    workbook = _sample(cohort_dir, "p08")
    assert [m.id for m in mentorships_to_wrap_up(workbook, today)] == ["m1-p08"]
    history_before = list(workbook.mentorship("m1-p08").history)
    result = wrap_up(workbook, "m1-p08", {"what_next": "Try again in spring"}, "dropped", today)
    assert result.closed_as == "ended_early"
    assert workbook.mentorship("m1-p08").history == history_before
    assert workbook.goal("g1-p08").status == "dropped"
    assert mentorships_to_wrap_up(workbook, today) == []


def test_completed_sample_is_already_wrapped_up(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p03")
    assert is_wrapped_up(workbook, "m1-p03")
    assert not is_wrapped_up(workbook, "m2-p03")
    assert mentorships_to_wrap_up(workbook, today) == []
    assert [m.id for m in mentorships_to_wrap_up(workbook, today + timedelta(days=60))] == [
        "m2-p03"
    ]


def test_empty_answers_are_skipped(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p01")
    before = len(workbook.reflections)
    result = wrap_up(workbook, "m1-p01", {"what_worked": "  ", "thanks": ""}, "dropped", today)
    assert result.reflections_added == 0 and len(workbook.reflections) == before


@pytest.mark.parametrize(
    ("mentorship_id", "answers", "outcome", "error", "words"),
    [
        ("m1-p01", {}, "finished", InputError, "goal outcome 'finished'"),
        ("m1-p01", {"how": "x"}, "achieved", InputError, "unknown question"),
        ("nope", {}, "achieved", InputError, "'nope' is not in this workbook"),
    ],
)
def test_bad_wrap_up_input_changes_nothing(
    cohort_dir: Path,
    today: date,
    mentorship_id: str,
    answers: dict[str, str],
    outcome: str,
    error: type[Exception],
    words: str,
) -> None:
    workbook = _sample(cohort_dir, "p01")
    before = store.workbook_to_dict(workbook)
    with pytest.raises(error, match=words):
        wrap_up(workbook, mentorship_id, answers, outcome, today)
    assert store.workbook_to_dict(workbook) == before


def test_an_ask_without_an_answer_cannot_be_wrapped_up(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p05")
    with pytest.raises(InputError, match="nothing to wrap up"):
        wrap_up(workbook, "m1-p05", {}, "achieved", today)


def test_an_accepted_mentorship_can_be_called_off(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p08")
    result = wrap_up(workbook, "m2-p08", {}, "carried_on", today, note="Could not find a date")
    assert result.closed_as == "ended_early"
    assert workbook.mentorship("m2-p08").history[-1].note == "Could not find a date"


def test_a_final_status_cannot_be_closed_again(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p07")
    with pytest.raises(InputError, match="declined, so there is nothing to wrap up"):
        wrap_up(workbook, "m1-p07", {}, "achieved", today)


def test_next_goal_is_the_first_free_active_goal(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p03")
    # m1-p03's goal is achieved; g2 is being mentored already, so nothing is free
    step = propose_next(workbook, "m1-p03")
    assert step.goal_id is None and "01_goals.ipynb" in step.reason
    workbook = _sample(cohort_dir, "p01")
    result = wrap_up(workbook, "m1-p01", {}, "achieved", today)
    assert result.next_step.goal_id == "g2-p01"
    assert "next active goal" in result.next_step.reason
    assert 1 <= len(result.next_step.candidates) <= 3


def test_next_candidates_skip_busy_people_and_earlier_asks(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p07")
    workbook.goal("g1-p07").status = "active"
    step = propose_next(workbook, "m1-p07")
    asked = {m.contact_id for m in workbook.mentorships if m.goal_id == step.goal_id}
    assert step.goal_id is not None
    assert not asked & {c.contact_id for c in step.candidates}


def test_thank_you_note_uses_the_answers(cohort_dir: Path, today: date) -> None:
    workbook = _sample(cohort_dir, "p01")
    note = thank_you_note(workbook, "m1-p01", ANSWERS)
    mentor = workbook.contact(workbook.mentorship("m1-p01").contact_id).name.split()[0]
    assert note.startswith(f"Dear {mentor},")
    assert "the 3 conversations" in note
    assert "Your patience with my first draft." in note
    assert "What changed for me: I ran the review myself." in note
    assert note.rstrip().endswith(workbook.profile.name)
    bare = thank_you_note(
        Workbook(
            goals=workbook.goals, contacts=workbook.contacts, mentorships=workbook.mentorships
        ),
        "m1-p01",
        {},
    )
    assert "agreeing to help" in bare and "[" not in bare
    assert bare.rstrip().endswith("With thanks,")  # no placeholder to send by mistake


@settings(max_examples=60, deadline=None)
@given(workbook=workbooks(), outcome=st.sampled_from(GOAL_OUTCOMES), answer=st.text(max_size=40))
def test_wrap_up_of_any_workbook_leaves_a_valid_one(
    workbook: Workbook, outcome: str, answer: str
) -> None:
    day = date(2026, 11, 23)
    for mentorship in list(workbook.mentorships):
        if mentorship.status not in ("accepted", "active", "completed", "ended_early"):
            with pytest.raises(InputError):
                wrap_up(workbook, mentorship.id, {"what_next": answer}, outcome, day)
            continue
        result = wrap_up(workbook, mentorship.id, {"what_next": answer}, outcome, day)
        assert workbook.mentorship(mentorship.id).status in ("completed", "ended_early")
        assert result.goal_status == workbook.goal(mentorship.goal_id).status
        assert result.thank_you.startswith("Dear ")
    store.validate_workbook(workbook)


# --- the end of the plan: all conversations held, or the agreed end reached -----------------

START = date(2026, 1, 5)


def _planned_workbook(status: str, held_days: tuple[int, ...]) -> Workbook:
    from datetime import UTC, datetime

    from mentorkit.model import CheckIn, Contact, Goal, Mentorship, StatusChange

    asked = datetime(2025, 12, 15, 9, tzinfo=UTC)
    history = [StatusChange("asked", asked), StatusChange("accepted", asked)]
    if status == "active":
        history.append(StatusChange("active", asked))
    mentorship = Mentorship(
        id="m1",
        goal_id="g1",
        contact_id="c1",
        start=START,
        status=status,
        history=history,  # type: ignore[arg-type]
    )
    checkins = [
        CheckIn(id=f"k{day}", mentorship_id="m1", date=START + timedelta(days=day), rating=0)
        for day in held_days
    ]
    return Workbook(
        goals=[Goal(id="g1", statement="Run the budget review")],
        contacts=[Contact(id="c1", name="Ada Mentor")],
        mentorships=[mentorship],
        checkins=checkins,
    )


@pytest.mark.parametrize(
    ("status", "held", "today", "listed", "closed_as"),
    [
        ("active", (0, 3, 7, 10), 16, True, "completed"),  # all held early: completed
        ("active", (0, 14), 30, False, "ended_early"),  # still running: ending it is early
        ("active", (0, 14), 56, True, "completed"),  # the end reached
        ("active", (0,), 400, True, "completed"),  # far after the end
        ("accepted", (), 21, False, "ended_early"),  # agreed, never started, called off
        ("accepted", (), 60, True, "ended_early"),  # never started, its end passed
        ("accepted", (0, 14, 28, 42), 43, True, "completed"),  # held, never marked active
    ],
)
def test_wrap_up_follows_the_plan(
    status: str, held: tuple[int, ...], today: int, listed: bool, closed_as: str
) -> None:
    from mentorkit.lifecycle import ALLOWED_TRANSITIONS

    workbook = _planned_workbook(status, held)
    day = START + timedelta(days=today)
    assert bool(mentorships_to_wrap_up(workbook, day)) is listed
    result = wrap_up(workbook, "m1", ANSWERS, "achieved", day, note="Both too busy")
    mentorship = workbook.mentorship("m1")
    assert result.closed_as == closed_as == mentorship.status
    statuses = [change.status for change in mentorship.history]
    assert all(b in ALLOWED_TRANSITIONS[a] for a, b in pairwise(statuses))  # a valid path
    assert mentorship.history[-1].note == ("Both too busy" if closed_as == "ended_early" else "")
    assert not mentorships_to_wrap_up(workbook, day)  # answered: nothing left to wrap up
