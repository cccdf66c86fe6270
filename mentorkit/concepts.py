"""Concepts of working life: what a goal needs and a person offers, by meaning, not spelling.

The vocabulary is data (``mentorkit/lexicon/concepts.toml``): each concept has a label, the
goal type it mostly points to, aliases (inflections, job titles, abbreviations, French,
Spanish and German words) and related concepts that help with it at a weaker score.

Text is read the same way on both sides: lower-cased, accents folded, a few small words
(of, the, de, und ...) dropped, and common English endings stripped by a small rule-based
stemmer (``presenting`` and ``presenter`` both become ``present``).  A phrase then matches an
alias only as whole words, longest first, so ``researchers`` is the concept *research* and
``research ops`` is *user research*, and no edit distance ever runs across a word boundary.
Abbreviations (CV, UX, HR, EM) count in free text only when written in capitals, so the
``pm`` of "3 pm" is not product management; in a tag or a job title any case counts.

Pure and cached: :func:`lexicon` loads the file once per process.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final, Literal

from mentorkit.language import fold
from mentorkit.lexicon import load_toml

MentionKind = Literal["label", "alias", "abbreviation", "translation", "hint", "partial"]
#: Kinds of mention that name a concept only weakly: a job-title word ("director") or one
#: distinctive word of a longer alias ("regulatory" of "regulatory affairs").
WEAK_KINDS: Final = frozenset({"hint", "partial"})

#: Scores of the ways a need and an offer can meet, best first.
SAME_WORDS: Final = 1.0  # the same words once normalised ("presenting" / "presenting")
SAME_CONCEPT: Final = 0.9  # one concept, said two ways ("presenting" / "public speaking")
CLOSE: Final = 0.7  # closely related ("boundaries" / "work-life balance")
RELATED: Final = 0.5  # related concepts ("storytelling" / "public speaking")
SHARED_LEMMA: Final = 0.3  # no concept, but a shared content word ("quilting" / "quilts")


#: Small words dropped before matching, in the four workbook languages.
_STOP: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "is",
        "are",
        "be",
        "i",
        "me",
        "we",
        "you",
        "it",
        "s",
        "d",
        "l",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "un",
        "une",
        "et",
        "ou",
        "au",
        "aux",
        "en",
        "pour",
        "avec",
        "sur",
        "el",
        "los",
        "las",
        "y",
        "e",
        "del",
        "al",
        "con",
        "para",
        "por",
        "lo",
        "und",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "zu",
        "zum",
        "zur",
        "von",
        "mit",
        "fur",
        "im",
        "am",
        "ein",
        "eine",
        "einen",
        "oder",
    ]
)
_ONE_TO_ONE: Final = re.compile(
    r"(?<![\w])(?:1\s*[:\-/]\s*1|1\s*on\s*1|one[\s-]+(?:on|to)[\s-]+one)(s?)(?![\w])", re.I
)
_TOKEN: Final = re.compile(r"[^\W_]+(?:[&/+][^\W_]+)*")


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeioulsfz":
        return word[:-1]
    return word


#: Feminine and plural endings of French, Spanish and German job and skill words, and what
#: each becomes (on folded text, longest first): ``ingénieure`` -> ``ingenieur``,
#: ``directrice`` -> ``directeur``, ``orientadora`` -> ``orientador``, ``Beraterin`` ->
#: ``berater``, ``Schulungen`` -> ``schulung``.  Each rule needs a stem of at least three
#: letters before it, so short English words keep their endings.
_FOREIGN_ENDINGS: Final[tuple[tuple[str, str], ...]] = (
    ("erinnen", "er"),  # de: Lehrerinnen
    ("ungen", "ung"),  # de: Schulungen
    ("ionen", "ion"),  # de: Präsentationen
    ("ienne", "ien"),  # fr: pharmacienne, technicienne
    ("trice", "teur"),  # fr: directrice, formatrice, animatrice
    ("euse", "eur"),  # fr: vendeuse, chercheuse
    ("eure", "eur"),  # fr: ingénieure, professeure
    ("iere", "ier"),  # fr: infirmière, conseillère
    ("erin", "er"),  # de: Beraterin, Researcherin
    ("orin", "or"),  # de: Direktorin, Autorin
    ("istin", "ist"),  # de: Journalistin, Spezialistin
    ("entin", "ent"),  # de: Dozentin, Studentin
    ("antin", "ant"),  # de: Praktikantin
    ("ora", "or"),  # es: directora, orientadora, trabajadora
    ("oras", "or"),
    ("ores", "or"),  # es: directores
    ("era", "ero"),  # es: enfermera / enfermero
    ("eras", "ero"),
    ("eros", "ero"),
    ("ica", "ic"),  # es: farmacéutica / farmacéutico, médica / médico
    ("icas", "ic"),
    ("oga", "ogo"),  # es: psicóloga / psicólogo, abogada is below
    ("ogas", "ogo"),
    ("ogos", "ogo"),
    ("ada", "ado"),  # es: abogada / abogado
    ("adas", "ado"),
    ("ados", "ado"),
    ("ee", "e"),  # fr: chargée / chargé, diplômée
    ("ees", "e"),
    # Shared Latin endings, so a word no concept names still meets its English twin:
    # preservación / preservation, histórico / historique / historisch / historic.
    ("ciones", "tion"),
    ("cion", "tion"),
    ("icos", "ic"),
    ("ico", "ic"),
    ("iques", "ic"),
    ("ique", "ic"),
    ("ischen", "ic"),
    ("ische", "ic"),
    ("isch", "ic"),
)
_FOREIGN_BY_LENGTH: Final = tuple(
    sorted(_FOREIGN_ENDINGS, key=lambda pair: len(pair[0]), reverse=True)
)


def _foreign(word: str) -> str:
    for ending, replacement in _FOREIGN_BY_LENGTH:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + replacement
    return word


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light stemmer: French, Spanish and German feminine and plural endings first (see
    :data:`_FOREIGN_ENDINGS`), then English plural, -ing, -ed, -er, -ment and a final e.

    Only consistency matters: ``hiring``/``hire``, ``teacher``/``teaching``,
    ``managing``/``management``/``manager``, ``ingénieure``/``ingénieur``,
    ``orientadora``/``orientador`` meet; ``engineer`` keeps its ``-eer``.
    """
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    w = _foreign(w)
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 6 and w.endswith("ment"):
        w = w[:-4]
    elif len(w) > 5 and w.endswith("ing"):
        w = _undouble(w[:-3])
    elif (len(w) > 4 and w.endswith("ed") and not w.endswith("eed")) or (
        len(w) > 5 and w.endswith("er") and not w.endswith("eer")
    ):
        w = _undouble(w[:-2])
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


