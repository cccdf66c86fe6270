"""The warm engine: each report in a fresh process forked from a parent that imported everything.

A papermill run in a kernel spends nearly all its time starting the kernel and importing
pandas and matplotlib into it, once per participant.  Here the libraries are imported once,
by a multiprocessing *forkserver* (:data:`PRELOAD`), and each participant's report runs in a
new process forked from it: nothing one participant's notebook did (globals, imported module
state, open figures, environment) is ever seen by the next, because no process runs two.

Inside that process papermill executes the notebook with ``InProcessEngine``, a papermill
engine (registered as ``mentorkit-inprocess``) that runs the cells in an IPython
``InteractiveShell`` in the same process and captures what they show into nbformat outputs:
streams, display data (PNG images included), results and errors.  Papermill itself still reads
the notebook, injects the parameters cell, records each cell's state and writes the executed
notebook and its error cell, so an executed report looks exactly as one from a kernel.

Two differences from a kernel, both on purpose: papermill's saves of the notebook while it
runs are kept to one a second (:data:`SAVE_EVERY`; it always saves at the end), and output
written to the process's file descriptors by C code or subprocesses is not captured (a
kernel forwards it).  Traceback colours may differ; their text is the same.

A cell's timeout is enforced twice: the cell is interrupted in its own process
(``SIGALRM``, raised as nbclient's ``CellTimeoutError``), and the parent stops a process that
does not come back a few seconds later (a cell stuck in C code), so a timeout stops only that
participant.

Why not ploomber-engine's ``embedded`` engine: with papermill 2.7 it ignores the execution
timeout, adds its own markdown cells (so a failing report no longer raises papermill's
``PapermillExecutionError``, it fails with ``AttributeError: papermill``), echoes the cells'
output to the real stdout, and pulls in a telemetry client; the engine needed is small.
"""

from __future__ import annotations

import base64
import contextlib
import io
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkServerContext

#: The name papermill knows the in-process engine by (``engine_name=``).
ENGINE_NAME: Final = "mentorkit-inprocess"
#: What the warm parent imports before any participant runs (see ``engine_preload``).
PRELOAD: Final = ("mentorkit.cohort.engine_preload",)
#: Seconds past a cell's timeout after which the parent stops a process that did not stop itself.
KILL_GRACE: Final = 5.0
#: The start method the warm engine needs.
START_METHOD: Final = "forkserver"
#: nbclient skips cells with this tag; so does this engine.
_SKIP_TAG: Final = "skip-execution"

T = TypeVar("T")
R = TypeVar("R")


class FreshProcessError(RuntimeError):
    """A participant's process ended without a result (killed, crashed or stopped for time)."""


# --------------------------------------------------------------------------------------
# Capturing what cells show
# --------------------------------------------------------------------------------------


def _now() -> str:
    """A timestamp as nbclient writes them in ``cell.metadata.execution``."""
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """Bytes (a PNG from the inline backend) become base64 text, as a kernel sends them."""
    clean: dict[str, Any] = {}
    for mime, value in data.items():
        if isinstance(value, bytes | bytearray | memoryview):
            value = base64.b64encode(bytes(value)).decode("ascii")
        clean[mime] = value
    return clean


