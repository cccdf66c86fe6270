"""Text a person typed, made safe to print on a terminal."""

from __future__ import annotations

import argparse
import functools
import json
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from mentorkit.model import EARLIEST_DATE, LATEST_DATE

if TYPE_CHECKING:
    from mentorkit.model import Workbook


@functools.cache
def _control() -> re.Pattern[str]:
    """C0 controls except tab and newline, DEL, and C1 controls: the bytes that start escape
    sequences (colours, cursor moves, window titles) a terminal would act on.  Lone
    surrogates (from a \\udXXX escape in a JSON file) cannot be printed at all; bidirectional
    overrides would make a line read differently from what it holds.

    Compiled on first use, not at import: most text printed is plain (see :func:`printable`).
    """
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


#: The dates a command accepts: those a workbook may hold.
EARLIEST: Final = EARLIEST_DATE
LATEST: Final = LATEST_DATE


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every terminal control character shown as ``\\xNN`` instead of run.

    Args:
        text: What a participant typed or imported (a name from a LinkedIn export, say).
        keep_newlines: Keep line breaks (a drafted message); otherwise all whitespace runs
            become one space so a value stays on its line.
    """
    if not keep_newlines:
        text = " ".join(text.split())
    if text.isprintable():  # no control, format (bidi) or surrogate character at all
        return text
    return _control().sub(_shown_code, text)


def _shown_code(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def iso_date(text: str) -> date:
    """An argparse ``type``: a date like 2026-03-31, or a usage error that says so."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(
            f"{text!r} is too far in the past or future; use a date between "
            f"{EARLIEST.isoformat()} and {LATEST.isoformat()}"
        )
    return day


def json_text(data: object, *, indent: int = 2) -> str:
    """``data`` as JSON for the terminal: readable letters, every control character escaped.

    ``ensure_ascii=False`` keeps names readable but would let C1 controls, bidirectional
    overrides and lone surrogates through raw; they are written as ``\\uXXXX`` (still JSON).
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _control().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def options(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The parsed options called ``names``, as keyword arguments of the same names."""
    return {name: getattr(args, name) for name in names}


#: What a report command makes of a workbook: JSON-ready data, and text safe to print.
Report = Callable[["Workbook", argparse.Namespace], tuple[object, str]]


def report_command(
    subparsers: Any,
    name: str,
    help: str,
    *,
    json_help: str,
    report: Report,
    today_help: str | None = None,
    workbook_help: str = "the workbook file, e.g. my-workbook.json",
    json_indent: int = 2,
) -> argparse.ArgumentParser:
    """A subcommand that reads one workbook and reports on it, as text or (``--json``) JSON.

    ``report`` is called with the loaded workbook and the parsed arguments; the command
    prints what it returns.  ``today_help`` adds a ``--today`` date (``args.today``, or
    ``None`` for the real today).
    """
    command: argparse.ArgumentParser = subparsers.add_parser(name, help=help)
    command.add_argument("workbook", help=workbook_help)
    command.add_argument("--json", action="store_true", help=json_help)
    if today_help is not None:
        command.add_argument("--today", type=iso_date, default=None, help=today_help)
    command.set_defaults(func=functools.partial(_run_report, report, json_indent))
    return command


def _run_report(report: Report, indent: int, args: argparse.Namespace) -> int:
    from mentorkit import store  # here, not at import: a validate never needs it

    data, text = report(store.load_workbook(args.workbook), args)
    print(json_text(data, indent=indent) if args.json else text)
    return 0
