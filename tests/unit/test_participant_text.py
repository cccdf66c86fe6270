"""What a participant reads carries no internal code (``[too_heavy]``) and no id (``m-0ae0cba2``).

Every workbench is built on every sample workbook, and all the text its widgets show
(HTML, labels, option labels, tooltips) is searched.  Codes stay in the JSON and the CLI's
``--json``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

from mentorkit import store

#: ``[too_heavy]``, ``[no_email]``, ``[vague]``: a finding's code in brackets.
CODE = re.compile(r"\[(?:vague|too_[a-z_]+|no_[a-z_]+|[a-z]+_[a-z_]+)\]")
#: Ids as the model makes them (``m-0ae0cba2...``) and as the sample names them (``c5-p01``).
ID = re.compile(r"\b[a-z]+-[0-9a-f]{8,16}\b|\b[a-z]\d+-p\d\d\b")

STEPS = [
    ("start", "start_workbench"),
    ("goals", "goal_workbench"),
    ("network", "network_workbench"),
    ("ask", "ask_workbench"),
    ("progress", "progress_workbench"),
]
#: Three sample stories with different shapes (on track, many contacts, too many goals).
PARTICIPANTS = ["p01", "p04", "p07"]


def _texts(widget: object, seen: set[int] | None = None) -> Iterator[str]:
    seen = seen if seen is not None else set()
    if id(widget) in seen or not isinstance(widget, widgets.Widget):
        return
    seen.add(id(widget))
    shown = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Text, widgets.Textarea)
    # A choice's value is its id, never shown; its labels are what the person reads.
    names = ("value",) if isinstance(widget, shown) else ()
    for name in (*names, "description", "tooltip", "placeholder"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and not value.startswith("data:"):
            # download links carry the workbook itself (ids included) as base64 data
            yield re.sub(r"href=['\"]data:[^'\"]*['\"]", "", value)
    labels = getattr(widget, "_options_labels", None)
    if labels:
        yield from (str(label) for label in labels)
    for child in getattr(widget, "children", ()):
        yield from _texts(child, seen)


@pytest.mark.parametrize("participant", PARTICIPANTS)
@pytest.mark.parametrize(("module", "factory"), STEPS)
def test_no_code_or_id_in_what_a_workbench_shows(
    module: str, factory: str, participant: str, cohort_dir: Path
) -> None:
    path = cohort_dir / "workbooks" / f"{participant}.json"
    ids = {
        thing.id
        for kind in ("goals", "contacts", "mentorships", "checkins", "reflections")
        for thing in getattr(store.load_workbook(path), kind)
    }
    bench = getattr(importlib.import_module(f"mentorkit.widgets.{module}"), factory)(
        str(path), "2026-11-23"
    )
    panels = [getattr(bench, name) for name in dir(bench) if name.endswith("_panel")]
    text = "\n".join(t for panel in panels for t in _texts(panel))
    assert not CODE.findall(text), CODE.findall(text)[:5]
    shown_ids = [found for found in ID.findall(text) if found in ids]
    assert not shown_ids, shown_ids[:5]


def test_the_patterns_catch_what_the_issue_saw() -> None:
    assert CODE.search("Too much [too_heavy]") and CODE.search("[vague]")
    assert ID.search("saved (m-0ae0cba2)") and ID.search("Ana [c5-p01]")
    assert not CODE.search("[1] footnote") and not ID.search("e-mail and well-being")
