"""The start page's "What my facilitator sees": choose a level, see the file, download it.

The preview is the file itself (the exact bytes the download link holds), so what the
participant reads is what the facilitator gets.  Thin: the share is built by
:func:`mentorkit.share.build_share`.  Tests set :attr:`SharePanel.level` and read
:attr:`SharePanel.payload`.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import ipywidgets as widgets

from mentorkit.render import download_link, escape, message_html
from mentorkit.share import (
    LEVEL_DESCRIPTIONS,
    SHARE_LEVELS,
    build_share,
    share_file_name,
    share_to_json,
)
from mentorkit.widgets.common import (
    Workbench,
    clears_on_edit,
    labelled_button,
    reports_errors,
    status_line,
)

#: The preview shows at most this many characters (a full share can be long; the download
#: always holds the whole file).
PREVIEW_CHARS = 60_000


class SharePanel(Workbench):
    """Choose what the facilitator sees, preview the exact file, download it.

    Attributes:
        level: ``summary``, ``goals`` or ``full``.
        participant_id: The id on the facilitator's roster (the workbook's own when it has one).
        payload: The share file's bytes as last prepared (empty when it could not be built).
        file_name: The download's file name (names the participant, the level and the date).
        widget: The whole panel.
    """

    def __init__(self, workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""):
        """The panel on ``workbook_path`` (empty: the participant's own), shared as of ``today``
        (ISO text or a date; empty: the real today)."""
        super().__init__(workbook_path, today)
        self.payload = b""
        self.file_name = ""
        self.level = widgets.ToggleButtons(
            description="Share",
            options=[(level.capitalize(), level) for level in SHARE_LEVELS],
            value="summary",
            style={"button_width": "7em"},
        )
        self.participant_id = widgets.Text(
            description="My id",
            placeholder="the id your facilitator gave you",
            continuous_update=False,
        )
        self.explanation = widgets.HTML()
        self.download = widgets.HTML()
        self.prepare_button = labelled_button("Prepare the file again")
        self.preview = widgets.HTML()
        self.status = status_line()
        guarded = reports_errors(self.status)
        clears_on_edit(self.status, [self.level, self.participant_id])
        self.level.observe(guarded(self._changed), names="value")
        self.participant_id.observe(guarded(self._changed), names="value")
        self.prepare_button.on_click(guarded(self._changed))
        own = self.session.load().participant_id
        if own:
            self.participant_id.value = own
            self.participant_id.disabled = True
        self.widget = widgets.VBox(
            [
                self.level,
                self.explanation,
                self.participant_id,
                widgets.HBox([self.download, self.prepare_button]),
                self.status,
                widgets.HTML("<h4 style='margin:10px 0 4px'>Exactly what the file holds</h4>"),
                self.preview,
            ]
        )
        guarded(self.prepare)()

    def _changed(self, _change: Any = None) -> None:
        self.prepare()

    def prepare(self) -> None:
        """Build the share at the chosen level from the workbook on disk, and show it."""
        level = str(self.level.value)
        self.explanation.value = f"<p>{escape(LEVEL_DESCRIPTIONS[level])}</p>"
        self.payload, self.file_name = b"", ""
        self.download.value = ""
        self.preview.value = ""
        if not self.participant_id.value.strip() and not self.participant_id.disabled:
            self.status.value = message_html(
                "Type the id your facilitator gave you (on the roster) to prepare the file.",
                "info",
            )
            return
        share = build_share(
            self.session.load(),
            level,
            self.today,
            participant_id=self.participant_id.value.strip(),
        )
        self.payload = share_to_json(share)
        self.file_name = share_file_name(share)
        link = download_link(
            self.payload, "application/json", self.file_name, f"Download {self.file_name}"
        )
        self.download.value = f"{link} ({len(self.payload):,} bytes)"
        text = self.payload.decode("utf-8")
        cut = len(text) > PREVIEW_CHARS
        shown = text[:PREVIEW_CHARS] + ("\n... (the download holds the rest)" if cut else "")
        self.preview.value = (
            "<pre class='mentorkit-share-preview' style='max-height:24em;overflow:auto;background:#f6f8fa;padding:8px;"
            f"white-space:pre-wrap'>{escape(shown)}</pre>"
        )
        self.status.value = message_html(
            f"This {level} share is ready: download it and hand it to your facilitator.", "ok"
        )


#: The "What my facilitator sees" panel of the start page, as the notebook calls it.
share_panel = SharePanel
