"""The network-gap analysis on small hand-made networks whose right answer is obvious."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit import store
from mentorkit.model import (
    GOAL_TYPES,
    MENTOR_FUNCTIONS,
    SPHERES,
    TIE_STRENGTHS,
    Contact,
    Goal,
    Mentorship,
    Profile,
    Workbook,
)
from mentorkit.network import (
    DEFAULT_RANGE_THRESHOLD,
    DEFAULT_STRENGTH_THRESHOLD,
    NEAR_MATCH_FIT,
    Candidate,
    analyse_network,
    find_gaps,
    goal_needs,
    match,
    match_strength,
    network_shape,
    rank_candidates,
    relationship_role,
    suggest_areas,
    tag_key,
)
from tests.networks import load_network, network_names, rankings
from tests.strategies import text, workbooks


def _goal(goal_id: str = "g1", areas: tuple[str, ...] = ("budgeting",), **kw: object) -> Goal:
    kw.setdefault("type", "short_term_career")
    kw.setdefault("statement", "Run the quarterly budget review")
    return Goal(id=goal_id, areas=list(areas), **kw)  # type: ignore[arg-type]


def _contact(contact_id: str, **kw: object) -> Contact:
    kw.setdefault("name", contact_id.upper())
    return Contact(id=contact_id, **kw)  # type: ignore[arg-type]


def _in_rank_order(ranked: list[Candidate]) -> bool:
    """Best score first, except that people who turned this goal down come last."""
    keys = [(c.earlier_answer is not None, -c.score) for c in ranked]
    return keys == sorted(keys)


def _workbook(goals: list[Goal], contacts: list[Contact], org: str = "Acme") -> Workbook:
    return Workbook(profile=Profile(name="Sam", organisation=org), goals=goals, contacts=contacts)


# ---- tag matching ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("need", "offer", "expected"),
    [
        ("budgeting", "budgeting", 1.0),
        ("Budgeting", "  BUDGETING ", 1.0),
        ("work-life balance", "Work Life  Balance", 1.0),
        ("budgeting", "budgetting", 1.0),  # one letter too many
        ("stakeholder management", "stakeholder managment", 1.0),
        ("leadership", "team leadership", 0.9),  # one concept, two names
        ("team leadership", "leadership", 0.9),
        ("stakeholder management", "project management", 0.0),
        ("hiring", "hiking", 0.0),  # short words need an exact match
        ("values", "Value", 1.0),
        ("writing", "writting", 1.0),
        ("values", "", 0.0),
    ],
)
def test_match_strength(need: str, offer: str, expected: float) -> None:
    assert match_strength(need, offer) == expected


def test_tag_key_ignores_case_spacing_and_punctuation() -> None:
    assert tag_key(" Work-Life  balance ") == tag_key("worklife Balance") == "worklifebalance"


def test_goal_without_areas_falls_back_to_statement_words() -> None:
    goal = Goal(id="g", statement="Get better at leadership at Acme Corp")
    needs, from_statement = goal_needs(goal, organisation="Acme Corp")
    assert from_statement
    assert needs == ("leadership",)


def test_suggest_areas_reads_job_titles() -> None:
    assert suggest_areas("Head of Finance, EMEA") == ["finance", "leadership", "people management"]
    assert "leadership" in suggest_areas("Director, Partnerships")
    assert suggest_areas("") == []


# ---- candidates ------------------------------------------------------------------------


def test_one_expert_strong_tie_ranks_first_with_reason() -> None:
    expert = _contact(
        "c1",
        name="Ana",
        areas=["Budgeting"],
        tie_strength="strong",
        functions=["career"],
        sphere="same_organisation",
    )
    others = [_contact(f"c{i}", areas=["cooking"], tie_strength="strong") for i in range(2, 6)]
    wb = _workbook([_goal()], [*others, expert])
    ranked = rank_candidates(wb, wb.goals[0])
    assert [c.contact_id for c in ranked] == ["c1"]
    best = ranked[0]
    assert best.tie_strength == "strong"
    assert best.matched_areas == ("Budgeting",)
    assert best.reason == (
        "has strength in Budgeting; gives career support; strong tie; same organisation"
    )


def test_area_match_outranks_tie_strength_and_strong_breaks_ties() -> None:
    weak_expert = _contact("weak", areas=["budgeting"], tie_strength="weak")
    strong_expert = _contact("strong", areas=["budgeting"], tie_strength="strong")
    strong_partial = _contact("partial", areas=["accounting"], tie_strength="strong")
    wb = _workbook([_goal(areas=("budgeting", "forecasting"))], [weak_expert, strong_partial])
    wb.contacts.append(strong_expert)
    ranked = rank_candidates(wb, wb.goals[0])
    # a related concept (accounting ~ budgeting) from a strong tie stays below the exact one
    assert [c.contact_id for c in ranked] == ["strong", "weak", "partial"]


def test_function_fit_follows_goal_type() -> None:
    career = _contact("career", areas=["confidence"], functions=["career"])
    psycho = _contact("psycho", areas=["confidence"], functions=["psychosocial"])
    psych_goal = _goal(areas=("confidence",), type="psychosocial")
    career_goal = _goal("g2", areas=("confidence",), type="short_term_career")
    wb = _workbook([psych_goal, career_goal], [career, psycho])
    assert rank_candidates(wb, psych_goal)[0].contact_id == "psycho"
    assert rank_candidates(wb, career_goal)[0].contact_id == "career"


def test_job_title_counts_at_half_weight() -> None:
    hinted = _contact("hinted", position="Finance Director")
    written = _contact("written", areas=["budgeting"])
    wb = _workbook([_goal()], [hinted, written])
    ranked = rank_candidates(wb, wb.goals[0])
    assert [c.contact_id for c in ranked] == ["written", "hinted"]
    assert "job title 'Finance Director' suggests finance, related to budgeting" in ranked[1].reason


def test_limit_and_no_areas_anywhere() -> None:
    contacts = [_contact(f"c{i}", areas=["budgeting"]) for i in range(5)]
    wb = _workbook([_goal()], contacts)
    assert len(rank_candidates(wb, wb.goals[0], limit=2)) == 2
    empty_goal = Goal(id="g", statement="the and of")
    assert rank_candidates(wb, empty_goal) == []


# ---- gaps ------------------------------------------------------------------------------


def test_nobody_for_a_goal_is_a_gap_with_an_introducer() -> None:
    friend = _contact("friend", name="Bo", areas=["cooking"], tie_strength="strong")
    wb = _workbook([_goal(areas=("negotiation",))], [friend])
    gaps = [g for g in find_gaps(wb) if g.goal_id == "g1"]
    assert len(gaps) == 1
    gap = gaps[0]
    assert gap.kind == "no_candidate"
    assert "negotiation" in gap.message
    assert "Ask Bo" in gap.suggestion
    assert gap.contact_ids == ("friend",)


def test_nobody_and_no_strong_tie_says_where_to_look() -> None:
    wb = _workbook([_goal(areas=("negotiation",))], [])
    gap = next(g for g in find_gaps(wb) if g.goal_id == "g1")
    assert gap.kind == "no_candidate"
    assert "professional association" in gap.suggestion
    assert gap.contact_ids == ()


def test_only_weak_candidates_is_a_gap_suggesting_a_first_conversation() -> None:
    weak = _contact("weak", name="Cy", areas=["budgeting"], sphere="other_organisation")
    introducer = _contact("strong", name="Di", tie_strength="strong", sphere="other_organisation")
    wb = _workbook([_goal()], [weak, introducer])
    gap = next(g for g in find_gaps(wb) if g.goal_id == "g1")
    assert gap.kind == "weak_only"
    assert "first conversation with Cy" in gap.suggestion
    assert "Di" in gap.suggestion
    assert gap.contact_ids == ("weak", "strong")


def test_a_strong_candidate_closes_the_goal_gap() -> None:
    wb = _workbook([_goal()], [_contact("c", areas=["budgeting"], tie_strength="strong")])
    assert [g for g in find_gaps(wb) if g.goal_id] == []
    assert find_gaps(wb, min_strong_candidates=2)[0].kind == "weak_only"


def test_missing_function_and_spheres() -> None:
    only_career = _contact(
        "c", areas=["confidence"], functions=["career"], sphere="same_team", tie_strength="strong"
    )
    wb = _workbook([_goal(areas=("confidence",), type="psychosocial")], [only_career])
    gaps = find_gaps(wb)
    kinds = [g.kind for g in gaps]
    assert "missing_function" in kinds
    missing = next(g for g in gaps if g.kind == "missing_function")
    assert "psychosocial" in missing.message
    spheres = [g for g in gaps if g.kind == "missing_sphere"]
    assert len(spheres) == 1, "the missing spheres make one gap, not one each"
    (sphere_gap,) = spheres
    assert sphere_gap.goal_id is None
    assert sphere_gap.message == (
        "Nobody in your network comes from another part of your organisation, another "
        "organisation, a professional community, your studies (school, university, courses) "
        "or your personal life."
    )
    assert "own team" not in sphere_gap.message
    # one first step: where help for a psychosocial goal is usually found
    assert sphere_gap.suggestion.startswith("Start with your personal life. ")
    assert find_gaps(wb, expected_spheres=("same_team",)) == [
        g for g in gaps if g.kind != "missing_sphere"
    ]


def test_one_missing_sphere_reads_as_one() -> None:
    contacts = [_contact(f"c{i}", sphere=s) for i, s in enumerate(SPHERES) if s != "education"]
    (gap,) = [g for g in find_gaps(_workbook([], contacts)) if g.kind == "missing_sphere"]
    assert (
        gap.message
        == "Nobody in your network comes from your studies (school, university, courses)."
    )
    assert gap.suggestion.startswith("Start with your studies")


def test_no_missing_sphere_gap_when_every_sphere_is_reached() -> None:
    contacts = [_contact(f"c{i}", sphere=s) for i, s in enumerate(SPHERES)]
    assert [g for g in find_gaps(_workbook([], contacts)) if g.kind == "missing_sphere"] == []


def test_finished_goals_have_no_gaps() -> None:
    wb = _workbook([_goal(areas=("negotiation",), status="achieved")], [])
    assert [g for g in find_gaps(wb) if g.goal_id] == []


# ---- earlier asks --------------------------------------------------------------------


def _asked_workbook() -> Workbook:
    """Three people good at budgeting: the best declined, the next never answered, the third
    already mentors the participant on a hiring goal."""
    goals = [
        _goal("g1", ("budgeting",)),
        _goal("g2", ("hiring",), statement="Hire my first two analysts"),
    ]
    contacts = [
        _contact("best", areas=["budgeting"], tie_strength="strong", functions=["career"]),
        _contact("second", areas=["budgeting"], tie_strength="strong"),
        _contact("mentor", areas=["budgeting", "hiring"]),
    ]
    asks = [
        Mentorship(id="m1", goal_id="g1", contact_id="best", status="declined"),
        Mentorship(id="m2", goal_id="g1", contact_id="second", status="no_answer"),
        Mentorship(id="m3", goal_id="g2", contact_id="mentor", status="active"),
    ]
    wb = _workbook(goals, contacts)
    wb.mentorships.extend(asks)
    return wb


def test_turned_down_for_this_goal_ranks_last_and_says_so() -> None:
    wb = _asked_workbook()
    without_asks = _workbook(wb.goals, wb.contacts)
    assert [c.contact_id for c in rank_candidates(without_asks, wb.goals[0])] == [
        "best",
        "second",
        "mentor",
    ]
    ranked = rank_candidates(wb, wb.goals[0])
    assert [c.contact_id for c in ranked] == ["mentor", "best", "second"]
    mentor, best, second = ranked
    assert (best.earlier_answer, second.earlier_answer, mentor.earlier_answer) == (
        "declined",
        "no_answer",
        None,
    )
    assert best.history == "declined when you asked about this goal"
    assert second.history == "did not answer when you asked about this goal"
    # the score still says how well they fit; only the order changes
    assert best.score > mentor.score
    assert rank_candidates(wb, wb.goals[0], limit=1)[0].contact_id == "mentor"


def test_a_mentor_on_another_goal_is_named_not_demoted() -> None:
    wb = _asked_workbook()
    mentor = next(c for c in rank_candidates(wb, wb.goals[0]) if c.contact_id == "mentor")
    assert mentor.mentoring_goal_ids == ("g2",)
    assert mentor.history == "already mentoring you on 'Hire my first two analysts'"
    # for the goal they mentor on, it is that goal's own ask that speaks
    (on_g2,) = rank_candidates(wb, wb.goals[1])
    assert on_g2.mentoring_goal_ids == ()
    assert on_g2.history == "mentoring you on this goal"


def test_a_no_for_one_goal_says_nothing_about_another() -> None:
    wb = _asked_workbook()
    wb.contacts[0].areas.append("hiring")
    best = next(c for c in rank_candidates(wb, wb.goals[1]) if c.contact_id == "best")
    assert (best.earlier_answer, best.history) == (None, "")


def test_the_latest_ask_about_a_goal_counts() -> None:
    wb = _asked_workbook()
    wb.mentorships.append(Mentorship(id="m4", goal_id="g1", contact_id="best", status="draft"))
    ranked = rank_candidates(wb, wb.goals[0])
    assert ranked[0].contact_id == "best"
    assert ranked[0].earlier_answer is None
    assert ranked[0].history == "your ask to them about this goal is a draft"


def test_p07_declined_person_ranks_last_and_the_draft_is_named(cohort_dir: Path) -> None:
    wb = _sample(cohort_dir, "p07")
    declined = next(m for m in wb.mentorships if m.status == "declined")
    draft = next(m for m in wb.mentorships if m.status == "draft")
    assert declined.goal_id == draft.goal_id
    ranked = rank_candidates(wb, wb.goal(declined.goal_id))
    assert ranked[-1].contact_id == declined.contact_id
    assert ranked[-1].earlier_answer == "declined"
    assert "declined" in ranked[-1].history
    assert ranked[0].contact_id != declined.contact_id
    drafted = next(c for c in ranked if c.contact_id == draft.contact_id)
    assert drafted.earlier_answer is None
    assert "draft" in drafted.history
    # other goals: nobody there was asked, so nothing is said
    for goal in wb.active_goals():
        if goal.id != declined.goal_id:
            assert all(not c.history for c in rank_candidates(wb, goal))


# ---- shape -----------------------------------------------------------------------------


def test_all_contacts_in_one_sphere_is_low_range() -> None:
    wb = _workbook([], [_contact(f"c{i}", sphere="same_team") for i in range(10)])
    shape = network_shape(wb)
    assert (shape.size, shape.range, shape.strong_share, shape.type) == (10, 1, 0.0, "receptive")


@pytest.mark.parametrize(
    ("spheres", "strong", "expected"),
    [
        (("same_team", "same_team"), 2, "traditional"),
        (("same_team", "personal", "education", "personal"), 0, "opportunistic"),
        (("same_team", "personal", "education", "personal"), 2, "entrepreneurial"),
        (("same_team", "personal", "personal", "personal"), 1, "receptive"),
    ],
)
def test_network_types(spheres: tuple[str, ...], strong: int, expected: str) -> None:
    contacts = [
        _contact(f"c{i}", sphere=s, tie_strength="strong" if i < strong else "weak")
        for i, s in enumerate(spheres)
    ]
    assert network_shape(_workbook([], contacts)).type == expected


def test_thresholds_are_parameters_with_defaults() -> None:
    contacts = [
        _contact("a", sphere="same_team", tie_strength="strong"),
        _contact("b", sphere="personal"),
    ]
    wb = _workbook([], contacts)
    shape = network_shape(wb)
    assert (shape.range_threshold, shape.strength_threshold) == (
        DEFAULT_RANGE_THRESHOLD,
        DEFAULT_STRENGTH_THRESHOLD,
    )
    assert shape.type == "traditional"
    assert network_shape(wb, range_threshold=2).type == "entrepreneurial"
    assert network_shape(wb, range_threshold=2, strength_threshold=0.6).type == "opportunistic"


def test_empty_workbook() -> None:
    analysis = analyse_network(Workbook())
    assert analysis.candidates == {}
    assert analysis.shape.size == 0
    assert analysis.shape.type == "receptive"
    assert [g.kind for g in analysis.gaps] == ["missing_sphere"]
    message = analysis.gaps[0].message  # all six spheres in one sentence
    assert "your own team" in message
    assert "your personal life" in message


# ---- the sample cohort -------------------------------------------------------------------


def _sample(cohort_dir: Path, pid: str) -> Workbook:
    return store.load_workbook(cohort_dir / "workbooks" / f"{pid}.json")


def test_p04_values_goal_nobody_covers(cohort_dir: Path) -> None:
    wb = _sample(cohort_dir, "p04")
    analysis = analyse_network(wb)
    values_goal = next(g for g in wb.goals if "values" in g.areas)
    assert analysis.candidates[values_goal.id] == []
    gap = next(g for g in analysis.gaps if g.goal_id == values_goal.id)
    assert gap.kind == "no_candidate"
    assert gap.suggestion
    sphere_gaps = [g for g in analysis.gaps if g.kind == "missing_sphere"]
    assert len(sphere_gaps) == 1  # four missing spheres, one gap
    for phrase in (
        "another part of your organisation",
        "another organisation",
        "a professional community",
        "your studies",
    ):
        assert phrase in sphere_gaps[0].message
    assert sphere_gaps[0].suggestion.count("Start with") == 1
    budget_goal = next(g for g in wb.goals if "budgeting" in g.areas)
    assert analysis.candidates[budget_goal.id][0].tie_strength == "strong"
    assert analysis.shape.type == "traditional"


def test_p05_large_network(cohort_dir: Path) -> None:
    wb = _sample(cohort_dir, "p05")
    assert len(wb.contacts) == 60
    analysis = analyse_network(wb, limit=3)
    assert analysis.shape.size == 60
    assert analysis.shape.range == 6
    assert all(len(c) <= 3 for c in analysis.candidates.values())
    assert all(analysis.candidates.values())


def test_every_sample_analyses(cohort_dir: Path) -> None:
    for path in sorted((cohort_dir / "workbooks").glob("p*.json")):
        wb = store.load_workbook(path)
        analysis = analyse_network(wb)
        assert set(analysis.candidates) == {g.id for g in wb.active_goals()}
        for ranked in analysis.candidates.values():
            assert _in_rank_order(ranked)


# ---- properties on generated networks ----------------------------------------------------

_TAGS = st.sampled_from(
    ("budgeting", "Budgetting", "team leadership", "leadership", "values", "Work-life balance")
)


@st.composite
def _networks(draw: st.DrawFn) -> Workbook:
    goals = [
        Goal(
            id=f"g{i}",
            statement=draw(st.sampled_from(("Lead the team", "Plan a budget", ""))),
            type=draw(st.sampled_from((None, *GOAL_TYPES))),
            areas=draw(st.lists(_TAGS | text, max_size=3)),
            status=draw(st.sampled_from(("active", "active", "achieved"))),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    contacts = [
        Contact(
            id=f"c{i}",
            name=draw(text),
            sphere=draw(st.sampled_from(SPHERES)),
            tie_strength=draw(st.sampled_from(TIE_STRENGTHS)),
            areas=draw(st.lists(_TAGS | text, max_size=3)),
            functions=draw(st.lists(st.sampled_from(MENTOR_FUNCTIONS), unique=True)),
            position=draw(st.sampled_from(("", "Finance Director", "Team Lead"))),
        )
        for i in range(draw(st.integers(0, 8)))
    ]
    return _workbook(goals, contacts)


@settings(max_examples=80, deadline=None)
@given(_networks())
def test_analysis_invariants(wb: Workbook) -> None:
    analysis = analyse_network(wb)
    active = {g.id for g in wb.active_goals()}
    assert set(analysis.candidates) == active
    ids = {c.id for c in wb.contacts}
    for goal_id, ranked in analysis.candidates.items():
        assert _in_rank_order(ranked)
        assert len({c.contact_id for c in ranked}) == len(ranked)
        assert all(c.contact_id in ids and c.matched_areas and c.reason for c in ranked)
        goal_gaps = [g.kind for g in analysis.gaps if g.goal_id == goal_id]
        # near matches never close a gap; they are named in it instead
        real = [c for c in ranked if c.fit >= NEAR_MATCH_FIT and c.earlier_answer is None]
        if not real:
            assert goal_gaps == ["no_candidate"]
        elif any(c.tie_strength == "strong" for c in real):
            assert goal_gaps == []
        else:
            assert goal_gaps == ["weak_only"]
    assert all(g.goal_id is None or g.goal_id in active for g in analysis.gaps)
    assert all(g.message and g.suggestion for g in analysis.gaps)
    assert all(set(g.contact_ids) <= ids for g in analysis.gaps)
    shape = analysis.shape
    assert 0.0 <= shape.strong_share <= 1.0
    assert shape.range == len({c.sphere for c in wb.contacts})
    assert sum(shape.sphere_counts.values()) == shape.size == len(wb.contacts)


@settings(max_examples=40, deadline=None)
@given(workbooks())
def test_any_valid_workbook_analyses(wb: Workbook) -> None:
    analysis = analyse_network(wb)
    assert set(analysis.candidates) == {g.id for g in wb.active_goals()}


# ---- matching by meaning (issue 13) -----------------------------------------------------

#: Every pair the issue found scoring 0, each tested both ways.
_SYNONYMS = [
    ("presenting", "public speaking"),
    ("CV", "resume"),
    ("one-to-ones", "1:1s"),
    ("boundaries", "work-life balance"),
    ("boundaries", "saying no"),
    ("hiring", "recruiting"),
    ("budgeting", "budgets"),
    ("delegation", "delegating"),
    ("career change", "career transition"),
    ("values", "meaning"),
    ("values", "purpose"),
    ("people management", "managing people"),
    ("clinical informatics", "nursing informatics"),
]


@pytest.mark.parametrize(("a", "b"), _SYNONYMS)
def test_no_synonym_pair_of_the_issue_scores_zero(a: str, b: str) -> None:
    assert match_strength(a, b) > 0
    assert match_strength(b, a) > 0


def test_exact_beats_alias_beats_related_beats_shared_word() -> None:
    exact = match_strength("public speaking", "Public Speaking")
    alias = match_strength("public speaking", "presenting")
    related = match_strength("public speaking", "storytelling")
    shared = match_strength("quilting", "quilting circles")
    assert exact > alias > related > shared > 0
    found = match("public speaking", "storytelling")
    assert found is not None and found.via == "storytelling, related to public speaking"


def test_no_fuzzy_match_across_word_boundaries() -> None:
    assert match_strength("researchers", "research ops") < match_strength("researchers", "research")
    assert match_strength("stakeholder management", "project management") == 0


def test_ux_research_prefers_the_user_researcher_to_the_chemist() -> None:
    chemist = _contact("prof", name="Prof Abe", areas=["research"], tie_strength="strong")
    researcher = _contact("ux", name="Zoe", areas=["user research"], tie_strength="weak")
    wb = _workbook([_goal(areas=("UX research",), type="long_term_career")], [chemist, researcher])
    ranked = rank_candidates(wb, wb.goals[0])
    assert [c.contact_id for c in ranked] == ["ux", "prof"]
    assert ranked[1].concepts == ("research",)
    assert "related to user research" in ranked[1].reason


def test_a_multi_area_goal_scores_by_its_best_covered_area() -> None:
    expert = _contact("expert", areas=["negotiation"])
    lukewarm = _contact("lukewarm", areas=["sales", "contracts"])
    goal = _goal(areas=("negotiation", "procurement", "contract law"))
    ranked = rank_candidates(_workbook([goal], [lukewarm, expert]), goal)
    assert ranked[0].contact_id == "expert"


def test_job_title_notes_and_relationship_are_read_and_named() -> None:
    titled = _contact("t", name="Ana", position="Senior UX Researcher")
    noted = _contact("n", name="Ben", notes="Teacher turned UX researcher at a bank")
    preceptor = _contact("p", name="Cy", relationship="my preceptor on the ward")
    wb = _workbook(
        [
            _goal("ux", areas=("user research",)),
            _goal("teach", areas=("clinical teaching",)),
        ],
        [titled, noted, preceptor],
    )
    ux = {c.contact_id: c for c in rank_candidates(wb, wb.goals[0])}
    assert "job title 'Senior UX Researcher' suggests user research" in ux["t"].reason
    assert "your notes mention 'UX researcher' (user research)" in ux["n"].reason
    teach = rank_candidates(wb, wb.goals[1])
    assert teach[0].contact_id == "p"
    assert "relationship 'my preceptor on the ward' suggests clinical education" in teach[0].reason


def test_ties_go_to_fit_then_tie_then_functions_never_the_alphabet() -> None:
    zed = _contact("zed", name="Zed", areas=["budgeting"])
    abe = _contact("abe", name="Abe", areas=["budgeting"])
    wb = _workbook([_goal()], [zed, abe])
    assert [c.contact_id for c in rank_candidates(wb, wb.goals[0])] == ["zed", "abe"]
    helper = _contact("helper", name="Aaron", areas=["budgeting"], functions=["career"])
    wb.contacts.append(helper)
    assert rank_candidates(wb, wb.goals[0])[0].contact_id == "helper"


@pytest.mark.parametrize(
    ("relationship", "role"),
    [
        ("student nurse, I'm his clinical coach", "report"),
        ("she is my mentor", ""),
        ("reports to me", "report"),
        ("my report since May", "report"),
        ("my direct report", "report"),
        ("on my team", "report"),
        ("my manager", "manager"),
        ("my old manager at Acme", "manager"),
        ("I report to her", "manager"),
        ("friend from uni", ""),
        ("", ""),
        ("meine Chefin", "manager"),
        ("mein alter Chef bei Siemens", "manager"),
        ("ma responsable", "manager"),
        ("mi jefa", "manager"),
        ("in meinem Team", "report"),
        ("dans mon équipe", "report"),
        ("en mi equipo", "report"),
    ],
)
def test_relationship_role(relationship: str, role: str) -> None:
    assert relationship_role(_contact("c", relationship=relationship)) == role


def test_a_relationship_that_reads_close_counts_as_a_close_tie() -> None:
    goal = _goal(areas=("negotiation",))
    people = [
        _contact("met", relationship="met once at a conference", areas=["negotiation"]),
        _contact("sis", relationship="my sister", areas=["negotiation"]),
        _contact("far", relationship="my sister, we met once a year", areas=["negotiation"]),
        _contact("dad", relationship="my father's friend", areas=["negotiation"]),
    ]
    ranked = rank_candidates(_workbook([goal], people), goal)
    assert [c.contact_id for c in ranked] == ["sis", "met", "far", "dad"]
    assert "close by relationship ('my sister')" in ranked[0].reason
    assert ranked[0].tie_strength == "weak"  # what the participant set is kept
    assert "weak tie" in ranked[1].reason


def test_caches_never_change_a_result() -> None:
    """What was read and scored is remembered between analyses; an edited contact, a renamed
    one or a changed goal gives what a fresh process would."""
    from mentorkit.network import clear_caches

    workbook, _ = load_network("heldout_pharmacist")
    analyse_network(workbook)
    workbook.contacts[0].areas = ["public speaking"]
    workbook.contacts[1].name = "Renamed Person"
    workbook.contacts[2].tie_strength = "strong"
    workbook.goals[0].areas = ["presenting"]
    warm = analyse_network(workbook)
    clear_caches()
    assert analyse_network(workbook) == warm
    first = warm.candidates[workbook.goals[0].id][0]
    assert first == Candidate(**{f: getattr(first, f) for f in first.__dataclass_fields__})


def test_the_introducer_is_close_and_never_the_participants_report() -> None:
    report = _contact("rep", name="Rae", tie_strength="strong", relationship="reports to me")
    boss = _contact("boss", name="Bo", tie_strength="strong", relationship="my manager")
    wb = _workbook([_goal(areas=("negotiation",))], [report, boss])
    gap = next(g for g in find_gaps(wb) if g.goal_id == "g1")
    assert "Ask Bo" in gap.suggestion and "Rae" not in gap.suggestion
    wb.contacts.remove(boss)
    gap = next(g for g in find_gaps(wb) if g.goal_id == "g1")
    assert "Rae" not in gap.suggestion and gap.suggestion  # still a first step


def test_near_matches_come_before_nobody_and_gaps_name_concepts() -> None:
    near = _contact("near", name="Nia", notes="talked about storytelling once", tie_strength="weak")
    wb = _workbook([_goal(areas=("presenting",), statement="Give two talks")], [near])
    gap = next(g for g in find_gaps(wb) if g.goal_id == "g1")
    assert gap.kind == "no_candidate"
    assert gap.message.index("Nia") < gap.message.index("Nobody")
    assert "public speaking" in gap.message
    assert "near" in gap.contact_ids


def test_a_goal_with_no_concept_never_names_stray_statement_words() -> None:
    goal = Goal(id="g", statement="Hold six reports", type="short_term_career")
    wb = _workbook([goal], [_contact("c", areas=["gardening"], tie_strength="strong")])
    gap = next(g for g in find_gaps(wb) if g.goal_id == "g")
    for word in ("hold", "six", "reports"):
        assert word not in gap.message.replace(goal.statement, "").lower()
    assert "areas" in gap.suggestion  # say what to do instead


def test_every_gap_has_a_relationship_building_step() -> None:
    wb = _workbook(
        [_goal(areas=("negotiation",)), _goal("g2", areas=("budgeting",))],
        [_contact("w", areas=["budgeting"])],
    )
    for gap in find_gaps(wb):
        assert re.search(r"conversation|ask|meet|join|talk|start", gap.suggestion, re.I), gap


# ---- realistic networks with a coach's picks ----------------------------------------------


def test_coach_picks_on_the_teams_networks() -> None:
    """Three networks the ranking was tuned on: the coach's acceptable person first for at
    least 8 goals in 9, and at least 22 of the 27 people a coach named in the top five."""
    ranked = rankings(network_names(held_out=False))
    assert len(ranked) == 9
    first = sum(r.first_ok for r in ranked)
    found = sum(r.found for r in ranked)
    assert first >= 8, [(r.network, r.goal_id, r.top_five) for r in ranked if not r.first_ok]
    assert found >= 22, [(r.network, r.goal_id, r.coach, r.top_five) for r in ranked]


def test_coach_picks_on_the_held_out_network() -> None:
    """Held-out networks, never tuned against.  Before the second tuning pass: chemist and
    teacher_lyon 6 of 6 first, 13 of 18 in the top five; pharmacist, head_of_year and
    analyst_to_pm (written before that pass) 9 of 9 first, 20 of 27.  After it, those five:
    15 of 15 first, 43 of 45; junior_lawyer, written after the pass and measured untouched:
    3 of 3 first, 5 of 9.  All six: 18 of 18 first, 48 of 54.  Four more (paramedic,
    retail_manager, engineer_to_sustainability, nursery_teacher) written before the third
    pass, measured untouched: 10 of 12 first, 17 of 36.  After the third pass (support read
    from close ties and lived experience, phrases before head words, more sectors): those four
    12 of 12 first, 36 of 36; junior_lawyer 3 of 3, 8 of 9; all ten 30 of 30 first, 87 of 90.
    vet_nurse, written after the third pass and measured untouched: 3 of 3 first, 5 of 9;
    after the vocabulary it showed missing (grief and end-of-life care, practice management,
    veterinary care, listeners and helplines, "I'm his coach" read as a report), 3 of 3 and
    9 of 9, so it no longer counts as untouched.  cabin_crew, written after that and never
    tuned against: 2 of 3 first, 8 of 9.  All twelve: 35 of 36 first, 104 of 108.  dentist,
    logistics_planner and translator, written before the fourth pass, measured untouched:
    5 of 9 first, 20 of 27.  After the fourth pass (dentistry and implants, translation and
    sworn translation, transport planning, shift work and sleep, professional qualifications,
    business ownership, remote work as a source of company, "went through" read as lived
    experience only before a hardship, "brother-in-law" no longer read as law): those three
    9 of 9 first, 24 of 27; all fifteen 45 of 45 first, 129 of 135.  architect, written
    after the fourth pass and measured untouched: 3 of 3 first, 6 of 9 (heritage work named
    in French, Spanish and German, "architecte du patrimoine", "Denkmalpflege", was not read
    as conservation).  All sixteen: 48 of 48 first, 135 of 144.  journalist, social_worker
    and librarian, written before the fifth pass, measured untouched: 7 of 9 first, 17 of 27
    (with architect 10 of 12, 24 of 36).  After the fifth pass (words no concept names still
    shared, one field meeting several parts of a need, "passed/completed X" read as having
    done X, the participant's reports below peers for career goals, Latin endings shared
    across languages, heritage, archives and fostering as concepts): those four 12 of 12
    first, 33 of 36; all nineteen 57 of 57 first, 162 of 171.  physiotherapist, written after
    the fifth pass and measured untouched: 1 of 3 first, 7 of 9 ("sleep" read as fitness
    lets a report's exercise classes lead a psychosocial goal; the German compound
    "Sportphysiotherapeut" is not split).  All twenty: 58 of 60 first, 169 of 180.  These
    bounds sit just below, to catch a regression."""
    ranked = rankings(network_names(held_out=True))
    assert len(ranked) == 60
    assert sum(r.first_ok for r in ranked) >= 56
    assert sum(r.found for r in ranked) >= 165, [
        (r.network, r.goal_id, r.coach, r.top_five) for r in ranked if r.found < 3
    ]


@pytest.mark.parametrize("name", network_names(held_out=False) + network_names(held_out=True))
def test_realistic_networks_are_realistic_and_analyse(name: str) -> None:
    workbook, picks = load_network(name)
    assert 20 <= len(workbook.contacts) <= 40
    ids = {c.id for c in workbook.contacts}
    assert all(len(p) == 3 and set(p) <= ids for p in picks.values())
    analysis = analyse_network(workbook)
    for ranked in analysis.candidates.values():
        assert all((c.reason and c.concepts) or c.matched_areas for c in ranked)


# ---- third pass: phrases before head words, support read from ties and notes ----------


@pytest.mark.parametrize(
    ("need", "concept", "not_concept"),
    [
        ("in-house legal", "in_house_legal", "law"),
        ("career decision", "career_planning", "decision_making"),
        ("workload", "boundaries", ""),
        ("early years curriculum", "curriculum", "early_years"),
        ("staff retention", "hr", ""),
    ],
)
def test_a_multi_word_phrase_wins_over_its_head_word(
    need: str, concept: str, not_concept: str
) -> None:
    found = match(need, need)
    assert found is not None and found.need_concept == concept
    if not_concept:
        assert match_strength(need, "lawyer" if not_concept == "law" else "decision making") < 0.9


def test_a_psychotherapist_helps_with_saying_no() -> None:
    assert match_strength("saying no", "psychotherapist") > 0


def test_a_close_relative_with_no_named_strength_supports_a_psychosocial_goal() -> None:
    goal = _goal(areas=("saying no",), type="psychosocial", statement="Protect my evenings")
    wb = _workbook(
        [goal],
        [
            _contact("expert", areas=["boundaries"]),
            _contact("sister", relationship="my sister"),
            _contact("stranger", relationship="met at a conference"),
            _contact("report", relationship="reports to me", tie_strength="strong"),
        ],
    )
    ranked = {c.contact_id: c for c in rank_candidates(wb, goal)}
    assert ranked["expert"].score > ranked["sister"].score
    assert "peer and emotional support" in ranked["sister"].concepts
    assert "close to you" in ranked["sister"].reason
    assert "stranger" not in ranked and "report" not in ranked
    # The same people for a career goal: being close is no expertise.
    career = _goal(areas=("boundaries",))
    assert "sister" not in {
        c.contact_id for c in rank_candidates(_workbook([career], wb.contacts), career)
    }


def test_lived_experience_in_the_notes_counts_for_a_psychosocial_goal() -> None:
    goal = _goal(areas=("returning from parental leave",), type="psychosocial")
    wb = _workbook(
        [goal],
        [
            _contact("been", notes="Went back four days a week after her second baby."),
            _contact("close", tie_strength="strong"),
        ],
    )
    ranked = rank_candidates(wb, goal)
    assert [c.contact_id for c in ranked] == ["been", "close"]
    assert "been through something similar" in ranked[0].reason


def test_only_close_people_for_a_goal_nobody_meets_is_still_a_gap() -> None:
    goal = _goal(areas=("values",), type="psychosocial", statement="Find my values")
    wb = _workbook([goal], [_contact("friend", relationship="best friend", tie_strength="strong")])
    assert rank_candidates(wb, goal) == []
    assert any(g.kind == "no_candidate" for g in find_gaps(wb))


def test_a_need_no_concept_names_matches_a_shared_word_in_title_or_notes() -> None:
    goal = _goal(areas=("quilting",), statement="Sell my quilts")
    wb = _workbook(
        [goal],
        [
            _contact("maker", notes="Has sold quilts at craft fairs for years"),
            _contact("other", notes="Runs the finance team"),
        ],
    )
    assert [c.contact_id for c in rank_candidates(wb, goal)] == ["maker"]


def test_a_generic_word_in_common_never_makes_an_expert() -> None:
    goal = _goal(areas=("frobnicating manager",), statement="Frobnicate")
    wb = _workbook([goal], [_contact("m", position="Manager", notes="a senior manager")])
    assert all("the word" not in c.reason for c in rank_candidates(wb, goal))


# ---- fourth pass: lived experience made precise, kinship, sectors the misses showed ------


@pytest.mark.parametrize(
    ("notes", "lived"),
    [
        ("Went through the instructor assessment centre in 2025.", False),
        ("Went through the graduate scheme here.", False),
        ("Went through a divorce last year and is very open about it.", True),
        ("Took six months off with burnout in 2024.", True),
        ("Had a rough appraisal two years ago and bounced back.", True),
        ("Has been through it herself.", True),
    ],
)
def test_lived_experience_needs_a_hardship_not_a_process(notes: str, lived: bool) -> None:
    goal = _goal(areas=("stress",), type="psychosocial", statement="Feel less stressed")
    wb = _workbook([goal], [_contact("n", notes=notes), _contact("s", areas=["stress"])])
    ranked = {c.contact_id: c for c in rank_candidates(wb, goal)}
    assert ("n" in ranked and "been through something similar" in ranked["n"].reason) == lived


def test_a_relative_by_marriage_is_family_not_law() -> None:
    goal = _goal(areas=("legal advice",), statement="Understand my contract")
    wb = _workbook(
        [goal],
        [
            _contact("inlaw", relationship="brother-in-law", tie_strength="strong"),
            _contact("lawyer", position="Solicitor"),
        ],
    )
    assert [c.contact_id for c in rank_candidates(wb, goal)] == ["lawyer"]


@pytest.mark.parametrize(
    ("need", "offer"),
    [
        ("legal translation", "Traductora jurada"),
        ("route planning", "Tourenplaner / Transportoptimierung"),
        ("night shift tiredness", "nurse on nights for ten years"),
        ("implant dentistry", "Odontólogo, implantología y periodoncia"),
        ("practice ownership", "Zahnarzt, Praxisinhaber"),
        ("finding clients", "client acquisition"),
        ("loneliness", "works from home too"),
        ("professional qualification", "talked me through the qualified member route"),
        ("health and safety", "Fachkraft für Arbeitssicherheit"),
        ("bullying", "trained workplace mediator"),
        ("menopause", "occupational health nurse"),
        ("caring for elderly parents", "aidante de sa mère"),
        ("working abroad", "expatriada en Londres desde 2019"),
        ("game design", "Level Designer"),
        ("farm diversification", "runs the farm shop"),
        ("court procedure", "Greffière au tribunal judiciaire"),
        ("mortgages", "Mortgage Adviser"),
    ],
)
def test_fourth_pass_pairs_meet_by_meaning_both_ways(need: str, offer: str) -> None:
    assert match_strength(need, offer) > 0, (need, offer)
    assert match_strength(offer, need) > 0, (offer, need)


def test_new_sector_words_do_not_leak_into_unrelated_needs() -> None:
    # precision: the new sector words do not leak into unrelated needs
    assert match_strength("legal translation", "Dental Practice Broker") == 0
    assert match_strength("route planning", "Implant course lead") == 0
    assert match_strength("shift work", "Head of Translation") == 0


def test_a_word_no_concept_names_still_finds_who_does_it() -> None:
    # No concept names stained glass: the restorer is found by the shared words, more
    # surely for both words than for one, and always below a related concept (0.5).
    doer = _contact("doer", position="Stained Glass Restorer")
    other = _contact("other", position="Glass Recycling Manager")
    goal = _goal(areas=("stained glass",), type="long_term_career")
    assert rankings_for(_workbook([goal], [other, doer]), goal) == ["doer", "other"]
    both = match_strength("stained glass", "Stained Glass Restorer")
    assert match_strength("stained glass", "Glass Recycling Manager") < both < 0.5
    assert match_strength("team manager", "project manager") == 0  # generic words never


def test_one_field_meeting_every_part_of_a_need_wins() -> None:
    both = _contact("both", position="Data Journalist")
    half = _contact("half", position="Data Analyst")
    goal = _goal(areas=("data journalism",), type="long_term_career")
    assert rankings_for(_workbook([goal], [half, both]), goal)[0] == "both"


def test_having_done_it_reads_as_experience_but_not_what_was_done_to_you() -> None:
    done = _contact("done", relationship="friend from uni, passed her ASYE last spring")
    boss = _contact("boss", relationship="my manager, did my ASYE review")
    goal = _goal(areas=("ASYE",), type="short_term_career")
    ranked = rank_candidates(_workbook([goal], [boss, done]), goal)
    assert ranked[0].contact_id == "done"
    assert "has done it themselves" in ranked[0].reason
    assert all("has done it themselves" not in c.reason for c in ranked[1:])


def test_own_report_ranks_below_a_peer_for_a_career_goal() -> None:
    report = _contact(
        "rep", relationship="reports to me", areas=["budgeting"], tie_strength="strong"
    )
    peer = _contact("peer", areas=["budgeting"], tie_strength="weak")
    career = _goal(areas=("budgeting",), type="short_term_career")
    assert rankings_for(_workbook([career], [report, peer]), career) == ["peer", "rep"]


def test_lived_experience_is_read_from_the_relationship_too() -> None:
    liam = _contact("liam", relationship="old friend, felt a fraud for his first year as a lead")
    other = _contact("other", relationship="old friend from school")
    goal = _goal(areas=("impostor syndrome",), type="psychosocial")
    ranked = rank_candidates(_workbook([goal], [other, liam]), goal)
    assert ranked[0].contact_id == "liam"
    assert "been through something similar" in ranked[0].reason


def rankings_for(workbook: Workbook, goal: Goal) -> list[str]:
    return [c.contact_id for c in rank_candidates(workbook, goal)]
