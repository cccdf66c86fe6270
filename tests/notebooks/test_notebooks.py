"""Every notebook runs top to bottom headless: under nbval (as a participant opens it, with
their own workbook) and under papermill (as a facilitator runs it, with parameters).

These start real kernels, so they are marked ``notebook``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from mentorkit import store
from tests.conftest import NOTEBOOKS, REPO, SAMPLE_COHORT

pytestmark = pytest.mark.notebook

#: The participant's workbook notebooks, run on several kinds of workbook.
WORKBOOK_NOTEBOOKS = sorted(p.name for p in NOTEBOOKS.glob("0*.ipynb"))
#: A stalled participant, someone just starting, and a brand-new empty workbook.
WORKBOOK_KINDS = ("p02", "p06", "empty")


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _workbook(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.json"
    if kind == "empty":
        store.new_workbook(path, name="New Participant")
    else:
        shutil.copy(SAMPLE_COHORT / "workbooks" / f"{kind}.json", path)
    return path


def test_the_workbook_notebooks_exist() -> None:
    assert {"00_start_here.ipynb", "01_goals.ipynb", "02_network.ipynb"} <= set(
        WORKBOOK_NOTEBOOKS
    ), WORKBOOK_NOTEBOOKS


def test_every_notebook_passes_nbval_on_the_participants_own_workbook(tmp_path: Path) -> None:
    """As a participant opens them: no parameters, the workbook from MENTORKIT_WORKBOOK."""
    own = tmp_path / "own" / "workbook.json"
    own.parent.mkdir()
    shutil.copy(SAMPLE_COHORT / "workbooks" / "p01.json", own)
    before = _tree_digest(SAMPLE_COHORT)
    env = {**os.environ, "MENTORKIT_WORKBOOK": str(own), "MPLBACKEND": "Agg"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-q",
            "-W",
            "ignore::DeprecationWarning",
            "--rootdir",
            str(tmp_path),
            "-c",
            os.devnull,
            str(NOTEBOOKS),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert _tree_digest(SAMPLE_COHORT) == before, "a notebook wrote into the tracked sample"
    store.load_workbook(own)  # still a valid workbook after every notebook ran on it


@pytest.mark.parametrize("kind", WORKBOOK_KINDS)
@pytest.mark.parametrize("notebook", WORKBOOK_NOTEBOOKS)
def test_notebook_runs_under_papermill(notebook: str, kind: str, tmp_path: Path) -> None:
    """As a facilitator's run would: parameters injected, a fixed 'today'."""
    workbook = _workbook(kind, tmp_path)
    before = workbook.read_bytes()
    output = tmp_path / f"out-{notebook}"
    papermill.execute_notebook(
        str(NOTEBOOKS / notebook),
        str(output),
        parameters={"workbook_path": str(workbook), "today": "2026-11-23"},
        kernel_name="python3",
        progress_bar=False,
        log_output=False,
    )
    executed = nbformat.read(output, as_version=4)
    errors = [
        output_
        for cell in executed.cells
        if cell.cell_type == "code"
        for output_ in cell.get("outputs", [])
        if output_.get("output_type") == "error"
    ]
    assert errors == []
    assert any(cell.get("outputs") for cell in executed.cells if cell.cell_type == "code")
    # merely viewing a notebook never rewrites the workbook
    if kind != "empty":
        assert json.loads(workbook.read_bytes()) == json.loads(before)
