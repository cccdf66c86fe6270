"""Helpers more than one test module needs: notebooks and rosters written for a cohort run,
and the cohort dashboard served by Voila."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat

from tests.conftest import NOTEBOOKS, require


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
