"""Tests for :mod:`mentorkit.goals`: the goal review heuristics and the type suggestion."""

from __future__ import annotations

import re
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
    FINDING_LABELS,
    GOAL_CODES,
    Finding,
    GoalReview,
    is_missing,
    is_placeholder,
    review_goal,
    review_workbook_goals,
    suggest_goal_type,
)
from mentorkit.language import detect_language
from mentorkit.model import Goal, Workbook
from mentorkit.sample import SAMPLE_TODAY
from tests.goal_table import HELDOUT_TABLE, MAIN_TABLE, Case, load_cases, score, type_accuracy

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
    # --- French, Spanish, German get the wording checks; other languages a note ---------
    (
        "Mejorar mi liderazgo y aprender a delegar",
        {"confidence": 2},
        {"low_confidence", "vague"},
        {"compound", "wording_not_checked"},
    ),
    ("Verbessern Sie meine Führungsqualitäten", {}, {"vague"}, {"compound"}),
    (
        "在八周内完成三篇技术文章并在团队内分享",
        {"type": None, "why": ""},
        {"type_missing", "no_why", "wording_not_checked"},
        {"vague", "compound"},
    ),
    (
        "تحسين مهارات القيادة لدي",
        {},
        {"wording_not_checked"},
        {"vague", "compound", "not_measurable"},
    ),
    (
        "リーダーシップを向上させる",
        {"success_measure": ""},
        {"not_measurable", "wording_not_checked"},
        {"vague"},
    ),
    ("Migliorare la mia leadership", {}, {"wording_not_checked"}, {"vague"}),
    ("Publish one article on the intranet", {}, set(), {"wording_not_checked"}),
    # --- placeholders count as missing --------------------------------------------------
    ("Publish one article on the intranet", {"why": "n/a"}, {"no_why"}, set()),
    ("Publish one article on the intranet", {"why": "N/A."}, {"no_why"}, set()),
    ("Publish one article on the intranet", {"first_step": "TBD"}, {"no_first_step"}, set()),
    ("Publish one article on the intranet", {"first_step": "start"}, {"no_first_step"}, set()),
    ("Publish one article on the intranet", {"first_step": "-"}, {"no_first_step"}, set()),
    ("Present our roadmap to the board", {"success_measure": "?"}, {"not_measurable"}, set()),
    (
        "Present our roadmap to the board",
        {"success_measure": "think about it"},
        {"not_measurable"},
        set(),
    ),
    ("TBD", {}, {"statement_missing"}, {"vague"}),
    # --- avoidance ------------------------------------------------------------------------
    ("Stop answering e-mails at night", {}, {"avoidance"}, {"compound"}),
    ("I want to stop saying yes to every request", {}, {"avoidance"}, set()),
    ("Keep two evenings a week free of work e-mail", {}, set(), {"avoidance"}),
    ("Arrêter de répondre aux mails le soir", {}, {"avoidance"}, set()),
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


@pytest.mark.parametrize(
    ("statement", "compound"),
    [
        ("Change careers and become a paramedic", False),
        ("Cambiar de carrera y trabajar en una ONG", False),
        ("Change careers and also become a paramedic", True),
        ("Change careers and run a marathon", True),
        ("Finish the audit and become a school governor", True),
    ],
)
def test_a_career_change_and_its_destination_are_one_goal(statement: str, compound: bool) -> None:
    codes = review_goal(make_goal(statement), TODAY).codes
    assert ("compound" in codes) is compound
    assert "compound" in codes or "too_big" in codes


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
    assert suggestion.explain()
    assert len(suggestion.scores) == 3
    # only text with no words at all gets no type
    assert (suggestion.type is None) == (statement in ("", "🙂", "x" * 10_000))


