"""Running every participant's report notebook: in parallel, resumable, failures isolated.

For each roster entry, papermill executes the report notebook with that participant's
parameters into ``out/<participant_id>/`` (see :mod:`mentorkit.cohort.layout`), nbconvert
makes an HTML copy without code, and the notebook's ``summary.json`` is moved into place.
Everything is written under a temporary name and renamed when complete, the summary last,
so its presence means "done": a rerun skips those participants (unless ``force``), and a
run killed midway never leaves a half report that looks finished.

About 90 % of a papermill run in a kernel is starting the kernel and importing pandas and
matplotlib in it.  So by default (the *warm* engine, :mod:`mentorkit.cohort.engine`) each
participant's step runs in a fresh process forked from a parent that has imported all that
once, and papermill executes the cells in that process; the *kernel* engine starts a Jupyter
kernel per participant, for a report notebook that needs one.  Participants run side by side,
one worker per core by default.  Any :class:`concurrent.futures.Executor` can be passed in,
e.g. a Dask ``Client.get_executor()`` when a cohort outgrows one machine.

A workbook that names another participant (its own ``participant_id`` differs from the
roster's) is not run: that participant is reported failed, so nobody is sent someone else's
data.

Parameters reach the notebook as data: papermill writes them as Python string literals,
and only the participant id (checked) and paths the runner builds are used to name files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from mentorkit import packaged
from mentorkit.cohort.layout import CohortLayout, ParticipantFiles
from mentorkit.cohort.roster import Roster, RosterEntry, read_roster
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
        cell: For a failure inside the notebook: the index of the failing cell.
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


def _replace(source: Path, target: Path) -> None:
    source.replace(target)


def _discard(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


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

    Writes only inside ``task.folder``.  A failing notebook's partial output is kept as
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
        files = ParticipantFiles(task.participant_id, task.folder)
        _keep_partial(files, files.partial(files.report_notebook))
        _discard(files.partial(files.report_html), files.partial(files.summary))
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


def _run_participant_here(task: ParticipantTask) -> ParticipantResult:
    """:func:`run_participant` in this process, papermill running ``task.engine``."""
    import papermill

    started = time.perf_counter()
    files = ParticipantFiles(task.participant_id, task.folder)
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

    task.folder.mkdir(parents=True, exist_ok=True)
    files.clear_partials()
    notebook_partial = files.partial(files.report_notebook)
    html_partial = files.partial(files.report_html)
    summary_partial = files.partial(files.summary)
    parameters = {**task.parameters, "summary_path": str(summary_partial)}
    socket_folder: Path | None = None
    if task.engine == "warm":  # this process is the participant's own: cells run in it
        from mentorkit.cohort import engine

        engine.register()
        how: dict[str, Any] = {"engine_name": engine.ENGINE_NAME}
    else:
        # Unix socket paths are limited to ~100 bytes, so they live in a short temporary folder.
        socket_folder = Path(tempfile.mkdtemp(prefix="mentorkit-kernel-"))
        how = {
            "kernel_manager_class": _ipc_kernel_manager(socket_folder),
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
            str(notebook_partial),
            parameters=parameters,
            kernel_name=task.kernel_name,
            progress_bar=False,
            execution_timeout=task.timeout,
            **how,
        )
    except papermill.PapermillExecutionError as error:
        _keep_partial(files, notebook_partial)
        _discard(summary_partial)
        return result("failed", f"{error.ename}: {error.evalue}", int(error.cell_index))
    except Exception as error:  # a kernel that died or timed out: still only this person
        _keep_partial(files, notebook_partial)
        _discard(summary_partial)
        return result("failed", f"{type(error).__name__}: {error}")
    finally:
        phases["execute"] = time.perf_counter() - phase_started
        if socket_folder is not None:
            shutil.rmtree(socket_folder, ignore_errors=True)
            _close_thread_event_loop()
    try:
        phase_started = time.perf_counter()
        page = _notebook_html(executed)  # the notebook papermill just wrote, not read again
        phases["export"] = time.perf_counter() - phase_started
        phase_started = time.perf_counter()
        html_partial.write_text(page, encoding="utf-8")
        if not summary_partial.is_file():
            _write_summary_here(task, summary_partial)
        _check_summary(task, summary_partial)
    except Exception as error:
        _keep_partial(files, notebook_partial)
        _discard(html_partial, summary_partial)
        return result("failed", f"{type(error).__name__}: {error}")
    _replace(notebook_partial, files.report_notebook)
    _replace(html_partial, files.report_html)
    _replace(summary_partial, files.summary)  # last: its presence means "done"
    _discard(files.failed_notebook)
    phases["write"] = time.perf_counter() - phase_started
    return result("done")


def _keep_partial(files: ParticipantFiles, notebook_partial: Path) -> None:
    if notebook_partial.is_file():
        _replace(notebook_partial, files.failed_notebook)


def _write_summary_here(task: ParticipantTask, path: Path) -> None:
    """The summary for a custom notebook that did not write one itself."""
    from mentorkit import store
    from mentorkit.cohort.summary import participant_summary, write_summary_file
    from mentorkit.render import parse_today

    workbook = store.load_workbook(task.workbook)
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
    if how == "warm" and executor is None and _any_to_run(checked, layout, force):
        from mentorkit.cohort import engine as warm_engine

        # The warm parent imports while the roster's workbooks are checked below.
        warm_engine.warm_up()
    results: list[ParticipantResult] = []
    tasks: list[ParticipantTask] = []
    for entry in checked.entries:
        files = layout.participant(entry.participant_id)
        if not entry.workbook.is_file():
            results.append(_missing_workbook(entry, checked, files))
            continue
        refusal = _not_this_participants(entry, checked)
        if refusal:
            results.append(
                ParticipantResult(
                    entry.participant_id,
                    entry.name,
                    "failed",
                    error=refusal,
                    folder=str(files.folder),
                )
            )
            continue
        if files.is_done() and not force:
            results.append(
                ParticipantResult(
                    entry.participant_id, entry.name, "skipped", folder=str(files.folder)
                )
            )
            continue
        _discard(files.summary)  # a forced rerun killed midway must not look done
        tasks.append(_task(entry, files, report_notebook, day, timeout, kernel_name, how))

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
            futures: dict[Future[ParticipantResult], ParticipantTask] = {
                pool.submit(run_one, task): task for task in tasks
            }
            for future in as_completed(futures):
                results.append(_outcome(future, futures[future]))
                bar.update(1)
    finally:
        bar.close()
        if own_executor is not None:
            own_executor.shutdown(wait=True, cancel_futures=True)
    return results_frame(results, [e.participant_id for e in checked.entries])


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


def _missing_workbook(
    entry: RosterEntry, roster: Roster, files: ParticipantFiles
) -> ParticipantResult:
    return ParticipantResult(
        entry.participant_id,
        entry.name,
        "failed",
        error=f"workbook not found: {_shown(entry, roster)} (roster line {entry.line})",
        folder=str(files.folder),
    )


def _not_this_participants(entry: RosterEntry, roster: Roster) -> str:
    """Why the entry's workbook must not go into this participant's report ('' if it may).

    A privacy guard: a workbook that names another participant (a roster row pointing at
    the wrong file) would send one person's goals and network to somebody else.
    """
    from mentorkit import store

    try:
        owner = store.load_workbook(entry.workbook).participant_id
    except WorkbookError as error:
        return (
            f"workbook {_shown(entry, roster)} cannot be read (roster line {entry.line}): {error}"
        )
    if owner and owner != entry.participant_id:
        return (
            f"workbook {_shown(entry, roster)} belongs to participant {owner!r}, not "
            f"{entry.participant_id!r} (roster line {entry.line}); not run, so nobody is "
            "sent another person's data"
        )
    return ""


def _task(
    entry: RosterEntry,
    files: ParticipantFiles,
    notebook: Path,
    today: str,
    timeout: float | None,
    kernel_name: str,
    engine: EngineName = "kernel",
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
    import papermill

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
    for entry in checked.entries:
        files = layout.participant(entry.participant_id)
        for source in sources:
            target = files.prepared_notebook(source.name)
            status = "kept"
            if force or not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = files.partial(target)
                parameters: dict[str, Any] = {"workbook_path": str(entry.workbook)}
                if day:
                    parameters["today"] = day
                papermill.execute_notebook(
                    str(source),
                    str(partial),
                    parameters=parameters,
                    prepare_only=True,
                    progress_bar=False,
                )
                partial.replace(target)
                status = "written"
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
