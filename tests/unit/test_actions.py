"""The use-case layer: each action changes the workbook file and returns what it made."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mentorkit import actions, store
from mentorkit.ask import check_ask, compose_ask
from mentorkit.errors import ImportFileError, InputError
from mentorkit.model import Contact, Goal
from tests.conftest import TEST_DATA

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_apply_returns_what_the_change_returns_and_the_saved_workbook(
    sample_workbook: Path,
) -> None:
    done = actions.apply(sample_workbook, lambda wb: len(wb.goals))
    assert done.value == len(store.load_workbook(sample_workbook).goals)
    assert done.workbook == store.load_workbook(sample_workbook)


def test_goals_are_saved_edited_and_marked(sample_workbook: Path) -> None:
    draft = Goal(id="x", statement="Run a design review with my team by Friday")
    saved = actions.save_goal(sample_workbook, draft).value
    assert saved.id != "x" and store.load_workbook(sample_workbook).goal(saved.id).statement
    edit = Goal(id="ignored", statement="Run two design reviews", confidence=6)
    edited = actions.save_goal(sample_workbook, edit, editing=saved.id)
    assert edited.value.id == saved.id and edited.workbook.goal(saved.id).confidence == 6
    marked = actions.set_goal_status(sample_workbook, saved.id, "achieved")
    assert store.load_workbook(sample_workbook).goal(saved.id).status == "achieved"
    assert marked.value.status == "achieved"
    before = sample_workbook.read_bytes()
    with pytest.raises(InputError, match="no longer in your workbook"):
        actions.set_goal_status(sample_workbook, "g-gone", "dropped")
    with pytest.raises(InputError, match="no longer in your workbook"):
        actions.save_goal(sample_workbook, edit, editing="g-gone")
    assert sample_workbook.read_bytes() == before, "a refused change leaves the file alone"


def test_contacts_are_added_refused_when_duplicate_and_removed(sample_workbook: Path) -> None:
    draft = Contact(id="c-new", name="Zoë <b>Ng</b>", email="zoe@example.org")
    done = actions.save_contact(sample_workbook, draft)
    assert done.workbook.contact("c-new").name == "Zoë <b>Ng</b>"
    with pytest.raises(InputError, match="already in your contacts"):
        actions.save_contact(sample_workbook, Contact(id="c-2", name="Z", email="zoe@example.org"))
    actions.remove_contact(sample_workbook, "c-new", name="Zoë")
    assert all(c.id != "c-new" for c in store.load_workbook(sample_workbook).contacts)
    asked = store.load_workbook(sample_workbook).mentorships[0].contact_id
    with pytest.raises(InputError, match=r"Them is part of \d+ mentorship ask"):
        actions.remove_contact(sample_workbook, asked, name="Them")


def test_import_adds_new_people_once_and_a_bad_file_changes_nothing(
    sample_workbook: Path,
) -> None:
    data = (TEST_DATA / "contacts-linkedin-export.csv").read_bytes()
    first = actions.import_contacts(sample_workbook, data, "export.csv").value
    assert first.format == "linkedin" and len(first.added) == 4
    again = actions.import_contacts(sample_workbook, data, "export.csv").value
    assert again.added == [] and len(again.skipped) == 4
    before = sample_workbook.read_bytes()
    with pytest.raises(ImportFileError):
        actions.import_contacts(
            sample_workbook, (TEST_DATA / "contacts-binary.csv").read_bytes(), "b.csv"
        )
    assert sample_workbook.read_bytes() == before


def test_spheres_follow_the_organisation_in_the_workbook(sample_workbook: Path) -> None:
    data = b"First Name,Last Name,Company\nAna,Rocha,Acme Widgets\nBo,Li,Elsewhere\n"

    def set_org(organisation: str) -> None:
        actions.apply(sample_workbook, lambda wb: setattr(wb.profile, "organisation", organisation))

    set_org("Acme Widgets")
    imported = actions.import_contacts(sample_workbook, data, "list.csv").value
    by_name = {c.name: c.sphere for c in imported.added}
    assert by_name["Ana Rocha"] != by_name["Bo Li"], "the participant's own company differs"


def test_an_ask_goes_from_draft_to_asked_to_answered(sample_workbook: Path) -> None:
    workbook = store.load_workbook(sample_workbook)
    goal = workbook.active_goals()[0]
    asked_ids = {m.contact_id for m in workbook.mentorships}
    contact = next(c for c in workbook.contacts if c.id not in asked_ids)
    ask = compose_ask(goal, contact, start=date(2026, 12, 7))
    draft = actions.save_ask_draft(sample_workbook, ask, at=AT).value
    assert draft.status == "draft"
    sent = actions.mark_asked(sample_workbook, ask, at=AT).value
    assert sent.id == draft.id and sent.status == "asked"
    answered = actions.record_answer(sample_workbook, sent.id, "accepted", at=AT)
    assert answered.value.status == "active"
    assert answered.workbook.mentorship(sent.id).status == "active"


def test_compose_ask_draft_saves_and_checks(sample_workbook: Path) -> None:
    workbook = store.load_workbook(sample_workbook)
    goal = workbook.active_goals()[0]
    contact = workbook.contacts[-1]
    done = actions.compose_ask_draft(
        sample_workbook, goal.id, contact.id, today=date(2026, 11, 23), sessions=3
    )
    ask, findings = done.value
    assert done.workbook.mentorship(ask.mentorship_id).status == "draft"
    saved = store.load_workbook(sample_workbook)
    assert saved.mentorship(ask.mentorship_id).status == "draft"
    assert ask.sessions == 3
    assert findings == check_ask(ask, workbook=done.workbook, today=date(2026, 11, 23), goal=goal)


def test_checkins_are_logged_and_deleted(sample_workbook: Path) -> None:
    workbook = store.load_workbook(sample_workbook)
    mentorship = next(m for m in workbook.mentorships if m.status == "active")
    today = date(2026, 11, 23)
    logged = actions.log_checkin(
        sample_workbook, mentorship_id=mentorship.id, day=today, today=today, notes="went well"
    )
    assert any(c.id == logged.value.id for c in logged.workbook.checkins)
    deleted = actions.delete_checkin(sample_workbook, logged.value.id)
    assert deleted.value.id == logged.value.id
    assert all(c.id != logged.value.id for c in store.load_workbook(sample_workbook).checkins)


def test_an_ask_composed_from_the_cli_uses_the_profile_as_the_widget_does(
    sample_workbook: Path,
) -> None:
    # The profile's country moves a conversation off Christmas Day, and the ask says what
    # help is wanted from this person, as the ask widget's draft does.
    actions.apply(sample_workbook, lambda wb: setattr(wb.profile, "country", "GB"))
    workbook = store.load_workbook(sample_workbook)
    goal = workbook.active_goals()[0]
    contact = workbook.contacts[0]
    done = actions.compose_ask_draft(
        sample_workbook,
        goal.id,
        contact.id,
        today=date(2026, 12, 1),
        sessions=4,
        weeks=4,
        start=date(2026, 12, 18),
    )
    ask, _ = done.value
    assert date(2026, 12, 25) not in ask.plan
    assert any("Christmas" in note for note in ask.plan_notes)
    assert ask.help_wanted
