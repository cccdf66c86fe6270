"""The cohort tables built from the participants' metrics, for the facilitator's dashboard.

Each participant's report run writes a small ``summary.json``
(:func:`mentorkit.metrics.participant_summary`): plain JSON values only, and only that
participant's data.  The facilitator's dashboard reads
those files back (:func:`read_summaries`) and turns them into tables: who is stalled and
why, which goal types dominate, which areas nobody in the group can find a mentor for, and
which pairs of participants could help each other (:func:`peer_matches`).

Everything here except :func:`read_summaries` is pure.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, get_args

from mentorkit.cohort.layout import CohortLayout
from mentorkit.errors import SummaryError
from mentorkit.metrics import SUMMARY_VERSION, summary_bytes
from mentorkit.model import GOAL_TYPE_LABELS, Between, Describe
from mentorkit.network import NetworkType
from mentorkit.share import ProgressNumbers, SharedFeedback, SharedNetwork, SharedWarning
from mentorkit.store import codec
from mentorkit.store.codec import printable

if TYPE_CHECKING:  # pandas is imported when a table is built: the report kernel never needs it
    import pandas as pd

#: Nobody is suggested as a peer more often than this (helping or being helped).
MAX_MATCHES_PER_PARTICIPANT: Final = 2
#: The four developmental network types of Higgins & Kram (2001), by range and tie strength.
NETWORK_TYPES: Final = get_args(NetworkType)


def _key(area: object) -> str:
    """What two areas must share to count as the same (spelling and spacing aside)."""
    from mentorkit.network import tag_key

    return tag_key(str(area))


#: How many problems the error message lists before "and N more" (all are in ``problems``).
MAX_LISTED: Final = 20


def _shown(value: object) -> str:
    text = codec.show(value)  # printable, and safe for huge numbers and deep nesting
    return text if len(text) <= 40 else text[:37] + "..."


Count = Annotated[int, Between(0, None), Describe("a count (a whole number, 0 or more)")]


# What the cohort tables read from a summary, and what each value must be, as types the
# store's codec reads (the same codec as a workbook's).  Most fields may be missing (the
# tables use a default), but one that is there must be usable, and a warning must name its
# kind (one of progress.WarningCode); other fields are not checked.
@dataclass
class SummaryGap:
    """One of ``gaps``."""

    area: str = ""


@dataclass
class SummaryWarning(SharedWarning):
    """One of ``progress.warnings``: with its reason (the participant's own report reads it)."""

    reason: str = ""


@dataclass
class SummaryProgress(ProgressNumbers):
    """``progress`` of a summary: a share's numbers, and the warnings with their reasons."""

    warnings: list[SummaryWarning] = field(default_factory=list)


@dataclass
class SummarySchema:
    """The parts of ``summary.json`` the cohort tables read (besides version and owner)."""

    name: str = ""
    goal_types: dict[str, Count] = field(default_factory=dict)
    asks: dict[str, Count] = field(default_factory=dict)
    network: Annotated[SharedNetwork, Describe("an object")] = field(default_factory=SharedNetwork)
    gaps: list[SummaryGap] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    progress: Annotated[SummaryProgress, Describe("an object")] = field(
        default_factory=SummaryProgress
    )
    #: The same schema a participant's share holds (:class:`mentorkit.share.SharedFeedback`).
    feedback: list[SharedFeedback] = field(default_factory=list)


def summary_problems(data: object, participant_id: str = "") -> list[str]:
    """What makes ``data`` (a parsed ``summary.json``) unusable for the cohort tables.

    The one check of a summary: the runner refuses to mark a participant done with a summary
    this finds fault with, and the dashboard reads only summaries it passes.

    Args:
        data: The parsed JSON.
        participant_id: The participant whose folder the file is in; the summary must be
            theirs (empty: not checked).

    Returns:
        Each problem as ``field.path: message``; empty when the summary is usable.
    """
    if not isinstance(data, dict):
        return [f"(whole file): {_shown(data)} is not an object"]
    problems: list[str] = []
    version = data.get("summary_version")
    if version != SUMMARY_VERSION or type(version) is not int:
        problems.append(
            f"summary_version: {_shown(version)} is not {SUMMARY_VERSION}, "
            "the version this mentorkit reads (run the cohort again with --force)"
        )
    owner = data.get("participant_id")
    if not isinstance(owner, str) or not owner:
        problems.append(f"participant_id: {_shown(owner)} is not a participant id")
    elif participant_id and owner != participant_id:
        problems.append(
            f"participant_id: {printable(repr(owner))} is not {participant_id!r}, "
            "whose folder it is in"
        )
    codec.decode(SummarySchema, data, problems, unknown="ignore")
    return problems


def read_summary_file(path: str | os.PathLike[str], participant_id: str = "") -> dict[str, Any]:
    """The summary in ``path``, checked by :func:`summary_problems`.

    Raises:
        SummaryError: the file is not readable JSON or not a usable summary of
            ``participant_id``; ``problems`` lists each.
    """
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        problems = [f"is not readable JSON ({printable(reason)})"]
    else:
        problems = summary_problems(data, participant_id=participant_id)
    if problems:
        raise SummaryError(
            f"{file}: " + "; ".join(problems), folder=str(file.parent), problems=problems
        )
    assert isinstance(data, dict)
    return data


def read_summaries(out: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every finished participant's summary in a cohort output folder, by participant id.

    Every file is checked before any table is built (see :func:`summary_problems`), so a
    damaged one is named instead of breaking a table or being left out unnoticed.

    Raises:
        SummaryError: some summary file is not JSON or not a usable summary; ``problems``
            lists every one, by file and field.
    """
    folder = Path(out)
    summaries = []
    problems: list[str] = []
    for path in CohortLayout(folder).summaries():
        shown = f"{path.parent.name}/{path.name}"
        try:
            summaries.append(read_summary_file(path, participant_id=path.parent.name))
        except SummaryError as error:
            problems += [f"{shown}: {problem}" for problem in error.problems]
    if problems:
        listed = problems[:MAX_LISTED]
        more = len(problems) - len(listed)
        tail = f"\n  ... and {more} more" if more else ""
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise SummaryError(
            f"{folder}: {count} in the participants' summary files:\n  "
            + "\n  ".join(listed)
            + tail,
            folder=str(folder),
            problems=problems,
        )
    return summaries


# --------------------------------------------------------------------------------------
# Cohort tables
# --------------------------------------------------------------------------------------

COHORT_COLUMNS: Final = (
    "participant_id",
    "name",
    "goals_active",
    "goals_achieved",
    "contacts",
    "network_type",
    "gaps",
    "asks",
    "mentorships_active",
    "checkins_planned",
    "checkins_held",
    "gas_tscore",
    "stalled",
    "warnings",
)


def _progress(summary: Mapping[str, Any]) -> Mapping[str, Any]:
    progress = summary.get("progress")
    return progress if isinstance(progress, Mapping) else {}


def cohort_table(summaries: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per participant with the headline numbers (this is what the CSV export holds)."""
    import pandas as pd

    rows = []
    for summary in summaries:
        progress = _progress(summary)
        network = summary.get("network", {})
        mentorships = progress.get("mentorships", [])
        rows.append(
            {
                "participant_id": summary.get("participant_id", ""),
                "name": summary.get("name", ""),
                "goals_active": int(progress.get("goals_active", 0)),
                "goals_achieved": int(progress.get("goals_achieved", 0)),
                "contacts": int(network.get("contacts", 0)),
                "network_type": network.get("type") or "",
                "gaps": len(summary.get("gaps", [])),
                "asks": sum(int(n) for n in summary.get("asks", {}).values()),
                "mentorships_active": int(progress.get("mentorships_active", 0)),
                "checkins_planned": sum(int(m.get("planned_to_date", 0)) for m in mentorships),
                "checkins_held": sum(int(m.get("held", 0)) for m in mentorships),
                "gas_tscore": progress.get("gas_tscore"),
                "stalled": bool(progress.get("stalled", False)),
                "warnings": len(progress.get("warnings", [])),
            }
        )
    frame = pd.DataFrame(rows, columns=list(COHORT_COLUMNS))
    frame["gas_tscore"] = pd.to_numeric(frame["gas_tscore"], errors="coerce").astype("float64")
    return frame


def goal_type_counts(summaries: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Active goals per goal type across the cohort, most common first."""
    import pandas as pd

    counts: Counter[str] = Counter()
    for summary in summaries:
        for goal_type, count in summary.get("goal_types", {}).items():
            counts[goal_type] += int(count)
    rows = [
        {"goal_type": goal_type, "label": GOAL_TYPE_LABELS.get(goal_type, "Not set"), "goals": n}
        for goal_type, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return pd.DataFrame(rows, columns=["goal_type", "label", "goals"])


def network_type_counts(summaries: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Participants per developmental network type (``none`` for an empty network)."""
    import pandas as pd

    counts = Counter((summary.get("network", {}).get("type") or "none") for summary in summaries)
    order = [*NETWORK_TYPES, "none"]
    rows = [{"network_type": kind, "participants": counts.get(kind, 0)} for kind in order]
    return pd.DataFrame(rows, columns=["network_type", "participants"])


def stalled_list(summaries: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The participants with stall warnings, most warnings first, with every reason."""
    import pandas as pd

    rows = []
    for summary in summaries:
        warnings = _progress(summary).get("warnings", [])
        if warnings:
            rows.append(
                {
                    "participant_id": summary.get("participant_id", ""),
                    "name": summary.get("name", ""),
                    "warnings": len(warnings),
                    "codes": ", ".join(str(w.get("code", "")) for w in warnings),
                    "reasons": " ".join(str(w.get("reason", "")) for w in warnings),
                }
            )
    rows.sort(key=lambda row: (-int(row["warnings"]), str(row["participant_id"])))
    return pd.DataFrame(rows, columns=["participant_id", "name", "warnings", "codes", "reasons"])


def uncovered_areas(summaries: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Areas participants need but their networks do not cover, most often uncovered first.

    ``covered_in_cohort`` says whether some other participant has the area as a strength
    (a peer could help); when it is false, the facilitator may want to recruit for it.
    """
    import pandas as pd

    needed: dict[str, list[str]] = {}
    for summary in summaries:
        for gap in summary.get("gaps", []):
            needed.setdefault(str(gap.get("area", "")), []).append(
                str(summary.get("participant_id"))
            )
    strengths = {
        str(summary.get("participant_id")): {_key(a) for a in summary.get("strengths", [])}
        for summary in summaries
    }
    rows = []
    for area, participants in needed.items():
        helpers = [
            pid
            for pid, areas in strengths.items()
            if _key(area) in areas and pid not in participants
        ]
        rows.append(
            {
                "area": area,
                "participants": len(participants),
                "participant_ids": ", ".join(sorted(participants)),
                "covered_in_cohort": bool(helpers),
            }
        )
    rows.sort(key=lambda row: (-len(needed[str(row["area"])]), str(row["area"])))
    return pd.DataFrame(
        rows, columns=["area", "participants", "participant_ids", "covered_in_cohort"]
    )


@dataclass(frozen=True)
class PeerMatch:
    """A suggestion that ``helper`` could help ``seeker`` with ``areas`` (the seeker's gaps)."""

    helper: str
    seeker: str
    areas: tuple[str, ...]
    helper_name: str = ""
    seeker_name: str = ""


def peer_matches(
    summaries: Sequence[Mapping[str, Any]],
    *,
    max_per_participant: int = MAX_MATCHES_PER_PARTICIPANT,
) -> list[PeerMatch]:
    """Pairs where one participant's strengths cover another's gaps.

    Pairs covering more gap areas come first; a pair is taken only while neither person
    already appears in ``max_per_participant`` suggestions (as helper or seeker), so the
    load is shared and nobody is suggested to everyone.  Ties break by participant id, so
    the same summaries always give the same matches.
    """
    names = {str(s.get("participant_id")): str(s.get("name", "")) for s in summaries}
    gaps = {
        str(s.get("participant_id")): [str(g.get("area")) for g in s.get("gaps", [])]
        for s in summaries
    }
    strengths = {
        str(s.get("participant_id")): {_key(a) for a in s.get("strengths", [])} for s in summaries
    }
    candidates = []
    for seeker, needed in gaps.items():
        for helper, offered in strengths.items():
            if helper == seeker:
                continue
            covered = tuple(area for area in dict.fromkeys(needed) if _key(area) in offered)
            if covered:
                candidates.append((-len(covered), seeker, helper, covered))
    candidates.sort()
    used: Counter[str] = Counter()
    matches = []
    for _, seeker, helper, covered in candidates:
        if used[seeker] >= max_per_participant or used[helper] >= max_per_participant:
            continue
        used[seeker] += 1
        used[helper] += 1
        matches.append(
            PeerMatch(helper, seeker, covered, names.get(helper, ""), names.get(seeker, ""))
        )
    return matches


def peer_match_table(matches: Iterable[PeerMatch]) -> pd.DataFrame:
    """Peer matches as a table."""
    import pandas as pd

    rows = [
        {
            "helper": m.helper,
            "helper_name": m.helper_name,
            "seeker": m.seeker,
            "seeker_name": m.seeker_name,
            "areas": ", ".join(m.areas),
        }
        for m in matches
    ]
    return pd.DataFrame(rows, columns=["helper", "helper_name", "seeker", "seeker_name", "areas"])


#: What a spreadsheet (Excel, LibreOffice, Google Sheets) may run as a formula when a cell
#: starts with it; a participant typed the names and areas in the export.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: object) -> object:
    """``value`` as a spreadsheet shows it but never runs it (CSV injection).

    Text starting with a formula character gets a leading ``'``, which spreadsheets take as
    "this is text"; numbers and other text are unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cohort_csv(summaries: Sequence[Mapping[str, Any]]) -> str:
    """The cohort table as CSV text (UTF-8, one line per participant, CRLF as RFC 4180 says).

    Text cells that a spreadsheet would run as a formula are made inert
    (see :func:`inert_cell`).
    """
    from pandas.api.types import is_numeric_dtype

    frame = cohort_table(summaries)
    for column in frame.columns:
        if not is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(inert_cell)
    # With CRLF lines the csv writer quotes a cell holding either character; with "\n"
    # alone, a stray "\r" a participant typed would end the row in most readers.
    return str(frame.to_csv(index=False, lineterminator="\r\n"))


def write_summary_file(summary: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write a summary as JSON to ``path`` (the runner renames it into place)."""
    file = Path(path)
    file.write_bytes(summary_bytes(summary))
    return file


@dataclass(frozen=True)
class CohortSummary:
    """The cohort tables of one run's output folder (see :func:`summarize`)."""

    summaries: tuple[dict[str, Any], ...]
    participants: pd.DataFrame
    goal_types: pd.DataFrame
    network_types: pd.DataFrame
    stalled: pd.DataFrame
    uncovered: pd.DataFrame
    matches: pd.DataFrame

    def to_csv(self) -> str:
        """The per-participant table as CSV text."""
        return cohort_csv(self.summaries)


def summarize_summaries(summaries: Sequence[Mapping[str, Any]]) -> CohortSummary:
    """Every cohort table from participant summaries (pure)."""
    items = tuple(dict(s) for s in summaries)
    return CohortSummary(
        summaries=items,
        participants=cohort_table(items),
        goal_types=goal_type_counts(items),
        network_types=network_type_counts(items),
        stalled=stalled_list(items),
        uncovered=uncovered_areas(items),
        matches=peer_match_table(peer_matches(items)),
    )


def summarize(out: str | os.PathLike[str]) -> CohortSummary:
    """Read the summaries of a cohort run's output folder and build every cohort table."""
    return summarize_summaries(read_summaries(out))
