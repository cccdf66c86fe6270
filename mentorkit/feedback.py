"""End-of-mentorship feedback for the programme, and what a cohort's answers add up to.

A participant rates each mentorship once its conversations have begun: how useful it was
(1-5), whether they would recommend a short mentorship to a colleague, and, in their own
words, what helped, what to change and anything else.  The ratings are shared with the
facilitator; the words only when the participant ticks that they may be
(:func:`shared_feedback` is the one place that decides what leaves the workbook).

:func:`programme_feedback` is what the dashboard and ``cohort summarize --json`` show: the
aggregate only once at least :data:`MIN_ANSWERS` people answered, so nobody can be singled
out, and the consented comments in a shuffled order without names.

Everything here is pure.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from mentorkit.errors import InputError
from mentorkit.model import MAX_TEXT, Mentorship, MentorshipFeedback, Workbook, now
from mentorkit.status import Status

#: Programme feedback is shown only when at least this many people answered; a facilitator
#: may ask for more, never for fewer.
MIN_ANSWERS: Final = 3
USEFULNESS_LABELS: Final = {
    1: "Not useful",
    2: "A little useful",
    3: "Useful",
    4: "Very useful",
    5: "Extremely useful",
}
#: The free-text answers, as they are named in the workbook and in a share.
COMMENT_FIELDS: Final = ("helped", "to_change", "comment")


def can_give_feedback(mentorship: Mentorship) -> bool:
    """Whether the conversations of ``mentorship`` began (active, completed or ended early)."""
    return Status(mentorship.status).has_started


def record_feedback(
    workbook: Workbook,
    mentorship_id: str,
    *,
    usefulness: int,
    recommend: bool,
    helped: str = "",
    to_change: str = "",
    comment: str = "",
    share_comment: bool = False,
    at: datetime | None = None,
) -> MentorshipFeedback:
    """Store the participant's feedback on a mentorship (replacing any given before).

    Raises:
        InputError: no such mentorship, it never began, or an answer is out of range.
    """
    try:
        mentorship = workbook.mentorship(mentorship_id)
    except KeyError:
        raise InputError(f"mentorship {mentorship_id!r}: there is no such mentorship") from None
    if not can_give_feedback(mentorship):
        raise InputError(
            f"mentorship {mentorship_id!r} is {Status(mentorship.status).words.is_}: feedback "
            "is for a mentorship whose conversations have begun"
        )
    if isinstance(usefulness, bool) or not isinstance(usefulness, int) or not 1 <= usefulness <= 5:
        raise InputError(f"usefulness {usefulness!r}: choose a whole number from 1 to 5")
    texts = {"helped": helped, "to_change": to_change, "comment": comment}
    for name, text in texts.items():
        if len(text) > MAX_TEXT:
            raise InputError(
                f"{name}: {len(text):,} characters is more than {MAX_TEXT:,}; please shorten it"
            )
    feedback = MentorshipFeedback(
        usefulness=usefulness,
        recommend=bool(recommend),
        **{name: text.strip() for name, text in texts.items()},
        share_comment=bool(share_comment),
        given=at or now(),
    )
    mentorship.feedback = feedback
    return feedback


def shared_feedback(workbook: Workbook) -> list[dict[str, Any]]:
    """Each feedback as it may leave the workbook: ratings, and words only with consent.

    No mentorship, goal or contact is named: an entry is ``usefulness``, ``recommend`` and
    ``comment`` (``None``, or the non-empty texts the participant agreed to share).
    """
    entries: list[dict[str, Any]] = []
    for mentorship in workbook.mentorships:
        feedback = mentorship.feedback
        if feedback is None:
            continue
        comment = None
        if feedback.share_comment:
            texts = {name: getattr(feedback, name) for name in COMMENT_FIELDS}
            if any(texts.values()):
                comment = texts
        entries.append(
            {"usefulness": feedback.usefulness, "recommend": feedback.recommend, "comment": comment}
        )
    return entries


def _entries(summary: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    entries = summary.get("feedback", [])
    return [e for e in entries if isinstance(e, Mapping)] if isinstance(entries, list) else []


def programme_feedback(
    summaries: Sequence[Mapping[str, Any]],
    *,
    min_answers: int = MIN_ANSWERS,
    rng: random.Random | None = None,
) -> dict[str, Any]:
    """The cohort's feedback as the facilitator may see it (plain JSON values).

    Args:
        summaries: The participants' summaries (each with a ``feedback`` list).
        min_answers: How many people must have answered before anything but the count is
            shown; raised to :data:`MIN_ANSWERS` when lower.
        rng: Shuffles the comments (default: the system's, so the order cannot be replayed).

    Returns:
        ``answers`` (people who answered), ``ratings`` (mentorships rated), ``min_answers``
        and ``shown``; when shown, ``mean_usefulness``, ``usefulness_counts`` (1-5),
        ``recommend_share`` (0-1) and ``comments``; otherwise ``reason``.
    """
    threshold = max(MIN_ANSWERS, int(min_answers))
    per_person = [_entries(summary) for summary in summaries]
    answered = [entries for entries in per_person if entries]
    ratings = [entry for entries in answered for entry in entries]
    result: dict[str, Any] = {
        "answers": len(answered),
        "ratings": len(ratings),
        "min_answers": threshold,
        "shown": len(answered) >= threshold,
    }
    if not result["shown"]:
        result["reason"] = (
            f"{len(answered)} of the {threshold} people needed have answered: programme "
            "feedback is shown once at least "
            f"{threshold} have, so nobody's answer can be singled out"
        )
        return result
    scores = [int(entry.get("usefulness", 0)) for entry in ratings]
    result["mean_usefulness"] = round(sum(scores) / len(scores), 2)
    result["usefulness_counts"] = {str(n): scores.count(n) for n in range(1, 6)}
    result["recommend_share"] = round(
        sum(1 for entry in ratings if entry.get("recommend") is True) / len(ratings), 3
    )
    comments = [
        {name: str(comment.get(name, "")) for name in COMMENT_FIELDS}
        for entry in ratings
        if isinstance(comment := entry.get("comment"), Mapping)
    ]
    (rng or random.SystemRandom()).shuffle(comments)
    result["comments"] = comments
    return result
