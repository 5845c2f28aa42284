"""The guide's pages as the checker sees them: where docs/ is, page titles, and their URLs."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_H1 = re.compile(r"^# (.+?)\s*$", re.MULTILINE)


def find_docs_dir(start: Path) -> Path | None:
    """The docs folder of the MkDocs project holding `start`: the folder named by
    mkdocs.yml's `docs_dir` (default docs/) next to the nearest mkdocs.yml above it."""
    for folder in [start.resolve(), *start.resolve().parents]:
        config = folder / "mkdocs.yml"
        if config.is_file():
            match = re.search(
                r"^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*$",
                config.read_text(encoding="utf-8"),
                re.MULTILINE,
            )
            return folder / (match[1] if match else "docs")
    return None


def page_title(docs_dir: Path | None, src: str) -> str:
    """A page's title: its front matter `title`, else its first `# ` heading, else its name."""
    if docs_dir is not None and (docs_dir / src).is_file():
        text = (docs_dir / src).read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(text)
        if match:
            try:
                meta = yaml.safe_load(match[1])
            except yaml.YAMLError:
                meta = None
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                return meta["title"].strip()
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


def relative_link(src: str, from_page: str = "checker/index.md") -> str:
    """The link from one page to another, as MkDocs writes it with directory URLs."""
    target, here = directory_url(src), directory_url(from_page)
    link = posixpath.relpath(target or ".", here or ".")
    return "./" if link == "." else f"{link}/"
