"""Who the participant is and where they work: time zones and countries, checked safely.

A time zone is only ever looked up by a name from :func:`time_zones` (the IANA names this
Python knows), so nothing a person types, not even a prefix such as ``Europe`` that is a
folder of the zone database, reaches :class:`zoneinfo.ZoneInfo`.  Pure apart from reading
the machine's own time zone setting.
"""

from __future__ import annotations

import contextlib
import functools
import os
import zoneinfo
from importlib import resources
from pathlib import Path
from typing import Final

from mentorkit.errors import InputError

#: Used when the machine's time zone cannot be told.
FALLBACK_ZONE: Final = "UTC"


@functools.cache
def time_zones() -> tuple[str, ...]:
    """Every IANA time zone name this Python can use, sorted (``Africa/Abidjan``, ...)."""
    return tuple(sorted(zoneinfo.available_timezones()))


def is_time_zone(name: str) -> bool:
    """Whether ``name`` is exactly one of :func:`time_zones` (never raises)."""
    return isinstance(name, str) and name in _zone_set()


@functools.cache
def _zone_set() -> frozenset[str]:
    return frozenset(time_zones())


def matching_zones(text: str, limit: int = 50) -> list[str]:
    """Zone names containing every word of ``text`` (case-insensitive), exact match first.

    ``"berlin"`` finds ``Europe/Berlin``; ``"america new"`` finds ``America/New_York``.
    """
    words = text.lower().replace("_", " ").replace("/", " ").split()
    if not words:
        return list(time_zones()[:limit])
    found = [
        zone
        for zone in time_zones()
        if all(word in zone.lower().replace("_", " ") for word in words)
    ]
    found.sort(key=lambda zone: (zone.lower() != text.strip().lower(), len(zone), zone))
    return found[:limit]


def check_time_zone(text: str) -> str:
    """The time zone named by ``text`` (exact name, any case), or an :class:`InputError`."""
    cleaned = text.strip()
    if is_time_zone(cleaned):
        return cleaned
    by_lower = {zone.lower(): zone for zone in time_zones()}
    if cleaned.lower() in by_lower:
        return by_lower[cleaned.lower()]
    close = matching_zones(cleaned, limit=3)
    hint = f" Did you mean {', '.join(close)}?" if close and cleaned else ""
    raise InputError(
        f"Time zone: {cleaned[:60]!r} is not a time zone name (such as Europe/Berlin).{hint}"
    )


def machine_time_zone() -> str:
    """The machine's time zone name, or ``UTC`` when it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text("utf-8").strip())
    with contextlib.suppress(OSError):
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if is_time_zone(name) and name not in ("Etc/UTC", "localtime"):
            return name
    return FALLBACK_ZONE


@functools.cache
def _zone_countries() -> dict[str, str]:
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        try:
            text = Path("/usr/share/zoneinfo/zone.tab").read_text("utf-8")
        except OSError:
            return {}
    countries = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#"):
            countries[parts[2].strip()] = parts[0].strip()
    return countries


def country_of_zone(zone: str) -> str:
    """The ISO 3166 country code of a time zone (``Europe/Berlin`` -> ``DE``), or empty."""
    return _zone_countries().get(zone, "")
