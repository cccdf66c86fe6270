"""Network-gap analysis: who could help with each goal, where nobody can, and what to do.

The analysis follows two ideas from mentoring research:

* Kram's two **mentor functions**: *career* support (sponsorship, coaching, exposure,
  challenging work) and *psychosocial* support (role modelling, acceptance, counselling,
  friendship).  A career goal mostly needs the first, a psychosocial goal mostly the second.
* Higgins & Kram's **developmental networks**: a network is described by its *range* (how
  many different social spheres it reaches) and the *strength* of its ties, which places it
  in one of four types - receptive, traditional, opportunistic, entrepreneurial.

Needs and strengths match by meaning through the concept lexicon (:mod:`mentorkit.concepts`):
"presenting" meets "public speaking", "1:1s" meets "one-to-ones", a job title such as
"Senior UX Researcher" suggests *user research*, and every match names the concept that
connected the two.  Everything here is pure: it takes a :class:`~mentorkit.model.Workbook`
and returns frozen results.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Final, Literal

from mentorkit.concepts import (
    SAME_CONCEPT,
    SAME_WORDS,
    SHARED_LEMMA,
    WEAK_KINDS,
    Mention,
    Reading,
    lexicon,
    read,
    relation,
    stem,
)
from mentorkit.language import fold
from mentorkit.model import (
    MENTOR_FUNCTIONS,
    SPHERE_LABELS,
    SPHERES,
    Contact,
    Goal,
    Workbook,
)
from mentorkit.render import join_words, shorten
from mentorkit.status import MENTORING_STATUSES as _MENTORING
from mentorkit.status import TURNED_DOWN_STATUSES as _TURNED_DOWN
from mentorkit.status import Status

GapKind = Literal["no_candidate", "weak_only", "missing_function", "missing_sphere"]
NetworkType = Literal["receptive", "traditional", "opportunistic", "entrepreneurial"]

#: How much each mentor function matters for a goal type (after Kram): "mostly", not "only".
FUNCTION_WEIGHTS: Final[Mapping[str | None, Mapping[str, float]]] = {
    "short_term_career": {"career": 0.8, "psychosocial": 0.2},
    "long_term_career": {"career": 0.8, "psychosocial": 0.2},
    "psychosocial": {"career": 0.2, "psychosocial": 0.8},
    None: {"career": 0.5, "psychosocial": 0.5},
}
FUNCTION_LABELS: Final[Mapping[str, str]] = {
    "career": "career support (sponsoring, coaching, opening doors, stretch work)",
    "psychosocial": "psychosocial support (encouragement, a role model, a sounding board)",
}

#: Weights of the candidate score.  Areas dominate, so a weak tie with the right strength
#: always ranks above a strong tie with a near-miss; tie strength then breaks near-ties.
AREA_WEIGHT: Final = 3.0
FUNCTION_WEIGHT: Final = 1.0
STRONG_TIE_WEIGHT: Final = 0.5
SAME_ORGANISATION_WEIGHT: Final = 0.1
#: The participant's own report is rarely the one to learn a career step from: they rank
#: below peers who meet the need as well (for support, a report only loses the tie bonus).
REPORT_CAREER_PENALTY: Final = 1.0
#: A strength read from somebody's job title counts for less than one the participant wrote
#: as a strength, and one read from notes or the relationship less again.
POSITION_AREA_FACTOR: Final = 0.7
NOTES_FACTOR: Final = 0.6
ORGANISATION_FACTOR: Final = 0.4
#: A job-title word that only hints at a concept ("director": leadership).
HINT_FACTOR: Final = 0.6
#: One distinctive word of a longer alias ("regulatory" for "regulatory affairs").
PARTIAL_FACTOR: Final = 0.6
#: A concept the goal's statement names but its areas do not.
SECONDARY_FACTOR: Final = 0.5
#: How much needs beyond the best-covered one add, as a share of their average.
COVERAGE_BONUS: Final = 0.3
#: What the other concepts (and plain words) of one need, met by the same field, add to it.
SPAN_BONUS: Final = 0.3
#: Every distinctive word of a need no concept names, in one field (below RELATED).
SHARED_PHRASE: Final = 0.45
#: How much a second field meeting the best-met need adds, as a share of what it meets.
CORROBORATION_BONUS: Final = 0.2
#: Below this fit a candidate is a near match: worth a conversation, not yet "the" person.
NEAR_MATCH_FIT: Final = 0.33
#: How much of a long note or relationship text is read.
_READ_LIMIT: Final = 2_000

#: Answers after which a person ranks last for the goal they were asked about: asking them
#: again for the same thing is the least likely yes, and the participant should see why.
TURNED_DOWN_STATUSES: Final = _TURNED_DOWN
#: Statuses in which a person is mentoring the participant (said yes, or under way).
MENTORING_STATUSES: Final = _MENTORING
#: What the latest ask to a person about a goal says about them, for that goal.
_HISTORY_WORDS: Final[Mapping[str, str]] = {
    status: status.words.about_goal for status in Status if status.words.about_goal
}

#: Defaults of :func:`network_shape`: "high range" means at least this many spheres ...
DEFAULT_RANGE_THRESHOLD: Final = 3
#: ... and "strong" means at least this share of strong ties.
DEFAULT_STRENGTH_THRESHOLD: Final = 0.4

# Words of a goal statement that say nothing about the help needed.
_STOPWORDS: Final = frozenset(
    re.findall(
        r"[a-z]+",
        """a about after again all also am an and any are as at be become been before being better
    both but by can could did do does doing done each every few for from further get gets
    getting good had has have having he her here how i if in into is it its just keep learn
    less like make me more most my myself new next no nor not now of off on once one only or
    other our out over own really run same she should so some start such than that the their
    them then there these they this those through to too two three under until up very want
    was we were what when where which while who why will with would you your week weeks month
    months year years first last team work""",
    )
)

#: Where to look for somebody from a sphere the network lacks.
_SPHERE_ADVICE: Final[Mapping[str, str]] = {
    "same_team": "Your own team is the cheapest place to start: a teammate who has done this before can show you how it is done here.",
    "same_organisation": "Try an internal network, a guild or an employee group, or ask your manager who in another department is good at this.",
    "other_organisation": "Former colleagues, clients and suppliers see your field from outside; a short catch-up with one of them is a good start.",
    "professional_community": "Join one meet-up, association or online forum in your field and talk to one person there.",
    "education": "An alumni network or a former lecturer or course mate can introduce you to people a step ahead of you.",
    "personal": "Friends and family give the encouragement a hard goal needs; say out loud what you are working on.",
}

#: Spheres where help for a goal type is usually found, best first (used to pick an introducer).
_SPHERES_FOR: Final[Mapping[str | None, tuple[str, ...]]] = {
    "short_term_career": (
        "same_organisation",
        "same_team",
        "professional_community",
        "other_organisation",
        "education",
        "personal",
    ),
    "long_term_career": (
        "professional_community",
        "other_organisation",
        "education",
        "same_organisation",
        "same_team",
        "personal",
    ),
    "psychosocial": (
        "personal",
        "professional_community",
        "education",
        "same_team",
        "same_organisation",
        "other_organisation",
    ),
    None: SPHERES,
}


@dataclass(frozen=True)
class Candidate:
    """A contact who could mentor the participant on one goal.

    Attributes:
        contact_id: The contact's id.
        name: The contact's name, as typed (escape it before putting it into HTML).
        score: Higher is better; areas count most, then mentor functions, then tie strength.
        tie_strength: ``"strong"`` or ``"weak"``.
        matched_areas: The contact's areas that match the goal's needs, then the concepts
            read from their job title, notes, relationship or organisation.
        reason: Why, in plain words, naming what was read and the concept that connected it:
            ``"has strength in budgets (budgeting); strong tie"``, ``"job title 'Senior UX
            Researcher' suggests user research; weak tie"``.
        earlier_answer: ``"declined"`` or ``"no_answer"`` when the participant's latest ask to
            this person about this goal ended so (such a candidate ranks last), else ``None``.
        mentoring_goal_ids: Other goals this person is mentoring the participant on now (an
            ask ``accepted`` or ``active``).
        history: Asks so far in plain words, ``""`` when there are none: the latest ask about
            this goal (``"declined when you asked about this goal"``, ``"your ask to them about
            this goal is a draft"``, ...) and other goals they mentor the participant on
            (``"already mentoring you on 'Run the budget review'"``).
        concepts: Labels of the concepts that connected this person to the goal.
        fit: How well their best-covered need is met, 0-1 and a little over for covering
            several (the first tie-break after the score).
        why: A phrase for the ask that follows "because" ("you have real experience with
            public speaking"), ``""`` when nothing connects them.
    """

    contact_id: str
    name: str
    score: float
    tie_strength: str
    matched_areas: tuple[str, ...]
    reason: str
    earlier_answer: str | None = None
    mentoring_goal_ids: tuple[str, ...] = ()
    history: str = ""
    concepts: tuple[str, ...] = ()
    fit: float = 0.0
    why: str = ""


@dataclass(frozen=True)
class Gap:
    """Something the network lacks, with a plain-words suggestion to close it.

    Attributes:
        kind: ``"no_candidate"`` (nobody for a goal), ``"weak_only"`` (only weak ties for a
            goal), ``"missing_function"`` (nobody gives a mentor function a goal needs) or
            ``"missing_sphere"`` (nobody from one or more social spheres, named together).
        goal_id: The goal concerned, or ``None`` for gaps of the whole network.
        message: What is missing.
        suggestion: A relationship-building step to close the gap.
        contact_ids: People named in the suggestion (an introducer, a first conversation).
    """

    kind: GapKind
    goal_id: str | None
    message: str
    suggestion: str
    contact_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class NetworkShape:
    """A developmental network's size, strength, range and type (after Higgins & Kram).

    Attributes:
        size: How many contacts.
        strong_share: Share of strong ties, 0-1 (0 for an empty network).
        range: How many distinct spheres the contacts come from.
        type: ``"receptive"`` (low range, weak ties), ``"traditional"`` (low range, strong),
            ``"opportunistic"`` (high range, weak) or ``"entrepreneurial"`` (high range, strong).
        range_threshold: The range from which a network counts as high-range.
        strength_threshold: The strong share from which a network counts as strong.
        sphere_counts: Contacts per sphere, every sphere present (zero when empty).
        strong_count: How many strong ties.
    """

    size: int
    strong_share: float
    range: int
    type: NetworkType
    range_threshold: int = DEFAULT_RANGE_THRESHOLD
    strength_threshold: float = DEFAULT_STRENGTH_THRESHOLD
    sphere_counts: Mapping[str, int] = field(default_factory=dict)
    strong_count: int = 0


@dataclass(frozen=True)
class NetworkAnalysis:
    """Everything the network step shows.

    Attributes:
        candidates: Ranked candidates per active goal id (an empty list: nobody).
        gaps: Every gap, goal gaps first in goal order, then network-wide gaps.
        shape: The network's shape.
    """

    candidates: Mapping[str, list[Candidate]]
    gaps: list[Gap]
    shape: NetworkShape


# --------------------------------------------------------------------------------------
# Matching by meaning
# --------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))


def tag_key(tag: str) -> str:
    """A tag reduced to what matters for matching: lower case, letters and digits only.

    ``"Work-life  Balance"`` and ``"worklife balance"`` both become ``"worklifebalance"``.
    """
    return "".join(_words(tag))


def _content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _words(text) if w not in _STOPWORDS and len(w) > 2)


@dataclass(frozen=True)
class Match:
    """How an offered strength meets a need, and the concept that connected them.

    Attributes:
        score: :data:`~mentorkit.concepts.SAME_WORDS` (1), ``SAME_CONCEPT`` (0.9),
            ``RELATED`` (0.5) or ``SHARED_LEMMA`` (0.3).
        need_concept: The concept of the need (``""`` for a shared word only).
        offer_concept: The concept of the offer that met it (the same, or a related one).
        via: What connected them, in words: ``"public speaking"``, ``"storytelling, related
            to public speaking"``, ``"the word 'quilt'"``.
        surface: The offer's words that named it.
    """

    score: float
    need_concept: str
    offer_concept: str
    via: str
    surface: str


def _label(concept_id: str) -> str:
    return lexicon().concepts[concept_id].label


def _best_match(need: Reading, offer: Reading) -> Match | None:
    """The best way ``offer`` meets ``need``: exact concept > alias > related > shared word."""
    best: Match | None = None
    best_part: tuple[str, ...] = ()
    # Best score per part of the need (its words, not its concepts: "procurement" names two).
    per_part: dict[tuple[str, ...], float] = {}
    for n in need.mentions:
        for o in offer.mentions:
            if n.concept == o.concept:
                score = SAME_WORDS if n.key == o.key and o.kind not in WEAK_KINDS else SAME_CONCEPT
                via = _label(n.concept)
            else:
                score = relation(n.concept, o.concept)
                if not score:
                    continue
                via = f"{_label(o.concept)}, related to {_label(n.concept)}"
            if o.kind == "hint":
                score *= HINT_FACTOR
            elif o.kind == "partial" or n.kind == "partial":
                score *= PARTIAL_FACTOR
            if score > per_part.get(n.key, 0.0):
                per_part[n.key] = score
            if best is None or score > best.score:
                best, best_part = Match(score, n.concept, o.concept, via, o.surface), n.key
    # A word in common counts where no concept connects the two: a missing concept still
    # finds the person who literally does the thing ("digital preservation" / "Digital
    # Preservation Manager"), below any concept match.  Generic words never make a match.
    shared = (need.leftover & offer.leftover) - lexicon().generic if need.leftover else set()
    if best is not None:
        # One field that meets several of a need's concepts ("Data Journalist" for "data
        # journalism") beats one that meets only one of them.
        wanted = {n.key for n in need.mentions if n.kind not in WEAK_KINDS} | {best_part}
        if len(wanted) > 1 or shared:
            others = sum(per_part.values()) - best.score + SHARED_LEMMA * len(shared)
            parts = len(wanted) + len(need.leftover)
            bonus = SPAN_BONUS * others / parts
            if bonus > 0:
                best = replace(best, score=best.score + bonus)
        return best
    if need.key and need.key == offer.key:
        return Match(SAME_WORDS, "", "", " ".join(need.key), " ".join(offer.key))
    if shared:
        word = min(shared)
        # Every word of a need that no concept names ("digital preservation"): surer.
        whole = len(shared) > 1 and shared == need.leftover - lexicon().generic
        score = SHARED_PHRASE if whole else SHARED_LEMMA
        via = f"the words '{' '.join(sorted(shared))}'" if whole else f"the word '{word}'"
        return Match(score, "", "", via, word)
    return None


def match(need: str, offer: str) -> Match | None:
    """How the strength ``offer`` (a tag) meets the need ``need`` (a goal area), or ``None``."""
    return _best_match(read(need, free_text=False), read(offer, free_text=False))


@lru_cache(maxsize=65_536)
def match_strength(need: str, offer: str) -> float:
    """How well an offered strength meets a need, 0-1 (see :class:`Match`)."""
    found = match(need, offer)
    return found.score if found is not None else 0.0


@dataclass(frozen=True)
class _Need:
    """One thing a goal needs: as written, read into concepts, and how much it counts."""

    text: str
    reading: Reading
    main: bool


#: Words of a goal statement about the goal itself, never about the help wanted.
_GOAL_FILLER: Final = frozenset(
    stem(fold(w))
    for w in [
        "get",
        "getting",
        "got",
        "first",
        "this",
        "that",
        "these",
        "next",
        "within",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "move",
        "moving",
        "stop",
        "stopping",
        "start",
        "starting",
        "feel",
        "feeling",
        "less",
        "more",
        "every",
        "before",
        "after",
        "into",
        "onto",
        "make",
        "want",
        "need",
        "able",
        "time",
        "own",
        "better",
        "two",
        "three",
        "four",
        "five",
        "six",
        "end",
        "autumn",
        "spring",
        "summer",
        "winter",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "deadline",
        "less",
        "like",
        "when",
        "what",
        "each",
        "back",
        "still",
        "again",
        "keep",
        "take",
        "become",
        "finally",
        "really",
        "much",
        "many",
        "some",
        "other",
        "same",
        "them",
        "they",
        "then",
        "than",
        "there",
        "here",
        "about",
        "over",
        "under",
        "without",
        "while",
        "until",
        "always",
        "never",
        "something",
        "name",
        "matter",
        "matters",
        "most",
        "least",
        "against",
        "which",
        "where",
        "whose",
        "because",
        "though",
        "should",
        "could",
        "would",
        "might",
        "lot",
        "lots",
        "thing",
        "things",
        "quite",
        "enough",
    ]
)


def _goal_need_list(goal: Goal, organisation: str) -> tuple[_Need, ...]:
    """The goal's areas (its main needs), then concepts its statement names that the areas
    do not (secondary); without areas, the statement's concepts, or failing those its words."""
    areas = tuple(dict.fromkeys(a.strip() for a in goal.areas if tag_key(a)))
    needs = [_Need(a, read(a, free_text=False), True) for a in areas]
    covered = {m.concept for n in needs for m in n.reading.mentions}
    statement = read(goal.statement)
    for mention in statement.mentions:
        if mention.concept in covered or mention.kind in WEAK_KINDS:
            continue
        covered.add(mention.concept)
        reading = Reading((mention,), frozenset(), mention.key)
        needs.append(_Need(_label(mention.concept), reading, not areas))
    # The statement's own words no concept covers ("historic", "newspaper") count a little,
    # so a missing concept still finds the person who literally does that thing.
    words = {
        w
        for w in statement.leftover - lexicon().generic - _GOAL_FILLER
        if len(w) >= 5 and not w.isdigit()
    }
    words -= {w for n in needs for w in n.reading.leftover}
    words -= set(read(organisation).leftover) if organisation else set()
    if areas and words:
        key = tuple(sorted(words))
        needs.append(_Need(" ".join(key), Reading((), frozenset(words), key), False))
    psychosocial = goal.type == "psychosocial" or (
        goal.type is None
        and any(
            m.kind not in WEAK_KINDS and lexicon().concepts[m.concept].goal_type == "psychosocial"
            for n in needs
            if n.main
            for m in n.reading.mentions
        )
    )
    if psychosocial and needs and _SUPPORT not in covered:
        # Whoever is close, or has lived through something like it, can help (a support need
        # is never shown as an area; it counts like a main one).
        key = (_SUPPORT,)
        mention = Mention(_SUPPORT, _label(_SUPPORT), key, "label")
        needs.append(_Need(_label(_SUPPORT), Reading((mention,), frozenset(), key), False))
    if not needs:
        ignored = set(_words(organisation))
        for word in dict.fromkeys(_content_words(goal.statement)):
            if word not in ignored:
                needs.append(_Need(word, read(word, free_text=False), True))
    return tuple(needs)


def goal_needs(goal: Goal, *, organisation: str = "") -> tuple[tuple[str, ...], bool]:
    """The areas a goal needs help with, and whether they were read from its statement.

    A goal's own ``areas`` come first; a goal without any falls back to the concepts its
    statement names ("Give more talks" needs *public speaking*), and failing those to the
    content words of its statement, leaving out the words of the participant's
    ``organisation`` (a company name says nothing about the help needed).
    """
    needs = _goal_need_list(goal, organisation)
    if goal.areas and any(tag_key(a) for a in goal.areas):
        return tuple(n.text for n in needs if n.main), False
    return tuple(n.text for n in needs), True


def goal_concepts(goal: Goal, *, main_only: bool = False) -> tuple[str, ...]:
    """Labels of the concepts a goal's areas and statement name, areas first (with
    ``main_only``, those of its areas alone when it has any)."""
    return tuple(
        dict.fromkeys(
            _label(m.concept)
            for n in _goal_need_list(goal, "")
            if n.main or not main_only
            for m in n.reading.mentions
            if m.kind not in WEAK_KINDS
        )
    )


def suggest_areas(position: str) -> list[str]:
    """Strengths a job title hints at ("Head of Finance" -> finance, leadership, ...).

    A starting point for a person to confirm, not a fact about anybody.
    """
    return list(
        dict.fromkeys(
            _label(m.concept) for m in read(position, free_text=False, title=True).mentions
        )
    )


# --------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------

#: Where a contact's strengths are read from, how much each counts, and how a reason says it.
_SOURCES: Final = ("areas", "position", "notes", "relationship", "organisation")
_SOURCE_FACTOR: Final[Mapping[str, float]] = {
    "areas": 1.0,
    "position": POSITION_AREA_FACTOR,
    "notes": NOTES_FACTOR,
    "relationship": NOTES_FACTOR,
    "organisation": ORGANISATION_FACTOR,
}

_REPORT: Final = re.compile(
    r"\b(?:reports? (?:directly )?(?:to|into) me|my (?:direct |former )?reports?|direct report|"
    r"on my team|in my team|i (?:line[- ])?manage (?:him|her|them)|"
    r"i(?:'m| am) (?:his|her|their) (?:\w+ )?(?:mentor|coach|supervisor|manager|preceptor|assessor)|my (?:intern|apprentice|trainee|mentee)s?|"
    r"in meinem team|mein(?:e)? (?:mitarbeiter(?:in)?|praktikant(?:in)?|azubi)|"
    r"dans mon [ée]quipe|mon (?:collaborateur|stagiaire|alternant)|ma (?:collaboratrice|stagiaire|alternante)|"
    r"en mi equipo|me reporta|mi (?:becario|becaria|colaborador|colaboradora))\b",
    re.I,
)
_MANAGER: Final = re.compile(
    r"\b(?:my (?:line |direct |current |former |old |skip[- ]level )?(?:manager|boss|supervisor|team lead)|"
    r"i report(?:ed)? to|my skip[- ]level|"
    r"mein(?:e)? (?:ehemalige[rn]? |alte[rn]? )?(?:chef|chefin|vorgesetzte[r]?|teamleiter(?:in)?)|"
    r"(?:mon|ma) (?:ancien(?:ne)? )?(?:chef|cheffe|manager|manageuse|responsable|sup[ée]rieure?|n\+1)|"
    r"mi (?:antigua |antiguo )?(?:jefe|jefa|responsable|superior|supervisora?))\b",
    re.I,
)
#: Relationships that say a tie is close whatever the tie field says ("my sister", "best
#: friend"), in the four workbook languages, and words that say it is not.
_CLOSE: Final = re.compile(
    r"\b(?:sister|brother|mother|father|mum|mom|dad|husband|wife|spouse|partner|fianc[ée]e?|"
    r"best friend|close friend|oldest friend|cousin|aunt|uncle|"
    r"s[œo]eur|fr[èe]re|m[èe]re|p[èe]re|mari|[ée]pouse|meilleure? ami|cousine|"
    r"hermana|hermano|madre|padre|marido|esposa|esposo|prim[oa]|mejor amig[oa]|"
    r"schwester|bruder|mutter|vater|ehemann|ehefrau|beste freundin|bester freund|cousine)\b"
    r"(?!'s|’s| s\b)",  # "my father's friend" is not my father
    re.I,
)
_DISTANT: Final = re.compile(
    r"\b(?:met once|only met|met briefly|barely know|hardly know|lost touch|haven'?t spoken|"
    r"have not spoken|never met|friend of a friend|of a friend|linkedin|cold)\b|"
    r"\b(?:business |work )?partner(?:s)? (?:firm|company|agency)",
    re.I,
)


def _close_by_relationship(relationship: str) -> bool:
    """Whether the relationship text names a close tie ("my sister") and nothing distant."""
    return bool(_CLOSE.search(relationship)) and not _DISTANT.search(relationship)


def relationship_role(contact: Contact) -> Literal["report", "manager", ""]:
    """Whether the relationship field says the contact reports to the participant or manages
    them: "reports to me", "my report", "on my team" -> ``report``; "my manager" ->
    ``manager``; anything else ``""``."""
    return _role(contact.relationship)


def _role(text: str) -> Literal["report", "manager", ""]:
    if _MANAGER.search(text):
        return "manager"
    if _REPORT.search(text):
        return "report"
    return ""


@dataclass(frozen=True)
class _Profile:
    """What a contact's words and ties give, shared by everyone with the same fields.

    People imported from one company often share a job title, an organisation and no notes:
    they are read, matched and scored once per goal, however many they are.
    """

    #: (source, text as written, reading, factor, field id) for every non-empty field read.
    readings: tuple[_Field, ...]
    #: Which fields ``readings`` holds, as one number.
    signature: int
    #: Concepts and area words named anywhere, to find who a need touches.
    concepts: frozenset[str]
    words: frozenset[str]
    same_organisation: bool
    #: A strong tie, or a relationship that reads as close ("my sister").
    strong: bool
    functions: frozenset[str]
    #: The participant's own report: close, but rarely the one to be mentored by, so the
    #: tie's strength does not count for them.
    report: bool
    #: The end of every reason about them: "strong tie; same organisation".
    tail: str
    #: A number no other profile has, to remember what it scored for a goal.
    serial: int


@dataclass(frozen=True)
class _Prepared:
    """The network prepared for ranking: contacts, their profiles, and which profiles name
    each concept or word."""

    contacts: list[Contact]
    #: The profile of each contact, by position in ``contacts``.
    profile_of: list[int]
    profiles: list[_Profile]
    #: The contacts with each profile, in workbook order.
    members: list[list[int]]
    by_concept: dict[str, set[int]]
    by_word: dict[str, set[int]]
    organisation: str
    #: The status of the latest ask per (goal id, contact id), in workbook order.
    latest_ask: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Goal ids each contact is mentoring the participant on now.
    mentoring: dict[str, list[str]] = field(default_factory=dict)
    #: Goal statements by id, to name a goal in a candidate's history.
    goal_labels: dict[str, str] = field(default_factory=dict)
    #: Everyone in ``latest_ask`` or ``mentoring``: most people were never asked.
    asked_or_mentoring: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _cached_tag_key(tag: str) -> str:
    return tag_key(tag)


def _same_org(contact: Contact, own_key: str) -> bool:
    if contact.sphere in ("same_team", "same_organisation"):
        return True
    return bool(own_key) and _cached_tag_key(contact.organisation) == own_key


#: One field of a contact as read: source, text as written, reading, weight, and the key its
#: match is cached under (notes by what they say in concepts: their reason names only that).
_FieldRead = tuple[str, str, Reading, float, Hashable]
#: The same with the key made a small number (see :func:`_intern`), as profiles hold it.
_Field = tuple[str, str, Reading, float, int]


#: "passed Part 3 last spring", "completed her ASYE in March", "has done the MBA", "got
#: chartered": someone who has done the very thing the participant is working towards.
_DONE: Final = re.compile(
    r"\b(?:passed|completed|finished|has done|have done|did|got|gained|earned|achieved|"
    r"went through|sat|qualified (?:as|in|through)|a r[ée]ussi|aprob[óo]|bestanden|abgeschlossen)"
    # "did my appraisal" is something done to the participant, not something they have done.
    r"\s+(?!(?:my|our|your|me|us|mon|ma|mes|mi|mis|mein|meine)\b)"
    r"(?:(?:her|his|their|the|its|an?|own|son|sa|ses|su|sus|die|das|den)\s+)*"
    r"(?P<thing>[^\W\d_][\w&/+-]*(?:\s+(?!(?:last|this|in|on|at|with|after|before|when|"
    r"and|but|so|while|since|from|ago|first|time|year|years)\b)[\w&/+-]+){0,3})",
    re.I,
)
#: A done-it-themselves field counts nearly as a named strength, and any match in it (even a
#: word no concept names, "ASYE") at least this much.
DONE_FACTOR: Final = 0.9
DONE_FLOOR: Final = 0.8


@lru_cache(maxsize=8192)
def _read_fields(
    areas: tuple[str, ...], position: str, notes: str, relationship: str, organisation: str
) -> tuple[_FieldRead, ...]:
    out: list[_FieldRead] = []
    for area in areas:
        if area.strip():
            text = area.strip()
            out.append(("areas", text, read(area, free_text=False), 1.0, ("areas", text)))
    fields = (
        ("position", position, read(position, free_text=False, title=True)),
        ("notes", notes, read(notes[:_READ_LIMIT])),
        ("relationship", relationship, read(relationship[:_READ_LIMIT])),
        ("organisation", organisation, read(organisation, free_text=False)),
    )
    for text in (relationship, notes):
        for done in _DONE.finditer(text[:_READ_LIMIT]):
            thing = done.group("thing").strip()
            reading = read(thing)
            if reading.mentions or reading.leftover:
                shown = " ".join(done.group(0).split())
                out.append(("done", shown, reading, DONE_FACTOR, ("done", shown)))
    for source, text, reading in fields:
        if text.strip() and (reading.mentions or reading.leftover):
            shown = " ".join(text.split())
            key: Hashable = (
                (source, reading.mentions, reading.leftover)
                if source == "notes"
                else (source, shown)
            )
            out.append((source, shown, reading, _SOURCE_FACTOR[source], key))
    return tuple(out)


#: Notes that say someone has lived through something like it ("went back after her second
#: baby", "got through it with counselling", "retrained at 50"), in the four languages.
_LIVED: Final = re.compile(
    # "went through" only with a hardship after it: "went through the assessment centre" is
    # a process, not lived experience.
    r"\b(?:(?:been|went|got|gone|going) through (?:it|this|that|the same|something|much the same|"
    r"(?:a |an |her |his |their |my )?(?:lot|similar|hard|rough|tough|difficult|bad|divorce|"
    r"redundanc|burn-?out|illness|grief|bereavement|breakdown|cancer|depression|anxiety|loss|"
    r"miscarriage|ivf|menopause|separation|crisis|chemo))|"
    r"had a (?:rough|hard|tough|difficult)|bounced back|burn(?:ed|t) out|struggled with|"
    r"felt (?:like )?(?:a |an )?(?:fraud|impost[eo]r|out of (?:\w+ )?depth|overwhelmed|the same)|"
    r"took (?:\w+ )?(?:months?|weeks?|a year|time) off|"
    r"went back|came back|retrained|made redundant|(?:left|quit) .{0,40}\bat \d\d|"
    r"knows what it(?: i|')s like|has been honest|did the same|same (?:move|switch|thing)|"
    r"the first year was|volvi[óo]|pas[óo] por|ha vivido|a v[ée]cu|est pass[ée]e? par|"
    r"durchgemacht|selbst erlebt|zur[üu]ckgekehrt)",
    re.I,
)
#: A close tie is a natural source of emotional support; lived experience a stronger one.
CLOSE_SUPPORT_FACTOR: Final = 0.3
LIVED_SUPPORT_FACTOR: Final = 0.55
_SUPPORT: Final = "peer_support"


@lru_cache(maxsize=8192)
def _support_readings(notes: str, relationship: str, close: bool) -> tuple[_Field, ...]:
    """Psychosocial support read from the tie and the notes, not only from named strengths:
    someone close, and someone whose notes say they have been through something similar."""
    out: list[_Field] = []
    key = (_SUPPORT,)
    lived = _LIVED.search(notes[:_READ_LIMIT]) or _LIVED.search(relationship[:_READ_LIMIT])
    if lived:
        mention = Mention(_SUPPORT, lived.group(0), key, "alias")
        reading = Reading((mention,), frozenset(), key)
        out.append(
            (
                "lived",
                " ".join(notes.split()),
                reading,
                LIVED_SUPPORT_FACTOR,
                _intern(("lived", lived.group(0).casefold())),
            )
        )
    if close:
        shown = " ".join(relationship.split())
        mention = Mention(_SUPPORT, shown or "close tie", key, "alias")
        reading = Reading((mention,), frozenset(), key)
        out.append(("close", shown, reading, CLOSE_SUPPORT_FACTOR, _intern(("close", shown))))
    return tuple(out)


#: Field keys and signatures as small integers, so ranking hashes ints only.  The numbers
#: only ever grow, so a number never means two things even after the table is cleared.
_IDS: dict[Hashable, int] = {}
_NEXT_ID: list[int] = [0]


def _intern(key: Hashable) -> int:
    found = _IDS.get(key)
    if found is None:
        if len(_IDS) > 200_000:
            _IDS.clear()
        found = _IDS[key] = _NEXT_ID[0]
        _NEXT_ID[0] += 1
    return found


_SERIALS: Final = itertools.count()


@lru_cache(maxsize=16_384)
def _profile(
    areas: tuple[str, ...],
    position: str,
    notes: str,
    relationship: str,
    organisation: str,
    same_organisation: bool,
    strong_field: bool,
    functions: frozenset[str],
) -> _Profile:
    readings = tuple(
        (source, text, reading, factor, _intern(key))
        for source, text, reading, factor, key in _read_fields(
            areas, position, notes, relationship, organisation
        )
    )
    report = _role(relationship) == "report"
    close = not strong_field and _close_by_relationship(relationship)
    readings += _support_readings(notes, relationship, (strong_field or close) and not report)
    concepts: set[str] = set()
    words: set[str] = set()
    generic = lexicon().generic
    for source, _, reading, _, _ in readings:
        concepts.update(m.concept for m in reading.mentions)
        if source == "areas":
            words.add(" ".join(reading.key))
            words.update(reading.leftover)
        elif source in ("position", "notes", "relationship", "done"):  # for needs no concept names
            words.update(reading.leftover - generic)
    tie = (
        "strong tie"
        if strong_field
        else f"close by relationship ('{shorten(' '.join(relationship.split()), 30)}')"
        if close
        else "weak tie"
    )
    tail = "; ".join(
        filter(
            None,
            (
                tie,
                "reports to you" if report else "",
                "same organisation" if same_organisation else "",
            ),
        )
    )
    return _Profile(
        readings,
        _intern(tuple(f[4] for f in readings)),
        frozenset(concepts),
        frozenset(words),
        same_organisation,
        strong_field or close,
        functions,
        report,
        tail,
        next(_SERIALS),
    )


def _prepare(workbook: Workbook) -> _Prepared:
    organisation = workbook.profile.organisation
    own_key = tag_key(organisation)
    contacts = list(workbook.contacts)
    profile_ids: dict[int, int] = {}  # by id(): the cache hands out one object per profile
    profiles: list[_Profile] = []
    members: list[list[int]] = []
    profile_of: list[int] = []
    by_concept: dict[str, set[int]] = {}
    by_word: dict[str, set[int]] = {}
    for index, contact in enumerate(contacts):
        profile = _profile(
            tuple(contact.areas),
            contact.position,
            contact.notes,
            contact.relationship,
            contact.organisation,
            _same_org(contact, own_key),
            contact.tie_strength == "strong",
            frozenset(contact.functions),
        )
        pid = profile_ids.get(id(profile))
        if pid is None:
            pid = profile_ids[id(profile)] = len(profiles)
            profiles.append(profile)
            members.append([])
            for concept in profile.concepts:
                by_concept.setdefault(concept, set()).add(pid)
            for word in profile.words:
                by_word.setdefault(word, set()).add(pid)
        members[pid].append(index)
        profile_of.append(pid)
    latest_ask: dict[tuple[str, str], str] = {}
    mentoring: dict[str, list[str]] = {}
    for mentorship in workbook.mentorships:
        latest_ask[mentorship.goal_id, mentorship.contact_id] = mentorship.status
        if mentorship.status in MENTORING_STATUSES:
            goals = mentoring.setdefault(mentorship.contact_id, [])
            if mentorship.goal_id not in goals:
                goals.append(mentorship.goal_id)
    labels = {g.id: " ".join(g.statement.split()) or g.id for g in workbook.goals}
    asked = frozenset({contact_id for _, contact_id in latest_ask} | set(mentoring))
    return _Prepared(
        contacts,
        profile_of,
        profiles,
        members,
        by_concept,
        by_word,
        organisation,
        latest_ask,
        mentoring,
        labels,
        asked,
    )


def _history(
    goal: Goal, contact_id: str, prepared: _Prepared
) -> tuple[str | None, tuple[str, ...], str]:
    """What the asks so far say about this person for this goal: the turned-down answer (if
    any), the other goals they mentor the participant on now, and all of it in words."""
    if contact_id not in prepared.asked_or_mentoring:
        return None, (), ""
    status = prepared.latest_ask.get((goal.id, contact_id))
    answer = status if status in TURNED_DOWN_STATUSES else None
    others = tuple(g for g in prepared.mentoring.get(contact_id, ()) if g != goal.id)
    said = _HISTORY_WORDS.get(status or "")
    words = [said] if said else []
    if others:
        names = " and ".join(f"'{shorten(prepared.goal_labels.get(g, g), 60)}'" for g in others)
        words.append(f"already mentoring you on {names}")
    return answer, others, "; ".join(words)


def _function_fit(goal_type: str | None, functions: frozenset[str]) -> tuple[float, str]:
    weights = FUNCTION_WEIGHTS.get(goal_type, FUNCTION_WEIGHTS[None])
    if not functions:
        return 0.5, ""
    fit = min(1.0, sum(weights.get(f, 0.0) for f in functions))
    wanted = max(weights, key=lambda f: weights[f]) if goal_type else None
    if wanted and wanted in functions:
        return fit, f"gives {wanted} support"
    return fit, ""


def _reason_part(source: str, text: str, found: Match) -> str:
    """One source's match in words, naming what was read and the concept that connected it."""
    shown = shorten(text, 50)
    if source == "areas":
        if found.need_concept and found.surface.casefold() != found.via.casefold():
            return f"has strength in {shown} ({found.via})"
        return f"has strength in {shown}"
    what = found.via
    if source == "lived":
        return f"your notes say they have been through something similar ('{shorten(found.surface, 40)}')"
    if source == "done":
        return f"has done it themselves ('{shown}': {what})"
    if source == "close":
        return (
            f"close to you ({shorten(text, 40)}), so a source of support"
            if text
            else "close to you, so a source of support"
        )
    if source == "position":
        return f"job title '{shown}' suggests {what}"
    if source == "notes":
        return f"your notes mention '{shorten(found.surface, 40)}' ({what})"
    if source == "relationship":
        return f"relationship '{shown}' suggests {what}"
    return f"works at '{shown}' ({what})"


def _why(source: str, text: str, best: Match | None) -> str:
    """A phrase for the ask that follows "because", from the concept that matched and the
    field it was read from ("" when only a word is shared: the ask then falls back to the
    contact's areas, title or relationship)."""
    if best is None or not best.need_concept:
        return ""
    label = _label(best.offer_concept)
    if source == "lived":
        return "you have been through something similar yourself"
    if source == "done":
        return f"you have done it yourself ({shorten(text, 40)})"
    if source == "close":
        return "you know me well and I trust your judgement"
    if source == "position":
        return f"your work as {shorten(text, 60)} means you know {label} well"
    if source == "relationship":
        return f"you know me ({shorten(text, 40)}) and you know {label} well"
    return f"you have real experience with {label}"


#: What one field of a contact adds for a goal: the value per need, the best value and
#: match, the reason part, the concept labels and the names that matched, and the
#: aggregate it makes when it is the contact's only matching field.
_Contribution = tuple[
    list[float], float, "Match | None", str, dict[str, None], dict[str, None], "_Aggregate"
]
#: What a contact's fields add up to for a goal: the area fit, the best match, the phrase
#: for the ask, the reason's first parts, the concept labels and the names that matched.
_Aggregate = tuple[float, "Match | None", str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_NO_AGGREGATE: Final[_Aggregate] = (0.0, None, "", (), (), ())


def _first_descending(pair: tuple[float, str]) -> float:
    return -pair[0]


def _area_fit(best: Sequence[float], mains: Sequence[int], has_main: bool) -> float:
    """The best-covered need counts in full; the others add a little, so one person strong
    in the main area is not out-ranked by someone lukewarm in all of them.  A concept only
    the statement names adds to a fit: alone it makes a near match."""
    top = max(best[i] for i in mains) if has_main else max(best)
    return top + COVERAGE_BONUS * (sum(best) - top) / len(best)


def _contribution(
    needs: Sequence[_Need],
    mains: Sequence[int],
    has_main: bool,
    source: str,
    text: str,
    reading: Reading,
    factor: float,
) -> _Contribution:
    values = [0.0] * len(needs)
    top_value, top_match = 0.0, None
    labels: dict[str, None] = {}
    names: dict[str, None] = {}
    support_only = source in ("close", "lived")
    for i, need in enumerate(needs):
        if support_only and all(m.concept != _SUPPORT for m in need.reading.mentions):
            continue  # being close, or having been there, is support, never expertise
        found = _best_match(need.reading, reading)
        if found is None:
            continue
        if (
            source == "done"
            and found.score < DONE_FLOOR
            and found.need_concept == found.offer_concept  # the thing itself, not a relative
        ):
            found = replace(found, score=DONE_FLOOR)
        value = found.score * factor * (1.0 if need.main else SECONDARY_FACTOR)
        values[i] = value
        if value > top_value:
            top_value, top_match = value, found
        if found.offer_concept:
            labels[_label(found.offer_concept)] = None
        names[
            text
            if source == "areas"
            else (_label(found.offer_concept) if found.offer_concept else found.surface)
        ] = None
    if top_match is None:
        return values, 0.0, None, "", labels, names, _NO_AGGREGATE
    part = _reason_part(source, text, top_match)
    solo = (
        _area_fit(values, mains, has_main),
        top_match,
        _why(source, text, top_match),
        (part,),
        tuple(labels),
        tuple(names),
    )
    return values, top_value, top_match, part, labels, names, solo


def _aggregate(
    needs: Sequence[_Need],
    rows: Sequence[tuple[_Contribution, str, str]],
    mains: Sequence[int],
    has_main: bool,
) -> _Aggregate:
    """What the matching fields of one person add up to (rows: contribution, source, text)."""
    if not rows:
        return _NO_AGGREGATE
    if len(rows) == 1:
        return rows[0][0][6]
    best = [0.0] * len(needs)
    second = [0.0] * len(needs)
    best_match: Match | None = None
    best_field = ("", "")
    best_value = 0.0
    parts: list[tuple[float, str]] = []
    concepts: dict[str, None] = {}
    matched: dict[str, None] = {}
    for (values, top_value, top_match, part, labels, names, _), source, text in rows:
        for i, value in enumerate(values):
            if value > best[i]:
                best[i], second[i] = value, best[i]
            elif value > second[i]:
                second[i] = value
        if top_value > best_value:
            best_value, best_match, best_field = top_value, top_match, (source, text)
        parts.append((top_value, part))
        concepts.update(labels)
        matched.update(names)
    parts.sort(key=_first_descending)
    head = tuple(part for _, part in parts[:3])
    area_fit = _area_fit(best, mains, has_main)
    # A second field saying the same (a title and the notes) makes the best need surer.
    top = max(mains if has_main else range(len(needs)), key=best.__getitem__)
    area_fit += CORROBORATION_BONUS * second[top]
    why = _why(*best_field, best_match)
    return area_fit, best_match, why, head, tuple(concepts), tuple(matched)


_new = object.__new__
_set = object.__setattr__


def _candidate(fields: dict[str, object]) -> Candidate:
    """A :class:`Candidate` holding ``fields`` (every field named), built without the frozen
    dataclass's per-field ``__setattr__``: a network of 1,000 people makes thousands per
    analysis.  Equal to, and indistinguishable from, one built by keyword."""
    made: Candidate = _new(Candidate)
    _set(made, "__dict__", fields)
    return made


#: What a profile scored for a goal (goal key, profile serial): score, fit, the words on
#: mentor functions, the aggregate and the sort key; ``None`` when nothing matched.
_Scored = tuple[float, float, str, "_Aggregate", tuple[float, float, bool, float], bool]
_SCORED: dict[tuple[int, int], _Scored | None] = {}
_SCORED_LIMIT: Final = 200_000
#: Candidates built, by goal key, profile serial, contact id, name and tie strength.
_BUILT: dict[tuple[int, int, str, str, str], Candidate] = {}


def _score_profile(
    goal: Goal,
    needs: Sequence[_Need],
    mains: Sequence[int],
    has_main: bool,
    profile: _Profile,
    contributions: dict[int, _Contribution],
    aggregates: dict[tuple[int, ...], _Aggregate],
    fits: dict[frozenset[str], tuple[float, str]],
) -> _Scored | None:
    matching: list[tuple[_Contribution, str, str]] = []
    key_ids: list[int] = []
    for source, text, reading, factor, field_id in profile.readings:
        # Many people share a tag or a job title: each field is matched once per goal.
        row = contributions.get(field_id)
        if row is None:
            row = contributions[field_id] = _contribution(
                needs, mains, has_main, source, text, reading, factor
            )
        if row[2] is not None:
            matching.append((row, source, text))
            key_ids.append(field_id)
    if not matching:
        return None
    # People whose matching fields are the same share one aggregate, whatever else they say.
    match_key = tuple(key_ids)
    aggregate = aggregates.get(match_key)
    if aggregate is None:
        aggregate = aggregates[match_key] = _aggregate(needs, matching, mains, has_main)
    fit = fits.get(profile.functions)
    if fit is None:
        fit = fits[profile.functions] = _function_fit(goal.type, profile.functions)
    function_fit, function_words = fit
    # Someone only close to the participant supports a goal others meet; alone, it is a gap.
    only_close = all(source == "close" for _, source, _ in matching)
    score = round(
        -REPORT_CAREER_PENALTY * (profile.report and goal.type != "psychosocial")
        + AREA_WEIGHT * aggregate[0]
        + FUNCTION_WEIGHT * function_fit
        + STRONG_TIE_WEIGHT * (profile.strong and not profile.report)
        + SAME_ORGANISATION_WEIGHT * profile.same_organisation,
        4,
    )
    area_fit = round(aggregate[0], 4)
    return (
        score,
        area_fit,
        function_words,
        aggregate,
        (-score, -area_fit, not profile.strong, -function_fit),
        only_close,
    )


def _rank(goal: Goal, prepared: _Prepared, limit: int | None) -> list[Candidate]:
    needs = _goal_need_list(goal, prepared.organisation)
    if not needs:
        return []
    # Visit only the profiles that name a concept that meets a need (or share a word with
    # one): a network of 1,000 people names a few dozen concepts.
    lex = lexicon()
    touched: set[int] = set()
    for need in needs:
        for mention in need.reading.mentions:
            touched |= prepared.by_concept.get(mention.concept, set())
            for other in lex.concepts[mention.concept].related:
                touched |= prepared.by_concept.get(other, set())
        touched |= prepared.by_word.get(" ".join(need.reading.key), set())
        for word in need.reading.leftover:
            touched |= prepared.by_word.get(word, set())
    has_main = any(n.main for n in needs)
    mains = [i for i, n in enumerate(needs) if n.main or n.reading.key == (_SUPPORT,)] or list(
        range(len(needs))
    )
    fits: dict[frozenset[str], tuple[float, str]] = {}
    contributions: dict[int, _Contribution] = {}
    # People whose matching fields are the same share one aggregate, whatever else they say.
    aggregates: dict[tuple[int, ...], _Aggregate] = {}
    # Per profile: the sort key and what every member's candidate shares.
    shared: dict[int, tuple[float, float, str, _Aggregate]] = {}
    rows: list[tuple[bool, tuple[float, float, bool, float], int]] = []
    asked = prepared.asked_or_mentoring
    contacts = prepared.contacts
    goal_key = _intern(("goal", goal.type, tuple((n.text, n.main, n.reading) for n in needs)))
    if len(_SCORED) > _SCORED_LIMIT:
        _SCORED.clear()
    any_met = False
    for pid in touched:
        profile = prepared.profiles[pid]
        # What a profile scores for a goal is remembered: the next analysis, after one
        # contact was edited, redoes only that contact.
        memo = (goal_key, profile.serial)
        if memo in _SCORED:
            remembered = _SCORED[memo]
        else:
            remembered = _SCORED[memo] = _score_profile(
                goal, needs, mains, has_main, profile, contributions, aggregates, fits
            )
        if remembered is None:
            continue
        shared[pid] = remembered[:4]
        key = remembered[4]
        any_met = any_met or not remembered[5]
        for index in prepared.members[pid]:
            answered = bool(asked) and (
                contacts[index].id in asked
                and prepared.latest_ask.get((goal.id, contacts[index].id)) in TURNED_DOWN_STATUSES
            )
            rows.append((answered, key, index))
    # Somebody who said no (or nothing) to this very goal goes last, whatever their fit; ties
    # go to the better fit, then the stronger tie, then mentor functions, then the order the
    # participant listed people in (never the alphabet).
    if not any_met:
        rows = []
    rows.sort()
    if limit is not None:
        rows = rows[:limit]
    out = []
    profile_of = prepared.profile_of
    made: dict[int, dict[str, object]] = {}
    if len(_BUILT) > _SCORED_LIMIT:
        _BUILT.clear()
    for _, _, index in rows:
        contact = contacts[index]
        pid = profile_of[index]
        # Candidates are immutable: one built for the same person, profile and goal needs
        # in an earlier analysis is the same candidate (asked people carry a history: rebuilt).
        known = (
            None
            if contact.id in asked
            else (
                goal_key,
                prepared.profiles[pid].serial,
                contact.id,
                contact.name,
                contact.tie_strength,
            )
        )
        if known is not None:
            built = _BUILT.get(known)
            if built is not None:
                out.append(built)
                continue
        base = made.get(pid)
        if base is None:
            score, area_fit, function_words, aggregate = shared[pid]
            tail = prepared.profiles[pid].tail
            head = aggregate[3]
            reasons = [*head, function_words, tail] if function_words else [*head, tail]
            base = made[pid] = {
                "contact_id": "",
                "name": "",
                "score": score,
                "tie_strength": "",
                "matched_areas": aggregate[5],
                "reason": "; ".join(reasons),
                "earlier_answer": None,
                "mentoring_goal_ids": (),
                "history": "",
                "concepts": aggregate[4],
                "fit": area_fit,
                "why": aggregate[2],
            }
        fields = base.copy()
        fields["contact_id"] = contact.id
        fields["name"] = contact.name
        fields["tie_strength"] = contact.tie_strength
        if contact.id in asked:
            answer, others, history = _history(goal, contact.id, prepared)
            fields["earlier_answer"] = answer
            fields["mentoring_goal_ids"] = others
            fields["history"] = history
        candidate = _candidate(fields)
        if known is not None:
            _BUILT[known] = candidate
        out.append(candidate)
    return out


def clear_caches() -> None:
    """Forget what was read and scored (for benchmarks and tests; never needed for results:
    every cache is keyed by everything its result depends on)."""
    read.cache_clear()
    match_strength.cache_clear()
    _read_fields.cache_clear()
    _profile.cache_clear()
    _SCORED.clear()
    _BUILT.clear()
    _IDS.clear()


def rank_candidates(workbook: Workbook, goal: Goal, *, limit: int | None = None) -> list[Candidate]:
    """Rank the contacts who could help with ``goal``, best first.

    A contact is a candidate when a concept they are known for meets what the goal needs:
    read from their areas, and more weakly from their job title, notes, relationship and
    organisation.  The score adds, in this order of weight, how well the best-covered main
    need is met (a little more for covering the others too), how well their mentor functions
    fit the goal type, a strong tie, and working in the same organisation.

    The workbook's asks are taken into account: somebody whose latest ask about this goal was
    declined or went unanswered ranks last, and each candidate's ``history`` says so, or says
    that they already mentor the participant on another goal.

    Args:
        workbook: The participant's workbook (its contacts and profile are used).
        goal: The goal to find help for.
        limit: Return at most this many candidates.
    """
    return _rank(goal, _prepare(workbook), limit)


# --------------------------------------------------------------------------------------
# Network shape
# --------------------------------------------------------------------------------------


def network_shape(
    workbook: Workbook,
    *,
    range_threshold: int = DEFAULT_RANGE_THRESHOLD,
    strength_threshold: float = DEFAULT_STRENGTH_THRESHOLD,
) -> NetworkShape:
    """Describe the network after Higgins & Kram's developmental-network types.

    Args:
        workbook: The participant's workbook.
        range_threshold: A network reaching at least this many spheres is high-range
            (default 3 of the 6 spheres).
        strength_threshold: A network with at least this share of strong ties is strong
            (default 0.4: research on mentoring networks counts a handful of strong ties
            among a wider set of acquaintances as strong).
    """
    contacts = workbook.contacts
    counts = dict.fromkeys(SPHERES, 0)
    strong = 0
    for contact in contacts:
        counts[contact.sphere] = counts.get(contact.sphere, 0) + 1
        strong += contact.tie_strength == "strong"
    size = len(contacts)
    share = strong / size if size else 0.0
    reach = sum(1 for n in counts.values() if n)
    high_range = reach >= range_threshold
    strong_ties = size > 0 and share >= strength_threshold
    kind: NetworkType
    if high_range:
        kind = "entrepreneurial" if strong_ties else "opportunistic"
    else:
        kind = "traditional" if strong_ties else "receptive"
    return NetworkShape(
        size=size,
        strong_share=round(share, 4),
        range=reach,
        type=kind,
        range_threshold=range_threshold,
        strength_threshold=strength_threshold,
        sphere_counts=counts,
        strong_count=strong,
    )


NETWORK_TYPE_DESCRIPTIONS: Final[Mapping[str, str]] = {
    "receptive": "few spheres and mostly weak ties: people you could get to know better.",
    "traditional": "few spheres but strong ties: close support, though much of it sees things the same way.",
    "opportunistic": "many spheres but mostly weak ties: wide reach, worth deepening a few of these relationships.",
    "entrepreneurial": "many spheres and strong ties: varied, close support, the kind that helps most with change.",
}


# --------------------------------------------------------------------------------------
# Gaps
# --------------------------------------------------------------------------------------


def _sphere_label(sphere: str) -> str:
    return SPHERE_LABELS.get(sphere, sphere).lower()


def _pick_introducer(
    contacts: Iterable[Contact], goal_type: str | None, exclude: Iterable[str] = ()
) -> Contact | None:
    """The strong tie best placed to introduce somebody: never the participant's own report
    (asking a report for introductions puts them in an awkward spot), from a sphere where help
    for this goal type usually is, giving the function the goal mostly needs; further ties
    go to the person listed first, never to the alphabet."""
    excluded = set(exclude)
    order = _SPHERES_FOR.get(goal_type, SPHERES)
    weights = FUNCTION_WEIGHTS.get(goal_type, FUNCTION_WEIGHTS[None])
    wanted = max(weights, key=lambda f: weights[f])
    strong = [
        (index, c)
        for index, c in enumerate(contacts)
        if c.tie_strength == "strong" and c.id not in excluded and relationship_role(c) != "report"
    ]
    if not strong:
        return None
    return min(
        strong,
        key=lambda pair: (
            order.index(pair[1].sphere) if pair[1].sphere in order else len(order),
            wanted not in pair[1].functions,
            pair[0],
        ),
    )[1]


def _where_to_look(goal: Goal, topic: str, organisation: str) -> str:
    if goal.type == "psychosocial":
        return f"Look for a peer-support circle, a professional community or a coach who works on {topic}."
    inside = f" at {organisation}" if organisation.strip() else ""
    return f"Look in an internal network{inside} or a professional association for {topic}, and ask who is known for it."


#: The step that turns a name into a relationship, for gaps that have no person yet.
_FIRST_STEP: Final = (
    "When you find someone, start with one short conversation about how they learned it, "
    "before you ask for more."
)


def _gap_topic(goal: Goal) -> str:
    """What a gap names: the goal's concepts, else the areas the participant wrote, else ""
    (never stray words of the statement)."""
    concepts = goal_concepts(goal, main_only=True)
    if concepts:
        return join_words(list(concepts[:3]), "or")
    areas = [a.strip() for a in goal.areas if a.strip()]
    return join_words(areas[:3], "or")


def _goal_gaps(
    workbook: Workbook,
    goal: Goal,
    candidates: Sequence[Candidate],
    min_strong_candidates: int,
) -> list[Gap]:
    topic = _gap_topic(goal)
    label = goal.statement.strip() or goal.id
    real = [c for c in candidates if c.fit >= NEAR_MATCH_FIT and c.earlier_answer is None]
    if not real:
        near = [c for c in candidates if c.earlier_answer is None][:3]
        introducer = _pick_introducer(
            workbook.contacts, goal.type, exclude=[c.contact_id for c in near]
        )
        steps: list[str] = []
        named: list[str] = []
        lead = ""
        if near:
            closest = "; ".join(
                f"{c.name} ({', '.join(c.concepts) or ', '.join(c.matched_areas)})" for c in near
            )
            lead = f"Closest in your network for '{label}': {closest}. "
            steps.append(
                f"Start with a short conversation with {near[0].name} about what they know "
                f"of {topic or 'this'}: they may be able to help, or know who can."
            )
            named += [c.contact_id for c in near]
        if introducer is not None:
            steps.append(
                f"Ask {introducer.name} ({_sphere_label(introducer.sphere)}, strong tie) whom they "
                f"know with strength in {topic or 'this'}; an introduction from someone you trust makes a first conversation easier."
            )
            named.append(introducer.id)
        if topic:
            steps.append(_where_to_look(goal, topic, workbook.profile.organisation))
            message = lead + (
                f"Nobody in your network is known for {topic} yet."
                if near
                else f"Nobody in your network has strength in {topic} for the goal '{label}'."
            )
        else:
            steps.append(
                "Add the areas this goal needs help with on the goals page, so people can be matched to it."
            )
            message = lead + f"Nobody in your network matches the goal '{label}' yet."
        if not near:
            steps.append(_FIRST_STEP)
        return [
            Gap(
                kind="no_candidate",
                goal_id=goal.id,
                message=message,
                suggestion=" ".join(steps),
                contact_ids=tuple(dict.fromkeys(named)),
            )
        ]
    strong = [c for c in real if c.tie_strength == "strong"]
    if len(strong) >= min_strong_candidates:
        return []
    best = real[0]
    best_contact = workbook.contact(best.contact_id)
    introducer = _pick_introducer(
        (
            c
            for c in workbook.contacts
            if c.sphere == best_contact.sphere or _is_nearby(c.sphere, best_contact.sphere)
        ),
        goal.type,
        exclude=[best.contact_id],
    )
    about = ", ".join(best.concepts) or ", ".join(best.matched_areas) or topic or "the goal"
    suggestion = (
        f"Start with a short first conversation with {best.name} (weak tie, "
        f"{_sphere_label(best_contact.sphere)}) about {about}, "
        "to get to know each other before you ask for a mentorship."
    )
    named = [best.contact_id]
    if introducer is not None:
        suggestion += f" {introducer.name} (strong tie, {_sphere_label(introducer.sphere)}) may know them and could introduce you."
        named.append(introducer.id)
    return [
        Gap(
            kind="weak_only",
            goal_id=goal.id,
            message=f"Everyone who could help with '{label}' is a weak tie.",
            suggestion=suggestion,
            contact_ids=tuple(named),
        )
    ]


_NEARBY: Final[Mapping[str, tuple[str, ...]]] = {
    "same_team": ("same_organisation",),
    "same_organisation": ("same_team", "other_organisation"),
    "other_organisation": ("same_organisation", "professional_community"),
    "professional_community": ("other_organisation", "education"),
    "education": ("professional_community", "personal"),
    "personal": ("education",),
}


def _is_nearby(sphere: str, other: str) -> bool:
    return other in _NEARBY.get(sphere, ())


#: How a sphere reads inside "Nobody in your network comes from ...".
_SPHERE_PHRASES: Final[Mapping[str, str]] = {
    "same_team": "your own team",
    "same_organisation": "another part of your organisation",
    "other_organisation": "another organisation",
    "professional_community": "a professional community",
    "education": "your studies (school, university, courses)",
    "personal": "your personal life",
}


def _missing_spheres_gap(missing: Sequence[str], goals: Sequence[Goal]) -> Gap:
    """One gap for every sphere nobody comes from, with one place to start.

    One gap per sphere read as a list of faults in a small network; a single sentence and a
    single first step is something a participant can act on.  The step goes to the missing
    sphere where help for the participant's most common goal type is usually found.
    """
    types = [g.type for g in goals]
    common = max(types, key=types.count) if types else None
    order = _SPHERES_FOR.get(common, SPHERES)
    start = min(missing, key=lambda s: order.index(s) if s in order else len(order))
    phrase = _SPHERE_PHRASES.get(start, _sphere_label(start))
    return Gap(
        kind="missing_sphere",
        goal_id=None,
        message="Nobody in your network comes from "
        + join_words([_SPHERE_PHRASES.get(s, _sphere_label(s)) for s in missing], "or")
        + ".",
        suggestion=f"Start with {phrase}. "
        + _SPHERE_ADVICE.get(start, "Meet one person from there."),
    )


def find_gaps(
    workbook: Workbook,
    *,
    candidates: Mapping[str, Sequence[Candidate]] | None = None,
    min_strong_candidates: int = 1,
    expected_spheres: Sequence[str] = SPHERES,
) -> list[Gap]:
    """Find what the network lacks for the active goals, each with a suggestion.

    Args:
        workbook: The participant's workbook.
        candidates: Ranked candidates per goal id, when already computed
            (:func:`rank_candidates` is called for goals missing from it).
        min_strong_candidates: A goal with candidates but fewer strong ties than this among
            them is a ``weak_only`` gap (default 1: at least one strong tie).
        expected_spheres: Spheres a rounded network reaches; those without any contact make
            one ``missing_sphere`` gap that names them all (default: all six).

    Returns:
        Goal gaps in goal order, then missing functions, then at most one gap for the
        missing spheres.
    """
    prepared: _Prepared | None = None
    gaps: list[Gap] = []
    active = workbook.active_goals()
    for goal in active:
        if candidates is not None and goal.id in candidates:
            ranked = list(candidates[goal.id])
        else:
            prepared = prepared or _prepare(workbook)
            ranked = _rank(goal, prepared, None)
        gaps.extend(_goal_gaps(workbook, goal, ranked, min_strong_candidates))

    given = {f for c in workbook.contacts for f in c.functions}
    for function in MENTOR_FUNCTIONS:
        needing = [g for g in active if g.type and FUNCTION_WEIGHTS[g.type][function] >= 0.5]
        if not needing or function in given:
            continue
        goal_type = needing[0].type
        introducer = _pick_introducer(workbook.contacts, goal_type)
        suggestion = f"If somebody already gives you {function} support, tick '{function}' on their contact. "
        if introducer is not None:
            suggestion += (
                f"Otherwise ask {introducer.name} (strong tie) who helped them in a similar spot."
            )
        else:
            suggestion += _SPHERE_ADVICE[_SPHERES_FOR[goal_type][0]]
        gaps.append(
            Gap(
                kind="missing_function",
                goal_id=None,
                message=(
                    f"Nobody in your network is marked as giving {FUNCTION_LABELS[function]}, "
                    f"which {len(needing)} of your goals mostly need."
                ),
                suggestion=suggestion,
                contact_ids=(introducer.id,) if introducer else (),
            )
        )

    present = {c.sphere for c in workbook.contacts}
    missing = [s for s in dict.fromkeys(expected_spheres) if s not in present]
    if missing:
        gaps.append(_missing_spheres_gap(missing, active))
    return gaps


# --------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------


def analyse_network(
    workbook: Workbook,
    *,
    limit: int | None = None,
    range_threshold: int = DEFAULT_RANGE_THRESHOLD,
    strength_threshold: float = DEFAULT_STRENGTH_THRESHOLD,
    min_strong_candidates: int = 1,
) -> NetworkAnalysis:
    """Candidates for every active goal, the gaps, and the network's shape.

    Args:
        workbook: The participant's workbook.
        limit: Keep at most this many candidates per goal (gaps still see them all).
        range_threshold: See :func:`network_shape`.
        strength_threshold: See :func:`network_shape`.
        min_strong_candidates: See :func:`find_gaps`.
    """
    prepared = _prepare(workbook)
    ranked = {goal.id: _rank(goal, prepared, None) for goal in workbook.active_goals()}
    gaps = find_gaps(workbook, candidates=ranked, min_strong_candidates=min_strong_candidates)
    shown = ranked if limit is None else {k: v[:limit] for k, v in ranked.items()}
    return NetworkAnalysis(
        candidates=shown,
        gaps=gaps,
        shape=network_shape(
            workbook, range_threshold=range_threshold, strength_threshold=strength_threshold
        ),
    )
