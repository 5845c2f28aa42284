"""The guide in Chromium on localhost: pages render cleanly and load nothing from outside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from guide_pages import PALETTE_TOGGLE, cause_pages, nav_pages, read
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("src", nav_pages())
def test_page_renders_without_console_error_outside_request_or_cookie(
    src: str, page: Page, base_url: str, site_dir: Path, outside_requests: list[str]
) -> None:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(base_url + read(src).url(), wait_until="load")
    assert response is not None and response.ok
    expect(page.locator("article h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert outside_requests == []
    assert page.context.cookies() == []


def test_navigation_reaches_every_cause_page(page: Page, base_url: str, site_dir: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    for cause in cause_pages():
        page.goto(base_url)
        title = cause.meta["title"]
        link = page.locator("nav.md-nav--primary a.md-nav__link", has_text=title).first
        link.click()
        expect(page).to_have_url(base_url + cause.url())
        expect(page.locator("article h1").first).to_have_text(re.compile(re.escape(title)))


def test_search_for_shingles_finds_its_page(page: Page, base_url: str, site_dir: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("shingles", delay=30)
    result = page.locator(".md-search-result__link[href*='referred-pain/shingles.html']").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"referred-pain/shingles.html"))


def test_palette_toggle_switches_light_and_dark(page: Page, base_url: str, site_dir: Path) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(base_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator(PALETTE_TOGGLE).click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator(PALETTE_TOGGLE).click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


ADDRESS_AFTER = """() => [...document.querySelectorAll("article a[href^='http']")].map(
  (link) => [link.getAttribute("href"), getComputedStyle(link, "::after").content])"""


@pytest.mark.parametrize("src", ["referred-pain/shingles.md", "about.md"])
def test_a_printed_page_shows_its_own_address_and_each_source_address(
    src: str, page: Page, base_url: str
) -> None:
    page.goto(base_url + read(src).url())
    address = page.locator(".print-address")
    expect(address).to_be_hidden()
    links = page.evaluate(ADDRESS_AFTER)
    assert links and all(after in ("none", "normal") for _, after in links)
    page.emulate_media(media="print")
    expect(address).to_be_visible()
    expect(address).to_have_text(f"Read this page online: {base_url}{read(src).url()}")
    # A link that cannot be followed on paper is followed by its address: the one it links to.
    printed = page.evaluate(ADDRESS_AFTER)
    assert [after for _, after in printed] == [f'" ({href})"' for href, _ in links]
