"""The status vocabulary: one enum, one table of words, and every (from, to) move checked."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime

import pytest

from mentorkit import lifecycle
from mentorkit.errors import TransitionError
from mentorkit.model import MENTORSHIP_STATUSES, Mentorship, StatusChange
from mentorkit.status import NEXT, WORDS, Status

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

#: The status diagram, written out on its own (not read from the code it checks).
DIAGRAM = {
    ("draft", "asked"),
    ("asked", "accepted"),
    ("asked", "declined"),
    ("asked", "no_answer"),
    ("no_answer", "accepted"),
    ("no_answer", "declined"),
    ("no_answer", "asked"),
    ("accepted", "active"),
    ("accepted", "ended_early"),
    ("active", "completed"),
    ("active", "ended_early"),
}
PAIRS = list(itertools.product(MENTORSHIP_STATUSES, repeat=2))


def _mentorship(status: str) -> Mentorship:
    m = Mentorship(id="m-test", goal_id="g1", contact_id="c1")
    m.status = status  # type: ignore[assignment]
    m.history = [StatusChange(status=status, at=AT)]  # type: ignore[arg-type]
    return m


def test_the_enum_is_the_model_s_statuses_and_compares_as_text() -> None:
    assert tuple(Status) == MENTORSHIP_STATUSES
    assert Status.ACTIVE == "active"
    assert _mentorship("no_answer").status == Status.NO_ANSWER
    assert json.dumps({"status": Status.ENDED_EARLY}) == '{"status": "ended_early"}'
    assert f"{Status.DRAFT}" == "draft"


@pytest.mark.parametrize(("start", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_move_is_allowed_exactly_when_the_diagram_draws_it(start: str, target: str) -> None:
    allowed = (start, target) in DIAGRAM
    assert Status(start).can_move_to(target) is allowed
    assert lifecycle.can_transition(start, target) is allowed
    if allowed:
        moved = lifecycle.transition(_mentorship(start), target, at=AT, note="why")
        assert moved.status == target
        assert [c.status for c in moved.history] == [start, target]
    else:
        with pytest.raises(TransitionError) as refused:
            lifecycle.transition(_mentorship(start), target, at=AT)
        message = str(refused.value)
        assert "_" not in message, "a refusal speaks words, not status codes"
        assert message.startswith("This ask is ")


def test_the_properties_agree_with_the_diagram() -> None:
    for status in Status:
        assert status.is_final == (not any(a == status for a, _ in DIAGRAM))
    assert {s for s in Status if s.is_open} == {"asked", "accepted", "active"}
    assert {s for s in Status if s.is_answer} == {"accepted", "declined", "no_answer"}
    assert {s for s in Status if s.is_turned_down} == {"declined", "no_answer"}
    assert {s for s in Status if s.is_mentoring} == {"accepted", "active"}
    assert {s for s in Status if s.has_started} == {"active", "completed", "ended_early"}
    assert {s for s in Status if s.is_closed} == {"completed", "ended_early"}
    assert set(NEXT) == set(Status)


def test_every_status_has_its_words_and_they_are_the_ones_shown() -> None:
    assert set(WORDS) == set(Status)
    for status in Status:
        words = status.words
        assert words.label and words.is_ and words.marked_as, status
        assert "_" not in words.label + words.is_ + words.marked_as + words.about_goal
        assert lifecycle.STATUS_LABELS[status] == words.label
        assert lifecycle.STATUS_WORDS[status] == words.is_


def test_every_kind_of_status_names_real_statuses() -> None:
    from mentorkit.status import _Among

    kinds = {name: kind for name, kind in vars(Status).items() if isinstance(kind, _Among)}
    assert set(kinds) == {
        "is_open", "is_answer", "is_turned_down", "is_mentoring", "has_started", "is_closed"
    }  # fmt: skip
    for name, kind in kinds.items():
        assert kind.statuses and kind.statuses <= set(Status), name
    assert "is_open" not in [s.name for s in Status]  # a kind is not a status
