"""Goal reflection: explainable checks that tell a participant what makes a goal hard to reach.

Short-term goals tend to fail in four ways: they are too big (a horizon far beyond six to
eight weeks, or several goals in one sentence), too vague (nothing anyone could see or count
at the end), unrealistic (the person does not expect to reach them) or uncommitted (no reason
that matters to the person, no first step on the calendar).  Each check here looks for one of
those and returns a :class:`Finding` with a stable ``code``, a plain-language message and a
concrete fix.

The language-based checks use small English word lists, so every finding can be explained by
pointing at the words that caused it.  Text in another language matches none of them and
simply gets fewer findings; the checks on dates, confidence and empty fields apply to every
language.  Everything here is pure and fast (well under a millisecond per goal): a widget
calls :func:`review_goal` on every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final, Literal

from mentorkit.model import GOAL_TYPE_LABELS, GOAL_TYPES, Goal, GoalType, Workbook
from mentorkit.render import shorten

Severity = Literal["problem", "suggestion"]

#: The method's horizon: a short-term goal is reached within six to eight weeks.
HORIZON_WEEKS: Final = 8
#: More active goals than this at once spreads a person too thin.
MAX_ACTIVE_GOALS: Final = 3
#: Confidence (1-7) at or below this means the person does not expect to reach the goal.
LOW_CONFIDENCE: Final = 3
#: A statement longer than this is hard to keep in mind; it probably holds a plan, not a goal.
LONG_STATEMENT_CHARS: Final = 280
#: Only this much of a field is analysed: enough for any real goal, and it keeps a pasted
#: novel from slowing the live review down.
_ANALYSED_CHARS: Final = 2_000
#: How much of a person's text a message quotes.
_QUOTE_CHARS: Final = 60

#: Every code :func:`review_goal` and :func:`review_workbook_goals` can return.
GOAL_CODES: Final = (
    "statement_missing",
    "statement_too_long",
    "horizon_too_long",
    "no_target_date",
    "target_date_passed",
    "vague",
    "not_measurable",
    "compound",
    "no_why",
    "no_first_step",
    "first_step_after_target",
    "low_confidence",
    "type_missing",
    "too_many_goals",
)


@dataclass(frozen=True)
class Finding:
    """One thing that makes a goal harder to reach, and what to do about it.

    Attributes:
        code: Stable identifier (see :data:`GOAL_CODES`); tests and reports rely on it.
        severity: ``"problem"`` (likely to make the goal fail) or ``"suggestion"``.
        message: What was noticed, in plain words.
        fix: A concrete change the person can make.
        evidence: The words or values that led to the finding, so it can be explained.
    """

    code: str
    severity: Severity
    message: str
    fix: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class TypeSuggestion:
    """The goal type a statement sounds like, and the words that led to it.

    Attributes:
        type: The suggested type, or ``None`` when no word points to any type.
        words: The words or phrases that matched the suggested type.
        scores: ``(type, number of matches)`` for every type, in :data:`GOAL_TYPES` order.
    """

    type: GoalType | None
    words: tuple[str, ...] = ()
    scores: tuple[tuple[str, int], ...] = ()

    @property
    def label(self) -> str:
        """The suggested type as a person reads it (empty when there is none)."""
        return GOAL_TYPE_LABELS[self.type] if self.type else ""

    def explain(self) -> str:
        """One sentence saying which type and why, e.g. for a hint under the type picker."""
        if self.type is None:
            return "No type stands out from the words used."
        words = ", ".join(f"“{word}”" for word in self.words)
        return f"Sounds like a {self.label.lower()} goal (because of {words})."


@dataclass(frozen=True)
class GoalReview:
    """Everything :func:`review_goal` found about one goal."""

    goal_id: str
    findings: tuple[Finding, ...]
    type_suggestion: TypeSuggestion = field(default_factory=lambda: TypeSuggestion(None))

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in the order they were found."""
        return tuple(finding.code for finding in self.findings)

    @property
    def problems(self) -> tuple[Finding, ...]:
        """The findings likely to make the goal fail."""
        return tuple(f for f in self.findings if f.severity == "problem")

    @property
    def suggestions(self) -> tuple[Finding, ...]:
        """The findings that would make a workable goal better."""
        return tuple(f for f in self.findings if f.severity == "suggestion")

    @property
    def ready(self) -> bool:
        """True when nothing is a problem (suggestions may remain)."""
        return not self.problems


