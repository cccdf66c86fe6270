"""The mentorship status machine: allowed moves, refused moves, history and end dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mentorkit import lifecycle
from mentorkit.errors import TransitionError
from mentorkit.model import MENTORSHIP_STATUSES, Mentorship, StatusChange

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _mentorship(status: str = "draft", **fields: object) -> Mentorship:
    m = Mentorship(id="m-test", goal_id="g1", contact_id="c1", **fields)  # type: ignore[arg-type]
    m.status = status  # type: ignore[assignment]
    m.history = [StatusChange(status=status, at=AT)]  # type: ignore[arg-type]
    return m


def test_every_status_has_a_rule() -> None:
    assert set(lifecycle.ALLOWED_TRANSITIONS) == set(MENTORSHIP_STATUSES)
    for targets in lifecycle.ALLOWED_TRANSITIONS.values():
        assert set(targets) <= set(MENTORSHIP_STATUSES)


def test_the_whole_happy_path_is_recorded_in_history() -> None:
    m = _mentorship()
    for status in ("asked", "accepted", "active", "completed"):
        m = lifecycle.transition(m, status, at=AT, note=f"now {status}")
    assert m.status == "completed"
    assert [c.status for c in m.history] == ["draft", "asked", "accepted", "active", "completed"]
    assert m.history[-1].note == "now completed"
    assert m.history[-1].at == AT


def test_transition_leaves_the_original_alone() -> None:
    m = _mentorship()
    moved = lifecycle.transition(m, "asked", at=AT)
    assert m.status == "draft" and len(m.history) == 1
    assert moved.status == "asked" and len(moved.history) == 2


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "active"),
        ("draft", "accepted"),
        ("asked", "completed"),
        ("declined", "accepted"),
        ("completed", "active"),
        ("ended_early", "active"),
        ("active", "draft"),
    ],
)
def test_illegal_moves_are_refused_with_a_clear_message(start: str, target: str) -> None:
    m = _mentorship(start)
    with pytest.raises(TransitionError) as info:
        lifecycle.transition(m, target, at=AT)
    text = str(info.value)
    assert text.startswith(f"This ask is {lifecycle.STATUS_WORDS[start]}")
    assert "m-test" not in text and "_" not in text  # words, not ids or status codes
    assert m.status == start


def test_refusals_say_what_to_do_instead() -> None:
    assert "Mark it as asked first" in lifecycle.refusal_message("draft", "accepted")
    assert "already asked" in lifecycle.refusal_message("asked", "asked")
    assert "start a new ask" in lifecycle.refusal_message("completed", "active")
    assert lifecycle.refusal_message("active", "draft").endswith(
        "Next it can be marked as completed or ended early."
    )


def test_final_statuses_say_they_are_final() -> None:
    with pytest.raises(TransitionError, match="That is where it ends"):
        lifecycle.transition(_mentorship("completed"), "active", at=AT)


def test_unknown_status_is_refused() -> None:
    with pytest.raises(TransitionError, match="not a mentorship status"):
        lifecycle.transition(_mentorship(), "maybe", at=AT)
    with pytest.raises(TransitionError):
        lifecycle.allowed_transitions("maybe")


def test_naive_time_is_refused() -> None:
    with pytest.raises(TransitionError, match="time zone"):
        lifecycle.transition(_mentorship(), "asked", at=datetime(2026, 11, 23, 9))


def test_ending_early_is_possible_from_active_and_accepted_with_a_note() -> None:
    for status in ("active", "accepted"):
        ended = lifecycle.transition(
            _mentorship(status), "ended_early", at=AT, note="  mentor changed jobs  "
        )
        assert ended.status == "ended_early"
        assert ended.history[-1].note == "mentor changed jobs"


def test_allowed_transitions() -> None:
    assert lifecycle.allowed_transitions("draft") == ("asked",)
    assert set(lifecycle.allowed_transitions("asked")) == {"accepted", "declined", "no_answer"}
    assert lifecycle.allowed_transitions("completed") == ()


def test_record_answer_accepted_makes_it_active() -> None:
    m = lifecycle.record_answer(_mentorship("asked"), "accepted", at=AT, note="Happy to!")
    assert m.status == "active"
    assert [c.status for c in m.history][-2:] == ["accepted", "active"]
    assert m.history[-2].note == "Happy to!"


@pytest.mark.parametrize("answer", ["declined", "no_answer"])
def test_record_answer_turned_down(answer: str) -> None:
    m = lifecycle.record_answer(_mentorship("asked"), answer, at=AT)
    assert m.status == answer


def test_record_answer_refuses_non_answers_and_unasked() -> None:
    with pytest.raises(TransitionError, match="not an answer"):
        lifecycle.record_answer(_mentorship("asked"), "completed", at=AT)
    with pytest.raises(TransitionError, match="still a draft"):
        lifecycle.record_answer(_mentorship("draft"), "accepted", at=AT)


def test_ends_on_and_wrap_up() -> None:
    m = _mentorship("active", start=date(2026, 10, 26), weeks=8)
    assert lifecycle.ends_on(m) == date(2026, 12, 21)
    assert not lifecycle.wrap_up_due(m, date(2026, 12, 20))
    assert lifecycle.wrap_up_due(m, date(2026, 12, 21))
    assert lifecycle.ends_on(_mentorship()) is None
    # every planned conversation held: due before the end, nothing left to schedule
    assert not lifecycle.wrap_up_due(m, date(2026, 11, 20), held=3)
    assert lifecycle.wrap_up_due(m, date(2026, 11, 20), held=4)
    # agreed and never started: due once its end has passed, so it is not forgotten
    accepted = _mentorship("accepted", start=date(2026, 10, 26), weeks=8)
    assert not lifecycle.wrap_up_due(accepted, date(2026, 12, 20))
    assert lifecycle.wrap_up_due(accepted, date(2026, 12, 21))
    assert not lifecycle.wrap_up_due(_mentorship("asked", start=date(2026, 1, 1)), date(2027, 1, 1))
    assert not lifecycle.wrap_up_due(
        _mentorship("completed", start=date(2026, 1, 1)), date(2027, 1, 1)
    )


def test_apply_in_a_workbook_and_unknown_ids() -> None:
    from mentorkit.model import Workbook

    workbook = Workbook(mentorships=[_mentorship("draft")])
    lifecycle.apply_transition(workbook, "m-test", "asked", at=AT)
    assert workbook.mentorships[0].status == "asked"
    lifecycle.apply_answer(workbook, "m-test", "accepted", at=AT)
    assert workbook.mentorships[0].status == "active"
    with pytest.raises(TransitionError, match="m-nope"):
        lifecycle.apply_transition(workbook, "m-nope", "asked", at=AT)


def test_next_candidate_skips_people_already_asked(cohort_dir: Path) -> None:
    from mentorkit.network import rank_candidates
    from mentorkit.store import load_workbook

    workbook = load_workbook(cohort_dir / "workbooks" / "p07.json")
    declined = next(m for m in workbook.mentorships if m.status == "declined")
    ranking = [c.contact_id for c in rank_candidates(workbook, workbook.goal(declined.goal_id))]
    asked = {m.contact_id for m in workbook.mentorships if m.goal_id == declined.goal_id}
    expected = next(c for c in ranking if c not in asked)
    chosen = lifecycle.next_candidate(workbook, declined)
    assert chosen == expected
    assert chosen not in asked
    # nobody left when every candidate has been asked
    for contact_id in ranking:
        workbook.mentorships.append(
            Mentorship(id=f"m-{contact_id}", goal_id=declined.goal_id, contact_id=contact_id)
        )
    assert lifecycle.next_candidate(workbook, declined) is None
