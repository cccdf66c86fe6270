"""The workbook store: the only code that reads or writes a participant's workbook.

A workbook is one UTF-8 JSON file with a ``schema_version``.  This module

* **validates** on load and on save, collecting every problem with its field path and the bad
  value (``goals[2].confidence: 9 is not between 1 and 7``);
* **migrates** files written by older versions of mentorkit;
* **saves atomically**: a temporary file in the same folder is written, flushed, fsynced and
  renamed over the old one, and the previous version is kept as ``<name>.bak``, so a process
  killed mid-save leaves either the old or the new workbook, never a torn one;
* **never loses an update**: :func:`update_workbook` holds a lock file while it re-reads the
  workbook, applies a change and saves it, so two notebooks of the same participant open at
  once both keep their entries.

Paths always come in as arguments; :func:`default_workbook_path` is the one place that knows
where a participant's own workbook lives when none is named.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from mentorkit.errors import WorkbookError, WorkbookLockedError
from mentorkit.model import (
    ATTAINMENT_LEVELS,
    GOAL_STATUSES,
    GOAL_TYPES,
    ID_PATTERN,
    MAX_LEVEL_TEXT,
    MENTOR_FUNCTIONS,
    MENTORSHIP_STATUSES,
    SCHEMA_VERSION,
    SPHERES,
    TIE_STRENGTHS,
    CheckIn,
    Contact,
    Goal,
    Mentorship,
    Profile,
    Reflection,
    ScaleRevision,
    StatusChange,
    Workbook,
)

#: The longest text a field may hold.  Generous (a page of reflection is ~3,000 characters)
#: but bounded, so a paste accident cannot make a workbook too big to open on Binder.
MAX_TEXT: Final = 20_000
#: How many problems an error message lists before saying "and N more".
MAX_LISTED_PROBLEMS: Final = 10
#: Environment variable that names the participant's own workbook.
WORKBOOK_ENV: Final = "MENTORKIT_WORKBOOK"
#: How long to wait for another process holding the workbook's lock.
LOCK_TIMEOUT_S: Final = 15.0


# --------------------------------------------------------------------------------------
# Where the participant's own workbook lives
# --------------------------------------------------------------------------------------


def default_workbook_path() -> Path:
    """The participant's own workbook: ``$MENTORKIT_WORKBOOK`` or ``~/my-workbook/workbook.json``.

    Never a tracked sample file: notebooks open this by default, and exploring a sample works
    on a copy (:func:`copy_workbook`).
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
# Field specifications: one table per dataclass drives both validation and dumping
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    name: str
    kind: str  # text, id, date, datetime, int, bool, choice, tags, choices, obj, objs
    optional: bool = False  # may be null
    required: bool = False  # must be present in the file
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    cls: type | None = None


