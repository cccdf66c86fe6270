"""The goals step: a form with a live review, the table of saved goals, and the goals chart.

:func:`goal_workbench` returns a :class:`GoalWorkbench`; a notebook shows its three panels
(:attr:`~GoalWorkbench.form_panel`, :attr:`~GoalWorkbench.table_panel`,
:attr:`~GoalWorkbench.chart_panel`) in separate cells, and tests set its controls' values and
click its buttons without a browser.  The review itself is :func:`mentorkit.goals.review_goal`;
this module only wires controls to it and saves through :mod:`mentorkit.actions`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Final

import ipywidgets as widgets

from mentorkit import actions
from mentorkit.charts.goals import goals_timeline_chart
from mentorkit.charts.style import figure_png
from mentorkit.errors import InputError
from mentorkit.goals import (
    FINDING_LABELS,
    HORIZON_WEEKS,
    MAX_ACTIVE_GOALS,
    Finding,
    GoalReview,
    review_goal,
    review_workbook_goals,
)
from mentorkit.model import GOAL_TYPE_LABELS, GOAL_TYPES, Goal, Workbook
from mentorkit.render import Html, counted, escape, html_table, join_words, message_html, shorten
from mentorkit.widgets.common import (
    Workbench,
    areas_box,
    clears_on_edit,
    control_values,
    fill_controls,
    form_label,
    labelled_button,
    reports_errors,
    set_choices,
    status_line,
    text_area,
    text_input,
    whole_number,
)

#: How long typing must pause before the review runs again (when an event loop runs).
DEBOUNCE_SECONDS: Final = 0.25
_NO_TYPE: Final = "—"
#: A goal's status as the saved-goals table says it.
_STATUS_WORDS: Final = {"active": "working on it", "achieved": "achieved", "dropped": "dropped"}
_WIDE: Final = widgets.Layout(width="95%")
_LABEL_STYLE: Final = {"description_width": "11em"}
#: How every text field of the form is labelled and sized.
_FIELD: Final[dict[str, Any]] = {"style": _LABEL_STYLE, "layout": _WIDE}
_SEVERITY_WORDS: Final = {"problem": "Problem", "suggestion": "Suggestion"}
_DEFAULT_CONFIDENCE: Final = 4
#: The form's controls that show a goal's own field of the same name (type and areas need a
#: word of translation each way).
_GOAL_FIELDS: Final = tuple(
    name for name in actions.GOAL_FORM_FIELDS if name not in ("type", "areas")
)
#: What the live review says when nothing is a problem or a suggestion.
READY_TEXT: Final = "Ready: nothing stands in the way of this goal."


class Debouncer:
    """Run a function once typing pauses, or at once when no event loop is running.

    In a live kernel the ipywidgets messages arrive inside the kernel's asyncio loop, so each
    call re-arms a short timer and only the last one runs.  Without a loop (tests, plain
    scripts) the function runs synchronously, so the result is there as soon as a value is set.
    """

    def __init__(self, function: Callable[[], object], delay: float = DEBOUNCE_SECONDS):
        self.function = function
        self.delay = delay
        self._pending: asyncio.TimerHandle | None = None

    def __call__(self, *_: object) -> None:
        """Schedule (or, without an event loop, run) the function."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.function()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(self.delay, self._run)

    def _run(self) -> None:
        self._pending = None
        self.function()

    def cancel(self) -> None:
        """Forget a pending call (the caller has just done what it would do)."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def flush(self) -> None:
        """Run a pending call now (before a save, so the review shown is the one saved)."""
        if self._pending is not None:
            self._pending.cancel()
            self._run()


#: A suggestion as something to do, for the table of saved goals ("say why it matters"): the
#: short labels ("no why", "no type") read as shorthand there.  Other codes use their label.
IDEA_WORDS: Final = {
    "no_why": "say why it matters",
    "no_first_step": "plan a first step",
    "type_missing": "choose a type",
    "low_confidence": "make it one you feel surer of",
    "first_step_after_target": "move the first step before the target date",
    "statement_too_long": "say it in fewer words",
    "wording_not_checked": "check the wording yourself",
    "compound": "split it into one goal each",
    "not_measurable": "say how you will know it is done",
    "vague": "make it more specific",
    "no_target_date": "give it a target date",
    "horizon_too_long": "bring the date closer",
    "avoidance": "say what you will do instead",
}


def saved_review_text(review: GoalReview) -> str:
    """The review of a saved goal in a few words, for the table of saved goals.

    For example ``ready`` or ``2 things to look at: vague, not measurable. To make it
    stronger: say why it matters and choose a type.``  Unlike the form's review, nothing
    here says "before saving".
    """
    problems = ", ".join(finding_label(f) for f in review.problems)
    ideas = join_words([IDEA_WORDS.get(f.code, finding_label(f)) for f in review.suggestions])
    head = f"{things_to_look_at(len(review.problems))}: {problems}" if problems else "ready"
    return f"{head}. To make it stronger: {ideas}." if ideas else head


def finding_label(finding: Finding) -> str:
    """How a finding is named to the person ("too big", "several goals in one")."""
    return FINDING_LABELS.get(finding.code, finding.code.replace("_", " "))


def things_to_look_at(count: int) -> str:
    """``1 thing to look at``, ``2 things to look at``: how a saved goal's problems are named."""
    return f"{counted(count, 'thing')} to look at"


