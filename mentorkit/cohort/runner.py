"""Running every participant's report notebook: in parallel, resumable, failures isolated.

For each roster entry, papermill executes the report notebook with that participant's
parameters, nbconvert makes an HTML copy without code, and the notebook's ``summary.json``
is checked; all of it happens in a private scratch folder (:mod:`mentorkit.cohort.scratch`,
which also holds the kernel's connection file and sockets), and only finished files are
copied into ``out/<participant_id>/`` (see :mod:`mentorkit.cohort.layout`), the summary
last, so its presence means "done": a rerun skips those participants (unless ``force``),
and a run killed midway never leaves a half report that looks finished.  Files are copied
in through folder descriptors that never follow a link (:mod:`mentorkit.cohort.outfolder`):
a link planted inside ``out`` is refused by name, and nothing outside ``out`` is written or
deleted.

About 90 % of a papermill run in a kernel is starting the kernel and importing pandas and
matplotlib in it.  So by default (the *warm* engine, :mod:`mentorkit.cohort.engine`) each
participant's step runs in a fresh process forked from a parent that has imported all that
once, and papermill executes the cells in that process; the *kernel* engine starts a Jupyter
kernel per participant, for a report notebook that needs one.  Participants run side by side,
one worker per core by default.  Any :class:`concurrent.futures.Executor` can be passed in,
e.g. a Dask ``Client.get_executor()`` when a cohort outgrows one machine.

Each workbook is read once, before anything runs (:mod:`mentorkit.cohort.snapshot`): a file
that leaves the roster's folder, that another row already uses (hard links included), or
that is somebody else's (its ``participant_id``, or for an id-less workbook its name,
differs from the roster's) is not run, and that participant is reported failed.  The kernel
gets a private copy of exactly the checked bytes, so a file swapped mid-run cannot put
another person's data into a report.

Parameters reach the notebook as data: papermill writes them as Python string literals,
and only the participant id (checked) and paths the runner builds are used to name files.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from mentorkit import packaged
from mentorkit.cohort.layout import (
    FAILED_NOTEBOOK,
    REPORT_HTML,
    REPORT_NOTEBOOK,
    SUMMARY_JSON,
    CohortLayout,
    ParticipantFiles,
)
from mentorkit.cohort.outfolder import (
    UnsafeOutputError,
    check_folder,
    copy_in,
    folder_parts,
    is_regular_file,
    open_folder,
    remove_file,
)
from mentorkit.cohort.roster import Roster, RosterEntry, read_roster
from mentorkit.cohort.scratch import (
    cleanup_on_signals,
    scratch_folder,
    stale_folders,
    sweep_stale,
)
from mentorkit.cohort.snapshot import SnapshotRefused, ownership_problem, read_snapshot
from mentorkit.errors import InputError, WorkbookError

if TYPE_CHECKING:  # pandas is imported when a table is built: the report kernel never needs it
    import pandas as pd

#: The notebooks shipped as package data (``mentorkit/notebooks/``), also in an installed wheel.
NOTEBOOKS_FOLDER: Final = packaged.NOTEBOOKS_FOLDER
REPORT_NOTEBOOK_NAME: Final = packaged.REPORT_NOTEBOOK_NAME
DEFAULT_REPORT_NOTEBOOK: Final = NOTEBOOKS_FOLDER / REPORT_NOTEBOOK_NAME
#: Why a default notebook may be missing, and what to do about it.
_NOT_INSTALLED: Final = (
    "they ship inside the installed package, which looks incomplete: reinstall mentorkit"
)
#: The workbook notebooks a participant works through in a workshop (``prepare`` copies them).
WORKBOOK_NOTEBOOKS_GLOB: Final = "0[1-4]_*.ipynb"
RESULT_COLUMNS: Final = (
    "participant_id",
    "name",
    "status",
    "seconds",
    "error",
    "cell",
    "folder",
    "execute_seconds",
    "export_seconds",
    "write_seconds",
)
#: How papermill runs a report: ``warm`` (a fresh process forked from a warm parent, see
#: :mod:`mentorkit.cohort.engine`) or ``kernel`` (a Jupyter kernel per participant).
ENGINES: Final = ("warm", "kernel")

Status = Literal["done", "skipped", "failed"]
EngineName = Literal["warm", "kernel"]


@dataclass(frozen=True)
class ParticipantResult:
    """What happened to one participant in a run.

    Attributes:
        participant_id: The roster id.
        name: The roster name.
        status: ``done``, ``skipped`` (already done) or ``failed``.
        seconds: Wall time of this participant's run.
        error: For a failure: the error's name and message.
        cell: For a failure inside the notebook: the failing cell's position (from 1) in
            the report notebook as written (papermill's injected cell not counted).
        folder: The participant's output folder.
        execute_seconds: Of ``seconds``: papermill executing the notebook (with the kernel
            start for the kernel engine).
        export_seconds: Of ``seconds``: the HTML copy.
        write_seconds: Of ``seconds``: writing and checking the files.
    """

    participant_id: str
    name: str
    status: Status
    seconds: float = 0.0
    error: str = ""
    cell: int | None = None
    folder: str = ""
    execute_seconds: float = 0.0
    export_seconds: float = 0.0
    write_seconds: float = 0.0


@dataclass(frozen=True)
class ParticipantTask:
    """Everything a worker needs to run one participant (plain, picklable values)."""

    participant_id: str
    name: str
    workbook: Path
    notebook: Path
    folder: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    timeout: float | None = None
    kernel_name: str = "python3"
    engine: EngineName = "kernel"
    #: The workbook's bytes as the runner read and checked them (the kernel gets a copy).
    snapshot: bytes | None = None


def _ipc_kernel_manager(socket_folder: Path) -> type:
    """A kernel manager talking over Unix sockets in ``socket_folder`` instead of TCP ports.

    Kernels started side by side can, rarely, pick the same free TCP port.  Each kernel
    gets its own folder for its sockets, so they never collide (jupyter_client's own IPC
    default is a relative ``kernel-ipc`` name in the current folder, shared by every kernel).
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IpcKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            return str(socket_folder / "kernel")

        @default("connection_file")
        def _default_connection_file(self) -> str:
            # Otherwise a ``tmpXXXX.json`` in the shared temp folder, left there by a kill.
            return str(socket_folder / "kernel.json")

    return IpcKernelManager


def _close_thread_event_loop() -> None:
    """Close the event loop nbclient made for this worker thread.

    nbclient (through ``jupyter_core.utils.run_sync``) gives each thread its own loop and
    never closes it; a pool thread would otherwise leak a loop and its sockets per run.
    The next run in the thread gets a fresh loop.
    """
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if not loop.is_running():
        loop.close()
        asyncio.set_event_loop(None)


_per_thread = threading.local()


def _html_exporter() -> Any:
    """This worker's HTML exporter: built once per worker thread (or warm parent), reused."""
    from nbconvert import HTMLExporter

    # Building an exporter loads its templates (~0.3 s); one per worker thread is reused,
    # never shared between threads.  A warm engine's report process inherits the one its
    # parent built (see ``warm_html_exporter``), so none of them builds its own.
    exporter = getattr(_per_thread, "html_exporter", None)
    if exporter is None:
        exporter = HTMLExporter(  # type: ignore[no-untyped-call]  # nbconvert is untyped
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
        )
        _per_thread.html_exporter = exporter
    return exporter


def _notebook_html(notebook: Any) -> str:
    """The executed notebook as HTML without code."""
    # The page title is generic: the file name is a temporary one and says nothing useful.
    body, _ = _html_exporter().from_notebook_node(
        notebook, resources={"metadata": {"name": "Mentoring report"}}
    )
    return str(body)


def warm_html_exporter() -> None:
    """Build this thread's exporter and compile its templates on a small notebook."""
    import nbformat

    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Warm-up"),  # type: ignore[no-untyped-call]
        nbformat.v4.new_code_cell(  # type: ignore[no-untyped-call]
            "1",
            outputs=[
                nbformat.v4.new_output(  # type: ignore[no-untyped-call]
                    "display_data", data={"text/html": "<p>warm</p>", "text/plain": "warm"}
                )
            ],
        ),
    ]
    _notebook_html(notebook)


