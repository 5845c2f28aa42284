"""Benchmark the guide against a stock Material site built from the same Markdown.

Usage: PYTHONPATH=scripts python -m tools.site_bench [--output BENCHMARKS.md]

Measures and prints; asserts nothing. In one run it builds both sites strictly, serves each on
localhost with gzip (as GitHub Pages serves them), and compares build time, Lighthouse mobile
scores, gzipped bytes per page and the checker's figures. Figures are ratios against the
baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from checker import bench as generator_bench
from guide import page_assets, web_app
from playwright.sync_api import Page, Response, sync_playwright

from tools.browser import CHROMIUM, LAUNCH_ARGS

# scripts/tools/site_bench.py: the project is two folders up.
ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
MAKE_SW = ROOT / "scripts" / "tools" / "make_sw.cjs"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {
    "Home": "index.html",
    "Cause page": "nerves/spinal-stenosis.html",
    "Checker": "checker/index.html",
}
# The baseline keeps our content and the Markdown extensions it needs to render, and nothing else.
COPIED_SECTIONS = ("site_name", "site_description", "exclude_docs", "markdown_extensions", "nav")


@dataclass
class Site:
    name: str
    config: Path
    build_seconds: float = 0.0
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    page_bytes: dict[str, int] = field(default_factory=dict)
    offline_bytes: int = 0
    whole_site_bytes: int = 0
    clicks: list[tuple[float, float]] = field(default_factory=list)
    # Lighthouse on the same pages with the worker's registration taken out: what it costs.
    scores_without_worker: dict[str, dict[str, float]] = field(default_factory=dict)


def baseline_config(ours: Path, dest: Path) -> Path:
    """A stock Material config: our content sections verbatim, default theme, no overrides."""
    text = ours.read_text(encoding="utf-8")
    sections = re.split(r"^(?=[a-z_]+:)", text, flags=re.MULTILINE)
    kept = [s for s in sections if s.split(":", 1)[0] in COPIED_SECTIONS]
    config = dest / "mkdocs-baseline.yml"
    config.write_text(
        f"docs_dir: {ROOT / 'docs'}\ntheme:\n  name: material\nplugins:\n  - search\n"
        + "".join(kept),
        encoding="utf-8",
    )
    return config


BUILD_RUNS = 5


def build(site: Site, dest: Path) -> None:
    """Best of BUILD_RUNS strict builds: the least disturbed by whatever else the machine does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""}
    times = []
    for _ in range(BUILD_RUNS):
        started = time.perf_counter()
        subprocess.run(
            [str(MKDOCS), "build", "--strict", "--quiet", "-f", str(site.config), "-d", str(dest)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        times.append(time.perf_counter() - started)
    site.build_seconds = min(times)
    if site.name == "ours":
        # As `make build` does, after MkDocs (not timed): the worker for offline reading.
        subprocess.run(["node", str(MAKE_SW), str(dest)], check=True, capture_output=True)
        listed = web_app.precached((dest / web_app.SERVICE_WORKER).read_text(encoding="utf-8"))
        site.offline_bytes = gzipped_files(dest / url for url in listed)
        # What the offline copy is measured against: every file but the PDF and source maps.
        site.whole_site_bytes = gzipped_files(
            path
            for path in dest.rglob("*")
            if path.is_file() and path.suffix not in {".pdf", ".map"}
        )


def without_worker(folder: Path, dest: Path) -> Path:
    """A copy of a built site as it was before the offline copy: no worker, and no page
    registers one. Built once, so both copies have the same pages to the byte otherwise."""
    shutil.copytree(folder, dest)
    (dest / web_app.SERVICE_WORKER).unlink()
    tag = page_assets.asset_tag(web_app.REGISTRATION)
    for page in dest.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        stripped, found = tag.subn("", text)
        if found:
            page.write_text(stripped, encoding="utf-8")
    return dest


def gzipped_files(paths: Iterable[Path]) -> int:
    """The files' bytes, each gzipped as the host serves it."""
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in paths)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves each file gzipped when the browser accepts it, as GitHub Pages does.

    Lighthouse's mobile run simulates a slow network, so uncompressed files would score a site
    as no reader on the real host would see it.
    """

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_GzipHandler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def page_url(base: str, folder: Path, page: str) -> str:
    """The stock site uses directory URLs; ours uses .html files (offline plugin)."""
    if (folder / page).is_file():
        return base + page
    return base + page.removesuffix("index.html").removesuffix(".html") + "/"


# Lighthouse's simulated mobile run varies by a point or two from one run to the next.
LIGHTHOUSE_RUNS = 3


def lighthouse(url: str) -> dict[str, float]:
    """The median of LIGHTHOUSE_RUNS mobile runs, for each category."""
    flags = " ".join(LAUNCH_ARGS)
    runs: list[dict[str, float]] = []
    for _ in range(LIGHTHOUSE_RUNS):
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--chrome-flags={flags}",
             f"--only-categories={','.join(CATEGORIES)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            check=True,
        )  # fmt: skip
        report = json.loads(result.stdout)
        runs.append({name: report["categories"][name]["score"] or 0.0 for name in CATEGORIES})
    return {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}


def gzipped_bytes(page: Page, url: str) -> int:
    """Bytes of every same-origin response the page loads, each gzipped as a server would."""
    origin = urlsplit(url).netloc
    sizes: list[int] = []

    def on_response(response: Response) -> None:
        if urlsplit(response.url).netloc == origin:
            # A redirect or an aborted response has no body.
            with suppress(Exception):
                sizes.append(len(gzip.compress(response.body(), compresslevel=6)))

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", on_response)
    return sum(sizes)


# Clicks the last answer (usually "none of these" or "no", which goes deepest) until a result.
# Each click gives two times: until the next question is in the page and laid out (the work the
# page does), and until the frame that shows it has been drawn (which also waits for the
# screen's next frame: up to one frame of that is the display's timing, not the page's).
CLICK_TIMES = """async () => {
  const app = document.querySelector(".checker__app");
  const times = [];
  for (let step = 0; step < 20; step++) {
    const options = app.querySelectorAll("a.checker__option");
    if (!options.length) break;
    const before = app.querySelector(".checker__title").textContent;
    const started = performance.now();
    options[options.length - 1].click();
    void app.offsetHeight;  // force style and layout: the question is ready to paint
    const laidOut = performance.now() - started;
    if (app.querySelector(".checker__title").textContent === before) return null;
    // A message posted from requestAnimationFrame arrives once that frame has been drawn.
    const drawn = await new Promise((resolve) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - started);
      channel.port2.postMessage(null);
    }));
    times.push([laidOut, drawn]);
    await new Promise((resolve) => setTimeout(resolve, 50));  // a reader's pause between clicks
  }
  return times;
}"""


CLICK_WALKS = 3


def click_times(page: Page, url: str) -> list[tuple[float, float]]:
    """Milliseconds from a click on an answer to the next step laid out, and to it drawn."""
    times: list[tuple[float, float]] = []
    for _ in range(CLICK_WALKS):
        # A reader reads the first question before answering: wait until the page has settled.
        page.goto(url, wait_until="networkidle")
        walk = page.evaluate(CLICK_TIMES)
        if not walk:
            raise RuntimeError("the checker did not show a new step synchronously after a click")
        times += map(tuple, walk)  # JSON gives each pair as a list
    return times


def measure(sites: list[Site], work: Path) -> None:
    # Every build first, so no browser from the Lighthouse runs competes with a timed build.
    for site in sites:
        build(site, work / site.name)
    for site in sites:
        folder = work / site.name
        if (folder / web_app.SERVICE_WORKER).is_file():
            bare = without_worker(folder, work / f"{site.name}-without-worker")
            with serve(bare) as base:
                for label, page in PAGES.items():
                    site.scores_without_worker[label] = lighthouse(page_url(base, bare, page))
        with serve(folder) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for label, page in PAGES.items():
                url = page_url(base, folder, page)
                site.scores[label] = lighthouse(url)
                tab = browser.new_page()
                site.page_bytes[label] = gzipped_bytes(tab, url)
                if label == "Checker" and site.name == "ours":
                    site.clicks = click_times(tab, url)
                tab.close()
            browser.close()


def table(
    ours: Site, stock: Site, generator: list[dict[str, float]], drawings: list[dict[str, Any]]
) -> str:
    ratio = ours.build_seconds / stock.build_seconds
    rows = [
        "| Measure | Ours | Stock Material | Ratio (ours / stock) |",
        "| --- | ---: | ---: | ---: |",
        f"| Strict build time (best of {BUILD_RUNS}) | {ours.build_seconds:.2f} s "
        f"| {stock.build_seconds:.2f} s | {ratio:.2f}× |",
    ]
    for label in PAGES:
        mine, theirs = ours.scores[label], stock.scores[label]
        rows.append(
            f"| Lighthouse mobile, {label} (perf / a11y / best / SEO, "
            f"median of {LIGHTHOUSE_RUNS}) | "
            + " / ".join(f"{mine[c]:.2f}" for c in CATEGORIES)
            + " | "
            + " / ".join(f"{theirs[c]:.2f}" for c in CATEGORIES)
            + " | |"
        )
    for label in PAGES:
        mine = ours.scores[label]["performance"]
        bare = ours.scores_without_worker[label]["performance"]
        rows.append(
            f"| Lighthouse mobile performance, {label}, with the offline worker / the same "
            f"pages without it (median of {LIGHTHOUSE_RUNS}) | {mine:.2f} / {bare:.2f} | "
            f"| {mine / bare:.2f}× (with / without) |"
        )
    for label in PAGES:
        mine, theirs = ours.page_bytes[label], stock.page_bytes[label]
        rows.append(
            f"| Bytes per page, gzipped, {label} | {mine / 1024:.0f} KB | {theirs / 1024:.0f} KB "
            f"| {mine / theirs:.2f}× |"
        )
    rows.append(
        f"| Offline copy a first visit fetches in the background, gzipped (at most: "
        "Material's hashed files come from the HTTP cache) "
        f"| {ours.offline_bytes / 1024:.0f} KB | no offline copy "
        f"| whole site without PDF and maps: {ours.whole_site_bytes / 1024:.0f} KB |"
    )
    for index, until in enumerate(("laid out", "drawn")):
        clicks = sorted(times[index] for times in ours.clicks)
        rows.append(
            f"| Click to next checker step {until} (median / worst of {len(clicks)}) "
            f"| {statistics.median(clicks):.1f} / {clicks[-1]:.1f} ms | no checker | |"
        )
    small, large = generator
    rows.append(
        f"| Checker generator, {small['nodes']:,} and {large['nodes']:,} nodes (best of "
        f"{generator_bench.RUNS}) | {small['total']:.3f} s / {large['total']:.3f} s | | "
        f"{large['total'] / small['total']:.1f}× the time for "
        f"{large['nodes'] / small['nodes']:.0f}× the nodes |"
    )
    rows.append(
        f"| Checker flowchart, dot's layout and the SVG (once each, stopped after "
        f"{generator_bench.DRAW_LIMIT:g} s) | "
        + "; ".join(generator_bench.describe_drawing(d) for d in drawings)
        + " | | ratio to `check` on the same flow |"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = Site("ours", ROOT / "mkdocs.yml")
        stock = Site("stock", baseline_config(ROOT / "mkdocs.yml", work))
        measure([stock, ours], work)
    generator = generator_bench.measure([1_000, 10_000])
    drawings = generator_bench.measure_drawings([1_000, 10_000])
    result = table(ours, stock, generator, drawings)
    print(result)
    args.output.write_text(
        "# Benchmarks\n\nWritten by `make bench` on "
        f"{time.strftime('%Y-%m-%d')}; figures from one run on this project's 2-core machine.\n\n"
        f"{result}\n",
        encoding="utf-8",
    )
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
