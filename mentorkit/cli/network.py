"""Network subcommands: ``network`` (candidates and gaps) and ``contacts import``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mentorkit import actions
from mentorkit.cli.text import printable, report_command
from mentorkit.errors import ImportFileError
from mentorkit.model import GOAL_TYPE_LABELS, Workbook
from mentorkit.network import NETWORK_TYPE_DESCRIPTIONS, NetworkAnalysis, analyse_network
from mentorkit.store.files import read_given_file


def register(subparsers: Any) -> None:
    """Add ``network`` and ``contacts import``."""
    network = report_command(
        subparsers,
        "network",
        "who could help with each goal, and where the network has gaps",
        json_help="print the analysis as JSON",
        workbook_help="the participant's workbook file",
        report=_network,
        json_indent=1,  # a large network's JSON stays compact
    )
    network.add_argument(
        "--limit", type=int, default=5, metavar="N", help="candidates shown per goal (default 5)"
    )

    contacts = subparsers.add_parser("contacts", help="manage the contacts of a workbook")
    actions = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)
    do_import = actions.add_parser(
        "import",
        help="add people from a CSV file (LinkedIn's Connections.csv or a plain list)",
    )
    do_import.add_argument("workbook", help="the participant's workbook file")
    do_import.add_argument("file", help="the CSV file to import")
    do_import.set_defaults(func=_import)


def analysis_to_dict(workbook: Workbook, analysis: NetworkAnalysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready values (the ``--json`` output)."""
    shape = asdict(analysis.shape)
    shape["sphere_counts"] = dict(analysis.shape.sphere_counts)
    goals = []
    for goal in workbook.active_goals():
        goals.append(
            {
                "goal_id": goal.id,
                "statement": goal.statement,
                "type": goal.type,
                "candidates": [asdict(c) for c in analysis.candidates.get(goal.id, [])],
            }
        )
    return {
        "participant_id": workbook.participant_id,
        "goals": goals,
        "gaps": [asdict(gap) for gap in analysis.gaps],
        "shape": shape,
    }


def _text(workbook: Workbook, analysis: NetworkAnalysis) -> str:
    shape = analysis.shape
    lines = [
        f"Network: {shape.size} people, {shape.strong_share:.0%} strong ties, "
        f"{shape.range} of 6 spheres - {shape.type}: {NETWORK_TYPE_DESCRIPTIONS[shape.type]}"
    ]
    goals = workbook.active_goals()
    if not goals:
        lines.append("\nNo active goals yet: write a goal first to see who could help with it.")
    for goal in goals:
        kind = GOAL_TYPE_LABELS.get(goal.type or "", "type not set")
        lines.append(f"\nGoal: {printable(goal.statement)} ({kind})")
        candidates = analysis.candidates.get(goal.id, [])
        if not candidates:
            lines.append("  nobody yet - see the gaps below")
        for rank, candidate in enumerate(candidates, 1):
            lines.append(f"  {rank}. {printable(candidate.name)} - {printable(candidate.reason)}")
    if analysis.gaps:
        lines.append("\nGaps and what to do about them:")
        for gap in analysis.gaps:
            lines.append(f"- {printable(gap.message)}\n  Next step: {printable(gap.suggestion)}")
    else:
        lines.append("\nNo gaps found.")
    return "\n".join(lines)


def _network(workbook: Workbook, args: argparse.Namespace) -> tuple[object, str]:
    analysis = analyse_network(workbook, limit=max(1, args.limit))
    return analysis_to_dict(workbook, analysis), _text(workbook, analysis)


def _import(args: argparse.Namespace) -> int:
    file = Path(args.file)
    data = read_given_file(file, ImportFileError, "CSV file")
    result = actions.import_contacts(args.workbook, data, file.name).value
    layout = "LinkedIn export" if result.format == "linkedin" else "contact list"
    print(
        f"Imported {len(result.added)} new contact(s) from {printable(file.name)} ({layout}); "
        f"{len(result.skipped)} already in the workbook were left as they were."
    )
    for row in result.left_out:
        print(f"  left out {printable(row)}")
    return 0
