"""What a worried reader on a phone sees first: how soon to get help, and the checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from guide_pages import cause_pages
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("src", [p.src for p in cause_pages()])
def test_the_care_line_is_on_the_first_screen_of_every_cause_page(
    page: Page, base_url: str, site_dir: Path, src: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url + src.removesuffix(".md") + ".html")
    line = page.locator("article .care-line")
    box = line.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    links = line.get_by_role("link")
    assert links.nth(0).inner_text() == "Warning signs on this page"
    assert links.nth(1).inner_text() == "Check your symptoms"
    assert page.locator("#when-to-get-help").count() == 1
