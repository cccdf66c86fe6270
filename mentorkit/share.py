"""What a participant chooses to share with their facilitator, as one checked file.

Three levels, each a superset of the one before:

``summary``
    Counts, goal types, the network's shape, conversations planned against held, goal
    attainment (GAS), warning codes, feedback ratings and the comments the participant agreed
    to share.  No contact's name, e-mail or organisation, no notes, reflections or goal text:
    the schema below is the list of what may go in, so anything else is left out by
    construction, not by a filter someone must remember to extend.
``goals``
    Adds each goal's statement, areas and review, and the areas nobody in the network covers
    (for the dashboard's gaps and peer matches).
``full``
    Adds the whole workbook (what ``cohort run`` needs for the personal report).

A share is built by :func:`build_share`, written by :func:`share_to_json` (the exact bytes a
participant previews) and read back by :func:`share_from_bytes`, which checks it with the
store's codec like a workbook (unknown fields refused, every problem named by field).
:func:`share_summary_json` turns a share into the ``summary.json`` a cohort run writes, so
the dashboard works from shares exactly as from a run.

Everything here is pure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated, Any, Final, Literal, get_args

from mentorkit.errors import MentorkitError, WorkbookError
from mentorkit.model import (
    Between,
    Describe,
    GoalStatus,
    GoalType,
    Id,
    InFile,
    Text,
    Workbook,
)
from mentorkit.progress import WarningCode
from mentorkit.store import codec
from mentorkit.store.codec import printable

#: The layout version of a share file; its key also marks a file as a share.
SHARE_VERSION: Final = 1
SHARE_MARKER: Final = "mentorkit_share"
ShareLevel = Literal["summary", "goals", "full"]
SHARE_LEVELS: Final[tuple[str, ...]] = get_args(ShareLevel)
LEVEL_DESCRIPTIONS: Final = {
    "summary": (
        "Numbers only: how many goals of which type, the shape of your network, conversations "
        "planned and held, goal attainment, warning signs, and your feedback ratings (your "
        "comments only where you ticked that they may be shared). No names, e-mails, "
        "organisations, notes, reflections or goal wording."
    ),
    "goals": (
        "The summary, plus what your goals say, their areas and review, and the areas nobody "
        "in your network covers yet. Still no names, e-mails, notes or reflections."
    ),
    "full": (
        "Your whole workbook: everything above plus your contacts (names, e-mails, notes), "
        "your conversation notes and reflections. Needed for a personal report."
    ),
}
#: The largest share file read (a full share is a workbook and a little more).
MAX_SHARE_BYTES: Final = 12_000_000
#: What each warning code means, in words that name nobody (a warning's own reason names the
#: person and quotes the goal, so a share carries only its code).
WARNING_REASONS: Final = {
    "not_started": "A mentor said yes, but no conversation has been held yet.",
    "quiet": "A running mentorship has had no conversation for a while.",
    "behind": "Fewer conversations held than planned by now.",
    "not_moving": "Conversations go on, but the goal's last ratings are below what was expected.",
    "unanswered": "An ask has been waiting for an answer for a while.",
    "idle_goal": "An active goal has nobody asked about it yet.",
}

Count = Annotated[int, Between(0, None), Describe("a count (a whole number, 0 or more)")]
Score = Annotated[float, Describe("a number or null")]


class ShareError(MentorkitError, ValueError):
    """A share file cannot be used; ``problems`` lists each problem (``field: message``)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [message])


# --------------------------------------------------------------------------------------
# What a share may hold: the schema is the allow-list
# --------------------------------------------------------------------------------------


@dataclass
class SharedGoalState:
    """One goal, without its words: type, status and the review's verdict."""

    type: GoalType | None = None
    status: GoalStatus = "active"
    ready: bool | None = None
    findings: list[Text] = field(default_factory=list)


@dataclass
class SharedNetwork:
    """The network's shape: how many people, which spheres and tie strengths."""

    contacts: Count = 0
    type: Annotated[str, Describe("text or null")] | None = None
    spheres: dict[str, Count] = field(default_factory=dict)
    ties: dict[str, Count] = field(default_factory=dict)


@dataclass
class SharedPlan:
    """One mentorship's conversations, planned against held."""

    state: str = ""
    planned_total: Count = 0
    planned_to_date: Count = 0
    held: Count = 0
    cancelled: Count = 0
    behind_by: int = 0


@dataclass
class SharedWarning:
    """A warning sign, by code only."""

    code: WarningCode


@dataclass
class ProgressNumbers:
    """Progress in numbers: a share's ``progress`` and a cohort summary's, but for warnings."""

    gas_tscore: Score | None = None
    goals_rated: Count = 0
    goals_active: Count = 0
    goals_achieved: Count = 0
    checkins_held: Count = 0
    checkins_cancelled: Count = 0
    mentorships_active: Count = 0
    mentorships_closed: Count = 0
    on_track: bool = False
    stalled: bool = False
    mentorships: list[SharedPlan] = field(default_factory=list)


