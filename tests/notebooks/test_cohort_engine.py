"""The warm engine: fresh processes forked from a warm parent, cells run in-process by papermill.

Unit tests choose the engine and check the registration without running anything; tests
marked ``notebook`` run real reports: the same report through both engines, a global that
must not reach the next participant, a failing cell, timeouts (a cell that stops when
interrupted and one that does not) and a killed run resumed.
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import nbformat
import psutil
import pytest

from mentorkit.cli import main
from mentorkit.cohort import engine, run
from mentorkit.cohort.layout import CohortLayout
from mentorkit.cohort.runner import ENGINES, _choose_engine
from mentorkit.errors import InputError
from tests.conftest import REPO, SAMPLE_COHORT
from tests.support import (
    descendants,
    kill_run,
    start_cohort_run,
    wait_until,
    write_notebook,
    write_roster,
)

TODAY = "2026-11-23"
PARAMETERS = 'workbook_path = ""\nparticipant_id = ""\ntoday = ""\nsummary_path = ""'
#: papermill gives its injected parameters cell a new random id in every run.
CELL_ID = re.compile(r'id="cell-id=[0-9a-f-]+"')


def _write_notebook(
    path: Path, *cells: str, parameters: str = PARAMETERS, language: str = "python"
) -> Path:
    return write_notebook(path, *cells, parameters=parameters, language=language)


def _outputs(path: Path) -> list[list[dict[str, Any]]]:
    """Every cell's outputs as a reader sees them: types, texts and images, not timestamps."""
    notebook = nbformat.read(path, as_version=4)
    cells = []
    for cell in notebook.cells:
        shown = []
        for output in cell.get("outputs", []):
            item = {"type": output.output_type}
            for key in ("name", "text", "data", "ename", "evalue", "execution_count"):
                if key in output:
                    item[key] = output[key]
            shown.append(item)
        cells.append(shown)
    return cells


# --------------------------------------------------------------------------------------
# Choosing and registering the engine (no notebook runs)
# --------------------------------------------------------------------------------------


def test_warm_is_the_default_for_a_python_notebook_and_kernel_is_kept_for_others(
    tmp_path: Path,
) -> None:
    python = _write_notebook(tmp_path / "py.ipynb", "1")
    other = _write_notebook(tmp_path / "r.ipynb", "1", parameters="x <- 1", language="R")
    assert engine.fork_supported()
    assert _choose_engine(None, python, "python3") == "warm"
    assert _choose_engine("kernel", python, "python3") == "kernel"
    assert _choose_engine(None, other, "python3") == "kernel"
    assert _choose_engine(None, python, "other-env") == "kernel"
    with pytest.raises(InputError, match=r"--engine warm: notebook .*r\.ipynb is in 'R'"):
        _choose_engine("warm", other, "python3")
    with pytest.raises(InputError, match="engine 'fast': use one of warm, kernel"):
        _choose_engine("fast", python, "python3")


