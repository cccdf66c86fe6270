"""The Binder launch, checked without Docker.

repo2docker reads only ``binder/`` when it exists: it installs ``binder/requirements.txt`` for
the Python named in ``binder/runtime.txt`` into an image whose home folder holds the
repository, then runs ``binder/postBuild`` there.  The slow test below does the same in a fresh
virtual environment (home = a temporary folder holding a copy of the repository) and runs
every notebook with its default parameters, exactly as a visitor who presses "Run all" would.
The quick tests keep ``binder/`` in step with ``pyproject.toml`` and check ``binder/start``,
which re-dates an untouched sample workbook at each launch (the image may be weeks old).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from mentorkit import sample, store
from tests.conftest import NOTEBOOKS, REPO, require
from tests.support import run_ok

BINDER = REPO / "binder"
#: Environment variables that would let the check see the developer's setup instead of Binder's.
_LEAKY_ENV = (
    "MENTORKIT_WORKBOOK",
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PYTHONHOME",
    "JUPYTER_PATH",
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_DATA_DIR",
    "JUPYTER_RUNTIME_DIR",
    "MPLCONFIGDIR",
)


def _requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def _normalised(requirement: str) -> str:
    return requirement.replace(" ", "").lower()


def test_requirements_match_the_package_dependencies() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    # JupyterLab is in Binder's base image; Voila (the app badge) is not, so the lab extra's
    # Voila pin is listed too.
    voila = [dep for dep in pyproject["project"]["optional-dependencies"]["lab"] if "voila" in dep]
    wanted = sorted(_normalised(dep) for dep in [*pyproject["project"]["dependencies"], *voila])
    listed = sorted(_normalised(req) for req in _requirement_lines(BINDER / "requirements.txt"))
    assert voila and listed == wanted, (
        "binder/requirements.txt must list pyproject's dependencies and the lab extra's voila"
    )


def test_runtime_is_the_python_we_support() -> None:
    assert (BINDER / "runtime.txt").read_text("utf-8").strip() == "python-3.11"


def test_postbuild_is_an_executable_script_that_stops_on_error() -> None:
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs binder/postBuild as a program"
    lines = post_build.read_text("utf-8").splitlines()
    assert lines[0].startswith("#!/bin/bash")
    assert "set -e" in lines
    assert "pip install --no-deps -e ." in lines
    assert 'mentorkit new "$HOME/my-workbook/workbook.json" --sample' in lines


def _start(home: Path, path_dirs: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run binder/start as Binder would, launching a stand-in for JupyterLab."""
    env = {key: value for key, value in os.environ.items() if key not in _LEAKY_ENV}
    env["HOME"] = str(home)
    env["PATH"] = os.pathsep.join([*map(str, path_dirs), "/usr/bin", "/bin"])
    return subprocess.run(
        [str(BINDER / "start"), "echo", "launched"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _built_sample(home: Path, day: date) -> Path:
    """The workbook postBuild leaves behind, as if the image was built on ``day``."""
    workbook = home / "my-workbook" / "workbook.json"
    workbook.parent.mkdir(parents=True)
    store.save_workbook(sample.make_workbook(0, today=day), workbook)
    digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    (home / ".mentorkit-sample.sha256").write_text(
        f"{digest}  {workbook}\n", "utf-8"
    )  # sha256sum's format
    return workbook


VENV_BIN = Path(sys.executable).parent


def test_start_redates_an_untouched_sample_and_launches(tmp_path: Path) -> None:
    workbook = _built_sample(tmp_path, date(2026, 1, 5))
    built = workbook.read_bytes()
    launch = _start(tmp_path, [VENV_BIN])
    assert launch.returncode == 0, launch.stderr
    assert launch.stdout == "launched\n"
    assert workbook.read_bytes() != built
    assert (
        store.load_workbook(workbook).profile == sample.make_workbook(0, today=date.today()).profile
    )
    # Still the untouched sample, so the next launch may re-date it again.
    check = subprocess.run(
        ["sha256sum", "--check", "--status", str(tmp_path / ".mentorkit-sample.sha256")],
        check=False,
    )
    assert check.returncode == 0
    assert sorted(p.name for p in workbook.parent.iterdir()) == ["workbook.json"]


def test_start_never_replaces_a_workbook_the_visitor_changed(tmp_path: Path) -> None:
    workbook = _built_sample(tmp_path, date(2026, 1, 5))
    changed = store.load_workbook(workbook)
    changed.profile.name = "The visitor"
    store.save_workbook(changed, workbook)
    mine = workbook.read_bytes()
    launch = _start(tmp_path, [VENV_BIN])
    assert launch.returncode == 0, launch.stderr
    assert launch.stdout == "launched\n"
    assert workbook.read_bytes() == mine


def test_start_launches_even_when_the_sample_cannot_be_redated(tmp_path: Path) -> None:
    workbook = _built_sample(tmp_path, date(2026, 1, 5))
    built = workbook.read_bytes()
    launch = _start(tmp_path, [tmp_path / "no-mentorkit-here"])
    assert launch.returncode == 0
    assert launch.stdout == "launched\n"
    assert "keeping the one built" in launch.stderr
    assert workbook.read_bytes() == built


#: What a clone would not have (ignored by .gitignore), for copying without git.
_NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "build",
    "dist",
    "test-artifacts",
    "workbooks",
    ".ipynb_checkpoints",
)


def _copy_repository(target: Path) -> None:
    """The files a clone would have (tracked plus new, unignored ones), as repo2docker copies."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO,
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):  # an unpacked archive, not a clone
        shutil.copytree(REPO, target, ignore=_NOT_IN_A_CLONE)
        return
    for relative in filter(None, listed.split("\0")):
        source = REPO / relative
        if not source.is_file():  # deleted in the working tree, not yet in a commit
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


def _binder_env(home: Path, venv: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _LEAKY_ENV}
    env.update(
        {
            "HOME": str(home),
            "VIRTUAL_ENV": str(venv),
            "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
    )
    return env


@pytest.mark.slow
def test_a_fresh_binder_environment_runs_every_notebook(tmp_path: Path) -> None:
    require(sys.version_info[:2] == (3, 11), "Python 3.11, the version binder/runtime.txt names")
    notebooks = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
    assert notebooks, "mentorkit/notebooks/ holds no notebook to launch"

    home = tmp_path / "home"  # on Binder the repository is copied into the home folder
    _copy_repository(home)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env = _binder_env(home, venv)
    run_ok(
        # --no-compile: the same files; bytecode gets written on first import instead, which
        # halves the install time here.
        [
            str(venv / "bin" / "pip"),
            "install",
            "--quiet",
            "--no-compile",
            "-r",
            "binder/requirements.txt",
        ],
        cwd=home,
        env=env,
        timeout=600,
    )
    run_ok([str(home / "binder" / "postBuild")], cwd=home, env=env, timeout=300)

    workbook = home / "my-workbook" / "workbook.json"
    assert workbook.is_file(), "postBuild did not create the visitor's workbook"
    validate = [str(venv / "bin" / "mentorkit"), "validate", str(workbook)]
    assert " 0 goal(s)" not in run_ok(validate, cwd=home, env=env, timeout=60), "not the sample"
    # Each launch goes through binder/start, which re-dates the untouched sample.
    launched = run_ok(
        [str(home / "binder" / "start"), "echo", "launched"], cwd=home, env=env, timeout=60
    )
    assert launched == "launched\n"
    assert " 0 goal(s)" not in run_ok(validate, cwd=home, env=env, timeout=60)

    executed = tmp_path / "executed"
    executed.mkdir()

    def run_notebook(name: str) -> str:
        # Default parameters: the notebook finds the visitor's workbook on its own.
        return run_ok(
            [
                str(venv / "bin" / "papermill"),
                str(home / "mentorkit" / "notebooks" / name),
                str(executed / name),
                "--cwd",
                str(home / "mentorkit" / "notebooks"),
                "--kernel",
                "python3",
                "--no-progress-bar",
            ],
            cwd=home,
            env=env,
            timeout=300,
        )

    with ThreadPoolExecutor(max_workers=2) as pool:  # two cores: two kernels at a time
        list(pool.map(run_notebook, notebooks))
    assert sorted(path.name for path in executed.glob("*.ipynb")) == notebooks
    # Running every notebook as it comes neither breaks nor replaces the visitor's workbook.
    assert " 0 goal(s)" not in run_ok(validate, cwd=home, env=env, timeout=60)
