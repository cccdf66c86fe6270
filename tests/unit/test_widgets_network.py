"""The network workbench driven like a person would, without a browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentorkit import store
from mentorkit.model import Goal, Profile, Workbook
from mentorkit.widgets.network import NetworkWorkbench, network_workbench
from tests.conftest import SAMPLE_COHORT, TEST_DATA
from tests.support import choose_file


@pytest.fixture
def p04(cohort_dir: Path) -> Path:
    """A copy of the network-gap sample participant (three contacts, a values goal)."""
    return cohort_dir / "workbooks" / "p04.json"


def _bench(path: Path, *, charts: bool = False) -> NetworkWorkbench:
    # Charts cost ~0.5 s per redraw: only the tests about charts draw them.
    return network_workbench(str(path), "2026-11-23", charts=charts)


def _upload(bench: NetworkWorkbench, name: str, data: bytes) -> None:
    choose_file(bench.upload, name, data, "text/csv")


def test_shows_candidates_gaps_shape_and_charts(p04: Path) -> None:
    bench = _bench(p04, charts=True)
    assert "Liesel Okafor-Lind" in bench.candidates_html.value
    assert "has strength in budgeting" in bench.candidates_html.value
    assert "Nobody in your network yet" in bench.candidates_html.value
    assert "Nobody for this goal yet" in bench.gaps_html.value
    assert "Next step:" in bench.gaps_html.value
    # p04 misses four spheres: one gap names them all
    assert bench.gaps_html.value.count("Parts of life your network does not reach") == 1
    assert "a professional community" in bench.gaps_html.value
    assert "traditional" in bench.shape_html.value
    for chart in (bench.coverage_chart, bench.plane_chart, bench.spheres_chart):
        assert bytes(chart.value).startswith(b"\x89PNG")
    assert len(bench.contact_picker.options) == 4  # "new" + three people
    assert not _bench(p04).plane_chart.value  # charts=False leaves them undrawn
    assert bench.contacts_table.value.count("<tr>") == 4  # header + three rows


def test_add_a_contact_closes_the_values_gap(p04: Path) -> None:
    bench = _bench(p04, charts=True)
    before = bytes(bench.coverage_chart.value)
    bench.name.value = "Omar Diaz"
    bench.sphere.value = "professional_community"
    bench.tie_strength.value = "strong"
    bench.areas.value = ["Values"]
    bench.psychosocial.value = True
    bench.save_button.click()
    assert "Added Omar Diaz" in bench.status.value
    saved = store.load_workbook(p04)
    omar = next(c for c in saved.contacts if c.name == "Omar Diaz")
    assert (omar.sphere, omar.tie_strength, omar.areas, omar.functions) == (
        "professional_community",
        "strong",
        ["Values"],
        ["psychosocial"],
    )
    assert "Nobody for this goal yet" not in bench.gaps_html.value
    assert "Omar Diaz" in bench.candidates_html.value
    # The form is fresh for the next person: typing another name cannot overwrite Omar.
    assert bench.editing_id is None and bench.name.value == "" and bench.areas.value == []
    assert bench.save_button.description == "Add contact"
    assert bytes(bench.coverage_chart.value) != before  # the charts follow the change


def test_after_add_contact_the_next_person_is_added_not_written_over_the_first(
    p04: Path,
) -> None:
    bench = _bench(p04)
    bench.name.value = "Omar Diaz"
    bench.email.value = "omar@example.org"
    bench.save_button.click()
    assert "Added Omar Diaz" in bench.status.value
    bench.name.value = "Lina Park"
    assert bench.status.value == ""  # the next person is under way
    bench.save_button.click()
    names = [c.name for c in store.load_workbook(p04).contacts]
    assert "Omar Diaz" in names and "Lina Park" in names
    lina = next(c for c in store.load_workbook(p04).contacts if c.name == "Lina Park")
    assert lina.email == ""  # nothing of Omar's carried over


def test_renaming_a_saved_contact_asks_first(p04: Path) -> None:
    bench = _bench(p04)
    bench.contact_picker.value = "c3-p04"
    original = store.load_workbook(p04).contact("c3-p04")
    count = len(store.load_workbook(p04).contacts)
    bench.name.value = "Somebody Else"
    bench.save_button.click()
    assert "changed the name" in bench.status.value
    assert store.load_workbook(p04).contact("c3-p04").name == original.name  # not yet
    assert bench.rename_button.layout.display is None
    bench.add_as_new_button.click()  # a fresh form with only the new name
    assert bench.name.value == "Somebody Else" and bench.email.value == ""
    assert bench.rename_button.layout.display == "none"
    bench.save_button.click()
    saved = store.load_workbook(p04)
    assert saved.contact("c3-p04").name == original.name and len(saved.contacts) == count + 1
    bench.contact_picker.value = "c3-p04"
    bench.name.value = "New Name"
    bench.save_button.click()
    bench.rename_button.click()
    assert store.load_workbook(p04).contact("c3-p04").name == "New Name"
    assert "Saved changes to New Name" in bench.status.value


def test_edit_a_contact(p04: Path) -> None:
    bench = _bench(p04)
    bench.contact_picker.value = "c3-p04"
    assert bench.name.value == store.load_workbook(p04).contact("c3-p04").name
    bench.tie_strength.value = "strong"
    bench.areas.value = [*bench.areas.value, "meaning and purpose"]
    bench.save_button.click()
    saved = store.load_workbook(p04).contact("c3-p04")
    assert saved.tie_strength == "strong"
    assert "meaning and purpose" in saved.areas
    assert len(store.load_workbook(p04).contacts) == 3


def test_name_is_required_and_input_is_kept(p04: Path) -> None:
    bench = _bench(p04)
    bench.name.value = "   "
    bench.areas.value = ["values"]
    bench.save_button.click()
    assert "Problem" in bench.status.value
    assert "Name" in bench.status.value
    assert bench.areas.value == ["values"]
    assert len(store.load_workbook(p04).contacts) == 3


def test_adding_the_same_person_twice_is_refused(p04: Path) -> None:
    bench = _bench(p04)
    existing = store.load_workbook(p04).contacts[0]
    bench.name.value = existing.name
    bench.organisation.value = existing.organisation
    bench.save_button.click()
    assert "already in your contacts" in bench.status.value
    assert bench.name.value == existing.name
    assert len(store.load_workbook(p04).contacts) == 3


def test_remove_needs_confirmation_and_keeps_people_with_asks(p04: Path) -> None:
    bench = _bench(p04)
    bench.contact_picker.value = "c3-p04"
    bench.remove_button.click()
    assert bench.confirm_remove_button.layout.display is None
    assert len(store.load_workbook(p04).contacts) == 3
    bench.confirm_remove_button.click()
    assert "Removed" in bench.status.value
    assert [c.id for c in store.load_workbook(p04).contacts] == ["c1-p04", "c2-p04"]
    assert bench.editing_id is None
    # c1 is the person asked for the budget goal: the ask's history keeps them
    bench.contact_picker.value = "c1-p04"
    bench.remove_button.click()
    bench.confirm_remove_button.click()
    assert "mentorship ask" in bench.status.value
    assert len(store.load_workbook(p04).contacts) == 2


def test_job_title_suggests_areas(p04: Path) -> None:
    bench = _bench(p04)
    assert bench.use_hint_button.disabled
    bench.position.value = "Head of Finance"
    assert "finance" in bench.area_hint.value
    bench.use_hint_button.click()
    assert "finance" in bench.areas.value
    assert bench.use_hint_button.disabled


def test_names_with_html_are_escaped(p04: Path) -> None:
    bench = _bench(p04)
    bench.name.value = "<script>alert(1)</script> Eve"
    bench.areas.value = ["budgeting"]
    bench.tie_strength.value = "strong"
    bench.save_button.click()
    for html in (bench.contacts_table.value, bench.candidates_html.value, bench.status.value):
        assert "<script>" not in html
        assert "&lt;script&gt;" in html


def test_import_linkedin_export_twice(p04: Path) -> None:
    bench = _bench(p04)
    assert bench.import_button.disabled
    data = (TEST_DATA / "contacts-linkedin-export.csv").read_bytes()
    _upload(bench, "Connections.csv", data)
    assert not bench.import_button.disabled
    assert "Ready to import Connections.csv" in bench.import_status.value
    bench.import_button.click()
    assert "Imported 4 new contact(s)" in bench.import_status.value
    assert "1 row(s) without a name" in bench.import_status.value
    assert bench.upload.value == ()
    saved = store.load_workbook(p04)
    assert len(saved.contacts) == 7
    assert "&lt;b&gt;Bold&lt;/b&gt;" in bench.contacts_table.value
    _upload(bench, "Connections.csv", data)
    bench.import_button.click()
    assert "Imported 0 new contact(s)" in bench.import_status.value
    assert len(store.load_workbook(p04).contacts) == 7


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("contacts-latin1.csv", "not UTF-8"),
        ("contacts-binary.csv", "binary"),
        ("contacts-missing-name-column.csv", "no column for people"),
        ("contacts-bad-values.csv", "nothing was imported"),
    ],
)
def test_bad_import_changes_nothing_and_says_why(p04: Path, file: str, words: str) -> None:
    before = p04.read_bytes()
    bench = _bench(p04)
    _upload(bench, file, (TEST_DATA / file).read_bytes())
    bench.import_button.click()
    assert "Problem" in bench.import_status.value
    assert file in bench.import_status.value
    assert words in bench.import_status.value
    assert p04.read_bytes() == before
    assert bench.upload.value  # the chosen file stays, so the person can see which one


def test_show_more_candidates(cohort_dir: Path) -> None:
    bench = _bench(cohort_dir / "workbooks" / "p05.json")
    bench.shown.value = 1
    one = bench.candidates_html.value.count("<li>")
    bench.shown.value = 5
    assert bench.candidates_html.value.count("<li>") > one


def test_empty_new_workbook(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    store.new_workbook(path, name="Sam")
    bench = _bench(path, charts=True)
    assert "No active goals yet" in bench.candidates_html.value
    assert "No contacts yet" in bench.contacts_table.value
    assert bytes(bench.plane_chart.value).startswith(b"\x89PNG")


def test_default_workbook_from_environment(tmp_path: Path, p04: Path) -> None:
    own = tmp_path / "home-workbook" / "workbook.json"
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(p04, own)
    bench = network_workbench("", "2026-11-23", charts=False)
    assert bench.session.file == own
    assert "Liesel Okafor-Lind" in bench.candidates_html.value


def test_displays_as_a_widget(p04: Path) -> None:
    bench = _bench(p04)
    bundle = bench._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_linkedin_export_and_three_goals_end_to_end(tmp_path: Path) -> None:
    """The issue's 'done when': who to ask for each goal, and a plan for the uncovered one."""
    path = tmp_path / "sam.json"
    workbook = Workbook(
        profile=Profile(name="Sam", organisation="Brightwater Labs"),
        goals=[
            Goal(id="g-budget", statement="Run the budget review", areas=["budgeting"]),
            Goal(
                id="g-speak",
                statement="Speak up in leadership meetings",
                type="psychosocial",
                areas=["confidence"],
            ),
            Goal(
                id="g-values",
                statement="Name my values",
                type="psychosocial",
                areas=["values"],
            ),
        ],
    )
    store.create_workbook(path, workbook)
    bench = _bench(path)
    _upload(bench, "Connections.csv", (TEST_DATA / "contacts-linkedin-export.csv").read_bytes())
    bench.import_button.click()
    analysis = bench.analysis
    assert analysis is not None
    budget = analysis.candidates["g-budget"]
    assert budget[0].name == "Ana Rocha"
    assert "job title 'Head of Finance, EMEA' suggests" in budget[0].reason
    assert analysis.candidates["g-speak"][0].name == "Dana <b>Bold</b> & Co"
    assert analysis.candidates["g-values"] == []
    kinds = {gap.goal_id: gap.kind for gap in analysis.gaps if gap.goal_id}
    assert kinds == {"g-budget": "weak_only", "g-speak": "weak_only", "g-values": "no_candidate"}
    assert "Ana Rocha" in bench.candidates_html.value
    assert "Name my values" in bench.gaps_html.value
    assert "Look for a peer-support circle" in bench.gaps_html.value


