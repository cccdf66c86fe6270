"""Benchmark cohort reports: the naive papermill loop, the kernel engine and the warm engine.

All three execute the same report notebook with the same parameters for a 24-participant
sample cohort, in one run of this script; the two engines also write each HTML copy and
summary, the naive loop only executes.  The floor is the same computation (load the workbook,
build every section, save the summary) for everyone in this one plain process, no notebook.

The warm engine runs twice, just before and just after the naive loop (the load of a
shared machine drifts), each time with a warm parent of its own; its figure is the mean.
Prints each one's wall time, its speed-up over the naive loop, and its time per participant
against the floor; where a warm participant's time goes (execute, export, write); and whether
the two engines' reports are identical.  Target on 2 cores: the warm engine at least 6x faster
than the naive loop, with identical reports.

    python benchmarks/bench_cohort.py [--participants 24] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

import papermill
from jupyter_client.manager import KernelManager

from mentorkit import sample
from mentorkit.cohort import engine, read_roster, run
from mentorkit.cohort.layout import CohortLayout, write_sample_cohort
from mentorkit.cohort.report import load_report
from mentorkit.cohort.runner import DEFAULT_REPORT_NOTEBOOK, time_spent

TARGET_SPEEDUP = 6.0
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


def in_process_floor(roster_path: Path, folder: Path) -> float:
    """The report's own work for everyone, in this process: what no engine can go below."""
    roster = read_roster(roster_path)

    def one(participant_id: str, workbook: Path) -> None:
        report = load_report(str(workbook), participant_id, TODAY)
        for section in (report.header, report.goals, report.network, report.asks):
            section()._repr_html_()
        report.progress()._repr_html_()
        report.save_summary(str(folder / f"{participant_id}.json"))

    first = roster.entries[0]
    one(first.participant_id, first.workbook)  # imports and fonts, as a warm process has them
    started = time.perf_counter()
    for entry in roster.entries:
        one(entry.participant_id, entry.workbook)
    return time.perf_counter() - started


#: papermill gives its injected parameters cell a new random id in every run, engine or not.
_CELL_ID = re.compile(rb'id="cell-id=[0-9a-f-]+"')


def differences(out_a: Path, out_b: Path, participant_ids: list[str]) -> list[str]:
    """Files whose content differs between two runs' reports (HTML but cell ids, summary)."""
    different = []
    for pid in participant_ids:
        a, b = CohortLayout(out_a).participant(pid), CohortLayout(out_b).participant(pid)
        for name in ("report_html", "summary"):
            text_a, text_b = (_CELL_ID.sub(b"", getattr(f, name).read_bytes()) for f in (a, b))
            if text_a != text_b:
                different.append(f"{pid}/{getattr(a, name).name}")
    return different


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=24)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = parser.parse_args()
    count = args.participants
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as temp:
        base = Path(temp)
        workbooks = sample.make_cohort(count, seed=sample.SAMPLE_SEED, today=sample.SAMPLE_TODAY)
        roster = write_sample_cohort(base / "cohort", workbooks)
        ids = [entry.participant_id for entry in read_roster(roster).entries]
        for folder in ("naive", "floor"):
            (base / folder).mkdir()

        kernel_start = bare_kernel_start()
        load_before = os.getloadavg()[0]
        timed: dict[str, list[float]] = {"warm": [], "kernel": []}
        results = {}
        failed = {"warm": 0, "kernel": 0}

        def timed_run(engine_name: str, folder: str) -> None:
            started = time.perf_counter()
            results[engine_name] = run(
                roster,
                base / folder,
                workers=args.workers,
                today=TODAY,
                progress=False,
                engine=engine_name,
            )
            timed[engine_name].append(time.perf_counter() - started)
            failed[engine_name] += int((results[engine_name]["status"] != "done").sum())
            engine.stop_warm_parent()  # the next warm run pays for its own warm parent

        # The load of a shared machine drifts: the warm engine runs just before and just after
        # the naive loop, and the speed-up uses the mean of the two.
        timed_run("warm", "warm-before")
        naive = naive_loop(roster, base / "naive")
        timed_run("warm", "warm")
        timed_run("kernel", "kernel")
        floor = in_process_floor(roster, base / "floor")
        load_after = os.getloadavg()[0]
        different = differences(base / "kernel", base / "warm", ids)

    workers = args.workers or os.cpu_count()
    print(f"cohort of {count}, {os.cpu_count()} cores, workers={workers}")
    print(f"load average (1 min) before / after: {load_before:.2f} / {load_after:.2f}")
    print(f"bare kernel start + shutdown: {kernel_start:.2f} s (median of 3)")
    print(f"in-process floor: {floor:6.2f} s  ({floor / count:.3f} s per participant)")
    print(f"{'':24}{'wall':>8}{'per participant':>17}{'x floor':>9}{'speed-up':>10}")
    warm = statistics.mean(timed["warm"])
    rows = [
        ("naive papermill loop", naive),
        ("kernel engine", timed["kernel"][0]),
        ("warm engine (mean)", warm),
        ("  warm, before naive", timed["warm"][0]),
        ("  warm, after naive", timed["warm"][1]),
    ]
    for label, seconds in rows:
        print(
            f"{label:24}{seconds:7.2f}s{seconds / count:15.3f} s{seconds / floor:8.1f}x"
            f"{naive / seconds:9.2f}x"
        )
    print(f"(engines include HTML and summaries; failed: kernel {failed['kernel']}, "
          f"warm {failed['warm']})")  # fmt: skip
    for name in ("kernel", "warm"):
        print(f"{name}: {time_spent(results[name])}")
    print(
        "reports identical (HTML and summary) between engines: "
        + ("yes" if not different else f"NO, {len(different)} differ: {different[:4]}")
    )
    speedup = naive / warm
    print(f"warm speed-up over naive: {speedup:.2f}x (target >= {TARGET_SPEEDUP}x)")
    ok = speedup >= TARGET_SPEEDUP and not any(failed.values()) and not different
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
