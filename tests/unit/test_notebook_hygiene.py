"""Every committed notebook is stored clean: no outputs, no execution counts, one cell tagged
``parameters`` and the ``python3`` kernel, so diffs show only what people wrote and papermill,
nbval and Binder all find what they expect.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, REPO


def _committed_notebooks() -> list[Path]:
    """Every notebook of the package, plus any other notebook git tracks or will track.

    Without git (an unpacked archive, a checkout without ``.git``) the folder alone is
    checked: the test never fails for the want of version control.
    """
    paths = set(NOTEBOOKS.glob("*.ipynb"))
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "*.ipynb"],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = []
    paths |= {REPO / name for name in listed if name.endswith(".ipynb")}
    return sorted(path for path in paths if path.is_file())


def _problems(notebook: Any) -> list[str]:
    problems = []
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"kernelspec is {kernel!r}, not 'python3'")
    tagged = [
        index
        for index, cell in enumerate(notebook.cells)
        if "parameters" in cell.get("metadata", {}).get("tags", [])
    ]
    if len(tagged) != 1:
        problems.append(f"{len(tagged)} cells are tagged 'parameters' (cells {tagged}); want 1")
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {index} has {len(cell.outputs)} stored output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {index} has execution_count {cell.execution_count}")
    if tagged and notebook.cells[tagged[0]].cell_type != "code":
        problems.append(f"the 'parameters' cell {tagged[0]} is not a code cell")
    return problems


NOTEBOOK_FILES = _committed_notebooks()


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[path.name for path in NOTEBOOK_FILES])
def test_notebook_is_stored_clean(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert _problems(notebook) == [], f"{path.name}: clear outputs before committing"


def test_there_are_notebooks_to_check() -> None:
    assert NOTEBOOK_FILES, "no notebook found under mentorkit/notebooks/"


def _notebook(**changes: Any) -> Any:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("Hello"),
        nbformat.v4.new_code_cell('workbook_path = ""', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(1)"),
    ]
    for key, value in changes.items():
        setattr(notebook.cells[2], key, value)
    return notebook


def test_a_clean_notebook_passes() -> None:
    assert _problems(_notebook()) == []


def test_stored_outputs_and_counts_are_reported() -> None:
    output = nbformat.v4.new_output("stream", text="1\n")
    problems = _problems(_notebook(outputs=[output], execution_count=3))
    assert problems == ["cell 2 has 1 stored output(s)", "cell 2 has execution_count 3"]


def test_a_missing_or_doubled_parameters_cell_is_reported() -> None:
    notebook = _notebook()
    notebook.cells[1].metadata = {}
    assert "0 cells are tagged 'parameters' (cells []); want 1" in _problems(notebook)
    notebook.cells[1].metadata = {"tags": ["parameters"]}
    notebook.cells[2].metadata = {"tags": ["parameters"]}
    assert "2 cells are tagged 'parameters' (cells [1, 2]); want 1" in _problems(notebook)


def test_another_kernel_is_reported() -> None:
    notebook = _notebook()
    notebook.metadata["kernelspec"]["name"] = "ir"
    assert _problems(notebook) == ["kernelspec is 'ir', not 'python3'"]


def test_without_git_every_package_notebook_is_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "no-such-git-dir"))  # git fails as without .git
    found = _committed_notebooks()
    assert found and set(NOTEBOOKS.glob("*.ipynb")) <= set(found)


#: The notebooks a participant works in (the facilitator's report and dashboard are not).
WORKBOOK_NOTEBOOKS = sorted(NOTEBOOKS.glob("0[0-9]_*.ipynb"))


@pytest.mark.parametrize("path", WORKBOOK_NOTEBOOKS, ids=[p.name for p in WORKBOOK_NOTEBOOKS])
def test_a_participant_sees_no_code_and_is_told_to_run_all(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and "Run All Cells" in first.source, (
        f"{path.name}: the first cell must tell the participant to run all cells"
    )
    shown = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and not cell.metadata.get("jupyter", {}).get("source_hidden")
    ]
    assert shown == [], f"{path.name}: code cells {shown} show their source (set source_hidden)"


def test_there_are_five_workbook_notebooks() -> None:
    assert [p.name[:2] for p in WORKBOOK_NOTEBOOKS] == ["00", "01", "02", "03", "04"]
