"""The ask: a specific, time-limited request for short-term mentoring, and checks on it.

"Will you be my mentor?" is hard to say yes to: it sounds open-ended.  A short-term ask says
exactly what it wants and when it stops: a few conversations of a stated length over a few
weeks, who arranges them, what the mentee brings, what feedback they hope for.  The person
asked can see the whole cost at a glance, and both sides have an easy way out at the end.

:func:`compose_ask` turns a goal, a contact and those numbers into an :class:`Ask` (the plan of
dates, the total time asked, the mentee's commitments and a drafted message);
:func:`check_ask` points out what would make the request harder to accept; and
:func:`ask_to_mentorship` turns it into the workbook record the lifecycle then moves along.

Pure: dataclasses and dates in, frozen results out.  No file access, no printing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal, TypeVar

from mentorkit.calendar_rules import PlannedDate, keepable_dates
from mentorkit.errors import InputError
from mentorkit.language import LANGUAGE_NAMES, detect_language
from mentorkit.lexicon import load_toml
from mentorkit.lifecycle import STATUS_WORDS
from mentorkit.model import (
    Away,
    Contact,
    Goal,
    Mentorship,
    StatusChange,
    Workbook,
    new_id,
    now,
)
from mentorkit.render import join_words, shorten
from mentorkit.status import FINAL_STATUSES, OPEN_STATUSES, Status, span_end

#: The longest span a short-term ask should cover, in weeks.
MAX_WEEKS: Final = 8
#: The longest single conversation a busy person is likely to agree to, in minutes.
MAX_MINUTES: Final = 60
#: The most time, in minutes, to ask of a weak tie and of a strong one before a warning: a
#: near-stranger says yes to about three hours far more easily than to eight.
MAX_TOTAL_MINUTES: Final = {"weak": 180, "strong": 480}
#: Limits on what can be composed at all (the workbook's own limits are wider).
SESSIONS_RANGE: Final = (1, 12)
MINUTES_RANGE: Final = (10, 120)
WEEKS_RANGE: Final = (1, 26)

ScheduleBy = Literal["mentee", "mentor"]
Level = Literal["problem", "warning", "info"]

_NUMBER_WORDS: Final = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


@dataclass(frozen=True)
class Ask:
    """One composed request, ready to edit, check, export and save.

    Attributes:
        goal_id: The goal it is about ("" when no goal was chosen).
        goal_statement: The goal in the participant's words.
        contact_id: The person asked.
        contact_name: Their name as the participant wrote it.
        contact_email: Their e-mail address ("" when unknown).
        sessions: How many conversations.
        minutes: How long each conversation is.
        weeks: Over how many weeks.
        start: The first day of the span (``None``: not decided, so no end date either).
        plan: The proposed date of each conversation, on weekdays, spread over the span.
        total_minutes: The whole time asked of the mentor.
        schedule_by: Who arranges the meetings.
        commitments: What the mentee promises, one sentence each.
        feedback_wanted: The feedback the mentee hopes for, in their words.
        resources_welcome: Whether the message invites resources that worked for the mentor.
        reason: Why this person, as a phrase that follows "because".
        sender: The mentee's name, to sign the message.
        message: The drafted (or edited) message.
        mentorship_id: The workbook record this ask was saved as, when it was.
        tie_strength: The person's tie to the mentee (``strong``/``weak``; ``""`` unknown),
            for the total-time check.
        help_wanted: What the mentee hopes for from this person, a phrase in the message's
            language ("preparing a talk and hearing honest feedback on a rehearsal").
        language: The message's language (``en``, ``fr``, ``es``, ``de``): the goal's.
        language_note: Said when the goal's language has no template, so the draft is in
            English ("" otherwise).
        plan_notes: Why proposed dates moved (``moved from 24 Dec: public holiday
            (Christmas Eve)``), one per moved date.
    """

    goal_id: str
    goal_statement: str
    contact_id: str
    contact_name: str
    contact_email: str
    sessions: int
    minutes: int
    weeks: int
    start: date | None
    plan: tuple[date, ...]
    total_minutes: int
    schedule_by: ScheduleBy
    commitments: tuple[str, ...]
    feedback_wanted: str
    resources_welcome: bool
    reason: str
    sender: str
    message: str
    mentorship_id: str = ""
    tie_strength: str = ""
    help_wanted: str = ""
    language: str = "en"
    language_note: str = ""
    plan_notes: tuple[str, ...] = ()

    @property
    def ends_on(self) -> date | None:
        """The day the span runs out (``start`` plus ``weeks``)."""
        return span_end(self.start, self.weeks)

    @property
    def subject(self) -> str:
        """A subject line for the e-mail."""
        what = self.goal_statement.strip() or "a short-term goal"
        return f"A short mentoring request: {shorten(what, 70)}"

    @property
    def summary(self) -> str:
        """The request in one line: how many, how long, over how long, until when."""
        base = (
            f"{_count(self.sessions, 'conversation')} of {self.minutes} minutes "
            f"({duration_words(self.total_minutes)} in all) over {_count(self.weeks, 'week')}"
        )
        if self.start is not None and self.ends_on is not None:
            base += f", {long_date(self.start)} to {long_date(self.ends_on)}"
        return base


@dataclass(frozen=True)
class AskFinding:
    """One thing :func:`check_ask` noticed.

    Attributes:
        code: A stable name (``too_long``, ``too_heavy`` (more than one a week, longer than
            an hour, or more time in all than the tie suggests), ``no_end_date``, ``no_goal``,
            ``vague_ask``, ``open_ended``, ``no_template``, ``already_asked``, ``goal_not_active``, ``start_in_past``,
            ``no_email``).
        level: ``problem`` (fix before sending), ``warning`` (think twice) or ``info``.
        message: What and why, in plain words.
    """

    code: str
    level: Level
    message: str


# --------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------


def number_word(n: int) -> str:
    """``4`` as ``four`` (up to twenty; larger numbers stay digits)."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _count(n: int, noun: str) -> str:
    return f"{number_word(n)} {noun}{'' if n == 1 else 's'}"


