"""Keyboard only and with a screen reader: Tab follows the form, every control has a name."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_browser import Lab, Notebook, lab, notebook
from tests.browser.test_browser_participant import _labelled

__all__ = ["lab", "notebook"]

#: What a screen reader announces for the focused element (the accessible-name rules that
#: matter here: aria-labelledby, aria-label, a <label for>, a wrapping label, a button's text,
#: a title), with its role.
_JS_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const text = (node) => (node ? node.textContent.trim() : "");
  let name = "";
  const labelledby = el.getAttribute("aria-labelledby");
  if (labelledby) name = labelledby.split(/\\s+/).map((id) => text(document.getElementById(id))).join(" ");
  if (!name) name = (el.getAttribute("aria-label") || "").trim();
  if (!name && el.labels && el.labels.length) name = Array.from(el.labels).map(text).join(" ");
  if (!name && (el.tagName === "BUTTON" || el.getAttribute("role") === "button")) name = text(el);
  if (!name) name = (el.getAttribute("title") || "").trim();
  const role = el.getAttribute("role") || el.tagName.toLowerCase() + (el.type ? ":" + el.type : "");
  const form = el.closest(".mentorkit-form");
  return {name, role, inForm: !!form, key: el.outerHTML.slice(0, 120)};
}"""


def _tab_through(lab: Lab, count: int) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    for _ in range(count):
        focused = lab.page.evaluate(_JS_FOCUSED)
        if focused and (not seen or seen[-1]["key"] != focused["key"]):
            seen.append(focused)
        lab.page.keyboard.press("Tab")
    return seen


#: The goal form's stops for Tab, in the form's order, by the name a screen reader says (the
#: "Use suggested type" button is disabled on an empty form, so Tab passes it by).
_GOAL_FORM_ORDER = [
    "Goal",
    "Type",
    "Why it matters",
    "Success measure",
    "Target date",
    "First step",
    "First step on",
    "Confidence (1-7)",
    "Obstacle (optional)",
    "If-then plan (optional)",
    "Areas: type a tag, then press Enter",
    "Save goal",
    "Start a new goal",
]


@pytest.mark.browser
def test_the_goal_form_by_keyboard_in_order_and_every_control_named(
    lab: Lab, notebook: Notebook
) -> None:
    from playwright.sync_api import expect

    notebook.open_and_run("01_goals.ipynb")
    goal_box = _labelled(lab, ".widget-textarea", "Goal").locator("textarea")
    goal_box.focus()
    stops = [stop for stop in _tab_through(lab, 30) if stop["inForm"]]
    unnamed = [stop["key"] for stop in stops if not stop["name"]]
    assert unnamed == [], f"controls a screen reader cannot name: {unnamed}"
    assert [stop["name"] for stop in stops] == _GOAL_FORM_ORDER
    # The same names through the page's accessibility tree, by role.
    page = lab.page
    expect(page.get_by_role("spinbutton", name="Confidence (1-7)")).to_have_count(1)
    expect(page.get_by_role("textbox", name="Areas: type a tag, then press Enter")).to_be_visible()
    expect(page.get_by_role("button", name="Save goal")).to_be_visible()
    # Keyboard only: a tag typed and entered, then the form left with Tab, nothing lost.
    areas = page.get_by_role("textbox", name="Areas: type a tag, then press Enter")
    areas.focus()
    page.keyboard.type("negotiation")
    page.keyboard.press("Enter")
    expect(page.locator(".jp-Notebook .mentorkit-form .mentorkit-tag")).to_have_count(1)
    notebook.screenshot("keyboard")