def test_suggest_goal_type_does_not_match_inside_words() -> None:
    # "cv" inside "cvs" and "rest" inside "interesting" must not count.
    assert "cv" not in suggest_goal_type("Count the cvs pharmacy receipts").words
    assert suggest_goal_type("Count the cvs pharmacy receipts").type != "long_term_career"
    assert "rest" not in suggest_goal_type("An interesting restaurant").words


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


# --- the labelled tables (tests/data/goals_table.toml) ---------------------------------

TABLE = load_cases(MAIN_TABLE)


def test_the_table_is_large_and_varied() -> None:
    assert len(TABLE) >= 120
    languages = {detect_language(case.statement) for case in TABLE}
    assert {"en", "fr", "es", "de"} <= languages
    for code in ("too_big", "vague", "compound"):
        assert sum(code in case.must for case in TABLE) >= 15
        assert sum(code in case.must_not for case in TABLE) >= 15


@pytest.mark.parametrize(
    "case", TABLE, ids=[f"{i:03d}-{c.statement[:30]}" for i, c in enumerate(TABLE)]
)
def test_table_goal_codes(case: Case) -> None:
    codes = set(review_goal(case.goal(), TODAY).codes)
    assert case.must <= codes, f"missing {case.must - codes}; got {sorted(codes)}"
    assert not (case.must_not & codes), f"unexpected {case.must_not & codes}; got {sorted(codes)}"


def test_table_scores_meet_the_targets() -> None:
    for code, result in score(TABLE).items():
        assert result.recall >= 0.85 and result.precision >= 0.9, (code, result)
    right, total = type_accuracy(TABLE)
    assert right / total >= 0.8, (right, total)


def test_heldout_table_loads_and_is_scored() -> None:
    # Not tuned against (see benchmarks/bench_goals.py for its figures); here only: it is
    # well formed and the scoring counts every labelled case.
    cases = load_cases(HELDOUT_TABLE)
    assert len(cases) >= 50
    scores = score(cases)
    for code, result in scores.items():
        labelled = sum(code in case.must for case in cases)
        assert result.true_positives + result.false_negatives == labelled


# --- too big ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "step"),
    [
        ("Become head of department", "promotion case"),
        ("Write a whole book", "outline and the first chapter"),
        ("Switch careers into nursing", "three conversations"),
        ("Transform the culture of my team", "one change in your own part"),
        ("Start my own company", "interview five people"),
        ("Become fluent in French", "one level you could show"),
    ],
)
def test_too_big_is_a_problem_whose_fix_names_a_reachable_step(statement: str, step: str) -> None:
    review = review_goal(make_goal(statement), TODAY)
    (big,) = [f for f in review.findings if f.code == "too_big"]
    assert big.severity == "problem"
    assert step in big.fix
    assert "long-term direction" in big.fix
    assert not review.ready


def test_a_step_towards_a_big_thing_is_not_too_big() -> None:
    for statement in (
        "Prepare my promotion case",
        "Shadow two directors for a day",
        "Draft the outline of my thesis",
    ):
        assert "too_big" not in review_goal(make_goal(statement), TODAY).codes, statement


# Made-up nouns and adjectives stand in for any vocabulary: these rules read the shape
# of the goal, not a list of its words.
@pytest.mark.parametrize(
    ("statement", "code", "expected"),
    [
        # a state verb heading a clause with nothing observable in it is vague ...
        ("Be thoroughly zorbish at the depot", "vague", True),
        ("Know the frabble system inside out", "vague", True),
        ("Être vraiment zorbique au dépôt", "vague", True),
        ("Saber hacia dónde quiero ir con el frabble", "vague", True),
        # ... unless the clause names a count or something done
        ("Be at the frabble desk by 8 on three mornings", "vague", False),
        # "become" + an article names a post to be given, whatever the post
        ("Become a chartered frabble surveyor", "too_big", True),
        ("Become a more zorbish frabbler", "too_big", False),
        ("Frabbleleiter in der Werkstatt werden", "too_big", True),
        ("Im Team ruhiger werden", "too_big", False),
        # the object taken whole right after the verb
        ("Clear the entire frabble backlog", "too_big", True),
        ("Den ganzen Frabble digitalisieren", "too_big", True),
        ("Check the frabble every evening", "too_big", False),
        ("Meet the whole frabble team", "too_big", False),
        ("Outline the whole frabble plan", "too_big", False),
        # a verb of getting whose object is a post, or something of one's own
        ("Land a full-time frabble post", "too_big", True),
        ("Open a little frabble shop of my own", "too_big", True),
        ("Find my feet in the new frabble job", "too_big", False),
        ("Get feedback on my frabble job application", "too_big", False),
    ],
)
def test_structural_rules_read_the_shape_not_the_words(
    statement: str, code: str, expected: bool
) -> None:
    assert (code in review_goal(make_goal(statement), TODAY).codes) is expected


