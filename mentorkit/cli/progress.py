"""``mentorkit progress WORKBOOK``: conversations against the plan, goal attainment, warnings."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from mentorkit import store
from mentorkit.cli.text import iso_date, json_text, printable, report_command
from mentorkit.progress import PLAN_STATE_WORDS as _STATE_WORDS
from mentorkit.progress import progress_summary


def register(subparsers: Any) -> None:
    """Add ``progress``."""
    command = report_command(
        subparsers,
        "progress",
        "show conversations held against the plan, goal attainment and warnings",
        json_help="print the metrics as JSON",
    )
    command.add_argument(
        "--today", type=iso_date, default=None, help="measure as of this date (default: today)"
    )
    command.set_defaults(func=_progress)


def _text_report(summary: dict[str, Any]) -> str:
    who = summary["participant_id"] or "this workbook"
    lines = [f"Progress of {who} on {summary['today']}"]
    tscore = summary["gas_tscore"]
    if tscore is None:
        lines.append("Goal attainment: no rated conversation yet.")
    else:
        lines.append(
            f"Goal attainment T-score: {tscore:.1f} over {summary['goals_rated']} goal(s) "
            "(50 = as expected)."
        )
    lines.append(
        f"Conversations: {summary['checkins_held']} held, "
        f"{summary['checkins_cancelled']} cancelled."
    )
    if not summary["mentorships"]:
        lines.append("No mentorship has started yet.")
    for plan in summary["mentorships"]:
        # "1 held of 0 due" reads as a contradiction when a kick-off came before the start.
        due = plan["planned_to_date"]
        due_words = f"{due} due so far" if due else "none due yet"
        upcoming = plan["next_planned"]
        late = " (overdue)" if upcoming and upcoming < summary["today"] else ""
        ahead = f", next planned {upcoming}{late}" if upcoming else ""
        lines.append(
            f"  {plan['mentorship_id']} ({plan['goal_id']}): {_STATE_WORDS[plan['state']]}; "
            f"{plan['held']} held of {plan['planned_total']} planned ({due_words}), "
            f"{plan['cancelled']} cancelled{ahead}."
        )
    if summary["warnings"]:
        lines.append("Warnings:")
        lines.extend(f"  [{w['code']}] {w['reason']}" for w in summary["warnings"])
    else:
        lines.append("No warnings.")
    return "\n".join(lines)


def _progress(args: argparse.Namespace) -> int:
    workbook = store.load_workbook(args.workbook)
    summary = progress_summary(workbook, args.today or date.today())
    if args.json:
        print(json_text(summary, indent=2))
    else:
        print(printable(_text_report(summary), keep_newlines=True))
    return 0
