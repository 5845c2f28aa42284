"""Name what Material for MkDocs leaves unnamed, in the built HTML (axe: aria-dialog-name,
landmark-unique), so that the names are there with or without JavaScript.

* The search dialog has no name: it gets the one its box shows, "Search this guide".
* Each section menu is labelled by the toggle beside its section link, which holds only an
  icon, so every menu had an empty name. It is labelled instead by its title, the section
  name a sighted reader sees at the top of the menu.

Plain functions on HTML text, tested without MkDocs; the hook only calls them.
"""

from __future__ import annotations

import re

SEARCH_NAME = "Search this guide"
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
# <nav ... aria-labelledby="__nav_5_label" ...> then, first inside it, the menu's title:
# <label class="md-nav__title" for="__nav_5">.
_SECTION_MENU = re.compile(
    r'(<nav class="md-nav" [^>]*aria-labelledby=")(__nav_\w+)_label("[^>]*>\s*'
    r'<label class="md-nav__title" for="\2")'
)


def named(html: str) -> str:
    """The page with its search dialog and section menus named."""
    html = _SEARCH_DIALOG.sub(
        f'<div class="md-search" data-md-component="search" role="dialog" '
        f'aria-label="{SEARCH_NAME}">',
        html,
    )
    return _SECTION_MENU.sub(r'\1\2_title\3 id="\2_title"', html)
