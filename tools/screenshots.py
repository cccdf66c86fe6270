"""Pictures of every notebook for the README, taken in the real JupyterLab page.

``make screenshots`` runs ``python -m tools.screenshots docs/screenshots``: each notebook in
``mentorkit/notebooks/`` is run with the sample participant's workbook (and, for the cohort dashboard, a
cohort run of the sample cohort) in headless Chromium, and saved as
``docs/screenshots/<notebook>.png``.  Dates are fixed to the sample's own ``today``, so the
pictures only change when a notebook or widget does.  A few pictures show a step at work
rather than just run (:data:`STAGING`): the goals picture has a rough goal typed into the form,
never saved, with the live review's findings drawn under it.

It uses the same launcher as the browser tests (:mod:`tools.browser`), so what the README
shows is what the tests check.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from mentorkit import packaged, sample, store
from mentorkit.errors import InputError, MentorkitError
from tools import browser

#: Page size: wide enough for the widgets' two-column layouts, tall enough for a step or two.
VIEWPORT: Final = (1280, 1600)
#: README images stay small enough to load fast on a phone.
MAX_BYTES: Final = 300_000
#: The sample participant shown: p01, whose mentorship is on track (every step has content).
DEFAULT_PARTICIPANT: Final = 0
#: Typed into the goals form (never saved) so the README shows the live review at work: a
#: rough first draft, the kind the review is there to catch.
ROUGH_GOAL: Final = "Get better at public speaking"
#: Milliseconds the page may take to show the review of what was typed.
REVIEW_TIMEOUT_MS: Final = 30_000
#: The tallest a picture may grow to show a step to its end (see :func:`_grow_to_show`).
MAX_HEIGHT: Final = 2400


@dataclass(frozen=True)
class Screenshot:
    """One saved picture.

    Attributes:
        notebook: The notebook's file name.
        path: The PNG written.
        size: Its size in bytes.
        staged: What was done in the page after running the notebook and before the
            picture (e.g. a goal typed into a form), or empty.
    """

    notebook: str
    path: Path
    size: int
    staged: str = ""


def notebook_parameters(
    parameter_names: Sequence[str], *, today: date, cohort_dir: str
) -> dict[str, str]:
    """The parameters a notebook is run with for its picture (only those it declares)."""
    values = {"today": today.isoformat(), "cohort_dir": cohort_dir}
    return {name: values[name] for name in parameter_names if name in values}


def shrink_png(path: Path, max_bytes: int = MAX_BYTES) -> int:
    """Re-encode a screenshot as a 256-colour PNG (UI pictures lose nothing visible).

    Returns:
        The new size in bytes; it may still exceed ``max_bytes`` for a very busy page, in
        which case the picture is halved in size until it fits.
    """
    from PIL import Image  # Pillow comes with matplotlib

    with Image.open(path) as original:
        picture = original.convert("RGB")
    while True:
        reduced = picture.quantize(colors=256, dither=Image.Dither.NONE)
        reduced.save(path, format="PNG", optimize=True)
        size = path.stat().st_size
        if size <= max_bytes or picture.width < 400:
            return size
        picture = picture.resize(
            (picture.width // 2, picture.height // 2), Image.Resampling.LANCZOS
        )


def _prepare_notebooks(notebooks: list[Path], root: Path, *, today: date, cohort_dir: str) -> None:
    """Copy each notebook into ``root`` with the picture's parameters injected (papermill)."""
    import papermill

    for notebook in notebooks:
        declared = list(papermill.inspect_notebook(str(notebook)))
        papermill.execute_notebook(
            str(notebook),
            str(root / notebook.name),
            parameters=notebook_parameters(declared, today=today, cohort_dir=cohort_dir),
            prepare_only=True,
            kernel_name="python3",
            progress_bar=False,
        )
        _fold_injected_parameters(root / notebook.name)


def _fold_injected_parameters(path: Path) -> None:
    """Fold papermill's added cell: a reader of the README never sees it in their own copy."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    for cell in notebook.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    nbformat.write(notebook, path)  # type: ignore[no-untyped-call]


def _sample_cohort_run(notebooks_dir: Path, scratch: Path, out: Path, today: date) -> None:
    """A finished cohort run of the sample cohort, for the dashboard's picture."""
    from mentorkit.cohort import runner
    from mentorkit.cohort.layout import write_sample_cohort

    roster = write_sample_cohort(scratch / "sample-cohort", sample.make_cohort(8, today=today))
    results = runner.run(
        roster,
        out,
        notebook=notebooks_dir / packaged.REPORT_NOTEBOOK_NAME,
        today=today,
        progress=False,
    )
    failed = results[results["status"] == "failed"]
    if len(failed):
        who = ", ".join(f"{row.participant_id} ({row.error})" for row in failed.itertuples())
        raise MentorkitError(f"the sample cohort run failed for {who}")


