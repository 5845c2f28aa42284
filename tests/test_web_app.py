"""The web app's parts without a browser: its manifest, its icons, the service worker's
precache list, and what the worker script does with bad input."""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from guide import web_app
from guide_pages import DOCS, ROOT, nav_pages, read
from tools import make_icons

MAKE_SW = ROOT / "scripts" / "tools" / "make_sw.cjs"


def precached(site: Path) -> set[str]:
    return set(web_app.precached((site / web_app.SERVICE_WORKER).read_text(encoding="utf-8")))


def test_the_worker_precaches_every_page_and_what_they_load(site_dir: Path) -> None:
    listed = precached(site_dir)
    assert {read(src).url() for src in nav_pages()} <= listed
    # Every file a page loads over http(s), and the manifest with its icons.
    for name in ("index.html", "checker/index.html", "compare.html"):
        html = (site_dir / name).read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css|png|webmanifest))"', html):
            assert posixpath.normpath(posixpath.join(posixpath.dirname(name), url)) in listed
    assert {"search/search_index.json", "pdf-offline.html", web_app.MANIFEST} <= listed
    assert {f"{web_app.ICONS}/{file}" for file, _, _ in web_app.ICON_FILES} <= listed


def test_the_worker_leaves_out_what_a_reader_never_uses(site_dir: Path) -> None:
    listed = precached(site_dir)
    assert not [url for url in listed if url.endswith(".map")]
    assert not [url for url in listed if url.startswith("assets/javascripts/lunr/")]
    assert not {"lower-back-heat-guide.pdf", "print_page.html", "404.html", "sw.js"} & listed
    assert not [url for url in listed if "//" in url]  # nothing from another origin


def run_make_sw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(MAKE_SW), *args], capture_output=True, text=True, check=False
    )


def test_make_sw_refuses_a_folder_with_no_built_site(tmp_path: Path) -> None:
    result = run_make_sw(str(tmp_path))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"make_sw: {tmp_path}: no index.html; build the site first (mkdocs build)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_make_sw_without_a_folder_prints_its_usage() -> None:
    result = run_make_sw()
    assert (result.returncode, result.stderr) == (
        2,
        "usage: node scripts/tools/make_sw.cjs SITE_DIR\n",
    )


def test_the_manifest_is_the_sites_name_colours_and_icons() -> None:
    stylesheet = (DOCS / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    manifest = json.loads(web_app.manifest("Name", " A guide.\n", web_app.theme_colour(stylesheet)))
    assert manifest["theme_color"] == "#00695c"  # the header's teal (docs/stylesheets/extra.css)
    assert (manifest["name"], manifest["description"]) == ("Name", "A guide.")
    assert manifest["start_url"] == manifest["scope"] == "./"  # the site's folder, any path
    assert manifest["display"] == "standalone"
    assert {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }


def test_a_stylesheet_without_the_primary_colour_is_one_clear_error() -> None:
    with pytest.raises(web_app.WebAppError, match="no '--md-primary-fg-color: #rrggbb;'"):
        web_app.theme_colour(":root { --md-primary-fg-color: teal; }")


def test_mkdocs_serve_registers_no_worker() -> None:
    scripts = ["javascripts/checker.js", web_app.REGISTRATION]
    assert web_app.scripts_for("build", scripts) == scripts
    assert web_app.scripts_for("serve", scripts) == ["javascripts/checker.js"]


def test_only_a_site_that_registers_the_worker_is_an_app() -> None:
    assert web_app.registers_worker(["javascripts/checker.js", web_app.REGISTRATION])
    assert not web_app.registers_worker(["javascripts/checker.js"])


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_the_committed_icons_have_the_sizes_the_manifest_gives() -> None:
    for file, size, _ in web_app.ICON_FILES:
        assert png_size(DOCS / web_app.ICONS / file) == (size, size)


@pytest.mark.browser
def test_make_icons_draws_every_icon(tmp_path: Path) -> None:
    # In its own process, as `make icons` runs it: pytest-playwright owns this one's event loop.
    subprocess.run(
        [sys.executable, "-m", "tools.make_icons", str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
        check=True,
        capture_output=True,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f for f, _, _ in web_app.ICON_FILES)
    for file, size, _ in web_app.ICON_FILES:
        assert png_size(tmp_path / file) == (size, size)


def test_make_icons_without_the_logo_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(make_icons, "LOGO", tmp_path / "missing.svg")
    assert make_icons.main([str(tmp_path / "icons")]) == 1
    assert capsys.readouterr().err == (
        f"make_icons: {tmp_path / 'missing.svg'}: not found; is mkdocs-material installed?\n"
    )
    assert not (tmp_path / "icons").exists()
