"""The PDF of the whole guide, printed from the site's own print page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from guide_pages import checker_flow, nav_pages, read
from playwright.sync_api import Page
from tools import make_pdf

pytestmark = pytest.mark.browser
# Printable width of each paper at the margins make_pdf uses (CSS pixels: 96 per inch).
PRINTABLE_WIDTH = {"A4": round((210 - 28) / 25.4 * 96), "Letter": round((8.5 - 28 / 25.4) * 96)}


@pytest.fixture(scope="session")
def pdf(site_dir: Path) -> Path:
    """The PDF the site links to, made with the test build as `make build` makes it."""
    return site_dir / make_pdf.PDF_NAME


@pytest.fixture(scope="session")
def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return " ".join(text.stdout.split())


def test_pdf_has_every_page_title_in_navigation_order(pdf_text: str) -> None:
    # The contents come first; the body repeats each title in the same order after them.
    body = pdf_text[pdf_text.find("Contents") :]
    position = 0
    for src in nav_pages():
        title = read(src).meta.get("title") or src
        found = body.find(title, position)
        assert found >= 0, f"{title!r} is missing from the PDF, or out of order"
        position = found


def test_pdf_has_a_cover_with_the_review_date(pdf_text: str) -> None:
    cover = pdf_text[: pdf_text.find("Contents")]
    assert "Heat or burning in the lower back" in cover
    assert re.search(r"Last reviewed: \d{1,2} \w+ \d{4}", cover)


def test_pdf_numbers_its_pages(pdf: Path, pdf_text: str) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])
    assert pages > 10
    assert f"Page 1 of {pages}" in pdf_text
    assert f"Page {pages} of {pages}" in pdf_text


def test_pdf_has_an_outline_in_navigation_order(pdf: Path) -> None:
    with pikepdf.open(pdf) as document, document.open_outline() as outline:
        titles = [str(item.title) for item in outline.root]
    sections = [title for title in nav_titles() if title in titles]
    assert len(sections) >= 8, titles
    assert sections == sorted(sections, key=titles.index)


def test_pdf_has_internal_and_external_links(pdf: Path) -> None:
    links = _links(pdf)
    # Links inside the document jump to a named destination; links out carry a URI.
    assert sum(1 for kind, _ in links if kind == "dest") > 50
    assert sum(1 for kind, _ in links if kind == "uri") > 20


def test_pdf_is_small(pdf: Path) -> None:
    assert pdf.stat().st_size < 1.5 * 1024 * 1024


def test_pdf_pages_are_light(pdf: Path, tmp_path: Path) -> None:
    """Printed in the light palette whatever the reader's setting: pages are mostly white."""
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "20", "-f", "1", "-l", "6", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    for image in sorted(tmp_path.glob("p*.pgm")):
        header, pixels = _read_pgm(image)
        assert sum(pixels) / len(pixels) > 200, f"{image.name} is dark ({header})"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_page_tables_fit_the_paper(paper: str, page: Page, site_dir: Path) -> None:
    page.set_viewport_size({"width": PRINTABLE_WIDTH[paper], "height": 1000})
    page.emulate_media(media="print", color_scheme="light")
    page.goto((site_dir / make_pdf.PRINT_PAGE).as_uri())
    overflowing = page.eval_on_selector_all(
        "article table, .md-typeset__table",
        "tables => tables.filter(t => t.scrollWidth > t.clientWidth + 1).length",
    )
    assert overflowing == 0


def nav_titles() -> list[str]:
    return [read(src).meta.get("title", "") for src in nav_pages()]


def _links(pdf: Path) -> list[tuple[str, str]]:
    """("dest", name) for a link inside the PDF, ("uri", address) for a link out of it."""
    links = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                if "/Dest" in annotation:
                    links.append(("dest", str(annotation.Dest).lstrip("/")))
                elif "/A" in annotation and "/URI" in annotation.A:
                    links.append(("uri", str(annotation.A.URI)))
    return links


def _read_pgm(path: Path) -> tuple[bytes, bytes]:
    """Split a binary PGM (P5) into its header and its 8-bit pixels."""
    data = path.read_bytes()
    header = re.match(rb"P5\s+\d+\s+\d+\s+\d+\s", data)
    assert header, f"{path.name} is not a binary PGM"
    return header[0], data[header.end() :]


def test_home_and_about_offer_the_pdf(site_dir: Path) -> None:
    for src in ("index.md", "about.md"):
        assert f'<a href="{make_pdf.PDF_NAME}">Download the guide (PDF)</a>' in read(src).built(
            site_dir
        )


def test_pdf_has_every_checker_question(pdf_text: str) -> None:
    flow = checker_flow()
    for question in flow.questions.values():
        assert " ".join(question.text.split()) in pdf_text, question.id


def test_pdf_go_to_step_links_jump_inside_the_pdf(pdf: Path, site_dir: Path) -> None:
    """Each 'go to step N' of the printed checker is a link to a destination in the PDF."""
    print_page = (site_dir / make_pdf.PRINT_PAGE).read_text(encoding="utf-8")
    targets = set(re.findall(r'<a class="checker__option" href="#([^"]+)"', print_page))
    assert len(targets) > 20
    linked = {name for kind, name in _links(pdf) if kind == "dest"}
    with pikepdf.open(pdf) as document:
        named = {str(name).lstrip("/") for name in document.Root.Dests}
    assert targets <= linked
    assert targets <= named