def test_an_outcome_after_after_is_background() -> None:
    codes = review_goal(make_goal("Get my confidence back after the restructure"), TODAY).codes
    assert "too_big" not in codes
    codes = review_goal(make_goal("Get into the police after leaving the army"), TODAY).codes
    assert "too_big" in codes


# --- the whole goal is read --------------------------------------------------------------


def test_a_concrete_measure_makes_a_vague_statement_a_suggestion() -> None:
    rough = make_goal("Feel less anxious before presentations", success_measure="")
    (vague,) = [f for f in review_goal(rough, TODAY).findings if f.code == "vague"]
    assert vague.severity == "problem"
    measured = replace(rough, success_measure="My anxiety self-rating goes from 8 to 5")
    (vague,) = [f for f in review_goal(measured, TODAY).findings if f.code == "vague"]
    assert vague.severity == "suggestion"
    assert "not_measurable" not in review_goal(measured, TODAY).codes


def test_a_placeholder_measure_does_not_rescue_a_vague_statement() -> None:
    goal = make_goal("Be more strategic", success_measure="TBD")
    review = review_goal(goal, TODAY)
    (vague,) = [f for f in review.findings if f.code == "vague"]
    assert vague.severity == "problem"
    assert "not_measurable" in review.codes


@pytest.mark.parametrize(
    "text", ["TBD", "tbc", "n/a", "N/A", "?", "-", "...", "think about it", "start", " ? "]
)
def test_placeholders(text: str) -> None:
    assert is_placeholder(text) and is_missing(text)


@pytest.mark.parametrize("text", ["", "Book a meeting", "Start the draft on Monday", "7"])
def test_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


def test_a_number_counts_only_when_attached_to_something() -> None:
    assert "vague" in review_goal(make_goal("Be 10x more productive"), TODAY).codes
    assert "vague" in review_goal(make_goal("Be 3 times more organised"), TODAY).codes
    assert (
        "vague"
        not in review_goal(make_goal("Improve onboarding by running 2 sessions"), TODAY).codes
    )


# --- several goals in one --------------------------------------------------------------


def test_three_goals_are_counted_as_three_and_are_a_problem() -> None:
    review = review_goal(
        make_goal("Get promoted, finish my dissertation, run a half marathon"), TODAY
    )
    (compound,) = [f for f in review.findings if f.code == "compound"]
    assert compound.severity == "problem"
    assert len(compound.evidence) == 3
    assert "3 separate goals" in compound.message


@pytest.mark.parametrize(
    "statement",
    [
        "Enviar el informe y también aprender a nadar",
        "Terminar el informe y también aprender a nadar",
        "Den Bericht schreiben und außerdem Gitarre lernen",
        "Finir le rapport et aussi apprendre à nager",
        "Finish the rota plus redecorate the staff room",
        "Finish the rota and also redecorate the staff room",
        "Finish the rota as well as redecorate the staff room",
    ],
)
def test_compound_joints_in_four_languages(statement: str) -> None:
    assert "compound" in review_goal(make_goal(statement), TODAY).codes


