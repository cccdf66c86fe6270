"""``mentorkit ask``: compose a short-term ask, save it as a draft, print the message."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from mentorkit import actions, exports
from mentorkit import ask as asking
from mentorkit.cli.text import iso_date, printable
from mentorkit.errors import InputError


def register(subparsers: Any) -> None:
    """Add ``ask``."""
    parser = subparsers.add_parser(
        "ask",
        help="compose a specific, time-limited mentoring ask and save it as a draft",
        description=(
            "Compose an ask of CONTACT about GOAL (a few conversations of a set length over a "
            "few weeks), save it to the workbook as a draft, and print the message."
        ),
    )
    parser.add_argument("workbook", help="the participant's workbook file")
    parser.add_argument("--goal", required=True, metavar="ID", help="the goal's id")
    parser.add_argument("--contact", required=True, metavar="ID", help="the contact's id")
    parser.add_argument("--sessions", type=int, default=4, help="conversations (default 4)")
    parser.add_argument("--minutes", type=int, default=30, help="minutes each (default 30)")
    parser.add_argument("--weeks", type=int, default=8, help="over how many weeks (default 8)")
    parser.add_argument(
        "--start", type=iso_date, help="first day, e.g. 2026-11-30 (default: next Monday)"
    )
    parser.add_argument(
        "--schedule-by", choices=("mentee", "mentor"), default="mentee", help="who arranges them"
    )
    parser.add_argument("--feedback", default="", help="the feedback you most hope for")
    parser.add_argument(
        "--resources", action="store_true", help="invite resources that worked for them"
    )
    parser.add_argument("--ics", type=Path, metavar="FILE", help="also write a calendar file")
    parser.add_argument(
        "--tz",
        type=_zone,
        default="UTC",
        help="time zone of the calendar times, e.g. Europe/London",
    )
    parser.add_argument(
        "--today", type=iso_date, help="the date to count from (default: the real today)"
    )
    parser.set_defaults(func=_ask)


def _zone(name: str) -> str:
    """An argparse ``type``: a time zone's name, or a usage error that says so."""
    try:
        exports.resolve_zone(name)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return name


def _ask(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    start = args.start or asking.suggested_start(today)
    ask, findings = actions.compose_ask_draft(
        args.workbook,
        args.goal,
        args.contact,
        today=today,
        calendar=None if args.ics is None else actions.CalendarFile(args.ics, args.tz),
        sessions=args.sessions,
        minutes=args.minutes,
        weeks=args.weeks,
        start=start,
        schedule_by=args.schedule_by,
        feedback_wanted=args.feedback,
        resources_welcome=args.resources,
    ).value
    for finding in findings:
        print(f"{finding.level} [{finding.code}]: {printable(finding.message)}", file=sys.stderr)
    print(printable(exports.plain_text(ask), keep_newlines=True), end="")
    print(
        printable(f"\nSaved as draft {ask.mentorship_id} in {args.workbook}.", keep_newlines=True),
        file=sys.stderr,
    )
    if args.ics is not None:
        print(
            printable(f"Calendar file with {len(ask.plan)} proposed events: {args.ics}"),
            file=sys.stderr,
        )
    return 0