def duration_words(minutes: int) -> str:
    """``120`` as ``2 hours``, ``90`` as ``1 hour 30 minutes``, ``45`` as ``45 minutes``."""
    return _duration_in(minutes, "en")


def long_date(day: date) -> str:
    """``2026-11-30`` as ``Monday 30 November 2026`` (no locale: the same on every machine)."""
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    month = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{weekday[day.weekday()]} {day.day} {month[day.month - 1]} {day.year}"


#: Titles a name may start with; the greeting then uses the title and the family name.
_TITLES: Final = frozenset(
    [
        "dr",
        "dr.",
        "doctor",
        "prof",
        "prof.",
        "professor",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "mx",
        "mx.",
        "miss",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "rev.",
        "revd",
        "reverend",
        "fr",
        "fr.",
        "father",
        "sister",
        "brother",
        "rabbi",
        "imam",
        "capt",
        "capt.",
        "captain",
        "col",
        "col.",
        "judge",
        "hon",
        "hon.",
        "m.",
        "mme",
        "mme.",
        "mlle",
        "mlle.",
        "docteur",
        "maître",
        "me",
        "sr",
        "sr.",
        "sra",
        "sra.",
        "srta",
        "dra",
        "dra.",
        "don",
        "doña",
        "herr",
        "frau",
        "dipl.-ing.",
        "ing.",
        "mag.",
        "dott.",
        "dott.ssa",
    ]
)
#: Letters after a name that are not part of it ("Jane Evans PhD", "Sam Lee, RN").
_POSTNOMINALS: Final = frozenset(
    [
        "phd",
        "md",
        "rn",
        "mba",
        "msc",
        "bsc",
        "ba",
        "ma",
        "mphil",
        "dphil",
        "frcp",
        "frcs",
        "mrcp",
        "obe",
        "mbe",
        "cbe",
        "jr",
        "jr.",
        "sr.",
        "iii",
        "ii",
        "cpa",
        "acca",
        "cima",
        "pe",
        "ceng",
        "dds",
        "do",
        "np",
        "lpn",
        "mpa",
        "mph",
        "edd",
        "psyd",
        "esq",
        "esq.",
    ]
)


def greeting_name(name: str) -> str:
    """How a message addresses somebody: ``"Ada"`` for "Ada Lovelace", ``"Dr Evans"`` for "Dr
    Rhian Evans", ``"Prof. Dr. Müller"`` for "Prof. Dr. Hans Müller", ``""`` when the name
    gives nothing to greet (then the message opens with a plain "Hello,").

    Titles are kept as the participant wrote them; letters after the name (PhD, RN) and
    anything after a comma are left out.
    """
    # Words without a letter or digit ("." , "-") give nothing to greet.
    words = [w for w in name.split(",")[0].split() if any(ch.isalnum() for ch in w)]
    while words and words[-1].casefold() in _POSTNOMINALS:
        words.pop()
    titles = []
    while words and words[0].casefold() in _TITLES:
        titles.append(words.pop(0))
    if titles:
        greeted = " ".join([*titles, words[-1]]) if words else ""
    else:
        greeted = words[0] if words else ""
    # "Dear Sam.," reads as a typo: a full stop typed after the name is not greeted.
    return greeted.rstrip(".")


def span_words(weeks: int, language: str = "en") -> str:
    """``8`` as ``eight weeks`` (``8 semaines``, ``8 semanas``, ``8 Wochen``)."""
    if language == "en":
        return _count(weeks, "week")
    units = _UNITS[language]
    return f"{weeks} {units['week'] if weeks == 1 else units['weeks']}"


def _duration_in(minutes: int, language: str) -> str:
    units = _UNITS[language]
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} {units['hour'] if hours == 1 else units['hours']}")
    if rest or not hours:
        parts.append(f"{rest} {units['minute'] if rest == 1 else units['minutes']}")
    return " ".join(parts)


def _date_in(day: date, language: str) -> str:
    if language == "en":
        return long_date(day)
    if language == "de":
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day}/{day.month}/{day.year}"


def _goal_text(text: str) -> str:
    """The goal as the participant wrote it (capitals kept), without a final full stop."""
    return " ".join(text.split()).rstrip(".")


def _lower_first(text: str) -> str:
    """A phrase ready to follow "because": its first letter lower-cased, unless it is "I"
    or starts an abbreviation ("UX", "NHS")."""
    text = " ".join(text.split()).rstrip(".")
    if re.match(r"I\b", text):
        return text
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


