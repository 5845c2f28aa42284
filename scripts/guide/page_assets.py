"""Let a page paint before its scripts arrive, and give each page only the assets it uses.

Three changes to each built page's HTML, made after Material has rendered it:

* mkdocs-print-site-plugin adds its stylesheets and script to every page, though they only
  style and arrange the one page that becomes the PDF. On a phone they were three more requests
  holding up the first paint. They stay on the print page, which the plugin writes itself.
* MkDocs adds every `extra_css` and `extra_javascript` file to every page. The checker's and the
  body map's files are dropped from pages that hold no checker or body map (all their rules are
  scoped to those), so most pages load three files fewer. The print page keeps them all.
* Material loads its bundle, and the offline plugin's shim, as blocking scripts. Deferred, they
  still run in document order and before DOMContentLoaded, which is when Material starts, but
  the text is shown while they download.

Plain functions on HTML text, so they are tested without MkDocs; the hook only calls them.
"""

from __future__ import annotations

import re

# The page mkdocs-print-site-plugin writes, which scripts/tools/make_pdf.py prints.
PRINT_PAGE = "print_page.html"
# The plugin's files: css/print-site.css, css/print-site-<theme>.css and js/print-site.js,
# at any depth of relative or root-relative URL.
_PRINT_ONLY = re.compile(
    r'<(?:link rel="stylesheet" href="[^"]*\bcss/print-site[\w-]*\.css"'
    r'|script src="[^"]*\bjs/print-site\.js"></script)>'
)
# Files that only some pages use, each with the text that marks a page using it.
USED_ONLY_WITH = {
    "stylesheets/checker.css": 'class="checker',  # the checker and its outline
    "javascripts/checker.js": "data-checker",
    "stylesheets/body-map.css": 'class="body-map',
}
# An external script with no attributes besides src: the ones Material writes as blocking.
_BLOCKING_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')


def asset_tag(path: str) -> re.Pattern[str]:
    """The <link> or <script> tag that loads `path`, at any depth of URL."""
    url = r'="(?:[^"]*/)?' + re.escape(path) + '"'
    return re.compile(rf'<link rel="stylesheet" href{url}>|<script src{url}[^>]*></script>')


_UNUSED = {path: (asset_tag(path), mark) for path, mark in USED_ONLY_WITH.items()}


def without_print_assets(html: str) -> str:
    """The page without the print-site plugin's stylesheets and script."""
    return _PRINT_ONLY.sub("", html)


def without_unused_assets(html: str) -> str:
    """The page without the checker's and body map's files, unless it holds one of them."""
    for tag, mark in _UNUSED.values():
        if mark not in html:
            html = tag.sub("", html)
    return html


def with_deferred_scripts(html: str) -> str:
    """Every blocking external script deferred; inline scripts are left as they are."""
    return _BLOCKING_SCRIPT.sub(r'<script src="\1" defer></script>', html)


def for_screen(html: str) -> str:
    """All three changes: what every page but the print page gets."""
    return with_deferred_scripts(without_unused_assets(without_print_assets(html)))
