"""Emergency numbers a phone can call, and glossary terms that open by keyboard and by touch."""

from __future__ import annotations

from pathlib import Path

import pytest
from guide import emergency_numbers, glossary_terms
from guide_pages import read
from playwright.sync_api import Browser, Page, expect

PHRASE = "your local emergency number (999 in the UK, 112 in the EU, 911 in the US and Canada)"


def test_each_emergency_number_of_the_set_phrase_becomes_a_tel_link() -> None:
    assert emergency_numbers.linked(f"<p>Call {PHRASE}.</p>") == (
        '<p>Call your local emergency number (<a href="tel:999">999</a> in the UK, '
        '<a href="tel:112">112</a> in the EU, <a href="tel:911">911</a> in the US and Canada).</p>'
    )


@pytest.mark.parametrize(
    "html",
    [
        f'<script type="application/json">{{"text": "{PHRASE}"}}</script>',
        f"<title>{PHRASE}</title>",
        f'<a href="x.html">{PHRASE}</a>',
        f'<abbr title="{PHRASE}">term</abbr>',
        f"<!-- {PHRASE} -->",
        "<p>999 in the EU, 112 in the US, 1999 in the UK</p>",
    ],
)
def test_numbers_outside_text_or_outside_the_phrase_stay_as_they_are(html: str) -> None:
    assert emergency_numbers.linked(html) == html


def test_first_use_of_a_term_is_a_tab_stop_and_later_uses_take_focus_on_a_tap() -> None:
    html = (
        '<p><abbr title="A nerve.">nerve</abbr>, <abbr title="A disc.">disc</abbr>, '
        '<abbr title="A nerve.">Nerve</abbr>, <a href="x"><abbr title="A disc.">disc</abbr></a>'
    )
    assert glossary_terms.focusable(html) == (
        '<p><abbr title="A nerve." tabindex="0">nerve</abbr>, '
        '<abbr title="A disc." tabindex="0">disc</abbr>, '
        '<abbr title="A nerve." tabindex="-1">Nerve</abbr>, '
        '<a href="x"><abbr title="A disc.">disc</abbr></a>'
    )


TEL = "article a[href^='tel:']"
# How each tel: link looks next to the text around it, and what prints after it.
TEL_STYLE = """(links) => links.map((link) => {
  const own = getComputedStyle(link), around = getComputedStyle(link.parentElement);
  return {
    text: link.textContent,
    href: link.getAttribute("href"),
    plain: own.color === around.color && own.textDecorationLine === "none",
    after: getComputedStyle(link, "::after").content,
  };
})"""


@pytest.mark.parametrize("src", ["index.md", "nerves/cauda-equina-syndrome.md"])
def test_emergency_numbers_are_tel_links_on_screen_and_plain_text_on_paper(
    src: str, page: Page, base_url: str
) -> None:
    page.goto(base_url + read(src).url())
    on_screen = page.locator(TEL).evaluate_all(TEL_STYLE)
    assert {(link["text"], link["href"]) for link in on_screen} == {
        ("999", "tel:999"),
        ("112", "tel:112"),
        ("911", "tel:911"),
    }
    assert not any(link["plain"] for link in on_screen), "a tel: link should look like a link"
    # Material fades a link's colour: measure the printed style, not a frame of the fade.
    page.add_style_tag(content="a { transition: none !important; }")
    page.emulate_media(media="print")
    on_paper = page.locator(TEL).evaluate_all(TEL_STYLE)
    assert all(link["plain"] and link["after"] in ("none", "normal") for link in on_paper), on_paper


def test_checker_result_drawn_by_the_script_has_tel_links(page: Page, base_url: str) -> None:
    page.goto(base_url + "checker/index.html#answers=any_emergency_signs:bladder_or_bowel")
    result = page.locator(".checker__app .admonition.emergency")
    expect(result.locator("a[href='tel:999']")).to_have_text("999")
    expect(result.locator("h3.admonition-title")).to_have_text(
        "Emergency: call your local emergency number"
    )


def test_the_print_page_and_so_the_pdf_has_no_tel_link(site_dir: Path) -> None:
    html = (site_dir / "print_page.html").read_text(encoding="utf-8")
    assert "999 in the UK" in html
    assert "tel:" not in html


# A page whose first glossary term is well down the article, past links and other stops.
GLOSSARY_PAGE = read("nerves/herniated-disc.md").url()
TOOLTIP = ".md-tooltip2--active"


def test_a_glossary_term_opens_by_keyboard_and_escape_hides_it(page: Page, base_url: str) -> None:
    page.goto(base_url + GLOSSARY_PAGE, wait_until="networkidle")
    term = page.locator("article abbr").first
    meaning = term.get_attribute("title")  # Material moves it into the tooltip while it shows
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    expect(term).to_be_focused()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_have_text(meaning or "")
    # Screen readers: Material names the open tooltip as the term's description.
    expect(term).to_have_attribute("aria-describedby", tooltip.get_attribute("id") or "")
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(term).to_be_focused()


def test_a_glossary_term_opens_with_a_tap(browser: Browser, base_url: str) -> None:
    context = browser.new_context(
        has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(base_url + GLOSSARY_PAGE, wait_until="networkidle")
    # A later use of a term: not a Tab stop, but a tap still focuses it and opens its meaning.
    term = page.locator("article abbr[tabindex='-1']").first
    meaning = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    expect(term).to_be_focused()
    expect(page.locator(TOOLTIP)).to_have_text(meaning or "")
    context.close()
