"""The model's records and rules behave as the dataclasses they replace would."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Annotated, Any

import pytest

from mentorkit.model import (
    Away,
    Between,
    Contact,
    Goal,
    InFile,
    MaxLength,
    NotBlank,
    Sizes,
    Workbook,
)

MOMENT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _goal(**changes: Any) -> Goal:
    goal = Goal(id="g-1", statement="Lead a project", created=MOMENT, updated=MOMENT)
    return dataclasses.replace(goal, **changes)


def test_records_are_equal_field_by_field_and_only_to_their_own_class() -> None:
    assert _goal() == _goal()
    assert _goal() != _goal(confidence=5)
    assert _goal() != _goal(areas=["writing"])
    assert Workbook(goals=[_goal()]) == Workbook(goals=[_goal()])
    assert Workbook(goals=[_goal()]) != Workbook(goals=[_goal(statement="Other")])
    assert Contact(id="g-1", name="Lead a project") != _goal()
    assert _goal() != ("g-1", "Lead a project")


def test_a_record_shows_as_a_dataclass_would() -> None:
    away = Away(date(2026, 8, 1), date(2026, 8, 14), note="Summer")
    assert repr(away) == (
        "Away(start=datetime.date(2026, 8, 1), end=datetime.date(2026, 8, 14), note='Summer')"
    )
    reference = dataclasses.make_dataclass(
        "Away", [(f.name, f.type) for f in dataclasses.fields(Away)]
    )
    assert repr(away) == repr(reference(away.start, away.end, away.note))


def test_records_cannot_be_hashed_as_mutable_dataclasses_cannot() -> None:
    with pytest.raises(TypeError, match="unhashable"):
        hash(_goal())


def test_rules_are_equal_hashed_and_shown_by_value_and_cannot_change() -> None:
    assert Between(1, 7) == Between(1, 7)
    assert hash(Between(1, 7)) == hash(Between(1, 7))
    assert Between(1, 7) != Between(1, 8)
    assert InFile() == InFile()
    assert InFile() != NotBlank()  # two rules without values are still different rules
    assert Annotated[int, Between(1, 7)] == Annotated[int, Between(1, 7)]
    assert Annotated[int, InFile()] != Annotated[int, NotBlank()]
    assert repr(Between(1, 7)) == "Between(low=1, high=7)"
    assert repr(Sizes((0, 5), "five")) == "Sizes(allowed=(0, 5), what='five')"
    rule = MaxLength(300)
    with pytest.raises(AttributeError, match="cannot be changed"):
        rule.limit = 5
    with pytest.raises(AttributeError, match="cannot be deleted"):
        del rule.limit
    assert rule.limit == 300
