"""An ask leaves the notebook three ways: a calendar file, an e-mail link, plain text to copy.

* :func:`ask_to_ics` writes an iCalendar file (RFC 5545, through the ``icalendar`` library)
  with one proposed event per conversation, so the mentor can see the whole commitment in
  their own calendar before saying yes.  Every time states its zone: a named zone as ``TZID``
  with its ``VTIMEZONE`` definition, or UTC.
* :func:`mailto_link` opens the participant's e-mail program with the subject and message
  filled in (RFC 6068); every part is percent-encoded, so nothing a person typed can add a
  recipient or a header.
* :func:`plain_text` is the message with the proposed dates, to paste anywhere.

Pure: the text of names and goals goes into these formats intact (only encoded as each
format requires); nothing here writes files.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Final
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from mentorkit.ask import Ask, ask_from_mentorship, long_date
from mentorkit.errors import InputError
from mentorkit.model import Contact, Goal, Mentorship, Profile

#: The product identifier every calendar file carries (RFC 5545 section 3.7.3).
PRODID: Final = "-//mentorkit//the ask//EN"
#: When a proposed conversation starts, unless told otherwise: mid-morning, easy to move.
DEFAULT_TIME: Final = time(10, 0)


def resolve_zone(tz: str | tzinfo | None) -> tzinfo:
    """A time zone from a name like ``Europe/Berlin`` (empty or ``UTC`` means UTC).

    Raises:
        InputError: the name is not a known time zone.
    """
    if isinstance(tz, tzinfo):
        return tz
    name = (tz or "").strip()
    if not name or name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    from mentorkit.profile import is_time_zone

    # Only a real zone's name is opened: "Europe" (a folder of the database) would raise
    # IsADirectoryError, other names other OSErrors.
    try:
        if not is_time_zone(name):
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(
            f"time zone: {name!r} is not a time zone name like Europe/London or America/New_York"
        ) from None


def _as_ask(
    ask_or_mentorship: Ask | Mentorship,
    goal: Goal | None,
    contact: Contact | None,
    profile: Profile | None = None,
) -> Ask:
    """The ask to export; a saved mentorship's dates follow the participant's ``profile``
    (holidays of their country, their time away), as the new ask's did."""
    if isinstance(ask_or_mentorship, Ask):
        return ask_or_mentorship
    if contact is None:
        raise InputError(f"mentorship {ask_or_mentorship.id}: the contact is needed to export it")
    profile = profile or Profile()
    return ask_from_mentorship(
        ask_or_mentorship,
        goal,
        contact,
        sender=profile.name,
        country=profile.country,
        away=profile.away,
    )


def session_times(
    ask: Ask, *, tz: str | tzinfo | None = None, at: time = DEFAULT_TIME
) -> list[tuple[datetime, datetime]]:
    """The start and end of each proposed conversation, in the given zone."""
    zone = resolve_zone(tz)
    times = []
    for day in ask.plan:
        begin = datetime.combine(day, at, tzinfo=zone)
        times.append((begin, begin + timedelta(minutes=ask.minutes)))
    return times


def ask_to_ics(
    ask_or_mentorship: Ask | Mentorship,
    goal: Goal | None = None,
    contact: Contact | None = None,
    *,
    tz: str | tzinfo | None = None,
    at: time = DEFAULT_TIME,
    stamp: datetime | None = None,
    profile: Profile | None = None,
) -> bytes:
    """The proposed conversations as an iCalendar file: one tentative event per conversation.

    Args:
        ask_or_mentorship: An :class:`~mentorkit.ask.Ask`, or a saved mentorship (then
            ``contact``, and for the titles ``goal``, are needed).
        goal: The goal (used only with a mentorship).
        contact: The person asked (used only with a mentorship).
        tz: The zone the times are in: a name like ``Europe/Berlin``; empty means UTC.
        at: The time of day each conversation starts.
        stamp: The file's ``DTSTAMP`` (defaults to now; tests pass a fixed one).
        profile: The participant's (with a mentorship): its dates keep off their country's
            holidays and their time away, as the ask's did.

    Raises:
        InputError: the ask has no start date (so no dates to put in a calendar), the zone is
            unknown, or a mentorship comes without its contact.
    """
    ask = _as_ask(ask_or_mentorship, goal, contact, profile)
    if not ask.plan:
        raise InputError("start: the ask has no start date, so there are no dates to export yet")
    zone = resolve_zone(tz)
    created = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    title = " ".join(ask.goal_statement.split()) or "a short-term goal"
    uid_base = ask.mentorship_id or f"{ask.goal_id or 'goal'}-{ask.contact_id}"
    commitments = "\n".join(f"- {line}" for line in ask.commitments)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Mentoring: {title}")
    times = session_times(ask, tz=zone, at=at)
    for number, (begin, end) in enumerate(times, start=1):
        event = icalendar.Event()
        event.add("uid", f"{uid_base}-{number}@mentorkit")
        event.add("dtstamp", created)
        event.add("dtstart", begin)
        event.add("dtend", end)
        event.add("summary", f"Mentoring conversation {number} of {len(times)}: {title}")
        event.add(
            "description",
            f"Proposed: {ask.summary}.\n"
            f"Mentee's goal: {title}\n"
            f"With: {ask.contact_name}\n"
            + (f"\nWhat I commit to:\n{commitments}\n" if commitments else "")
            + (f"\nFeedback I hope for: {ask.feedback_wanted}\n" if ask.feedback_wanted else ""),
        )
        event.add("status", "TENTATIVE")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    if zone is not UTC:
        calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


def ics_file_name(ask: Ask) -> str:
    """A safe file name for the calendar file: ``mentoring-<first name>.ics``."""
    first = ask.contact_name.split()[0] if ask.contact_name.split() else "ask"
    safe = "".join(ch for ch in first.lower() if ch.isascii() and (ch.isalnum() or ch in "-_"))
    return f"mentoring-{safe or 'ask'}.ics"


def plain_text(
    ask_or_mentorship: Ask | Mentorship,
    goal: Goal | None = None,
    contact: Contact | None = None,
    *,
    profile: Profile | None = None,
) -> str:
    """The message followed by the proposed dates, as plain text to copy (``profile``: as
    for :func:`ask_to_ics`)."""
    ask = _as_ask(ask_or_mentorship, goal, contact, profile)
    text = ask.message.rstrip()
    if ask.plan:
        dates = "\n".join(
            f"{number}. {long_date(day)}" for number, day in enumerate(ask.plan, start=1)
        )
        text += f"\n\nProposed dates (easy to move):\n{dates}"
    return text + "\n"


def mailto_link(
    ask_or_mentorship: Ask | Mentorship,
    goal: Goal | None = None,
    contact: Contact | None = None,
    *,
    include_dates: bool = True,
    profile: Profile | None = None,
) -> str:
    """A ``mailto:`` link with the recipient, subject and message (RFC 6068).

    Every part is percent-encoded as UTF-8, so a ``?``, ``&``, ``%`` or line break in a name,
    goal or address stays text and cannot add a recipient or header.
    """
    ask = _as_ask(ask_or_mentorship, goal, contact, profile)
    body = plain_text(ask) if include_dates else ask.message
    # RFC 6068 wants CRLF line breaks in the body.
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    recipient = quote(ask.contact_email, safe="@")
    return f"mailto:{recipient}?subject={quote(ask.subject, safe='')}&body={quote(body, safe='')}"
