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
from mentorkit.ask import suggested_start
from mentorkit.charts.progress import gas_chart, mentorship_timeline_chart, plan_vs_held_chart
from mentorkit.charts.style import figure_png
from mentorkit.errors import InputError
from mentorkit.lifecycle import STATUS_LABELS, ends_on
from mentorkit.model import CheckIn, Goal, Mentorship, Workbook, now
from mentorkit.progress import (
    LOGGABLE_STATUSES,
    PLAN_STATE_WORDS,
    RATING_LABELS,
    ConversationBeforeAskError,
    PlanStatus,
    attainment_levels,
    conversations_before_ask,
    default_attainment_scale,
    goal_is_rated,
    mentorship_plans,
    participant_gas,
    stall_warnings,
)
from mentorkit.render import LINK_BUTTON_STYLE, counted, escape, html_table, message_html, shorten
from mentorkit.status import CLOSED_STATUSES, MENTORING_STATUSES
from mentorkit.widgets.common import (
    Workbench,
    clears_on_edit,
    fill_controls,
    labelled_button,
    mentorship_label,
    reports_errors,
    set_choices,
    status_line,
    text_area,
    text_input,
)
from mentorkit.wrapup import (
    GOAL_OUTCOME_LABELS,
    WRAP_UP_PROMPTS,
    WrapUpResult,
    held_conversations,
    mentorships_to_wrap_up,
)

#: The check-in choice meaning "a new conversation", not an existing one to edit.
NEW_ENTRY: Final = ""
#: The rating choice for "not rated": a Dropdown shows a value of ``None`` as no selection
#: at all, so the empty rating needs a value of its own.
NOT_RATED: Final = "not rated"
_WIDE: Final = widgets.Layout(width="95%")
_LABEL_STYLE: Final = {"description_width": "150px"}
#: The check-in form's controls that show a conversation's field of the same name.
_CHECKIN_FIELDS: Final = ("date", "held", "minutes", "notes", "actions", "feedback")


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h3 style='margin:12px 0 4px'>{escape(text)}</h3>")


def _score(score: int) -> str:
    return f"{score:+d}" if score else "0"


def _rating_options(levels: dict[int, str] | None = None) -> list[tuple[str, int | str]]:
    """The -2..+2 choices, each with the goal's own level text when it has a scale."""
    levels = levels or {}
    options: list[tuple[str, int | str]] = [("Not rated", NOT_RATED)]
    for score, words in sorted(RATING_LABELS.items()):
        own = levels.get(score, "")
        label = f"{_score(score)}  {own}" if own else f"{_score(score)}  {words}"
        options.append((label if len(label) <= 120 else label[:119] + "…", score))
    return options


def _levels_html(goal: Goal | None) -> str:
    """The goal's five levels as a small table, or how to write them when it has none."""
    if goal is None:
        return ""
    levels = attainment_levels(goal)
    if not levels:
        return message_html(
            "This goal has no scale of its own yet, so a rating uses the general words "
            "(-2 much less than expected ... +2 much more). Writing its five levels under "
            "'Your goal's scale' makes each rating a described outcome.",
            "info",
        )
    return html_table(
        [
            {"score": _score(score), "meaning": RATING_LABELS[score], "looks": levels[score]}
            for score in sorted(levels, reverse=True)
        ],
        [
            ("score", "Rating"),
            ("meaning", "Meaning"),
            ("looks", "What it looks like for this goal"),
        ],
    )


def _held_words(plan: PlanStatus) -> str:
    due = "none due yet" if plan.planned_to_date == 0 else f"{plan.planned_to_date} due so far"
    return f"{plan.held} held of {plan.planned_total} planned ({due})"


def _next_words(plan: PlanStatus, today: date) -> str:
    if plan.state == "closed":
        return "none: closed"
    if plan.wrap_up_due:
        return "none: time to wrap up"
    if plan.next_planned is None:
        return ""
    if plan.next_planned < today:
        return f"{plan.next_planned.isoformat()} (overdue)"
    return plan.next_planned.isoformat()


