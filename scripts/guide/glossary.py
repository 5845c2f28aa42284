"""The glossary: one source (the abbreviations snippet) for tooltips and the glossary page.

The snippet holds one line per term, `*[term]: definition`, as the Markdown `abbr` extension
reads it; pymdownx.snippets appends it to every page, so each term shows its meaning as a
tooltip wherever it appears. Because `abbr` is case-sensitive, a term may be listed again with a
capital letter; both forms must then share the same definition, and the page lists it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MARKER = "<!-- glossary: filled by scripts/glossary.py from docs/includes/abbreviations.md -->"
_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")


class GlossaryError(ValueError):
    """A malformed glossary line, reported as `file:line: what is wrong`."""


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str


def read_entries(path: Path) -> list[Entry]:
    """Parse the snippet; one entry per term, whatever its capitalisation, sorted A to Z."""
    entries: dict[str, Entry] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise GlossaryError(f"{path}:{number}: expected '*[term]: definition', got {line!r}")
        term, definition = match["term"].strip(), match["definition"].strip()
        key = term.casefold()
        known = entries.get(key)
        if known and known.definition != definition:
            raise GlossaryError(
                f"{path}:{number}: '{term}' is defined differently from '{known.term}'; "
                "capitalised forms must share one definition"
            )
        # Keep the lower-case form for the page heading when both exist.
        if not known or term.islower():
            entries[key] = Entry(term, definition)
    return sorted(entries.values(), key=lambda entry: entry.term.casefold())


def render(entries: list[Entry]) -> str:
    """A Markdown definition list, with an anchor per term so pages can link to it."""
    blocks = []
    for entry in entries:
        anchor = re.sub(r"[^a-z0-9]+", "-", entry.term.casefold()).strip("-")
        blocks.append(
            f"{entry.term[0].upper()}{entry.term[1:]} {{ #{anchor} }}\n:   {entry.definition}"
        )
    return "\n\n".join(blocks)


def fill(markdown: str, snippet: Path) -> str:
    """Replace the marker in the glossary page; a page without it is an error, not a no-op."""
    if MARKER not in markdown:
        raise GlossaryError(f"the glossary page lacks its marker {MARKER}")
    return markdown.replace(MARKER, render(read_entries(snippet)))
