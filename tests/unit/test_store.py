"""The workbook store: round trips, migration, validation messages, durability, no lost update."""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import HealthCheck, given, settings

from mentorkit import store
from mentorkit.errors import MentorkitError, WorkbookError
from mentorkit.model import SCHEMA_VERSION, Between, Contact, Goal, MaxLength, Text, Workbook
from mentorkit.store import codec
from tests.conftest import TEST_DATA
from tests.strategies import workbooks

HOSTILE = [
    "x" * 10_000,
    "<script>alert('hi')</script><b onmouseover=alert(1)>bold</b>",
    "tab\tnew\nline\rcarriage\x00nul\x07bell\x1b[31m",
    "🚀 mentor 👩🏽‍💻 🇳🇬",
    "مرشد قصير المدى",  # right-to-left
    "\u202eevil\u202c and ‮reversed",
    '"; import os; os.system("rm -rf /") #',
    "../../etc/passwd",
]


def valid_data(sample_workbook: Path) -> dict[str, Any]:
    data = json.loads(sample_workbook.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# ---------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------


def test_sample_workbook_round_trips_unchanged(sample_workbook: Path, tmp_path: Path) -> None:
    workbook = store.load_workbook(sample_workbook)
    copy_path = tmp_path / "copy.json"
    store.save_workbook(workbook, copy_path)
    assert store.load_workbook(copy_path) == workbook
    assert json.loads(copy_path.read_text("utf-8")) == json.loads(
        sample_workbook.read_text("utf-8")
    )


def test_ids_stay_the_same_across_saves(sample_workbook: Path) -> None:
    before = store.load_workbook(sample_workbook)
    store.update_workbook(sample_workbook, lambda wb: None)
    store.update_workbook(sample_workbook, lambda wb: None)
    after = store.load_workbook(sample_workbook)
    assert [g.id for g in after.goals] == [g.id for g in before.goals]
    assert [c.id for c in after.contacts] == [c.id for c in before.contacts]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(workbook=workbooks())
def test_any_valid_workbook_round_trips(workbook: Workbook, tmp_path: Path) -> None:
    path = tmp_path / "hyp.json"
    if path.exists():
        path.unlink()
    store.save_workbook(workbook, path)
    assert store.load_workbook(path) == workbook


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(workbook=workbooks(at_least=8))
def test_any_valid_workbook_with_long_lists_round_trips(workbook: Workbook, tmp_path: Path) -> None:
    """Lists of eight or more objects are read column by column: the same workbook comes back."""
    path = tmp_path / "hyp-long.json"
    if path.exists():
        path.unlink()
    store.save_workbook(workbook, path)
    assert store.load_workbook(path) == workbook


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_hostile_text_is_stored_and_returned_unchanged(text: str, tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.profile.name = text
    workbook.goals.append(Goal(id="g1", statement=text, why=text, areas=[text]))
    workbook.contacts.append(Contact(id="c1", name=text, notes=text))
    path = tmp_path / "hostile.json"
    store.save_workbook(workbook, path)
    loaded = store.load_workbook(path)
    assert loaded.profile.name == text
    assert loaded.goals[0].statement == text
    assert loaded.goals[0].areas == [text]
    assert loaded.contacts[0].name == text


def test_text_over_the_limit_is_refused_with_its_path(tmp_path: Path) -> None:
    workbook = Workbook(goals=[Goal(id="g1", statement="ok", why="y" * (store.MAX_TEXT + 1))])
    with pytest.raises(WorkbookError, match=r"goals\[0\]\.why: 20,001 characters is longer"):
        store.save_workbook(workbook, tmp_path / "long.json")
    assert not (tmp_path / "long.json").exists()


def test_lone_surrogate_is_refused_not_written(tmp_path: Path) -> None:
    workbook = Workbook(goals=[Goal(id="g1", statement="broken \ud800 text")])
    with pytest.raises(WorkbookError, match=r"goals\[0\]\.statement: holds a broken character"):
        store.save_workbook(workbook, tmp_path / "s.json")


# ---------------------------------------------------------------------------------------
# Validation: every error path names the field and the bad value
# ---------------------------------------------------------------------------------------

CASES: list[tuple[str, Any, str]] = [
    ("goals.0.confidence", 9, r"goals\[0\]\.confidence: 9 is not between 1 and 7"),
    ("goals.0.confidence", "high", r'goals\[0\]\.confidence: "high" is not a whole number'),
    ("goals.0.confidence", True, r"goals\[0\]\.confidence: true is not a whole number"),
    ("goals.0.type", "career", r'goals\[0\]\.type: "career" is not one of short_term_career'),
    ("goals.0.status", "done", r'goals\[0\]\.status: "done" is not one of active'),
    ("goals.0.target_date", "31/12/2026", r'goals\[0\]\.target_date: "31/12/2026" is not a date'),
    ("goals.0.created", "yesterday", r'goals\[0\]\.created: "yesterday" is not a time'),
    ("goals.0.statement", 42, r"goals\[0\]\.statement: 42 is not text"),
    ("goals.0.statement", None, r"goals\[0\]\.statement: is empty but must have a value"),
    ("goals.0.areas", "budgeting", r'goals\[0\]\.areas: "budgeting" is not a list'),
    ("goals.0.areas", ["ok", 3], r"goals\[0\]\.areas\[1\]: 3 is not text"),
    ("goals.0.id", "../../etc", r'goals\[0\]\.id: "../../etc" is not a valid id'),
    ("goals.0.id", "g2-p01", r"goals\[1\]\.id: 'g2-p01' is used twice"),
    ("goals.0.colour", "red", r"goals\[0\]: unknown field\(s\) colour"),
    ("contacts.0.sphere", "mars", r'contacts\[0\]\.sphere: "mars" is not one of same_team'),
    ("contacts.0.functions", ["coach"], r'contacts\[0\]\.functions\[0\]: "coach" is not one of'),
    ("contacts.0.tie_strength", "medium", r'contacts\[0\]\.tie_strength: "medium"'),
    ("mentorships.0.goal_id", "g-nowhere", r"mentorships\[0\]\.goal_id: 'g-nowhere' is not a goal"),
    (
        "mentorships.0.contact_id",
        "c-nowhere",
        r"mentorships\[0\]\.contact_id: 'c-nowhere' is not a contact",
    ),
    ("mentorships.0.sessions", 0, r"mentorships\[0\]\.sessions: 0 is not between 1 and 52"),
    ("mentorships.0.status", "maybe", r'mentorships\[0\]\.status: "maybe" is not one of draft'),
    (
        "mentorships.0.history",
        [{"status": "draft"}],
        r"mentorships\[0\]\.history\[0\]\.at: is missing",
    ),
    ("checkins.0.rating", 3, r"checkins\[0\]\.rating: 3 is not between -2 and 2"),
    ("checkins.0.held", "yes", r'checkins\[0\]\.held: "yes" is not true or false'),
    (
        "checkins.0.mentorship_id",
        "m-gone",
        r"checkins\[0\]\.mentorship_id: 'm-gone' is not a mentorship",
    ),
    ("profile", [], r"profile: \[\] is not an object"),
    ("profile.cycle_start", 2026, r"profile\.cycle_start: 2026 is not a date"),
    ("participant_id", "a b", r'participant_id: "a b" is not a valid id'),
    ("goals", {}, r"goals: \{\} is not a list"),
    ("schema_version", 99, r"schema_version: 99 was written by a newer mentorkit"),
]


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if last == "id" and value == "g2-p01":  # make the first goal's id clash with the second's
        target[last] = data["goals"][1]["id"]
        return
    target[last] = value


@pytest.mark.parametrize(
    ("field", "value", "message"), CASES, ids=[c[0] + "=" + repr(c[1]) for c in CASES]
)
def test_each_bad_value_is_named_with_its_path(
    sample_workbook: Path, field: str, value: Any, message: str
) -> None:
    data = valid_data(sample_workbook)
    _set(data, field, value)
    sample_workbook.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as caught:
        store.load_workbook(sample_workbook)
    assert str(sample_workbook) in str(caught.value)
    assert caught.value.problems


def test_required_field_missing_is_named(sample_workbook: Path) -> None:
    data = valid_data(sample_workbook)
    del data["contacts"][3]["name"]
    sample_workbook.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"contacts\[3\]\.name: is missing"):
        store.load_workbook(sample_workbook)


def test_every_problem_is_listed_at_once(sample_workbook: Path) -> None:
    data = valid_data(sample_workbook)
    for goal in data["goals"]:
        goal["confidence"] = 0
    data["contacts"][0]["sphere"] = "nowhere"
    sample_workbook.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        store.load_workbook(sample_workbook)
    assert len(caught.value.problems) == len(data["goals"]) + 1


def test_a_long_list_of_problems_is_shortened_in_the_message(sample_workbook: Path) -> None:
    data = valid_data(sample_workbook)
    for contact in data["contacts"]:
        contact["sphere"] = "nowhere"
    sample_workbook.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"and 2 more") as caught:
        store.load_workbook(sample_workbook)
    assert len(caught.value.problems) == 12


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"is not valid JSON \(line 1, column 1"),
        (b'{"schema_version": 2, "goals": [', r"is not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", r"is not a text file in UTF-8"),
        (b"[1, 2, 3]", r"is not a JSON object"),
        (b'{"goals": []}', r"schema_version: is missing \(is this a mentorkit workbook\?\)"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=message):
        store.load_workbook(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="no workbook file here"):
        store.load_workbook(tmp_path / "nope.json")
    with pytest.raises(WorkbookError, match="is a folder, not a workbook file"):
        store.load_workbook(tmp_path)


