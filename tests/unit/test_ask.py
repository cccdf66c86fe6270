"""compose_ask, the plan of dates, every check, and the way to and from the workbook."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit import ask as A
from mentorkit.errors import InputError
from mentorkit.model import Contact, Goal, Mentorship, Workbook
from mentorkit.store import load_workbook
from tests.strategies import workbooks

MONDAY = date(2026, 11, 30)
HOSTILE = "<script>alert('x')</script> & \"Zoë\" ?cc=evil@example.org"


def _goal(**fields: object) -> Goal:
    base: dict[str, object] = {
        "id": "g1",
        "statement": "Find three strategies for a better work-life balance",
        "areas": ["work-life balance"],
    }
    base.update(fields)
    return Goal(**base)  # type: ignore[arg-type]


def _contact(**fields: object) -> Contact:
    base: dict[str, object] = {
        "id": "c1",
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "areas": ["work-life balance", "writing"],
    }
    base.update(fields)
    return Contact(**base)  # type: ignore[arg-type]


#: Who signs the asks checked below (an ask without a name is its own finding).
SENDER = "Sam Lee"


def _codes(findings: list[A.AskFinding]) -> set[str]:
    return {f.code for f in findings}


# ---------------------------------------------------------------------------- the plan


def test_four_conversations_over_eight_weeks_are_a_fortnight_apart() -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY)
    assert ask.plan == tuple(MONDAY + timedelta(weeks=2 * k) for k in range(4))
    assert ask.total_minutes == 120
    assert ask.ends_on == date(2027, 1, 25)


@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    sessions=st.integers(1, 12),
    weeks=st.integers(1, 26),
)
def test_plan_dates_are_weekdays_inside_the_span_in_order(
    start: date, sessions: int, weeks: int
) -> None:
    plan = A.plan_dates(start, sessions, weeks)
    assert len(plan) == sessions
    assert all(day.weekday() < 5 for day in plan)
    assert all(start <= day < start + timedelta(weeks=weeks) for day in plan)
    assert list(plan) == sorted(plan)
    if sessions <= weeks * 5:
        assert len(set(plan)) == sessions


def test_weekend_start_moves_the_first_conversation_to_monday() -> None:
    plan = A.plan_dates(date(2026, 11, 28), 3, 8)  # a Saturday
    assert plan[0] == MONDAY
    assert plan[-1] > plan[0] + timedelta(weeks=4)  # spread, not bunched at the start


def test_suggested_start_is_the_next_monday() -> None:
    assert A.suggested_start(date(2026, 11, 23)) == MONDAY  # from a Monday: a week later
    assert A.suggested_start(date(2026, 11, 29)) == MONDAY  # from a Sunday: the next day


# ---------------------------------------------------------------------------- the message


def test_message_names_goal_person_numbers_and_end() -> None:
    ask = A.compose_ask(
        _goal(),
        _contact(),
        start=MONDAY,
        reason="you seem to manage this well",
        feedback_wanted="How I say no",
        resources_welcome=True,
        sender="Sam Okoro",
    )
    text = ask.message
    assert text.startswith("Dear Ada,")
    assert "one specific goal: Find three strategies for a better work-life balance" in text
    assert "because you seem to manage this well" in text
    assert "four 30-minute conversations" in text
    assert "eight weeks" in text
    assert "Monday 25 January 2027" in text
    assert "2 hours of your time" in text
    assert "especially on how I say no" in text
    assert "resources" in text
    assert text.rstrip().endswith("Sam Okoro")
    assert A.vague_parts(ask) == []


def test_commitments_follow_who_schedules() -> None:
    mentee = A.compose_ask(_goal(), _contact(), start=MONDAY)
    mentor = A.compose_ask(_goal(), _contact(), start=MONDAY, schedule_by="mentor")
    assert "I will arrange our conversations" in mentee.commitments[0]
    assert "times that suit you" in mentor.commitments[0]
    assert not any("resources" in c for c in mentee.commitments)
    assert len(mentee.commitments) == 4


def test_default_reason_from_matched_or_shared_areas() -> None:
    assert A.default_reason(_goal(), _contact(), ["writing"]) == (
        "you have real experience with writing"
    )
    assert (
        A.default_reason(_goal(), _contact()) == "you have real experience with work-life balance"
    )
    assert A.default_reason(_goal(areas=[]), _contact()) == ""


@pytest.mark.parametrize(
    ("field", "value"), [("sessions", 0), ("minutes", 500), ("weeks", 0), ("sessions", True)]
)
def test_out_of_range_numbers_are_refused(field: str, value: int) -> None:
    with pytest.raises(InputError, match=field):
        A.compose_ask(_goal(), _contact(), start=MONDAY, **{field: value})  # type: ignore[arg-type]


def test_unknown_schedule_by_is_refused() -> None:
    with pytest.raises(InputError, match="schedule_by"):
        A.compose_ask(_goal(), _contact(), schedule_by="boss")  # type: ignore[arg-type]


def test_hostile_text_is_kept_intact_in_the_message() -> None:
    ask = A.compose_ask(_goal(statement=HOSTILE), _contact(name=HOSTILE), start=MONDAY)
    assert HOSTILE in ask.message or HOSTILE[0].lower() + HOSTILE[1:] in ask.message
    assert ask.contact_name == HOSTILE


# ---------------------------------------------------------------------------- checks


def test_a_good_ask_has_no_problems() -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY, sender=SENDER)
    assert A.check_ask(ask, workbook=Workbook(goals=[_goal()]), today=MONDAY) == []


def test_an_ask_without_the_senders_name_is_not_ready() -> None:
    unsigned = A.compose_ask(_goal(), _contact(), start=MONDAY)
    findings = A.check_ask(unsigned)
    assert _codes(findings) == {"no_name"} and findings[0].level == "problem"
    assert "About you" in findings[0].message
    signed = A.compose_ask(_goal(), _contact(), start=MONDAY, sender=SENDER)
    assert signed.message.rstrip().endswith(SENDER)
    assert "no_name" not in _codes(A.check_ask(signed))
    edited = A.with_message(signed, "Hi, could we talk four times for 30 minutes until 25 Jan?")
    unsigned = [f for f in A.check_ask(edited) if f.code == "unsigned"]
    assert unsigned and unsigned[0].level == "warning" and SENDER in unsigned[0].message


def test_proposed_dates_skip_the_senders_holidays_and_time_away_and_say_so() -> None:
    from mentorkit.model import Away

    goal, contact = _goal(), _contact()
    plain = A.compose_ask(goal, contact, start=date(2026, 12, 17), sessions=4, weeks=4)
    assert date(2026, 12, 24) in plain.plan  # without a country the plan knows no holidays
    kept = A.compose_ask(
        goal,
        contact,
        start=date(2026, 12, 17),
        sessions=4,
        weeks=4,
        country="DE",
        away=[Away(start=date(2026, 12, 28), end=date(2027, 1, 1), note="family")],
    )
    closed = {date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26), date(2026, 12, 31)}
    away_days = {date(2026, 12, 28) + timedelta(days=n) for n in range(5)}
    assert not set(kept.plan) & (closed | away_days | {date(2027, 1, 1)})
    assert list(kept.plan) == sorted(kept.plan) and len(set(kept.plan)) == 4
    moved = A.compose_ask(
        goal, contact, start=date(2026, 12, 24), sessions=1, weeks=1, country="DE"
    )
    assert moved.plan == (date(2026, 12, 28),)
    assert moved.plan_notes == ("moved from 24 Dec: public holiday (Christmas Eve)",)


def test_too_long() -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY, weeks=12, sessions=4, sender=SENDER)
    assert _codes(A.check_ask(ask)) == {"too_long"}
    assert "too_long" not in _codes(
        A.check_ask(A.compose_ask(_goal(), _contact(), start=MONDAY, sender=SENDER))
    )


@pytest.mark.parametrize(("sessions", "minutes", "weeks"), [(6, 30, 4), (4, 90, 8)])
def test_too_heavy(sessions: int, minutes: int, weeks: int) -> None:
    ask = A.compose_ask(
        _goal(),
        _contact(),
        start=MONDAY,
        sessions=sessions,
        minutes=minutes,
        weeks=weeks,
        sender=SENDER,
    )
    findings = A.check_ask(ask)
    assert _codes(findings) == {"too_heavy"}
    assert "time" in findings[0].message


def test_one_a_week_for_an_hour_is_not_too_heavy_for_a_strong_tie() -> None:
    close = _contact(tie_strength="strong")
    ask = A.compose_ask(_goal(), close, start=MONDAY, sessions=8, minutes=60, weeks=8)
    assert "too_heavy" not in _codes(A.check_ask(ask))


@pytest.mark.parametrize(
    ("tie", "sessions", "minutes", "heavy"),
    [
        ("weak", 8, 60, True),  # the 8 x 60 minutes from a weak tie
        ("weak", 4, 45, False),  # 3 hours: fine
        ("weak", 5, 45, True),  # 3 h 45: a lot for a weak tie
        ("strong", 5, 45, False),
        ("strong", 8, 60, False),
        ("strong", 10, 60, True),
    ],
)
def test_total_time_warning_depends_on_the_tie(
    tie: str, sessions: int, minutes: int, heavy: bool
) -> None:
    ask = A.compose_ask(
        _goal(), _contact(tie_strength=tie), start=MONDAY, sessions=sessions, minutes=minutes
    )
    findings = [f for f in A.check_ask(ask) if f.code == "too_heavy"]
    assert bool(findings) == heavy
    if heavy:
        assert f"{tie} tie" in findings[0].message


def test_total_time_uses_the_workbook_contact_when_the_ask_does_not_know_the_tie() -> None:
    ask = replace(
        A.compose_ask(_goal(), _contact(), start=MONDAY, sessions=8, minutes=60), tie_strength=""
    )
    workbook = Workbook(goals=[_goal()], contacts=[_contact(tie_strength="strong")])
    assert "too_heavy" not in _codes(A.check_ask(ask, workbook=workbook))
    assert "too_heavy" in _codes(A.check_ask(ask))  # unknown counts as weak


@pytest.mark.parametrize(
    "tail",
    [
        "and after that we can keep meeting for as long as it's useful.",
        "I would love this to be an ongoing thing.",
        "and regularly from now on.",
        "et ensuite aussi longtemps que vous voulez.",
        "y luego indefinidamente.",
        "und danach gern dauerhaft.",
    ],
)
def test_open_ended_phrasing_is_flagged(tail: str) -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY)
    edited = A.with_message(ask, ask.message + "\n\n" + tail)
    assert "open_ended" in _codes(A.check_ask(edited))
    assert "open_ended" not in _codes(A.check_ask(ask))


@pytest.mark.parametrize(
    "message",
    [
        "Could we have 4 x 30 min calls until end of January?",
        "Four half-hour chats, finishing by mid-January?",
        "4x30 minute calls, done by the end of January",
        "Quatre entretiens de 30 minutes jusqu'à fin janvier ?",
        "Vier Gespräche von 30 Minuten bis Ende Januar?",
        "Cuatro conversaciones de media hora hasta finales de enero",
    ],
)
def test_compact_forms_are_specific(message: str) -> None:
    ask = A.with_message(A.compose_ask(_goal(), _contact(), start=MONDAY), message)
    # the span runs from 30 November 2026 to 25 January 2027
    assert A.vague_parts(ask) == []


def test_a_month_far_from_the_end_is_not_an_end() -> None:
    ask = A.with_message(
        A.compose_ask(_goal(), _contact(), start=MONDAY), "4 x 30 min calls until mid-June"
    )
    assert A.vague_parts(ask) == ["until when"]


def test_no_end_date() -> None:
    ask = A.compose_ask(_goal(), _contact())
    assert ask.plan == () and ask.ends_on is None
    findings = A.check_ask(ask)
    assert "no_end_date" in _codes(findings)
    assert "vague_ask" not in _codes(findings)  # "eight weeks" still says until when


def test_no_goal() -> None:
    ask = A.compose_ask(None, _contact(), start=MONDAY, sender=SENDER)
    assert _codes(A.check_ask(ask)) == {"no_goal"}
    with pytest.raises(InputError, match="goal"):
        A.ask_to_mentorship(ask)


@pytest.mark.parametrize(
    ("message", "missing"),
    [
        ("Will you be my mentor?", ["how many", "how long", "until when"]),
        ("Could we have four conversations over eight weeks?", ["how long"]),
        ("Could we talk for 30 minutes a few times until 25 January?", ["how many"]),
        ("Could we have 4 calls of 30 minutes now and then?", ["until when"]),
        ("Could we have 4 chats of half an hour until 2027-01-25?", []),
    ],
)
def test_vague_ask(message: str, missing: list[str]) -> None:
    ask = A.with_message(A.compose_ask(_goal(), _contact(), start=MONDAY), message)
    assert A.vague_parts(ask) == missing
    assert ("vague_ask" in _codes(A.check_ask(ask))) == bool(missing)


def test_empty_message_is_vague() -> None:
    ask = A.with_message(A.compose_ask(_goal(), _contact(), start=MONDAY), "  ")
    assert "vague_ask" in _codes(A.check_ask(ask))


def test_one_hour_sessions_said_in_words_are_not_vague() -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY, sessions=1, minutes=60, weeks=2)
    ask = A.with_message(ask, "Could we have one conversation of an hour within two weeks?")
    assert A.vague_parts(ask) == []


def test_already_asked_for_an_open_mentorship() -> None:
    other_goal = _goal(id="g2", statement="Write a career plan")
    workbook = Workbook(
        goals=[_goal(), other_goal],
        contacts=[_contact()],
        mentorships=[Mentorship(id="m1", goal_id="g2", contact_id="c1", status="active")],
    )
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY, sender=SENDER)
    findings = A.check_ask(ask, workbook=workbook)
    assert [f.code for f in findings] == ["already_asked"]
    assert "Write a career plan" in findings[0].message
    workbook.mentorships[0].status = "completed"
    assert A.check_ask(ask, workbook=workbook) == []
    # the saved ask itself is not "already asked"
    workbook.mentorships[0].status = "asked"
    assert A.check_ask(replace(ask, mentorship_id="m1"), workbook=workbook) == []


def test_goal_not_active_start_in_past_and_no_email() -> None:
    ask = A.compose_ask(_goal(status="achieved"), _contact(email=""), start=MONDAY, sender=SENDER)
    findings = A.check_ask(ask, goal=_goal(status="achieved"), today=MONDAY + timedelta(days=1))
    assert _codes(findings) == {"goal_not_active", "start_in_past", "no_email"}
    assert [f.level for f in findings] == sorted(
        (f.level for f in findings), key=["problem", "warning", "info"].index
    )


# ---------------------------------------------------------------------------- workbook


def test_ask_to_mentorship_and_back() -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY, feedback_wanted="pace")
    at = datetime(2026, 11, 23, 9, tzinfo=UTC)
    m = A.ask_to_mentorship(ask, at=at)
    assert m.status == "draft" and [c.status for c in m.history] == ["draft"]
    assert m.history[0].at == at
    assert (m.sessions, m.minutes, m.weeks, m.start) == (4, 30, 8, MONDAY)
    assert m.message == ask.message and m.commitments == list(ask.commitments)
    back = A.ask_from_mentorship(m, _goal(), _contact())
    assert back.plan == ask.plan and back.message == ask.message and back.mentorship_id == m.id


def test_update_draft_only_for_drafts() -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY)
    m = A.ask_to_mentorship(ask)
    changed = A.update_draft(m, A.compose_ask(_goal(), _contact(), start=MONDAY, sessions=3))
    assert changed.sessions == 3 and changed.id == m.id and m.sessions == 4
    m.status = "asked"
    with pytest.raises(InputError, match="cannot be changed"):
        A.update_draft(m, ask)


def test_sample_draft_loads_as_an_ask(cohort_dir: Path) -> None:
    workbook = load_workbook(cohort_dir / "workbooks" / "p04.json")
    draft = next(m for m in workbook.mentorships if m.status == "draft")
    ask = A.ask_from_mentorship(
        draft, workbook.goal(draft.goal_id), workbook.contact(draft.contact_id)
    )
    assert ask.message == draft.message
    assert A.vague_parts(ask) == []


@pytest.mark.parametrize(
    ("sessions", "message", "says"),
    [
        (4, "four 30-minute conversations", True),
        (4, "4 calls of half an hour", True),
        (4, "could we meet four times", True),
        (4, "I have four questions; could we have some calls?", False),
        (3, "four 30-minute conversations", False),
        (1, "a single conversation", True),
        (1, "a few conversations", False),
        (2, "two quick catch-ups", True),
    ],
)
def test_how_many_needs_a_count_of_meetings(sessions: int, message: str, says: bool) -> None:
    ask = A.compose_ask(_goal(), _contact(), start=MONDAY, sessions=sessions)
    assert ("how many" not in A.vague_parts(A.with_message(ask, message))) == says


# ---------------------------------------------------------------------------- issue 13


def test_the_goal_keeps_its_own_capitals() -> None:
    goal = _goal(statement="I want to give two talks at NHS Scotland events.")
    message = A.compose_ask(goal, _contact(), start=MONDAY).message
    assert "one specific goal: I want to give two talks at NHS Scotland events." in message
    assert "i want" not in message


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Ada Lovelace", "Dear Ada,"),
        ("Dr Rhian Evans", "Dear Dr Evans,"),
        ("Dr. Evans", "Dear Dr. Evans,"),
        ("Prof. Dr. Hans Müller", "Dear Prof. Dr. Müller,"),
        ("Jane Evans, PhD", "Dear Jane,"),
        ("Ms Ana Lima RN", "Dear Ms Lima,"),
        ("Dr.", "Hello,"),
        ("  ", "Hello,"),
        (".", "Hello,"),
        ("- Ada", "Dear Ada,"),
        ("Sam.", "Dear Sam,"),  # a full stop typed after the name
        ("0.", "Dear 0,"),
    ],
)
def test_salutations_handle_titles(name: str, greeting: str) -> None:
    message = A.compose_ask(_goal(), _contact(name=name), start=MONDAY).message
    assert message.startswith(greeting + "\n")
    assert "Dear Dr.," not in message


@pytest.mark.parametrize(
    ("weeks", "words"),
    [(1, "one week"), (8, "eight weeks"), (20, "twenty weeks"), (26, "26 weeks")],
)
def test_the_span_in_words_matches_the_weeks(weeks: int, words: str) -> None:
    message = A.compose_ask(_goal(), _contact(), start=MONDAY, weeks=weeks).message
    assert f"Over the next {words} I am working" in message
    assert "few weeks" not in message


@pytest.mark.parametrize(
    ("contact", "because"),
    [
        (
            Contact(id="c", name="Bo", areas=["work-life balance"]),
            "you have real experience with work-life balance",
        ),
        (Contact(id="c", name="Bo", position="Head of Nursing"), "your work as Head of Nursing"),
        (
            Contact(id="c", name="Bo", relationship="my old flatmate"),
            "you know me and my work (my old flatmate)",
        ),
        (Contact(id="c", name="Bo"), "I value your judgement"),
    ],
)
def test_there_is_always_a_why_you_line(contact: Contact, because: str) -> None:
    message = A.compose_ask(_goal(), contact, start=MONDAY).message
    assert "I am writing to you because " + because in message


def test_why_you_and_help_come_from_the_concept_the_ranking_matched() -> None:
    goal = _goal(statement="Give two talks at conferences", areas=["presenting"])
    speaker = Contact(id="c", name="Dr Rhian Evans", position="Keynote speaker and trainer")
    workbook = Workbook(goals=[goal], contacts=[speaker])
    reason = A.candidate_reason(workbook, goal, speaker)
    assert reason == "your work as Keynote speaker and trainer means you know public speaking well"
    help_wanted = A.candidate_help(workbook, goal, speaker)
    assert "rehearsal" in help_wanted
    ask = A.compose_ask(goal, speaker, start=MONDAY, reason=reason, help_wanted=help_wanted)
    assert ask.message.startswith("Dear Dr Evans,")
    assert "What I would value most from you is help preparing a talk" in ask.message


def test_a_help_line_even_without_a_concept() -> None:
    message = A.compose_ask(_goal(areas=[]), _contact(), start=MONDAY).message
    assert "What I would value most from you is your view on how you would approach" in message


@pytest.mark.parametrize(
    ("statement", "language", "greeting", "words"),
    [
        (
            "Améliorer ma prise de parole en réunion d'équipe",
            "fr",
            "Bonjour Ada,",
            "4 conversations de 30 minutes",
        ),
        (
            "Mejorar mis presentaciones delante del comité",
            "es",
            "Hola, Ada:",
            "4 conversaciones de 30 minutos",
        ),
        (
            "Lernen, wie ich meinem Team konstruktives Feedback gebe",
            "de",
            "Hallo Ada,",
            "4 Gespräche von je 30 Minuten",
        ),
    ],
)
def test_messages_in_the_goals_language_stay_specific(
    statement: str, language: str, greeting: str, words: str
) -> None:
    ask = A.compose_ask(_goal(statement=statement), _contact(), start=MONDAY, sender="Sam")
    assert ask.language == language and ask.language_note == ""
    assert ask.message.startswith(greeting)
    assert statement in ask.message  # capitals and accents as written
    assert words in ask.message
    assert "25" in ask.message and "2027" in ask.message  # the end date
    assert A.vague_parts(ask) == []
    assert "Dear" not in ask.message and "I will" not in ask.message
    assert "no_template" not in _codes(A.check_ask(ask))


def test_a_language_without_a_template_gets_an_honest_note() -> None:
    goal = _goal(statement="Quero melhorar minhas apresentações em público")
    ask = A.compose_ask(goal, _contact(), start=MONDAY)
    assert ask.language == "en"
    assert "English" in ask.language_note
    assert "no_template" in _codes(A.check_ask(ask))
    assert A.vague_parts(ask) == []


@settings(max_examples=60, deadline=None)
@given(workbooks(), st.integers(1, 12), st.integers(1, 26))
def test_any_workbook_drafts_specific_asks(wb: Workbook, sessions: int, weeks: int) -> None:
    """Whatever a participant typed, in whatever language, the draft says how many, how
    long and until when, keeps the goal as written and greets somebody."""
    for goal in wb.goals[:2]:
        for contact in wb.contacts[:2]:
            ask = A.compose_ask(goal, contact, sessions=sessions, weeks=weeks, start=MONDAY)
            assert A.vague_parts(ask) == []
            assert A._goal_text(goal.statement) in ask.message
            assert ask.reason  # always a why-you line
            first = ask.message.split("\n", 1)[0]
            assert first.strip() and not first.endswith(".,")
            assert ask.language in A.ASK_LANGUAGES
            A.check_ask(ask, workbook=wb, today=MONDAY)


def test_every_ask_language_has_the_words_check_ask_reads() -> None:
    from mentorkit import ask as asking

    assert set(asking._CHECK_WORDS) == set(asking.ASK_LANGUAGES)
    for language, words in asking._CHECK_WORDS.items():
        assert len(words["months"]) == 12, language
        assert language == "en" or len(words["numbers"]) == 12, language
