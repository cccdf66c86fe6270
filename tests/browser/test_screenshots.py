"""The README's screenshots: parameters, PNG shrinking, the command, and one real picture."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from tests.conftest import NOTEBOOKS, REPO, require
from tools import browser, screenshots


def test_only_the_parameters_a_notebook_declares_are_passed() -> None:
    day = date(2026, 11, 23)
    assert screenshots.notebook_parameters(
        ["workbook_path", "today"], today=day, cohort_dir="run"
    ) == {"today": "2026-11-23"}
    assert screenshots.notebook_parameters(["cohort_dir"], today=day, cohort_dir="run") == {
        "cohort_dir": "run"
    }
    assert screenshots.notebook_parameters([], today=day, cohort_dir="run") == {}


def _tiny_notebook(folder: Path, name: str = "05_tiny.ipynb") -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A tiny step"),
        nbformat.v4.new_code_cell('today = ""', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print('the day is', today)"),
    ]
    folder.mkdir(exist_ok=True)
    nbformat.write(notebook, folder / name)
    return folder / name


def test_the_copy_gets_the_sample_date_in_a_folded_cell(tmp_path: Path) -> None:
    source = _tiny_notebook(tmp_path / "notebooks")
    root = tmp_path / "root"
    root.mkdir()
    screenshots._prepare_notebooks([source], root, today=date(2026, 11, 23), cohort_dir="x")
    cells = nbformat.read(root / source.name, as_version=4).cells
    injected = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert 'today = "2026-11-23"' in injected[0].source
    assert "cohort_dir" not in injected[0].source  # the notebook does not declare it
    assert injected[0].metadata["jupyter"]["source_hidden"] is True


def _noisy_png(path: Path, size: tuple[int, int]) -> None:
    # Random pixels do not compress: the worst case for a size limit.
    Image.effect_noise(size, 120).convert("RGB").save(path, format="PNG")


def test_a_screenshot_is_reencoded_smaller(tmp_path: Path) -> None:
    path = tmp_path / "ui.png"
    picture = Image.new("RGB", (800, 600), "white")
    for x in range(0, 800, 40):  # flat colour blocks, like a page of widgets
        picture.paste((0, 114, 178), (x, 100, x + 20, 500))
    picture.save(path, format="PNG")
    size = screenshots.shrink_png(path)
    assert size == path.stat().st_size
    with Image.open(path) as result:
        assert result.mode == "P"
        assert result.size == (800, 600)


def test_a_busy_picture_is_halved_until_it_fits(tmp_path: Path) -> None:
    path = tmp_path / "busy.png"
    _noisy_png(path, (1200, 1200))
    size = screenshots.shrink_png(path, max_bytes=200_000)
    assert size <= 200_000
    with Image.open(path) as result:
        assert result.width < 1200


def test_the_command_refuses_a_notebook_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = screenshots.main([str(tmp_path / "out"), "--only", "99_nothing"])
    assert code == 2
    assert "no notebook to photograph named ['99_nothing']" in capsys.readouterr().err


@pytest.mark.browser
def test_a_notebook_is_photographed_in_jupyterlab(tmp_path: Path) -> None:
    require(browser.CHROMIUM.exists(), "Debian's chromium (apt-get install chromium)")
    notebooks = tmp_path / "notebooks"
    _tiny_notebook(notebooks)

    taken = screenshots.take_screenshots(
        tmp_path / "shots", notebooks_dir=notebooks, scratch_dir=tmp_path / "scratch"
    )

    assert [(shot.notebook, shot.path.name) for shot in taken] == [("05_tiny.ipynb", "05_tiny.png")]
    assert 0 < taken[0].size <= screenshots.MAX_BYTES
    with Image.open(taken[0].path) as picture:
        assert picture.size == screenshots.VIEWPORT
    # The source notebook is not touched: parameters go into a copy.
    assert nbformat.read(notebooks / "05_tiny.ipynb", as_version=4).cells[2].outputs == []
    assert not (tmp_path / "scratch").exists(), "the scratch folder is cleaned up"


def test_every_staged_picture_is_of_a_notebook_that_exists() -> None:
    notebooks = {path.stem for path in NOTEBOOKS.glob("*.ipynb")}
    assert set(screenshots.STAGING) <= notebooks, "a renamed notebook would lose its staging"
    assert "01_goals" in screenshots.STAGING  # the README's hero shows the review at work


@pytest.mark.browser
def test_the_goals_picture_shows_a_rough_goal_reviewed_and_the_saved_goals(
    tmp_path: Path,
) -> None:
    require(browser.CHROMIUM.exists(), "Debian's chromium (apt-get install chromium)")

    taken = screenshots.take_screenshots(
        tmp_path / "shots",
        notebooks_dir=NOTEBOOKS,
        only=["01_goals", "02_network"],
        scratch_dir=tmp_path / "scratch",
    )

    goals, network = taken
    assert screenshots.ROUGH_GOAL in goals.staged
    assert network.staged == ""
    assert goals.size <= screenshots.MAX_BYTES
    with Image.open(goals.path) as picture:
        # Taller than the page, so the saved goals fit under the review's findings.
        assert screenshots.VIEWPORT[1] < picture.height <= screenshots.MAX_HEIGHT
    with Image.open(network.path) as picture:
        assert picture.size == screenshots.VIEWPORT  # the next picture is back to normal


def test_every_notebook_has_a_small_screenshot_for_the_readme() -> None:
    pictures = REPO / "docs" / "screenshots"
    notebooks = sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb"))
    missing = [name for name in notebooks if not (pictures / f"{name}.png").is_file()]
    assert not missing, f"run `make screenshots`: no picture of {missing}"
    too_big = {
        path.name: path.stat().st_size
        for path in pictures.glob("*.png")
        if path.stat().st_size > screenshots.MAX_BYTES
    }
    assert not too_big, too_big


@pytest.mark.browser
def test_the_start_and_dashboard_pictures_show_the_share_and_the_programme(
    tmp_path: Path,
) -> None:
    require(browser.CHROMIUM.exists(), "Debian's chromium (apt-get install chromium)")

    taken = screenshots.take_screenshots(
        tmp_path / "shots",
        notebooks_dir=NOTEBOOKS,
        only=["00_start_here", "cohort_dashboard"],
        scratch_dir=tmp_path / "scratch",
    )
    start, dashboard = taken
    assert "What my facilitator sees" in start.staged and "About you" in start.staged
    assert "How the programme went" in dashboard.staged and "What changed" in dashboard.staged
    with Image.open(start.path) as picture:
        # From "About you" down to the share's preview: taller than one page.
        assert screenshots.VIEWPORT[1] < picture.height <= screenshots.MAX_HEIGHT