def run_participant(task: ParticipantTask) -> ParticipantResult:
    """Run one participant's report; never raises for a failure of the notebook.

    The notebook runs in a private scratch folder (see :mod:`mentorkit.cohort.scratch`) on
    the workbook snapshot the runner checked; only finished files are copied into
    ``task.folder``, through a descriptor that never follows a link (see
    :mod:`mentorkit.cohort.outfolder`).  A failing notebook's partial output is kept as
    ``report-failed.ipynb``.  With the warm engine the whole step runs in a fresh process
    forked from the warm parent (see :mod:`mentorkit.cohort.engine`).
    """
    if task.engine != "warm":
        return _run_participant_here(task)
    from mentorkit.cohort import engine

    if not engine.available():  # e.g. a daemonic Dask worker process: a kernel instead
        return _run_participant_here(replace(task, engine="kernel"))
    started = time.perf_counter()
    try:
        result = engine.run_in_fresh_process(
            _run_participant_here, task, cell_timeout=task.timeout, name=task.participant_id
        )
    except engine.FreshProcessError as error:
        # The fresh process is gone: what its notebook had done is kept as the failed
        # notebook, and its scratch folder (named by its pid) goes now.
        _rescue_failed(task)
        sweep_stale()
        return ParticipantResult(
            task.participant_id,
            task.name,
            "failed",
            round(time.perf_counter() - started, 3),
            str(error),
            folder=str(task.folder),
        )
    # The parent's clock: it counts the fork too.
    return replace(result, seconds=round(time.perf_counter() - started, 3))


