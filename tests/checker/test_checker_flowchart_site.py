"""The flowchart in the built guide: above the outline on "How the checker works", a frame
that scrolls (by keyboard too) so the page never does, boxes a screen reader can name and a
reader can follow to their step, with or without the script, and parts of it in the PDF that
stay legible and keep their links, on A4 and on Letter."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from checker import draw
from checker_helpers import ROOT
from guide_pages import checker_flow, read
from playwright.sync_api import Browser, Page, expect
from tools import make_pdf

HOW = read("checker/how-it-works.md")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# The boxes on screen (the parts for paper hold copies, hidden there).
BOX = ".checker-flowchart__frame a.checker-flowchart__box"
STEP_1 = f'{BOX}[href$="#checker-{checker_flow().start}"]'
# make_pdf's bottom margin, in points: the page-number footer (8 px) is set there.
FOOTER = 18 / 25.4 * 72
MARGINS = ("top", "right", "bottom", "left")


def test_the_flowchart_sits_above_the_outline_and_links_every_step(site_dir: Path) -> None:
    page = HOW.built(site_dir)
    assert "<!-- fill: checker-flowchart" not in page
    assert page.index('id="the-whole-flow-at-a-glance"') < page.index('class="checker-flowchart"')
    assert page.index('class="checker-flowchart"') < page.index('id="every-step"')
    frame = page[page.index('class="checker-flowchart__frame"') : page.index("</figure>")]
    hrefs = re.findall(r'<a class="checker-flowchart__box[^"]*" href="([^"]+)"', frame)
    flow = checker_flow()
    assert sorted(hrefs) == sorted(f"index.html#checker-{node}" for node in flow.steps)
    checker_page = read("checker/index.md").built(site_dir)
    for href in hrefs:
        assert f'id="{href.split("#")[1]}"' in checker_page, href


def test_on_a_phone_the_frame_scrolls_and_the_page_does_not(page: Page, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base_url + HOW.url())
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    frame = page.locator(".checker-flowchart__frame")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    # With a box focused, arrow keys scroll the frame it is in.
    page.locator(BOX).first.focus()
    start = frame.evaluate("f => f.scrollLeft")
    page.keyboard.press("ArrowRight")
    expect(frame).not_to_have_js_property("scrollLeft", start)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_frame_opens_showing_step_1(viewport: dict, page: Page, base_url: str) -> None:
    page.set_viewport_size(viewport)
    page.goto(base_url + HOW.url())
    assert _box_in_frame(page, STEP_1)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_the_link_to_step_1_scrolls_the_frame_to_it_without_the_script(
    browser: Browser, base_url: str
) -> None:
    """For browsers without scroll-initial-target, where the link shows (forced here)."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + HOW.url())
    # Not add_style_tag: it waits for the style's load event, which never comes without script.
    shown = "<style>.checker-flowchart__to-start { display: block !important }</style>"
    page.evaluate(f"document.head.insertAdjacentHTML('beforeend', '{shown}')")
    frame = page.locator(".checker-flowchart__frame")
    frame.evaluate("f => { f.scrollLeft = f.scrollWidth }")
    assert not _box_in_frame(page, STEP_1)
    page.get_by_role("link", name=draw.TO_START).click()
    expect(page.locator(STEP_1)).to_be_in_viewport()
    assert _box_in_frame(page, STEP_1)
    context.close()


def _box_in_frame(page: Page, box: str) -> bool:
    """Whether the box is wholly inside the visible part of its frame."""
    return page.locator(box).evaluate(
        """box => {
            const b = box.getBoundingClientRect();
            const f = box.closest('.checker-flowchart__frame').getBoundingClientRect();
            return b.left >= f.left && b.right <= f.right && b.top >= f.top
                && b.bottom <= f.bottom;
        }"""
    )


