"""cohort collect: shares checked against the roster, laid out as a cohort run's summaries."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from mentorkit import store
from mentorkit.cli import main
from mentorkit.cohort import summarize
from mentorkit.cohort.collect import collect
from mentorkit.cohort.dashboard import load_dashboard
from mentorkit.share import build_share, share_file_name, share_to_json


def _hand_in(cohort_dir: Path, folder: Path, pid: str, level: str, today: date) -> Path:
    workbook = store.load_workbook(cohort_dir / "workbooks" / f"{pid}.json")
    share = build_share(workbook, level, today)
    target = folder / share_file_name(share)
    target.write_bytes(share_to_json(share))
    return target


@pytest.fixture
def shares(cohort_dir: Path, tmp_path: Path, today: date) -> Path:
    folder = tmp_path / "shares"
    folder.mkdir()
    for pid in ("p01", "p02", "p03", "p05", "p08"):
        _hand_in(cohort_dir, folder, pid, "summary", today)
    return folder


def test_the_dashboard_runs_from_summary_shares_without_third_party_data(
    cohort_dir: Path, shares: Path, tmp_path: Path
) -> None:
    out = tmp_path / "collected"
    result = collect(shares, cohort_dir / "roster.csv", out)
    assert [r.participant_id for r in result.of("collected")] == ["p01", "p02", "p03", "p05", "p08"]
    assert [r.participant_id for r in result.of("missing")] == ["p04", "p06", "p07"]
    assert result.of("refused") == [] and result.roster_for_reports is None
    cohort = summarize(out)
    assert list(cohort.participants["participant_id"]) == ["p01", "p02", "p03", "p05", "p08"]
    assert cohort.participants["name"].str.len().min() > 0  # the roster's names
    assert "participant_id" in cohort.to_csv().splitlines()[0]
    written = "".join(p.read_text() for p in out.glob("*/summary.json"))
    for path in (cohort_dir / "workbooks").glob("*.json"):
        workbook = store.load_workbook(path)
        for contact in workbook.contacts:
            assert contact.name not in written and (
                not contact.email or contact.email not in written
            )
        for text in [c.notes for c in workbook.checkins] + [r.text for r in workbook.reflections]:
            assert not text or text not in written
    dashboard = load_dashboard(out)
    assert not dashboard.problem
    assert "Amara" in dashboard.overview().html
    assert "How useful" in dashboard.programme_feedback().html  # three sample answers
    assert "Goals achieved" in dashboard.what_changed().html
    # Summary shares hold no goal areas: the dashboard says so instead of "all covered".
    assert "5 of 5 participants shared a summary" in dashboard.uncovered().html
    assert "covered by someone" not in dashboard.uncovered().html
    assert "shared a summary" in dashboard.peer_matches().html


def test_collect_refuses_by_file(
    cohort_dir: Path, shares: Path, tmp_path: Path, today: date
) -> None:
    # p01's share handed in under p06's name; p07's hand-in folder holds p02's share
    shutil.copy(next(shares.glob("share-p01-*")), shares / "share-p06-summary-2026-11-23.json")
    (shares / "p07").mkdir()
    shutil.copy(next(shares.glob("share-p02-*")), shares / "p07" / "mine.json")
    (shares / "broken.json").write_text('{"mentorkit_share": 1, "level": "summary"')
    (shares / "workbook.json").write_bytes((cohort_dir / "workbooks" / "p04.json").read_bytes())
    stranger = json.loads(next(shares.glob("share-p03-*")).read_text())
    stranger["participant_id"] = "p99"
    (shares / "stranger.json").write_text(json.dumps(stranger))
    (shares / "link.json").symlink_to(cohort_dir / "workbooks" / "p04.json")
    result = collect(shares, cohort_dir / "roster.csv", tmp_path / "out", level="summary")
    reasons = {row.file: row.reason for row in result.of("refused")}
    assert "another" not in reasons  # sanity: keys are files
    assert (
        "handed in as p06's but it is the share of p01"
        in reasons["share-p06-summary-2026-11-23.json"]
    )
    assert "handed in as p07's but it is the share of p02" in reasons["p07/mine.json"]
    assert reasons["broken.json"].startswith("broken.json: is not readable JSON")
    assert "not a mentorkit share (it looks like a workbook)" in reasons["workbook.json"]
    assert "'p99', who is not on the roster" in reasons["stranger.json"]
    assert "symbolic link" in reasons["link.json"]
    missing = {row.participant_id: row.reason for row in result.of("missing")}
    assert "handed in as p06's" in missing["p06"]
    assert missing["p04"] == "no share handed in"
    # Nobody's summary holds another participant's data.
    for row in result.of("collected"):
        summary = json.loads((tmp_path / "out" / row.participant_id / "summary.json").read_text())
        assert summary["participant_id"] == row.participant_id


def test_collect_refuses_a_share_below_the_level_asked_for(
    cohort_dir: Path, shares: Path, tmp_path: Path, today: date
) -> None:
    _hand_in(cohort_dir, shares, "p04", "full", today)
    _hand_in(cohort_dir, shares, "p06", "goals", today)
    result = collect(shares, cohort_dir / "roster.csv", tmp_path / "out", level="goals")
    assert {r.participant_id: r.level for r in result.of("collected")} == {
        "p04": "full",
        "p06": "goals",
    }
    refused = result.of("refused")
    assert len(refused) == 5
    assert all("a summary share; this collection needs goals" in r.reason for r in refused)


def test_full_shares_give_cohort_run_its_workbooks(
    cohort_dir: Path, shares: Path, tmp_path: Path, today: date
) -> None:
    _hand_in(cohort_dir, shares, "p04", "full", today)
    out = tmp_path / "out"
    result = collect(shares, cohort_dir / "roster.csv", out)
    assert result.roster_for_reports == out.absolute() / "roster.csv"
    from mentorkit.cohort.roster import read_roster

    roster = read_roster(result.roster_for_reports)
    assert [e.participant_id for e in roster.entries] == ["p04"]
    assert store.load_workbook(roster.entries[0].workbook) == store.load_workbook(
        cohort_dir / "workbooks" / "p04.json"
    )
    # A newer share replaces an older one; a share gone later takes its summary with it.
    later = _hand_in(cohort_dir, shares, "p04", "summary", today + timedelta(days=1))
    result = collect(shares, cohort_dir / "roster.csv", out)
    assert {r.participant_id: r.level for r in result.of("collected")}["p04"] == "summary"
    assert not (out / "p04" / "workbook.json").exists() and not (out / "roster.csv").exists()
    for old in shares.glob("share-p04-*"):
        old.unlink()
    assert later.exists() is False
    collect(shares, cohort_dir / "roster.csv", out)
    assert not (out / "p04" / "summary.json").exists()


def test_the_collect_command(
    cohort_dir: Path, shares: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shares / "broken.json").write_text("nope")
    out = tmp_path / "out"
    code = main(["cohort", "collect", str(shares), "--roster", str(cohort_dir / "roster.csv"),
                 "--out", str(out)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert "5 collected, 3 missing, 1 file(s) refused" in captured.out
    assert "refused    broken.json: is not readable JSON" in captured.err
    assert "missing    p04: no share handed in" in captured.err
    assert "`cohort run` (the personal reports) needs full shares or the workbooks" in captured.out
    assert main(["cohort", "summarize", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["programme_feedback"]["answers"] == 3 and data["programme_feedback"]["shown"]
    assert data["what_changed"]["participants"] == 5
    assert [p["participant_id"] for p in data["participants"]] == [
        "p01",
        "p02",
        "p03",
        "p05",
        "p08",
    ]
    assert main(["cohort", "collect", str(tmp_path / "none"), "--roster",
                 str(cohort_dir / "roster.csv"), "--out", str(out)]) == 2  # fmt: skip
    assert main(["cohort", "collect", str(shares), "--roster", str(cohort_dir / "roster.csv"),
                 "--out", str(shares / "inside")]) == 2  # fmt: skip
    assert "must not be inside" in capsys.readouterr().err


@pytest.mark.notebook
def test_the_dashboard_under_voila_shows_how_the_programme_went(
    cohort_dir: Path, shares: Path, tmp_path: Path
) -> None:
    """From summary shares only: the new sections render, with no contact's name."""
    from mentorkit.cohort.dashboard import COHORT_DIR_ENV
    from tests.support import dashboard_page

    out = tmp_path / "collected"
    collect(shares, cohort_dir / "roster.csv", out)
    page, log = dashboard_page(COHORT_DIR_ENV, out, tmp_path)
    assert "How the programme went" in page and "What changed" in page
    assert "would recommend one to a colleague" in page  # three answered: the aggregate shows
    assert "One clear question per conversation." in page  # a consented comment
    assert "Agree what happens if one of us cannot continue." not in page  # not consented
    assert "Goals achieved" in page and "Mentorships completed" in page
    assert page.count("data:image/png;base64,") >= 6  # four charts, the reaction, GAS again
    for path in (cohort_dir / "workbooks").glob("*.json"):
        for contact in store.load_workbook(path).contacts:
            assert contact.name not in page
    assert "Traceback" not in page and "application/vnd.jupyter.stderr" not in page
    assert b"Traceback" not in log


