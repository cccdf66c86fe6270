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
import traitlets

from mentorkit import store
from mentorkit.errors import MentorkitError
from mentorkit.model import Workbook
from mentorkit.render import escape, html_table, message_html, parse_today, shorten

__all__ = [
    "TagBox",
    "WorkbookSession",
    "escape",
    "html_table",
    "message_html",
    "parse_today",
    "reports_errors",
    "split_tags",
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
                detail = shorten(f"{type(error).__name__}: {error}", 160)
                status.value = message_html(
                    "Sorry, that did not work, and your workbook was not changed. Please try "
                    "again; if it happens again, tell your facilitator what you did just "
                    f"before.\n(For them: {detail}; the details are in the log.)",
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


def split_tags(text: str) -> list[str]:
    """The tags in ``text``: split at commas, semicolons and line breaks, trimmed, no blanks."""
    for separator in (";", "\n", "\r"):
        text = text.replace(separator, ",")
    return [" ".join(part.split()) for part in text.split(",") if part.strip()]


class TagBox(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """A tag entry that works inside a notebook output, in JupyterLab and Voila alike.

    ipywidgets' ``TagsInput`` makes a tag only on blur there (JupyterLab takes the Enter), so
    this is a plain text box: pressing Enter or leaving the box turns what was typed into
    tags, split at commas (typing or pasting ``a, b, c`` gives three), each tag is a button
    that removes it, and :meth:`commit` takes whatever is still in the box (a form may call it
    before saving).  ``value`` is the list of tags, observable like any widget value.
    """

    value = traitlets.List(traitlets.Unicode())

    def __init__(
        self,
        value: list[str] | None = None,
        *,
        placeholder: str = "",
        description: str = "",
        label: str = "",
        allow_duplicates: bool = False,
        layout: widgets.Layout | None = None,
        **kwargs: Any,
    ):
        self.allow_duplicates = allow_duplicates
        self.entry = widgets.Text(
            placeholder=placeholder or "Type a tag, then press Enter or a comma",
            description=description,
            # A label drawn beside the box (form_label) is not tied to the input; the title
            # gives it an accessible name a screen reader announces.
            tooltip=f"{label}: type a tag, then press Enter" if label else None,
            continuous_update=False,
            layout=widgets.Layout(width="100%"),
        )
        self.chips = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        super().__init__(
            [self.entry, self.chips],
            layout=layout or widgets.Layout(width="100%"),
            **kwargs,
        )
        self.add_class("mentorkit-tagbox")
        self.entry.observe(self._typed, names="value")
        self.entry.on_msg(self._entry_message)
        self.observe(self._draw, names="value")
        self.value = self._cleaned(value or [])
        self._draw()

    def _cleaned(self, tags: list[str]) -> list[str]:
        kept: list[str] = []
        seen: set[str] = set()
        for tag in tags:
            tag = " ".join(str(tag).split())
            if not tag or (not self.allow_duplicates and tag.casefold() in seen):
                continue
            seen.add(tag.casefold())
            kept.append(tag)
        return kept

    def add(self, text: str) -> None:
        """Add the tags in ``text`` (comma-separated) to the list."""
        new = split_tags(text)
        if new:
            self.value = self._cleaned([*self.value, *new])

    def commit(self) -> list[str]:
        """Turn what is still typed in the box into tags; returns all tags."""
        pending = self.entry.value
        if pending.strip():
            self.entry.value = ""
            self.add(pending)
        return list(self.value)

    def remove(self, tag: str) -> None:
        """Remove ``tag`` from the list."""
        self.value = [kept for kept in self.value if kept != tag]

    def _typed(self, change: dict[str, Any]) -> None:
        # The box sends its text only on Enter and when it loses focus (continuous_update
        # off), so the kernel never rewrites it under the person's fingers: a rewrite while
        # typing raced with the next keys and lost letters.
        if str(change["new"]).strip():
            self.commit()

    def _entry_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if content.get("event") == "submit":  # the Enter key, sent by the front end
            self.commit()

    def _draw(self, _change: object = None) -> None:
        chips = []
        for tag in self.value:
            chip = widgets.Button(
                description=f"{tag} ×",
                tooltip=f"Remove {tag}",
                layout=widgets.Layout(width="auto", margin="2px 4px 2px 0"),
            )
            chip.add_class("mentorkit-tag")
            chip.on_click(lambda _button, tag=tag: self.remove(tag))
            chips.append(chip)
        self.chips.children = chips


def text_input(
    description: str, placeholder: str = "", *, style: dict[str, str], layout: widgets.Layout
) -> widgets.Text:
    """A labelled one-line text box whose value follows every keystroke."""
    return widgets.Text(
        description=description, placeholder=placeholder, style=style, layout=layout
    )


def text_area(
    description: str,
    placeholder: str = "",
    *,
    style: dict[str, str],
    layout: widgets.Layout,
    rows: int | None = None,
) -> widgets.Textarea:
    """A labelled text area whose value follows every keystroke."""
    return widgets.Textarea(
        description=description, placeholder=placeholder, style=style, layout=layout, rows=rows
    )