# --- messages ----------------------------------------------------------------------------


def test_the_whole_vague_phrase_is_quoted() -> None:
    review = review_goal(make_goal("Be more strategic"), TODAY)
    (vague,) = [f for f in review.findings if f.code == "vague"]
    assert "“Be more strategic”" in vague.message


def test_examples_suit_the_goal_type() -> None:
    goal = make_goal("Feel calmer", type="psychosocial", success_measure="")
    review = review_goal(goal, TODAY)
    text = " ".join(f.fix for f in review.findings)
    assert "one-to-ones" not in text
    assert "evenings" in text


def test_quotes_are_never_cut_mid_word() -> None:
    statement = "Organise " + "wonderfully " * 10 + "a workshop"
    review = review_goal(make_goal(statement, success_measure="be more " + "amazing " * 12), TODAY)
    for finding in review.findings:
        for quoted in re.findall(r"“([^”]*)”", finding.message):
            if quoted.endswith("…"):
                last = quoted[:-1].split()[-1]
                assert last in statement.split() + ("be more " + "amazing " * 12).split()


def test_no_capital_after_a_semicolon_and_no_codes_in_messages() -> None:
    goals = [
        make_goal("Get promoted; Learn Spanish; Run a marathon"),
        make_goal("Improve my leadership", type=None, confidence=2, why="", success_measure=""),
        make_goal("Stop working weekends", type=None),
    ]
    for goal in goals:
        for finding in review_goal(goal, TODAY).findings:
            for text in (finding.message, finding.fix):
                assert not re.search(r"; [A-Z](?![A-Z])", text.replace("; I ", "; i ")), text
                assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text


def test_every_code_has_a_label() -> None:
    assert set(FINDING_LABELS) == set(GOAL_CODES)


# --- commitment ---------------------------------------------------------------------------


def test_low_confidence_offers_support_and_an_obstacle_plan() -> None:
    review = review_goal(make_goal("Publish one article", confidence=2), TODAY)
    (low,) = [f for f in review.findings if f.code == "low_confidence"]
    assert low.severity == "problem"
    assert "if-then" in low.fix and "support" in low.fix and "obstacle" in low.fix


def test_a_named_obstacle_and_plan_make_low_confidence_a_suggestion() -> None:
    goal = make_goal(
        "Publish one article",
        confidence=2,
        obstacle="Ward shifts eat my evenings",
        if_then="If a shift runs late, I will write for 20 minutes the next morning",
    )
    (low,) = [f for f in review_goal(goal, TODAY).findings if f.code == "low_confidence"]
    assert low.severity == "suggestion"


def test_avoidance_offers_the_approach_phrasing() -> None:
    review = review_goal(make_goal("Stop answering e-mails at night"), TODAY)
    (avoid,) = [f for f in review.findings if f.code == "avoidance"]
    assert avoid.severity == "suggestion"
    assert "instead" in avoid.message and "rather than" in avoid.fix


def test_obstacle_and_if_then_round_trip_through_the_store(tmp_path: Path) -> None:
    goal = make_goal("Publish one article", obstacle="Night shifts", if_then="If X, I will Y")
    path = tmp_path / "wb.json"
    store.save_workbook(Workbook(goals=[goal]), path)
    (loaded,) = store.load_workbook(path).goals
    assert (loaded.obstacle, loaded.if_then) == ("Night shifts", "If X, I will Y")
    assert loaded.statement == goal.statement


# --- type suggestion ------------------------------------------------------------------------


def test_type_suggestion_reads_the_why() -> None:
    assert suggest_goal_type("Write one page a day").type != "long_term_career"
    suggestion = suggest_goal_type(
        "Write one page a day", why="It is the first step to a career in journalism"
    )
    assert suggestion.type == "long_term_career"


