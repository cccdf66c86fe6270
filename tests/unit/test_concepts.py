"""The concept lexicon: its tables both ways, the reading of text, and bad lexicon data."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.concepts import (
    RELATED,
    SAME_CONCEPT,
    LexiconError,
    build_lexicon,
    concepts_in,
    fold,
    lexicon,
    read,
    relation,
    stem,
)
from mentorkit.model import GOAL_TYPES

_RAW = tomllib.loads(
    resources.files("mentorkit.lexicon").joinpath("concepts.toml").read_text(encoding="utf-8")
)["concept"]
_FORMS = [
    (cid, kind, form)
    for cid, entry in _RAW.items()
    for kind in ("aliases", "abbr", "fr", "es", "de")
    for form in entry.get(kind, [])
]


def _concepts(text: str, *, free_text: bool = False) -> list[str]:
    return [m.concept for m in read(text, free_text=free_text).mentions]


def test_the_lexicon_covers_working_life() -> None:
    lex = lexicon()
    assert len(lex.concepts) >= 80
    for area in (
        "leadership",
        "public_speaking",
        "job_search",
        "work_life_balance",
        "nursing",
        "teaching",
        "ux_design",
        "research",
        "software_engineering",
        "finance",
        "sales",
        "hr",
        "operations",
        "nonprofit",
    ):
        assert area in lex.concepts
    assert {c.goal_type for c in lex.concepts.values()} <= set(GOAL_TYPES)
    for cid, entry in _RAW.items():  # every concept speaks all four languages
        assert entry.get("aliases") and entry.get("fr") and entry.get("es") and entry.get("de"), cid


def test_every_alias_reads_as_its_concept() -> None:
    """The alias table one way: every alias, abbreviation and translation finds its concept
    (the other way, every concept's label, is the next test)."""
    assert len(_FORMS) > 1500
    missed = [
        f"{kind} {form!r} of {cid}"
        for cid, kind, form in _FORMS
        if cid not in _concepts(form) or cid not in _concepts(form.upper())
    ]
    assert missed == []


def test_the_label_reads_as_its_concept_and_aliases_come_back_to_it() -> None:
    for cid, concept in lexicon().concepts.items():
        assert cid in _concepts(concept.label), cid


def test_related_concepts_work_both_ways() -> None:
    lex = lexicon()
    pairs = 0
    for cid, concept in lex.concepts.items():
        for other, score in concept.related.items():
            pairs += 1
            assert other in lex.concepts
            assert relation(cid, other) == relation(other, cid) == score
            assert RELATED <= score < SAME_CONCEPT
    assert pairs > 100
    assert relation("boundaries", "work_life_balance") > 0
    assert relation("work_life_balance", "boundaries") > 0
    assert relation("budgeting", "software_engineering") == 0


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("CV", "cv"),
        ("cv", "cv"),
        ("UX", "ux_design"),
        ("HR", "hr"),
        ("1:1", "one_to_ones"),
        ("1-1s", "one_to_ones"),
        ("EM", "engineering_management"),
        ("PM", "product_management"),
        ("EPR", "clinical_informatics"),
        ("prise de parole", "public_speaking"),
        ("Präsentieren", "public_speaking"),
        ("praesentieren", None),  # a spelling we do not guess
        ("hablar en público", "public_speaking"),
        ("hablar en publico", "public_speaking"),  # accents are optional
        ("Reconversion professionnelle", "career_change"),
        ("Recrutement", "hiring"),
    ],
)
def test_abbreviations_and_translations(text: str, concept: str | None) -> None:
    found = _concepts(text)
    assert (concept in found) if concept else found == []


def test_abbreviations_in_free_text_count_only_in_capitals() -> None:
    assert "product_management" not in _concepts("Call me after 3 pm", free_text=True)
    assert "product_management" in _concepts("She is a PM at Monzo", free_text=True)
    assert "cv" in _concepts("Reads hundreds of CVs a week", free_text=True)


