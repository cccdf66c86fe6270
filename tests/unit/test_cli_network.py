"""``mentorkit network`` and ``mentorkit contacts import``, called as ``main([...])``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorkit import store
from mentorkit.cli import main
from mentorkit.model import Workbook
from tests.conftest import TEST_DATA


@pytest.fixture
def p04(cohort_dir: Path) -> Path:
    return cohort_dir / "workbooks" / "p04.json"


def test_network_prints_candidates_and_gaps(p04: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(p04)]) == 0
    out = capsys.readouterr().out
    assert "Network: 3 people" in out
    assert "traditional" in out
    assert "1. Liesel Okafor-Lind - has strength in budgeting" in out
    assert "nobody yet" in out
    assert "Next step: Ask Quentin Tanaka-Morris" in out


def test_network_json(p04: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(p04), "--json", "--limit", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["participant_id"] == "p04"
    assert data["shape"]["type"] == "traditional"
    assert data["shape"]["sphere_counts"]["same_team"] == 2
    budget, values = data["goals"]
    assert budget["candidates"][0]["name"] == "Liesel Okafor-Lind"
    assert budget["candidates"][0]["matched_areas"] == ["budgeting"]
    assert values["candidates"] == []
    kinds = {(g["kind"], g["goal_id"]) for g in data["gaps"]}
    assert ("no_candidate", values["goal_id"]) in kinds


def test_network_on_an_empty_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.json"
    store.new_workbook(path, name="Sam")
    assert main(["network", str(path)]) == 0
    assert "No active goals yet" in capsys.readouterr().out


def test_network_missing_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


def test_import_linkedin_then_again(p04: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(TEST_DATA / "contacts-linkedin-export.csv")
    assert main(["contacts", "import", str(p04), file]) == 0
    out = capsys.readouterr().out
    assert "Imported 4 new contact(s) from contacts-linkedin-export.csv (LinkedIn export)" in out
    assert "left out line 8: no name" in out
    contacts = store.load_workbook(p04).contacts
    assert len(contacts) == 7
    assert {c.source for c in contacts[3:]} == {"linkedin"}
    assert main(["contacts", "import", str(p04), file]) == 0
    assert "Imported 0 new contact(s)" in capsys.readouterr().out
    assert len(store.load_workbook(p04).contacts) == 7


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("contacts-latin1.csv", "not UTF-8"),
        ("contacts-xlsx-binary.csv", "Excel"),
        ("contacts-missing-last-name.csv", "'Last Name'"),
        ("contacts-bad-values.csv", "nothing was imported"),
    ],
)
def test_import_bad_file_changes_nothing(
    p04: Path, capsys: pytest.CaptureFixture[str], file: str, words: str
) -> None:
    before = p04.read_bytes()
    assert main(["contacts", "import", str(p04), str(TEST_DATA / file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mentorkit: {file}")
    assert words in err
    assert p04.read_bytes() == before


def test_import_missing_file_or_folder(
    p04: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contacts", "import", str(p04), str(tmp_path / "gone.csv")]) == 2
    assert "gone.csv: no such CSV file" in capsys.readouterr().err
    assert main(["contacts", "import", str(p04), str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_contacts_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contacts"]) == 2
    assert "ACTION" in capsys.readouterr().err


def test_text_output_neutralises_terminal_control_codes(
    p04: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def rename(workbook: Workbook) -> None:
        workbook.contacts[0].name = "Liesel \x1b[31mRed\x1b[0m\nNext"

    store.update_workbook(p04, rename)
    assert main(["network", str(p04)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "Liesel \\x1b[31mRed\\x1b[0m Next" in out