def test_a_file_that_does_not_parse_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "hand-edited.json"
    path.write_text('{"schema_version": 2, "goals": [ oops', encoding="utf-8")
    with pytest.raises(WorkbookError, match="is not valid JSON"):
        store.save_workbook(Workbook(), path)
    with pytest.raises(WorkbookError):
        store.update_workbook(path, lambda wb: wb.goals.append(Goal(id="g1", statement="x")))
    assert path.read_text(encoding="utf-8") == '{"schema_version": 2, "goals": [ oops'


def test_errors_are_mentorkit_and_value_errors(tmp_path: Path) -> None:
    with pytest.raises(MentorkitError):
        store.load_workbook(tmp_path / "missing.json")
    with pytest.raises(ValueError):
        store.load_workbook(tmp_path / "missing.json")


# ---------------------------------------------------------------------------------------
# Migration
# ---------------------------------------------------------------------------------------


def test_version_1_workbook_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_bytes((TEST_DATA / "workbook-v1.json").read_bytes())
    workbook = store.load_workbook(path)
    assert workbook.schema_version == SCHEMA_VERSION
    assert workbook.goals[0].type == "short_term_career"
    assert [c.tie_strength for c in workbook.contacts] == ["strong", "weak"]
    assert [h.status for h in workbook.mentorships[0].history] == ["active"]
    assert workbook.mentorships[0].history[0].at == datetime(2025, 2, 10, tzinfo=UTC)
    store.save_workbook(workbook, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION
    assert "strong" not in saved["contacts"][0]
    assert store.backup_path(path).exists()  # the version-1 file is kept as the backup
    assert json.loads(store.backup_path(path).read_text("utf-8"))["schema_version"] == 1


# ---------------------------------------------------------------------------------------
# Durability
# ---------------------------------------------------------------------------------------


def test_save_keeps_the_previous_version_as_backup(sample_workbook: Path) -> None:
    before = sample_workbook.read_bytes()
    store.update_workbook(sample_workbook, lambda wb: setattr(wb.profile, "role", "Changed"))
    assert store.backup_path(sample_workbook).read_bytes() == before
    assert store.load_workbook(sample_workbook).profile.role == "Changed"
    leftovers = [p.name for p in sample_workbook.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_failing_change_writes_nothing(sample_workbook: Path) -> None:
    before = sample_workbook.read_bytes()

    def change(workbook: Workbook) -> None:
        workbook.goals.clear()
        raise RuntimeError("the widget broke")

    with pytest.raises(RuntimeError):
        store.update_workbook(sample_workbook, change)
    assert sample_workbook.read_bytes() == before


def test_an_invalid_change_is_refused_and_nothing_written(sample_workbook: Path) -> None:
    before = sample_workbook.read_bytes()
    with pytest.raises(WorkbookError, match=r"goals\[0\]\.confidence: 12"):
        store.update_workbook(sample_workbook, lambda wb: setattr(wb.goals[0], "confidence", 12))
    assert sample_workbook.read_bytes() == before


def test_new_workbook_refuses_to_replace(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    store.new_workbook(path, name="Sam Lee")
    with pytest.raises(WorkbookError, match="already exists"):
        store.new_workbook(path, name="Someone Else")
    assert store.load_workbook(path).profile.name == "Sam Lee"


def test_open_workbook_creates_the_default_one_on_first_use(_own_workbook_env: Path) -> None:
    assert not _own_workbook_env.exists()
    path, workbook = store.open_workbook("")
    assert path == _own_workbook_env
    assert path.exists()
    assert workbook.goals == []


def _add_goals(path: str, prefix: str, count: int) -> None:
    for index in range(count):
        goal = Goal(id=f"{prefix}-{index}", statement=f"goal {prefix} {index}")
        store.update_workbook(path, lambda wb, goal=goal: wb.goals.append(goal))


@pytest.mark.slow
def test_two_writers_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    store.new_workbook(path, name="Two Notebooks")
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_add_goals, args=(str(path), name, 200)) for name in ("goals", "net")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    workbook = store.load_workbook(path)
    assert len(workbook.goals) == 400
    assert {g.id for g in workbook.goals} == {
        f"{p}-{i}" for p in ("goals", "net") for i in range(200)
    }


_SAVER = """
import sys
from mentorkit import store
from mentorkit.model import Contact
path = sys.argv[1]
workbook = store.load_workbook(path)
print("ready", flush=True)
index = 0
while True:
    index += 1
    workbook.contacts.append(Contact(id=f"k-{index}", name="x" * 2000))
    store.save_workbook(workbook, path)
"""


@pytest.mark.slow
def test_killed_mid_save_leaves_a_loadable_workbook(sample_workbook: Path) -> None:
    for attempt in range(5):
        with subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(sample_workbook)], stdout=subprocess.PIPE
        ) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(0.3 + 0.17 * attempt)  # land the kill at different points of a save
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        workbook = store.load_workbook(sample_workbook)  # old or new, never torn
        assert workbook.goals
        assert len(workbook.contacts) >= 12
    assert len(store.load_workbook(sample_workbook).contacts) > 12  # saves really happened