def findings_html(
    findings: tuple[Finding, ...] | list[Finding], *, ready_text: str, saved: bool = False
) -> str:
    """The findings as HTML, problems first; every piece of text is escaped.

    Args:
        findings: What the review found.
        ready_text: The message when nothing was found.
        saved: The findings are about goals already saved, so the heading does not talk of
            "before saving" (the goal is in the workbook; the findings are things to revisit).
    """
    if not findings:
        return message_html(ready_text, "ok")
    ordered = sorted(findings, key=lambda f: f.severity != "problem")
    items = "".join(
        "<li style='margin-bottom:6px'>"
        # Which way the goal could fail first ("Problem: too vague."), then why, then the fix.
        f"<strong>{_SEVERITY_WORDS[f.severity]}: {escape(finding_label(f))}.</strong> "
        f"{escape(f.message)}<br><em>Try:</em> {escape(f.fix)}</li>"
        for f in ordered
    )
    problems = sum(1 for f in findings if f.severity == "problem")
    tone = "warning" if problems else "info"
    if not problems:
        head = "Looks workable; a few ideas to make it stronger"
    elif saved:
        head = f"{things_to_look_at(problems)} in your saved goals"
    else:
        head = f"{counted(problems, 'problem')} to look at before saving"
    return message_html(head, tone) + f"<ul class='mentorkit-findings'>{items}</ul>"


