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

from guide.markers import Context, FillError, Marker

SNIPPET = Path("includes") / "abbreviations.md"  # inside docs/
_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")


class GlossaryError(FillError):
    """A malformed glossary line, reported as `file:line: what is wrong`."""


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str


def read_entries(path: Path) -> list[Entry]:
    """Parse the snippet; one entry per term, whatever its capitalisation, sorted A to Z."""
    entries: dict[str, Entry] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(
            f"{path}: cannot read the glossary ({error.__class__.__name__})"
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
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


def fill(marker: Marker, context: Context) -> str:
    """The `glossary` marker: every term of the snippet, A to Z."""
    return render(read_entries(context.docs_dir / SNIPPET))
