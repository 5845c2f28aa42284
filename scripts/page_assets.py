"""Let a page paint before its scripts arrive, and load print-only assets on the print page only.

Two changes to each built page's HTML, made after Material has rendered it:

* mkdocs-print-site-plugin adds its stylesheets and script to every page, though they only
  style and arrange the one page that becomes the PDF. On a phone they were three more requests
  holding up the first paint. They stay on the print page, which the plugin writes itself.
* Material loads its bundle, and the offline plugin's shim, as blocking scripts. Deferred, they
  still run in document order and before DOMContentLoaded, which is when Material starts, but
  the text is shown while they download.

Plain functions on HTML text, so they are tested without MkDocs; the hook only calls them.
"""

from __future__ import annotations

import re

# The plugin's files: css/print-site.css, css/print-site-<theme>.css and js/print-site.js,
# at any depth of relative or root-relative URL.
_PRINT_ONLY = re.compile(
    r'<(?:link rel="stylesheet" href="[^"]*\bcss/print-site[\w-]*\.css"'
    r'|script src="[^"]*\bjs/print-site\.js"></script)>'
)
# An external script with no attributes besides src: the ones Material writes as blocking.
_BLOCKING_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')


def without_print_assets(html: str) -> str:
    """The page without the print-site plugin's stylesheets and script."""
    return _PRINT_ONLY.sub("", html)


def with_deferred_scripts(html: str) -> str:
    """Every blocking external script deferred; inline scripts are left as they are."""
    return _BLOCKING_SCRIPT.sub(r'<script src="\1" defer></script>', html)


def for_screen(html: str) -> str:
    """Both changes: what every page but the print page gets."""
    return with_deferred_scripts(without_print_assets(html))
