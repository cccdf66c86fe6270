"""What every widget layer shares: the bound workbook, error display, escaping, messages."""

from __future__ import annotations

import functools
import html
import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import ipywidgets as widgets

from mentorkit import store
from mentorkit.errors import MentorkitError
from mentorkit.model import Workbook

P = ParamSpec("P")
R = TypeVar("R")

logger = logging.getLogger(__name__)

#: Colours of the status line; dark enough on white for WCAG AA, and never the only signal
#: (every message starts with a word: "Saved", "Problem", ...).
_TONES = {
    "ok": ("#1b5e20", "#e8f5e9"),
    "info": ("#0d47a1", "#e3f2fd"),
    "warning": ("#7a4f01", "#fff8e1"),
    "error": ("#b71c1c", "#ffebee"),
}


def escape(text: object) -> str:
    """Text a person typed, made safe to put inside HTML."""
    return html.escape(str(text), quote=True)


def message_html(text: str, tone: str = "info", *, escaped: bool = False) -> str:
    """A one-line coloured message as HTML; ``text`` is escaped unless ``escaped``."""
    colour, background = _TONES.get(tone, _TONES["info"])
    body = text if escaped else escape(text).replace("\n", "<br>")
    return (
        f'<div class="mentorkit-message mentorkit-{tone}" style="color:{colour};'
        f'background:{background};padding:6px 10px;border-radius:4px;margin:4px 0">'
        f"{body}</div>"
    )


class WorkbookSession:
    """A widget's handle on the participant's workbook file.

    It never keeps a copy that could go stale: :meth:`load` reads the file, :meth:`update`
    changes it under the store's lock (re-reading first), so two notebooks open at once keep
    each other's entries.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, today: date | None = None):
        self.path, _ = store.open_workbook(path)
        self.today = today or date.today()

    def load(self) -> Workbook:
        """The workbook as it is on disk now."""
        return store.load_workbook(self.path)

    def update(self, change: Callable[[Workbook], object]) -> Workbook:
        """Apply ``change`` to the freshest workbook and save it; returns the saved workbook."""
        return store.update_workbook(self.path, change)

    @property
    def file(self) -> Path:
        """The workbook file."""
        return self.path


def parse_today(today: str | date | None) -> date:
    """A notebook's ``today`` parameter: an ISO date, a date, or empty for the real today."""
    if isinstance(today, date):
        return today
    if today is None or not str(today).strip():
        return date.today()
    try:
        return date.fromisoformat(str(today).strip())
    except ValueError:
        raise MentorkitError(f"today: {today!r} is not a date like 2026-03-31") from None


def reports_errors(status: widgets.HTML) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Decorate a widget callback so any error is shown in ``status`` instead of being lost.

    A :class:`MentorkitError` is the person's mistake: its message is shown as it is.  Any
    other exception is our bug: the person sees that something went wrong and what, and the
    traceback goes to the log for us.
    """

    def decorate(callback: Callable[P, R]) -> Callable[P, R | None]:
        @functools.wraps(callback)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                return callback(*args, **kwargs)
            except MentorkitError as error:
                status.value = message_html(f"Problem: {error}", "error")
            except Exception as error:
                logger.exception("widget callback %s failed", callback.__name__)
                status.value = message_html(
                    f"Something went wrong ({type(error).__name__}: {error}). "
                    "Your workbook was not changed.",
                    "error",
                )
            return None

        return guarded

    return decorate


def status_line() -> widgets.HTML:
    """An empty status line for messages."""
    return widgets.HTML(value="", layout=widgets.Layout(min_height="0px"))


def html_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """An HTML table of ``rows``; every cell's text is escaped.

    Args:
        rows: One dict per row.
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
    return f"<table class='mentorkit-table' style='border-collapse:collapse'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
