"""Every broken flow of the corpus through a real `mkdocs build --strict`: it fails with the
line `python -m checker check` gives, and the site built before stays exactly as it was.

The project here is the smallest that runs the real hook (scripts/mkdocs_hooks.py): the
checker's two pages, the fixture pages, MkDocs' own theme. It is built once with the valid
flow, then once for each broken flow, one `mkdocs build` process each (about 0.3 s), in a copy
of the project each, as many at once as there are cores.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import mini_site
import pytest
from checker.loading import MAX_BYTES
from checker_helpers import FIXTURE_DOCS, VALID, run_cli
from corpus import Case, cases
from mini_site import FLOW, build

# Made here rather than stored: a file over the size limit.
TOO_LARGE = b"# padding\n" * (MAX_BYTES // 10 + 1)
TOO_LARGE_LINE = f"1: the file is too large ({len(TOO_LARGE):,} bytes; the limit is {MAX_BYTES:,})"


Snapshot = dict[str, tuple[int, int, str]]


class Project(NamedTuple):
    folder: Path
    good_site: Snapshot  # site/ as the good build left it


def snapshot(folder: Path) -> Snapshot:
    """Every file and folder under `folder` (itself included): mode, modification time and
    the SHA-256 of its content. Equal snapshots: nothing was written, removed or touched."""
    state = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        state[path.relative_to(folder).as_posix()] = (info.st_mode, info.st_mtime_ns, digest)
    return state


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A project whose site/ holds a good build of the valid flow."""
    project = mini_site.make(tmp_path_factory.mktemp("corpus-project"))
    good = build(project)
    assert good.returncode == 0, good.stderr
    assert "result_self_care" in (project / "site" / "checker" / "index.html").read_text()
    return Project(project, snapshot(project / "site"))


def fails_like_the_cli(project: Project, content: bytes, expected: str) -> None:
    """Build with `content` as the flow: fails with `expected` (the line without its file
    name) as its only problem, and leaves the good site/ built first exactly as it was."""
    (project.folder / FLOW).write_bytes(content)
    assert_failed_like_the_cli(build(project.folder), expected)
    assert snapshot(project.folder / "site") == project.good_site


def assert_failed_like_the_cli(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if "flow.yaml" in line]
    assert problems == [f"ERROR   -  {FLOW}:{expected}"], result.stderr


Built = tuple[subprocess.CompletedProcess[str], Snapshot, Snapshot]  # the site before, after


@pytest.fixture(scope="module")
def corpus_builds(project: Project, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each case built in its own copy of the project, the builds run side by side."""
    copies = {case.name: tmp_path_factory.mktemp(f"corpus-{case.name}") for case in cases()}

    def run(case: Case) -> Built:
        folder = copies[case.name] / "project"
        shutil.copytree(project.folder, folder)
        (folder / FLOW).write_bytes(case.text().encode())
        before = snapshot(folder / "site")
        result = build(folder)
        return result, before, snapshot(folder / "site")

    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        return dict(zip(copies, pool.map(run, cases()), strict=True))


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_mkdocs_build_fails_with_the_line_of_the_cli(
    corpus_builds: dict[str, Built], case: Case
) -> None:
    result, before, after = corpus_builds[case.name]
    assert_failed_like_the_cli(result, case.expect)
    assert after == before  # the good site/ of the copy, untouched


def test_a_file_too_large_fails_the_cli_and_the_build_alike(
    project: Project, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(TOO_LARGE)
    cli = run_cli("check", str(huge), "--docs-dir", str(FIXTURE_DOCS))
    assert cli.returncode == 1
    assert cli.stderr == f"{huge}:{TOO_LARGE_LINE}\n"
    fails_like_the_cli(project, TOO_LARGE, TOO_LARGE_LINE)


def test_a_link_to_a_file_the_site_leaves_out_fails_the_cli_and_the_build(
    project: Project,
) -> None:
    """drafts/old.md is in docs/ but not in the site: the same line from both, before MkDocs
    empties site/ (the link would have been a broken link in a passing build)."""
    flow = VALID.read_text(encoding="utf-8").replace(
        "pages: [compare.md]", "pages: [drafts/old.md]"
    )
    expected = (
        "73: node 'result_gp': links to 'drafts/old.md', which mkdocs.yml leaves out of the "
        "site (link a page of the guide)"
    )
    (project.folder / FLOW).write_text(flow, encoding="utf-8")
    cli = run_cli("check", FLOW, cwd=project.folder)
    assert (cli.returncode, cli.stderr) == (1, f"{FLOW}:{expected}\n")
    fails_like_the_cli(project, flow.encode(), expected)
