"""Time zones and countries: a time zone is only ever matched against real names, never opened."""

from __future__ import annotations

import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorkit.errors import InputError
from mentorkit.profile import (
    check_time_zone,
    country_of_zone,
    is_time_zone,
    machine_time_zone,
    matching_zones,
    time_zones,
)


def test_every_prefix_of_a_zone_name_is_safe_to_check() -> None:
    name = "Europe/Berlin"
    for end in range(len(name) + 1):
        prefix = name[:end]
        assert is_time_zone(prefix) == (prefix == name)
    assert check_time_zone("europe/berlin") == "Europe/Berlin"
    with pytest.raises(InputError, match=r"'Europe' is not a time zone name.*Did you mean"):
        check_time_zone("Europe")


@given(st.text(max_size=40))
def test_nothing_typed_makes_the_checks_raise_anything_but_an_input_error(text: str) -> None:
    assert isinstance(is_time_zone(text), bool)
    assert isinstance(matching_zones(text), list)
    try:
        zone = check_time_zone(text)
    except InputError:
        return
    zoneinfo.ZoneInfo(zone)  # what it returns is a zone that opens


def test_searching_finds_a_zone_by_city_and_the_exact_name_first() -> None:
    assert matching_zones("berlin")[0] == "Europe/Berlin"
    assert "America/New_York" in matching_zones("new york")
    assert matching_zones("UTC")[0] == "UTC"


def test_zones_are_real_and_the_machine_zone_is_one_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "Europe/Berlin" in time_zones() and "Europe" not in time_zones()
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert machine_time_zone() == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "Europe")  # a folder of the zone database, not a zone
    assert is_time_zone(machine_time_zone())


def test_a_zone_tells_its_country() -> None:
    assert country_of_zone("Europe/Berlin") == "DE"
    assert country_of_zone("America/Sao_Paulo") == "BR"
    assert country_of_zone("UTC") == ""
    assert country_of_zone("../../etc/passwd") == ""
