"""What every widget layer shares: the bound workbook, error display, escaping, messages.

The widget-free HTML helpers (:func:`escape`, :func:`message_html`, :func:`html_table`,
:func:`parse_today`) live in :mod:`mentorkit.render`, so the cohort report kernel can
use them without importing ipywidgets; they are re-exported here for the widgets.
"""

from __future__ import annotations

import functools
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
from mentorkit.render import escape, html_table, message_html, parse_today

__all__ = [
    "WorkbookSession",
    "escape",
    "html_table",
    "message_html",
    "parse_today",
    "reports_errors",
    "status_line",
]

P = ParamSpec("P")
R = TypeVar("R")

logger = logging.getLogger(__name__)


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


def labelled_button(description: str, *, hidden: bool = False, **kwargs: Any) -> widgets.Button:
    """A button as wide as its label: ipywidgets' fixed default width cuts longer ones off."""
    layout = widgets.Layout(
        width="auto", min_width="8em", align_self="flex-start", display="none" if hidden else None
    )
    return widgets.Button(description=description, layout=layout, **kwargs)


def form_label(text: str, width: str) -> widgets.HTML:
    """A label lined up with the descriptions (``width`` wide) of a form's other controls."""
    return widgets.HTML(
        f"<div style='width:{width};text-align:right;padding-right:8px'>{escape(text)}</div>"
    )