def _rescue_failed(task: ParticipantTask) -> None:
    """Keep the partial notebook a killed fresh process left in its scratch folder."""
    for folder in stale_folders(task.participant_id):
        partial = folder / REPORT_NOTEBOOK
        if partial.is_file():
            with contextlib.suppress(UnsafeOutputError, OSError):
                _keep_failed(task, partial)
            return


def _run_participant_here(task: ParticipantTask) -> ParticipantResult:
    """:func:`run_participant` in this process, papermill running ``task.engine``."""
    started = time.perf_counter()
    phases = {"execute": 0.0, "export": 0.0, "write": 0.0}

    def result(status: Status, error: str = "", cell: int | None = None) -> ParticipantResult:
        return ParticipantResult(
            task.participant_id,
            task.name,
            status,
            round(time.perf_counter() - started, 3),
            error,
            cell,
            str(task.folder),
            round(phases["execute"], 3),
            round(phases["export"], 3),
            round(phases["write"], 3),
        )

    try:
        with scratch_folder(task.participant_id) as work:
            return _run_in(task, work, result, phases)
    except UnsafeOutputError as error:
        return result("failed", str(error))
    finally:
        if task.engine != "warm":
            _close_thread_event_loop()


def _run_in(
    task: ParticipantTask,
    work: Path,
    result: Callable[..., ParticipantResult],
    phases: dict[str, float],
) -> ParticipantResult:
    """Execute the report in the scratch folder ``work`` and copy the outcome into place."""
    import papermill

    out, parts = task.folder.parent, (task.folder.name,)
    check_folder(out, parts)  # refuse a planted link before the notebook runs
    workbook = _workbook_for_kernel(task, work)
    executed_file = work / REPORT_NOTEBOOK
    html = work / REPORT_HTML
    summary = work / SUMMARY_JSON
    parameters = {
        **task.parameters,
        "workbook_path": str(workbook),
        "summary_path": str(summary),
    }
    if task.engine == "warm":  # this process is the participant's own: cells run in it
        from mentorkit.cohort import engine

        engine.register()
        how: dict[str, Any] = {"engine_name": engine.ENGINE_NAME}
    else:
        # Unix socket paths are limited to ~100 bytes, so the kernel's sockets and
        # connection file live in this short scratch folder, never in the shared /tmp.
        kernel_folder = work / "k"
        kernel_folder.mkdir()
        how = {
            "kernel_manager_class": _ipc_kernel_manager(kernel_folder),
            # Every output is in once the last cell ends: stop the kernel at once instead
            # of waiting for a polite exit (saves ~0.6 s a participant), and keep IPython's
            # history in memory so parallel kernels neither share nor write a history file.
            "shutdown_kernel": "immediate",
            "extra_arguments": ["--HistoryManager.hist_file=:memory:"],
        }
    phase_started = time.perf_counter()
    try:
        executed = papermill.execute_notebook(
            str(task.notebook),
            str(executed_file),
            parameters=parameters,
            kernel_name=task.kernel_name,
            progress_bar=False,
            execution_timeout=task.timeout,
            **how,
        )
    except papermill.PapermillExecutionError as error:
        _keep_failed(task, executed_file)
        cell, where = source_cell(executed_file, int(error.cell_index))
        return result("failed", f"{error.ename}: {error.evalue}{where}", cell)
    except Exception as error:  # a kernel that died or timed out: still only this person
        _keep_failed(task, executed_file)
        return result("failed", f"{type(error).__name__}: {error}")
    finally:
        phases["execute"] = time.perf_counter() - phase_started
    try:
        phase_started = time.perf_counter()
        page = _notebook_html(executed)  # the notebook papermill just wrote, not read again
        phases["export"] = time.perf_counter() - phase_started
        phase_started = time.perf_counter()
        html.write_text(page, encoding="utf-8")
        if not summary.is_file():
            _write_summary_here(task, workbook, summary)
        _check_summary(task, summary)
    except UnsafeOutputError:
        raise
    except Exception as error:
        _keep_failed(task, executed_file)
        return result("failed", f"{type(error).__name__}: {error}")
    with open_folder(out, parts) as folder:
        copy_in(folder, REPORT_NOTEBOOK, executed_file)
        copy_in(folder, REPORT_HTML, html)
        copy_in(folder, SUMMARY_JSON, summary)  # last: its presence means "done"
        remove_file(folder, FAILED_NOTEBOOK)
    phases["write"] = time.perf_counter() - phase_started
    return result("done")


