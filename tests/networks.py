"""Realistic networks for ranking tests: TOML files in tests/data/networks, with coach picks."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from mentorkit.model import Contact, Goal, Profile, Workbook
from mentorkit.network import rank_candidates

NETWORKS = Path(__file__).parent / "data" / "networks"
#: Networks whose names start so were never tuned against.
HELD_OUT = "heldout_"


@dataclass(frozen=True)
class Ranked:
    """How the tool's ranking of one goal compares with a coach's picks."""

    network: str
    goal_id: str
    coach: tuple[str, ...]
    top_five: tuple[str, ...]

    @property
    def first_ok(self) -> bool:
        return bool(self.top_five) and self.top_five[0] in self.coach

    @property
    def found(self) -> int:
        return sum(1 for c in self.coach if c in self.top_five)


def load_network(name: str) -> tuple[Workbook, dict[str, tuple[str, ...]]]:
    """The workbook a network file describes, and the coach's picks per goal id."""
    data = tomllib.loads((NETWORKS / f"{name}.toml").read_text(encoding="utf-8"))
    profile = Profile(**data["profile"])
    goals, picks = [], {}
    for g in data["goal"]:
        goals.append(
            Goal(id=g["id"], statement=g["statement"], type=g.get("type"), areas=g.get("areas", []))
        )
        picks[g["id"]] = tuple(g["coach"])
    contacts = [
        Contact(
            id=c["id"],
            name=c["name"],
            relationship=c.get("relationship", ""),
            sphere=c.get("sphere", "other_organisation"),
            tie_strength=c.get("tie", "weak"),
            areas=c.get("areas", []),
            functions=c.get("functions", []),
            organisation=c.get("organisation", ""),
            position=c.get("position", ""),
            notes=c.get("notes", ""),
            source=c.get("source", ""),
        )
        for c in data["contact"]
    ]
    return Workbook(profile=profile, goals=goals, contacts=contacts), picks


def network_names(*, held_out: bool) -> list[str]:
    names = sorted(p.stem for p in NETWORKS.glob("*.toml"))
    return [n for n in names if n.startswith(HELD_OUT) == held_out]


def rankings(names: list[str]) -> list[Ranked]:
    out = []
    for name in names:
        workbook, picks = load_network(name)
        for goal in workbook.goals:
            top = tuple(c.contact_id for c in rank_candidates(workbook, goal, limit=5))
            out.append(Ranked(name, goal.id, picks[goal.id], top))
    return out
