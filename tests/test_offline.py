"""The built site read from disk (file://) with the network cut: everything still works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from guide_pages import PALETTE_TOGGLE, checker_flow
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def offline(page: Page) -> list[str]:
    """Block and record every request that is not for a file on disk."""
    blocked: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.context.route("**/*", guard)
    return blocked


def test_search_works_from_disk(page: Page, site_dir: Path, offline: list[str]) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((site_dir / "index.html").as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("shingles", delay=30)
    result = page.locator(".md-search-result__link[href*='shingles.html']").first
    expect(result).to_be_visible()
    result.click()
    shingles = (site_dir / "referred-pain" / "shingles.html").as_uri()
    expect(page).to_have_url(re.compile(re.escape(shingles)))  # with ?h=shingles to highlight
    assert offline == []


def test_navigation_palette_and_tooltips_work_from_disk(
    page: Page, site_dir: Path, offline: list[str]
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(color_scheme="light")
    page.goto((site_dir / "index.html").as_uri())
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Spinal stenosis").first.click()
    expect(page).to_have_url((site_dir / "nerves" / "spinal-stenosis.html").as_uri())
    page.locator(PALETTE_TOGGLE).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    term = page.locator("article abbr").first
    term.hover()
    # Material's tooltips (content.tooltips) turn the abbr title into a visible tooltip.
    expect(page.locator(".md-tooltip2--active, .md-tooltip--active").first).to_be_visible()
    assert offline == []


def test_checker_reaches_an_emergency_result_from_disk(
    page: Page, site_dir: Path, offline: list[str]
) -> None:
    page.goto((site_dir / "checker" / "index.html").as_uri())
    app = page.locator(".checker__app")
    flow = checker_flow()
    expect(app.locator(".checker__title")).to_have_text(flow.questions[flow.start].text)
    app.locator("a.checker__option").first.click()
    expect(app.locator(".checker__title")).to_have_text(re.compile(r"^Result: "))
    expect(app.locator(".admonition.emergency")).to_be_visible()
    assert offline == []
