"""Reading contacts from CSV: LinkedIn's export as it comes, plain lists, and bad files."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.contacts_import import (
    linkedin_connected_on,
    merge_contacts,
    parse_contacts_csv,
)
from mentorkit.errors import ImportFileError, MentorkitError
from mentorkit.model import ID_PATTERN, Contact
from tests.conftest import TEST_DATA


def _parse(name: str, organisation: str = "Brightwater Labs"):  # type: ignore[no-untyped-def]
    return parse_contacts_csv(
        (TEST_DATA / name).read_bytes(), source_name=name, organisation=organisation
    )


def test_linkedin_export_as_it_comes() -> None:
    result = _parse("contacts-linkedin-export.csv")
    assert result.format == "linkedin"
    names = [c.name for c in result.contacts]
    assert names == ["Ana Rocha", "Bea Okafor", "Carl Nyberg", "Dana <b>Bold</b> & Co"]
    ana, bea, carl, dana = result.contacts
    # quoted commas stay inside their cell
    assert ana.position == "Head of Finance, EMEA"
    assert dana.organisation == "Lumen Robotics, Inc."
    # everybody starts weak; only the participant's own company is the same organisation
    assert {c.tie_strength for c in result.contacts} == {"weak"}
    assert ana.sphere == "other_organisation"
    assert bea.sphere == "same_organisation"
    # missing e-mail and company are simply empty
    assert (carl.email, carl.organisation, carl.position) == ("", "", "")
    assert bea.email == "bea@example.org"
    # "02 Nov 2021" is read as a date and kept with the profile address
    assert linkedin_connected_on(ana) == date(2021, 11, 2)
    assert "https://www.linkedin.com/in/ana-rocha" in ana.notes
    assert all(c.source == "linkedin" for c in result.contacts)
    assert all(ID_PATTERN.match(c.id) for c in result.contacts)
    assert len({c.id for c in result.contacts}) == 4
    # the hidden profile without a name is left out and said so
    assert result.skipped_rows == ("line 8: no name",)


def test_company_match_ignores_case_and_punctuation() -> None:
    result = _parse("contacts-linkedin-export.csv", organisation="lumen robotics inc")
    dana = result.contacts[-1]
    assert dana.sphere == "same_organisation"


def test_plain_list_with_every_column() -> None:
    result = _parse("contacts-plain.csv")
    assert result.format == "plain"
    lena, omar = result.contacts
    assert (lena.sphere, lena.tie_strength) == ("same_team", "strong")
    assert lena.areas == ["budgeting", "stakeholder management"]
    assert lena.functions == ["career"]
    assert omar.areas == ["values", "meaning and purpose"]
    assert omar.functions == ["psychosocial"]
    assert omar.sphere == "professional_community"


def test_semicolon_separated_list_with_labels() -> None:
    (lena,) = _parse("contacts-semicolon.csv").contacts
    assert (lena.name, lena.sphere, lena.tie_strength) == ("Lena Park", "same_team", "strong")
    assert lena.areas == ["budgeting", "hiring"]


def test_utf8_with_bom_and_crlf() -> None:
    data = "\ufeffname,areas\r\nZoë Ångström,coaching\r\n".encode()
    (zoe,) = parse_contacts_csv(data, source_name="x.csv", organisation="").contacts
    assert (zoe.name, zoe.areas) == ("Zoë Ångström", ["coaching"])


def test_utf16_excel_unicode_text() -> None:
    data = "name\tareas\nZoë\tcoaching\n".encode("utf-16")
    (zoe,) = parse_contacts_csv(data, source_name="x.txt", organisation="").contacts
    assert zoe.name == "Zoë"


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("contacts-latin1.csv", ["not UTF-8", "line 2", "CSV UTF-8"]),
        ("contacts-binary.csv", ["not a CSV text file", "binary"]),
        ("contacts-xlsx-binary.csv", ["Excel", "CSV"]),
        ("contacts-missing-name-column.csv", ["no column for people's names", "'Company'"]),
        ("contacts-missing-last-name.csv", ["'Last Name'"]),
        ("contacts-other-format.json", ["no header row", "'name'"]),
        ("contacts-bad-values.csv", ["nothing was imported", "line 3", "'galaxy'", "'medium'"]),
    ],
)
def test_bad_files_name_the_file_and_the_problem(file: str, words: list[str]) -> None:
    with pytest.raises(ImportFileError) as raised:
        _parse(file)
    message = str(raised.value)
    assert message.startswith(file)
    for word in words:
        assert word in message
    assert isinstance(raised.value, MentorkitError)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\n", b"name,email\n", b"name,email\n,,\n"],
    ids=["empty", "blank", "header-only", "no-names"],
)
def test_nothing_to_import(data: bytes) -> None:
    with pytest.raises(ImportFileError, match=r"^empty\.csv"):
        parse_contacts_csv(data, source_name="empty.csv", organisation="")


def test_header_after_too_many_lines_is_not_found() -> None:
    data = ("note\n" * 40 + "name\nAna\n").encode()
    with pytest.raises(ImportFileError, match="no header row"):
        parse_contacts_csv(data, source_name="late.csv", organisation="")


def test_reimporting_the_same_file_adds_nobody() -> None:
    first = _parse("contacts-linkedin-export.csv").contacts
    added, skipped = merge_contacts([], first)
    assert len(added) == 4 and skipped == []
    again = _parse("contacts-linkedin-export.csv").contacts
    added_again, skipped_again = merge_contacts(added, again)
    assert added_again == []
    assert [c.name for c in skipped_again] == [c.name for c in first]


def test_merge_matches_email_or_name_and_organisation() -> None:
    existing = [
        Contact(id="a", name="Ana Rocha", email="ANA@example.org"),
        Contact(id="b", name="Bo Lind", organisation="Acme"),
    ]
    imported = [
        Contact(id="x1", name="Ana R.", email="ana@example.org"),  # same e-mail
        Contact(id="x2", name="bo  lind", organisation="ACME"),  # same name and company
        Contact(id="x3", name="Bo Lind", organisation="Other Ltd"),  # a namesake elsewhere
        Contact(id="x4", name="Cy", organisation=""),
        Contact(id="x5", name="cy"),  # twice in the same file
    ]
    added, skipped = merge_contacts(existing, imported)
    assert [c.id for c in added] == ["x3", "x4"]
    assert [c.id for c in skipped] == ["x1", "x2", "x5"]


_names = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@settings(max_examples=60, deadline=None)
@given(st.lists(_names, min_size=1, max_size=6))
def test_any_name_survives_a_csv_round_trip(names: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "email"])
    for name in names:
        writer.writerow([name, ""])
    result = parse_contacts_csv(buffer.getvalue().encode(), source_name="h.csv", organisation="")
    assert [c.name for c in result.contacts] == [n.strip() for n in names]


def test_no_row_problem_is_hidden_by_a_later_good_row() -> None:
    rows = "name,sphere\n" + "".join(f"P{i},nowhere\n" for i in range(12)) + "Ok,personal\n"
    with pytest.raises(ImportFileError) as raised:
        parse_contacts_csv(rows.encode(), source_name="many.csv", organisation="")
    message = str(raised.value)
    assert "because 12 rows have a problem" in message
    assert "and 4 more" in message
    assert len(re.findall(r"line \d+", message)) == 8


def test_an_unterminated_quote_is_an_error_naming_its_line_not_a_garbage_contact(
    sample_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mentorkit.cli import main

    broken = (
        b"name,email,organisation\nLena Park,lena@example.org,Brightwater\n"
        b'"Omar Diaz,omar@example.org,Acme\nPriya Rao,priya@example.org,Acme\n'
    )
    with pytest.raises(ImportFileError, match=r"^contacts\.csv, line 3: a quote"):
        parse_contacts_csv(broken, source_name="contacts.csv", organisation="")
    file = tmp_path / "contacts.csv"
    file.write_bytes(broken)
    before = sample_workbook.read_bytes()
    assert main(["contacts", "import", str(sample_workbook), str(file)]) == 2
    assert "line 3: a quote" in capsys.readouterr().err
    assert sample_workbook.read_bytes() == before


def test_a_quoted_cell_over_several_lines_shifts_no_line_number() -> None:
    data = (
        b'name,sphere,notes\n"Lena Park",same_team,"met at\nthe offsite\nin May"\n'
        b"Omar Diaz,nowhere,\n"
    )
    with pytest.raises(ImportFileError, match=r"line 5: sphere 'nowhere'"):
        parse_contacts_csv(data, source_name="c.csv", organisation="")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised(encoding: str) -> None:
    text = "name,organisation\nZoë Brandt,Brightwater\nOmar Díaz,Acme\n"
    result = parse_contacts_csv(text.encode(encoding), source_name="c.csv", organisation="")
    assert [c.name for c in result.contacts] == ["Zoë Brandt", "Omar Díaz"]


def test_a_quote_left_open_before_properly_quoted_cells_is_named_not_imported() -> None:
    # The stray quote pairs with the next line's quote: no unterminated quote is left, but
    # the "name" swallowed two lines.
    data = (
        b"name,email\nLena Park,lena@example.org\n"
        b'"Omar Diaz,omar@example.org\nPriya Rao,"priya@example.org"\nZoe King,z@example.org\n'
    )
    with pytest.raises(ImportFileError, match=r"line 3: the name 'Omar Diaz,omar@example.org\\n"):
        parse_contacts_csv(data, source_name="c.csv", organisation="")
