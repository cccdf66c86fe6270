"""Which of the workbook's languages a piece of text is written in.

The goal review, the network matching and the ask's templates read English, French, Spanish
and German.  A short goal gives few clues, so this counts the language's most frequent small
words (articles, pronouns, prepositions) and a few letters only one language uses; the
answer is ``None`` when the text gives no clear signal, so callers can say honestly that
they did not check the wording instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final, Literal

from mentorkit.lexicon import load_toml

Language = Literal["en", "fr", "es", "de"]
LANGUAGES: Final[tuple[Language, ...]] = ("en", "fr", "es", "de")
LANGUAGE_NAMES: Final[dict[str, str]] = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
}

_LEXICON: Final = load_toml("function_words")
_FUNCTION_WORDS: Final[dict[Language, frozenset[str]]] = {
    language: frozenset(_LEXICON[language]) for language in LANGUAGES
}
_LETTERS: Final[dict[str, str]] = dict(_LEXICON["letters"])
_OTHER_WORDS: Final[dict[str, frozenset[str]]] = {
    name: frozenset(words).difference(*_FUNCTION_WORDS.values())
    for name, words in _LEXICON["others"].items()
}


@lru_cache(maxsize=65_536)  # bounded: a kernel may read text for hours
def fold(text: str) -> str:
    """``text`` lower-cased without accents, for comparing words across spellings.

    The one folding the goal review and the network matching share: ``Präsentation`` and
    ``prasentation``, ``Straße`` and ``strasse``, ``œuvre`` and ``oeuvre``, and compatibility
    forms (the ``ﬁ`` ligature, full-width letters) all compare equal.
    """
    text = text.casefold()  # also ß -> ss
    if text.isascii():
        return text
    text = text.replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_WORD: Final = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ANALYSED_CHARS: Final = 2_000


def _scores(sample: str) -> tuple[dict[str, float], float]:
    """Points per workbook language, and the best score of any other language."""
    words = [w for token in _WORD.findall(sample) for w in token.split("'") if w]
    scores: dict[str, float] = dict.fromkeys(LANGUAGES, 0.0)
    others: dict[str, float] = dict.fromkeys(_OTHER_WORDS, 0.0)
    for word in words:
        for language, vocabulary in _FUNCTION_WORDS.items():
            if word in vocabulary:
                scores[language] += 1.0
        for name, vocabulary in _OTHER_WORDS.items():
            if word in vocabulary:
                others[name] += 1.0
    for name, letters in _LETTERS.items():
        scores[name] += 0.75 * sum(1 for ch in sample if ch in letters)
    return scores, max(others.values(), default=0.0)


def detect_language(text: str) -> Language | None:
    """Return the language ``text`` is most likely written in, or ``None`` when unclear.

    Args:
        text: any text; only its first 2,000 characters are read.

    Returns:
        ``"en"``, ``"fr"``, ``"es"`` or ``"de"``; ``None`` for empty text, text with no
        function word of any of them, a tie between languages, or text whose small words
        are more often those of another language (Italian, Portuguese, Dutch).
    """
    sample = text[:_ANALYSED_CHARS].lower()
    scores, other = _scores(sample)
    best = max(scores.values())
    if best == 0 or other > best:
        return None
    leaders = [language for language in LANGUAGES if scores[language] == best]
    return leaders[0] if len(leaders) == 1 else None


def is_other_language(text: str) -> bool:
    """True when ``text`` is clearly not in one of the four workbook languages.

    That is: most of its letters are not Latin (Chinese, Arabic, Japanese, ...), or its
    small words are more often Italian, Portuguese or Dutch than English, French, Spanish
    or German.  Text with no signal at all (a single word, numbers) is not "other".
    """
    sample = text[:_ANALYSED_CHARS].lower()
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    if latin * 2 < len(letters):
        return True
    scores, other = _scores(sample)
    return other > 0 and other > max(scores.values())