@dataclass(frozen=True)
class WorkbookGoalsReview:
    """The review of every goal in a workbook plus the checks across goals.

    Attributes:
        reviews: One review per goal, in workbook order (achieved and dropped goals too).
        findings: Findings about the set of goals (``too_many_goals``).
    """

    reviews: tuple[GoalReview, ...]
    findings: tuple[Finding, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The workbook-level codes."""
        return tuple(finding.code for finding in self.findings)

    def review_for(self, goal_id: str) -> GoalReview:
        """The review of the goal with this id (``KeyError`` naming it when there is none)."""
        for review in self.reviews:
            if review.goal_id == goal_id:
                return review
        raise KeyError(f"no review for goal {goal_id!r}")

    @property
    def problem_count(self) -> int:
        """Problems across every goal and the workbook."""
        return sum(len(review.problems) for review in self.reviews) + sum(
            1 for finding in self.findings if finding.severity == "problem"
        )


# --------------------------------------------------------------------------------------
# Word lists.  Kept short and readable: each entry is something a reviewer could point at.
# --------------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    """A word list written as text, one space between words (easier to read than a literal)."""
    return frozenset(words.split())


_NUMBER_WORDS: Final = _wordset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "hundred once twice thrice weekly daily monthly fortnightly every each first single "
    "half dozen all"
)

# Verbs whose result someone else could see: a thing written, held, sent, delivered.
_OBSERVABLE_VERBS: Final = _wordset(
    """
    write publish present deliver hold run lead give ship launch finish complete submit apply
    pass book send draft build organise organize facilitate teach interview ask meet map list
    name speak chair record create produce design host attend mentor coach train sign file
    post share demo join enrol enroll register invite call email schedule prepare outline
    review read finalise finalize document agree negotiate pitch propose plan rehearse visit
    shadow practise practice say raise decline delegate hire recruit close migrate release
    measure track log note tick block contact reach introduce volunteer land earn win obtain
    """
)

# Verbs whose object is either done or not: the statement is its own success measure.
_COMPLETION_VERBS: Final = _wordset(
    "finish complete pass publish submit obtain earn win land launch ship deliver"
)

# Verbs that start a new piece of work after "and": used to see where a sentence holds
# several goals.  Some (plan, name, list...) are nouns as often as verbs; after "and" they
# count as a verb only when an object follows (see _AMBIGUOUS_VERBS).
_CLAUSE_VERBS: Final = _OBSERVABLE_VERBS | _wordset(
    """
    become learn improve develop grow find change move buy lose gain travel study read
    understand explore build save quit retire marry improve fix climb swim cycle
    """
)
_AMBIGUOUS_VERBS: Final = _wordset(
    "plan name list map note test record book file post log call set run start stop turn "
    "track close release measure practice practise review design document demo train"
)
_OBJECT_STARTERS: Final = _wordset(
    "a an the my our your their his her its this that these those one two three four five "
    "six seven eight nine ten it them him us each every some"
)
# Words in a later clause that point back at an earlier one ("... and discuss it").
_BACK_REFERENCES: Final = _wordset(
    "it them they this that these those each both its their results result"
)
_STOPWORDS: Final = _wordset(
    """
    a an the my our your their his her its i me we us you to of in on at for with from by and
    or but so as is are be been being am was were will would can could should into onto than
    then that this these those it them they each every one more less about also all any some
    get got make made do done have has had up out over per how what who which when where why
    new next weeks week month months year years
    """
)

# Phrases that promise change without saying what anyone would see.
_VAGUE_PATTERN: Final = re.compile(
    r"\b(?:"
    r"(?:get|getting|become|becoming|be|being|feel|feeling)\s+(?:a\s+(?:lot\s+)?)?"
    r"(?:better|more|less|good|great|stronger|happier)"
    r"|better\s+at|do\s+better|improv(?:e|ed|es|ing)|work(?:ing)?\s+on"
    r"|(?:develop|developing|grow|growing|enhance|enhancing|strengthen|strengthening|boost"
    r"|boosting|build\s+up|level\s+up|step\s+up)\s+(?:my|our|the|a|an|some)?"
    r"|learn(?:ing)?\s+(?:more|about)|focus(?:ing)?\s+on|try(?:ing)?\s+to|think(?:ing)?\s+about"
    r"|be\s+(?:a\s+)?(?:good|great|better)|more\s+(?:confident|visible|strategic|organi[sz]ed)"
    r"|understand(?:ing)?|explor(?:e|ing)|figure\s+out|get\s+comfortable|be\s+able\s+to"
    r"|gain\s+(?:more\s+)?(?:experience|exposure|insight|insights|knowledge)"
    r"|build(?:ing)?\s+(?:(?:better|stronger|good)\s+)?(?:relationships|a\s+network|my\s+network)"
    r")\b"
)
# A bare topic is not a goal: "Leadership", "Public speaking".
_TOPIC_WORDS: Final = _wordset(
    """
    leadership communication networking confidence management career skills skill public
    speaking presence visibility balance wellbeing growth development feedback writing
    presentation presentations productivity time stakeholder stakeholders strategy influence
    delegation mentoring coaching technical my the work life
    """
)
# Where a statement carries its own reason ("... so I can put facilitation on my CV").
_PURPOSE_PATTERN: Final = re.compile(
    r"\b(?:so\s+(?:that|i|we|my|our|the)|because|in\s+order\s+to|which\s+will|to\s+help\s+me)\b"
)
# Where a sentence joins goals: the joint itself, then what follows is a new clause.
_JOINT_PATTERN: Final = re.compile(
    r"\s*(;|\band\s+also\b|\bas\s+well\s+as\b|\balso\b|\bplus\b|&|,?\s*\band\b)\s*",
    re.IGNORECASE,
)
# After these joints a new piece of work starts whatever its first word ("...; also renovate").
_OPENING_JOINT: Final = re.compile(r"(?:;|and\s+also|also)", re.IGNORECASE)
_STRONG_JOINT_PATTERN: Final = re.compile(
    r"\b(?:and\s+also|as\s+well\s+as|plus)\b|;", re.IGNORECASE
)
# A purpose or means clause ends the part of a sentence that can hold further goals.
_TAIL_PATTERN: Final = re.compile(
    r"\b(?:so\s+(?:that|i|we|my|our)|because|in\s+order\s+to|by\s+\w+ing)\b", re.IGNORECASE
)
# Goals from life outside work: in one sentence with a work goal they are a second goal.
_PERSONAL_PATTERN: Final = re.compile(
    r"\b(?:marathon|half[- ]marathon|gym|fitness|weight|kg|kilos?|pounds|diet|guitar|piano"
    r"|cook|cooking|spanish|french|german|italian|mandarin|japanese|language|travel|holiday"
    r"|vacation|house|flat|apartment|garden|wedding|novel|hobby|swim|swimming|cycling|yoga)\b"
)
_WORD_PATTERN: Final = re.compile(r"[^\W\d_]+|\d+")
_DIGIT_PATTERN: Final = re.compile(r"\d")

_TYPE_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "short_term_career": (
        "new role",
        "new job",
        "new team",
        "new manager",
        "new reports",
        "new department",
        "new organisation",
        "new organization",
        "new company",
        "new position",
        "onboarding",
        "onboard",
        "induction",
        "probation",
        "first 90 days",
        "first 100 days",
        "first ninety days",
        "first month",
        "first months",
        "first weeks",
        "team norms",
        "norms",
        "get up to speed",
        "up to speed",
        "ramp up",
        "learn the ropes",
        "settle in",
        "how decisions get made",
        "decisions get made",
        "who decides",
        "stakeholders",
        "stakeholder",
        "culture",
        "one-to-one",
        "one to one",
        "1:1",
        "my reports",
        "took over",
        "took on",
        "budget review",
        "quarterly",
        "handover",
    ),
    "long_term_career": (
        "career plan",
        "career path",
        "career",
        "promotion",
        "promoted",
        "cv",
        "resume",
        "résumé",
        "skills gap",
        "skill gap",
        "gaps",
        "certification",
        "certified",
        "qualification",
        "degree",
        "next role",
        "next step",
        "next steps",
        "senior role",
        "director",
        "staff role",
        "five years",
        "three years",
        "long-term",
        "long term",
        "portfolio",
        "job search",
        "apply for",
        "record of writing",
        "track record",
        "leadership acumen",
        "facilitation",
    ),
    "psychosocial": (
        "values",
        "value",
        "meaning",
        "purpose",
        "balance",
        "work-life",
        "work life",
        "confidence",
        "confident",
        "burnout",
        "burn-out",
        "stress",
        "wellbeing",
        "well-being",
        "identity",
        "strengths",
        "interests",
        "boundaries",
        "impostor",
        "imposter",
        "belonging",
        "evenings",
        "weekends",
        "family",
        "self-doubt",
        "calm",
        "speak up",
        "emotional intelligence",
        "eq",
        "interpersonal",
        "resilience",
        "anxiety",
        "rest",
    ),
}
_TYPE_PATTERNS: Final = {
    goal_type: re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for goal_type, phrases in _TYPE_PHRASES.items()
}


# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Lower-case text with typographic quotes and dashes made plain, for matching."""
    text = text[:_ANALYSED_CHARS].casefold()
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")


def _words(text: str) -> list[str]:
    return _WORD_PATTERN.findall(text)


def _quote(text: str) -> str:
    return f"“{shorten(text, _QUOTE_CHARS)}”"


def _base_forms(word: str) -> Iterable[str]:
    """The word and the verb it may be an inflection of (held by a tiny, explainable rule)."""
    yield word
    if word.endswith("ing") and len(word) > 5:
        yield word[:-3]
        yield word[:-3] + "e"
        if len(word) > 6 and word[-4] == word[-5]:  # running -> run
            yield word[:-4]
    elif word.endswith("ed") and len(word) > 4:
        yield word[:-2]
        yield word[:-1]
    elif word.endswith("s") and len(word) > 3:
        yield word[:-1]
    if word in _IRREGULAR:
        yield _IRREGULAR[word]


_IRREGULAR: Final = {
    "wrote": "write",
    "written": "write",
    "held": "hold",
    "ran": "run",
    "led": "lead",
    "gave": "give",
    "given": "give",
    "sent": "send",
    "built": "build",
    "spoke": "speak",
    "spoken": "speak",
    "taught": "teach",
    "met": "meet",
    "kept": "keep",
    "took": "take",
    "taken": "take",
    "read": "read",
    "made": "make",
    "won": "win",
    "got": "get",
}


def _is_verb(word: str, verbs: frozenset[str]) -> bool:
    return any(form in verbs for form in _base_forms(word))


def _has_count(text: str, words: Sequence[str]) -> bool:
    return bool(_DIGIT_PATTERN.search(text)) or any(word in _NUMBER_WORDS for word in words)


def _observable_words(words: Sequence[str]) -> list[str]:
    return [word for word in words if _is_verb(word, _OBSERVABLE_VERBS)]


def _is_concrete(text: str, words: Sequence[str], topics: frozenset[str] = frozenset()) -> bool:
    """True when the text names something countable or a result someone could see.

    ``topics`` are words that name a skill rather than a result and so do not count.
    """
    return _has_count(text, words) or any(w not in topics for w in _observable_words(words))


def _topic_gerunds(text: str, vague_match: re.Match[str]) -> frozenset[str]:
    """The -ing words just after a vague phrase name the skill, not a result: in "get better
    at giving feedback" or "improve my presenting", nothing is yet held or given."""
    following = _words(text[vague_match.end() :])[:3]
    return frozenset(word for word in following if word.endswith("ing"))


# --------------------------------------------------------------------------------------
# Type suggestion
# --------------------------------------------------------------------------------------


def suggest_goal_type(statement: str) -> TypeSuggestion:
    """Suggest the goal type a statement sounds like, with the words that led to it.

    The method's three types: short-term career (doing well in a new role: onboarding, team
    norms, the first 90 days), long-term career (career plan, promotion, gaps on a CV) and
    psychosocial (values, meaning, purpose, balance, confidence).  The type whose phrases
    occur most often wins; a tie goes to the type listed first in :data:`GOAL_TYPES`.

    Args:
        statement: Any text; the goal's statement, optionally with its why and areas.

    Returns:
        The suggestion; its ``type`` is ``None`` when no phrase matched (any language other
        than English, or a statement that names no area).
    """
    text = _normalise(statement)
    best: GoalType | None = None
    best_words: tuple[str, ...] = ()
    scores = []
    for goal_type in GOAL_TYPES:
        found = _TYPE_PATTERNS[goal_type].findall(text)
        scores.append((goal_type, len(found)))
        if len(found) > len(best_words):
            best = goal_type  # type: ignore[assignment]  # GOAL_TYPES holds GoalType values
            best_words = tuple(dict.fromkeys(found))
    return TypeSuggestion(type=best, words=best_words, scores=tuple(scores))


# --------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------


def _compound_parts(text: str) -> tuple[list[str], bool]:
    """Split a statement where it joins separate pieces of work.

    Returns the clauses (in the person's own casing) that each start a piece of work and
    whether any joint was a strong one ("and also", "as well as", "plus", ";").  A clause that
    points back at the one before ("... and discuss it with my manager") or shares a content
    word with it belongs to it.
    """
    tail = _TAIL_PATTERN.search(text)
    head = text[: tail.start()] if tail else text
    clauses: list[tuple[list[str], list[str]]] = []  # (pieces as written, lower-case words)
    strong = bool(_STRONG_JOINT_PATTERN.search(head))
    split = _JOINT_PATTERN.split(head)  # piece, joint, piece, joint, ..., piece
    joints = ["", *split[1::2]]
    for piece, joint in zip(split[0::2], joints, strict=True):
        words = [word.casefold() for word in _words(piece)]
        if not words:
            continue
        first = words[0]
        # "... and then book the meetings": a sequence of steps towards one goal.
        opens = bool(_OPENING_JOINT.fullmatch(" ".join(joint.split())))
        verb_first = _is_verb(first, _CLAUSE_VERBS) and (
            first not in _AMBIGUOUS_VERBS or (len(words) > 1 and words[1] in _OBJECT_STARTERS)
        )
        starts_work = first != "then" and (opens or verb_first)
        if clauses and starts_work and not _refers_back(words, clauses[-1][1]):
            clauses.append(([piece.strip()], words))
        elif clauses:
            clauses[-1][0].append(piece.strip())
            clauses[-1][1].extend(words)
        else:
            clauses.append(([piece.strip()], words))
    return [" ".join(pieces) for pieces, _ in clauses], strong


def _different_areas(first: str, second: str) -> bool:
    """Whether two clauses joined by a plain "and" belong to different parts of life.

    Two steps of one piece of work ("shadow two on-call shifts and document the gaps") are
    common in good goals, so a plain "and" counts as joining two goals only when the clauses
    point to different goal types, or one is about life outside work and the other is not.
    """
    first_type = suggest_goal_type(first).type
    second_type = suggest_goal_type(second).type
    if first_type and second_type and first_type != second_type:
        return True
    return bool(_PERSONAL_PATTERN.search(first.casefold())) != bool(
        _PERSONAL_PATTERN.search(second.casefold())
    )


def _refers_back(words: Sequence[str], previous: Sequence[str]) -> bool:
    if any(word in _BACK_REFERENCES for word in words):
        return True
    earlier = {w for w in previous if len(w) > 3 and w not in _STOPWORDS}
    return any(w in earlier for w in words[1:] if len(w) > 3 and w not in _STOPWORDS)


def _check_statement(statement: str) -> list[Finding]:
    findings: list[Finding] = []
    if not statement.strip():
        return [
            Finding(
                "statement_missing",
                "problem",
                "There is no goal written yet.",
                "Write in one sentence what you want to have done in the next six to eight weeks.",
            )
        ]
    if len(statement) > LONG_STATEMENT_CHARS:
        findings.append(
            Finding(
                "statement_too_long",
                "suggestion",
                f"The goal is {len(statement):,} characters long; a goal you can say in one "
                "breath is easier to keep in mind.",
                "Keep one sentence for the goal and move the detail into the why, the success "
                "measure or the first step.",
                (f"{len(statement)} characters",),
            )
        )
    parts, strong = _compound_parts(
        statement[:_ANALYSED_CHARS].replace("’", "'").replace("–", "-").replace("—", "-")
    )
    is_compound = len(parts) >= 3 or (len(parts) == 2 and (strong or _different_areas(*parts)))
    # Separate goals in one sentence are judged separately: "get better at leadership and also
    # run a marathon" is vague even though running a marathon is not.
    vague_evidence = ""
    for text in [_normalise(part) for part in parts] if is_compound else [_normalise(statement)]:
        words = _words(text)
        vague_match = _VAGUE_PATTERN.search(text)
        if 0 < len(words) <= 3 and all(word in _TOPIC_WORDS for word in words):
            vague_evidence = " ".join(words)  # a bare topic: "Leadership", "Public speaking"
        elif vague_match and not _is_concrete(text, words, _topic_gerunds(text, vague_match)):
            vague_evidence = vague_match.group(0).strip()
        if vague_evidence:
            break
    if vague_evidence:
        findings.append(
            Finding(
                "vague",
                "problem",
                f"{_quote(vague_evidence)} says what you want to change, but not what you or "
                "anyone else would see when it has happened.",
                "Name a result you could show: something written, held, given or done, with "
                "a number if it helps (e.g. “lead two team meetings” rather than “get better "
                "at leadership”).",
                (vague_evidence,),
            )
        )
    if is_compound:
        severity: Severity = "problem" if strong or len(parts) >= 3 else "suggestion"
        listed = "; ".join(_quote(part) for part in parts)
        findings.append(
            Finding(
                "compound",
                severity,
                f"This reads like {len(parts)} separate goals: {listed}.",
                "Split it into one goal each and keep the one that matters most right now; "
                "each can then have its own date, measure and mentor.",
                tuple(parts),
            )
        )
    return findings


def _check_measure(goal: Goal) -> list[Finding]:
    measure = _normalise(goal.success_measure)
    if measure.strip():
        measure_words = _words(measure)
        vague_match = _VAGUE_PATTERN.search(measure)
        if not vague_match or _is_concrete(measure, measure_words):
            return []
        return [
            Finding(
                "not_measurable",
                "problem",
                f"The success measure {_quote(goal.success_measure)} is a feeling or a "
                "direction; at the end you could not say for sure whether it was met.",
                "Write what you could check at the end: a number, a date, a thing that exists, "
                "or somebody's feedback (e.g. “written feedback from three attendees”).",
                (vague_match.group(0).strip(),),
            )
        ]
    statement = _normalise(goal.statement)
    statement_words = _words(statement)
    # "Give three talks" or "Pass the certification exam" measures itself.
    if (_has_count(statement, statement_words) and _observable_words(statement_words)) or any(
        _is_verb(word, _COMPLETION_VERBS) for word in statement_words
    ):
        return []
    return [
        Finding(
            "not_measurable",
            "problem",
            "There is no success measure: nothing says how you will know the goal is reached.",
            "Add a success measure you could check at the end, such as “six one-to-ones held "
            "and a note per person”.",
        )
    ]


def _check_dates(goal: Goal, today: date) -> list[Finding]:
    findings: list[Finding] = []
    target = goal.target_date
    if target is None:
        findings.append(
            Finding(
                "no_target_date",
                "suggestion",
                "The goal has no target date, so it can stay open for ever.",
                f"Pick a date no more than {HORIZON_WEEKS} weeks away "
                f"(e.g. {(today + timedelta(weeks=HORIZON_WEEKS)).isoformat()}).",
            )
        )
    elif target - today > timedelta(weeks=HORIZON_WEEKS):
        weeks = (target - today).days // 7
        findings.append(
            Finding(
                "horizon_too_long",
                "problem",
                f"The target date {target.isoformat()} is about {weeks} weeks away; goals "
                f"further out than {HORIZON_WEEKS} weeks tend to lose momentum.",
                f"Choose the part you can finish by {(today + timedelta(weeks=HORIZON_WEEKS)).isoformat()} "
                "and make that the goal; the rest can be your next goal.",
                (target.isoformat(),),
            )
        )
    elif target < today and goal.status == "active":
        findings.append(
            Finding(
                "target_date_passed",
                "suggestion",
                f"The target date {target.isoformat()} has passed and the goal is still active.",
                "Mark it achieved if it is, drop it if it no longer matters, or set a new date.",
                (target.isoformat(),),
            )
        )
    return findings


def _check_commitment(goal: Goal, today: date) -> list[Finding]:
    findings: list[Finding] = []
    if not goal.why.strip() and not _PURPOSE_PATTERN.search(_normalise(goal.statement)):
        findings.append(
            Finding(
                "no_why",
                "suggestion",
                "Nothing says why this goal matters to you.",
                "Add a sentence on what reaching it would change for you; a reason of your own "
                "is what keeps you going when the week gets busy.",
            )
        )
    if not goal.first_step.strip() or goal.first_step_date is None:
        missing = "a first step" if not goal.first_step.strip() else "a date for the first step"
        findings.append(
            Finding(
                "no_first_step",
                "suggestion",
                f"The goal has no {missing.removeprefix('a ')} yet.",
                "Write the smallest thing you will do first and put a date on it, ideally "
                "within the next few days.",
            )
        )
    elif goal.target_date is not None and goal.first_step_date > goal.target_date:
        findings.append(
            Finding(
                "first_step_after_target",
                "suggestion",
                f"The first step is dated {goal.first_step_date.isoformat()}, after the "
                f"target date {goal.target_date.isoformat()}.",
                "Move the first step before the target date, or the target date later.",
                (goal.first_step_date.isoformat(),),
            )
        )
    if goal.confidence <= LOW_CONFIDENCE:
        findings.append(
            Finding(
                "low_confidence",
                "problem",
                f"Your confidence is {goal.confidence} of 7: you do not yet expect to reach "
                "this goal, and goals we expect to miss rarely get our effort.",
                "Make the goal smaller (fewer things, a nearer result) until you would rate "
                "it 5 or more, then picture what could get in the way and how you will handle it.",
                (str(goal.confidence),),
            )
        )
    return findings


def _check_type(goal: Goal, suggestion: TypeSuggestion) -> list[Finding]:
    if goal.type is not None:
        return []
    if suggestion.type is None:
        fix = (
            "Choose the type that fits: short-term career (doing well in your current role), "
            "long-term career (where your career is heading) or psychosocial (values, balance, "
            "confidence)."
        )
    else:
        fix = f"Choose a type; {suggestion.explain()}"
    return [
        Finding(
            "type_missing",
            "suggestion",
            "No goal type is chosen; the type helps you find the right mentor for it.",
            fix,
            suggestion.words,
        )
    ]


def review_goal(goal: Goal, today: date) -> GoalReview:
    """Review one goal: what makes it hard to reach, and how to fix each thing.

    Args:
        goal: The goal as written (any language, any length).
        today: The date the horizon is measured from.

    Returns:
        The findings in a stable order (statement, measure, dates, commitment, type) and a
        type suggestion built from the statement, why and areas.
    """
    suggestion = suggest_goal_type(" \n".join([goal.statement, goal.why, *goal.areas]))
    findings = [
        *_check_statement(goal.statement),
        *_check_measure(goal),
        *_check_dates(goal, today),
        *_check_commitment(goal, today),
        *_check_type(goal, suggestion),
    ]
    return GoalReview(goal_id=goal.id, findings=tuple(findings), type_suggestion=suggestion)


def review_workbook_goals(workbook: Workbook, today: date) -> WorkbookGoalsReview:
    """Review every goal in a workbook, and whether there are too many at once.

    Args:
        workbook: The participant's workbook.
        today: The date the horizons are measured from.

    Returns:
        One review per goal and the workbook-level findings (``too_many_goals`` when more
        than :data:`MAX_ACTIVE_GOALS` goals are active).
    """
    reviews = tuple(review_goal(goal, today) for goal in workbook.goals)
    active = workbook.active_goals()
    findings: list[Finding] = []
    if len(active) > MAX_ACTIVE_GOALS:
        findings.append(
            Finding(
                "too_many_goals",
                "problem",
                f"You have {len(active)} active goals; with more than {MAX_ACTIVE_GOALS} at "
                "once, each gets too little of your time to move.",
                f"Keep the {MAX_ACTIVE_GOALS} that matter most now and drop or park the "
                "others; you can pick them up when one is achieved.",
                tuple(goal.id for goal in active),
            )
        )
    return WorkbookGoalsReview(reviews=reviews, findings=tuple(findings))
