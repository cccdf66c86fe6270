"""Feedback and sharing: ``mentorkit feedback``, ``mentorkit share`` and ``cohort collect``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentorkit.cli.text import iso_date, options, printable


def _yes_no(text: str) -> bool:
    word = text.strip().casefold()
    if word in ("yes", "y"):
        return True
    if word in ("no", "n"):
        return False
    raise argparse.ArgumentTypeError(f"{text!r}: answer yes or no")


def _usefulness(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number from 1 to 5") from None
    if not 1 <= value <= 5:
        raise argparse.ArgumentTypeError(f"{value}: a whole number from 1 to 5")
    return value


def register(subparsers: Any) -> None:
    """Add ``feedback`` and ``share``."""
    feedback = subparsers.add_parser(
        "feedback", help="say how a mentorship went (for the programme)"
    )
    feedback.add_argument("workbook")
    feedback.add_argument("--mentorship", required=True, metavar="ID")
    feedback.add_argument(
        "--usefulness", required=True, type=_usefulness, metavar="1-5", help="how useful it was"
    )
    feedback.add_argument(
        "--recommend",
        required=True,
        type=_yes_no,
        metavar="yes|no",
        help="would you recommend a short mentorship to a colleague?",
    )
    feedback.add_argument("--helped", default="", metavar="TEXT", help="what helped")
    feedback.add_argument("--change", default="", metavar="TEXT", help="what to change")
    feedback.add_argument("--comment", default="", metavar="TEXT", help="anything else")
    feedback.add_argument(
        "--share-comment",
        action="store_true",
        help="your words may go to the facilitator (without your name); ratings always do",
    )
    feedback.set_defaults(func=_feedback)

    share = subparsers.add_parser(
        "share", help="write the file you give your facilitator (you choose how much)"
    )
    share.add_argument("workbook")
    share.add_argument("--level", required=True, choices=["summary", "goals", "full"])
    share.add_argument("-o", "--out", required=True, metavar="FILE", help="the share file")
    share.add_argument(
        "--participant-id", default="", metavar="ID", help="your id on the facilitator's roster"
    )
    share.add_argument(
        "--today", type=iso_date, default=None, help="the share's date (default: today)"
    )
    share.add_argument("--force", action="store_true", help="replace FILE if it exists")
    share.set_defaults(func=_share)


def register_collect(actions: Any) -> None:
    """Add ``cohort collect`` to the ``cohort`` subcommands."""
    collect = actions.add_parser(
        "collect", help="check participants' shares against the roster and lay them out"
    )
    collect.add_argument("shares", metavar="FOLDER_OF_SHARES")
    collect.add_argument("--roster", required=True)
    collect.add_argument("--out", required=True, metavar="DIR")
    collect.add_argument(
        "--level",
        default="summary",
        choices=["summary", "goals", "full"],
        help="the least level a share must have (default: summary)",
    )
    collect.set_defaults(func=_collect)


def _feedback(args: argparse.Namespace) -> int:
    from mentorkit import actions

    given = options(args, "usefulness", "recommend", "helped", "comment", "share_comment")
    done = actions.give_feedback(args.workbook, args.mentorship, to_change=args.change, **given)
    words = any((args.helped, args.change, args.comment))
    shared = (
        "your words go with it (without your name)"
        if words and args.share_comment
        else "your words stay in your workbook"
        if words
        else "no words given"
    )
    print(
        f"Feedback saved for {printable(args.mentorship)}: usefulness {done.value.usefulness}/5, "
        f"{'would' if done.value.recommend else 'would not'} recommend; {shared}."
    )
    return 0


def _share(args: argparse.Namespace) -> int:
    from mentorkit import actions

    share = actions.write_share(
        args.workbook,
        args.out,
        args.level,
        today=args.today,
        participant_id=args.participant_id,
        force=args.force,
    )
    print(
        f"Wrote {printable(str(args.out))}: a {share.level} share of "
        f"{printable(share.participant_id)}, {share.created}."
    )
    return 0


def _collect(args: argparse.Namespace) -> int:
    from mentorkit.cohort.collect import collect

    result = collect(args.shares, args.roster, args.out, level=args.level)
    collected, missing, refused = (
        result.of("collected"),
        result.of("missing"),
        result.of("refused"),
    )
    for row in collected:
        print(f"collected  {row.participant_id}: {row.level} share {printable(str(row.file))}")
    for row in missing:
        print(f"missing    {row.participant_id}: {printable(row.reason)}", file=sys.stderr)
    missing_ids = {m.participant_id for m in missing}
    for row in refused:
        if row.participant_id in missing_ids:
            continue  # already said under missing
        print(f"refused    {printable(row.reason)}", file=sys.stderr)
    print(
        f"{len(collected)} collected, {len(missing)} missing, {len(refused)} file(s) refused; "
        f"summaries in {printable(str(result.out))} "
        f"(mentorkit cohort summarize {printable(str(result.out))})"
    )
    if result.roster_for_reports is not None:
        print(
            f"Full shares: personal reports with `mentorkit cohort run "
            f"{result.roster_for_reports} --out REPORTS`."
        )
    else:
        print(
            "No full shares: `cohort run` (the personal reports) needs full shares or the "
            "workbooks; the dashboard and `cohort summarize` work from these."
        )
    return 1 if missing or refused else 0
