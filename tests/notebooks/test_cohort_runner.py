"""The cohort runner: real papermill runs (marked ``notebook``) and the bookkeeping around them.

Kernel runs are few and shared: one 8-person run of the real report notebook (module
fixture) for results, privacy and "nothing outside DIR"; small runs of tiny notebooks for
a failure, hostile parameters, a killed run resumed, and the Dask path.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import os
import shutil
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import psutil
import pytest

from mentorkit import store
from mentorkit.cohort import read_roster, run, summarize
from mentorkit.cohort.layout import CohortLayout
from mentorkit.cohort.runner import ParticipantResult, ParticipantTask
from tests.conftest import REPO, SAMPLE_COHORT, TEST_DATA, require
from tests.support import (
    descendants,
    kill_run,
    runs_a_kernel,
    start_cohort_run,
    wait_until,
    write_notebook,
    write_roster,
)

TODAY = "2026-11-23"


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _write_notebook(path: Path, parameters: str, *cells: str) -> Path:
    return write_notebook(path, *cells, parameters=parameters)


def _texts(path: Path) -> list[str]:
    """A file's text as written and as a person would read it (entities and escapes undone)."""
    raw = path.read_text(encoding="utf-8")
    texts = [raw, html.unescape(raw)]
    if path.suffix in (".json", ".ipynb"):
        texts.append(json.dumps(json.loads(raw), ensure_ascii=False))
    return texts


# --------------------------------------------------------------------------------------
# Bookkeeping without kernels
# --------------------------------------------------------------------------------------


def _fake_run_one(task: ParticipantTask) -> ParticipantResult:
    if task.participant_id == "p02":
        raise RuntimeError("worker lost")
    files = CohortLayout(task.folder.parent).participant(task.participant_id)
    files.folder.mkdir(parents=True, exist_ok=True)
    files.report_notebook.write_text("{}")
    files.summary.write_text("{}")
    return ParticipantResult(task.participant_id, task.name, "done", folder=str(task.folder))


