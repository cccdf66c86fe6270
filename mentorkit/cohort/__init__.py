"""Facilitator cohort runs: every participant's report, the cohort dashboard, peer matches.

* :func:`run` executes the participant report notebook for everyone on a roster, in
  parallel, resumably, with failures isolated;
* :func:`prepare` writes each participant's own copy of the workbook notebooks;
* :func:`summarize` reads a run's summaries into the cohort tables.
"""

from __future__ import annotations

from mentorkit.cohort.layout import CohortLayout
from mentorkit.cohort.roster import Roster, RosterEntry, parse_roster, read_roster
from mentorkit.cohort.runner import ParticipantResult, prepare, run
from mentorkit.cohort.summary import CohortSummary, summarize
from mentorkit.errors import SummaryError
from mentorkit.model import check_participant_id

__all__ = [
    "CohortLayout",
    "CohortSummary",
    "ParticipantResult",
    "Roster",
    "RosterEntry",
    "SummaryError",
    "check_participant_id",
    "parse_roster",
    "prepare",
    "read_roster",
    "run",
    "summarize",
]
