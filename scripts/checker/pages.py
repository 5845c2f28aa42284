"""The guide's pages as the checker sees them: where docs/ is, page titles, and their URLs."""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from typing import Any

import yaml

from checker.errors import CheckerError, Problem

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_H1 = re.compile(r"^# (.+?)\s*$", re.MULTILINE)


def site_pages(config: Any) -> set[str]:
    """The pages a MkDocs build publishes, as paths inside docs/: every Markdown file but
    those `exclude_docs` or `draft_docs` leave out. `config` is a loaded MkDocs config."""
    from mkdocs.structure.files import get_files  # only the build and the CLI need MkDocs

    return {
        file.src_uri
        for file in get_files(config)
        if file.is_documentation_page() and not file.inclusion.is_excluded()
    }


def project_pages(mkdocs_yml: Path) -> tuple[Path, set[str]]:
    """The docs folder and published pages of the project whose mkdocs.yml this is."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(mkdocs_yml))
    except MkDocsException as error:  # Abort and ConfigurationError; MkDocs logs the cause
        problem = Problem(1, f"MkDocs cannot read this file: {error}")
        raise CheckerError([problem], mkdocs_yml) from None
    return Path(config.docs_dir), site_pages(config)


def find_config(start: Path) -> Path | None:
    """The nearest mkdocs.yml in `start` or a folder above it."""
    for folder in [start.resolve(), *start.resolve().parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml"
    return None


def front_matter(text: str) -> dict[str, Any]:
    """A page's front matter as a mapping; empty when it has none or it does not parse."""
    match = _FRONT_MATTER.match(text)
    try:
        meta = yaml.safe_load(match[1]) if match else None
    except yaml.YAMLError:
        meta = None
    return meta if isinstance(meta, dict) else {}


def page_title(docs_dir: Path | None, src: str) -> str:
    """A page's title: its front matter `title`, else its first `# ` heading, else its name."""
    if docs_dir is not None and (docs_dir / src).is_file():
        text = (docs_dir / src).read_text(encoding="utf-8")
        title = front_matter(text).get("title")
        if isinstance(title, str):
            return title.strip()
        match = _FRONT_MATTER.match(text)
        heading = _H1.search(text[match.end() :] if match else text)
        if heading:
            return heading[1].strip()
    stem = posixpath.splitext(posixpath.basename(src))[0]
    if stem == "index":
        stem = posixpath.basename(posixpath.dirname(src)) or "home"
    return stem.replace("-", " ").replace("_", " ").capitalize()


def directory_url(src: str) -> str:
    """MkDocs' URL for a page with `use_directory_urls`: `nerves/x.md` -> `nerves/x/`."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


@functools.cache  # every result links a few pages, the same ones again and again
def relative_link(src: str, from_page: str = "checker/index.md") -> str:
    """The link from one page to another, as MkDocs writes it with directory URLs."""
    target, here = directory_url(src), directory_url(from_page)
    link = posixpath.relpath(target or ".", here or ".")
    return "./" if link == "." else f"{link}/"