def _workbook_for_kernel(task: ParticipantTask, work: Path) -> Path:
    """The file the kernel reads: a private copy of the snapshot the runner checked."""
    if task.snapshot is None:  # a task built by hand, not by ``run``
        return task.workbook
    folder = work / "workbook"
    folder.mkdir(mode=0o700)
    copy = folder / (task.workbook.name or "workbook.json")
    copy.write_bytes(task.snapshot)
    return copy


def source_cell(executed: Path, cell_index: int) -> tuple[int | None, str]:
    """The failing cell's position (from 1) in the *source* notebook, and how to name it.

    papermill's ``cell_index`` counts its injected-parameters cell, and the executed
    notebook also holds the error banners papermill adds; the facilitator edits the source
    notebook, so the cell is counted there and quoted by its first line.
    """
    import nbformat

    try:
        notebook = nbformat.read(executed, as_version=4)  # type: ignore[no-untyped-call]
    except Exception:  # no notebook was written: say what papermill said
        return cell_index, ""
    added = {"injected-parameters", "papermill-error-cell-tag"}
    cells = [c for c in notebook.cells if not added & set(c.get("metadata", {}).get("tags", []))]
    for position, cell in enumerate(cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            if len(first) > 60:
                first = first[:59] + "…"
            return position, f" (cell {position} of the report notebook: {first.strip()})"
    return cell_index, ""


def _keep_failed(task: ParticipantTask, executed: Path) -> None:
    if executed.is_file():
        with open_folder(task.folder.parent, (task.folder.name,)) as folder:
            copy_in(folder, FAILED_NOTEBOOK, executed)


def _write_summary_here(task: ParticipantTask, workbook_file: Path, path: Path) -> None:
    """The summary for a custom notebook that did not write one itself."""
    from mentorkit import store
    from mentorkit.cohort.summary import write_summary_file
    from mentorkit.metrics import participant_summary
    from mentorkit.render import parse_today

    workbook = store.load_workbook(workbook_file)
    day = parse_today(str(task.parameters.get("today", "")))
    write_summary_file(participant_summary(workbook, day, participant_id=task.participant_id), path)


def _check_summary(task: ParticipantTask, path: Path) -> None:
    """Refuse a summary the dashboard could not read, or one about somebody else."""
    from mentorkit.cohort.summary import read_summary_file

    read_summary_file(path, participant_id=task.participant_id)  # the dashboard's own check


def _as_roster(roster: Roster | str | os.PathLike[str], param_columns: Sequence[str]) -> Roster:
    if isinstance(roster, Roster):
        return roster
    return read_roster(roster, param_columns=param_columns)


def _check_notebook(notebook: str | os.PathLike[str] | None) -> Path:
    if not notebook:
        # Looked up at call time, so a test (or a checkout moved) can point elsewhere.
        default = NOTEBOOKS_FOLDER / REPORT_NOTEBOOK_NAME
        if not default.is_file():
            raise InputError(
                f"the default report notebook {REPORT_NOTEBOOK_NAME} is not in "
                f"{NOTEBOOKS_FOLDER} ({_NOT_INSTALLED}); give the report notebook "
                "with --notebook NB"
            )
        return default
    path = Path(notebook).absolute()
    if not path.is_file():
        raise InputError(f"notebook {path}: no such file")
    return path


def _today_text(today: str | date | None) -> str:
    """The ``today`` parameter every notebook gets: an ISO date, or empty for the real today.

    Empty stays empty so each notebook reads its own today (see ``parse_today``).
    """
    from mentorkit.render import parse_today

    if isinstance(today, date) or str(today or "").strip():
        return parse_today(today).isoformat()
    return ""


def results_frame(results: Iterable[ParticipantResult], order: Sequence[str] = ()) -> pd.DataFrame:
    """The results as a table, in roster order when ``order`` is given."""
    import pandas as pd

    rows = [
        {
            "participant_id": r.participant_id,
            "name": r.name,
            "status": r.status,
            "seconds": r.seconds,
            "error": r.error,
            "cell": r.cell,
            "folder": r.folder,
            "execute_seconds": r.execute_seconds,
            "export_seconds": r.export_seconds,
            "write_seconds": r.write_seconds,
        }
        for r in results
    ]
    frame = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    frame["cell"] = frame["cell"].astype("Int64")
    for column in ("seconds", "execute_seconds", "export_seconds", "write_seconds"):
        frame[column] = frame[column].astype("float64")
    if order:
        position = {pid: i for i, pid in enumerate(order)}
        frame = frame.sort_values("participant_id", key=lambda s: s.map(position)).reset_index(
            drop=True
        )
    return frame


def time_spent(results: pd.DataFrame) -> str:
    """Where a participant's time went, as a line: the median of each phase of ``results``."""
    phases = {
        "execute": results["execute_seconds"],
        "export": results["export_seconds"],
        "write": results["write_seconds"],
    }
    rest = (results["seconds"] - sum(phases.values())).clip(lower=0)
    parts = ", ".join(f"{name} {seconds.median():.2f} s" for name, seconds in phases.items())
    return (
        f"Per participant (median of {len(results)}): {results['seconds'].median():.2f} s; "
        f"{parts}, process start and the rest {rest.median():.2f} s"
    )


def run(
    roster: Roster | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    notebook: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    force: bool = False,
    timeout: float | None = None,
    param_columns: Sequence[str] = (),
    today: str | date | None = "",
    executor: Executor | None = None,
    progress: bool = True,
    kernel_name: str = "python3",
    engine: str | None = None,
    run_one: Callable[[ParticipantTask], ParticipantResult] = run_participant,
) -> pd.DataFrame:
    """Execute the report notebook for every participant of the roster.

    Args:
        roster: A roster file or a checked :class:`Roster`.
        out: The output folder; nothing is written outside it.
        notebook: The report notebook (default ``participant_report.ipynb`` shipped in the
            package).
        workers: Parallel runs when no ``executor`` is given (default: one per core).
        force: Run again participants whose report is already done.
        timeout: Seconds one cell may run before that participant fails.
        param_columns: Roster columns passed on as notebook parameters (text).
        today: The date reports are written for (empty: the real today).
        executor: Any ``concurrent.futures.Executor``; it is not shut down here.
        progress: Show a tqdm progress bar on stderr.
        kernel_name: The Jupyter kernel to run notebooks in (kernel engine).
        engine: ``warm`` (each report in a fresh process forked from a parent that has
            imported the libraries, cells run in-process) or ``kernel`` (a Jupyter kernel per
            report).  Default: warm where the platform can fork and the notebook is Python
            for ``python3``, else kernel.
        run_one: The per-participant step (tests substitute it).

    Returns:
        One row per participant (``RESULT_COLUMNS``): done, skipped or failed with the
        failing cell's error.

    Raises:
        RosterError: the roster has problems (nothing is run).
        InputError: the notebook, worker count or date is not usable.
    """
    from tqdm import tqdm

    checked = _as_roster(roster, param_columns)
    report_notebook = _check_notebook(notebook)
    day = _today_text(today)
    if workers is not None and workers < 1:
        raise InputError(f"workers {workers}: use 1 or more")
    if timeout is not None and timeout <= 0:
        raise InputError(f"timeout {timeout}: use a number of seconds above 0")
    how = _choose_engine(engine, report_notebook, kernel_name)
    layout = CohortLayout(out)
    sweep_stale()
    if how == "warm" and executor is None and _any_to_run(checked, layout, force):
        from mentorkit.cohort import engine as warm_engine

        # The warm parent imports while the roster's workbooks are checked below.
        warm_engine.warm_up()
    results: list[ParticipantResult] = []
    tasks: list[ParticipantTask] = []
    identities: dict[tuple[int, int], RosterEntry] = {}
    for entry in checked.entries:
        files = layout.participant(entry.participant_id)
        outcome = _checked_task(entry, checked, files, identities, force)
        if isinstance(outcome, ParticipantResult):
            results.append(outcome)
            continue
        tasks.append(_task(entry, files, report_notebook, day, timeout, kernel_name, how, outcome))

    bar = tqdm(total=len(checked), desc="Reports", unit="participant", disable=not progress)
    bar.update(len(results))
    own_executor = None
    if executor is None and tasks:
        own_executor = ThreadPoolExecutor(
            max_workers=min(len(tasks), workers or os.cpu_count() or 1),
            thread_name_prefix="mentorkit-cohort",
        )
    pool = executor or own_executor
    try:
        if pool is not None and tasks:
            _submit_and_collect(pool, run_one, tasks, results, bar)
    finally:
        bar.close()
        if own_executor is not None:
            own_executor.shutdown(wait=True, cancel_futures=True)
    return results_frame(results, [e.participant_id for e in checked.entries])


def _submit_and_collect(
    pool: Executor,
    run_one: Callable[[ParticipantTask], ParticipantResult],
    tasks: Sequence[ParticipantTask],
    results: list[ParticipantResult],
    bar: Any,
) -> None:
    with cleanup_on_signals():
        futures: dict[Future[ParticipantResult], ParticipantTask] = {
            pool.submit(run_one, task): task for task in tasks
        }
        for future in as_completed(futures):
            results.append(_outcome(future, futures[future]))
            bar.update(1)


def _any_to_run(roster: Roster, layout: CohortLayout, force: bool) -> bool:
    return force or any(
        not layout.participant(entry.participant_id).is_done() for entry in roster.entries
    )


def _outcome(future: Future[ParticipantResult], task: ParticipantTask) -> ParticipantResult:
    try:
        return future.result()
    except Exception as error:  # e.g. a remote worker lost: only this participant fails
        return ParticipantResult(
            task.participant_id,
            task.name,
            "failed",
            error=f"{type(error).__name__}: {error}",
            folder=str(task.folder),
        )


def _shown(entry: RosterEntry, roster: Roster) -> Path:
    """The workbook path as the roster would write it."""
    if entry.workbook.is_relative_to(roster.folder):
        return entry.workbook.relative_to(roster.folder)
    return entry.workbook


def _failed(entry: RosterEntry, files: ParticipantFiles, error: str) -> ParticipantResult:
    return ParticipantResult(
        entry.participant_id, entry.name, "failed", error=error, folder=str(files.folder)
    )


def _checked_task(
    entry: RosterEntry,
    roster: Roster,
    files: ParticipantFiles,
    identities: dict[tuple[int, int], RosterEntry],
    force: bool,
) -> ParticipantResult | bytes:
    """The workbook snapshot to run this participant on, or why they are not run.

    Reads the workbook once (see :mod:`mentorkit.cohort.snapshot`), refuses a file another
    row already uses (hard links included), checks whose it is, and refuses an output
    folder that is a link.  The kernel later gets exactly the bytes checked here.
    """
    from mentorkit import store

    shown = str(_shown(entry, roster))
    where = f"(roster line {entry.line})"
    try:
        snapshot = read_snapshot(entry.workbook, roster.folder, shown)
    except FileNotFoundError:
        return _failed(entry, files, f"workbook not found: {shown} {where}")
    except SnapshotRefused as error:
        return _failed(entry, files, f"{error} {where}")
    other = identities.setdefault(snapshot.identity, entry)
    if other is not entry:
        return _failed(
            entry,
            files,
            f"workbook {shown} {where} is the same file as the workbook of "
            f"{other.participant_id!r} (roster line {other.line}); not run: each participant "
            "needs their own",
        )
    try:
        workbook = store.workbook_from_bytes(snapshot.content, name=shown)
    except WorkbookError as error:
        return _failed(entry, files, f"workbook {shown} cannot be read {where}: {error}")
    refusal = ownership_problem(entry, workbook.participant_id, workbook.profile.name, shown)
    if refusal:
        return _failed(entry, files, refusal)
    out, parts = files.folder.parent, (files.folder.name,)
    try:
        check_folder(out, parts)
        if not force and _is_done(out, parts):
            return ParticipantResult(
                entry.participant_id, entry.name, "skipped", folder=str(files.folder)
            )
        if (out / parts[0]).is_dir():
            with open_folder(out, parts, create=False) as folder:
                remove_file(folder, SUMMARY_JSON)  # a forced rerun killed midway must not look done
    except UnsafeOutputError as error:
        return _failed(entry, files, str(error))
    return snapshot.content


def _is_done(out: Path, parts: Sequence[str]) -> bool:
    """Whether the participant's last run finished (their summary and report exist)."""
    try:
        with open_folder(out, parts, create=False) as folder:
            return is_regular_file(folder, SUMMARY_JSON) and is_regular_file(
                folder, REPORT_NOTEBOOK
            )
    except FileNotFoundError:
        return False


def _task(
    entry: RosterEntry,
    files: ParticipantFiles,
    notebook: Path,
    today: str,
    timeout: float | None,
    kernel_name: str,
    engine: EngineName = "kernel",
    snapshot: bytes | None = None,
) -> ParticipantTask:
    parameters: dict[str, Any] = {
        **{name: str(value) for name, value in entry.parameters.items()},
        "workbook_path": str(entry.workbook),
        "participant_id": entry.participant_id,
        "today": today,
    }
    return ParticipantTask(
        participant_id=entry.participant_id,
        name=entry.name,
        workbook=entry.workbook,
        notebook=notebook,
        folder=files.folder,
        parameters=parameters,
        timeout=timeout,
        kernel_name=kernel_name,
        engine=engine,
        snapshot=snapshot,
    )


def _choose_engine(engine: str | None, notebook: Path, kernel_name: str) -> EngineName:
    """The engine to run with: the one asked for if it can run here, else the default."""
    from mentorkit.cohort import engine as warm_engine

    if engine is not None and engine not in ENGINES:
        raise InputError(f"engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "kernel":
        return "kernel"
    problem = ""
    if not warm_engine.fork_supported():
        problem = "this platform cannot fork a warm process"
    elif kernel_name != "python3":
        problem = f"kernel {kernel_name!r} is not this Python"
    else:
        problem = warm_engine.notebook_problem(notebook)
    if not problem:
        return "warm"
    if engine == "warm":
        raise InputError(f"--engine warm: {problem}; use --engine kernel")
    return "kernel"


def _prepare_one(
    source: Path,
    target: Path,
    out: Path,
    parts: Sequence[str],
    entry: RosterEntry,
    day: str,
    force: bool,
) -> str:
    """Write one prepared notebook unless it is there and kept; ``written`` or ``kept``."""
    import papermill

    with open_folder(out, parts) as folder:
        if not force and is_regular_file(folder, target.name):
            return "kept"
        if not force and _exists(folder, target.name):
            raise UnsafeOutputError(
                f"{target} exists but is not a regular file (a link, say); not replaced: "
                "remove it, or run with --force to replace it"
            )
        parameters: dict[str, Any] = {"workbook_path": str(entry.workbook)}
        if day:
            parameters["today"] = day
        with scratch_folder() as work:
            written = work / target.name
            papermill.execute_notebook(
                str(source),
                str(written),
                parameters=parameters,
                prepare_only=True,
                progress_bar=False,
            )
            copy_in(folder, target.name, written)
    return "written"


def _exists(folder_fd: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def workbook_notebooks(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The workbook notebooks (01-04) a participant works through, in order."""
    base = Path(folder) if folder else NOTEBOOKS_FOLDER
    return sorted(base.glob(WORKBOOK_NOTEBOOKS_GLOB))


PREPARE_COLUMNS: Final = ("participant_id", "name", "notebook", "status", "path")


def prepare(
    roster: Roster | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    notebooks: Sequence[str | os.PathLike[str]] | None = None,
    force: bool = False,
    today: str | date | None = "",
) -> pd.DataFrame:
    """Write each participant's own parameterized (not executed) copy of the workbook notebooks.

    Each copy has the participant's workbook path filled in, so at the start of a workshop
    everyone opens notebooks that already know whose workbook they edit.  A workbook that
    does not exist yet is fine: the notebooks create it on first use.  Existing copies are
    kept (a participant may have worked in them) unless ``force``.

    Args:
        roster: A roster file or a checked :class:`Roster`.
        out: The output folder; nothing is written outside it.
        notebooks: The notebooks to copy (default: the package's ``01``-``04``).
        force: Replace copies that already exist.
        today: The date the notebooks are set to (empty: the real today).

    Raises:
        InputError: no notebooks were given and the package has none, or a
            notebook does not exist.

    Returns:
        One row per participant and notebook: ``written`` or ``kept``.
    """
    import pandas as pd

    checked = _as_roster(roster, ())
    sources = (
        [Path(nb).absolute() for nb in notebooks] if notebooks is not None else workbook_notebooks()
    )
    if not sources:
        raise InputError(
            f"no workbook notebooks ({WORKBOOK_NOTEBOOKS_GLOB}) found in {NOTEBOOKS_FOLDER} "
            f"({_NOT_INSTALLED}); give each notebook to copy with --notebook NB"
        )
    for source in sources:
        if not source.is_file():
            raise InputError(f"notebook {source}: no such file")
    day = _today_text(today)
    layout = CohortLayout(out)
    rows = []
    for entry in checked.entries:  # a planted link is refused before anything is written
        check_folder(
            layout.out,
            folder_parts(layout.out, layout.participant(entry.participant_id).prepared_folder),
        )
    for entry in checked.entries:
        files = layout.participant(entry.participant_id)
        parts = folder_parts(layout.out, files.prepared_folder)
        for source in sources:
            target = files.prepared_notebook(source.name)
            status = _prepare_one(source, target, layout.out, parts, entry, day, force)
            rows.append(
                {
                    "participant_id": entry.participant_id,
                    "name": entry.name,
                    "notebook": source.name,
                    "status": status,
                    "path": str(target),
                }
            )
    return pd.DataFrame(rows, columns=list(PREPARE_COLUMNS))
