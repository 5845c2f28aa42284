"""Shared fixtures: one strict build of the site per test session, served on localhost,
and Playwright driving Debian's Chromium (Playwright's own browser download cannot work here).

The lanes follow from the fixtures a test asks for, so no mark can be forgotten: a test that
uses the session's built site is marked `site`, one that drives a page `browser`
(`make test-fast` runs neither). Helpers that tests share live in helper modules
(site_build.py, guide_pages.py, ...), never here: a test imports those, not conftest."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_build import build_site
from tools.browser import CHROMIUM, LAUNCH_ARGS

# The lanes (see the docstring): the fixtures that mean "needs the session's built site", and
# those that mean "drives Chromium".
SITE_FIXTURES = {"build_log", "site_dir", "base_url"}
BROWSER_FIXTURES = {"page", "browser", "context"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if needs & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)
        if needs & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def http_server() -> Iterator[http.server.ThreadingHTTPServer]:
    """A localhost server whose folder is set once the site is built (the port must be known
    first: the site is built with a site_url that matches it)."""
    served: dict[str, str] = {}

    class Handler(_QuietHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=served["dir"], **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.served = served  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def _url(server: http.server.ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


@pytest.fixture(scope="session")
def build_log(
    tmp_path_factory: pytest.TempPathFactory, http_server: http.server.ThreadingHTTPServer
) -> tuple[Path, str]:
    dest = tmp_path_factory.mktemp("site")
    log = build_site(dest, _url(http_server))
    http_server.served["dir"] = str(dest)  # type: ignore[attr-defined]
    return dest, log


@pytest.fixture(scope="session")
def site_dir(build_log: tuple[Path, str]) -> Path:
    """The strictly built site, also served at `base_url`."""
    return build_log[0]


@pytest.fixture(scope="session")
def base_url(site_dir: Path, http_server: http.server.ThreadingHTTPServer) -> str:
    """Where the built site is served; its site_url matches, for Material's instant links."""
    return _url(http_server)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": LAUNCH_ARGS}


@pytest.fixture
def outside_requests(page, base_url: str) -> list[str]:
    """Every request the page makes to anything but the local site, blocked and recorded."""
    seen: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(base_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            seen.append(url)
            route.abort()

    page.route("**/*", guard)
    return seen
