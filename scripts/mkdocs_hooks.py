"""MkDocs hooks: thin adapters that call the project's plain Python modules.

MkDocs puts this file's folder on sys.path while it loads the hook, so the sibling modules
import directly. Keep logic in those modules: they are tested and run without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import glossary
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GLOSSARY_PAGE = "glossary.md"
GLOSSARY_SNIPPET = Path("includes") / "abbreviations.md"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The PDF's cover shows when the guide as a whole was last reviewed: its newest page.
    if reviewed := page.meta.get("last_reviewed"):
        config.extra["last_reviewed"] = max(reviewed, config.extra.get("last_reviewed", reviewed))
    if page.file.src_uri == GLOSSARY_PAGE:
        return glossary.fill(markdown, Path(config.docs_dir) / GLOSSARY_SNIPPET)
    return markdown
