"""Benchmark :func:`mentorkit.goals.review_goal` on 1,000 varied goals.

Prints the median, 95th percentile and slowest time of one review (wall time, per goal), the
same figures for a baseline measured in the same run (one plain regex scan of the same
statements for the usual vague phrases), and their ratio.
Target: median review under 5 ms (the widget reviews on every pause in typing).

    python benchmarks/bench_goals.py [--goals 1000] [--seed 3]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from mentorkit.goals import review_goal
from mentorkit.model import GOAL_TYPES, Goal

TARGET_MEDIAN_S = 0.005
TODAY = date(2026, 11, 23)

STATEMENTS = (
    "Hold a one-to-one with each of my six new reports and note what each needs",
    "Write a two-page career plan and discuss it with my manager",
    "Get better at leadership",
    "Be more confident in meetings",
    "Become a director and also learn Spanish and run a marathon",
    "Keep two evenings a week free of work e-mail for six weeks",
    "Improve my Python by shipping two small internal tools",
    "Name the three values that matter most to me and test one decision a week against them",
    "Mejorar mi liderazgo y aprender a delegar",
    "在八周内完成三篇技术文章并在团队内分享",
    "<script>alert('x')</script> Publish one article 🚀",
    "Present our quarterly results at the all-hands; also get promoted",
    "Work on my presence with senior stakeholders",
    "",
)
WHYS = ("", "My team depends on it.", "I want more out of life.", "Weil es mir wichtig ist.")
MEASURES = ("", "Two workshops held and feedback from five people.", "I feel more confident")

# The baseline: what any checker must at least do, one regex pass over the statement.
BASELINE_PATTERN = re.compile(r"\b(?:improve|get better|work on|be more|and also)\b", re.I)


def make_goals(count: int, seed: int) -> list[Goal]:
    """``count`` goals mixing good, rough, non-English, hostile and very long statements."""
    rng = random.Random(seed)
    goals = []
    for index in range(count):
        statement = rng.choice(STATEMENTS)
        if index % 50 == 0:
            statement = (statement + " and run a marathon ") * rng.randint(20, 400)
        goals.append(
            Goal(
                id=f"g{index}",
                statement=statement,
                type=rng.choice((None, *GOAL_TYPES)),  # type: ignore[arg-type]
                why=rng.choice(WHYS),
                success_measure=rng.choice(MEASURES),
                target_date=rng.choice((None, TODAY + timedelta(days=rng.randint(-10, 200)))),
                first_step=rng.choice(("", "Book a slot with my manager")),
                first_step_date=rng.choice((None, TODAY + timedelta(days=rng.randint(0, 30)))),
                confidence=rng.randint(1, 7),
                areas=rng.sample(["leadership", "values", "career plan", "writing"], 2),
            )
        )
    return goals


def per_item_times(action: Callable[[Goal], object], goals: list[Goal]) -> list[float]:
    times = []
    for goal in goals:
        start = time.perf_counter()
        action(goal)
        times.append(time.perf_counter() - start)
    return times


def describe(label: str, times: list[float]) -> float:
    ordered = sorted(times)
    median = statistics.median(ordered)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label:<32} median {median * 1e3:7.3f} ms   p95 {p95 * 1e3:7.3f} ms   "
        f"max {ordered[-1] * 1e3:7.3f} ms"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    goals = make_goals(args.goals, args.seed)
    for goal in goals[:20]:  # warm caches and imports out of the measurement
        review_goal(goal, TODAY)

    print(f"{len(goals)} goals, today {TODAY}")
    ours = describe("review_goal", per_item_times(lambda g: review_goal(g, TODAY), goals))
    baseline = describe(
        "baseline: one regex scan",
        per_item_times(lambda g: BASELINE_PATTERN.search(g.statement), goals),
    )
    print(f"ratio (median review / median baseline): {ours / baseline:,.0f}x")
    verdict = "ok" if ours < TARGET_MEDIAN_S else "OVER TARGET"
    print(f"target: median < {TARGET_MEDIAN_S * 1e3:.0f} ms -> {verdict}")
    return 0 if ours < TARGET_MEDIAN_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
