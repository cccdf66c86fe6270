"""The tag box every form uses: Enter, a comma or a paste makes tags; each tag can be removed."""

from __future__ import annotations

import pytest

from mentorkit.widgets.common import TagBox, split_tags


def _press_enter(box: TagBox) -> None:
    # What the front end sends when Enter is pressed in a Text widget.
    box.entry._handle_custom_msg({"event": "submit"}, None)


def test_enter_or_leaving_the_box_turns_what_was_typed_into_tags() -> None:
    box = TagBox()
    # The box sends its text when Enter is pressed or it loses focus.
    box.entry.value = "leadership"
    assert box.value == ["leadership"] and box.entry.value == ""
    box.entry.value = "running meetings, coaching"
    assert box.value == ["leadership", "running meetings", "coaching"]


def test_the_submit_message_and_commit_take_what_is_left_in_the_box() -> None:
    box = TagBox()
    box.entry.unobserve_all("value")  # as if the text had arrived without a change event
    box.entry.value = "sql"
    _press_enter(box)
    assert box.value == ["sql"] and box.entry.value == ""
    box.entry.value = "python"
    assert box.commit() == ["sql", "python"]
    assert box.entry.continuous_update is False  # the kernel never rewrites it mid-typing


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


def test_a_failing_callback_is_shown_in_plain_words_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from mentorkit.errors import InputError
    from mentorkit.widgets.common import reports_errors, status_line

    status = status_line()

    @reports_errors(status)
    def broken() -> None:
        raise IsADirectoryError(21, "Is a directory", "/usr/share/zoneinfo/Europe")

    with caplog.at_level("ERROR"):
        assert broken() is None
    assert "did not work, and your workbook was not changed" in status.value
    assert "IsADirectoryError" in status.value  # for the facilitator, after the plain words
    assert caplog.records and caplog.records[0].exc_info is not None  # the traceback is kept

    @reports_errors(status)
    def mistaken() -> None:
        raise InputError("Time zone: 'Europe' is not a time zone name")

    mistaken()
    assert "Problem: Time zone" in status.value and "did not work" not in status.value


def test_a_tag_box_beside_a_drawn_label_still_has_an_accessible_name() -> None:
    box = TagBox(label="Good at")
    assert box.entry.tooltip == "Good at: type a tag, then press Enter"
    assert TagBox().entry.tooltip is None
