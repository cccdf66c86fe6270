"""Helpers more than one test module needs: notebooks and rosters written for a cohort run,
a cohort run stopped partway, and the cohort dashboard served by Voila."""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import psutil

from tests.conftest import NOTEBOOKS, require

if TYPE_CHECKING:
    from mentorkit.cohort.layout import CohortLayout


def write_notebook(path: Path, *cells: str, parameters: str, language: str = "python") -> Path:
    """A notebook with a ``parameters`` cell and then ``cells``, for papermill to run."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": language,
    }
    notebook.cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(notebook, path)
    return path


def write_roster(path: Path, rows: list[dict[str, str]]) -> Path:
    """A roster CSV with the columns of the first row."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def dashboard_page(cohort_dir_env: str, out: Path, cwd: Path) -> tuple[str, bytes]:
    """The cohort dashboard as Voila serves it for the cohort in ``out``, and Voila's log.

    ``cohort_dir_env`` is the environment variable the dashboard reads its folder from.
    """
    voila = Path(sys.executable).with_name("voila")
    require(voila.is_file(), "voila (the lab extra)")
    port = free_port()
    env = {**os.environ, cohort_dir_env: str(out), "MPLBACKEND": "Agg"}
    server = subprocess.Popen(
        [str(voila), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
         str(NOTEBOOKS / "cohort_dashboard.ipynb")],
        env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        page = ""
        deadline = time.monotonic() + 90
        while not page:
            assert server.poll() is None, "voila stopped"
            assert time.monotonic() < deadline, "voila did not answer"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as response:
                    page = response.read().decode("utf-8")
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.3)
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    return page, log


def run_ok(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    """Run ``command``; its output, or a failed assertion that shows the end of both streams."""
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, (
        f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n"
        f"{done.stderr[-3000:]}"
    )
    return done.stdout


# --------------------------------------------------------------------------------------
# A `mentorkit cohort run` started as its own process group, stopped partway
# --------------------------------------------------------------------------------------


def start_cohort_run(arguments: list[str], *, cwd: Path, scratch: Path) -> subprocess.Popen[bytes]:
    """``mentorkit cohort run ARGUMENTS`` in a new session, its temp files in ``scratch``."""
    return subprocess.Popen(
        [sys.executable, "-m", "mentorkit", "cohort", "run", *arguments],
        cwd=cwd,
        start_new_session=True,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def descendants(pid: int) -> list[psutil.Process]:
    """Every process started under ``pid`` (none once it is gone)."""
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def runs_a_kernel(pid: int) -> bool:
    """Whether a Jupyter kernel runs under ``pid`` (started, not only being started)."""
    for child in descendants(pid):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                return True
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return False


def wait_until(process: subprocess.Popen[bytes], ready: Callable[[], bool], what: str) -> None:
    """Poll ``ready`` while ``process`` runs; fail after 90 s or if it ends first."""
    deadline = time.monotonic() + 90
    while not ready():
        assert process.poll() is None, f"the run ended before {what}"
        assert time.monotonic() < deadline, f"the run did not reach {what}"
        time.sleep(0.2)


def kill_run(process: subprocess.Popen[bytes], children: list[psutil.Process]) -> None:
    """Kill the run's process group and ``children`` (a kernel runs in its own session)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    process.wait(timeout=10)
    psutil.wait_procs(children, timeout=10)


def write_summaries(out: Path, summaries: list[dict[str, Any]]) -> CohortLayout:
    """Each summary in its participant's folder of the cohort folder ``out``, as a run does."""
    from mentorkit.cohort.layout import CohortLayout
    from mentorkit.cohort.summary import write_summary_file

    layout = CohortLayout(out)
    for summary in summaries:
        files = layout.participant(summary["participant_id"])
        files.folder.mkdir(parents=True, exist_ok=True)
        write_summary_file(summary, files.summary)
    return layout


def choose_file(picker: Any, name: str, data: bytes, mime: str = "") -> None:
    """Choose a file in a :class:`~mentorkit.widgets.common.FilePicker` as the page sends it."""
    picker._handle_custom_msg({"event": "file", "name": name, "type": mime}, [memoryview(data)])
