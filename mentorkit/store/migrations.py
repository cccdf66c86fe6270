"""Bringing workbook files written by older versions of mentorkit up to date.

Each step takes the parsed JSON of one version and returns that of the next.  A step touches
only values of the shape it expects and leaves anything else as it is, so a damaged old file
("goals": 5) reaches validation, which names the problem, instead of breaking here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from mentorkit.model import SCHEMA_VERSION


def _objects(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The objects of the list ``data[name]`` (nothing when it is not a list)."""
    value = data.get(name)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (mentorkit 0.0.x) stored tie strength as ``strong: bool``, the goal type as
    ``kind`` and had no status history on mentorships."""
    for contact in _objects(data, "contacts"):
        if "strong" in contact:
            strong = contact.pop("strong")
            contact["tie_strength"] = (
                ("strong" if strong else "weak") if isinstance(strong, bool) else strong
            )
    for goal in _objects(data, "goals"):
        if "kind" in goal:
            goal["type"] = goal.pop("kind")
    for mentorship in _objects(data, "mentorships"):
        if "history" not in mentorship:
            status = mentorship.get("status", "draft")
            started = mentorship.get("start")
            day = started if isinstance(started, str) and started else "1970-01-01"
            mentorship["history"] = [{"status": status, "at": f"{day}T00:00:00+00:00"}]
    data["schema_version"] = 2
    return data


_MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {1: _migrate_1_to_2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a workbook's JSON data up to :data:`~mentorkit.model.SCHEMA_VERSION`."""
    version = data.get("schema_version")
    while type(version) is int and version < SCHEMA_VERSION and version in _MIGRATIONS:
        data = _MIGRATIONS[version](data)
        version = data.get("schema_version")
    return data