_RAW_TEMPLATES: Final = load_toml("ask_templates")
#: The message's sentences per language (``mentorkit/lexicon/ask_templates.toml``).
_TEMPLATES: Final[dict[str, dict[str, str]]] = {
    k: {key: str(value) for key, value in v.items()}
    for k, v in _RAW_TEMPLATES.items()
    if k not in ("units", "words")
}
_UNITS: Final[dict[str, dict[str, str]]] = _RAW_TEMPLATES["units"]
#: Languages with a message template.
ASK_LANGUAGES: Final = tuple(_TEMPLATES)


def ask_language(goal: Goal | None) -> tuple[str, str]:
    """The language to write the ask in, from the goal's statement, and a note when that
    language has no template (the draft is then in English)."""
    statement = goal.statement if goal is not None else ""
    found = detect_language(statement)
    if found in ASK_LANGUAGES:
        return str(found), ""
    if found is not None:
        name = LANGUAGE_NAMES.get(found, found)
        return "en", f"There is no {name} template for the message yet, so the draft is in English."
    if len(statement.split()) >= 4:
        return "en", (
            "The goal does not read clearly as English, French, Spanish or German, so the "
            "draft is in English: translate it if the person reads another language."
        )
    return "en", ""


# --------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------


def suggested_start(today: date) -> date:
    """The Monday after ``today``: a few days to answer, and a clean week to begin."""
    return today + timedelta(days=7 - today.weekday())


