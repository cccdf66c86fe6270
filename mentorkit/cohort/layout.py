"""The one place that knows where a cohort run keeps each participant's files.

Every output of a cohort run lives under one folder ``out``::

    out/<participant_id>/report.ipynb         the executed report notebook
    out/<participant_id>/report.html          the same without code, to send the participant
    out/<participant_id>/summary.json         their metrics, read by the cohort dashboard
    out/<participant_id>/report-failed.ipynb  a failed run's partial notebook, for inspection
    out/<participant_id>/notebooks/NN_*.ipynb prepared (not executed) workbook notebooks
    out/<participant_id>/workbook.json        a collected full share's workbook

A participant id is checked here, before any path is built from it, so an id such as
``../../etc`` can never point outside ``out``.  Files are written under a temporary name
(a leading dot and ``.partial`` before the suffix) and renamed when complete: a run killed midway never
leaves a file that looks finished.

A cohort's *input* folder (the sample cohort :func:`write_sample_cohort` writes) holds
``roster.csv`` and ``workbooks/<participant_id>.json`` (:func:`workbook_relative_path`).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final, overload

from mentorkit.errors import UnsafeIdError, WorkbookError
from mentorkit.model import ID_PATTERN, Workbook, check_participant_id

REPORT_NOTEBOOK: Final = "report.ipynb"
REPORT_HTML: Final = "report.html"
SUMMARY_JSON: Final = "summary.json"
FAILED_NOTEBOOK: Final = "report-failed.ipynb"
PREPARED_FOLDER: Final = "notebooks"
SHARED_WORKBOOK: Final = "workbook.json"
_PARTIAL_SUFFIX: Final = ".partial"


class _InFolder:
    """A file (or folder) of a participant's folder, by its fixed name."""

    def __init__(self, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, files: None, owner: object) -> _InFolder: ...
    @overload
    def __get__(self, files: ParticipantFiles, owner: object) -> Path: ...
    def __get__(self, files: ParticipantFiles | None, owner: object) -> _InFolder | Path:
        return self if files is None else files.folder / self.name


@dataclass(frozen=True)
class ParticipantFiles:
    """The files of one participant in a cohort run (all inside ``folder``)."""

    participant_id: str
    folder: Path

    # The folder's files, each by its fixed name (``files.summary`` is ``folder/summary.json``).
    #: The executed report notebook.
    report_notebook = _InFolder(REPORT_NOTEBOOK)
    #: The report as HTML without code.
    report_html = _InFolder(REPORT_HTML)
    #: The participant's metrics; written last, so its presence means the run is done.
    summary = _InFolder(SUMMARY_JSON)
    #: The workbook of a collected ``full`` share (what ``cohort run`` can report on).
    shared_workbook = _InFolder(SHARED_WORKBOOK)
    #: The partial notebook of a failed run.
    failed_notebook = _InFolder(FAILED_NOTEBOOK)
    #: Where the prepared workbook notebooks go.
    prepared_folder = _InFolder(PREPARED_FOLDER)

    def prepared_notebook(self, name: str) -> Path:
        """A prepared copy of the notebook called ``name`` (a bare file name)."""
        if Path(name).name != name or name in ("", ".", ".."):
            raise UnsafeIdError(f"notebook name {name!r}: must be a plain file name")
        return self.prepared_folder / name

    @staticmethod
    def partial(final: Path) -> Path:
        """The temporary name a file is written under before it is renamed to ``final``."""
        # The real suffix stays last: papermill and nbconvert check it.
        return final.with_name(f".{final.stem}{_PARTIAL_SUFFIX}{final.suffix}")

    def is_done(self) -> bool:
        """True when the last run for this participant finished (its summary exists)."""
        return self.summary.is_file() and self.report_notebook.is_file()

    def clear_partials(self) -> None:
        """Remove temporary files a killed run left behind."""
        if not self.folder.is_dir():
            return
        for leftover in self.folder.glob(f".*{_PARTIAL_SUFFIX}.*"):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


class CohortLayout:
    """Paths of a cohort run's output folder ``out``."""

    def __init__(self, out: str | os.PathLike[str]):
        self.out = Path(out).absolute()

    def participant(self, participant_id: str) -> ParticipantFiles:
        """The files of one participant; the id is checked before the path is built.

        Raises:
            UnsafeIdError: the id could not safely name a folder.
        """
        check_participant_id(participant_id)
        folder = self.out / participant_id
        # Belt and braces: the pattern already rules out separators and dots-only names.
        if folder.parent != self.out:
            raise UnsafeIdError(f"participant id {participant_id!r} would leave {self.out}")
        return ParticipantFiles(participant_id, folder)

    def participant_ids(self) -> list[str]:
        """Ids of the participants that have a folder in ``out`` (sorted).

        Unsafe names are ignored, and so is a symbolic link: a run never makes one, so a link
        in ``out`` was planted there and would lead the summary outside the cohort's folder.
        """
        if not self.out.is_dir():
            return []
        return sorted(
            entry.name
            for entry in self.out.iterdir()
            if not entry.is_symlink() and entry.is_dir() and ID_PATTERN.fullmatch(entry.name)
        )

    def summaries(self) -> list[Path]:
        """Every finished participant's ``summary.json``, in participant-id order."""
        return [
            files.summary
            for files in (self.participant(pid) for pid in self.participant_ids())
            if files.summary.is_file() and not files.summary.is_symlink()
        ]


# --------------------------------------------------------------------------------------
# Where a cohort's workbooks live (the sample cohort's folder)
# --------------------------------------------------------------------------------------

ROSTER_CSV: Final = "roster.csv"
WORKBOOKS_FOLDER: Final = "workbooks"


def workbook_relative_path(participant_id: str) -> str:
    """A cohort folder's workbook of ``participant_id``, relative to the roster:
    ``workbooks/<id>.json`` (the id is checked first)."""
    return f"{WORKBOOKS_FOLDER}/{check_participant_id(participant_id)}.json"


def write_sample_cohort(
    out: str | os.PathLike[str],
    workbooks: list[Workbook],
    *,
    overwrite: bool = False,
) -> Path:
    """Write a sample cohort: ``out/roster.csv`` and ``out/workbooks/<participant_id>.json``.

    Returns the roster's path.  Existing files are replaced only with ``overwrite``.
    """
    import csv
    import io

    from mentorkit import store

    folder = Path(out)
    roster = folder / ROSTER_CSV
    relatives = [workbook_relative_path(wb.participant_id) for wb in workbooks]
    targets = [folder / relative for relative in relatives]
    existing = [path for path in (roster, *targets) if os.path.lexists(path)]
    if existing and not overwrite:
        shown = ", ".join(str(path) for path in existing[:3])
        more = f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        raise WorkbookError(
            f"{shown}{more} already exist(s); choose an empty folder or pass --force",
            path=str(existing[0]),
        )
    (folder / WORKBOOKS_FOLDER).mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["participant_id", "name", "email", "workbook"])
    for workbook, relative, target in zip(workbooks, relatives, targets, strict=True):
        if os.path.lexists(target):
            target.unlink()
        store.save_workbook(workbook, target)
        first_name = workbook.profile.name.split()[0].lower() if workbook.profile.name else "p"
        email = f"{first_name}.{workbook.participant_id}@example.org"
        writer.writerow([workbook.participant_id, workbook.profile.name, email, relative])
    roster.write_text(buffer.getvalue(), encoding="utf-8")
    return roster