def test_results_come_back_in_roster_order_and_a_lost_worker_fails_only_its_participant(
    cohort_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    with ThreadPoolExecutor(max_workers=3) as executor:
        results = run(
            cohort_dir / "roster.csv", out, executor=executor, progress=False, run_one=_fake_run_one
        )
    assert list(results["participant_id"]) == [f"p0{i}" for i in range(1, 9)]
    statuses = dict(zip(results["participant_id"], results["status"], strict=True))
    assert statuses.pop("p02") == "failed"
    assert set(statuses.values()) == {"done"}
    assert "RuntimeError: worker lost" in results.set_index("participant_id").loc["p02", "error"]
    again = run(cohort_dir / "roster.csv", out, progress=False, run_one=_fake_run_one)
    assert (again["status"] == "skipped").sum() == 7
    forced = run(cohort_dir / "roster.csv", out, force=True, progress=False, run_one=_fake_run_one)
    assert (forced["status"] == "done").sum() == 7


def test_missing_workbooks_fail_without_stopping_the_others(
    cohort_dir: Path, tmp_path: Path
) -> None:
    (cohort_dir / "workbooks" / "p03.json").unlink()
    results = run(
        cohort_dir / "roster.csv", tmp_path / "out", progress=False, run_one=_fake_run_one
    )
    row = results.set_index("participant_id").loc["p03"]
    assert row["status"] == "failed"
    assert row["error"] == "workbook not found: workbooks/p03.json (roster line 4)"
    assert (results["status"] == "done").sum() == 6


def test_a_workbook_naming_another_participant_is_not_run(cohort_dir: Path, tmp_path: Path) -> None:
    # The row for p03 points at a copy of Amara's (p01's) workbook: her data must not
    # reach p03's report, so p03 fails and nothing runs for p03.
    shutil.copyfile(cohort_dir / "workbooks" / "p01.json", cohort_dir / "workbooks" / "p03.json")
    ran: list[str] = []

    def run_one(task: ParticipantTask) -> ParticipantResult:
        ran.append(task.participant_id)
        return ParticipantResult(task.participant_id, task.name, "done")

    results = run(cohort_dir / "roster.csv", tmp_path / "out", progress=False, run_one=run_one)
    row = results.set_index("participant_id").loc["p03"]
    assert row["status"] == "failed"
    assert row["error"].startswith(
        "workbook workbooks/p03.json belongs to participant 'p01', not 'p03' (roster line 4)"
    )
    assert "p03" not in ran
    assert sorted(ran) == ["p01", "p02", "p04", "p05", "p06", "p07", "p08"]


def test_a_workbook_without_its_own_id_runs_and_a_damaged_one_fails_clearly(
    cohort_dir: Path, tmp_path: Path
) -> None:
    workbooks = cohort_dir / "workbooks"
    data = json.loads((workbooks / "p02.json").read_text(encoding="utf-8"))
    data["participant_id"] = ""
    (workbooks / "p02.json").write_text(json.dumps(data), encoding="utf-8")
    (workbooks / "p04.json").write_text("{not json", encoding="utf-8")
    results = run(
        cohort_dir / "roster.csv", tmp_path / "out", progress=False, run_one=_fake_run_one
    ).set_index("participant_id")
    assert results.loc["p02", "error"] == "RuntimeError: worker lost"  # it was run
    assert results.loc["p04", "status"] == "failed"
    assert results.loc["p04", "error"].startswith(
        "workbook workbooks/p04.json cannot be read (roster line 5)"
    )


def test_bad_arguments_are_refused_before_any_work(cohort_dir: Path, tmp_path: Path) -> None:
    from mentorkit.errors import InputError

    out = tmp_path / "out"
    for kwargs in (
        {"workers": 0},
        {"timeout": -1.0},
        {"today": "soon"},
        {"notebook": tmp_path / "x.ipynb"},
    ):
        with pytest.raises(InputError):
            run(cohort_dir / "roster.csv", out, progress=False, run_one=_fake_run_one, **kwargs)  # type: ignore[arg-type]
    assert not out.exists()


def test_a_summary_about_somebody_else_is_refused(tmp_path: Path) -> None:
    from mentorkit.cohort.runner import _check_summary

    task = ParticipantTask("p01", "Amara", tmp_path / "w.json", tmp_path / "n.ipynb", tmp_path)
    summary = tmp_path / "s.json"
    summary.write_text(json.dumps({"summary_version": 1, "participant_id": "p02"}))
    with pytest.raises(ValueError, match="'p02' is not 'p01'"):
        _check_summary(task, summary)
    summary.write_text("{broken")
    with pytest.raises(ValueError):
        _check_summary(task, summary)
    # What the dashboard would refuse, the runner refuses: it is the same check.
    summary.write_text(json.dumps({"summary_version": 1, "participant_id": "p01", "network": None}))
    with pytest.raises(ValueError, match="network: null is not an object"):
        _check_summary(task, summary)
    summary.write_text(json.dumps({"summary_version": 1, "participant_id": "p01"}))
    _check_summary(task, summary)


# --------------------------------------------------------------------------------------
# One 8-person run of the real report notebook
# --------------------------------------------------------------------------------------


@dataclass
class SampleRun:
    base: Path
    cohort: Path
    out: Path
    results: pd.DataFrame
    cohort_digest: str
    seconds: float


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    base = tmp_path_factory.mktemp("sample-run")
    cohort = base / "cohort"
    shutil.copytree(SAMPLE_COHORT, cohort)
    digest = _digest(cohort)
    started = time.perf_counter()
    results = run(cohort / "roster.csv", base / "out", today=TODAY, progress=False)
    return SampleRun(base, cohort, base / "out", results, digest, time.perf_counter() - started)


@pytest.mark.notebook
def test_every_participant_gets_a_report_html_and_summary(sample_run: SampleRun) -> None:
    results = sample_run.results
    assert list(results["status"]) == ["done"] * 8, results[["participant_id", "error"]]
    for pid in results["participant_id"]:
        files = CohortLayout(sample_run.out).participant(pid)
        assert files.report_notebook.is_file() and files.report_html.is_file()
        summary = json.loads(files.summary.read_text(encoding="utf-8"))
        assert summary["participant_id"] == pid
        assert summary["today"] == TODAY
        leftovers = [p.name for p in files.folder.iterdir() if p.name.startswith(".")]
        assert leftovers == []
        notebook = nbformat.read(files.report_notebook, as_version=4)
        assert notebook.metadata["papermill"]["exception"] is None


@pytest.mark.notebook
def test_the_html_report_has_no_code(sample_run: SampleRun) -> None:
    page = (sample_run.out / "p02" / "report.html").read_text(encoding="utf-8")
    assert "Bastien Kowalczyk" in page
    assert "load_report" not in page and "report.goals()" not in page
    assert "data:image/png;base64," in page


@pytest.mark.notebook
def test_no_output_holds_another_participants_name_or_goal(sample_run: SampleRun) -> None:
    roster = read_roster(sample_run.cohort / "roster.csv")
    private: dict[str, list[str]] = {}
    for entry in roster.entries:
        workbook = store.load_workbook(entry.workbook)
        private[entry.participant_id] = [entry.name, *(goal.statement for goal in workbook.goals)]
    for pid in private:
        folder = sample_run.out / pid
        outputs = sorted(p for p in folder.rglob("*") if p.is_file())
        assert len(outputs) == 3
        for output in outputs:
            texts = _texts(output)
            assert any(private[pid][0] in text for text in texts), output  # its own name is there
            for other, secrets in private.items():
                if other == pid:
                    continue
                for secret in secrets:
                    assert not any(secret in text for text in texts), (output, other, secret)


@pytest.mark.notebook
def test_nothing_is_written_outside_the_output_folder(sample_run: SampleRun) -> None:
    assert _digest(sample_run.cohort) == sample_run.cohort_digest
    assert sorted(p.name for p in sample_run.base.iterdir()) == ["cohort", "out"]
    assert not list(Path.cwd().glob("kernel-ipc*"))


@pytest.mark.notebook
def test_a_rerun_skips_finished_participants(sample_run: SampleRun) -> None:
    report = sample_run.out / "p01" / "report.ipynb"
    before = report.stat().st_mtime_ns
    started = time.perf_counter()
    again = run(sample_run.cohort / "roster.csv", sample_run.out, today=TODAY, progress=False)
    assert list(again["status"]) == ["skipped"] * 8
    assert time.perf_counter() - started < 5
    assert report.stat().st_mtime_ns == before


@pytest.mark.notebook
def test_the_run_summarizes_into_cohort_tables(sample_run: SampleRun) -> None:
    cohort = summarize(sample_run.out)
    assert list(cohort.participants["participant_id"]) == [f"p0{i}" for i in range(1, 9)]
    assert {"p02", "p05"} <= set(cohort.stalled["participant_id"])
    assert "values" in set(cohort.uncovered["area"])


# --------------------------------------------------------------------------------------
# Small runs of tiny notebooks
# --------------------------------------------------------------------------------------


@pytest.mark.notebook
def test_a_failing_notebook_fails_only_its_participant_and_parameters_stay_data(
    cohort_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(TEST_DATA / "roster-hostile-names.csv", cohort_dir / "hostile.csv")
    roster = read_roster(cohort_dir / "hostile.csv", param_columns=["note"])
    notebook = _write_notebook(
        tmp_path / "tiny.ipynb",
        'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""\nnote = ""',
        "print(note)",
        'if participant_id == "p02":\n    raise ValueError("boom for " + participant_id)',
    )
    out = tmp_path / "out"
    results = run(roster, out, notebook=notebook, today=TODAY, progress=False, workers=2).set_index(
        "participant_id"
    )
    assert results.loc["p01", "status"] == "done"
    assert results.loc["p02", "status"] == "failed"
    # The cell is counted in the source notebook (papermill's injected cell left out).
    assert results.loc["p02", "error"] == (
        'ValueError: boom for p02 (cell 3 of the report notebook: if participant_id == "p02":)'
    )
    assert results.loc["p02", "cell"] == 3
    failed = out / "p02" / "report-failed.ipynb"
    assert failed.is_file() and not (out / "p02" / "summary.json").exists()
    assert "boom for p02" in failed.read_text(encoding="utf-8")
    # The hostile note arrived exactly as text, and nothing it "says" was run.
    printed = nbformat.read(out / "p01" / "report.ipynb", as_version=4).cells[2].outputs[0].text
    assert printed == roster.entries[0].parameters["note"] + "\n"
    assert not list(tmp_path.rglob("PWNED*")) and not list(Path.cwd().glob("PWNED*"))
    # The runner wrote the summary the tiny notebook did not.
    assert json.loads((out / "p01" / "summary.json").read_text())["participant_id"] == "p01"
    # Fix the notebook and rerun: the done one is skipped, the failed one runs again.
    fixed = _write_notebook(
        tmp_path / "fixed.ipynb",
        'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""\nnote = ""',
        "print(note)",
    )
    again = run(roster, out, notebook=fixed, today=TODAY, progress=False).set_index(
        "participant_id"
    )
    assert again.loc["p01", "status"] == "skipped"
    assert again.loc["p02", "status"] == "done"
    assert not failed.exists()


@pytest.mark.notebook
def test_a_cell_running_past_the_timeout_fails_that_participant(
    cohort_dir: Path, tmp_path: Path
) -> None:
    roster = write_roster(cohort_dir / "one.csv", [{"participant_id": "p01", "name": "Amara"}])
    notebook = _write_notebook(
        tmp_path / "stuck.ipynb",
        'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""',
        "import time\ntime.sleep(60)",
    )
    started = time.perf_counter()
    results = run(roster, tmp_path / "out", notebook=notebook, timeout=2, progress=False)
    assert time.perf_counter() - started < 30
    assert results.loc[0, "status"] == "failed"
    assert (
        "timed out" in results.loc[0, "error"].lower()
        or "timeout" in results.loc[0, "error"].lower()
    )
    assert (tmp_path / "out" / "p01" / "report-failed.ipynb").is_file()
    assert not (tmp_path / "out" / "p01" / "summary.json").exists()


@pytest.mark.notebook
def test_a_run_killed_partway_resumes_where_it_stopped_and_leaves_no_kernel_files(
    cohort_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        {"participant_id": "p01", "name": "Amara", "delay": "0"},
        {"participant_id": "p02", "name": "Bastien", "delay": "120"},
    ]
    roster = write_roster(cohort_dir / "slow.csv", rows)
    notebook = _write_notebook(
        tmp_path / "slow.ipynb",
        'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""\ndelay = "0"',
        "import time\ntime.sleep(float(delay))",
    )
    out = tmp_path / "out"
    scratch = tmp_path / "tmp"  # the run's own temp folder, to see what a kill leaves there
    scratch.mkdir()
    process = start_cohort_run(
        [str(roster), "--out", str(out), "--notebook", str(notebook), "--workers", "1",
         "--param-columns", "delay", "--today", TODAY, "--quiet", "--engine", "kernel"],
        cwd=tmp_path, scratch=scratch,
    )  # fmt: skip
    try:
        wait_until(
            process,
            lambda: (out / "p01" / "summary.json").exists() and runs_a_kernel(process.pid),
            "p02",
        )
    finally:
        kill_run(process, descendants(process.pid))
    assert not CohortLayout(out).participant("p02").is_done()
    killed = [p.name for p in scratch.iterdir()]
    assert any(name.startswith(f"mentorkit-run-{process.pid}-") for name in killed), killed
    rows[1]["delay"] = "0"
    write_roster(roster, rows)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    resumed = run(
        roster,
        out,
        notebook=notebook,
        today=TODAY,
        progress=False,
        param_columns=["delay"],
        engine="kernel",
    )
    # The killed run's scratch folder (its kernel's connection file and sockets) is gone,
    # and this run left none of its own.
    assert [p for p in scratch.iterdir() if p.name.startswith("mentorkit-run-")] == []
    assert dict(zip(resumed["participant_id"], resumed["status"], strict=True)) == {
        "p01": "skipped",
        "p02": "done",
    }
    assert sorted(p.name for p in (out / "p02").iterdir()) == [
        "report.html",
        "report.ipynb",
        "summary.json",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "home-workbook",
        "out",
        "sample-cohort",
        "slow.ipynb",
        "tmp",
    ] or sorted(p.name for p in tmp_path.iterdir()) == ["out", "sample-cohort", "slow.ipynb", "tmp"]


@pytest.mark.notebook
def test_a_dask_executor_runs_the_cohort(cohort_dir: Path, tmp_path: Path) -> None:
    require(importlib.util.find_spec("distributed") is not None, "dask[distributed]")
    from distributed import Client

    rows = [{"participant_id": pid, "name": pid} for pid in ("p04", "p06")]
    roster = write_roster(cohort_dir / "two.csv", rows)
    with Client(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as client:
        results = run(
            roster, tmp_path / "out", executor=client.get_executor(), today=TODAY, progress=False
        )
    assert list(results["status"]) == ["done", "done"], results["error"].tolist()
    summary: dict[str, Any] = json.loads((tmp_path / "out" / "p04" / "summary.json").read_text())
    assert summary["participant_id"] == "p04"
    assert (tmp_path / "out" / "p06" / "report.html").is_file()


def test_without_a_checkout_run_refuses_before_any_work_and_names_notebook(
    cohort_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorkit.cohort import runner
    from mentorkit.errors import InputError

    monkeypatch.setattr(runner, "NOTEBOOKS_FOLDER", tmp_path / "lib" / "notebooks")
    out = tmp_path / "out"
    with pytest.raises(InputError, match="--notebook"):
        run(cohort_dir / "roster.csv", out, progress=False, run_one=_fake_run_one)
    assert not out.exists()


def test_package_data_claims_only_files_the_package_has() -> None:
    # The notebooks are package data (mentorkit/notebooks/): a glob that
    # matches nothing would promise an installed copy that is never there.
    import tomllib

    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = settings["tool"]["setuptools"]["package-data"]
    for package, patterns in package_data.items():
        folder = REPO.joinpath(*package.split("."))
        for pattern in patterns:
            assert list(folder.glob(pattern)), f"{package}: {pattern} matches no file"


@pytest.mark.slow
@pytest.mark.notebook
def test_a_cohort_across_real_processes_isolates_one_failure(
    cohort_dir: Path, tmp_path: Path
) -> None:
    # A scheduler and two worker *processes* on 127.0.0.1, as a cluster would have: tasks
    # and results cross process boundaries (pickled), workbooks and --out are a shared
    # folder, and each worker starts its own kernels.
    require(importlib.util.find_spec("distributed") is not None, "dask[distributed]")
    from distributed import Client, LocalCluster

    rows = [{"participant_id": pid, "name": pid} for pid in ("p01", "p02", "p03")]
    roster = write_roster(cohort_dir / "three.csv", rows)
    notebook = _write_notebook(
        tmp_path / "tiny.ipynb",
        'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""',
        "import os\nprint(os.getpid())",
        'if participant_id == "p02":\n    raise RuntimeError("only p02 breaks")',
    )
    out = tmp_path / "out"
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        worker_pids = set(client.run(os.getpid).values())
        results = run(
            roster,
            out,
            notebook=notebook,
            executor=client.get_executor(),
            today=TODAY,
            progress=False,
        ).set_index("participant_id")
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
    assert results.loc["p02", "status"] == "failed"
    assert results.loc["p02", "error"].startswith("RuntimeError: only p02 breaks (cell 3")
    assert results.loc["p02", "cell"] == 3
    assert list(results.loc[["p01", "p03"], "status"]) == ["done", "done"]
    for pid in ("p01", "p03"):
        summary = json.loads((out / pid / "summary.json").read_text())
        assert summary["participant_id"] == pid
    assert (out / "p02" / "report-failed.ipynb").is_file()
    assert not (out / "p02" / "summary.json").exists()


@pytest.mark.notebook
def test_a_run_stopped_with_sigterm_removes_its_kernel_files(
    cohort_dir: Path, tmp_path: Path
) -> None:
    roster = write_roster(cohort_dir / "one.csv", [{"participant_id": "p01", "name": "Amara"}])
    notebook = _write_notebook(
        tmp_path / "slow.ipynb",
        'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""',
        "import time\ntime.sleep(120)",
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = start_cohort_run(
        [str(roster), "--out", str(tmp_path / "out"), "--notebook", str(notebook), "--quiet",
         "--engine", "kernel"],
        cwd=tmp_path, scratch=scratch,
    )  # fmt: skip
    children: list[psutil.Process] = []
    try:
        wait_until(
            process,
            lambda: any((folder / "k" / "kernel.json").exists() for folder in scratch.iterdir()),
            "its kernel's connection file",
        )
        # Stop it while the cell runs, not while the kernel is still starting up (on a busy
        # machine the connection file is written well before the kernel process answers).
        wait_until(process, lambda: runs_a_kernel(process.pid), "a running kernel")
        time.sleep(1.0)
        children = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == -signal.SIGTERM
    finally:
        kill_run(process, children)
    assert list(scratch.iterdir()) == []
