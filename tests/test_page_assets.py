"""Pages paint before their scripts arrive; the print-site plugin's assets stay on its own page."""

from __future__ import annotations

import re
from pathlib import Path

import page_assets

PRINT_PAGE = "print_page.html"
PRINT_ASSET = re.compile(r'(?:href|src)="[^"]*(?:css/print-site[\w-]*\.css|js/print-site\.js)"')
# A <script src> with neither defer nor async: it stops the parser until it has downloaded.
BLOCKING_SCRIPT = re.compile(r"<script(?![^>]*\b(?:defer|async)\b)[^>]*\bsrc=")

HEAD = """<link rel="stylesheet" href="../assets/stylesheets/main.css">
    <script src="../assets/vendor/shim.js"></script>
    <link rel="stylesheet" href="../css/print-site.css">
    <link rel="stylesheet" href="/lower-back-heat/css/print-site-material.css">
    <link rel="stylesheet" href="../stylesheets/extra.css">
    <script>var palette = 1</script>
    <script src="../assets/javascripts/bundle.min.js"></script>
    <script src="../js/print-site.js"></script>
    <script src="../javascripts/checker.js" defer></script>"""


def test_print_assets_are_removed_and_nothing_else() -> None:
    html = page_assets.without_print_assets(HEAD)
    assert not PRINT_ASSET.search(html)
    assert html.count("<link") == 2 and html.count("<script") == 4


def test_blocking_scripts_are_deferred_and_inline_scripts_left_alone() -> None:
    html = page_assets.with_deferred_scripts(HEAD)
    assert not BLOCKING_SCRIPT.search(html)
    assert '<script src="../assets/vendor/shim.js" defer></script>' in html
    assert '<script src="../javascripts/checker.js" defer></script>' in html
    assert "<script>var palette = 1</script>" in html
    # Deferred scripts run in document order: the shim still comes before Material's bundle.
    assert html.index("shim.js") < html.index("bundle.min.js") < html.index("checker.js")


def test_built_pages_have_no_blocking_script_and_no_print_asset(site_dir: Path) -> None:
    pages = [p for p in site_dir.rglob("*.html") if p.name != PRINT_PAGE]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(site_dir)
        assert not BLOCKING_SCRIPT.search(html), f"{name} has a blocking script"
        assert not PRINT_ASSET.search(html), f"{name} loads a print-site asset"


def test_print_page_keeps_the_plugin_assets(site_dir: Path) -> None:
    html = (site_dir / PRINT_PAGE).read_text(encoding="utf-8")
    assert len(PRINT_ASSET.findall(html)) == 3
