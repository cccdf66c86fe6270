"""Workbook files: load, validate, migrate and save, through the codec and the file mechanics.

A workbook is one UTF-8 JSON file with a ``schema_version``.  Loading reads the file (through
a link, never from a FIFO), parses it with every failure worded (not JSON, a number too long
to read, nesting too deep), migrates it and decodes it with :mod:`mentorkit.store.codec`,
which names every problem by field path.  Saving validates first (never writes what would not
load back), refuses to replace a file that does not parse (the person may have hand-edited it)
or that is read-only, and replaces the real file atomically keeping a ``.bak`` copy
(:mod:`mentorkit.store.files`).  :func:`update_workbook` does the re-read, change and save
under the lock, so two notebooks of one participant open at once both keep their entries.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

from mentorkit.errors import WorkbookError
from mentorkit.model import MAX_TEXT, SCHEMA_VERSION, Profile, Workbook
from mentorkit.store import codec, files
from mentorkit.store.migrations import migrate

__all__ = ["MAX_TEXT"]

#: How many problems an error message lists before saying "and N more".
MAX_LISTED_PROBLEMS: Final = 10
#: Environment variable that names the participant's own workbook.
WORKBOOK_ENV: Final = "MENTORKIT_WORKBOOK"
#: How long to wait for another process holding the workbook's lock.
LOCK_TIMEOUT_S: Final = 15.0
#: The largest workbook file the store writes, and so the largest an upload may be: a
#: workbook the store wrote is always accepted back.  A year of heavy use is ~200 KB; a
#: 10,000-connection LinkedIn import ~6 MB.
MAX_WORKBOOK_BYTES: Final = 16_000_000


# --------------------------------------------------------------------------------------
# Where the participant's own workbook lives
# --------------------------------------------------------------------------------------


def default_workbook_path() -> Path:
    """The participant's own workbook: ``$MENTORKIT_WORKBOOK`` or ``~/my-workbook/workbook.json``.

    Never a tracked sample file: notebooks open this by default (``mentorkit new --sample``
    writes a fresh copy of the sample to explore).
    """
    named = os.environ.get(WORKBOOK_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    return Path.home() / "my-workbook" / "workbook.json"


def resolve_workbook_path(path: str | os.PathLike[str] | None) -> Path:
    """The path a notebook's ``workbook_path`` parameter means (empty means the default)."""
    if path is None or not str(path).strip():
        return default_workbook_path()
    return Path(path).expanduser()


# --------------------------------------------------------------------------------------
# Dict <-> model
# --------------------------------------------------------------------------------------


def _find_broken_text(value: Any, problems: list[str]) -> None:
    """Record every key or string holding a lone surrogate (no UTF-8 file can store one)."""
    stack: list[tuple[Any, str]] = [(value, "")]  # a loop, not recursion: nesting is unbounded
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                problems.append(
                    f"{where or 'workbook'}: holds a broken character (a lone surrogate)"
                )
        elif isinstance(item, dict):
            prefix = f"{where}." if where else ""
            for key, element in reversed(item.items()):
                shown = f"{prefix}{codec.printable(str(key))}"
                stack.append((element, shown))
                stack.append((key, f"{shown} (the field's name)"))
        elif isinstance(item, list):
            stack.extend(
                (element, f"{where}[{i}]") for i, element in reversed(list(enumerate(item)))
            )


def _check_references(workbook: Workbook, problems: list[str]) -> None:
    """Ids are unique in each list, and every id that points elsewhere points somewhere."""
    known: dict[str, set[str]] = {}
    for list_name in ("goals", "contacts", "mentorships", "checkins", "reflections"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(workbook, list_name)):
            if item.id in seen:
                problems.append(f"{list_name}[{index}].id: {item.id!r} is used twice")
            seen.add(item.id)
        known[list_name] = seen
    for index, mentorship in enumerate(workbook.mentorships):
        if mentorship.goal_id not in known["goals"]:
            problems.append(
                f"mentorships[{index}].goal_id: {mentorship.goal_id!r} is not a goal in this workbook"
            )
        if mentorship.contact_id not in known["contacts"]:
            problems.append(
                f"mentorships[{index}].contact_id: {mentorship.contact_id!r} "
                "is not a contact in this workbook"
            )
    for index, checkin in enumerate(workbook.checkins):
        if checkin.mentorship_id not in known["mentorships"]:
            problems.append(
                f"checkins[{index}].mentorship_id: {checkin.mentorship_id!r} "
                "is not a mentorship in this workbook"
            )
    for index, reflection in enumerate(workbook.reflections):
        if reflection.mentorship_id is not None and (
            reflection.mentorship_id not in known["mentorships"]
        ):
            problems.append(
                f"reflections[{index}].mentorship_id: {reflection.mentorship_id!r} "
                "is not a mentorship in this workbook"
            )


