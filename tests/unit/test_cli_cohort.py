"""``mentorkit cohort run|prepare|summarize`` through ``main([...])``: exit codes and messages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import nbformat
import pytest

from mentorkit import store
from mentorkit.cli import main
from mentorkit.cohort.layout import CohortLayout
from mentorkit.cohort.summary import write_summary_file
from mentorkit.metrics import participant_summary
from tests.conftest import TEST_DATA

TODAY = "2026-11-23"


def _tiny_notebook(path: Path, *sources: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    parameters = 'workbook_path = ""\nparticipant_id = ""\ntoday = ""'
    notebook.cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(notebook, path)
    return path


@pytest.mark.parametrize(
    "roster",
    ["roster-duplicate-ids.csv", "roster-traversal-ids.csv", "roster-missing-column.csv",
     "roster-empty.csv", "roster-binary.csv", "roster-workbook-outside.csv",
     "roster-shared-workbook.csv", "roster-case-duplicate-ids.csv"],
)  # fmt: skip
def test_a_bad_roster_exits_2_with_the_problems_and_writes_nothing(
    roster: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["cohort", "run", str(TEST_DATA / roster), "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("mentorkit: ") and roster in error
    assert "Traceback" not in error
    assert not out.exists()


def test_traversal_ids_are_named_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = TEST_DATA / "roster-traversal-ids.csv"
    assert main(["cohort", "run", str(roster), "--out", str(tmp_path / "o"), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert "line 2: participant_id '../../etc'" in error
    assert "6 problems" in error


def test_only_missing_workbooks_exit_1_and_are_listed(
    cohort_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = cohort_dir / "only-missing.csv"
    roster.write_text("participant_id,name\nq01,Nobody\nq02,Nobody Else\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["cohort", "run", str(roster), "--out", str(out), "--quiet"]) == 1
    printed = capsys.readouterr().out
    assert "workbook not found: workbooks/q01.json" in printed
    assert "0 done, 0 skipped, 2 failed" in printed


def test_bad_options_exit_2(
    cohort_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = str(cohort_dir / "roster.csv")
    out = str(tmp_path / "out")
    assert main(["cohort", "run", roster]) == 2  # --out is required
    assert main(["cohort", "run", roster, "--out", out, "--workers", "0"]) == 2
    assert main(["cohort", "run", roster, "--out", out, "--param-columns", "nope"]) == 2
    assert "'nope' is not a column" in capsys.readouterr().err
    assert (
        main(["cohort", "run", roster, "--out", out, "--notebook", str(tmp_path / "x.ipynb")]) == 2
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.notebook
def test_run_exits_0_then_skips_and_1_when_one_fails(
    cohort_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = cohort_dir / "two.csv"
    roster.write_text("participant_id,name\np01,Amara\np02,Bastien\n", encoding="utf-8")
    good = _tiny_notebook(tmp_path / "good.ipynb", "print('hello', participant_id)")
    out = tmp_path / "out"
    args = ["cohort", "run", str(roster), "--out", str(out), "--today", TODAY, "--quiet"]
    assert main([*args, "--notebook", str(good), "--workers", "2", "--timeout", "60"]) == 0
    assert "2 done, 0 skipped, 0 failed" in capsys.readouterr().out
    assert main([*args, "--notebook", str(good)]) == 0
    assert "0 done, 2 skipped" in capsys.readouterr().out
    bad = _tiny_notebook(tmp_path / "bad.ipynb", "raise KeyError('no such thing')")
    assert main([*args, "--notebook", str(bad), "--force", "--workers", "1"]) == 1
    printed = capsys.readouterr().out
    assert "0 done, 0 skipped, 2 failed" in printed
    assert "KeyError" in printed
    # A forced run that failed leaves no summary behind that looks done.
    assert not CohortLayout(out).participant("p01").is_done()


def test_summarize_prints_tables_and_writes_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cohort_dir: Path
) -> None:
    out = tmp_path / "out"
    for pid in ("p02", "p04"):
        files = CohortLayout(out).participant(pid)
        files.folder.mkdir(parents=True)
        workbook = store.load_workbook(cohort_dir / "workbooks" / f"{pid}.json")
        write_summary_file(participant_summary(workbook, date(2026, 11, 23)), files.summary)
    target = tmp_path / "cohort.csv"
    assert main(["cohort", "summarize", str(out), "--csv", str(target)]) == 0
    printed = capsys.readouterr().out
    assert "Bastien Kowalczyk" in printed and "Stalled:" in printed and "values" in printed
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("participant_id,name,") and len(lines) == 3


def test_summarize_a_missing_or_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cohort", "summarize", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["cohort", "summarize", str(tmp_path)]) == 1
    assert "No finished reports" in capsys.readouterr().err


def test_prepare_writes_personal_notebooks_and_keeps_existing_ones(
    cohort_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mentorkit.cohort import runner

    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    _tiny_notebook(notebooks / "01_goals.ipynb", "print(workbook_path)")
    _tiny_notebook(notebooks / "02_network.ipynb", "print(workbook_path)")
    _tiny_notebook(notebooks / "09_other.ipynb", "print(workbook_path)")
    monkeypatch.setattr(runner, "NOTEBOOKS_FOLDER", notebooks)
    out = tmp_path / "out"
    roster = str(cohort_dir / "roster.csv")
    assert main(["cohort", "prepare", roster, "--out", str(out)]) == 0
    assert "16 notebook(s) written, 0 kept, for 8 participant(s)" in capsys.readouterr().out
    prepared = out / "p03" / "notebooks" / "01_goals.ipynb"
    notebook = nbformat.read(prepared, as_version=4)
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert json.dumps(str(cohort_dir.resolve() / "workbooks" / "p03.json")) in injected[0].source
    assert all(c.get("outputs") == [] for c in notebook.cells if c.cell_type == "code")
    assert not (out / "p03" / "notebooks" / "09_other.ipynb").exists()
    prepared.write_text(prepared.read_text() + " ")
    assert main(["cohort", "prepare", roster, "--out", str(out)]) == 0
    assert "0 notebook(s) written, 16 kept" in capsys.readouterr().out
    assert prepared.read_text().endswith(" ")


@pytest.mark.parametrize("action", ["run", "prepare"])
def test_without_the_repository_notebooks_the_message_asks_for_notebook(
    action: str,
    cohort_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An incomplete install: the package data folder of notebooks is missing.
    from mentorkit.cohort import runner

    monkeypatch.setattr(runner, "NOTEBOOKS_FOLDER", tmp_path / "site-packages" / "notebooks")
    out = tmp_path / "o"
    assert main(["cohort", action, str(cohort_dir / "roster.csv"), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("mentorkit: ") and "Traceback" not in error
    assert "installed package" in error and "--notebook NB" in error
    assert not out.exists()


def test_prepare_takes_its_notebooks_from_notebook_options(
    cohort_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mentorkit.cohort import runner

    monkeypatch.setattr(runner, "NOTEBOOKS_FOLDER", tmp_path / "nowhere")
    first = _tiny_notebook(tmp_path / "01_goals.ipynb", "print(workbook_path)")
    second = _tiny_notebook(tmp_path / "my_extra.ipynb", "print(workbook_path)")
    out = tmp_path / "out"
    roster = str(cohort_dir / "roster.csv")
    command = ["cohort", "prepare", roster, "--out", str(out)]
    assert main([*command, "--notebook", str(first), "--notebook", str(second)]) == 0
    assert "16 notebook(s) written" in capsys.readouterr().out
    assert sorted(p.name for p in (out / "p05" / "notebooks").iterdir()) == [
        "01_goals.ipynb",
        "my_extra.ipynb",
    ]
    assert main([*command, "--notebook", str(tmp_path / "gone.ipynb")]) == 2
    assert "gone.ipynb: no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "damage",
    [
        '{"summary_version": 1, "participant_id": "p02", "network": null}',
        '{"summary_version": 1, "participant_id": "p02", "progress": {"goals_active": "x"}}',
        "[]",
    ],
)
def test_summarize_a_damaged_summary_exits_2_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    files = CohortLayout(tmp_path).participant("p02")
    files.folder.mkdir()
    files.summary.write_text(damage, encoding="utf-8")
    assert main(["cohort", "summarize", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"mentorkit: {tmp_path}: 1 problem")
    assert "p02/summary.json: " in error
    assert "Traceback" not in error
