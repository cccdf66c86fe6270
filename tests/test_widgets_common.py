"""The tag box every form uses: Enter, a comma or a paste makes tags; each tag can be removed."""

from __future__ import annotations

from mentorkit.widgets.common import TagBox, split_tags


def _press_enter(box: TagBox) -> None:
    # What the front end sends when Enter is pressed in a Text widget.
    box.entry._handle_custom_msg({"event": "submit"}, None)


def test_enter_turns_what_was_typed_into_a_tag() -> None:
    box = TagBox()
    for letter in "leadership":
        box.entry.value += letter
    assert box.value == []
    _press_enter(box)
    assert box.value == ["leadership"] and box.entry.value == ""
    for letter in "running meetings":
        box.entry.value += letter
    _press_enter(box)
    assert box.value == ["leadership", "running meetings"]


def test_a_comma_while_typing_makes_a_tag_and_keeps_the_rest() -> None:
    box = TagBox()
    for letter in "sql, python":
        box.entry.value += letter
    assert box.value == ["sql"] and box.entry.value == "python"
    assert box.commit() == ["sql", "python"]


def test_pasting_a_list_gives_one_tag_each_without_duplicates() -> None:
    seen: list[list[str]] = []
    box = TagBox(["A"])
    box.observe(lambda change: seen.append(change["new"]), names="value")
    box.entry.value = "a, b, c;  d  e ,,"
    assert box.value == ["A", "b", "c", "d e"]
    assert seen[-1] == box.value
    assert [chip.description for chip in box.chips.children] == ["A ×", "b ×", "c ×", "d e ×"]


def test_clicking_a_tag_removes_it_and_setting_value_redraws() -> None:
    box = TagBox(["x", "y"])
    box.chips.children[0].click()
    assert box.value == ["y"]
    box.value = ["<b>html</b>"]
    assert box.chips.children[0].description == "<b>html</b> ×"  # a button label, not HTML
    assert split_tags(" a ,\nb ; ") == ["a", "b"]
