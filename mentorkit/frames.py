"""Tidy pandas DataFrames of a workbook's entities, for the analyses and the charts.

One row per entity, one column per field; list fields (areas, functions, commitments) stay
lists; dates are ``datetime64`` columns so they sort and plot.  Cohort-wide frames add a
``participant_id`` column first.  Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from operator import attrgetter
from typing import Any, Final

import numpy as np
import pandas as pd

from mentorkit.model import CheckIn, Contact, Goal, Mentorship, Reflection, Workbook

ENTITIES: Final[dict[str, type]] = {
    "goals": Goal,
    "contacts": Contact,
    "mentorships": Mentorship,
    "checkins": CheckIn,
    "reflections": Reflection,
}
_DATE_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "goals": ("target_date", "first_step_date", "created", "updated"),
    "contacts": (),
    "mentorships": ("start",),
    "checkins": ("date",),
    "reflections": ("date",),
}
#: Nested histories (a mentorship's status changes, a goal's earlier attainment scales) are
#: not columns: they are lists of records, not values of the entity.
_NESTED: Final = ("history", "scale_history")
_COLUMNS: Final[dict[str, list[str]]] = {
    name: [f.name for f in fields(cls) if f.name not in _NESTED] for name, cls in ENTITIES.items()
}


def _rows(
    items: Iterable[Any], columns: list[str], participant_id: str | None
) -> list[tuple[Any, ...]]:
    getter = attrgetter(*columns)  # one C call per row instead of one getattr per cell
    if participant_id is None:
        return [getter(item) for item in items]
    return [(participant_id, *getter(item)) for item in items]


def _frame(entity: str, rows: list[tuple[Any, ...]], with_participant: bool) -> pd.DataFrame:
    columns = (["participant_id"] if with_participant else []) + _COLUMNS[entity]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for column in _DATE_COLUMNS[entity]:
        if column in ("created", "updated"):
            frame[column] = pd.to_datetime(frame[column], utc=True)
        else:
            # numpy turns date objects (None -> NaT) into datetime64 far faster than pandas'
            # element-wise path; this matters for cohort-wide frames of 1,000 workbooks.
            days = np.array(frame[column].to_numpy(), dtype="datetime64[D]")
            frame[column] = pd.Series(days.astype("datetime64[s]"), index=frame.index)
    return frame


def entity_frame(workbook: Workbook, entity: str) -> pd.DataFrame:
    """One entity list of a workbook (``"goals"``, ``"contacts"``, ...) as a DataFrame."""
    return _frame(entity, _rows(getattr(workbook, entity), _COLUMNS[entity], None), False)


def goals_frame(workbook: Workbook) -> pd.DataFrame:
    """The workbook's goals, one row each."""
    return entity_frame(workbook, "goals")


def contacts_frame(workbook: Workbook) -> pd.DataFrame:
    """The workbook's contacts, one row each."""
    return entity_frame(workbook, "contacts")


def mentorships_frame(workbook: Workbook) -> pd.DataFrame:
    """The workbook's mentorships (asks), one row each, without their status history."""
    return entity_frame(workbook, "mentorships")


def checkins_frame(workbook: Workbook) -> pd.DataFrame:
    """The workbook's check-ins, one row each."""
    return entity_frame(workbook, "checkins")


def workbook_frames(workbook: Workbook) -> dict[str, pd.DataFrame]:
    """Every entity list of one workbook as DataFrames, keyed by entity name."""
    return {entity: entity_frame(workbook, entity) for entity in ENTITIES}


def cohort_frames(workbooks: Iterable[tuple[str, Workbook]]) -> dict[str, pd.DataFrame]:
    """Cohort-wide DataFrames: every participant's entities, with a ``participant_id`` column.

    Args:
        workbooks: ``(participant_id, workbook)`` pairs.
    """
    rows: dict[str, list[tuple[Any, ...]]] = {entity: [] for entity in ENTITIES}
    for participant_id, workbook in workbooks:
        for entity, columns in _COLUMNS.items():
            rows[entity].extend(_rows(getattr(workbook, entity), columns, participant_id))
    return {entity: _frame(entity, rows[entity], True) for entity in ENTITIES}