def _raise_problems(problems: list[str], path: str | None) -> None:
    where = f"{path} " if path else "The workbook "
    shown = problems[:MAX_LISTED_PROBLEMS]
    more = len(problems) - len(shown)
    lines = [f"{where}has {len(problems)} problem(s):", *(f"  {p}" for p in shown)]
    if more:
        lines.append(f"  ... and {more} more")
    raise WorkbookError("\n".join(lines), path=path, problems=problems)


def workbook_from_dict(
    data: Any, *, path: str | None = None, check_broken_text: bool = True
) -> Workbook:
    """Validate (migrating first if needed) and build a workbook from its JSON data.

    Raises:
        WorkbookError: listing every problem with its field path and bad value.
    """
    if not isinstance(data, dict):
        _raise_problems([f"workbook: {codec.show(data)} is not a JSON object"], path)
    if "mentorkit_share" in data:  # a share handed in where a workbook is needed
        _raise_problems(
            [
                f"this is a {codec.show(data.get('level'))} share, not a workbook: a personal "
                "report needs the workbook itself or a full share (`mentorkit cohort "
                "collect` lays out each full share's workbook and a roster to run)"
            ],
            path,
        )
    version = data.get("schema_version")
    if version is None:
        _raise_problems(["schema_version: is missing (is this a mentorkit workbook?)"], path)
    if type(version) is int and version > SCHEMA_VERSION:
        _raise_problems(
            [
                f"schema_version: {codec.show(version)} was written by a newer mentorkit "
                f"(this one reads up to {SCHEMA_VERSION}); upgrade mentorkit to open it"
            ],
            path,
        )
    data = migrate(data)
    problems: list[str] = []
    if check_broken_text:
        _find_broken_text(data, problems)
    workbook = codec.decode(Workbook, data, problems)
    if workbook is not None:
        _check_references(workbook, problems)
    if problems:
        _raise_problems(problems, path)
    assert workbook is not None
    return workbook


def workbook_to_dict(workbook: Workbook) -> dict[str, Any]:
    """The workbook as JSON-ready data (dates as ISO dates, times as ISO times)."""
    return codec.encode(workbook)


def validate_workbook(workbook: Workbook) -> None:
    """Raise :class:`WorkbookError` if the workbook would not load back as it is."""
    workbook_from_dict(workbook_to_dict(workbook))


def _to_bytes(data: dict[str, Any], *, compact: bool) -> bytes | None:
    if compact:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate somewhere: validation names where
        return None


def workbook_to_json(workbook: Workbook, *, compact: bool = False) -> bytes:
    """The validated workbook file's bytes: indented as saved, or ``compact`` for a download.

    Raises:
        WorkbookError: the workbook would not load back (every problem listed).
    """
    data = workbook_to_dict(workbook)
    payload = _to_bytes(data, compact=compact)
    workbook_from_dict(data, check_broken_text=payload is None)
    assert payload is not None  # validation names any lone surrogate
    return payload


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _decode(raw: bytes, name: str) -> str:
    """The file's text: UTF-8, a byte-order mark at the start dropped (as ``utf-8-sig`` does).

    The mark is dropped by hand because looking up the ``utf-8-sig`` codec imports a module,
    ~0.5 ms of every ``mentorkit validate``; plain ``utf-8`` is built in.
    """
    try:
        return (raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw).decode("utf-8")
    except UnicodeDecodeError as error:
        raise WorkbookError(
            f"{name}: is not a text file in UTF-8 (byte {error.start} cannot be read); "
            "is it really a mentorkit workbook?",
            path=name,
        ) from None


def _backup_hint(name: str) -> str:
    with contextlib.suppress(OSError, WorkbookError):
        backup = files.backup_path(files.real_file(name))
        if backup.is_file():
            return f" A backup of the last good save may be in {backup.name}"
    return ""


def _parse_json(text: str, name: str, *, saved_here: bool = True) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        hint = _backup_hint(name) if saved_here else ""
        raise WorkbookError(
            f"{name}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).{hint}",
            path=name,
        ) from None
    except RecursionError:
        raise WorkbookError(
            f"{name}: is nested too deeply to be a mentorkit workbook (lists or objects "
            "inside each other hundreds of levels deep)",
            path=name,
        ) from None
    except ValueError as error:  # a number with more digits than Python converts (4,300)
        raise WorkbookError(
            f"{name}: holds a number too long to read ({error}); is it really a mentorkit "
            "workbook?",
            path=name,
        ) from None


def workbook_from_bytes(content: bytes, *, name: str, saved_here: bool = False) -> Workbook:
    """Decode, parse, migrate and validate a workbook file's bytes (an upload, say).

    Args:
        content: The file's bytes.
        name: What to call the file in messages (its name or path).
        saved_here: The bytes come from a workbook file mentorkit saves (so a ``.bak``
            of it may exist), not from an upload.

    Raises:
        WorkbookError: not UTF-8 text, not JSON, or not a valid workbook; the message names
            ``name`` and each bad field.
    """
    text = _decode(content, name)
    try:
        return workbook_from_dict(
            _parse_json(text, name, saved_here=saved_here),
            path=name,
            # Decoded UTF-8 cannot hold a lone surrogate; only a \\udXXX escape can make one.
            check_broken_text=_SURROGATE_ESCAPE.search(text) is not None,
        )
    except RecursionError:
        raise WorkbookError(
            f"{name}: is nested too deeply to be a mentorkit workbook", path=name
        ) from None


