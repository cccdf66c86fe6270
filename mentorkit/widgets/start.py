"""The start page's widget: where the workbook lives, what it holds, download and upload.

On Binder a session ends after a few idle minutes and takes its files with it, so the
participant needs a one-click way to keep a copy of their workbook and to bring it back next
time.  An upload is checked completely before it replaces anything, and the replaced
workbook stays behind as ``<name>.bak`` (the store keeps one on every save).
"""

from __future__ import annotations

import os
from dataclasses import fields
from datetime import date
from typing import Any, Final

import ipywidgets as widgets

from mentorkit import store
from mentorkit.errors import ImportFileError
from mentorkit.model import Workbook
from mentorkit.render import (
    counted,
    download_link,
    escape,
    html_table,
    message_html,
)
from mentorkit.widgets.common import FilePicker, Workbench, reports_errors, status_line
from mentorkit.widgets.profile import ProfileForm
from mentorkit.widgets.share import SharePanel

#: What the store may write (so a workbook it wrote, downloaded, is always accepted back).
MAX_UPLOAD_BYTES: Final = store.MAX_WORKBOOK_BYTES


def parse_workbook_upload(name: str, content: bytes) -> Workbook:
    """Check an uploaded file and return the workbook it holds.

    Args:
        name: The file's name, used in messages.
        content: The file's bytes.

    Raises:
        ImportFileError: The file is too big to be a workbook.
        WorkbookError: It is not UTF-8 text, not JSON, or not a valid workbook; every
            problem is listed.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            f"{name}: {len(content):,} bytes is more than a workbook can be "
            f"({MAX_UPLOAD_BYTES:,}); is it the right file?"
        )
    return store.workbook_from_bytes(content, name=name)


def workbook_counts(workbook: Workbook) -> list[dict[str, Any]]:
    """What a workbook holds, one row per kind of entry, for the overview table."""
    active = sum(1 for g in workbook.goals if g.status == "active")
    running = sum(1 for m in workbook.mentorships if m.status == "active")
    held = sum(1 for c in workbook.checkins if c.held)
    return [
        {"what": "Goals", "count": len(workbook.goals), "detail": f"{active} active"},
        {"what": "People in your network", "count": len(workbook.contacts), "detail": ""},
        {
            "what": "Mentorships and asks",
            "count": len(workbook.mentorships),
            "detail": f"{running} running",
        },
        {"what": "Conversations logged", "count": len(workbook.checkins), "detail": f"{held} held"},
        {"what": "Reflections", "count": len(workbook.reflections), "detail": ""},
    ]


def _summary_words(workbook: Workbook) -> str:
    whose = workbook.profile.name.strip() or "an unnamed participant"
    return (
        f"{whose}: {counted(len(workbook.goals), 'goal')}, "
        f"{counted(len(workbook.contacts), 'contact')}, "
        f"{counted(len(workbook.mentorships), 'mentorship')}, "
        f"{counted(len(workbook.checkins), 'conversation')}"
    )


class StartPanel(Workbench):
    """Where the workbook is, what it holds, and download/upload controls.

    Tests set ``upload.value`` and click ``replace_button`` / ``refresh_button``.
    """

    def __init__(self, workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""):
        """The start page on ``workbook_path`` (empty: the participant's own); ``today``
        (ISO text or a date; empty: the real today) names the download."""
        super().__init__(workbook_path, today)
        self.pending: Workbook | None = None
        self.download_bytes = b""

        self.where = widgets.HTML()
        self.counts = widgets.HTML()
        self.download = widgets.HTML()
        # Buttons as wide as their words: the default width cuts these labels off.
        self.refresh_button = widgets.Button(
            description="Prepare a fresh download", layout=widgets.Layout(width="auto")
        )
        self.upload = FilePicker(
            description="Choose a workbook file…", accept=".json", max_bytes=MAX_UPLOAD_BYTES
        )
        self.replace_button = widgets.Button(
            description="Replace my workbook",
            button_style="warning",
            disabled=True,
            layout=widgets.Layout(width="auto"),
        )
        self.status = status_line()

        self.upload.report_refusals_in(self.status, "a workbook")
        self.refresh_button.on_click(reports_errors(self.status)(self._refresh_clicked))
        self.upload.observe(reports_errors(self.status)(self._uploaded), names="value")
        self.replace_button.on_click(reports_errors(self.status)(self._replace))
        self.refresh()
        self.workbook_panel = widgets.VBox(
            [
                self.where,
                self.counts,
                widgets.HTML("<h4 style='margin:10px 0 4px'>Keep a copy</h4>"),
                widgets.HBox([self.download, self.refresh_button]),
                widgets.HTML("<h4 style='margin:10px 0 4px'>Bring a copy back</h4>"),
                widgets.HBox([self.upload, self.replace_button]),
                self.status,
            ]
        )
        self.widget = self.workbook_panel
        #: Who the participant is (name, role, organisation, time zone, country, time away).
        self.profile = ProfileForm(self.session.file, self.today)
        self.profile_panel = self.profile.widget
        #: What the facilitator sees: the share the participant chooses, previewed.
        self.share = SharePanel(self.session.file, self.today)
        self.share_panel = self.share.widget

    def refresh(self, workbook: Workbook | None = None) -> None:
        """Redraw the location, the counts and the download link from the workbook on disk."""
        workbook = workbook or self.session.load()
        self.where.value = (
            f"<p>Your workbook is the file <code>{escape(self.session.file)}</code>. "
            "Every notebook reads and saves this one file.</p>"
        )
        self.counts.value = html_table(
            workbook_counts(workbook),
            [("what", "In your workbook"), ("count", "Count"), ("detail", "")],
        )
        payload = store.workbook_to_json(workbook, compact=True)
        filename = f"mentorkit-workbook-{self.today.isoformat()}.json"
        self.download.value = download_link(
            payload, "application/json", filename, f"Download your workbook ({filename})"
        )
        self.download_bytes = payload

    def _refresh_clicked(self, _button: widgets.Button) -> None:
        self.refresh()
        self.status.value = message_html("The download link now holds your latest entries.", "ok")

    def _uploaded(self, change: dict[str, Any]) -> None:
        self.pending = None
        self.replace_button.disabled = True
        files = change["new"]
        if not files:
            return
        upload = files[0]
        name = str(upload.get("name", "the uploaded file"))
        workbook = parse_workbook_upload(name, bytes(upload["content"]))
        self.pending = workbook
        self.replace_button.disabled = False
        self.status.value = message_html(
            f"{name} is a valid workbook ({_summary_words(workbook)}). Click 'Replace my "
            "workbook' to use it; your current one is kept next to it as a .bak file.",
            "info",
        )

    def _replace(self, _button: widgets.Button) -> None:
        uploaded = self.pending
        if uploaded is None:
            self.status.value = message_html("Choose a workbook file to upload first.", "warning")
            return

        def take_over(workbook: Workbook) -> None:
            for field in fields(Workbook):
                setattr(workbook, field.name, getattr(uploaded, field.name))

        saved = self.session.update(take_over)
        self.pending = None
        self.replace_button.disabled = True
        self.refresh(saved)
        self.status.value = message_html(
            f"Replaced: your workbook now holds {_summary_words(saved)}.", "ok"
        )


#: The start page's workbench, as the notebook calls it (``start_here``: its earlier name).
start_workbench = start_here = StartPanel
