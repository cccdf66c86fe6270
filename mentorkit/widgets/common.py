"""What every widget layer shares: the bound workbook, error display, escaping, messages.

The widget-free HTML helpers (:func:`escape`, :func:`message_html`, :func:`html_table`,
:func:`parse_today`) live in :mod:`mentorkit.render`, so the cohort report kernel can
use them without importing ipywidgets; they are re-exported here for the widgets.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final, ParamSpec, TypeVar

import anywidget
import ipywidgets as widgets
import traitlets

from mentorkit import store
from mentorkit.errors import MentorkitError
from mentorkit.model import Mentorship, Workbook
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
#: The most text one "make tags" message may carry (a paste of a whole document is cut).
MAX_TAG_TEXT: Final = 10_000


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


class Panel:
    """A step's panel object: a notebook cell that ends with one shows its :attr:`widget`."""

    widget: widgets.Widget

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


class Workbench(Panel):
    """A step bound to one workbook file and one date (``today``: ISO text, a date or empty)."""

    def __init__(self, workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""):
        self.today = parse_today(today)
        self.session = WorkbookSession(workbook_path or None, today=self.today)


def clears_on_edit(
    status: widgets.HTML,
    controls: Iterable[widgets.Widget],
    *,
    unless: Callable[[], bool] | None = None,
) -> None:
    """The one rule for status lines: starting the next thing clears what the last one said.

    "Saved: ..." (or a problem with the last press) no longer applies once the person changes
    any of ``controls``, so the line empties.  ``unless`` says when it must stay: a question
    waiting for its answer ("Save anyway?", "Rename or add as new?").  Call this before the
    form's own observers, so a message they set for the same change is not cleared.
    """

    def clear(_change: object) -> None:
        if status.value and not (unless is not None and unless()):
            status.value = ""

    for control in controls:
        control.observe(clear, names="value")


def set_choices(
    picker: widgets.Dropdown, options: Sequence[tuple[str, Any]], keep: Any = None
) -> Any:
    """Offer ``options`` in ``picker``, keeping ``keep`` (else the first) chosen; returns it.

    ipywidgets 8 leaves a Dropdown with new options empty: this picks for it.
    """
    values = [value for _, value in options]
    chosen = keep if keep in values else (values[0] if values else None)
    picker.options = list(options)
    picker.value = chosen
    return chosen


def fill_controls(owner: object, record: object, names: Iterable[str]) -> None:
    """Show ``record`` in a form: each control ``owner.<name>`` takes ``record.<name>``."""
    for name in names:
        getattr(owner, name).value = getattr(record, name)


def control_values(owner: object, names: Iterable[str]) -> dict[str, Any]:
    """What a form holds: ``{name: owner.<name>.value}``, e.g. to build the record it shows."""
    return {name: getattr(owner, name).value for name in names}


def mentorship_label(workbook: Workbook, mentorship: Mentorship, width: int = 50) -> str:
    """``Who: the goal`` for a mentorship, in words even when the person or goal was removed."""
    try:
        who = workbook.contact(mentorship.contact_id).name
    except KeyError:
        who = "someone no longer in your contacts"
    try:
        about = workbook.goal(mentorship.goal_id).statement
    except KeyError:
        about = "a removed goal"
    return f"{who}: {shorten(about, width)}"


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


_STATIC: Final = Path(__file__).with_name("static")


#: Shown inside an empty areas box: the input sizes itself to its placeholder, and without one
#: the box is too small to see what it is for.
AREAS_PLACEHOLDER: Final = "e.g. budgeting, public speaking (a comma or Enter after each)"


class TagEntry(anywidget.AnyWidget):
    """The text box of a :class:`TagBox`: its few lines of page code make the tags.

    Enter, a comma (or a semicolon) and leaving the box turn what was typed into a tag in the
    page itself: the page empties the box and sends the words as one ``{"event": "tags"}``
    message, so the kernel never rewrites the box while the person goes on typing (a kernel
    that did raced with the next keys: "a, b" typed quickly lost or merged letters).  A pasted
    list becomes one tag per item.  ``value`` follows what is typed and not yet a tag.
    """

    _esm = _STATIC / "tag_entry.js"
    _css = _STATIC / "tag_entry.css"
    value = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    #: The name a screen reader announces (the description's, when there is one).
    aria_label = traitlets.Unicode("").tag(sync=True)


