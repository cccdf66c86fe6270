"""A participant's first steps in a real browser: their profile, tags by Enter, the app mode.

Like :mod:`tests.browser.test_browser`, one JupyterLab server serves a copy of the notebooks for the
module; each test types and presses keys as a person would and then reads the workbook file.
The Voila test starts its own Voila server on the same copy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.browser.test_browser import (
    ARTIFACTS,
    Lab,
    Notebook,
    _button,
    _click_and_confirm,
    _labelled,
    lab,
    notebook,
)
from tests.conftest import NOTEBOOKS
from tools import browser

__all__ = ["lab", "notebook"]  # the fixtures, shared with tests/browser/test_browser.py


def _text_box(lab: Lab, label: str) -> Any:
    """The ``<input>`` of the Text (or Combobox) widget whose description is ``label``."""
    return (
        lab.page.locator(".jp-Notebook .widget-text")
        .filter(has=lab.page.locator("label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
        .locator("input")
    )


def _profile(lab: Lab) -> dict[str, Any]:
    profile: dict[str, Any] = lab.workbook_json()["profile"]
    return profile


@pytest.mark.browser
def test_a_time_zone_typed_letter_by_letter_is_saved_without_any_error(
    lab: Lab, notebook: Notebook
) -> None:
    from playwright.sync_api import expect

    notebook.open_and_run("00_start_here.ipynb")
    zone = _text_box(lab, "Time zone")
    expect(zone).to_have_count(1)
    zone.fill("")
    zone.press_sequentially("Europe/Berlin", delay=60)  # every prefix reaches the kernel
    browser.wait_for_kernel_idle(lab.page)
    name = _text_box(lab, "Your name")
    name.fill("Ana Ferreira")
    organisation = _text_box(lab, "Organisation")
    organisation.fill("Larkspur Bank")
    organisation.blur()
    browser.wait_for_kernel_idle(lab.page)
    notebook.screenshot("typed")
    page_text = lab.page.locator(".jp-Notebook").inner_text()
    assert "did not work" not in page_text and "IsADirectoryError" not in page_text
    assert lab.page.locator(".jp-Notebook .mentorkit-error").count() == 0
    _button(lab, "Save my profile").click()
    lab.wait_for_workbook(
        lambda data: data["profile"].get("time_zone") == "Europe/Berlin",
        "the time zone Europe/Berlin",
    )
    profile = _profile(lab)
    assert profile["name"] == "Ana Ferreira" and profile["organisation"] == "Larkspur Bank"
    assert profile["country"] == "DE"  # from the zone, as the sample had none
    expect(lab.page.locator(".jp-Notebook .mentorkit-ok", has_text="Saved:")).to_be_visible()
    assert browser.notebook_errors(lab.page) == []


_TAG_NOTEBOOK = """\
from mentorkit.widgets.common import TagBox
box = TagBox(description="Areas")
box
"""


def _scratch_tag_notebook(lab: Lab, notebook: Notebook) -> Any:
    scratch = nbformat.v4.new_notebook()
    scratch.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    scratch.cells = [nbformat.v4.new_code_cell(_TAG_NOTEBOOK)]
    nbformat.write(scratch, lab.server.root_dir / "tags.ipynb")
    notebook.name = "tags.ipynb"
    browser.open_notebook(lab.page, lab.server, "tags.ipynb")
    browser.run_all_cells(lab.page)
    return _text_box(lab, "Areas")


def _chip_texts(chips: Any) -> list[str]:
    return [text.strip().removesuffix("×").strip() for text in chips.all_inner_texts()]


@pytest.mark.browser
def test_enter_and_a_comma_make_tags_in_a_notebook_output(lab: Lab, notebook: Notebook) -> None:
    from playwright.sync_api import expect

    entry = _scratch_tag_notebook(lab, notebook)
    expect(entry).to_have_count(1)
    entry.click()
    entry.press_sequentially("leadership", delay=30)
    entry.press("Enter")
    chips = lab.page.locator(".jp-Notebook .mentorkit-tag")
    expect(chips).to_have_count(1)
    expect(entry).to_have_value("")
    entry.press_sequentially("running meetings, coaching", delay=30)
    entry.press("Enter")
    expect(chips).to_have_count(3)
    expect(entry).to_have_value("")
    assert _chip_texts(chips) == ["leadership", "running meetings", "coaching"]
    # Leaving the box (Tab) also makes the tag; a chip's click removes it.
    entry.press_sequentially("sql", delay=30)
    entry.press("Tab")
    expect(chips).to_have_count(4)
    chips.first.click()
    expect(chips).to_have_count(3)
    notebook.screenshot("tags")


@pytest.mark.browser
def test_a_comma_makes_a_tag_as_it_is_typed_and_a_pasted_list_gives_one_tag_each(
    lab: Lab, notebook: Notebook
) -> None:
    from playwright.sync_api import expect

    entry = _scratch_tag_notebook(lab, notebook)
    entry.click()
    # Without a pause, as fast as keys come: no letter may be lost or land in another tag.
    entry.press_sequentially("a, b, c", delay=0)
    chips = lab.page.locator(".jp-Notebook .mentorkit-tag")
    expect(chips).to_have_count(2)  # "c" is still being typed: no comma after it yet
    expect(entry).to_have_value(re.compile(r"^\s*c$"))
    entry.press(",")
    expect(chips).to_have_count(3)
    expect(entry).to_have_value("")
    assert _chip_texts(chips) == ["a", "b", "c"]
    lab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    lab.page.evaluate("() => navigator.clipboard.writeText('x, y')")
    entry.press("ControlOrMeta+v")
    expect(chips).to_have_count(5)
    expect(entry).to_have_value("")
    assert _chip_texts(chips) == ["a", "b", "c", "x", "y"]
    notebook.screenshot("comma-and-paste")


@pytest.mark.browser
def test_areas_typed_with_enter_in_the_goal_form_are_saved_as_separate_tags(
    lab: Lab, notebook: Notebook
) -> None:
    from playwright.sync_api import expect

    statement = "Present the quarterly numbers to the board by March (tags check)"
    notebook.open_and_run("01_goals.ipynb")
    goal_box = _labelled(lab, ".widget-textarea", "Goal").locator("textarea")
    goal_box.fill(statement)
    goal_box.blur()
    areas = lab.page.locator(".jp-Notebook .mentorkit-tagbox input").first
    areas.click()
    chips = lab.page.locator(".jp-Notebook .mentorkit-tagbox .mentorkit-tag")
    areas.press_sequentially("public speaking", delay=30)
    areas.press("Enter")
    # As a person does, the next tag is typed once the first shows as a tag: the kernel
    # empties the box, and letters typed before that round trip ends would be wiped.
    expect(chips).to_have_count(1)
    expect(areas).to_have_value("")
    areas.press_sequentially("finance", delay=30)
    areas.press("Enter")
    expect(chips).to_have_count(2)
    notebook.screenshot("areas")

    def saved() -> list[dict[str, Any]]:
        return [g for g in lab.workbook_json()["goals"] if g["statement"] == statement]

    _click_and_confirm(lab, "Save goal", "Save anyway", lambda: bool(saved()))
    lab.wait_for_workbook(lambda _: bool(saved()), f"the goal {statement!r}")
    assert saved()[0]["areas"] == ["public speaking", "finance"]


_LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Rui,Santos,https://www.linkedin.com/in/rui,,Larkspur Bank,Risk analyst,01 Oct 2024\n"
    "Mia,Holt,https://www.linkedin.com/in/mia,,Northwind,Designer,02 Oct 2024\n"
)


@pytest.mark.browser
def test_a_colleague_imported_from_linkedin_is_in_the_same_organisation(
    lab: Lab, notebook: Notebook, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    notebook.open_and_run("00_start_here.ipynb")
    organisation = _text_box(lab, "Organisation")
    organisation.fill("Larkspur Bank")
    organisation.blur()
    name = _text_box(lab, "Your name")
    if not name.input_value().strip():
        name.fill("Ana Ferreira")
    browser.wait_for_kernel_idle(lab.page)
    _button(lab, "Save my profile").click()
    lab.wait_for_workbook(
        lambda data: data["profile"]["organisation"] == "Larkspur Bank", "the organisation"
    )
    browser.close_notebook(lab.page)

    notebook.open_and_run("02_network.ipynb")
    csv = tmp_path / "Connections.csv"
    csv.write_text(_LINKEDIN, "utf-8")
    upload = lab.page.locator(".jp-Notebook button.widget-upload")
    expect(upload.first).to_have_text("Choose a CSV file…")  # words, not "Upload (0)"
    with lab.page.expect_file_chooser() as chooser:  # the button opens the file dialog
        upload.first.click()
    chooser.value.set_files(str(csv))
    expect(upload.first).to_have_text("Connections.csv")  # which file was chosen
    import_button = lab.page.locator(".jp-Notebook button.jupyter-button").filter(
        has_text=re.compile(r"^\s*Import", re.IGNORECASE)
    )
    expect(import_button.first).to_be_enabled()
    import_button.first.click()

    def imported(data: dict[str, Any]) -> bool:
        return {"Rui Santos", "Mia Holt"} <= {c["name"] for c in data["contacts"]}

    lab.wait_for_workbook(imported, "the two imported contacts")
    expect(upload.first).to_have_text("Choose a CSV file…")  # ready for the next file
    spheres = {c["name"]: c["sphere"] for c in lab.workbook_json()["contacts"]}
    assert spheres["Rui Santos"] == "same_organisation"
    assert spheres["Mia Holt"] == "other_organisation"
    notebook.screenshot("imported")


# --------------------------------------------------------------------------------------
# The app mode (Voila)
# --------------------------------------------------------------------------------------


@pytest.fixture
def voila(lab: Lab, tmp_path: Path) -> Iterator[str]:
    """A Voila server on the lab's copy of the notebooks; yields its base address."""
    port = browser.free_port()
    env = {**os.environ, "MENTORKIT_WORKBOOK": str(lab.workbook)}
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    log = (tmp_path / "voila.log").open("wb")
    command = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        str(lab.server.root_dir),
    ]
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=5):  # noqa: S310 - our server
                    break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    text = (tmp_path / "voila.log").read_text("utf-8", "replace")
                    raise browser.BrowserSetupError(
                        f"Voila did not start:\n{text[-2000:]}"
                    ) from None
                time.sleep(0.3)
        yield base
    finally:
        browser._stop_process_group(process)
        log.close()


