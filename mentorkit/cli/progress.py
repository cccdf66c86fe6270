"""``mentorkit progress WORKBOOK``: conversations against the plan, goal attainment, warnings."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from mentorkit.cli.text import printable, report_command
from mentorkit.model import Workbook
from mentorkit.progress import PLAN_STATE_WORDS as _STATE_WORDS
from mentorkit.progress import progress_summary


def register(subparsers: Any) -> None:
    """Add ``progress``."""
    report_command(
        subparsers,
        "progress",
        "show conversations held against the plan, goal attainment and warnings",
        json_help="print the metrics as JSON",
        today_help="measure as of this date (default: today)",
        report=_progress,
    )


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


def _progress(workbook: Workbook, args: argparse.Namespace) -> tuple[object, str]:
    summary = progress_summary(workbook, args.today or date.today())
    return summary, printable(_text_report(summary), keep_newlines=True)
