"""Private scratch folders for one participant's run, never left behind in the temp folder.

Each report runs in its own folder under the system's temp folder: the workbook snapshot,
the kernel's connection file and sockets, and the notebook, HTML and summary until they are
copied into ``--out``.  The folder is removed when the participant is done, at interpreter
exit, and on SIGTERM/SIGHUP; a run killed outright (SIGKILL) cannot clean up, so the next
run removes folders whose process no longer exists.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Final

PREFIX: Final = "mentorkit-run-"

_live: set[Path] = set()
_lock = threading.Lock()


_OWNER_FILE: Final = "owner"


def _prefix() -> str:
    return f"{PREFIX}{os.getpid()}-"


def _process_namespace() -> str:
    """Which process-id space a pid belongs to (containers sharing /tmp each have their own).

    A folder is only swept when it was made in this space, so a pid that merely looks dead
    from here (it lives in another container) never loses its folder.
    """
    try:
        return os.readlink("/proc/self/ns/pid")  # noqa: PTH115  # a /proc link, not a path we own
    except OSError:
        return "unknown"


_LABEL_FILE: Final = "label"


@contextlib.contextmanager
def scratch_folder(label: str = "") -> Iterator[Path]:
    """A new private (0700) folder, removed with everything in it when the block ends.

    ``label`` (a participant id) lets :func:`stale_folders` find what a killed process left.
    """
    folder = Path(tempfile.mkdtemp(prefix=_prefix()))
    (folder / _OWNER_FILE).write_text(_process_namespace(), encoding="utf-8")
    (folder / _LABEL_FILE).write_text(label, encoding="utf-8")
    with _lock:
        _live.add(folder)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with _lock:
            _live.discard(folder)


def remove_all() -> None:
    """Remove every scratch folder this process still has (at exit or on a signal)."""
    with _lock:
        folders = list(_live)
        _live.clear()
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(remove_all)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's process: alive
        return True
    return True


def stale_folders(label: str, base: str | os.PathLike[str] | None = None) -> list[Path]:
    """Scratch folders labelled ``label`` whose process is gone (see :func:`sweep_stale`)."""
    found = []
    for entry in _stale(Path(base or tempfile.gettempdir())):
        try:
            if (entry / _LABEL_FILE).read_text(encoding="utf-8") == label:
                found.append(entry)
        except (OSError, UnicodeDecodeError):
            continue
    return found


def sweep_stale(base: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove scratch folders of runs that were killed (their process is gone).

    Only folders owned by this user and named by this module are considered.
    """
    removed = []
    for entry in _stale(Path(base or tempfile.gettempdir())):
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _stale(folder: Path) -> list[Path]:
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(PREFIX):
            continue
        pid_text = entry.name[len(PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        if not entry.is_dir() or entry.is_symlink() or info.st_uid != os.getuid():
            continue
        try:
            owner = (entry / _OWNER_FILE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if owner == _process_namespace() and not _pid_alive(int(pid_text)):
            removed.append(entry)
    return removed


def _on_signal(signum: int, frame: FrameType | None) -> None:
    remove_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


@contextlib.contextmanager
def cleanup_on_signals() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP remove the scratch folders before ending.

    Handlers can only be set from the main thread; elsewhere this does nothing (the atexit
    hook still runs on a normal exit).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) in (signal.SIG_DFL, None):
            previous[number] = signal.signal(number, _on_signal)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