@pytest.mark.browser
def test_the_start_page_opens_as_an_app_without_code(lab: Lab, voila: str) -> None:
    from playwright.sync_api import expect

    page = lab.page
    page.goto(f"{voila}/voila/render/00_start_here.ipynb", wait_until="domcontentloaded")
    zone = page.locator(".widget-text").filter(has=page.locator("label", has_text="Time zone"))
    expect(zone.locator("input")).to_have_count(1, timeout=120_000)
    expect(page.get_by_role("heading", name=re.compile(r"^About you"))).to_be_visible()
    page.wait_for_timeout(1000)
    body = page.locator("body").inner_text()
    assert "start_workbench(" not in body and "from mentorkit" not in body, "code is shown"
    assert "did not work" not in body and "Traceback" not in body
    assert page.locator(".mentorkit-error").count() == 0
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "voila-00_start_here.png"))
    # Typing works there too: a prefix of a zone name shows a hint, never an error.
    zone.locator("input").fill("")
    zone.locator("input").press_sequentially("Europe", delay=60)
    page.wait_for_timeout(1500)
    assert "did not work" not in page.locator("body").inner_text()
    assert page.locator(".mentorkit-error").count() == 0


def test_the_app_notebooks_are_the_packaged_ones() -> None:
    # The Voila badge and `make app` open these; a rename would break both.
    assert (NOTEBOOKS / "00_start_here.ipynb").is_file()
    readme = (NOTEBOOKS.parents[1] / "README.md").read_text("utf-8")
    assert "urlpath=voila/render/mentorkit/notebooks/00_start_here.ipynb" in readme
    makefile = (NOTEBOOKS.parents[1] / "Makefile").read_text("utf-8")
    assert re.search(r"^app: ", makefile, re.MULTILINE)
    assert json.loads((NOTEBOOKS / "00_start_here.ipynb").read_text("utf-8"))["cells"]


