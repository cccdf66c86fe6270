"""How a participant's JupyterLab starts: on their own copy of the notebooks, saved clean."""

from __future__ import annotations

import re
from typing import Any

import nbformat

from mentorkit.packaged import NOTEBOOKS_FOLDER, strip_outputs_before_save
from tests.conftest import REPO


def _model(notebook: nbformat.NotebookNode) -> dict[str, Any]:
    return {"type": "notebook", "content": nbformat.from_dict(notebook)}


def test_a_notebook_is_saved_without_outputs_or_widget_state() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    code = nbformat.v4.new_code_cell("start_workbench()", execution_count=3)
    code.outputs = [nbformat.v4.new_output("stream", text="Saved: Ana\n")]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Start here"), code]
    model = _model(notebook)
    strip_outputs_before_save(model, path="00_start_here.ipynb", contents_manager=None)
    saved = model["content"]
    assert saved["cells"][1]["outputs"] == [] and saved["cells"][1]["execution_count"] is None
    assert saved["cells"][1]["source"] == "start_workbench()"  # the cells themselves stay
    assert saved["cells"][0]["source"] == "# Start here"
    assert "widgets" not in saved["metadata"]


def test_other_files_and_odd_models_are_saved_as_they_are() -> None:
    text = {"type": "file", "content": "outputs: keep me"}
    strip_outputs_before_save(text)
    assert text == {"type": "file", "content": "outputs: keep me"}
    for odd in ({"type": "notebook"}, {"type": "notebook", "content": {"cells": [1, None]}}):
        strip_outputs_before_save(odd)  # never raises: a failing hook would block saving


def test_make_lab_and_app_serve_the_participants_own_copy_with_the_hook() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert re.search(r"^MY_NOTEBOOKS \?= workbooks/notebooks$", makefile, re.MULTILINE)
    for target in ("lab", "app"):
        recipe = makefile.split(f"\n{target}: ", 1)[1].split("\n\n", 1)[0]
        assert "mentorkit notebooks $(MY_NOTEBOOKS)" in recipe, target
        assert "mentorkit/notebooks" not in recipe, f"{target} serves the packaged notebooks"
    lab = makefile.split("\nlab: ", 1)[1].split("\n\n", 1)[0]
    assert "--ServerApp.root_dir=$(MY_NOTEBOOKS)" in lab and "$(SAVE_HOOK)" in lab
    assert "pre_save_hook=mentorkit.packaged.strip_outputs_before_save" in makefile
    assert "/workbooks/" in (REPO / ".gitignore").read_text("utf-8").splitlines()


def test_binder_saves_notebooks_without_outputs_too() -> None:
    post_build = (REPO / "binder" / "postBuild").read_text("utf-8")
    assert 'c.ContentsManager.pre_save_hook = "mentorkit.packaged.strip_outputs_before_save"' in (
        post_build
    )
    assert '"$HOME/.jupyter/jupyter_server_config.py"' in post_build


def test_the_packaged_notebooks_are_committed_clean() -> None:
    for path in sorted(NOTEBOOKS_FOLDER.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        assert "widgets" not in notebook.metadata, path.name
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name
