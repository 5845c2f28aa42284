"""Every rule of the validator, each with a broken flow that must fail with its exact line.

Each file in fixtures/broken/ is fixtures/valid.yaml with one mistake, and says on its second
line the error it must give. Refreshing them all after a wording change: see README below.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from checker_helpers import BROKEN, FIXTURE_DOCS, FLOW, ROOT, VALID, run_cli

CASES = sorted(BROKEN.glob("*.yaml"))
# Issues 4 and 7 list what the validator must refuse; each has its broken example here (the
# file too large for the limit is made at test time: test_checker_corpus_build.py).
RULES = {
    "YAML syntax error": ["syntax_unclosed_quote", "syntax_colon_in_text", "tab_indentation"],
    "schema error": [
        "wrong_type_options",
        "text_read_as_boolean",
        "empty_text",
        "unknown_field_typo",
        "bad_outcome_id",
        "key_read_as_boolean",
        "start_is_an_outcome",
        "script_page_link",
        "script_source_url",
        "invalid_date",
        "text_too_long",
    ],
    "duplicate id": ["duplicate_id", "duplicate_option"],
    "next node that does not exist": ["unknown_next"],
    "node nothing leads to": ["unreachable"],
    "cycle": ["cycle"],
    "dead end": ["dead_end"],
    "question with fewer than two options": ["single_option"],
    "outcome without urgency": ["missing_urgency", "unknown_urgency"],
    "outcome without page link": ["no_page"],
    "outcome without source": ["no_source", "unknown_source"],
    "link to a page that does not exist": ["missing_page"],
    "link to anything but a page of the site": ["external_page_link", "page_outside_docs"],
    "red-flag question after a calm outcome": [
        "red_flag_skipped",
        "screen_two_ways_out",
        "red_flag_asked_late",
    ],
    "red flag leading to a calmer outcome": ["red_flag_calmer"],
    "empty file": ["empty", "two_documents", "alias"],
    # Issue 7: YAML that is more than plain text, lists and fields.
    "tag, control character or deep nesting": ["yaml_tag", "control_character", "nested_too_deep"],
}


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def expected_line(path: Path) -> str:
    """The `# expect:` comment on the file's second line, with the file's name in front."""
    expect = path.read_text(encoding="utf-8").splitlines()[1]
    assert expect.startswith("# expect: "), f"{path.name}: line 2 must say `# expect: ...`"
    return f"{relative(path)}:{expect.removeprefix('# expect: ')}"


def test_the_valid_example_passes() -> None:
    result = run_cli("check", relative(VALID), "--docs-dir", relative(FIXTURE_DOCS))
    assert result.returncode == 0, result.stderr
    assert "OK: 3 questions, 4 outcomes, 4 paths" in result.stdout


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_check_refuses_with_one_exact_line(path: Path) -> None:
    result = run_cli("check", relative(path), "--docs-dir", relative(FIXTURE_DOCS))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == expected_line(path) + "\n"


def test_every_rule_has_a_broken_example() -> None:
    names = {path.stem for path in CASES}
    listed = {name for examples in RULES.values() for name in examples}
    assert listed <= names, f"missing examples: {sorted(listed - names)}"
    assert names <= listed, f"examples not filed under a rule: {sorted(names - listed)}"


def test_a_file_too_large_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_text("# padding\n" * 600_000, encoding="utf-8")
    result = run_cli("check", str(huge), "--no-pages")
    assert result.returncode == 1
    assert (
        result.stderr
        == f"{huge}:1: the file is too large (6,000,000 bytes; the limit is 5,000,000)\n"
    )


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"title: Test\nstart: caf\xe9\n")
    result = run_cli("check", str(latin), "--no-pages")
    assert result.stderr == f"{latin}:2: the file is not UTF-8 text (save it as UTF-8)\n"


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nowhere.yaml"), "--no-pages")
    assert result.returncode == 1
    assert (
        result.stderr
        == f"{tmp_path / 'nowhere.yaml'}:1: cannot read the file: No such file or directory\n"
    )


def test_render_writes_nothing_when_the_flow_is_broken(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "checker.html").write_text("the good one", encoding="utf-8")
    result = run_cli(
        "render",
        relative(BROKEN / "red_flag_calmer.yaml"),
        str(out),
        "--docs-dir",
        relative(FIXTURE_DOCS),
    )
    assert result.returncode == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no half-written folder beside it
    assert [p.name for p in out.iterdir()] == ["checker.html"]
    assert (out / "checker.html").read_text(encoding="utf-8") == "the good one"


def _project_copy(tmp_path: Path) -> Path:
    """The site's sources in a scratch folder, to break the flow without touching docs/."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("        next: result_kidney_stones\n", "        next: result_kidney_stone\n"),
        (
            "        next: comes_in_waves\n",
            "        red_flag: urgent\n        next: comes_in_waves\n",
        ),
        ("title: Check your symptoms\n", "title: Check your symptoms\n\ttabs: here\n"),
    ],
    ids=["unknown next node", "red flag leading to a calmer result", "tab"],
)
def test_mkdocs_build_fails_with_the_same_line_and_leaves_the_site(
    tmp_path: Path, old: str, new: str
) -> None:
    project = _project_copy(tmp_path)
    flow = project / FLOW.relative_to(ROOT)
    text = flow.read_text(encoding="utf-8")
    assert text.count(old) == 1
    flow.write_text(text.replace(old, new), encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as it was", encoding="utf-8")

    check = run_cli("check", "docs/checker/flow.yaml", cwd=project)
    assert check.returncode == 1
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode != 0
    problems, logged = check.stderr.splitlines(), build.stderr.splitlines()
    assert f"ERROR   -  {problems[0]}" in logged  # MkDocs' prefix on the first line only
    assert all(line in logged for line in problems[1:])
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site as it was"
