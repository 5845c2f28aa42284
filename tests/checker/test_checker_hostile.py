"""Hostile text in the flow stays text: in the built pages, the embedded JSON, the view the
script draws, "Print this result", the print page and the PDF. Nothing in it runs.

The site here is the real one (mkdocs.yml, overrides, the hook) built from a copy of docs/
whose flow carries script tags, event handlers, `javascript:` links, Markdown and Jinja, very
long words, right-to-left text and emoji. Every payload that could run sets `window.__pwned`
and opens a dialog; the browser tests listen for both.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import checker
import pikepdf
import pytest
import yaml
from checker import render
from checker_helpers import ROOT
from playwright.sync_api import Browser, Page, expect
from site_build import build_site
from tools import make_pdf

pytestmark = pytest.mark.browser

P = {
    "script": "<script>window.__pwned='script';alert('script')</script>",
    "end_script": "</script><script>window.__pwned='end';alert('end')</script>",
    "img": "\"><img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "links": "[Call now](javascript:alert('md')) <a href=\"javascript:alert('a')\">here</a>",
    "markdown": '**Bold** _it_ `code` # Not a heading <!-- c --> :smile: --8<-- "abbreviations.md"',
    "jinja": "{{ config.site_name }} {{ 7*7 }} {% if true %}yes{% endif %}",
    "long": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6,
    "rtl": "ألم حارق في أسفل الظهر — כאב בוער בגב התחתון",
    "emoji": "🔥🩺🧑‍⚕️ 👍🏽",
}
START, SIGN, NEXT = "any_emergency_signs", "bladder_or_bowel", "any_urgent_signs"
RESULT = "result_emergency_cauda_equina"


def hostile_flow() -> dict[str, Any]:
    """The real flow with a payload in every kind of place the pages show."""
    data = yaml.safe_load((ROOT / "docs" / "checker" / "flow.yaml").read_text(encoding="utf-8"))
    start = data["questions"][START]
    start["text"], start["hint"] = P["script"], P["img"]
    # A sign's words come from the catalogue: the checker, the care boxes of every page that
    # shows it and the line of emergency signs all carry the payload.
    data["warning_signs"][SIGN].update(words=P["links"], short=P["markdown"])
    start["options"]["none"]["text"] = P["jinja"]
    data["questions"][NEXT]["text"] = P["end_script"]
    data["outcomes"][RESULT].update(
        title=P["img"],
        may_be=P["markdown"],
        why=f"{P['rtl']} {P['emoji']}",
        do_now=[P["long"], P["jinja"], P["links"]],
    )
    data["care_levels"]["emergency"] = {"title": P["end_script"], "action": P["jinja"]}
    data["sources"]["article"] = {"title": P["script"], "publisher": P["img"]}
    return data


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class HostileSite:
    def __init__(self, folder: Path, url: str, flow: checker.Flow) -> None:
        self.folder, self.url, self.flow = folder, url, flow

    def read(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileSite]:
    """The hostile site, built strictly with its PDF, served on localhost."""
    project = tmp_path_factory.mktemp("hostile-project")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hook = "  - scripts/mkdocs_hooks.py\n"
    assert config.count(hook) == 1
    config = config.replace(hook, f"  - {ROOT / 'scripts' / 'mkdocs_hooks.py'}\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    flow_file = project / "docs" / "checker" / "flow.yaml"
    flow_file.write_text(
        yaml.safe_dump(hostile_flow(), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    dest = project / "site"
    handler = functools.partial(_Quiet, directory=str(dest))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(dest, url, config=project / "mkdocs.yml")
    yield HostileSite(dest, url, checker.load(flow_file, docs_dir=project / "docs"))
    server.shutdown()


@pytest.fixture
def page(browser: Browser, site: HostileSite) -> Iterator[Page]:
    """A page that records dialogs, script errors and requests to anything but the site; each
    test ends with none, and with `window.__pwned` never set."""
    incidents: list[str] = []

    def dialog(dialog: Any) -> None:
        incidents.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def guard(route: Any) -> None:
        if route.request.url.startswith((site.url, "data:", "blob:")):
            route.continue_()
        else:
            incidents.append(f"request: {route.request.url}")
            route.abort()

    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", dialog)
    page.on("pageerror", lambda error: incidents.append(f"error: {error}"))
    page.route("**/*", guard)
    yield page
    assert incidents == []
    assert not_pwned(page)
    context.close()


def not_pwned(page: Page) -> bool:
    return page.evaluate("window.__pwned") is None


def flat(text: str) -> str:
    """Text as the HTML shows it: runs of whitespace as one space."""
    return " ".join(text.split())


def test_the_built_pages_hold_the_payloads_as_text(site: HostileSite) -> None:
    checker_page = site.read("checker/index.html")
    data = re.search(
        r'<script type="application/json" class="checker__data">(.*?)</script>', checker_page
    )
    assert data and json.loads(data[1]) == render.flow_data(site.flow)
    assert json.loads(data[1])["questions"][START]["text"] == P["script"]
    # The care boxes of the pages that show the sign carry the sign's and the level's payloads.
    boxes = ("when-to-get-help.html", "nerves/cauda-equina-syndrome.html", "index.html")
    for name in ("checker/index.html", "checker/how-it-works.html", "print_page.html", *boxes):
        page = site.read(name)
        assert not re.search(r"<img[^>]*src=x", page, re.IGNORECASE), name
        assert not re.search(r"<script>window", page), name
        assert not re.search(r"""href=["']?\s*javascript:""", page, re.IGNORECASE), name
        assert "{{ 7*7 }}" in page and "<strong>Bold</strong>" not in page, name


