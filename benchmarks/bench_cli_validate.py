"""Benchmark ``mentorkit validate`` against a bare ``json.load`` of the same file.

Both run as fresh processes of the same interpreter (start-up and imports included, which is
what a person waits for), on the sample participant's workbook, taking turns; the median wall
time of each and their ratio are printed.  Target: at most 3x the bare load.  Also printed:
the time of the imports alone (what every run pays before reading anything).

The runs inherit this environment.  Where it turns off the bytecode cache
(``PYTHONDONTWRITEBYTECODE``, as some sandboxes do), every run compiles mentorkit's source,
which no installed copy does (pip writes the cache at install); the figures with a cache (a
private one, in a temporary folder) are then printed too.  The verdict is this environment's.

    python benchmarks/bench_cli_validate.py [--repeat 15]
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


def median_wall_times(
    commands: list[list[str]], repeat: int, env: dict[str, str] | None = None
) -> list[float]:
    """The median wall time of each command, run in turns so load changes hit all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, taken in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def measure(path: Path, repeat: int, label: str, env: dict[str, str] | None = None) -> float:
    """Print the bare load, the imports and ``validate`` of ``path``; return the ratio."""
    bare = [sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))", str(path)]
    imports = [sys.executable, "-c", "import mentorkit.cli.workbook"]
    ours = [sys.executable, "-m", "mentorkit", "validate", str(path)]
    median_wall_times([ours, imports], 2, env)  # caches warm (and bytecode written, if on)
    baseline, imported, validate = median_wall_times([bare, imports, ours], repeat, env)
    ratio = validate / baseline
    print(f"{label}:")
    print(f"  bare json.load:     {baseline * 1000:7.1f} ms")
    print(f"  mentorkit validate: {validate * 1000:7.1f} ms")
    print(f"  (its imports alone: {imported * 1000:7.1f} ms)")
    print(f"  ratio {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x)")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    no_cache = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "workbook.json"
        store.create_workbook(path, sample.make_workbook(0, today=date(2026, 11, 23)))
        label = "this environment" + (", no bytecode cache" if no_cache else "")
        ratio = measure(path, args.repeat, label)
        if no_cache:
            cached = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(scratch) / "pycache")}
            del cached["PYTHONDONTWRITEBYTECODE"]
            measure(path, args.repeat, "with a bytecode cache, as an installed copy runs", cached)
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"verdict ({label}): {ratio:.2f}x, {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
