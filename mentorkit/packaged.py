"""The notebooks that ship inside the package, read through :mod:`importlib.resources`.

The workbook notebooks (``00``-``04``), the facilitator's report notebook and the cohort
dashboard are package data in ``mentorkit/notebooks/``, so an installed wheel has them: no
checkout is needed to prepare or run a cohort, and ``mentorkit notebooks DIR`` hands a
participant a fresh set.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

from mentorkit.errors import InputError

#: The package folder holding the notebooks.
NOTEBOOKS_FOLDER: Final = Path(str(files("mentorkit"))) / "notebooks"
REPORT_NOTEBOOK_NAME: Final = "participant_report.ipynb"
DASHBOARD_NOTEBOOK_NAME: Final = "cohort_dashboard.ipynb"
#: The notebooks a participant works through, start page included.
PARTICIPANT_NOTEBOOKS_GLOB: Final = "0[0-4]_*.ipynb"


def participant_notebooks(folder: Path | None = None) -> list[Path]:
    """The start page and workbook notebooks (00-04), in order."""
    return sorted((folder or NOTEBOOKS_FOLDER).glob(PARTICIPANT_NOTEBOOKS_GLOB))


def copy_participant_notebooks(
    destination: str | os.PathLike[str], *, folder: Path | None = None
) -> list[Path]:
    """Copy a fresh set of the participant notebooks into ``destination``.

    Refuses (before writing anything) when a notebook of that name is already there: it may
    hold the participant's own notes.

    Raises:
        InputError: a notebook would be overwritten, ``destination`` is not a folder, or the
            installed package has no notebooks.
    """
    target = Path(destination)
    sources = participant_notebooks(folder)
    if not sources:
        raise InputError(
            f"no notebooks found in {folder or NOTEBOOKS_FOLDER}: the installed package is "
            "incomplete; reinstall mentorkit"
        )
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: not a folder")
    existing = [source.name for source in sources if (target / source.name).exists()]
    if existing:
        raise InputError(
            f"{target}: already holds {', '.join(existing)}; nothing was copied "
            "(choose another folder or move those notebooks away first)"
        )
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        copy = target / source.name
        with copy.open("xb") as handle:  # never replaces a file that appeared meanwhile
            handle.write(source.read_bytes())
        written.append(copy)
    return written


def strip_outputs_before_save(model: dict[str, Any], **_: object) -> None:
    """A Jupyter server pre-save hook: a notebook is saved without outputs or widget state.

    JupyterLab's autosave would otherwise write every run's outputs (and the widgets' state,
    which no later kernel can draw) into the participant's notebooks: a reload then showed
    stale output, and a run dirtied the notebooks.  What the person wrote lives in their
    workbook file; a notebook only needs its cells.  ``make lab`` and Binder set it as
    ``ContentsManager.pre_save_hook``.  Anything but a notebook is saved as it is.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    notebook = model["content"]
    if isinstance(notebook.get("metadata"), dict):
        notebook["metadata"].pop("widgets", None)
    for cell in notebook.get("cells") or ():
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