def test_without_a_forkserver_the_default_is_the_kernel_and_warm_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = _write_notebook(tmp_path / "py.ipynb", "1")
    monkeypatch.setattr(engine.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert _choose_engine(None, python, "python3") == "kernel"
    with pytest.raises(InputError, match="cannot fork a warm process; use --engine kernel"):
        _choose_engine("warm", python, "python3")


def test_the_cli_takes_engine_and_refuses_an_unknown_one(
    cohort_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ENGINES == ("warm", "kernel")
    out = tmp_path / "out"
    roster = str(cohort_dir / "roster.csv")
    assert main(["cohort", "run", roster, "--out", str(out), "--engine", "fast"]) == 2
    assert "invalid choice: 'fast'" in capsys.readouterr().err
    assert not out.exists()


def test_papermill_finds_the_engine_by_name_and_the_entry_point_names_it() -> None:
    from papermill.engines import papermill_engines

    engine.register()
    assert papermill_engines.get_engine(engine.ENGINE_NAME) is engine.InProcessEngine
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    target = settings["project"]["entry-points"]["papermill.engine"][engine.ENGINE_NAME]
    module, _, name = target.partition(":")
    assert getattr(importlib.import_module(module), name) is engine.InProcessEngine


def test_a_timestamp_and_bytes_are_written_as_a_kernel_writes_them() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", engine._now())
    assert engine._jsonable({"image/png": b"\x89PNG", "text/plain": "x"}) == {
        "image/png": "iVBORw==",
        "text/plain": "x",
    }


# --------------------------------------------------------------------------------------
# Real runs
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def both_engines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three sample participants through each engine (real report notebook)."""
    base = tmp_path_factory.mktemp("both-engines")
    cohort = base / "cohort"
    shutil.copytree(SAMPLE_COHORT, cohort)
    with (cohort / "roster.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # on track, stalled, and one with no asks yet: different sections and charts
    roster = write_roster(cohort / "three.csv", [rows[0], rows[1], rows[4]])
    outs = {}
    for name in ENGINES:
        results = run(roster, base / name, today=TODAY, progress=False, engine=name)
        assert list(results["status"]) == ["done"] * 3, results["error"].tolist()
        outs[name] = base / name
    return outs


@pytest.mark.notebook
def test_both_engines_give_the_same_sections_images_and_summary(
    both_engines: dict[str, Path],
) -> None:
    warm, kernel = both_engines["warm"], both_engines["kernel"]
    for pid in ("p01", "p02", "p05"):
        w, k = CohortLayout(warm).participant(pid), CohortLayout(kernel).participant(pid)
        assert json.loads(w.summary.read_text()) == json.loads(k.summary.read_text())
        assert _outputs(w.report_notebook) == _outputs(k.report_notebook)
        html_w, html_k = (CELL_ID.sub("", f.report_html.read_text()) for f in (w, k))
        assert html_w == html_k
        assert html_w.count("data:image/png;base64,") >= 1
        executed = nbformat.read(w.report_notebook, as_version=4)
        tags = [cell.metadata.get("tags", []) for cell in executed.cells]
        assert tags[2] == ["parameters"] and tags[3] == ["injected-parameters"]
        assert f'participant_id = "{pid}"' in executed.cells[3].source
        assert executed.metadata.papermill.exception is None
        assert executed.metadata.language_info.name == "python"
        statuses = {cell.metadata.papermill.status for cell in executed.cells}
        assert statuses == {"completed"}


def _printed(notebook: Path, cell: int) -> str:
    outputs = nbformat.read(notebook, as_version=4).cells[cell].outputs
    return "".join(o.text for o in outputs if o.output_type == "stream")


@pytest.mark.notebook
def test_nothing_one_participant_sets_is_seen_by_the_next(cohort_dir: Path, tmp_path: Path) -> None:
    rows = [{"participant_id": pid, "name": pid} for pid in ("p01", "p02", "p03")]
    roster = write_roster(cohort_dir / "three.csv", rows)
    notebook = _write_notebook(
        tmp_path / "leak.ipynb",
        "import builtins, os, json, mentorkit, matplotlib\n"
        "seen = [getattr(builtins, 'LEAK', None), os.environ.get('MENTORKIT_LEAK'),\n"
        "        getattr(mentorkit, 'LEAK', None), globals().get('LEAKED'),\n"
        "        matplotlib.rcParams['axes.titlesize']]\n"
        "print(json.dumps({'pid': os.getpid(), 'seen': seen}))",
        "builtins.LEAK = participant_id\nos.environ['MENTORKIT_LEAK'] = participant_id\n"
        "mentorkit.LEAK = participant_id\nLEAKED = participant_id\n"
        "matplotlib.rcParams['axes.titlesize'] = 31",
    )
    results = run(
        roster, tmp_path / "out", notebook=notebook, today=TODAY, progress=False, workers=1
    )
    assert list(results["status"]) == ["done"] * 3, results["error"].tolist()
    pids = set()
    for pid in ("p01", "p02", "p03"):
        printed = json.loads(_printed(tmp_path / "out" / pid / "report.ipynb", 2))
        assert printed["seen"] == [None, None, None, None, "large"], pid
        pids.add(printed["pid"])
    assert len(pids) == 3 and os.getpid() not in pids  # one fresh process each
    assert not hasattr(sys.modules["mentorkit"], "LEAK") and "MENTORKIT_LEAK" not in os.environ


@pytest.mark.notebook
@pytest.mark.parametrize("engine_name", ENGINES)
def test_a_failing_cell_is_named_the_same_by_both_engines(
    engine_name: str, cohort_dir: Path, tmp_path: Path
) -> None:
    rows = [{"participant_id": "p01", "name": "Amara"}, {"participant_id": "p02", "name": "B"}]
    roster = write_roster(cohort_dir / "two.csv", rows)
    failing_source = (
        'if participant_id == "p02":\n    raise ValueError("no goals for " + participant_id)'
    )
    notebook = _write_notebook(tmp_path / "fails.ipynb", "print('first')", failing_source, "1")
    out = tmp_path / "out"
    results = run(
        roster, out, notebook=notebook, today=TODAY, progress=False, engine=engine_name
    ).set_index("participant_id")
    assert results.loc["p01", "status"] == "done"
    assert results.loc["p02", "status"] == "failed"
    assert results.loc["p02", "error"].startswith("ValueError: no goals for p02 (cell ")
    failed = nbformat.read(out / "p02" / "report-failed.ipynb", as_version=4)
    # papermill's error cell on top, its anchor before the failing cell, and the cell it names
    # holds the failing source (source position 2, after papermill's injected cell)
    assert "papermill-error-cell-tag" in failed.cells[0].metadata.tags
    assert failed.metadata.papermill.exception is True
    failing = [
        c for c in failed.cells if c.get("metadata", {}).get("papermill", {}).get("exception")
    ]
    assert [c.source for c in failing] == [failing_source]
    assert failing[0].outputs[-1].ename == "ValueError"
    assert "no goals for p02" in failing[0].outputs[-1].traceback[-1]
    assert failed.cells[-1].execution_count is None  # the cell after it never ran
    # error cell, parameters, injected, print, papermill's anchor, the failing cell
    assert failed.cells[5].source == failing_source
    # its source position is 2; papermill's index before its own cells are added is 3
    assert results.loc["p02", "cell"] == 3  # counted from 1 in the source notebook


@pytest.mark.notebook
def test_a_timeout_stops_only_that_participant_whether_or_not_the_cell_can_be_interrupted(
    cohort_dir: Path, tmp_path: Path
) -> None:
    rows = [
        {"participant_id": "p01", "name": "Amara", "mode": "sleep"},
        {"participant_id": "p02", "name": "Bastien", "mode": "stuck"},
        {"participant_id": "p03", "name": "Chen", "mode": "quick"},
    ]
    roster = write_roster(cohort_dir / "modes.csv", rows)
    notebook = _write_notebook(
        tmp_path / "slow.ipynb",
        "import signal, time\n"
        "if mode == 'stuck':  # the alarm cannot reach it: only the parent can stop it\n"
        "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "if mode != 'quick':\n"
        "    try:\n"
        "        time.sleep(60)\n"
        "    except Exception:\n"
        "        print('a timeout must not be caught by the cell')",
        parameters=PARAMETERS + '\nmode = ""',
    )
    started = time.perf_counter()
    results = run(
        roster,
        tmp_path / "out",
        notebook=notebook,
        today=TODAY,
        timeout=2,
        progress=False,
        param_columns=["mode"],
        engine="warm",
    ).set_index("participant_id")
    assert time.perf_counter() - started < 30
    assert results.loc["p03", "status"] == "done"
    assert results.loc["p01", "status"] == "failed"
    assert results.loc["p01", "error"].startswith("CellTimeoutError: A cell timed out")
    assert results.loc["p02", "status"] == "failed"
    assert results.loc["p02", "error"].startswith("CellTimeoutError: a cell ran more than 2 s")
    for pid in ("p01", "p02"):
        folder = tmp_path / "out" / pid
        assert (folder / "report-failed.ipynb").is_file()
        assert not (folder / "summary.json").exists()
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    sleeper = nbformat.read(tmp_path / "out" / "p01" / "report-failed.ipynb", as_version=4)
    outputs = [cell.get("outputs", []) for cell in sleeper.cells]
    assert "must not be caught" not in json.dumps(outputs)
    assert 2 <= sleeper.cells[-1].metadata.papermill.duration < 10  # stopped at the timeout


@pytest.mark.notebook
@pytest.mark.parametrize("engine_name", ENGINES)
def test_a_run_killed_partway_resumes_where_it_stopped(
    engine_name: str, cohort_dir: Path, tmp_path: Path
) -> None:
    rows = [
        {"participant_id": "p01", "name": "Amara", "delay": "0"},
        {"participant_id": "p02", "name": "Bastien", "delay": "120"},
    ]
    roster = write_roster(cohort_dir / "slow.csv", rows)
    notebook = _write_notebook(
        tmp_path / "slow.ipynb",
        "import time\ntime.sleep(float(delay))",
        parameters=PARAMETERS + '\ndelay = "0"',
    )
    out = tmp_path / "out"
    scratch = tmp_path / "tmp"  # the run's temp folder: p02's scratch folder shows it started
    scratch.mkdir()
    process = start_cohort_run(
        [str(roster), "--out", str(out), "--notebook", str(notebook), "--workers", "1",
         "--param-columns", "delay", "--today", TODAY, "--quiet", "--engine", engine_name],
        cwd=tmp_path, scratch=scratch,
    )  # fmt: skip

    def p02_started() -> bool:
        return any(
            (folder / "label").is_file() and (folder / "label").read_text() == "p02"
            for folder in scratch.iterdir()
        )

    try:
        wait_until(
            process, lambda: (out / "p01" / "summary.json").exists() and p02_started(), "p02"
        )
    finally:
        kill_run(process, descendants(process.pid))
    assert not CohortLayout(out).participant("p02").is_done()
    rows[1]["delay"] = "0"
    write_roster(roster, rows)
    resumed = run(
        roster,
        out,
        notebook=notebook,
        today=TODAY,
        progress=False,
        param_columns=["delay"],
        engine=engine_name,
    )
    assert dict(zip(resumed["participant_id"], resumed["status"], strict=True)) == {
        "p01": "skipped",
        "p02": "done",
    }
    assert [p.name for p in (out / "p02").iterdir() if p.name.startswith(".")] == []
    assert (out / "p02" / "report.html").is_file()


@pytest.mark.notebook
def test_the_cli_prints_where_a_participants_time_went(
    cohort_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = write_roster(cohort_dir / "one.csv", [{"participant_id": "p01", "name": "Amara"}])
    code = main(
        ["cohort", "run", str(roster), "--out", str(tmp_path / "out"), "--today", TODAY,
         "--quiet", "--engine", "warm"]
    )  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert re.search(
        r"Per participant \(median of 1\): [\d.]+ s; execute [\d.]+ s, export [\d.]+ s, "
        r"write [\d.]+ s, process start and the rest [\d.]+ s",
        printed,
    ), printed


def test_a_daemonic_worker_runs_its_participant_in_a_kernel_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Dask nanny's worker process is daemonic and may not start children.
    from mentorkit.cohort import runner
    from mentorkit.cohort.runner import ParticipantResult, ParticipantTask

    ran: list[str] = []

    def here(task: ParticipantTask) -> ParticipantResult:
        ran.append(task.engine)
        return ParticipantResult(task.participant_id, task.name, "done")

    monkeypatch.setattr(runner, "_run_participant_here", here)
    monkeypatch.setattr(engine.multiprocessing.current_process(), "daemon", True)
    task = ParticipantTask("p01", "A", tmp_path / "w.json", tmp_path / "n.ipynb", tmp_path)
    assert not engine.available()
    assert runner.run_participant(replace(task, engine="warm")).status == "done"
    assert ran == ["kernel"]


@pytest.mark.notebook
def test_a_crashed_process_fails_only_its_participant_and_the_environment_is_current(
    cohort_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine.warm_up()  # the warm parent starts before the variable below is set
    monkeypatch.setenv("MENTORKIT_TEST_SETTING", "set after the warm parent started")
    rows = [{"participant_id": "p01", "name": "Amara"}, {"participant_id": "p02", "name": "B"}]
    roster = write_roster(cohort_dir / "two.csv", rows)
    notebook = _write_notebook(
        tmp_path / "crash.ipynb",
        "import os\nprint(os.environ['MENTORKIT_TEST_SETTING'])",
        "if participant_id == 'p02':\n    os._exit(3)",
    )
    out = tmp_path / "out"
    results = run(roster, out, notebook=notebook, today=TODAY, progress=False, engine="warm")
    by_id = results.set_index("participant_id")
    assert by_id.loc["p01", "status"] == "done"
    assert _printed(out / "p01" / "report.ipynb", 2) == "set after the warm parent started\n"
    assert by_id.loc["p02", "status"] == "failed"
    assert by_id.loc["p02", "error"] == "the report process ended without a result (exit code 3)"
    assert not (out / "p02" / "summary.json").exists()
    assert [p.name for p in (out / "p02").iterdir() if p.name.startswith(".")] == []


@pytest.mark.notebook
def test_the_in_process_engine_captures_what_a_kernel_shows(tmp_path: Path) -> None:
    import papermill

    engine.register()
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "P", "language": "python"}
    sources = [
        "x = 1",
        "import sys\nprint('a', end='')\nprint('b')\nprint('oops', file=sys.stderr)",
        "x + 41",
        "x + 1;",
        "from IPython.display import HTML, clear_output, display\n"
        "display(HTML('<b>bold</b>'))\nhandle = display('first', display_id=True)\n"
        "handle.update('second')",
        "print('gone')\nclear_output(wait=True)\nprint('kept')",
        "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.title('t');",
        "print(x)",
    ]
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.cells[0].metadata["tags"] = ["parameters"]
    notebook.cells.insert(1, nbformat.v4.new_markdown_cell("## between"))
    source = tmp_path / "shows.ipynb"
    nbformat.write(notebook, source)
    outputs = {}
    for name in (engine.ENGINE_NAME, None):
        target = tmp_path / f"{name}.ipynb"
        papermill.execute_notebook(
            str(source), str(target), parameters={"x": 2}, engine_name=name, progress_bar=False
        )
        shown = _outputs(target)
        for cell in shown:
            for output in cell:
                output.pop("traceback", None)  # the same text; its colours may differ
        outputs[name] = shown
        executed = nbformat.read(target, as_version=4)
        assert [c.execution_count for c in executed.cells if c.cell_type == "code"] == list(
            range(1, 10)
        )
        assert set(executed.cells[3].metadata.execution) == {
            "iopub.status.busy", "iopub.execute_input", "shell.execute_reply", "iopub.status.idle",
        }  # fmt: skip
    warm, kernel = outputs[engine.ENGINE_NAME], outputs[None]
    assert warm == kernel
    assert warm[3] == [{"type": "stream", "name": "stdout", "text": "ab\n"},
                       {"type": "stream", "name": "stderr", "text": "oops\n"}]  # fmt: skip
    assert warm[4][0]["data"] == {"text/plain": "43"} and warm[5] == []
    assert warm[6][1]["data"] == {"text/plain": "'second'"}
    assert warm[7] == [{"type": "stream", "name": "stdout", "text": "kept\n"}]
    assert "image/png" in warm[8][0]["data"]
    assert warm[9] == [{"type": "stream", "name": "stdout", "text": "2\n"}]


@pytest.mark.notebook
def test_a_facilitators_script_needs_no_main_guard(cohort_dir: Path, tmp_path: Path) -> None:
    # multiprocessing would re-run an unguarded script in every child; the report processes
    # never import the caller's __main__.
    rows = [{"participant_id": "p01", "name": "Amara"}, {"participant_id": "p02", "name": "B"}]
    roster = write_roster(cohort_dir / "two.csv", rows)
    notebook = _write_notebook(tmp_path / "tiny.ipynb", "print(participant_id)")
    script = tmp_path / "reports.py"
    script.write_text(
        "import sys\nfrom mentorkit.cohort import run\n"
        f"results = run({str(roster)!r}, {str(tmp_path / 'out')!r}, notebook={str(notebook)!r},"
        " progress=False, engine='warm')\n"
        "print('RAN', ','.join(results['status']))\n",
        encoding="utf-8",
    )
    finished = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.count("RAN") == 1 and "RAN done,done" in finished.stdout


@pytest.mark.notebook
def test_a_stopped_warm_parent_is_started_again_by_the_next_report(tmp_path: Path) -> None:
    from multiprocessing import forkserver

    engine.warm_up()
    first = forkserver._forkserver._forkserver_pid
    assert first is not None and psutil.pid_exists(first)
    engine.stop_warm_parent()
    assert forkserver._forkserver._forkserver_pid is None
    # the next report's process runs (any importable function will do), forked by a new one
    assert engine.run_in_fresh_process(os.getpgid, 0) == os.getpgid(0)
    assert forkserver._forkserver._forkserver_pid not in (None, first)


@pytest.mark.parametrize(
    "first",
    [
        "import mentorkit.cohort.engine",  # the entry point's own module imports papermill second
        "from mentorkit.cohort import engine; engine.register()",
        "import papermill",
    ],
)
def test_the_entry_point_works_whatever_is_imported_first(first: str, tmp_path: Path) -> None:
    # papermill loads its entry points while `papermill.engines` is being imported; an
    # installed mentorkit declares one, made here with a dist-info of its own.
    info = tmp_path / "mentorkit_entry-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mentorkit-entry\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text(
        f"[papermill.engine]\n{engine.ENGINE_NAME} = mentorkit.cohort.engine:InProcessEngine\n"
    )
    check = (
        f"{first}\nfrom papermill.engines import papermill_engines\n"
        "from mentorkit.cohort import engine\n"
        "assert papermill_engines.get_engine(engine.ENGINE_NAME) is engine.InProcessEngine\n"
        "print(engine.InProcessEngine.__qualname__)"
    )
    path = os.pathsep.join([str(tmp_path), str(REPO), os.environ.get("PYTHONPATH", "")])
    finished = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == "InProcessEngine\n"
