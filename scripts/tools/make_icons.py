"""Draw the web app's icons from the site's logo, with headless Chromium.

Usage: PYTHONPATH=scripts python -m tools.make_icons [OUTPUT_DIR]   (default docs/assets/icons)

The logo is Material's `material/human-handsdown` icon (theme.icon.logo in mkdocs.yml), white
on the site's teal. The PNGs are committed, so a build needs no browser for them; run this
again (`make icons`) when the logo or the colour changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import material
from checker.files import written_whole
from guide import web_app
from playwright.sync_api import sync_playwright

from tools.browser import CHROMIUM, LAUNCH_ARGS

ROOT = Path(__file__).resolve().parents[2]
LOGO = Path(material.__file__).parent / "templates/.icons/material/human-handsdown.svg"
STYLESHEET = ROOT / "docs" / "stylesheets" / "extra.css"
# The logo's share of the icon's side. A maskable icon keeps it inside the central circle
# (80% of the side) that every phone's mask leaves visible.
LOGO_SHARE = {"any": 0.72, "maskable": 0.6}
# "any" icons are a rounded square on a transparent ground; maskable ones fill the square.
CORNER_RADIUS = {"any": "22%", "maskable": "0"}


class IconError(RuntimeError):
    """The logo or the colour cannot be read, or Chromium could not draw the icons."""


def icon_html(svg: str, size: int, purpose: str, colour: str) -> str:
    """One icon as a page of exactly `size` pixels: the logo, white, centred on the colour."""
    logo = round(size * LOGO_SHARE[purpose])
    return f"""<!doctype html><html><head><style>
html, body {{ margin: 0; background: transparent; }}
div {{ width: {size}px; height: {size}px; background: {colour};
  border-radius: {CORNER_RADIUS[purpose]}; display: grid; place-items: center; }}
svg {{ width: {logo}px; height: {logo}px; fill: #ffffff; }}
</style></head><body><div>{svg}</div></body></html>"""


def make_icons(output: Path) -> list[Path]:
    """Write every icon the manifest lists into `output`; returns their paths."""
    if not LOGO.is_file():
        raise IconError(f"{LOGO}: not found; is mkdocs-material installed?")
    try:
        colour = web_app.theme_colour(STYLESHEET.read_text(encoding="utf-8"))
    except web_app.WebAppError as error:
        raise IconError(f"{STYLESHEET}: {error}") from None
    svg = LOGO.read_text(encoding="utf-8")
    output.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for name, size, purpose in web_app.ICON_FILES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(icon_html(svg, size, purpose, colour))
            with written_whole(output / name) as partial:
                page.screenshot(path=str(partial), omit_background=True, type="png")
            written.append(output / name)
            page.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=ROOT / "docs" / web_app.ICONS)
    args = parser.parse_args(argv)
    try:
        written = make_icons(args.output)
    except IconError as error:
        print(f"make_icons: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