def test_lock_timeout_is_reported_in_words(sample_workbook: Path) -> None:
    with (
        store.workbook_lock(sample_workbook),
        pytest.raises(store.WorkbookLockedError, match="kept the workbook busy"),
        store.workbook_lock(sample_workbook, timeout=0.05),
    ):
        pass  # pragma: no cover


def test_default_path_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MENTORKIT_WORKBOOK", str(tmp_path / "x.json"))
    assert store.default_workbook_path() == tmp_path / "x.json"
    monkeypatch.delenv("MENTORKIT_WORKBOOK")
    assert store.default_workbook_path() == Path.home() / "my-workbook" / "workbook.json"
    assert store.resolve_workbook_path("  ") == store.default_workbook_path()
    assert store.resolve_workbook_path(tmp_path / "y.json") == tmp_path / "y.json"


def test_workbook_to_dict_is_plain_json(sample_workbook: Path) -> None:
    data = store.workbook_to_dict(store.load_workbook(sample_workbook))
    assert json.loads(json.dumps(data)) == data
    assert (
        data["goals"][0]["target_date"]
        == store.load_workbook(sample_workbook).goals[0].target_date.isoformat()
    )  # type: ignore[union-attr]
    assert isinstance(copy.deepcopy(data), dict)
    assert date.fromisoformat(data["mentorships"][0]["start"])
    assert os.fspath(sample_workbook)