_PROFILE = (
    _Spec("name", "text"),
    _Spec("role", "text"),
    _Spec("organisation", "text"),
    _Spec("cycle_start", "date", optional=True),
)
_GOAL = (
    _Spec("id", "id", required=True),
    _Spec("statement", "text", required=True),
    _Spec("type", "choice", optional=True, choices=GOAL_TYPES),
    _Spec("why", "text"),
    _Spec("success_measure", "text"),
    _Spec("target_date", "date", optional=True),
    _Spec("first_step", "text"),
    _Spec("first_step_date", "date", optional=True),
    _Spec("confidence", "int", low=1, high=7),
    _Spec("areas", "tags"),
    _Spec("status", "choice", choices=GOAL_STATUSES),
    _Spec("created", "datetime"),
    _Spec("updated", "datetime"),
    _Spec("attainment_scale", "levels"),
    _Spec("scale_history", "objs", cls=ScaleRevision),
)
_SCALE_REVISION = (
    _Spec("levels", "levels", required=True),
    _Spec("replaced", "datetime", required=True),
    _Spec("note", "text"),
)
_CONTACT = (
    _Spec("id", "id", required=True),
    _Spec("name", "text", required=True),
    _Spec("relationship", "text"),
    _Spec("sphere", "choice", choices=SPHERES),
    _Spec("tie_strength", "choice", choices=TIE_STRENGTHS),
    _Spec("areas", "tags"),
    _Spec("functions", "choices", choices=MENTOR_FUNCTIONS),
    _Spec("email", "text"),
    _Spec("organisation", "text"),
    _Spec("position", "text"),
    _Spec("notes", "text"),
    _Spec("source", "text"),
)
_STATUS_CHANGE = (
    _Spec("status", "choice", required=True, choices=MENTORSHIP_STATUSES),
    _Spec("at", "datetime", required=True),
    _Spec("note", "text"),
)
_MENTORSHIP = (
    _Spec("id", "id", required=True),
    _Spec("goal_id", "id", required=True),
    _Spec("contact_id", "id", required=True),
    _Spec("sessions", "int", low=1, high=52),
    _Spec("minutes", "int", low=5, high=480),
    _Spec("weeks", "int", low=1, high=104),
    _Spec("start", "date", optional=True),
    _Spec("schedule_by", "choice", choices=("mentee", "mentor")),
    _Spec("commitments", "tags"),
    _Spec("feedback_wanted", "text"),
    _Spec("message", "text"),
    _Spec("status", "choice", choices=MENTORSHIP_STATUSES),
    _Spec("history", "objs", cls=StatusChange),
)
_CHECKIN = (
    _Spec("id", "id", required=True),
    _Spec("mentorship_id", "id", required=True),
    _Spec("date", "date", required=True),
    _Spec("held", "bool"),
    _Spec("minutes", "int", low=0, high=480),
    _Spec("notes", "text"),
    _Spec("actions", "text"),
    _Spec("feedback", "text"),
    _Spec("rating", "int", optional=True, low=-2, high=2),
)
_REFLECTION = (
    _Spec("id", "id", required=True),
    _Spec("date", "date", required=True),
    _Spec("prompt", "text", required=True),
    _Spec("text", "text", required=True),
    _Spec("mentorship_id", "id", optional=True),
)
_WORKBOOK = (
    _Spec("schema_version", "int", required=True, low=1, high=SCHEMA_VERSION),
    _Spec("participant_id", "id_or_empty"),
    _Spec("profile", "obj", cls=Profile),
    _Spec("goals", "objs", cls=Goal),
    _Spec("contacts", "objs", cls=Contact),
    _Spec("mentorships", "objs", cls=Mentorship),
    _Spec("checkins", "objs", cls=CheckIn),
    _Spec("reflections", "objs", cls=Reflection),
)
_SPECS: Final[dict[type, tuple[_Spec, ...]]] = {
    Profile: _PROFILE,
    Goal: _GOAL,
    ScaleRevision: _SCALE_REVISION,
    Contact: _CONTACT,
    StatusChange: _STATUS_CHANGE,
    Mentorship: _MENTORSHIP,
    CheckIn: _CHECKIN,
    Reflection: _REFLECTION,
    Workbook: _WORKBOOK,
}
_KNOWN_KEYS: Final[dict[type, frozenset[str]]] = {
    cls: frozenset(spec.name for spec in specs) for cls, specs in _SPECS.items()
}


