"""Scratch folders of cohort runs: removed after use, at exit, and after a kill by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorkit.cohort import scratch


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _folder(base: Path, pid: int, owner: str | None) -> Path:
    folder = base / f"{scratch.PREFIX}{pid}-abc"
    folder.mkdir()
    (folder / "kernel.json").write_text("{}")
    if owner is not None:
        (folder / "owner").write_text(owner)
    return folder


def test_a_scratch_folder_is_private_and_removed_after_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with scratch.scratch_folder() as folder:
        assert folder.parent == tmp_path and folder.name.startswith(f"mentorkit-run-{os.getpid()}-")
        assert folder.stat().st_mode & 0o777 == 0o700
        (folder / "snapshot.json").write_text("secret")
    assert list(tmp_path.iterdir()) == []


def test_only_folders_of_dead_runs_in_this_process_space_are_swept(tmp_path: Path) -> None:
    here = scratch._process_namespace()
    dead = _dead_pid()
    killed = _folder(tmp_path, dead, here)
    alive = _folder(tmp_path, os.getppid(), here)
    elsewhere = _folder(tmp_path, dead + 100_000, "pid:[1]")  # another container's
    unmarked = _folder(tmp_path, dead + 100_001, None)
    unrelated = tmp_path / f"other-{dead}"
    unrelated.mkdir()
    assert scratch.sweep_stale(tmp_path) == [killed]
    assert not killed.exists()
    assert alive.exists() and elsewhere.exists() and unmarked.exists() and unrelated.exists()
