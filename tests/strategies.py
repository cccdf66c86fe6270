"""Hypothesis strategies for the workbook model, kept in one place."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import strategies as st

from mentorkit.model import (
    GOAL_STATUSES,
    GOAL_TYPES,
    MENTOR_FUNCTIONS,
    MENTORSHIP_STATUSES,
    SPHERES,
    TIE_STRENGTHS,
    CheckIn,
    Contact,
    Goal,
    Mentorship,
    Profile,
    Reflection,
    StatusChange,
    Workbook,
)

# Any text a person could type or paste, except lone surrogates (which no UTF-8 file can hold
# and the store refuses with a message).
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
ids = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
times = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def workbooks(draw: st.DrawFn, at_least: int = 0) -> Workbook:
    """A valid workbook: unique ids, and every reference points at something that exists.

    Args:
        at_least: The fewest goals, contacts, mentorships, check-ins and reflections (the
            store reads lists of eight or more objects column by column).
    """

    def some_ids(most: int) -> list[str]:
        return draw(st.lists(ids, unique=True, min_size=at_least, max_size=max(most, at_least)))

    goal_ids = some_ids(4)
    contact_ids = some_ids(4)
    goals = [
        Goal(
            id=goal_id,
            statement=draw(text),
            type=draw(st.sampled_from((None, *GOAL_TYPES))),  # type: ignore[arg-type]
            why=draw(text),
            success_measure=draw(text),
            target_date=draw(st.none() | dates),
            first_step=draw(text),
            first_step_date=draw(st.none() | dates),
            confidence=draw(st.integers(1, 7)),
            areas=draw(st.lists(text, max_size=3)),
            status=draw(st.sampled_from(GOAL_STATUSES)),  # type: ignore[arg-type]
            created=draw(times),
            updated=draw(times),
        )
        for goal_id in goal_ids
    ]
    contacts = [
        Contact(
            id=contact_id,
            name=draw(text),
            relationship=draw(text),
            sphere=draw(st.sampled_from(SPHERES)),  # type: ignore[arg-type]
            tie_strength=draw(st.sampled_from(TIE_STRENGTHS)),  # type: ignore[arg-type]
            areas=draw(st.lists(text, max_size=3)),
            functions=draw(st.lists(st.sampled_from(MENTOR_FUNCTIONS), unique=True)),
            email=draw(text),
            notes=draw(text),
        )
        for contact_id in contact_ids
    ]
    mentorships: list[Mentorship] = []
    if goal_ids and contact_ids:
        for mentorship_id in some_ids(3):
            mentorships.append(
                Mentorship(
                    id=mentorship_id,
                    goal_id=draw(st.sampled_from(goal_ids)),
                    contact_id=draw(st.sampled_from(contact_ids)),
                    sessions=draw(st.integers(1, 52)),
                    minutes=draw(st.integers(5, 480)),
                    weeks=draw(st.integers(1, 104)),
                    start=draw(st.none() | dates),
                    commitments=draw(st.lists(text, max_size=3)),
                    message=draw(text),
                    status=draw(st.sampled_from(MENTORSHIP_STATUSES)),  # type: ignore[arg-type]
                    history=[
                        StatusChange(status, at, note)
                        for status, at, note in draw(
                            st.lists(
                                st.tuples(st.sampled_from(MENTORSHIP_STATUSES), times, text),
                                max_size=3,
                            )
                        )
                    ],
                )
            )
    mentorship_ids = [m.id for m in mentorships]
    checkins = []
    if mentorship_ids:
        for checkin_id in some_ids(3):
            checkins.append(
                CheckIn(
                    id=checkin_id,
                    mentorship_id=draw(st.sampled_from(mentorship_ids)),
                    date=draw(dates),
                    held=draw(st.booleans()),
                    minutes=draw(st.integers(0, 480)),
                    notes=draw(text),
                    rating=draw(st.none() | st.integers(-2, 2)),
                )
            )
    reflections = [
        Reflection(
            id=reflection_id,
            date=draw(dates),
            prompt=draw(text),
            text=draw(text),
            mentorship_id=draw(st.none() | st.sampled_from(mentorship_ids))
            if mentorship_ids
            else None,
        )
        for reflection_id in some_ids(2)
    ]
    return Workbook(
        profile=Profile(name=draw(text), role=draw(text), cycle_start=draw(st.none() | dates)),
        participant_id=draw(st.just("") | ids),
        goals=goals,
        contacts=contacts,
        mentorships=mentorships,
        checkins=checkins,
        reflections=reflections,
    )
