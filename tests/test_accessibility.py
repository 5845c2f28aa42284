"""Accessibility: axe-core finds nothing on any page, light and dark, phone and desktop."""

from __future__ import annotations

import pytest
from axe import axe_violations
from conftest import nav_pages
from pages import read
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
