"""The profile step of the start page: name, role, organisation, time zone, country, time away.

The name signs the ask and the thank-you note, the organisation decides which imported
contacts are colleagues, the time zone goes into the calendar file, and the country and the
away periods keep proposed conversation dates off holidays.  The time zone is a searchable
choice: whatever is typed is only compared with the names of real zones, never looked up,
so no prefix can break it.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import ipywidgets as widgets

from mentorkit import actions
from mentorkit.calendar_rules import supported_countries
from mentorkit.model import Away, Profile
from mentorkit.profile import country_of_zone, is_time_zone, machine_time_zone, time_zones
from mentorkit.render import escape, message_html
from mentorkit.widgets.common import (
    BrowserZone,
    Workbench,
    clears_on_edit,
    labelled_button,
    reports_errors,
    status_line,
)

_STYLE = {"description_width": "9em"}
_WIDE = widgets.Layout(width="95%", max_width="40em")


def _country_options() -> list[tuple[str, str]]:
    countries = supported_countries()
    named = sorted(((f"{name} ({code})", code) for code, name in countries.items()))
    return [("(no public holidays)", ""), *named]


class ProfileForm(Workbench):
    """Who the participant is; tests set the controls' values and click ``save_button``."""

    def __init__(self, workbook_path: str | os.PathLike[str] | None = "", today: str | date = ""):
        super().__init__(workbook_path, today)
        profile = self.session.load().profile
        #: Whether the zone shown was the form's guess (nothing saved, nothing typed yet).
        self._zone_guessed = False
        self.away: list[Away] = list(profile.away)

        self.name = widgets.Text(description="Your name", style=_STYLE, layout=_WIDE)
        self.role = widgets.Text(description="Your role", style=_STYLE, layout=_WIDE)
        self.organisation = widgets.Text(description="Organisation", style=_STYLE, layout=_WIDE)
        self.time_zone = widgets.Combobox(
            description="Time zone",
            options=list(time_zones()),
            ensure_option=False,
            placeholder="Type a city, e.g. Berlin",
            style=_STYLE,
            layout=_WIDE,
        )
        self.zone_hint = widgets.HTML()
        self._countries = _country_options()
        self.country = widgets.Dropdown(
            description="Holidays of",
            options=self._countries,
            value="",
            style=_STYLE,
            layout=_WIDE,
        )
        self.away_start = widgets.DatePicker(description="Away from", style=_STYLE)
        self.away_end = widgets.DatePicker(description="until", style={"description_width": "4em"})
        self.away_note = widgets.Text(
            description="Why",
            placeholder="optional, e.g. holiday",
            style={"description_width": "3em"},
        )
        self.add_away_button = labelled_button("Add time away")
        self.away_list = widgets.VBox()
        self.save_button = labelled_button("Save my profile", button_style="primary")
        self.status = status_line()
        #: Draws nothing: the page tells the kernel the browser's time zone through it.
        self.browser_zone = BrowserZone()

        self.show(profile)
        guarded = reports_errors(self.status)
        clears_on_edit(
            self.status,
            [
                self.name,
                self.role,
                self.organisation,
                self.time_zone,
                self.country,
                self.away_start,
                self.away_end,
                self.away_note,
            ],
        )
        self.time_zone.observe(guarded(self._zone_typed), names="value")
        self.country.observe(self._country_picked, names="value")
        self.browser_zone.observe(reports_errors(self.zone_hint)(self._browser_zone), names="zone")
        self.add_away_button.on_click(guarded(self._add_away))
        self.save_button.on_click(guarded(self._save))

        self.widget = widgets.VBox(
            [
                self.name,
                self.role,
                self.organisation,
                self.time_zone,
                self.zone_hint,
                self.country,
                widgets.HTML(
                    "<p style='margin:8px 0 2px'>Days or weeks you are away: no conversation "
                    "is proposed then.</p>"
                ),
                widgets.HBox(
                    [self.away_start, self.away_end, self.away_note, self.add_away_button],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.away_list,
                self.save_button,
                self.status,
                self.browser_zone,
            ]
        )

    def show(self, profile: Profile) -> None:
        """Fill the form from ``profile`` (where no zone is saved: the machine's, until the
        browser says its own)."""
        self.name.value = profile.name
        self.role.value = profile.role
        self.organisation.value = profile.organisation
        saved = is_time_zone(profile.time_zone)
        zone = profile.time_zone if saved else machine_time_zone()
        self.time_zone.value = zone
        self._zone_guessed = not saved
        codes = {code for _, code in self._countries}
        country = profile.country if profile.country in codes else ""
        if not profile.country and country_of_zone(zone) in codes:
            country = country_of_zone(zone)
        self._guessing = True
        try:
            self.country.value = country
        finally:
            self._guessing = False
        self._country_guessed = not profile.country
        self.away = list(profile.away)
        self._draw_away()

    def _browser_zone(self, change: dict[str, Any]) -> None:
        """The page said which zone the browser is in: it replaces the machine's guess.

        The machine running the kernel (Binder's, a server's) may be far from the person; the
        browser is where they are.  A saved or typed zone is the person's word and stays.
        """
        zone = str(change["new"] or "")[:100]
        if not is_time_zone(zone):
            return  # whatever the page sent, it is only ever compared with real names
        if self._zone_guessed and zone != self.time_zone.value:
            self.time_zone.value = zone  # still a guess: only the person's own typing ends that
            self._zone_guessed = True
            self.zone_hint.value = message_html(
                f"Your browser says you are in {zone}; change it if you are somewhere else.",
                "info",
            )

    def _zone_typed(self, change: dict[str, Any]) -> None:
        self._zone_guessed = False
        text = str(change["new"]).strip()
        if is_time_zone(text):
            self.zone_hint.value = ""
            self._guess_country(text)
        elif text:
            self.zone_hint.value = message_html(
                "Keep typing, or pick a zone from the list (for example Europe/Berlin).", "info"
            )
        else:
            self.zone_hint.value = ""

    def _guess_country(self, zone: str) -> None:
        """The holidays of the zone's country, until the person picks a country themselves."""
        country = country_of_zone(zone)
        if not (self._country_guessed and country in {code for _, code in self._countries}):
            return
        self._guessing = True
        try:
            self.country.value = country
        finally:
            self._guessing = False

    def _country_picked(self, _change: object) -> None:
        if not self._guessing:
            self._country_guessed = False

    def _draw_away(self) -> None:
        rows = []
        for index, period in enumerate(self.away):
            words = f"{period.start:%d %b %Y} to {period.end:%d %b %Y}"
            if period.note:
                words += f" ({period.note})"
            remove = labelled_button("Remove", tooltip=f"Remove the time away {words}")
            remove.on_click(reports_errors(self.status)(lambda _b, i=index: self._remove_away(i)))
            rows.append(widgets.HBox([widgets.HTML(escape(words)), remove]))
        self.away_list.children = rows

    def _add_away(self, _button: widgets.Button) -> None:
        start, end = self.away_start.value, self.away_end.value or self.away_start.value
        if start is None:
            self.status.value = message_html(
                "Away from: choose the first day you are away.", "warning"
            )
            return
        if end < start:
            self.status.value = message_html(
                "Away: the last day comes before the first; swap them.", "warning"
            )
            return
        self.away.append(Away(start=start, end=end, note=self.away_note.value.strip()[:200]))
        self.away.sort(key=lambda period: (period.start, period.end))
        self.away_start.value = self.away_end.value = None
        self.away_note.value = ""
        self._draw_away()
        self.status.value = message_html("Added; press “Save my profile” to keep it.", "info")

    def _remove_away(self, index: int) -> None:
        if 0 <= index < len(self.away):
            del self.away[index]
        self._draw_away()
        self.status.value = message_html("Removed; press “Save my profile” to keep it.", "info")

    def _save(self, _button: widgets.Button) -> None:
        if not self.name.value.strip():
            self.status.value = message_html(
                "Your name: it signs your messages, so please fill it in.", "warning"
            )
            return
        done = actions.save_profile(
            self.session.file,
            name=self.name.value,
            role=self.role.value,
            organisation=self.organisation.value,
            time_zone=str(self.time_zone.value),
            country=str(self.country.value or ""),
            away=self.away,
        )
        self.show(done.value)
        where = f", {done.value.organisation}" if done.value.organisation else ""
        self.status.value = message_html(
            f"Saved: {done.value.name}{where}, time zone {done.value.time_zone or 'not set'}.",
            "ok",
        )
