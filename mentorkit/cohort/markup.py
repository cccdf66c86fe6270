"""The HTML helpers every page shares, without importing ipywidgets.

This is their one home: the report and dashboard use them directly, and
:mod:`mentorkit.widgets.common` re-exports them for the widgets.  They live here, not there,
because the report notebook runs once per participant in a fresh kernel, most of a run is
imports, and ipywidgets would add about half a second per kernel.  Every piece of text is
escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from mentorkit.errors import InputError

#: Colours of a message; dark enough on white for WCAG AA, and never the only signal
#: (every message starts with a word: "Saved", "Problem", ...).
_TONES: Final = {
    "ok": ("#1b5e20", "#e8f5e9"),
    "info": ("#0d47a1", "#e3f2fd"),
    "warning": ("#7a4f01", "#fff8e1"),
    "error": ("#b71c1c", "#ffebee"),
}


def escape(text: object) -> str:
    """Text a person typed (a workbook, a roster), made safe to put inside HTML."""
    return html.escape(str(text), quote=True)


def message_html(text: str, tone: str = "info", *, escaped: bool = False) -> str:
    """A coloured one-paragraph message as HTML.

    Args:
        text: The message; escaped (line breaks kept) unless ``escaped``.
        tone: ``ok``, ``info``, ``warning`` or ``error``.
        escaped: ``text`` is already HTML.
    """
    colour, background = _TONES.get(tone, _TONES["info"])
    body = text if escaped else escape(text).replace("\n", "<br>")
    return (
        f'<div class="mentorkit-message mentorkit-{tone}" style="color:{colour};'
        f'background:{background};padding:6px 10px;border-radius:4px;margin:4px 0">'
        f"{body}</div>"
    )


def html_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    """An HTML table of ``rows``; every cell's text is escaped.

    Args:
        rows: One mapping per row.
        columns: ``(key, heading)`` pairs in display order.
    """
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


def parse_today(today: str | date | None) -> date:
    """A notebook's ``today`` parameter: an ISO date, a date, or empty for the real today.

    Raises:
        InputError: ``today`` is text that is not an ISO date.
    """
    if isinstance(today, date):
        return today
    text = str(today or "").strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"today: {text!r} is not a date like 2026-03-31") from None
