"""A deterministic generator of fictional sample cohorts.

``make_cohort(n, seed, today)`` returns ``n`` workbooks that show the method's variety: each
goal type, small and large networks, a goal nobody in the network can help with, a mentorship
on track, one that has stalled, one completed and followed by the next, an unanswered ask, a
declined ask, a mentorship ended early.  The first eight participants are one of each
scenario; larger cohorts (benchmarks) cycle through them.  The same ``seed`` and ``today``
always give the same cohort.  Every name and sentence is invented for mentorkit.

Pure: :func:`mentorkit.cohort.layout.write_sample_cohort` writes the result.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from mentorkit.ask import compose_ask
from mentorkit.model import (
    CheckIn,
    Contact,
    Goal,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
    Profile,
    Reflection,
    StatusChange,
    Workbook,
)

#: The date the committed sample cohort in ``data/sample-cohort`` is anchored to.
SAMPLE_TODAY: Final = date(2026, 11, 23)
SAMPLE_SEED: Final = 7

SCENARIOS: Final = (
    "on_track",
    "stalled",
    "completed_and_next",
    "network_gap",
    "large_network_waiting",
    "just_starting",
    "too_many_goals",
    "ended_early",
)

_FIRST: Final = (
    "Amara",
    "Bastien",
    "Chiara",
    "Devran",
    "Elif",
    "Farah",
    "Gideon",
    "Hana",
    "Ilse",
    "Joaquim",
    "Kemal",
    "Liesel",
    "Marisol",
    "Nnamdi",
    "Oona",
    "Priya",
    "Quentin",
    "Rafaela",
    "Soren",
    "Tamsin",
    "Ulrich",
    "Vesna",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zofia",
)
_LAST: Final = (
    "Okafor-Lind",
    "Rocha",
    "Ndlovu",
    "Tanaka-Morris",
    "Sorensen",
    "Quispe",
    "Mbeki-Hart",
    "Kowalczyk",
    "Varga",
    "Almeida",
    "Brennan",
    "Castellanos",
    "Dufresne",
    "Eriksen",
    "Fontaine",
    "Greenhalgh",
    "Haddad",
    "Ibarra",
    "Janssen",
    "Kaur",
    "Lindqvist",
    "Moreau",
    "Nakamura",
)
_ROLES: Final = (
    ("Team lead, payments", "Larkspur Bank"),
    ("Data analyst", "Northwind Health"),
    ("Product manager", "Tessellate Games"),
    ("Research engineer", "Brightwater Labs"),
    ("Operations coordinator", "Cobalt Logistics"),
    ("UX designer", "Fernhill Studio"),
    ("Policy officer", "City of Aldermoor"),
    ("Nurse manager", "St Brigid's Hospital"),
)
_OTHER_ORGS: Final = (
    "Harbourline Insurance",
    "Quillon Software",
    "Meridian Trust",
    "Oakridge University",
    "Kestrel Consulting",
    "Lumen Robotics",
    "Saltmarsh Media",
    "Pinecrest Council",
)


@dataclass(frozen=True)
class _GoalIdea:
    statement: str
    type: str
    areas: tuple[str, ...]
    why: str
    measure: str
    first_step: str


_GOALS: Final = (
    _GoalIdea(
        "Run my first quarterly budget review for the team at {org}",
        "short_term_career",
        ("budgeting", "stakeholder management"),
        "My new role expects it and I have never done one; I want to walk in prepared.",
        "The review is held and my manager signs off the budget with no more than two changes.",
        "Ask finance for last quarter's review pack",
    ),
    _GoalIdea(
        "Hold a one-to-one with each of my six new reports at {org} and note what each needs",
        "short_term_career",
        ("team leadership", "feedback"),
        "I took over the team last month and want them to trust me early.",
        "Six one-to-ones held and a one-page note per person.",
        "Send calendar invitations for the first three one-to-ones",
    ),
    _GoalIdea(
        "Map how decisions get made in my department at {org} and meet the five people who make them",
        "short_term_career",
        ("stakeholder management", "networking"),
        "Proposals of mine stalled twice because I asked the wrong people.",
        "A written map of the decision path and five coffee meetings held.",
        "List the last three decisions and who signed them",
    ),
    _GoalIdea(
        "Write a two-page career plan for my next three years beyond {org} and discuss it with my manager",
        "long_term_career",
        ("career planning",),
        "I keep saying yes to projects without knowing where they lead.",
        "The plan exists and the conversation with my manager has happened.",
        "Write down the three roles I would like to hold in five years",
    ),
    _GoalIdea(
        "Lead one {org} client workshop from start to finish so I can put facilitation on my CV",
        "long_term_career",
        ("facilitation", "public speaking"),
        "Every senior role I look at asks for client-facing experience.",
        "One workshop delivered and written feedback from at least five attendees.",
        "Offer to co-run next month's onboarding workshop",
    ),
    _GoalIdea(
        "Publish one article on the {org} intranet about our data work to start a record of writing",
        "long_term_career",
        ("writing", "data analysis"),
        "I want to move towards a staff role where writing is half the job.",
        "The article is published on the intranet and read by my department.",
        "Outline the article in ten bullet points",
    ),
    _GoalIdea(
        "Keep two evenings a week free of {org} e-mail for six weeks",
        "psychosocial",
        ("work-life balance",),
        "I missed my daughter's concerts twice this term and I do not want a third time.",
        "A tick in my diary for at least ten of the twelve evenings.",
        "Turn off e-mail notifications on my phone after 7 pm",
    ),
    _GoalIdea(
        "Name the three values that matter most in my work at {org} and test one decision a week against them",
        "psychosocial",
        ("meaning and purpose", "values"),
        "I feel busy but not sure the work is mine; I want to choose on purpose.",
        "Three values written down and six weekly decisions noted against them.",
        "Write a first list of ten values and cross out seven",
    ),
    _GoalIdea(
        "Speak at least once in every weekly {org} leadership meeting",
        "psychosocial",
        ("confidence", "public speaking"),
        "I stay silent with senior people and my ideas get credited to others.",
        "I spoke in at least five of the six meetings; noted in my diary.",
        "Prepare one question before Monday's meeting",
    ),
)

# Goals a person writes before reflecting: too vague, too big, several in one.
_ROUGH_GOALS: Final = (
    Goal(id="g-rough1", statement="Get better at leadership", confidence=3),
    Goal(
        id="g-rough2",
        statement="Become a director and also learn Spanish and run a marathon",
        type="long_term_career",
        why="I want more out of life.",
        confidence=2,
    ),
)

#: The areas of strength and need the sample draws from (also used by the benchmarks).
SAMPLE_AREAS: Final = (
    "budgeting",
    "stakeholder management",
    "team leadership",
    "feedback",
    "networking",
    "career planning",
    "facilitation",
    "public speaking",
    "writing",
    "data analysis",
    "work-life balance",
    "confidence",
    "negotiation",
    "project management",
    "hiring",
    "product strategy",
    "research",
    "coaching",
)
_RELATIONSHIPS: Final = {
    "same_team": ("colleague", "former manager", "peer lead"),
    "same_organisation": ("head of finance", "colleague in another department", "HR partner"),
    "other_organisation": ("former colleague", "client", "met at a conference"),
    "professional_community": ("meet-up organiser", "association member", "online forum regular"),
    "education": ("former lecturer", "course mate", "alumni mentor"),
    "personal": ("friend", "neighbour", "cousin", "running club friend"),
}


def _when(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


#: What the sample participants promise in return, in every ask.
_COMMITMENTS: Final = (
    "I will set the schedule around both our calendars",
    "I will bring questions and current challenges",
    "I will report on what I tried since we last spoke",
)


class _Builder:
    """Builds one participant's workbook; ids are derived from the participant id."""

    def __init__(self, rng: random.Random, pid: str, today: date, index: int):
        self.rng = rng
        self.pid = pid
        self.today = today
        first = _FIRST[index % len(_FIRST)]
        last = _LAST[(index * 7 + index // len(_FIRST)) % len(_LAST)]
        role, organisation = _ROLES[index % len(_ROLES)]
        self.workbook = Workbook(
            participant_id=pid,
            profile=Profile(name=f"{first} {last}", role=role, organisation=organisation),
        )
        self.counters: dict[str, int] = {}

    def _id(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}{self.counters[prefix]}-{self.pid}"

    def begin(self, days_ago: int, *goal_types: str) -> tuple[date, list[Goal]]:
        """Start the cycle ``days_ago`` days before today, with a goal of each type."""
        start = self.today - timedelta(days=days_ago)
        self.workbook.profile.cycle_start = start
        return start, [self.goal(_ideas(self.rng, kind), start) for kind in goal_types]

    def goal(self, idea: _GoalIdea, set_on: date, *, status: str = "active") -> Goal:
        goal = Goal(
            id=self._id("g"),
            statement=idea.statement.format(org=self.workbook.profile.organisation),
            type=idea.type,  # type: ignore[arg-type]
            why=idea.why,
            success_measure=idea.measure,
            target_date=set_on + timedelta(weeks=self.rng.choice((6, 7, 8))),
            first_step=idea.first_step,
            first_step_date=set_on + timedelta(days=self.rng.randint(1, 5)),
            confidence=self.rng.randint(5, 7),
            areas=list(idea.areas),
            status=status,  # type: ignore[arg-type]
            created=_when(set_on),
            updated=_when(set_on),
        )
        self.workbook.goals.append(goal)
        return goal

    def contact(
        self,
        sphere: str,
        strength: str,
        areas: tuple[str, ...] | list[str],
        functions: tuple[str, ...] = ("career",),
        *,
        source: str = "",
    ) -> Contact:
        index = len(self.workbook.contacts) + 3 * sum(map(ord, self.pid))
        first = _FIRST[(index * 5 + 3) % len(_FIRST)]
        last = _LAST[(index * 3 + 1) % len(_LAST)]
        organisation = (
            self.workbook.profile.organisation
            if sphere in ("same_team", "same_organisation")
            else self.rng.choice(_OTHER_ORGS)
        )
        contact = Contact(
            id=self._id("c"),
            name=f"{first} {last}",
            relationship=self.rng.choice(_RELATIONSHIPS[sphere]),
            sphere=sphere,  # type: ignore[arg-type]
            tie_strength=strength,  # type: ignore[arg-type]
            areas=list(areas),
            functions=list(functions),  # type: ignore[arg-type]
            email=f"{first.lower()}.{last.lower()}@example.org",
            organisation=organisation,
            source=source,
        )
        self.workbook.contacts.append(contact)
        return contact

    def network(self, size: int) -> None:
        """A mixed network of ``size`` people: strong and weak ties, several spheres."""
        spheres = list(_RELATIONSHIPS)
        for _ in range(size):
            sphere = self.rng.choice(spheres)
            strength = "strong" if self.rng.random() < 0.35 else "weak"
            areas = self.rng.sample(SAMPLE_AREAS, self.rng.randint(1, 3))
            functions: tuple[str, ...] = self.rng.choice(
                (("career",), ("psychosocial",), ("career", "psychosocial"))
            )
            self.contact(sphere, strength, areas, functions)

    def mentorship(
        self,
        goal: Goal,
        contact: Contact,
        start: date,
        statuses: tuple[MentorshipStatus, ...],
        *,
        sessions: int = 4,
        minutes: int = 30,
        weeks: int = 8,
        asked_on: date | None = None,
        note: str = "",
    ) -> Mentorship:
        asked = asked_on or start - timedelta(days=7)
        history = [StatusChange("draft", _when(asked - timedelta(days=1)))]
        day = asked
        for status in statuses:
            history.append(StatusChange(status, _when(day)))
            day = min(self.today, day + timedelta(days=3 if status == "asked" else 4))
        if note:
            history[-1].note = note
        # The message and dates the workbook itself drafts, signed with the sample's name.
        ask = compose_ask(
            goal,
            contact,
            sessions,
            minutes,
            weeks,
            start,
            feedback_wanted="Honest feedback on my plan and on how I come across",
            commitments=_COMMITMENTS,
            sender=self.workbook.profile.name,
            country=self.workbook.profile.country,
            away=self.workbook.profile.away,
        )
        mentorship = Mentorship(
            id=self._id("m"),
            goal_id=goal.id,
            contact_id=contact.id,
            sessions=sessions,
            minutes=minutes,
            weeks=weeks,
            start=start,
            plan=list(ask.plan),
            commitments=list(_COMMITMENTS),
            feedback_wanted=ask.feedback_wanted,
            message=ask.message,
            status=statuses[-1] if statuses else "draft",
            history=history,
        )
        self.workbook.mentorships.append(mentorship)
        return mentorship

    def checkin(
        self, mentorship: Mentorship, day: date, rating: int | None, *, held: bool = True
    ) -> None:
        self.workbook.checkins.append(
            CheckIn(
                id=self._id("k"),
                mentorship_id=mentorship.id,
                date=day,
                held=held,
                minutes=mentorship.minutes if held else 0,
                notes="Talked through my plan and the next step." if held else "Moved: clash.",
                actions="Draft the next step and share it before we meet again." if held else "",
                feedback="Be specific about what I want from each person." if held else "",
                rating=rating if held else None,
            )
        )

    def reflection(self, day: date, prompt: str, text: str, mentorship: Mentorship) -> None:
        self.workbook.reflections.append(
            Reflection(self._id("r"), day, prompt, text, mentorship_id=mentorship.id)
        )


def _ideas(rng: random.Random, goal_type: str) -> _GoalIdea:
    return rng.choice([idea for idea in _GOALS if idea.type == goal_type])


def _expert(b: _Builder, goal: Goal, sphere: str, strength: str) -> Contact:
    functions = ("psychosocial",) if goal.type == "psychosocial" else ("career",)
    return b.contact(sphere, strength, [*goal.areas, b.rng.choice(SAMPLE_AREAS)], functions)


def _on_track(b: _Builder) -> None:
    t = b.today
    _, (g1, *_) = b.begin(35, "short_term_career", "long_term_career", "psychosocial")
    mentor = _expert(b, g1, "same_organisation", "strong")
    b.network(11)
    m = b.mentorship(g1, mentor, t - timedelta(days=28), ("asked", "accepted", "active"))
    b.checkin(m, t - timedelta(days=27), 0)
    b.checkin(m, t - timedelta(days=13), 0)
    b.checkin(m, t - timedelta(days=1), 1)
    m.feedback = MentorshipFeedback(
        4,
        True,
        helped="Having a date for each conversation kept me moving.",
        to_change="A short note to my mentor before each talk.",
        share_comment=True,
        given=_when(t - timedelta(days=1), 17),
    )


def _stalled(b: _Builder) -> None:
    t = b.today
    _, (g1, _) = b.begin(49, "long_term_career", "short_term_career")
    mentor = _expert(b, g1, "other_organisation", "weak")
    b.network(7)
    m = b.mentorship(g1, mentor, t - timedelta(days=42), ("asked", "accepted", "active"))
    b.checkin(m, t - timedelta(days=40), 0)
    b.checkin(m, t - timedelta(days=26), None, held=False)


def _completed_and_next(b: _Builder) -> None:
    t, rng = b.today, b.rng
    first_start = t - timedelta(days=90)
    b.workbook.profile.cycle_start = t - timedelta(days=20)
    g1 = b.goal(
        _ideas(rng, "short_term_career"), first_start - timedelta(days=7), status="achieved"
    )
    mentor1 = _expert(b, g1, "same_team", "strong")
    m1 = b.mentorship(g1, mentor1, first_start, ("asked", "accepted", "active", "completed"))
    m1.history[-1].at = _when(first_start + timedelta(weeks=8))
    for week, rating in ((0, -1), (2, 0), (4, 1), (6, 2)):
        b.checkin(m1, first_start + timedelta(weeks=week, days=1), rating)
    end = first_start + timedelta(weeks=8)
    b.reflection(end, "What worked?", "Short, regular conversations with one clear question.", m1)
    b.reflection(end, "What changed?", "I ran the review myself and it went well.", m1)
    b.reflection(end, "What next?", "Start on my longer-term plan.", m1)
    m1.feedback = MentorshipFeedback(
        5,
        True,
        helped="One clear question per conversation.",
        comment="Eight weeks was the right length.",
        share_comment=True,
        given=_when(end, 18),
    )
    g2 = b.goal(_ideas(rng, "long_term_career"), t - timedelta(days=20))
    mentor2 = _expert(b, g2, "education", "strong")
    b.network(9)
    m2 = b.mentorship(g2, mentor2, t - timedelta(days=14), ("asked", "accepted", "active"))
    b.checkin(m2, t - timedelta(days=12), 0)


def _network_gap(b: _Builder) -> None:
    t = b.today
    start, _ = b.begin(10)
    g1 = b.goal(_GOALS[0], start)
    b.goal(_GOALS[7], start)  # values: nobody in this small network has that strength
    b.contact("same_team", "strong", ("budgeting", "project management"), ("career",))
    b.contact("personal", "strong", ("running", "cooking"), ("psychosocial",))
    b.contact("same_team", "weak", ("hiring",), ("career",))
    b.mentorship(g1, b.workbook.contacts[0], t + timedelta(days=7), ())


def _large_network_waiting(b: _Builder) -> None:
    t, rng = b.today, b.rng
    start, (g1,) = b.begin(21, "long_term_career")
    b.goal(_GOALS[6], start)
    mentor = _expert(b, g1, "professional_community", "weak")
    b.network(24)
    for _ in range(35):  # imported connections, not yet sorted by strength
        b.contact(
            "other_organisation",
            "weak",
            rng.sample(SAMPLE_AREAS, 1),
            ("career",),
            source="linkedin",
        )
    b.mentorship(g1, mentor, t + timedelta(days=2), ("asked",), asked_on=t - timedelta(days=12))


def _just_starting(b: _Builder) -> None:
    t = b.today
    b.workbook.profile.cycle_start = t - timedelta(days=2)
    for rough in _ROUGH_GOALS:
        goal = Goal(
            id=f"{rough.id}-{b.pid}",
            statement=rough.statement,
            type=rough.type,
            why=rough.why,
            confidence=rough.confidence,
            target_date=t + timedelta(weeks=26) if rough.type else None,
            created=_when(t - timedelta(days=2)),
            updated=_when(t - timedelta(days=2)),
        )
        b.workbook.goals.append(goal)
    b.network(5)


def _too_many_goals(b: _Builder) -> None:
    t, rng = b.today, b.rng
    start, _ = b.begin(18)
    goals = [b.goal(idea, start) for idea in rng.sample(_GOALS, 4)]
    first = _expert(b, goals[0], "same_organisation", "strong")
    second = _expert(b, goals[0], "other_organisation", "weak")
    b.network(8)
    b.mentorship(
        goals[0],
        first,
        t - timedelta(days=5),
        ("asked", "declined"),
        asked_on=t - timedelta(days=12),
        note="Away on leave until spring; happy to talk after that.",
    )
    b.mentorship(goals[0], second, t + timedelta(days=7), ())


def _ended_early(b: _Builder) -> None:
    t = b.today
    _, (g1, g2) = b.begin(45, "psychosocial", "long_term_career")
    mentor1 = _expert(b, g1, "personal", "strong")
    mentor2 = _expert(b, g2, "education", "weak")
    b.network(6)
    m1 = b.mentorship(
        g1,
        mentor1,
        t - timedelta(days=38),
        ("asked", "accepted", "active", "ended_early"),
        note="My mentor changed jobs; we agreed to stop after two conversations.",
    )
    m1.history[-1].at = _when(t - timedelta(days=20))
    b.checkin(m1, t - timedelta(days=37), 0)
    b.checkin(m1, t - timedelta(days=23), 1)
    b.reflection(t - timedelta(days=20), "What worked?", "Naming one value per talk.", m1)
    m1.feedback = MentorshipFeedback(
        3,
        False,
        to_change="Agree what happens if one of us cannot continue.",
        share_comment=False,
        given=_when(t - timedelta(days=20), 18),
    )
    b.mentorship(g2, mentor2, t + timedelta(days=3), ("asked", "accepted"))


_MAKERS: Final = {
    "on_track": _on_track,
    "stalled": _stalled,
    "completed_and_next": _completed_and_next,
    "network_gap": _network_gap,
    "large_network_waiting": _large_network_waiting,
    "just_starting": _just_starting,
    "too_many_goals": _too_many_goals,
    "ended_early": _ended_early,
}


def participant_ids(n: int) -> list[str]:
    """``p01``, ``p02``, ... zero-padded to the width ``n`` needs (at least two digits)."""
    width = max(2, len(str(n)))
    return [f"p{i:0{width}d}" for i in range(1, n + 1)]


def make_workbook(
    index: int, *, seed: int = SAMPLE_SEED, today: date = SAMPLE_TODAY, pid: str = ""
) -> Workbook:
    """The sample participant at ``index`` (0-based); scenario ``SCENARIOS[index % 8]``."""
    pid = pid or participant_ids(index + 1)[-1]
    rng = random.Random(f"{seed}:{index}")
    builder = _Builder(rng, pid, today, index)
    _MAKERS[SCENARIOS[index % len(SCENARIOS)]](builder)
    return builder.workbook


def make_cohort(
    n: int = 8, *, seed: int = SAMPLE_SEED, today: date = SAMPLE_TODAY
) -> list[Workbook]:
    """``n`` sample workbooks; the same arguments always give the same cohort."""
    ids = participant_ids(n)
    return [make_workbook(i, seed=seed, today=today, pid=ids[i]) for i in range(n)]
