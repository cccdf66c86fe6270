"""One participant's metrics as plain JSON values: what their ``summary.json`` holds.

Built from the participant's own workbook alone, so nobody else's data can be in it.  The
report run writes it for the cohort dashboard (:mod:`mentorkit.cohort.summary` reads it back
and checks it), and a participant's share carries the parts their chosen level allows
(:mod:`mentorkit.share`).  Pure: no files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from mentorkit.model import Workbook

#: Version of the summary.json layout, so a dashboard can refuse files it does not know.
SUMMARY_VERSION: Final = 1
UNSET_TYPE: Final = "not set"


def _area(text: str) -> str:
    return " ".join(text.split()).casefold()


def _network_type(workbook: Workbook) -> str | None:
    """Higgins & Kram's developmental network type (``None`` for an empty network)."""
    from mentorkit.network import network_shape

    if not workbook.contacts:
        return None
    return str(network_shape(workbook).type)


def _goal_reviews(workbook: Workbook, today: date) -> dict[str, dict[str, Any]]:
    """Per goal: whether the goal review finds it ready, and its finding codes."""
    from mentorkit.goals import review_workbook_goals  # here: a summary's import stays light

    review = review_workbook_goals(workbook, today)
    return {
        item.goal_id: {"ready": item.ready, "findings": list(item.codes)} for item in review.reviews
    }


def participant_gaps(workbook: Workbook) -> list[dict[str, str]]:
    """Areas of the participant's active goals that nobody in their network can help with.

    Uses the network analysis' ``no_candidate`` gaps; a goal without written areas needs
    the content words of its statement (see :func:`mentorkit.network.goal_needs`).
    """
    from mentorkit.network import find_gaps, goal_needs

    gaps: list[dict[str, str]] = []
    seen: set[str] = set()
    for gap in find_gaps(workbook):
        if gap.kind != "no_candidate" or gap.goal_id is None:
            continue
        try:
            goal = workbook.goal(gap.goal_id)
        except KeyError:
            continue
        needs, _ = goal_needs(goal, organisation=workbook.profile.organisation)
        for need in needs:
            area = _area(need)
            if area and area not in seen:
                seen.add(area)
                gaps.append({"area": area, "goal_id": goal.id})
    return gaps


def participant_strengths(workbook: Workbook) -> list[str]:
    """Areas where the participant can help a peer.

    An area counts when someone in their network covers it (the participant can introduce
    them) or when it belongs to a goal they have achieved (they have done it themselves).
    """
    areas = {_area(area) for contact in workbook.contacts for area in contact.areas}
    areas |= {
        _area(area) for goal in workbook.goals if goal.status == "achieved" for area in goal.areas
    }
    return sorted(area for area in areas if area)


def participant_summary(
    workbook: Workbook, today: date, *, participant_id: str = ""
) -> dict[str, Any]:
    """One participant's metrics as plain JSON values (what ``summary.json`` holds).

    Args:
        workbook: The participant's workbook.
        today: The date progress is measured at.
        participant_id: The roster's id (the workbook's own id when empty).
    """
    from mentorkit.feedback import shared_feedback
    from mentorkit.progress import progress_summary

    reviews = _goal_reviews(workbook, today)
    active = workbook.active_goals()
    goal_types = Counter(goal.type or UNSET_TYPE for goal in active)
    return {
        "summary_version": SUMMARY_VERSION,
        "participant_id": participant_id or workbook.participant_id,
        "name": workbook.profile.name,
        "today": today.isoformat(),
        "goals": [
            {
                "id": goal.id,
                "type": goal.type,
                "status": goal.status,
                "areas": [_area(a) for a in goal.areas if a.strip()],
                "ready": reviews.get(goal.id, {}).get("ready"),
                "findings": reviews.get(goal.id, {}).get("findings", []),
            }
            for goal in workbook.goals
        ],
        "goal_types": dict(sorted(goal_types.items())),
        "network": {
            "contacts": len(workbook.contacts),
            "type": _network_type(workbook),
            "spheres": dict(sorted(Counter(c.sphere for c in workbook.contacts).items())),
            "ties": dict(sorted(Counter(c.tie_strength for c in workbook.contacts).items())),
        },
        "strengths": participant_strengths(workbook),
        "gaps": participant_gaps(workbook),
        "asks": dict(sorted(Counter(m.status for m in workbook.mentorships).items())),
        "progress": progress_summary(workbook, today),
        "feedback": shared_feedback(workbook),
    }


def summary_bytes(summary: Mapping[str, Any]) -> bytes:
    """A summary as the bytes of ``summary.json`` (the runner's and ``cohort collect``'s)."""
    return (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
