"""Benchmark ``mentorkit validate`` against a bare ``json.load`` of the same file.

Both run as fresh processes of the same interpreter (start-up and imports included, which is
what a person waits for), on the sample participant's workbook, taking turns; the median wall
time of each and their ratio are printed.  Target: at most 3x the bare load.

    python benchmarks/bench_cli_validate.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from mentorkit import sample, store

TARGET_RATIO = 3.0


def median_wall_times(commands: list[list[str]], repeat: int) -> list[float]:
    """The median wall time of each command, run in turns so load changes hit all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, taken in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "workbook.json"
        store.create_workbook(path, sample.make_workbook(0, today=date(2026, 11, 23)))
        bare = [sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))", str(path)]
        ours = [sys.executable, "-m", "mentorkit", "validate", str(path)]
        median_wall_times([ours], 2)  # bytecode written, caches warm
        baseline, validate = median_wall_times([bare, ours], args.repeat)
    ratio = validate / baseline
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"bare json.load:     {baseline * 1000:7.1f} ms")
    print(f"mentorkit validate: {validate * 1000:7.1f} ms")
    print(f"ratio {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
