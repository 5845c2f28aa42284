"""Pages paint before their scripts arrive, and load only the stylesheets and scripts they use."""

from __future__ import annotations

import re
from pathlib import Path

from guide import page_assets

PRINT_PAGE = page_assets.PRINT_PAGE
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


def test_checker_and_body_map_files_load_only_where_they_are_used() -> None:
    head = """<link rel="stylesheet" href="../stylesheets/extra.css">
    <link rel="stylesheet" href="../stylesheets/body-map.css">
    <link rel="stylesheet" href="../stylesheets/checker.css">
    <script src="../javascripts/checker.js" defer></script>"""
    plain = page_assets.without_unused_assets(head + "<p>Text</p>")
    assert plain.count("<link") == 1 and "<script" not in plain
    checker = page_assets.without_unused_assets(head + '<div class="checker" data-checker>')
    assert "checker.css" in checker and "checker.js" in checker and "body-map" not in checker
    outline = page_assets.without_unused_assets(head + '<ol class="checker-outline">')
    assert "checker.css" in outline and "checker.js" not in outline
    body_map = page_assets.without_unused_assets(head + '<figure class="body-map">')
    assert "body-map.css" in body_map and "checker" not in body_map


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


def test_built_pages_load_the_checker_and_body_map_files_only_where_used(site_dir: Path) -> None:
    def loads(page: str) -> set[str]:
        html = (site_dir / page).read_text(encoding="utf-8")
        return {path for path in page_assets.USED_ONLY_WITH if f'{path}"' in html}

    checker, body_map = (
        {"stylesheets/checker.css", "javascripts/checker.js"},
        {"stylesheets/body-map.css"},
    )
    assert loads("index.html") == set()
    assert loads("nerves/spinal-stenosis.html") == set()
    assert loads("checker/index.html") == checker
    assert loads("checker/how-it-works.html") == {"stylesheets/checker.css"}
    assert loads("compare.html") == body_map
    assert loads(PRINT_PAGE) == checker | body_map
