"""Tests for :mod:`mentorkit.goals`: the goal review heuristics and the type suggestion."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit import store
from mentorkit.goals import (
    GOAL_CODES,
    Finding,
    GoalReview,
    review_goal,
    review_workbook_goals,
    suggest_goal_type,
)
from mentorkit.model import Goal, Workbook
from mentorkit.sample import SAMPLE_TODAY

TODAY = SAMPLE_TODAY


def make_goal(statement: str, **changes: Any) -> Goal:
    """A goal that is well formed in every field except the ones a case changes."""
    goal = Goal(
        id="g-test",
        statement=statement,
        type="short_term_career",
        why="It matters to me because my team depends on it.",
        success_measure="Done and confirmed by my manager in writing.",
        target_date=TODAY + timedelta(weeks=6),
        first_step="Book thirty minutes with my manager",
        first_step_date=TODAY + timedelta(days=2),
        confidence=5,
    )
    return replace(goal, **changes)


# (statement, field changes, codes it must get, codes it must not get)
CASES: list[tuple[str, dict[str, Any], set[str], set[str]]] = [
    # --- well-formed goals in plain words: nothing language-based may fire -------------
    (
        "Hold a one-to-one with each of my six new reports and note what each needs",
        {},
        set(),
        {"vague", "compound", "not_measurable"},
    ),
    (
        "Write a two-page career plan and discuss it with my manager",
        {"type": "long_term_career"},
        set(),
        {"vague", "compound"},
    ),
    (
        "Map how decisions get made in my department and meet the five people who make them",
        {},
        set(),
        {"vague", "compound"},
    ),
    (
        "Name the three values that matter most to me and test one decision a week against them",
        {"type": "psychosocial"},
        set(),
        {"vague", "compound"},
    ),
    (
        "Lead one client workshop from start to finish so I can put facilitation on my CV",
        {"why": ""},
        set(),
        {"vague", "compound", "no_why"},
    ),
    ("Keep two evenings a week free of work e-mail for six weeks", {}, set(), {"vague"}),
    ("Present our quarterly results at the all-hands meeting", {}, set(), {"vague"}),
    ("Publish one article on the intranet about our data work", {}, set(), {"vague"}),
    ("Speak at least once in every weekly leadership meeting", {}, set(), {"vague"}),
    (
        "Improve my Python by shipping two small internal tools",
        {},
        set(),
        {"vague"},
    ),
    ("Run my first budget review without help", {}, set(), {"vague", "compound"}),
    ("Give 3 talks at local meetups", {"success_measure": ""}, set(), {"not_measurable"}),
    (
        "Interview four people who moved from engineering into product, then write up what I learned",
        {},
        set(),
        {"vague"},
    ),
    (
        "Shadow a senior engineer for two on-call shifts and document the runbook gaps I find",
        {},
        set(),
        {"vague", "compound"},
    ),
    (
        "Complete the onboarding checklist and meet every team lead",
        {},
        set(),
        {"vague", "compound"},
    ),
    ("Draft and send my manager a proposal for flexible working", {}, set(), {"compound"}),
    (
        "Pass the AWS Solutions Architect exam",
        {"success_measure": ""},
        set(),
        {"not_measurable", "vague"},
    ),
    # --- vague ---------------------------------------------------------------------
    ("Get better at leadership", {}, {"vague"}, {"compound"}),
    # a skill named by an -ing word is still not a result
    ("Get better at public speaking", {}, {"vague"}, set()),
    ("Get better at giving feedback", {}, {"vague"}, set()),
    ("Improve my presenting", {}, {"vague"}, set()),
    ("Improve my presenting by giving a talk at the all-hands", {}, set(), {"vague"}),
    ("Be more confident in meetings", {}, {"vague"}, set()),
    ("Improve my communication skills", {}, {"vague"}, set()),
    ("Work on my presence with senior stakeholders", {}, {"vague"}, set()),
    ("Leadership", {}, {"vague"}, set()),
    ("Public speaking", {}, {"vague"}, set()),
    ("Focus on networking", {}, {"vague"}, set()),
    # --- not measurable -------------------------------------------------------------
    ("Present our roadmap to the board", {"success_measure": ""}, {"not_measurable"}, set()),
    (
        "Present our roadmap to the board",
        {"success_measure": "I feel more confident"},
        {"not_measurable"},
        {"vague"},
    ),
    (
        "Present our roadmap to the board",
        {"success_measure": "Board approves the roadmap at the March meeting"},
        set(),
        {"not_measurable"},
    ),
    # --- compound -------------------------------------------------------------------
    (
        "Become a director and also learn Spanish and run a marathon",
        {"type": "long_term_career"},
        {"compound"},
        set(),
    ),
    ("Get promoted; learn to cook", {}, {"compound"}, set()),
    ("Publish a blog post as well as run a team offsite", {}, {"compound"}, set()),
    (
        "Write a budget proposal and run a marathon",
        {},
        {"compound"},
        set(),
    ),
    ("Get promoted and learn Spanish", {}, {"compound"}, set()),
    ("Finish my MBA application and also renovate the kitchen", {}, {"compound"}, set()),
    ("Map the stakeholders; then book meetings with the top five", {}, set(), {"compound"}),
    ("Meet my manager as well as her team", {}, set(), {"compound", "vague"}),
    (
        "Meet my new team and understand what they expect from me",
        {},
        set(),
        {"compound", "vague"},
    ),
    ("Understand the budget process", {}, {"vague"}, set()),
    ("Explore career options outside engineering", {}, {"vague"}, set()),
    ("Get better at leadership and also run a marathon", {}, {"vague", "compound"}, set()),
    ("Improve my communication and run two workshops", {}, set(), {"vague"}),
    # --- dates, horizon, commitment, confidence, type --------------------------------
    (
        "Publish one article on the intranet",
        {"target_date": TODAY + timedelta(weeks=20)},
        {"horizon_too_long"},
        set(),
    ),
    (
        "Publish one article on the intranet",
        {"target_date": TODAY + timedelta(weeks=8)},
        set(),
        {"horizon_too_long"},
    ),
    (
        "Publish one article on the intranet",
        {"target_date": TODAY + timedelta(weeks=8, days=1)},
        {"horizon_too_long"},
        set(),
    ),
    (
        "Publish one article on the intranet",
        {"target_date": None},
        {"no_target_date"},
        {"horizon_too_long"},
    ),
    (
        "Publish one article on the intranet",
        {"target_date": TODAY - timedelta(days=3)},
        {"target_date_passed"},
        {"horizon_too_long"},
    ),
    ("Publish one article on the intranet", {"why": "  "}, {"no_why"}, set()),
    ("Publish one article on the intranet", {"first_step": ""}, {"no_first_step"}, set()),
    (
        "Publish one article on the intranet",
        {"first_step_date": None},
        {"no_first_step"},
        set(),
    ),
    (
        "Publish one article on the intranet",
        {"first_step_date": TODAY + timedelta(weeks=7)},
        {"first_step_after_target"},
        {"no_first_step"},
    ),
    ("Publish one article on the intranet", {"confidence": 3}, {"low_confidence"}, set()),
    ("Publish one article on the intranet", {"confidence": 4}, set(), {"low_confidence"}),
    ("Publish one article on the intranet", {"type": None}, {"type_missing"}, set()),
    # --- other languages: no language-based findings, the rest still works ------------
    (
        "Mejorar mi liderazgo y aprender a delegar",
        {"confidence": 2},
        {"low_confidence"},
        {"vague", "compound"},
    ),
    ("Verbessern Sie meine Führungsqualitäten", {}, set(), {"vague", "compound"}),
    (
        "在八周内完成三篇技术文章并在团队内分享",
        {"type": None, "why": ""},
        {"type_missing", "no_why"},
        {"vague", "compound"},
    ),
    ("تحسين مهارات القيادة لدي", {}, set(), {"vague", "compound", "not_measurable"}),
    ("リーダーシップを向上させる", {"success_measure": ""}, {"not_measurable"}, {"vague"}),
    # --- hostile text ------------------------------------------------------------------
    ("", {}, {"statement_missing"}, {"vague", "compound"}),
    ("   \n\t ", {}, {"statement_missing"}, {"vague"}),
    (
        "<script>alert('x')</script> Publish one article",
        {},
        set(),
        {"vague", "statement_missing"},
    ),
    ("🚀🚀🚀 Ship 2 features 🎉", {}, set(), {"vague", "compound"}),
    ("and and and and ; ; plus also", {}, set(), set()),
    ("x" * 10_000, {}, {"statement_too_long"}, {"statement_missing"}),
    ("improve " * 2_000, {}, {"vague", "statement_too_long"}, set()),
]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    ("statement", "changes", "must", "must_not"),
    CASES,
    ids=[f"{i:02d}-{case[0][:30]}" for i, case in enumerate(CASES)],
)
def test_review_goal_codes(
    statement: str, changes: dict[str, Any], must: set[str], must_not: set[str]
) -> None:
    review = review_goal(make_goal(statement, **changes), TODAY)
    codes = set(review.codes)
    assert must <= codes, f"missing {must - codes}; got {sorted(codes)}"
    assert not (must_not & codes), f"unexpected {must_not & codes}; got {sorted(codes)}"
    assert codes <= set(GOAL_CODES)


def test_a_well_formed_goal_gets_no_finding_at_all() -> None:
    review = review_goal(make_goal("Present our quarterly results at the all-hands"), TODAY)
    assert review.findings == ()
    assert review.ready


def test_findings_carry_message_fix_and_severity() -> None:
    goal = Goal(id="g-rough", statement="Get better at leadership", confidence=2)
    review = review_goal(goal, TODAY)
    for finding in review.findings:
        assert isinstance(finding, Finding)
        assert finding.severity in ("problem", "suggestion")
        assert finding.message.strip() and finding.fix.strip()
        assert finding.code in GOAL_CODES
    assert {f.code for f in review.problems} >= {"vague", "not_measurable", "low_confidence"}
    assert not review.ready


def test_vague_finding_names_the_words_that_caused_it() -> None:
    review = review_goal(make_goal("I want to get better at leadership"), TODAY)
    (vague,) = [f for f in review.findings if f.code == "vague"]
    assert any("better" in word for word in vague.evidence)


def test_compound_lists_the_parts() -> None:
    review = review_goal(make_goal("Become a director and also learn Spanish"), TODAY)
    (compound,) = [f for f in review.findings if f.code == "compound"]
    assert len(compound.evidence) == 2
    assert compound.severity == "problem"


def test_two_unrelated_clauses_are_only_a_suggestion() -> None:
    review = review_goal(make_goal("Write a budget proposal and run a marathon"), TODAY)
    (compound,) = [f for f in review.findings if f.code == "compound"]
    assert compound.severity == "suggestion"


def test_horizon_is_measured_from_today() -> None:
    goal = make_goal("Publish one article", target_date=date(2027, 3, 1))
    assert "horizon_too_long" in review_goal(goal, date(2026, 11, 1)).codes
    assert "horizon_too_long" not in review_goal(goal, date(2027, 2, 1)).codes


def test_type_missing_offers_the_suggested_type() -> None:
    goal = make_goal("Write my career plan for the next five years", type=None)
    review = review_goal(goal, TODAY)
    (missing,) = [f for f in review.findings if f.code == "type_missing"]
    assert "long-term career" in missing.fix.lower()
    assert review.type_suggestion.type == "long_term_career"


# --- suggest_goal_type ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "expected", "word"),
    [
        (
            "Get through onboarding in my new role and learn the team norms",
            "short_term_career",
            "onboarding",
        ),
        ("Make a plan for my first 90 days as a manager", "short_term_career", "first 90 days"),
        ("Prepare my case for promotion next spring", "long_term_career", "promotion"),
        ("Fill the skills gap on my CV with a certification", "long_term_career", "cv"),
        ("Write down my values and what gives my work meaning", "psychosocial", "values"),
        ("Find a better work-life balance", "psychosocial", "balance"),
        ("Feel confident when I disagree with senior people", "psychosocial", "confident"),
        ("NEW ROLE: understand who decides what", "short_term_career", "new role"),
    ],
)
def test_suggest_goal_type(statement: str, expected: str, word: str) -> None:
    suggestion = suggest_goal_type(statement)
    assert suggestion.type == expected
    assert word in suggestion.words
    assert suggestion.label
    assert word in suggestion.explain().lower()


@pytest.mark.parametrize(
    "statement", ["", "Bake bread", "Mejorar mi liderazgo", "🙂", "x" * 10_000, "<b>values"]
)
def test_suggest_goal_type_never_crashes(statement: str) -> None:
    suggestion = suggest_goal_type(statement)
    assert suggestion.type is None or suggestion.words
    assert len(suggestion.scores) == 3


def test_suggest_goal_type_does_not_match_inside_words() -> None:
    # "cv" inside "cvs" and "rest" inside "interesting" must not count.
    assert suggest_goal_type("Count the cvs pharmacy receipts").type is None
    assert suggest_goal_type("An interesting restaurant").type is None


# --- the workbook level and the sample ----------------------------------------------


def test_too_many_goals_counts_only_active_goals() -> None:
    goals = [make_goal(f"Publish article {n}", id=f"g{n}") for n in range(4)]
    workbook = Workbook(goals=goals)
    assert review_workbook_goals(workbook, TODAY).codes == ("too_many_goals",)
    goals[0].status = "achieved"
    assert review_workbook_goals(workbook, TODAY).codes == ()


def test_review_workbook_goals_on_empty_workbook() -> None:
    review = review_workbook_goals(Workbook(), TODAY)
    assert review.reviews == () and review.findings == () and review.problem_count == 0


def test_sample_rough_goals_of_p06(cohort_dir: Path, today: date) -> None:
    workbook = store.load_workbook(cohort_dir / "workbooks" / "p06.json")
    review = review_workbook_goals(workbook, today)
    rough = review.review_for("g-rough1-p06")
    assert {
        "vague",
        "not_measurable",
        "no_why",
        "no_first_step",
        "type_missing",
        "low_confidence",
    } <= set(rough.codes)
    assert "compound" not in rough.codes
    compound = review.review_for("g-rough2-p06")
    assert {"compound", "horizon_too_long", "low_confidence", "no_first_step"} <= set(
        compound.codes
    )
    assert "type_missing" not in compound.codes


def test_sample_p07_has_too_many_goals(cohort_dir: Path, today: date) -> None:
    workbook = store.load_workbook(cohort_dir / "workbooks" / "p07.json")
    assert "too_many_goals" in review_workbook_goals(workbook, today).codes


@pytest.mark.parametrize("participant", ["p01", "p02", "p03", "p04", "p05", "p07"])
def test_sample_well_formed_goals_have_no_language_findings(
    cohort_dir: Path, today: date, participant: str
) -> None:
    workbook = store.load_workbook(cohort_dir / "workbooks" / f"{participant}.json")
    for review in review_workbook_goals(workbook, today).reviews:
        assert not {"vague", "compound", "not_measurable", "no_why"} & set(review.codes), (
            review.goal_id,
            review.codes,
        )


def test_review_for_unknown_goal_names_it() -> None:
    with pytest.raises(KeyError, match="nope"):
        review_workbook_goals(Workbook(), TODAY).review_for("nope")


# --- robustness and speed --------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    statement=st.text(max_size=400),
    why=st.text(max_size=80),
    measure=st.text(max_size=80),
    confidence=st.integers(1, 7),
)
def test_review_goal_never_crashes(statement: str, why: str, measure: str, confidence: int) -> None:
    goal = make_goal(statement, why=why, success_measure=measure, confidence=confidence)
    review = review_goal(goal, TODAY)
    assert isinstance(review, GoalReview)
    assert set(review.codes) <= set(GOAL_CODES)
    assert len(review.codes) == len(set(review.codes))


def test_review_goal_is_fast_on_a_pasted_page() -> None:
    goal = make_goal(("Improve and also learn and run; " * 400)[:10_000], why="w " * 5000)
    start = time.perf_counter()
    for _ in range(20):
        review_goal(goal, TODAY)
    per_review = (time.perf_counter() - start) / 20
    assert per_review < 0.05, f"{per_review * 1000:.1f} ms per review"
