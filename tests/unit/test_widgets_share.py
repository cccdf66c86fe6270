"""The share panel of 00 and the feedback form of the wrap-up, driven without a browser."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

from mentorkit import store
from mentorkit.share import share_from_bytes
from mentorkit.status import Status
from mentorkit.widgets.common import WorkbookSession
from mentorkit.widgets.feedback import feedback_form
from mentorkit.widgets.share import share_panel


def test_the_preview_is_exactly_the_file(sample_workbook: Path, today: date) -> None:
    panel = share_panel(sample_workbook, today)
    workbook = store.load_workbook(sample_workbook)
    assert panel.level.value == "summary" and panel.participant_id.disabled
    for level in ("goals", "full", "summary"):
        panel.level.value = level
        share = share_from_bytes(panel.payload, name=panel.file_name)
        assert share.level == level and share.created == today
        assert panel.file_name == f"share-p01-{level}-{today.isoformat()}.json"
        shown = re.search(r"<pre[^>]*>(.*)</pre>", panel.preview.value, re.DOTALL)
        assert shown is not None and html.unescape(shown[1]) == panel.payload.decode()
        assert panel.file_name in panel.download.value
        assert (workbook.contacts[0].name in panel.preview.value) == (level == "full")
    assert "No names, e-mails" in panel.explanation.value


def test_a_workbook_without_an_id_asks_for_one(tmp_path: Path, today: date) -> None:
    path = tmp_path / "w.json"
    store.new_workbook(path, name="<b>Sam</b>")
    panel = share_panel(path, today)
    assert panel.payload == b"" and "Type the id" in panel.status.value
    panel.participant_id.value = "../etc"
    assert panel.payload == b"" and "Problem" in panel.status.value
    panel.participant_id.value = "sam-1"
    assert json.loads(panel.payload)["participant_id"] == "sam-1"
    assert "<b>Sam</b>" not in panel.preview.value


def test_the_feedback_form_saves_with_the_mentorship(cohort_dir: Path, today: date) -> None:
    sample_workbook = cohort_dir / "workbooks" / "p02.json"  # nobody rated anything yet
    form = feedback_form(WorkbookSession(sample_workbook, today=today), today)
    workbook = store.load_workbook(sample_workbook)
    offered = [value for _, value in form.mentorship.options]
    assert offered == [m.id for m in workbook.mentorships if Status(m.status).has_started]
    form.save_button.click()
    assert "Choose 1" in form.status.value
    form.usefulness.value = 4
    form.save_button.click()
    assert "yes or no" in form.status.value
    assert store.load_workbook(sample_workbook).mentorship(offered[0]).feedback is None
    form.recommend.value = "yes"
    form.comment.value = "<script>x</script>"
    form.save_button.click()
    assert "stay in your workbook" in form.status.value
    saved = store.load_workbook(sample_workbook).mentorship(offered[0]).feedback
    assert saved is not None and (saved.usefulness, saved.recommend) == (4, True)
    assert saved.comment == "<script>x</script>" and not saved.share_comment
    # Choosing it again shows what was given, so it can be changed.
    form.usefulness.value = None
    form._chosen()
    assert form.usefulness.value == 4 and form.comment.value == "<script>x</script>"
    assert "(rated)" in form.mentorship.options[0][0]


def test_the_wrap_up_panel_holds_the_feedback_form(sample_workbook: Path, today: date) -> None:
    from mentorkit.widgets.progress import progress_workbench

    bench = progress_workbench(sample_workbook, today)
    assert bench.feedback_form.widget in bench.wrap_up_panel.children