class TagBox(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """A tag entry that works inside a notebook output, in JupyterLab and Voila alike.

    ipywidgets' ``TagsInput`` makes a tag only on blur there (JupyterLab takes the Enter), and
    a plain ``Text`` sends nothing on a comma, so the box is a :class:`TagEntry`: Enter, a
    comma or leaving the box makes tags (typing or pasting ``a, b, c`` gives three), each tag
    is a button that removes it, and :meth:`commit` takes whatever is still in the box (a form
    calls it before saving).  ``value`` is the list of tags, observable like any widget value.
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
        self.entry = TagEntry(
            placeholder=placeholder or "Type a tag, then press Enter or a comma",
            description=description,
            # A label drawn beside the box (form_label) is not tied to the input; this gives
            # it the accessible name a screen reader announces.
            aria_label=f"{label or description}: type a tag, then press Enter"
            if label or description
            else "Type a tag, then press Enter",
            layout=widgets.Layout(width="100%"),
        )
        self.chips = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        super().__init__(
            [self.entry, self.chips],
            layout=layout or widgets.Layout(width="100%"),
            **kwargs,
        )
        self.add_class("mentorkit-tagbox")
        self.entry.on_msg(self._entry_message)
        self.observe(self._draw, names="value")
        self.value = self._cleaned(value or [])
        self._draw()

    def _cleaned(self, tags: list[str]) -> list[str]:
        kept: list[str] = []
        seen: set[str] = set()
        for tag in tags:
            # A tag names an area; a pasted paragraph is cut to a tag's length.
            tag = shorten(" ".join(str(tag).split()), MAX_TAG_CHARS)
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

    def _entry_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        # The page has already emptied the box; the words come once, in this message.
        if isinstance(content, dict) and content.get("event") == "tags":
            self.add(str(content.get("text", ""))[:MAX_TAG_TEXT])

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


#: The longest tag kept (an area, a strength: a few words).
MAX_TAG_CHARS: Final = 100
#: The largest file the page sends to the kernel (below the server's 10 MiB websocket limit).
PAGE_FILE_LIMIT: Final = 9_500_000


class FilePicker(anywidget.AnyWidget):
    """A file button labelled in words: "Choose a file…", then the chosen file's name.

    ipywidgets' ``FileUpload`` always adds a count to its label ("Upload (0)").  ``value`` is
    what ``FileUpload`` would hold: a tuple with one ``{"name", "type", "size", "content"}``
    dict once a file is chosen (set it to ``()`` to forget it); ``chosen`` names it on the
    button.  A file over ``max_bytes`` is not sent: :attr:`refused` names it and its size.
    """

    _esm = _STATIC / "file_picker.js"
    description = traitlets.Unicode("Choose a file…").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    max_bytes = traitlets.Int(0).tag(sync=True)
    chosen = traitlets.Unicode("").tag(sync=True)
    value = traitlets.Tuple()
    #: ``(name, size)`` of a file the page would not send (too big), else ``None``.
    refused = traitlets.Any(None)

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        # A file reaches the kernel in one websocket message, and the Jupyter server closes
        # the connection on one over 10 MiB: a larger file is refused in the page instead.
        self.max_bytes = min(self.max_bytes or PAGE_FILE_LIMIT, PAGE_FILE_LIMIT)
        self.on_msg(self._page_message)
        self.observe(self._named, names="value")

    def _page_message(self, _widget: Any, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        name = shorten(str(content.get("name") or "the chosen file"), 200)
        # Emptied first, so the same file chosen again (or refused again) is news too.
        self.value = ()
        self.refused = None
        if content.get("event") == "too_big":
            try:
                size = int(content.get("size") or 0)
            except (TypeError, ValueError):
                size = 0
            self.refused = (name, size)
        elif content.get("event") == "file" and buffers:
            data = bytes(buffers[0])
            self.value = (
                {
                    "name": name,
                    "type": str(content.get("type") or ""),
                    "size": len(data),
                    "content": memoryview(data),
                },
            )

    def _named(self, change: dict[str, Any]) -> None:
        files = change["new"]
        self.chosen = str(files[0].get("name", "")) if files else ""

    def report_refusals_in(self, status: widgets.HTML, what: str) -> None:
        """Say in ``status`` when a file too big to be ``what`` ("a workbook") was refused."""

        def say(change: dict[str, Any]) -> None:
            if change["new"] is not None:
                name, size = change["new"]
                status.value = message_html(
                    f"{name}: {size:,} bytes is more than {what} can be "
                    f"({self.max_bytes:,}); is it the right file?",
                    "error",
                )

        self.observe(say, names="refused")


def areas_box(label: str, label_width: str) -> TagBox:
    """The "areas" tag box of a form, beside a drawn ``label`` ``label_width`` wide."""
    return TagBox(
        label=label,
        placeholder=AREAS_PLACEHOLDER,
        layout=widgets.Layout(width=f"calc(95% - {label_width})", min_width="20em"),
    )


class BrowserZone(anywidget.AnyWidget):
    """Draws nothing; its page code tells the kernel the browser's time zone (``zone``).

    ``zone`` stays empty where the page cannot say (an old browser, no page at all): whoever
    observes it must treat what arrives as untrusted text.
    """

    _esm = _STATIC / "browser_zone.js"
    zone = traitlets.Unicode("").tag(sync=True)


def whole_number(
    description: str,
    value: int,
    low: int,
    high: int,
    *,
    step: int = 1,
    style: dict[str, str] | None = None,
) -> widgets.BoundedIntText:
    """A labelled number box from ``low`` to ``high`` (the arrow keys step through it).

    Not a slider: ipywidgets' slider handle and its readout carry no name a screen reader
    can announce, while this box is an ``<input>`` tied to its label.
    """
    return widgets.BoundedIntText(
        description=description,
        value=value,
        min=low,
        max=high,
        step=step,
        style=style or {},
        layout=widgets.Layout(width="min(100%, 22em)"),
    )


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