def test_ties_are_broken_by_evidence_not_list_order() -> None:
    # one short-term and one psychosocial word: the statement's own evidence decides
    suggestion = suggest_goal_type("Keep my evenings free", why="my team")
    assert suggestion.type == "psychosocial"
    # equal weight: the evidence that comes first decides, whichever type is listed first
    assert suggest_goal_type("onboarding values").type == "short_term_career"
    assert suggest_goal_type("values onboarding").type == "psychosocial"
    # nothing points anywhere: the fallback order names a type, and says it is a fallback
    assert suggest_goal_type("Bake bread").words == ("bake",)  # a cue of everyday life
    fallback = suggest_goal_type("Tidy the shed")
    assert fallback.type == "psychosocial"
    assert not fallback.words
    assert "Nothing in the words points to a type" in fallback.explain()


@pytest.mark.parametrize(
    ("statement", "why", "expected"),
    [
        # weaker cues decide when the vocabulary is silent: feeling words, next-step words
        ("Get my spark back", "", "psychosocial"),
        ("Stop being a pushover", "", "psychosocial"),
        ("Develop my management style", "", "long_term_career"),
        ("Crecer profesionalmente", "", "long_term_career"),
        ("Understand how the claims approval chain works", "", "short_term_career"),
        (
            "Sign up for the Tuesday evening class",
            "I need the certificate for team leader posts",
            "long_term_career",
        ),
        ("Sign up for the Tuesday evening class", "I feel lonely since the move", "psychosocial"),
    ],
)
def test_type_falls_back_on_weaker_cues(statement: str, why: str, expected: str) -> None:
    assert suggest_goal_type(statement, why).type == expected


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("Réussir mon intégration dans la nouvelle équipe", "short_term_career"),
        ("Mettre à jour mon CV pour viser un poste de cadre", "long_term_career"),
        ("Retrouver un équilibre entre vie pro et vie perso", "psychosocial"),
        ("Conocer las normas de mi nuevo equipo", "short_term_career"),
        ("Preparar mi currículum para un ascenso", "long_term_career"),
        ("Cuidar mi bienestar y poner límites", "psychosocial"),
        ("Die Einarbeitung im neuen Team abschließen", "short_term_career"),
        ("Meinen Lebenslauf für eine Beförderung überarbeiten", "long_term_career"),
        ("Mehr Gelassenheit und klare Grenzen im Alltag", "psychosocial"),
    ],
)
def test_type_suggestion_in_other_languages(statement: str, expected: str) -> None:
    assert suggest_goal_type(statement).type == expected


# --- safe on any input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        " " * 10_000,
        " " * 3_500,
        "a" * 10_000,
        ("Get promoted, and also; plus & " * 400)[:10_000],
        "".join(chr(0x20 + (i * 7919) % 0x2FFF) for i in range(10_000)),
    ],
    ids=["spaces", "3500-spaces", "one-letter", "joints", "mixed"],
)
def test_review_and_type_suggestion_are_fast_on_any_10000_characters(statement: str) -> None:
    goal = make_goal(statement, why=statement, success_measure=statement, first_step=statement)
    review_goal(goal, TODAY)  # warm the vocabulary caches
    start = time.perf_counter()
    review_goal(replace(goal, id="other"), TODAY)
    suggest_goal_type(statement + " ", statement)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.25, f"{elapsed * 1000:.0f} ms"  # the < 50 ms target is in the benchmark


