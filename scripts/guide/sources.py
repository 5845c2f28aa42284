"""Every source the guide cites, gathered from each page's `## Sources` list for the About page.

A page cites a source as one Markdown list item in one form (CONTRIBUTING.md):

    - [Title](https://...) — Publisher

and names the source article without a link. A linked item in any other form is refused, with
the page and line, so a source can never drop silently off the About page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guide.markers import Context, FillError, Marker

_SECTION = re.compile(r"^## Sources[ \t]*$(?P<body>.*?)(?=^#{1,2} |\Z)", re.MULTILINE | re.DOTALL)
_ITEM = re.compile(
    r"^- \[(?P<title>[^\]]+)\]\((?P<url>https?://[^)\s]+)\) — (?P<publisher>\S.*?)\s*$"
)
FORM = "- [Title](https://...) — Publisher"


class SourceError(FillError):
    """A linked list item under `## Sources` that is not in the one documented form."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str


def cited_in(markdown: str, page: str = "page") -> list[Source]:
    """The linked sources listed under the page's `## Sources` heading, in order."""
    section = _SECTION.search(markdown)
    if not section:
        return []
    first_line = markdown.count("\n", 0, section.start("body")) + 1
    cited = []
    for number, line in enumerate(section["body"].split("\n"), start=first_line):
        if "](" not in line and "http" not in line:
            continue  # prose, or the source article named without a link
        item = _ITEM.match(line)
        if item is None:
            raise SourceError(f"{page}:{number}: a source must read '{FORM}', got {line!r}")
        cited.append(Source(item["title"], item["url"], item["publisher"]))
    return cited


def render(sources: Iterable[Source]) -> str:
    """One list item per address, grouped by publisher then title."""
    unique = {source.url: source for source in sources}.values()
    ordered = sorted(unique, key=lambda s: (s.publisher.casefold(), s.title.casefold(), s.url))
    return "\n".join(f"- [{s.title}]({s.url}) — {s.publisher}" for s in ordered)


def fill(marker: Marker, context: Context) -> str:
    """The `sources` marker: what every page cites, and what the checker's results cite."""
    cited = [s for page, text in context.pages.items() for s in cited_in(text, page)]
    cited += [Source(s.title, s.url, s.publisher) for s in context.flow.sources.values() if s.url]
    return render(cited)
