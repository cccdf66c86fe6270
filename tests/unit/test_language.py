"""Language detection for the workbook's four languages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorkit.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Give two talks at the team meeting by the end of March", "en"),
        ("Présenter mon projet au comité de direction", "fr"),
        ("Dar dos charlas en mi equipo antes de marzo", "es"),
        ("Zwei Vorträge in meinem Team halten", "de"),
        ("Mieux gérer mon temps et dire non plus souvent", "fr"),
        ("Mejorar mi equilibrio entre trabajo y vida", "es"),
        ("Mehr Zeit für meine Familie haben", "de"),
    ],
)
def test_detects_each_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "12345", "?!", "Kubernetes"])
def test_no_signal_is_none(text: str) -> None:
    assert detect_language(text) is None


@given(st.text(max_size=3000))
def test_any_text_gives_a_known_answer(text: str) -> None:
    assert detect_language(text) in {None, "en", "fr", "es", "de"}


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Präsentation", "prasentation"),
        ("Straße", "strasse"),
        ("Œuvre", "oeuvre"),
        ("ﬁnance", "finance"),  # a ligature pasted from a PDF
        ("ＳＱＬ", "sql"),  # full-width letters
        ("Señora", "senora"),
        ("plain", "plain"),
    ],
)
def test_one_folding_for_goal_review_and_matching(written: str, folded: str) -> None:
    from mentorkit import concepts, goals, wording
    from mentorkit.language import fold

    assert fold(written) == folded
    # the goal review and the network matching read words through this one function
    assert wording.fold is concepts.fold is goals.fold is fold


def test_folding_is_cached_and_tokens_are_not() -> None:
    from mentorkit import wording
    from mentorkit.language import fold

    assert fold.cache_info().maxsize == 65_536  # bounded: a kernel may read text for hours
    # Tokens are lists: a cache would hand one caller's list to the next, and grow unbounded.
    assert not hasattr(wording.tokenize, "cache_info")
    assert wording.tokenize("a b") is not wording.tokenize("a b")
