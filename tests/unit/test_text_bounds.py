"""Bounded work on any text: every text-analysing entry point (the goal review aside, it has
its own) finishes on 10,000 spaces, one letter 10,000 times and 10,000 mixed characters.

A catastrophic regex takes seconds to minutes on such input (a goal's run of spaces took
64-73 s before issue 15).  The elapsed time here is only a generous guard against that; the
100 ms target is measured and printed by ``benchmarks/bench_text_bounds.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.text_bounds import ENTRY_POINTS, hostile_texts

GUARD_S = 1.0
TEXTS = hostile_texts()


@pytest.mark.parametrize("kind", list(TEXTS))
@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_each_entry_point_finishes_on_long_hostile_text(name: str, kind: str) -> None:
    entry: Callable[[str], object] = ENTRY_POINTS[name]
    entry("warm up imports")
    started = time.perf_counter()
    entry(TEXTS[kind])
    elapsed = time.perf_counter() - started
    assert elapsed < GUARD_S, f"{name} on {kind}: {elapsed:.2f} s"


def test_the_texts_are_what_they_claim() -> None:
    assert set(TEXTS["spaces"]) == {" "} and set(TEXTS["one letter"]) == {"a"}
    assert all(len(text) == 10_000 for text in TEXTS.values())
    assert len(set(TEXTS["mixed"])) > 20


# A number word then a dashed rule (an e-mail separator line) once made the ask check
# exponential: the rule was read as words between the number and a meeting word.
def test_an_ask_message_with_a_dashed_rule_after_a_number_is_checked_quickly() -> None:
    import subprocess
    import sys

    code = (
        "from tests.text_bounds import ENTRY_POINTS\n"
        "ENTRY_POINTS['ask (compose, check, exports)']('Could we have four\\n' + '-' * 200)\n"
    )
    try:
        subprocess.run([sys.executable, "-c", code], check=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("checking the ask took over 10 s")
