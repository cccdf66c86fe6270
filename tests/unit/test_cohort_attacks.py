"""Each hole issue 15 found, written as the attack: a planted link, a hard link, a swap
between check and run, an id-less workbook, hostile roster and summary files.

Every test asserts the message *and* that no byte outside the expected place changed
(the whole tree is fingerprinted before and after).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from mentorkit import store
from mentorkit.cli import main
from mentorkit.cohort import prepare, read_roster, run
from mentorkit.cohort.layout import CohortLayout
from mentorkit.cohort.outfolder import UnsafeOutputError
from mentorkit.cohort.runner import (
    ParticipantResult,
    ParticipantTask,
    _workbook_for_kernel,
    run_participant,
)
from mentorkit.errors import RosterError

TODAY = "2026-11-23"


def tree(folder: Path) -> dict[str, str]:
    """Every path below ``folder`` (links not followed) with a fingerprint of what it is."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"link -> {path.readlink()}"
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "folder"
    return found


def _outside(tmp_path: Path) -> Path:
    """A folder outside --out holding files a careless run would overwrite or delete."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "summary.json").write_text('{"keep": "me"}')
    (victim / ".report.partial.ipynb").write_text("not the runner's")
    (victim / ".summary.partial.json").write_text("not the runner's either")
    (victim / "report.ipynb").write_text("precious")
    return victim


def _writing_run_one(task: ParticipantTask) -> ParticipantResult:
    """A stand-in for the kernel run that writes where the real one would."""
    task.folder.mkdir(parents=True, exist_ok=True)
    (task.folder / "report.ipynb").write_text("{}")
    (task.folder / "summary.json").write_text("{}")
    return ParticipantResult(task.participant_id, task.name, "done", folder=str(task.folder))


def _tiny_notebook(path: Path, *cells: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "P", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""\nplant = ""',
            metadata={"tags": ["parameters"]},
        ),
        *(nbformat.v4.new_code_cell(source) for source in cells),
    ]
    nbformat.write(notebook, path)
    return path


# --------------------------------------------------------------------------------------
# 1. Nothing written or deleted outside --out
# --------------------------------------------------------------------------------------


def test_a_link_planted_at_out_participant_is_refused_and_its_target_untouched(
    cohort_dir: Path, tmp_path: Path
) -> None:
    victim = _outside(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "p01").symlink_to(victim, target_is_directory=True)
    before, cohort_before = tree(victim), tree(cohort_dir)
    # --force too: a forced rerun removes the old summary first, and must not remove this one.
    results = run(
        cohort_dir / "roster.csv", out, progress=False, force=True, run_one=_writing_run_one
    )
    row = results.set_index("participant_id").loc["p01"]
    assert row["status"] == "failed"
    assert f"{out / 'p01'} is a symbolic link (to {victim})" in row["error"]
    assert "nothing was written there" in row["error"]
    assert (results["status"] == "done").sum() == 7
    assert tree(victim) == before
    assert tree(cohort_dir) == cohort_before
    assert (out / "p01").is_symlink()


def test_a_file_in_place_of_a_participant_folder_is_refused(
    cohort_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "p02").write_text("a file, not a folder")
    results = run(cohort_dir / "roster.csv", out, progress=False, run_one=_writing_run_one)
    error = results.set_index("participant_id").loc["p02", "error"]
    assert f"{out / 'p02'} is a file" in error
    assert (out / "p02").read_text() == "a file, not a folder"


def test_a_link_planted_after_the_check_is_refused_before_the_kernel_starts(
    cohort_dir: Path, tmp_path: Path
) -> None:
    victim = _outside(tmp_path)
    out = tmp_path / "out"
    before = tree(victim)

    def plant_then_run(task: ParticipantTask) -> ParticipantResult:
        if task.participant_id == "p01":
            out.mkdir(exist_ok=True)
            shutil.rmtree(task.folder, ignore_errors=True)
            task.folder.symlink_to(victim, target_is_directory=True)
        if task.participant_id in ("p01", "p02"):
            return run_participant(task)  # p02: a real run (papermill, no link)
        return ParticipantResult(task.participant_id, task.name, "done")

    roster = read_roster(cohort_dir / "roster.csv")
    results = run(roster, out, progress=False, workers=1, run_one=plant_then_run)
    row = results.set_index("participant_id").loc["p01"]
    assert row["status"] == "failed"
    assert "is a symbolic link" in row["error"] and str(victim) in row["error"]
    assert tree(victim) == before


def test_prepare_refuses_a_planted_link_and_writes_nothing_anywhere(
    cohort_dir: Path, tmp_path: Path
) -> None:
    victim = _outside(tmp_path)
    out = tmp_path / "out"
    (out / "p03").mkdir(parents=True)
    (out / "p03" / "notebooks").symlink_to(victim, target_is_directory=True)
    before, out_before = tree(victim), tree(out)
    notebook = _tiny_notebook(tmp_path / "01_goals.ipynb", "print(1)")
    with pytest.raises(UnsafeOutputError, match=r"p03/notebooks is a symbolic link"):
        prepare(cohort_dir / "roster.csv", out, notebooks=[notebook])
    assert tree(victim) == before
    assert tree(out) == out_before  # refused before any participant's notebook was written
    code = main(["cohort", "prepare", str(cohort_dir / "roster.csv"), "--out", str(out),
                 "--notebook", str(notebook)])  # fmt: skip
    assert code == 2
    assert tree(victim) == before


def test_prepare_replaces_a_link_only_with_force_and_never_writes_through_it(
    cohort_dir: Path, tmp_path: Path
) -> None:
    victim = _outside(tmp_path)
    out = tmp_path / "out"
    (out / "p01" / "notebooks").mkdir(parents=True)
    planted = out / "p01" / "notebooks" / "01_goals.ipynb"
    planted.symlink_to(victim / "report.ipynb")
    notebook = _tiny_notebook(tmp_path / "01_goals.ipynb", "print(1)")
    before = tree(victim)
    with pytest.raises(UnsafeOutputError, match="not a regular file"):
        prepare(cohort_dir / "roster.csv", out, notebooks=[notebook])
    rows = prepare(cohort_dir / "roster.csv", out, notebooks=[notebook], force=True)
    assert set(rows["status"]) == {"written"}
    assert not planted.is_symlink() and "workbook_path" in planted.read_text()
    assert tree(victim) == before


# --------------------------------------------------------------------------------------
# 2. Each report from that participant's own snapshot
# --------------------------------------------------------------------------------------


def test_hard_linked_roster_rows_are_refused_like_duplicate_paths(
    cohort_dir: Path, tmp_path: Path
) -> None:
    workbooks = cohort_dir / "workbooks"
    (workbooks / "p03.json").unlink()
    os.link(workbooks / "p01.json", workbooks / "p03.json")
    before = tree(cohort_dir)
    with pytest.raises(RosterError) as caught:
        read_roster(cohort_dir / "roster.csv")
    assert caught.value.problems == [
        "line 4: workbook 'workbooks/p03.json' is the same file as the workbook of line 2 "
        "(a hard link or another name of it); each participant needs their own"
    ]
    out = tmp_path / "out"
    assert main(["cohort", "run", str(cohort_dir / "roster.csv"), "--out", str(out)]) == 2
    assert not out.exists()
    assert tree(cohort_dir) == before


def test_a_hard_link_made_after_the_roster_check_is_refused_by_the_runner(
    cohort_dir: Path, tmp_path: Path
) -> None:
    roster = read_roster(cohort_dir / "roster.csv")
    workbooks = cohort_dir / "workbooks"
    for pid in ("p01", "p05"):  # id-less, so only the file identity can tell
        data = json.loads((workbooks / f"{pid}.json").read_text())
        data["participant_id"] = ""
        (workbooks / f"{pid}.json").write_text(json.dumps(data))
    (workbooks / "p05.json").unlink()
    os.link(workbooks / "p01.json", workbooks / "p05.json")
    ran: list[str] = []

    def run_one(task: ParticipantTask) -> ParticipantResult:
        ran.append(task.participant_id)
        return ParticipantResult(task.participant_id, task.name, "done")

    results = run(roster, tmp_path / "out", progress=False, run_one=run_one)
    error = results.set_index("participant_id").loc["p05", "error"]
    assert error == (
        "workbook workbooks/p05.json (roster line 6) is the same file as the workbook of 'p01' "
        "(roster line 2); not run: each participant needs their own"
    )
    assert "p05" not in ran and "p01" in ran


def test_a_workbook_swapped_after_the_check_cannot_reach_the_report(
    cohort_dir: Path, tmp_path: Path
) -> None:
    # The kernel is handed the bytes the runner checked, not the path: swapping the file
    # for another participant's (copy or link) once the run has begun changes nothing.
    workbooks = cohort_dir / "workbooks"
    checked = (workbooks / "p01.json").read_bytes()
    seen: dict[str, bytes] = {}

    def swap_then_run(task: ParticipantTask) -> ParticipantResult:
        (workbooks / "p01.json").unlink()
        (workbooks / "p01.json").symlink_to(workbooks / "p02.json")
        scratch = tmp_path / "scratch"
        scratch.mkdir()
        seen["given"] = _workbook_for_kernel(task, scratch).read_bytes()  # what the kernel reads
        return ParticipantResult(task.participant_id, task.name, "done")

    roster = cohort_dir / "one.csv"
    roster.write_text("participant_id,name\np01,Amara Okafor-Lind\n")
    results = run(roster, tmp_path / "out", progress=False, run_one=swap_then_run)
    assert list(results["status"]) == ["done"], results["error"].tolist()
    assert seen["given"] == checked


@pytest.mark.notebook
def test_a_swap_during_the_kernel_run_leaks_nothing_into_the_report(
    cohort_dir: Path, tmp_path: Path
) -> None:
    workbooks = cohort_dir / "workbooks"
    other = store.load_workbook(workbooks / "p02.json").profile.name
    notebook = _tiny_notebook(
        tmp_path / "report.ipynb",
        # An attacker swaps the roster's file for a link to p02's while the kernel runs ...
        "import os\nos.unlink(plant)\nos.symlink(plant.replace('p01', 'p02'), plant)",
        # ... and the report reads its workbook afterwards.
        "from mentorkit import store\nprint(store.load_workbook(workbook_path).profile.name)",
    )
    roster = cohort_dir / "one.csv"
    roster.write_text(
        f"participant_id,name,plant\np01,Amara Okafor-Lind,{workbooks / 'p01.json'}\n"
    )
    out = tmp_path / "out"
    results = run(roster, out, notebook=notebook, today=TODAY, progress=False,
                  param_columns=["plant"])  # fmt: skip
    assert list(results["status"]) == ["done"], results["error"].tolist()
    report = (out / "p01" / "report.ipynb").read_text(encoding="utf-8")
    assert "Amara Okafor-Lind" in report
    assert other not in report and other not in (out / "p01" / "report.html").read_text()
    assert sorted(p.name for p in (out / "p01").iterdir()) == [
        "report.html",
        "report.ipynb",
        "summary.json",
    ]


def test_a_workbook_replaced_by_a_link_leaving_the_roster_folder_is_not_read(
    cohort_dir: Path, tmp_path: Path
) -> None:
    roster = read_roster(cohort_dir / "roster.csv")
    secret = tmp_path / "elsewhere.json"
    shutil.copyfile(cohort_dir / "workbooks" / "p04.json", secret)
    (cohort_dir / "workbooks" / "p04.json").unlink()
    (cohort_dir / "workbooks" / "p04.json").symlink_to(secret)
    results = run(roster, tmp_path / "out", progress=False, run_one=_writing_run_one)
    error = results.set_index("participant_id").loc["p04", "error"]
    assert error == (
        f"workbook workbooks/p04.json now leads outside the roster's folder (to {secret}); "
        "not read (roster line 5)"
    )


def test_an_id_less_workbook_needs_the_roster_name(cohort_dir: Path, tmp_path: Path) -> None:
    workbooks = cohort_dir / "workbooks"
    for pid, name in (("p02", "  bastien   KOWALCZYK "), ("p03", "Somebody Else")):
        data = json.loads((workbooks / f"{pid}.json").read_text())
        data["participant_id"] = ""
        data["profile"]["name"] = name
        (workbooks / f"{pid}.json").write_text(json.dumps(data))
    before = tree(cohort_dir)
    results = run(
        cohort_dir / "roster.csv", tmp_path / "out", progress=False, run_one=_writing_run_one
    ).set_index("participant_id")
    assert results.loc["p02", "status"] == "done"  # same name, case and spacing aside
    assert results.loc["p03", "status"] == "failed"
    assert results.loc["p03", "error"] == (
        "workbook workbooks/p03.json has no participant_id and is 'Somebody Else''s, not "
        "'Chiara Fontaine''s (roster line 4); not run, so nobody is sent another person's "
        'data: set "participant_id": "p03" in the workbook file (or correct the name in the '
        "roster)"
    )
    assert not (tmp_path / "out" / "p03").exists()
    assert tree(cohort_dir) == before


# --------------------------------------------------------------------------------------
# Hostile roster and summary files
# --------------------------------------------------------------------------------------


def test_roster_problems_are_numbered_by_physical_line(cohort_dir: Path) -> None:
    roster = cohort_dir / "multi.csv"
    roster.write_text(
        'participant_id,name,workbook\np01,"Amara\nOkafor\nLind",workbooks/p01.json\n'
        "p02,Bastien,workbooks/p02.json\np01,Again,workbooks/p03.json\n"
    )
    with pytest.raises(RosterError) as caught:
        read_roster(roster)
    assert caught.value.problems == ["line 6: participant_id 'p01' is a duplicate of line 2"]


def test_an_unterminated_quote_in_a_roster_names_its_line(cohort_dir: Path) -> None:
    roster = cohort_dir / "broken.csv"
    roster.write_text('participant_id,name\np01,Amara\np02,"Bastien\np03,Chiara\np04,Dmitri\n')
    before = tree(cohort_dir)
    with pytest.raises(RosterError, match=r"line 3: a quote \(\"\) opens a cell that is never"):
        read_roster(roster)
    assert main(["cohort", "run", str(roster), "--out", str(cohort_dir / "out")]) == 2
    assert tree(cohort_dir) == before


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_utf16_roster_is_read_with_or_without_a_byte_order_mark(
    cohort_dir: Path, encoding: str
) -> None:
    text = (cohort_dir / "roster.csv").read_text(encoding="utf-8")
    (cohort_dir / "u16.csv").write_bytes(text.replace("Amara", "Amàra").encode(encoding))
    roster = read_roster(cohort_dir / "u16.csv")
    assert [e.participant_id for e in roster.entries][:2] == ["p01", "p02"]
    assert roster.entries[0].name == "Amàra Okafor-Lind"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "p01/summary.json: is not readable JSON (nested too deep"),
        ('{"n": ' + "9" * 5000 + "}", "p01/summary.json: is not readable JSON (Exceeds the limit"),
        ("\udcff", "p01/summary.json: is not readable JSON ('utf-8' codec can't decode"),
    ],
)
def test_a_damaged_summary_is_a_message_in_summarize_and_the_dashboard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    from mentorkit.cohort.dashboard import load_dashboard

    out = tmp_path / "out"
    files = CohortLayout(out).participant("p01")
    files.folder.mkdir(parents=True)
    files.report_notebook.write_text("{}")
    files.summary.write_bytes(content.encode("utf-8", "surrogateescape"))
    before = tree(tmp_path)
    assert main(["cohort", "summarize", str(out)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    dashboard = load_dashboard(out)
    assert expected in dashboard.problem
    assert tree(tmp_path) == before
