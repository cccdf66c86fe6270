"""``mentorkit sample``: a fictional sample cohort (its own module, so other commands never
import the sample generator)."""

from __future__ import annotations

import argparse
from typing import Any

from mentorkit import sample
from mentorkit.cli.text import iso_date
from mentorkit.errors import InputError


def register(subparsers: Any) -> None:
    """Add ``sample``."""
    make = subparsers.add_parser("sample", help="write a fictional sample cohort")
    make.add_argument("out", help="folder for roster.csv and workbooks/")
    make.add_argument("--participants", type=int, default=8, metavar="N")
    make.add_argument("--seed", type=int, default=sample.SAMPLE_SEED)
    make.add_argument(
        "--today",
        type=iso_date,
        default=sample.SAMPLE_TODAY,
        help=f"date the sample is anchored to (default {sample.SAMPLE_TODAY})",
    )
    make.add_argument("--force", action="store_true", help="replace an existing sample")
    make.set_defaults(func=_sample)


def _sample(args: argparse.Namespace) -> int:
    if not 1 <= args.participants <= 100_000:
        raise InputError(f"--participants {args.participants}: choose between 1 and 100000")
    workbooks = sample.make_cohort(args.participants, seed=args.seed, today=args.today)
    from mentorkit.cohort.layout import write_sample_cohort

    roster = write_sample_cohort(args.out, workbooks, overwrite=args.force)
    print(f"Wrote {len(workbooks)} sample workbooks and {roster}.")
    return 0
