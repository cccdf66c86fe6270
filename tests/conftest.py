"""Shared fixtures: copies of the sample cohort in ``tmp_path`` and tool requirements.

Tests never touch the committed sample files: every fixture hands out a copy.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from mentorkit.sample import SAMPLE_TODAY

REPO = Path(__file__).resolve().parent.parent
SAMPLE_COHORT = REPO / "data" / "sample-cohort"
NOTEBOOKS = REPO / "mentorkit" / "notebooks"
TEST_DATA = Path(__file__).resolve().parent / "data"
IN_CI = bool(os.environ.get("CI"))

# Hypothesis: in CI the same examples every run (derandomised, nothing read from or written to
# an example database) and no per-example deadline, so a busy two-core machine never turns a
# slow example into a failure; locally, random search with the local database, no deadline
# either.  HYPOTHESIS_PROFILE=ci reproduces CI's examples on a laptop.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev")
settings.load_profile(HYPOTHESIS_PROFILE)


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
