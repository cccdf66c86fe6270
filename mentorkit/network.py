"""Network-gap analysis: who could help with each goal, where nobody can, and what to do.

The analysis follows two ideas from mentoring research:

* Kram's two **mentor functions**: *career* support (sponsorship, coaching, exposure,
  challenging work) and *psychosocial* support (role modelling, acceptance, counselling,
  friendship).  A career goal mostly needs the first, a psychosocial goal mostly the second.
* Higgins & Kram's **developmental networks**: a network is described by its *range* (how
  many different social spheres it reaches) and the *strength* of its ties, which places it
  in one of four types - receptive, traditional, opportunistic, entrepreneurial.

Tags (a goal's areas, a contact's strengths) match case- and spacing-insensitively, and
near-spellings ("budgetting") are recognised with a small bounded edit distance.  Everything
here is pure: it takes a :class:`~mentorkit.model.Workbook` and returns frozen results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Literal

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
#: A strength read from somebody's job title counts half as much as one the participant wrote.
POSITION_AREA_FACTOR: Final = 0.5
#: An area that only shares words with a need ("leadership" for "team leadership").
PARTIAL_MATCH: Final = 0.6

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

#: Job-title words that suggest a strength, for contacts imported with only a position.
POSITION_AREAS: Final[Mapping[str, tuple[str, ...]]] = {
    "finance": ("budgeting",),
    "financial": ("budgeting",),
    "budget": ("budgeting",),
    "accountant": ("budgeting",),
    "controller": ("budgeting",),
    "cfo": ("budgeting",),
    "manager": ("team leadership",),
    "head": ("team leadership", "stakeholder management"),
    "lead": ("team leadership",),
    "director": ("team leadership", "stakeholder management"),
    "chief": ("team leadership", "stakeholder management"),
    "vp": ("team leadership", "stakeholder management"),
    "hr": ("hiring", "feedback"),
    "people": ("hiring", "feedback"),
    "recruiter": ("hiring",),
    "talent": ("hiring",),
    "coach": ("coaching", "confidence"),
    "mentor": ("coaching",),
    "product": ("product strategy",),
    "data": ("data analysis",),
    "analyst": ("data analysis",),
    "scientist": ("research", "data analysis"),
    "research": ("research",),
    "researcher": ("research",),
    "writer": ("writing",),
    "editor": ("writing",),
    "communications": ("writing", "public speaking"),
    "project": ("project management",),
    "programme": ("project management",),
    "program": ("project management",),
    "sales": ("negotiation",),
    "procurement": ("negotiation",),
    "partnerships": ("negotiation", "networking"),
    "trainer": ("facilitation", "public speaking"),
    "facilitator": ("facilitation",),
    "consultant": ("stakeholder management", "facilitation"),
    "lecturer": ("public speaking", "career planning"),
    "professor": ("public speaking", "research"),
    "careers": ("career planning",),
    "counsellor": ("work-life balance", "confidence"),
    "counselor": ("work-life balance", "confidence"),
    "wellbeing": ("work-life balance",),
}

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
        matched_areas: The contact's areas (or job-title hints) that match the goal's needs.
        reason: Why, in plain words: ``"has strength in budgeting; strong tie"``.
        earlier_answer: ``"declined"`` or ``"no_answer"`` when the participant's latest ask to
            this person about this goal ended so (such a candidate ranks last), else ``None``.
        mentoring_goal_ids: Other goals this person is mentoring the participant on now (an
            ask ``accepted`` or ``active``).
        history: Asks so far in plain words, ``""`` when there are none: the latest ask about
            this goal (``"declined when you asked about this goal"``, ``"your ask to them about
            this goal is a draft"``, ...) and other goals they mentor the participant on
            (``"already mentoring you on 'Run the budget review'"``).
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
# Tag matching
# --------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))


def tag_key(tag: str) -> str:
    """A tag reduced to what matters for matching: lower case, letters and digits only.

    ``"Work-life  Balance"`` and ``"worklife balance"`` both become ``"worklifebalance"``.
    """
    return "".join(_words(tag))


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``limit`` edits apart (Levenshtein, early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@lru_cache(maxsize=65_536)
def _near(a: str, b: str) -> bool:
    """Same key, a plural ("value"/"values"), or a near-spelling: one edit for words of 7+
    letters, two for 11+.  Shorter words must match exactly: "hiring" is not "hiking"."""
    if a == b or a + "s" == b or b + "s" == a:
        return True
    shorter = min(len(a), len(b))
    if shorter < 7:
        return False
    return _within_edits(a, b, 1 if shorter < 11 else 2)


def _content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _words(text) if w not in _STOPWORDS and len(w) > 2)


@lru_cache(maxsize=65_536)
def match_strength(need: str, offer: str) -> float:
    """How well an offered strength meets a need: 1 (same tag or near-spelling), 0.6 (shares
    every content word of the shorter one: "leadership" / "team leadership") or 0."""
    need_key, offer_key = tag_key(need), tag_key(offer)
    if not need_key or not offer_key:
        return 0.0
    if _near(need_key, offer_key):
        return 1.0
    need_words, offer_words = _content_words(need), _content_words(offer)
    if not need_words or not offer_words:
        return 0.0
    short, long = sorted((need_words, offer_words), key=len)
    if all(any(_near(w, v) for v in long) for w in short):
        return PARTIAL_MATCH
    return 0.0


def goal_needs(goal: Goal, *, organisation: str = "") -> tuple[tuple[str, ...], bool]:
    """The areas a goal needs help with, and whether they were read from its statement.

    A goal's own ``areas`` come first; a goal without any falls back to the content words of
    its statement ("Get better at leadership" needs "leadership"), leaving out the words of
    the participant's ``organisation`` (a company name says nothing about the help needed).
    """
    areas = tuple(dict.fromkeys(a.strip() for a in goal.areas if tag_key(a)))
    if areas:
        return areas, False
    ignored = set(_words(organisation))
    words = (w for w in _content_words(goal.statement) if w not in ignored)
    return tuple(dict.fromkeys(words)), True


def suggest_areas(position: str) -> list[str]:
    """Strengths a job title hints at ("Head of Finance" -> budgeting, team leadership, ...).

    A starting point for a person to confirm, not a fact about anybody.
    """
    found: dict[str, None] = {}
    for word in _words(position):
        for area in POSITION_AREAS.get(word, ()):
            found[area] = None
    return list(found)


# --------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Offer:
    """What one contact offers, prepared once per analysis."""

    contact: Contact
    areas: tuple[str, ...]
    position_areas: tuple[str, ...]
    same_organisation: bool
    strong: bool
    functions: frozenset[str]


@dataclass(frozen=True)
class _Prepared:
    """The network prepared for ranking: offers, and which offers hold each distinct tag."""

    offers: list[_Offer]
    by_tag: dict[str, list[int]]
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


@lru_cache(maxsize=4096)
def _cached_position_areas(position: str) -> tuple[str, ...]:
    return tuple(suggest_areas(position))


def _same_org(contact: Contact, own_key: str) -> bool:
    if contact.sphere in ("same_team", "same_organisation"):
        return True
    return bool(own_key) and _cached_tag_key(contact.organisation) == own_key


def _prepare(workbook: Workbook) -> _Prepared:
    organisation = workbook.profile.organisation
    own_key = tag_key(organisation)
    offers: list[_Offer] = []
    by_tag: dict[str, list[int]] = {}
    for index, contact in enumerate(workbook.contacts):
        areas = tuple(a for a in contact.areas if _cached_tag_key(a))
        keys = {_cached_tag_key(a) for a in areas}
        hinted = tuple(
            a for a in _cached_position_areas(contact.position) if _cached_tag_key(a) not in keys
        )
        for tag in areas + hinted:
            holders = by_tag.setdefault(tag, [])
            if not holders or holders[-1] != index:
                holders.append(index)
        offers.append(
            _Offer(
                contact,
                areas,
                hinted,
                _same_org(contact, own_key),
                contact.tie_strength == "strong",
                frozenset(contact.functions),
            )
        )
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
    return _Prepared(offers, by_tag, organisation, latest_ask, mentoring, labels, asked)


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


def _rank(goal: Goal, prepared: _Prepared, limit: int | None) -> list[Candidate]:
    needs, from_statement = goal_needs(goal, organisation=prepared.organisation)
    if not needs:
        return []
    # Score each distinct tag once against every need, then visit only the people holding a
    # matching tag: a network of 1,000 people uses a few dozen distinct tags.
    tag_scores: dict[str, list[float]] = {}
    touched: set[int] = set()
    for tag, holders in prepared.by_tag.items():
        row = [match_strength(need, tag) for need in needs]
        if any(row):
            tag_scores[tag] = row
            touched.update(holders)
    fits: dict[frozenset[str], tuple[float, str]] = {}
    candidates = []
    for index in touched:
        offer = prepared.offers[index]
        best = [0.0] * len(needs)
        matched: list[str] = []
        hinted: list[str] = []
        for tags, factor, into in (
            (offer.areas, 1.0, matched),
            (offer.position_areas, POSITION_AREA_FACTOR, hinted),
        ):
            for tag in tags:
                tag_row = tag_scores.get(tag)
                if tag_row is None:
                    continue
                into.append(tag)
                for i, value in enumerate(tag_row):
                    if value * factor > best[i]:
                        best[i] = value * factor
        # A statement gives many words of which any one may be the point: take the best
        # match; explicit areas are all needed: take the share covered.
        area_fit = max(best) if from_statement else sum(best) / len(best)
        fit = fits.get(offer.functions)
        if fit is None:
            fit = fits[offer.functions] = _function_fit(goal.type, offer.functions)
        function_fit, function_words = fit
        score = (
            AREA_WEIGHT * area_fit
            + FUNCTION_WEIGHT * function_fit
            + STRONG_TIE_WEIGHT * offer.strong
            + SAME_ORGANISATION_WEIGHT * offer.same_organisation
        )
        contact = offer.contact
        reasons = []
        if matched:
            reasons.append("has strength in " + ", ".join(matched))
        if hinted:
            reasons.append(f"job title '{contact.position}' suggests " + ", ".join(hinted))
        if function_words:
            reasons.append(function_words)
        reasons.append("strong tie" if offer.strong else "weak tie")
        if offer.same_organisation:
            reasons.append("same organisation")
        answer, others, history = _history(goal, contact.id, prepared)
        candidates.append(
            Candidate(
                contact_id=contact.id,
                name=contact.name,
                score=round(score, 4),
                tie_strength=contact.tie_strength,
                matched_areas=tuple(matched + hinted),
                reason="; ".join(reasons),
                earlier_answer=answer,
                mentoring_goal_ids=others,
                history=history,
            )
        )
    # Somebody who said no (or nothing) to this very goal goes last, whatever their fit.
    candidates.sort(
        key=lambda c: (
            c.earlier_answer is not None,
            -c.score,
            c.tie_strength != "strong",
            c.name.lower(),
            c.contact_id,
        )
    )
    return candidates if limit is None else candidates[:limit]


def rank_candidates(workbook: Workbook, goal: Goal, *, limit: int | None = None) -> list[Candidate]:
    """Rank the contacts who could help with ``goal``, best first.

    A contact is a candidate when at least one of their areas (or, at half weight, a strength
    their job title suggests) matches what the goal needs.  The score adds, in this order of
    weight, how much of the need their areas cover, how well their mentor functions fit the
    goal type, a strong tie, and working in the same organisation.

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
    """The strong tie best placed to introduce somebody: from a sphere where help for this
    goal type usually is, and giving the function the goal mostly needs."""
    excluded = set(exclude)
    order = _SPHERES_FOR.get(goal_type, SPHERES)
    weights = FUNCTION_WEIGHTS.get(goal_type, FUNCTION_WEIGHTS[None])
    wanted = max(weights, key=lambda f: weights[f])
    strong = [c for c in contacts if c.tie_strength == "strong" and c.id not in excluded]
    if not strong:
        return None
    return min(
        strong,
        key=lambda c: (
            order.index(c.sphere) if c.sphere in order else len(order),
            wanted not in c.functions,
            c.name.lower(),
        ),
    )


