"""Shared fixtures: copies of the sample cohort in ``tmp_path`` and tool requirements.

Tests never touch the committed sample files: every fixture hands out a copy.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from mentorkit.sample import SAMPLE_TODAY

REPO = Path(__file__).resolve().parent.parent
SAMPLE_COHORT = REPO / "data" / "sample-cohort"
NOTEBOOKS = REPO / "mentorkit" / "notebooks"
TEST_DATA = Path(__file__).resolve().parent / "data"
IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, what: str) -> None:
    """Skip on a laptop without ``what``; in CI (``CI`` set) a missing tool is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must have {what}; .ci/run installs it")
    pytest.skip(f"needs {what}")


@pytest.fixture
def today() -> date:
    """The date the committed sample cohort is anchored to."""
    return SAMPLE_TODAY


@pytest.fixture
def cohort_dir(tmp_path: Path) -> Path:
    """A private copy of ``data/sample-cohort`` (roster.csv + workbooks/)."""
    target = tmp_path / "sample-cohort"
    shutil.copytree(SAMPLE_COHORT, target)
    return target


@pytest.fixture
def sample_workbook(cohort_dir: Path) -> Path:
    """A private copy of the on-track sample participant's workbook (p01)."""
    return cohort_dir / "workbooks" / "p01.json"


@pytest.fixture(autouse=True)
def _own_workbook_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the participant's default workbook into ``tmp_path`` so no test writes to ``~``."""
    path = tmp_path / "home-workbook" / "workbook.json"
    monkeypatch.setenv("MENTORKIT_WORKBOOK", str(path))
    return path
