"""Tests for :mod:`mentorkit.widgets.goals`, driven like a person would, without a browser."""

from __future__ import annotations

import asyncio
import json
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from mentorkit import store
from mentorkit.goals import review_goal
from mentorkit.widgets.goals import Debouncer, GoalWorkbench, goal_workbench

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture
def empty_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "empty.json"
    store.new_workbook(path, name="Test Person")
    return path


def fill_good_goal(bench: GoalWorkbench, today: date, statement: str = "") -> None:
    bench.statement.value = statement or "Present our quarterly results at the all-hands"
    bench.goal_type.value = "short_term_career"
    bench.why.value = "My manager wants me to be visible to the wider team."
    bench.success_measure.value = "Presentation given and three questions answered."
    bench.target_date.value = today + timedelta(weeks=6)
    bench.first_step.value = "Ask for a slot on the agenda"
    bench.first_step_date.value = today + timedelta(days=1)
    bench.confidence.value = 6
    bench.areas.value = ["public speaking"]


def saved_goals(path: Path) -> list[dict[str, object]]:
    goals: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["goals"]
    return goals


def test_form_defaults(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(str(empty_workbook), today.isoformat())
    assert bench.target_date.value == today + timedelta(weeks=8)
    assert bench.confidence.value == 4
    assert "Write your goal above" in bench.review.value
    assert "No goals saved yet" in bench.table.value
    assert bytes(bench.chart.value).startswith(b"\x89PNG")


def test_review_updates_as_the_person_types(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    bench.statement.value = "Get better at leadership"
    assert "too vague." in bench.review.value
    bench.statement.value = "Lead two team meetings and write up the decisions"
    assert "too vague." not in bench.review.value
    bench.confidence.value = 2
    assert "low confidence." in bench.review.value


def test_type_suggestion_can_be_used(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    bench.statement.value = "Write my career plan for the next five years"
    assert "career plan" in bench.type_hint.value
    assert not bench.use_suggestion.disabled
    bench.use_suggestion.click()
    assert bench.goal_type.value == "long_term_career"
    assert bench.use_suggestion.disabled


def test_save_a_good_goal(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today)
    assert "Ready" in bench.review.value
    bench.save_button.click()
    (goal,) = saved_goals(empty_workbook)
    assert goal["statement"] == "Present our quarterly results at the all-hands"
    assert goal["type"] == "short_term_career"
    assert goal["confidence"] == 6
    assert goal["areas"] == ["public speaking"]
    assert goal["target_date"] == (today + timedelta(weeks=6)).isoformat()
    assert goal["first_step_date"] == (today + timedelta(days=1)).isoformat()
    assert "Saved" in bench.status.value
    assert bench.statement.value == ""  # the form is ready for the next goal
    assert "Present our quarterly results" in bench.table.value
    assert len(bench.goal_picker.options) == 1
    assert bench.goal_picker.value == goal["id"]  # ready to act on without choosing


def assert_fresh_form(bench: GoalWorkbench, today: date) -> None:
    """Every control at its default, no edit in progress, the review inviting a new goal."""
    assert bench.statement.value == ""
    assert bench.goal_type.value == ""
    assert bench.why.value == ""
    assert bench.success_measure.value == ""
    assert bench.target_date.value == today + timedelta(weeks=8)
    assert bench.first_step.value == ""
    assert bench.first_step_date.value is None
    assert bench.confidence.value == 4
    assert list(bench.areas.value) == []
    assert bench.editing_id is None
    assert bench.save_button.description == "Save goal"
    assert bench.confirm_button.layout.display == "none"
    assert "Write your goal above" in bench.review.value
    assert "mentorkit-findings" not in bench.review.value
    assert bench.type_hint.value == ""
    assert bench.use_suggestion.disabled


def test_after_saving_a_goal_with_problems_the_form_starts_a_new_one(
    empty_workbook: Path, today: date
) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today, statement="Get better at public speaking")
    bench.success_measure.value = ""
    assert "too vague." in bench.review.value
    bench.save_button.click()
    bench.confirm_button.click()
    assert len(saved_goals(empty_workbook)) == 1
    assert_fresh_form(bench, today)
    assert "Saved: “Get better at public speaking”" in bench.status.value
    # Typing the next goal reviews it, not the one just saved.
    bench.statement.value = "Lead two team meetings and write up the decisions"
    assert "too vague." not in bench.review.value


def test_the_saved_message_names_the_goal_escaped(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today, statement="Present the <b>Q3</b> results & answer questions")
    bench.save_button.click()
    assert "Saved: “Present the &lt;b&gt;Q3&lt;/b&gt; results &amp; answer" in bench.status.value
    assert "<b>" not in bench.status.value


def test_saved_goals_are_described_as_saved_not_as_drafts(cohort_dir: Path, today: date) -> None:
    bench = goal_workbench(cohort_dir / "workbooks" / "p06.json", today)
    assert "before saving" not in bench.table.value
    assert "problems:" not in bench.table.value
    assert re.search(r"\d things? to look at: [^<]*vague", bench.table.value)

    bench = goal_workbench(cohort_dir / "workbooks" / "p07.json", today)
    assert "too many goals." in bench.workbook_review.value
    assert "before saving" not in bench.workbook_review.value
    assert "1 thing to look at" in bench.workbook_review.value


def test_a_goal_with_nothing_to_look_at_is_ready_in_the_table(
    empty_workbook: Path, today: date
) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today)
    bench.save_button.click()
    assert ">ready<" in bench.table.value or ">ready;" in bench.table.value
    assert "to look at" not in bench.table.value


def test_saving_after_a_warning_leaves_no_warning_behind(cohort_dir: Path, today: date) -> None:
    bench = goal_workbench(cohort_dir / "workbooks" / "p07.json", today)
    fill_good_goal(bench, today)
    bench.save_button.click()
    assert "Save anyway" in bench.status.value
    bench.confirm_button.click()
    assert_fresh_form(bench, today)
    assert "Save anyway" not in bench.status.value
    assert "too many goals." not in bench.review.value  # that was the saved goal's review


def test_editing_a_saved_goal_shows_its_review_and_saving_resets_the_form(
    cohort_dir: Path, today: date
) -> None:
    path = cohort_dir / "workbooks" / "p06.json"
    bench = goal_workbench(path, today)
    rough = next(g for g in store.load_workbook(path).goals if review_goal(g, today).problems)
    bench.goal_picker.value = rough.id
    bench.edit_button.click()
    assert bench.statement.value == rough.statement
    assert "mentorkit-findings" in bench.review.value  # its review, not the invitation
    assert "Editing" in bench.table_status.value
    bench.why.value = "It matters to my team."
    bench.save_button.click()
    bench.confirm_button.click()
    assert "Updated: “" in bench.status.value
    assert_fresh_form(bench, today)
    assert "Editing" not in bench.table_status.value  # nothing is being edited any more


def test_starting_a_new_goal_while_editing_forgets_the_edit(
    sample_workbook: Path, today: date
) -> None:
    bench = goal_workbench(sample_workbook, today)
    bench.edit_button.click()
    assert bench.statement.value
    bench.clear_button.click()
    assert_fresh_form(bench, today)
    assert "Editing" not in bench.table_status.value


def test_no_review_of_the_saved_goal_runs_late_in_an_event_loop(
    empty_workbook: Path, today: date
) -> None:
    async def type_and_save() -> GoalWorkbench:
        bench = goal_workbench(empty_workbook, today)
        fill_good_goal(bench, today, statement="Get better at public speaking")
        bench.save_button.click()
        bench.confirm_button.click()
        assert_fresh_form(bench, today)
        assert bench._debounced_review._pending is None  # nothing re-armed by the reset
        await asyncio.sleep(0.4)
        return bench

    bench = asyncio.run(type_and_save())
    assert_fresh_form(bench, today)
    assert len(saved_goals(empty_workbook)) == 1


def test_debouncer_cancel_forgets_a_pending_call() -> None:
    calls: list[int] = []
    debounced = Debouncer(lambda: calls.append(1), delay=0.01)

    async def type_then_cancel() -> None:
        debounced()
        debounced.cancel()
        await asyncio.sleep(0.05)

    asyncio.run(type_then_cancel())
    assert calls == []


def test_refuses_an_empty_statement(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today, statement="   ")
    bench.statement.value = "   "
    bench.save_button.click()
    assert "Problem" in bench.status.value
    assert bench.confirm_button.layout.display == "none"
    bench.confirm_button.click()
    assert saved_goals(empty_workbook) == []
    assert bench.why.value  # nothing the person typed is lost


def test_problems_need_confirmation(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    bench.statement.value = "Get better at leadership"
    bench.save_button.click()
    assert saved_goals(empty_workbook) == []
    assert bench.confirm_button.layout.display != "none"
    assert "Save anyway" in bench.status.value
    assert bench.statement.value == "Get better at leadership"
    bench.confirm_button.click()
    (goal,) = saved_goals(empty_workbook)
    assert goal["statement"] == "Get better at leadership"
    assert bench.confirm_button.layout.display == "none"


def test_editing_after_the_warning_withdraws_the_confirmation(
    empty_workbook: Path, today: date
) -> None:
    bench = goal_workbench(empty_workbook, today)
    bench.statement.value = "Get better at leadership"
    bench.save_button.click()
    bench.statement.value = "Get better at leadership, really"
    bench.confirm_button.click()
    assert saved_goals(empty_workbook) == []


def test_edit_mark_achieved_and_drop(sample_workbook: Path, today: date) -> None:
    bench = goal_workbench(sample_workbook, today)
    before = saved_goals(sample_workbook)
    first_id = before[0]["id"]
    bench.goal_picker.value = first_id
    bench.edit_button.click()
    assert bench.statement.value == before[0]["statement"]
    bench.statement.value = "Map how decisions get made in my department and meet five of them"
    bench.save_button.click()
    after = saved_goals(sample_workbook)
    assert len(after) == len(before)
    assert after[0]["id"] == first_id
    assert str(after[0]["statement"]).endswith("meet five of them")
    assert after[0]["created"] == before[0]["created"]
    assert bench.editing_id is None

    bench.goal_picker.value = first_id
    bench.achieved_button.click()
    assert saved_goals(sample_workbook)[0]["status"] == "achieved"
    bench.goal_picker.value = before[1]["id"]
    bench.drop_button.click()
    assert saved_goals(sample_workbook)[1]["status"] == "dropped"
    assert "dropped" in bench.table.value
    # A slip of the mouse is one click to take back.
    assert bench.undo_button.layout.display is None and "Undo" in bench.table_status.value
    bench.undo_button.click()
    assert saved_goals(sample_workbook)[1]["status"] == before[1]["status"]
    assert "Undone" in bench.table_status.value
    assert bench.undo_button.layout.display == "none"


def test_too_many_goals_is_shown_and_needs_confirmation(cohort_dir: Path, today: date) -> None:
    path = cohort_dir / "workbooks" / "p07.json"
    bench = goal_workbench(path, today)
    assert "too many goals." in bench.workbook_review.value
    fill_good_goal(bench, today)
    assert "too many goals." in bench.review.value
    bench.save_button.click()
    assert len(saved_goals(path)) == 4
    bench.confirm_button.click()
    assert len(saved_goals(path)) == 5


def test_rough_sample_goals_show_their_review(cohort_dir: Path, today: date) -> None:
    bench = goal_workbench(cohort_dir / "workbooks" / "p06.json", today)
    assert "vague" in bench.table.value and "several goals in one" in bench.table.value


def test_hostile_text_is_escaped_everywhere(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    bench.statement.value = "Get better at " + HOSTILE
    bench.success_measure.value = "I feel more " + HOSTILE
    bench.areas.value = [HOSTILE]
    for html in (bench.review.value, bench.type_hint.value):
        assert "<script>" not in html and "<img" not in html
    bench.save_button.click()
    bench.confirm_button.click()
    assert saved_goals(empty_workbook)[0]["areas"] == [HOSTILE]
    for html in (bench.table.value, bench.status.value, bench.workbook_review.value):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in bench.table.value


def test_long_and_emoji_text_is_saved(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today, statement="🚀 Ship 2 features 🎉 " + "x" * 10_000)
    assert "long statement." in bench.review.value
    bench.save_button.click()  # too long is only a suggestion: no confirmation needed
    (goal,) = saved_goals(empty_workbook)
    assert str(goal["statement"]).startswith("🚀 Ship 2 features 🎉")
    assert len(str(goal["statement"])) > 10_000


def test_a_store_error_is_shown_and_input_kept(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today, statement="Publish one article " + "x" * 25_000)
    bench.save_button.click()  # the store refuses text this long
    assert saved_goals(empty_workbook) == []
    assert "Problem" in bench.status.value
    assert bench.statement.value.startswith("Publish one article")


def test_review_is_fast_enough_for_typing(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    start = time.perf_counter()
    for n in range(50):
        bench.statement.value = f"Get better at leadership {n}" * 10
    per_keystroke = (time.perf_counter() - start) / 50
    assert per_keystroke < 0.05


def test_default_workbook_is_created_on_first_use(_own_workbook_env: Path, today: date) -> None:
    bench = goal_workbench("", today)
    assert _own_workbook_env.exists()
    fill_good_goal(bench, today)
    bench.save_button.click()
    assert len(saved_goals(_own_workbook_env)) == 1


def test_debouncer_runs_once_after_a_pause_in_an_event_loop() -> None:
    calls: list[int] = []
    debounced = Debouncer(lambda: calls.append(1), delay=0.01)

    async def type_quickly() -> None:
        for _ in range(5):
            debounced()
        assert calls == []
        await asyncio.sleep(0.05)

    asyncio.run(type_quickly())
    assert calls == [1]


def test_debouncer_runs_at_once_without_an_event_loop() -> None:
    calls: list[int] = []
    Debouncer(lambda: calls.append(1))()
    assert calls == [1]


def test_workbench_displays_as_a_widget(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    bundle = bench._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_from_a_blank_workbook_to_three_reviewed_goals(tmp_path: Path, today: date) -> None:
    path = tmp_path / "fresh" / "workbook.json"
    bench = goal_workbench(path, today)
    drafts = [
        ("Get better at leadership", "Lead two team meetings and write up the decisions"),
        ("Be more confident", "Speak at least once in each weekly leadership meeting"),
        ("Improve my career", "Write a two-page career plan and discuss it with my manager"),
    ]
    for rough, better in drafts:
        bench.statement.value = rough
        assert "too vague." in bench.review.value
        fill_good_goal(bench, today, statement=better)
        assert "too vague." not in bench.review.value
        bench.use_suggestion.click()
        bench.save_button.click()
        assert "Saved" in bench.status.value, bench.status.value
    goals = saved_goals(path)
    assert [g["statement"] for g in goals] == [better for _, better in drafts]
    assert goals[2]["type"] == "long_term_career"  # the suggestion was taken
    assert "too many goals." not in bench.workbook_review.value
    assert bench.table.value.count("<tr>") == 4  # heading + three goals


@pytest.mark.notebook
def test_notebook_runs_on_a_new_workbook(tmp_path: Path) -> None:
    import papermill

    from tests.conftest import NOTEBOOKS

    path = tmp_path / "new" / "workbook.json"
    papermill.execute_notebook(
        str(NOTEBOOKS / "01_goals.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"workbook_path": str(path), "today": "2026-11-23"},
        kernel_name="python3",
        progress_bar=False,
    )
    assert store.load_workbook(path).goals == []


@pytest.mark.parametrize(
    "statement",
    [
        "Become head of department",
        "Write a whole book about my research",
        "Switch careers into UX design",
        "Devenir chef de service",
    ],
)
def test_a_too_big_goal_is_never_ready(empty_workbook: Path, today: date, statement: str) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today, statement=statement)
    assert "Ready" not in bench.review.value
    assert "too big." in bench.review.value
    assert "long-term direction" in bench.review.value


def test_the_review_names_findings_in_words_not_codes(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    bench.statement.value = "Get promoted, finish my dissertation, run a half marathon"
    bench.confidence.value = 2
    bench.goal_type.value = ""
    text = re.sub(r"<[^>]+>", " ", bench.review.value)
    assert not re.search(r"\b(too_big|low_confidence|type_missing|no_first_step)\b", text)
    assert "several goals in one" in text


def test_obstacle_and_if_then_are_saved_and_edited(empty_workbook: Path, today: date) -> None:
    bench = goal_workbench(empty_workbook, today)
    fill_good_goal(bench, today)
    bench.confidence.value = 3
    assert "obstacle" in bench.review.value.lower()
    bench.obstacle.value = "Late shifts"
    bench.if_then.value = "If a shift runs late, I will prepare on the train"
    assert "that plan is what helps most" in bench.review.value
    bench.save_button.click()
    bench.confirm_button.click()  # no problem left, but save anyway works either way
    (goal,) = saved_goals(empty_workbook)
    assert goal["obstacle"] == "Late shifts"
    assert str(goal["if_then"]).startswith("If a shift runs late")
    assert bench.obstacle.value == "" and bench.if_then.value == ""  # fresh form after a save
    bench.goal_picker.value = goal["id"]
    bench.edit_button.click()
    assert bench.obstacle.value == "Late shifts"


def test_the_saved_message_clears_when_the_next_goal_is_typed(
    sample_workbook: Path, today: date
) -> None:
    bench = goal_workbench(sample_workbook, today)
    fill_good_goal(bench, today)
    bench.save_button.click()
    if bench.confirm_button.layout.display != "none":
        bench.confirm_button.click()
    assert "Saved:" in bench.status.value  # survives the form emptying itself
    bench.statement.value = "Shadow a senior analyst for two days by February"
    assert bench.status.value == ""


def test_the_saved_goals_table_gives_the_goal_room_and_says_ideas_in_words(
    tmp_path: Path,
) -> None:
    from mentorkit.goals import review_goal
    from mentorkit.model import Goal
    from mentorkit.widgets.goals import saved_review_text

    bare = Goal(
        id="g1",
        statement="Present the quarterly numbers to the board by 15 March",
        success_measure="the board approves the numbers",
        target_date=date(2027, 1, 20),
    )
    text = saved_review_text(review_goal(bare, date(2026, 11, 23)))
    assert "To make it stronger: " in text
    for shorthand in ("no why", "no first step", "no type", "ideas:"):
        assert shorthand not in text, shorthand
    assert "say why it matters" in text and "choose a type" in text
    path = tmp_path / "w.json"
    store.new_workbook(path)
    bench = GoalWorkbench(str(path), "2026-11-23")
    bench.statement.value = bare.statement
    bench.save_button.click()
    bench.confirm_button.click()
    assert "<div style='min-width:14em'>Goal</div>" in bench.table.value
