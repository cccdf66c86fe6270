"""Small HTML helpers for the report and the dashboard, without importing ipywidgets.

The report notebook runs once per participant in a fresh kernel, and most of a run is
imports; :mod:`mentorkit.widgets.common` has the same helpers but pulls in ipywidgets
(about half a second per kernel).  These produce the same markup, escaping every cell.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from mentorkit.errors import InputError

_TONES: Final = {
    "ok": ("#1b5e20", "#e8f5e9"),
    "info": ("#0d47a1", "#e3f2fd"),
    "warning": ("#7a4f01", "#fff8e1"),
    "error": ("#b71c1c", "#ffebee"),
}


def escape(text: object) -> str:
    """Text from a workbook or roster, made safe to put inside HTML."""
    return html.escape(str(text), quote=True)


def message_html(text: str, tone: str = "info") -> str:
    """A coloured one-paragraph message; ``text`` is escaped."""
    colour, background = _TONES.get(tone, _TONES["info"])
    return (
        f'<div class="mentorkit-message mentorkit-{tone}" style="color:{colour};'
        f'background:{background};padding:6px 10px;border-radius:4px;margin:4px 0">'
        f"{escape(text)}</div>"
    )


def html_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    """An HTML table of ``rows`` with ``(key, heading)`` columns; every cell is escaped."""
    head = "".join(
        f"<th style='text-align:left;padding:4px 8px'>{escape(h)}</th>" for _, h in columns
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='padding:4px 8px;vertical-align:top'>{escape(row.get(key, ''))}</td>"
            for key, _ in columns
        )
        + "</tr>"
        for row in rows
    )
    return (
        "<table class='mentorkit-table' style='border-collapse:collapse'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def parse_day(today: str | date | None) -> date:
    """A notebook's ``today`` parameter: an ISO date, a date, or empty for the real today."""
    if isinstance(today, date):
        return today
    text = str(today or "").strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"today: {text!r} is not a date like 2026-03-31") from None
