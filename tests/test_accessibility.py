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
@pytest.mark.parametrize(
    "url", [read(src).url() for src in nav_pages()] + ["404.html", "pdf-offline.html"]
)
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
  // A visually hidden switch (the palette toggle) shows its focus on its label that shows.
  const shown = (element.getBoundingClientRect().width ? element
    : element.parentElement.querySelector("label:not([hidden])")) || element;
  const box = shown.getClientRects()[0] || shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  // Covered, even in part, by the sticky header or "Back to top" (WCAG 2.4.11): sampled in the
  // middle of the overlap, so a menu drawn over the header does not count.
  const bars = [...document.querySelectorAll(".md-header, .md-top:not([hidden])")];
  const covered = bars.some((bar) => {
    const over = bar.getBoundingClientRect();
    const top = Math.max(box.top, over.top), bottom = Math.min(box.bottom, over.bottom);
    const left = Math.max(box.left, over.left), right = Math.min(box.right, over.right);
    if (bottom <= top || right <= left || bar.contains(shown)) return false;
    return bar.contains(document.elementFromPoint((left + right) / 2, (top + bottom) / 2));
  });
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
      && !!hit && (shown.contains(hit) || hit.contains(shown)) && !covered,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
    typing: element.matches("input[type=search], input[type=text]"),
    article: !!element.closest("article"),
    top: Math.round(box.top + y),
    bottom: Math.round(box.bottom + y),
    left: Math.round(box.left + x),
    // Cells of one table row are in order by construction, and sit side by side in a box that
    // scrolls sideways on a phone: a cell may start above the last line of the one before.
    row: [...document.querySelectorAll("tr")].indexOf(shown.closest("tr")),
  };
}"""
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def tab_through(page: Page, key: str = "Tab") -> list[dict[str, Any]]:
    """Every focus stop from the top of the page, in the order of the document, until focus
    leaves the page. With Shift+Tab the walk starts from the end and goes up the page, as a
    reader going back does, and its stops are returned in the order of the document."""
    page.add_style_tag(content=NO_MOTION)
    stops: list[dict[str, Any]] = []
    for _ in range(400):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUS_STOP)
        if stop is None:
            return stops[::-1] if key == "Shift+Tab" else stops
        stops.append(stop)
    raise AssertionError("Tab never left the page: a keyboard trap")


# The checker is walked in its first-question state (its page) and in a result state.
CHECKER_RESULT = read("checker/index.md").url() + "#answers=any_emergency_signs:bladder_or_bowel"


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", [read(src).url() for src in nav_pages()] + [CHECKER_RESULT])
def test_keyboard_focus_is_always_seen_and_follows_reading_order(
    url: str, viewport: str, key: str, page: Page, base_url: str
) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base_url + url, wait_until="networkidle")
    stops = tab_through(page, key)
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
        if (after["row"] < 0 or after["row"] != before["row"])
        and (
            after["bottom"] <= before["top"]
            or (after["top"] < before["bottom"] and after["left"] < before["left"])
        )
    ]
    assert backwards == [], "focus goes back up the page"


def test_no_positive_tabindex_reorders_the_keyboard(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'tabindex="?[1-9]', html), path.relative_to(site_dir)


# The emergency box's words against the page's body text (WCAG 1.4.4 spirit: the most urgent
# words are never the smallest), on Home, a cause page and a checker result.
TEXT_SIZES = """() => ({
  body: parseFloat(getComputedStyle(document.querySelector("article > p")).fontSize),
  emergency: [...document.querySelectorAll(".admonition.emergency :is(p, li)")]
    .filter((text) => text.checkVisibility())
    .map((text) => parseFloat(getComputedStyle(text).fontSize)),
})"""


@pytest.mark.parametrize(
    "url", [read("index.md").url(), read("referred-pain/kidney-stones.md").url(), CHECKER_RESULT]
)
def test_emergency_text_is_at_least_body_size(url: str, page: Page, base_url: str) -> None:
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(base_url + url, wait_until="networkidle")
    sizes = page.evaluate(TEXT_SIZES)
    assert sizes["emergency"] and min(sizes["emergency"]) >= sizes["body"], sizes


# Controls shown only by their border: the checker's answers and outlined buttons. Each one's
# border colour and the colour behind it (the first ancestor with a background).
BORDERS = """() => [...document.querySelectorAll(".checker__option, .md-button")]
  .filter((control) => !control.matches(".md-button--primary"))
  .filter((control) => control.checkVisibility())
  .map((control) => {
    let behind = control.parentElement;
    while (behind && getComputedStyle(behind).backgroundColor.match(/0\\)$|transparent/))
      behind = behind.parentElement;
    return [control.textContent.trim(), getComputedStyle(control).borderTopColor,
      getComputedStyle(behind || document.body).backgroundColor];
  })"""


def _luminance(css: str) -> float:
    """Relative luminance of an opaque rgb() colour, as WCAG defines it."""
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", [read("checker/index.md").url(), CHECKER_RESULT])
def test_controls_shown_by_their_border_have_3_to_1_contrast(
    url: str, scheme: str, page: Page, base_url: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + url, wait_until="networkidle")
    page.add_style_tag(content=NO_MOTION)
    borders = page.evaluate(BORDERS)
    assert borders, "the page shows a bordered control"
    faint = [(name, round(contrast(border, behind), 2)) for name, border, behind in borders]
    assert [item for item in faint if item[1] < 3] == [], faint


def test_every_page_has_its_own_title(site_dir: Path) -> None:
    titles = {
        path.relative_to(site_dir).as_posix(): re.search(
            r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.DOTALL
        )[1].strip()
        for path in site_dir.rglob("*.html")
        if "assets" not in path.parts
    }
    assert len(set(titles.values())) == len(titles), titles
    assert titles["index.html"].startswith("Home - ")
    assert titles["404.html"].startswith("Page not found - ")
    assert titles["print_page.html"].startswith("The whole guide, to print - ")


# Every link in the article, by the name a screen reader reads and where it goes.
LINK_NAMES = """() => [...document.querySelectorAll("article a[href]")]
  .filter((link) => link.checkVisibility())
  .map((link) => [
    (link.getAttribute("aria-label") || link.textContent).split(/\\s+/).join(" ").trim()
      .toLowerCase(),
    new URL(link.getAttribute("href"), location.href).href,
  ])"""


@pytest.mark.parametrize("url", [read(src).url() for src in nav_pages()] + [CHECKER_RESULT])
def test_links_to_different_places_have_different_names(
    url: str, page: Page, base_url: str
) -> None:
    page.goto(base_url + url, wait_until="networkidle")
    places: dict[str, set[str]] = {}
    for name, href in page.evaluate(LINK_NAMES):
        places.setdefault(name, set()).add(href)
    assert {name: hrefs for name, hrefs in places.items() if len(hrefs) > 1} == {}