def _where_to_look(goal: Goal, needs: Sequence[str], organisation: str) -> str:
    topic = ", ".join(needs[:2]) or "this"
    if goal.type == "psychosocial":
        return f"Look for a peer-support circle, a professional community or a coach who works on {topic}."
    inside = f" at {organisation}" if organisation.strip() else ""
    return f"Look in an internal network{inside} or a professional association for {topic}, and ask who is known for it."


def _goal_gaps(
    workbook: Workbook,
    goal: Goal,
    candidates: Sequence[Candidate],
    min_strong_candidates: int,
) -> list[Gap]:
    needs, _ = goal_needs(goal, organisation=workbook.profile.organisation)
    topic = ", ".join(needs[:3]) or "it"
    label = goal.statement.strip() or goal.id
    if not candidates:
        introducer = _pick_introducer(workbook.contacts, goal.type)
        steps = []
        named: tuple[str, ...] = ()
        if introducer is not None:
            steps.append(
                f"Ask {introducer.name} ({_sphere_label(introducer.sphere)}, strong tie) whom they "
                f"know with strength in {topic}; an introduction from someone you trust makes a first conversation easier."
            )
            named = (introducer.id,)
        steps.append(_where_to_look(goal, needs, workbook.profile.organisation))
        return [
            Gap(
                kind="no_candidate",
                goal_id=goal.id,
                message=f"Nobody in your network has strength in {topic} for the goal '{label}'.",
                suggestion=" ".join(steps),
                contact_ids=named,
            )
        ]
    strong = [c for c in candidates if c.tie_strength == "strong"]
    if len(strong) >= min_strong_candidates:
        return []
    best = candidates[0]
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
    suggestion = (
        f"Start with a short first conversation with {best.name} (weak tie, "
        f"{_sphere_label(best_contact.sphere)}) about {', '.join(best.matched_areas) or topic}, "
        "to get to know each other before you ask for a mentorship."
    )
    named = (best.contact_id,)
    if introducer is not None:
        suggestion += f" {introducer.name} (strong tie, {_sphere_label(introducer.sphere)}) may know them and could introduce you."
        named = (best.contact_id, introducer.id)
    return [
        Gap(
            kind="weak_only",
            goal_id=goal.id,
            message=f"Everyone who could help with '{label}' is a weak tie.",
            suggestion=suggestion,
            contact_ids=named,
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
