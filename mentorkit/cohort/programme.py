"""How the programme went, for the dashboard and ``cohort summarize --json``.

In the spirit of Kirkpatrick's levels: *reaction* (the participants' own ratings of their
mentorships, :func:`mentorkit.feedback.programme_feedback`, shown only once enough people
answered) and *behaviour* (:func:`what_changed`: goals achieved, mentorships completed,
goal attainment).  Pure: summaries in, plain JSON values out.
"""

from __future__ import annotations

import json
import random
import statistics
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mentorkit.feedback import MIN_ANSWERS, programme_feedback
from mentorkit.status import STARTED_STATUSES

if TYPE_CHECKING:
    from mentorkit.cohort.summary import CohortSummary


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return float(value)


def what_changed(summaries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Goals achieved, mentorships completed and the spread of GAS T-scores, cohort-wide."""
    goals_achieved = 0
    goals_total = 0
    completed = 0
    mentorships = 0
    scores: list[float] = []
    for summary in summaries:
        progress = summary.get("progress", {})
        progress = progress if isinstance(progress, Mapping) else {}
        goals_achieved += int(progress.get("goals_achieved", 0) or 0)
        goals = summary.get("goals", [])
        goals_total += len(goals) if isinstance(goals, list) else 0
        asks = summary.get("asks", {})
        asks = asks if isinstance(asks, Mapping) else {}
        completed += int(asks.get("completed", 0) or 0)
        mentorships += sum(int(asks.get(status, 0) or 0) for status in STARTED_STATUSES)
        score = _number(progress.get("gas_tscore"))
        if score is not None:
            scores.append(score)
    scores.sort()
    spread: dict[str, Any] = {"participants": len(scores)}
    if scores:
        spread |= {
            "min": round(scores[0], 2),
            "median": round(statistics.median(scores), 2),
            "max": round(scores[-1], 2),
            "at_or_above_50": sum(1 for s in scores if s >= 50),
        }
    return {
        "participants": len(summaries),
        "goals": goals_total,
        "goals_achieved": goals_achieved,
        "mentorships_started": mentorships,
        "mentorships_completed": completed,
        "gas": spread,
    }


def _records(frame: Any) -> list[dict[str, Any]]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))  # type: ignore[no-any-return]


def cohort_json(
    cohort: CohortSummary, *, min_answers: int = MIN_ANSWERS, rng: random.Random | None = None
) -> str:
    """Every cohort table, what changed and the programme feedback, as JSON text."""
    data = {
        "participants": _records(cohort.participants),
        "stalled": _records(cohort.stalled),
        "uncovered": _records(cohort.uncovered),
        "peer_matches": _records(cohort.matches),
        "what_changed": what_changed(cohort.summaries),
        "programme_feedback": programme_feedback(
            cohort.summaries, min_answers=min_answers, rng=rng
        ),
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
