"""The checker in the built site: the hook put the generator's HTML in place, untouched by
Markdown, with MkDocs' own links, in the navigation right after Home."""

from __future__ import annotations

import json
import re
from pathlib import Path

import checker
from checker import render
from checker_helpers import DOCS, FLOW
from guide import emergency_numbers
from guide_pages import nav_pages

_HREF = re.compile(r'href="(?!#|https://)[^"]*"')


def built(site_dir: Path, src: str) -> str:
    stem = src.removesuffix(".md")
    for candidate in (
        f"{stem}.html",
        f"{stem.removesuffix('index')}index.html",
        f"{stem}/index.html",
    ):
        if (site_dir / candidate).is_file():
            return (site_dir / candidate).read_text(encoding="utf-8")
    raise AssertionError(f"{src} is not in the built site")


def test_the_checker_comes_right_after_home_in_the_navigation() -> None:
    assert nav_pages()[:3] == ["index.md", "checker/index.md", "checker/how-it-works.md"]


def test_the_built_checker_is_the_generated_html_untouched(site_dir: Path) -> None:
    page = built(site_dir, "checker/index.md")
    # The build makes the emergency numbers tel: links, as on every page.
    expected = emergency_numbers.linked(render.render(checker.load(FLOW, docs_dir=DOCS)).checker)
    start = page.index('<div class="checker" data-checker>')
    end = page.index("</section>\n</div>\n</div>", start) + len("</section>\n</div>\n</div>")
    found = page[start:end]
    # Otherwise only the page links differ: MkDocs writes them for its URL style.
    assert _HREF.sub('href=""', found) == _HREF.sub('href=""', expected)


def test_the_built_links_lead_to_the_cause_pages(site_dir: Path) -> None:
    page = built(site_dir, "checker/index.md")
    links = set(re.findall(r'href="(\.\./[^"#]+)"', page))
    folder = site_dir / "checker"
    targets = {(folder / link).resolve() for link in links}
    for target in targets:
        assert target.is_file() or (target / "index.html").is_file(), target
    assert any("herniated-disc" in link for link in links)


def test_the_embedded_data_parses_to_the_flow(site_dir: Path) -> None:
    page = built(site_dir, "checker/index.md")
    body = re.search(r'<script type="application/json" class="checker__data">(.*?)</script>', page)
    assert body, "the data is missing"
    assert json.loads(body[1]) == render.flow_data(checker.load(FLOW, docs_dir=DOCS))


def test_how_it_works_shows_the_outline_and_its_sources(site_dir: Path) -> None:
    page = built(site_dir, "checker/how-it-works.md")
    rendered = render.render(checker.load(FLOW, docs_dir=DOCS))
    outline = emergency_numbers.linked(rendered.outline)
    assert _HREF.sub('href=""', outline) in _HREF.sub('href=""', page)
    assert rendered.sources in page
