"""Shared fixtures: one strict build of the site per test session, served on localhost,
and Playwright driving Debian's Chromium (Playwright's own browser download cannot work here)."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tools.browser import CHROMIUM, LAUNCH_ARGS

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_site(dest: Path, site_url: str, config: Path = ROOT / "mkdocs.yml") -> str:
    """Strict build into `dest`, its service worker, then its PDF, as `make build` does;
    returns MkDocs' log."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", str(config), "--site-dir", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}", pytrace=False)
    # The service worker, as `make build` writes it after MkDocs (scripts/tools/make_sw.cjs).
    worker = subprocess.run(
        ["node", str(ROOT / "scripts" / "tools" / "make_sw.cjs"), str(dest)],
        capture_output=True,
        text=True,
        check=False,
    )
    if worker.returncode != 0:
        pytest.fail(f"make_sw.cjs failed:\n{worker.stderr}", pytrace=False)
    # In its own process, as `make build` runs it: pytest-playwright owns this one's event loop.
    pdf = subprocess.run(
        [sys.executable, "-m", "tools.make_pdf", str(dest)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
        capture_output=True,
        text=True,
        check=False,
    )
    if pdf.returncode != 0:
        pytest.fail(f"make_pdf.py failed:\n{pdf.stderr}", pytrace=False)
    return result.stderr


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


@functools.cache
def nav_pages() -> list[str]:
    """Source paths of every page in the navigation, in order."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV and !!python/name tags; the navigation needs neither.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)

    def walk(items: list) -> Iterator[str]:
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict):
                for value in item.values():
                    yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(config["nav"]))
