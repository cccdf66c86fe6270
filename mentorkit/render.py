"""The rendering layer every page shares: HTML and text, without importing ipywidgets.

Widgets, the participant report and the cohort dashboard all draw through here: escaping,
messages, tables, shortened text, word lists, embedded pictures and download links, and the
notebooks' ``today`` parameter.  HTML is composed with :class:`Html` templates (MarkupSafe's Markup),
which escape every value put into them unless it is already markup, so a person's text cannot
become HTML by forgetting a call.  Nothing here imports ipywidgets: the report notebook runs
once per participant in a fresh kernel, and ipywidgets would add about half a second to each.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from markupsafe import Markup

from mentorkit.errors import InputError

#: Colours of a message; dark enough on white for WCAG AA, and never the only signal
#: (every message starts with a word: "Saved", "Problem", ...).
_TONES: Final = {
    "ok": ("#1b5e20", "#e8f5e9"),
    "info": ("#0d47a1", "#e3f2fd"),
    "warning": ("#7a4f01", "#fff8e1"),
    "error": ("#b71c1c", "#ffebee"),
}


class Html(Markup):
    """Markup whose :meth:`format` escapes every value (as :func:`escape` does)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(html.escape(str(s), quote=True))


def escape(text: object) -> str:
    """Text a person typed (a workbook, a roster), made safe to put inside HTML."""
    return str(Html.escape(text))


def shorten(text: str, limit: int) -> str:
    """``text`` on one line (runs of whitespace made one space), cut to ``limit`` with "…".

    The cut falls at a word boundary when the text has one within the limit, so a person
    never reads half a word of what they wrote.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def counted(count: int, noun: str, plural: str = "") -> str:
    """``1 goal``, ``12 contacts``, ``2 mentorship asks``: a number with its noun agreeing
    (``plural`` for a noun that does not just take an ``s``)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def join_words(items: Sequence[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (``last`` is the final word: "and", "or")."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def data_uri(payload: bytes, mime: str) -> str:
    """``payload`` as a ``data:`` address, so a page works without a server or kernel."""
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def message_html(text: str, tone: str = "info", *, escaped: bool = False) -> str:
    """A coloured one-paragraph message as HTML.

    Args:
        text: The message; escaped (line breaks kept) unless ``escaped``.
        tone: ``ok``, ``info``, ``warning`` or ``error``.
        escaped: ``text`` is already HTML.
    """
    colour, background = _TONES.get(tone, _TONES["info"])
    # The caller vouches for already-escaped text (``escaped=True``).
    body = Markup(text) if escaped else Html("<br>").join(text.split("\n"))  # noqa: S704
    return str(
        Html(
            '<div class="mentorkit-message mentorkit-{}" style="color:{};'
            'background:{};padding:6px 10px;border-radius:4px;margin:4px 0">{}</div>'
        ).format(tone, colour, background, body)
    )


_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def html_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    widths: Mapping[str, str] | None = None,
) -> str:
    """An HTML table of ``rows``; every cell's text is escaped.

    Args:
        rows: One mapping per row.
        columns: ``(key, heading)`` pairs in display order.
        widths: The least width of a column (``{"statement": "18em"}``), so the column
            people read most is not squeezed by short ones on a narrow screen.
    """
    widths = widths or {}
    # Headings and dates never break inside ("2027-02-" over "01" read as two things).
    heading = Html("<th style='text-align:left;padding:4px 8px;white-space:nowrap'>{}</th>")
    # A block of that width in the heading holds the column open (a percentage or a cell's
    # min-width is not kept by a table inside a widget that sizes itself to its content).
    wide_heading = Html(
        "<th style='text-align:left;padding:4px 8px;white-space:nowrap'>"
        "<div style='min-width:{}'>{}</div></th>"
    )
    cell = Html("<td style='padding:4px 8px;vertical-align:top'>{}</td>")
    date_cell = Html("<td style='padding:4px 8px;vertical-align:top;white-space:nowrap'>{}</td>")

    def draw(value: Any) -> Html:
        is_date = isinstance(value, date) or bool(_ISO_DATE.fullmatch(str(value)))
        return (date_cell if is_date else cell).format(value)

    head = Html("").join(
        wide_heading.format(widths[key], h) if key in widths else heading.format(h)
        for key, h in columns
    )
    body = Html("").join(
        Html("<tr>{}</tr>").format(Html("").join(draw(row.get(key, "")) for key, _ in columns))
        for row in rows
    )
    return str(
        Html(
            "<table class='mentorkit-table' style='border-collapse:collapse'>"
            "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>"
        ).format(head, body)
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


#: How a link that downloads or opens something looks: a button, so nobody takes it for text.
LINK_BUTTON_STYLE: Final = (
    "display:inline-block;padding:4px 12px;margin:2px 8px 2px 0;border-radius:4px;"
    "background:#0b57d0;color:#fff;text-decoration:none;font-weight:bold"
)


def download_link(payload: bytes, mime: str, file_name: str, label: str) -> str:
    """A button-looking link that downloads ``payload`` as ``file_name`` (no kernel needed)."""
    return (
        f'<a download="{escape(file_name)}" href="{data_uri(payload, mime)}" '
        f'style="{LINK_BUTTON_STYLE}">{escape(label)}</a>'
    )
