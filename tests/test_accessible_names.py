"""Material's search dialog and section menus have names in the built HTML itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe import axe_violations
from guide import accessible_names
from guide_pages import nav_pages, read
from playwright.sync_api import Page

MENU = """<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_5_label">
          <label class="md-nav__title" for="__nav_5">
            <span class="md-nav__icon md-icon"></span>
            Inflammation and strain
          </label>"""


def test_a_section_menu_is_labelled_by_its_title() -> None:
    html = accessible_names.named(MENU)
    assert 'aria-labelledby="__nav_5_title"' in html
    assert '<label class="md-nav__title" for="__nav_5" id="__nav_5_title">' in html


def test_the_search_dialog_is_named() -> None:
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert accessible_names.named(dialog) == (
        '<div class="md-search" data-md-component="search" role="dialog" '
        'aria-label="Search this guide">'
    )


class _Names(HTMLParser):
    """The text of each <label> with an id, and the ids menus and the names dialogs are given."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, str] = {}
        self.label: str | None = None  # the id of the <label> being read
        self.labelled_by: list[str] = []
        self.dialogs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "nav" and attributes.get("aria-labelledby"):
            self.labelled_by.append(attributes["aria-labelledby"] or "")
        if attributes.get("role") == "dialog":
            self.dialogs.append(attributes.get("aria-label"))
        if tag == "label" and (label := attributes.get("id")):
            self.label = label
            self.text[label] = ""

    def handle_data(self, data: str) -> None:
        if self.label:
            self.text[self.label] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.label = None


@pytest.mark.parametrize("page", ["index.html", "referred-pain/shingles.html", "404.html"])
def test_every_menu_and_dialog_has_a_name_in_the_built_page(site_dir: Path, page: str) -> None:
    names = _Names()
    names.feed((site_dir / page).read_text(encoding="utf-8"))
    assert names.labelled_by, "the page has section menus"
    titles = [" ".join(names.text.get(label_id, "").split()) for label_id in names.labelled_by]
    assert all(titles), titles
    assert len(set(titles)) == len(titles), "two menus share a name"
    assert names.dialogs == ["Search this guide"]


@pytest.mark.browser
@pytest.mark.parametrize("url", [read(src).url() for src in nav_pages()[:3]])
def test_no_axe_violation_when_the_site_scripts_do_not_run(
    page: Page, base_url: str, url: str
) -> None:
    # As a browser with scripts blocked or failed sees the page: Material's bundle never runs.
    # (axe itself needs JavaScript, so the page's script files are blocked instead.)
    page.route(re.compile(r"\.js(\?|$)"), lambda route: route.abort())
    page.goto(base_url + url)
    assert page.evaluate("typeof document$") == "undefined", "Material's bundle ran"
    assert axe_violations(page) == []


def test_a_source_takes_its_publisher_into_its_link() -> None:
    item = '<li><a href="https://www.nhs.uk/x/"><abbr title="t">Kidney</abbr> stones</a> — NHS</li>'
    assert accessible_names.named(item) == (
        '<li><a href="https://www.nhs.uk/x/"><abbr title="t">Kidney</abbr> stones — NHS</a></li>'
    )
    ours = '<li><a href="../kidney-stones.html">Kidney stones</a> — our page</li>'
    assert accessible_names.named(ours) == ours


def test_a_permalink_is_named_after_its_heading() -> None:
    heading = (
        '<h2 id="other-signs">Other <abbr title="t">signs</abbr> &amp; more'
        '<a class="headerlink" href="#other-signs" title="Permanent link">&para;</a></h2>'
    )
    assert 'aria-label="Link to this section: Other signs &amp; more"' in (
        accessible_names.named(heading)
    )
    # A heading without a permalink does not lend its text to the next heading's.
    two = '<h2 id="a">A</h2><h2 id="b">B<a class="headerlink" href="#b">&para;</a></h2>'
    assert 'aria-label="Link to this section: B"' in accessible_names.named(two)