# --------------------------------------------------------------------------------------
# Phase two: the profile in the ask, the contact editor, undo, and no codes on screen
# --------------------------------------------------------------------------------------


def _save_profile_name(lab: Lab, notebook: Notebook, name: str) -> None:
    notebook.open_and_run("00_start_here.ipynb")
    box = _text_box(lab, "Your name")
    box.fill(name)
    box.blur()
    browser.wait_for_kernel_idle(lab.page)
    _button(lab, "Save my profile").click()
    lab.wait_for_workbook(lambda data: data["profile"]["name"] == name, f"the name {name!r}")
    browser.close_notebook(lab.page)


@pytest.mark.browser
def test_the_name_saved_in_the_profile_signs_the_ask(lab: Lab, notebook: Notebook) -> None:
    from playwright.sync_api import expect

    name = "Ana Browser-Check"
    _save_profile_name(lab, notebook, name)
    notebook.open_and_run("03_the_ask.ipynb")
    message = _labelled(lab, ".widget-textarea", "Message").locator("textarea")
    expect(message).to_have_count(1)
    signed = re.compile(rf"{re.escape(name)}\s*$")
    # The sample's first pair may be an ask already sent (shown as sent); a person not yet
    # asked gets a fresh draft, which must be signed.
    person = _labelled(lab, ".widget-dropdown", "Ask").locator("select")
    for label in person.locator("option").all_text_contents():
        person.select_option(label=label)
        browser.wait_for_kernel_idle(lab.page)
        if "sent as shown" not in lab.page.locator(".jp-Notebook").inner_text():
            break
    expect(message).to_have_value(signed)
    assert "ends without your name" not in lab.page.locator(".jp-Notebook").inner_text()
    notebook.screenshot("signed")


