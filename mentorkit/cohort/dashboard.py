"""The facilitator's cohort dashboard: charts and tables from a run's summaries.

The charts are in :mod:`mentorkit.charts.cohort` (summaries in, a matplotlib ``Figure`` out).
:class:`CohortDashboard` is what ``mentorkit/notebooks/cohort_dashboard.ipynb`` calls: one method per
section, each returning HTML (charts embedded as PNG), so the dashboard reads the same in
JupyterLab, in Voila and as exported HTML.  Names and areas are escaped before display.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

import pandas as pd
from matplotlib.figure import Figure

from mentorkit.charts.cohort import (
    gas_spread_figure,
    goal_types_figure,
    network_types_figure,
    plan_vs_held_figure,
)
from mentorkit.charts.style import figure_img
from mentorkit.cohort.report import HtmlSection
from mentorkit.cohort.summary import (
    CohortSummary,
    read_summaries,
    summarize_summaries,
)
from mentorkit.errors import SummaryError
from mentorkit.feedback import MIN_ANSWERS
from mentorkit.render import counted, download_link, html_table, message_html

#: Environment variable naming the cohort output folder when the notebook's parameter is empty
#: (how Voila, which takes no parameters, is pointed at a cohort).
COHORT_DIR_ENV: Final = "MENTORKIT_COHORT_DIR"


def _figure_section(figure: Figure, alt: str) -> HtmlSection:
    return HtmlSection(figure_img(figure, alt))


def _frame_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {
            str(k): ("" if v is None or (isinstance(v, float) and v != v) else v)
            for k, v in row.items()
        }
        for row in frame.to_dict("records")
    ]


class CohortDashboard:
    """The dashboard sections of one cohort output folder.

    Attributes:
        folder: The cohort output folder (``None`` when none was given).
        cohort: Every cohort table.
        problem: Why the folder's summaries could not be read (empty when they could).
    """

    def __init__(
        self,
        cohort: CohortSummary,
        folder: Path | None = None,
        problem: str = "",
        *,
        min_answers: int = MIN_ANSWERS,
    ):
        self.cohort = cohort
        self.folder = folder
        self.problem = problem
        self.min_answers = min_answers

    @property
    def summaries(self) -> tuple[dict[str, Any], ...]:
        """The participants' summaries."""
        return self.cohort.summaries

    def overview(self) -> HtmlSection:
        """How many reports are in, and one row per participant."""
        if self.folder is None:
            return HtmlSection(
                message_html(
                    f"No cohort folder given: set cohort_dir (or {COHORT_DIR_ENV}) to the --out folder of `mentorkit cohort run` or `mentorkit cohort collect`.",
                    "info",
                )
            )
        if self.problem:
            return HtmlSection(message_html(f"Problem: {self.problem}", "error"))
        if not self.summaries:
            return HtmlSection(message_html(f"No finished reports in {self.folder} yet.", "info"))
        table = self.cohort.participants
        stalled = int(table["stalled"].sum())
        head = f"<p>{len(table)} participants; {stalled} may need a nudge.</p>"
        columns = [
            ("participant_id", "Id"),
            ("name", "Name"),
            ("goals_active", "Active goals"),
            ("contacts", "Contacts"),
            ("network_type", "Network"),
            ("gaps", "Uncovered areas"),
            ("mentorships_active", "Active mentorships"),
            ("checkins_held", "Held"),
            ("checkins_planned", "Planned"),
            ("gas_tscore", "GAS T-score"),
            ("warnings", "Warnings"),
        ]
        return HtmlSection(head + html_table(_frame_rows(table), columns))

    def _nothing_yet(self) -> HtmlSection | None:
        """Before any report is in, a section says so (not "nobody is stalled")."""
        if self.summaries:
            return None
        return HtmlSection(
            message_html("Nothing to show until the first reports are in (see above).", "info")
        )

    def stalled(self) -> HtmlSection:
        """Who is stalled, with every reason."""
        if (empty := self._nothing_yet()) is not None:
            return empty
        frame = self.cohort.stalled
        if frame.empty:
            return HtmlSection(message_html("Nobody is stalled.", "ok"))
        return HtmlSection(
            html_table(
                _frame_rows(frame),
                [
                    ("participant_id", "Id"),
                    ("name", "Name"),
                    ("codes", "Signs"),
                    ("reasons", "Why"),
                ],
            )
        )

    def goal_types_chart(self) -> HtmlSection:
        """Active goals by type."""
        return _figure_section(goal_types_figure(self.cohort.goal_types), "Active goals by type")

    def network_types_chart(self) -> HtmlSection:
        """Network types."""
        return _figure_section(network_types_figure(self.cohort.network_types), "Network types")

    def plan_vs_held_chart(self) -> HtmlSection:
        """Conversations planned against held."""
        return _figure_section(
            plan_vs_held_figure(self.cohort.participants), "Conversations planned and held"
        )

    def gas_spread_chart(self) -> HtmlSection:
        """Spread of GAS T-scores."""
        return _figure_section(
            gas_spread_figure(self.cohort.participants), "Goal attainment across the cohort"
        )

    def _without_areas(self) -> str:
        """A note when some summaries came from ``summary`` shares, which hold no goal areas."""
        ids = [
            str(s.get("participant_id"))
            for s in self.summaries
            if s.get("share_level") == "summary"
        ]
        if not ids:
            return ""
        return message_html(
            f"{len(ids)} of {len(self.summaries)} participants shared a summary, which holds no "
            f"goal areas ({', '.join(ids)}): their gaps and strengths are not counted here. A "
            "goals share adds them.",
            "info",
        )

    def uncovered(self) -> HtmlSection:
        """Areas most often uncovered, and whether a peer could help."""
        if (empty := self._nothing_yet()) is not None:
            return empty
        frame = self.cohort.uncovered
        note = self._without_areas()
        if frame.empty and note:
            return HtmlSection(note)
        if frame.empty:
            return HtmlSection(
                message_html("Every goal area is covered by someone's network.", "ok")
            )
        rows = _frame_rows(frame)
        for row in rows:
            row["covered_in_cohort"] = "yes" if row["covered_in_cohort"] else "no: recruit"
        return HtmlSection(
            note
            + html_table(
                rows,
                [
                    ("area", "Area"),
                    ("participants", "Participants needing it"),
                    ("participant_ids", "Who"),
                    ("covered_in_cohort", "A peer can help"),
                ],
            )
        )

    def peer_matches(self) -> HtmlSection:
        """Suggested peer pairs."""
        if (empty := self._nothing_yet()) is not None:
            return empty
        frame = self.cohort.matches
        note = self._without_areas()
        if frame.empty:
            return HtmlSection(
                note
                or message_html("No peer matches: nobody's strengths cover another's gaps.", "info")
            )
        return HtmlSection(
            note
            + html_table(
                _frame_rows(frame),
                [
                    ("helper_name", "Could help"),
                    ("helper", "Id"),
                    ("seeker_name", "Whom"),
                    ("seeker", "Id"),
                    ("areas", "With"),
                ],
            )
        )

    def programme_feedback(self) -> HtmlSection:
        """How the programme went: the reaction chart and the shared comments.

        Below the threshold only the count of answers shows, with the reason.
        """
        from mentorkit.charts.programme import reaction_figure
        from mentorkit.feedback import programme_feedback

        feedback = programme_feedback(self.summaries, min_answers=self.min_answers)
        if not feedback["shown"]:
            return HtmlSection(
                message_html(
                    f"{counted(feedback['answers'], 'participant')} answered the end-of-mentorship "
                    f"questions. {feedback['reason']}.",
                    "info",
                )
            )
        head = (
            f"<p>{feedback['answers']} participants rated {feedback['ratings']} "
            f"{'mentorship' if feedback['ratings'] == 1 else 'mentorships'}: mean usefulness {feedback['mean_usefulness']} of 5, "
            f"{feedback['recommend_share']:.0%} would recommend one to a colleague.</p>"
        )
        chart = figure_img(reaction_figure(feedback), "How useful participants found it")
        comments = feedback["comments"]
        if comments:
            rows = [
                {"helped": c["helped"], "to_change": c["to_change"], "comment": c["comment"]}
                for c in comments
            ]
            words = "<h4>In their words (shared with consent, in no particular order)</h4>"
            words += html_table(
                rows,
                [
                    ("helped", "What helped"),
                    ("to_change", "What to change"),
                    ("comment", "Comment"),
                ],
            )
        else:
            words = message_html("Nobody chose to share their comments.", "info")
        return HtmlSection(head + chart + words)

    def what_changed(self) -> HtmlSection:
        """Goals achieved, mentorships completed and goal attainment, cohort-wide."""
        from mentorkit.cohort.programme import what_changed

        changed = what_changed(self.summaries)
        if not changed["participants"]:
            return HtmlSection(message_html("No summaries yet.", "info"))
        gas = changed["gas"]
        rows = [
            {
                "what": "Goals achieved",
                "value": f"{changed['goals_achieved']} of {changed['goals']}",
            },
            {
                "what": "Mentorships completed",
                "value": f"{changed['mentorships_completed']} of "
                f"{changed['mentorships_started']} started",
            },
            {
                "what": "Goal attainment (GAS T-score)",
                "value": (
                    f"median {gas['median']} (from {gas['min']} to {gas['max']}); "
                    f"{gas['at_or_above_50']} of {gas['participants']} at or above 50"
                    if gas["participants"]
                    else "nobody has rated a goal yet"
                ),
            },
        ]
        table = html_table(rows, [("what", "What"), ("value", "Across the cohort")])
        chart = figure_img(
            gas_spread_figure(self.cohort.participants), "Goal attainment across the cohort"
        )
        return HtmlSection(table + chart)

    def download_link(self) -> HtmlSection:
        """A link that downloads the per-participant table as CSV (works without a kernel)."""
        csv = self.cohort.to_csv().encode("utf-8")
        return HtmlSection(
            download_link(csv, "text/csv", "cohort.csv", "Download the cohort table (CSV)")
        )


def load_dashboard(
    cohort_dir: str | os.PathLike[str] = "", min_answers: int = MIN_ANSWERS
) -> CohortDashboard:
    """Read a cohort output folder for the dashboard notebook.

    Args:
        cohort_dir: The ``--out`` folder of a cohort run or collection; empty means
            ``$MENTORKIT_COHORT_DIR``, and when that is unset too the dashboard says how to
            point it at a cohort.
        min_answers: Programme feedback shows once this many people answered (at least 3).
    """
    named = str(cohort_dir).strip() or os.environ.get(COHORT_DIR_ENV, "").strip()
    if not named:
        return CohortDashboard(summarize_summaries([]), None, min_answers=min_answers)
    folder = Path(named).expanduser()
    try:
        summaries = read_summaries(folder)
    except SummaryError as error:
        # Shown in the page (Voila has no traceback to read), every damaged file listed.
        return CohortDashboard(
            summarize_summaries([]), folder, problem=str(error), min_answers=min_answers
        )
    return CohortDashboard(summarize_summaries(summaries), folder, min_answers=min_answers)
