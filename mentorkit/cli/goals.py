"""The ``goals`` subcommand: review every goal in a workbook and print what was found."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from mentorkit.cli.text import printable, report_command
from mentorkit.model import GOAL_TYPE_LABELS, Goal, Workbook

if TYPE_CHECKING:  # the review's word lists load when a review runs, not for `--help`
    from mentorkit.goals import Finding, GoalReview, WorkbookGoalsReview


def register(subparsers: Any) -> None:
    """Add ``goals``."""
    report_command(
        subparsers,
        "goals",
        "review each goal in a workbook and say what could make it hard to reach",
        json_help="print the review as JSON",
        today_help="the date to measure horizons from (default: today)",
        report=_goals,
    )


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return asdict(
        finding
    )  # code, severity, message, fix, evidence: JSON prints the tuple as a list


def _goal_dict(goal: Goal, review: GoalReview) -> dict[str, Any]:
    suggestion = review.type_suggestion
    return {
        "id": goal.id,
        "statement": goal.statement,
        "status": goal.status,
        "type": goal.type,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
        "confidence": goal.confidence,
        "suggested_type": suggestion.type,
        "suggested_type_words": list(suggestion.words),
        "ready": review.ready,
        "findings": [_finding_dict(f) for f in review.findings],
    }


def review_as_json(
    goals: list[Goal], review: WorkbookGoalsReview, *, workbook: str, today: date
) -> dict[str, Any]:
    """The review as plain JSON-ready values (what ``--json`` prints)."""
    return {
        "workbook": workbook,
        "today": today.isoformat(),
        "goals": [_goal_dict(g, r) for g, r in zip(goals, review.reviews, strict=True)],
        "findings": [_finding_dict(f) for f in review.findings],
    }


def _text(goals: list[Goal], review: WorkbookGoalsReview) -> str:
    lines = [] if goals else ["No goals in this workbook yet."]
    for number, (goal, goal_review) in enumerate(zip(goals, review.reviews, strict=True), 1):
        kind = GOAL_TYPE_LABELS[goal.type] if goal.type else "no type"
        target = goal.target_date.isoformat() if goal.target_date else "no target date"
        lines.append(f"{number}. {printable(goal.statement) or '(no statement)'}")
        lines.append(f"   [{goal.status}] {kind}, target {target}, confidence {goal.confidence}/7")
        if not goal_review.findings:
            lines.append("   Ready: nothing found.")
        for finding in sorted(goal_review.findings, key=lambda f: f.severity != "problem"):
            lines.append(f"   - {finding.severity} {finding.code}: {printable(finding.message)}")
            lines.append(f"     fix: {printable(finding.fix)}")
        lines.append("")
    for finding in review.findings:
        lines.append(f"Workbook {finding.severity} {finding.code}: {printable(finding.message)}")
        lines.append(f"  fix: {printable(finding.fix)}")
    lines.append(f"{len(goals)} goal(s) reviewed, {review.problem_count} problem(s).")
    return "\n".join(lines)


def _goals(workbook: Workbook, args: argparse.Namespace) -> tuple[object, str]:
    today = args.today or date.today()
    from mentorkit.goals import review_workbook_goals

    review = review_workbook_goals(workbook, today)
    data = review_as_json(workbook.goals, review, workbook=str(args.workbook), today=today)
    return data, _text(workbook.goals, review)
