"""Accessibility: axe-core finds nothing on any page, light and dark, phone and desktop; the
keyboard reaches everything in reading order, and the focused element is always in sight."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from axe import axe_violations
from guide_pages import nav_pages, read
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", [read(src).url() for src in nav_pages()] + ["404.html"])
def test_no_axe_violation(url: str, viewport: str, scheme: str, page: Page, base_url: str) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + url)
    assert axe_violations(page) == []


def test_first_tab_reaches_a_visible_skip_link(page: Page, base_url: str) -> None:
    page.goto(base_url + read("nerves/spinal-stenosis.md").url())
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#spinal-stenosis"


# Where keyboard focus is after a Tab, and whether a reader can see it there. Transitions are
# switched off by the test, and two frames are awaited because Material reacts to some focus
# changes a frame later (the search box opens when it gets focus).
FOCUS_STOP = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // A visually hidden switch (the palette toggle) shows its focus on the label after it.
  const shown =
    (element.getBoundingClientRect().width ? element : element.nextElementSibling) || element;
  const box = shown.getClientRects()[0] || shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  let opacity = 1;
  for (let node = shown; node; node = node.parentElement) opacity *= getComputedStyle(node).opacity;
  // Where it is in the page, not on screen: a frame that scrolls (the flowchart's) moves a
  // focused element to the left of the one before it on screen, though it comes after it.
  let [x, y] = [0, scrollY];
  for (let n = element.parentElement; n && n !== document.body; n = n.parentElement) {
    [x, y] = [x + n.scrollLeft, y + n.scrollTop];
  }
  return {
    name: `${element.tagName}.${element.getAttribute("class")} "${element.textContent.trim()}"`,
    seen: box.width > 0 && box.height > 0 && opacity > 0 && style.visibility === "visible"
      && !!hit && (shown.contains(hit) || hit.contains(shown)),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
    typing: element.matches("input[type=search], input[type=text]"),
    article: !!element.closest("article"),
    top: Math.round(box.top + y),
    bottom: Math.round(box.bottom + y),
    left: Math.round(box.left + x),
  };
}"""
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def tab_through(page: Page) -> list[dict[str, Any]]:
    """Every focus stop from the top of the page, Tab by Tab, until focus leaves the page."""
    page.add_style_tag(content=NO_MOTION)
    stops: list[dict[str, Any]] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stop is None:
            return stops
        stops.append(stop)
    raise AssertionError("Tab never left the page: a keyboard trap")


# The checker is walked in its first-question state (its page) and in a result state.
CHECKER_RESULT = read("checker/index.md").url() + "#answers=any_emergency_signs:bladder_or_bowel"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", [read(src).url() for src in nav_pages()] + [CHECKER_RESULT])
def test_keyboard_focus_is_always_seen_and_follows_reading_order(
    url: str, viewport: str, page: Page, base_url: str
) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base_url + url, wait_until="networkidle")
    stops = tab_through(page)
    assert stops[0]["name"].startswith("A.md-skip"), stops[0]
    unseen = [s["name"] for s in stops if not s["seen"]]
    assert unseen == [], "focused but out of sight"
    # A text field shows its caret (and Material opens search); everything else has a ring.
    no_ring = [s["name"] for s in stops if not (s["ring"] or s["typing"])]
    assert no_ring == [], "focused without a visible ring"
    # The article is one run of stops, top to bottom and, on a line, left to right.
    runs = [i for i, s in enumerate(stops) if s["article"]]
    assert runs == list(range(runs[0], runs[-1] + 1)), "focus leaves the article and comes back"
    article = stops[runs[0] : runs[-1] + 1]
    backwards = [
        (before["name"], after["name"])
        for before, after in itertools.pairwise(article)
        if after["bottom"] <= before["top"]
        or (after["top"] < before["bottom"] and after["left"] < before["left"])
    ]
    assert backwards == [], "focus goes back up the page"


def test_no_positive_tabindex_reorders_the_keyboard(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'tabindex="?[1-9]', html), path.relative_to(site_dir)