@dataclass(frozen=True)
class Token:
    """One word of a text: as written, and as matched."""

    written: str
    key: str


#: Relatives by marriage: "sister-in-law", "in-laws" name family, never the law.
_IN_LAW: Final = re.compile(
    r"\b(?:(?:brother|sister|mother|father|son|daughter|parent|child)s?[- ]in[- ]laws?"
    r"|in[- ]laws)\b",
    re.I,
)


def tokens(text: str) -> tuple[Token, ...]:
    """The content words of ``text``: small words dropped unless written as an abbreviation."""
    text = _ONE_TO_ONE.sub(lambda m: " 1on1" + m.group(1) + " ", text)
    # "brother-in-law" is family, not law.
    text = _IN_LAW.sub(" ", text)
    # In a text written all in capitals, capitals say nothing about abbreviations.
    all_caps = text.isupper() and len(_TOKEN.findall(text)) > 1
    out = []
    for match in _TOKEN.finditer(text):
        written = match.group(0)
        folded = fold(written)
        if folded == "1on1s":
            folded = "1on1"
        upper = len(written) >= 2 and written.isupper() and not all_caps
        if folded in _STOP and not upper:
            continue
        out.append(Token(written, stem(folded)))
    return tuple(out)


def phrase_key(text: str) -> tuple[str, ...]:
    """What a phrase is matched by: its content words, normalised and stemmed."""
    return tuple(t.key for t in tokens(text))


@dataclass(frozen=True)
class Concept:
    """One concept of the lexicon.

    Attributes:
        id: Its stable name in the lexicon file (``public_speaking``).
        label: How reasons name it (``public speaking``).
        goal_type: The goal type it mostly points to.
        related: Related concept ids and the score each gives.
        help: What a participant might ask for, after "help with" ("" when not written).
    """

    id: str
    label: str
    goal_type: str
    related: Mapping[str, float]
    help: str = ""


@dataclass(frozen=True)
class Mention:
    """A concept found in a text.

    Attributes:
        concept: The concept's id.
        surface: The words as written that named it (``Senior UX Researcher`` -> ``UX Researcher``).
        key: Those words normalised, to tell the same words from another alias.
        kind: Whether they are the label, an alias, an abbreviation, a translation, or a
            job-title hint (``director`` hints at leadership).
    """

    concept: str
    surface: str
    key: tuple[str, ...]
    kind: MentionKind


