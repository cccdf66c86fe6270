"""``mentorkit progress``: text and JSON output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorkit.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_report_of_the_stalled_participant(
    cohort_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cohort_dir / "workbooks" / "p02.json"
    code, out, _ = _run(capsys, "progress", str(path), "--today", "2026-11-23")
    assert code == 0
    assert "Progress of p02 on 2026-11-23" in out
    assert "m1-p02 (g1-p02): behind plan; 1 held of 4 planned (4 due so far)" in out
    assert "next planned 2026-10-26 (overdue)" in out
    assert "[quiet] No conversation with" in out and "40 days" in out


def test_text_report_of_the_on_track_participant(
    cohort_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cohort_dir / "workbooks" / "p01.json"
    code, out, _ = _run(capsys, "progress", str(path), "--today", "2026-11-23")
    assert code == 0
    assert "on track" in out and "No warnings." in out
    assert "T-score: 60.0 over 1 goal(s)" in out


def test_json_report(cohort_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = cohort_dir / "workbooks" / "p05.json"
    code, out, _ = _run(capsys, "progress", str(path), "--json", "--today", "2026-11-23")
    assert code == 0
    summary = json.loads(out)
    assert summary["participant_id"] == "p05"
    assert [w["code"] for w in summary["warnings"]] == ["unanswered"]
    assert summary["gas_tscore"] is None


def test_empty_workbook_reports_nothing_started(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.json"
    assert main(["new", str(path), "--name", "Sam Lee"]) == 0
    code, out, _ = _run(capsys, "progress", str(path))
    assert code == 0
    assert "No mentorship has started yet." in out and "no rated conversation yet" in out


def test_missing_workbook_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "progress", str(tmp_path / "nope.json"))
    assert code == 2
    assert "nope.json" in err and "Traceback" not in err
    assert out == ""


def test_bad_today_is_bad_input(cohort_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = cohort_dir / "workbooks" / "p01.json"
    code, _, err = _run(capsys, "progress", str(path), "--today", "23/11/2026")
    assert code == 2
    assert "is not a date like 2026-03-31" in err