@pytest.mark.browser
def test_after_add_contact_the_form_is_fresh_and_the_next_person_is_added(
    lab: Lab, notebook: Notebook
) -> None:
    from playwright.sync_api import expect

    notebook.open_and_run("02_network.ipynb")
    name = _text_box(lab, "Name")
    email = _text_box(lab, "E-mail")
    name.fill("Omar Browser")
    email.fill("omar.browser@example.org")
    email.blur()
    browser.wait_for_kernel_idle(lab.page)
    _button(lab, "Add contact").click()
    lab.wait_for_workbook(
        lambda data: any(c["name"] == "Omar Browser" for c in data["contacts"]), "Omar"
    )
    expect(name).to_have_value("")
    expect(email).to_have_value("")
    expect(_button(lab, "Add contact")).to_have_count(1)  # not "Save changes"
    name.fill("Lina Browser")
    name.blur()
    browser.wait_for_kernel_idle(lab.page)
    _button(lab, "Add contact").click()
    lab.wait_for_workbook(
        lambda data: any(c["name"] == "Lina Browser" for c in data["contacts"]), "Lina"
    )
    contacts = {c["name"]: c for c in lab.workbook_json()["contacts"]}
    assert contacts["Omar Browser"]["email"] == "omar.browser@example.org"
    assert contacts["Lina Browser"]["email"] == ""
    notebook.screenshot("two-added")


