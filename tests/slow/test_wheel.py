"""The package is the product: a wheel installed outside the checkout runs a cohort.

The wheel is built from a copy of the repository (nothing is written into the checkout) and
installed without its dependencies into a fresh virtual environment in a temporary folder;
the dependencies come from the test run's own environment through a ``.pth`` line, so
nothing is downloaded.  Then, from a folder that is not the checkout and with no
``PYTHONPATH``, the installed ``mentorkit`` command copies the notebooks, writes a
two-participant sample cohort, prepares it and runs every report.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import NOTEBOOKS, REPO
from tests.support import run_ok

_NOT_BUILT_FROM = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "test-artifacts",
    "workbooks",
    "docs",
)
#: Variables that would let the installed copy see the checkout or the developer's setup.
_LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "MENTORKIT_WORKBOOK")


def _build_wheel(tmp_path: Path, env: dict[str, str]) -> Path:
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=_NOT_BUILT_FROM)
    dist = tmp_path / "dist"
    run_ok(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--wheel-dir", str(dist), str(source)),
        ],
        cwd=tmp_path,
        env=env,
    )
    (wheel,) = dist.glob("mentorkit-*.whl")
    return wheel


def _fresh_venv(tmp_path: Path, wheel: Path, env: dict[str, str]) -> Path:
    venv = tmp_path / "venv"
    run_ok([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    purelib = run_ok(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=tmp_path,
        env=env,
    ).strip()
    # The dependencies, from this environment; its own editable mentorkit stays out of reach
    # (a plain path line does not run that environment's .pth files).
    Path(purelib, "shared-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    run_ok(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"),
            *("--no-deps", "--no-index", str(wheel)),
        ],
        cwd=tmp_path,
        env=env,
    )
    return venv


@pytest.mark.slow
def test_a_wheel_installed_outside_the_checkout_runs_a_two_participant_cohort(
    tmp_path: Path,
) -> None:
    env = {key: value for key, value in os.environ.items() if key not in _LEAKY_ENV}
    env["HOME"] = str(tmp_path / "home")
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")
    # The dependencies' data files (nbconvert's templates) that their own install would have
    # put in the fresh environment's share/jupyter.
    env["JUPYTER_PATH"] = str(Path(sys.prefix, "share", "jupyter"))
    wheel = _build_wheel(tmp_path, env)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    shipped = {name for name in names if name.startswith("mentorkit/notebooks/")}
    assert shipped == {f"mentorkit/notebooks/{path.name}" for path in NOTEBOOKS.glob("*.ipynb")}
    assert not any(name.startswith(("tools/", "tests/")) for name in names), "dev tooling shipped"
    static = {
        f"mentorkit/widgets/static/{p.name}" for p in (REPO / "mentorkit/widgets/static").iterdir()
    }
    assert static and static <= names, "the widgets' page code is not in the wheel"

    venv = _fresh_venv(tmp_path, wheel, env)
    mentorkit = str(venv / "bin" / "mentorkit")
    work = tmp_path / "elsewhere"  # not the checkout: nothing may come from it
    work.mkdir()
    where = run_ok(
        [str(venv / "bin" / "python"), "-c", "import mentorkit; print(mentorkit.__file__)"],
        cwd=work,
        env=env,
    )
    assert Path(where.strip()).is_relative_to(venv), where
    # The widgets' page code (tag boxes, file buttons) is read from the installed copy.
    run_ok(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from mentorkit.widgets import common; "
            "assert 'export default' in str(common.TagEntry._esm), 'no page code'",
        ],
        cwd=work,
        env=env,
    )

    run_ok([mentorkit, "notebooks", "mine"], cwd=work, env=env)
    assert sorted(path.name for path in (work / "mine").iterdir()) == sorted(
        path.name for path in NOTEBOOKS.glob("0[0-4]_*.ipynb")
    )
    run_ok([mentorkit, "sample", "cohort", "--participants", "2"], cwd=work, env=env)
    roster = str(work / "cohort" / "roster.csv")
    prepared = run_ok(
        [mentorkit, "cohort", "prepare", roster, "--out", "workshop"], cwd=work, env=env
    )
    assert "8 notebook(s) written" in prepared
    run_ok(
        [mentorkit, "cohort", "run", roster, "--out", "out", "--workers", "2", "--quiet"],
        cwd=work,
        env=env,
        timeout=240,
    )
    for participant in ("p01", "p02"):
        folder = work / "out" / participant
        assert (folder / "report.html").is_file(), f"{participant} has no report"
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        assert summary["participant_id"] == participant
