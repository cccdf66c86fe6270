"""Words and phrases in a person's text: tokens, base forms and phrase matching.

The goal review reads what people write in four languages.  This module turns text into
tokens, reduces each word to a base form with a few suffix rules per language (so
"improve", "improved" and "improving" are one entry of a word list) and finds the phrases
of a vocabulary in a token sequence.  Everything works on token lists, never with
backtracking regular expressions, so the time taken grows in step with the text.

Why suffix rules rather than a lemmatizer: ``simplemma`` (zero-dependency, 54 languages)
was measured for this: its import is cheap (~45 ms) but the first look-up in the four
languages loads its dictionaries (~2 s on the first keystroke of the live review, and
19 MB on Binder).  Suffix rules applied the same way to the text and to the vocabulary
match every inflection the vocabularies need (submitted, applied, planned, teaches,
finishes), cost nothing to load and stay explainable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from mentorkit.language import fold

#: A token: a number (``10``, ``1:1``, ``6.5``), a word (hyphens and apostrophes inside
#: it kept: ``work-life``, ``don't``) or one punctuation mark that can join clauses.  Every
#: alternative consumes at least one character and its repeated groups each start with a
#: separator, so matching is linear in the text's length.
_TOKEN: Final = re.compile(r"\d+(?:[.:/]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[;,&+%.!?:]")


def split_words(text: str) -> tuple[str, ...]:
    """A word list written as text, words separated by spaces (easier to read than a literal)."""
    return tuple(text.split())


#: French and Italian elisions split off their article: ``l'école`` -> ``l``, ``école``.
_ELISIONS: Final = frozenset(split_words("l d j m n s t c qu jusqu lorsqu puisqu"))
PUNCTUATION: Final = frozenset(";,&+%.!?:")


@dataclass(frozen=True)
class Token:
    """One token of a text.

    Attributes:
        text: As written.
        low: Lower-cased, typographic apostrophes made plain.
        fold: ``low`` without accents (``é`` -> ``e``, ``ß`` -> ``ss``).
        start, end: Where it is in the text.
    """

    text: str
    low: str
    fold: str
    start: int
    end: int
    is_word: bool = False
    is_number: bool = False
    is_punct: bool = False


def _token(raw: str, low: str, start: int, end: int) -> Token:
    return Token(
        raw,
        low,
        fold(low),
        start,
        end,
        is_word=low[0].isalpha(),
        is_number=low[0].isdigit(),
        is_punct=low in PUNCTUATION,
    )


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` (words, numbers and the punctuation that joins clauses)."""
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        low = raw.casefold().replace("’", "'")
        start = match.start()
        head, apostrophe, rest = low.partition("'")
        if apostrophe and rest and head in _ELISIONS:
            tokens.append(_token(raw[: len(head)], head, start, start + len(head)))
            start += len(head) + 1
            raw, low = raw[len(head) + 1 :], rest
        tokens.append(_token(raw, low, start, match.end()))
    return tokens


# --------------------------------------------------------------------------------------
# Base forms
# --------------------------------------------------------------------------------------

_EN_IRREGULAR: Final = {
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
    "made": "make",
    "won": "win",
    "got": "get",
    "gotten": "get",
    "being": "be",
    "began": "begin",
    "begun": "begin",
    "found": "find",
    "felt": "feel",
    "left": "leave",
    "became": "become",
    "grew": "grow",
    "grown": "grow",
    "did": "do",
    "done": "do",
    "went": "go",
    "gone": "go",
    "chose": "choose",
    "chosen": "choose",
    "thought": "think",
    "sat": "sit",
    "told": "tell",
    "said": "say",
    "lost": "lose",
    "hired": "hire",
}
_FR_SUFFIXES: Final = split_words(
    "issements issement ations ation ements ement atrices atrice ateurs ateur euses euse "
    "ives ive ifs antes ante ants ant ees ee es er ez ir re ent e s"
)
_ES_SUFFIXES: Final = split_words(
    "amientos amiento imientos imiento aciones acion ando iendo adas ados idas idos ada ado "
    "ida ido arme erme irme arse erse irse ar er ir as os es a o e s"
)
_DE_SUFFIXES: Final = split_words("ungen ung ern eln en er em es e n s")


def _stem_en(word: str) -> str:
    word = _EN_IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    # Plurals and third persons first, then -ing / -ed: "meetings" -> "meeting" -> "meet".
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # planned -> plann -> plan; submitted -> submit
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # improve / improving / improved -> improv
    if word.endswith("iz"):
        word = word[:-2] + "is"  # organize / organise
    return word