class GoalWorkbench(Workbench):
    """The goal form, its live review, the saved goals and the chart, bound to one workbook.

    Attributes:
        session: The workbook file this works on.
        today: The date reviews and the chart are measured from.
        statement, goal_type, why, success_measure, target_date, first_step,
        first_step_date, confidence, obstacle, if_then, areas: The form's controls
        (obstacle and if-then plan are optional).
        review: HTML panel with the live review of the goal being written.
        save_button: Saves the goal (asks for confirmation when the review has problems).
        confirm_button: "Save anyway", shown only while a save with problems awaits a yes.
        clear_button: Empties the form (and leaves edit mode).
        status: Messages and errors of the form.
        goal_picker, edit_button, achieved_button, drop_button: Act on a saved goal.
        table: HTML table of saved goals with their review.
        chart: The goals chart as a PNG image.
        editing_id: The id of the goal being edited, or ``None`` for a new goal.
    """

    def __init__(self, workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""):
        super().__init__(workbook_path, today)
        self.editing_id: str | None = None
        self._active_others = 0  # active goals other than the one being edited
        self._statuses: dict[str, str] = {}  # saved goal id -> status, as last loaded
        self._awaiting_confirmation = False
        #: Set while the code itself fills or empties the form (not the person typing).
        self._filling = False
        self.last_review: GoalReview | None = None

        self.statement = widgets.Textarea(
            description="Goal",
            placeholder="In one sentence: what will you have done in 6-8 weeks?",
            continuous_update=True,
            rows=2,
            layout=_WIDE,
            style=_LABEL_STYLE,
        )
        self.goal_type = widgets.Dropdown(
            description="Type",
            options=[(_NO_TYPE, "")] + [(GOAL_TYPE_LABELS[t], t) for t in GOAL_TYPES],
            value="",
            style=_LABEL_STYLE,
        )
        self.type_hint = widgets.HTML()
        self.use_suggestion = labelled_button(
            "Use suggested type", disabled=True, tooltip="Pick the suggested type"
        )
        self.why = text_area("Why it matters", "What would reaching it change for you?", **_FIELD)
        self.success_measure = text_area(
            "Success measure",
            "What could you check at the end? e.g. 'two workshops held'",
            **_FIELD,
        )
        self.target_date = widgets.DatePicker(
            description="Target date",
            value=self.today + timedelta(weeks=HORIZON_WEEKS),
            style=_LABEL_STYLE,
        )
        self.first_step = text_input("First step", "The smallest thing you will do first", **_FIELD)
        self.first_step_date = widgets.DatePicker(
            description="First step on", value=None, style=_LABEL_STYLE
        )
        self.confidence = whole_number(
            "Confidence (1-7)", _DEFAULT_CONFIDENCE, 1, 7, style=_LABEL_STYLE
        )
        self.obstacle = text_input(
            "Obstacle (optional)", "The main thing that could get in the way", **_FIELD
        )
        self.if_then = text_input("If-then plan (optional)", "If that happens, I will …", **_FIELD)
        self.areas = areas_box("Areas", _LABEL_STYLE["description_width"])
        self.review = widgets.HTML()
        self.save_button = labelled_button("Save goal", button_style="primary")
        self.confirm_button = labelled_button("Save anyway", button_style="warning", hidden=True)
        self.clear_button = labelled_button("Start a new goal")
        self.status = status_line()

        self.goal_picker = widgets.Dropdown(
            description="Goal",
            options=[],
            style=_LABEL_STYLE,
            layout=widgets.Layout(width="32em"),
        )
        self.edit_button = labelled_button("Edit")
        self.achieved_button = labelled_button("Mark achieved", button_style="success")
        self.drop_button = labelled_button("Drop")
        self.undo_button = labelled_button("Undo", hidden=True)
        self._undo: tuple[str, str] | None = None
        self.table_status = status_line()
        self.workbook_review = widgets.HTML()
        # No wider than the page (flex items grow to their content otherwise), so the table's
        # own box scrolls sideways when the window is narrow.
        self.table = widgets.HTML(layout=widgets.Layout(width="100%", min_width="0"))
        self.chart = widgets.Image(format="png")
        self.chart_status = status_line()

        self._debounced_review = Debouncer(reports_errors(self.status)(self.refresh_review))
        form = [self.goal_type, self.areas, *(getattr(self, name) for name in _GOAL_FIELDS)]
        # The code filling or emptying the form is not the person starting the next goal.
        clears_on_edit(self.status, form, unless=lambda: self._filling)
        for control in form:
            control.observe(self._form_changed, names="value")
        self.use_suggestion.on_click(reports_errors(self.status)(self._use_suggestion))
        self.save_button.on_click(reports_errors(self.status)(self._save_clicked))
        self.confirm_button.on_click(reports_errors(self.status)(self._confirm_clicked))
        self.clear_button.on_click(reports_errors(self.status)(self._clear_clicked))
        self.edit_button.on_click(reports_errors(self.table_status)(self._edit_clicked))
        self.achieved_button.on_click(reports_errors(self.table_status)(self._achieved_clicked))
        self.drop_button.on_click(reports_errors(self.table_status)(self._drop_clicked))
        self.undo_button.on_click(reports_errors(self.table_status)(self._undo_clicked))

        self.form_panel = widgets.VBox(
            [
                widgets.HTML("<h4>Your goal</h4>"),
                self.statement,
                widgets.HBox([self.goal_type, self.use_suggestion]),
                self.type_hint,
                self.why,
                self.success_measure,
                self.target_date,
                self.first_step,
                self.first_step_date,
                self.confidence,
                self.obstacle,
                self.if_then,
                widgets.HBox([form_label("Areas", _LABEL_STYLE["description_width"]), self.areas]),
                widgets.HTML("<h4>What could make it hard to reach</h4>"),
                self.review,
                widgets.HBox([self.save_button, self.confirm_button, self.clear_button]),
                self.status,
            ]
        )
        self.form_panel.add_class("mentorkit-form")
        self.table_panel = widgets.VBox(
            [
                self.workbook_review,
                self.table,
                widgets.HBox(
                    [
                        self.goal_picker,
                        self.edit_button,
                        self.achieved_button,
                        self.drop_button,
                        self.undo_button,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.table_status,
            ],
            layout=widgets.Layout(width="100%", min_width="0"),
        )
        self.chart_panel = widgets.VBox([self.chart, self.chart_status])
        self.widget = widgets.VBox([self.form_panel, self.table_panel, self.chart_panel])

        self.refresh_saved(self.session.load())
        self.refresh_review()

    # ----------------------------------------------------------------------------------
    # The form and its review
    # ----------------------------------------------------------------------------------

    def draft_goal(self) -> Goal:
        """The goal as the form holds it now (not saved)."""
        values = control_values(self, _GOAL_FIELDS)
        values["confidence"] = int(values["confidence"])
        return Goal(
            id=self.editing_id or "draft",
            type=self.goal_type.value or None,
            areas=[str(tag).strip() for tag in self.areas.value if str(tag).strip()],
            **values,
        )

    def draft_findings(self) -> list[Finding]:
        """The review of the draft, plus ``too_many_goals`` if saving it would mean too many."""
        review = review_goal(self.draft_goal(), self.today)
        self.last_review = review
        findings = list(review.findings)
        if self._active_others >= MAX_ACTIVE_GOALS:
            findings.append(
                Finding(
                    "too_many_goals",
                    "problem",
                    f"You already have {self._active_others} active goals; this would make "
                    f"{self._active_others + 1}.",
                    "Mark one achieved or drop one first, or save this one for later.",
                )
            )
        return findings

    def refresh_review(self) -> None:
        """Review the draft and show the result (runs after typing pauses)."""
        findings = self.draft_findings()
        assert self.last_review is not None
        suggestion = self.last_review.type_suggestion
        self.use_suggestion.disabled = suggestion.type is None or (
            suggestion.type == self.goal_type.value
        )
        self.use_suggestion.description = (
            f"Use “{suggestion.label}”" if suggestion.type else "Use suggested type"
        )
        self.type_hint.value = (
            f"<span style='color:#444'>{escape(suggestion.explain())}</span>"
            if self.statement.value.strip()
            else ""
        )
        if not self.statement.value.strip():
            # An empty form is not a goal with problems: invite, rather than list faults.
            self.review.value = message_html(
                "Write your goal above; what could make it hard to reach appears as you type.",
                "info",
            )
            return
        # "Ready" only when nothing is a problem: a too-big goal has one, so it never is.
        self.review.value = findings_html(findings, ready_text=READY_TEXT)

    def _form_changed(self, _change: object) -> None:
        if self._awaiting_confirmation:  # the goal changed: "Save anyway" was about another
            self._awaiting_confirmation = False
            self.confirm_button.layout.display = "none"
        self._debounced_review()

    def _use_suggestion(self, _button: object = None) -> None:
        if self.last_review and self.last_review.type_suggestion.type:
            self.goal_type.value = self.last_review.type_suggestion.type

    # ----------------------------------------------------------------------------------
    # Saving
    # ----------------------------------------------------------------------------------

    def _save_clicked(self, _button: object = None) -> None:
        self._debounced_review.flush()
        if not self.statement.value.strip():
            raise InputError("Goal: write what you want to achieve before saving.")
        problems = [f for f in self.draft_findings() if f.severity == "problem"]
        if problems:
            self._awaiting_confirmation = True
            self.confirm_button.layout.display = None
            names = ", ".join(finding_label(f) for f in problems)
            self.status.value = message_html(
                f"This goal has {counted(len(problems), 'problem')} ({names}). You can change it "
                "above, or press “Save anyway” to keep it as it is.",
                "warning",
            )
            return
        self._save()

    def _confirm_clicked(self, _button: object = None) -> None:
        if not self._awaiting_confirmation:
            self.status.value = message_html("Press “Save goal” first.", "info")
            return
        if not self.statement.value.strip():
            raise InputError("Goal: write what you want to achieve before saving.")
        self._save()

    def _save(self) -> None:
        draft = self.draft_goal()
        editing = self.editing_id

        workbook = actions.save_goal(self.session.path, draft, editing=editing).workbook
        verb = "Updated" if editing else "Saved"
        # The goal is in the workbook (and the table) now: the form starts a fresh goal, so
        # the review below it no longer describes something already saved.
        self._clear_form()
        self.refresh_saved(workbook)
        self.refresh_review()
        self.table_status.value = ""  # an "Editing …" note would point at an empty form
        self.status.value = message_html(
            f"{verb}: “{shorten(draft.statement, 60)}”. It is in your goals below; the form is "
            "ready for a new goal.",
            "ok",
        )

    def _clear_form(self) -> None:
        """Back to a fresh goal: every control at its default, not editing, nothing pending."""
        self.editing_id = None
        self._awaiting_confirmation = False
        self.confirm_button.layout.display = "none"
        self.save_button.description = "Save goal"
        self._filling = True
        try:
            self._reset_controls()
        finally:
            self._filling = False
        # Each reset control re-armed the debounced review; the caller reviews the empty form
        # now, so a late run has nothing new to say.
        self._debounced_review.cancel()
        self._active_others = self._count_active(None)

    def _reset_controls(self) -> None:
        self._show(
            Goal(
                id="",
                statement="",
                target_date=self.today + timedelta(weeks=HORIZON_WEEKS),
                confidence=_DEFAULT_CONFIDENCE,
            )
        )

    def _show(self, goal: Goal) -> None:
        """Fill the form with ``goal`` (a saved one to edit, or a fresh one)."""
        with self.statement.hold_trait_notifications():
            fill_controls(self, goal, _GOAL_FIELDS)
            self.goal_type.value = goal.type or ""
            self.areas.value = list(goal.areas)

    def _clear_clicked(self, _button: object = None) -> None:
        self._clear_form()
        self.status.value = ""
        self.table_status.value = ""
        self.refresh_review()

    # ----------------------------------------------------------------------------------
    # Saved goals
    # ----------------------------------------------------------------------------------

    def _count_active(self, excluding: str | None) -> int:
        return sum(
            1
            for goal_id, status in self._statuses.items()
            if status == "active" and goal_id != excluding
        )

    def refresh_saved(self, workbook: Workbook) -> None:
        """Redraw the table, the goal picker, the workbook-level review and the chart."""
        self._statuses = {goal.id: goal.status for goal in workbook.goals}
        self._active_others = self._count_active(self.editing_id)
        overview = review_workbook_goals(workbook, self.today)
        rows = []
        for goal, review in zip(workbook.goals, overview.reviews, strict=True):
            target = goal.target_date.isoformat() if goal.target_date else "no target date"
            rows.append(
                {
                    "statement": goal.statement,
                    # One column of short facts, a line each: six columns did not fit beside
                    # the goal and its review in a 1024 px window with the file browser open.
                    "about": Html("{}<br>by {}<br>confidence {}/7<br>{}").format(
                        GOAL_TYPE_LABELS[goal.type] if goal.type else "type not chosen",
                        target,
                        goal.confidence,
                        _STATUS_WORDS.get(goal.status, goal.status),
                    ),
                    "review": saved_review_text(review),
                }
            )
        if rows:
            table = html_table(
                rows,
                [("statement", "Goal"), ("about", "About it"), ("review", "Review")],
                # The goal and its review get the room; the facts between them are short.
                widths={"statement": "14em", "review": "12em"},
            )
            # Narrower than the table, the box scrolls sideways: no column is cut off.
            self.table.value = f"<div class='mentorkit-scroll' style='overflow-x:auto;contain:inline-size'>{table}</div>"
        else:
            self.table.value = message_html("No goals saved yet.", "info")
        self.workbook_review.value = (
            findings_html(overview.findings, ready_text="", saved=True) if overview.findings else ""
        )
        set_choices(
            self.goal_picker,
            [
                (f"{shorten(goal.statement, 50) or '(no statement)'} ({goal.status})", goal.id)
                for goal in workbook.goals
            ],
            keep=self.goal_picker.value,
        )
        has_goals = bool(workbook.goals)
        for button in (self.edit_button, self.achieved_button, self.drop_button):
            button.disabled = not has_goals
        self.refresh_chart(workbook)

    def refresh_chart(self, workbook: Workbook) -> None:
        """Redraw the goals chart."""
        figure = goals_timeline_chart(workbook.goals, self.today, include_closed=False)
        self.chart.value = figure_png(figure)

    def _picked_goal(self, workbook: Workbook) -> Goal:
        goal_id = self.goal_picker.value
        if not goal_id:
            raise InputError("Goal: choose a saved goal first.")
        try:
            return workbook.goal(goal_id)
        except KeyError:
            raise InputError("That goal is no longer in your workbook.") from None

    def _edit_clicked(self, _button: object = None) -> None:
        goal = self._picked_goal(self.session.load())
        self.editing_id = goal.id
        self._awaiting_confirmation = False
        self.confirm_button.layout.display = "none"
        self._show(goal)
        self.save_button.description = "Save changes"
        self._active_others = self._count_active(goal.id)
        self.refresh_review()
        self.table_status.value = message_html(
            f"Editing “{shorten(goal.statement, 60)}” in the form above.", "info"
        )

    def _set_status(self, status: str, verb: str) -> None:
        goal_id = self.goal_picker.value or ""
        before = self._statuses.get(goal_id)  # as last shown (refresh_saved keeps it)
        done = actions.set_goal_status(self.session.path, goal_id, status)
        workbook = done.workbook
        # One click changed it: one click takes it back.
        self._undo = (goal_id, before) if before is not None and before != status else None
        self.undo_button.layout.display = None if self._undo else "none"
        self.table_status.value = message_html(
            f"{verb} “{shorten(done.value.statement, 60)}”."
            + (" Press “Undo” if that was a slip." if self._undo else ""),
            "ok",
        )
        self.refresh_saved(workbook)
        self.refresh_review()

    def _undo_clicked(self, _button: object = None) -> None:
        undo, self._undo = self._undo, None
        self.undo_button.layout.display = "none"
        if undo is None:
            return
        goal_id, status = undo
        done = actions.set_goal_status(self.session.path, goal_id, status)
        self.table_status.value = message_html(
            f"Undone: “{shorten(done.value.statement, 60)}” is {status} again.", "ok"
        )
        self.refresh_saved(done.workbook)
        self.refresh_review()

    def _achieved_clicked(self, _button: object = None) -> None:
        self._set_status("achieved", "Well done: marked achieved")

    def _drop_clicked(self, _button: object = None) -> None:
        self._set_status("dropped", "Dropped")


def goal_workbench(
    workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""
) -> GoalWorkbench:
    """The goals step for a notebook: form, review, table and chart on one workbook.

    Args:
        workbook_path: The workbook file; empty means the participant's own workbook
            (created empty on first use).
        today: An ISO date such as ``"2026-11-23"``; empty means the real today.

    Returns:
        The workbench; show ``.form_panel``, ``.table_panel`` and ``.chart_panel`` (or the
        object itself for all three).
    """
    return GoalWorkbench(workbook_path, today)
