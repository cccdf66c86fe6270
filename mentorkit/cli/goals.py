"""The ``goals`` subcommand: review every goal in a workbook and print what was found."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from mentorkit import store
from mentorkit.cli.text import iso_date, json_text, printable, report_command
from mentorkit.goals import Finding, GoalReview, WorkbookGoalsReview, review_workbook_goals
from mentorkit.model import GOAL_TYPE_LABELS, Goal


def register(subparsers: Any) -> None:
    """Add ``goals``."""
    goals = report_command(
        subparsers,
        "goals",
        "review each goal in a workbook and say what could make it hard to reach",
        json_help="print the review as JSON",
    )
    goals.add_argument(
        "--today",
        type=iso_date,
        default=None,
        help="the date to measure horizons from (default: today)",
    )
    goals.set_defaults(func=_goals)


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "fix": finding.fix,
        "evidence": list(finding.evidence),
    }


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


def _print_text(goals: list[Goal], review: WorkbookGoalsReview) -> None:
    if not goals:
        print("No goals in this workbook yet.")
    for number, (goal, goal_review) in enumerate(zip(goals, review.reviews, strict=True), 1):
        kind = GOAL_TYPE_LABELS[goal.type] if goal.type else "no type"
        target = goal.target_date.isoformat() if goal.target_date else "no target date"
        print(f"{number}. {printable(goal.statement) or '(no statement)'}")
        print(f"   [{goal.status}] {kind}, target {target}, confidence {goal.confidence}/7")
        if not goal_review.findings:
            print("   Ready: nothing found.")
        for finding in sorted(goal_review.findings, key=lambda f: f.severity != "problem"):
            print(f"   - {finding.severity} {finding.code}: {printable(finding.message)}")
            print(f"     fix: {printable(finding.fix)}")
        print()
    for finding in review.findings:
        print(f"Workbook {finding.severity} {finding.code}: {printable(finding.message)}")
        print(f"  fix: {printable(finding.fix)}")
    problems = review.problem_count
    print(f"{len(goals)} goal(s) reviewed, {problems} problem(s).")


def _goals(args: argparse.Namespace) -> int:
    workbook = store.load_workbook(args.workbook)
    today = args.today or date.today()
    review = review_workbook_goals(workbook, today)
    if args.json:
        data = review_as_json(workbook.goals, review, workbook=str(args.workbook), today=today)
        print(json_text(data, indent=2))
    else:
        _print_text(workbook.goals, review)
    return 0
