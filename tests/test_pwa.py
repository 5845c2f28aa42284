"""The guide as an installable web app, served under a sub-path as GitHub Pages serves it.

After one visit, every page, the search, the checker (and a clear message for the PDF) work
with the network off; Chromium finds nothing that stops installing it; a new build replaces
the cached pages on the next visit and drops the old ones. Its own build, apart from the
session's: the site lives at /lower-back-heat/ on a server whose root is another folder.
"""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from checker import graph
from guide_pages import ROOT, checker_flow, nav_pages, read
from playwright.sync_api import Browser, BrowserContext, BrowserType, Page, expect
from site_build import build_site
from tools.browser import CHROMIUM, LAUNCH_ARGS

pytestmark = pytest.mark.browser

SUB_PATH = "lower-back-heat"
MAKE_SW = ROOT / "scripts" / "tools" / "make_sw.cjs"
OFFLINE_PDF = "You are offline: the PDF is available once you are back online."
# Every entry of Workbox's precache, as the worker keeps them: URL and revision.
CACHED = """async () => {
  const names = await caches.keys();
  const entries = [];
  for (const name of names) {
    for (const request of await (await caches.open(name)).keys()) entries.push(request.url);
  }
  return {names, entries};
}"""

# Resolves once the worker's cache holds one copy of glossary.html, not the old one: the new
# worker has precached the new files and, taking over, dropped the old copy. (A promise is
# waited for here: wait_for_function would take the pending promise itself as true.)
NEW_VERSION_ACTIVE = """async (old) => {
  for (const end = Date.now() + 30000; Date.now() < end; ) {
    const keys = await (await caches.open((await caches.keys())[0])).keys();
    const glossary = keys.map((r) => r.url).filter((url) => url.includes("/glossary.html"));
    if (glossary.length === 1 && glossary[0] !== old) return;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error("no new version after 30 s");
}"""

# Each icon the manifest lists: [declared size, size of the image as loaded].
ICON_SIZES = """async (url) => {
  const manifest = await (await fetch(url)).json();
  return Promise.all(manifest.icons.map((icon) => new Promise((done) => {
    const image = new Image();
    image.onload = () => done([icon.sizes, `${image.naturalWidth}x${image.naturalHeight}`]);
    image.onerror = () => done([icon.sizes, "failed to load"]);
    image.src = new URL(icon.src, url);
  })));
}"""


@dataclass
class Host:
    """A static host whose root holds the built site at /lower-back-heat/ (a symlink, so a new
    build is published at the same address by pointing it elsewhere)."""

    root: Path
    origin: str

    @property
    def url(self) -> str:
        return f"{self.origin}/{SUB_PATH}/"

    def publish(self, site: Path) -> None:
        link = self.root / SUB_PATH
        link.unlink(missing_ok=True)
        link.symlink_to(site, target_is_directory=True)


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    root = tmp_path_factory.mktemp("host")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host_, port = server.server_address[:2]
    yield Host(root, f"http://{host_}:{port}")
    server.shutdown()


