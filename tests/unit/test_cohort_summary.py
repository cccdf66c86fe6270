"""Cohort summaries, tables, peer matches, charts and the dashboard (no kernels here)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from mentorkit import store
from mentorkit.charts.cohort import (
    gas_spread_figure,
    goal_types_figure,
    network_types_figure,
    plan_vs_held_figure,
)
from mentorkit.charts.style import PALETTE
from mentorkit.cohort import summarize
from mentorkit.cohort.dashboard import COHORT_DIR_ENV, load_dashboard
from mentorkit.cohort.layout import CohortLayout
from mentorkit.cohort.report import load_report
from mentorkit.cohort.summary import (
    SummaryError,
    cohort_table,
    peer_matches,
    read_summaries,
    stalled_list,
    summarize_summaries,
    uncovered_areas,
    write_summary_file,
)
from mentorkit.errors import MentorkitError
from mentorkit.metrics import participant_summary
from tests.conftest import SAMPLE_COHORT
from tests.support import dashboard_page, write_summaries

IDS = [f"p0{i}" for i in range(1, 9)]


@pytest.fixture(scope="module")
def summaries() -> list[dict[str, Any]]:
    today = date(2026, 11, 23)
    return [
        participant_summary(store.load_workbook(SAMPLE_COHORT / "workbooks" / f"{pid}.json"), today)
        for pid in IDS
    ]


def _summary(pid: str, gaps: list[str], strengths: list[str]) -> dict[str, Any]:
    return {
        "summary_version": 1,
        "participant_id": pid,
        "name": f"Name {pid}",
        "gaps": [{"area": a, "goal_id": "g"} for a in gaps],
        "strengths": strengths,
    }


def test_a_summary_is_plain_json_with_only_its_participant(summaries: list[dict[str, Any]]) -> None:
    first = summaries[0]
    assert json.loads(json.dumps(first)) == first
    assert first["participant_id"] == "p01"
    text = json.dumps(first, ensure_ascii=False)
    for other in summaries[1:]:
        assert other["name"] not in text


def test_the_cohort_table_has_one_row_per_participant(summaries: list[dict[str, Any]]) -> None:
    table = cohort_table(summaries)
    assert list(table["participant_id"]) == IDS
    p05 = table.set_index("participant_id").loc["p05"]
    assert p05["contacts"] == 60
    assert (
        table.set_index("participant_id").loc["p02", "checkins_held"]
        < table.set_index("participant_id").loc["p02", "checkins_planned"]
    )
    assert table["gas_tscore"].dtype == "float64"


def test_the_stalled_list_names_who_and_why(summaries: list[dict[str, Any]]) -> None:
    stalled = stalled_list(summaries)
    assert set(stalled["participant_id"]) == {"p02", "p05"}
    row = stalled.set_index("participant_id").loc["p02"]
    assert "quiet" in row["codes"] and "behind" in row["codes"]
    assert "days" in row["reasons"]
    assert "unanswered" in stalled.set_index("participant_id").loc["p05", "codes"]


def test_the_values_goal_nobody_covers_is_an_uncovered_area(
    summaries: list[dict[str, Any]],
) -> None:
    uncovered = uncovered_areas(summaries).set_index("area")
    assert "values" in uncovered.index
    assert uncovered.loc["values", "participant_ids"] == "p04"
    assert not uncovered.loc["values", "covered_in_cohort"]
    counts = list(uncovered["participants"])
    assert counts == sorted(counts, reverse=True)


def test_peer_matches_pair_strengths_with_gaps() -> None:
    cohort = [
        _summary("a", ["budgeting"], []),
        _summary("b", [], ["Budgeting", "hiring"]),
        _summary("c", ["hiring", "budgeting"], []),
    ]
    matches = peer_matches(cohort)
    assert [(m.helper, m.seeker, m.areas) for m in matches] == [
        ("b", "c", ("hiring", "budgeting")),  # covers two gaps: first
        ("b", "a", ("budgeting",)),
    ]
    assert matches[0].helper_name == "Name b"


def test_nobody_is_suggested_more_than_twice() -> None:
    cohort = [_summary(f"s{i}", ["writing"], []) for i in range(6)]
    cohort += [_summary("star", [], ["writing"]), _summary("other", [], ["writing"])]
    matches = peer_matches(cohort)
    appearances = Counter(p for m in matches for p in (m.helper, m.seeker))
    assert appearances["star"] == 2 and appearances["other"] == 2
    assert max(appearances.values()) <= 2
    assert len(matches) == 4
    # Deterministic: the same summaries always give the same matches.
    assert peer_matches(list(reversed(cohort))) == matches


def test_the_sample_cohort_peer_matches_respect_the_limit(summaries: list[dict[str, Any]]) -> None:
    matches = peer_matches(summaries)
    appearances = Counter(p for m in matches for p in (m.helper, m.seeker))
    assert max(appearances.values(), default=0) <= 2
    for match in matches:
        assert match.helper != match.seeker


def test_csv_export_round_trips(summaries: list[dict[str, Any]]) -> None:
    cohort = summarize_summaries(summaries)
    rows = list(csv.DictReader(io.StringIO(cohort.to_csv())))
    assert [row["participant_id"] for row in rows] == IDS
    assert rows[0]["name"] == "Amara Okafor-Lind"


@pytest.mark.parametrize(
    "typed", ["=1+2", "+1", "-2+3", "@SUM(A1)", "\tx", "\r=x", "=cmd|' /C calc'!A0"]
)
def test_csv_export_makes_formula_cells_inert(typed: str) -> None:
    summary = {**_summary("p01", [], []), "name": typed}
    summary["network"] = {"contacts": 0, "type": typed}
    rows = list(csv.DictReader(io.StringIO(summarize_summaries([summary]).to_csv())))
    assert rows[0]["name"] == "'" + typed
    assert rows[0]["network_type"] == "'" + typed
    assert rows[0]["participant_id"] == "p01"


def test_csv_export_leaves_plain_text_and_numbers_alone() -> None:
    summary = {**_summary("p01", [], []), "name": "Ana = Bo, 'quoted' - fine\rstill Ana"}
    summary["progress"] = {"gas_tscore": -3.5}
    rows = list(csv.DictReader(io.StringIO(summarize_summaries([summary]).to_csv())))
    assert rows[0]["name"] == "Ana = Bo, 'quoted' - fine\rstill Ana"
    assert len(rows) == 1
    assert rows[0]["gas_tscore"] == "-3.5"


def test_summaries_are_read_from_the_layout(
    tmp_path: Path, summaries: list[dict[str, Any]]
) -> None:
    layout = write_summaries(tmp_path, summaries[:3])
    (tmp_path / "p09").mkdir()  # unfinished: no summary
    assert [s["participant_id"] for s in read_summaries(tmp_path)] == IDS[:3]
    assert list(summarize(tmp_path).participants["participant_id"]) == IDS[:3]
    layout.participant("p04").folder.mkdir()
    layout.participant("p04").summary.write_text("{not json")
    with pytest.raises(SummaryError, match=r"p04/summary\.json: is not readable JSON"):
        read_summaries(tmp_path)


def _damage(summary: dict[str, Any], change: str) -> Any:
    damaged = json.loads(json.dumps(summary))
    if change == "whole":
        return ["not", "a", "summary"]
    if change == "network-null":
        damaged["network"] = None
    elif change == "count-text":
        damaged["progress"]["goals_active"] = "three"
    elif change == "mentorship-count":
        damaged["progress"]["mentorships"][0]["held"] = 2.5
    elif change == "ask-count":
        damaged["asks"] = {"active": True}
    elif change == "version":
        damaged["summary_version"] = 99
    elif change == "someone-else":
        damaged["participant_id"] = "p05"
    return damaged


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("whole", 'p01/summary.json: (whole file): ["not", "a", "summary"] is not an object'),
        ("network-null", "p01/summary.json: network: null is not an object"),
        ("count-text", 'p01/summary.json: progress.goals_active: "three" is not a count'),
        ("mentorship-count", "p01/summary.json: progress.mentorships[0].held: 2.5 is not a count"),
        ("ask-count", "p01/summary.json: asks.active: true is not a count"),
        ("version", "p01/summary.json: summary_version: 99 is not 1"),
        ("someone-else", "p01/summary.json: participant_id: 'p05' is not 'p01'"),
    ],
)
def test_a_damaged_summary_is_named_by_file_and_field(
    tmp_path: Path, summaries: list[dict[str, Any]], change: str, named: str
) -> None:
    layout = write_summaries(tmp_path, summaries[:2])
    damaged = _damage(summaries[0], change)
    layout.participant("p01").summary.write_text(json.dumps(damaged), encoding="utf-8")
    with pytest.raises(SummaryError) as caught:
        summarize(tmp_path)
    assert isinstance(caught.value, MentorkitError) and isinstance(caught.value, ValueError)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(named)
    assert named in str(caught.value) and str(tmp_path) in str(caught.value)


def test_every_damaged_summary_is_listed_at_once(
    tmp_path: Path, summaries: list[dict[str, Any]]
) -> None:
    layout = write_summaries(tmp_path, [_damage(s, "network-null") for s in summaries[:3]])
    layout.participant("p02").summary.write_text('{"summary_version": 1}', encoding="utf-8")
    with pytest.raises(SummaryError) as caught:
        read_summaries(tmp_path)
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "p01/summary.json",
        "p02/summary.json",
        "p03/summary.json",
    ]
    assert "3 problems" in str(caught.value)


@pytest.mark.parametrize(
    ("chart", "table"),
    [
        (goal_types_figure, "goal_types"),
        (network_types_figure, "network_types"),
        (plan_vs_held_figure, "participants"),
        (gas_spread_figure, "participants"),
    ],
)
def test_every_chart_has_a_title_labels_and_palette_colours(
    chart: Any, table: str, summaries: list[dict[str, Any]]
) -> None:
    figure = chart(getattr(summarize_summaries(summaries), table))
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    assert axes.get_title() and axes.get_xlabel() and axes.get_ylabel()
    faces = [patch.get_facecolor() for patch in axes.patches]
    faces += [colour for collection in axes.collections for colour in collection.get_facecolor()]
    colours = {to_hex(face).upper() for face in faces}
    assert colours & set(PALETTE)
    empty = chart(getattr(summarize_summaries([]), table))
    assert empty.axes[0].get_title() == axes.get_title()
    assert "No finished reports" in empty.axes[0].texts[0].get_text()


def test_the_dashboard_escapes_names(tmp_path: Path, summaries: list[dict[str, Any]]) -> None:
    write_summaries(tmp_path, [dict(summaries[1], name="<script>alert(1)</script>")])
    dashboard = load_dashboard(tmp_path)
    for section in (dashboard.overview(), dashboard.stalled(), dashboard.peer_matches()):
        assert "<script>" not in section._repr_html_()
    assert "&lt;script&gt;" in dashboard.overview().html
    assert dashboard.download_link().html.startswith('<a download="cohort.csv"')


def test_the_dashboard_without_a_folder_says_how_to_point_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(COHORT_DIR_ENV, raising=False)
    dashboard = load_dashboard("")
    assert dashboard.folder is None
    assert "cohort_dir" in dashboard.overview().html
    for section in (dashboard.stalled(), dashboard.uncovered(), dashboard.gas_spread_chart()):
        assert section.html


def test_the_dashboard_shows_damaged_summaries_in_the_page(
    tmp_path: Path, summaries: list[dict[str, Any]]
) -> None:
    write_summaries(tmp_path, [{**summaries[0], "network": None}])
    dashboard = load_dashboard(tmp_path)
    overview = dashboard.overview().html
    assert "mentorkit-error" in overview
    assert "p01/summary.json: network: null is not an object" in overview
    for section in (dashboard.stalled(), dashboard.uncovered(), dashboard.gas_spread_chart()):
        assert section.html


def test_the_dashboard_folder_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(COHORT_DIR_ENV, str(tmp_path))
    assert load_dashboard("").folder == tmp_path
    assert "No finished reports" in load_dashboard("").overview().html


def test_the_report_escapes_workbook_text(tmp_path: Path) -> None:
    workbook = store.load_workbook(SAMPLE_COHORT / "workbooks" / "p01.json")
    workbook.profile.name = "<img src=x onerror=alert(1)>"
    workbook.goals[0].statement = "<b>bold</b> goal"
    path = tmp_path / "w.json"
    store.save_workbook(workbook, path)
    report = load_report(path, "p01", "2026-11-23")
    html = "".join(
        s.html for s in (report.header(), report.goals(), report.asks(), report.network())
    )
    assert "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "data:image/png;base64," in report.progress().html


def test_the_report_of_a_missing_workbook_is_empty_and_creates_nothing(tmp_path: Path) -> None:
    report = load_report(tmp_path / "nobody.json", "p09", "2026-11-23")
    header = report.header().html
    assert "No workbook called nobody.json was found" in header
    # The facilitator's folders are not the participant's business.
    assert str(tmp_path) not in header and tmp_path.name not in header
    assert "No goals" in report.goals().html
    report.save_summary("")
    assert list(tmp_path.iterdir()) == []
    report.save_summary(tmp_path / "s.json")
    assert json.loads((tmp_path / "s.json").read_text())["participant_id"] == "p09"


@pytest.mark.notebook
def test_the_dashboard_renders_under_voila(tmp_path: Path, summaries: list[dict[str, Any]]) -> None:
    out = tmp_path / "out"
    write_summaries(out, summaries)
    page, log = dashboard_page(COHORT_DIR_ENV, out, tmp_path)
    assert "Cohort dashboard" in page
    assert "Bastien Kowalczyk" in page  # the stalled list and the table rendered
    assert page.count("mentorkit-table") >= 3
    assert page.count("data:image/png;base64,") >= 4  # the four charts
    assert "Traceback" not in page and "application/vnd.jupyter.stderr" not in page
    assert b"Traceback" not in log


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (
            b'{"summary_version": 1, "participant_id": "p01", "asks": {"x": 1'
            + b"0" * 5000
            + b"}}",
            "p01/summary.json: is not readable JSON",
        ),
        (
            b"[" * 100_000 + b"]" * 100_000,
            "p01/summary.json: is not readable JSON (nested too deeply)",
        ),
        (
            b'{"summary_version": 1, "participant_id": "p01", "asks": {"\\ud800\\u001b[2J": -1}}',
            "p01/summary.json: asks.\\ud800\\u001b[2J: -1 is not a count",
        ),
        (
            b'{"summary_version": 1, "participant_id": "p01", "progress": {"gas_tscore": 1e999}}',
            "p01/summary.json: progress.gas_tscore: Infinity is not a number or null",
        ),
    ],
    ids=["huge-integer", "deep-nesting", "surrogate-and-control-key", "infinite-score"],
)
def test_a_hostile_summary_gets_a_printable_message(
    tmp_path: Path, summaries: list[dict[str, Any]], content: bytes, named: str
) -> None:
    layout = CohortLayout(tmp_path)
    layout.participant("p01").folder.mkdir()
    layout.participant("p01").summary.write_bytes(content)
    with pytest.raises(SummaryError) as caught:
        summarize(tmp_path)
    assert caught.value.problems[0].startswith(named)
    str(caught.value).encode("utf-8")  # printable: no lone surrogate
    assert "\x1b" not in str(caught.value)
    assert layout.participant("p01").summary.read_bytes() == content


def test_the_runner_and_the_dashboard_use_one_summary_check(
    tmp_path: Path, summaries: list[dict[str, Any]]
) -> None:
    from mentorkit.cohort.summary import read_summary_file

    path = tmp_path / "summary.json"
    for change in ("network-null", "count-text", "ask-count", "version", "someone-else"):
        path.write_text(json.dumps(_damage(summaries[0], change)), encoding="utf-8")
        with pytest.raises(SummaryError):
            read_summary_file(path, participant_id="p01")
    write_summary_file(summaries[0], path)
    assert read_summary_file(path, participant_id="p01") == summaries[0]


def test_before_any_report_the_dashboard_does_not_say_all_is_well(tmp_path: Path) -> None:
    dashboard = load_dashboard(tmp_path)  # a cohort folder with no report in it yet
    assert "No finished reports" in dashboard.overview().html
    for section in (dashboard.stalled(), dashboard.uncovered(), dashboard.peer_matches()):
        assert "until the first reports are in" in section.html
        assert "Nobody is stalled" not in section.html and "Every goal area" not in section.html
