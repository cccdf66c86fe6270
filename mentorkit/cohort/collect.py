"""The facilitator's side of sharing: a folder of participants' shares, checked and laid out.

:func:`collect` reads every ``*.json`` file of a folder (directly in it, or one level down in
a folder per participant, as a hub's hand-in folders are), checks each as a share
(:func:`mentorkit.share.share_from_bytes`), and against the roster: the participant is on
it, the file was handed in by them (a file or folder named for another participant is
refused), and the level is at least the one asked for.  Each accepted share becomes the
``summary.json`` a cohort run writes (:mod:`mentorkit.cohort.layout`), so ``cohort
summarize``, the CSV export and the dashboard work on the output folder exactly as on a run.
A ``full`` share's workbook is laid out too, with a ``roster.csv`` naming those workbooks,
which ``cohort run`` takes for the personal reports.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from mentorkit.cohort.layout import ROSTER_CSV, CohortLayout
from mentorkit.cohort.roster import Roster, read_roster
from mentorkit.errors import InputError, WorkbookError
from mentorkit.model import check_participant_id
from mentorkit.share import SHARE_LEVELS, Share, ShareError, share_from_bytes

#: A summary larger than this was not written by a collection (it is left alone).
MAX_SUMMARY_BYTES: Final = 10_000_000
#: A share file's own name: ``share-<participant id>-<level>-<date>.json``.
SHARE_NAME: Final = re.compile(
    r"^share-(?P<pid>[A-Za-z0-9_-]{1,64}?)-(?P<level>summary|goals|full)-\d{4}-\d{2}-\d{2}"
)


@dataclass(frozen=True)
class CollectRow:
    """What became of one file or one roster participant.

    Attributes:
        participant_id: Whose (empty for a file nobody on the roster can be tied to).
        status: ``collected``, ``missing`` (no usable share) or ``refused`` (a file).
        file: The file, relative to the folder of shares (empty for ``missing``).
        level: The share's level, when it could be read.
        reason: Why a file was refused or a participant is missing.
    """

    participant_id: str
    status: str
    file: str = ""
    level: str = ""
    reason: str = ""


@dataclass
class Collection:
    """Everything :func:`collect` did, collected first, then missing, then refused."""

    out: Path
    rows: list[CollectRow] = field(default_factory=list)
    roster_for_reports: Path | None = None

    def of(self, status: str) -> list[CollectRow]:
        """The rows with ``status``."""
        return [row for row in self.rows if row.status == status]


def _level_rank(level: str) -> int:
    return SHARE_LEVELS.index(level)


def _handed_in_by(relative: Path, roster_ids: set[str]) -> str:
    """Whose file this is by its place: a folder named for a participant, or a share's name."""
    if len(relative.parts) > 1 and relative.parts[0] in roster_ids:
        return relative.parts[0]
    match = SHARE_NAME.match(relative.name)
    return match["pid"] if match else ""


def _refusal(
    share: Share,
    shown: str,
    handed_in_by: str,
    roster_ids: set[str],
    level: str,
    chosen: dict[str, tuple[Share, str]],
) -> tuple[str, str] | None:
    """Why a share that was read is not used, and whose row it goes to; ``None`` to use it."""
    owner = share.participant_id
    if owner not in roster_ids:
        return "", f"{shown}: the share of {owner!r}, who is not on the roster"
    if handed_in_by and handed_in_by != owner:
        return handed_in_by, (
            f"{shown}: handed in as {handed_in_by}'s but it is the share of "
            f"{owner}; not used, so nobody's data is filed as someone else's"
        )
    if _level_rank(share.level) < _level_rank(level):
        return owner, (
            f"{shown}: a {share.level} share; this collection needs {level} "
            f"(ask {owner} for a {level} share)"
        )
    if owner in chosen and chosen[owner][0].created >= share.created:
        return owner, (
            f"{shown}: an older (or same-day) share of {owner!r} than "
            f"{chosen[owner][1]}, which is used"
        )
    return None


def _candidate_files(folder: Path) -> list[Path]:
    files = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            files += sorted(
                e for e in entry.iterdir() if e.suffix == ".json" and not e.name.startswith(".")
            )
        elif entry.suffix == ".json":
            files.append(entry)
    return files


def _read_share(file: Path, shown: str) -> Share:
    from mentorkit.share import MAX_SHARE_BYTES
    from mentorkit.store.files import read_file

    if file.is_symlink():
        raise ShareError(f"{shown}: is a symbolic link; copy the share file itself here")
    try:
        if file.stat().st_size > MAX_SHARE_BYTES:
            raise ShareError(f"{shown}: {file.stat().st_size:,} bytes is too big to be a share")
        content = read_file(file)
    except WorkbookError as error:
        raise ShareError(f"{shown}: cannot be read ({error})") from None
    return share_from_bytes(content, name=shown)


def _write_in(out: Path, parts: tuple[str, ...], name: str, payload: bytes) -> None:
    """Write ``out/<parts>/<name>`` atomically, never through a link planted in ``out``."""
    from mentorkit.cohort.outfolder import open_folder, write_file

    with open_folder(out, parts) as folder:
        write_file(folder, name, payload)


