"""Benchmark ``mentorkit validate`` against a bare ``json.load`` of the same file.

Both run as fresh processes of the same interpreter (start-up and imports included, which is
what a person waits for), on the sample participant's workbook, taking turns; the median wall
time of each and their ratio are printed.  Target: at most 3x the bare load.  Also printed:
the time of the imports alone (what every run pays before reading anything).

The runs inherit this environment.  Where it turns off the bytecode cache
(``PYTHONDONTWRITEBYTECODE``, as some sandboxes do), every run compiles mentorkit's source,
which no installed copy does (pip writes the cache at install); the figures with a cache (a
private one, in a temporary folder) are then printed too.  ``--installed`` also builds the
wheel of this checkout and measures it installed in a fresh virtual environment (no
dependencies: validate needs none), as a person who ran ``pip install mentorkit`` waits: a
Python without this checkout's editable-install hook starts faster, so the same imports
weigh more there.  The verdict is this environment's.

    python benchmarks/bench_cli_validate.py [--repeat 15] [--installed]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from mentorkit import sample, store

TARGET_RATIO = 3.0
CHECKOUT = Path(__file__).resolve().parent.parent


def median_wall_times(
    commands: list[list[str]], repeat: int, env: dict[str, str] | None, cwd: Path | None
) -> list[float]:
    """The median wall time of each command, run in turns so load changes hit all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, taken in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env, cwd=cwd)
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def measure(
    path: Path,
    repeat: int,
    label: str,
    *,
    python: str = sys.executable,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> float:
    """Print the bare load, the imports and ``validate`` of ``path``; return the ratio."""
    bare = [python, "-c", "import json, sys; json.load(open(sys.argv[1]))", str(path)]
    imports = [python, "-c", "import mentorkit.cli.workbook"]
    ours = [python, "-m", "mentorkit", "validate", str(path)]
    median_wall_times([ours, imports], 2, env, cwd)  # caches warm (and bytecode written, if on)
    baseline, imported, validate = median_wall_times([bare, imports, ours], repeat, env, cwd)
    ratio = validate / baseline
    print(f"{label}:")
    print(f"  bare json.load:     {baseline * 1000:7.1f} ms")
    print(f"  mentorkit validate: {validate * 1000:7.1f} ms")
    print(f"  (its imports alone: {imported * 1000:7.1f} ms)")
    print(f"  ratio {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x)")
    return ratio


def installed_python(scratch: Path, env: dict[str, str]) -> str:
    """This checkout's wheel installed in a new virtual environment; its interpreter.

    ``env`` must not put the checkout on the path, or pip finds mentorkit there and skips it.
    """
    wheels, venv = scratch / "wheel", scratch / "venv"
    build = [sys.executable, "-m", "pip", "wheel", str(CHECKOUT), "--no-deps"]
    subprocess.run(
        [*build, "--no-build-isolation", "-w", str(wheels)], check=True, capture_output=True
    )
    subprocess.run(
        [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, env=env
    )
    python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    (wheel,) = wheels.glob("mentorkit-*.whl")
    install = [python, "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)]
    subprocess.run(install, check=True, capture_output=True, env=env)
    return python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--installed", action="store_true", help="also measure the wheel installed in a venv"
    )
    args = parser.parse_args()
    no_cache = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        path = scratch / "workbook.json"
        store.create_workbook(path, sample.make_workbook(0, today=date(2026, 11, 23)))
        label = "this environment" + (", no bytecode cache" if no_cache else "")
        ratio = measure(path, args.repeat, label)
        if no_cache:
            cached = {**os.environ, "PYTHONPYCACHEPREFIX": str(scratch / "pycache")}
            del cached["PYTHONDONTWRITEBYTECODE"]
            label_cached = "with a bytecode cache, as an installed copy runs"
            measure(path, args.repeat, label_cached, env=cached)
        if args.installed:
            outside = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
            measure(
                path,
                args.repeat,
                "the wheel installed in a fresh venv",
                python=installed_python(scratch, outside),
                env=outside,
                cwd=scratch,  # not the checkout, whose mentorkit/ would be imported instead
            )
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"verdict ({label}): {ratio:.2f}x, {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
