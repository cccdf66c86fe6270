"""Goal reflection: explainable checks that tell a participant what makes a goal hard to reach.

Short-term goals tend to fail in four ways: they are too big (an outcome beyond six to eight
weeks of one's own effort, a horizon too far away, several goals in one sentence), too vague
(nothing anyone could see or count at the end), unrealistic (the person does not expect to
reach them) or uncommitted (no reason that matters to the person, no first step on the
calendar).  Each check here looks for one of those and returns a :class:`Finding` with a
stable ``code``, a plain-language message and a concrete fix.

The goal is read whole: statement, success measure, first step and why together (a concrete
measure makes a vague statement a suggestion; "TBD", "n/a", "?" count as missing).  The
wording checks read English, French, Spanish and German through the vocabularies in
``mentorkit/lexicon/goal_wording.toml`` and ``goal_types.toml``, matched word by word by
:mod:`mentorkit.wording`, so every finding can be explained by pointing at the words that
caused it; a goal in another language gets a note that its wording was not checked.  The
checks on dates, confidence and empty fields apply to every language.  Everything here is
pure and fast (well under a millisecond for a typical goal, and linear in the text's length
for any input): a widget calls :func:`review_goal` on every pause in typing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Final, Literal

from mentorkit.language import LANGUAGES, detect_language, fold, is_other_language
from mentorkit.lexicon import load_toml
from mentorkit.model import GOAL_TYPE_LABELS, GOAL_TYPES, Goal, GoalType, Workbook
from mentorkit.render import shorten
from mentorkit.wording import (
    Match,
    PhraseSet,
    Token,
    TypoIndex,
    split_words,
    stem,
    stems,
    tokenize,
)

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
_ANALYSED_CHARS: Final = 1_000
#: How much of a person's text a message quotes.
_QUOTE_CHARS: Final = 60

#: Every code :func:`review_goal` and :func:`review_workbook_goals` can return.
GOAL_CODES: Final = (
    "statement_missing",
    "statement_too_long",
    "horizon_too_long",
    "no_target_date",
    "target_date_passed",
    "too_big",
    "vague",
    "not_measurable",
    "compound",
    "avoidance",
    "wording_not_checked",
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
        scores: ``(type, weighted evidence)`` for every type, in :data:`GOAL_TYPES` order.
    """

    type: GoalType | None
    words: tuple[str, ...] = ()
    scores: tuple[tuple[str, float], ...] = ()

    @property
    def label(self) -> str:
        """The suggested type as a person reads it (empty when there is none)."""
        return GOAL_TYPE_LABELS[self.type] if self.type else ""

    def explain(self) -> str:
        """One sentence saying which type and why, e.g. for a hint under the type picker."""
        if self.type is None:
            return "No type stands out from the words used."
        if not self.words:
            return (
                f"Nothing in the words points to a type, so {self.label.lower()} is "
                "suggested; change it if the goal is about your work or career."
            )
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
# Vocabularies (mentorkit/lexicon/goal_wording.toml and goal_types.toml)
# --------------------------------------------------------------------------------------

_WORDING: Final = load_toml("goal_wording")
_TYPE_WORDS: Final = load_toml("goal_types")
_TYPE_KEYS: Final = {"st": "short_term_career", "lt": "long_term_career", "ps": "psychosocial"}
_FUNCTION_WORDS: Final = load_toml("function_words")

#: Determiners and pronouns that open an object: after "and", a word that is as often a
#: noun as a verb ("plan", "test") starts new work only when one of these follows it.
_OBJECT_STARTERS: Final = frozenset(
    split_words(
        "a an the my our your their his her its this that these those it them him us each every "
        "some all"
    )
)
#: After these a vague phrase goes on: "be more" + "strategic", "get better at" + "leadership".
_OPEN_ENDERS: Final = frozenset(
    split_words(
        """
    more less better worse at on in my our a an the of to with for about as improve develop
    enhance strengthen boost work focus gain build explore understand grow get be feel find
    plus mieux en de du des mon ma mes sur a la le les l d une un améliorer ameliorer
    developper renforcer travailler trouver mas más mejor mi mis el los las del mejorar
    desarrollar fortalecer trabajar ser tener mehr besser meine mein meinen an
    """
    )
)


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


def _stemmed(words: list[str], language: str) -> frozenset[str]:
    return frozenset(
        stem(token.fold, language) for word in words for token in tokenize(word) if token.is_word
    )


def _exact_words(entries: list[str]) -> list[str]:
    """Vocabulary entries matched word for word, without suffix rules."""
    return [" ".join(f"={word}" for word in entry.split()) for entry in entries]


@dataclass(frozen=True, eq=False)
class _Language:
    """Everything the review knows about the wording of one language."""

    code: str
    vague: PhraseSet
    topics: frozenset[str]
    too_big: PhraseSet
    too_big_kinds: tuple[tuple[str, tuple[str, ...]], ...]
    step_words: frozenset[str]
    observable: frozenset[str]
    completion: frozenset[str]
    verbs: frozenset[str]
    nouns_too: frozenset[str]
    joints: PhraseSet
    plain_joints: PhraseSet
    then_words: frozenset[str]
    fillers: frozenset[str]
    avoidance: PhraseSet
    back_refs: frozenset[str]
    back_ref_endings: tuple[str, ...]
    purpose: PhraseSet
    personal: PhraseSet
    units_not_observable: frozenset[str]
    number_words: frozenset[str]
    function_words: frozenset[str]
    types: tuple[tuple[GoalType, PhraseSet], ...]
    type_cues: tuple[tuple[GoalType, PhraseSet], ...]
    attain_verbs: PhraseSet
    state_verbs: frozenset[str]
    become_verbs: frozenset[str]
    acquire_verbs: PhraseSet
    role_posts: frozenset[str]
    totality: frozenset[str]
    not_whole: frozenset[str]
    roles: PhraseSet
    qualities: frozenset[str]


def _combinations(*lists: list[str]) -> list[str]:
    """Every phrase "a * b (* c)" from one word of each list."""
    phrases = [""]
    for words in lists:
        phrases = [f"{before} * {word}" if before else word for before in phrases for word in words]
    return phrases if lists and all(lists) else []


