"""The start page's panel: location, counts, download, and an upload checked before it replaces."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

from mentorkit import store
from mentorkit.errors import ImportFileError, WorkbookError
from mentorkit.widgets.start import StartPanel, parse_workbook_upload, start_here
from tests.support import choose_file


def _upload(panel: StartPanel, name: str, content: bytes) -> None:
    choose_file(panel.upload, name, content, "application/json")


def _panel(path: Path) -> StartPanel:
    return start_here(str(path), "2026-11-23")


def test_shows_where_the_workbook_is_and_what_it_holds(sample_workbook: Path) -> None:
    panel = _panel(sample_workbook)
    assert str(sample_workbook) in panel.where.value
    workbook = store.load_workbook(sample_workbook)
    assert f"<td style='padding:4px 8px;vertical-align:top'>{len(workbook.contacts)}</td>" in (
        panel.counts.value
    )
    assert "3 active" in panel.counts.value and "3 held" in panel.counts.value


def test_download_link_holds_the_workbook(sample_workbook: Path) -> None:
    panel = _panel(sample_workbook)
    match = re.search(
        r'href="data:application/json;base64,([A-Za-z0-9+/=]+)"', panel.download.value
    )
    assert match is not None
    assert 'download="mentorkit-workbook-2026-11-23.json"' in panel.download.value
    data = json.loads(base64.b64decode(match.group(1)))
    assert store.workbook_from_dict(data) == store.load_workbook(sample_workbook)
    assert json.loads(panel.download_bytes) == data


def test_refresh_picks_up_changes_made_elsewhere(sample_workbook: Path) -> None:
    panel = _panel(sample_workbook)
    store.update_workbook(sample_workbook, lambda wb: wb.reflections.clear())
    panel.refresh_button.click()
    assert "latest entries" in panel.status.value
    assert json.loads(panel.download_bytes)["reflections"] == []


def test_a_valid_upload_replaces_only_after_the_click(
    sample_workbook: Path, cohort_dir: Path
) -> None:
    panel = _panel(sample_workbook)
    assert panel.replace_button.disabled
    other = (cohort_dir / "workbooks" / "p05.json").read_bytes()
    before = sample_workbook.read_bytes()
    _upload(panel, "p05.json", other)
    assert "p05.json is a valid workbook" in panel.status.value
    assert not panel.replace_button.disabled
    assert sample_workbook.read_bytes() == before  # nothing replaced yet
    panel.replace_button.click()
    assert "Replaced" in panel.status.value and panel.replace_button.disabled
    assert store.load_workbook(sample_workbook) == store.load_workbook(
        cohort_dir / "workbooks" / "p05.json"
    )
    assert store.backup_path(sample_workbook).exists()
    assert "60" in panel.counts.value  # p05's large network


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xff\xfe\x00garbage", "is not a text file"),
        (b"{not json", "not valid JSON (line 1"),
        (b'{"schema_version": 2, "goals": [{"id": "g1"}]}', "goals[0].statement"),
    ],
)
def test_a_bad_upload_is_explained_and_changes_nothing(
    sample_workbook: Path, content: bytes, words: str
) -> None:
    panel = _panel(sample_workbook)
    before = sample_workbook.read_bytes()
    _upload(panel, "mine.json", content)
    assert "Problem: " in panel.status.value and "mine.json" in panel.status.value
    assert words in panel.status.value
    assert panel.replace_button.disabled and panel.pending is None
    panel.replace_button.click()
    assert "Choose a workbook file" in panel.status.value
    assert sample_workbook.read_bytes() == before


def test_parse_workbook_upload_errors() -> None:
    with pytest.raises(ImportFileError, match="more than a workbook can be"):
        parse_workbook_upload("big.json", b" " * (store.MAX_WORKBOOK_BYTES + 1))
    with pytest.raises(WorkbookError, match=r"x\.json"):
        parse_workbook_upload("x.json", b"[]")
    assert parse_workbook_upload("ok.json", b'\xef\xbb\xbf{"schema_version": 2}').goals == []


def test_empty_default_workbook_is_created_and_shown(_own_workbook_env: Path) -> None:
    panel = start_here()
    assert panel.session.file == _own_workbook_env and _own_workbook_env.exists()
    bundle: Any = panel._repr_mimebundle_()
    assert "text/plain" in bundle
    assert "<td style='padding:4px 8px;vertical-align:top'>0</td>" in panel.counts.value


def test_the_download_looks_like_a_button(sample_workbook: Path) -> None:
    from mentorkit.render import LINK_BUTTON_STYLE

    panel = _panel(sample_workbook)
    assert LINK_BUTTON_STYLE in panel.download.value and "text-decoration:none" in (
        LINK_BUTTON_STYLE
    )
    assert panel.profile_panel is panel.profile.widget  # the profile step lives on this page
