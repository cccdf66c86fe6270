"""Text a person typed, made safe to print on a terminal."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any, Final

# C0 controls except tab and newline, DEL, and C1 controls: the bytes that start escape
# sequences (colours, cursor moves, window titles) a terminal would act on.
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every terminal control character shown as ``\\xNN`` instead of run.

    Args:
        text: What a participant typed or imported (a name from a LinkedIn export, say).
        keep_newlines: Keep line breaks (a drafted message); otherwise all whitespace runs
            become one space so a value stays on its line.
    """
    if not keep_newlines:
        text = " ".join(text.split())
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def iso_date(text: str) -> date:
    """An argparse ``type``: a date like 2026-03-31, or a usage error that says so."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def report_command(
    subparsers: Any,
    name: str,
    help: str,
    *,
    json_help: str,
    workbook_help: str = "the workbook file, e.g. my-workbook.json",
) -> argparse.ArgumentParser:
    """A subcommand that reads one workbook and reports on it, as text or (``--json``) JSON."""
    command: argparse.ArgumentParser = subparsers.add_parser(name, help=help)
    command.add_argument("workbook", help=workbook_help)
    command.add_argument("--json", action="store_true", help=json_help)
    return command