def _show_only_the_notebook(page: Any) -> None:
    page.evaluate(
        """() => {
          const shell = window.jupyterapp.shell;
          shell.collapseLeft();
          shell.collapseRight();
          // The launcher a closed notebook leaves behind would be a second tab in the picture.
          for (const widget of Array.from(shell.widgets('main'))) {
            if (widget !== shell.currentWidget) widget.close();
          }
        }"""
    )
    # Charts arrive as images: wait until every one has been decoded.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.jp-Notebook img')).every((i) => i.complete)"
    )


def _labelled_textarea(page: Any, label: str) -> Any:
    """The ipywidgets textarea whose description is exactly ``label`` (as the browser tests
    find it)."""
    return (
        page.locator(".jp-Notebook .widget-textarea")
        .filter(has=page.locator("label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
        .locator("textarea")
    )


def _type_a_rough_goal(page: Any) -> str:
    """Type :data:`ROUGH_GOAL` into the goals form and wait for its review's findings.

    The empty form's review is an invitation without a list of findings, so a findings list
    appearing means the kernel has reviewed the typed goal and the page has drawn it.  Nothing
    is saved: the picture is of a draft.

    Raises:
        BrowserSetupError: The form has no goal box, or the review never showed findings.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    goal_box = _labelled_textarea(page, "Goal")
    if goal_box.count() != 1:
        raise browser.BrowserSetupError(
            f"the goals form has {goal_box.count()} textareas labelled 'Goal', not 1"
        )
    findings = ".jp-Notebook .mentorkit-findings"
    before = page.locator(findings).count()
    goal_box.fill(ROUGH_GOAL)
    goal_box.blur()  # a widget that updates on blur sees the text too
    try:
        page.wait_for_function(
            "([selector, before]) => document.querySelectorAll(selector).length > before",
            arg=[findings, before],
            timeout=REVIEW_TIMEOUT_MS,
            polling=250,
        )
    except PlaywrightTimeoutError:
        raise browser.BrowserSetupError(
            f"the goal review never showed findings for {ROUGH_GOAL!r} after "
            f"{REVIEW_TIMEOUT_MS / 1000:.0f} s"
        ) from None
    browser.wait_for_kernel_idle(page)
    # The picture starts at the form (with the text that introduces it), so the review's
    # findings and the saved goals below them fit in, rather than the notebook's title.
    goal_box.evaluate(
        """(box) => {
          const panel = window.jupyterapp.shell.currentWidget;
          panel.content.activeCellIndex = 0;  // no "selected cell" bar beside the form
          const cell = box.closest('.jp-Cell');
          const intro = cell.previousElementSibling;
          const first = intro && intro.classList.contains('jp-Cell') ? intro : cell;
          first.scrollIntoView({block: 'start'});
        }"""
    )
    # The review's findings push the saved goals down: the caption promises both.
    _grow_to_show(page, ".jp-Notebook table")
    return f"with {ROUGH_GOAL!r} typed into the form and reviewed (not saved)"


def _grow_to_show(page: Any, selector: str) -> None:
    """Make the page taller (up to :data:`MAX_HEIGHT`) so the cell holding ``selector`` ends
    inside the picture; the next picture starts at :data:`VIEWPORT` again."""
    overflow = page.evaluate(
        """(selector) => {
          const found = document.querySelector(selector);
          const cell = found && found.closest('.jp-Cell');
          if (!cell) return 0;
          const notebook = window.jupyterapp.shell.currentWidget.content.node;
          return cell.getBoundingClientRect().bottom - notebook.getBoundingClientRect().bottom;
        }""",
        selector,
    )
    if overflow > 0:
        size = page.viewport_size
        height = min(MAX_HEIGHT, size["height"] + int(overflow) + 16)
        page.set_viewport_size({"width": size["width"], "height": height})


_JS_SECTION_CELLS = """([first, last]) => {
  // The cell of the heading ``first`` and the last cell of the section headed ``last``.
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets;
  const heading = (cell) => cell.model.type === 'markdown'
    ? cell.model.sharedModel.getSource().split('\\n')[0].replace(/^#+\\s*/, '').trim() : null;
  const start = cells.findIndex((cell) => heading(cell) === first);
  const from = cells.findIndex((cell) => heading(cell) === last);
  if (start < 0 || from < 0) return null;
  let end = from;
  while (end + 1 < cells.length && heading(cells[end + 1]) === null) end += 1;
  return [start, end];
}"""


def _show_sections(page: Any, first: str, last: str) -> str:
    """Start the picture at the heading ``first`` and grow it to the end of section ``last``.

    Raises:
        BrowserSetupError: The notebook has no such headings.
    """
    found = page.evaluate(_JS_SECTION_CELLS, [first, last])
    if not found:
        raise browser.BrowserSetupError(f"no sections {first!r} to {last!r} in the notebook")
    start, end = found
    page.evaluate(
        """([start, end]) => {
          const panel = window.jupyterapp.shell.currentWidget;
          const cells = panel.content.widgets;
          cells[start].node.scrollIntoView({block: 'start'});
          cells[end].node.classList.add('mentorkit-picture-end');
        }""",
        [start, end],
    )
    _grow_to_show(page, ".mentorkit-picture-end")
    page.evaluate(
        "(start) => window.jupyterapp.shell.currentWidget.content.widgets[start]"
        ".node.scrollIntoView({block: 'start'})",
        start,
    )
    return f"from {first!r} to the end of {last!r}"


def _about_you_to_the_share(page: Any) -> str:
    return _show_sections(page, "About you", "What my facilitator sees")


def _the_programme_sections(page: Any) -> str:
    return _show_sections(page, "How the programme went", "What changed")


#: Notebooks whose picture shows more than the notebook just run: what to do in the page
#: (shown from the top) before the picture.  Each step returns a few words on what it did,
#: printed with the picture.
STAGING: Final[Mapping[str, Callable[[Any], str]]] = {
    "00_start_here": _about_you_to_the_share,
    "01_goals": _type_a_rough_goal,
    "cohort_dashboard": _the_programme_sections,
}


def take_screenshots(
    out_dir: str | Path,
    *,
    notebooks_dir: str | Path = packaged.NOTEBOOKS_FOLDER,
    only: Sequence[str] = (),
    participant: int = DEFAULT_PARTICIPANT,
    today: date = sample.SAMPLE_TODAY,
    scratch_dir: str | Path | None = None,
) -> list[Screenshot]:
    """Run each notebook in JupyterLab with sample data and save a picture of it.

    Args:
        out_dir: Folder for ``<notebook>.png`` (created if missing).
        notebooks_dir: Where the notebooks are.
        only: Notebook names (with or without ``.ipynb``) to limit the run to.
        participant: Which sample participant's workbook to show (0-based, see
            :data:`mentorkit.sample.SCENARIOS`).
        today: The date the sample is anchored to and the notebooks run for.
        scratch_dir: A folder to work in, emptied first and removed afterwards.  The default
            has a fixed name (``mentorkit-screenshots`` in the temporary folder) because the
            start notebook shows the workbook's path: a random name would change the picture
            on every run.

    Raises:
        InputError: No notebook matches.
        BrowserSetupError: JupyterLab or Chromium could not start, or a notebook raised.
    """
    source = Path(notebooks_dir)
    wanted = {name.removesuffix(".ipynb") for name in only}
    notebooks = sorted(path for path in source.glob("*.ipynb") if not wanted or path.stem in wanted)
    if not notebooks:
        raise InputError(
            f"{source}: no notebook to photograph" + (f" named {sorted(wanted)}" if wanted else "")
        )
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    taken: list[Screenshot] = []
    scratch = Path(scratch_dir or Path(tempfile.gettempdir()) / "mentorkit-screenshots")
    shutil.rmtree(scratch, ignore_errors=True)
    root = scratch / "notebooks"
    root.mkdir(parents=True)
    try:
        workbook = scratch / "my-workbook" / "workbook.json"
        workbook.parent.mkdir()
        store.save_workbook(sample.make_workbook(participant, today=today), workbook)
        cohort_dir = ""
        if any(path.name == packaged.DASHBOARD_NOTEBOOK_NAME for path in notebooks):
            cohort_dir = (
                "sample-cohort-run"  # relative to the notebook, so the picture shows no tmp path
            )
            _sample_cohort_run(source, scratch, root / cohort_dir, today)
        _prepare_notebooks(notebooks, root, today=today, cohort_dir=cohort_dir)
        width, height = VIEWPORT
        with (
            browser.run_jupyter_lab(root, workbook, scratch / "lab") as server,
            browser.chromium_page(width=width, height=height) as page,
        ):
            for notebook in notebooks:
                page.set_viewport_size({"width": width, "height": height})
                browser.open_notebook(page, server, notebook.name)
                browser.run_all_cells(page)
                _show_only_the_notebook(page)
                browser.scroll_notebook_to_top(page)
                stage = STAGING.get(notebook.stem)
                staged = stage(page) if stage else ""
                page.wait_for_timeout(500)  # let the layout settle after scrolling
                path = target / f"{notebook.stem}.png"
                page.screenshot(path=str(path))
                taken.append(Screenshot(notebook.name, path, shrink_png(path), staged))
                browser.close_notebook(page)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return taken


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tools.screenshots OUT_DIR [--notebooks DIR] [--only NAME ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.screenshots",
        description="Save a picture of each notebook, run with the sample data in JupyterLab.",
    )
    parser.add_argument("out", help="folder for the PNG files, e.g. docs/screenshots")
    parser.add_argument(
        "--notebooks", default=str(packaged.NOTEBOOKS_FOLDER), help="folder of the notebooks"
    )
    parser.add_argument(
        "--only", nargs="*", default=[], metavar="NAME", help="just these notebooks"
    )
    parser.add_argument(
        "--participant",
        type=int,
        default=DEFAULT_PARTICIPANT,
        help="sample participant to show, 0-based (default 0: on track)",
    )
    args = parser.parse_args(argv)
    try:
        taken = take_screenshots(
            args.out, notebooks_dir=args.notebooks, only=args.only, participant=args.participant
        )
    except MentorkitError as error:
        print(f"screenshots: {error}", file=sys.stderr)
        return 2 if isinstance(error, InputError) else 1
    for shot in taken:
        print(
            f"{shot.path}  {shot.size // 1000} KB" + (f"  ({shot.staged})" if shot.staged else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