def test_the_view_the_script_draws_shows_each_payload_literally(
    page: Page, site: HostileSite
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site.url}checker/index.html")
    app = page.locator(".checker__app")
    expect(app.locator(".checker__title")).to_have_text(P["script"])
    app.get_by_text("What does this mean?").click()
    expect(app.locator(".checker__hint p")).to_have_text(P["img"])
    expect(app.locator("a.checker__option").first).to_have_text(P["links"])
    expect(app.locator("a.checker__option").last).to_have_text(P["jinja"])
    app.locator("a.checker__option").last.click()
    expect(app.locator(".checker__title")).to_have_text(P["end_script"])
    page.go_back()
    app.locator("a.checker__option").first.click()
    expect(app.locator(".checker__title")).to_have_text(f"Result: {flat(P['img'])}")
    result = app.locator(".checker__result")
    expect(result.locator(".admonition-title")).to_have_text(P["end_script"])
    for text in (P["markdown"], P["rtl"], P["emoji"], P["long"], P["jinja"], P["links"]):
        expect(result).to_contain_text(text)
    expect(app.locator(".checker__answers dt")).to_have_text(P["script"])
    expect(app.locator(".checker__answers dd")).to_contain_text(P["links"])
    assert page.evaluate(
        '[document.querySelectorAll(\'img[src="x"], a[href^="javascript:" i]\').length,'
        " document.documentElement.scrollWidth <= window.innerWidth]"
    ) == [0, True]  # nothing injected; the long word wraps instead of widening the page


def test_print_this_result_prints_the_payloads_as_text(
    page: Page, site: HostileSite, tmp_path: Path
) -> None:
    page.goto(f"{site.url}checker/index.html#answers={START}:{SIGN}")
    expect(page.locator(".checker__app .checker__result")).to_be_visible()
    page.emulate_media(media="print")
    printed = page.locator(".checker__app")
    expect(printed.locator(".checker__answers")).to_be_visible()
    expect(printed).to_contain_text(P["markdown"])
    pdf = tmp_path / "result.pdf"
    page.pdf(path=str(pdf))
    text = pdf_text(pdf)
    for name in ("script", "end_script", "img", "links", "markdown", "jinja", "long"):
        assert squeeze(P[name]) in text, name


def test_the_print_page_and_material_search_run_nothing(page: Page, site: HostileSite) -> None:
    page.goto(f"{site.url}print_page.html")
    expect(page.locator(".checker__static").first).to_contain_text(P["markdown"])
    page.wait_for_timeout(300)  # time for anything injected to load and fire
    assert not_pwned(page)
    # Search shows the step whose heading is the <img> payload, and the text under it.
    page.goto(f"{site.url}index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("heading", delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.filter(has_text="onerror").first).to_be_visible()
    page.wait_for_timeout(300)  # time for anything injected to load and fire


def test_the_pdf_shows_the_payloads_as_text_and_links_nowhere_else(site: HostileSite) -> None:
    pdf = site.folder / make_pdf.PDF_NAME
    text = pdf_text(pdf)
    for name in ("script", "end_script", "img", "links", "markdown", "jinja", "long"):
        assert squeeze(P[name]) in text, name
    with pikepdf.open(pdf) as document:
        uris = [
            str(annotation.A.URI)
            for page in document.pages
            for annotation in page.get("/Annots", [])
            if "/A" in annotation and "/URI" in annotation.A
        ]
        assert "/OpenAction" not in document.Root and "/JavaScript" not in document.Root.get(
            "/Names", {}
        )
    assert uris and all(uri.startswith(("https://", "http://", "file://")) for uri in uris), uris


def pdf_text(pdf: Path) -> str:
    result = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    return squeeze(result.stdout)


def squeeze(text: str) -> str:
    """Without whitespace: a PDF breaks long words and lines where the page needs."""
    return "".join(text.split())
