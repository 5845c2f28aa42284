"""Tampered URL fragments: hand-edited, stale (answers from an older flow), garbage or huge.
The checker shows the first question or the longest valid part of the answers, with no error
and no dialog. Uses the session's built site (conftest: `base_url`, `page`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from guide_pages import checker_flow as flow
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EMERGENCY, URGENT, ABOUT = "any_emergency_signs", "any_urgent_signs", "about_you"
WHERE = "where_is_it"


def shown_by(fragment: str) -> str:
    """What the script must show for a fragment, worked out here the plain way: the answers as
    {question: first answer given}, followed from the start while they fit the flow."""
    known: dict[str, str] = {}
    ask = None
    for part in fragment.removeprefix("#").split("&"):
        if part.startswith("answers="):
            for pair in part.removeprefix("answers=").split(","):
                pieces = pair.split(":")
                if len(pieces) == 2 and pieces[1] and pieces[0] not in known:
                    known[pieces[0]] = pieces[1]
        elif part.startswith("ask="):
            ask = part.removeprefix("ask=")
    node = flow().start
    while node in flow().questions and node != ask:
        keys = {option.key: option.next for option in flow().questions[node].options}
        if known.get(node) not in keys:
            break
        node = keys[known[node]]
    return node


def text_of(node: str) -> str:
    if node in flow().questions:
        return flow().questions[node].text
    return f"Result: {flow().outcomes[node].title}"


@pytest.fixture
def checker_url(base_url: str) -> str:
    return f"{base_url}checker/index.html"


@pytest.fixture
def incidents(page: Page) -> Iterator[list[str]]:
    """Script errors and dialogs; every test here ends with none."""
    seen: list[str] = []
    page.on("pageerror", lambda error: seen.append(f"error: {error}"))
    page.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield seen
    assert seen == []


CASES = {
    # Ids the flow does not have, before and among real answers.
    "unknown question first": (f"#answers=no_such_question:x,{EMERGENCY}:none", URGENT),
    "unknown answer": (f"#answers={EMERGENCY}:none,{URGENT}:maybe", URGENT),
    # From an older flow: a question since renamed, an answer since renamed, answers to
    # questions the path no longer reaches.
    "renamed question": (
        f"#answers={EMERGENCY}:none,{URGENT}:none,{ABOUT}:none,where_was_it:band_around_side",
        WHERE,
    ),
    "renamed answer": (f"#answers={EMERGENCY}:none,{URGENT}:fever_or_chills", URGENT),
    "answers off the path": (
        f"#answers={EMERGENCY}:none,comes_in_waves:waves,{URGENT}:none,{ABOUT}:none,"
        "rash_or_tingling_band:rash",
        WHERE,
    ),
    "answers in another order": (
        f"#answers={WHERE}:side_below_ribs,{URGENT}:none,{EMERGENCY}:none,{ABOUT}:none,"
        "comes_in_waves:waves",
        "result_kidney_stones",
    ),
    # Hand edits: the same question twice (the first counts), a stray ask=, separators.
    "question answered twice": (
        f"#answers={EMERGENCY}:none,{EMERGENCY}:bladder_or_bowel,{URGENT}:none,{ABOUT}:none",
        WHERE,
    ),
    "ask a question not on the path": (f"#answers={EMERGENCY}:none&ask=comes_in_waves", URGENT),
    "ask an outcome": (
        f"#answers={EMERGENCY}:bladder_or_bowel&ask=result_kidney_stones",
        "result_emergency_cauda_equina",
    ),
    "ask nothing": (f"#answers={EMERGENCY}:none&ask=&ask", URGENT),
    "separators only": ("#answers=,,::,:&&&=", EMERGENCY),
    "encoded separators": (f"#answers={EMERGENCY}%3Anone%2C{URGENT}%3Anone", EMERGENCY),
    "unicode and quotes": ("#answers=é:ü,\"'<>:`${x}`", EMERGENCY),
    "javascript in the fragment": ("#javascript:alert(1)&answers=alert(2):x", EMERGENCY),
}


@pytest.mark.parametrize(("fragment", "expected"), CASES.values(), ids=CASES.keys())
def test_a_tampered_fragment_shows_the_longest_valid_part(
    page: Page, checker_url: str, incidents: list[str], fragment: str, expected: str
) -> None:
    node = shown_by(fragment)
    assert node == expected  # the plain reading above agrees with the case as written
    page.goto(checker_url + fragment)
    expect(page.locator(".checker__app .checker__title")).to_have_text(text_of(node))


@pytest.mark.parametrize(
    "fragment",
    [
        # Tens of thousands of answers, most of them nonsense, the real ones at the end.
        "#answers="
        + ",".join(f"q{n}:a{n}" for n in range(30_000))
        + f",{EMERGENCY}:none,{URGENT}:none",
        # One answer a megabyte long.
        f"#answers={EMERGENCY}:" + "n" * 1_000_000,
        # The same valid answer, again and again.
        "#answers=" + ",".join([f"{EMERGENCY}:none"] * 50_000),
    ],
    ids=["30,000 answers", "a megabyte-long answer", "one answer 50,000 times"],
)
def test_a_huge_fragment_is_read_quickly_and_safely(
    page: Page, checker_url: str, incidents: list[str], fragment: str
) -> None:
    page.goto(checker_url + fragment)
    expect(page.locator(".checker__app .checker__title")).to_have_text(
        text_of(shown_by(fragment)), timeout=3000
    )


def test_an_answer_edited_in_the_address_bar_redraws_the_view(
    page: Page, checker_url: str, incidents: list[str]
) -> None:
    page.goto(f"{checker_url}#answers={EMERGENCY}:none")
    title = page.locator(".checker__app .checker__title")
    expect(title).to_have_text(text_of(URGENT))
    page.evaluate(f"location.hash = 'answers={EMERGENCY}:nonsense'")
    expect(title).to_have_text(text_of(EMERGENCY))
    page.evaluate(f"location.hash = 'answers={EMERGENCY}:bladder_or_bowel'")
    expect(title).to_have_text(text_of("result_emergency_cauda_equina"))
    page.evaluate("location.hash = ''")
    expect(title).to_have_text(text_of(EMERGENCY))


def test_start_again_stays_on_this_site_whatever_the_address(
    page: Page, base_url: str, incidents: list[str]
) -> None:
    """A path that starts with // would make a link built from it point at another host."""
    host = base_url.removeprefix("http://").rstrip("/")
    page.goto(f"http://{host}//checker/index.html#answers={EMERGENCY}:bladder_or_bowel")
    again = page.get_by_role("link", name="Start again")
    assert page.evaluate("(link) => new URL(link.href).host", again.element_handle()) == host
    again.click()
    expect(page.locator(".checker__app .checker__title")).to_have_text(text_of(EMERGENCY))
    assert page.url.startswith(f"http://{host}/")
