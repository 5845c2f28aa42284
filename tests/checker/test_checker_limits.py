"""What the generator refuses however it is written, and how it copes with the worst files.

- Links in outcomes only ever lead to pages of the site; sources only to https:// addresses.
- A file full of mistakes, or built to be slow, fails in seconds with a screenful of lines:
  no quadratic hints or proofs, no recursion without bound, no message of megabytes.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import checker
import pytest
from checker.bench import synthetic_flow
from checker.errors import MAX_SHOWN
from checker_helpers import problems_of, replace

# --- Links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "javascript:alert(1)",
        "https://example.com/compare.md",
        "//example.com/compare.md",
        "/etc/passwd.md",
        "../README.md",
        "nerves/../../README.md",
        "docs/compare.md",
        "compare.md#top",
        "compare.md?x=1",
        "compare.html",
        "Compare.md",
        "compare.md\nnext.md",
        "includes/",
        " compare.md",
    ],
)
def test_an_outcome_links_only_to_a_page_of_the_site(page: str) -> None:
    text = replace("pages: [compare.md]", f"pages: [{page!r}]".replace("'", '"'))
    [problem] = problems_of(text)
    assert re.search(r"is not a valid page path|which is not a page in docs/", problem), problem


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://www.nhs.uk/conditions/back-pain/",
        "data:text/html,<script>alert(1)</script>",
        "//www.nhs.uk/",
        'https://www.nhs.uk/"><script>alert(1)</script>',
        "https://www.nhs.uk/ onmouseover=alert(1)",
        "https://user@www.nhs.uk/",
    ],
)
def test_a_source_links_only_to_an_https_address(url: str) -> None:
    text = replace("url: https://www.nhs.uk/conditions/back-pain/", f"url: {url!r}")
    [problem] = problems_of(text)
    assert "is not a valid url (give a full https:// address)" in problem, problem


# --- The worst files ------------------------------------------------------------------------

HEAD = """\
title: T
start: q0
care_levels:
  emergency: {title: E, action: A.}
  urgent: {title: U, action: A.}
  gp: {title: G, action: A.}
  self-care: {title: S, action: A.}
sources:
  article: {title: T, publisher: P}
outcomes:
  result_end:
    {urgency: gp, title: T, may_be: M, why: W, do_now: [D], pages: [a.md], sources: [article]}
questions:
"""
LAST = (
    "  q{n}:\n    text: Q?\n"
    "    options: {{a: {{text: A, next: result_end}}, b: {{text: B, next: result_end}}}}\n"
)


def chain(n: int, options: str) -> str:
    """Questions q0 -> q1 -> ... -> qn, each with `options` (formatted with i and i + 1)."""
    lines = [
        f"  q{i}:\n    text: Q?\n    options: {{{options.format(i=i, j=i + 1)}}}\n"
        for i in range(n)
    ]
    return HEAD + "".join(lines) + LAST.format(n=n)


WORST = {
    # Each answer a red flag (urgent) that leads to the gp result 3,000 questions on: every
    # problem's path is 3,000 answers long (a message of 100s of megabytes, unshortened).
    "deep red flags": chain(
        3_000, "go: {{text: Go, next: q{j}, red_flag: urgent}}, stay: {{text: Stay, next: q{j}}}"
    ),
    # Each question also leads back to the start: 3,000 cycles, each as long as the chain.
    "deep cycles": chain(3_000, "go: {{text: Go, next: q{j}}}, back: {{text: Back, next: q0}}"),
    # 1,000 ids all renamed: "did you mean" compares each with all (a million comparisons).
    "every next renamed": re.sub(r"next: (\w+)", r"next: \1x", synthetic_flow(1_000)),
    # Brackets nested deeper than YAML allows, or very deep on one line with an error after.
    "100,000 open brackets": "title: " + "[" * 100_000,
    "brackets then an error": "title: " + "[" * 999 + "x, " * 50_000 + "}",
    "nested fields": "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 2_000)),
}


@pytest.mark.parametrize("text", WORST.values(), ids=WORST.keys())
def test_the_worst_files_fail_quickly_with_a_screenful_of_lines(text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(checker.CheckerError) as error:
        checker.load_text(text.encode(), Path("worst.yaml"))
    seconds = time.perf_counter() - started
    lines = str(error.value).splitlines()
    assert 1 <= len(lines) <= MAX_SHOWN + 1
    assert max(map(len, lines)) < 2_000  # paths in messages are shortened
    assert seconds < 10, f"{seconds:.1f} s"  # about a second here; minutes before the limits


def test_a_long_path_in_a_message_keeps_its_first_and_last_answers() -> None:
    with pytest.raises(checker.CheckerError) as error:
        checker.load_text(WORST["deep red flags"].encode(), Path("worst.yaml"))
    first = str(error.value).splitlines()[0]
    assert "q0=go → q1=go" in first
    assert "more …" in first and first.endswith(
        "q2999=go → q3000=a → result_end (every result after this answer must be urgent or more "
        "urgent)"
    )
    assert str(error.value).splitlines()[-1] == (
        "worst.yaml: more problems are not shown (fix these, then check again)"
    )