def test_cohort_run_says_a_summary_share_is_not_enough(
    cohort_dir: Path, shares: Path, tmp_path: Path
) -> None:
    from mentorkit.cohort import runner

    shutil.copy(next(shares.glob("share-p01-*")), cohort_dir / "workbooks" / "p01.json")

    def must_not_run(task: runner.ParticipantTask) -> runner.ParticipantResult:
        if task.participant_id == "p01":
            raise AssertionError("a share was run as a workbook")
        return runner.ParticipantResult(task.participant_id, task.name, "done")

    results = runner.run(
        cohort_dir / "roster.csv", tmp_path / "reports", progress=False, run_one=must_not_run
    )
    row = results.set_index("participant_id").loc["p01"]
    assert row["status"] == "failed"
    assert 'a "summary" share, not a workbook' in row["error"]
    assert "full share" in row["error"]


def test_collect_never_writes_through_a_link_planted_in_out(
    cohort_dir: Path, shares: Path, tmp_path: Path
) -> None:
    from mentorkit.cohort.outfolder import UnsafeOutputError

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "p01").symlink_to(elsewhere)
    with pytest.raises(UnsafeOutputError, match="p01"):
        collect(shares, cohort_dir / "roster.csv", out)
    assert list(elsewhere.iterdir()) == []
    (out / "p01").unlink()
    (out / "p02").mkdir()
    (out / "p02" / "summary.json").symlink_to(elsewhere / "planted.json")
    collect(shares, cohort_dir / "roster.csv", out)
    assert list(elsewhere.iterdir()) == []  # the link was replaced, not followed
    assert not (out / "p02" / "summary.json").is_symlink()
