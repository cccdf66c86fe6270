"""The tag box every form uses: Enter, a comma or a paste makes tags; each tag can be removed."""

from __future__ import annotations

import pytest

from mentorkit.widgets.common import TagBox, split_tags


def _page_sends(box: TagBox, text: str) -> None:
    # What the page sends on Enter, a comma, a paste or leaving the box (it empties the box).
    box.entry._handle_custom_msg({"event": "tags", "text": text}, [])


def test_the_words_the_page_sends_become_tags() -> None:
    box = TagBox()
    _page_sends(box, "leadership")
    assert box.value == ["leadership"]
    _page_sends(box, "running meetings, coaching")
    assert box.value == ["leadership", "running meetings", "coaching"]
    box.entry._handle_custom_msg({"event": "other", "text": "x"}, [])
    box.entry._handle_custom_msg(["not", "a", "dict"], [])
    assert box.value == ["leadership", "running meetings", "coaching"]


def test_typing_alone_never_makes_a_tag_and_commit_takes_what_is_left() -> None:
    box = TagBox()
    box.entry.value = "sq"  # the page keeps the kernel told of what is typed, nothing more
    box.entry.value = "sql, pyth"
    assert box.value == [] and box.entry.value == "sql, pyth"  # the kernel never rewrites it
    assert box.commit() == ["sql", "pyth"] and box.entry.value == ""


def test_a_huge_paste_is_cut_not_refused() -> None:
    box = TagBox()
    _page_sends(box, "x" * 50_000)
    from mentorkit.widgets.common import MAX_TAG_CHARS

    assert len(box.value) == 1 and len(box.value[0]) <= MAX_TAG_CHARS


def test_pasting_a_list_gives_one_tag_each_without_duplicates() -> None:
    seen: list[list[str]] = []
    box = TagBox(["A"])
    box.observe(lambda change: seen.append(change["new"]), names="value")
    _page_sends(box, "a, b, c;  d  e ,,")
    assert box.value == ["A", "b", "c", "d e"]
    assert seen[-1] == box.value
    assert [chip.description for chip in box.chips.children] == ["A ×", "b ×", "c ×", "d e ×"]


def test_the_page_code_makes_tags_on_enter_comma_paste_and_blur() -> None:
    # The front end is a few lines shipped with the package; a missing file is a blank box.
    from mentorkit.widgets.common import TagEntry

    script = str(TagEntry._esm)  # anywidget has read the file in
    for handled in ('"Enter"', '","', "insertFromPaste", '"blur"', "aria-label"):
        assert handled in script, handled


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
    assert box.entry.aria_label == "Good at: type a tag, then press Enter"
    assert TagBox(description="Areas").entry.aria_label.startswith("Areas:")
    assert TagBox().entry.aria_label  # never a nameless box


def test_the_file_button_says_what_it_does_then_which_file() -> None:
    from mentorkit.widgets.common import FilePicker, status_line

    picker = FilePicker(description="Choose a CSV file…", max_bytes=100)
    assert picker.chosen == "" and "(0)" not in picker.description
    picker._handle_custom_msg(
        {"event": "file", "name": "Connections.csv", "type": "text/csv"}, [memoryview(b"a,b")]
    )
    assert picker.chosen == "Connections.csv"
    assert bytes(picker.value[0]["content"]) == b"a,b" and picker.value[0]["size"] == 3
    picker.value = ()  # after the import: the button says what it does again
    assert picker.chosen == ""
    status = status_line()
    picker.report_refusals_in(status, "a list of contacts")
    picker._handle_custom_msg({"event": "too_big", "name": "<b>huge</b>.csv", "size": 10**9}, [])
    assert picker.value == () and "1,000,000,000 bytes" in status.value
    assert "&lt;b&gt;huge" in status.value  # the name is escaped
    picker._handle_custom_msg({"event": "file", "name": "x"}, [])  # no bytes: nothing chosen
    picker._handle_custom_msg("nonsense", [])
    assert picker.value == ()


def test_the_same_file_chosen_twice_is_news_and_the_page_limit_fits_the_connection() -> None:
    from mentorkit.widgets.common import PAGE_FILE_LIMIT, FilePicker, status_line

    assert FilePicker(max_bytes=16_000_000).max_bytes == PAGE_FILE_LIMIT < 10 * 2**20
    assert FilePicker(max_bytes=100).max_bytes == 100
    picker = FilePicker(max_bytes=100)
    seen: list[object] = []
    picker.observe(lambda change: seen.append(change["new"]), names="value")
    for _ in range(2):
        picker._handle_custom_msg({"event": "file", "name": "backup.json"}, [memoryview(b"{}")])
    assert sum(1 for value in seen if value) == 2  # both choices reached the form
    status = status_line()
    picker.report_refusals_in(status, "a workbook")
    for _ in range(2):
        status.value = ""
        picker._handle_custom_msg({"event": "too_big", "name": "big.json", "size": "junk"}, [])
        assert "big.json" in status.value  # refused again, said again; a bad size is 0


def test_a_pasted_paragraph_becomes_one_tag_of_a_tags_length() -> None:
    from mentorkit.widgets.common import MAX_TAG_CHARS, TagBox

    box = TagBox()
    box.add("word " * 2_000)  # 10,000 characters, no comma
    (tag,) = box.value
    assert len(tag) <= MAX_TAG_CHARS and tag.startswith("word word")