@settings(max_examples=150, deadline=None)
@given(
    statement=st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z")),
        max_size=300,
    ),
    why=st.text(max_size=60),
    measure=st.one_of(st.sampled_from(["", "TBD", "?", "n/a"]), st.text(max_size=60)),
    obstacle=st.text(max_size=40),
)
def test_any_text_in_any_language_gets_known_codes(
    statement: str, why: str, measure: str, obstacle: str
) -> None:
    goal = make_goal(statement, why=why, success_measure=measure, obstacle=obstacle)
    review = review_goal(goal, TODAY)
    assert set(review.codes) <= set(GOAL_CODES)
    assert len(review.codes) == len(set(review.codes))
    for finding in review.findings:
        assert finding.message and finding.fix
    suggestion = suggest_goal_type(statement, why)
    assert (
        suggestion.type is None
        or suggestion.words
        or "Nothing in the words" in (suggestion.explain())
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Hold",
                "two",
                "workshops",
                "and",
                "also",
                "run",
                "a",
                "marathon",
                ",",
                ";",
                "plus",
                "be",
                "more",
                "strategic",
                "become",
                "director",
                "y",
                "también",
                "und",
                "außerdem",
                "et",
                "aussi",
                "  ",
                "TBD",
            ]
        ),
        max_size=40,
    )
)
def test_word_salad_of_the_vocabularies_never_breaks_the_review(words: list[str]) -> None:
    review = review_goal(make_goal(" ".join(words)), TODAY)
    for finding in review.findings:
        if finding.code == "compound":
            assert len(finding.evidence) >= 2


# --- generalisation classes (goals2) -------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "Preparar la auditoría además de formar a la nueva farmacéutica",
        "die Inventur machen sowie den neuen Azubi einarbeiten",
    ],
)
def test_joints_whose_word_stems_differ_from_the_entry_split_goals(statement: str) -> None:
    # "además", "sowie" are exact-word joints: found by the word as written, not its stem.
    assert "compound" in review_goal(make_goal(statement), TODAY).codes


def test_a_long_word_one_slip_from_the_vocabulary_is_read_as_meant() -> None:
    assert "too_big" in review_goal(make_goal("get promted to band 6"), TODAY).codes
    assert "vague" in review_goal(make_goal("Improve my confidance"), TODAY).codes
    # a short word one letter from a vocabulary word is left alone ("lunch" / "launch")
    assert (
        "too_big" not in review_goal(make_goal("Go for a walk at lunch twice a week"), TODAY).codes
    )


def test_time_already_spent_is_background_not_a_result() -> None:
    background = "I've been in the role two months and I want to feel like I belong here"
    assert "vague" in review_goal(make_goal(background), TODAY).codes
    assert "vague" not in review_goal(make_goal("Write in my journal for two weeks"), TODAY).codes


@pytest.mark.parametrize(
    ("statement", "big"),
    [
        ("launch my own bakery", True),
        ("montar mi propio restaurante", True),
        ("reply to all the emails in my inbox", True),
        ("Ein Buch über nachhaltige Küche schreiben", True),
        ("Run the Tuesday stand-up on my own for four weeks", False),
        ("Mehr Sinn in meiner Arbeit finden", False),
    ],
)
def test_too_big_by_class(statement: str, big: bool) -> None:
    assert ("too_big" in review_goal(make_goal(statement), TODAY).codes) is big


def test_a_big_career_outcome_points_to_the_long_term_type() -> None:
    suggestion = suggest_goal_type(
        "launch my own bakery", "I have dreamt of this since I was a kid"
    )
    assert suggestion.type == "long_term_career"


@pytest.mark.parametrize(
    "statement",
    ["learn to say no", "apprendre à déléguer", "souveräner präsentieren", "nail my presentations"],
)
def test_a_skill_named_after_learn_to_or_a_comparison_is_vague(statement: str) -> None:
    assert "vague" in review_goal(make_goal(statement), TODAY).codes


@pytest.mark.parametrize(
    ("statement", "big"),
    [
        ("build a consultancy with two ex-colleagues", True),
        ("Qualify as a CPA", True),
        ("Sacarme el máster en dirección de empresas", True),
        ("mein eigenes Café aufmachen", True),
        ("start a daily meditation practice", False),
        ("Appeler deux anciens collègues passés dans le privé", False),
    ],
)
def test_ventures_qualifications_and_steps_towards_them(statement: str, big: bool) -> None:
    assert ("too_big" in review_goal(make_goal(statement), TODAY).codes) is big