# ---------------------------------------------------------------------------------------
# The schema is declared once: a field added to the model round-trips
# ---------------------------------------------------------------------------------------


@dataclass
class LinkedContact(Contact):
    linkedin_url: Text = ""  # the one line a new field takes


@dataclass
class LinkedWorkbook(Workbook):
    contacts: list[LinkedContact] = field(default_factory=list)  # type: ignore[assignment]


@dataclass
class Essay:
    short: Text = ""
    long: Annotated[str, MaxLength(50_000)] = ""
    score: Annotated[int, Between(0, None)] | None = None


def test_each_field_keeps_its_own_rule() -> None:
    problems: list[str] = []
    essay = Essay(short="s", long="l" * 30_000, score=None)
    assert codec.decode(Essay, codec.encode(essay), problems) == essay
    assert codec.decode(Essay, {"short": "s" * 20_001, "score": -1}, problems) is None
    assert problems == [
        "short: 20,001 characters is longer than 20,000",
        "score: -1 is not 0 or more",
    ]


def test_a_field_added_in_a_subclass_is_saved_checked_and_loaded() -> None:
    workbook = LinkedWorkbook(contacts=[LinkedContact(id="c1", name="Ada", linkedin_url="in/ada")])
    data = json.loads(json.dumps(codec.encode(workbook)))
    assert data["contacts"][0]["linkedin_url"] == "in/ada"
    problems: list[str] = []
    assert codec.decode(LinkedWorkbook, data, problems) == workbook
    assert problems == []
    data["contacts"][0]["linkedin_url"] = "x" * (store.MAX_TEXT + 1)
    assert codec.decode(LinkedWorkbook, data, problems) is None
    assert problems == ["contacts[0].linkedin_url: 20,001 characters is longer than 20,000"]
    # The plain model does not know the field: saving it there is refused, never dropped.
    with pytest.raises(WorkbookError, match=r"contacts\[0\]: unknown field\(s\) linkedin_url"):
        store.workbook_from_dict(codec.encode(workbook))


