"""The cohort layout: ids checked before any path is built; temporary names; done markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorkit.cohort.layout import CohortLayout, ParticipantFiles
from mentorkit.errors import UnsafeIdError
from mentorkit.model import check_participant_id


@pytest.mark.parametrize(
    "participant_id",
    ["", ".", "..", "../p01", "a/b", "a\\b", "/etc", "p 01", "pé", "p01\n", "x" * 65, "p\x00"],
)
def test_unsafe_ids_are_refused_before_a_path_is_built(tmp_path: Path, participant_id: str) -> None:
    with pytest.raises(UnsafeIdError):
        CohortLayout(tmp_path).participant(participant_id)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("participant_id", ["p01", "P-01_a", "x" * 64, "-", "_"])
def test_safe_ids_map_to_a_folder_directly_inside_out(tmp_path: Path, participant_id: str) -> None:
    files = CohortLayout(tmp_path).participant(participant_id)
    assert files.folder == tmp_path / participant_id
    assert files.report_notebook == tmp_path / participant_id / "report.ipynb"
    assert files.report_html.name == "report.html"
    assert files.summary.name == "summary.json"
    assert check_participant_id(participant_id) == participant_id


def test_temporary_names_keep_the_suffix_and_are_hidden(tmp_path: Path) -> None:
    files = CohortLayout(tmp_path).participant("p01")
    partial = ParticipantFiles.partial(files.report_notebook)
    assert partial.parent == files.folder
    assert partial.name.startswith(".") and partial.suffix == ".ipynb"
    assert partial != files.report_notebook


def test_done_means_summary_and_report_exist_and_partials_are_cleared(tmp_path: Path) -> None:
    files = CohortLayout(tmp_path).participant("p01")
    files.folder.mkdir()
    assert not files.is_done()
    files.partial(files.summary).write_text("{}")
    files.partial(files.report_notebook).write_text("{}")
    assert not files.is_done()  # a half-written run is never taken as done
    files.clear_partials()
    assert list(files.folder.iterdir()) == []
    files.report_notebook.write_text("{}")
    files.summary.write_text("{}")
    assert files.is_done()


def test_prepared_notebook_names_must_be_plain(tmp_path: Path) -> None:
    files = CohortLayout(tmp_path).participant("p01")
    assert (
        files.prepared_notebook("01_goals.ipynb")
        == tmp_path / "p01" / "notebooks" / "01_goals.ipynb"
    )
    for name in ("../x.ipynb", "a/b.ipynb", "..", ""):
        with pytest.raises(UnsafeIdError):
            files.prepared_notebook(name)


def test_listing_ignores_stray_folders_and_unfinished_participants(tmp_path: Path) -> None:
    layout = CohortLayout(tmp_path)
    for pid in ("p02", "p01"):
        files = layout.participant(pid)
        files.folder.mkdir()
        files.summary.write_text("{}")
    layout.participant("p03").folder.mkdir()
    (tmp_path / "not an id").mkdir()
    (tmp_path / "file.txt").write_text("x")
    assert layout.participant_ids() == ["p01", "p02", "p03"]
    assert [p.parent.name for p in layout.summaries()] == ["p01", "p02"]
    assert CohortLayout(tmp_path / "missing").participant_ids() == []


def test_summaries_never_follow_a_link_planted_in_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    (out / "p01").mkdir(parents=True)
    (out / "p01" / "summary.json").write_text("{}", encoding="utf-8")
    (elsewhere / "p02").mkdir(parents=True)
    (elsewhere / "p02" / "summary.json").write_text("{}", encoding="utf-8")
    (elsewhere / "secret.json").write_text("{}", encoding="utf-8")
    (out / "p02").symlink_to(elsewhere / "p02", target_is_directory=True)
    (out / "p03").mkdir()
    (out / "p03" / "summary.json").symlink_to(elsewhere / "secret.json")

    layout = CohortLayout(out)
    assert layout.participant_ids() == ["p01", "p03"]
    assert layout.summaries() == [out / "p01" / "summary.json"]
