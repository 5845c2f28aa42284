"""Check every internal link and anchor of a built site, as a browser opening it from disk would.

Usage: PYTHONPATH=scripts python -m tools.linkcheck [SITE_DIR] [BASE_PATH]
(one line per broken link; exit 1 if any). BASE_PATH is the path part of site_url, "/" by default.

Links to other origins (https:, mailto:) are not followed: the site must work offline, and
the tests check separately that nothing is loaded from elsewhere.

Why not LinkChecker (PyPI `linkchecker` 10.6, tried on a built site over file://): it finds a
missing file, but a missing anchor is only a warning; it skips the 404 page's links from the
site's path (`/lower-back-heat/...`) as "outside of the domain filter", so they go unchecked
offline; it checks only the pages it reaches from its start pages, where this reads every
page; run as root it drops to `nobody`, who cannot read pytest's private temporary folders;
and it took 10 s of CPU where this takes a quarter of a second.
"""

from __future__ import annotations

import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"} and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append((self.getpos()[0], value))


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """`page:line: link -> what is wrong`, for every link that does not resolve.

    `base_path` is the path of site_url: the 404 page links from it (`/repo/assets/...`),
    because it is served at any depth.
    """
    problems = []
    for page in sorted(site.rglob("*.html")):
        for line, link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(base_path):
                    problems.append(
                        f"{page.relative_to(site)}:{line}: {link} -> outside {base_path}"
                    )
                    continue
                target = site / path.removeprefix(base_path)
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site)}:{line}: {link}"
            if not target.is_file():
                problems.append(f"{where} -> no such file")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target).ids
            ):
                problems.append(f"{where} -> no anchor #{parts.fragment}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not (site / "index.html").is_file():
        print(f"linkcheck: {site}/index.html: no built site here (run make build)", file=sys.stderr)
        return 2
    problems = broken_links(site, args[1] if len(args) > 1 else "/")
    print("\n".join(problems) or f"linkcheck: every internal link of {site} resolves")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
