"""MkDocs hooks: thin adapters that call the project's plain Python modules.

MkDocs puts this file's folder on sys.path while it loads the hook, so the sibling modules
import directly. Keep logic in those modules: they are tested and run without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import checker
from checker import render as checker_render
from checker.pages import site_pages
from guide import (
    accessible_names,
    emergency_numbers,
    glossary,
    glossary_terms,
    page_assets,
    sources,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GLOSSARY_PAGE = "glossary.md"
GLOSSARY_SNIPPET = Path("includes") / "abbreviations.md"
ABOUT_PAGE = "about.md"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The PDF's cover shows when the guide as a whole was last reviewed: its newest page.
    if reviewed := page.meta.get("last_reviewed"):
        config.extra["last_reviewed"] = max(reviewed, config.extra.get("last_reviewed", reviewed))
    if page.file.src_uri == GLOSSARY_PAGE:
        return glossary.fill(markdown, Path(config.docs_dir) / GLOSSARY_SNIPPET)
    if page.file.src_uri == ABOUT_PAGE:
        return sources.fill(markdown, _all_sources(files))
    if page.file.src_uri in CHECKER_PAGES:
        return _fill_checker(markdown, page, files)
    return markdown


# The print page is written by its plugin after the build, past these two events, so it keeps
# the assets that only it needs; it gets its names in on_post_build.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _for_screen(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _for_screen(output) if template_name.endswith(".html") else output


def _for_screen(html: str) -> str:
    # Tappable emergency numbers and focusable glossary terms are for screens: the PDF keeps
    # plain text.
    html = glossary_terms.focusable(emergency_numbers.linked(html))
    return page_assets.for_screen(accessible_names.named(html))


def on_post_build(config: MkDocsConfig) -> None:
    # Hooks run after the plugins listed in mkdocs.yml: the print page is written by now.
    print_page = Path(config.site_dir) / page_assets.PRINT_PAGE
    if print_page.is_file():
        html = print_page.read_text(encoding="utf-8")
        print_page.write_text(accessible_names.named(html), encoding="utf-8")


# The symptom checker: scripts/checker checks and proves docs/checker/flow.yaml before anything
# is written (on_pre_build), then puts its HTML at the markers of its two pages' Markdown (as raw
# HTML, so MkDocs sees its anchors and the print page gets it). A broken flow fails the build
# with the same lines as `python -m checker check`.
CHECKER_FLOW = Path("checker") / "flow.yaml"
CHECKER_PAGES = {
    "checker/index.md": ("checker",),
    "checker/how-it-works.md": ("outline", "sources"),
}
_checker_flow: checker.Flow | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    # Before MkDocs empties site/: a failed check leaves the previous site as it was.
    global _checker_flow
    docs = Path(config.docs_dir)
    try:
        pages = site_pages(config)
        _checker_flow = checker.load(docs / CHECKER_FLOW, docs_dir=docs, pages=pages)
    except checker.CheckerError as error:
        raise PluginError(str(error)) from None


def _fill_checker(markdown: str, page: Page, files: Files) -> str:
    def link(src: str) -> str:
        target = files.get_file_from_path(src)
        if target is None:
            raise PluginError(f"{CHECKER_FLOW}: '{src}' is not a page of this build")
        return target.url_relative_to(page.file)

    assert _checker_flow is not None  # set by on_pre_build
    rendered = checker_render.render(_checker_flow, link, link)
    try:
        return checker_render.fill(markdown, rendered, CHECKER_PAGES[page.file.src_uri])
    except checker_render.MarkerError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def _all_sources(files: Files) -> list[sources.Source]:
    """The About page's list: what every page cites, and what the checker's results cite."""
    assert _checker_flow is not None  # set by on_pre_build
    cited = [
        s for file in files.documentation_pages() for s in sources.cited_in(file.content_string)
    ]
    cited += [
        sources.Source(s.title, s.url, s.publisher) for s in _checker_flow.sources.values() if s.url
    ]
    return cited