def _load_language(code: str) -> _Language:
    words = _WORDING[code]
    back_refs = list(words["back_refs"])
    vague = words["vague"] + _combinations(words["growth_verbs"], words["soft_nouns"])
    too_big = (
        words["too_big"]
        + _combinations(
            words.get("change_verbs", []), words.get("scopes", []), words.get("units", [])
        )
        + _combinations(words.get("qualify_verbs", []), words.get("qualifications", []))
        + _combinations(words.get("all_verbs", []), words.get("all_words", []))
        + _combinations(words.get("own_verbs", []), words.get("own_words", []))
        + _combinations(words.get("venture_verbs", []), words.get("ventures", []))
        + _combinations(words.get("roles", []), words.get("role_posts", []))
    )
    return _Language(
        code=code,
        vague=PhraseSet(vague, code),
        topics=_stemmed(words["topics"], code),
        too_big=PhraseSet(too_big, code),
        too_big_kinds=tuple(
            (kind, tuple(fold(part) for part in parts))
            for kind, parts in words["too_big_kinds"].items()
        ),
        step_words=_stemmed(words["step_words"], code),
        observable=_stemmed(words["observable"], code),
        completion=_stemmed(words["completion"], code),
        verbs=_stemmed(words["verbs"] + words["observable"], code),
        nouns_too=_stemmed(words["nouns_too"], code),
        joints=PhraseSet(_exact_words(words["joints"]), code),
        plain_joints=PhraseSet(_exact_words(words["plain_joints"]), code),
        then_words=_folded(words["then_words"]),
        fillers=_folded(words["fillers"]),
        avoidance=PhraseSet([f"^{entry}" for entry in words["avoidance"]], code),
        back_refs=_folded([w for w in back_refs if not w.startswith("~")]),
        back_ref_endings=tuple(fold(w[1:]) for w in back_refs if w.startswith("~")),
        purpose=PhraseSet(words["purpose"], code),
        personal=PhraseSet(words["personal"], code),
        units_not_observable=_folded(words["units_not_observable"]),
        number_words=_folded(words["number_words"]),
        function_words=_folded(_FUNCTION_WORDS[code]),
        types=tuple(
            (_TYPE_KEYS[key], PhraseSet(entries, code))  # type: ignore[misc]
            for key, entries in _TYPE_WORDS[code].items()
        ),
        type_cues=tuple(
            (_TYPE_KEYS[key], PhraseSet(entries, code))  # type: ignore[misc]
            for key, entries in _TYPE_WORDS["cues"][code].items()
        ),
        attain_verbs=PhraseSet(words["attain_verbs"], code),
        state_verbs=_folded(words["state_verbs"]),
        become_verbs=_folded(words["become_verbs"]),
        acquire_verbs=PhraseSet(words["acquire_verbs"], code),
        role_posts=_folded(words.get("role_posts", [])),
        totality=_folded(words["totality"]),
        not_whole=_folded(words["not_whole"]),
        roles=PhraseSet(words["roles"], code),
        qualities=_stemmed(words["qualities"], code),
    )


_LANGUAGES: Final = {code: _load_language(code) for code in LANGUAGES}
_PLACEHOLDERS: Final = frozenset(
    " ".join(fold(entry).split()) for code in LANGUAGES for entry in _WORDING[code]["placeholders"]
)
_STEPS: Final[dict[str, str]] = dict(_WORDING["steps"])
_EXAMPLES: Final[dict[str, dict[str, str]]] = {
    goal_type: dict(texts) for goal_type, texts in _WORDING["examples"].items()
}

#: How a finding is named to the person (the codes stay for tests, reports and the CLI).
FINDING_LABELS: Final = {
    "statement_missing": "no goal yet",
    "statement_too_long": "long statement",
    "horizon_too_long": "date too far away",
    "no_target_date": "no target date",
    "target_date_passed": "date passed",
    "too_big": "too big",
    "vague": "too vague",
    "not_measurable": "not measurable",
    "compound": "several goals in one",
    "avoidance": "phrased as stopping",
    "wording_not_checked": "wording not checked",
    "no_why": "no reason given",
    "no_first_step": "no first step",
    "first_step_after_target": "first step after the date",
    "low_confidence": "low confidence",
    "type_missing": "no type chosen",
    "too_many_goals": "too many goals",
}


# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------


def _clip(text: str) -> str:
    return text[:_ANALYSED_CHARS]


def _quote(text: str) -> str:
    """The person's words in quotes, shortened at a word boundary when long."""
    return f"“{shorten(text, _QUOTE_CHARS)}”"