def _show(value: object) -> str:
    """A bad value as a message shows it: short, and with its type when that is the problem."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_text(value: str, where: str, problems: list[str]) -> None:
    if len(value) > MAX_TEXT:
        problems.append(f"{where}: {len(value):,} characters is longer than {MAX_TEXT:,}")


def _convert(spec: _Spec, value: Any, where: str, problems: list[str]) -> Any:
    """Turn one JSON value into its model value, or record why it cannot be."""
    if value is None:
        if spec.optional:
            return None
        problems.append(f"{where}: is empty but must have a value")
        return None
    kind = spec.kind
    if kind == "text":
        if isinstance(value, str):
            _check_text(value, where, problems)
            return value
        problems.append(f"{where}: {_show(value)} is not text")
    elif kind in ("id", "id_or_empty"):
        if isinstance(value, str) and (
            ID_PATTERN.fullmatch(value) or (kind == "id_or_empty" and value == "")
        ):
            return value
        problems.append(
            f"{where}: {_show(value)} is not a valid id (1-64 letters, digits, '-' or '_')"
        )
    elif kind == "date":
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        problems.append(f"{where}: {_show(value)} is not a date like 2026-03-31")
    elif kind == "datetime":
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        problems.append(f"{where}: {_show(value)} is not a time like 2026-03-31T09:30:00+00:00")
    elif kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            if (spec.low is not None and value < spec.low) or (
                spec.high is not None and value > spec.high
            ):
                problems.append(f"{where}: {value} is not between {spec.low} and {spec.high}")
            return value
        problems.append(f"{where}: {_show(value)} is not a whole number")
    elif kind == "bool":
        if isinstance(value, bool):
            return value
        problems.append(f"{where}: {_show(value)} is not true or false")
    elif kind == "choice":
        if value in spec.choices:
            return value
        problems.append(f"{where}: {_show(value)} is not one of {', '.join(spec.choices)}")
    elif kind == "levels":
        # An attainment scale: none yet, or one short non-empty text for each of -2..+2.
        if not isinstance(value, list) or len(value) not in (0, ATTAINMENT_LEVELS):
            problems.append(
                f"{where}: {_show(value)} is not a list of {ATTAINMENT_LEVELS} levels "
                "(-2 to +2) or an empty list"
            )
            return []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                problems.append(f"{where}[{index}]: {_show(item)} is not a level's text")
            elif len(item) > MAX_LEVEL_TEXT:
                problems.append(
                    f"{where}[{index}]: {len(item):,} characters is longer than {MAX_LEVEL_TEXT}"
                )
        return list(value)
    elif kind in ("tags", "choices"):
        if not isinstance(value, list):
            problems.append(f"{where}: {_show(value)} is not a list")
            return []
        out = []
        for index, item in enumerate(value):
            item_where = f"{where}[{index}]"
            if not isinstance(item, str):
                problems.append(f"{item_where}: {_show(item)} is not text")
            elif kind == "choices" and item not in spec.choices:
                problems.append(
                    f"{item_where}: {_show(item)} is not one of {', '.join(spec.choices)}"
                )
            else:
                _check_text(item, item_where, problems)
                out.append(item)
        return out
    elif kind == "obj":
        assert spec.cls is not None
        return _build(spec.cls, value, where, problems)
    elif kind == "objs":
        assert spec.cls is not None
        if not isinstance(value, list):
            problems.append(f"{where}: {_show(value)} is not a list")
            return []
        built = (_build(spec.cls, item, f"{where}[{i}]", problems) for i, item in enumerate(value))
        return [item for item in built if item is not None]
    return None


def _build(cls: type, data: Any, where: str, problems: list[str]) -> Any:
    """Build one dataclass from its JSON object, recording every problem with its path.

    The careful path: it knows every rule and words every problem.  Plain valid files take
    the compiled fast path first (see :func:`_compile_fast_builder`).
    """
    if not isinstance(data, dict):
        problems.append(f"{where or 'workbook'}: {_show(data)} is not an object")
        return None
    prefix = f"{where}." if where else ""
    count_before = len(problems)
    kwargs: dict[str, Any] = {}
    for spec in _SPECS[cls]:
        if spec.name in data:
            kwargs[spec.name] = _convert(spec, data[spec.name], prefix + spec.name, problems)
        elif spec.required:
            problems.append(f"{prefix}{spec.name}: is missing")
    unknown = data.keys() - _KNOWN_KEYS[cls]
    if unknown:
        names = ", ".join(sorted(unknown))
        problems.append(f"{where or 'workbook'}: unknown field(s) {names}")
    if len(problems) > count_before:
        return None
    return cls(**kwargs)


class _NotPlain(Exception):
    """Raised inside a compiled fast builder: this data needs the careful path."""


def _compile_fast_builder(cls: type) -> Callable[[Any], Any]:
    """Generate a builder for ``cls`` that accepts only complete, plainly valid data.

    Files written by :func:`save_workbook` hold every field with a plain valid value, so the
    generated function checks each field with a few inline type tests and calls the
    dataclass directly: several times faster than the generic loop.  Anything unusual (a
    missing or unknown field, a bad value, an old version) raises :class:`_NotPlain`, and
    the generic :func:`_build` then does the work and words every problem.  The fast path
    accepts a strict subset of what the generic path accepts.
    """
    specs = _SPECS[cls]
    lines = [
        "def build(data):",
        f"    if type(data) is not dict or len(data) != {len(specs)}:",
        "        raise NotPlain",
    ]
    env: dict[str, Any] = {
        "NotPlain": _NotPlain,
        "cls": cls,
        "MAX": MAX_TEXT,
        "match": ID_PATTERN.fullmatch,
        "to_date": date.fromisoformat,
        "to_datetime": datetime.fromisoformat,
        "LEVELS": ATTAINMENT_LEVELS,
        "MAX_LEVEL": MAX_LEVEL_TEXT,
    }
    for index, spec in enumerate(specs):
        v = f"v{index}"
        lines.append(f"    {v} = data[{spec.name!r}]")
        check = {
            "text": f"type({v}) is str and len({v}) <= MAX",
            "id": f"type({v}) is str and match({v}) is not None",
            "id_or_empty": f"type({v}) is str and ({v} == '' or match({v}) is not None)",
            "int": f"type({v}) is int and {spec.low} <= {v} <= {spec.high}",
            "bool": f"type({v}) is bool",
            "choice": f"{v} in choices{index}",
            "tags": f"type({v}) is list and all(type(t) is str and len(t) <= MAX for t in {v})",
            "levels": f"type({v}) is list and len({v}) in (0, LEVELS) and all("
            f"type(t) is str and t.strip() and len(t) <= MAX_LEVEL for t in {v})",
            "choices": f"type({v}) is list and all(t in choices{index} for t in {v})",
            "date": f"type({v}) is str",
            "datetime": f"type({v}) is str",
            "obj": f"type({v}) is dict",
            "objs": f"type({v}) is list",
        }[spec.kind]
        env[f"choices{index}"] = frozenset(spec.choices)
        if spec.optional:
            check = f"{v} is None or ({check})"
        lines += [f"    if not ({check}):", "        raise NotPlain"]
        convert = {
            "date": f"to_date({v})",
            "datetime": f"to_datetime({v})",
            "obj": f"build_{index}({v})",
            "objs": f"[build_{index}(item) for item in {v}]",
        }.get(spec.kind)
        if spec.kind in ("obj", "objs"):
            assert spec.cls is not None
            env[f"build_{index}"] = _fast_builder(spec.cls)
        if convert:
            guard = f"None if {v} is None else " if spec.optional else ""
            lines.append(f"    {v} = {guard}{convert}")
        if spec.kind == "datetime":
            lines += [f"    if {v}.tzinfo is None:", "        raise NotPlain"]
    arguments = ", ".join(f"{spec.name}=v{index}" for index, spec in enumerate(specs))
    lines.append(f"    return cls({arguments})")
    exec("\n".join(lines), env)  # noqa: S102 - code generated from our own field specs
    builder: Callable[[Any], Any] = env["build"]
    return builder


_FAST_BUILDERS: dict[type, Callable[[Any], Any]] = {}


def _fast_builder(cls: type) -> Callable[[Any], Any]:
    if cls not in _FAST_BUILDERS:
        _FAST_BUILDERS[cls] = _compile_fast_builder(cls)
    return _FAST_BUILDERS[cls]


def _find_broken_text(value: Any, where: str, problems: list[str]) -> None:
    """Record every string holding a lone surrogate (no UTF-8 file can store one)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(f"{where or 'workbook'}: holds a broken character (a lone surrogate)")
    elif isinstance(value, dict):
        prefix = f"{where}." if where else ""
        for key, item in value.items():
            _find_broken_text(item, f"{prefix}{key}", problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _find_broken_text(item, f"{where}[{index}]", problems)


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


# --------------------------------------------------------------------------------------
# Migration
# --------------------------------------------------------------------------------------


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (mentorkit 0.0.x) stored tie strength as ``strong: bool``, the goal type as
    ``kind`` and had no status history on mentorships."""
    for contact in data.get("contacts") or []:
        if isinstance(contact, dict) and "strong" in contact:
            contact["tie_strength"] = "strong" if contact.pop("strong") else "weak"
    for goal in data.get("goals") or []:
        if isinstance(goal, dict) and "kind" in goal:
            goal["type"] = goal.pop("kind")
    for mentorship in data.get("mentorships") or []:
        if isinstance(mentorship, dict) and "history" not in mentorship:
            status = mentorship.get("status", "draft")
            started = mentorship.get("start") or "1970-01-01"
            mentorship["history"] = [{"status": status, "at": f"{started}T00:00:00+00:00"}]
    data["schema_version"] = 2
    return data


_MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {1: _migrate_1_to_2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a workbook's JSON data up to :data:`~mentorkit.model.SCHEMA_VERSION`."""
    version = data.get("schema_version")
    while isinstance(version, int) and not isinstance(version, bool) and version in _MIGRATIONS:
        data = _MIGRATIONS[version](data)
        version = data.get("schema_version")
    return data


# --------------------------------------------------------------------------------------
# Dict <-> model
# --------------------------------------------------------------------------------------


def workbook_from_dict(
    data: Any, *, path: str | None = None, check_broken_text: bool = True
) -> Workbook:
    """Validate (migrating first if needed) and build a workbook from its JSON data.

    Raises:
        WorkbookError: listing every problem with its field path and bad value.
    """
    if not isinstance(data, dict):
        _raise_problems([f"workbook: {_show(data)} is not a JSON object"], path)
    version = data.get("schema_version")
    if version is None:
        _raise_problems(["schema_version: is missing (is this a mentorkit workbook?)"], path)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        _raise_problems(
            [
                f"schema_version: {version} was written by a newer mentorkit "
                f"(this one reads up to {SCHEMA_VERSION}); upgrade mentorkit to open it"
            ],
            path,
        )
    data = migrate(data)
    problems: list[str] = []
    if check_broken_text:
        _find_broken_text(data, "", problems)
    try:
        workbook = _fast_builder(Workbook)(data)
    except (_NotPlain, KeyError, ValueError):
        workbook = _build(Workbook, data, "", problems)
    if workbook is not None:
        _check_references(workbook, problems)
    if problems:
        _raise_problems(problems, path)
    assert isinstance(workbook, Workbook)
    return workbook


def _dump(obj: Any) -> Any:
    specs = _SPECS.get(type(obj))
    if specs is None:
        if isinstance(obj, datetime | date):
            return obj.isoformat()
        if isinstance(obj, list):
            return [_dump(item) for item in obj]
        return obj
    return {spec.name: _dump(getattr(obj, spec.name)) for spec in specs}


def workbook_to_dict(workbook: Workbook) -> dict[str, Any]:
    """The workbook as JSON-ready data (dates as ISO dates, times as ISO times)."""
    data = _dump(workbook)
    assert isinstance(data, dict)
    return data


def validate_workbook(workbook: Workbook) -> None:
    """Raise :class:`WorkbookError` if the workbook would not load back as it is."""
    workbook_from_dict(workbook_to_dict(workbook))


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise WorkbookError(f"{path}: no workbook file here", path=str(path)) from None
    except IsADirectoryError:
        raise WorkbookError(f"{path}: is a folder, not a workbook file", path=str(path)) from None
    except OSError as error:
        raise WorkbookError(f"{path}: cannot be read ({error.strerror})", path=str(path)) from None


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkbookError(
            f"{name}: is not a text file in UTF-8 (byte {error.start} cannot be read); "
            "is it really a mentorkit workbook?",
            path=name,
        ) from None


def _parse_json(text: str, name: str, *, saved_here: bool = True) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        hint = (
            f" A backup of the last good save may be in {Path(name).name}.bak" if saved_here else ""
        )
        raise WorkbookError(
            f"{name}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).{hint}",
            path=name,
        ) from None


def _read_text(path: Path) -> str:
    return _decode(_read_bytes(path), str(path))


def _read_json(path: Path) -> Any:
    return _parse_json(_read_text(path), str(path))


# Files this process last read or wrote whole and valid, by (size, mtime): re-checking that
# such a file still parses before replacing it would only repeat work.
_LAST_SEEN: dict[str, tuple[int, int]] = {}


def _remember(file: Path) -> None:
    with contextlib.suppress(OSError):
        info = file.stat()
        key = os.path.abspath(file)  # noqa: PTH100 - no syscalls, unlike resolve()
        _LAST_SEEN[key] = (info.st_size, info.st_mtime_ns)


def _unchanged_since_last_seen(file: Path) -> bool:
    try:
        info = file.stat()
    except OSError:
        return False
    key = os.path.abspath(file)  # noqa: PTH100
    return _LAST_SEEN.get(key) == (info.st_size, info.st_mtime_ns)


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
    return workbook_from_dict(
        _parse_json(text, name, saved_here=saved_here),
        path=name,
        # Decoded UTF-8 cannot hold a lone surrogate; only a \\udXXX escape can make one.
        check_broken_text=_SURROGATE_ESCAPE.search(text) is not None,
    )


def load_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Read, migrate and validate the workbook at ``path``.

    Raises:
        WorkbookError: the file is missing, is not JSON, or does not validate; the message
            names the file and each bad field.
    """
    file = Path(path)
    workbook = workbook_from_bytes(_read_bytes(file), name=str(file), saved_here=True)
    _remember(file)
    return workbook


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems cannot fsync a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of a workbook is kept."""
    file = Path(path)
    return file.with_name(file.name + ".bak")


def _keep_backup(file: Path) -> None:
    """Make ``<name>.bak`` the current file's contents, atomically, before it is replaced."""
    backup = backup_path(file)
    staging = file.with_name(f".{file.name}.bak-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(file, staging)  # cheap: the old inode survives the rename of the new file
    except OSError:
        staging.write_bytes(file.read_bytes())
    staging.replace(backup)


def save_workbook(workbook: Workbook, path: str | os.PathLike[str]) -> Path:
    """Validate and save the workbook atomically, keeping the previous version as a backup.

    A file at ``path`` that does not parse as JSON is never overwritten: the person may have
    hand-edited it and wants it back, so this raises :class:`WorkbookError` instead.
    """
    file = Path(path)
    data = workbook_to_dict(workbook)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        payload = text.encode("utf-8")
    except UnicodeEncodeError:
        payload = b""  # a lone surrogate somewhere: the check below names where
    # Never write what would not load back.
    workbook_from_dict(data, path=str(file), check_broken_text=not payload)
    if file.exists() and not _unchanged_since_last_seen(file):
        _read_json(file)  # refuses to replace a file that does not parse
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if file.exists():
            _keep_backup(file)
        Path(temp_name).replace(file)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp_name).unlink()
        raise
    _remember(file)
    _fsync_dir(file.parent)
    return file


@contextlib.contextmanager
def workbook_lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the workbook's lock file (``<name>.lock``) for the duration of the block."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    lock_file = file.with_name(file.name + ".lock")
    deadline = time.monotonic() + timeout
    with lock_file.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise WorkbookLockedError(
                        f"{file}: another notebook or program kept the workbook busy for "
                        f"{timeout:.0f} s; try again in a moment",
                        path=str(file),
                    ) from None
                time.sleep(0.005)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def update_workbook(path: str | os.PathLike[str], change: Callable[[Workbook], object]) -> Workbook:
    """Apply ``change`` to the freshest copy of the workbook and save it, under the lock.

    Every widget saves through this: it re-reads the file inside the lock, so an entry added
    by another notebook of the same participant a moment ago is kept, not overwritten.
    ``change`` mutates the workbook it is given; if it raises, nothing is written.
    """
    with workbook_lock(path):
        workbook = load_workbook(path)
        change(workbook)
        save_workbook(workbook, path)
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
        if file.exists():
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

    ``path`` empty or ``None`` means :func:`default_workbook_path`.
    """
    file = resolve_workbook_path(path)
    if not file.exists():
        with contextlib.suppress(WorkbookError):  # another notebook created it first
            new_workbook(file, name=name)
    return file, load_workbook(file)


def copy_workbook(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> Workbook:
    """Copy a workbook (a sample, say) to ``destination`` so exploring it never edits the original.

    The copy is validated on the way; an existing destination is left alone and loaded.
    """
    target = Path(destination)
    if target.exists():
        return load_workbook(target)
    workbook = load_workbook(source)
    save_workbook(workbook, target)
    return workbook


def load_workbooks(paths: Iterable[str | os.PathLike[str]]) -> list[Workbook]:
    """Load many workbooks (a cohort); the first invalid one raises."""
    return [load_workbook(path) for path in paths]


def dataclass_field_names(cls: type) -> list[str]:
    """The field names of a model dataclass, in order (used for empty DataFrames)."""
    return [f.name for f in fields(cls)]


def load_cohort_frames(
    workbooks: Iterable[tuple[str, str | os.PathLike[str]]],
) -> dict[str, Any]:
    """Load ``(participant_id, path)`` workbooks into cohort-wide DataFrames (see frames)."""
    from mentorkit.frames import cohort_frames

    # Bulk loading allocates hundreds of thousands of small objects and keeps them all; the
    # cyclic garbage collector would re-scan them again and again for cycles they cannot
    # have (JSON data and dataclasses are trees), which more than doubled the time.
    with _cyclic_gc_paused():
        return cohort_frames([(pid, load_workbook(path)) for pid, path in workbooks])


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_sample_cohort(
    out: str | os.PathLike[str],
    workbooks: list[Workbook],
    *,
    overwrite: bool = False,
) -> Path:
    """Write a sample cohort: ``out/roster.csv`` and ``out/workbooks/<participant_id>.json``.

    Returns the roster's path.  Existing files are replaced only with ``overwrite``.
    """
    import csv
    import io

    folder = Path(out)
    roster = folder / "roster.csv"
    targets = [folder / "workbooks" / f"{wb.participant_id}.json" for wb in workbooks]
    existing = [path for path in (roster, *targets) if path.exists()]
    if existing and not overwrite:
        shown = ", ".join(str(path) for path in existing[:3])
        more = f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        raise WorkbookError(
            f"{shown}{more} already exist(s); choose an empty folder or pass --force",
            path=str(existing[0]),
        )
    (folder / "workbooks").mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["participant_id", "name", "email", "workbook"])
    for workbook in workbooks:
        relative = f"workbooks/{workbook.participant_id}.json"
        target = folder / relative
        if target.exists():
            target.unlink()
        save_workbook(workbook, target)
        first_name = workbook.profile.name.split()[0].lower() if workbook.profile.name else "p"
        email = f"{first_name}.{workbook.participant_id}@example.org"
        writer.writerow([workbook.participant_id, workbook.profile.name, email, relative])
    roster.write_text(buffer.getvalue(), encoding="utf-8")
    return roster
