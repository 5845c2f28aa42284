"""The guide built as `make build` builds it (strict, then its PDF), for the tests that read
or serve a built site: the session's build in conftest.py, and a hostile copy of the guide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_site(dest: Path, site_url: str, config: Path = ROOT / "mkdocs.yml") -> str:
    """Strict build into `dest`, then its PDF, as `make build` does; returns MkDocs' log."""
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
