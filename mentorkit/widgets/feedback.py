"""The end-of-mentorship feedback form, shown in the progress notebook's wrap-up.

Thin: the mentorships that can be rated and what is stored come from
:mod:`mentorkit.feedback`; the save goes through :func:`mentorkit.actions.give_feedback`.
Tests set the controls' values and click :attr:`FeedbackForm.save_button`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as widgets

from mentorkit import actions
from mentorkit.errors import InputError
from mentorkit.feedback import USEFULNESS_LABELS, can_give_feedback
from mentorkit.model import Workbook
from mentorkit.render import message_html
from mentorkit.widgets.common import (
    Panel,
    WorkbookSession,
    clears_on_edit,
    labelled_button,
    mentorship_label,
    reports_errors,
    set_choices,
    status_line,
    text_area,
)

_WIDE = widgets.Layout(width="min(100%, 40em)")
_STYLE = {"description_width": "12em"}


def _choice_label(workbook: Workbook, mentorship_id: str) -> str:
    mentorship = workbook.mentorship(mentorship_id)
    rated = " (rated)" if mentorship.feedback is not None else ""
    return f"{mentorship_label(workbook, mentorship)}{rated}"


class FeedbackForm(Panel):
    """How useful a mentorship was, would you recommend one, and in your own words.

    Attributes:
        mentorship: Which mentorship (those whose conversations began).
        usefulness: 1-5, ``None`` until chosen.
        recommend: ``"yes"``/``"no"``, ``None`` until chosen.
        helped, to_change, comment: The participant's words.
        share_comment: Whether the words may go to the facilitator.
        status: What the last save did.
        widget: The whole form.
    """

    def __init__(self, session: WorkbookSession, today: date | None = None):
        self.session = session
        self.today = today or session.today
        self.mentorship = widgets.Dropdown(
            description="Mentorship", options=[], layout=_WIDE, style=_STYLE
        )
        self.usefulness = widgets.ToggleButtons(
            description="How useful was it?",
            options=[(str(n), n) for n in USEFULNESS_LABELS],
            tooltips=list(USEFULNESS_LABELS.values()),
            value=None,
            style={**_STYLE, "button_width": "3em"},
        )
        self.recommend = widgets.ToggleButtons(
            description="Recommend one?",
            options=[("Yes", "yes"), ("No", "no")],
            tooltips=[
                "I would recommend a short mentorship to a colleague",
                "I would not recommend it",
            ],
            value=None,
            style={**_STYLE, "button_width": "5em"},
        )
        self.helped = text_area("What helped", layout=_WIDE, style=_STYLE, rows=2)
        self.to_change = text_area("What to change", layout=_WIDE, style=_STYLE, rows=2)
        self.comment = text_area("Anything else", layout=_WIDE, style=_STYLE, rows=2)
        self.share_comment = widgets.Checkbox(
            description="My words may be shown to the facilitator (without my name)",
            value=False,
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.save_button = labelled_button("Save my feedback", button_style="primary")
        self.status = status_line()
        form = [
            self.mentorship,
            self.usefulness,
            self.recommend,
            self.helped,
            self.to_change,
            self.comment,
            self.share_comment,
        ]
        clears_on_edit(self.status, form)
        self.save_button.on_click(reports_errors(self.status)(self._save))
        self.mentorship.observe(reports_errors(self.status)(self._chosen), names="value")
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<h4 style='margin:10px 0 4px'>Feedback for the programme</h4>"
                    "<p>Your ratings go to the facilitator with your share, together with "
                    "everyone else's; they are shown only once at least three people have "
                    "answered. Your words stay in your workbook unless you tick the box.</p>"
                ),
                *form,
                self.save_button,
                self.status,
            ]
        )
        self.refresh()

    def refresh(self, workbook: Workbook | None = None) -> None:
        """Offer the mentorships that can be rated, keeping the one chosen."""
        workbook = workbook or self.session.load()
        ids = [m.id for m in workbook.mentorships if can_give_feedback(m)]
        set_choices(
            self.mentorship, [(_choice_label(workbook, i), i) for i in ids], self.mentorship.value
        )
        if not ids:
            self.status.value = message_html(
                "Feedback opens once the conversations of a mentorship have begun.", "info"
            )

    def choose(self, mentorship_id: str | None) -> None:
        """Select ``mentorship_id`` when it can be rated (the wrap-up's choice follows here)."""
        if mentorship_id in {value for _, value in self.mentorship.options}:
            self.mentorship.value = mentorship_id

    def _chosen(self, _change: dict[str, Any] | None = None) -> None:
        """Show what was given before for this mentorship, so it can be changed."""
        if self.mentorship.value is None:
            return
        feedback = self.session.load().mentorship(self.mentorship.value).feedback
        if feedback is None:
            self.usefulness.value = None
            self.recommend.value = None
            self.helped.value = self.to_change.value = self.comment.value = ""
            self.share_comment.value = False
            return
        self.usefulness.value = feedback.usefulness
        self.recommend.value = "yes" if feedback.recommend else "no"
        self.helped.value = feedback.helped
        self.to_change.value = feedback.to_change
        self.comment.value = feedback.comment
        self.share_comment.value = feedback.share_comment

    def _save(self, _button: widgets.Button | None = None) -> None:
        if self.mentorship.value is None:
            raise InputError("Mentorship: there is no mentorship to give feedback on yet.")
        if self.usefulness.value is None:
            raise InputError("How useful was it? Choose 1 (not useful) to 5 (extremely useful).")
        if self.recommend.value is None:
            raise InputError("Recommend one? Choose yes or no.")
        done = actions.give_feedback(
            self.session.file,
            self.mentorship.value,
            usefulness=int(self.usefulness.value),
            recommend=self.recommend.value == "yes",
            helped=self.helped.value,
            to_change=self.to_change.value,
            comment=self.comment.value,
            share_comment=bool(self.share_comment.value),
        )
        words = any((done.value.helped, done.value.to_change, done.value.comment))
        where = (
            "your words may be shown to the facilitator, without your name"
            if words and done.value.share_comment
            else "your words stay in your workbook"
            if words
            else "thank you"
        )
        self.refresh(done.workbook)
        self.status.value = message_html(f"Feedback saved: {where}.", "ok")


def feedback_form(session: WorkbookSession, today: date | None = None) -> FeedbackForm:
    """The feedback form bound to ``session``'s workbook."""
    return FeedbackForm(session, today)
