"""Markers in a page's Markdown, and what a filler is given to replace one.

A marker is an HTML comment on its own, `<!-- fill: NAME -->`, or `<!-- fill: NAME ARG ... -->`
when the filler needs to be told what to show. It reads the same in the page source as in the
registry (scripts/guide/fillers.py), so a reader of a page knows what fills it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker's model, for type hints only: fillers never load a flow
    from checker.model import Flow

# Any comment that starts like a marker, well formed or not: a malformed one is an error too.
_MARKER = re.compile(r"<!--\s*fill\b(?P<body>.*?)(?:-->|\Z)", re.DOTALL)
_BODY = re.compile(r"^:\s*(?P<name>[a-z][a-z0-9-]*)(?P<args>(?:\s+[A-Za-z0-9_./-]+)*)\s*$")


class FillError(ValueError):
    """What is wrong with one marker or with the data behind it, in one line."""


@dataclass(frozen=True)
class Marker:
    name: str
    args: tuple[str, ...]
    line: int  # in the page's source file, front matter included


@dataclass(frozen=True)
class Context:
    """What a filler may use. `link` turns a page's path inside docs/ into a URL relative to this
    page, and raises FillError for anything that is not a page of the build."""

    page: str  # this page's path inside docs/
    docs_dir: Path
    link: Callable[[str], str]
    pages: Mapping[str, str]  # every page's Markdown source, by path inside docs/
    flow: Flow

    def markdown_link(self, src: str) -> str:
        """A link for Markdown: the page's source path relative to this page, which MkDocs
        checks and turns into its URL (FillError when `src` is not a page of the build)."""
        self.link(src)
        return posixpath.relpath(src, posixpath.dirname(self.page) or ".")


def find(markdown: str, page: str, first_line: int = 1) -> Iterator[tuple[re.Match[str], Marker]]:
    """Every marker in the page, in order; FillError names the page and line of a malformed one."""
    for match in _MARKER.finditer(markdown):
        line = first_line + markdown.count("\n", 0, match.start())
        body = _BODY.match(match["body"]) if match[0].endswith("-->") else None
        if body is None:
            raise FillError(
                f"{page}:{line}: malformed marker {match[0].splitlines()[0][:60]!r}: "
                "write <!-- fill: NAME -->"
            )
        yield match, Marker(body["name"], tuple(body["args"].split()), line)