def _strip_suffix(word: str, suffixes: Sequence[str], keep: int = 3) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def _singular(word: str) -> str:
    """French and Spanish plurals first, so "candidatures" and "candidature" meet."""
    if len(word) > 4 and word.endswith(("s", "x")) and not word.endswith("ss"):
        return word[:-1]
    return word


def _stem_fr(word: str) -> str:
    return _strip_suffix(_singular(word), _FR_SUFFIXES)


def _stem_es(word: str) -> str:
    return _strip_suffix(_singular(word), _ES_SUFFIXES)


def _stem_de(word: str) -> str:
    return _strip_suffix(_strip_suffix(word, _DE_SUFFIXES), _DE_SUFFIXES)


_STEMMERS: Final[dict[str, Callable[[str], str]]] = {
    "en": _stem_en,
    "fr": _stem_fr,
    "es": _stem_es,
    "de": _stem_de,
}


@lru_cache(maxsize=65_536)  # bounded: a kernel may read text for hours
def stem(word: str, language: str) -> str:
    """The base form of a folded word in ``language`` (``en``, ``fr``, ``es`` or ``de``)."""
    if not word or not word[0].isalpha():
        return word
    return _STEMMERS[language](word)


def stems(tokens: Sequence[Token], language: str) -> list[str]:
    """The base form of every token (punctuation and numbers stay as they are)."""
    return [stem(token.fold, language) for token in tokens]


# --------------------------------------------------------------------------------------
# Phrases
# --------------------------------------------------------------------------------------

#: How many words of anything a ``*`` in a phrase stands for, at most.
GAP_WORDS: Final = 3


@dataclass(frozen=True)
class _Element:
    kind: str  # "stem", "ending", "exact" or "gap"
    value: str = ""


@dataclass(frozen=True)
class Phrase:
    """One vocabulary entry, compiled for matching.

    Attributes:
        text: As written in the vocabulary file.
        head_only: Matches only as the first word of a clause (written ``^master``).
        weight: The entry's weight (written ``phrase|2``; 1 by default).
    """

    text: str
    elements: tuple[_Element, ...]
    head_only: bool = False
    weight: float = 1.0


@dataclass(frozen=True)
class Match:
    """Where a phrase occurs: tokens ``start`` to ``end`` (exclusive)."""

    phrase: Phrase
    start: int
    end: int


def compile_phrase(entry: str, language: str) -> Phrase | None:
    """Compile one vocabulary entry (see the syntax in ``lexicon/goal_wording.toml``)."""
    text, _, weight_text = entry.partition("|")
    head_only = text.startswith("^")
    elements: list[_Element] = []
    for part in text.removeprefix("^").split():
        if part == "*":
            elements.append(_Element("gap"))
        elif part.startswith("~"):
            elements.append(_Element("ending", fold(part[1:])))
        elif part.startswith("="):
            elements.append(_Element("exact", fold(part[1:])))
        else:
            for token in tokenize(part):
                elements.append(_Element("stem", stem(token.fold, language)))
    while elements and elements[0].kind == "gap":
        elements.pop(0)
    while elements and elements[-1].kind == "gap":
        elements.pop()
    if not elements:
        return None
    weight = float(weight_text) if weight_text else 1.0
    return Phrase(text.strip(), tuple(elements), head_only, weight)


