"""Read a list of contacts from a CSV file: LinkedIn's ``Connections.csv`` or a plain list.

Pure: the caller (the CLI, the import widget) reads the file's bytes and passes them here
with the file's name, so every message can name the file.  An import is all or nothing: a
file that cannot be read as contacts raises :class:`~mentorkit.errors.ImportFileError`
saying what is wrong and where, and no contact from it is kept.

Two layouts are understood:

* **LinkedIn's export** as it comes: a few lines of notes before the header
  ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``, quoted commas,
  missing e-mails and companies, dates like ``02 Nov 2021``.  Everybody starts as a weak tie
  in the "other organisation" sphere, unless their company is the participant's own.
* **A plain list** with a ``name`` column (or ``first name`` and ``last name``) and any of
  ``sphere``, ``tie_strength``, ``areas``, ``functions``, ``relationship``, ``email``,
  ``organisation``, ``position``, ``notes``.  Lists in a cell are separated by ``;``.

Commas, semicolons and tabs all work as separators (Excel in many countries writes ``;``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

from mentorkit.csvtext import UnterminatedQuoteError, decode_utf16, rows_with_lines
from mentorkit.errors import ImportFileError
from mentorkit.model import (
    MENTOR_FUNCTIONS,
    SPHERE_LABELS,
    SPHERES,
    Contact,
    MentorFunction,
    Sphere,
    TieStrength,
    new_id,
)
from mentorkit.render import counted

ImportFormat = Literal["linkedin", "plain"]

#: A contacts file bigger than this is refused (LinkedIn's export of 30,000 people is ~3 MB).
MAX_IMPORT_BYTES: Final = 20 * 1024 * 1024
#: How many rows from the top may hold notes before the header.
HEADER_SEARCH_ROWS: Final = 25
#: The longest text one cell may hold (as the workbook store allows).
MAX_CELL: Final = 20_000
#: How many row problems an error message lists.
MAX_LISTED: Final = 8

#: Header spellings, normalised (lower case, single spaces), for each field.
_COLUMN_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "name": ("name", "full name", "contact", "person", "contact name"),
    "first_name": ("first name", "given name", "firstname"),
    "last_name": ("last name", "surname", "family name", "lastname"),
    "email": ("email", "email address", "e mail", "e mail address", "mail"),
    "organisation": ("organisation", "organization", "company", "employer"),
    "position": ("position", "role", "job title", "title"),
    "sphere": ("sphere",),
    "tie_strength": ("tie strength", "tie", "strength"),
    "areas": ("areas", "strengths", "skills", "expertise", "good at"),
    "functions": ("functions", "mentor functions", "support"),
    "relationship": ("relationship", "how we know each other"),
    "notes": ("notes", "note", "comments"),
    "connected_on": ("connected on", "connected"),
    "url": ("url", "profile url", "linkedin url"),
}
_ALIAS_TO_FIELD: Final = {
    alias: key for key, aliases in _COLUMN_ALIASES.items() for alias in aliases
}

_SPHERE_WORDS: Final[dict[str, Sphere]] = {
    **{key.replace("_", " "): key for key in SPHERES},  # type: ignore[misc]
    **{label.lower(): key for key, label in SPHERE_LABELS.items()},  # type: ignore[misc]
    "team": "same_team",
    "organisation": "same_organisation",
    "organization": "same_organisation",
    "same organization": "same_organisation",
    "internal": "same_organisation",
    "company": "same_organisation",
    "external": "other_organisation",
    "other organization": "other_organisation",
    "community": "professional_community",
    "professional": "professional_community",
    "school": "education",
    "university": "education",
    "alumni": "education",
    "friend": "personal",
    "family": "personal",
}
_TIE_WORDS: Final[dict[str, TieStrength]] = {
    "strong": "strong",
    "close": "strong",
    "weak": "weak",
    "acquaintance": "weak",
    "loose": "weak",
}
_FUNCTION_WORDS: Final[dict[str, MentorFunction]] = {
    "career": "career",
    "psychosocial": "psychosocial",
    "psycho social": "psychosocial",
    "personal": "psychosocial",
    "emotional": "psychosocial",
}
_MAGIC: Final = (
    (b"PK\x03\x04", "a zip file or an Excel .xlsx workbook"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls or Word file"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)


@dataclass(frozen=True)
class ImportResult:
    """What a contacts file holds.

    Attributes:
        contacts: The people read, in file order, each with a fresh id.
        format: ``"linkedin"`` or ``"plain"``.
        source_name: The file's name, as given.
        skipped_rows: Rows left out on purpose, each as ``"line N: why"`` (e.g. no name:
            LinkedIn lists hidden profiles without one).
    """

    contacts: tuple[Contact, ...]
    format: ImportFormat
    source_name: str
    skipped_rows: tuple[str, ...] = ()


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[_\-.]+", " ", text.strip().lower()).split())


def _org_key(text: str) -> str:
    return "".join(re.findall(r"[a-z0-9]+", text.lower()))


def _decode(data: bytes, source_name: str) -> str:
    if not data.strip():
        raise ImportFileError(f"{source_name} is empty: there are no contacts in it to import.")
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"{source_name} is {len(data) / 1e6:.1f} MB; a contacts list should be under "
            f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB. Is it the right file?"
        )
    # Excel's "Unicode text" export: UTF-16, with a byte-order mark or without one.
    utf16 = decode_utf16(data)
    if utf16 is not None:
        return utf16
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportFileError(
                f"{source_name} is not a CSV text file: it looks like {what}. "
                "Export or save the list as CSV (comma-separated, UTF-8) and import that file."
            )
    if b"\x00" in data[:65536]:
        raise ImportFileError(
            f"{source_name} is not a CSV text file: it holds binary data. "
            "Export or save the list as CSV (comma-separated, UTF-8) and import that file."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{source_name} is not UTF-8 text: byte 0x{data[error.start]:02X} on line {line} "
            "cannot be read (the file was probably saved as Latin-1 or Windows-1252). "
            "Save it again as 'CSV UTF-8' (in Excel: File > Save As > CSV UTF-8) and import that."
        ) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(8, len(text[:65536]) // 100):
        raise ImportFileError(
            f"{source_name} is not a CSV text file: it holds binary data. "
            "Export or save the list as CSV (comma-separated, UTF-8) and import that file."
        )
    return text


@dataclass(frozen=True)
class _Table:
    columns: dict[str, int]
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)


def _find_table(text: str, delimiter: str) -> _Table | None:
    rows: list[tuple[int, list[str]]] = []
    header_at: int | None = None
    columns: dict[str, int] = {}
    header: list[str] = []
    start = 1
    try:
        for start, cells in rows_with_lines(text, delimiter):
            if header_at is None:
                if len(rows) >= HEADER_SEARCH_ROWS:
                    return None
                found = {}
                for index, cell in enumerate(cells):
                    key = _ALIAS_TO_FIELD.get(_normal(cell))
                    if key and key not in found:
                        found[key] = index
                rows.append((start, cells))
                if len(found) >= 2 or "name" in found:
                    header_at = len(rows) - 1
                    columns = found
                    rows = []
                    header = cells
                continue
            rows.append((start, cells))
    except UnterminatedQuoteError as error:
        if header_at is None:  # not this separator's table, or no table at all
            return None
        raise ImportFileError(str(error)) from None
    except csv.Error as error:
        raise ImportFileError(f"line {start}: {error}") from None
    if header_at is None:
        return None
    return _Table(columns, header, rows)


def _read_table(text: str, source_name: str) -> _Table:
    tables = []
    for delimiter in (",", ";", "\t"):
        try:
            table = _find_table(text, delimiter)
        except ImportFileError as error:
            raise ImportFileError(f"{source_name}, {error}") from None
        if table is not None:
            tables.append(table)
    if not tables:
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        raise ImportFileError(
            f"{source_name} has no header row naming the columns in its first "
            f"{HEADER_SEARCH_ROWS} lines. It needs a 'name' column (or 'First Name' and "
            "'Last Name', as in LinkedIn's Connections.csv); the first line reads: "
            f"{first[:80]!r}."
        )
    # The separator that recognises the most columns wins.
    return max(tables, key=lambda t: len(t.columns))


def _split_list(cell: str) -> list[str]:
    parts = re.split(r"[;|,]", cell)
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _connected_on(text: str) -> str:
    text = text.strip()
    for pattern in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return text


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def parse_contacts_csv(data: bytes, *, source_name: str, organisation: str) -> ImportResult:
    """Read contacts from a CSV file's bytes; all or nothing.

    Args:
        data: The file's bytes, as read.
        source_name: The file's name, used in every message (``"Connections.csv"``).
        organisation: The participant's organisation: people working there go into the
            "same organisation" sphere.

    Returns:
        The contacts, the layout recognised, and the rows left out (no name) with why.

    Raises:
        ImportFileError: The file is empty, binary, not UTF-8, has no header with a name
            column, or a row holds a value that cannot be used (every such row is named).
    """
    text = _decode(data, source_name)
    table = _read_table(text, source_name)
    columns = table.columns
    has_split_name = "first_name" in columns or "last_name" in columns
    if "name" not in columns and not has_split_name:
        found = ", ".join(repr(h.strip()) for h in table.header if h.strip())
        raise ImportFileError(
            f"{source_name} has no column for people's names: it needs 'name' (or 'First "
            f"Name' and 'Last Name', as in LinkedIn's export). Its columns are: {found}."
        )
    if "name" not in columns and not ("first_name" in columns and "last_name" in columns):
        missing = "Last Name" if "first_name" in columns else "First Name"
        raise ImportFileError(
            f"{source_name} is missing the column {missing!r} (LinkedIn's export has both "
            "'First Name' and 'Last Name')."
        )
    layout: ImportFormat = (
        "linkedin"
        if has_split_name and ("connected_on" in columns or "url" in columns)
        else "plain"
    )
    own = _org_key(organisation)
    contacts: list[Contact] = []
    made_ids: set[str] = set()  # new_id adds each id it makes: no clash within one import
    skipped: list[str] = []
    problems: list[str] = []
    for line, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        too_long = next((c for c in cells if len(c) > MAX_CELL), None)
        if too_long is not None:
            problems.append(f"line {line}: a cell of {len(too_long):,} characters is too long")
            continue
        name = _cell(cells, columns, "name") or " ".join(
            part
            for part in (_cell(cells, columns, "first_name"), _cell(cells, columns, "last_name"))
            if part
        )
        if not name:
            skipped.append(f"line {line}: no name")
            continue
        if "\n" in name or "\r" in name:
            # A quote opened and never closed where it should be swallows the next lines
            # (and flips the pairing of later quotes): a name never spans lines.
            problems.append(
                f"line {line}: the name {name[:40]!r} runs over several lines; is a quote "
                f'(") left open on line {line}?'
            )
            continue
        company = _cell(cells, columns, "organisation")
        same_org = bool(own) and _org_key(company) == own
        sphere: Sphere = "same_organisation" if same_org else "other_organisation"
        tie: TieStrength = "weak"
        functions: list[MentorFunction] = []
        sphere_text = _cell(cells, columns, "sphere")
        if sphere_text:
            found_sphere = _SPHERE_WORDS.get(_normal(sphere_text))
            if found_sphere is None:
                problems.append(
                    f"line {line}: sphere {sphere_text[:40]!r} is not one of " + ", ".join(SPHERES)
                )
            else:
                sphere = found_sphere
        tie_text = _cell(cells, columns, "tie_strength")
        if tie_text:
            found_tie = _TIE_WORDS.get(_normal(tie_text))
            if found_tie is None:
                problems.append(
                    f"line {line}: tie strength {tie_text[:40]!r} is not strong or weak"
                )
            else:
                tie = found_tie
        for word in _split_list(_cell(cells, columns, "functions")):
            function = _FUNCTION_WORDS.get(_normal(word))
            if function is None:
                problems.append(
                    f"line {line}: mentor function {word[:40]!r} is not one of "
                    + ", ".join(MENTOR_FUNCTIONS)
                )
            elif function not in functions:
                functions.append(function)
        notes = _cell(cells, columns, "notes")
        connected = _cell(cells, columns, "connected_on")
        url = _cell(cells, columns, "url")
        if layout == "linkedin":
            extra = "; ".join(
                part
                for part in (
                    f"LinkedIn connection since {_connected_on(connected)}" if connected else "",
                    url,
                )
                if part
            )
            notes = "; ".join(part for part in (notes, extra) if part)
        contacts.append(
            Contact(
                id=new_id("c", made_ids),
                name=name,
                relationship=_cell(cells, columns, "relationship")
                or ("LinkedIn connection" if layout == "linkedin" else ""),
                sphere=sphere,
                tie_strength=tie,
                areas=_split_list(_cell(cells, columns, "areas")),
                functions=functions,
                email=_cell(cells, columns, "email"),
                organisation=company,
                position=_cell(cells, columns, "position"),
                notes=notes,
                source="linkedin" if layout == "linkedin" else f"csv:{source_name}"[:200],
            )
        )
    if problems:
        listed = "; ".join(problems[:MAX_LISTED])
        more = f"; and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        raise ImportFileError(
            f"{source_name}: nothing was imported because "
            f"{counted(len(problems), 'row has', 'rows have')} a problem: "
            f"{listed}{more}. Correct them and import again."
        )
    if not contacts:
        raise ImportFileError(
            f"{source_name} has a header but no rows with a name under it: nothing to import."
        )
    return ImportResult(tuple(contacts), layout, source_name, tuple(skipped))


def _name_key(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))


def contact_identity(contact: Contact) -> tuple[str, str, str]:
    """What makes two contact entries the same person: e-mail, name, organisation (normalised)."""
    return (
        contact.email.strip().casefold(),
        _name_key(contact.name),
        _org_key(contact.organisation),
    )


def merge_contacts(
    existing: Sequence[Contact], imported: Iterable[Contact]
) -> tuple[list[Contact], list[Contact]]:
    """Split imported contacts into new people and people already in the list.

    Somebody is already there when the e-mail matches, or the name matches and the
    organisations match (or either side has none).  Duplicates inside ``imported`` itself
    count too, so importing the same file twice adds nobody the second time.

    Args:
        existing: The contacts already in the workbook.
        imported: The contacts read from a file.

    Returns:
        ``(added, skipped_duplicates)``: what to append to the workbook, and what was left out.
    """
    emails: set[str] = set()
    orgs_by_name: dict[str, set[str]] = {}

    def remember(contact: Contact) -> None:
        email, name, org = contact_identity(contact)
        if email:
            emails.add(email)
        orgs_by_name.setdefault(name, set()).add(org)

    def known(contact: Contact) -> bool:
        email, name, org = contact_identity(contact)
        if email and email in emails:
            return True
        orgs = orgs_by_name.get(name)
        if orgs is None:
            return False
        return not org or "" in orgs or org in orgs

    for contact in existing:
        remember(contact)
    added: list[Contact] = []
    skipped: list[Contact] = []
    for contact in imported:
        if known(contact):
            skipped.append(contact)
        else:
            added.append(contact)
            remember(contact)
    return added, skipped


def linkedin_connected_on(contact: Contact) -> date | None:
    """The day a LinkedIn connection was made, read back from an imported contact's notes."""
    found = re.search(r"LinkedIn connection since (\d{4}-\d{2}-\d{2})", contact.notes)
    return date.fromisoformat(found.group(1)) if found else None