@dataclass
class SharedProgress(ProgressNumbers):
    """Progress in numbers, and the warning signs by code only."""

    warnings: list[SharedWarning] = field(default_factory=list)


@dataclass
class SharedComment:
    """The words of a feedback the participant agreed to share."""

    helped: Text = ""
    to_change: Text = ""
    comment: Text = ""


@dataclass
class SharedFeedback:
    """One end-of-mentorship feedback, naming neither the mentorship nor the person."""

    usefulness: Annotated[int, Between(1, 5)]
    recommend: bool
    comment: SharedComment | None = None


@dataclass
class SharedSummary:
    """The ``summary`` level."""

    goal_types: dict[str, Count] = field(default_factory=dict)
    goals: list[SharedGoalState] = field(default_factory=list)
    network: SharedNetwork = field(default_factory=SharedNetwork)
    asks: dict[str, Count] = field(default_factory=dict)
    progress: SharedProgress = field(default_factory=SharedProgress)
    feedback: list[SharedFeedback] = field(default_factory=list)


@dataclass
class SharedFinding:
    """One finding of a goal's review."""

    code: Text
    severity: Text = ""
    message: Text = ""
    fix: Text = ""


@dataclass
class SharedGoal:
    """A goal with its words and its review (``goals`` level)."""

    id: Id
    statement: Text
    type: GoalType | None = None
    status: GoalStatus = "active"
    areas: list[Text] = field(default_factory=list)
    target_date: date | None = None
    ready: bool | None = None
    findings: list[SharedFinding] = field(default_factory=list)


@dataclass
class SharedGap:
    """An area a goal needs that nobody in the network covers."""

    area: Text
    goal_id: Id


@dataclass
class SharedGoals:
    """What the ``goals`` level adds."""

    goals: list[SharedGoal] = field(default_factory=list)
    gaps: list[SharedGap] = field(default_factory=list)
    strengths: list[Text] = field(default_factory=list)


@dataclass
class Share:
    """One participant's share file."""

    # The version comes first and marks the file as a share.
    mentorkit_share: Annotated[int, Between(SHARE_VERSION, SHARE_VERSION), InFile()]
    level: ShareLevel
    participant_id: Id
    created: date
    summary: SharedSummary
    goals: SharedGoals | None = None
    workbook: Workbook | None = None


# --------------------------------------------------------------------------------------
# Building a share
# --------------------------------------------------------------------------------------


def _allowed(cls: type[Any], data: Any) -> Any:
    """``data`` as ``cls``, with everything the schema does not name left out."""
    problems: list[str] = []
    built = codec.decode(cls, data, problems, unknown="ignore")
    if built is None:  # pragma: no cover - the data comes from our own summary
        raise ShareError("the share could not be built: " + "; ".join(problems), problems)
    return built


def _goal_level(workbook: Workbook, today: date) -> SharedGoals:
    from mentorkit.goals import review_workbook_goals
    from mentorkit.metrics import participant_gaps, participant_strengths

    reviews = {item.goal_id: item for item in review_workbook_goals(workbook, today).reviews}
    goals = []
    for goal in workbook.goals:
        review = reviews.get(goal.id)
        goals.append(
            SharedGoal(
                id=goal.id,
                statement=goal.statement,
                type=goal.type,
                status=goal.status,
                areas=list(goal.areas),
                target_date=goal.target_date,
                ready=review.ready if review else None,
                findings=[
                    SharedFinding(f.code, str(f.severity), f.message, f.fix)
                    for f in (review.findings if review else ())
                ],
            )
        )
    return SharedGoals(
        goals=goals,
        gaps=[SharedGap(gap["area"], gap["goal_id"]) for gap in participant_gaps(workbook)],
        strengths=participant_strengths(workbook),
    )


def build_share(workbook: Workbook, level: str, today: date, *, participant_id: str = "") -> Share:
    """The share of ``workbook`` at ``level``, dated ``today``.

    Args:
        workbook: The participant's workbook.
        level: ``summary``, ``goals`` or ``full``.
        today: The share's date (progress is measured at it).
        participant_id: The id the facilitator's roster knows the participant by (default:
            the workbook's own).

    Raises:
        ShareError: the level is unknown, there is no participant id, or it differs from
            the workbook's own.
    """
    from mentorkit.errors import UnsafeIdError
    from mentorkit.metrics import participant_summary
    from mentorkit.model import check_participant_id

    if level not in SHARE_LEVELS:
        raise ShareError(f"level {level!r}: choose {', '.join(SHARE_LEVELS)}")
    owner = participant_id.strip() or workbook.participant_id
    if not owner:
        raise ShareError(
            "this workbook has no participant id: give the id your facilitator uses for you "
            "(mentorkit share ... --participant-id ID)"
        )
    if workbook.participant_id and owner != workbook.participant_id:
        raise ShareError(
            f"participant id {owner!r} is not this workbook's own ({workbook.participant_id!r})"
        )
    try:
        check_participant_id(owner)
    except UnsafeIdError as error:
        raise ShareError(str(error)) from None
    # The summary's feedback is already the consented part only (feedback.shared_feedback).
    summary = _allowed(SharedSummary, participant_summary(workbook, today))
    share = Share(SHARE_VERSION, level, owner, today, summary)  # type: ignore[arg-type]
    if level in ("goals", "full"):
        share.goals = _goal_level(workbook, today)
    if level == "full":
        share.workbook = replace(workbook, participant_id=owner)
    return share