def test_whole_words_only_and_longest_phrase_first() -> None:
    assert _concepts("researchers") == ["research"]
    assert _concepts("research ops") == ["user_research"]
    assert _concepts("UX research") == ["user_research"]
    assert _concepts("Senior UX Researcher") == ["user_research"]
    assert "software_engineering" not in _concepts("Site Engineer")
    assert _concepts("hiking") == []  # not "hiring"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hiring", "hire"),
        ("teacher", "teaching"),
        ("managing", "management"),
        ("nurses", "nurse"),
        # French, Spanish and German feminine and plural forms
        ("ingenieure", "ingenieur"),
        ("directrice", "directeur"),
        ("chercheuse", "chercheur"),
        ("infirmiere", "infirmier"),
        ("pharmacienne", "pharmacien"),
        ("chargee", "charge"),
        ("reconvertie", "reconverti"),
        ("orientadora", "orientador"),
        ("profesoras", "profesor"),
        ("enfermera", "enfermero"),
        ("farmaceutica", "farmaceutico"),
        ("abogada", "abogado"),
        ("psicologa", "psicologo"),
        ("conversaciones", "conversacion"),
        ("beraterin", "berater"),
        ("lehrerinnen", "lehrer"),
        ("dozentin", "dozent"),
        ("journalistin", "journalist"),
        ("schulungen", "schulung"),
        ("prasentationen", "prasentation"),
    ],
)
def test_stemmer_meets_inflections(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [("data", "date"), ("media", "medic"), ("pasta", "paste")])
def test_stemmer_keeps_short_english_words_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("UX-Researcherin", "user_research"),
        ("Ingénieure pédagogique", "instructional_design"),
        ("Orientadora escolar", "pastoral_care"),
        ("Responsable de Asuntos Médicos", "medical_affairs"),
        ("Head of Quality Control", "quality_assurance"),
        ("Behaviour Lead", "behaviour_management"),
    ],
)
def test_feminine_and_foreign_job_titles_name_their_concept(text: str, concept: str) -> None:
    assert concept in _concepts(text)


def test_one_distinctive_word_of_a_longer_alias_names_it_weakly() -> None:
    lex = lexicon()
    # "restorative practice": "practice" is generic, "restorative" says it all
    found = read("keen on restorative approaches").mentions
    assert [(m.concept, m.kind) for m in found] == [("behaviour_management", "partial")]
    # a word two concepts share, or the generic half of an alias, names nothing alone
    for word in ("affairs", "management", "manager", "senior", "lead", "team", "skills", "supply"):
        assert stem(fold(word)) not in lex.partial, word
    for text in ("senior", "manager", "team", "senior manager", "Senior Lead"):
        assert _concepts(text, free_text=True) == [], text


def test_generic_words_are_listed_and_partial_words_belong_to_one_concept() -> None:
    lex = lexicon()
    generic = tomllib.loads(
        resources.files("mentorkit.lexicon").joinpath("concepts.toml").read_text(encoding="utf-8")
    )["partial_words"]["generic"]
    assert {"manager", "senior", "lead", "team"} <= set(generic)
    for word, concept in lex.partial.items():
        assert concept in lex.concepts
        assert (word,) not in lex.phrases  # an alias alone is an alias, not a partial


def test_concepts_in_names_goal_types_for_the_goal_review() -> None:
    found = concepts_in("Give two conference talks and negotiate my salary")
    assert [c.id for c in found] == ["public_speaking", "negotiation", "compensation"]
    assert found[0].goal_type == "short_term_career"
    assert [c.id for c in concepts_in("Stop feeling like an impostor")] == []
    assert [c.id for c in concepts_in("Deal with impostor syndrome")] == ["confidence"]
    assert concepts_in("") == ()


def test_a_broken_lexicon_is_refused_with_the_place_named() -> None:
    with pytest.raises(LexiconError, match=r"concept.a.related: unknown concept 'zzz'"):
        build_lexicon(
            {"concept": {"a": {"label": "a", "goal": "psychosocial", "related": ["zzz"]}}}
        )
    with pytest.raises(LexiconError, match=r"concept.a.goal"):
        build_lexicon({"concept": {"a": {"label": "a", "goal": "someday"}}})
    with pytest.raises(LexiconError, match="no \\[concept"):
        build_lexicon({})


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_any_text_reads_without_error(text: str, free_text: bool) -> None:
    reading = read(text, free_text=free_text, title=True)
    known = lexicon().concepts
    assert all(m.concept in known for m in reading.mentions)
    assert all(c.id in known for c in concepts_in(text))


def test_a_phrase_reduced_to_one_generic_word_is_a_lexicon_error() -> None:
    data = {
        "concept": {
            "it": {"label": "IT support", "goal": "short_term_career", "de": ["it-support"]}
        },
        "partial_words": {"generic": ["support"]},
    }
    with pytest.raises(LexiconError, match="generic word"):
        build_lexicon(data)


@pytest.mark.parametrize(
    ("foreign", "english"),
    [
        ("preservación", "preservation"),
        ("histórico", "historic"),
        ("historique", "historic"),
        ("historisch", "historic"),
        ("informatique", "informatics"),
    ],
)
def test_latin_endings_meet_their_english_twin(foreign: str, english: str) -> None:
    assert stem(fold(foreign)) == stem(fold(english))


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Architecte du patrimoine", "heritage_conservation"),
        ("restauración de edificios históricos", "heritage_conservation"),
        ("Architekt, Denkmalpflege", "heritage_conservation"),
        ("Archivero, preservación digital", "archives"),
        ("Sozialarbeiterin, Pflegekinderdienst", "fostering_adoption"),
    ],
)
def test_fifth_pass_concepts_read_in_four_languages(text: str, concept: str) -> None:
    assert concept in {m.concept for m in read(text, free_text=False, title=True).mentions}