def _mentorship_label(workbook: Workbook, mentorship: Mentorship) -> str:
    status = STATUS_LABELS.get(mentorship.status, mentorship.status)
    return f"{mentorship_label(workbook, mentorship)} ({status})"


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


class ProgressWorkbench(Workbench):
    """Controls of the progress step, bound to one workbook file.

    Tests set the controls' ``.value`` and call ``.click()`` on the buttons; every callback
    reports its errors in the section's status line and keeps what was typed.
    """

    def __init__(self, workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""):
        super().__init__(workbook_path, today)
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
        self.notes = text_area("What we talked about", style=_LABEL_STYLE, layout=_WIDE)
        self.actions = text_area("Actions agreed", style=_LABEL_STYLE, layout=_WIDE)
        self.feedback = text_area("Feedback received", style=_LABEL_STYLE, layout=_WIDE)
        self.rating = widgets.Dropdown(
            description="Goal progress",
            style=_LABEL_STYLE,
            layout=_WIDE,
            options=_rating_options(),
            value=NOT_RATED,
        )
        self.rating_levels = widgets.HTML()
        self.date_confirmed = widgets.Checkbox(
            description="The date is right: it was before I wrote the ask down",
            value=False,
            indent=False,
            layout=widgets.Layout(width="auto", display="none"),
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

        # --- attainment scale
        self.scale_goal = widgets.Dropdown(
            description="Goal", style=_LABEL_STYLE, layout=_WIDE, options=[]
        )
        self.scale_levels = {
            score: widgets.Text(
                description=f"{_score(score)} {RATING_LABELS[score]}",
                style={"description_width": "230px"},
                layout=_WIDE,
            )
            for score in sorted(RATING_LABELS, reverse=True)
        }
        self.scale_note = text_input(
            "Why it changes",
            "Only needed once the goal has been rated",
            style=_LABEL_STYLE,
            layout=_WIDE,
        )
        self.scale_hint = widgets.HTML()
        self.draft_scale_button = widgets.Button(
            description="Draft from my success measure", layout=fit
        )
        self.save_scale_button = widgets.Button(
            description="Save the scale", button_style="primary", layout=fit
        )
        self.scale_status = status_line()

        # --- overview
        self.metrics = widgets.HTML()
        self.warnings = widgets.HTML()
        self.wrap_up_notes = widgets.HTML()

        # --- charts
        self.plan_chart = widgets.Image(format="png")
        self.gas_chart = widgets.Image(format="png")
        self.timeline_chart = widgets.Image(format="png")

        # --- wrap-up
        self.wrap_mentorship = widgets.Dropdown(
            description="Mentorship", style=_LABEL_STYLE, layout=_WIDE, options=[]
        )
        self.wrap_hint = widgets.HTML()
        # The question above its box, whole: as a description it was cut off at the
        # label's width ("What do you want to...").  The tooltip carries it for screen readers.
        self.answers = {
            prompt.key: widgets.Textarea(
                placeholder=prompt.hint, tooltip=prompt.question, layout=_WIDE
            )
            for prompt in WRAP_UP_PROMPTS
        }
        self.answer_boxes = {
            prompt.key: widgets.VBox(
                [
                    widgets.HTML(
                        f"<label style='font-weight:600'>{escape(prompt.question)}</label>"
                    ),
                    self.answers[prompt.key],
                ]
            )
            for prompt in WRAP_UP_PROMPTS
        }
        self.goal_outcome = widgets.RadioButtons(
            description="The goal is",
            style=_LABEL_STYLE,
            options=[(label, key) for key, label in GOAL_OUTCOME_LABELS.items()],
            value=None,  # the person says what became of the goal; nothing is assumed
            layout=_WIDE,
        )
        self.early_note = text_input(
            "Why it ends early",
            "Only when it ends before the agreed date",
            style=_LABEL_STYLE,
            layout=_WIDE,
        )
        self.wrap_button = labelled_button("Save wrap-up", button_style="primary")
        self.wrap_status = status_line()
        self.next_step = widgets.HTML()
        # The next ask is made in 03_the_ask: from here it is prepared there, as a draft.
        self.next_person = widgets.Dropdown(
            description="Ask next", options=[], style=_LABEL_STYLE, layout=_WIDE
        )
        self.prepare_ask_button = labelled_button(
            "Start a new ask with them", button_style="primary"
        )
        self.next_ask_status = status_line()
        self.next_ask_box = widgets.VBox(
            [self.next_person, self.prepare_ask_button, self.next_ask_status],
            layout=widgets.Layout(display="none"),
        )
        self._next_goal_id = ""
        self.thank_you = widgets.Textarea(
            description="Thank-you note",
            style=_LABEL_STYLE,
            layout=widgets.Layout(width="95%", height="180px"),
        )

        self._wire()
        self.refresh()
        self._sections = {
            "overview": widgets.VBox([self.metrics, self.warnings, self.wrap_up_notes]),
            "scale": widgets.VBox(
                [
                    self.scale_goal,
                    self.scale_hint,
                    *self.scale_levels.values(),
                    self.scale_note,
                    widgets.HBox([self.draft_scale_button, self.save_scale_button]),
                    self.scale_status,
                ]
            ),
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
                    self.rating_levels,
                    self.date_confirmed,
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
                    *self.answer_boxes.values(),
                    self.goal_outcome,
                    self.early_note,
                    self.wrap_button,
                    self.wrap_status,
                    self.next_step,
                    self.next_ask_box,
                    self.thank_you,
                ]
            ),
        }
        # End-of-mentorship feedback for the programme (issue 17), its own widget.
        from mentorkit.widgets.feedback import feedback_form

        self.feedback_form = feedback_form(self.session, self.today)
        self.feedback_form.choose(self.wrap_mentorship.value)  # about the one wrapped up
        self._sections["wrap_up"].children += (self.feedback_form.widget,)
        # Shown whole (not step by step in the notebook), each section gets its heading.
        titles = {
            "overview": "Where you stand",
            "scale": "Your goal's scale",
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
    def scale_panel(self) -> widgets.VBox:
        """Write each goal's five levels (-2..+2) before rating it, drafted on request."""
        return self._sections["scale"]

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

    # --- wiring ---------------------------------------------------------------------

    def _wire(self) -> None:
        # First: the person starting the next thing clears what the last save said.  (The
        # "date is right" box answers the message above it, so ticking it leaves it.)
        clears_on_edit(
            self.checkin_status,
            [self.existing, self.mentorship, self.rating]
            + [getattr(self, name) for name in _CHECKIN_FIELDS],
        )
        clears_on_edit(
            self.scale_status, [self.scale_goal, self.scale_note, *self.scale_levels.values()]
        )
        clears_on_edit(
            self.wrap_status,
            [self.wrap_mentorship, self.goal_outcome, self.early_note, *self.answers.values()],
        )
        self.save_button.on_click(reports_errors(self.checkin_status)(self._save_checkin))
        self.delete_button.on_click(reports_errors(self.checkin_status)(self._delete_checkin))
        # Only a saved entry can be deleted: on a new one the button is off.
        self.delete_button.disabled = not self.existing.value
        self.existing.observe(
            lambda change: setattr(self.delete_button, "disabled", not change["new"]),
            names="value",
        )
        self.new_button.on_click(reports_errors(self.checkin_status)(self._new_entry))
        self.existing.observe(reports_errors(self.checkin_status)(self._load_entry), names="value")
        self.held.observe(reports_errors(self.checkin_status)(self._held_changed), names="value")
        self.wrap_button.on_click(reports_errors(self.wrap_status)(self._save_wrap_up))
        clears_on_edit(self.next_ask_status, [self.next_person])
        self.prepare_ask_button.on_click(
            reports_errors(self.next_ask_status)(self._prepare_next_ask)
        )
        self.wrap_mentorship.observe(
            reports_errors(self.wrap_status)(self._wrap_choice_changed), names="value"
        )
        self.mentorship.observe(
            reports_errors(self.checkin_status)(self._mentorship_changed), names="value"
        )
        self.date.observe(reports_errors(self.checkin_status)(self._date_changed), names="value")
        self.scale_goal.observe(
            reports_errors(self.scale_status)(self._scale_goal_changed), names="value"
        )
        self.draft_scale_button.on_click(reports_errors(self.scale_status)(self._draft_scale))
        self.save_scale_button.on_click(reports_errors(self.scale_status)(self._save_scale))

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
            scale_goals = [g for g in workbook.goals if g.status != "dropped"]
            set_choices(
                self.scale_goal,
                [(shorten(g.statement, 70), g.id) for g in scale_goals],
                keep=self.scale_goal.value,
            )
        finally:
            self._refreshing = False
        self._show_levels(workbook)
        self._describe_scale(workbook, fill=True)
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
        plans = mentorship_plans(workbook, self.today)
        for plan in plans:
            mentorship = workbook.mentorship(plan.mentorship_id)
            rows.append(
                {
                    "mentorship": _mentorship_label(workbook, mentorship),
                    "state": PLAN_STATE_WORDS[plan.state],
                    "held": _held_words(plan),
                    "cancelled": plan.cancelled,
                    "next": _next_words(plan, self.today),
                    "remaining": plan.remaining if plan.state != "closed" else "",
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
                    ("remaining", "Still to hold"),
                ],
            )
            if rows
            else "<p>No mentorship has started yet. When someone says yes in 03_the_ask.ipynb, "
            "log your conversations here.</p>"
        )
        self.metrics.value = f"<p>{escape(gas_text)}</p>{table}"
        warnings = stall_warnings(workbook, self.today)
        notes = [
            message_html(f"Warning: {w.reason}", "warning") for w in warnings
        ] + self._date_questions(workbook)
        if notes:
            self.warnings.value = "".join(notes)
        elif any(p.state in ("on_track", "not_started") for p in plans):
            self.warnings.value = message_html("On track: no sign of a stall.", "ok")
        else:
            self.warnings.value = ""
        self.wrap_up_notes.value = "".join(
            message_html(self._wrap_up_words(workbook, plan), "info")
            for plan in plans
            if plan.wrap_up_due
        )

    @staticmethod
    def _wrap_up_words(workbook: Workbook, plan: PlanStatus) -> str:
        mentorship = workbook.mentorship(plan.mentorship_id)
        try:
            mentor = workbook.contact(mentorship.contact_id).name or "your mentor"
        except KeyError:
            mentor = "your mentor"
        if plan.state == "all_held":
            why = f"all {plan.planned_total} planned conversations with {mentor} are held"
        else:
            end = plan.end.isoformat() if plan.end else "the agreed date"
            why = (
                f"the agreed end with {mentor} was {end} "
                f"({plan.held} of {plan.planned_total} conversations held)"
            )
        return (
            f"Time to wrap up: {why}. No more dates to arrange: answer the wrap-up questions "
            "below, decide about the goal, and send your thank-you."
        )

    @staticmethod
    def _date_questions(workbook: Workbook) -> list[str]:
        questions = []
        for checkin, written in conversations_before_ask(workbook):
            questions.append(
                message_html(
                    f"Is this date right? The conversation of {checkin.date.isoformat()} "
                    f"({_checkin_label(workbook, checkin)}) is dated before its ask was "
                    f"written down on {written.isoformat()}. Open it under 'Log a "
                    "conversation' to correct the date or the mentorship, or keep it if it "
                    "is right.",
                    "warning",
                )
            )
        return questions

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
        set_choices(self.wrap_mentorship, options, keep=self.wrap_mentorship.value)
        self._describe_wrap_choice(workbook)

    def _describe_wrap_choice(self, workbook: Workbook) -> None:
        chosen = self.wrap_mentorship.value
        if chosen is None:
            self.wrap_hint.value = message_html(
                "Nothing to wrap up yet: a mentorship shows here once all its conversations "
                "are held or it reaches its end.",
                "info",
            )
            return
        mentorship = workbook.mentorship(chosen)
        end = ends_on(mentorship)
        held = held_conversations(workbook, mentorship.id, self.today)
        if mentorship.status in CLOSED_STATUSES:
            text = "It has ended: answer the questions to close it well."
        elif held >= mentorship.sessions:
            text = (
                f"All {mentorship.sessions} planned conversations are held: time to wrap it "
                "up. Saving the wrap-up completes it."
            )
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

    def _chosen_goal(self, workbook: Workbook) -> Goal | None:
        try:
            return workbook.goal(workbook.mentorship(self.mentorship.value or "").goal_id)
        except KeyError:
            return None

    def _show_levels(self, workbook: Workbook) -> None:
        """The rating choices and the level table in the words of the chosen goal's scale."""
        goal = self._chosen_goal(workbook)
        levels = attainment_levels(goal) if goal else None
        set_choices(self.rating, _rating_options(levels), keep=self.rating.value)
        self.rating_levels.value = _levels_html(goal)

    def _mentorship_changed(self, _change: dict[str, Any]) -> None:
        if not self._refreshing:
            self._show_levels(self.session.load())
        self._date_changed(_change)

    def _date_changed(self, _change: dict[str, Any]) -> None:
        self.date_confirmed.value = False
        self.date_confirmed.layout.display = "none"

    def _scale_goal_changed(self, _change: dict[str, Any]) -> None:
        if not self._refreshing:
            self._describe_scale(self.session.load(), fill=True)

    def _describe_scale(self, workbook: Workbook, *, fill: bool) -> None:
        try:
            goal = workbook.goal(self.scale_goal.value or "")
        except KeyError:
            self.scale_hint.value = message_html(
                "Set a goal in 01_goals.ipynb first; its scale is written here.", "info"
            )
            return
        if fill:
            levels = attainment_levels(goal)
            for score, text in self.scale_levels.items():
                text.value = levels.get(score, "")
            self.scale_note.value = ""
        measure = goal.success_measure.strip().rstrip(".") or "(no success measure yet)"
        if not goal.attainment_scale:
            state = (
                "No scale yet. Write what each level would look like before you rate this "
                "goal, or draft one from the success measure and edit it."
            )
        elif goal_is_rated(workbook, goal.id):
            state = (
                "This goal has been rated against this scale, so it is fixed: to change it, "
                "say why in the note (the old scale is kept)."
            )
        else:
            state = "Not rated yet: you can still change the levels freely."
        if goal.scale_history:
            state += f" Rewritten {counted(len(goal.scale_history), 'time')} before."
        self.scale_hint.value = message_html(f"Success measure: {measure}. {state}", "info")

    def _draft_scale(self, _button: widgets.Button) -> None:
        workbook = self.session.load()
        try:
            goal = workbook.goal(self.scale_goal.value or "")
        except KeyError:
            self.scale_status.value = message_html("Choose a goal first.", "warning")
            return
        for score, text in zip(sorted(RATING_LABELS), default_attainment_scale(goal), strict=True):
            self.scale_levels[score].value = text
        self.scale_status.value = message_html(
            "Drafted from the success measure: edit the levels into your own words, then save.",
            "info",
        )

    def _save_scale(self, _button: widgets.Button) -> None:
        goal_id = self.scale_goal.value or ""
        levels = [self.scale_levels[score].value for score in sorted(RATING_LABELS)]
        note = self.scale_note.value
        at = now()
        done = actions.write_attainment_scale(self.session.path, goal_id, levels, at=at, note=note)
        self.refresh(done.workbook)
        self.scale_status.value = message_html("Saved the scale.", "ok")

    def _held_changed(self, change: dict[str, Any]) -> None:
        if change["new"] is False:
            self.rating.value = NOT_RATED

    def _clear_form(self) -> None:
        self.date.value = self.today
        self.held.value = True
        self.minutes.value = 30
        self.notes.value = self.actions.value = self.feedback.value = ""
        self.rating.value = NOT_RATED
        self._date_changed({})

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
        fill_controls(self, checkin, _CHECKIN_FIELDS)
        self.rating.value = NOT_RATED if checkin.rating is None else checkin.rating
        self.checkin_status.value = message_html(
            "Editing this entry: change it and save, or delete it.", "info"
        )

    def _save_checkin(self, _button: widgets.Button) -> None:
        editing = self.existing.value or ""
        try:
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
                date_before_ask_confirmed=bool(self.date_confirmed.value),
            )
        except ConversationBeforeAskError:
            self.date_confirmed.layout.display = None  # the question needs its answer box
            raise
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
        # The feedback below is about the mentorship being wrapped up, when it can be rated
        # (the first refresh runs before the feedback form is made).
        feedback = getattr(self, "feedback_form", None)
        if feedback is not None:
            feedback.choose(self.wrap_mentorship.value)

    def _save_wrap_up(self, _button: widgets.Button) -> None:
        mentorship_id = self.wrap_mentorship.value
        if not mentorship_id:
            self.wrap_status.value = message_html("There is no mentorship to wrap up.", "warning")
            return
        if self.goal_outcome.value is None:
            self.wrap_status.value = message_html(
                "Say what becomes of the goal first: achieved, carried on, or dropped.",
                "warning",
            )
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
        self.goal_outcome.value = None
        self.refresh(workbook)
        closed = STATUS_LABELS[result.closed_as]
        unsigned = (
            ""
            if workbook.profile.name.strip()
            else (
                " The thank-you note below is not signed yet: add your name under “About you” "
                "on the start page, or sign it here."
            )
        )
        self.wrap_status.value = message_html(
            f"Saved: the mentorship is {closed} and the goal is now {result.goal_status}."
            + unsigned,
            "ok",
        )
        self.next_step.value = self._next_step_html(result)
        self._offer_next_ask(result)
        self.thank_you.value = result.thank_you

    def _offer_next_ask(self, result: WrapUpResult) -> None:
        """Who to ask next, and the button that prepares that ask for the ask step."""
        step = result.next_step
        self._next_goal_id = step.goal_id or ""
        self.next_ask_status.value = ""
        people = [(c.name, c.contact_id) for c in step.candidates]
        set_choices(self.next_person, people)
        self.next_ask_box.layout.display = None if step.goal_id and people else "none"

    def _prepare_next_ask(self, _button: widgets.Button) -> None:
        contact_id = self.next_person.value
        if not (self._next_goal_id and contact_id):
            raise InputError("Ask next: choose who to ask first.")
        done = actions.compose_ask_draft(
            self.session.path,
            self._next_goal_id,
            contact_id,
            today=self.today,
            start=suggested_start(self.today),
        )
        ask, _findings = done.value
        self.next_ask_status.value = message_html(
            f"Your new ask to {ask.contact_name} is saved as a draft. The ask step, "
            "03_the_ask.ipynb, opens on it: check the message and the dates there, then "
            "send it.",
            "ok",
        ) + (
            f'<a href="03_the_ask.ipynb" target="_blank" rel="noopener" '
            f'style="{LINK_BUTTON_STYLE}">Open 03_the_ask</a>'
        )

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