def test_a_screen_reader_gets_each_box_as_a_link_that_says_where_answers_lead(
    page: Page, base_url: str
) -> None:
    """Read from Chromium's own accessibility tree (Playwright's snapshot leaves out long
    names, and a screen's name lists every answer)."""
    page.goto(base_url + HOW.url())
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    links = [n for n in tree if n.get("role", {}).get("value") == "link"]
    # The outline's links read "Step 3: ..."; the boxes' "Step 3, question. ...".
    names = [n["name"]["value"] for n in links if re.match(r"Step \d+, ", n["name"]["value"])]
    flow = checker_flow()
    assert len(names) == len(flow.steps)
    assert names[0].startswith("Step 1, red-flag check. Do you have any of these signs? Answers:")
    for option in flow.questions[flow.start].options:
        assert f"“{option.text}” leads to step {flow.steps[option.next]}" in names[0]
    cauda_equina = f"Step {flow.steps['result_emergency_cauda_equina']}, result. Emergency. "
    assert any(name.startswith(cauda_equina) for name in names)
    # The frame and the drawing are named; the drawn words are not read again beside names.
    outline = page.locator(".checker-flowchart__frame").aria_snapshot()
    assert f'region "{draw.FRAME_NAME}"' in outline
    assert 'group "Check your symptoms: every step and answer"' in outline
    assert "- text:" not in outline


@pytest.mark.parametrize(
    ("node", "title"),
    [
        ("peeing_changed", "Has peeing changed?"),
        ("result_kidney_stones", "Result: It may be a kidney stone"),
    ],
)
def test_a_box_opens_its_step_in_the_checker(
    node: str, title: str, page: Page, base_url: str
) -> None:
    page.goto(base_url + HOW.url())
    page.locator(f'{BOX}[href$="#checker-{node}"]').click()
    expect(page.locator(".checker__title")).to_have_text(title)
    expect(page.locator(".checker__title")).to_be_focused()
    # The step is reached by the fewest answers, kept in the address like any other.
    assert "#answers=any_emergency_signs:none,any_urgent_signs:none" in page.url
    page.go_back()
    assert page.url.endswith(HOW.url())


def test_without_the_script_a_box_scrolls_to_its_numbered_step(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + HOW.url())
    page.locator(f'{BOX}[href$="#checker-result_shingles"]').click()
    heading = page.locator("#checker-result_shingles")
    expect(heading).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_page_printed_alone_shows_the_flowchart_in_legible_parts(
    paper: str, page: Page, base_url: str, tmp_path: Path
) -> None:
    """As Ctrl+P prints it: print media, the browser's usual margins of about a centimetre."""
    page.goto(base_url + HOW.url())
    page.emulate_media(media="print")
    pdf = tmp_path / "how-it-works.pdf"
    page.pdf(path=str(pdf), format=paper, margin={side: "10mm" for side in MARGINS})
    parts = len(draw.print_windows(draw.lay_out(checker_flow())))
    pages = _landscape_pages(pdf)
    assert len(pages) == parts >= 2
    with pikepdf.open(pdf) as document:
        for part, number in enumerate(pages, start=1):
            assert f"The flowchart, part {part} of {parts}." in _page_text(pdf, number)
            sizes = [size for size, _ in _text_sizes(document.pages[number - 1])]
            assert min(sizes) >= 7, (number, min(sizes))
        # What only the screen's scrolling frame needs is not said on paper.
        text = " ".join(_page_text(pdf, n) for n in range(1, len(document.pages) + 1))
    assert "move the picture sideways" not in text