@pytest.fixture(scope="module")
def first_build(host: Host, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site-v1")
    build_site(site, host.url)
    host.publish(site)
    return site


@pytest.fixture
def guide(host: Host, first_build: Path) -> str:
    """The guide's address, with the first build published there."""
    host.publish(first_build)
    return host.url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context
    context.close()


def wait_for_worker(page: Page) -> None:
    """Until the service worker controls the page: it has then precached every file."""
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def built_title(site: Path, src: str) -> str:
    return re.search(r"<title>(.*?)</title>", read(src).built(site), re.DOTALL)[1].strip()


def shortest_path_to(urgency: str) -> list[tuple[str, str]]:
    """The answers (question, option) of the shortest checker path to a result of `urgency`."""
    flow = checker_flow()
    paths = (a for a, end in graph.enumerate_paths(flow) if flow.outcomes[end].urgency == urgency)
    return min(paths, key=len)


def walk_checker(page: Page, answers: list[tuple[str, str]], urgency: str) -> None:
    flow = checker_flow()
    app = page.locator(".checker__app")
    for qid, key in answers:
        expect(app.locator(".checker__title")).to_have_text(flow.questions[qid].text)
        text = re.compile(rf"^{re.escape(flow.questions[qid].option(key).text)}$")
        app.locator("a.checker__option").filter(has_text=text).click()
    expect(app.locator(".checker__title")).to_have_text(re.compile(r"^Result: "))
    expect(app.locator(f".admonition.{urgency}")).to_be_visible()


def test_after_one_visit_the_whole_guide_works_offline(
    context: BrowserContext, guide: str, first_build: Path
) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(guide + "compare.html")
    wait_for_worker(page)
    context.set_offline(True)

    for src in nav_pages():
        page.goto(guide + read(src).url())
        expect(page).to_have_title(built_title(first_build, src))
        expect(page.locator("article h1").first).to_be_visible()
    # The home-screen icon opens the start page: the site's folder itself.
    page.goto(guide)
    expect(page).to_have_title(built_title(first_build, "index.md"))

    page.locator("label.md-header__button[for='__search']").click()  # a phone's search button
    page.locator("input.md-search__input").press_sequentially("shingles", delay=30)
    result = page.locator(".md-search-result__link[href*='referred-pain/shingles.html']").first
    expect(result).to_be_visible()
    result.click()  # the result's address adds ?h=shingles: still the cached page
    expect(page).to_have_title(built_title(first_build, "referred-pain/shingles.md"))

    for urgency in ("emergency", "self-care"):
        page.goto(guide + "checker/index.html")
        walk_checker(page, shortest_path_to(urgency), urgency)
    assert errors == []


def test_offline_the_pdf_link_says_it_needs_the_network(
    context: BrowserContext, guide: str
) -> None:
    page = context.new_page()
    page.goto(guide + "about.html")
    wait_for_worker(page)
    # Online, the worker lets the PDF through from the network (kept out of the HTTP cache
    # here, which could otherwise answer for it offline).
    pdf = "fetch('lower-back-heat-guide.pdf', {cache: 'no-store'})"
    assert page.evaluate(f"{pdf}.then((r) => r.headers.get('content-type'))") == "application/pdf"
    context.set_offline(True)
    page.get_by_role("link", name="Download the guide (PDF)").click()
    expect(page.locator("article")).to_contain_text(OFFLINE_PDF)
    page.locator("article").get_by_role("link", name="Check your symptoms").click()
    expect(page.locator(".checker__app")).to_be_visible()


def test_only_the_guides_own_files_are_stored(context: BrowserContext, guide: str) -> None:
    page = context.new_page()
    page.goto(guide + "checker/index.html")
    wait_for_worker(page)
    walk_checker(page, shortest_path_to("self-care"), "self-care")
    stored = page.evaluate(CACHED)
    assert stored["entries"] and all(url.startswith(guide) for url in stored["entries"])
    # The checker's answers are in the fragment: never part of a stored address.
    assert not any("answers=" in url for url in stored["entries"])
    assert context.cookies() == []
    assert page.evaluate("indexedDB.databases()") == []
    # Nothing in storage but Material's own: the light or dark palette, kept for the next page.
    palette = f"/{SUB_PATH}/.__palette"
    assert page.evaluate("[sessionStorage.length, Object.keys(localStorage)]") == [0, [palette]]


def test_chromium_finds_nothing_that_stops_installing_it(
    browser_type: BrowserType, guide: str, tmp_path: Path
) -> None:
    # A persistent profile: a throwaway context always reports "in-incognito".
    context = browser_type.launch_persistent_context(
        tmp_path, executable_path=CHROMIUM, args=LAUNCH_ARGS
    )
    try:
        page = context.new_page()
        page.goto(guide + "nerves/index.html")
        wait_for_worker(page)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"] == guide + "manifest.webmanifest"
        icons = page.evaluate(ICON_SIZES, manifest["url"])
        assert len(icons) == 3 and all(declared == loaded for declared, loaded in icons)
    finally:
        context.close()


def second_build(first: Path, dest: Path, page: str) -> None:
    """The first build with one page changed, and its worker written again, as a build does."""
    shutil.copytree(first, dest, symlinks=True)
    changed = dest / page
    html = changed.read_text(encoding="utf-8")
    changed.write_text(
        html.replace("</h1>", "</h1><p id='second-build'>Changed in the second build.</p>", 1),
        encoding="utf-8",
    )
    subprocess.run(["node", str(MAKE_SW), str(dest)], check=True, capture_output=True)


def test_a_new_build_replaces_the_cached_page_on_the_next_visit(
    context: BrowserContext, host: Host, guide: str, first_build: Path, tmp_path: Path
) -> None:
    page = context.new_page()
    page.goto(guide + "glossary.html")
    wait_for_worker(page)
    before = page.evaluate(CACHED)
    [old_key] = [url for url in before["entries"] if "/glossary.html" in url]

    second_build(first_build, tmp_path / "site-v2", "glossary.html")
    host.publish(tmp_path / "site-v2")
    # The next visit: served from the cache while the browser fetches the new worker, which
    # precaches the new files, takes over and drops the old ones.
    page.goto(guide + "index.html")
    page.evaluate(NEW_VERSION_ACTIVE, old_key)
    context.set_offline(True)
    page.goto(guide + "glossary.html")
    expect(page.locator("#second-build")).to_have_text("Changed in the second build.")
    after = page.evaluate(CACHED)
    assert after["names"] == before["names"]  # one precache, never a second beside it
    assert old_key not in after["entries"]
    # Every other file is still cached under its old key: only the changed page was fetched.
    assert set(before["entries"]) - set(after["entries"]) == {old_key}


# Records each call to register() before the page's scripts run.
RECORD_REGISTER = """
window.__registered = [];
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (...args) => {
    window.__registered.push(String(args[0]));
    return register(...args);
  };
}
"""


def test_from_disk_no_worker_is_registered_and_no_error_shows(
    context: BrowserContext, first_build: Path
) -> None:
    context.add_init_script(RECORD_REGISTER)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((first_build / "checker" / "index.html").as_uri(), wait_until="load")
    page.wait_for_timeout(500)  # past the load event, when the script would register
    assert page.evaluate("window.__registered") == []
    assert errors == []


def test_over_http_the_worker_at_the_site_root_is_registered(
    context: BrowserContext, guide: str
) -> None:
    context.add_init_script(RECORD_REGISTER)
    page = context.new_page()
    page.goto(guide + "checker/index.html")
    wait_for_worker(page)
    assert page.evaluate("window.__registered") == [guide + "sw.js"]
    assert page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)") == guide