@dataclass(frozen=True)
class Reading:
    """What a text says in concepts, and the content words no concept covers."""

    mentions: tuple[Mention, ...]
    leftover: frozenset[str]
    key: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """The loaded concepts and the phrase index built from them."""

    concepts: Mapping[str, Concept]
    #: Normalised phrase -> (concept id, kind, is an abbreviation) entries.
    phrases: Mapping[tuple[str, ...], tuple[tuple[str, MentionKind, bool], ...]]
    #: The same phrases with their words sorted, for tags typed in another order.
    unordered: Mapping[tuple[str, ...], tuple[tuple[str, MentionKind, bool], ...]]
    #: Job-title words -> concept ids they hint at.
    title_words: Mapping[str, tuple[str, ...]]
    longest: int
    #: Distinctive words of multi-word aliases -> the one concept they belong to, so that
    #: "regulatory" alone still reads as *regulatory affairs*, more weakly.
    partial: Mapping[str, str] = field(default_factory=dict)
    #: Generic words (normalised): never a concept alone, never a shared word that counts.
    generic: frozenset[str] = frozenset()


class LexiconError(ValueError):
    """The concept lexicon file is inconsistent (a packaging bug, caught by the tests)."""


def build_lexicon(data: Mapping[str, object]) -> Lexicon:
    """Build a :class:`Lexicon` from parsed TOML (see ``concepts.toml`` for the format).

    Raises:
        LexiconError: a related id or title word names an unknown concept, or a goal type is
            unknown.
    """
    raw = data.get("concept")
    if not isinstance(raw, dict):
        raise LexiconError("concepts.toml: no [concept.*] tables")
    related: dict[str, dict[str, float]] = {cid: {} for cid in raw}
    for cid, entry in raw.items():
        for name, score in (("related", RELATED), ("close", CLOSE)):
            for other in entry.get(name, []):
                if other not in raw:
                    raise LexiconError(f"concept.{cid}.{name}: unknown concept {other!r}")
                if other != cid:
                    related[cid][other] = max(score, related[cid].get(other, 0.0))
                    related[other][cid] = related[cid][other]
    generic_words: list[str] = dict(data.get("partial_words", {})).get("generic", [])  # type: ignore[call-overload]
    generic = frozenset(stem(fold(w)) for w in generic_words)
    concepts: dict[str, Concept] = {}
    phrases: dict[tuple[str, ...], list[tuple[str, MentionKind, bool]]] = {}
    for cid, entry in raw.items():
        goal_type = entry.get("goal", "")
        if goal_type not in ("short_term_career", "long_term_career", "psychosocial"):
            raise LexiconError(f"concept.{cid}.goal: {goal_type!r} is not a goal type")
        label = str(entry.get("label", cid))
        concepts[cid] = Concept(cid, label, goal_type, related[cid], str(entry.get("help", "")))
        forms: list[tuple[str, MentionKind, bool]] = [(label, "label", False)]
        forms += [(a, "alias", False) for a in entry.get("aliases", [])]
        forms += [(a, "abbreviation", True) for a in entry.get("abbr", [])]
        for language in ("fr", "es", "de"):
            forms += [(a, "translation", False) for a in entry.get(language, [])]
        for form, kind, abbreviation in forms:
            key = phrase_key(form)
            if not key:
                continue
            # A phrase that small words reduce to one generic word ("it-support" read as
            # "support") would make that word name the concept alone.
            if len(key) == 1 and len(form.split()) + form.count("-") > 1 and key[0] in generic:
                raise LexiconError(f"concept.{cid}: {form!r} reads as the generic word {key[0]!r}")
            entries = phrases.setdefault(key, [])
            if not any(c == cid for c, _, _ in entries):
                entries.append((cid, kind, abbreviation))
    titles: dict[str, tuple[str, ...]] = {}
    for word, ids in dict(data.get("title_words", {})).items():  # type: ignore[call-overload]
        for cid in ids:
            if cid not in raw:
                raise LexiconError(f"title_words.{word}: unknown concept {cid!r}")
        titles[stem(fold(word))] = tuple(ids)
    unordered: dict[tuple[str, ...], list[tuple[str, MentionKind, bool]]] = {}
    for key, entries in phrases.items():
        if len(key) > 1:
            unordered.setdefault(tuple(sorted(key)), []).extend(entries)
    return Lexicon(
        concepts=concepts,
        phrases={k: tuple(v) for k, v in phrases.items()},
        unordered={k: tuple(v) for k, v in unordered.items()},
        title_words=titles,
        longest=max(len(k) for k in phrases),
        partial=_partial_words(phrases, titles, generic_words),
        generic=generic,
    )