def test_candidates_say_who_declined_and_rank_them_last(cohort_dir: Path) -> None:
    path = cohort_dir / "workbooks" / "p07.json"
    workbook = store.load_workbook(path)
    declined = next(m for m in workbook.mentorships if m.status == "declined")
    name = workbook.contact(declined.contact_id).name
    bench = _bench(path)
    bench.shown.value = 10
    html = bench.candidates_html.value
    goal_html = html.split("<h4")[
        1 + [g.id for g in workbook.active_goals()].index(declined.goal_id)
    ]
    items = goal_html.split("<li>")[1:]
    assert name in items[-1]
    assert "declined when you asked about this goal" in items[-1]
    assert "your ask to them about this goal is a draft" in goal_html
    assert html.count("mentorkit-history") == 2  # nothing said about anybody else


def test_picking_another_contact_keeps_unsaved_typing(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    shutil.copy(SAMPLE_COHORT / "workbooks" / "p04.json", path)
    bench = network_workbench(str(path), "2026-11-23", charts=False)
    bench.name.value = "Noor Haddad"  # a new person, not saved yet
    bench.areas.value = ["values"]
    first = bench.contact_picker.options[1][1]
    bench.contact_picker.value = first  # look at someone else first
    assert bench.name.value != "Noor Haddad"
    bench.notes.value = "ask about the budget pack"  # an unsaved edit of that person
    bench.contact_picker.value = ""  # back to the new contact
    assert bench.name.value == "Noor Haddad"
    assert list(bench.areas.value) == ["values"]
    assert "unsaved changes are back" in bench.status.value
    bench.contact_picker.value = first
    assert bench.notes.value == "ask about the budget pack"
    assert len(store.load_workbook(path).contacts) == 3  # nothing saved behind their back


def test_the_import_counts_agree_with_their_verb() -> None:
    from mentorkit.widgets.network import _already

    assert _already(1) == "1 was already in your list"
    assert _already(3) == "3 were already in your list"
    assert _already(0) == "none was already in your list"
