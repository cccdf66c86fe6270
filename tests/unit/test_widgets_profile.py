"""The profile form of the start page: typed as a person would, saved through the action."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mentorkit import actions, store
from mentorkit.errors import InputError
from mentorkit.model import Away
from mentorkit.widgets.profile import ProfileForm


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "workbook.json"
    store.new_workbook(path)
    return path


def test_typing_a_time_zone_letter_by_letter_never_shows_an_error(blank: Path) -> None:
    form = ProfileForm(str(blank), "2026-11-23")
    form.time_zone.value = ""
    form.country.value = ""
    for letter in "Europe/Berlin":
        form.time_zone.value += letter
        assert "error" not in form.status.value and "did not work" not in form.status.value
    assert form.zone_hint.value == ""
    assert form.country.value == "DE"  # the zone's country, as nothing was chosen


def test_the_profile_is_saved_and_shown_again(blank: Path) -> None:
    form = ProfileForm(str(blank), "2026-11-23")
    form.name.value = "Ana <script>x</script>"
    form.role.value = "Team lead"
    form.organisation.value = "Larkspur Bank"
    form.time_zone.value = "America/Sao_Paulo"
    form.away_start.value = date(2026, 12, 21)
    form.away_end.value = date(2027, 1, 1)
    form.away_note.value = "family"
    form.add_away_button.click()
    form.save_button.click()
    assert "Saved" in form.status.value and "<script>" not in form.status.value
    data = json.loads(blank.read_text("utf-8"))["profile"]
    assert data["name"] == "Ana <script>x</script>"
    assert data["time_zone"] == "America/Sao_Paulo" and data["country"] == "BR"
    assert data["away"] == [{"start": "2026-12-21", "end": "2027-01-01", "note": "family"}]
    again = ProfileForm(str(blank), "2026-11-23")
    assert again.organisation.value == "Larkspur Bank"
    assert again.time_zone.value == "America/Sao_Paulo"
    assert "21 Dec 2026" in again.away_list.children[0].children[0].value


def test_a_bad_zone_on_save_is_a_plain_message_and_nothing_is_written(blank: Path) -> None:
    before = blank.read_bytes()
    form = ProfileForm(str(blank), "2026-11-23")
    form.name.value = "Ana"
    form.time_zone.value = "Europe"
    form.save_button.click()
    assert "is not a time zone name" in form.status.value
    assert "did not work" not in form.status.value
    assert blank.read_bytes() == before


def test_a_name_is_needed_and_an_away_period_must_not_end_before_it_starts(blank: Path) -> None:
    form = ProfileForm(str(blank), "2026-11-23")
    form.save_button.click()
    assert "Your name" in form.status.value
    form.away_start.value = date(2026, 5, 10)
    form.away_end.value = date(2026, 5, 1)
    form.add_away_button.click()
    assert "before the first" in form.status.value and form.away == []
    form.name.value = "Ana"  # typing clears the old message
    assert form.status.value == ""


def test_the_action_checks_what_the_form_cannot(blank: Path) -> None:
    with pytest.raises(InputError, match="ends before it starts"):
        actions.save_profile(
            blank, name="A", away=[Away(start=date(2026, 5, 2), end=date(2026, 5, 1))]
        )
    with pytest.raises(InputError, match="not a country"):
        actions.save_profile(blank, name="A", country="XX")
    done = actions.save_profile(blank, name="  A  ", country="se", time_zone="utc")
    assert (done.value.name, done.value.country, done.value.time_zone) == ("A", "SE", "UTC")
    assert store.load_workbook(blank).profile == done.value


def test_a_hand_edited_profile_with_a_bad_zone_still_opens_the_form(blank: Path) -> None:
    data = json.loads(blank.read_text("utf-8"))
    data["profile"].update(time_zone="Europe", country="../x")
    blank.write_text(json.dumps(data), "utf-8")
    form = ProfileForm(str(blank), "2026-11-23")
    assert form.time_zone.value != "Europe"
    assert form.country.value in {"", "DE"} or len(form.country.value) == 2


def test_the_browsers_zone_replaces_the_machines_guess(
    blank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mentorkit.widgets.profile as profile_widget

    monkeypatch.setattr(profile_widget, "machine_time_zone", lambda: "UTC")
    form = ProfileForm(str(blank), "2026-11-23")
    assert form.time_zone.value == "UTC"
    for nonsense in ("Europe", "../../etc/passwd", "x" * 5000, ""):
        form.browser_zone.zone = nonsense  # only ever compared with real names
        assert form.time_zone.value == "UTC" and "did not work" not in form.zone_hint.value
    form.browser_zone.zone = "Europe/Lisbon"
    assert form.time_zone.value == "Europe/Lisbon"
    assert "Your browser says you are in Europe/Lisbon" in form.zone_hint.value
    assert form.country.value == "PT"  # its holidays too, as none was chosen
    form.name.value = "Ana"
    form.save_button.click()
    assert store.load_workbook(blank).profile.time_zone == "Europe/Lisbon"


def test_a_saved_or_typed_zone_is_never_replaced_by_the_browsers(blank: Path) -> None:
    form = ProfileForm(str(blank), "2026-11-23")
    form.time_zone.value = "Asia/Tokyo"  # the person's own choice
    form.browser_zone.zone = "Europe/Lisbon"
    assert form.time_zone.value == "Asia/Tokyo"
    actions.save_profile(blank, name="Ana", time_zone="America/Lima")
    again = ProfileForm(str(blank), "2026-11-23")
    again.browser_zone.zone = "Europe/Lisbon"
    assert again.time_zone.value == "America/Lima"
