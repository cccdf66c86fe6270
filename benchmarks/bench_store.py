"""Benchmark the workbook store against plain ``json`` on the same files, in the same run.

Prints, for each case, the median CPU time (process time: steadier than wall time on a
shared machine) of mentorkit and of the baseline and their ratio.
Target: at most 3x plain JSON (validation, migration check, atomic save and backup included).

    python benchmarks/bench_store.py [--participants 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from mentorkit import sample, store
from mentorkit.cohort.layout import write_sample_cohort
from mentorkit.model import CheckIn, Contact

TARGET_RATIO = 3.0


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        result = action()
        times.append(time.process_time() - start)
        del result
    return statistics.median(times)


def report(label: str, ours: float, baseline: float) -> bool:
    ratio = ours / baseline
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(
        f"{label:<48} mentorkit {ours * 1000:8.1f} ms   plain json {baseline * 1000:8.1f} ms"
        f"   ratio {ratio:4.2f}x (target <= {TARGET_RATIO:.0f}x) {verdict}"
    )
    return ratio <= TARGET_RATIO


def big_workbook_case(folder: Path) -> bool:
    workbook = sample.make_workbook(0)
    mentorship = workbook.mentorships[0]
    for index in range(500 - len(workbook.contacts)):
        workbook.contacts.append(
            Contact(id=f"bench-c{index}", name=f"Person {index}", areas=["writing", "hiring"])
        )
    for index in range(200 - len(workbook.checkins)):
        workbook.checkins.append(
            CheckIn(
                id=f"bench-k{index}",
                mentorship_id=mentorship.id,
                date=date(2026, 1, 1) + timedelta(days=index),
                notes="Talked about the plan. " * 5,
                rating=index % 5 - 2,
            )
        )
    path = folder / "big.json"
    plain = folder / "plain.json"
    store.save_workbook(workbook, path)
    plain.write_bytes(path.read_bytes())

    def ours() -> None:
        store.save_workbook(store.load_workbook(path), path)

    def baseline() -> None:
        with plain.open(encoding="utf-8") as handle:
            data = json.load(handle)
        with plain.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)

    return report(
        "load + save, 500 contacts + 200 check-ins",
        median_time(ours, 15),
        median_time(baseline, 15),
    )


def cohort_case(folder: Path, participants: int) -> bool:
    roster = write_sample_cohort(folder / "cohort", sample.make_cohort(participants))
    pairs = [(p.stem, p) for p in sorted((roster.parent / "workbooks").glob("*.json"))]

    def ours() -> list[object]:
        return [store.load_workbook(path) for _, path in pairs]  # kept, like the baseline

    def baseline() -> list[object]:
        loaded = []  # kept, as any loader keeps what it loads
        for _, path in pairs:
            with path.open(encoding="utf-8") as handle:
                loaded.append(json.load(handle))
        return loaded

    return report(
        f"{participants} workbooks loaded",
        median_time(ours, 5),
        median_time(baseline, 5),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = [big_workbook_case(Path(folder)), cohort_case(Path(folder), args.participants)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
