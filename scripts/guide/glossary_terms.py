"""Let glossary terms take focus, so their meaning opens by keyboard and by touch.

The abbr extension writes each glossary term as `<abbr title="meaning">`, and Material's
`content.tooltips` shows the title as a tooltip while the term is hovered or focused, and
names the tooltip as its description for screen readers. An `<abbr>` cannot take focus, so
from the keyboard, and with a tap on many phones, the meaning never showed. Here each term gets
a tabindex: the first use of each meaning on a page is a Tab stop (tabindex 0), later uses of
the same meaning take focus only when tapped or clicked (tabindex -1), so a page full of terms
does not bury its links under Tab stops. Terms inside links are left alone: a tap there follows
the link.

Plain functions on HTML text, tested without MkDocs; the hook only calls them.
"""

from __future__ import annotations

import re

# A whole link, kept as it is, or a glossary term's opening tag, with its meaning.
_TOKEN = re.compile(r'<a\b.*?</a\s*>|<abbr title="(?P<meaning>[^"]*)">', re.DOTALL)


def focusable(html: str) -> str:
    """The page with each glossary term outside a link able to take focus."""
    seen: set[str] = set()

    def term(token: re.Match[str]) -> str:
        meaning = token["meaning"]
        if meaning is None:
            return token[0]
        tabindex = "-1" if meaning in seen else "0"
        seen.add(meaning)
        return f'<abbr title="{meaning}" tabindex="{tabindex}">'

    return _TOKEN.sub(term, html)
