"""The calendar file (read back by icalendar and by a small RFC 5545 reader), e-mail, text."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mentorkit import ask as A
from mentorkit import exports as E
from mentorkit.errors import InputError
from mentorkit.model import Contact, Goal

MONDAY = date(2026, 11, 30)
STAMP = datetime(2026, 11, 23, 9, tzinfo=UTC)
HOSTILE_GOAL = 'Lead <b>workshops</b>; say "no" & mean it, \\ too, 100% ?x=1\nsecond line'
HOSTILE_NAME = "Zoë <img src=x onerror=alert(1)> O'Brien, Jr.; Ünïcode 日本"
HOSTILE_EMAIL = "zoe@example.org?cc=evil@example.org&bcc=x@y.z"


def _ask(**overrides: object) -> A.Ask:
    goal = Goal(id="g1", statement=str(overrides.pop("statement", "Run my first budget review")))
    contact = Contact(
        id="c1",
        name=str(overrides.pop("name", "Ada Lovelace")),
        email=str(overrides.pop("email", "ada@example.org")),
    )
    return A.compose_ask(goal, contact, start=MONDAY, **overrides)  # type: ignore[arg-type]


# ------------------------------------------------------------ a second, independent reader


def read_ics(data: bytes) -> list[dict[str, list[tuple[dict[str, str], str]]]]:
    """A minimal RFC 5545 reader: unfold lines, split name;params:value, group by component.

    Returns every component as a dict of property name -> [(params, raw value)], with a
    ``_name`` entry holding the component's name.  Written for the test so the file is checked
    by something that shares no code with the library that wrote it.
    """
    text = data.decode("utf-8")
    assert "\r\n" in text, "RFC 5545 lines end with CRLF"
    lines = re.sub(r"\r\n[ \t]", "", text).split("\r\n")
    components: list[dict[str, list[tuple[dict[str, str], str]]]] = []
    stack: list[dict[str, list[tuple[dict[str, str], str]]]] = []
    for line in lines:
        if not line:
            continue
        assert len(line.encode("utf-8")) > 0
        head, _, value = line.partition(":")
        name, *param_parts = head.split(";")
        params = dict(part.split("=", 1) for part in param_parts)
        if name == "BEGIN":
            component: dict[str, list[tuple[dict[str, str], str]]] = {"_name": [({}, value)]}
            stack.append(component)
            components.append(component)
        elif name == "END":
            assert stack.pop()["_name"][0][1] == value
        else:
            stack[-1].setdefault(name, []).append((params, value))
    assert not stack
    return components


def unescape_text(value: str) -> str:
    """RFC 5545 section 3.3.11 TEXT unescaping."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_folded_lines_are_at_most_75_octets() -> None:
    data = E.ask_to_ics(_ask(statement="x" * 300), stamp=STAMP)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75


# ------------------------------------------------------------ the calendar file


def test_one_event_per_session_read_back_by_icalendar() -> None:
    ask = _ask()
    calendar = icalendar.Calendar.from_ical(E.ask_to_ics(ask, tz="UTC", stamp=STAMP))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    starts = [event.decoded("dtstart") for event in events]
    assert starts == [datetime.combine(day, time(10), tzinfo=UTC) for day in ask.plan]
    for number, event in enumerate(events, start=1):
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=30)
        assert str(event["summary"]) == (
            f"Mentoring conversation {number} of 4: Run my first budget review"
        )
        assert ask.summary in str(event["description"])
        assert str(event["status"]) == "TENTATIVE"
    assert len({str(event["uid"]) for event in events}) == 4


def test_utc_times_say_so_to_a_second_reader() -> None:
    components = read_ics(E.ask_to_ics(_ask(), stamp=STAMP))
    assert components[0]["_name"][0][1] == "VCALENDAR"
    assert components[0]["VERSION"][0][1] == "2.0"
    assert components[0]["PRODID"][0][1] == E.PRODID
    events = [c for c in components if c["_name"][0][1] == "VEVENT"]
    assert len(events) == 4
    assert [e["DTSTART"][0][1] for e in events] == [
        "20261130T100000Z",
        "20261214T100000Z",
        "20261228T100000Z",
        "20270111T100000Z",
    ]
    assert all(e["DTEND"][0][1].endswith("T103000Z") for e in events)
    assert all(e["DTSTAMP"][0][1] == "20261123T090000Z" for e in events)


