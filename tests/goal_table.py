"""The labelled goal tables (tests/data/goals_*.toml) and how to score the review on them.

Used by tests/unit/test_goals.py (every labelled code must hold) and benchmarks/bench_goals.py
(per-code precision and recall, on the main table and on the held-out one).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mentorkit.goals import GOAL_CODES, review_goal
from mentorkit.model import Goal

DATA = Path(__file__).parent / "data"
MAIN_TABLE = DATA / "goals_table.toml"
HELDOUT_TABLE = DATA / "goals_heldout.toml"
#: Blind sets (goals_blind*.toml): written by someone who had not read the rules, scored by
#: the benchmark before any tuning on them, then moved into the main table once tuned on.
BLIND_TABLES = tuple(sorted(DATA.glob("goals_blind*.toml")))
#: Blind-set goals the rules still get wrong after tuning on them: scored, not asserted.
OPEN_TABLE = DATA / "goals_open.toml"
TYPES = {"st": "short_term_career", "lt": "long_term_career", "ps": "psychosocial"}
#: The codes whose precision and recall the issue sets targets for.
SCORED_CODES = ("too_big", "vague", "compound")
TODAY = date(2026, 11, 23)


@dataclass(frozen=True)
class Case:
    """One labelled goal."""

    statement: str
    expected_type: str | None
    must: frozenset[str]
    must_not: frozenset[str]
    fields: dict[str, Any] = field(default_factory=dict)

    def goal(self, today: date = TODAY) -> Goal:
        """The goal, well formed in every field the case does not set."""
        values: dict[str, Any] = {
            "type": self.expected_type,
            "why": "It matters to me because my team depends on it.",
            "success_measure": "Done and confirmed by my manager in writing.",
            "target_date": today + timedelta(weeks=6),
            "first_step": "Book thirty minutes with my manager",
            "first_step_date": today + timedelta(days=2),
            "confidence": 5,
        }
        values.update(self.fields)
        return Goal(id="g-case", statement=self.statement, **values)


def load_cases(path: Path) -> list[Case]:
    """The cases of one table; unknown codes or types are an error in the table."""
    cases = []
    for row in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
        unknown = (set(row["must"]) | set(row["not"])) - set(GOAL_CODES)
        if unknown:
            raise ValueError(f"{path.name}: unknown codes {sorted(unknown)} for {row['s']!r}")
        fields = {}
        for key, name in (("m", "success_measure"), ("w", "why"), ("f", "first_step")):
            if key in row:
                fields[name] = row[key]
        cases.append(
            Case(
                statement=row["s"],
                expected_type=TYPES[row["t"]] if row.get("t") else None,
                must=frozenset(row["must"]),
                must_not=frozenset(row["not"]),
                fields=fields,
            )
        )
    return cases


@dataclass(frozen=True)
class Score:
    """Precision and recall of one code over a table."""

    code: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def score(cases: list[Case], codes: tuple[str, ...] = SCORED_CODES) -> dict[str, Score]:
    """Per code: a case labelled ``must`` is a positive, one labelled ``not`` a negative."""
    counts = {code: [0, 0, 0] for code in codes}
    for case in cases:
        found = set(review_goal(case.goal(), TODAY).codes)
        for code in codes:
            if code in case.must:
                counts[code][0 if code in found else 2] += 1
            elif code in case.must_not and code in found:
                counts[code][1] += 1
    return {code: Score(code, *values) for code, values in counts.items()}


def type_accuracy(cases: list[Case]) -> tuple[int, int]:
    """How many cases with an expected type get that type suggested, out of how many.

    The suggestion is made with the goal's type left unset (what the form does), from its
    statement only: the tables' whys are the same placeholder sentence for every case.
    """
    from mentorkit.goals import suggest_goal_type

    labelled = [case for case in cases if case.expected_type]
    right = sum(
        1
        for case in labelled
        if suggest_goal_type(case.statement, case.fields.get("why", "")).type == case.expected_type
    )
    return right, len(labelled)
