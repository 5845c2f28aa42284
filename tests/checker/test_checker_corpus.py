"""Every rule of the validator, each with a broken flow that must fail with its exact line.

Each case of fixtures/broken.toml is fixtures/valid.yaml with one small edit, and the line
the checker must give for it (see corpus.py). After a change to valid.yaml or to a message,
`make corpus` rewrites the expected lines: review the diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from checker import cli
from checker_helpers import FIXTURE_DOCS, FLOW, ROOT, VALID, run_cli
from corpus import CORPUS, Case, CorpusError, cases, rewrite

CASES = cases()
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
    "empty file": ["empty", "two_documents", "alias", "alias_alone", "anchor_alone"],
    # Issue 7: YAML that is more than plain text, lists and fields.
    "tag, control character or deep nesting": [
        "yaml_tag",
        "control_character",
        "control_character_pasted",
        "nested_too_deep",
    ],
}


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_valid_example_passes() -> None:
    result = run_cli("check", relative(VALID), "--docs-dir", relative(FIXTURE_DOCS))
    assert result.returncode == 0, result.stderr
    assert "OK: 3 questions, 4 outcomes, 4 paths" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_check_refuses_with_one_exact_line(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # In this process (the command line's own `main`): 39 interpreters would be most of the
    # time; the tests below run it as its own process.
    flow = tmp_path / f"{case.name}.yaml"
    flow.write_text(case.text(), encoding="utf-8")
    assert cli.main(["check", str(flow), "--docs-dir", str(FIXTURE_DOCS)]) == 1
    assert capsys.readouterr() == ("", f"{flow}:{case.expect}\n")


def test_every_rule_has_a_broken_example() -> None:
    names = {case.name for case in CASES}
    listed = {name for examples in RULES.values() for name in examples}
    assert listed <= names, f"missing examples: {sorted(listed - names)}"
    assert names <= listed, f"examples not filed under a rule: {sorted(names - listed)}"


def test_make_corpus_rewrites_a_stale_expected_line_and_nothing_else(tmp_path: Path) -> None:
    current = CORPUS.read_text(encoding="utf-8")
    stale = current.replace("(did you mean 'next'?)", "(did you mean 'nest'?)")
    assert stale.count("'nest'") == 1
    corpus = tmp_path / "broken.toml"
    corpus.write_text(stale, encoding="utf-8")
    assert rewrite(corpus) == ["unknown_field_typo"]
    assert corpus.read_text(encoding="utf-8") == current


@pytest.mark.parametrize(("old", "found"), [("      none:\n", 2), ("      maybe:\n", 0)])
def test_an_edit_must_find_its_lines_once(old: str, found: int) -> None:
    case = Case("x", "a mistake", "1: a line", ((old, "      other:\n"),))
    with pytest.raises(CorpusError, match=f"found {found} times in valid.yaml, not once"):
        case.text()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"# padding\n" * 600_000,
            "1: the file is too large (6,000,000 bytes; the limit is 5,000,000)",
        ),
        (b"title: Test\nstart: caf\xe9\n", "2: the file is not UTF-8 text (save it as UTF-8)"),
        (None, "1: cannot read the file: No such file or directory"),
    ],
    ids=["too large", "not UTF-8", "missing"],
)
def test_a_file_the_checker_cannot_read_is_one_line(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    flow = tmp_path / "flow.yaml"
    if content is not None:
        flow.write_bytes(content)
    result = run_cli("check", str(flow), "--no-pages")
    assert (result.returncode, result.stderr) == (1, f"{flow}:{expected}\n")


def test_render_writes_nothing_when_the_flow_is_broken(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(next(c for c in CASES if c.name == "red_flag_calmer").text(), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "checker.html").write_text("the good one", encoding="utf-8")
    result = run_cli("render", str(broken), str(out), "--docs-dir", relative(FIXTURE_DOCS))
    assert result.returncode == 1
    # No half-written folder beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "out"]
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
