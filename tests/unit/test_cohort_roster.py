"""Roster parsing: every problem listed at once, by line; hostile paths and ids refused."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.cohort.roster import parse_roster, read_roster
from mentorkit.errors import RosterError
from mentorkit.model import ID_PATTERN
from tests.conftest import TEST_DATA


def _problems(name: str, folder: Path, **kwargs: object) -> list[str]:
    with pytest.raises(RosterError) as caught:
        read_roster(TEST_DATA / name, **kwargs)  # type: ignore[arg-type]
    return caught.value.problems


def test_the_sample_roster_reads_with_workbooks_inside_its_folder(cohort_dir: Path) -> None:
    roster = read_roster(cohort_dir / "roster.csv")
    assert [e.participant_id for e in roster.entries] == [f"p0{i}" for i in range(1, 9)]
    assert roster.entries[0].name == "Amara Okafor-Lind"
    assert roster.entries[0].email.endswith("@example.org")
    assert roster.entries[0].workbook == (cohort_dir / "workbooks" / "p01.json").resolve()
    assert roster.entries[0].line == 2
    assert roster.missing_workbooks() == []


def test_bom_crlf_and_trailing_blank_lines_are_fine(tmp_path: Path) -> None:
    data = (TEST_DATA / "roster-bom-crlf.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    roster = parse_roster(data, tmp_path)
    assert [e.participant_id for e in roster.entries] == ["p01", "p02"]
    assert roster.entries[1].name == "Bastien Kowalczyk"
    # An empty workbook cell means the default place.
    assert roster.entries[1].workbook == (tmp_path / "workbooks" / "p02.json").resolve()
    # Nothing exists there: both are listed as missing, not refused.
    assert [e.participant_id for e in roster.missing_workbooks()] == ["p01", "p02"]


def test_duplicate_ids_are_all_listed_with_their_lines() -> None:
    problems = _problems("roster-duplicate-ids.csv", TEST_DATA)
    assert problems == [
        "line 4: participant_id 'p01' is a duplicate of line 2",
        "line 6: participant_id 'p02' is a duplicate of line 3",
    ]


def test_ids_differing_only_in_case_are_duplicates() -> None:
    # On macOS and Windows ``Anna`` and ``anna`` would be one output folder.
    problems = _problems("roster-case-duplicate-ids.csv", TEST_DATA)
    assert [p.split(":")[0] for p in problems] == ["line 4", "line 5", "line 6"]
    assert problems[0].startswith("line 4: participant_id 'anna' is a duplicate of line 2 ('Anna'")
    assert "is a duplicate of line 3 ('p02'" in problems[1]
    assert "is a duplicate of line 2 ('Anna'" in problems[2]


def test_a_workbook_shared_by_two_rows_is_refused_by_line() -> None:
    # bob's report would otherwise show Amara's goals and network.
    problems = _problems("roster-shared-workbook.csv", TEST_DATA)
    assert problems == [
        "line 3: workbook 'workbooks/p01.json' is already the workbook of line 2; "
        "each participant needs their own",
        "line 5: workbook 'workbooks/p02.json' is already the workbook of line 4; "
        "each participant needs their own",
        "line 6: workbook './workbooks/../workbooks/p01.json' is already the workbook of "
        "line 2; each participant needs their own",
    ]


def test_unsafe_and_empty_ids_are_all_listed_by_line() -> None:
    problems = _problems("roster-traversal-ids.csv", TEST_DATA)
    lines = [problem.split(":")[0] for problem in problems]
    assert lines == ["line 2", "line 3", "line 4", "line 6", "line 7", "line 8"]
    assert "'../../etc'" in problems[0]
    assert "empty" in problems[3]


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    problems = _problems("roster-missing-column.csv", tmp_path)
    assert len(problems) == 2
    assert "'participant_id' is missing" in problems[0]
    assert "'name' is missing" in problems[1]
    assert "'full_name'" in problems[1]  # shows what the header does have


def test_an_empty_file_gets_a_clear_error() -> None:
    with pytest.raises(RosterError, match="the roster is empty"):
        read_roster(TEST_DATA / "roster-empty.csv")
    with pytest.raises(RosterError, match="empty"):
        parse_roster(b"\r\n\n  \n", TEST_DATA)


def test_a_binary_file_gets_a_clear_error() -> None:
    with pytest.raises(RosterError, match="not a CSV text file"):
        read_roster(TEST_DATA / "roster-binary.csv")
    with pytest.raises(RosterError, match="not UTF-8"):
        parse_roster(b"participant_id,name\np01,\xff\xfe\n", TEST_DATA)


def test_a_header_without_participants_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="no participants"):
        parse_roster(b"participant_id,name\n\n", tmp_path)


def test_workbook_paths_outside_the_roster_folder_are_refused(tmp_path: Path) -> None:
    data = (TEST_DATA / "roster-workbook-outside.csv").read_bytes()
    with pytest.raises(RosterError) as caught:
        parse_roster(data, tmp_path / "cohort")
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 3", "line 4", "line 5"]
    assert "outside" in problems[0]
    assert "absolute" in problems[1]
    assert "absolute" in problems[2]
    assert "outside" in problems[3]


def test_a_symlink_out_of_the_roster_folder_is_refused(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (tmp_path / "secret").mkdir()
    (cohort / "workbooks").symlink_to(tmp_path / "secret")
    with pytest.raises(RosterError, match="outside"):
        parse_roster(b"participant_id,name\np01,Amara\n", cohort)


def test_a_path_that_stays_inside_is_accepted(tmp_path: Path) -> None:
    roster = parse_roster(
        b"participant_id,name,workbook\np05,Fine,workbooks/../workbooks/p05.json\n", tmp_path
    )
    assert roster.entries[0].workbook == (tmp_path / "workbooks" / "p05.json").resolve()


def test_param_columns_become_text_parameters_only_when_named(tmp_path: Path) -> None:
    data = b"participant_id,name,group,room\np01,Amara,blue,12\n"
    assert parse_roster(data, tmp_path).entries[0].parameters == {}
    roster = parse_roster(data, tmp_path, param_columns=["group", "room"])
    assert roster.entries[0].parameters == {"group": "blue", "room": "12"}


@pytest.mark.parametrize(
    ("column", "why"),
    [
        ("missing", "not a column"),
        ("workbook", "set by mentorkit"),
        ("today", "set by mentorkit"),
        ("2nd", "cannot name a notebook parameter"),
        ("class", "cannot name a notebook parameter"),
    ],
)
def test_unusable_param_columns_are_refused(tmp_path: Path, column: str, why: str) -> None:
    header = "participant_id,name,workbook,today,2nd,class"
    data = f"{header}\np01,Amara,,x,y,z\n".encode()
    with pytest.raises(RosterError, match=why):
        parse_roster(data, tmp_path, param_columns=[column])


def test_html_and_code_in_names_are_kept_as_they_are() -> None:
    roster = read_roster(TEST_DATA / "roster-hostile-names.csv", param_columns=["note"])
    assert roster.entries[0].name == '"; import os; os.system("touch PWNED") #'
    assert roster.entries[1].name.startswith("<script>")
    assert roster.entries[0].parameters["note"].startswith("'''\")")


def test_too_many_values_on_a_line_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="line 2: has 3 values"):
        parse_roster(b"participant_id,name\np01,Amara,extra\n", tmp_path)


def test_a_missing_roster_file_or_a_folder_is_a_roster_error(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="no such roster"):
        read_roster(tmp_path / "nope.csv")
    with pytest.raises(RosterError, match="is a folder"):
        read_roster(tmp_path)


def test_the_message_lists_every_problem_but_stays_short(tmp_path: Path) -> None:
    lines = "".join(f"bad id {i},Name\n" for i in range(30))
    with pytest.raises(RosterError) as caught:
        parse_roster(f"participant_id,name\n{lines}".encode(), tmp_path)
    assert len(caught.value.problems) == 30
    assert "30 problems" in str(caught.value)
    assert "and 10 more" in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_a_roster_or_a_roster_error(data: bytes) -> None:
    folder = TEST_DATA.resolve()
    try:
        roster = parse_roster(data, folder)
    except RosterError as error:
        assert error.problems or str(error)
        return
    for entry in roster.entries:
        assert ID_PATTERN.fullmatch(entry.participant_id)
        assert entry.workbook.is_relative_to(folder)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(_cell, _cell, _cell), min_size=1, max_size=6))
def test_any_csv_rows_give_safe_ids_and_paths_inside_the_folder(
    rows: list[tuple[str, str, str]],
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["participant_id", "name", "workbook"])
    writer.writerows(rows)
    folder = TEST_DATA.resolve()
    try:
        roster = parse_roster(buffer.getvalue().encode("utf-8"), folder)
    except RosterError:
        return
    for entry in roster.entries:
        assert ID_PATTERN.fullmatch(entry.participant_id)
        assert entry.workbook.is_relative_to(folder)
    assert len({e.participant_id.casefold() for e in roster.entries}) == len(roster)
    assert len({e.workbook for e in roster.entries}) == len(roster)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(
        st.text(alphabet=st.sampled_from('ab ,"\n\t-é'), min_size=0, max_size=12),
        min_size=1,
        max_size=6,
    ),
    crlf=st.booleans(),
)
def test_problems_are_numbered_by_the_physical_line_a_row_starts_on(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], crlf: bool
) -> None:
    # Names with quotes, commas and line breaks span several physical lines once quoted; a
    # duplicate id at the end must be reported at the line a text editor shows it on.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(["participant_id", "name"])
    for number, name in enumerate(names, start=1):
        writer.writerow([f"p{number}", name or "x"])
    before = buffer.getvalue()
    writer.writerow(["p1", "again"])
    physical = before.count("\n") + 1  # the line an editor shows the last row on
    with pytest.raises(RosterError) as caught:
        parse_roster(buffer.getvalue().encode(), tmp_path_factory.mktemp("r"))
    assert caught.value.problems == [
        f"line {physical}: participant_id 'p1' is a duplicate of line 2"
    ]