@pytest.fixture(scope="session", params=["A4", "Letter"])
def flowchart_pdf(
    request: pytest.FixtureRequest, site_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The guide's PDF as the build makes it (A4), or a Letter copy made here, in its own
    process as `make` runs it (pytest-playwright owns this one's event loop)."""
    if request.param == "A4":
        return site_dir / make_pdf.PDF_NAME
    letter = tmp_path_factory.mktemp("letter") / "guide-letter.pdf"
    command = ["tools.make_pdf", str(site_dir), "--paper", "Letter", "--output", str(letter)]
    subprocess.run(
        [sys.executable, "-m", *command],
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
        check=True,
        capture_output=True,
    )
    return letter


def test_the_pdf_prints_the_flowchart_in_parts_on_landscape_pages(
    flowchart_pdf: Path, site_dir: Path
) -> None:
    print_page = (site_dir / make_pdf.PRINT_PAGE).read_text(encoding="utf-8")
    parts = print_page.count('class="checker-flowchart__part"')
    pages = _landscape_pages(flowchart_pdf)
    assert parts >= 2
    assert pages == list(range(pages[0], pages[0] + parts)), "one landscape page a part"
    for number in pages:
        text = _page_text(flowchart_pdf, number)
        assert f"The flowchart, part {pages.index(number) + 1} of {parts}." in text


def test_the_flowchart_text_prints_at_7_pt_or_more(flowchart_pdf: Path) -> None:
    with pikepdf.open(flowchart_pdf) as document:
        for number in _landscape_pages(flowchart_pdf):
            sizes = [size for size, y in _text_sizes(document.pages[number - 1]) if y > FOOTER]
            assert len(sizes) > 10
            assert min(sizes) >= 7, (number, min(sizes))


def test_every_box_in_the_pdf_links_to_a_named_destination(
    flowchart_pdf: Path, site_dir: Path
) -> None:
    print_page = (site_dir / make_pdf.PRINT_PAGE).read_text(encoding="utf-8")
    hrefs = set(re.findall(r'<a class="checker-flowchart__box[^"]*" href="#([^"]+)"', print_page))
    assert len(hrefs) == len(checker_flow().steps)
    linked = set()
    with pikepdf.open(flowchart_pdf) as document:
        named = {str(name).lstrip("/") for name in document.Root.Dests}
        for number in _landscape_pages(flowchart_pdf):
            for annotation in document.pages[number - 1].get("/Annots", []):
                if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                    linked.add(str(annotation.Dest).lstrip("/"))
    assert linked == hrefs
    assert hrefs <= named


def _landscape_pages(pdf: Path) -> list[int]:
    with pikepdf.open(pdf) as document:
        return [
            number
            for number, page in enumerate(document.pages, start=1)
            if page.mediabox[2] > page.mediabox[3]
        ]


def _page_text(pdf: Path, number: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


Matrix = tuple[float, float, float, float, float, float]


def _text_sizes(page: pikepdf.Page) -> list[tuple[float, float]]:
    """(size in points, height above the page's foot) of every run of text a page shows:
    the font size scaled by the text and graphics matrices, through any drawn forms."""
    found: list[tuple[float, float]] = []
    _read_text(page, page.Resources, (1, 0, 0, 1, 0, 0), found)
    return found


def _read_text(content: object, resources: object, ctm: Matrix, found: list) -> None:
    saved, text_matrix, size = [], (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0.0
    for operands, operator in pikepdf.parse_content_stream(content):
        match str(operator):
            case "q":
                saved.append(ctm)
            case "Q":
                ctm = saved.pop()
            case "cm":
                ctm = _times(tuple(float(x) for x in operands), ctm)
            case "Tm":
                text_matrix = tuple(float(x) for x in operands)
            case "Tf":
                size = float(operands[1])
            case "Tj" | "TJ" | "'" | '"':
                a, b, c, d, _, y = _times(text_matrix, ctm)
                found.append((size * math.sqrt(abs(a * d - b * c)), y))
            case "Do":
                drawn = resources.XObject[operands[0]]
                if drawn.Subtype == "/Form":
                    matrix = tuple(float(x) for x in drawn.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                    inner = drawn.get("/Resources", resources)
                    _read_text(drawn, inner, _times(matrix, ctm), found)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """The PDF matrix product m × n."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )
