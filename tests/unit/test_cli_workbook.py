"""``mentorkit new | validate | sample | notebooks``: called as ``main([...])``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mentorkit import cli, store
from mentorkit.cli import main
from tests.conftest import NOTEBOOKS, SAMPLE_COHORT


def test_new_creates_an_empty_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sam.json"
    assert main(["new", str(path), "--name", "Sam <b>Lee</b>"]) == 0
    assert "Created" in capsys.readouterr().out
    assert store.load_workbook(path).profile.name == "Sam <b>Lee</b>"


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sam.json"
    main(["new", str(path), "--name", "Sam"])
    assert main(["new", str(path), "--name", "Other"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert store.load_workbook(path).profile.name == "Sam"


def test_new_needs_a_name_or_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "a.json")]) == 2
    assert "--name" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "b.json"), "--sample"]) == 0
    assert store.load_workbook(tmp_path / "b.json").goals


def test_new_rejects_an_unsafe_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "a.json"), "--name", "A", "--id", "../x"]) == 2
    assert "--id" in capsys.readouterr().err
    assert not (tmp_path / "a.json").exists()


def test_validate_accepts_every_sample(capsys: pytest.CaptureFixture[str]) -> None:
    for path in sorted((SAMPLE_COHORT / "workbooks").glob("*.json")):
        assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.count("is valid") == 8


def test_validate_explains_a_broken_file(
    sample_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(sample_workbook.read_text("utf-8"))
    data["goals"][2]["confidence"] = 9
    sample_workbook.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(sample_workbook)]) == 2
    out = capsys.readouterr().out
    assert "goals[2].confidence: 9 is not between 1 and 7" in out
    assert "Traceback" not in out


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "none.json")]) == 2
    assert "no workbook file here" in capsys.readouterr().out


def test_sample_is_deterministic_and_matches_the_committed_cohort(tmp_path: Path) -> None:
    assert main(["sample", str(tmp_path / "a")]) == 0
    for path in (SAMPLE_COHORT / "workbooks").glob("*.json"):
        assert (tmp_path / "a" / "workbooks" / path.name).read_bytes() == path.read_bytes()
    assert (tmp_path / "a" / "roster.csv").read_bytes() == (
        SAMPLE_COHORT / "roster.csv"
    ).read_bytes()


def test_sample_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sample", str(tmp_path), "--participants", "2"]) == 0
    assert main(["sample", str(tmp_path), "--participants", "2"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["sample", str(tmp_path), "--participants", "3", "--force"]) == 0
    assert len(list((tmp_path / "workbooks").glob("*.json"))) == 3


@pytest.mark.parametrize(
    "argv",
    [
        ["sample", "x", "--participants", "0"],
        ["sample", "x", "--participants", "many"],
        ["sample", "x", "--today", "tomorrow"],
        ["frobnicate"],
        [],
    ],
)
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_an_unwritable_path_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "locked.json"))

    monkeypatch.setattr(store, "new_workbook", refuse)
    assert main(["new", str(tmp_path / "locked.json"), "--name", "Sam"]) == 2
    err = capsys.readouterr().err
    assert "locked.json: Permission denied" in err
    assert "Traceback" not in err


def test_ask_calendar_file_into_a_missing_folder_is_refused_before_saving(
    sample_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample_workbook.read_bytes()
    argv = ["ask", str(sample_workbook), "--goal", "g2-p01", "--contact", "c2-p01"]
    assert main([*argv, "--ics", str(tmp_path / "nowhere" / "ask.ics")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert sample_workbook.read_bytes() == before


@pytest.mark.parametrize("command", ["goals", "progress"])
def test_terminal_codes_in_typed_text_are_shown_not_run(
    command: str, sample_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def poison(workbook: Any) -> None:
        workbook.goals[0].statement = "Lead \x1b]0;pwned\x07 the \x1b[2J review"
        workbook.contacts[0].name = "Eve \x1b[31mRed"

    store.update_workbook(sample_workbook, poison)
    assert main([command, str(sample_workbook), "--today", "2026-11-23"]) in (0, 1)
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out


def test_sample_never_replaces_a_workbook_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "workbooks" / "p01.json"
    store.new_workbook(mine, name="A real participant")
    assert main(["sample", str(tmp_path), "--participants", "2"]) == 2
    assert "p01.json" in capsys.readouterr().err
    assert store.load_workbook(mine).profile.name == "A real participant"


def test_an_id_with_a_trailing_newline_is_not_an_id(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "a.json"), "--name", "A", "--id", "evil\n"]) == 2
    data = store.workbook_to_dict(store.Workbook(participant_id="ok"))
    data["participant_id"] = "evil\n"
    with pytest.raises(store.WorkbookError, match="participant_id"):
        store.workbook_from_dict(data)


# mentorkit notebooks DIR


def test_notebooks_copies_a_fresh_set_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    assert main(["notebooks", str(target)]) == 0
    assert "Copied 5 notebooks" in capsys.readouterr().out
    names = sorted(path.name for path in target.iterdir())
    assert names == sorted(path.name for path in NOTEBOOKS.glob("0[0-4]_*.ipynb"))
    assert (target / "01_goals.ipynb").read_bytes() == (NOTEBOOKS / "01_goals.ipynb").read_bytes()

    (target / "01_goals.ipynb").write_text("my own notes", encoding="utf-8")
    (target / "02_network.ipynb").unlink()
    assert main(["notebooks", str(target)]) == 2
    error = capsys.readouterr().err
    assert "already holds" in error and "01_goals.ipynb" in error and "Traceback" not in error
    assert (target / "01_goals.ipynb").read_text(encoding="utf-8") == "my own notes"
    assert not (target / "02_network.ipynb").exists(), "nothing is copied when one would clash"


def test_notebooks_into_a_file_says_it_is_not_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    assert main(["notebooks", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


# Each command imports only its own module


def test_every_subcommand_is_mapped_to_the_module_that_registers_it() -> None:
    import argparse

    for module in cli.COMMAND_MODULES:
        parser = cli.build_parser((module,))
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert set(action.choices) == set(cli.COMMANDS[module]), module
        for command in action.choices:
            assert cli.COMMAND_MODULE.get(command) == module, command
    assert set(cli.COMMAND_MODULE.values()) == set(cli.COMMAND_MODULES)


def test_validate_loads_neither_pandas_nor_the_cohort_code_nor_shutil(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "w.json"
    assert main(["new", str(path), "--name", "Sam"]) == 0
    code = (
        "import sys; from mentorkit.cli import main; rc = main(['validate', sys.argv[1]]); "
        "heavy = sorted(m for m in ('pandas', 'icalendar', 'matplotlib', 'mentorkit.cohort', "
        "'shutil') "
        "if m in sys.modules); print(rc, heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().endswith("0 []"), done.stdout


@pytest.mark.parametrize("columns", [None, "50", "200", "0", "wide"])
def test_the_help_width_is_the_one_shutil_would_give(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_width() == shutil.get_terminal_size().columns


def test_the_help_follows_the_terminal_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = []
    for columns in ("50", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        assert main(["cohort", "run", "--help"]) == 0
        texts.append(capsys.readouterr().out)
    narrow, wide = texts
    assert len(narrow.splitlines()) > len(wide.splitlines())
    assert max(map(len, wide.splitlines())) > 100


def test_the_entry_point_runs_the_command_line_and_leaves_collection_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc
    import sys

    from mentorkit.__main__ import run

    path = tmp_path / "w.json"
    assert main(["new", str(path), "--name", "Sam"]) == 0
    monkeypatch.setattr(sys, "argv", ["mentorkit", "validate", str(path)])
    try:
        assert run() == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the imports made is set aside
    finally:
        gc.unfreeze()
    assert "is valid: 0 goal(s)" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["mentorkit", "validate", str(tmp_path / "none.json")])
    try:
        assert run() == 2
    finally:
        gc.unfreeze()
