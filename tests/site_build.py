"""The guide built as `make build` builds it (strict, its service worker, then its PDF), for
the tests that read or serve a built site: the session's build in conftest.py, and a hostile
copy of the guide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_site(dest: Path, site_url: str, config: Path = ROOT / "mkdocs.yml") -> str:
    """Strict build into `dest`, its service worker, then its PDF, as `make build` does;
    returns MkDocs' log."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [str(MKDOCS), "build", "--strict", "--config-file", str(config), "--site-dir"]
    log = _run("mkdocs build --strict", [*mkdocs, str(dest)], env)
    # The service worker, as `make build` writes it after MkDocs (scripts/tools/make_sw.cjs).
    _run("make_sw.cjs", ["node", str(ROOT / "scripts" / "tools" / "make_sw.cjs"), str(dest)])
    # In its own process, as `make build` runs it: pytest-playwright owns this one's event loop.
    pdf_env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    _run("make_pdf.py", [sys.executable, "-m", "tools.make_pdf", str(dest)], pdf_env)
    return log


def _run(name: str, command: list[str], env: dict[str, str] | None = None) -> str:
    """Run one step from the repository; the test stops with its error output if it fails."""
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"{name} failed:\n{result.stderr}", pytrace=False)
    return result.stderr
