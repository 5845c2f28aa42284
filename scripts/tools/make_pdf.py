"""Print the whole guide to one PDF, from the site's own print page, with headless Chromium.

Usage: PYTHONPATH=scripts python -m tools.make_pdf [SITE_DIR] [--paper A4|Letter] [--output NAME]
The site must be built first (mkdocs-print-site-plugin writes SITE_DIR/print_page.html).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pikepdf
from checker.files import written_whole
from guide.page_assets import PRINT_PAGE
from playwright.sync_api import sync_playwright

from tools.browser import CHROMIUM, LAUNCH_ARGS

PDF_NAME = "lower-back-heat-guide.pdf"
# Chromium fills the spans with the page number and page count of each printed page.
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
    'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}


class PdfError(RuntimeError):
    """The site is not built, or Chromium could not print it."""


def make_pdf(site: Path, output: Path, paper: str = "A4") -> None:
    """Write `output` from `site`'s print page; a failure leaves no partial file behind."""
    source = site / PRINT_PAGE
    if not source.is_file():
        raise PdfError(f"{source}: not found; build the site first (make build)")
    printed = output.with_name(f".{output.name}.printed")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page()
            # Paper is light: never print the dark palette, whatever the reader's setting.
            page.emulate_media(media="print", color_scheme="light")
            page.goto(source.resolve().as_uri(), wait_until="load")
            page.pdf(
                path=str(printed),
                format=paper,
                margin=MARGIN,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                outline=True,
                tagged=True,
            )
            browser.close()
        with written_whole(output) as partial:
            compact(printed, partial)
    finally:
        printed.unlink(missing_ok=True)


def compact(source: Path, output: Path) -> None:
    """Pack the PDF's objects into compressed object streams. Chromium writes each tag of the
    tagged PDF (which the outline needs) as a plain object: packing them halves the file."""
    with pikepdf.open(source) as pdf:
        pdf.save(
            output,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            recompress_flate=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--paper", choices=["A4", "Letter"], default="A4")
    parser.add_argument("--output", default=PDF_NAME, help="file name inside SITE_DIR")
    args = parser.parse_args(argv)
    output = args.site / args.output
    started = time.perf_counter()
    try:
        make_pdf(args.site, output, args.paper)
    except PdfError as error:
        print(f"make_pdf: {error}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    print(f"{output}: {output.stat().st_size / 1024:.0f} KB, {args.paper}, made in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
