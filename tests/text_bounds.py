"""Every text-analysing entry point outside the goal review, as one callable each on any text.

Used by the test that runs each on 10,000 spaces, one letter 10,000 times and 10,000 mixed
characters (a regex that backtracks catastrophically would freeze there), and by
``benchmarks/bench_text_bounds.py``, which prints the time of each against the 100 ms target.
The goal review has its own such test and benchmark.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from datetime import date
from typing import Final

#: The day every ask is composed on, so the figures do not depend on the calendar.
_TODAY: Final = date(2026, 11, 23)
_MIXED_ALPHABET: Final = "aZ9 -'\"\n\t,;.:/()é€ßdimensions four weeks minutes hour"


def hostile_texts(size: int = 10_000) -> dict[str, str]:
    """The three texts: spaces, one letter repeated, and mixed characters (fixed seed)."""
    chooser = random.Random(15)
    mixed = "".join(chooser.choice(_MIXED_ALPHABET) for _ in range(size))
    return {"spaces": " " * size, "one letter": "a" * size, "mixed": mixed}


def _workbook(text: str) -> object:
    from mentorkit.model import Contact, Goal, Profile, Workbook

    return Workbook(
        profile=Profile(name=text, role=text, organisation=text),
        goals=[Goal(id="g1", statement=text, why=text, success_measure=text, areas=[text])],
        contacts=[
            Contact(id="c1", name=text, areas=[text], position=text, notes=text, organisation=text)
        ],
    )


def _ask_steps(text: str) -> None:
    from mentorkit import ask, exports

    workbook = _workbook(text)
    goal, contact = workbook.goals[0], workbook.contacts[0]  # type: ignore[attr-defined]
    composed = ask.compose_ask(
        goal,
        contact,
        start=ask.suggested_start(_TODAY),
        reason=text,
        feedback_wanted=text,
        sender=text,
    )
    edited = ask.with_message(composed, text)
    ask.check_ask(edited, today=_TODAY)
    ask.vague_parts(edited)
    exports.plain_text(edited)
    exports.mailto_link(edited)
    exports.ask_to_ics(edited)


def _network_steps(text: str) -> None:
    from mentorkit import network

    workbook = _workbook(text)
    network.tag_key(text)
    network.match_strength(text, text)
    network.suggest_areas(text)
    network.goal_needs(workbook.goals[0], organisation=text)  # type: ignore[attr-defined]
    network.analyse_network(workbook)  # type: ignore[arg-type]


def _contacts_import(text: str) -> None:
    import csv
    import io

    from mentorkit.contacts_import import parse_contacts_csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["name", "areas", "notes"], [text, text, text]])
    data = buffer.getvalue().encode("utf-8")
    with contextlib.suppress(ValueError):  # refusing the text is fine; taking long is not
        parse_contacts_csv(data, source_name="contacts.csv", organisation=text)
    with contextlib.suppress(ValueError):
        parse_contacts_csv(text.encode("utf-8"), source_name="raw.csv", organisation="")


def _roster(text: str) -> None:
    import csv
    import io
    import tempfile

    from mentorkit.cohort.roster import parse_roster

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["participant_id", "name", "note"], ["p01", text, text]])
    with tempfile.TemporaryDirectory() as folder:
        for data in (buffer.getvalue().encode("utf-8"), text.encode("utf-8")):
            with contextlib.suppress(ValueError):
                parse_roster(data, folder, source="roster.csv")


def _language(text: str) -> None:
    from mentorkit.language import detect_language

    detect_language(text)


def _terminal(text: str) -> None:
    from mentorkit.cli.text import json_text, printable

    printable(text)
    printable(text, keep_newlines=True)
    json_text({"value": text})


def _csv_text(text: str) -> None:
    from mentorkit.csvtext import UnterminatedQuoteError, decode_utf16, rows_with_lines

    decode_utf16(text.encode("utf-16-le"))
    with contextlib.suppress(UnterminatedQuoteError):
        list(rows_with_lines('"' + text))


#: Each entry point by the name the test and the benchmark print.
ENTRY_POINTS: Final[dict[str, Callable[[str], object]]] = {
    "ask (compose, check, exports)": _ask_steps,
    "network analysis": _network_steps,
    "contacts import": _contacts_import,
    "roster": _roster,
    "language detection": _language,
    "terminal sanitizer": _terminal,
    "csv rows and quotes": _csv_text,
}
