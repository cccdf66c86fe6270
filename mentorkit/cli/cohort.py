"""Cohort subcommands for a facilitator: ``cohort run``, ``cohort prepare``, ``cohort summarize``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from mentorkit.cli.text import options, printable
from mentorkit.cohort import runner, summary
from mentorkit.errors import InputError


def _columns(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def register(subparsers: Any) -> None:
    """Add ``cohort`` with ``run``, ``prepare`` and ``summarize``."""
    cohort = subparsers.add_parser("cohort", help="run and summarize a whole cohort (facilitators)")
    actions = cohort.add_subparsers(dest="cohort_command", metavar="ACTION", required=True)

    run = actions.add_parser("run", help="execute every participant's report notebook")
    run.add_argument("roster", help="the roster CSV (participant_id,name[,email][,workbook])")
    run.add_argument("--out", required=True, help="output folder; nothing is written outside it")
    run.add_argument(
        "--notebook",
        default=None,
        metavar="NB",
        help="report notebook (default: participant_report.ipynb shipped with mentorkit)",
    )
    run.add_argument(
        "--workers", type=int, default=None, help="parallel runs (default: one per core)"
    )
    run.add_argument("--force", action="store_true", help="run again participants already done")
    run.add_argument("--timeout", type=float, default=None, metavar="S", help="seconds per cell")
    run.add_argument(
        "--param-columns",
        type=_columns,
        default=[],
        metavar="A,B",
        help="roster columns to pass as notebook parameters",
    )
    run.add_argument("--today", default="", help="date reports are written for (default: today)")
    run.add_argument(
        "--engine",
        choices=runner.ENGINES,
        default=None,
        help="warm: each report in a fresh process forked from a parent that has imported the "
        "libraries (default where the platform can fork); kernel: a Jupyter kernel per report "
        "(for notebooks that need a real kernel)",
    )
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.set_defaults(func=_run)

    prepare = actions.add_parser(
        "prepare", help="write each participant's own copy of the workbook notebooks"
    )
    prepare.add_argument("roster")
    prepare.add_argument("--out", required=True)
    prepare.add_argument("--force", action="store_true", help="replace copies that already exist")
    prepare.add_argument(
        "--notebook",
        action="append",
        default=None,
        metavar="NB",
        help="a workbook notebook to copy; repeat for each (default: 01-04 shipped with mentorkit)",
    )
    prepare.set_defaults(func=_prepare)

    summarize = actions.add_parser("summarize", help="cohort tables from a run's output folder")
    summarize.add_argument("out", help="the --out folder of `cohort run` or `cohort collect`")
    summarize.add_argument(
        "--csv", default=None, metavar="FILE", help="also write the per-participant table as CSV"
    )
    summarize.add_argument(
        "--json", action="store_true", help="print the cohort tables and programme feedback as JSON"
    )
    summarize.add_argument(
        "--min-answers",
        type=int,
        default=3,
        metavar="N",
        help="programme feedback is shown once N people answered (default and least: 3)",
    )
    summarize.set_defaults(func=_summarize)

    from mentorkit.cli.share import register_collect

    register_collect(actions)


def _show(frame: pd.DataFrame) -> str:
    """A table for the terminal; every text cell (names, errors) made safe to print."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(lambda v: printable(v) if isinstance(v, str) else v)
    safe.columns = [printable(str(c)) for c in safe.columns]
    with pd.option_context("display.width", 120, "display.max_colwidth", 60):
        return safe.to_string(index=False)


def _run(args: argparse.Namespace) -> int:
    given = options(args, "notebook", "workers", "force", "timeout", "param_columns", "today")
    results = runner.run(
        args.roster, args.out, progress=not args.quiet, engine=args.engine, **given
    )
    counts = results["status"].value_counts()
    print(
        _show(
            results[["participant_id", "status", "seconds", "error", "cell"]]
            .astype(object)
            .fillna("")
        )
    )
    print(
        f"{counts.get('done', 0)} done, {counts.get('skipped', 0)} skipped, "
        f"{counts.get('failed', 0)} failed; reports in {printable(str(Path(args.out)))}"
    )
    done = results[results["status"] == "done"]
    if not done.empty:
        print(runner.time_spent(done))
    return 1 if counts.get("failed", 0) else 0


def _prepare(args: argparse.Namespace) -> int:
    rows = runner.prepare(args.roster, args.out, notebooks=args.notebook, force=args.force)
    written = int((rows["status"] == "written").sum())
    print(
        f"{written} notebook(s) written, {len(rows) - written} kept, for "
        f"{rows['participant_id'].nunique()} participant(s) in {printable(str(Path(args.out)))}"
    )
    return 0


def _summarize(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    if not folder.is_dir():
        raise InputError(
            f"{folder}: no such folder; give the --out folder of `mentorkit cohort run` or `cohort collect`"
        )
    cohort = summary.summarize(folder)
    if args.json:
        from mentorkit.cohort.programme import cohort_json

        print(cohort_json(cohort, min_answers=args.min_answers))
        return 0 if cohort.summaries else 1
    if not cohort.summaries:
        print(printable(f"No finished reports in {folder}."), file=sys.stderr)
        return 1
    print(_show(cohort.participants))
    print(
        "\nStalled:\n"
        + (
            _show(cohort.stalled[["participant_id", "codes"]])
            if not cohort.stalled.empty
            else "nobody"
        )
    )
    print(
        "\nAreas nobody's network covers:\n"
        + (_show(cohort.uncovered) if not cohort.uncovered.empty else "none")
    )
    print("\nPeer matches:\n" + (_show(cohort.matches) if not cohort.matches.empty else "none"))
    if args.csv:
        target = Path(args.csv)
        try:
            target.write_text(cohort.to_csv(), encoding="utf-8")
        except OSError as error:
            raise InputError(f"--csv {target}: cannot be written ({error.strerror})") from None
        print(printable(f"\nWrote {target}.", keep_newlines=True))
    return 0
