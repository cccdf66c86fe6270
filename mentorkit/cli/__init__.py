"""The ``mentorkit`` command: it parses arguments, calls the library, and maps outcomes to
exit codes (0 ok, 1 some work failed, 2 bad input or usage) and plain messages.

Each step of the method registers its own subcommands from a module in this package (a
``register(subparsers)`` function), so the command grows with the library without this
file knowing the details.  Tests call :func:`main` with an argument list.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Final

from mentorkit.errors import MentorkitError

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_BAD_INPUT: Final = 2

#: Modules of :mod:`mentorkit.cli` that add subcommands, in the order of the help text.
COMMAND_MODULES: Final = ("workbook", "goals", "progress", "network", "ask", "cohort")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="mentorkit",
        description="A coaching workbook for short-term mentoring.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"mentorkit.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse already printed the usage message
        return EXIT_OK if stop.code in (0, None) else EXIT_BAD_INPUT
    try:
        code: int = args.func(args)
    except MentorkitError as error:
        print(f"mentorkit: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # a path the person gave cannot be read or written
        where = f"{error.filename}: " if error.filename else ""
        print(f"mentorkit: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("mentorkit: interrupted", file=sys.stderr)
        return EXIT_FAILED
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