class _Outputs:
    """The nbformat outputs of the cell being executed, built as a kernel's client would."""

    def __init__(self) -> None:
        import nbformat

        self._new_output: Any = nbformat.v4.new_output
        self.items: list[Any] = []
        self._clear_before_next = False
        # display_id -> outputs showing it (an update changes them in place, in any cell)
        self._displays: dict[str, list[Any]] = {}

    def start_cell(self, outputs: list[Any]) -> None:
        self.items = outputs
        self._clear_before_next = False

    def _add(self, output: Any) -> None:
        if self._clear_before_next:
            self.items.clear()
            self._clear_before_next = False
        self.items.append(output)

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        if self._clear_before_next:
            self.items.clear()
            self._clear_before_next = False
        last = self.items[-1] if self.items else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text  # a kernel's buffered stream sends these writes as one
            return
        self.items.append(self._new_output("stream", name=name, text=text))

    def display(
        self, data: dict[str, Any], metadata: dict[str, Any] | None, display_id: str | None
    ) -> None:
        output = self._new_output("display_data", data=_jsonable(data), metadata=metadata or {})
        self._add(output)
        if display_id:
            self._displays.setdefault(display_id, []).append(output)

    def update(
        self, data: dict[str, Any], metadata: dict[str, Any] | None, display_id: str | None
    ) -> None:
        for output in self._displays.get(display_id or "", []):
            output.data = _jsonable(data)
            output.metadata = metadata or {}

    def result(self, data: dict[str, Any], metadata: dict[str, Any] | None, count: int) -> None:
        self._add(
            self._new_output(
                "execute_result",
                data=_jsonable(data),
                metadata=metadata or {},
                execution_count=count,
            )
        )

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        self._add(self._new_output("error", ename=ename, evalue=evalue, traceback=traceback))

    def clear(self, wait: bool) -> None:
        if wait:
            self._clear_before_next = True
        else:
            self.items.clear()


