"""Make the emergency numbers tappable: each one in the guide's set phrase becomes a tel: link.

CONTRIBUTING.md fixes the phrase: "your local emergency number (999 in the UK, 112 in the EU,
911 in the US and Canada)". On a phone, a worried reader should be one tap from the call, so
each number in it becomes `<a href="tel:999">999</a>`. Only text is changed: tags and their
attributes, scripts (the checker's JSON), styles, the title and existing links are left as they
are. The hook applies it to the screen pages only; the print page, which becomes the PDF, keeps
plain numbers, and a page printed from the browser shows them as plain text (extra.css).

Plain functions on HTML text, tested without MkDocs; the hook only calls them.
"""

from __future__ import annotations

import re

# The number and the place it is for, as the set phrase says them.
NUMBERS = {"999": "UK", "112": "EU", "911": "US"}
# Left as they are: elements whose text is not page text, links (no link in a link), any other
# tag, and comments. A number is matched only in the text between them.
_TOKEN = re.compile(
    r"(?P<keep><(?P<element>script|style|title|textarea|a)\b.*?</(?P=element)\s*>"
    r"|<!--.*?-->|<[^>]*>)|"
    + "|".join(rf"\b{number}(?= in the {place}\b)" for number, place in NUMBERS.items()),
    re.DOTALL | re.IGNORECASE,
)


def linked(html: str) -> str:
    """The page with each emergency number of the set phrase as a tel: link."""
    return _TOKEN.sub(_tel_link, html)


def _tel_link(token: re.Match[str]) -> str:
    if token["keep"]:
        return token[0]
    return f'<a href="tel:{token[0]}">{token[0]}</a>'
