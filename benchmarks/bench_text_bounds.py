"""Benchmark every text-analysing entry point (the goal review aside) on hostile long text.

Each entry point of ``tests/text_bounds.py`` (the ask with its checks and exports, the
network analysis, the contacts import, the roster, language detection, the terminal
sanitizer, the CSV reader) runs on 10,000 spaces, one letter 10,000 times and 10,000 mixed
characters.  Prints the median of ``--repeat`` runs for each, a baseline measured in the
same run (the same entry point on a 100-character ordinary sentence) and the ratio.
Target: every median under 100 ms (a regex that backtracks would take seconds).

    PYTHONPATH=. python benchmarks/bench_text_bounds.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.text_bounds import ENTRY_POINTS, hostile_texts  # after the path

TARGET_S = 0.100
ORDINARY = "Meet three senior engineers in four 30-minute conversations over eight weeks. " * 2


def _median(entry: Callable[[str], object], text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        entry(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = hostile_texts()
    slowest = 0.0
    print(f"{'entry point':32} {'text':11} {'median ms':>10} {'baseline ms':>12} {'ratio':>7}")
    for name, entry in ENTRY_POINTS.items():
        entry(ORDINARY)  # imports and caches out of the measurement
        baseline = _median(entry, ORDINARY[:100], args.repeat)
        for kind, text in texts.items():
            median = _median(entry, text, args.repeat)
            slowest = max(slowest, median)
            ratio = median / baseline if baseline else float("inf")
            print(f"{name:32} {kind:11} {median * 1e3:10.2f} {baseline * 1e3:12.2f} {ratio:7.1f}")
    verdict = "met" if slowest < TARGET_S else "MISSED"
    print(f"\nslowest median {slowest * 1e3:.2f} ms; target {TARGET_S * 1e3:.0f} ms: {verdict}")
    return 0 if slowest < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
