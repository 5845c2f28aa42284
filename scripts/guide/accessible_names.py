"""Name what Material for MkDocs leaves unnamed, in the built HTML (axe: aria-dialog-name,
landmark-unique), so that the names are there with or without JavaScript.

* The search dialog has no name: it gets the one its box shows, "Search this guide".
* Each section menu is labelled by the toggle beside its section link, which holds only an
  icon, so every menu had an empty name. It is labelled instead by its title, the section
  name a sighted reader sees at the top of the menu.
* Links that go to different places get different names. A source named like a page of the
  guide ("Kidney stones" — NHS, beside our "Kidney stones") takes its publisher into its
  link, in the "Sources" list of every page (the checker writes its own so:
  scripts/checker/render.py). Each heading's permalink, named "¶" by its one character, is
  named after its heading.

Plain functions on HTML text, tested without MkDocs; the hook only calls them.
"""

from __future__ import annotations

import html as html_text
import re

SEARCH_NAME = "Search this guide"
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
# <nav ... aria-labelledby="__nav_5_label" ...> then, first inside it, the menu's title:
# <label class="md-nav__title" for="__nav_5">.
_SECTION_MENU = re.compile(
    r'(<nav class="md-nav" [^>]*aria-labelledby=")(__nav_\w+)_label("[^>]*>\s*'
    r'<label class="md-nav__title" for="\2")'
)

# A source in a page's list: its link, then " — Publisher" to the item's end.
_SOURCE = re.compile(r'(<li><a href="https?://[^"]+">(?:(?!</a>).)*)</a>( — (?:(?!</li>).)+)</li>')
# A heading and its permalink (Python-Markdown's toc extension), never past the heading's end.
_PERMALINK = re.compile(
    r'(<h[1-6] id="([^"]+)"[^>]*>((?:(?!</h[1-6]>).)*?))(<a class="headerlink" href="#\2")',
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")


def named(html: str) -> str:
    """The page with its search dialog, section menus, sources and permalinks named."""
    html = _SEARCH_DIALOG.sub(
        f'<div class="md-search" data-md-component="search" role="dialog" '
        f'aria-label="{SEARCH_NAME}">',
        html,
    )
    html = _SECTION_MENU.sub(r'\1\2_title\3 id="\2_title"', html)
    html = _SOURCE.sub(r"\1\2</a></li>", html)
    return _PERMALINK.sub(_permalink_named, html)


def _permalink_named(heading: re.Match[str]) -> str:
    title = " ".join(html_text.unescape(_TAG.sub("", heading[3])).split())
    label = html_text.escape(f"Link to this section: {title}", quote=True)
    return f'{heading[1]}{heading[4]} aria-label="{label}"'
