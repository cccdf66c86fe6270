"""Every workbench has one shape: ``<step>_workbench(workbook_path, today)`` returning an
object whose panels are attributes named ``*_panel``, each a widget the notebook shows."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

from tests.conftest import NOTEBOOKS

#: Notebook -> the widgets module whose workbench it shows.
STEPS = {
    "00_start_here.ipynb": ("start", "start_workbench"),
    "01_goals.ipynb": ("goals", "goal_workbench"),
    "02_network.ipynb": ("network", "network_workbench"),
    "03_the_ask.ipynb": ("ask", "ask_workbench"),
    "04_progress.ipynb": ("progress", "progress_workbench"),
}


def _code(notebook: str) -> str:
    cells = nbformat.read(NOTEBOOKS / notebook, as_version=4).cells
    return "\n".join(cell.source for cell in cells if cell.cell_type == "code")


def test_every_participant_notebook_has_a_step() -> None:
    assert sorted(path.name for path in NOTEBOOKS.glob("0[0-4]_*.ipynb")) == sorted(STEPS)


@pytest.mark.parametrize("notebook", sorted(STEPS))
def test_the_notebook_shows_only_panels_of_its_workbench(
    notebook: str, sample_workbook: Path
) -> None:
    module_name, factory = STEPS[notebook]
    code = _code(notebook)
    assert f"{factory}(workbook_path, today" in code, "the notebook builds its workbench"
    shown = re.findall(r"^(\w+)\.(\w+)\s*$", code, flags=re.MULTILINE)
    assert shown, "the notebook shows at least one panel"
    module = importlib.import_module(f"mentorkit.widgets.{module_name}")
    bench = getattr(module, factory)(str(sample_workbook), "2026-11-23")
    for _variable, attribute in shown:
        assert attribute.endswith("_panel"), f"{notebook} shows {attribute}, not a panel"
        assert isinstance(getattr(bench, attribute), widgets.Widget), attribute
