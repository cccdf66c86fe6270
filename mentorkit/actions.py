"""The use cases: each change a participant makes to their workbook, as one function.

Every action takes the workbook's path, applies its change under the store's lock (re-reading
the file first, so two notebooks open at once keep each other's entries) and returns a
:class:`Done`: what the change made (the saved goal, the recorded check-in, ...) and the
workbook as saved, which is what the caller shows.  Widgets build controls and render what an
action returns; the CLI parses, calls and prints.  Neither reaches into the store to change a
workbook.

Errors are the domain's: an :class:`~mentorkit.errors.InputError` (or a subclass) whose
message is meant for the participant, and the workbook file is then left as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from mentorkit import lifecycle, store
from mentorkit.errors import InputError
from mentorkit.model import (
    Away,
    CheckIn,
    Contact,
    Goal,
    Mentorship,
    Profile,
    Workbook,
    new_id,
    now,
)
from mentorkit.render import counted

if TYPE_CHECKING:
    from mentorkit.ask import Ask, AskFinding
    from mentorkit.model import MentorshipFeedback
    from mentorkit.share import Share
    from mentorkit.wrapup import WrapUpResult

T = TypeVar("T")
PathLike = str | os.PathLike[str]

#: What a goal form edits; saving an edit copies these onto the goal on disk.
GOAL_FORM_FIELDS = (
    "statement",
    "type",
    "why",
    "success_measure",
    "target_date",
    "first_step",
    "first_step_date",
    "confidence",
    "areas",
    "obstacle",
    "if_then",
)


@dataclass(frozen=True)
class Done(Generic[T]):
    """What an action did.

    Attributes:
        value: What the change made or found (its own type per action).
        workbook: The workbook as saved.
    """

    value: T
    workbook: Workbook


def apply(path: PathLike, change: Callable[[Workbook], T]) -> Done[T]:
    """Apply ``change`` to the freshest workbook at ``path``, save it, return what it made."""
    made: list[T] = []
    saved = store.update_workbook(path, lambda workbook: made.append(change(workbook)))
    return Done(made[0], saved)


# --------------------------------------------------------------------------------------
# Goals
# --------------------------------------------------------------------------------------


def save_goal(path: PathLike, draft: Goal, *, editing: str | None = None) -> Done[Goal]:
    """Add ``draft`` as a new goal, or (``editing``: a goal id) copy the form onto that goal.

    Raises:
        InputError: the goal being edited is no longer in the workbook.
    """

    def change(workbook: Workbook) -> Goal:
        if editing is None:
            draft.id = new_id("g")
            workbook.goals.append(draft)
            return draft
        try:
            goal = workbook.goal(editing)
        except KeyError:
            raise InputError(
                "This goal is no longer in your workbook (was it removed in another "
                "notebook?). Press “Start a new goal” to save it as a new one."
            ) from None
        for name in GOAL_FORM_FIELDS:
            setattr(goal, name, getattr(draft, name))
        goal.updated = now()
        return goal

    return apply(path, change)


def set_goal_status(path: PathLike, goal_id: str, status: str) -> Done[Goal]:
    """Mark a goal ``active``, ``achieved`` or ``dropped``.

    Raises:
        InputError: no goal was chosen, or it is no longer in the workbook.
    """
    if not goal_id:
        raise InputError("Goal: choose a saved goal first.")

    def change(workbook: Workbook) -> Goal:
        try:
            goal = workbook.goal(goal_id)
        except KeyError:
            raise InputError("That goal is no longer in your workbook.") from None
        goal.status = status  # type: ignore[assignment]  # one of GOAL_STATUSES
        goal.updated = now()
        return goal

    return apply(path, change)


# --------------------------------------------------------------------------------------
# Contacts
# --------------------------------------------------------------------------------------


def save_contact(path: PathLike, draft: Contact, *, editing: str | None = None) -> Done[Contact]:
    """Add ``draft`` as a new contact, or (``editing``: a contact id) replace that contact.

    Raises:
        InputError: a new contact is somebody already in the list, or the contact being
            edited was removed meanwhile.
    """
    from mentorkit.contacts_import import merge_contacts

    def change(workbook: Workbook) -> Contact:
        if editing is None:
            _, duplicates = merge_contacts(workbook.contacts, [draft])
            if duplicates:
                raise InputError(
                    f"{draft.name} is already in your contacts (same e-mail, or same name "
                    "and organisation); pick them in the Contact list to edit them"
                )
            workbook.contacts.append(draft)
            return draft
        for index, contact in enumerate(workbook.contacts):
            if contact.id == editing:
                draft.source = contact.source
                workbook.contacts[index] = draft
                return draft
        raise InputError(
            f"{draft.name} was removed from the workbook meanwhile; "
            "click 'New contact' and add them again"
        )

    return apply(path, change)


def remove_contact(path: PathLike, contact_id: str, *, name: str = "") -> Done[None]:
    """Remove a contact nobody has asked yet (an ask's history keeps its person).

    Raises:
        InputError: the contact is part of a mentorship ask.
    """

    def change(workbook: Workbook) -> None:
        asks = [m for m in workbook.mentorships if m.contact_id == contact_id]
        if asks:
            raise InputError(
                f"{name or 'This contact'} is part of {counted(len(asks), 'mentorship ask')}; their "
                "history stays, so they cannot be removed"
            )
        workbook.contacts = [c for c in workbook.contacts if c.id != contact_id]

    return apply(path, change)


@dataclass(frozen=True)
class ContactImport:
    """What an import added.

    Attributes:
        added: The new contacts.
        skipped: People already in the workbook, left as they were.
        left_out: The rows that could not become a contact, each saying why.
        format: ``linkedin`` or ``plain``: which kind of file it was.
    """

    added: list[Contact]
    skipped: list[Contact]
    left_out: tuple[str, ...]
    format: str


def import_contacts(path: PathLike, data: bytes, source_name: str) -> Done[ContactImport]:
    """Add the people of a CSV file (a LinkedIn export or a plain list) to the contacts.

    The file is read before the workbook is touched, so a bad file leaves it exactly as it
    was; each person's sphere follows the participant's organisation as it is on disk when
    the contacts are added.

    Raises:
        ImportFileError: the file cannot be read as contacts; the message says where.
    """
    from mentorkit.contacts_import import merge_contacts, parse_contacts_csv

    def change(workbook: Workbook) -> ContactImport:
        # Read with the workbook as saved, so spheres follow its organisation; a file that
        # cannot be read raises here, and then nothing is written.
        result = parse_contacts_csv(
            data, source_name=source_name, organisation=workbook.profile.organisation
        )
        added, skipped = merge_contacts(workbook.contacts, result.contacts)
        workbook.contacts.extend(added)
        return ContactImport(added, skipped, result.skipped_rows, result.format)

    return apply(path, change)


# --------------------------------------------------------------------------------------
# The ask
# --------------------------------------------------------------------------------------


def save_ask_draft(path: PathLike, ask: Ask, *, at: datetime | None = None) -> Done[Mentorship]:
    """Save ``ask`` as a draft mentorship (updating the draft already there for the pair)."""
    from mentorkit.ask import save_draft

    return apply(path, lambda workbook: save_draft(workbook, ask, at=at))


class CalendarFile(NamedTuple):
    """Where an ask's calendar file goes, and the time zone of its times (``Europe/Berlin``)."""

    path: PathLike
    tz: str = "UTC"


def compose_ask_draft(
    path: PathLike,
    goal_ref: str,
    contact_ref: str,
    *,
    today: date,
    calendar: CalendarFile | None = None,
    **terms: Any,
) -> Done[tuple[Ask, list[AskFinding]]]:
    """Compose an ask of a contact about a goal, save it as a draft, and check it.

    ``goal_ref`` and ``contact_ref`` are ids (as :func:`mentorkit.ask.find_goal` reads them);
    ``terms`` are :func:`mentorkit.ask.compose_ask`'s (sessions, minutes, weeks, start, ...).
    With ``calendar``, the proposed dates are also written to that file (an .ics); its zone
    and name are checked before anything is saved.
    The value is the ask (with its draft's id) and what the checks found.
    """
    from mentorkit import ask as asking
    from mentorkit import exports
    from mentorkit.store.files import check_export_target, write_export

    if calendar is not None:
        exports.resolve_zone(calendar.tz)
        check_export_target(calendar.path, force=True, example="ask.ics")

    def change(workbook: Workbook) -> tuple[Ask, list[AskFinding]]:
        goal = asking.find_goal(workbook, goal_ref)
        contact = asking.find_contact(workbook, contact_ref)
        ask = asking.compose_ask(
            goal,
            contact,
            reason=asking.candidate_reason(workbook, goal, contact),
            help_wanted=asking.candidate_help(workbook, goal, contact),
            sender=workbook.profile.name,
            country=workbook.profile.country,
            away=workbook.profile.away,
            **terms,
        )
        saved = asking.save_draft(workbook, ask)
        ask = replace(ask, mentorship_id=saved.id)
        return ask, list(asking.check_ask(ask, workbook=workbook, today=today, goal=goal))

    done = apply(path, change)
    if calendar is not None:
        ics = exports.ask_to_ics(done.value[0], tz=calendar.tz)
        write_export(calendar.path, ics, force=True, example="ask.ics")
    return done


def mark_asked(
    path: PathLike, ask: Ask, *, at: datetime, reminder_of: str | None = None
) -> Done[Mentorship]:
    """Record that ``ask`` was sent: its draft is saved and moved to ``asked``.

    ``reminder_of`` names a mentorship left without an answer: the reminder moves that one
    back to ``asked`` (the ask as first sent) instead of saving a new draft.
    """
    from mentorkit.ask import save_draft

    def change(workbook: Workbook) -> Mentorship:
        mentorship_id = reminder_of or save_draft(workbook, ask, at=at).id
        return lifecycle.apply_transition(workbook, mentorship_id, "asked", at=at)

    return apply(path, change)


def record_answer(
    path: PathLike, mentorship_id: str, answer: str, *, at: datetime, note: str = ""
) -> Done[Mentorship]:
    """Record the answer to an ask (a yes makes the mentorship active)."""
    return apply(
        path,
        lambda workbook: lifecycle.apply_answer(workbook, mentorship_id, answer, at=at, note=note),
    )


# --------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------


def log_checkin(path: PathLike, **entry: Any) -> Done[CheckIn]:
    """Record (or, with ``checkin_id``, correct) a conversation.

    Takes :func:`mentorkit.progress.record_checkin`'s keyword arguments.
    """
    from mentorkit.progress import record_checkin

    return apply(path, lambda workbook: record_checkin(workbook, **entry))


def write_attainment_scale(
    path: PathLike, goal_id: str, levels: list[str], *, at: datetime, note: str = ""
) -> Done[Goal]:
    """Write a goal's five attainment levels (-2..+2); a rated goal's change needs a note.

    Takes :func:`mentorkit.progress.set_attainment_scale`'s arguments.
    """
    from mentorkit.progress import set_attainment_scale

    return apply(
        path, lambda workbook: set_attainment_scale(workbook, goal_id, levels, at=at, note=note)
    )


def delete_checkin(path: PathLike, checkin_id: str) -> Done[CheckIn]:
    """Delete a logged conversation; the value is the entry deleted."""
    from mentorkit import progress

    return apply(path, lambda workbook: progress.delete_checkin(workbook, checkin_id))


def wrap_up(path: PathLike, mentorship_id: str, **choices: Any) -> Done[WrapUpResult]:
    """Close a mentorship with the wrap-up's answers and the goal's outcome.

    Takes :func:`mentorkit.wrapup.wrap_up`'s keyword arguments (``answers``,
    ``goal_outcome``, ``today``, ``note``).
    """
    from mentorkit import wrapup

    return apply(path, lambda workbook: wrapup.wrap_up(workbook, mentorship_id, **choices))


# --------------------------------------------------------------------------------------
# The profile
# --------------------------------------------------------------------------------------


def save_profile(
    path: PathLike,
    *,
    name: str,
    role: str = "",
    organisation: str = "",
    time_zone: str = "",
    country: str = "",
    away: Sequence[Away] = (),
) -> Done[Profile]:
    """Save who the participant is and when they are away (the cycle start is kept).

    Raises:
        InputError: the time zone or country is not one we know, or an away period ends
            before it starts.
    """
    from mentorkit.profile import check_time_zone

    zone = check_time_zone(time_zone) if time_zone.strip() else ""
    code = country.strip().upper()
    if code:
        from mentorkit.calendar_rules import supported_countries

        if code not in supported_countries():
            raise InputError(f"Country: {code[:20]!r} is not a country we know holidays for.")
    for period in away:
        if period.end < period.start:
            raise InputError(
                f"Away: {period.start.isoformat()} to {period.end.isoformat()} ends before "
                "it starts."
            )
    periods = sorted(away, key=lambda period: (period.start, period.end))

    def change(workbook: Workbook) -> Profile:
        profile = workbook.profile
        profile.name = name.strip()
        profile.role = role.strip()
        profile.organisation = organisation.strip()
        profile.time_zone = zone
        profile.country = code
        profile.away = [replace(period, note=period.note.strip()) for period in periods]
        return profile

    return apply(path, change)


def give_feedback(path: PathLike, mentorship_id: str, **answers: Any) -> Done[MentorshipFeedback]:
    """Store the participant's end-of-mentorship feedback with the mentorship it is about.

    Takes :func:`mentorkit.feedback.record_feedback`'s keyword arguments (``usefulness``,
    ``recommend``, ``helped``, ``to_change``, ``comment``, ``share_comment``, ``at``).
    """
    from mentorkit.feedback import record_feedback

    return apply(path, lambda workbook: record_feedback(workbook, mentorship_id, **answers))


def write_share(
    path: PathLike,
    out: PathLike,
    level: str,
    *,
    today: date | None = None,
    participant_id: str = "",
    force: bool = False,
) -> Share:
    """Write the participant's share at ``level`` to the file ``out``; the share written.

    The file name is checked before the workbook is read; an existing file is replaced only
    with ``force``.
    """
    from mentorkit.share import build_share, share_to_json
    from mentorkit.store.files import check_export_target, write_export

    check_export_target(out, force=force, example="share.json")
    share = build_share(
        store.load_workbook(path), level, today or date.today(), participant_id=participant_id
    )
    write_export(out, share_to_json(share), force=force, example="share.json")
    return share