def test_named_zone_is_stated_as_tzid_with_its_definition() -> None:
    data = E.ask_to_ics(_ask(minutes=45), tz="America/New_York", at=time(9, 30), stamp=STAMP)
    components = read_ics(data)
    zones = [c for c in components if c["_name"][0][1] == "VTIMEZONE"]
    assert [z["TZID"][0][1] for z in zones] == ["America/New_York"]
    events = [c for c in components if c["_name"][0][1] == "VEVENT"]
    for event in events:
        params, value = event["DTSTART"][0]
        assert params == {"TZID": "America/New_York"}
        assert value.endswith("T093000") and not value.endswith("Z")
        assert event["DTEND"][0][1].endswith("T101500")
    # and icalendar agrees on the instant
    parsed = icalendar.Calendar.from_ical(data)
    first = next(iter(parsed.walk("VEVENT"))).decoded("dtstart")
    assert first == datetime(2026, 11, 30, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    assert first.astimezone(UTC).hour == 14


def test_hostile_text_is_intact_in_the_calendar() -> None:
    ask = _ask(statement=HOSTILE_GOAL, name=HOSTILE_NAME)
    data = E.ask_to_ics(ask, stamp=STAMP)
    title = " ".join(HOSTILE_GOAL.split())
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        assert str(event["summary"]).endswith(title)
        assert HOSTILE_NAME in str(event["description"])
    events = [c for c in read_ics(data) if c["_name"][0][1] == "VEVENT"]
    assert unescape_text(events[0]["SUMMARY"][0][1]) == f"Mentoring conversation 1 of 4: {title}"
    assert f"With: {HOSTILE_NAME}\n" in unescape_text(events[0]["DESCRIPTION"][0][1])
    # nothing the person typed starts a new property or component
    assert b"\r\nBEGIN:VEVENT" in data and data.count(b"BEGIN:VEVENT") == 4


def test_exporting_a_saved_mentorship_needs_its_contact() -> None:
    ask = _ask()
    mentorship = A.ask_to_mentorship(ask, mentorship_id="m-1")
    goal = Goal(id="g1", statement="Run my first budget review")
    contact = Contact(id="c1", name="Ada Lovelace", email="ada@example.org")
    data = E.ask_to_ics(mentorship, goal, contact, stamp=STAMP)
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert uids == [f"m-1-{n}@mentorkit" for n in range(1, 5)]
    with pytest.raises(InputError, match="contact"):
        E.ask_to_ics(mentorship, goal, None)


def test_no_dates_no_calendar_and_unknown_zone() -> None:
    undated = A.compose_ask(Goal(id="g", statement="x"), Contact(id="c", name="A"))
    with pytest.raises(InputError, match="start date"):
        E.ask_to_ics(undated)
    with pytest.raises(InputError, match="time zone"):
        E.ask_to_ics(_ask(), tz="Mars/Olympus_Mons")


@pytest.mark.parametrize("prefix", ["Europe", "Europe/", "America/Argentina", "../zoneinfo"])
def test_a_zone_folder_or_path_is_a_plain_input_error(prefix: str) -> None:
    # "Europe" is a folder of the zone database: ZoneInfo raises IsADirectoryError on it.
    with pytest.raises(InputError, match="is not a time zone name"):
        E.resolve_zone(prefix)
    assert str(E.resolve_zone("Europe/Berlin")) == "Europe/Berlin"


def test_ics_file_name_is_safe() -> None:
    assert E.ics_file_name(_ask(name="../../etc Smith")) == "mentoring-etc.ics"
    assert E.ics_file_name(_ask(name="Ada Lovelace")) == "mentoring-ada.ics"
    assert E.ics_file_name(_ask(name="日本")) == "mentoring-ask.ics"


# ------------------------------------------------------------ e-mail and text


def test_mailto_link_has_recipient_subject_and_body() -> None:
    ask = _ask()
    link = E.mailto_link(ask)
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "ada@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == [ask.subject]
    body = query["body"][0]
    assert body.replace("\r\n", "\n") == E.plain_text(ask)
    assert "\r\n" in body


def test_mailto_link_keeps_hostile_text_intact_and_adds_no_header() -> None:
    ask = _ask(statement=HOSTILE_GOAL, name=HOSTILE_NAME, email=HOSTILE_EMAIL)
    link = E.mailto_link(ask)
    parts = urlsplit(link)
    assert unquote(parts.path) == HOSTILE_EMAIL  # the whole address, as text
    query = parse_qs(parts.query)
    assert set(query) == {"subject", "body"}  # no cc/bcc smuggled in
    assert HOSTILE_NAME.split()[0] in query["body"][0]
    assert "<img src=x onerror=alert(1)>" not in link  # encoded, not raw
    assert " " not in link and "\n" not in link


def test_plain_text_lists_the_dates() -> None:
    text = E.plain_text(_ask())
    assert text.startswith("Dear Ada,")
    assert "1. Monday 30 November 2026" in text
    assert "4. Monday 11 January 2027" in text


def test_a_saved_mentorships_dates_keep_off_holidays_and_time_away_like_a_new_asks() -> None:
    from mentorkit.model import Away, Profile

    goal = Goal(id="g1", statement="Lead the year-end review", areas=["budgeting"])
    contact = Contact(id="c1", name="Ines Duarte", email="ines@example.org")
    christmas_eve = date(2026, 12, 24)  # a Thursday; a day off in Germany
    profile = Profile(
        name="Ana",
        country="DE",
        away=[Away(start=date(2027, 1, 4), end=date(2027, 1, 10), note="skiing")],
    )
    new = A.compose_ask(
        goal, contact, start=christmas_eve, country=profile.country, away=profile.away
    )
    saved = A.ask_to_mentorship(new)
    rebuilt = A.ask_from_mentorship(
        saved, goal, contact, country=profile.country, away=profile.away
    )
    assert rebuilt.plan == new.plan and rebuilt.plan_notes == new.plan_notes
    assert christmas_eve not in rebuilt.plan
    assert not any(date(2027, 1, 4) <= day <= date(2027, 1, 10) for day in rebuilt.plan)
    ics = E.ask_to_ics(saved, goal, contact, tz="Europe/Berlin", profile=profile)
    starts = [
        event.decoded("dtstart").date()
        for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")
    ]
    assert starts == list(new.plan)
    dates = E.plain_text(saved, goal, contact, profile=profile).split("Proposed dates")[1]
    assert A.long_date(christmas_eve) not in dates
    assert [A.long_date(day) in dates for day in new.plan] == [True] * len(new.plan)
    assert "Ana" in E.plain_text(
        A.ask_to_mentorship(A.with_message(new, "")), goal, contact, profile=profile
    )  # a saved ask without a message is drafted again, signed with the profile's name
    # The dates stay as they were sent, whatever the profile says now; a record from before
    # the dates were kept gets the plain weekday plan, still one date a fortnight.
    assert A.ask_from_mentorship(saved, goal, contact).plan == new.plan
    assert saved.plan == list(new.plan)
    older = dataclasses.replace(saved, plan=[])
    assert christmas_eve in A.ask_from_mentorship(older, goal, contact).plan
