"""Tidy DataFrames of workbook entities."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mentorkit import frames, store
from mentorkit.model import Workbook


def test_one_row_per_entity_with_typed_dates(sample_workbook: Path) -> None:
    workbook = store.load_workbook(sample_workbook)
    goals = frames.goals_frame(workbook)
    assert list(goals["id"]) == [g.id for g in workbook.goals]
    assert pd.api.types.is_datetime64_any_dtype(goals["target_date"])
    checkins = frames.checkins_frame(workbook)
    assert len(checkins) == len(workbook.checkins)
    assert pd.api.types.is_datetime64_any_dtype(checkins["date"])
    assert "history" not in frames.mentorships_frame(workbook).columns


def test_empty_workbook_gives_empty_frames_with_columns() -> None:
    tables = frames.workbook_frames(Workbook())
    assert set(tables) == {"goals", "contacts", "mentorships", "checkins", "reflections"}
    assert all(frame.empty for frame in tables.values())
    assert "statement" in tables["goals"].columns


def test_cohort_frames_tag_rows_with_the_participant(cohort_dir: Path) -> None:
    pairs = [(p.stem, p) for p in sorted((cohort_dir / "workbooks").glob("*.json"))]
    tables = store.load_cohort_frames(pairs)
    contacts = tables["contacts"]
    assert contacts.columns[0] == "participant_id"
    total = sum(len(store.load_workbook(path).contacts) for _, path in pairs)
    assert len(contacts) == total
    assert set(contacts["participant_id"]) == {f"p0{i}" for i in range(1, 9)}
