"""The workbook in a real JupyterLab page, driven through headless Chromium like a person would.

One JupyterLab server serves a copy of ``notebooks/`` for the whole module, with a copy of the
on-track sample participant's workbook as the participant's own.  Each test opens a notebook,
runs all cells, types into the widgets, clicks, and then reads the workbook file on disk.
Screenshots land in ``test-artifacts/browser/`` whether the test passed or not.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, REPO, SAMPLE_COHORT, require
from tools import browser

ARTIFACTS = REPO / "test-artifacts" / "browser"
#: Milliseconds to wait for something to appear in the page (two busy cores, cold kernels).
UI_TIMEOUT_MS = 30_000


class Lab:
    """The module's JupyterLab server, page and the workbook the notebooks write to."""

    def __init__(self, server: browser.LabServer, page: Any, workbook: Path):
        self.server = server
        self.page = page
        self.workbook = workbook

    def workbook_json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.workbook.read_text("utf-8"))
        return data

    def wait_for_workbook(self, holds: Callable[[dict[str, Any]], bool], what: str) -> None:
        """Poll the file on disk: saves happen in the kernel, not in the page."""
        deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            if holds(self.workbook_json()):
                return
            time.sleep(0.25)
        raise AssertionError(f"the workbook on disk never held {what}")


@contextlib.contextmanager
def serve_lab(scratch: Path, workbook: Path) -> Iterator[Lab]:
    """JupyterLab on a fresh copy of the notebooks in ``scratch``, writing to ``workbook``."""
    require(browser.CHROMIUM.exists(), "Debian's chromium (apt-get install chromium)")
    root = scratch / "notebooks"
    shutil.copytree(NOTEBOOKS, root)
    with (
        browser.run_jupyter_lab(root, workbook, scratch / "lab") as server,
        browser.chromium_page(width=1280, height=1000) as page,
    ):
        page.set_default_timeout(UI_TIMEOUT_MS)
        from playwright.sync_api import expect

        expect.set_options(timeout=UI_TIMEOUT_MS)  # the 5 s default is tight on two busy cores
        yield Lab(server, page, workbook)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    scratch = tmp_path_factory.mktemp("browser")
    workbook = scratch / "workbook.json"
    shutil.copy(SAMPLE_COHORT / "workbooks" / "p01.json", workbook)
    with serve_lab(scratch, workbook) as served:
        yield served


@pytest.fixture
def notebook(lab: Lab, request: pytest.FixtureRequest) -> Iterator[Notebook]:
    """Opens a notebook for the test; afterwards saves a last picture and closes it."""
    opened = Notebook(lab, request.node.name)
    yield opened
    if opened.name:
        opened.screenshot("end")
        browser.close_notebook(lab.page)


