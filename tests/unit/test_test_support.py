"""The test suite's own set-up: the Hypothesis profile CI runs with."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import settings

from tests.conftest import REPO


def test_the_ci_profile_is_derandomised_without_deadline_or_database() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize is True
    assert ci.deadline is None
    assert ci.database is None


def test_ci_loads_the_ci_profile() -> None:
    code = "import tests.conftest; from hypothesis import settings; print(settings().derandomize)"
    env = {"CI": "true", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"