def _remove_in(out: Path, parts: tuple[str, ...], name: str) -> None:
    """Remove ``out/<parts>/<name>`` if it is there (a link is removed, never followed)."""
    from mentorkit.cohort.outfolder import open_folder, remove_file

    try:
        with open_folder(out, parts, create=False) as folder:
            remove_file(folder, name)
    except FileNotFoundError:
        pass


def _roster_csv(rows: list[tuple[str, str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["participant_id", "name", "workbook"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def collect(
    shares: str | os.PathLike[str],
    roster: Roster | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    level: str = "summary",
) -> Collection:
    """Check a folder of shares against the roster and lay them out as a cohort run would.

    Args:
        shares: The folder the participants' share files were put in.
        roster: The roster (file or checked :class:`Roster`).
        out: The output folder (as ``cohort run --out``); nothing is written outside it.
        level: The least level a share must have (``summary``, ``goals`` or ``full``).

    Returns:
        One row per collected or missing participant and per refused file.

    Raises:
        InputError: the folder of shares does not exist, ``out`` is inside it, or the level
            is unknown.
        RosterError: the roster has problems.
    """
    from mentorkit.metrics import summary_bytes
    from mentorkit.share import share_summary_json

    if level not in SHARE_LEVELS:
        raise InputError(f"--level {level!r}: choose {', '.join(SHARE_LEVELS)}")
    folder = Path(shares)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of shares")
    checked = roster if isinstance(roster, Roster) else read_roster(roster)
    layout = CohortLayout(out)
    if layout.out.is_relative_to(folder.absolute()):
        raise InputError(f"--out {out}: must not be inside the folder of shares {folder}")
    names = {entry.participant_id: entry.name for entry in checked.entries}
    result = Collection(layout.out)
    refused: list[CollectRow] = []
    chosen: dict[str, tuple[Share, str]] = {}
    for file in _candidate_files(folder):
        shown = file.relative_to(folder).as_posix()
        try:
            share = _read_share(file, shown)
        except ShareError as error:
            refused.append(CollectRow("", "refused", shown, reason=str(error)))
            continue
        owner = share.participant_id
        handed_in_by = _handed_in_by(file.relative_to(folder), set(names))
        refusal = _refusal(share, shown, handed_in_by, set(names), level, chosen)
        if refusal is not None:
            who, reason = refusal
            refused.append(CollectRow(who, "refused", shown, share.level, reason))
            continue
        if owner in chosen:
            older_share, older = chosen[owner]
            reason = f"{older}: an older share of {owner!r} than {shown}, which is used"
            refused.append(CollectRow(owner, "refused", older, older_share.level, reason))
        chosen[owner] = (share, shown)

    report_rows: list[tuple[str, str, str]] = []
    for entry in checked.entries:
        pid = check_participant_id(entry.participant_id)
        files = layout.participant(pid)
        if pid not in chosen:
            reasons = [row.reason for row in refused if row.participant_id == pid]
            result.rows.append(
                CollectRow(
                    pid,
                    "missing",
                    reason="; ".join(reasons) if reasons else "no share handed in",
                )
            )
            _forget_collected(layout.out, pid)
            continue
        share, shown = chosen[pid]
        summary = share_summary_json(share, name=names[pid])
        _write_in(layout.out, (pid,), files.summary.name, summary_bytes(summary))
        if share.workbook is not None:
            from mentorkit.store import workbook_to_json

            _write_in(
                layout.out, (pid,), files.shared_workbook.name, workbook_to_json(share.workbook)
            )
            report_rows.append((pid, entry.name, f"{pid}/{files.shared_workbook.name}"))
        else:  # an older full share's workbook must not linger
            _remove_in(layout.out, (pid,), files.shared_workbook.name)
        result.rows.append(CollectRow(pid, "collected", shown, share.level))
    result.rows += refused
    if report_rows:
        _write_in(layout.out, (), ROSTER_CSV, _roster_csv(report_rows))
        result.roster_for_reports = layout.out / ROSTER_CSV
    else:
        _remove_in(layout.out, (), ROSTER_CSV)
    return result


def _forget_collected(out: Path, participant_id: str) -> None:
    """Remove what an earlier collection wrote for a participant whose share is now gone.

    Only files a collection wrote (a summary marked with its share level) are removed, so a
    cohort run's own summaries in the same folder are left alone; nothing is read or removed
    through a link.
    """
    import json

    from mentorkit.cohort.layout import SHARED_WORKBOOK, SUMMARY_JSON
    from mentorkit.cohort.outfolder import is_regular_file, open_folder, remove_file

    try:
        with open_folder(out, (participant_id,), create=False) as folder:
            if not is_regular_file(folder, SUMMARY_JSON):
                return
            fd = os.open(SUMMARY_JSON, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder)
            with os.fdopen(fd, "rb") as handle:
                data = json.loads(handle.read(MAX_SUMMARY_BYTES).decode("utf-8"))
            if isinstance(data, dict) and "share_level" in data:
                remove_file(folder, SUMMARY_JSON)
                remove_file(folder, SHARED_WORKBOOK)
    except (OSError, ValueError, RecursionError):
        return
