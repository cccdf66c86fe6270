"""The ask step: compose a specific, time-limited request, send it, and record the answer.

:func:`ask_workbench` returns an :class:`AskWorkbench` whose panels a notebook shows in turn:

* :attr:`~AskWorkbench.compose_panel` — pick a goal and one of its candidates (ranked by the
  network step), set how many conversations, how long, over how many weeks and from when; the
  message is drafted live and can be edited; the checks say what would make a yes harder;
* :attr:`~AskWorkbench.send_panel` — save the draft, take the message away (e-mail link,
  calendar file, plain text), mark it as asked;
* :attr:`~AskWorkbench.answer_panel` — record the answer; after a no (or no answer) it offers
  the next candidate for the same goal;
* :attr:`~AskWorkbench.asks_panel` — every ask so far and where it stands.

Downloads are links with the file inside them (``data:`` URIs) rather than files written on
the server: they work the same in JupyterLab, Voila and on Binder, where the server's disk is
thrown away after the session and a participant could not reach a file written there anyway.

Tests set the controls' ``value`` and call the buttons' ``click()``; nothing needs a browser.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any, Final

import ipywidgets as widgets

from mentorkit import actions, exports, lifecycle
from mentorkit import ask as asking
from mentorkit.errors import InputError
from mentorkit.model import Contact, Goal, Mentorship, Workbook, now
from mentorkit.network import rank_candidates
from mentorkit.profile import is_time_zone, machine_time_zone, time_zones
from mentorkit.render import (
    LINK_BUTTON_STYLE,
    counted,
    download_link,
    escape,
    html_table,
    message_html,
    shorten,
)
from mentorkit.status import FINAL_STATUSES, Status
from mentorkit.widgets.common import (
    BrowserZone,
    Workbench,
    clears_on_edit,
    form_label,
    labelled_button,
    reports_errors,
    set_choices,
    status_line,
    text_input,
    whole_number,
)

_WIDE: Final = widgets.Layout(width="95%")
_STYLE: Final = {"description_width": "10em"}
_LEVEL_WORDS: Final = {"problem": "Fix first", "warning": "Think twice", "info": "Note"}
_CHOOSE_ANSWER: Final = "Choose their answer…"
_ANSWER_LABELS: Final = (
    ("Yes, accepted", "accepted"),
    ("No, declined", "declined"),
    ("No answer", "no_answer"),
)
_TIMES: Final = tuple(time(hour, minute) for hour in range(7, 20) for minute in (0, 30))


def findings_html(findings: list[asking.AskFinding]) -> str:
    """The checks as HTML, problems first; every piece of text is escaped."""
    if not findings:
        return message_html("Clear and specific: ready to send.", "ok")
    items = "".join(
        # The code (too_heavy, no_email) stays in the JSON and the CLI's --json, not here.
        f"<li><strong>{_LEVEL_WORDS[f.level]}:</strong> {escape(f.message)}</li>"
        for f in findings
    )
    problems = sum(1 for f in findings if f.level == "problem")
    head = (
        f"{counted(problems, 'thing')} to fix before sending"
        if problems
        else "Ready to send; a few things to consider"
    )
    return message_html(head, "warning" if problems else "info") + f"<ul>{items}</ul>"


class AskWorkbench(Workbench):
    """Compose, send and follow one ask at a time, bound to the participant's workbook.

    Attributes:
        session: The workbook file this works on.
        today: The date plans and checks count from.
        goal, candidate: Pickers for the goal and the person (candidates ranked by the network
            step; everybody else follows, marked as not matched).
        sessions, minutes, weeks, start: The shape of the ask.
        schedule_by, feedback, resources, reason: What the mentee offers and why this person.
        message: The drafted message, free to edit; :attr:`redraft_button` drafts it again.
        summary, checks: The live preview of the plan and the checks on the message.
        time_zone, time_of_day: Where and when the calendar file's events are.
        downloads: Links to the calendar file, the plain text and an e-mail.
        save_button, asked_button: Save as draft; mark as asked (saving first).
        answer, answer_note, answer_button: Record the answer.
        next_button: After a no, start an ask to the next candidate.
        status: Messages and errors.
        asks_table: Every ask in the workbook.
        current_id: The saved ask being worked on, or ``None`` for a new one.
        next_contact_id: The candidate offered after a no, if any.
    """

    def __init__(
        self,
        workbook_path: str | os.PathLike[str] | None = "",
        today: str | date = "",
        *,
        time_zone: str = "",
    ):
        super().__init__(workbook_path, today)
        self.workbook = self.session.load()
        #: The zone was nobody's choice (no profile zone, none passed): the browser's replaces it.
        self._zone_guessed = False
        if not time_zone.strip():  # the participant's own, from their profile or the machine
            saved = self.workbook.profile.time_zone
            self._zone_guessed = not is_time_zone(saved)
            time_zone = saved if is_time_zone(saved) else machine_time_zone()
        self.current_id: str | None = None
        self.next_contact_id: str | None = None
        self._message_edited = False
        # Messages edited but not saved, by (goal id, contact id): picking another goal or
        # person must not throw away what the participant wrote for this one.
        self._unsaved_messages: dict[tuple[str, str], str] = {}
        self._pair: tuple[str, str] | None = None
        self._quiet = False  # set while the code itself changes controls
        self.last_ask: asking.Ask | None = None
        self.last_findings: list[asking.AskFinding] = []
        #: The help wanted from the chosen person, from the concept the ranking matched.
        self._help = ""

        self.goal = widgets.Dropdown(description="Goal", options=[], layout=_WIDE, style=_STYLE)
        self.candidate = widgets.Dropdown(description="Ask", options=[], layout=_WIDE, style=_STYLE)
        self.sessions = whole_number("Conversations", 4, 1, 12, style=_STYLE)
        self.minutes = whole_number("Minutes each", 30, 10, 120, step=5, style=_STYLE)
        self.weeks = whole_number("Over weeks", 8, 1, 16, style=_STYLE)
        self.start = widgets.DatePicker(
            description="Starting", value=asking.suggested_start(self.today), style=_STYLE
        )
        # No description: ToggleButtons put theirs on a line of its own; a label lines it up.
        self.schedule_by = widgets.ToggleButtons(
            options=[("I do", "mentee"), ("They do", "mentor")],
            value="mentee",
            style=_STYLE,
        )
        self.feedback = text_input(
            "Feedback wanted", "e.g. how I come across in meetings", layout=_WIDE, style=_STYLE
        )
        self.resources = widgets.Checkbox(
            description="Invite resources that worked for them",
            value=False,
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.reason = text_input(
            "Why them", "follows 'I am writing to you because …'", layout=_WIDE, style=_STYLE
        )
        self.message = widgets.Textarea(
            description="Message",
            layout=widgets.Layout(width="95%", height="22em"),
            style=_STYLE,
            continuous_update=True,
        )
        self.redraft_button = labelled_button(
            "Draft the message again", tooltip="Throw away your edits"
        )
        self.summary = widgets.HTML()
        self.checks = widgets.HTML()
        self.time_zone = widgets.Combobox(
            description="Time zone",
            value=time_zone,
            options=_zone_names(),
            ensure_option=False,
            style=_STYLE,
        )
        self.time_of_day = widgets.Dropdown(
            description="At",
            options=[(t.strftime("%H:%M"), t) for t in _TIMES],
            value=exports.DEFAULT_TIME,
            style=_STYLE,
        )
        self.downloads = widgets.HTML()
        self.save_button = labelled_button("Save as draft", button_style="primary")
        self.asked_button = labelled_button("Mark as asked", button_style="info")
        # No answer is chosen for the person: a yes recorded by a slip would start a
        # mentorship that was never agreed.
        self.answer = widgets.Dropdown(
            description="Answer",
            options=[(_CHOOSE_ANSWER, ""), *_ANSWER_LABELS],
            value="",
            style=_STYLE,
        )
        self.answer_note = text_input(
            "Note", "optional: what they said", layout=_WIDE, style=_STYLE
        )
        self.answer_button = labelled_button("Record answer", button_style="success")
        self.next_button = labelled_button("Ask the next candidate", hidden=True)
        #: Shown while the ask on screen is over (declined, closed): a fresh one starts here.
        self.new_ask_button = labelled_button(
            "Start a new ask", button_style="primary", hidden=True
        )
        self.current = widgets.HTML()
        self.status = status_line()
        self.asks_table = widgets.HTML()

        guarded = reports_errors(self.status)
        shape = (
            self.sessions,
            self.minutes,
            self.weeks,
            self.start,
            self.schedule_by,
            self.feedback,
            self.resources,
            self.reason,
        )
        export = (self.time_zone, self.time_of_day)
        # First: changing anything of the ask clears what the last press said.
        clears_on_edit(
            self.status,
            [self.goal, self.candidate, *shape, self.message, *export],
            unless=lambda: self._quiet,
        )
        clears_on_edit(self.status, [self.answer, self.answer_note])
        self.goal.observe(guarded(self._goal_changed), names="value")
        self.candidate.observe(guarded(self._candidate_changed), names="value")
        for control in shape:
            control.observe(guarded(self._shape_changed), names="value")
        for control in export:
            control.observe(guarded(self._export_changed), names="value")
        #: Draws nothing: the page tells the kernel the browser's time zone through it.
        self.browser_zone = BrowserZone()
        self.browser_zone.observe(guarded(self._browser_zone), names="zone")
        self.message.observe(guarded(self._message_changed), names="value")
        self.redraft_button.on_click(guarded(self._redraft_clicked))
        self.save_button.on_click(guarded(self._save_clicked))
        self.asked_button.on_click(guarded(self._asked_clicked))
        self.answer_button.on_click(guarded(self._answer_clicked))
        self.next_button.on_click(guarded(self._next_clicked))
        self.new_ask_button.on_click(guarded(self._new_ask_clicked))

        self.compose_panel = widgets.VBox(
            [
                widgets.HTML("<h4>Who and what for</h4>"),
                self.goal,
                self.candidate,
                self.reason,
                widgets.HTML("<h4>How much you ask</h4>"),
                self.sessions,
                self.minutes,
                self.weeks,
                self.start,
                widgets.HBox(
                    [form_label("Who arranges", _STYLE["description_width"]), self.schedule_by]
                ),
                self.feedback,
                widgets.HBox([form_label("", _STYLE["description_width"]), self.resources]),
                self.summary,
                widgets.HTML("<h4>Your message</h4>"),
                self.message,
                self.redraft_button,
                self.checks,
            ]
        )
        self.send_panel = widgets.VBox(
            [
                self.current,
                widgets.HBox([self.save_button, self.asked_button]),
                widgets.HTML("<h4>Take it with you</h4>"),
                widgets.HBox([self.time_zone, self.time_of_day]),
                self.downloads,
                self.status,
                self.browser_zone,
            ]
        )
        self.answer_panel = widgets.VBox(
            [
                self.answer,
                self.answer_note,
                self.answer_button,
                widgets.HBox([self.next_button, self.new_ask_button]),
            ]
        )
        self.asks_panel = widgets.VBox([self.asks_table])
        self.widget = widgets.VBox(
            [self.compose_panel, self.send_panel, self.answer_panel, self.asks_panel]
        )
        guarded(self._fill_goals)()

    # ------------------------------------------------------------------ helpers

    def _at(self) -> datetime:
        """When an answer or a send happened: now, or midday of a given ``today``."""
        if self.today == date.today():
            return now()
        return datetime.combine(self.today, time(12), tzinfo=UTC)

    def _goal_obj(self) -> Goal | None:
        goal_id = self.goal.value
        return next((g for g in self.workbook.goals if g.id == goal_id), None)

    def _contact_obj(self) -> Contact | None:
        contact_id = self.candidate.value
        return next((c for c in self.workbook.contacts if c.id == contact_id), None)

    def _current(self) -> Mentorship | None:
        if self.current_id is None:
            return None
        return next((m for m in self.workbook.mentorships if m.id == self.current_id), None)

    def _set(self, control: widgets.ValueWidget, value: object) -> None:
        self._quiet = True
        try:
            control.value = value
        finally:
            self._quiet = False

    def _offer(self, picker: widgets.Dropdown, options: list[tuple[str, str]], keep: Any) -> None:
        """New choices for a picker, the code's doing: its observers stay quiet."""
        self._quiet = True
        try:
            set_choices(picker, options, keep)
        finally:
            self._quiet = False

    # ------------------------------------------------------------------ filling pickers

    def _fill_goals(self, keep: str | None = None) -> None:
        goals = self.workbook.active_goals()
        if keep is None:  # the latest draft's goal: a draft prepared elsewhere opens here
            drafts = [m for m in self.workbook.mentorships if m.status == "draft"]
            keep = drafts[-1].goal_id if drafts else None
        self._offer(self.goal, [(shorten(g.statement, 70), g.id) for g in goals], keep)
        self._fill_candidates()
        self._refresh_table()
        if not goals:
            self.status.value = message_html(
                "There is no active goal in this workbook yet. Write one in the goals notebook "
                "first; the ask is always about a goal.",
                "info",
            )
        elif not self.workbook.contacts:
            self.status.value = message_html(
                "There is nobody in your network list yet. Add people in the network notebook "
                "first, then come back to ask one of them.",
                "info",
            )

    def _fill_candidates(self, keep: str | None = None) -> None:
        goal = self._goal_obj()
        options: list[tuple[str, str]] = []
        ranked_ids: set[str] = set()
        if goal is not None:
            for candidate in rank_candidates(self.workbook, goal):
                ranked_ids.add(candidate.contact_id)
                # What happened with earlier asks first: the picker cuts long labels short.
                about = "; ".join(filter(None, (candidate.history, candidate.reason)))
                options.append((f"{candidate.name} — {about}", candidate.contact_id))
        options += [
            (f"{c.name} — not matched to this goal", c.id)
            for c in sorted(self.workbook.contacts, key=lambda c: c.name.lower())
            if c.id not in ranked_ids
        ]
        ids = [value for _, value in options]
        if keep not in ids:
            keep = self._default_candidate(goal, ids)
        self._offer(self.candidate, options, keep)
        self._pair_changed()

    def _default_candidate(self, goal: Goal | None, ids: list[str]) -> str | None:
        """The person of an ask already under way for this goal, else the best candidate."""
        if goal is not None:
            for mentorship in reversed(self.workbook.mentorships):
                if (
                    mentorship.goal_id == goal.id
                    and mentorship.status not in FINAL_STATUSES
                    and mentorship.contact_id in ids
                ):
                    return mentorship.contact_id
        return ids[0] if ids else None

    # ------------------------------------------------------------------ observers

    def _goal_changed(self, _change: object = None) -> None:
        if not self._quiet:
            self.next_button.layout.display = "none"
            self._fill_candidates()

    def _candidate_changed(self, _change: object = None) -> None:
        if not self._quiet:
            self._pair_changed()

    def _pair_changed(self) -> None:
        """Show the saved ask of this goal and person, if any; else a fresh one.

        A message edited for the previous pair and not saved is kept aside and comes back
        when that pair is picked again.
        """
        if self._pair is not None and self._message_edited and self.message.value.strip():
            self._unsaved_messages[self._pair] = self.message.value
        goal, contact = self._goal_obj(), self._contact_obj()
        self._pair = (goal.id, contact.id) if goal is not None and contact is not None else None
        existing = (
            asking.open_mentorship_for(self.workbook, goal.id, contact.id)
            if goal is not None and contact is not None
            else None
        )
        self.current_id = existing.id if existing is not None else None
        reason = (
            asking.candidate_reason(self.workbook, goal, contact)
            if goal is not None and contact is not None
            else ""
        )
        self._set(self.reason, reason)
        self._help = (
            asking.candidate_help(self.workbook, goal, contact)
            if goal is not None and contact is not None
            else ""
        )
        if existing is not None:
            self._set(self.sessions, existing.sessions)
            self._set(self.minutes, max(10, min(120, existing.minutes)))
            self._set(self.weeks, max(1, min(16, existing.weeks)))
            self._set(self.start, existing.start)
            self._set(self.schedule_by, existing.schedule_by)
            self._set(self.feedback, existing.feedback_wanted)
        elif self.start.value is None or self.start.value < self.today:
            self._set(self.start, asking.suggested_start(self.today))
        kept = self._unsaved_messages.pop(self._pair, None) if self._pair else None
        self._message_edited = kept is not None or (
            existing is not None and bool(existing.message.strip())
        )
        if kept is not None:
            self._set(self.message, kept)
        elif self._message_edited and existing is not None:
            self._set(self.message, existing.message)
        self.refresh()

    def _shape_changed(self, _change: object = None) -> None:
        if not self._quiet:
            self.refresh()

    def _browser_zone(self, change: dict[str, Any]) -> None:
        """The browser's zone replaces the machine's guess (a profile's or a typed one stays)."""
        zone = str(change["new"] or "")[:100]
        if self._zone_guessed and is_time_zone(zone) and zone != self.time_zone.value:
            self._set(self.time_zone, zone)
            if self.last_ask is not None:
                self._refresh_downloads(self.last_ask)

    def _export_changed(self, _change: object = None) -> None:
        if not self._quiet:
            self._zone_guessed = False  # the person chose: the browser's zone no longer applies
        if not self._quiet and self.last_ask is not None:
            self._refresh_downloads(self.last_ask)

    def _message_changed(self, _change: object = None) -> None:
        if self._quiet:
            return
        self._message_edited = True
        self.refresh()

    def _redraft_clicked(self, _button: object = None) -> None:
        self._message_edited = False
        self.refresh()

    # ------------------------------------------------------------------ the live preview

    def compose(self) -> asking.Ask | None:
        """The ask the controls describe now (with the message as edited), or ``None``."""
        goal, contact = self._goal_obj(), self._contact_obj()
        if contact is None:
            return None
        ask = asking.compose_ask(
            goal,
            contact,
            sessions=self.sessions.value,
            minutes=self.minutes.value,
            weeks=self.weeks.value,
            start=self.start.value,
            reason=self.reason.value,
            schedule_by=self.schedule_by.value,
            feedback_wanted=self.feedback.value,
            resources_welcome=self.resources.value,
            sender=self.workbook.profile.name,
            help_wanted=self._help,
            country=self.workbook.profile.country,
            away=self.workbook.profile.away,
        )
        ask = replace(ask, mentorship_id=self.current_id or "")
        if self._message_edited:
            ask = asking.with_message(ask, self.message.value)
        return ask

    def refresh(self) -> None:
        """Redraw the message (unless edited), the summary, the checks and the downloads."""
        ask = self.compose()
        self.last_ask = ask
        if ask is None:
            self.last_findings = []
            self.summary.value = ""
            self.checks.value = ""
            self.downloads.value = ""
            self._refresh_current()
            return
        if not self._message_edited:
            self._set(self.message, ask.message)
        current = self._current()
        if current is not None and current.status != "draft":
            # Once sent, an ask stays as sent: checking it again would only nag.
            self.last_findings = []
            checks = message_html("This ask was sent as shown above.", "info")
        else:
            self.last_findings = asking.check_ask(
                ask, workbook=self.workbook, today=self.today, goal=self._goal_obj()
            )
            checks = findings_html(self.last_findings)
        plan = ", ".join(asking.long_date(day) for day in ask.plan) or "no dates yet"
        if ask.plan_notes:  # dates moved off holidays or time away, and why
            plan += f" ({'; '.join(ask.plan_notes)})"
        self.summary.value = (
            f"<div><strong>You ask for:</strong> {escape(ask.summary)}.<br>"
            f"<strong>Proposed dates:</strong> {escape(plan)}</div>"
        )
        self.checks.value = checks
        self._refresh_downloads(ask)
        self._refresh_current()

    def _refresh_downloads(self, ask: asking.Ask) -> None:
        links = [
            f'<a href="{escape(exports.mailto_link(ask))}" target="_blank" rel="noopener" '
            f'style="{LINK_BUTTON_STYLE}">Open as an e-mail</a>',
            download_link(
                exports.plain_text(ask).encode("utf-8"),
                "text/plain;charset=utf-8",
                exports.ics_file_name(ask).replace(".ics", ".txt"),
                "Download the text",
            ),
        ]
        if ask.plan:
            try:
                ics = exports.ask_to_ics(ask, tz=self.time_zone.value, at=self.time_of_day.value)
            except InputError as error:
                links.append(escape(str(error)))
            else:
                links.append(
                    download_link(
                        ics,
                        "text/calendar;charset=utf-8",
                        exports.ics_file_name(ask),
                        f"Download the calendar file ({len(ask.plan)} proposed conversations)",
                    )
                )
        else:
            links.append("Choose a start date to get the calendar file.")
        self.downloads.value = " · ".join(links)

    def _refresh_current(self) -> None:
        current = self._current()
        over = current is not None and current.status in FINAL_STATUSES
        self.new_ask_button.layout.display = None if over else "none"
        # Only what fits the ask's state can be pressed: a sent ask stays as sent (a reminder
        # to one without an answer is a second ask), and only a sent ask can be answered.
        status = current.status if current is not None else "draft"
        self.save_button.disabled = status != "draft"
        self.asked_button.disabled = status not in ("draft", "no_answer")
        self.answer.disabled = self.answer_button.disabled = status not in ("asked", "no_answer")
        if current is None:
            self.current.value = message_html("A new ask, not saved yet.", "info")
            return
        words = lifecycle.STATUS_LABELS.get(current.status, current.status)
        end = lifecycle.ends_on(current)
        self.current.value = message_html(
            f"This ask is saved: {words}"
            # Only a mentorship that runs has an end to speak of ("declined; it ends on" read
            # as if it still ran).
            + (
                f"; it ends on {asking.long_date(end)}"
                if end and current.status in ("asked", "accepted", "active")
                else ""
            )
            + ".",
            "info",
        )

    def _refresh_table(self) -> None:
        goals = {g.id: g.statement for g in self.workbook.goals}
        contacts = {c.id: c.name for c in self.workbook.contacts}
        rows = []
        for m in self.workbook.mentorships:
            end = lifecycle.ends_on(m)
            # A yes moves straight on to "active" without a note of its own, so the note the
            # answer came with has its own column; a later one (why it ended early) the last.
            answered = max(
                (i for i, c in enumerate(m.history) if c.status in lifecycle.ANSWERS), default=-1
            )
            answer_note = m.history[answered].note if answered >= 0 else ""
            later_notes = [c.note for c in m.history[answered + 1 :] if c.note]
            rows.append(
                {
                    "goal": shorten(goals.get(m.goal_id, m.goal_id), 50),
                    "person": contacts.get(m.contact_id, m.contact_id),
                    "ask": f"{m.sessions} × {m.minutes} min over {m.weeks} weeks",
                    "status": lifecycle.STATUS_LABELS.get(m.status, m.status),
                    "ends": end.isoformat() if end else "",
                    "answer_note": answer_note,
                    "note": later_notes[-1] if later_notes else "",
                }
            )
        if not rows:
            self.asks_table.value = message_html("No asks yet.", "info")
            return
        self.asks_table.value = html_table(
            rows,
            [
                ("goal", "Goal"),
                ("person", "Person"),
                ("ask", "Ask"),
                ("status", "Status"),
                ("ends", "Ends"),
                ("answer_note", "Note with the answer"),
                ("note", "Last note"),
            ],
        )

    def _reload(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._refresh_table()
        self.refresh()

    # ------------------------------------------------------------------ buttons

    def _require_ask(self) -> asking.Ask:
        ask = self.compose()
        if ask is None:
            raise InputError("choose the person to ask first")
        if self._goal_obj() is None:
            raise InputError("choose the goal this ask is about first")
        return ask

    def _save_clicked(self, _button: object = None) -> None:
        ask = self._require_ask()
        done = actions.save_ask_draft(self.session.path, ask, at=self._at())
        workbook = done.workbook
        self.current_id = done.value.id
        self._message_edited = True  # the saved text is what is shown from now on
        self._set(self.message, done.value.message)
        self._reload(workbook)
        self.status.value = message_html(
            "Saved as a draft. Send it when you are ready, then press 'Mark as asked'.", "ok"
        )

    def _asked_clicked(self, _button: object = None) -> None:
        ask = self._require_ask()
        current = self._current()
        # A reminder moves the ask as first sent back to asked.
        reminder = current.id if current is not None and current.status == "no_answer" else None
        done = actions.mark_asked(self.session.path, ask, at=self._at(), reminder_of=reminder)
        workbook = done.workbook
        self.current_id = done.value.id
        self._reload(workbook)
        contact = self._contact_obj()
        self.status.value = message_html(
            f"Marked as asked. When {contact.name if contact else 'they'} answers, record it "
            "below.",
            "ok",
        )

    def _answer_clicked(self, _button: object = None) -> None:
        current = self._current()
        if current is None:
            raise InputError("save and send this ask first; then record the answer")
        answer = self.answer.value
        if not answer:
            if current.status in ("asked", "no_answer"):
                raise InputError("choose their answer first: yes, no, or no answer yet")
            raise InputError(
                f"This ask is {Status(current.status).words.is_}, so there is no answer to "
                "record now"
            )
        note = self.answer_note.value
        done = actions.record_answer(
            self.session.path, current.id, answer, at=self._at(), note=note
        )
        workbook = done.workbook
        self._set(self.answer_note, "")
        self._set(self.answer, "")  # the next answer is chosen afresh
        self._reload(workbook)
        mentorship = done.value
        self.next_contact_id = None
        self.next_button.layout.display = "none"
        if answer == "accepted":
            end = lifecycle.ends_on(mentorship)
            first = self.last_ask.plan[0] if self.last_ask and self.last_ask.plan else None
            self.status.value = message_html(
                "Wonderful: the mentorship is active."
                + (f" First conversation around {asking.long_date(first)}" if first else "")
                + (f"; it ends on {asking.long_date(end)}." if end else "."),
                "ok",
            )
            return
        self.next_contact_id = lifecycle.next_candidate(workbook, mentorship)
        if self.next_contact_id is None:
            self.status.value = message_html(
                "Recorded. Nobody else in your network list matches this goal yet: the network "
                "notebook can help you find somebody new.",
                "info",
            )
            return
        name = workbook.contact(self.next_contact_id).name
        self.next_button.description = shorten(f"Ask {name} instead", 40)
        self.next_button.layout.display = None
        self.status.value = message_html(
            f"Recorded. A no is about their time, not about you. The next person for this goal "
            f"is {name}.",
            "info",
        )

    def _new_ask_clicked(self, _button: object = None) -> None:
        """A fresh ask in the form: same goal and person to start from, nothing sent yet."""
        self.current_id = None
        self._message_edited = False
        self._set(self.start, asking.suggested_start(self.today))
        self._pair_changed()
        contact = self._contact_obj()
        who = contact.name if contact else "someone"
        self.status.value = message_html(
            f"A new ask, not saved yet: to {who} again, or pick another goal or person above. "
            "Check the dates and the message, then save it.",
            "info",
        )

    def _next_clicked(self, _button: object = None) -> None:
        if self.next_contact_id is None:
            raise InputError("there is no next candidate to ask")
        contact_id = self.next_contact_id
        self.next_contact_id = None
        self.next_button.layout.display = "none"
        self._fill_candidates(keep=contact_id)
        self.status.value = message_html(
            "A fresh ask to the next candidate, with the same shape. Check it and save.", "info"
        )


def _zone_names() -> list[str]:
    return list(time_zones())


def ask_workbench(
    workbook_path: str | os.PathLike[str] | None = "",
    today: str | date = "",
    *,
    time_zone: str = "",
) -> AskWorkbench:
    """The ask step for the notebook: compose, send, record the answer.

    Args:
        workbook_path: The participant's workbook; empty means their own (see
            :func:`mentorkit.store.default_workbook_path`).
        today: The date to count from (ISO text or a date); empty means the real today.
        time_zone: The zone of the calendar file's times, e.g. ``Europe/London``; empty
            means the one in the participant's profile (else the machine's).
    """
    return AskWorkbench(workbook_path, today, time_zone=time_zone)
