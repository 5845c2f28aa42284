"""The guide's pages as the tests read them: the navigation, each page's front matter and
headings, and its built HTML; the article's facts and the checker's flow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import checker
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FLOW = DOCS / "checker" / "flow.yaml"
# What the source article names (its causes and warning signs), written down as data.
ARTICLE_FACTS = DOCS / "source-article.yaml"
MECHANISMS = ("inflammation", "nerves", "referred-pain")
CAUSE_SECTIONS = [
    "What it feels like",
    "Why it can feel hot or burning",
    "Other signs",
    "What usually helps",
    "When to get help",
    "Sources",
]
# Material shows one toggle at a time: the one that switches to the other palette.
PALETTE_TOGGLE = "form[data-md-component=palette] label:not([hidden])"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Page:
    src: str  # path relative to docs/, as in mkdocs.yml's nav
    meta: dict
    body: str

    @property
    def is_cause(self) -> bool:
        return self.src.split("/")[0] in MECHANISMS and not self.src.endswith("index.md")

    @property
    def headings(self) -> list[str]:
        return re.findall(r"^## (.+?)\s*$", self.body, re.MULTILINE)

    def url(self) -> str:
        """Its URL relative to the site root: the offline plugin turns off directory URLs."""
        return self.src.removesuffix(".md") + ".html"

    def built(self, site: Path) -> str:
        """The built HTML of this page."""
        return (site / self.url()).read_text(encoding="utf-8")


@cache
def read(src: str) -> Page:
    text = (DOCS / src).read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    meta = yaml.safe_load(match[1]) if match else {}
    return Page(src, meta or {}, text[match.end() :] if match else text)


def all_pages() -> list[Page]:
    return [
        read(p.relative_to(DOCS).as_posix())
        for p in sorted(DOCS.rglob("*.md"))
        if "includes" not in p.parts
    ]


def cause_pages() -> list[Page]:
    return [page for page in all_pages() if page.is_cause]


@cache
def article_facts() -> dict:
    return yaml.safe_load(ARTICLE_FACTS.read_text(encoding="utf-8"))


@cache
def checker_flow() -> checker.Flow:
    """The guide's symptom checker, loaded and proved as the build does, once per session."""
    return checker.load(FLOW, docs_dir=DOCS)


@cache
def nav_pages() -> list[str]:
    """Source paths of every page in the navigation, in order."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV and !!python/name tags; the navigation needs neither.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)

    def walk(items: list) -> Iterator[str]:
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict):
                for value in item.values():
                    yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(config["nav"]))