class PhraseSet:
    """A vocabulary of phrases in one language, indexed by their first word."""

    def __init__(self, entries: Iterable[str], language: str):
        self.language = language
        self._by_first: dict[str, list[Phrase]] = {}
        # Phrases whose first word is exact ("=sowie") are found by the word as written:
        # its base form ("sowi") is not what the entry names.
        self._by_exact: dict[str, list[Phrase]] = {}
        self._endings: list[Phrase] = []
        for entry in entries:
            phrase = compile_phrase(entry, language)
            if phrase is None:
                continue
            first = phrase.elements[0]
            if first.kind == "ending":
                self._endings.append(phrase)
            elif first.kind == "exact":
                self._by_exact.setdefault(first.value, []).append(phrase)
            else:
                self._by_first.setdefault(first.value, []).append(phrase)

    def __bool__(self) -> bool:
        return bool(self._by_first or self._by_exact or self._endings)

    def find(
        self,
        tokens: Sequence[Token],
        base: Sequence[str],
        heads: frozenset[int] = frozenset(),
    ) -> list[Match]:
        """Every match, longest first at each position, overlapping matches included.

        Args:
            tokens: The text's tokens.
            base: Their base forms in this set's language (:func:`stems`).
            heads: Indexes of the tokens that start a clause (for ``^`` phrases).
        """
        found: list[Match] = []
        by_first, by_exact, endings = self._by_first, self._by_exact, self._endings
        for index, key in enumerate(base):
            if (
                key in by_first
                or (by_exact and tokens[index].fold in by_exact)
                or (endings and tokens[index].is_word)
            ):
                found.extend(self.starting_at(tokens, base, index, heads))
        found.sort(key=lambda m: (m.start, m.start - m.end))
        return found

    def starting_at(
        self,
        tokens: Sequence[Token],
        base: Sequence[str],
        index: int,
        heads: frozenset[int] = frozenset(),
    ) -> list[Match]:
        """The matches that start at token ``index``."""
        candidates = self._by_first.get(base[index], [])
        if self._by_exact:
            exact = self._by_exact.get(tokens[index].fold, [])
            if exact and exact is not candidates:
                candidates = candidates + exact
        if self._endings:
            word = tokens[index].fold
            endings = [p for p in self._endings if word.endswith(p.elements[0].value)]
            if endings:
                candidates = candidates + endings
        if not candidates:
            return []
        found = []
        for phrase in candidates:
            if phrase.head_only and index not in heads:
                continue
            end = _match_at(phrase.elements, tokens, base, index)
            if end is not None:
                found.append(Match(phrase, index, end))
        return found


def _element_matches(element: _Element, token: Token, base: str) -> bool:
    if not token.is_word and not token.is_number:
        return False
    if element.kind == "stem":
        return base == element.value
    if element.kind == "ending":
        return token.fold.endswith(element.value)
    return token.fold == element.value


def _match_at(
    elements: Sequence[_Element], tokens: Sequence[Token], base: Sequence[str], index: int
) -> int | None:
    """The end of the shortest match of ``elements`` starting at token ``index``, or None.

    A gap never crosses punctuation, so a phrase stays inside one clause.  The work is
    bounded: each gap tries at most :data:`GAP_WORDS` + 1 widths.
    """
    position = index
    for number, element in enumerate(elements):
        if element.kind == "gap":
            continue
        after_gap = number > 0 and elements[number - 1].kind == "gap"
        widths = range(GAP_WORDS + 1) if after_gap else range(1)
        for skip in widths:
            at = position + skip
            if at >= len(tokens) or (skip and tokens[at - 1].is_punct):
                return None
            if _element_matches(element, tokens[at], base[at]):
                position = at + 1
                break
        else:
            return None
    return position


# --------------------------------------------------------------------------------------
# Typing slips
# --------------------------------------------------------------------------------------

#: Only words this long are read as a slip of a vocabulary word: shorter ones are too often
#: another real word one letter away ("lunch" / "launch").
TYPO_MIN_LETTERS: Final = 7
_WORD: Final = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class TypoIndex:
    """Vocabulary words of one language, found again when a letter is dropped, added,
    swapped or mistyped ("promted", "disertation", "confidance")."""

    def __init__(self, words: Iterable[str], language: str):
        self.language = language
        # One scan of all the words (a token per word would cost ~50 ms per language).
        known = {fold(word) for word in _WORD.findall(" ".join(words).casefold())}
        self._known = known
        self._stems = {stem(word, language) for word in known}
        keys: dict[str, set[str]] = {}
        for word in known:
            if len(word) >= TYPO_MIN_LETTERS - 1:
                for key in {word} | _deletions(word):
                    keys.setdefault(key, set()).add(word)
        self._keys = keys

    def correct(self, token: Token, base: str) -> str:
        """The base form ``token`` was meant to have: its own unless it is an unknown long
        word one slip away from exactly one base form of the vocabulary."""
        word = token.fold
        if (
            not token.is_word
            or len(word) < TYPO_MIN_LETTERS
            or word in self._known
            or base in self._stems
        ):
            return base
        candidates: set[str] = set()
        for key in {word} | _deletions(word):
            candidates.update(self._keys.get(key, ()))
        meant = {stem(candidate, self.language) for candidate in candidates}
        return meant.pop() if len(meant) == 1 else base
