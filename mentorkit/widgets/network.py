"""The network step: a contact editor, CSV import, candidates per goal, gaps, and charts.

:func:`network_workbench` returns a :class:`NetworkWorkbench`; a notebook shows its panels
(:attr:`~NetworkWorkbench.editor_panel`, :attr:`~NetworkWorkbench.import_panel`,
:attr:`~NetworkWorkbench.candidates_panel`, :attr:`~NetworkWorkbench.gaps_panel`,
:attr:`~NetworkWorkbench.charts_panel`) in separate cells, and tests set its controls' values
and click its buttons without a browser.  The analysis is :mod:`mentorkit.network`, the
parser :mod:`mentorkit.contacts_import`; this module wires controls to them and saves
through :mod:`mentorkit.actions`.  Every name and word a person typed is escaped before it goes
into HTML.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any, Final

import ipywidgets as widgets

from mentorkit import actions
from mentorkit.charts.network import coverage_matrix, network_plane, spheres_and_ties
from mentorkit.charts.style import figure_png
from mentorkit.contacts_import import MAX_IMPORT_BYTES
from mentorkit.errors import ImportFileError, InputError
from mentorkit.model import (
    GOAL_TYPE_LABELS,
    SPHERE_LABELS,
    SPHERES,
    Contact,
    MentorFunction,
    Workbook,
    new_id,
)
from mentorkit.network import (
    NETWORK_TYPE_DESCRIPTIONS,
    NetworkAnalysis,
    analyse_network,
    suggest_areas,
)
from mentorkit.render import counted, escape, html_table, message_html, shorten
from mentorkit.widgets.common import (
    FilePicker,
    Workbench,
    areas_box,
    clears_on_edit,
    control_values,
    form_label,
    labelled_button,
    reports_errors,
    status_line,
    text_input,
    whole_number,
)

_NEW: Final = ""
#: The editor's controls that hold what a person typed about a contact.
_FORM_FIELDS: Final = (
    "name",
    "relationship",
    "sphere",
    "tie_strength",
    "areas",
    "career",
    "psychosocial",
    "email",
    "organisation",
    "position",
    "notes",
)
_WIDE: Final = widgets.Layout(width="95%")
_STYLE: Final = {"description_width": "9em"}
#: Candidates shown per goal unless the person asks for more.
DEFAULT_SHOWN: Final = 3
_GAP_TITLES: Final = {
    "no_candidate": "Nobody for this goal yet",
    "weak_only": "Only weak ties for this goal",
    "missing_function": "A kind of support nobody gives",
    "missing_sphere": "Parts of life your network does not reach",
}


def _picker_options(contacts: list[Contact]) -> list[tuple[str, str]]:
    """Dropdown entries ``(label, id)``; labels are plain text, made unique for namesakes."""
    seen: dict[str, int] = {}
    options = [("- new contact -", _NEW)]
    for contact in sorted(contacts, key=lambda c: c.name.casefold()):
        where = contact.organisation or SPHERE_LABELS.get(contact.sphere, contact.sphere)
        label = f"{contact.name} ({where})" if where else contact.name
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # a namesake: told apart in words, never by an internal id
            label = f"{label}, {contact.email}" if contact.email else f"{label} (no. {seen[label]})"
        options.append((label, contact.id))
    return options


class NetworkWorkbench(Workbench):
    """The network step bound to one workbook.

    Attributes:
        session: The workbook file this works on.
        today: The date the step is shown for.
        contact_picker: Choose a saved contact to edit, or "new contact".
        name, relationship, sphere, tie_strength, areas, career, psychosocial, email,
        organisation, position, notes: The contact form.
        area_hint: Strengths the job title suggests; ``use_hint_button`` adds them.
        save_button, new_button, remove_button, confirm_remove_button: Editor actions.
        status: Messages and errors of the editor.
        contacts_table: HTML table of every contact.
        upload, import_button, import_status: The CSV import.
        shown: How many candidates to show per goal.
        candidates_html, gaps_html, shape_html: The analysis as HTML.
        coverage_chart, plane_chart, spheres_chart: The charts as PNG images.
        analysis: The analysis last shown.
        editing_id: The contact being edited, or ``None`` for a new one.
    """

    def __init__(
        self,
        workbook_path: str | os.PathLike[str] | None = "",
        today: str | date = "",
        *,
        charts: bool = True,
    ):
        super().__init__(workbook_path, today)
        self.draw_charts = charts
        self._charted: object = None
        self.editing_id: str | None = None
        self.analysis: NetworkAnalysis | None = None
        self._picker_updating = False
        self._workbook = Workbook()

        # ---- the editor -----------------------------------------------------------------
        self.contact_picker = widgets.Dropdown(
            description="Contact",
            options=[("- new contact -", _NEW)],
            value=_NEW,
            style=_STYLE,
            layout=widgets.Layout(width="60%"),
        )
        self.name = widgets.Text(description="Name", layout=_WIDE, style=_STYLE)
        self.relationship = text_input(
            "Relationship",
            "e.g. former manager, course mate, neighbour",
            layout=_WIDE,
            style=_STYLE,
        )
        self.sphere = widgets.Dropdown(
            description="Sphere",
            options=[(SPHERE_LABELS[s], s) for s in SPHERES],
            value="other_organisation",
            style=_STYLE,
        )
        self.tie_strength = widgets.ToggleButtons(
            options=[("Strong", "strong"), ("Weak", "weak")],
            tooltips=["You could ask them a favour today", "You know each other, but not well"],
            value="weak",
            style=_STYLE,
        )
        self.areas = areas_box("Good at", _STYLE["description_width"])
        self.career = widgets.Checkbox(description="Gives career support", value=False)
        self.psychosocial = widgets.Checkbox(description="Gives personal support", value=False)
        self.email = widgets.Text(description="E-mail", layout=_WIDE, style=_STYLE)
        self.organisation = widgets.Text(description="Organisation", layout=_WIDE, style=_STYLE)
        self.position = widgets.Text(description="Job title", layout=_WIDE, style=_STYLE)
        self.notes = widgets.Textarea(description="Notes", layout=_WIDE, style=_STYLE)
        self.area_hint = widgets.HTML()
        self.use_hint_button = labelled_button(
            "Add suggested areas", disabled=True, tooltip="Add what the job title suggests"
        )
        self.save_button = labelled_button("Add contact", button_style="primary")
        self.new_button = labelled_button("New contact")
        self.remove_button = labelled_button("Remove contact", disabled=True)
        self.confirm_remove_button = labelled_button(
            "Yes, remove", button_style="danger", hidden=True
        )
        self.rename_button = labelled_button("Rename", button_style="warning", hidden=True)
        self.add_as_new_button = labelled_button("Add as new", hidden=True)
        self.status = status_line()
        self.contacts_table = widgets.HTML()

        guard = reports_errors(self.status)
        self.contact_picker.observe(guard(self._picked), names="value")
        self.position.observe(guard(self._position_changed), names="value")
        self.use_hint_button.on_click(guard(self._use_hint))
        self.save_button.on_click(guard(self._save_clicked))
        self.new_button.on_click(guard(self._new_clicked))
        self.remove_button.on_click(guard(self._remove_clicked))
        self.rename_button.on_click(guard(self._rename_clicked))
        self.add_as_new_button.on_click(guard(self._add_as_new_clicked))
        self.confirm_remove_button.on_click(guard(self._confirm_remove_clicked))

        # ---- the import -------------------------------------------------------------------
        self.upload = FilePicker(
            description="Choose a CSV file…",
            accept=".csv,.txt,text/csv",
            max_bytes=MAX_IMPORT_BYTES,
        )
        self.import_button = labelled_button(
            "Import contacts", button_style="primary", disabled=True
        )
        self.import_status = status_line()
        self.upload.report_refusals_in(self.import_status, "a list of contacts")
        import_guard = reports_errors(self.import_status)
        self.upload.observe(import_guard(self._upload_changed), names="value")
        self.import_button.on_click(import_guard(self._import_clicked))

        # ---- the analysis -----------------------------------------------------------------
        self.shown = whole_number("Show top", DEFAULT_SHOWN, 1, 10, style=_STYLE)
        self.candidates_html = widgets.HTML()
        self.gaps_html = widgets.HTML()
        self.shape_html = widgets.HTML()
        # Shown at about their drawn size: stretched to the page they look blurred and huge.
        self.coverage_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="900px"))
        self.plane_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="700px"))
        self.spheres_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="700px"))
        self.analysis_status = status_line()
        self.shown.observe(reports_errors(self.analysis_status)(self._shown_changed), names="value")

        self.editor_panel = widgets.VBox(
            [
                self.contact_picker,
                self.name,
                self.relationship,
                self.sphere,
                widgets.HBox([form_label("Tie", _STYLE["description_width"]), self.tie_strength]),
                widgets.HBox([form_label("Good at", _STYLE["description_width"]), self.areas]),
                widgets.HBox(
                    [
                        form_label("", _STYLE["description_width"]),
                        widgets.HTML(
                            "<span style='color:#555'>A comma or Enter after each strength, "
                            "e.g. budgeting, public speaking.</span>"
                        ),
                    ]
                ),
                widgets.HBox([self.career, self.psychosocial]),
                self.organisation,
                self.position,
                widgets.HBox(
                    [
                        form_label("", _STYLE["description_width"]),
                        self.use_hint_button,
                        self.area_hint,
                    ]
                ),
                self.email,
                self.notes,
                widgets.HBox(
                    [
                        self.save_button,
                        self.new_button,
                        self.remove_button,
                        self.confirm_remove_button,
                        self.rename_button,
                        self.add_as_new_button,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.status,
                widgets.Box(
                    [self.contacts_table],
                    layout=widgets.Layout(max_height="360px", overflow="auto"),
                ),
            ]
        )
        self.import_panel = widgets.VBox(
            [
                widgets.HTML(
                    "Choose a CSV file: LinkedIn's <code>Connections.csv</code> as you downloaded "
                    "it, or a list with a <code>name</code> column."
                ),
                widgets.HBox([self.upload, self.import_button]),
                self.import_status,
            ]
        )
        self.candidates_panel = widgets.VBox([self.shown, self.candidates_html])
        self.gaps_panel = widgets.VBox([self.gaps_html])
        self.charts_panel = widgets.VBox(
            [
                self.shape_html,
                self.plane_chart,
                self.spheres_chart,
                self.coverage_chart,
                self.analysis_status,
            ]
        )
        self.widget = widgets.VBox(
            [
                self.editor_panel,
                self.import_panel,
                self.candidates_panel,
                self.gaps_panel,
                self.charts_panel,
            ]
        )
        self._unsaved_forms: dict[str, dict[str, Any]] = {}
        self._filled_values = self._form_values()
        # The person started on the next thing: "Added ..." no longer applies; a question
        # (rename or add as new, remove) stays until it is answered.
        clears_on_edit(
            self.status,
            [getattr(self, name) for name in _FORM_FIELDS],
            unless=lambda: self._asking(),
        )
        self.refresh(self.session.load())

    def _asking(self) -> bool:
        """A question to the person is on screen, with its buttons."""
        return None in (
            self.rename_button.layout.display,
            self.confirm_remove_button.layout.display,
        )

    # ----------------------------------------------------------------------------------
    # Showing the workbook
    # ----------------------------------------------------------------------------------

    def refresh(self, workbook: Workbook | None = None) -> None:
        """Show the workbook as it is now: contacts, candidates, gaps, charts."""
        workbook = workbook or self.session.load()
        options = _picker_options(workbook.contacts)
        keep = self.editing_id if any(v == self.editing_id for _, v in options) else _NEW
        # Replacing the options fires the picker's observer; it must not refill the form.
        self._picker_updating = True
        try:
            self.contact_picker.options = options
            self.contact_picker.value = keep
        finally:
            self._picker_updating = False
        self._workbook = workbook
        self.contacts_table.value = self._contacts_html(workbook)
        self.analysis = analyse_network(workbook)
        self.candidates_html.value = self._candidates_html(workbook, self.analysis)
        self.gaps_html.value = self._gaps_html(workbook, self.analysis)
        self.shape_html.value = self._shape_html(self.analysis)
        self._redraw_charts(workbook, self.analysis)

    def _redraw_charts(self, workbook: Workbook, analysis: NetworkAnalysis) -> None:
        """Draw the charts again when what they show changed (drawing takes ~0.5 s)."""
        if not self.draw_charts:
            return
        shown = (
            [(c.id, c.name, c.sphere, c.tie_strength) for c in workbook.contacts],
            [(g.id, g.statement, g.status) for g in workbook.goals],
            {k: [(c.contact_id, c.score) for c in v] for k, v in analysis.candidates.items()},
        )
        if shown == self._charted:
            return
        self.plane_chart.value = figure_png(network_plane(analysis.shape))
        self.spheres_chart.value = figure_png(spheres_and_ties(workbook))
        self.coverage_chart.value = figure_png(coverage_matrix(workbook, analysis))
        self._charted = shown

    @staticmethod
    def _contacts_html(workbook: Workbook) -> str:
        if not workbook.contacts:
            return message_html(
                "No contacts yet. Add the people you know with the form above, or import a list.",
                "info",
            )
        rows = [
            {
                "name": c.name,
                "sphere": SPHERE_LABELS.get(c.sphere, c.sphere),
                "tie": c.tie_strength,
                "areas": ", ".join(c.areas),
                "functions": ", ".join(c.functions),
                "organisation": c.organisation,
                "position": c.position,
            }
            for c in sorted(workbook.contacts, key=lambda c: c.name.casefold())
        ]
        columns = [
            ("name", "Name"),
            ("sphere", "Sphere"),
            ("tie", "Tie"),
            ("areas", "Good at"),
            ("functions", "Support"),
            ("organisation", "Organisation"),
            ("position", "Job title"),
        ]
        return f"<p>{counted(len(rows), 'contact')}</p>" + html_table(rows, columns)

    def _candidates_html(self, workbook: Workbook, analysis: NetworkAnalysis) -> str:
        goals = workbook.active_goals()
        if not goals:
            return message_html(
                "No active goals yet: write a goal in the goals notebook, then come back to see who could help.",
                "info",
            )
        limit = self.shown.value
        parts = []
        for goal in goals:
            kind = GOAL_TYPE_LABELS.get(goal.type or "", "type not set")
            parts.append(
                f"<h4 style='margin-bottom:2px'>{escape(goal.statement or goal.id)}</h4>"
                f"<div style='color:#555'>{escape(kind)}</div>"
            )
            ranked = analysis.candidates.get(goal.id, [])
            if not ranked:
                parts.append(
                    message_html(
                        "Nobody in your network yet - see the gaps for a next step.", "warning"
                    )
                )
                continue
            items = "".join(
                f"<li><strong>{escape(c.name)}</strong> - {escape(c.reason)}"
                + (
                    f"<div class='mentorkit-history' style='color:#8a4b00'>"
                    f"{escape(c.history)}</div>"
                    if c.history
                    else ""
                )
                + "</li>"
                for c in ranked[:limit]
            )
            more = len(ranked) - limit
            tail = f"<div style='color:#555'>and {more} more</div>" if more > 0 else ""
            parts.append(f"<ol class='mentorkit-candidates'>{items}</ol>{tail}")
        return "".join(parts)

    @staticmethod
    def _gaps_html(workbook: Workbook, analysis: NetworkAnalysis) -> str:
        if not analysis.gaps:
            return message_html("No gaps found: every goal has a strong tie who could help.", "ok")
        statements = {g.id: g.statement for g in workbook.goals}
        items = []
        for gap in analysis.gaps:
            about = (
                f"<div style='color:#555'>Goal: {escape(statements.get(gap.goal_id, gap.goal_id))}</div>"
                if gap.goal_id
                else ""
            )
            items.append(
                "<li style='margin-bottom:8px'>"
                f"<strong>{escape(_GAP_TITLES[gap.kind])}</strong>{about}"
                f"<div>{escape(gap.message)}</div>"
                f"<div><em>Next step:</em> {escape(gap.suggestion)}</div></li>"
            )
        return f"<ul class='mentorkit-gaps'>{''.join(items)}</ul>"

    @staticmethod
    def _shape_html(analysis: NetworkAnalysis) -> str:
        shape = analysis.shape
        return (
            f"<p><strong>{shape.size}</strong> people, <strong>{shape.strong_share:.0%}</strong> "
            f"strong ties, reaching <strong>{shape.range}</strong> of {len(SPHERES)} spheres. "
            f"Your network looks <strong>{escape(shape.type)}</strong>: "
            f"{escape(NETWORK_TYPE_DESCRIPTIONS[shape.type])}</p>"
        )

    def _shown_changed(self, _change: object) -> None:
        if self.analysis is not None:
            self.candidates_html.value = self._candidates_html(self._workbook, self.analysis)

    # ----------------------------------------------------------------------------------
    # The editor
    # ----------------------------------------------------------------------------------

    def draft_contact(self) -> Contact:
        """The contact as the form holds it now (not saved)."""
        functions: list[MentorFunction] = []
        if self.career.value:
            functions.append("career")
        if self.psychosocial.value:
            functions.append("psychosocial")
        return Contact(
            id=self.editing_id or new_id("c"),
            name=self.name.value.strip(),
            relationship=self.relationship.value.strip(),
            sphere=self.sphere.value,
            tie_strength=self.tie_strength.value,
            areas=[a.strip() for a in self.areas.value if a.strip()],
            functions=functions,
            email=self.email.value.strip(),
            organisation=self.organisation.value.strip(),
            position=self.position.value.strip(),
            notes=self.notes.value,
        )

    def _fill_form(self, contact: Contact | None) -> None:
        self.name.value = contact.name if contact else ""
        self.relationship.value = contact.relationship if contact else ""
        self.sphere.value = contact.sphere if contact else "other_organisation"
        self.tie_strength.value = contact.tie_strength if contact else "weak"
        self.areas.value = list(contact.areas) if contact else []
        self.career.value = bool(contact and "career" in contact.functions)
        self.psychosocial.value = bool(contact and "psychosocial" in contact.functions)
        self.email.value = contact.email if contact else ""
        self.organisation.value = contact.organisation if contact else ""
        self.position.value = contact.position if contact else ""
        self.notes.value = contact.notes if contact else ""
        self.editing_id = contact.id if contact else None
        self.save_button.description = "Save changes" if contact else "Add contact"
        self.remove_button.disabled = contact is None
        self.confirm_remove_button.layout.display = "none"
        self._hide_rename_choice(True)
        self._position_changed(None)
        self._filled_values = self._form_values()

    def _form_values(self) -> dict[str, Any]:
        return control_values(self, _FORM_FIELDS)

    def _picked(self, change: dict[str, Any]) -> None:
        if self._picker_updating:
            return
        # What was typed for the previous person (or a new one) and not saved is kept aside
        # and comes back when they are picked again: picking someone else loses nothing.
        if self._form_values() != self._filled_values:
            self._unsaved_forms[change["old"] or ""] = self._form_values()
        contact_id = change["new"]
        if not contact_id:
            self._fill_form(None)
            self._restore_unsaved("")
            return
        try:
            contact = self.session.load().contact(contact_id)
        except KeyError:
            raise InputError("that contact is no longer in the workbook; pick another") from None
        self._fill_form(contact)
        self.status.value = message_html(f"Editing {contact.name}.", "info")
        self._restore_unsaved(contact_id)

    def _restore_unsaved(self, key: str) -> None:
        kept = self._unsaved_forms.pop(key, None)
        if kept is None:
            return
        for name, value in kept.items():
            getattr(self, name).value = value
        self.status.value = message_html(
            "Your unsaved changes are back; press the save button to keep them.", "info"
        )

    def _position_changed(self, _change: object) -> None:
        have = {a.casefold() for a in self.areas.value}
        hints = [a for a in suggest_areas(self.position.value) if a.casefold() not in have]
        self.area_hint.value = (
            f"<span style='color:#555'>The job title suggests: {escape(', '.join(hints))}</span>"
            if hints
            else ""
        )
        self.use_hint_button.disabled = not hints

    def _use_hint(self, _button: object = None) -> None:
        have = {a.casefold() for a in self.areas.value}
        extra = [a for a in suggest_areas(self.position.value) if a.casefold() not in have]
        self.areas.value = [*self.areas.value, *extra]
        self._position_changed(None)

    def _save_clicked(self, _button: object = None) -> None:
        draft = self.draft_contact()
        if not draft.name:
            raise InputError("Name: write who this is, e.g. 'Ana Rocha'")
        editing = self.editing_id
        if editing is not None:
            before = self._filled_values.get("name", "")
            if " ".join(str(before).split()).casefold() != draft.name.casefold():
                # A new name on a saved person is either a rename or somebody else typed
                # over them: ask, rather than silently replacing the first person.
                self._hide_rename_choice(False)
                self.rename_button.description = f"Rename {shorten(str(before), 40)}"
                self.add_as_new_button.description = f"Add {shorten(draft.name, 40)} as new"
                self.status.value = message_html(
                    f"You changed the name from {before} to {draft.name}. Is this the same "
                    "person with a new name, or somebody else?",
                    "warning",
                )
                return
        self._save(draft, editing)

    def _save(self, draft: Contact, editing: str | None) -> None:
        self._hide_rename_choice(True)
        saved = actions.save_contact(self.session.path, draft, editing=editing).workbook
        if editing is None:
            # Added: the form is fresh for the next person (the new one is in the list).
            self.editing_id = None
            self.refresh(saved)
            self._fill_form(None)
            self.status.value = message_html(
                f"Added {draft.name}. The form is empty for the next person; pick "
                f"{draft.name} in the Contact list to change anything.",
                "ok",
            )
            return
        self.editing_id = draft.id
        self.refresh(saved)
        self._fill_form(saved.contact(draft.id))
        self.status.value = message_html(f"Saved changes to {draft.name}.", "ok")

    def _hide_rename_choice(self, hidden: bool) -> None:
        for button in (self.rename_button, self.add_as_new_button):
            button.layout.display = "none" if hidden else None

    def _rename_clicked(self, _button: object = None) -> None:
        self._save(self.draft_contact(), self.editing_id)

    def _add_as_new_clicked(self, _button: object = None) -> None:
        # The other fields still hold the first person's e-mail and title: start a fresh
        # form with just the new name, and leave the first person as saved.
        name = self.name.value.strip()
        before = str(self._filled_values.get("name", ""))
        self._picker_updating = True
        try:
            self.contact_picker.value = _NEW
        finally:
            self._picker_updating = False
        self._fill_form(None)
        self.name.value = name
        self.status.value = message_html(
            f"{before} is unchanged. Fill in the rest for {name} and press “Add contact”.",
            "info",
        )

    def _new_clicked(self, _button: object = None) -> None:
        if self.contact_picker.value == _NEW:
            self._fill_form(None)  # already a new contact: start it again, empty
            self.status.value = ""
        else:
            self.contact_picker.value = _NEW  # keeps unsaved edits of the one left behind

    def _remove_clicked(self, _button: object = None) -> None:
        if self.editing_id is None:
            raise InputError("pick a contact in the Contact list first")
        self.confirm_remove_button.layout.display = None
        self.status.value = message_html(
            f"Remove {self.name.value or 'this contact'} from your workbook? Click 'Yes, remove'.",
            "warning",
        )

    def _confirm_remove_clicked(self, _button: object = None) -> None:
        removing = self.editing_id
        if removing is None:
            raise InputError("pick a contact in the Contact list first")

        name = self.name.value
        saved = actions.remove_contact(self.session.path, removing, name=name).workbook
        self.editing_id = None
        self.refresh(saved)
        self._fill_form(None)
        self.status.value = message_html(f"Removed {name}.", "ok")

    # ----------------------------------------------------------------------------------
    # The import
    # ----------------------------------------------------------------------------------

    def _uploaded(self) -> tuple[str, bytes] | None:
        files = self.upload.value
        if not files:
            return None
        first = files[0]
        return str(first.get("name") or "uploaded file"), bytes(first["content"])

    def _upload_changed(self, _change: object) -> None:
        found = self._uploaded()
        self.import_button.disabled = found is None
        if found is not None:
            name, data = found
            self.import_status.value = message_html(
                f"Ready to import {name} ({len(data):,} bytes): click 'Import contacts'.", "info"
            )

    def _import_clicked(self, _button: object = None) -> None:
        found = self._uploaded()
        if found is None:
            raise ImportFileError("choose a CSV file first")
        name, data = found
        done = actions.import_contacts(self.session.path, data, name)
        saved, imported = done.workbook, done.value
        outcome = {
            "added": len(imported.added),
            "skipped": len(imported.skipped),
            "left": len(imported.left_out),
        }
        self.refresh(saved)
        self.upload.value = ()
        self.import_button.disabled = True
        left = f" {outcome['left']} row(s) without a name were left out." if outcome["left"] else ""
        self.import_status.value = message_html(
            f"Imported {outcome['added']} new contact(s) from {name}; "
            f"{_already(outcome['skipped'])}.{left} Imported people start as weak ties: mark the "
            "ones you are close to as strong, and add what they are good at.",
            "ok",
        )


def _already(count: int) -> str:
    """``1 was already in your list``, ``3 were ...``, ``none was ...``."""
    if count == 0:
        return "none was already in your list"
    return f"{count} {'was' if count == 1 else 'were'} already in your list"


def network_workbench(
    workbook_path: str | os.PathLike[str] | None = "",
    today: str | date = "",
    *,
    charts: bool = True,
) -> NetworkWorkbench:
    """The network step for a workbook (empty path: the participant's own workbook).

    Args:
        workbook_path: The workbook file; empty means :func:`mentorkit.store.default_workbook_path`.
        today: An ISO date, a date, or empty for the real today.
        charts: Draw the charts (and redraw them after each change); ``False`` leaves the
            chart images empty, for a quicker editor on a slow machine.
    """
    return NetworkWorkbench(workbook_path, today, charts=charts)
