"""A participant's share: each level holds exactly what it promises, and is checked on read."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit import store
from mentorkit.cli import main
from mentorkit.errors import WorkbookError
from mentorkit.feedback import record_feedback
from mentorkit.model import MentorshipFeedback, Workbook
from mentorkit.share import (
    SHARE_LEVELS,
    ShareError,
    build_share,
    share_file_name,
    share_from_bytes,
    share_summary_json,
    share_to_dict,
    share_to_json,
)
from mentorkit.status import Status
from tests.strategies import workbooks


def _unlike_a_code(text: str) -> bool:
    """A share's own words (keys, codes, dates, numbers) are lower-case ASCII, digits and
    ``_-.:``; a text with some other character cannot be one by coincidence."""
    return any(
        not (ch.isascii() and (ch.islower() or ch.isdigit() or ch in "_-.: ")) for ch in text
    )


# Text a participant could type, long enough and unlike any code, so finding it in a share
# means it leaked.
secrets = st.text(
    st.characters(exclude_categories=("Cs",), min_codepoint=33), min_size=8, max_size=30
).filter(_unlike_a_code)


def _strings(value: Any) -> list[str]:
    """Every key and string value of parsed JSON."""
    if isinstance(value, dict):
        return [k for k in value] + [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@st.composite
def workbooks_with_secrets(draw: st.DrawFn) -> tuple[Workbook, list[str], list[str], list[str]]:
    """A workbook whose private texts are all distinctive; also the consented comments."""
    workbook = draw(workbooks())
    private: list[str] = []
    goal_words: list[str] = []  # a goals share holds these; a summary share must not

    def secret(kind: list[str] | None = None) -> str:
        text = draw(secrets)
        (private if kind is None else kind).append(text)
        return text

    workbook.profile.name, workbook.profile.organisation = secret(), secret()
    for contact in workbook.contacts:
        contact.name, contact.email, contact.organisation = secret(), secret(), secret()
        contact.notes, contact.position, contact.relationship = secret(), secret(), secret()
    for goal in workbook.goals:
        goal.statement, goal.why = secret(goal_words), secret(goal_words)
        goal.success_measure, goal.first_step = secret(goal_words), secret(goal_words)
        goal.areas = [secret(goal_words) for _ in goal.areas]
    for checkin in workbook.checkins:
        checkin.notes, checkin.actions, checkin.feedback = secret(), secret(), secret()
    for reflection in workbook.reflections:
        reflection.prompt, reflection.text = secret(), secret()
    consented: list[str] = []
    for mentorship in workbook.mentorships:
        mentorship.message = secret()
        mentorship.commitments = [secret() for _ in mentorship.commitments]
        for change in mentorship.history:
            change.note = secret()
        if Status(mentorship.status).has_started and draw(st.booleans()):
            share_comment = draw(st.booleans())
            texts = [draw(secrets) for _ in range(3)]
            (consented if share_comment else private).extend(texts)
            mentorship.feedback = MentorshipFeedback(
                draw(st.integers(1, 5)), draw(st.booleans()), *texts, share_comment
            )
    return workbook, private, goal_words, consented


@settings(max_examples=40)
@given(
    workbooks_with_secrets(),
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.sampled_from(("summary", "goals")),
)
def test_a_share_below_full_holds_no_private_text(
    case: tuple[Workbook, list[str], list[str], list[str]], today: date, level: str
) -> None:
    """No contact's name, e-mail or notes, no note or reflection, no feedback words given
    without consent; and in a summary share, not a word of the goals either."""
    workbook, private, goal_words, consented = case
    share = build_share(workbook, level, today, participant_id=workbook.participant_id or "p1")
    payload = share_to_json(share)
    strings = _strings(json.loads(payload))
    allowed = consented + (goal_words if level == "goals" else [])
    for text in private + (goal_words if level == "summary" else []):
        if any(text in words for words in allowed):
            continue  # the same words are also somewhere the level shares on purpose
        assert not any(text in s for s in strings), f"{text!r} leaked into a {level} share"
    # Consented comments do travel, and what was written reads back as the same share.
    for text in consented:
        assert text in strings
    assert share_from_bytes(payload, name="s.json") == share


def _rated(workbook_path: Path) -> Workbook:
    workbook = store.load_workbook(workbook_path)
    started = [m for m in workbook.mentorships if Status(m.status).has_started]
    record_feedback(
        workbook,
        started[0].id,
        usefulness=2,
        recommend=False,
        helped="PRIVATE-helped",
        comment="PRIVATE-comment",
        share_comment=False,
    )
    return workbook


def test_each_level_holds_what_it_promises(sample_workbook: Path, today: date) -> None:
    workbook = _rated(sample_workbook)
    contact = workbook.contacts[0]
    goal = workbook.goals[0]
    shares = {level: build_share(workbook, level, today) for level in SHARE_LEVELS}
    texts = {level: share_to_json(share).decode() for level, share in shares.items()}
    for level, share in shares.items():
        assert share.level == level and share.created == today
        data = share_to_dict(share)
        assert data["level"] == level and data["created"] == today.isoformat()
        assert share_file_name(share) == f"share-p01-{level}-{today.isoformat()}.json"
    # summary: numbers and codes; the rating without its words (no consent)
    summary = json.loads(texts["summary"])
    assert set(summary) == {"mentorkit_share", "level", "participant_id", "created", "summary"}
    assert summary["summary"]["feedback"] == [
        {"usefulness": 2, "recommend": False, "comment": None}
    ]
    assert summary["summary"]["network"]["contacts"] == len(workbook.contacts)
    assert all(set(w) == {"code"} for w in summary["summary"]["progress"]["warnings"])
    for private in (contact.name, contact.email, goal.statement, "PRIVATE-"):
        assert private not in texts["summary"]
    # goals: adds statements, the review and the gaps, still no contact
    goals = json.loads(texts["goals"])
    assert [g["statement"] for g in goals["goals"]["goals"]] == [
        g.statement for g in workbook.goals
    ]
    assert all("ready" in g and "findings" in g for g in goals["goals"]["goals"])
    assert "workbook" not in goals
    for private in (contact.name, contact.email, "PRIVATE-"):
        assert private not in texts["goals"]
    # full: the workbook itself
    assert shares["full"].workbook == workbook
    assert contact.name in texts["full"]


def test_a_share_is_checked_on_read_like_a_workbook(sample_workbook: Path, today: date) -> None:
    workbook = store.load_workbook(sample_workbook)
    data = share_to_dict(build_share(workbook, "summary", today))
    cases: list[tuple[dict[str, Any] | list[Any], str]] = [
        ({**data, "level": "everything"}, "level"),
        ({**data, "secret": contact_note(workbook)}, "unknown field"),
        ({**data, "summary": {**data["summary"], "names": ["x"]}}, "summary: unknown field"),
        ({**data, "goals": {"goals": [], "gaps": [], "strengths": []}}, "must not hold goal"),
        ({**data, "level": "full"}, "workbook: missing"),
        ({k: v for k, v in data.items() if k != "mentorkit_share"}, "not a mentorkit share"),
        ({**data, "participant_id": "../etc"}, "participant_id"),
        ([1, 2], "not an object"),
    ]
    for bad, words in cases:
        with pytest.raises(ShareError, match=r"^bad\.json: ") as caught:
            share_from_bytes(json.dumps(bad).encode(), name="bad.json")
        assert words in str(caught.value), (words, str(caught.value))
    for raw, words in [(b"\xff\xfe", "not UTF-8"), (b"{", "not readable JSON"), (b"[" * 10**5, "")]:
        with pytest.raises(ShareError, match=r"^bad\.json: ") as caught:
            share_from_bytes(raw, name="bad.json")
        assert words in str(caught.value)


def contact_note(workbook: Workbook) -> str:
    return workbook.contacts[0].notes or "a note"


def test_a_full_share_of_someone_elses_workbook_is_refused(
    sample_workbook: Path, today: date
) -> None:
    workbook = store.load_workbook(sample_workbook)
    data = share_to_dict(build_share(workbook, "full", today))
    data["workbook"]["participant_id"] = "p02"
    with pytest.raises(ShareError, match=r"workbook\.participant_id"):
        share_from_bytes(json.dumps(data).encode(), name="x.json")
    with pytest.raises(ShareError, match="not this workbook's own"):
        build_share(workbook, "summary", today, participant_id="p02")
    with pytest.raises(ShareError, match="no participant id"):
        build_share(replace(workbook, participant_id=""), "summary", today)
    with pytest.raises(ShareError, match="level 'all'"):
        build_share(workbook, "all", today)


def test_a_share_summary_feeds_the_cohort_tables(sample_workbook: Path, today: date) -> None:
    from mentorkit.cohort.summary import summary_problems

    workbook = store.load_workbook(sample_workbook)
    for level in SHARE_LEVELS:
        summary = share_summary_json(build_share(workbook, level, today), name="Amara")
        assert summary_problems(summary, participant_id="p01") == []
        assert summary["name"] == "Amara" and summary["share_level"] == level
        assert all(
            w["reason"] and "Amara" not in w["reason"] for w in summary["progress"]["warnings"]
        )
        assert bool(summary["gaps"] or summary["strengths"]) == (level != "summary")


def test_a_share_handed_in_as_a_workbook_says_what_a_report_needs(
    sample_workbook: Path, today: date, tmp_path: Path
) -> None:
    share = build_share(store.load_workbook(sample_workbook), "summary", today)
    file = tmp_path / "p01.json"
    file.write_bytes(share_to_json(share))
    with pytest.raises(WorkbookError, match=r'summary" share, not a workbook.*full share'):
        store.load_workbook(file)


def test_the_share_command_writes_the_file(
    sample_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "share.json"
    argv = [
        "share", str(sample_workbook), "--level", "goals", "-o", str(target),
        "--today", "2026-11-23",
    ]  # fmt: skip
    assert main(argv) == 0
    share = share_from_bytes(target.read_bytes(), name="share.json")
    assert (share.level, share.participant_id, share.created) == (
        "goals",
        "p01",
        date(2026, 11, 23),
    )
    assert main(argv) == 2
    assert "already exists" in capsys.readouterr().err
    assert main([*argv, "--force", "--level", "summary"]) == 0
    assert share_from_bytes(target.read_bytes(), name="s").level == "summary"
    assert main([*argv[:3], "--level", "everything", "-o", str(target)]) == 2
    assert main([*argv[:-2], "-o", str(tmp_path / "no" / "such.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main([*argv[:-4], "-o", str(tmp_path), "--force"]) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err


def test_every_warning_code_has_words_that_name_nobody() -> None:
    from typing import get_args

    from mentorkit.progress import WarningCode
    from mentorkit.share import WARNING_REASONS

    assert set(WARNING_REASONS) == set(get_args(WarningCode))
