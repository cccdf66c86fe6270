"""Benchmark the cohort runner against a naive sequential papermill loop, in the same run.

Both execute the same report notebook with the same parameters for a 24-participant sample
cohort.  The runner also writes each HTML copy and summary; the naive loop only executes.
Prints both wall times, the speed-up, and each notebook's overhead over a bare kernel
start (start + shut down, no imports).  Target on 2 cores: the runner at least 1.8x faster.

    python benchmarks/bench_cohort.py [--participants 24] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import papermill
from jupyter_client.manager import KernelManager

from mentorkit import sample
from mentorkit.cohort import read_roster, run
from mentorkit.cohort.layout import write_sample_cohort
from mentorkit.cohort.runner import DEFAULT_REPORT_NOTEBOOK

TARGET_SPEEDUP = 1.8
TODAY = sample.SAMPLE_TODAY.isoformat()


def bare_kernel_start(repeat: int = 3) -> float:
    """Median seconds to start a python3 kernel, wait until it answers, and shut it down."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        manager = KernelManager(kernel_name="python3")
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        client.stop_channels()
        manager.shutdown_kernel(now=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def naive_loop(roster_path: Path, folder: Path) -> float:
    """What a facilitator would write first: one papermill call after another."""
    roster = read_roster(roster_path)
    started = time.perf_counter()
    for entry in roster.entries:
        papermill.execute_notebook(
            str(DEFAULT_REPORT_NOTEBOOK),
            str(folder / f"{entry.participant_id}.ipynb"),
            parameters={
                "workbook_path": str(entry.workbook),
                "participant_id": entry.participant_id,
                "today": TODAY,
                "summary_path": str(folder / f"{entry.participant_id}.json"),
            },
            kernel_name="python3",
            progress_bar=False,
        )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=24)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as temp:
        base = Path(temp)
        workbooks = sample.make_cohort(
            args.participants, seed=sample.SAMPLE_SEED, today=sample.SAMPLE_TODAY
        )
        roster = write_sample_cohort(base / "cohort", workbooks)
        (base / "naive").mkdir()

        kernel = bare_kernel_start()
        naive = naive_loop(roster, base / "naive")
        started = time.perf_counter()
        results = run(roster, base / "out", workers=args.workers, today=TODAY, progress=False)
        runner = time.perf_counter() - started

    failed = int((results["status"] != "done").sum())
    speedup = naive / runner
    per_notebook = naive / args.participants
    print(
        f"cohort of {args.participants}, {os.cpu_count()} cores, workers={args.workers or os.cpu_count()}"
    )
    print(f"bare kernel start + shutdown:   {kernel:6.2f} s (median of 3)")
    print(f"naive sequential papermill:     {naive:6.2f} s  ({per_notebook:.2f} s per notebook)")
    print(
        f"mentorkit cohort runner:        {runner:6.2f} s  (with HTML and summaries; {failed} failed)"
    )
    print(f"speed-up:                       {speedup:6.2f}x  (target >= {TARGET_SPEEDUP}x)")
    print(f"per-notebook overhead over a bare kernel start: {per_notebook - kernel:.2f} s")
    ok = speedup >= TARGET_SPEEDUP and failed == 0
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