def share_to_dict(share: Share) -> dict[str, Any]:
    """The share as JSON data (what the file holds; levels below ``full`` omit ``workbook``)."""
    data = codec.encode(share)
    for name in ("goals", "workbook"):
        if data.get(name) is None:
            data.pop(name, None)
    return data


def share_to_json(share: Share) -> bytes:
    """The share file's exact bytes (UTF-8 JSON, indented, ending with a newline)."""
    text = json.dumps(share_to_dict(share), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def share_file_name(share: Share) -> str:
    """A file name that says whose share it is, its level and its date."""
    return f"share-{share.participant_id}-{share.level}-{share.created.isoformat()}.json"


# --------------------------------------------------------------------------------------
# Reading a share
# --------------------------------------------------------------------------------------


def share_problems(data: object) -> tuple[Share | None, list[str]]:
    """Check parsed JSON as a share: the codec's field checks, then the level's promises."""
    if not isinstance(data, dict):
        return None, [f"(whole file): {codec.show(data)[:40]} is not an object"]
    if SHARE_MARKER not in data:
        hint = " (it looks like a workbook)" if "schema_version" in data else ""
        return None, [f"{SHARE_MARKER}: missing, so this is not a mentorkit share{hint}"]
    problems: list[str] = []
    share = codec.decode(Share, data, problems)
    if share is None:
        return None, problems
    if share.level != "full" and share.workbook is not None:
        problems.append(f"workbook: a {share.level} share must not hold the workbook")
    if share.level == "summary" and share.goals is not None:
        problems.append("goals: a summary share must not hold goal statements")
    if share.level in ("goals", "full") and share.goals is None:
        problems.append(f"goals: missing, and a {share.level} share holds them")
    if share.level == "full":
        if share.workbook is None:
            problems.append("workbook: missing, and a full share holds it")
        else:
            if share.workbook.participant_id != share.participant_id:
                problems.append(
                    f"workbook.participant_id: {printable(repr(share.workbook.participant_id))} "
                    f"is not the share's participant {share.participant_id!r}"
                )
            try:
                from mentorkit.store import validate_workbook

                validate_workbook(share.workbook)
            except WorkbookError as error:
                problems.append(f"workbook: {error}")
    return (None if problems else share), problems


def share_from_bytes(content: bytes, *, name: str) -> Share:
    """Read and check a share file's bytes.

    Raises:
        ShareError: the file is too big, not UTF-8 JSON, or not a valid share; the message
            names ``name`` and every problem.
    """
    if len(content) > MAX_SHARE_BYTES:
        raise ShareError(
            f"{name}: {len(content):,} bytes is more than a share can be ({MAX_SHARE_BYTES:,})"
        )
    try:
        data = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        problems = ["is not UTF-8 text (was it saved by another program?)"]
    except (ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        problems = [f"is not readable JSON ({printable(reason)})"]
    else:
        share, problems = share_problems(data)
        if share is not None:
            return share
    shown = problems[:10]
    more = f"; and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    raise ShareError(f"{name}: " + "; ".join(shown) + more, problems)


# --------------------------------------------------------------------------------------
# A share as the cohort dashboard reads it
# --------------------------------------------------------------------------------------


def share_summary_json(share: Share, *, name: str = "") -> dict[str, Any]:
    """The ``summary.json`` of a cohort run, made from a share (plain JSON values).

    ``name`` is the roster's name for the participant (a share carries none).  What the
    level does not hold is empty: a summary share has no gaps or strengths.
    """
    from mentorkit.metrics import SUMMARY_VERSION

    summary = codec.encode(share.summary)
    progress = summary["progress"]
    progress["warnings"] = [
        {"code": w["code"], "reason": WARNING_REASONS.get(w["code"], "")}
        for w in progress["warnings"]
    ]
    goals = share.goals or SharedGoals()
    return {
        "summary_version": SUMMARY_VERSION,
        "participant_id": share.participant_id,
        "name": name,
        "today": share.created.isoformat(),
        "share_level": share.level,
        **summary,
        "gaps": [{"area": gap.area, "goal_id": gap.goal_id} for gap in goals.gaps],
        "strengths": list(goals.strengths),
    }
