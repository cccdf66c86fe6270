"""``mentorkit ask``: draft saved, message printed, calendar written, bad input refused."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from mentorkit.cli import main
from mentorkit.store import load_workbook


@pytest.fixture
def p04(cohort_dir: Path) -> Path:
    return cohort_dir / "workbooks" / "p04.json"


def test_ask_saves_a_draft_prints_the_message_and_writes_ics(
    p04: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = load_workbook(p04)
    ics = tmp_path / "ask.ics"
    code = main(
        [
            "ask", str(p04), "--goal", "g1-p04", "--contact", "c2-p04",
            "--today", "2026-11-23", "--ics", str(ics), "--tz", "Europe/London",
        ]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0
    after = load_workbook(p04)
    assert len(after.mentorships) == len(before.mentorships) + 1
    draft = after.mentorships[-1]
    assert (draft.goal_id, draft.contact_id, draft.status) == ("g1-p04", "c2-p04", "draft")
    assert (draft.sessions, draft.minutes, draft.weeks) == (4, 30, 8)
    assert draft.start is not None and draft.start.isoformat() == "2026-11-30"
    assert out.startswith("Dear ")
    assert draft.message in out
    assert "four 30-minute conversations" in out
    assert "1. Monday 30 November 2026" in out
    assert draft.id in err
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == 4
    assert events[0]["dtstart"].params["TZID"] == "Europe/London"


def test_asking_again_updates_the_same_draft(p04: Path) -> None:
    args = ["ask", str(p04), "--goal", "g1-p04", "--contact", "c1-p04", "--today", "2026-11-23"]
    before = load_workbook(p04)
    assert main([*args, "--sessions", "3"]) == 0
    after = load_workbook(p04)
    assert len(after.mentorships) == len(before.mentorships)  # the sample's draft, updated
    draft = next(m for m in after.mentorships if m.contact_id == "c1-p04")
    assert draft.sessions == 3 and "three 30-minute conversations" in draft.message


def test_checks_are_reported_on_stderr(p04: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["ask", str(p04), "--goal", "g1-p04", "--contact", "c2-p04", "--weeks", "12",
         "--minutes", "90", "--start", "2026-12-01"]
    )  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err
    assert "[too_long]" in err and "[too_heavy]" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--goal", "nope", "--contact", "c1-p04"], "goal 'nope'"),
        (["--goal", "g1-p04", "--contact", "nope"], "contact 'nope'"),
        (["--goal", "g1-p04", "--contact", "c1-p04", "--sessions", "0"], "sessions"),
        (["--goal", "g1-p04", "--contact", "c1-p04", "--tz", "Nowhere/Land"], "time zone"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(
    p04: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = p04.read_bytes()
    assert main(["ask", str(p04), *extra]) == 2
    assert message in capsys.readouterr().err
    assert p04.read_bytes() == before


def test_bad_date_and_missing_workbook(tmp_path: Path, p04: Path) -> None:
    assert (
        main(["ask", str(p04), "--goal", "g1-p04", "--contact", "c1-p04", "--start", "soon"]) == 2
    )
    assert main(["ask", str(tmp_path / "none.json"), "--goal", "g", "--contact", "c"]) == 2


def test_the_calendar_file_is_written_through_a_link_and_a_folder_is_refused_first(
    p04: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendars = tmp_path / "calendars"
    calendars.mkdir()
    real = calendars / "mine.ics"
    real.write_text("old")
    link = tmp_path / "ask.ics"
    link.symlink_to(real)
    base = ["ask", str(p04), "--goal", "g1-p04", "--contact", "c2-p04", "--today", "2026-11-23"]
    assert main([*base, "--ics", str(link)]) == 0
    assert link.is_symlink()  # the link stays a link; the file it points to is the calendar
    assert real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    drafts = len(load_workbook(p04).mentorships)
    capsys.readouterr()
    assert main([*base, "--contact", "c3-p04", "--ics", str(calendars)]) == 2
    assert "is a folder; give a file name, such as" in capsys.readouterr().err
    assert len(load_workbook(p04).mentorships) == drafts  # refused before anything was saved


def test_a_calendar_file_that_cannot_be_written_is_refused_before_the_draft_is_saved(
    p04: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    read_only = tmp_path / "ro.ics"
    read_only.write_text("mine")
    read_only.chmod(0o444)
    dangling = tmp_path / "gone.ics"
    dangling.symlink_to(tmp_path / "nowhere" / "x.ics")
    base = ["ask", str(p04), "--goal", "g1-p04", "--contact", "c2-p04", "--today", "2026-11-23"]
    before = p04.read_bytes()
    for target, said in ((read_only, "is read-only"), (dangling, "which does not exist")):
        assert main([*base, "--ics", str(target)]) == 2
        err = capsys.readouterr().err
        assert said in err and "Saved as draft" not in err
        assert p04.read_bytes() == before  # no draft saved
    assert read_only.read_text() == "mine"