def _lower_first(text: str) -> str:
    """``text`` with a capital first letter lowered, unless the word is an acronym or "I"."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower() and first[0].isupper():
        return text[0].lower() + text[1:]
    return text


def is_placeholder(text: str) -> bool:
    """True when ``text`` stands in for an answer: "TBD", "n/a", "?", "-", "think about it".

    Empty text is not a placeholder (it is simply missing); see :func:`is_missing`.
    """
    if not text.strip():
        return False
    if not any(ch.isalnum() for ch in text):
        return True
    key = " ".join(fold(text).split()).strip(" .!:;")
    return key in _PLACEHOLDERS


def is_missing(text: str) -> bool:
    """True when a field is empty or holds only a placeholder."""
    return not text.strip() or is_placeholder(text)


@dataclass
class _Reading:
    """A text read in one language: tokens, base forms and clause segments."""

    language: _Language
    text: str
    tokens: list[Token]
    base: list[str]
    segments: list[tuple[str, int, int]]  # (joint before it, first token, end token)
    heads: frozenset[int]
    _found: dict[str, list[Match]] = field(default_factory=dict)

    def find(self, vocabulary: str) -> list[Match]:
        """The matches of one of the language's phrase sets (found once per reading)."""
        if vocabulary not in self._found:
            phrases: PhraseSet = getattr(self.language, vocabulary)
            self._found[vocabulary] = phrases.find(self.tokens, self.base, self.heads)
        return self._found[vocabulary]

    def span_text(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def segment_of(self, index: int) -> tuple[str, int, int]:
        for segment in self.segments:
            if segment[1] <= index < segment[2]:
                return segment
        return ("start", 0, len(self.tokens))


_JOINT_STRENGTH: Final = {"start": 0, "plain": 1, "comma": 2, "strong": 3}


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[Token, ...]:
    """The tokens of a field's analysed part (cached: the live review re-reads unchanged
    fields on every keystroke, and one field is read in up to four languages)."""
    return tuple(tokenize(_clip(text)))


def clear_text_caches() -> None:
    """Forget the texts read so far (benchmarks time a review of unseen text with it)."""
    _tokens.cache_clear()
    _read.cache_clear()


@lru_cache(maxsize=len(LANGUAGES))
def _typo_index(code: str) -> TypoIndex:
    """Every word of one language's vocabularies (built on first use, not at import)."""
    entries: list[str] = list(_FUNCTION_WORDS[code])
    for source in (_WORDING[code], _TYPE_WORDS[code]):
        for value in source.values():
            if isinstance(value, list):
                entries.extend(entry.partition("|")[0] for entry in value)
    return TypoIndex(entries, code)


@lru_cache(maxsize=128)
def _read(text: str, language: _Language) -> _Reading:
    tokens = list(_tokens(text))
    typos = _typo_index(language.code)
    base = [
        typos.correct(token, b)
        for token, b in zip(tokens, stems(tokens, language.code), strict=True)
    ]
    segments: list[tuple[str, int, int]] = []
    kind, start, index = "start", 0, 0
    while index < len(tokens):
        token = tokens[index]
        joint_kind, joint_end = "", index
        if token.is_punct and token.low in ",;.!?:":
            joint_kind, joint_end = ("strong" if token.low == ";" else "comma"), index + 1
        else:
            for found_kind, joints in (
                ("strong", language.joints),
                ("plain", language.plain_joints),
            ):
                matches = joints.starting_at(tokens, base, index)
                if matches:
                    joint_kind, joint_end = found_kind, max(m.end for m in matches)
                    break
        if not joint_kind:
            index += 1
            continue
        if index > start:
            segments.append((kind, start, index))
            kind = joint_kind
        elif segments and _JOINT_STRENGTH[joint_kind] > _JOINT_STRENGTH[kind]:
            kind = joint_kind  # ", also" is as strong as "also"
        start = index = joint_end
    if start < len(tokens):
        segments.append((kind, start, len(tokens)))
    heads = frozenset(
        head
        for _, first, end in segments
        if (head := _head(tokens, language, first, end)) is not None
    )
    return _Reading(language, text, tokens, base, segments, heads)


def _head(tokens: Sequence[Token], language: _Language, start: int, end: int) -> int | None:
    """The first word of a clause after words like "I want to" that do not change it."""
    for index in range(start, end):
        if tokens[index].is_word and tokens[index].fold not in language.fillers:
            return index
    return None


def _readings(goal: Goal) -> tuple[list[_Language], bool]:
    """The languages to read the goal in, and whether it is in a language we do not read."""
    detected = detect_language(goal.statement)
    if detected:
        return [_LANGUAGES[detected]], False
    text = " ".join([goal.statement, goal.why, goal.success_measure, goal.first_step])
    if is_other_language(goal.statement if goal.statement.strip() else text):
        return [], True
    # No clear signal ("Get promoted", "Leadership"): read it with every vocabulary, the
    # language of the other fields first.
    first = detect_language(text)
    return sorted(_LANGUAGES.values(), key=lambda language: language.code != first), False


def _covered(matches: Iterable[Match]) -> set[int]:
    return {index for match in matches for index in range(match.start, match.end)}


def _count_indexes(reading: _Reading, start: int, end: int) -> list[int]:
    """Numbers attached to something: "two talks", "6 weeks"; not "10x", "3 times"."""
    found = []
    tokens = reading.tokens
    language = reading.language
    for index in range(start, end):
        token = tokens[index]
        if not (token.is_number or token.fold in language.number_words):
            continue
        following = tokens[index + 1] if index + 1 < end else None
        if following is None or not following.is_word:
            continue
        if following.fold in language.units_not_observable:
            continue
        if _is_background(tokens, index, end):
            continue
        if any(tokens[j].fold in _NEGATIONS for j in range(max(start, index - 3), index)):
            continue
        found.append(index)
    return found


#: Time spans, and the words that make one the background rather than the result:
#: "I've been in the role two months", "depuis deux mois", "hace dos meses", "seit zwei Wochen".
_TIME_UNITS: Final = frozenset(
    split_words(
        "day days week weeks month months year years jour jours semaine semaines mois an ans "
        "annee annees dia dias semana semanas mes meses ano anos tag tage tagen woche wochen "
        "monat monate monaten jahr jahre jahren"
    )
)
_SINCE_WORDS: Final = frozenset(
    split_words("been since already depuis hace llevo desde seit schon bereits")
)
_AGO_WORDS: Final = frozenset(split_words("ago"))


def _is_background(tokens: Sequence[Token], index: int, end: int) -> bool:
    """Whether the number at ``index`` counts time already spent, not something to do."""
    if index + 1 >= end or tokens[index + 1].fold not in _TIME_UNITS:
        return False
    after = tokens[index + 2].fold if index + 2 < end else ""
    return after in _AGO_WORDS or any(
        tokens[i].fold in _SINCE_WORDS for i in range(max(0, index - 6), index)
    )


def _is_concrete(reading: _Reading, start: int, end: int, vague: Sequence[Match]) -> bool:
    """Whether the clause names a result someone could see, outside its vague words.

    Words inside a vague phrase ("try to be more organised") and the -ing words naming
    the skill just after one ("get better at giving feedback") do not count; a number
    counts only when attached to something ("two workshops", not "10x more productive").
    """
    covered = _covered(vague)
    for match in vague:
        # "organise better", "mieux m'organiser": the verb a comparison modifies is a
        # direction, not a result.
        if match.end - match.start == 1 and _is_comparative(reading, match.start):
            covered.update(range(max(start, match.start - 3), min(end, match.end + 2)))
    # After a vague phrase, an -ing word names the skill, not a result ("get more
    # comfortable with public speaking"), unless it is the means: "by giving a talk".
    topics: set[int] = set()
    first_vague = min((match.end for match in vague), default=end)
    for index in range(first_vague, end):
        # "improve how I give feedback": what follows "how" is the skill, not a result
        # "learn to say no", "apprendre à déléguer": what follows is the skill, too
        if reading.tokens[index].fold in _HOW_WORDS or (
            reading.tokens[index].fold in _TO_WORDS
            and index > 0
            and reading.tokens[index - 1].fold in _LEARN_WORDS
        ):
            topics.update(range(index + 1, min(end, index + 4)))
    # "ne plus culpabiliser de prendre mes congés", "worry less about asking": what a
    # feeling is about names its topic, not a result
    for match in vague:
        if match.end < end and reading.tokens[match.end].fold in _ABOUT_WORDS:
            topics.update(range(match.end + 1, min(end, match.end + 4)))
    for index in range(first_vague, end):
        if reading.tokens[index].fold.endswith(("ing", "ant", "ando", "iendo")) and not (
            index > 0 and reading.tokens[index - 1].fold in _MEANS_MARKERS
        ):
            topics.add(index)
    for index in range(start, end):
        if index in covered or index in topics or not reading.tokens[index].is_word:
            continue
        if reading.tokens[index].fold in _NEVER_RESULTS:
            continue
        if reading.base[index] in reading.language.observable and not _looks_like_noun(
            reading, index
        ):
            return True
    return any(index not in covered for index in _count_indexes(reading, start, end))


#: Words whose base form collides with a verb's ("not" / "note") but never name a result.
_NEVER_RESULTS: Final = frozenset(split_words("not no nor none never nothing"))
_HOW_WORDS: Final = frozenset(split_words("how comment cómo como wie"))
_TO_WORDS: Final = frozenset(split_words("to a à"))
_LEARN_WORDS: Final = frozenset(split_words("learn learning apprendre aprender"))
_ABOUT_WORDS: Final = frozenset(split_words("about de d por über wegen"))
#: The same, folded as tokens are ("über" -> "uber"), for what follows a big outcome.
_TOPIC_MARKERS: Final = frozenset(fold(word) for word in _HOW_WORDS | _ABOUT_WORDS)


def _is_comparative(reading: _Reading, index: int) -> bool:
    """A comparison word: "better", "calmer"; in German any "-er" vague word ("souveräner")."""
    word = reading.tokens[index].fold
    if word in _COMPARATIVES:
        return True
    return reading.language.code in ("en", "de") and len(word) > 5 and word.endswith("er")


_MEANS_MARKERS: Final = frozenset(split_words("by through via en"))
_COMPARATIVES: Final = frozenset(
    split_words(
        "better more less fewer worse stronger clearer calmer braver bolder sharper healthier "
        "happier kinder wiser smarter harder faster quicker easier mieux plus moins más menos "
        "mejor mehr weniger besser"
    )
)
_NOUN_MARKERS: Final = frozenset(
    split_words(
        "a an the my our your their his her its this that these those in at of for on during "
        "after before from"
    )
)


#: Before a verb, these make it the situation rather than the result: "when I speak",
#: "al hablar", "en parlant", "beim Sprechen".
_EN_ARTICLES: Final = frozenset(split_words("the a an my our your their his her its this that"))
_MODALS: Final = frozenset(split_words("can could might may cannot can't couldn't"))
_ARTICLES: Final = frozenset(
    split_words("le la les des du un une el los las unos unas der die das den dem des ein eine")
)
#: Words that deny what follows: "I cannot save every animal" counts nothing.
_NEGATIONS: Final = frozenset(
    split_words("not cannot can't never no ne pas jamais nunca nicht kein keine nie")
)
_SITUATION_MARKERS: Final = frozenset(
    split_words("when while whenever before after during ahead al en beim")
)


def _looks_like_noun(reading: _Reading, index: int) -> bool:
    """Whether an observable verb names a thing or a situation here, not something done.

    In English "meetings" or "the meeting" names a thing; in any language "when I speak"
    or "al hablar" names the situation the goal is about, not a result.
    """
    before = reading.tokens[index - 1].fold if index > 0 else ""
    earlier = reading.tokens[index - 2].fold if index > 1 else ""
    if before in _SITUATION_MARKERS or earlier in _SITUATION_MARKERS:
        return True
    # "who can lead", "so I could talk": what someone could do is no result yet
    if before in _MODALS:
        return True
    # "les appels", "der Vortrag": after an article, the word names a thing
    if reading.language.code != "en":
        return before in _ARTICLES
    word = reading.tokens[index].fold
    # A plural after another word names things ("client pitches", "team meetings"): goals
    # are written in the imperative or the infinitive, so "-s" on a verb is rare.
    plural = (
        index > 0
        and reading.tokens[index - 1].is_word
        and before not in reading.language.fillers
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
    )
    # "at the vet practice": an article two words back makes the word a noun's head
    compound_noun = earlier in _EN_ARTICLES and reading.tokens[index - 1].is_word
    return plural or word.endswith("ings") or before in _NOUN_MARKERS or compound_noun


def _phrase_evidence(reading: _Reading, match: Match, end: int) -> str:
    """The whole vague phrase as written: "be more" grows to "be more strategic"."""
    stop = match.end
    while (
        stop < end
        and stop - match.end < 4
        and reading.tokens[stop].is_word
        and reading.tokens[stop - 1].fold in _OPEN_ENDERS
    ):
        stop += 1
    first = match.start
    if match.end - match.start == 1 and reading.tokens[match.start].fold in _COMPARATIVES:
        # "more" alone says little: quote the clause up to it ("communicate better").
        _, segment_start, _ = reading.segment_of(match.start)
        first = max(segment_start, match.start - 5)
    elif reading.language.code == "de":  # the object comes before the verb: "meine Ziele klären"
        while first > 0 and match.start - first < 3 and reading.tokens[first - 1].is_word:
            first -= 1
    return reading.span_text(first, stop)


def _vague_evidence(reading: _Reading, start: int, end: int) -> str:
    words = [i for i in range(start, end) if reading.tokens[i].is_word]
    if 0 < len(words) <= 3 and all(reading.base[i] in reading.language.topics for i in words):
        return reading.span_text(start, end)  # a bare topic: "Leadership", "Public speaking"
    # A too-big outcome names a result (too far away, not too vague): "Teamleiter werden".
    big = _covered(reading.find("too_big"))
    matches = [
        m
        for m in reading.find("vague")
        if start <= m.start and m.end <= end and not big.intersection(range(m.start, m.end))
    ]
    if not matches:
        return _state_evidence(reading, start, end, big)
    if _is_concrete(reading, start, end, matches):
        return ""
    best = max(matches, key=lambda m: (m.end - m.start, -m.start))
    return _phrase_evidence(reading, best, end)


def _state_evidence(reading: _Reading, start: int, end: int, big: set[int]) -> str:
    """A clause that names a state, not a result, whatever its words: "be twice as
    productive", "know the system inside out", "saber hacia dónde quiero ir".

    The clause opens (English, French, Spanish) or closes (German, the verb comes last)
    with a state verb ("be", "feel", "know"), and nothing in it is observable: no verb of
    something done, no count attached to a thing.  A too-big outcome there is a result.
    """
    words = [i for i in range(start, end) if reading.tokens[i].is_word]
    if len(words) < 2 or big.intersection(range(start, end)):
        return ""
    states = reading.language.state_verbs
    if reading.language.code == "de":
        # the verb comes last; before a comma it closes the main clause ("klarer sehen, wo")
        comma = next((i for i in range(start, end) if reading.tokens[i].low == ","), end)
        edges = {words[-1]}
        before = [i for i in words if i < comma]
        if before:
            edges.add(before[-1])
    else:
        edges = {words[0]}
    if not any(reading.tokens[e].fold in states or reading.base[e] in states for e in edges):
        return ""
    if _is_concrete(reading, start, end, ()):
        return ""
    return reading.span_text(start, end)


# --------------------------------------------------------------------------------------
# Several goals in one
# --------------------------------------------------------------------------------------


@dataclass
class _Part:
    """One piece of work in a statement: its token range and the joint before it."""

    joint: str
    start: int
    end: int


def _starts_work(reading: _Reading, start: int, end: int, head: int, joint: str) -> bool:
    """Whether a clause after a joint starts a new piece of work (begins with a verb)."""
    language = reading.language
    tokens = reading.tokens
    word = tokens[head].fold
    key = reading.base[head]
    if language.code == "de":
        last = max((i for i in range(start, end) if tokens[i].is_word), default=head)
        verb_last = (
            tokens[last].text[:1].islower()
            and tokens[last].fold.endswith(("en", "ern", "eln"))
            and len(tokens[last].fold) > 3
            and tokens[last].fold not in language.function_words
        )
        if verb_last or key in language.verbs:
            return True
    elif key in language.verbs:
        if key not in language.nouns_too or joint in ("strong", "comma"):
            return True
        following = tokens[head + 1] if head + 1 < end else None
        return following is not None and (following.fold in _OBJECT_STARTERS or following.is_number)
    elif language.code == "fr":
        if word.endswith(("er", "ir", "re", "oir")) and len(word) > 4:
            return word not in language.function_words and word not in _FR_NOT_VERBS
    elif language.code == "es" and word.endswith(_ES_VERB_ENDINGS):
        return len(word) > 3 and word not in _ES_NOT_VERBS
    if joint == "strong":
        # After "and also", "as well as", "plus", ";": any word that is not an article,
        # pronoun or number ("... plus refactor the billing module").
        return (
            word not in language.function_words
            and word not in _OBJECT_STARTERS
            and word not in language.back_refs
            and tokens[head].is_word
            and not tokens[head].text[:1].isupper()
        )
    return False


_FR_NOT_VERBS: Final = frozenset(
    split_words(
        "notre votre autre autres livre centre membre titre lettre chiffre ordre genre être leur "
        "leurs hier mer fer cher hiver pour sur par entre contre noir soir espoir premier dernier "
        "métier metier carrière carriere manager"
    )
)
_ES_VERB_ENDINGS: Final = ("ar", "er", "ir", "arme", "erme", "irme", "arse", "erse", "irse")
_ES_NOT_VERBS: Final = frozenset(
    split_words(
        "lugar hogar mujer poder placer nivel mar par bar por mayor mejor menor peor ayer taller"
    )
)


def _refers_back(reading: _Reading, part: _Part, previous: _Part) -> bool:
    """A clause that points at the one before ("... and discuss it") belongs to it."""
    language = reading.language
    tokens = reading.tokens
    for index in range(part.start, part.end):
        word = tokens[index].fold
        if word in language.back_refs or word.endswith(language.back_ref_endings or ("\0",)):
            return True
    earlier = {
        reading.base[i]
        for i in range(previous.start, previous.end)
        if tokens[i].is_word and len(tokens[i].fold) > 3 and tokens[i].fold not in _SMALL_WORDS
    }
    head = _head(tokens, language, part.start, part.end)
    return any(
        reading.base[i] in earlier
        for i in range(part.start, part.end)
        if i != head
        and tokens[i].is_word
        and len(tokens[i].fold) > 3
        and tokens[i].fold not in _SMALL_WORDS
    )


#: Verbs that, after a career change, say what the new career is ("... and work in an NGO").
_WORK_VERBS: Final = frozenset(split_words("work trabajar travailler arbeiten"))


def _names_destination(reading: _Reading, part: _Part, previous: _Part, head: int) -> bool:
    """ "Change careers and become a paramedic": the clause names where the change leads.

    After a career change that names no destination, a plain "and" followed by "become"
    (or "work") says what the change is, not a second goal.
    """
    if part.joint != "plain":
        return False
    tokens, base = reading.tokens, reading.base
    if tokens[head].fold not in _WORK_VERBS and not any(
        True for _ in reading.language.attain_verbs.starting_at(tokens, base, head)
    ):
        return False
    for match in reading.find("too_big"):
        if previous.start <= match.start and match.end <= previous.end:
            folded = fold(reading.span_text(match.start, match.end))
            kinds = dict(reading.language.too_big_kinds)
            if any(word in folded for word in kinds.get("career", ())):
                return True
    return False


_SMALL_WORDS: Final = frozenset(
    fold(word) for words in _FUNCTION_WORDS.values() if isinstance(words, list) for word in words
) | frozenset(
    split_words(
        "with from into about each every more less than then also week weeks month "
        "months year years team work"
    )
)


def _parts(reading: _Reading) -> list[_Part]:
    """Split the statement where it joins separate pieces of work."""
    language = reading.language
    tail = _purpose_start(reading)
    parts: list[_Part] = []
    for joint, start, end in reading.segments:
        if start >= tail:
            break
        end = min(end, tail)
        head = _head(reading.tokens, language, start, end)
        if (
            not parts
            or head is None
            or _head(reading.tokens, language, parts[-1].start, parts[-1].end) is None
        ):
            if parts:
                parts[-1].end = end
            else:
                parts.append(_Part(joint, start, end))
            continue
        previous = parts[-1]
        part = _Part(joint, start, end)
        new = (
            reading.tokens[head].fold not in language.then_words
            and (
                _starts_work(reading, start, end, head, joint)
                # "... and start couch to 5k": a verb opening life outside work
                or (reading.base[head] in language.verbs and _is_personal(reading, part))
            )
            # "draft and send it", "prepare, run and evaluate a session": shared object
            and not (joint in ("plain", "comma") and _one_word(reading, previous))
            and not _refers_back(reading, part, previous)
            and not _names_destination(reading, part, previous, head)
        )
        if new:
            parts.append(part)
        else:
            previous.end = end
    return parts


def _one_word(reading: _Reading, part: _Part) -> bool:
    """Whether a part holds at most one word beyond fillers (stops counting at two)."""
    count = 0
    for index in range(part.start, part.end):
        token = reading.tokens[index]
        if token.is_word and token.fold not in reading.language.fillers:
            count += 1
            if count > 1:
                return False
    return True


def _purpose_start(reading: _Reading) -> int:
    """Where a purpose clause ("so that ...", "because ...") starts; it holds no new goal."""
    matches = reading.find("purpose")
    return min((m.start for m in matches), default=len(reading.tokens))


def _is_personal(reading: _Reading, part: _Part) -> bool:
    return any(part.start <= m.start < part.end for m in reading.find("personal"))


# --------------------------------------------------------------------------------------
# Too big
# --------------------------------------------------------------------------------------


#: Words that make what follows an event already passed, not the outcome wanted.
_AFTER_WORDS: Final = frozenset(
    split_words("after since following apres depuis tras desde nach seit")
)


def _too_big(reading: _Reading) -> list[tuple[str, str]]:
    """The big outcomes named, as ``(words, kind)``; a step towards one does not count."""
    found = []
    purpose = _purpose_start(reading)
    for match in reading.find("too_big"):
        _, start, end = reading.segment_of(match.start)
        # "make peace with not getting the job": a big outcome denied is no goal
        if any(
            reading.tokens[j].fold in _NEGATIONS
            for j in range(max(start, match.start - 2), match.start)
        ):
            continue
        # "get my confidence back after the restructure": what happened is the background
        if any(
            reading.tokens[j].fold in _AFTER_WORDS
            and not reading.tokens[j + 1].fold.endswith("ing")  # "after leaving the army"
            for j in range(max(start, match.start - 2), match.start)
        ):
            continue
        steps = any(
            reading.base[i] in reading.language.step_words
            and not _describes_outcome(reading, match, i, purpose)
            for i in range(start, end)
            if not match.start <= i < match.end
        )
        if steps:
            continue
        words = reading.span_text(match.start, match.end)
        folded = fold(words)
        kind = next(
            (k for k, parts in reading.language.too_big_kinds if any(p in folded for p in parts)),
            "whole_unit",
        )
        found.append((words, kind))
    found += _role_outcomes(reading)
    return found or _become_outcomes(reading) or _whole_objects(reading) or _acquired(reading)


def _describes_outcome(reading: _Reading, match: Match, index: int, purpose: int) -> bool:
    """Whether a step word after a big outcome only says what it is about or what for.

    "Be fluent in Polish so I can talk to the residents", "transform how our care home
    plans activities", "ein Buch über meine Zeit schreiben": the word is no smaller step.
    """
    if index < match.end:
        return False
    if index >= purpose:
        return True
    return any(reading.tokens[j].fold in _TOPIC_MARKERS for j in range(match.end, index + 1))


#: How many words may stand between "become" and the role ("become a senior staff nurse").
_ROLE_GAP: Final = 4


def _role_outcomes(reading: _Reading) -> list[tuple[str, str]]:
    """ "Become deputy head", "take over as ward sister": a role to be given, not earned in
    six weeks; unless a quality stands between ("become a better manager" is vague)."""
    language = reading.language
    found = []
    for _, start, end in reading.segments:
        head = _head(reading.tokens, language, start, end)
        if head is None:
            continue
        # "be" is also a filler ("I want to be ..."): look from the clause's first word too.
        for first in sorted({start, head}):
            for verb in language.attain_verbs.starting_at(reading.tokens, reading.base, first):
                stop = min(end, verb.end + _ROLE_GAP + 1)
                roles = [
                    m
                    for m in language.roles.find(reading.tokens[:stop], reading.base[:stop])
                    if m.start >= verb.end
                ]
                if not roles:
                    continue
                between = range(verb.end, roles[0].start)
                # a quality or a rating ("a 10/10 manager") between: how good, not which post
                if any(
                    reading.base[i] in language.qualities or reading.tokens[i].is_number
                    for i in between
                ):
                    continue
                if any(
                    reading.base[i] in language.step_words
                    for i in range(start, end)
                    if not verb.start <= i < roles[0].end
                ):
                    continue
                found.append((reading.span_text(verb.start, roles[0].end), "promotion"))
                break
            if found and found[-1][0]:
                break
    return found


#: Articles that open the noun after "become" ("become a ...", "devenir une ...").
_BECOME_OPENERS: Final = frozenset(split_words("a an the un une en el la"))
#: German comparatives that make "werden" a change of quality ("besser werden").
_DE_COMPARATIVE: Final = ("er", "ere", "eren", "erer")


#: What may stand between a verb and its object ("answer *the* whole ...", "répondre *à* tous").
_OBJECT_LEAD: Final = frozenset(
    split_words("the my our a an of le la les l à au aux a el los las al de del")
)


def _whole_objects(reading: _Reading) -> list[tuple[str, str]]:
    """The goal's object taken whole, whatever the verb: "clear the entire backlog",
    "answer every complaint", "den ganzen Betrieb digitalisieren", "revisar todo el
    archivo".  The totality word stands right after the clause's verb (German: among its
    first words, before the verb); followed by a time word it says how often ("every
    evening", "jeden Abend") and followed by people it names an audience ("meet the
    whole team"); a step word anywhere in the clause makes it a step.
    """
    language = reading.language
    if not language.totality:
        return []
    for _, start, end in reading.segments:
        words = [i for i in range(start, end) if reading.tokens[i].is_word]
        head = _head(reading.tokens, language, start, end)
        if head is None or len(words) < 3:
            continue
        if language.code == "de":
            if any(reading.base[i] in language.step_words for i in words):
                continue
            candidates = words[:3]
        else:
            after = [i for i in words if i > head]
            candidates = []
            for i in after[:3]:
                candidates.append(i)
                if reading.tokens[i].fold not in _OBJECT_LEAD:
                    break
        for i in candidates:
            if reading.tokens[i].fold not in language.totality:
                continue
            # a step verb heads the clause ("outline the whole book"): a step
            if any(reading.base[j] in language.step_words for j in words if j < i):
                continue
            following = [j for j in words if j > i and reading.tokens[j].fold not in _OBJECT_LEAD]
            if not following or reading.tokens[following[0]].fold in language.not_whole:
                continue
            if following[0] in _count_indexes(reading, start, end):
                continue
            return [(reading.span_text(head if language.code != "de" else i, end), "whole_unit")]
    return []


#: Words after which a post or venture is only what the step is about or for.
#: Also any preposition before the post: "find my feet in the new job" is about the job.
_ABOUT_POSTS: Final = frozenset(
    split_words(
        "about for on towards in into with without to at of from sur pour dans avec sans à "
        "au de sobre para en con sin über für in im mit ohne zu bei"
    )
)
_OWN_TAIL: Final = ("of my own", "of our own")


def _acquired(reading: _Reading) -> list[tuple[str, str]]:
    """A post or venture to be obtained, by structure: the clause is headed by a verb of
    getting ("land", "win", "décrocher", "conseguir") and its object is a post ("a
    full-time lab technician post", "a seat on the board") or owned ("a coffee van of my
    own"); a post named after "about" or "for" is only the topic of a step."""
    language = reading.language
    for _, start, end in reading.segments:
        head = _head(reading.tokens, language, start, end)
        if head is None:
            continue
        verbs = language.acquire_verbs.starting_at(reading.tokens, reading.base, head)
        if not verbs:
            continue
        after = range(max(m.end for m in verbs), end)
        if fold(reading.span_text(start, end)).endswith(_OWN_TAIL):
            return [(reading.span_text(head, end), "company")]
        if any(reading.base[i] in language.step_words for i in after):
            continue
        for i in after:
            if reading.tokens[i].low in _ABOUT_POSTS:
                break
            if reading.tokens[i].fold in language.role_posts:
                return [(reading.span_text(head, i + 1), "career")]
    return []


def _is_de_comparative(reading: _Reading, index: int) -> bool:
    token = reading.tokens[index]
    return (
        len(token.fold) > 4
        and not token.text[:1].isupper()
        and token.fold.endswith(_DE_COMPARATIVE)
        and token.fold not in reading.language.function_words
    )


def _become_outcomes(reading: _Reading) -> list[tuple[str, str]]:
    """A status to be given, by the shape of the clause rather than a list of roles.

    "Become a qualified social worker", "devenir une infirmière référente": the clause
    is headed by "become" and an article, with no quality ("a better manager") or step
    word in it.  German puts "werden" last: "Teamleiter in der Werkstatt werden" is a
    role when a noun that is not the sentence's first word (German capitalises nouns)
    precedes it and no comparative does ("im Team ruhiger werden").
    """
    language = reading.language
    if not language.become_verbs:
        return []
    for _, start, end in reading.segments:
        words = [i for i in range(start, end) if reading.tokens[i].is_word]
        if len(words) < 2:
            continue
        if any(
            reading.base[i] in language.qualities or reading.base[i] in language.step_words
            for i in words
        ):
            continue
        if language.code == "de":
            if reading.tokens[words[-1]].fold not in language.become_verbs:
                continue
            before = words[:-1]
            if any(_is_de_comparative(reading, i) for i in before[1:]):
                continue
            if any(i > 0 and reading.tokens[i].text[:1].isupper() for i in before):
                return [(reading.span_text(before[0], words[-1] + 1), "promotion")]
            continue
        head = next((i for i in words if reading.tokens[i].fold not in language.fillers), None)
        for at in {words[0], head}:
            if at is None or reading.tokens[at].fold not in language.become_verbs:
                continue
            nxt = [i for i in words if i > at]
            if nxt and reading.tokens[nxt[0]].fold in _BECOME_OPENERS and len(nxt) >= 2:
                return [(reading.span_text(at, end), "promotion")]
    return []


# --------------------------------------------------------------------------------------
# Type suggestion
# --------------------------------------------------------------------------------------

#: How much the words of each field count towards a type: the statement most.
_FIELD_WEIGHTS: Final = (1.0, 0.6, 0.8)
#: Kinds of too-big outcome that name where a career is heading, and what one counts for.
_CAREER_KINDS: Final = frozenset(("promotion", "career", "company"))
_CAREER_KIND_WEIGHT: Final = 2.0


#: The type suggested when neither the vocabulary nor the weaker cues point anywhere: a
#: goal that names no work at all is most often about the person.
_FALLBACK_ORDER: Final = ("psychosocial", "short_term_career", "long_term_career")


#: A word as people write them: two to twenty-five letters, at least one a vowel.
_WORD_SHAPE: Final = re.compile(r"(?<![^\W\d_])[^\W\d_]{2,25}(?![^\W\d_])")
_VOWELS: Final = frozenset("aeiouyäöüàâéèêëîïôûùœæáíóúñ")


def _reads_as_words(text: str) -> bool:
    """Whether the text holds at least one word (not only symbols, digits or "xxxx")."""
    for found in _WORD_SHAPE.finditer(text[:_ANALYSED_CHARS]):
        word = found.group().lower()
        if len(set(word)) > 1 and _VOWELS.intersection(word):
            return True
    return False


def _type_cues(
    fields: Sequence[str], languages: Sequence[_Language]
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The weighted weaker cues per type (feeling words, next-step words, job words)."""
    cues: dict[str, float] = dict.fromkeys(GOAL_TYPES, 0.0)
    found: dict[str, list[str]] = {goal_type: [] for goal_type in GOAL_TYPES}
    for language in languages:
        for text, weight in zip(fields, _FIELD_WEIGHTS, strict=True):
            if not text.strip():
                continue
            reading = _read(text, language)
            for goal_type, phrases in language.type_cues:
                for match in _outermost(phrases.find(reading.tokens, reading.base)):
                    cues[goal_type] += weight * match.phrase.weight
                    word = " ".join(t.low for t in reading.tokens[match.start : match.end])
                    if word not in found[goal_type]:
                        found[goal_type].append(word)
    return cues, found


def suggest_goal_type(statement: str, why: str = "", areas: Sequence[str] = ()) -> TypeSuggestion:
    """Suggest the goal type a goal sounds like, with the words that led to it.

    The method's three types: short-term career (doing well in the current role:
    settling in, onboarding, team norms, a first project), long-term career (the next role,
    skills for it, a CV, a career plan) and psychosocial (values, meaning, confidence,
    balance, wellbeing, identity).  Each vocabulary phrase found adds its weight (the
    statement counts more than the why, the why and areas less); the highest total wins.
    A tie is broken by evidence, never by the order of the types: the statement's own
    score, then the number of different phrases, then the most specific phrase, then the
    evidence that comes first in the statement; a tie that remains suggests nothing.

    Args:
        statement: Any text; the goal's statement.
        why: The goal's why (optional).
        areas: The goal's areas (optional).

    Returns:
        The suggestion; its ``type`` is ``None`` when nothing points to a type (a language
        the workbook does not read, a statement that names no area, or an even tie).
    """
    fields = (statement, why, " ; ".join(areas))
    combined = " ".join(fields)
    detected = detect_language(statement)
    if detected:
        languages = [_LANGUAGES[detected]]
    elif is_other_language(statement if statement.strip() else combined):
        languages = []
    else:
        languages = list(_LANGUAGES.values())
    totals: dict[str, float] = dict.fromkeys(GOAL_TYPES, 0.0)
    in_statement: dict[str, float] = dict.fromkeys(GOAL_TYPES, 0.0)
    longest: dict[str, int] = dict.fromkeys(GOAL_TYPES, 0)
    # Where each type's evidence first appears in the statement: the earlier, the closer to
    # what the goal is about ("Be more patient with my students" is about patience).
    first: dict[str, int] = dict.fromkeys(GOAL_TYPES, _ANALYSED_CHARS + 1)
    words: dict[str, dict[str, None]] = {goal_type: {} for goal_type in GOAL_TYPES}
    for language in languages:
        for text, weight in zip(fields, _FIELD_WEIGHTS, strict=True):
            if not text.strip():
                continue
            reading = _read(text, language)
            tokens, base = reading.tokens, reading.base
            if weight == _FIELD_WEIGHTS[0]:
                # A role, job, business or qualification out of reach in weeks is where the
                # career is heading, whatever words name it ("launch my own bakery").
                for found_words, kind in _too_big(reading):
                    if kind in _CAREER_KINDS:
                        totals["long_term_career"] += _CAREER_KIND_WEIGHT
                        in_statement["long_term_career"] += _CAREER_KIND_WEIGHT
                        words["long_term_career"][found_words.lower()] = None
            for goal_type, phrases in language.types:
                for match in _outermost(phrases.find(tokens, base)):
                    totals[goal_type] += weight * match.phrase.weight
                    if weight == _FIELD_WEIGHTS[0]:
                        in_statement[goal_type] += match.phrase.weight
                        first[goal_type] = min(first[goal_type], tokens[match.start].start)
                    longest[goal_type] = max(longest[goal_type], match.end - match.start)
                    found = " ".join(t.low for t in tokens[match.start : match.end])
                    words[goal_type][found] = None

    def evidence(goal_type: str) -> tuple[float, float, int, int, int]:
        return (
            totals[goal_type],
            in_statement[goal_type],
            len(words[goal_type]),
            longest[goal_type],
            -first[goal_type],
        )

    ranked = sorted(GOAL_TYPES, key=evidence, reverse=True)
    best, second = ranked[0], ranked[1]
    tied = evidence(best) == evidence(second)
    scores = tuple((goal_type, round(totals[goal_type], 2)) for goal_type in GOAL_TYPES)
    if not languages or not _reads_as_words(combined):
        return TypeSuggestion(type=None, scores=scores)  # nothing read: no suggestion
    if totals[best] == 0 or tied:
        # The vocabulary leaves no type ahead: weaker cues decide among the types still
        # level, then the fallback order.
        level = [t for t in GOAL_TYPES if totals[best] == 0 or evidence(t) == evidence(best)]
        cues, cue_words = _type_cues(fields, languages)
        chosen = max(level, key=lambda t: (cues[t], -_FALLBACK_ORDER.index(t)))
        named: tuple[str, ...] = tuple(words[chosen]) + tuple(
            w for w in cue_words[chosen] if w not in words[chosen]
        )
        return TypeSuggestion(
            type=chosen,  # type: ignore[arg-type]  # GOAL_TYPES holds GoalType values
            words=named,
            scores=scores,
        )
    return TypeSuggestion(
        type=best,  # type: ignore[arg-type]  # GOAL_TYPES holds GoalType values
        words=tuple(words[best]),
        scores=scores,
    )


def _outermost(matches: list[Match]) -> list[Match]:
    """Matches not inside a longer one ("career plan" counts once, not also as "career")."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start, m.start - m.end)):
        if kept and match.end <= kept[-1].end:
            continue
        kept.append(match)
    return kept


# --------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------


def _example(goal_type: str | None, what: str) -> str:
    """An example that suits the goal's type (one that fits any goal when it has none)."""
    return _EXAMPLES.get(goal_type or "any", _EXAMPLES["any"])[what]


def _measure_accepted(goal: Goal, languages: Sequence[_Language]) -> bool | None:
    """Whether the success measure is something to check at the end (None if missing)."""
    if is_missing(goal.success_measure):
        return None
    for language in languages:
        reading = _read(goal.success_measure, language)
        matches = reading.find("vague")
        end = len(reading.tokens)
        if matches and not _is_concrete(reading, 0, end, matches):
            return False
    return True


def _check_statement(
    goal: Goal, languages: Sequence[_Language], measure_ok: bool | None, goal_type: str | None
) -> list[Finding]:
    statement = goal.statement
    findings: list[Finding] = []
    if not statement.strip() or is_placeholder(statement):
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
    best: tuple[_Reading, list[_Part]] | None = None
    big: list[tuple[str, str]] = []
    vague_evidence = ""
    for language in languages:
        reading = _read(statement, language)
        parts = _parts(reading)
        if best is None or len(parts) > len(best[1]):
            best = (reading, parts)
        big = big or _too_big(reading)
        ranges = [(p.start, p.end) for p in parts] or [(0, len(reading.tokens))]
        for start, end in ranges:
            vague_evidence = vague_evidence or _vague_evidence(reading, start, end)
    if big:
        words, kind = big[0]
        findings.append(
            Finding(
                "too_big",
                "problem",
                f"{_quote(words)} is a long-term outcome: it takes more than six to eight "
                "weeks, or more than your own effort, to get there.",
                f"Keep it as your long-term direction, and make this goal the step you can "
                f"reach now: {_STEPS[kind]}.",
                tuple(words for words, _ in big),
            )
        )
    if vague_evidence:
        if measure_ok:
            findings.append(
                Finding(
                    "vague",
                    "suggestion",
                    f"{_quote(vague_evidence)} says what you want to change; your success "
                    "measure says what you will see, which is what counts.",
                    "Consider saying the result in the goal too, so it reads as something "
                    f"done (e.g. “{_example(goal_type, 'goal')}”).",
                    (vague_evidence,),
                )
            )
        else:
            findings.append(
                Finding(
                    "vague",
                    "problem",
                    f"{_quote(vague_evidence)} says what you want to change, but not what you "
                    "or anyone else would see when it has happened.",
                    "Name a result you could show: something written, held, given or done, "
                    f"with a number if it helps (e.g. “{_example(goal_type, 'goal')}” rather "
                    f"than “{_example(goal_type, 'vague')}”).",
                    (vague_evidence,),
                )
            )
    if best is not None:
        findings.extend(_check_compound(*best, big=bool(big)))
        findings.extend(_check_avoidance(best[0]))
    return findings


def _check_compound(reading: _Reading, parts: list[_Part], *, big: bool) -> list[Finding]:
    if len(parts) < 2:
        return []
    joints = {part.joint for part in parts[1:]}
    if len(parts) == 2 and joints == {"plain"}:
        # Two steps of one piece of work ("shadow two shifts and document the gaps") are
        # common in good goals: a plain "and" joins two goals only when one is about life
        # outside work and the other is not, or one of them is a big outcome of its own.
        first, second = parts
        if _is_personal(reading, first) == _is_personal(reading, second) and not big:
            return []
    severity: Severity = "problem" if len(parts) >= 3 or "strong" in joints else "suggestion"
    texts = [reading.span_text(part.start, part.end).strip(" ,;&+") for part in parts]
    texts = [texts[0], *(_lower_first(text) for text in texts[1:])]
    listed = "; ".join(_quote(text) for text in texts)
    return [
        Finding(
            "compound",
            severity,
            f"This reads like {len(parts)} separate goals: {listed}.",
            "Split it into one goal each and keep the one that matters most right now; "
            "each can then have its own date, measure and mentor.",
            tuple(texts),
        )
    ]


def _check_avoidance(reading: _Reading) -> list[Finding]:
    matches = reading.find("avoidance")
    if not matches:
        return []
    _, start, end = reading.segment_of(matches[0].start)
    words = reading.span_text(start, end)
    return [
        Finding(
            "avoidance",
            "suggestion",
            f"{_quote(words)} says what to stop; goals that say what you will do instead are "
            "reached more often.",
            "Say what you will do in its place, e.g. “keep two evenings a week free of work "
            "e-mail” rather than “stop answering e-mails at night”.",
            (reading.span_text(matches[0].start, matches[0].end),),
        )
    ]


def _check_measure(
    goal: Goal, measure_ok: bool | None, goal_type: str | None, languages: Sequence[_Language]
) -> list[Finding]:
    if measure_ok:
        return []
    if measure_ok is False:
        return [
            Finding(
                "not_measurable",
                "problem",
                f"The success measure {_quote(goal.success_measure)} is a feeling or a "
                "direction; at the end you could not say for sure whether it was met.",
                "Write what you could check at the end: a number, a date, a thing that "
                f"exists, or somebody's feedback (e.g. “{_example(goal_type, 'measure')}”).",
                (goal.success_measure.strip()[:_QUOTE_CHARS],),
            )
        ]
    if _measures_itself(goal.statement, languages):
        return []
    placeholder = is_placeholder(goal.success_measure)
    return [
        Finding(
            "not_measurable",
            "problem",
            (
                f"The success measure {_quote(goal.success_measure)} is a placeholder: nothing "
                "says yet how you will know the goal is reached."
                if placeholder
                else "There is no success measure: nothing says how you will know the goal "
                "is reached."
            ),
            "Add a success measure you could check at the end, such as "
            f"“{_example(goal_type, 'measure')}”.",
        )
    ]


def _measures_itself(statement: str, languages: Sequence[_Language]) -> bool:
    """ "Give three talks" or "Pass the certification exam" is its own success measure."""
    for language in languages or _LANGUAGES.values():
        reading = _read(statement, language)
        end = len(reading.tokens)
        words = [i for i in range(end) if reading.tokens[i].is_word]
        observable = any(reading.base[i] in language.observable for i in words)
        if observable and _count_indexes(reading, 0, end):
            return True
        if any(reading.base[i] in language.completion for i in words):
            return True
    return False


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


def _has_purpose(statement: str, languages: Sequence[_Language]) -> bool:
    for language in languages:
        reading = _read(statement, language)
        if reading.find("purpose"):
            return True
    return False


def _check_commitment(goal: Goal, languages: Sequence[_Language]) -> list[Finding]:
    findings: list[Finding] = []
    if is_missing(goal.why) and not _has_purpose(goal.statement, languages):
        findings.append(
            Finding(
                "no_why",
                "suggestion",
                "Nothing says why this goal matters to you."
                if not goal.why.strip()
                else f"The why {_quote(goal.why)} is a placeholder, not a reason.",
                "Add a sentence on what reaching it would change for you; a reason of your own "
                "is what keeps you going when the week gets busy.",
            )
        )
    if is_missing(goal.first_step) or goal.first_step_date is None:
        if not goal.first_step.strip():
            message = "The goal has no first step yet."
        elif is_placeholder(goal.first_step):
            message = f"The first step {_quote(goal.first_step)} is a placeholder, not a step."
        else:
            message = "The goal has no date for the first step yet."
        findings.append(
            Finding(
                "no_first_step",
                "suggestion",
                message,
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
        findings.append(_low_confidence(goal))
    return findings


def _low_confidence(goal: Goal) -> Finding:
    """Low confidence: support and a plan for the main obstacle, not only a smaller goal.

    Mental contrasting with implementation intentions: picturing the main obstacle and
    deciding in advance "if X happens, I will Y" raises the chance of acting on a goal.
    """
    if not is_missing(goal.obstacle) and not is_missing(goal.if_then):
        return Finding(
            "low_confidence",
            "suggestion",
            f"Your confidence is {goal.confidence} of 7, and you have named what could get in "
            "the way and what you will do then: that plan is what helps most.",
            "Tell a mentor or colleague about the plan and ask them to check in after your "
            "first step; if it still feels out of reach, make the goal smaller.",
            (str(goal.confidence),),
        )
    missing = (
        "name the main thing that could get in the way (the obstacle) and write an if-then "
        "plan for it (“if X happens, I will Y”)"
        if is_missing(goal.obstacle)
        else "write an if-then plan for the obstacle you named (“if X happens, I will Y”)"
    )
    return Finding(
        "low_confidence",
        "problem",
        f"Your confidence is {goal.confidence} of 7: you do not yet expect to reach this "
        "goal, and goals we expect to miss rarely get our effort.",
        f"First {missing}, and ask a mentor or colleague for support; if it still feels out "
        "of reach, make the goal smaller until you would rate it 5 or more.",
        (str(goal.confidence),),
    )


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
        fix = f"Choose a type: {_lower_first(suggestion.explain())}"
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

    The goal is read whole: a concrete success measure makes a vague statement a
    suggestion rather than a problem, and placeholders ("TBD", "n/a", "?", "think about
    it") count as missing.  Wording is read in English, French, Spanish and German; a goal
    in another language gets a note that its wording was not checked.

    Args:
        goal: The goal as written (any language, any length).
        today: The date the horizon is measured from.

    Returns:
        The findings in a stable order (statement, measure, dates, commitment, type) and a
        type suggestion built from the statement, why and areas.
    """
    suggestion = suggest_goal_type(goal.statement, goal.why, goal.areas)
    languages, other = _readings(goal)
    goal_type = goal.type or suggestion.type
    measure_ok = _measure_accepted(goal, languages)
    findings = [*_check_statement(goal, languages, measure_ok, goal_type)]
    if other and goal.statement.strip():
        findings.append(
            Finding(
                "wording_not_checked",
                "suggestion",
                "This goal seems to be in a language other than English, French, Spanish or "
                "German, so its wording (too big, vague, several goals in one) was not checked.",
                "Check it yourself against the ideas in this workbook, or write a short "
                "English, French, Spanish or German version beside it.",
            )
        )
    findings += [
        *_check_measure(goal, measure_ok, goal_type, languages),
        *_check_dates(goal, today),
        *_check_commitment(goal, languages),
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
