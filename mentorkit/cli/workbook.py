"""Workbook subcommands: ``new``, ``validate``, ``notebooks`` (``sample`` is in :mod:`.sample`)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from mentorkit import store
from mentorkit.cli.text import printable
from mentorkit.errors import InputError, WorkbookError
from mentorkit.model import ID_PATTERN


def register(subparsers: Any) -> None:
    """Add ``new``, ``validate`` and ``notebooks``."""
    new = subparsers.add_parser("new", help="create an empty workbook")
    new.add_argument("workbook", help="the workbook file to create, e.g. my-workbook.json")
    new.add_argument("--name", default="", help="whose workbook it is")
    new.add_argument(
        "--sample",
        action="store_true",
        help="start from the sample participant's workbook, dated from today, to explore",
    )
    new.add_argument("--id", default="", dest="participant_id", help="participant id (optional)")
    new.set_defaults(func=_new)

    validate = subparsers.add_parser("validate", help="check a workbook and explain any problem")
    validate.add_argument("workbook")
    validate.set_defaults(func=_validate)

    notebooks = subparsers.add_parser(
        "notebooks", help="copy a fresh set of the workbook notebooks (00-04) into a folder"
    )
    notebooks.add_argument("folder", help="where to put them; nothing there is replaced")
    notebooks.set_defaults(func=_notebooks)


def _new(args: argparse.Namespace) -> int:
    if args.participant_id and not ID_PATTERN.fullmatch(args.participant_id):
        raise InputError(f"--id {args.participant_id!r}: use 1-64 letters, digits, '-' or '_'")
    if args.sample:
        from mentorkit import sample

        workbook = sample.make_workbook(0, today=date.today())
        if args.name.strip():
            workbook.profile.name = args.name.strip()
        store.create_workbook(args.workbook, workbook)
        print(printable(f"Created {args.workbook} from the sample, for {workbook.profile.name}."))
        return 0
    if not args.name.strip():
        raise InputError("--name: say whose workbook it is, e.g. --name 'Sam Lee'")
    store.new_workbook(args.workbook, name=args.name.strip(), participant_id=args.participant_id)
    print(printable(f"Created {args.workbook} for {args.name.strip()}."))
    return 0


def _validate(args: argparse.Namespace) -> int:
    try:
        workbook = store.load_workbook(args.workbook)
    except WorkbookError as error:
        print(printable(str(error), keep_newlines=True))
        return 2
    print(
        f"{printable(str(args.workbook))} is valid: {len(workbook.goals)} goal(s), "
        f"{len(workbook.contacts)} contact(s), {len(workbook.mentorships)} mentorship(s), "
        f"{len(workbook.checkins)} check-in(s)."
    )
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from mentorkit.packaged import copy_participant_notebooks

    written = copy_participant_notebooks(args.folder)
    names = ", ".join(path.name for path in written)
    print(f"Copied {len(written)} notebooks into {args.folder}: {names}.")
    print("Open 00_start_here.ipynb first.")
    return 0