@pytest.mark.browser
def test_dropping_a_goal_can_be_undone(lab: Lab, notebook: Notebook) -> None:
    from playwright.sync_api import expect

    notebook.open_and_run("01_goals.ipynb")
    picker = _labelled(lab, ".widget-dropdown", "Goal").locator("select")
    expect(picker).to_have_count(1)
    options = picker.locator("option").all_text_contents()
    active = [label for label in options if label.endswith("(active)")]
    assert active, options
    picker.select_option(label=active[0])
    browser.wait_for_kernel_idle(lab.page)
    chosen = picker.input_value()
    before = {g["id"]: g["status"] for g in lab.workbook_json()["goals"]}
    _button(lab, "Drop").click()

    def status_is(wanted: str) -> Any:
        def check(data: dict[str, Any]) -> bool:
            return any(g["status"] == wanted for g in data["goals"] if g["id"] == chosen_id)

        return check

    ids = [g_id for g_id, status in before.items() if status == "active"]
    assert ids
    lab.wait_for_workbook(
        lambda data: (
            sum(g["status"] == "dropped" for g in data["goals"])
            > sum(status == "dropped" for status in before.values())
        ),
        "a dropped goal",
    )
    chosen_id = next(
        g["id"]
        for g in lab.workbook_json()["goals"]
        if g["status"] == "dropped" and before[g["id"]] == "active"
    )
    undo = _button(lab, "Undo")
    expect(undo).to_be_visible()
    notebook.screenshot("dropped")
    undo.click()
    lab.wait_for_workbook(status_is("active"), "the goal active again")
    expect(lab.page.locator(".jp-Notebook .mentorkit-ok", has_text="Undone")).to_be_visible()
    assert chosen  # the picker had a value


#: A finding's code in brackets (``[too_heavy]``) or an id (``(m-0ae0cba2)``, ``c5-p01``).
_CODE_OR_ID = re.compile(
    r"\[(?:vague|[a-z]+_[a-z_]+)\]|\b[a-z]+-[0-9a-f]{8,16}\b|\b[a-z]\d+-p\d\d\b"
)


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("0[0-4]_*.ipynb")))
def test_no_internal_code_or_id_in_a_notebooks_output(
    lab: Lab, notebook: Notebook, name: str
) -> None:
    notebook.open_and_run(name)
    outputs = lab.page.locator(".jp-Notebook .jp-OutputArea-output")
    text = "\n".join(outputs.all_inner_texts())
    assert text.strip(), f"{name} shows nothing"
    assert not _CODE_OR_ID.findall(text), _CODE_OR_ID.findall(text)[:5]


_JS_OVERFLOWING = """() => {
  const found = [];
  document.querySelectorAll('.jp-Notebook .jp-OutputArea-output .widget-box').forEach((box) => {
    const right = box.getBoundingClientRect().right;
    box.querySelectorAll('input, textarea, select, button').forEach((control) => {
      const r = control.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 2) found.push(control.outerHTML.slice(0, 80));
    });
  });
  return found;
}"""


@pytest.mark.browser
def test_the_goal_and_contact_forms_fit_a_1024_pixel_window(lab: Lab, notebook: Notebook) -> None:
    lab.page.set_viewport_size({"width": 1024, "height": 900})
    try:
        for name in ("01_goals.ipynb", "02_network.ipynb"):
            notebook.open_and_run(name)
            overflowing = lab.page.evaluate(_JS_OVERFLOWING)
            notebook.screenshot(f"1024-{name[:2]}")
            assert overflowing == [], f"{name}: controls wider than their form: {overflowing[:3]}"
            browser.close_notebook(lab.page)
        notebook.name = ""
    finally:
        lab.page.set_viewport_size({"width": 1280, "height": 1000})


@pytest.mark.browser
def test_tags_made_with_enter_in_the_goals_app(lab: Lab, voila: str) -> None:
    from playwright.sync_api import expect

    page = lab.page
    page.goto(f"{voila}/voila/render/01_goals.ipynb", wait_until="domcontentloaded")
    areas = page.locator(".mentorkit-tagbox input").first
    expect(areas).to_be_visible(timeout=120_000)
    assert "goal_workbench(" not in page.locator("body").inner_text()  # no code in the app
    areas.click()
    areas.press_sequentially("negotiation", delay=30)
    areas.press("Enter")
    chips = page.locator(".mentorkit-tagbox .mentorkit-tag")
    expect(chips).to_have_count(1)
    expect(areas).to_have_value("")
    areas.press_sequentially("budgets, hiring", delay=30)
    areas.press("Enter")
    expect(chips).to_have_count(3)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "voila-01_goals-tags.png"))


