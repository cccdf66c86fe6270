"""End-of-mentorship feedback: stored with its mentorship, shown only in aggregate."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentorkit import actions, store
from mentorkit.cli import main
from mentorkit.errors import InputError
from mentorkit.feedback import MIN_ANSWERS, programme_feedback, shared_feedback
from mentorkit.status import Status


def _started(path: Path) -> str:
    workbook = store.load_workbook(path)
    return next(m.id for m in workbook.mentorships if Status(m.status).has_started)


def test_feedback_is_stored_with_its_mentorship(sample_workbook: Path) -> None:
    mentorship_id = _started(sample_workbook)
    done = actions.give_feedback(
        sample_workbook, mentorship_id, usefulness=5, recommend=True, helped="  Dates  "
    )
    saved = store.load_workbook(sample_workbook).mentorship(mentorship_id).feedback
    assert saved == done.value and saved is not None
    assert (saved.usefulness, saved.recommend, saved.helped, saved.share_comment) == (
        5, True, "Dates", False,
    )  # fmt: skip
    # Given again, it replaces the first answer.
    actions.give_feedback(sample_workbook, mentorship_id, usefulness=2, recommend=False)
    again = store.load_workbook(sample_workbook).mentorship(mentorship_id).feedback
    assert again is not None and (again.usefulness, again.helped) == (2, "")


@pytest.mark.parametrize(
    ("mentorship", "usefulness", "words"),
    [
        ("nope", 3, "no such mentorship"),
        (None, 0, "from 1 to 5"),
        (None, 6, "from 1 to 5"),
        (None, True, "from 1 to 5"),
    ],
)
def test_feedback_refuses_what_cannot_be_stored(
    sample_workbook: Path, mentorship: str | None, usefulness: Any, words: str
) -> None:
    before = sample_workbook.read_bytes()
    with pytest.raises(InputError, match=words):
        actions.give_feedback(
            sample_workbook,
            mentorship or _started(sample_workbook),
            usefulness=usefulness,
            recommend=True,
        )
    assert sample_workbook.read_bytes() == before


def test_feedback_needs_a_mentorship_that_began(cohort_dir: Path) -> None:
    for path in sorted((cohort_dir / "workbooks").glob("*.json")):
        workbook = store.load_workbook(path)
        for mentorship in workbook.mentorships:
            if not Status(mentorship.status).has_started:
                with pytest.raises(InputError, match="conversations have begun"):
                    actions.give_feedback(path, mentorship.id, usefulness=3, recommend=True)
                return
    pytest.fail("the sample cohort has no mentorship that has not begun")


def test_feedback_words_leave_the_workbook_only_with_consent(sample_workbook: Path) -> None:
    mentorship_id = _started(sample_workbook)
    actions.give_feedback(
        sample_workbook, mentorship_id, usefulness=4, recommend=True, comment="keep it private"
    )
    entries = shared_feedback(store.load_workbook(sample_workbook))
    assert [e for e in entries if e["usefulness"] == 4] == [
        {"usefulness": 4, "recommend": True, "comment": None}
    ]
    actions.give_feedback(
        sample_workbook,
        mentorship_id,
        usefulness=4,
        recommend=True,
        comment="fine to share",
        share_comment=True,
    )
    entries = shared_feedback(store.load_workbook(sample_workbook))
    assert {"helped": "", "to_change": "", "comment": "fine to share"} in [
        e["comment"] for e in entries
    ]


def _summaries(people: int, per_person: int = 1) -> list[dict[str, Any]]:
    return [
        {
            "participant_id": f"p{i}",
            "name": f"Person {i}",
            "feedback": [
                {
                    "usefulness": 1 + (i + j) % 5,
                    "recommend": (i + j) % 2 == 0,
                    "comment": {"helped": f"helped {i}.{j}", "to_change": "", "comment": ""}
                    if i % 2 == 0
                    else None,
                }
                for j in range(per_person)
            ],
        }
        for i in range(people)
    ] + [{"participant_id": "quiet", "name": "No answer", "feedback": []}]


def test_two_answers_show_only_the_count_with_the_reason() -> None:
    result = programme_feedback(_summaries(2, per_person=3))
    assert result == {
        "answers": 2,
        "ratings": 6,
        "min_answers": 3,
        "shown": False,
        "reason": result["reason"],
    }
    assert "2 of the 3" in result["reason"]
    # Many ratings by two people are still two people.
    assert not programme_feedback(_summaries(2, per_person=10))["shown"]


def test_three_answers_show_the_aggregate_and_consented_comments_only() -> None:
    summaries = _summaries(3)
    result = programme_feedback(summaries, rng=random.Random(1))
    assert result["shown"] and result["answers"] == 3
    assert result["mean_usefulness"] == round((1 + 2 + 3) / 3, 2)
    assert result["recommend_share"] == round(2 / 3, 3)
    assert result["usefulness_counts"] == {"1": 1, "2": 1, "3": 1, "4": 0, "5": 0}
    assert sorted(c["helped"] for c in result["comments"]) == ["helped 0.0", "helped 2.0"]
    text = json.dumps(result)
    assert "Person" not in text and "p0" not in text and "p2" not in text


def test_ten_answers_shuffle_the_comments() -> None:
    summaries = _summaries(10, per_person=2)
    orders = {
        tuple(
            c["helped"] for c in programme_feedback(summaries, rng=random.Random(seed))["comments"]
        )
        for seed in range(6)
    }
    result = programme_feedback(summaries)
    assert result["answers"] == 10 and result["ratings"] == 20 and result["shown"]
    assert len(result["comments"]) == 10  # five people shared, twice each
    assert len(orders) > 1  # not in the participants' order every time
    written = [f"helped {i}.{j}" for i in range(0, 10, 2) for j in range(2)]
    assert sorted(next(iter(orders))) == sorted(written)


def test_the_threshold_is_never_below_three() -> None:
    assert programme_feedback(_summaries(2), min_answers=1)["min_answers"] == MIN_ANSWERS
    assert not programme_feedback(_summaries(2), min_answers=0)["shown"]
    assert not programme_feedback(_summaries(4), min_answers=5)["shown"]
    assert programme_feedback(_summaries(5), min_answers=5)["shown"]


def test_the_feedback_command(sample_workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mentorship_id = _started(sample_workbook)
    base = ["feedback", str(sample_workbook), "--mentorship", mentorship_id]
    assert (
        main([*base, "--usefulness", "4", "--recommend", "yes", "--comment", "More of this"]) == 0
    )
    assert "your words stay in your workbook" in capsys.readouterr().out
    saved = store.load_workbook(sample_workbook).mentorship(mentorship_id).feedback
    assert saved is not None and (saved.comment, saved.share_comment) == ("More of this", False)
    assert (
        main([*base, "--usefulness", "3", "--recommend", "no", "--comment", "x", "--share-comment"])
        == 0
    )
    saved = store.load_workbook(sample_workbook).mentorship(mentorship_id).feedback
    assert saved is not None and (saved.recommend, saved.share_comment) == (False, True)
    assert main([*base, "--usefulness", "9", "--recommend", "yes"]) == 2
    assert main([*base, "--usefulness", "3", "--recommend", "maybe"]) == 2
    assert main([*base[:3], "nope", "--usefulness", "3", "--recommend", "yes"]) == 2
    assert "no such mentorship" in capsys.readouterr().err


def test_a_cohort_run_summary_carries_feedback(today: date, cohort_dir: Path) -> None:
    from mentorkit.cohort.summary import summary_problems
    from mentorkit.metrics import participant_summary

    summaries = [
        participant_summary(store.load_workbook(path), today)
        for path in sorted((cohort_dir / "workbooks").glob("*.json"))
    ]
    assert all(summary_problems(s) == [] for s in summaries)
    result = programme_feedback(summaries)
    assert result["shown"] and result["answers"] == 3  # the sample's three who answered
    # The sample's one answer without consent keeps its words home.
    assert all("cannot continue" not in json.dumps(s["feedback"]) for s in summaries)