_ADD_FIELD = """
import sys
from mentorkit import store
from mentorkit.model import Contact, Workbook
path = sys.argv[1]
store.save_workbook(Workbook(contacts=[Contact(id="c1", name="Ada", linkedin_url="in/ada")]), path)
print(store.load_workbook(path).contacts[0].linkedin_url)
"""


def test_adding_a_field_to_the_model_is_one_line_that_round_trips(tmp_path: Path) -> None:
    import shutil

    package = tmp_path / "checkout" / "mentorkit"
    shutil.copytree(
        Path(store.__file__).parents[1], package, ignore=shutil.ignore_patterns("__pycache__")
    )
    model = package / "model.py"
    source = model.read_text(encoding="utf-8")
    anchor = '    source: Text = ""\n'
    assert source.count(anchor) == 1
    model.write_text(source.replace(anchor, anchor + '    linkedin_url: Text = ""\n'), "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _ADD_FIELD, str(tmp_path / "wb.json")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(package.parent)},
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "in/ada"
    assert json.loads((tmp_path / "wb.json").read_text("utf-8"))["contacts"][0]["linkedin_url"]


def test_import_of_the_store_needs_no_posix_only_module() -> None:
    code = (
        "import sys; sys.modules['fcntl'] = None; sys.modules['termios'] = None\n"
        "import mentorkit.store; print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_the_store_has_no_generated_code_and_no_field_table() -> None:
    folder = Path(store.__file__).parent
    source = "\n".join(path.read_text("utf-8") for path in folder.glob("*.py"))
    assert "exec(" not in source
    assert "_SPECS" not in source
    assert "_LAST_SEEN" not in source


def test_ids_have_64_random_bits_and_a_batch_never_repeats_one() -> None:
    from mentorkit.model import ID_PATTERN, new_id

    made: set[str] = set()
    ids = [new_id("c", made) for _ in range(20_000)]
    assert len(set(ids)) == len(ids) == len(made)
    assert all(ID_PATTERN.fullmatch(i) and len(i) == len("c-") + 16 for i in ids)


# ---------------------------------------------------------------------------------------
# Attacks on the file: nothing is lost, nothing outside the workbook changes
# ---------------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bool, bytes | str]]:
    """Every entry of ``folder``: links by their target, files by their bytes."""
    out: dict[str, tuple[bool, bytes | str]] = {}
    for entry in sorted(folder.rglob("*")):
        name = str(entry.relative_to(folder))
        if entry.is_symlink():
            out[name] = (True, str(entry.readlink()))
        elif entry.is_file():
            out[name] = (False, entry.read_bytes())
    return out


def test_saving_through_a_link_writes_the_target_and_keeps_the_link(
    sample_workbook: Path, tmp_path: Path
) -> None:
    real = tmp_path / "drive" / "workbook.json"
    real.parent.mkdir()
    real.write_bytes(sample_workbook.read_bytes())
    before = real.read_bytes()
    link = tmp_path / "notebooks" / "workbook.json"
    link.parent.mkdir()
    link.symlink_to(real)
    store.update_workbook(link, lambda wb: setattr(wb.profile, "role", "Through the link"))
    assert link.is_symlink() and link.readlink() == real
    assert store.load_workbook(real).profile.role == "Through the link"
    backup = store.backup_path(real)
    assert not backup.is_symlink() and backup.read_bytes() == before
    assert sorted(p.name for p in link.parent.iterdir()) == ["workbook.json"]


def test_a_dangling_link_is_an_error_never_replaced(tmp_path: Path) -> None:
    link = tmp_path / "workbook.json"
    link.symlink_to(tmp_path / "unmounted" / "workbook.json")
    before = _snapshot(tmp_path)
    for attempt in (
        lambda: store.open_workbook(link),
        lambda: store.save_workbook(Workbook(), link),
        lambda: store.new_workbook(link),
        lambda: store.load_workbook(link),
        lambda: store.update_workbook(link, lambda wb: None),
    ):
        with pytest.raises(WorkbookError, match=r"is a link to .*which does not exist"):
            attempt()
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "unmounted").exists()


def test_a_planted_backup_link_is_replaced_not_written_through(
    sample_workbook: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    store.backup_path(sample_workbook).symlink_to(victim)
    store.update_workbook(sample_workbook, lambda wb: setattr(wb.profile, "role", "x"))
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not store.backup_path(sample_workbook).is_symlink()


def test_deleting_or_replacing_a_lock_file_does_not_let_a_second_writer_in(
    sample_workbook: Path,
) -> None:
    lock_file = sample_workbook.with_name(sample_workbook.name + ".lock")
    before = sample_workbook.read_bytes()
    with store.workbook_lock(sample_workbook):
        for leftover in sample_workbook.parent.glob("*.lock"):
            leftover.unlink()
        lock_file.write_text("replaced", encoding="utf-8")
        with (
            pytest.raises(store.WorkbookLockedError, match="kept the workbook busy"),
            store.workbook_lock(sample_workbook, timeout=0.1),
        ):
            pass  # pragma: no cover
    assert sample_workbook.read_bytes() == before


def test_a_fifo_at_the_lock_path_never_hangs(sample_workbook: Path) -> None:
    lock_path = sample_workbook.with_name(sample_workbook.name + ".lock")
    os.mkfifo(lock_path)
    started = time.monotonic()
    store.update_workbook(sample_workbook, lambda wb: setattr(wb.profile, "role", "fifo"))
    assert time.monotonic() - started < 5
    assert store.load_workbook(sample_workbook).profile.role == "fifo"
    assert lock_path.exists() and not lock_path.is_file()  # left as it was


def test_a_fifo_as_the_workbook_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "workbook.json"
    os.mkfifo(fifo)
    with pytest.raises(WorkbookError, match="is not a regular file"):
        store.load_workbook(fifo)
    with pytest.raises(WorkbookError, match="is not a regular file"):
        store.save_workbook(Workbook(), fifo)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workbook.json"]


def test_permissions_of_an_existing_workbook_are_kept(sample_workbook: Path) -> None:
    sample_workbook.chmod(0o644)
    store.update_workbook(sample_workbook, lambda wb: setattr(wb.profile, "role", "x"))
    assert sample_workbook.stat().st_mode & 0o777 == 0o644
    sample_workbook.chmod(0o600)
    store.update_workbook(sample_workbook, lambda wb: setattr(wb.profile, "role", "y"))
    assert sample_workbook.stat().st_mode & 0o777 == 0o600


def test_a_read_only_workbook_is_refused_with_a_message(sample_workbook: Path) -> None:
    sample_workbook.chmod(0o444)
    before = _snapshot(sample_workbook.parent)
    with pytest.raises(WorkbookError, match="is read-only, so nothing was saved"):
        store.update_workbook(sample_workbook, lambda wb: setattr(wb.profile, "role", "x"))
    assert _snapshot(sample_workbook.parent) == before
    assert sample_workbook.stat().st_mode & 0o777 == 0o444


def test_the_backup_hint_appears_only_when_a_backup_exists(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    path.write_text("{ broken", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        store.load_workbook(path)
    assert ".bak" not in str(caught.value)
    store.backup_path(path).write_text("{}", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"may be in workbook\.json\.bak"):
        store.load_workbook(path)


def test_a_workbook_the_store_wrote_is_always_accepted_back_as_an_upload(tmp_path: Path) -> None:
    from mentorkit.widgets.start import MAX_UPLOAD_BYTES, parse_workbook_upload

    workbook = Workbook(
        contacts=[Contact(id=f"c{i}", name=f"Person {i}", notes="n" * 400) for i in range(12_000)]
    )
    path = tmp_path / "big.json"
    store.save_workbook(workbook, path)
    assert path.stat().st_size > 5_000_000  # bigger than the old upload limit
    compact = store.workbook_to_json(workbook, compact=True)
    assert len(compact) < path.stat().st_size <= MAX_UPLOAD_BYTES == store.MAX_WORKBOOK_BYTES
    assert parse_workbook_upload("big.json", compact) == workbook
    assert parse_workbook_upload("big.json", path.read_bytes()) == workbook


def test_a_workbook_too_big_to_upload_is_never_written(tmp_path: Path) -> None:
    workbook = Workbook(
        contacts=[Contact(id=f"c{i}", name="x", notes="n" * 19_000) for i in range(900)]
    )
    with pytest.raises(WorkbookError, match="more than a workbook may be"):
        store.save_workbook(workbook, tmp_path / "huge.json")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------
# Hostile files: each gets a message (a WorkbookError: the CLI exits 2), never a traceback
# ---------------------------------------------------------------------------------------

HOSTILE_FILES: list[tuple[str, bytes, str]] = [
    ("huge-integer", b'{"schema_version": 2, "goals": [' + b"9" * 5000 + b"]}", "number too long"),
    (
        "huge-integer-in-a-field",
        b'{"schema_version": 2, "profile": {"name": 1' + b"0" * 4200 + b"}}",
        r"profile\.name: a number of about 4,200 digits is not text",
    ),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (
        "deep-nesting-in-a-field",
        b'{"schema_version": 2, "goals": [{"id": "g", "statement": "s", "areas": '
        + b"[" * 900
        + b"]" * 900
        + b"}]}",
        r"goals\[0\]\.areas\[0\]: .* is not text",
    ),
    ("v1-goals-a-number", b'{"schema_version": 1, "goals": 5}', r"goals: 5 is not a list"),
    (
        "v1-contacts-text",
        b'{"schema_version": 1, "contacts": "abc", "mentorships": [7, {"status": []}]}',
        r'contacts: "abc" is not a list',
    ),
    (
        "lone-surrogate-key",
        b'{"schema_version": 2, "profile": {"\\ud800\\u001b[31m": 1}}',
        r"profile: unknown field\(s\) \\ud800\\u001b\[31m",
    ),
    (
        "far-future-start",
        b'{"schema_version": 2, "profile": {"cycle_start": "9999-12-31"}}',
        r'profile\.cycle_start: "9999-12-31" is outside the dates a workbook can hold',
    ),
    (
        "far-past-time",
        b'{"schema_version": 2, "goals": [{"id": "g", "statement": "s", '
        b'"created": "0001-01-01T00:00:00"}]}',
        r"goals\[0\]\.created: .* is outside the dates",
    ),
    ("huge-version", b'{"schema_version": 1' + b"0" * 4000 + b"}", r"schema_version: .*newer"),
    ("negative-version", b'{"schema_version": -3}', r"schema_version: -3 is not between 1 and"),
]


@pytest.mark.parametrize(
    ("content", "message"),
    [case[1:] for case in HOSTILE_FILES],
    ids=[case[0] for case in HOSTILE_FILES],
)
def test_hostile_files_get_a_printable_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=message) as caught:
        store.load_workbook(path)
    shown = str(caught.value)
    shown.encode("utf-8")  # printable: no lone surrogate
    assert "\x1b" not in shown
    assert len(shown) < 2_000
    with pytest.raises(WorkbookError):  # and it is never replaced by a save
        store.update_workbook(path, lambda wb: None)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.json"]


def test_a_far_future_mentorship_start_is_refused_on_load(sample_workbook: Path) -> None:
    data = valid_data(sample_workbook)
    data["mentorships"][0]["start"] = "9999-12-31"
    sample_workbook.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"mentorships\[0\]\.start: \"9999-12-31\" is outside"):
        store.load_workbook(sample_workbook)


def test_the_profile_with_time_zone_country_and_away_round_trips(tmp_path: Path) -> None:
    from mentorkit.model import Away, Profile

    path = tmp_path / "wb.json"
    profile = Profile(
        name="Ana",
        organisation="Larkspur Bank",
        time_zone="Europe/Berlin",
        country="DE",
        away=[Away(start=date(2026, 12, 21), end=date(2027, 1, 3), note="family")],
    )
    store.create_workbook(path, Workbook(profile=profile))
    assert store.load_workbook(path).profile == profile
    data = json.loads(path.read_text("utf-8"))
    data["profile"]["away"][0]["end"] = "soon"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(WorkbookError, match=r"profile\.away\[0\]\.end"):
        store.load_workbook(path)


def test_attainment_scales_are_checked_by_their_type_hints() -> None:
    from mentorkit.model import ScaleRevision

    workbook = Workbook(goals=[Goal(id="g1", statement="Run the review")])
    workbook.goals[0].attainment_scale = ["Nothing", "Less", "As planned", "More", "Far more"]
    workbook.goals[0].scale_history = [ScaleRevision(["a", "b", "c", "d", "e"], note="why")]
    data = store.workbook_to_dict(workbook)
    assert store.workbook_from_dict(data) == workbook  # the round trip keeps both
    data["goals"][0]["attainment_scale"] = ["a", "b", "c"]
    data["goals"][0]["scale_history"][0]["levels"][1] = "   "
    with pytest.raises(WorkbookError) as caught:
        store.workbook_from_dict(data)
    assert caught.value.problems == [
        "goals[0].attainment_scale: 3 item(s) given; it must be none yet, or one level for "
        "each of -2, -1, 0, +1 and +2",
        "goals[0].scale_history[0].levels[1]: is empty but needs a few words",
    ]


def test_a_byte_order_mark_is_read_past_and_a_bad_byte_is_counted_after_it(
    sample_workbook: Path,
) -> None:
    raw = sample_workbook.read_bytes()
    expected = store.load_workbook(sample_workbook)
    sample_workbook.write_bytes(b"\xef\xbb\xbf" + raw)  # as Windows Notepad saves UTF-8
    assert store.load_workbook(sample_workbook) == expected
    sample_workbook.write_bytes(b"\xef\xbb\xbf{\xff}")
    with pytest.raises(WorkbookError, match=r"is not a text file in UTF-8 \(byte 1 cannot"):
        store.load_workbook(sample_workbook)
    sample_workbook.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf{}")  # a second mark is text
    with pytest.raises(WorkbookError, match=r"is not valid JSON \(line 1, column 1"):
        store.load_workbook(sample_workbook)
