"""Benchmark the progress metrics over a cohort, against loading the same workbooks.

The cohort runner computes ``progress_summary`` for every participant after loading their
workbook, so the summary should cost less than the load it follows.  Prints the median CPU
time (process time: steadier than wall time on a shared machine) of both over the same
in-memory cohort, their ratio, and the per-participant time.
Target: the summary costs at most 1x a validated load of the same workbook.

    python benchmarks/bench_progress.py [--participants 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

from mentorkit import progress, sample, store

TARGET_RATIO = 1.0


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    cohort = sample.make_cohort(args.participants)
    today = sample.SAMPLE_TODAY
    texts = [json.dumps(store.workbook_to_dict(workbook)) for workbook in cohort]

    def summaries() -> None:
        for workbook in cohort:
            progress.progress_summary(workbook, today)

    def loads() -> None:
        for text in texts:
            store.workbook_from_dict(json.loads(text))

    ours = median_time(summaries, args.repeat)
    baseline = median_time(loads, args.repeat)
    ratio = ours / baseline
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    n = args.participants
    print(
        f"progress_summary for {n} workbooks: {ours * 1000:.1f} ms ({ours / n * 1e6:.0f} us each)"
    )
    print(f"baseline, parse + validate the same {n} workbooks: {baseline * 1000:.1f} ms")
    print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO:.1f}): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
