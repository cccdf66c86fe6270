"""Tests for ``mentorkit goals``: called through :func:`mentorkit.cli.main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorkit import store
from mentorkit.cli import main
from mentorkit.model import Goal, Workbook


def test_text_output_lists_goals_and_findings(
    cohort_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cohort_dir / "workbooks" / "p06.json"
    assert main(["goals", str(path), "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "1. Get better at leadership" in out
    assert "problem vague:" in out
    assert "fix:" in out
    assert "problem compound:" in out and "“Become a director”" in out
    assert "2 goal(s) reviewed" in out


def test_json_output(cohort_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = cohort_dir / "workbooks" / "p07.json"
    assert main(["goals", str(path), "--json", "--today", "2026-11-23"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2026-11-23"
    assert len(data["goals"]) == 4
    assert [f["code"] for f in data["findings"]] == ["too_many_goals"]
    first = data["goals"][0]
    assert set(first) >= {"id", "statement", "status", "findings", "suggested_type", "ready"}
    # Every finding, the workbook's own and each goal's, has the same keys.
    findings = [*data["findings"], *(f for goal in data["goals"] for f in goal["findings"])]
    assert findings
    for finding in findings:
        assert set(finding) == {"code", "severity", "message", "fix", "evidence"}


def test_horizon_depends_on_today(cohort_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = cohort_dir / "workbooks" / "p01.json"
    main(["goals", str(path), "--json", "--today", "2026-11-23"])
    codes_now = {
        f["code"] for g in json.loads(capsys.readouterr().out)["goals"] for f in g["findings"]
    }
    main(["goals", str(path), "--json", "--today", "2026-01-01"])
    codes_early = {
        f["code"] for g in json.loads(capsys.readouterr().out)["goals"] for f in g["findings"]
    }
    assert "horizon_too_long" not in codes_now
    assert "horizon_too_long" in codes_early


def test_empty_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.json"
    store.new_workbook(path, name="Sam")
    assert main(["goals", str(path)]) == 0
    assert "No goals in this workbook yet." in capsys.readouterr().out


def test_missing_file_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["goals", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


def test_bad_date_is_bad_input(sample_workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["goals", str(sample_workbook), "--today", "soon"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_hostile_text_cannot_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.json"
    statement = "Clear \x1b[2J screen 🚀 <script>alert(1)</script>"
    store.save_workbook(Workbook(goals=[Goal(id="g1", statement=statement)]), path)
    assert main(["goals", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\\x1b[2J" in out and "🚀" in out
    assert main(["goals", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["goals"][0]["statement"] == statement
