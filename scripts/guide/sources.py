"""Every source the guide cites, gathered from each page's `## Sources` list for the About page.

A page cites a source as a Markdown list item, `- [Title](https://...) — Publisher`. The About
page has a marker where the whole list goes, so it can never fall behind the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MARKER = "<!-- sources: filled by scripts/sources.py from every page's Sources list -->"
_SECTION = re.compile(r"^## Sources\s*$(?P<body>.*?)(?=^#{1,2} |\Z)", re.MULTILINE | re.DOTALL)
_ITEM = re.compile(
    r"^- \[(?P<title>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)\s*(?:—\s*(?P<publisher>.+?))?\s*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str


def cited_in(markdown: str) -> list[Source]:
    """The linked sources listed under the page's `## Sources` heading."""
    section = _SECTION.search(markdown)
    if not section:
        return []
    return [
        Source(item["title"], item["url"], item["publisher"] or "")
        for item in _ITEM.finditer(section["body"])
    ]


def render(sources: Iterable[Source]) -> str:
    """One list item per address, grouped by publisher then title."""
    unique = {source.url: source for source in sources}.values()
    ordered = sorted(unique, key=lambda s: (s.publisher.casefold(), s.title.casefold(), s.url))
    return "\n".join(
        f"- [{s.title}]({s.url})" + (f" — {s.publisher}" if s.publisher else "") for s in ordered
    )


def fill(markdown: str, sources: Iterable[Source]) -> str:
    """Put the list at the marker; a page without the marker is an error, not a no-op."""
    if MARKER not in markdown:
        raise ValueError(f"the page lacks its marker {MARKER}")
    return markdown.replace(MARKER, render(sources))