class Notebook:
    """One test's notebook in the shared page, with its screenshots."""

    def __init__(self, lab: Lab, test_name: str):
        self.lab = lab
        self.test_name = test_name
        self.name = ""

    def open_and_run(self, name: str) -> None:
        """Open ``name`` (a copy of ``notebooks/name``) and run all its cells."""
        if not (NOTEBOOKS / name).exists():
            pytest.fail(f"notebooks/{name} is missing")
        self.name = name
        browser.open_notebook(self.lab.page, self.lab.server, name)
        self.screenshot("opened")
        browser.run_all_cells(self.lab.page)

    def screenshot(self, step: str) -> None:
        """Save ``test-artifacts/browser/<test>-<step>.png``."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.lab.page.screenshot(path=str(ARTIFACTS / f"{self.test_name}-{step}.png"))


def _labelled(lab: Lab, widget_class: str, label: str) -> Any:
    """The ipywidgets control of ``widget_class`` whose description is exactly ``label``."""
    return lab.page.locator(f".jp-Notebook {widget_class}").filter(
        has=lab.page.locator("label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )


def _button(lab: Lab, text: str) -> Any:
    return lab.page.locator(".jp-Notebook button.jupyter-button").filter(
        has_text=re.compile(rf"^\s*{re.escape(text)}\s*$")
    )


def _click_and_confirm(lab: Lab, button: str, confirm: str, saved: Callable[[], bool]) -> None:
    """Click ``button``; if the widget asks for a yes (``confirm`` shows up), give it."""
    _button(lab, button).first.click()
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    while time.monotonic() < deadline and not saved():
        confirm_button = _button(lab, confirm)
        if confirm_button.count() and confirm_button.first.is_visible():
            confirm_button.first.click()
            return
        time.sleep(0.25)


@pytest.mark.browser
def test_a_goal_typed_in_jupyterlab_is_saved_to_the_workbook(lab: Lab, notebook: Notebook) -> None:
    from playwright.sync_api import expect

    statement = "Run two customer workshops with my team (browser check)"
    notebook.open_and_run("01_goals.ipynb")
    goal_box = _labelled(lab, ".widget-textarea", "Goal").locator("textarea")
    expect(goal_box).to_have_count(1)
    review = lab.page.locator(".jp-Notebook .widget-html").filter(
        has=lab.page.locator(".mentorkit-findings, .mentorkit-message")
    )
    # What the review says about an empty form; typing a goal must change it.
    expect(review.first).to_be_visible()
    before = review.first.inner_text()
    notebook.screenshot("empty-form")

    goal_box.fill(statement)
    goal_box.blur()  # widgets that update on blur see the text too
    expect(review.first).not_to_have_text(before)
    notebook.screenshot("reviewed")

    def saved() -> bool:
        return any(goal["statement"] == statement for goal in lab.workbook_json()["goals"])

    assert not saved()
    _click_and_confirm(lab, "Save goal", "Save anyway", saved)
    lab.wait_for_workbook(lambda _: saved(), f"the goal {statement!r}")


@pytest.mark.browser
def test_a_checkin_typed_in_jupyterlab_is_saved_to_the_workbook(
    lab: Lab, notebook: Notebook
) -> None:
    from playwright.sync_api import expect

    notes = "Walked through the workshop agenda (browser check)"
    notebook.open_and_run("04_progress.ipynb")
    notes_box = _labelled(lab, ".widget-textarea", "What we talked about").locator("textarea")
    expect(notes_box).to_have_count(1)
    notes_box.fill(notes)
    notes_box.blur()
    actions_box = _labelled(lab, ".widget-textarea", "Actions agreed").locator("textarea")
    actions_box.fill("Send the agenda to the team")
    actions_box.blur()
    rating = _labelled(lab, ".widget-dropdown", "Goal progress").locator("select")
    plus_one = [
        text for text in rating.locator("option").all_text_contents() if text.startswith("+1")
    ]
    assert plus_one, "the progress rating offers no +1"
    rating.select_option(label=plus_one[0])
    notebook.screenshot("filled")

    def saved() -> list[dict[str, Any]]:
        return [c for c in lab.workbook_json()["checkins"] if c["notes"] == notes]

    assert not saved()
    _click_and_confirm(lab, "Save conversation", "Save anyway", lambda: bool(saved()))
    lab.wait_for_workbook(lambda _: bool(saved()), f"a check-in with the notes {notes!r}")
    checkin = saved()[0]
    assert checkin["actions"] == "Send the agenda to the team"
    assert checkin["rating"] == 1
    assert checkin["held"] is True
    # The form reports the save and empties itself for the next conversation.
    saved_message = lab.page.locator(".jp-Notebook .mentorkit-ok", has_text="Saved:")
    expect(saved_message.first).to_be_visible()
    expect(notes_box).to_have_value("")


#: Notebooks the tests above already run while typing into them.
_DRIVEN = {"01_goals.ipynb", "04_progress.ipynb"}
OTHER_NOTEBOOKS = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb") if p.name not in _DRIVEN)


@pytest.mark.browser
@pytest.mark.parametrize("name", OTHER_NOTEBOOKS)
def test_the_notebook_runs_and_draws_every_widget_in_jupyterlab(
    lab: Lab, notebook: Notebook, name: str
) -> None:
    from playwright.sync_api import expect

    notebook.open_and_run(name)  # raises on an error output or a widget the page cannot draw
    outputs = lab.page.locator(".jp-Notebook .jp-OutputArea-output")
    expect(outputs.first).to_be_visible()


@pytest.mark.browser
def test_an_error_in_a_cell_is_reported_with_the_cell(lab: Lab, notebook: Notebook) -> None:
    broken = nbformat.v4.new_notebook()
    broken.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    broken.cells = [nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(broken, lab.server.root_dir / "broken.ipynb")
    notebook.name = "broken.ipynb"
    browser.open_notebook(lab.page, lab.server, "broken.ipynb")
    with pytest.raises(
        browser.BrowserSetupError, match=r"cell 1: ZeroDivisionError: division by zero"
    ):
        browser.run_all_cells(lab.page)


_UNDRAWABLE_WIDGET = """\
import ipywidgets
from traitlets import Unicode


class Undrawable(ipywidgets.DOMWidget):
    _view_name = Unicode("NoSuchView").tag(sync=True)
    _view_module = Unicode("no-such-widget-module").tag(sync=True)
    _view_module_version = Unicode("1.0.0").tag(sync=True)


Undrawable()
"""


@pytest.mark.browser
def test_a_widget_the_page_cannot_draw_is_reported(lab: Lab, notebook: Notebook) -> None:
    undrawable = nbformat.v4.new_notebook()
    undrawable.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    undrawable.cells = [nbformat.v4.new_code_cell(_UNDRAWABLE_WIDGET)]
    nbformat.write(undrawable, lab.server.root_dir / "undrawable.ipynb")
    notebook.name = "undrawable.ipynb"
    browser.open_notebook(lab.page, lab.server, "undrawable.ipynb")
    with pytest.raises(browser.BrowserSetupError, match=r"cell 0: a widget could not be displayed"):
        browser.run_all_cells(lab.page)


def test_a_missing_chromium_says_what_to_install(tmp_path: Path) -> None:
    with (
        pytest.raises(browser.BrowserSetupError, match=r"apt-get install chromium"),
        browser.chromium_page(executable=tmp_path / "chromium"),
    ):
        pass


@pytest.mark.slow
def test_a_server_that_cannot_start_shows_its_log(tmp_path: Path) -> None:
    with (
        pytest.raises(browser.BrowserSetupError, match=r"(?s)JupyterLab exited.*missing"),
        browser.run_jupyter_lab(tmp_path / "missing", tmp_path / "wb.json", tmp_path / "lab"),
    ):
        pass


def test_the_notebook_address_carries_the_token(tmp_path: Path) -> None:
    server = browser.LabServer("http://127.0.0.1:9", "abc", tmp_path, tmp_path / "log")
    assert server.notebook_url("01 goals.ipynb") == (
        "http://127.0.0.1:9/lab/tree/01%20goals.ipynb?token=abc"
    )
    assert server.log_tail() == ""
    assert 1024 < browser.free_port() < 65536
