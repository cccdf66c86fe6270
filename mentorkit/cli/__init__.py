"""The ``mentorkit`` command: it parses arguments, calls the library, and maps outcomes to
exit codes (0 ok, 1 some work failed, 2 bad input or usage) and plain messages.

Each step of the method registers its own subcommands from a module in this package (a
``register(subparsers)`` function), so the command grows with the library without this
file knowing the details.  Only the module of the command being run is imported (a
``validate`` never loads pandas); help and unknown commands build the full parser.
Tests call :func:`main` with an argument list.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from mentorkit.cli.text import EARLIEST, LATEST, printable
from mentorkit.errors import MentorkitError

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_BAD_INPUT: Final = 2

#: The subcommands each module of :mod:`mentorkit.cli` registers, in the order of the help
#: text (a test in tests/unit keeps this in step with what the modules register).
COMMANDS: Final = {
    "workbook": ("new", "validate", "notebooks"),
    "sample": ("sample",),
    "goals": ("goals",),
    "progress": ("progress",),
    "network": ("network", "contacts"),
    "ask": ("ask",),
    "share": ("feedback", "share"),
    "cohort": ("cohort",),
}
#: Modules that add subcommands, in the order of the help text.
COMMAND_MODULES: Final = tuple(COMMANDS)
#: Which module registers each subcommand.
COMMAND_MODULE: Final = {name: module for module, names in COMMANDS.items() for name in names}


def _terminal_width() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` finds it: ``$COLUMNS``, else
    the terminal standard output is, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    try:
        columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, sized to the terminal without importing :mod:`shutil`.

    argparse makes a formatter for every argument added and asks shutil for the width;
    importing shutil (and the compression modules it loads) is ~2 ms of every command's start.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _terminal_width() - 2 if width is None else width  # as argparse sizes it
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """The command's parser (and, through ``add_subparsers``, each subcommand's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The argument parser with the subcommands of ``modules`` (default: all) registered."""
    parser = _Parser(
        prog="mentorkit",
        description="A coaching workbook for short-term mentoring.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in modules:
        module = importlib.import_module(f"mentorkit.cli.{name}")
        module.register(subparsers)
    return parser


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """Only the module of the command asked for; the full parser for help or a typo."""
    command = next((word for word in argv if not word.startswith("-")), None)
    if argv and command == argv[0] and command in COMMAND_MODULE:
        return build_parser((COMMAND_MODULE[command],))
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = _parser_for(words)
    argv = words
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse already printed the usage message
        return EXIT_OK if stop.code in (0, None) else EXIT_BAD_INPUT
    try:
        code: int = args.func(args)
    except MentorkitError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except OSError as error:  # a path the person gave cannot be read or written
        where = f"{error.filename}: " if error.filename else ""
        _say(f"{where}{error.strerror or error}")
        return EXIT_BAD_INPUT
    except OverflowError:  # date arithmetic past year 9999 (a date typed or in a file)
        _say(
            "a date is too far in the past or the future to count with; use dates "
            f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}"
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_FAILED
    except Exception as error:  # a bug: a short line and a log, never a bare traceback
        log = _write_crash_log(argv)
        where = f"; the details are in {log}" if log else ""
        _say(
            f"this is a bug in mentorkit, please report it ({type(error).__name__}: "
            f"{_short(str(error))}){where}"
        )
        return EXIT_FAILED
    return code


def _say(message: str) -> None:
    """Print a message for the person at the terminal, control characters made harmless."""
    print(f"mentorkit: {printable(message, keep_newlines=True)}", file=sys.stderr)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _write_crash_log(argv: Sequence[str] | None) -> Path | None:
    """Write the current exception's traceback to a new log file; its path, or ``None``."""
    import tempfile
    import traceback

    try:
        folder = Path(tempfile.gettempdir()) / "mentorkit-logs"
        folder.mkdir(mode=0o700, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="crash-", suffix=".log", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"mentorkit {' '.join(sys.argv[1:] if argv is None else argv)}\n\n")
            log.write(traceback.format_exc())
    except OSError:
        return None
    return Path(name)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
