"""The progress step as widgets: log conversations, see where you stand, wrap up.

:func:`progress_workbench` returns a :class:`ProgressWorkbench` whose sections a notebook
shows one per step (:meth:`~ProgressWorkbench.overview`, :meth:`~ProgressWorkbench.checkin_form`,
:meth:`~ProgressWorkbench.charts`, :meth:`~ProgressWorkbench.wrap_up_form`).  All sections share
one workbook session, so saving a conversation refreshes the metrics, warnings and charts.

Thin: the numbers come from :mod:`mentorkit.progress`, the wrap-up from
:mod:`mentorkit.wrapup`; every save goes through ``WorkbookSession.update``.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any, Final

import ipywidgets as widgets

from mentorkit import actions
from mentorkit.charts.progress import gas_chart, mentorship_timeline_chart, plan_vs_held_chart
from mentorkit.charts.style import figure_png
from mentorkit.lifecycle import STATUS_LABELS, ends_on
from mentorkit.model import CheckIn, Mentorship, Workbook
from mentorkit.progress import (
    LOGGABLE_STATUSES,
    RATING_LABELS,
    mentorship_plans,
    participant_gas,
    stall_warnings,
)
from mentorkit.render import escape, html_table, message_html, parse_today, shorten
from mentorkit.status import CLOSED_STATUSES, MENTORING_STATUSES
from mentorkit.widgets.common import WorkbookSession, reports_errors, status_line
from mentorkit.wrapup import (
    GOAL_OUTCOME_LABELS,
    WRAP_UP_PROMPTS,
    WrapUpResult,
    mentorships_to_wrap_up,
)

#: The check-in choice meaning "a new conversation", not an existing one to edit.
NEW_ENTRY: Final = ""
#: The rating choice for "not rated": a Dropdown shows a value of ``None`` as no selection
#: at all, so the empty rating needs a value of its own.
NOT_RATED: Final = "not rated"
_STATE_WORDS: Final = {
    "on_track": "on track",
    "behind": "behind plan",
    "closed": "closed",
    "not_started": "not started yet",
}
_WIDE: Final = widgets.Layout(width="95%")
_LABEL_STYLE: Final = {"description_width": "150px"}


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h3 style='margin:12px 0 4px'>{escape(text)}</h3>")


def _rating_options() -> list[tuple[str, int | str]]:
    return [("Not rated", NOT_RATED)] + [
        (f"{score:+d}  {words}" if score else f"0  {words}", score)
        for score, words in sorted(RATING_LABELS.items())
    ]


def _mentorship_label(workbook: Workbook, mentorship: Mentorship) -> str:
    try:
        mentor = workbook.contact(mentorship.contact_id).name
    except KeyError:
        mentor = "?"
    try:
        goal = workbook.goal(mentorship.goal_id).statement
    except KeyError:
        goal = mentorship.goal_id
    goal = shorten(goal, 50)
    return f"{mentor}: {goal} ({STATUS_LABELS.get(mentorship.status, mentorship.status)})"


def _checkin_label(workbook: Workbook, checkin: CheckIn) -> str:
    try:
        mentor = workbook.contact(workbook.mentorship(checkin.mentorship_id).contact_id).name
    except KeyError:
        mentor = "?"
    what = "held" if checkin.held else "cancelled"
    rated = ""
    if checkin.rating is not None:
        rated = f", rated {checkin.rating:+d}" if checkin.rating else ", rated 0"
    return f"{checkin.date.isoformat()} with {mentor}: {what}{rated}"


class ProgressWorkbench:
    """Controls of the progress step, bound to one workbook file.

    Tests set the controls' ``.value`` and call ``.click()`` on the buttons; every callback
    reports its errors in the section's status line and keeps what was typed.
    """

    def __init__(self, workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""):
        self.today = parse_today(today)
        self.session = WorkbookSession(workbook_path or None, today=self.today)
        self.last_wrap_up: WrapUpResult | None = None
        self._refreshing = False
        self._charts_wanted = False

        # --- check-in form
        self.existing = widgets.Dropdown(
            description="Entry", style=_LABEL_STYLE, layout=_WIDE, options=[]
        )
        self.mentorship = widgets.Dropdown(
            description="Mentorship", style=_LABEL_STYLE, layout=_WIDE, options=[]
        )
        self.date = widgets.DatePicker(description="Date", style=_LABEL_STYLE, value=self.today)
        self.held = widgets.RadioButtons(
            description="It was",
            style=_LABEL_STYLE,
            options=[("held", True), ("cancelled or moved", False)],
            value=True,
        )
        self.minutes = widgets.BoundedIntText(
            description="Minutes", style=_LABEL_STYLE, value=30, min=0, max=480
        )
        self.notes = widgets.Textarea(
            description="What we talked about", style=_LABEL_STYLE, layout=_WIDE
        )
        self.actions = widgets.Textarea(
            description="Actions agreed", style=_LABEL_STYLE, layout=_WIDE
        )
        self.feedback = widgets.Textarea(
            description="Feedback received", style=_LABEL_STYLE, layout=_WIDE
        )
        self.rating = widgets.Dropdown(
            description="Goal progress",
            style=_LABEL_STYLE,
            layout=_WIDE,
            options=_rating_options(),
            value=NOT_RATED,
        )
        fit = widgets.Layout(width="auto")  # buttons as wide as their words
        self.save_button = widgets.Button(
            description="Save conversation", button_style="primary", layout=fit
        )
        self.delete_button = widgets.Button(
            description="Delete this entry", button_style="danger", layout=fit
        )
        self.new_button = widgets.Button(description="Start a new entry", layout=fit)
        self.checkin_status = status_line()

        # --- overview
        self.metrics = widgets.HTML()
        self.warnings = widgets.HTML()

        # --- charts
        self.plan_chart = widgets.Image(format="png")
        self.gas_chart = widgets.Image(format="png")
        self.timeline_chart = widgets.Image(format="png")

        # --- wrap-up
        self.wrap_mentorship = widgets.Dropdown(
            description="Mentorship", style=_LABEL_STYLE, layout=_WIDE, options=[]
        )
        self.wrap_hint = widgets.HTML()
        self.answers = {
            prompt.key: widgets.Textarea(
                description=prompt.question,
                placeholder=prompt.hint,
                style=_LABEL_STYLE,
                layout=_WIDE,
            )
            for prompt in WRAP_UP_PROMPTS
        }
        self.goal_outcome = widgets.RadioButtons(
            description="The goal is",
            style=_LABEL_STYLE,
            options=[(label, key) for key, label in GOAL_OUTCOME_LABELS.items()],
            value="achieved",
            layout=_WIDE,
        )
        self.early_note = widgets.Text(
            description="Why it ends early",
            placeholder="Only when it ends before the agreed date",
            style=_LABEL_STYLE,
            layout=_WIDE,
        )
        self.wrap_button = widgets.Button(
            description="Save wrap-up", button_style="primary", layout=fit
        )
        self.wrap_status = status_line()
        self.next_step = widgets.HTML()
        self.thank_you = widgets.Textarea(
            description="Thank-you note",
            style=_LABEL_STYLE,
            layout=widgets.Layout(width="95%", height="180px"),
        )

        self._wire()
        self.refresh()
        self._sections = {
            "overview": widgets.VBox([self.metrics, self.warnings]),
            "checkins": widgets.VBox(
                [
                    self.existing,
                    self.mentorship,
                    self.date,
                    self.held,
                    self.minutes,
                    self.notes,
                    self.actions,
                    self.feedback,
                    self.rating,
                    widgets.HBox([self.save_button, self.new_button, self.delete_button]),
                    self.checkin_status,
                ]
            ),
            "charts": widgets.VBox(
                [
                    self.plan_chart,
                    self.gas_chart,
                    self.timeline_chart,
                ]
            ),
            "wrap_up": widgets.VBox(
                [
                    self.wrap_mentorship,
                    self.wrap_hint,
                    *self.answers.values(),
                    self.goal_outcome,
                    self.early_note,
                    self.wrap_button,
                    self.wrap_status,
                    self.next_step,
                    self.thank_you,
                ]
            ),
        }
        # End-of-mentorship feedback for the programme (issue 17), its own widget.
        from mentorkit.widgets.feedback import feedback_form

        self.feedback_form = feedback_form(self.session, self.today)
        self._sections["wrap_up"].children += (self.feedback_form.widget,)
        # Shown whole (not step by step in the notebook), each section gets its heading.
        titles = {
            "overview": "Where you stand",
            "checkins": "Log a conversation",
            "charts": "Your progress in pictures",
            "wrap_up": "Wrap up a mentorship",
        }
        self.widget = widgets.VBox(
            [
                widgets.VBox([_heading(titles[name]), section])
                for name, section in self._sections.items()
            ]
        )

    # --- panels a notebook shows, one per step (as every workbench has) ---------------

    @property
    def overview_panel(self) -> widgets.VBox:
        """Metrics and warnings."""
        return self._sections["overview"]

    @property
    def checkin_panel(self) -> widgets.VBox:
        """The form to add, edit and delete conversations."""
        return self._sections["checkins"]

    @property
    def charts_panel(self) -> widgets.VBox:
        """Plan vs held, T-score over time, and the year of mentorships.

        Charts are drawn from the first look on (and redrawn after every save), not before:
        rendering them is the slowest part of a refresh, so a page without them stays quick.
        """
        if not self._charts_wanted:
            self._charts_wanted = True
            self._draw_charts(self.session.load())
        return self._sections["charts"]

    @property
    def wrap_up_panel(self) -> widgets.VBox:
        """The wrap-up questions, the goal decision, and what comes next."""
        return self._sections["wrap_up"]

    # The same panels by their earlier, method names.
    def overview(self) -> widgets.VBox:
        """:attr:`overview_panel`."""
        return self.overview_panel

    def checkin_form(self) -> widgets.VBox:
        """:attr:`checkin_panel`."""
        return self.checkin_panel

    def charts(self) -> widgets.VBox:
        """:attr:`charts_panel`."""
        return self.charts_panel

    def wrap_up_form(self) -> widgets.VBox:
        """:attr:`wrap_up_panel`."""
        return self.wrap_up_panel

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    # --- wiring ---------------------------------------------------------------------

    def _wire(self) -> None:
        self.save_button.on_click(reports_errors(self.checkin_status)(self._save_checkin))
        self.delete_button.on_click(reports_errors(self.checkin_status)(self._delete_checkin))
        self.new_button.on_click(reports_errors(self.checkin_status)(self._new_entry))
        self.existing.observe(reports_errors(self.checkin_status)(self._load_entry), names="value")
        self.held.observe(reports_errors(self.checkin_status)(self._held_changed), names="value")
        self.wrap_button.on_click(reports_errors(self.wrap_status)(self._save_wrap_up))
        self.wrap_mentorship.observe(
            reports_errors(self.wrap_status)(self._wrap_choice_changed), names="value"
        )

    def refresh(self, workbook: Workbook | None = None) -> None:
        """Redraw choices, metrics, warnings and charts from the workbook on disk."""
        workbook = workbook or self.session.load()
        self._refreshing = True  # new choices must not overwrite what is being typed
        try:
            loggable = [m for m in workbook.mentorships if m.status in LOGGABLE_STATUSES]
            chosen_mentorship = self.mentorship.value
            self.mentorship.options = [(_mentorship_label(workbook, m), m.id) for m in loggable]
            running = [m.id for m in loggable if m.status == "active"]
            if chosen_mentorship in {m.id for m in loggable}:
                self.mentorship.value = chosen_mentorship
            elif running:
                self.mentorship.value = running[0]
            entries = sorted(workbook.checkins, key=lambda c: c.date, reverse=True)
            chosen = self.existing.value
            self.existing.options = [("A new conversation", NEW_ENTRY)] + [
                (_checkin_label(workbook, c), c.id) for c in entries
            ]
            self.existing.value = chosen if chosen in {c.id for c in entries} else NEW_ENTRY
        finally:
            self._refreshing = False
        self._draw_overview(workbook)
        if self._charts_wanted:
            self._draw_charts(workbook)
        self._refresh_wrap_choices(workbook)

    def _draw_overview(self, workbook: Workbook) -> None:
        tscore = participant_gas(workbook, self.today)
        gas_text = (
            "No conversation has been rated yet: rate your goal's progress when you log one."
            if tscore is None
            else f"Goal attainment T-score: {tscore:.1f} (50 means as expected; above is better)."
        )
        rows = []
        for plan in mentorship_plans(workbook, self.today):
            mentorship = workbook.mentorship(plan.mentorship_id)
            rows.append(
                {
                    "mentorship": _mentorship_label(workbook, mentorship),
                    "state": _STATE_WORDS[plan.state],
                    "held": f"{plan.held} of {plan.planned_to_date} due ({plan.planned_total} planned)",
                    "cancelled": plan.cancelled,
                    "next": plan.next_planned.isoformat() if plan.next_planned else "",
                }
            )
        table = (
            html_table(
                rows,
                [
                    ("mentorship", "Mentorship"),
                    ("state", "State"),
                    ("held", "Conversations held"),
                    ("cancelled", "Cancelled"),
                    ("next", "Next planned"),
                ],
            )
            if rows
            else "<p>No mentorship has started yet. When someone says yes in 03_the_ask.ipynb, "
            "log your conversations here.</p>"
        )
        self.metrics.value = f"<p>{escape(gas_text)}</p>{table}"
        warnings = stall_warnings(workbook, self.today)
        if warnings:
            self.warnings.value = "".join(
                message_html(f"Warning: {w.reason}", "warning") for w in warnings
            )
        elif rows:
            self.warnings.value = message_html("On track: no sign of a stall.", "ok")
        else:
            self.warnings.value = ""

    def _draw_charts(self, workbook: Workbook) -> None:
        self.plan_chart.value = figure_png(plan_vs_held_chart(workbook, self.today), dpi=80)
        self.gas_chart.value = figure_png(gas_chart(workbook, self.today), dpi=80)
        self.timeline_chart.value = figure_png(
            mentorship_timeline_chart(workbook, self.today), dpi=80
        )

    def _refresh_wrap_choices(self, workbook: Workbook) -> None:
        due = mentorships_to_wrap_up(workbook, self.today)
        early = [m for m in workbook.mentorships if m.status in MENTORING_STATUSES and m not in due]
        options = [(_mentorship_label(workbook, m), m.id) for m in due] + [
            (f"{_mentorship_label(workbook, m)}: end early", m.id) for m in early
        ]
        chosen = self.wrap_mentorship.value
        self.wrap_mentorship.options = options
        ids = [value for _, value in options]
        self.wrap_mentorship.value = chosen if chosen in ids else (ids[0] if ids else None)
        self._describe_wrap_choice(workbook)

    def _describe_wrap_choice(self, workbook: Workbook) -> None:
        chosen = self.wrap_mentorship.value
        if chosen is None:
            self.wrap_hint.value = message_html(
                "Nothing to wrap up yet: a mentorship shows here when it reaches its end.", "info"
            )
            return
        mentorship = workbook.mentorship(chosen)
        end = ends_on(mentorship)
        if mentorship.status in CLOSED_STATUSES:
            text = "It has ended: answer the questions to close it well."
        elif end is not None and end <= self.today:
            text = f"Its agreed end was {end.isoformat()}: time to wrap it up."
        else:
            when = f" before {end.isoformat()}" if end else ""
            text = (
                f"It is still running{when}. Saving a wrap-up now ends it early; "
                "that is fine, and the note says why."
            )
        self.wrap_hint.value = message_html(text, "info")

    # --- callbacks ------------------------------------------------------------------

    def _held_changed(self, change: dict[str, Any]) -> None:
        if change["new"] is False:
            self.rating.value = NOT_RATED

    def _clear_form(self) -> None:
        self.date.value = self.today
        self.held.value = True
        self.minutes.value = 30
        self.notes.value = self.actions.value = self.feedback.value = ""
        self.rating.value = NOT_RATED

    def _new_entry(self, _button: widgets.Button) -> None:
        self.existing.value = NEW_ENTRY
        self._clear_form()
        self.checkin_status.value = ""

    def _load_entry(self, change: dict[str, Any]) -> None:
        checkin_id = change["new"]
        if not checkin_id or self._refreshing:
            return
        workbook = self.session.load()
        found = [c for c in workbook.checkins if c.id == checkin_id]
        if not found:
            return
        checkin = found[0]
        mentorship_ids = [value for _, value in self.mentorship.options]
        if checkin.mentorship_id in mentorship_ids:
            self.mentorship.value = checkin.mentorship_id
        self.date.value = checkin.date
        self.held.value = checkin.held
        self.minutes.value = checkin.minutes
        self.notes.value = checkin.notes
        self.actions.value = checkin.actions
        self.feedback.value = checkin.feedback
        self.rating.value = NOT_RATED if checkin.rating is None else checkin.rating
        self.checkin_status.value = message_html(
            "Editing this entry: change it and save, or delete it.", "info"
        )

    def _save_checkin(self, _button: widgets.Button) -> None:
        editing = self.existing.value or ""
        done = actions.log_checkin(
            self.session.path,
            mentorship_id=self.mentorship.value or "",
            day=self.date.value,
            today=self.today,
            held=bool(self.held.value),
            minutes=int(self.minutes.value),
            notes=self.notes.value,
            actions=self.actions.value,
            feedback=self.feedback.value,
            rating=None if self.rating.value == NOT_RATED else int(self.rating.value),
            checkin_id=editing,
        )
        workbook = done.workbook
        self.existing.value = NEW_ENTRY
        self._clear_form()
        self.refresh(workbook)
        verb = "Updated" if editing else "Saved"
        self.checkin_status.value = message_html(
            f"{verb}: {_checkin_label(workbook, done.value)}.", "ok"
        )

    def _delete_checkin(self, _button: widgets.Button) -> None:
        checkin_id = self.existing.value or ""
        if not checkin_id:
            self.checkin_status.value = message_html(
                "Choose the entry to delete in 'Entry' first.", "warning"
            )
            return
        done = actions.delete_checkin(self.session.path, checkin_id)
        workbook = done.workbook
        self.existing.value = NEW_ENTRY
        self._clear_form()
        self.refresh(workbook)
        self.checkin_status.value = message_html(
            f"Deleted the conversation of {done.value.date.isoformat()}.", "ok"
        )

    def _wrap_choice_changed(self, _change: dict[str, Any]) -> None:
        self._describe_wrap_choice(self.session.load())

    def _save_wrap_up(self, _button: widgets.Button) -> None:
        mentorship_id = self.wrap_mentorship.value
        if not mentorship_id:
            self.wrap_status.value = message_html("There is no mentorship to wrap up.", "warning")
            return
        answers = {key: area.value for key, area in self.answers.items()}
        done = actions.wrap_up(
            self.session.path,
            mentorship_id,
            answers=answers,
            goal_outcome=self.goal_outcome.value,
            today=self.today,
            note=self.early_note.value,
        )
        workbook, result = done.workbook, done.value
        self.last_wrap_up = result
        for area in self.answers.values():
            area.value = ""
        self.early_note.value = ""
        self.refresh(workbook)
        closed = STATUS_LABELS[result.closed_as]
        self.wrap_status.value = message_html(
            f"Saved: the mentorship is {closed} and the goal is now {result.goal_status}.", "ok"
        )
        self.next_step.value = self._next_step_html(result)
        self.thank_you.value = result.thank_you

    @staticmethod
    def _next_step_html(result: WrapUpResult) -> str:
        step = result.next_step
        parts = ["<h4 style='margin:8px 0 4px'>What comes next</h4>"]
        if step.goal_id:
            parts.append(f"<p>Next goal: <b>{escape(step.goal_statement)}</b></p>")
        parts.append(f"<p>{escape(step.reason)}</p>")
        if step.candidates:
            parts.append(
                html_table(
                    [{"name": c.name, "reason": c.reason} for c in step.candidates],
                    [("name", "Who to ask next"), ("reason", "Why")],
                )
            )
        return "".join(parts)


def progress_workbench(
    workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""
) -> ProgressWorkbench:
    """The progress step for the participant's workbook.

    Args:
        workbook_path: The workbook file; empty means the participant's own workbook.
        today: The date to measure at (``2026-11-23``); empty means the real today.
    """
    return ProgressWorkbench(workbook_path, today)
