"""The ask widget, driven without a browser: compose, check, export, save, answer."""

from __future__ import annotations

import base64
import json
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import icalendar
import pytest

from mentorkit.model import Contact, Goal, Mentorship, Workbook
from mentorkit.store import create_workbook, load_workbook
from mentorkit.widgets.ask import ask_workbench

TODAY = "2026-11-23"
HOSTILE_GOAL = "Lead <script>alert('goal')</script> & \"quote\" workshops"
HOSTILE_NAME = "Zoë <img src=x onerror=alert(1)> O'Brien"


def _copy(cohort_dir: Path, participant: str) -> Path:
    return cohort_dir / "workbooks" / f"{participant}.json"


def _data_links(html: str) -> dict[str, bytes]:
    """File name -> decoded content of every data: download link in ``html``."""
    found = {}
    for name, payload in re.findall(r'download="([^"]+)" href="data:[^,]+;base64,([^"]+)"', html):
        found[name] = base64.b64decode(payload)
    return found


def _mailto(html: str) -> str:
    match = re.search(r'href="(mailto:[^"]*)"', html)
    assert match, html
    return match.group(1).replace("&amp;", "&")


def test_the_whole_ask_from_a_sample_workbook(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p01")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g3-p01"
    assert bench.candidate.value == "c5-p01"  # the best-ranked candidate
    assert bench.current_id is None
    assert (bench.sessions.value, bench.minutes.value, bench.weeks.value) == (4, 30, 8)
    assert bench.start.value == date(2026, 11, 30)

    message = bench.message.value
    assert message.startswith("Dear Marisol,")
    assert "Speak at least once in every weekly Larkspur Bank leadership meeting" in message
    assert "because you have real experience with confidence" in message
    assert "What I would value most from you is " in message  # the help wanted from her
    assert "four 30-minute conversations over the next eight weeks" in message
    assert "until Monday 25 January 2027" in message
    assert bench.last_findings == []
    assert "ready to send" in bench.checks.value

    files = _data_links(bench.downloads.value)
    events = list(icalendar.Calendar.from_ical(files["mentoring-marisol.ics"]).walk("VEVENT"))
    assert [e.decoded("dtstart").date().isoformat() for e in events] == [
        "2026-11-30",
        "2026-12-14",
        "2026-12-28",
        "2027-01-11",
    ]
    assert files["mentoring-marisol.txt"].decode("utf-8").startswith(message)
    link = urlsplit(_mailto(bench.downloads.value))
    assert unquote(link.path) == "marisol.varga@example.org"
    assert parse_qs(link.query)["body"][0].replace("\r\n", "\n").startswith(message)

    bench.save_button.click()
    assert "Saved as a draft" in bench.status.value
    saved_id = bench.current_id
    assert saved_id is not None
    bench.asked_button.click()
    assert "Marked as asked" in bench.status.value
    bench.answer.value = "accepted"
    bench.answer_note.value = "Glad to help"
    bench.answer_button.click()
    assert "active" in bench.status.value

    mentorship = load_workbook(path).mentorship(saved_id)
    assert mentorship.status == "active"
    assert [c.status for c in mentorship.history] == ["draft", "asked", "accepted", "active"]
    assert mentorship.history[2].note == "Glad to help"
    assert mentorship.message == message
    assert (mentorship.sessions, mentorship.minutes, mentorship.weeks) == (4, 30, 8)
    assert ">active<" in bench.asks_table.value
    # the note recorded with the yes is shown, though "active" came after it
    assert "Note with the answer" in bench.asks_table.value
    assert ">Glad to help<" in bench.asks_table.value


def test_sliders_redraft_and_checks_follow(cohort_dir: Path) -> None:
    bench = ask_workbench(str(_copy(cohort_dir, "p01")), TODAY)
    bench.goal.value = "g3-p01"
    bench.sessions.value = 6
    bench.weeks.value = 4
    assert "six 30-minute conversations over the next four weeks" in bench.message.value
    assert {f.code for f in bench.last_findings} == {"too_heavy"}
    bench.weeks.value = 12
    assert {f.code for f in bench.last_findings} == {"too_long"}
    assert "longer than the 8 weeks" in bench.checks.value
    assert "[too_long]" not in bench.checks.value  # codes are for the JSON, not the person
    bench.start.value = None
    assert "no_end_date" in {f.code for f in bench.last_findings}
    assert "Choose a start date" in bench.downloads.value


def test_an_edited_message_is_kept_checked_and_saved(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p01")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g3-p01"
    bench.message.value = "Hi Marisol, will you be my mentor?"
    assert "vague_ask" in {f.code for f in bench.last_findings}
    assert "how many, how long and until when" in bench.checks.value
    bench.sessions.value = 3  # an edit survives changes of shape
    assert bench.message.value == "Hi Marisol, will you be my mentor?"
    bench.save_button.click()
    assert load_workbook(path).mentorship(bench.current_id or "").message == (
        "Hi Marisol, will you be my mentor?"
    )
    bench.redraft_button.click()
    assert "three 30-minute conversations" in bench.message.value


def test_picking_another_goal_keeps_an_unsaved_edited_message(cohort_dir: Path) -> None:
    bench = ask_workbench(str(_copy(cohort_dir, "p01")), TODAY)
    bench.goal.value = "g3-p01"
    mine = "My own words for this goal: three talks, 30 minutes, until January."
    bench.message.value = mine
    bench.goal.value = "g2-p01"  # looking at another goal drafts a fresh message for it
    assert bench.message.value != mine
    bench.goal.value = "g3-p01"  # and coming back brings the unsaved words back
    assert bench.message.value == mine


def test_a_saved_draft_is_shown_and_updated_not_duplicated(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p04")
    before = load_workbook(path)
    draft = next(m for m in before.mentorships if m.status == "draft")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = draft.goal_id
    assert bench.candidate.value == draft.contact_id
    assert bench.current_id == draft.id
    assert bench.message.value == draft.message
    assert "saved" in bench.current.value
    bench.sessions.value = 3
    bench.save_button.click()
    after = load_workbook(path)
    assert len(after.mentorships) == len(before.mentorships)
    assert after.mentorship(draft.id).sessions == 3


def test_declined_offers_the_next_candidate(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p07")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g1-p07"
    assert bench.candidate.value == "c2-p07"  # the draft to the next person, shown first
    bench.asked_button.click()
    bench.answer.value = "declined"
    bench.answer_note.value = "Too busy this term"
    bench.answer_button.click()
    assert bench.next_contact_id is not None
    assert bench.next_contact_id not in ("c1-p07", "c2-p07")
    assert bench.next_button.layout.display is None
    name = load_workbook(path).contact(bench.next_contact_id).name
    assert name in bench.status.value
    expected = bench.next_contact_id
    bench.next_button.click()
    assert bench.candidate.value == expected
    assert bench.current_id is None
    assert bench.message.value.startswith(f"Dear {name.split()[0]},")
    assert bench.next_button.layout.display == "none"


def test_no_answer_then_a_reminder_is_a_second_ask(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p05")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g1-p05"
    asked = bench.current_id
    assert asked is not None and "This ask was sent" in bench.checks.value
    bench.answer.value = "no_answer"
    bench.answer_button.click()
    assert load_workbook(path).mentorship(asked).status == "no_answer"
    bench.candidate.value = "c1-p05"
    bench.asked_button.click()
    assert load_workbook(path).mentorship(asked).status == "asked"


def test_mistakes_are_shown_and_nothing_is_lost(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p01")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g3-p01"
    bench.message.value = "My own careful words: four 30-minute talks over eight weeks."
    before = path.read_bytes()
    bench.answer_button.click()  # nothing was asked yet
    assert "Problem" in bench.status.value and "save and send" in bench.status.value
    assert bench.message.value.startswith("My own careful words")
    bench.goal.value = "g1-p01"  # the active mentorship with Soren
    bench.save_button.click()  # a sent ask cannot be changed
    assert "cannot be changed" in bench.status.value
    bench.answer_button.click()
    assert "This ask is under way" in bench.status.value
    assert path.read_bytes() == before


def test_hostile_text_is_escaped_in_html_and_intact_in_files(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    workbook = Workbook(
        goals=[Goal(id="g1", statement=HOSTILE_GOAL, areas=["facilitation"])],
        contacts=[
            Contact(
                id="c1",
                name=HOSTILE_NAME,
                email="zoe@example.org?bcc=evil@example.org",
                areas=["facilitation"],
            )
        ],
    )
    create_workbook(path, workbook)
    bench = ask_workbench(str(path), TODAY)
    bench.feedback.value = "<b>bold</b> & brave"
    bench.save_button.click()
    bench.answer_note.value = "<script>note()</script>"
    bench.asked_button.click()
    bench.answer.value = "declined"
    bench.answer_button.click()
    html = (
        " ".join(
            w.value
            for w in (bench.summary, bench.checks, bench.current, bench.status, bench.asks_table)
        )
        + bench.downloads.value
    )
    for raw in ("<script>", "<img src=x", "<b>bold"):
        assert raw not in html
    assert "&lt;script&gt;note()&lt;/script&gt;" in bench.asks_table.value
    assert "&lt;script&gt;alert(" in bench.asks_table.value
    assert "Zoë &lt;img src=x onerror=alert(1)&gt; O&#x27;Brien" in bench.asks_table.value
    # the picker label is text, not HTML: the name is shown as typed
    assert bench.candidate.label is not None and bench.candidate.label.startswith(HOSTILE_NAME)
    saved = load_workbook(path).mentorships[0]
    assert HOSTILE_GOAL in saved.message  # the goal keeps its capitals
    assert "<b>bold</b> & brave" in saved.message
    assert saved.history[-1].note == "<script>note()</script>"
    files = _data_links(bench.downloads.value)
    (ics,) = (data for name, data in files.items() if name.endswith(".ics"))
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    assert str(event["summary"]).endswith(HOSTILE_GOAL)
    assert HOSTILE_NAME in str(event["description"])
    link = urlsplit(_mailto(bench.downloads.value))
    assert set(parse_qs(link.query)) == {"subject", "body"}
    assert unquote(link.path) == "zoe@example.org?bcc=evil@example.org"


def test_an_empty_workbook_says_what_to_do_first(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    bench = ask_workbench(str(path), TODAY)
    assert path.exists()
    assert bench.goal.options == () and bench.candidate.value is None
    assert "no active goal" in bench.status.value
    before = path.read_bytes()
    bench.save_button.click()
    bench.asked_button.click()
    bench.answer_button.click()
    assert "Problem" in bench.status.value
    assert path.read_bytes() == before
    assert json.loads(before)["mentorships"] == []


def test_default_workbook_is_used_when_no_path_is_given(
    cohort_dir: Path, _own_workbook_env: Path
) -> None:
    _own_workbook_env.parent.mkdir(parents=True)
    shutil.copy(_copy(cohort_dir, "p01"), _own_workbook_env)
    bench = ask_workbench("", TODAY)
    assert bench.session.path == _own_workbook_env
    assert len(bench.goal.options) == 3


@pytest.mark.parametrize("participant", [f"p0{n}" for n in range(1, 9)])
def test_every_sample_workbook_opens(cohort_dir: Path, participant: str) -> None:
    bench = ask_workbench(str(_copy(cohort_dir, participant)), TODAY, time_zone="Europe/Paris")
    assert "Problem" not in bench.status.value
    assert "mentorkit-error" not in bench.status.value  # no callback failed while it opened


def test_candidate_labels_tell_earlier_asks(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p07")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g1-p07"
    labels = {value: label for label, value in bench.candidate.options}
    matched = [v for label, v in bench.candidate.options if "not matched" not in label]
    assert matched[-1] == "c1-p07"  # declined this goal: last of the matched people
    assert "— declined when you asked about this goal; has strength in" in labels["c1-p07"]
    assert "your ask to them about this goal is a draft" in labels["c2-p07"]
    assert bench.candidate.value == "c2-p07"  # the draft is still where the ask picks up


def test_candidate_label_names_a_mentor_on_another_goal(tmp_path: Path) -> None:
    path = tmp_path / "mentoring.json"
    workbook = Workbook(
        goals=[
            Goal(id="g1", statement="Run the quarterly budget review", areas=["budgeting"]),
            Goal(id="g2", statement="Hire my first analyst", areas=["hiring"]),
        ],
        contacts=[
            Contact(id="c1", name="Ana Rocha", areas=["budgeting", "hiring"]),
            Contact(id="c2", name="Ben Okoro", areas=["budgeting"]),
        ],
        mentorships=[Mentorship(id="m1", goal_id="g2", contact_id="c1", status="active")],
    )
    create_workbook(path, workbook)
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g1"
    labels = {value: label for label, value in bench.candidate.options}
    assert labels["c1"].startswith("Ana Rocha — already mentoring you on 'Hire my first analyst'")
    assert labels["c2"].startswith("Ben Okoro — has strength in budgeting")


def test_the_profile_signs_the_ask_sets_its_time_zone_and_keeps_dates_off_holidays(
    cohort_dir: Path,
) -> None:
    from mentorkit import actions
    from mentorkit.model import Away

    path = _copy(cohort_dir, "p01")
    actions.save_profile(
        path,
        name="Amara <b>Okafor</b>",
        organisation="Larkspur Bank",
        time_zone="Europe/Berlin",
        country="DE",
        away=[Away(start=date(2026, 12, 28), end=date(2027, 1, 8), note="family")],
    )
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g3-p01"
    assert bench.time_zone.value == "Europe/Berlin"  # from the profile, not "UTC"
    assert bench.message.value.rstrip().endswith("Amara <b>Okafor</b>")
    assert "no_name" not in {f.code for f in bench.last_findings}
    bench.start.value = date(2026, 12, 17)
    bench.weeks.value = 4
    bench.sessions.value = 4
    ask = bench.last_ask
    assert ask is not None
    closed = {date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 31), date(2027, 1, 1)}
    assert not set(ask.plan) & closed
    assert all(not date(2026, 12, 28) <= day <= date(2027, 1, 8) for day in ask.plan)
    assert "moved from 24 Dec: public holiday (Christmas Eve)" in bench.summary.value
    assert "moved from 7 Jan: you are away (family)" in bench.summary.value
    assert "<b>Okafor" not in bench.summary.value  # escaped wherever it is shown
    ics = next(
        body for name, body in _data_links(bench.downloads.value).items() if name.endswith(".ics")
    )
    calendar = icalendar.Calendar.from_ical(ics)
    starts = [event.decoded("dtstart") for event in calendar.walk("VEVENT")]
    assert [d.date() for d in starts] == list(ask.plan)  # the moved dates, in the file too
    assert all(str(d.tzinfo) == "Europe/Berlin" for d in starts)


def test_without_a_name_the_ask_is_not_ready_to_send(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    create_workbook(
        path,
        Workbook(
            goals=[Goal(id="g1", statement="Run my first budget review by March", areas=["x"])],
            contacts=[Contact(id="c1", name="Ada Lovelace", email="ada@example.org", areas=["x"])],
        ),
    )
    bench = ask_workbench(str(path), TODAY)
    assert "no_name" in {f.code for f in bench.last_findings}
    assert "ready to send" not in bench.checks.value
    assert "About you" in bench.checks.value


def test_after_a_no_start_a_new_ask_gives_a_fresh_form_to_save(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p07")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g1-p07"
    assert bench.new_ask_button.layout.display == "none"  # nothing is over yet
    bench.asked_button.click()
    declined = bench.current_id
    bench.answer.value = "declined"
    bench.answer_button.click()
    assert bench.new_ask_button.layout.display is None  # the ask on screen is over
    bench.asked_button.click()  # the dead end: an ask that ended cannot be sent again ...
    assert "start a new ask" in bench.status.value
    bench.new_ask_button.click()  # ... and here is the way on
    assert bench.current_id is None and bench.new_ask_button.layout.display == "none"
    assert "A new ask, not saved yet" in bench.current.value
    assert "A new ask" in bench.status.value
    before = len(load_workbook(path).mentorships)
    bench.save_button.click()
    after = load_workbook(path)
    assert len(after.mentorships) == before + 1
    assert after.mentorship(declined or "").status == "declined"  # the old one as it was


def test_an_ask_prepared_elsewhere_opens_on_its_goal_and_person(cohort_dir: Path) -> None:
    from mentorkit import actions
    from mentorkit.ask import suggested_start

    path = _copy(cohort_dir, "p01")
    workbook = load_workbook(path)
    goal = workbook.active_goals()[-1]
    contact = workbook.contacts[-1]
    done = actions.compose_ask_draft(
        path,
        goal.id,
        contact.id,
        today=date(2026, 11, 23),
        start=suggested_start(date(2026, 11, 23)),
    )
    bench = ask_workbench(str(path), TODAY)
    assert (bench.goal.value, bench.candidate.value) == (goal.id, contact.id)
    assert bench.current_id == done.value[0].mentorship_id


def test_the_calendar_zone_follows_the_browser_unless_chosen(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p01")
    data = load_workbook(path)
    data.profile.time_zone = ""
    from mentorkit import store

    store.save_workbook(data, path)
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g3-p01"
    bench.browser_zone.zone = "../Europe"  # not a zone: ignored
    assert bench.time_zone.value != "../Europe"
    bench.browser_zone.zone = "Asia/Tokyo"
    assert bench.time_zone.value == "Asia/Tokyo"
    assert "TZID=Asia/Tokyo" in _data_links(bench.downloads.value)["mentoring-marisol.ics"].decode()
    bench.time_zone.value = "Europe/Lisbon"  # the person's choice stays
    bench.browser_zone.zone = "America/Lima"
    assert bench.time_zone.value == "Europe/Lisbon"
    chosen = ask_workbench(str(path), TODAY, time_zone="Europe/Paris")
    chosen.browser_zone.zone = "Asia/Tokyo"
    assert chosen.time_zone.value == "Europe/Paris"


def test_only_what_fits_the_asks_state_can_be_pressed(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p01")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g3-p01"  # nobody asked about it yet: a new draft
    assert not bench.save_button.disabled and not bench.asked_button.disabled
    assert bench.answer_button.disabled and bench.answer.disabled  # nothing sent to answer
    bench.asked_button.click()
    assert bench.save_button.disabled  # what was sent stays as sent
    assert bench.asked_button.disabled
    assert not bench.answer_button.disabled and not bench.answer.disabled
    bench.answer.value = "accepted"
    bench.answer_button.click()  # under way now: neither saved over nor answered again
    assert bench.save_button.disabled and bench.asked_button.disabled
    assert bench.answer_button.disabled
    assert load_workbook(path).mentorships[-1].status == "active"


def test_no_answer_is_recorded_until_one_is_chosen(cohort_dir: Path) -> None:
    path = _copy(cohort_dir, "p01")
    bench = ask_workbench(str(path), TODAY)
    bench.goal.value = "g3-p01"
    bench.asked_button.click()
    assert bench.answer.value == ""  # nothing preselected: a slip records no yes
    before = path.read_bytes()
    bench.answer_button.click()
    assert "choose their answer first" in bench.status.value
    assert path.read_bytes() == before
    bench.answer.value = "declined"
    bench.answer_button.click()
    assert load_workbook(path).mentorships[-1].status == "declined"
    assert bench.answer.value == ""  # chosen afresh next time
