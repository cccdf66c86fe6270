"""docs/facilitators.md: the boxes marked *tested* run as written, in an empty folder."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from mentorkit.cli import main
from mentorkit.packaged import DASHBOARD_NOTEBOOK_NAME, NOTEBOOKS_FOLDER
from tests.conftest import REPO

GUIDE = REPO / "docs" / "facilitators.md"
TESTED = re.compile(r"<!-- tested: facilitators -->\n```bash\n(.*?)```", re.DOTALL)


def guide_commands() -> list[tuple[list[str], int]]:
    """Each command of the tested boxes, with the exit code its ``# exit N`` comment names."""
    commands = []
    for block in TESTED.findall(GUIDE.read_text(encoding="utf-8")):
        for line in block.splitlines():
            words = shlex.split(line, comments=False)
            expected = 0
            if "#" in words:
                comment = words[words.index("#") :]
                words = words[: words.index("#")]
                expected = int(comment[2]) if comment[1:2] == ["exit"] else 0
            if words:
                commands.append((words, expected))
    return commands


def test_the_guide_has_tested_boxes() -> None:
    programs = {words[0] for words, _ in guide_commands()}
    assert programs == {"mentorkit", "mkdir"}
    assert len(guide_commands()) >= 10


def test_the_guides_commands_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for words, expected in guide_commands():
        if words[0] == "mkdir":
            Path(words[1]).mkdir()
            continue
        code = main(words[1:])
        captured = capsys.readouterr()
        assert code == expected, (words, captured.err)
        if words[1:3] == ["cohort", "summarize"] and "--json" in words:
            data = json.loads(captured.out)
    # What the guide promises came true.
    assert sorted(p.name for p in (tmp_path / "my-notebooks").glob("*.ipynb"))[0].startswith("00")
    assert (tmp_path / "collected" / "cohort.csv").is_file()
    feedback = data["programme_feedback"]
    assert feedback["answers"] == 4 and feedback["shown"]
    assert {"helped": "", "to_change": "", "comment": "Short and concrete."} in feedback["comments"]
    assert [p["participant_id"] for p in data["participants"]] == ["p01", "p02", "p03", "p08"]


def test_the_dashboard_notebook_the_guide_names_exists() -> None:
    assert "p.NOTEBOOKS_FOLDER / p.DASHBOARD_NOTEBOOK_NAME" in GUIDE.read_text(encoding="utf-8")
    assert (NOTEBOOKS_FOLDER / DASHBOARD_NOTEBOOK_NAME).is_file()