class _StreamCapture(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` while a cell runs: every write becomes a stream output."""

    def __init__(self, name: str, outputs: _Outputs, echo: Any = None) -> None:
        super().__init__()
        self.name_ = name
        self._outputs = outputs
        self._echo = echo

    @property
    def encoding(self) -> str:  # type: ignore[override]  # io.TextIOBase declares it read-only
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._outputs.stream(self.name_, text)
        if self._echo is not None:
            self._echo.write(text)
        return len(text)


def _shell_classes() -> tuple[type, type, type]:
    """The capturing IPython shell and its display hook and publisher (built on first use)."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    class CapturingDisplayPublisher(DisplayPublisher):
        """``display(...)`` goes into the cell's outputs."""

        def publish(
            self,
            data: dict[str, Any],
            metadata: dict[str, Any] | None = None,
            source: Any = None,
            *,
            transient: dict[str, Any] | None = None,
            update: bool = False,
            **kwargs: Any,
        ) -> None:
            display_id = (transient or {}).get("display_id")
            outputs: _Outputs = self.shell.captured
            if update:
                outputs.update(data, metadata, display_id)
            else:
                outputs.display(data, metadata, display_id)

        def clear_output(self, wait: bool = False) -> None:
            self.shell.captured.clear(wait)

    class CapturingDisplayHook(DisplayHook):
        """A cell's last expression becomes an ``execute_result`` (``;`` still hides it)."""

        _pending: tuple[dict[str, Any], dict[str, Any] | None] | None = None

        def start_displayhook(self) -> None:
            self._pending = None

        def write_output_prompt(self) -> None:
            pass

        def write_format_data(
            self, format_dict: dict[str, Any], md_dict: dict[str, Any] | None = None
        ) -> None:
            self._pending = (format_dict, md_dict)

        def finish_displayhook(self) -> None:
            if self._pending and self._pending[0]:
                shell: Any = self.shell
                shell.captured.result(*self._pending, self.prompt_count)
            self._pending = None

    class CapturingShell(InteractiveShell):
        """An IPython shell whose outputs are collected per cell instead of printed."""

        def __init__(self, **kwargs: Any) -> None:
            self.captured = _Outputs()
            super().__init__(  # type: ignore[no-untyped-call]  # IPython's is untyped
                displayhook_class=CapturingDisplayHook,
                display_pub_class=CapturingDisplayPublisher,
                **kwargs,
            )

        def _showtraceback(self, etype: type, evalue: BaseException, stb: list[str]) -> None:
            self.captured.error(str(etype.__name__), str(evalue), list(stb))

        def enable_gui(self, gui: str | None = None) -> None:
            pass  # no event loop here: a figure is shown as an image, never in a window

    return CapturingShell, CapturingDisplayHook, CapturingDisplayPublisher


_pristine_shell: Any = None


def _new_shell() -> Any:
    """A shell configured as a report kernel would be: inline figures, history in memory."""
    from traitlets.config import Config

    shell_class = _shell_classes()[0]
    config = Config()
    # Nothing of a run is written to an IPython history file (a kernel here keeps it in memory).
    config.HistoryManager.enabled = False
    shell = shell_class(config=config)
    with contextlib.suppress(ImportError):  # figures left open become PNG outputs, as inline
        shell.enable_matplotlib("inline")
    return shell


def prepare_shell() -> None:
    """Build the shell ahead of time (the warm parent does, so each child starts with one)."""
    global _pristine_shell
    if _pristine_shell is None:
        _pristine_shell = _new_shell()


@contextlib.contextmanager
def _shell_for_one_notebook() -> Iterator[Any]:
    """The pristine shell the warm parent built, else a new one; the current one is restored."""
    from IPython.core.interactiveshell import InteractiveShell

    global _pristine_shell
    previous = InteractiveShell._instance
    shell, _pristine_shell = _pristine_shell, None
    if shell is None:
        InteractiveShell._instance = None
        shell = _new_shell()
    type(shell)._instance = shell
    InteractiveShell._instance = shell
    try:
        yield shell
    finally:
        type(shell)._instance = None
        InteractiveShell._instance = previous


# --------------------------------------------------------------------------------------
# The papermill engine
# --------------------------------------------------------------------------------------

#: What a kernel reports about itself, for ``notebook.metadata.language_info``.
LANGUAGE_INFO: Final = {
    "name": "python",
    "version": sys.version.split()[0],
    "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
    "pygments_lexer": "ipython3",
    "nbconvert_exporter": "python",
    "file_extension": ".py",
}

#: Called with the cell index as each cell starts (the warm child tells its parent).
on_cell_start: Callable[[int], None] | None = None
#: Called when the last cell is done (the parent stops timing the child's cells).
on_cells_done: Callable[[], None] | None = None


class _CellTimedOut(BaseException):
    """Raised inside a cell by the alarm; a ``BaseException`` so ``except Exception`` keeps out."""


@contextlib.contextmanager
def _alarm(timeout: float | None) -> Iterator[None]:
    """Interrupt the running cell after ``timeout`` seconds (main thread only)."""
    if not timeout or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise _CellTimedOut

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _captured_streams(outputs: _Outputs, log_output: bool) -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    sys.stdout = _StreamCapture("stdout", outputs, saved[0] if log_output else None)
    sys.stderr = _StreamCapture("stderr", outputs, saved[1] if log_output else None)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _execute_cell(shell: Any, cell: Any, timeout: Any, log_output: bool) -> None:
    """Run one code cell as nbclient would, raising its errors as nbclient does."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    if cell.cell_type != "code" or not cell.source.strip():
        return
    if _SKIP_TAG in cell.metadata.get("tags", []):
        return
    cell.metadata["execution"] = {}
    timing = cell.metadata["execution"]  # the node stored, not a copy
    cell.outputs = []
    shell.captured.start_cell(cell.outputs)
    timing["iopub.status.busy"] = _now()
    cell.execution_count = shell.execution_count
    timing["iopub.execute_input"] = _now()
    started = time.monotonic()
    with _captured_streams(shell.captured, log_output), _alarm(timeout):
        try:
            result = shell.run_cell(cell.source, store_history=True)
        except _CellTimedOut:  # the alarm went off outside the cell's code, in IPython's own
            result = None
    timing["shell.execute_reply"] = _now()
    timing["iopub.status.idle"] = _now()
    error = None if result is None else result.error_before_exec or result.error_in_exec
    if result is None or isinstance(error, _CellTimedOut):
        # A kernel's client gives up on the cell without an error output of its own.
        cell.outputs[:] = [o for o in cell.outputs if o.get("ename") != "_CellTimedOut"]
        raise CellTimeoutError.error_from_timeout_and_cell(
            "Cell execution timed out", timeout, cell
        )
    if timeout and time.monotonic() - started > timeout:  # off the main thread: no alarm
        raise CellTimeoutError.error_from_timeout_and_cell(
            "Cell execution timed out", timeout, cell
        )
    if error is not None and "raises-exception" not in cell.metadata.get("tags", []):
        failure = next((o for o in cell.outputs if o.output_type == "error"), None)
        content = {
            "ename": failure.ename if failure else type(error).__name__,
            "evalue": failure.evalue if failure else str(error),
            "traceback": failure.traceback if failure else [],
        }
        raise CellExecutionError.from_cell_and_msg(cell, content)


def _language(nb: Any) -> str:
    metadata = nb.get("metadata", {})
    return str(
        (metadata.get("kernelspec") or {}).get("language")
        or (metadata.get("language_info") or {}).get("name")
        or "python"
    )


def _check_language(nb: Any) -> None:
    language = _language(nb)
    if language != "python":
        raise ValueError(
            f"this notebook's language is {language!r}: the in-process engine runs Python "
            "only; run it in a kernel (--engine kernel)"
        )


def notebook_problem(path: str | os.PathLike[str]) -> str:
    """Why ``path`` cannot run in-process ('' if it can): it is not a Python notebook."""
    import nbformat

    try:
        nb = nbformat.read(os.fspath(path), as_version=4)  # type: ignore[no-untyped-call]
    except Exception as error:  # papermill will say it better when it reads the notebook
        return f"notebook {os.fspath(path)} cannot be read ({type(error).__name__})"
    language = _language(nb)
    if language != "python":
        return f"notebook {os.fspath(path)} is in {language!r}, and the warm engine runs Python"
    return ""


#: Seconds between papermill's saves of the notebook while it runs (papermill saves at the
#: start and end of every cell: for a report with images that is half of the run).  The
#: notebook is always saved when it ends, and at most this much is lost if it is killed.
SAVE_EVERY: Final = 1.0


@contextlib.contextmanager
def _fewer_saves(nb_man: Any, every: float) -> Iterator[None]:
    save = nb_man.save

    def save_now_and_then(**kwargs: Any) -> None:
        if (nb_man.now() - nb_man.last_save_time).total_seconds() >= every:
            save(**kwargs)

    nb_man.save = save_now_and_then
    try:
        yield
    finally:
        del nb_man.save  # papermill's own again, for the save when the notebook completes


def _execute_managed_notebook(
    nb_man: Any,
    execution_timeout: float | None,
    log_output: bool,
    stdout_file: Any,
    stderr_file: Any,
) -> Any:
    """Execute every cell of ``nb_man.nb``, stopping at the first error (as papermill does)."""
    from nbclient.exceptions import CellExecutionError

    nb = nb_man.nb
    _check_language(nb)
    with _shell_for_one_notebook() as shell, _fewer_saves(nb_man, SAVE_EVERY):
        try:
            for index, cell in enumerate(nb.cells):
                try:
                    if on_cell_start is not None:
                        on_cell_start(index)
                    nb_man.cell_start(cell, index)
                    _execute_cell(shell, cell, execution_timeout, log_output)
                except CellExecutionError as error:
                    nb_man.cell_exception(nb.cells[index], cell_index=index, exception=error)
                    break
                finally:
                    nb_man.cell_complete(nb.cells[index], cell_index=index)
                    _copy_streams(cell, stdout_file, stderr_file)
        finally:
            if on_cells_done is not None:
                on_cells_done()
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    return nb


_engine_class: type | None = None


def _papermill_engine() -> type:
    """:class:`InProcessEngine`, built on first use.

    papermill loads its ``papermill.engine`` entry points at the end of importing
    ``papermill.engines``, so this module must not import papermill at its top: were it the
    first to import papermill, the entry point would find it half imported.  Built here,
    the class can be asked for from inside that import too (``Engine`` exists by then).
    """
    global _engine_class
    from papermill.engines import Engine  # may come back here through papermill's entry point

    if _engine_class is None:

        class InProcessEngine(Engine):  # type: ignore[misc]  # papermill is untyped
            """A papermill engine that executes the cells in this process, in an IPython shell.

            Papermill does the rest as for a kernel: parameters, the injected cell, each
            cell's ``metadata.papermill``, saves, the executed notebook and its error cell.
            """

            @classmethod
            def execute_managed_notebook(
                cls,
                nb_man: Any,
                kernel_name: str,
                log_output: bool = False,
                stdout_file: Any = None,
                stderr_file: Any = None,
                execution_timeout: float | None = None,
                **kwargs: Any,
            ) -> Any:
                """Execute the cells here (kernel options among ``kwargs`` do not apply)."""
                return _execute_managed_notebook(
                    nb_man, execution_timeout, log_output, stdout_file, stderr_file
                )

        InProcessEngine.__module__ = __name__
        InProcessEngine.__qualname__ = "InProcessEngine"
        _engine_class = InProcessEngine
    return _engine_class


def __getattr__(name: str) -> Any:
    """``InProcessEngine`` (the entry point's target) is built when first asked for."""
    if name == "InProcessEngine":
        return _papermill_engine()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _copy_streams(cell: Any, stdout_file: Any, stderr_file: Any) -> None:
    """papermill's ``stdout_file``/``stderr_file``: a copy of the cell's streams."""
    for output in cell.get("outputs", []):
        if output.get("output_type") != "stream":
            continue
        target = stdout_file if output.name == "stdout" else stderr_file
        if target is not None:
            target.write(output.text)


def register() -> None:
    """Make ``engine_name=ENGINE_NAME`` known to papermill (the entry point does it too)."""
    from papermill.engines import papermill_engines

    papermill_engines.register(ENGINE_NAME, _papermill_engine())


# --------------------------------------------------------------------------------------
# A fresh process per participant, forked from the warm parent
# --------------------------------------------------------------------------------------

_context_lock = threading.Lock()
_context: ForkServerContext | None = None


def fork_supported() -> bool:
    """True on platforms where the warm engine's forkserver exists (not on Windows)."""
    return START_METHOD in multiprocessing.get_all_start_methods()


def available() -> bool:
    """True where the warm engine can run now: the platform has a forkserver, and this
    process may start children (a daemonic worker, such as a Dask nanny's, may not)."""
    return fork_supported() and not multiprocessing.current_process().daemon


def _forkserver() -> ForkServerContext:
    """The forkserver context; its server preloads :data:`PRELOAD` when it first starts."""
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context(START_METHOD)
            context.set_forkserver_preload(list(PRELOAD))
            _context = context
        assert _context is not None
        return _context


_launching = threading.local()


def _without_main_module(get_preparation_data: Callable[[str], dict[str, Any]]) -> Any:
    """``spawn.get_preparation_data`` that leaves out ``__main__`` for a report process.

    multiprocessing re-imports the parent's main script in every child so pickled functions
    defined there resolve; a report process runs only mentorkit's own importable code, so
    that is neither needed nor wanted: a facilitator's script without an
    ``if __name__ == "__main__"`` guard would start the whole cohort again inside each child,
    and a guarded one would still be re-imported once per participant.
    """

    def preparation_data(name: str) -> dict[str, Any]:
        data = get_preparation_data(name)
        if getattr(_launching, "report", False):
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
        return data

    preparation_data.mentorkit_wrapped = True  # type: ignore[attr-defined]
    return preparation_data


if sys.platform != "win32":  # the forkserver exists on POSIX platforms only
    from multiprocessing import popen_forkserver, spawn
    from multiprocessing.context import ForkServerProcess

    class _ReportPopen(popen_forkserver.Popen):
        def _launch(self, process_obj: Any) -> None:
            _launching.report = True
            try:
                super()._launch(process_obj)  # type: ignore[misc]  # private, untyped
            finally:
                _launching.report = False

    class _ReportProcess(ForkServerProcess):
        """A forkserver ``Process`` whose child does not import the parent's ``__main__``."""

        @staticmethod
        def _Popen(process_obj: Any) -> Any:
            if not getattr(spawn.get_preparation_data, "mentorkit_wrapped", False):
                spawn.get_preparation_data = _without_main_module(spawn.get_preparation_data)
            return _ReportPopen(process_obj)


def warm_up() -> None:
    """Start the warm parent now (it imports the libraries once), not at the first report."""
    from multiprocessing import forkserver

    _forkserver()
    forkserver.ensure_running()


def stop_warm_parent() -> None:
    """Stop the warm parent if it runs (it holds the imported libraries in memory); the next
    report starts a new one.  Uses the forkserver's own stop, which the stdlib keeps private."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()


def _child_main(
    function: Callable[[T], R],
    argument: T,
    connection: Connection,
    environment: dict[str, str],
) -> None:
    """In the fresh process: run ``function(argument)``, telling the parent each cell start."""
    global on_cell_start, on_cells_done

    # The parent's environment as it is now, as a kernel started now would get it (the warm
    # parent's copy dates from when it started).
    os.environ.clear()
    os.environ.update(environment)

    def cell_started(index: int) -> None:
        connection.send(("cell", index))

    def cells_done() -> None:
        connection.send(("untimed", None))

    on_cell_start, on_cells_done = cell_started, cells_done
    try:
        outcome = function(argument)
    except BaseException as error:
        connection.send(("error", f"{type(error).__name__}: {error}"))
    else:
        connection.send(("done", outcome))
    finally:
        connection.close()


def run_in_fresh_process(
    function: Callable[[T], R], argument: T, *, cell_timeout: float | None = None, name: str = ""
) -> R:
    """``function(argument)`` in a new process forked from the warm parent; its result.

    Both must pickle: plain data, and a function of an importable module (the child does not
    import the caller's ``__main__``).  The child gets this process's environment and tells
    the parent when each notebook cell starts; with ``cell_timeout``, a cell still running
    ``cell_timeout + KILL_GRACE`` seconds after it started gets the process killed.

    Raises:
        FreshProcessError: the process raised, died, or was stopped for time.
    """
    from multiprocessing.connection import wait

    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = _ReportProcess(
        target=_child_main,
        args=(function, argument, sender, _child_environment()),
        name=f"mentorkit-report-{name}" if name else "mentorkit-report",
        daemon=True,
    )
    process.start()  # the first start starts the forkserver (under multiprocessing's lock)
    sender.close()
    limit = None if cell_timeout is None else cell_timeout + KILL_GRACE
    deadline = None if limit is None else time.monotonic() + limit
    try:
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready = wait([receiver, process.sentinel], timeout=remaining)
            if receiver in ready or receiver.poll():
                try:
                    kind, payload = receiver.recv()
                except EOFError:
                    raise FreshProcessError(
                        f"the report process ended without a result (exit code {_exit_code(process)})"
                    ) from None
                if kind == "cell":
                    deadline = None if limit is None else time.monotonic() + limit
                elif kind == "untimed":
                    deadline = None
                elif kind == "done":
                    return payload  # type: ignore[no-any-return]  # what function returned
                else:
                    raise FreshProcessError(str(payload))
            elif process.sentinel in ready:
                raise FreshProcessError(
                    f"the report process ended without a result (exit code {_exit_code(process)})"
                )
            else:
                raise FreshProcessError(
                    f"CellTimeoutError: a cell ran more than {cell_timeout:g} s and did not "
                    f"stop when interrupted; its process was stopped after {limit:g} s"
                )
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
        with contextlib.suppress(ValueError):
            process.close()


def _child_environment() -> dict[str, str]:
    environment = dict(os.environ)
    # As in a kernel: what a report starts (a subprocess) draws inline figures too.
    environment.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return environment


def _exit_code(process: Any) -> str:
    process.join(timeout=5)
    code = process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"{code}, {signal.Signals(-code).name}"
    return str(code)
