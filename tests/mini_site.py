"""The smallest project that runs the real hook: the fixture flow, its pages, and a build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "checker" / "fixtures"
MKDOCS = Path(sys.executable).parent / "mkdocs"
FLOW = "docs/checker/flow.yaml"
CONFIG = f"""\
site_name: Mini
exclude_docs: |
  checker/flow.yaml
  drafts/
hooks:
  - {ROOT / "scripts" / "mkdocs_hooks.py"}
"""
PAGES = {
    "index.md": "# Home\n",
    "checker/index.md": "# Check your symptoms\n\n<!-- fill: checker -->\n",
    "checker/how-it-works.md": (
        "# How it works\n\n<!-- fill: checker-outline -->\n\n<!-- fill: checker-sources -->\n"
    ),
    # A Markdown file in docs/ that the site leaves out (exclude_docs): not a page to link.
    "drafts/old.md": "# An old draft\n",
}


def make(folder: Path, pages: dict[str, str] | None = None) -> Path:
    """A project in `folder` with the valid fixture flow, its pages, and `pages` on top."""
    docs = folder / "docs"
    shutil.copytree(FIXTURES / "docs", docs)
    for src, text in {**PAGES, **(pages or {})}.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "valid.yaml", folder / FLOW)
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return folder


def build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in the project, as a person would run it."""
    return subprocess.run(
        [str(MKDOCS), "build", "--strict"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