def _partial_words(
    phrases: Mapping[tuple[str, ...], list[tuple[str, MentionKind, bool]]],
    titles: Mapping[str, tuple[str, ...]],
    generic_words: list[str],
) -> dict[str, str]:
    """The distinctive word of each multi-word alias whose other words are all generic
    ("regulatory" of "regulatory affairs", "quality" of "quality manager"), when no other
    concept uses that word, it is no alias alone, no job-title word, and five letters or more.
    "supply chain" gives none: neither word says the whole alone."""
    generic = {stem(fold(w)) for w in generic_words} | {fold(w) for w in generic_words}
    generic |= {w[:-1] for w in generic if w.endswith("e")}
    owners: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    for key, entries in phrases.items():
        ids = {cid for cid, _, abbreviation in entries if not abbreviation}
        if len(key) == 1:  # a word that is an alias alone, of any concept, is no partial
            owners.setdefault(key[0], set()).update({"", *ids})
            continue
        for word in key:
            owners.setdefault(word, set()).update(ids)
        distinctive = [w for w in key if w not in generic]
        if len(distinctive) == 1:
            heads.setdefault(distinctive[0], set()).update(ids)
    return {
        word: next(iter(ids))
        for word, ids in heads.items()
        if len(ids) == 1
        and owners.get(word) == ids
        and len(word) >= 5
        and word.isalpha()
        and word not in titles
    }


@cache
def lexicon() -> Lexicon:
    """The concept lexicon shipped with mentorkit (loaded once per process)."""
    return build_lexicon(load_toml("concepts"))


def _emit(
    entries: tuple[tuple[str, MentionKind, bool], ...],
    words: tuple[Token, ...],
    key: tuple[str, ...],
    free_text: bool,
) -> list[Mention]:
    shouting = all(
        t.written.isupper()
        or (t.written.endswith("s") and t.written[:-1].isupper())  # "CVs", "PMs"
        or not t.written.isalpha()
        for t in words
    )
    surface = " ".join(t.written for t in words)
    found: dict[str, Mention] = {}
    for cid, kind, abbreviation in entries:
        if cid not in found and not (abbreviation and free_text and not shouting):
            found[cid] = Mention(cid, surface, key, kind)
    return list(found.values())


@lru_cache(maxsize=65_536)
def read(text: str, *, free_text: bool = True, title: bool = False) -> Reading:
    """The concepts ``text`` names, longest phrase first, and the words left over.

    Args:
        text: A tag, a job title, a note, a goal statement ...
        free_text: Abbreviations count only when written in capitals (notes, statements);
            ``False`` for tags and titles, where "ux" means UX.
        title: Also read job-title words that hint at a concept ("director").
    """
    lex = lexicon()
    words = tokens(text)
    keys = tuple(t.key for t in words)
    mentions: list[Mention] = []
    leftover: set[str] = set()
    if len(words) > 1 and not free_text:
        whole = lex.phrases.get(keys) or lex.unordered.get(tuple(sorted(keys)))
        if whole:
            found = _emit(whole, words, keys, free_text)
            if found:
                return Reading(tuple(found), frozenset(), keys)
    i = 0
    while i < len(words):
        for n in range(min(lex.longest, len(words) - i), 0, -1):
            key = keys[i : i + n]
            entries = lex.phrases.get(key)
            if entries:
                found = _emit(entries, words[i : i + n], key, free_text)
                if found:
                    mentions.extend(found)
                    if title:  # "Head of Finance": finance, and "head" hints at leading
                        for word in words[i : i + n]:
                            for cid in lex.title_words.get(word.key, ()):
                                mentions.append(Mention(cid, word.written, (word.key,), "hint"))
                    i += n
                    break
        else:
            hinted = lex.title_words.get(keys[i]) if title else None
            part = lex.partial.get(keys[i])
            if hinted:
                mentions.extend(
                    Mention(cid, words[i].written, (keys[i],), "hint") for cid in hinted
                )
            elif part:
                mentions.append(Mention(part, words[i].written, (keys[i],), "partial"))
            elif len(keys[i]) > 2 and not keys[i].isdigit():
                leftover.add(keys[i])
            i += 1
    unique = tuple({m.concept: m for m in reversed(mentions)}.values())[::-1]
    return Reading(unique, frozenset(leftover), keys)


def concepts_in(text: str) -> tuple[Concept, ...]:
    """The concepts a text names, in order of first mention (for the goal review to use).

    ``concepts_in("Give two conference talks and negotiate my salary")`` gives *public
    speaking* and *negotiation*; each :class:`Concept` carries the ``goal_type`` it points to.
    """
    lex = lexicon()
    seen = dict.fromkeys(m.concept for m in read(text).mentions if m.kind not in WEAK_KINDS)
    return tuple(lex.concepts[cid] for cid in seen)


def relation(need: str, offer: str) -> float:
    """How much the concept ``offer`` helps with the concept ``need``: 1, related score or 0."""
    if need == offer:
        return 1.0
    return lexicon().concepts[need].related.get(offer, 0.0)