def plan_dates(start: date, sessions: int, weeks: int) -> tuple[date, ...]:
    """One proposed date per conversation, spread evenly over the span's weekdays.

    The span runs from ``start`` for ``weeks`` weeks.  Conversation ``k`` falls on the
    weekday ``k/sessions`` of the way through the span's weekdays, so four conversations over
    eight weeks are a fortnight apart on the start's weekday and none lands on a weekend.
    Only when there are more conversations than weekdays do two share a day.
    """
    if sessions < 1 or weeks < 1:
        return ()
    span = (start + timedelta(days=offset) for offset in range(weeks * 7))
    weekdays = [day for day in span if day.weekday() < 5]
    return tuple(weekdays[(k * len(weekdays)) // sessions] for k in range(sessions))


# --------------------------------------------------------------------------------------
# Composing
# --------------------------------------------------------------------------------------


def default_commitments(
    schedule_by: ScheduleBy = "mentee",
    feedback_wanted: str = "",
    resources_welcome: bool = False,
    language: str = "en",
) -> tuple[str, ...]:
    """What the mentee offers in return, one sentence each, in ``language``."""
    t = _TEMPLATES.get(language, _TEMPLATES["en"])
    feedback = t["feedback"]
    if feedback_wanted.strip():
        feedback += t["feedback_on"].format(feedback=_lower_first(feedback_wanted))
    lines = [
        t["arrange_mentee"] if schedule_by == "mentee" else t["arrange_mentor"],
        t["bring"],
        t["report_back"],
        feedback,
    ]
    if resources_welcome:
        lines.append(t["resources"])
    return tuple(line + "." for line in lines)


def default_reason(goal: Goal | None, contact: Contact, matched_areas: Iterable[str] = ()) -> str:
    """Why this person, as a phrase to follow "because": the areas they are known for.

    ``matched_areas`` come from the network ranking; without them, the contact's areas that
    the goal also names are used.
    """
    areas = [a for a in dict.fromkeys(matched_areas) if a.strip()]
    if not areas and goal is not None:
        wanted = {a.strip().lower() for a in goal.areas}
        areas = [a for a in contact.areas if a.strip().lower() in wanted]
    if not areas:
        return ""
    return f"you have real experience with {join_words(areas[:3])}"


def contact_reason(contact: Contact, language: str = "en", area: str = "") -> str:
    """A "because" phrase that never comes out empty: an area, else the job title, else the
    relationship, else plain respect for the person's judgement."""
    t = _TEMPLATES.get(language, _TEMPLATES["en"])
    if area.strip():
        return t["reason_area"].format(area=" ".join(area.split()))
    if contact.position.strip():
        return t["reason_title"].format(title=shorten(contact.position, 60))
    if contact.relationship.strip():
        return t["reason_known"].format(relationship=shorten(contact.relationship, 50))
    return t["reason_default"]


def default_help(goal: Goal | None, language: str = "en", concept_label: str = "") -> str:
    """The help wanted from this person, after "What I would value most from you is".

    From the concept that matched them (its own wording in the lexicon, in English), else
    the goal's first area as the participant wrote it, else a general line.
    """
    from mentorkit.concepts import lexicon

    t = _TEMPLATES.get(language, _TEMPLATES["en"])
    if language == "en" and concept_label:
        for concept in lexicon().concepts.values():
            if concept.label == concept_label:
                return concept.help or t["help_generic"].format(area=concept.label)
    area = next((a.strip() for a in (goal.areas if goal else []) if a.strip()), "")
    if area:
        return t["help_generic"].format(area=area)
    return t["help_no_area"]


def draft_message(ask: Ask) -> str:
    """The message for ``ask``, written from its parts (the ask's own ``message`` is ignored),
    in the ask's language."""
    language = ask.language if ask.language in ASK_LANGUAGES else "en"
    t = _TEMPLATES[language]
    english = language == "en"
    goal = _goal_text(ask.goal_statement)
    span = span_words(ask.weeks, language)
    name = greeting_name(ask.contact_name)
    paragraphs = [t["greeting"].format(name=name) if name else t["greeting_plain"]]
    opening = (
        t["opening"].format(span=span, goal=goal)
        if goal
        else t["opening_no_goal"].format(span=span)
    )
    # German capitalises nouns and the polite "Sie": leave its phrases as they are.
    lower = _lower_first if language != "de" else _goal_text
    if ask.reason.strip():
        opening += " " + t["because"].format(reason=lower(ask.reason))
    if ask.help_wanted.strip():
        opening += " " + t["help"].format(help=lower(ask.help_wanted))
    paragraphs.append(opening)
    noun = t["noun_one"] if ask.sessions == 1 else t["noun_many"]
    request = t["request"].format(
        sessions=number_word(ask.sessions) if english else ask.sessions,
        minutes=ask.minutes,
        noun=noun,
        span=span,
    )
    if ask.start is not None and ask.ends_on is not None:
        request += t["dates"].format(
            start=_date_in(ask.start, language), end=_date_in(ask.ends_on, language)
        )
    request += t["total"].format(total=_duration_in(ask.total_minutes, language))
    paragraphs.append(request)
    paragraphs.append(
        t["in_return"] + "\n" + "\n".join(f"- {line}" for line in ask.commitments)
        if ask.commitments
        else ""
    )
    ending = (
        t["ending_date"].format(end=_date_in(ask.ends_on, language))
        if ask.ends_on is not None
        else t["ending_weeks"].format(weeks=span)
    )
    paragraphs.append(ending + t["no_is_fine"])
    paragraphs.append(t["thanks"] + (f"\n{ask.sender.strip()}" if ask.sender.strip() else ""))
    return "\n\n".join(p for p in paragraphs if p)


def _check_range(name: str, value: int, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"{name}: {value!r} is not a whole number from {low} to {high}")


def compose_ask(
    goal: Goal | None,
    contact: Contact,
    sessions: int = 4,
    minutes: int = 30,
    weeks: int = 8,
    start: date | None = None,
    *,
    reason: str = "",
    schedule_by: ScheduleBy = "mentee",
    feedback_wanted: str = "",
    resources_welcome: bool = False,
    sender: str = "",
    commitments: Sequence[str] | None = None,
    help_wanted: str = "",
    language: str | None = None,
    country: str = "",
    away: Sequence[Away] = (),
) -> Ask:
    """Compose a specific, time-limited ask of ``contact`` about ``goal``.

    Args:
        goal: The goal the mentoring is for (``None`` composes a generic ask that
            :func:`check_ask` flags as ``no_goal``).
        contact: The person asked.
        sessions: How many conversations (1-12).
        minutes: How long each is (10-120).
        weeks: Over how many weeks (1-26; more than 8 is flagged ``too_long``).
        start: The first day; ``None`` leaves the dates open (flagged ``no_end_date``).
        reason: Why this person, a phrase following "because" (see :func:`default_reason`).
        schedule_by: Who arranges the meetings: ``mentee`` or ``mentor``.
        feedback_wanted: The feedback the mentee most hopes for.
        resources_welcome: Invite the mentor to share resources that worked for them.
        sender: The mentee's name to sign with.
        commitments: The mentee's commitments; default :func:`default_commitments`.
        help_wanted: What the mentee hopes for from this person; default
            :func:`default_help` from the goal.
        language: The message's language; default the goal's (see :func:`ask_language`).
        country: The participant's country (ISO code): no date is proposed on its public
            holidays (see :func:`mentorkit.calendar_rules.keepable_dates`).
        away: The participant's time away: no date is proposed then either.

    The message always says why this person: ``reason``, else the areas they share with the
    goal, else their job title or relationship (:func:`contact_reason`).

    Raises:
        InputError: a number is outside its range or ``schedule_by`` is unknown.
    """
    _check_range("sessions", sessions, SESSIONS_RANGE)
    _check_range("minutes", minutes, MINUTES_RANGE)
    _check_range("weeks", weeks, WEEKS_RANGE)
    if schedule_by not in ("mentee", "mentor"):
        raise InputError(f"schedule_by: {schedule_by!r} must be 'mentee' or 'mentor'")
    if language is None:
        language, note = ask_language(goal)
    else:
        language, note = (language, "") if language in ASK_LANGUAGES else ("en", "")
    promised = (
        tuple(c.strip() for c in commitments if c.strip())
        if commitments is not None
        else default_commitments(schedule_by, feedback_wanted, resources_welcome, language)
    )
    kept = keepable_plan(start, sessions, weeks, country=country, away=away)
    why = reason.strip()
    if not why:
        why = default_reason(goal, contact) if language == "en" else ""
        why = why or contact_reason(contact, language)
    ask = Ask(
        goal_id=goal.id if goal is not None else "",
        goal_statement=goal.statement if goal is not None else "",
        contact_id=contact.id,
        contact_name=contact.name,
        contact_email=contact.email.strip(),
        sessions=sessions,
        minutes=minutes,
        weeks=weeks,
        start=start,
        plan=tuple(planned.day for planned in kept),
        plan_notes=tuple(planned.note for planned in kept if planned.note),
        total_minutes=sessions * minutes,
        schedule_by=schedule_by,
        commitments=promised,
        feedback_wanted=feedback_wanted.strip(),
        resources_welcome=resources_welcome,
        reason=why,
        sender=sender,
        message="",
        tie_strength=contact.tie_strength,
        help_wanted=help_wanted.strip() or default_help(goal, language),
        language=language,
        language_note=note,
    )
    return replace(ask, message=draft_message(ask))


def with_message(ask: Ask, message: str) -> Ask:
    """The same ask with a message the participant edited."""
    return replace(ask, message=message)


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------


#: Words that name a meeting, so "four" is read as a count of conversations (in the four
#: workbook languages).
_MEETING_WORDS: Final = (
    r"(?:conversations?|sessions?|meetings?|calls?|chats?|talks?|times|catch-ups?|"
    r"entretiens?|rendez-vous|échanges?|fois|conversaci(?:ón|on|ones)|sesi(?:ón|on|ones)|"
    r"reuni(?:ón|on|ones)|llamadas?|"
    r"veces|gespräche?n?|termine?n?|treffen|sitzungen|telefonate?n?|mal)"
)
_CHECK_WORDS: Final = _RAW_TEMPLATES["words"]
#: Each month's names in the four languages (January first), for "end of January",
#: "mid-March", "fin janvier" ...
_MONTHS: Final = tuple(zip(*(words["months"] for words in _CHECK_WORDS.values()), strict=True))
#: "End of January", "mid-March", "early April", "by the end of May", "fin janvier" ...
_MONTH_PHRASE: Final = re.compile(
    r"(?<![\w'])(?:(?:the|end|middle|start|beginning|of|mid|early|late|by|until|till|before|"
    r"fin|mi|début|à|jusqu'à|jusqu'au|au|finales|mediados|principios|de|hasta|ende|mitte|"
    r"anfang|bis)[\s-]+)+([^\W\d_]+)"
)
#: Phrases that leave the ask without an end, in the four languages.
_OPEN_ENDED: Final = re.compile(
    r"for as long as|as long as (?:it(?:'s| is)|you(?:'re| are)|we)|\bongoing\b|"
    r"regularly from now on|\bfrom now on\b|\bindefinitely\b|\bopen[- ]ended\b|"
    r"\bno end date\b|\bforever\b|\bkeep (?:on )?meeting\b|\bwhenever (?:you|we) like\b|"
    r"aussi longtemps que|indéfiniment|\bsans fin\b|à partir de maintenant|"
    r"el tiempo que (?:haga falta|sea útil)|mientras (?:sea|nos) |indefinidamente|"
    r"de ahora en adelante|\bsolange\b|auf unbestimmte zeit|\bunbefristet\b|\bdauerhaft\b|"
    r"ab jetzt regelmäßig",
)


#: One to twelve in French, Spanish and German, for messages in those languages.
_OTHER_NUMBERS: Final = tuple(
    tuple(word for spellings in same for word in spellings)
    for same in zip(
        *(words["numbers"] for words in _CHECK_WORDS.values() if "numbers" in words), strict=True
    )
)


def _says_number(text: str, n: int) -> bool:
    """Whether ``text`` says ``n`` meetings: the number, then within two words a meeting word."""
    words = {str(n), number_word(n)}
    if 1 <= n <= len(_OTHER_NUMBERS):
        words.update(_OTHER_NUMBERS[n - 1])
    if n == 1:
        words.add("single")
        # "a conversation", "an hour-long call", but not "a few conversations"
        if re.search(
            rf"(?<![\w-])an?\s+(?!(?:few|couple|series|number|handful|lot)\b)(?:[\w-]+\s+)?"
            rf"{_MEETING_WORDS}\b",
            text,
        ):
            return True
    # "4 x 30 min", "4x30-minute calls" (and the multiplication sign)
    if re.search(rf"(?<![\w.]){n}\s*[x×]\s*\d", text):
        return True
    return any(
        re.search(
            # A word in between is letters with inner hyphens only ("hour-long"): were a
            # run of dashes a word too, a dashed rule would make the search exponential.
            rf"(?<![\w-]){re.escape(w)}(?:[\s-]+\w+(?:-\w+)*){{0,2}}?[\s-]+{_MEETING_WORDS}\b",
            text,
        )
        for w in words
    )


def _says_length(text: str, minutes: int) -> bool:
    if re.search(rf"(?<!\d){minutes}(?!\d)\s*-?\s*(minut\w*|mins?\b|min\.)", text):
        return True
    halves = ("half an hour", "half-hour", "half hour", "demi-heure", "media hora", "halbe stunde")
    if minutes == 30 and any(h in text for h in halves):
        return True
    if minutes == 15 and re.search(
        r"quarter of an hour|quart d'heure|cuarto de hora|viertelstunde", text
    ):
        return True
    if minutes == 90 and re.search(r"an hour and a half|hour-and-a-half|1\.5 hours?", text):
        return True
    if minutes % 60 == 0:
        hours = minutes // 60
        names = {"an", "one", "1"} if hours == 1 else {str(hours), number_word(hours)}
        if any(
            re.search(rf"(?<!\w){h}[ -]?(?:hours?|h|heures?|horas?|stunden?)\b", text)
            for h in names
        ):
            return True
        return hours == 1 and bool(re.search(r"\b(?:une heure|una hora|eine stunde)\b", text))
    return False


def _says_until(text: str, ask: Ask) -> bool:
    end = ask.ends_on
    if end is not None:
        forms = {
            end.isoformat(),
            long_date(end).lower(),
            f"{end.day} {long_date(end).split()[2].lower()}",
            f"{long_date(end).split()[2].lower()} {end.day}",
            f"{end.day}/{end.month}",
            f"{end.month}/{end.day}",
        }
        if any(form in text for form in forms):
            return True
    if end is not None and f"{end.day}.{end.month}." in text:
        return True
    weeks = {str(ask.weeks), number_word(ask.weeks)}
    if any(
        re.search(rf"(?<!\w){re.escape(w)}[ -](?:weeks?|semaines?|semanas?|wochen?)\b", text)
        for w in weeks
    ):
        return True
    return _says_month(text, end)


def _says_month(text: str, end: date | None) -> bool:
    """Whether ``text`` names the month the span ends in (or one next to it) as an end:
    "end of January", "mid-March", "by early April", "fin janvier", "Ende Mai"."""
    for match in _MONTH_PHRASE.finditer(text):
        word = match.group(1)
        for index, names in enumerate(_MONTHS):
            if word in names:
                if end is None:
                    return True
                if min((index - (end.month - 1)) % 12, ((end.month - 1) - index) % 12) <= 1:
                    return True
    return False


def open_ended_phrases(message: str) -> list[str]:
    """Phrases in ``message`` that leave the ask without an end ("for as long as", "ongoing")."""
    text = " ".join(message.lower().split())
    return list(dict.fromkeys(m.group(0).strip() for m in _OPEN_ENDED.finditer(text)))


def vague_parts(ask: Ask) -> list[str]:
    """What the message no longer says: ``how many``, ``how long``, ``until when``."""
    text = " ".join(ask.message.lower().split())
    missing = []
    if not _says_number(text, ask.sessions):
        missing.append("how many")
    if not _says_length(text, ask.minutes):
        missing.append("how long")
    if not _says_until(text, ask):
        missing.append("until when")
    return missing


def check_ask(
    ask: Ask,
    *,
    workbook: Workbook | None = None,
    today: date | None = None,
    goal: Goal | None = None,
) -> list[AskFinding]:
    """What might make this ask harder to say yes to, problems first.

    Args:
        ask: The ask, with its message as the participant last edited it.
        workbook: The participant's workbook, to find the same person already asked (and the
            goal, when ``goal`` is not given).
        today: To notice a start date in the past.
        goal: The goal asked about, to notice one that is no longer active.
    """
    findings: list[AskFinding] = []
    if goal is None and workbook is not None and ask.goal_id:
        goal = next((g for g in workbook.goals if g.id == ask.goal_id), None)
    if not ask.goal_id or not ask.goal_statement.strip():
        findings.append(
            AskFinding(
                "no_goal",
                "problem",
                "The ask names no goal. Pick the goal this mentoring is for: a person says yes "
                "more easily to something specific.",
            )
        )
    elif goal is not None and goal.status != "active":
        findings.append(
            AskFinding(
                "goal_not_active",
                "warning",
                f"This goal is marked {goal.status}; is it still the one to ask for help with?",
            )
        )
    if ask.start is None:
        findings.append(
            AskFinding(
                "no_end_date",
                "problem",
                "The ask has no start date, so it has no end date either. A clear end is what "
                "makes a short-term ask easy to accept; choose a start date.",
            )
        )
    elif today is not None and ask.start < today:
        findings.append(
            AskFinding(
                "start_in_past",
                "warning",
                f"The start date {ask.start.isoformat()} has already passed; move it after today.",
            )
        )
    if ask.weeks > MAX_WEEKS:
        findings.append(
            AskFinding(
                "too_long",
                "warning",
                f"{ask.weeks} weeks is longer than the {MAX_WEEKS} weeks a short-term ask should "
                "cover. A shorter span is easier to agree to; you can always ask again at the end.",
            )
        )
    heavy = []
    if ask.sessions > ask.weeks:
        heavy.append(f"{ask.sessions} conversations in {ask.weeks} weeks is more than one a week")
    if ask.minutes > MAX_MINUTES:
        heavy.append(f"{ask.minutes} minutes is longer than an hour")
    tie = ask.tie_strength
    if not tie and workbook is not None:
        tie = next((c.tie_strength for c in workbook.contacts if c.id == ask.contact_id), "")
    limit = MAX_TOTAL_MINUTES.get(tie or "weak", MAX_TOTAL_MINUTES["weak"])
    if ask.total_minutes > limit:
        heavy.append(
            f"{duration_words(ask.total_minutes)} in all is a lot to ask of a "
            f"{'strong' if tie == 'strong' else 'weak'} tie (up to about "
            f"{duration_words(limit)} is easy to say yes to)"
        )
    if heavy:
        findings.append(
            AskFinding(
                "too_heavy",
                "warning",
                "; ".join(heavy).capitalize()
                + f". That is {duration_words(ask.total_minutes)} of someone's time; fewer or "
                "shorter conversations are easier to fit in.",
            )
        )
    if not ask.message.strip():
        findings.append(AskFinding("vague_ask", "problem", "The message is empty; draft it again."))
    else:
        missing = vague_parts(ask)
        if missing:
            findings.append(
                AskFinding(
                    "vague_ask",
                    "problem",
                    f"The message no longer says {join_words(missing)}. Say how many conversations, "
                    "how long each is, and when it ends, so the answer can be a clear yes.",
                )
            )
    if ask.message.strip():
        endless = open_ended_phrases(ask.message)
        if endless:
            findings.append(
                AskFinding(
                    "open_ended",
                    "warning",
                    "The message says "
                    + join_words([f"'{p}'" for p in endless[:3]])
                    + ", which makes the ask open-ended again. Say when it ends; you can "
                    "always ask for more at the end.",
                )
            )
    if ask.message.strip() and not ask.sender.strip():
        findings.append(
            AskFinding(
                "no_name",
                "problem",
                "The message ends without your name. Fill in “About you” on the start page "
                "(00_start_here), then come back: your name signs the message.",
            )
        )
    elif ask.message.strip() and ask.sender.strip().casefold() not in ask.message.casefold():
        findings.append(
            AskFinding(
                "unsigned",
                "warning",
                f"The message is not signed: end it with your name ({ask.sender.strip()}), "
                "or press “Draft the message again”.",
            )
        )
    if ask.language_note:
        findings.append(AskFinding("no_template", "info", ask.language_note))
    if workbook is not None:
        findings.extend(_already_asked(ask, workbook))
    if not ask.contact_email:
        findings.append(
            AskFinding(
                "no_email",
                "info",
                f"There is no e-mail address for {ask.contact_name}; the e-mail link will open "
                "without a recipient.",
            )
        )
    order = {"problem": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.level])


def _already_asked(ask: Ask, workbook: Workbook) -> list[AskFinding]:
    findings = []
    for mentorship in workbook.mentorships:
        if mentorship.id == ask.mentorship_id or mentorship.contact_id != ask.contact_id:
            continue
        if mentorship.status in OPEN_STATUSES:
            about = next(
                (g.statement for g in workbook.goals if g.id == mentorship.goal_id),
                mentorship.goal_id,
            )
            findings.append(
                AskFinding(
                    "already_asked",
                    "warning",
                    f"{ask.contact_name} is already {_status_words(mentorship.status)} "
                    f"(about: {shorten(about, 60)}). Asking the same person twice at once is a "
                    "lot; consider somebody else.",
                )
            )
        elif mentorship.status == "draft" and mentorship.goal_id == ask.goal_id:
            findings.append(
                AskFinding(
                    "already_asked",
                    "info",
                    f"There is already a draft ask to {ask.contact_name} for this goal; saving "
                    "updates that draft.",
                )
            )
    return findings


def _status_words(status: str) -> str:
    return Status(status).words.busy or status


# --------------------------------------------------------------------------------------
# To and from the workbook
# --------------------------------------------------------------------------------------


def ask_to_mentorship(
    ask: Ask, *, mentorship_id: str | None = None, at: datetime | None = None
) -> Mentorship:
    """The workbook record of ``ask`` as a draft (its history starts with ``draft``).

    Raises:
        InputError: the ask names no goal (a mentorship always belongs to a goal).
    """
    if not ask.goal_id:
        raise InputError("goal: choose the goal this ask is for before saving it")
    return Mentorship(
        id=mentorship_id or ask.mentorship_id or new_id("m"),
        goal_id=ask.goal_id,
        **_terms(ask),
        status="draft",
        history=[StatusChange(status="draft", at=at or now())],
    )


def _terms(ask: Ask) -> dict[str, Any]:
    """What an ask proposes, as the matching fields of a :class:`Mentorship`."""
    return {
        "contact_id": ask.contact_id,
        "sessions": ask.sessions,
        "minutes": ask.minutes,
        "weeks": ask.weeks,
        "start": ask.start,
        "plan": list(ask.plan),
        "schedule_by": ask.schedule_by,
        "commitments": list(ask.commitments),
        "feedback_wanted": ask.feedback_wanted,
        "message": ask.message,
    }


def update_draft(mentorship: Mentorship, ask: Ask) -> Mentorship:
    """``mentorship`` (a draft) with the numbers, commitments and message of ``ask``.

    Raises:
        InputError: the mentorship is no longer a draft: once sent, an ask stays as sent.
    """
    if mentorship.status != "draft":
        raise InputError(
            f"This ask is {STATUS_WORDS[mentorship.status]}, so what was sent cannot be "
            "changed; start a new ask instead"
        )
    return replace(
        mentorship,
        goal_id=ask.goal_id or mentorship.goal_id,
        **_terms(ask),
        history=list(mentorship.history),
    )


def saved_plan(mentorship: Mentorship) -> list[date] | None:
    """The dates a saved ask proposed, as kept with it; ``None`` when none were kept (an older
    workbook) or they no longer fit its number of conversations (a hand-edited file)."""
    if len(mentorship.plan) != mentorship.sessions:
        return None
    return sorted(mentorship.plan)


def keepable_plan(
    start: date | None, sessions: int, weeks: int, *, country: str = "", away: Sequence[Away] = ()
) -> list[PlannedDate]:
    """The proposed dates of an ask, in order: the weekday plan moved off holidays and away days.

    The one rule for a new ask and for one rebuilt from a saved mentorship (its calendar file
    and text must propose the days the participant was shown).
    """
    planned = plan_dates(start, sessions, weeks) if start is not None else ()
    return sorted(keepable_dates(planned, country=country, away=away), key=lambda p: p.day)


def ask_from_mentorship(
    mentorship: Mentorship,
    goal: Goal | None,
    contact: Contact,
    *,
    sender: str = "",
    country: str = "",
    away: Sequence[Away] = (),
) -> Ask:
    """The ask a saved mentorship records (its message as saved, or a fresh draft if empty).

    ``country`` and ``away`` are the participant's (their profile): the dates are moved off
    holidays and time away by the same rule as a new ask's (:func:`keepable_plan`).
    """
    kept = keepable_plan(
        mentorship.start, mentorship.sessions, mentorship.weeks, country=country, away=away
    )
    sent = saved_plan(mentorship)
    if sent is not None and [planned.day for planned in kept] != sent:
        # The profile changed since (a holiday country, time away): the dates stay as sent.
        kept = [PlannedDate(day) for day in sent]
    ask = Ask(
        goal_id=mentorship.goal_id,
        goal_statement=goal.statement if goal is not None else "",
        contact_id=contact.id,
        contact_name=contact.name,
        contact_email=contact.email.strip(),
        sessions=mentorship.sessions,
        minutes=mentorship.minutes,
        weeks=mentorship.weeks,
        start=mentorship.start,
        plan=tuple(planned.day for planned in kept),
        plan_notes=tuple(planned.note for planned in kept if planned.note),
        total_minutes=mentorship.sessions * mentorship.minutes,
        schedule_by=mentorship.schedule_by,
        commitments=tuple(mentorship.commitments),
        feedback_wanted=mentorship.feedback_wanted,
        resources_welcome=False,
        reason="",
        sender=sender,
        message=mentorship.message,
        mentorship_id=mentorship.id,
        tie_strength=contact.tie_strength,
        language=ask_language(goal)[0],
    )
    return ask if ask.message.strip() else replace(ask, message=draft_message(ask))


# --------------------------------------------------------------------------------------
# Working on a whole workbook (what the CLI and the widget share)
# --------------------------------------------------------------------------------------


def candidate_reason(workbook: Workbook, goal: Goal, contact: Contact) -> str:
    """Why ``contact`` for ``goal``, as a phrase for the message, from the network ranking."""
    from mentorkit.network import rank_candidates  # the network step owns the ranking

    language, _ = ask_language(goal)
    for candidate in rank_candidates(workbook, goal):
        if candidate.contact_id == contact.id:
            if language == "en" and candidate.why:
                return candidate.why
            areas = [a for a in candidate.matched_areas if a in contact.areas]
            if language == "en":
                return default_reason(goal, contact, areas) or contact_reason(contact)
            return contact_reason(contact, language, areas[0] if areas else "")
    if language == "en":
        return default_reason(goal, contact) or contact_reason(contact)
    return contact_reason(contact, language)


def candidate_help(workbook: Workbook, goal: Goal, contact: Contact) -> str:
    """The help wanted from ``contact`` for ``goal``, from the concept the ranking matched."""
    from mentorkit.network import rank_candidates

    language, _ = ask_language(goal)
    for candidate in rank_candidates(workbook, goal):
        if candidate.contact_id == contact.id and candidate.concepts:
            return default_help(goal, language, candidate.concepts[0])
    return default_help(goal, language)


_Item = TypeVar("_Item", Goal, Contact)


def _find(items: Sequence[_Item], item_id: str, what: str, *, listed: int) -> _Item:
    """The item whose ``id`` is ``item_id``; the error names up to ``listed`` ids there are."""
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(item.id for item in items[:listed]) or "none yet"
    more = " ..." if len(items) > listed else ""
    raise InputError(f"{what} {item_id!r}: not in this workbook ({what}s: {known}{more})")


def find_goal(workbook: Workbook, goal_id: str) -> Goal:
    """The workbook's goal ``goal_id``; the error lists the ids there are.

    Raises:
        InputError: no goal has this id.
    """
    return _find(workbook.goals, goal_id, "goal", listed=len(workbook.goals))


def find_contact(workbook: Workbook, contact_id: str) -> Contact:
    """The workbook's contact ``contact_id``; the error lists a few ids there are.

    Raises:
        InputError: no contact has this id.
    """
    return _find(workbook.contacts, contact_id, "contact", listed=10)


def open_mentorship_for(workbook: Workbook, goal_id: str, contact_id: str) -> Mentorship | None:
    """The latest mentorship of this goal with this person that is not over yet, if any."""
    for mentorship in reversed(workbook.mentorships):
        if (
            mentorship.goal_id == goal_id
            and mentorship.contact_id == contact_id
            and mentorship.status not in FINAL_STATUSES
        ):
            return mentorship
    return None


def save_draft(workbook: Workbook, ask: Ask, *, at: datetime | None = None) -> Mentorship:
    """Save ``ask`` into ``workbook`` (in place) as a draft and return the saved record.

    The ask's own record, or else an open draft of the same goal and person, is updated;
    otherwise a new draft is added.  Meant for :func:`mentorkit.store.update_workbook`.

    Raises:
        InputError: the ask names no goal, or its record was already sent.
    """
    existing: Mentorship | None = None
    if ask.mentorship_id:
        existing = next((m for m in workbook.mentorships if m.id == ask.mentorship_id), None)
    if existing is None:
        found = open_mentorship_for(workbook, ask.goal_id, ask.contact_id)
        existing = found if found is not None and found.status == "draft" else None
    if existing is None:
        saved = ask_to_mentorship(ask, mentorship_id=new_id("m"), at=at)
        workbook.mentorships.append(saved)
        return saved
    saved = update_draft(existing, ask)
    workbook.mentorships[workbook.mentorships.index(existing)] = saved
    return saved