def _load(path: str | os.PathLike[str]) -> tuple[Workbook, bytes]:
    file = Path(path)
    raw = files.read_file(file)
    return workbook_from_bytes(raw, name=str(file), saved_here=True), raw


def load_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Read, migrate and validate the workbook at ``path`` (through a link, if it is one).

    Raises:
        WorkbookError: the file is missing, is not JSON, or does not validate; the message
            names the file and each bad field.
    """
    return _load(path)[0]


def _save(workbook: Workbook, path: str | os.PathLike[str], *, known: bytes | None) -> Path:
    """:func:`save_workbook`; ``known``: the bytes this process just read and validated."""
    file = Path(path)
    data = workbook_to_dict(workbook)
    payload = _to_bytes(data, compact=False)
    # Never write what would not load back (this also names a lone surrogate).
    workbook_from_dict(data, path=str(file), check_broken_text=payload is None)
    assert payload is not None
    if len(payload) > MAX_WORKBOOK_BYTES:
        raise WorkbookError(
            f"{file}: the workbook would be {len(payload):,} bytes, more than a workbook may "
            f"be ({MAX_WORKBOOK_BYTES:,}); remove some contacts or notes and save again",
            path=str(file),
        )
    target = files.real_file(file)
    old = files.existing_state(target)
    old_bytes = None
    if old is not None:
        old_bytes = files.read_file(target)
        if old_bytes != known:  # refuse to replace a file that does not parse
            _parse_json(_decode(old_bytes, str(file)), str(file))
    try:
        files.replace_file(target, payload, old=old, old_bytes=old_bytes)
    except OSError as error:
        raise WorkbookError(
            f"{file}: cannot be saved ({error.strerror or error}); nothing was changed",
            path=str(file),
        ) from None
    return file


def save_workbook(workbook: Workbook, path: str | os.PathLike[str]) -> Path:
    """Validate and save the workbook atomically, keeping the previous version as a backup.

    Saving through a link replaces the file it points to (the link stays).  A file at
    ``path`` that does not parse as JSON is never overwritten: the person may have hand-edited
    it and wants it back, so this raises :class:`WorkbookError` instead; so does a read-only
    file, and a link to nothing.
    """
    return _save(workbook, path, known=None)


@contextlib.contextmanager
def workbook_lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the workbook's lock for the duration of the block (see :func:`files.folder_lock`).

    Raises:
        WorkbookLockedError: another process held it for ``timeout`` seconds.
        WorkbookError: ``path`` is a link to nothing.
    """
    with files.folder_lock(files.real_file(path).absolute(), timeout):
        yield


def update_workbook(path: str | os.PathLike[str], change: Callable[[Workbook], object]) -> Workbook:
    """Apply ``change`` to the freshest copy of the workbook and save it, under the lock.

    Every widget saves through this: it re-reads the file inside the lock, so an entry added
    by another notebook of the same participant a moment ago is kept, not overwritten.
    ``change`` mutates the workbook it is given; if it raises, nothing is written.
    """
    with workbook_lock(path):
        workbook, raw = _load(path)
        change(workbook)
        _save(workbook, path, known=raw)
    return workbook


def new_workbook(
    path: str | os.PathLike[str], *, name: str = "", participant_id: str = ""
) -> Workbook:
    """Create an empty workbook at ``path``; refuses to replace an existing file."""
    workbook = Workbook(profile=Profile(name=name), participant_id=participant_id)
    return create_workbook(path, workbook)


def create_workbook(path: str | os.PathLike[str], workbook: Workbook) -> Workbook:
    """Save ``workbook`` as a new file at ``path``; refuses to replace an existing file."""
    file = Path(path)
    with workbook_lock(file):
        if os.path.lexists(file):
            raise WorkbookError(
                f"{file}: a workbook already exists here; choose another file name",
                path=str(file),
            )
        save_workbook(workbook, file)
    return workbook


def open_workbook(
    path: str | os.PathLike[str] | None = None, *, name: str = ""
) -> tuple[Path, Workbook]:
    """Load the participant's workbook, creating an empty one on first use.

    ``path`` empty or ``None`` means :func:`default_workbook_path`.  A link to nothing is an
    error (an unmounted drive must not be replaced by an empty workbook).
    """
    file = resolve_workbook_path(path)
    files.real_file(file)
    if not os.path.lexists(file):
        with contextlib.suppress(WorkbookError):  # another notebook created it first
            new_workbook(file, name=name)
    return file, load_workbook(file)