@pytest.mark.browser
def test_saving_a_run_notebook_keeps_it_free_of_outputs(lab: Lab, notebook: Notebook) -> None:
    # JupyterLab's autosave (here: an explicit save) would write the run's outputs and widget
    # state into the notebook; the server's pre-save hook, as in `make lab`, drops them.
    notebook.open_and_run("01_goals.ipynb")
    assert lab.page.locator(".jp-Notebook .jp-OutputArea-output").count() > 0
    path = lab.server.root_dir / "01_goals.ipynb"
    before = path.stat().st_mtime_ns
    lab.page.evaluate(
        "async () => { await window.jupyterapp.commands.execute('docmanager:save'); return 1; }"
    )
    deadline = time.monotonic() + 30
    while path.stat().st_mtime_ns == before and time.monotonic() < deadline:
        time.sleep(0.25)
    assert path.stat().st_mtime_ns != before, "the notebook was not saved"
    saved = nbformat.read(path, as_version=4)
    code = [cell for cell in saved.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] for cell in code)
    assert all(cell.execution_count is None for cell in code)
    assert "widgets" not in saved.metadata


_JS_GOAL_COLUMN = """() => {
  const table = Array.from(document.querySelectorAll('.jp-Notebook table.mentorkit-table'))
    .find((t) => t.querySelector('th') && t.querySelector('th').innerText.trim() === 'Goal');
  if (!table) return null;
  const first = table.querySelector('th').getBoundingClientRect().width;
  const box = table.closest('.mentorkit-scroll');
  const output = table.closest('.jp-OutputArea-output').getBoundingClientRect();
  const fits = table.getBoundingClientRect().right <= output.right + 4;
  const scrolls = !!box && box.scrollWidth > box.clientWidth
    && box.getBoundingClientRect().right <= output.right + 4;
  return {width: first, reachable: fits || scrolls};
}"""


@pytest.mark.browser
def test_the_saved_goals_statement_column_has_room_at_1024_pixels(
    lab: Lab, notebook: Notebook
) -> None:
    lab.page.set_viewport_size({"width": 1024, "height": 900})
    try:
        notebook.open_and_run("01_goals.ipynb")
        column = lab.page.evaluate(_JS_GOAL_COLUMN)
        notebook.screenshot("1024-goals-table")
        assert column is not None, "no saved-goals table"
        assert column["width"] >= 180, column  # 14em: a few words a line, not one
        assert column["reachable"], column  # every column fits or the box scrolls to it
        text = lab.page.locator(".jp-Notebook table.mentorkit-table").first.inner_text()
        assert "no why" not in text and "ideas:" not in text
    finally:
        lab.page.set_viewport_size({"width": 1280, "height": 1000})


@pytest.mark.browser
def test_the_browsers_time_zone_fills_a_profile_that_has_none(lab: Lab, voila: str) -> None:
    from playwright.sync_api import expect

    data = lab.workbook_json()
    saved = dict(data["profile"])
    data["profile"].update(time_zone="", country="")
    lab.workbook.write_text(json.dumps(data), "utf-8")
    context = lab.page.context.browser.new_context(timezone_id="Asia/Tokyo")
    try:
        page = context.new_page()
        page.goto(f"{voila}/voila/render/00_start_here.ipynb", wait_until="domcontentloaded")
        zone = page.locator(".widget-text").filter(has=page.locator("label", has_text="Time zone"))
        expect(zone.locator("input")).to_have_value("Asia/Tokyo", timeout=120_000)
        expect(page.get_by_text("Your browser says you are in Asia/Tokyo")).to_be_visible()
        holidays = page.locator(".widget-dropdown").filter(
            has=page.locator("label", has_text="Holidays of")
        )
        expect(holidays.locator("select")).to_have_value("Japan (JP)")  # the zone's country
        assert "did not work" not in page.locator("body").inner_text()
        assert page.locator(".mentorkit-error").count() == 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila-browser-zone.png"))
    finally:
        context.close()
        data = lab.workbook_json()
        data["profile"].update(
            time_zone=saved.get("time_zone", ""), country=saved.get("country", "")
        )
        lab.workbook.write_text(json.dumps(data), "utf-8")
