"""One participant's report, as the report notebook shows it.

The report notebook (``notebooks/participant_report.ipynb``) calls one method per section;
each returns an object that displays as HTML (charts embedded as PNG images), so the
executed notebook, and its HTML copy without code, read well without widgets or a kernel.
Every piece of text from the workbook is escaped before it goes into HTML.

Only the participant's own workbook is read here; nothing is written except the summary
file the runner asks for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentorkit import store
from mentorkit.charts.style import figure_img
from mentorkit.cohort.summary import write_summary_file
from mentorkit.metrics import participant_summary
from mentorkit.model import GOAL_TYPE_LABELS, SPHERE_LABELS, Workbook
from mentorkit.render import escape, html_table, message_html, parse_today, shorten

#: Longest goal statement shown in a table cell before it is shortened.
_SHORT_STATEMENT = 90


@dataclass(frozen=True)
class HtmlSection:
    """A block of ready-made HTML that Jupyter displays as it is."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


class ParticipantReport:
    """The sections of one participant's report.

    Attributes:
        workbook: The participant's workbook (empty when the file was not found).
        today: The date the report is written for.
        participant_id: The roster's id for this participant.
        missing: The workbook path when no file was found there, else ``None`` (the
            report shows only its file name).
    """

    def __init__(
        self,
        workbook: Workbook,
        today: date,
        participant_id: str = "",
        missing: Path | None = None,
    ):
        self.workbook = workbook
        self.today = today
        self.participant_id = participant_id or workbook.participant_id
        self.missing = missing

    def header(self) -> HtmlSection:
        """Whose report this is and the date it describes."""
        profile = self.workbook.profile
        who = profile.name or self.participant_id or "Your"
        role = ", ".join(part for part in (profile.role, profile.organisation) if part)
        parts = [f"<h2>Mentoring report: {escape(who)}</h2>"]
        if role:
            parts.append(f"<p>{escape(role)}</p>")
        parts.append(f"<p>Written for {escape(self.today.isoformat())}.</p>")
        if self.missing is not None:
            # Only the file name: the folder is the facilitator's, not the participant's.
            parts.append(
                message_html(
                    f"No workbook called {self.missing.name} was found, so this report is empty.",
                    "warning",
                )
            )
        return HtmlSection("".join(parts))

    def goals(self) -> HtmlSection:
        """Each goal with its type, target date and what the goal review suggests."""
        from mentorkit.goals import review_workbook_goals

        if not self.workbook.goals:
            return HtmlSection("<p>No goals written yet.</p>")
        review = review_workbook_goals(self.workbook, self.today)
        rows = []
        for goal in self.workbook.goals:
            findings = review.review_for(goal.id).findings
            advice = " ".join(f"{f.message} {f.fix}" for f in findings) or "Ready to work on."
            rows.append(
                {
                    "goal": goal.statement,
                    "type": GOAL_TYPE_LABELS.get(goal.type or "", "Not set"),
                    "target": goal.target_date.isoformat() if goal.target_date else "",
                    "status": goal.status,
                    "advice": advice,
                }
            )
        table = html_table(
            rows,
            [
                ("goal", "Goal"),
                ("type", "Type"),
                ("target", "Target date"),
                ("status", "Status"),
                ("advice", "What the review suggests"),
            ],
        )
        overall = "".join(message_html(f"{f.message} {f.fix}", "warning") for f in review.findings)
        return HtmlSection(overall + table)

    def network(self) -> HtmlSection:
        """Who is in the network, by sphere and tie strength, and which goal areas nobody covers."""
        contacts = self.workbook.contacts
        if not contacts:
            body = "<p>No contacts listed yet.</p>"
        else:
            rows = []
            for sphere, label in SPHERE_LABELS.items():
                in_sphere = [c for c in contacts if c.sphere == sphere]
                if in_sphere:
                    rows.append(
                        {
                            "sphere": label,
                            "strong": sum(c.tie_strength == "strong" for c in in_sphere),
                            "weak": sum(c.tie_strength == "weak" for c in in_sphere),
                        }
                    )
            body = f"<p>{len(contacts)} people in the network.</p>" + html_table(
                rows,
                [("sphere", "Where they are"), ("strong", "Strong ties"), ("weak", "Weak ties")],
            )
        from mentorkit.network import find_gaps, network_shape

        if contacts:
            shape = network_shape(self.workbook)
            body += (
                f"<p>Your network reaches {shape.range} of 6 spheres and "
                f"{shape.strong_count} of {shape.size} ties are strong: "
                f"{'an' if shape.type[0] in 'aeiou' else 'a'} {escape(shape.type)} network.</p>"
            )
        gaps = [gap for gap in find_gaps(self.workbook) if gap.goal_id is not None]
        if gaps:
            body += "<p>Where your network cannot help yet, and a next step:</p><ul>"
            body += "".join(
                f"<li>{escape(gap.message)} {escape(gap.suggestion)}</li>" for gap in gaps
            )
            body += "</ul>"
        elif self.workbook.active_goals():
            body += "<p>For every active goal someone you know can help.</p>"
        return HtmlSection(body)

    def asks(self) -> HtmlSection:
        """Every mentorship ask: who, for which goal, what was asked, and where it stands."""
        if not self.workbook.mentorships:
            return HtmlSection("<p>No mentorship asked for yet.</p>")
        rows = []
        for mentorship in self.workbook.mentorships:
            try:
                goal = shorten(self.workbook.goal(mentorship.goal_id).statement, _SHORT_STATEMENT)
            except KeyError:
                goal = ""
            try:
                mentor = self.workbook.contact(mentorship.contact_id).name
            except KeyError:
                mentor = ""
            rows.append(
                {
                    "mentor": mentor,
                    "goal": goal,
                    "ask": f"{mentorship.sessions} × {mentorship.minutes} min over "
                    f"{mentorship.weeks} weeks",
                    "start": mentorship.start.isoformat() if mentorship.start else "",
                    "status": mentorship.status.replace("_", " "),
                }
            )
        table = html_table(
            rows,
            [
                ("mentor", "Mentor"),
                ("goal", "Goal"),
                ("ask", "What was asked"),
                ("start", "Start"),
                ("status", "Status"),
            ],
        )
        return HtmlSection(table)

    def progress(self) -> HtmlSection:
        """Conversations held against the plan, goal attainment, and any stall warnings."""
        from mentorkit.charts.progress import gas_chart, plan_vs_held_chart
        from mentorkit.progress import stall_warnings

        warnings = stall_warnings(self.workbook, self.today)
        parts: list[str] = []
        if warnings:
            parts.extend(message_html(w.reason, "warning") for w in warnings)
        else:
            parts.append(message_html("Nothing is stalling. Keep going.", "ok"))
        parts.append(
            figure_img(
                plan_vs_held_chart(self.workbook, self.today),
                "Conversations held against the plan",
            )
        )
        parts.append(figure_img(gas_chart(self.workbook, self.today), "Goal attainment over time"))
        return HtmlSection("".join(parts))

    def save_summary(self, summary_path: str | os.PathLike[str]) -> None:
        """Write the participant's metrics for the cohort dashboard (nothing when no path)."""
        if not str(summary_path).strip():
            return
        summary = participant_summary(self.workbook, self.today, participant_id=self.participant_id)
        write_summary_file(summary, summary_path)


def load_report(
    workbook_path: str | os.PathLike[str] = "",
    participant_id: str = "",
    today: str | date = "",
) -> ParticipantReport:
    """Read one participant's workbook for the report notebook.

    Args:
        workbook_path: The workbook file (empty: the participant's own, see the store).
        participant_id: The roster's id (may be empty).
        today: An ISO date, or empty for the real today.

    The report only reads: a missing workbook gives an empty report that says so, rather
    than creating a file.
    """
    file = store.resolve_workbook_path(workbook_path)
    day = parse_today(today)
    if not file.exists():
        return ParticipantReport(Workbook(participant_id=""), day, participant_id, missing=file)
    return ParticipantReport(store.load_workbook(file), day, participant_id)
