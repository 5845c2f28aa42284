"""The checker in Chromium, with and without JavaScript. Uses the session's built site
(conftest: `base_url`, `site_dir`, `page`, `outside_requests`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe import axe_violations
from checker import graph
from guide_pages import cause_pages
from guide_pages import checker_flow as flow
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

EMERGENCY_NUMBERS = "999 in the UK, 112 in the EU, 911 in the US and Canada"


@pytest.fixture
def url(base_url: str, site_dir: Path) -> str:
    """The checker page's address (the site may be built with or without directory URLs)."""
    assert (site_dir / "checker" / "index.html").is_file()
    return f"{base_url}checker/index.html"


@pytest.fixture
def errors(page: Page) -> Iterator[list[str]]:
    """Script errors on the page; every test here ends with none."""
    seen: list[str] = []
    page.on("pageerror", lambda error: seen.append(str(error)))
    yield seen
    assert seen == []


def app(page: Page):
    return page.locator(".checker__app")


def title(page: Page):
    return page.locator(".checker__app .checker__title")


def answer(page: Page, qid: str, key: str) -> None:
    """Click the option `key` of question `qid`, found by its text as a reader would."""
    text = flow().questions[qid].option(key).text
    expect(title(page)).to_have_text(flow().questions[qid].text)
    exact = re.compile(rf"^{re.escape(text)}$")
    app(page).locator("a.checker__option").filter(has_text=exact).click()


def expect_result(page: Page, oid: str) -> None:
    expect(title(page)).to_have_text(f"Result: {flow().outcomes[oid].title}")
    expect(
        page.locator(f".checker__app .admonition.{flow().outcomes[oid].urgency}")
    ).to_be_visible()


def path_to(src: str) -> tuple[list[tuple[str, str]], str]:
    """The shortest path to an outcome whose first page is `src` (else any that links it)."""
    paths = sorted(graph.enumerate_paths(flow()), key=lambda path: len(path[0]))
    for answers, end in paths:
        if flow().outcomes[end].pages[0] == src:
            return answers, end
    return next((a, e) for a, e in paths if src in flow().outcomes[e].pages)


def path_ending(oid: str) -> list[tuple[str, str]]:
    """The shortest path's answers to the outcome `oid`."""
    return min((a for a, e in graph.enumerate_paths(flow()) if e == oid), key=len)


def stem(src: str) -> str:
    return src.removesuffix(".md")


def test_the_first_question_replaces_the_steps(page: Page, url: str, errors: list[str]) -> None:
    page.goto(url)
    expect(title(page)).to_have_text(flow().questions[flow().start].text)
    expect(page.locator(".checker__static")).to_be_hidden()
    expect(page.locator(".checker__app .checker__instruction")).to_have_text(
        "Choose the first one that applies to you."
    )
    options = app(page).locator("a.checker__option")
    expect(options).to_have_count(len(flow().questions[flow().start].options))
    assert page.evaluate("document.activeElement === document.body")  # no focus stolen on load


def test_the_emergency_path(page: Page, url: str, errors: list[str]) -> None:
    page.goto(url)
    answer(page, "any_emergency_signs", "bladder_or_bowel")
    expect_result(page, "result_emergency_cauda_equina")
    box = page.locator(".checker__app .admonition.emergency")
    expect(box).to_contain_text("Emergency: call your local emergency number")
    expect(box).to_contain_text(EMERGENCY_NUMBERS)
    expect(app(page)).to_contain_text("This is not a diagnosis.")
    expect(app(page).locator("dd")).to_contain_text(
        flow().questions["any_emergency_signs"].option("bladder_or_bowel").text
    )
    assert page.url.endswith("#answers=any_emergency_signs:bladder_or_bowel")
    assert page.evaluate("document.activeElement.classList.contains('checker__title')")
    expect(page.locator(".checker__live")).to_have_text(
        "Result: " + flow().outcomes["result_emergency_cauda_equina"].title
    )


@pytest.mark.parametrize("src", [page.src for page in cause_pages()])
def test_a_path_to_each_cause(page: Page, url: str, errors: list[str], src: str) -> None:
    answers, end = path_to(src)
    page.goto(url)
    for qid, key in answers:
        answer(page, qid, key)
    expect_result(page, end)
    links = app(page).locator(f'a[href^="../"][href*="{stem(src)}"]')
    expect(links.first).to_be_visible()
    expect(app(page).locator(".checker__answers dt")).to_have_count(len(answers))


def test_back_and_forward(page: Page, url: str, errors: list[str]) -> None:
    page.goto(url)
    answer(page, "any_emergency_signs", "none")
    answer(page, "any_urgent_signs", "none")
    expect(title(page)).to_have_text(flow().questions["about_you"].text)
    page.go_back()
    expect(title(page)).to_have_text(flow().questions["any_urgent_signs"].text)
    page.go_back()
    expect(title(page)).to_have_text(flow().questions["any_emergency_signs"].text)
    page.go_forward()
    expect(title(page)).to_have_text(flow().questions["any_urgent_signs"].text)


def test_changing_an_answer_keeps_the_later_answers_that_still_apply(
    page: Page, url: str, errors: list[str]
) -> None:
    end = "result_herniated_disc"
    answers = path_ending(end)
    page.goto(url)
    for qid, key in answers:
        answer(page, qid, key)
    expect_result(page, end)
    where = flow().questions["where_is_it"].text
    app(page).get_by_role("link", name=f"Change your answer to: {where}").click()
    expect(title(page)).to_have_text(where)
    current = app(page).locator('a.checker__option[aria-current="true"]')
    expect(current).to_have_text(flow().questions["where_is_it"].option("middle_or_across").text)
    # A new branch: its own question is asked, then the answers given before carry on.
    answer(page, "where_is_it", "band_around_side")
    answer(page, "rash_or_tingling_band", "neither")
    expect_result(page, end)
    expect(app(page).locator(".checker__answers dt")).to_have_count(len(answers) + 1)


def test_reload_and_a_shared_link_give_the_same_state(
    page: Page, url: str, browser: Browser, errors: list[str]
) -> None:
    answers, end = path_to("referred-pain/shingles.md")
    fragment = "#answers=" + ",".join(f"{q}:{k}" for q, k in answers)
    page.goto(url + fragment)
    expect_result(page, end)
    page.reload()
    expect_result(page, end)
    other = browser.new_context().new_page()
    other.goto(url + fragment)
    expect_result(other, end)
    other.context.close()


def test_keyboard_alone(page: Page, url: str, errors: list[str]) -> None:
    page.goto(url)

    def press_on(text: str) -> None:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == text:
                page.keyboard.press("Enter")
                return
        raise AssertionError(f"Tab never reached {text!r}")

    answers, end = path_to("inflammation/muscle-strain.md")
    for qid, key in answers:
        expect(title(page)).to_have_text(flow().questions[qid].text)
        press_on(flow().questions[qid].option(key).text)
        assert page.evaluate("document.activeElement.tagName") == "H2"  # focus on the new step
    expect_result(page, end)
    press_on("Start again")
    expect(title(page)).to_have_text(flow().questions[flow().start].text)


def test_nothing_is_sent_or_stored(
    page: Page, url: str, outside_requests: list[str], errors: list[str]
) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    before = page.evaluate("[document.cookie, {...localStorage}, {...sessionStorage}]")
    answers, end = path_to("referred-pain/kidney-stones.md")
    for qid, key in answers:
        answer(page, qid, key)
    expect_result(page, end)
    app(page).get_by_role("link", name=re.compile("^Change your answer to")).first.click()
    page.go_back()
    expect_result(page, end)
    # The browser may fetch the favicon late: that is not the page's doing.
    assert [r for r in requests if not re.search(r"/favicon\.\w+$", r)] == []
    assert page.evaluate("[document.cookie, {...localStorage}, {...sessionStorage}]") == before
    assert outside_requests == []


def test_without_javascript_following_links_reaches_an_outcome(browser: Browser, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    expect(page.locator(".checker__static")).to_be_visible()
    answers, end = path_to("nerves/spinal-stenosis.md")
    for qid, key in answers:
        section = page.locator(f'section[data-node="{qid}"]')
        text = flow().questions[qid].option(key).text
        section.locator("a.checker__option", has_text=text).click()
        assert page.url.endswith(f"#checker-{flow().questions[qid].option(key).next}")
    result = page.locator(f'section[data-node="{end}"]')
    expect(result.locator("h2")).to_contain_text(f"Step {flow().steps[end]}. Result:")
    expect(result.locator(f".admonition.{flow().outcomes[end].urgency}")).to_be_visible()
    expect(result.locator('a[href^="../"][href*="spinal-stenosis"]')).to_be_visible()
    context.close()


def test_if_the_script_fails_the_steps_still_work(page: Page, url: str) -> None:
    page.route("**/checker.js", lambda route: route.abort())
    page.goto(url)
    expect(page.locator(".checker__static")).to_be_visible()
    page.locator('section[data-node="any_emergency_signs"] a.checker__option').first.click()
    assert page.url.endswith("#checker-result_emergency_cauda_equina")


def test_if_the_data_is_broken_the_steps_stay(page: Page, url: str) -> None:
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " const data = document.querySelector('.checker__data');"
        " if (data) data.textContent = '{broken'; });"
    )
    page.goto(url)
    expect(page.locator(".checker__static")).to_be_visible()
    expect(page.locator(".checker__app")).to_have_count(0)


@pytest.mark.parametrize(
    ("fragment", "shown"),
    [
        ("#answers=nonsense", "any_emergency_signs"),
        (
            "#answers=any_emergency_signs:none,any_urgent_signs:gone,where_is_it:band_around_side",
            "any_urgent_signs",
        ),
        ("#answers=any_emergency_signs:none:x,,:,__proto__:x&ask=&&", "any_emergency_signs"),
        ("#%E0%A4%A<script>alert(1)</script>", "any_emergency_signs"),
        ("#checker-no_such_step", "any_emergency_signs"),
        ("#checker-down_a_leg", "down_a_leg"),  # as the flowchart links to a step
    ],
)
def test_an_edited_or_stale_fragment_shows_the_longest_valid_part(
    page: Page, url: str, errors: list[str], fragment: str, shown: str
) -> None:
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.goto(url + fragment)
    expect(title(page)).to_have_text(flow().questions[shown].text)


def test_print_this_result_prints_the_result_and_the_answers(
    page: Page, url: str, errors: list[str]
) -> None:
    answers, end = path_to("referred-pain/kidney-infection.md")
    page.goto(url + "#answers=" + ",".join(f"{q}:{k}" for q, k in answers))
    expect_result(page, end)
    expect(app(page).get_by_role("button", name="Print this result")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".checker__static")).to_be_hidden()
    expect(app(page).locator(".checker__answers")).to_be_visible()
    expect(app(page).locator(".checker__change").first).to_be_hidden()
    expect(app(page).locator(".checker__actions")).to_be_hidden()
    expect(page.locator(".md-content__inner > p").first).to_be_hidden()  # the page's intro
    page.goto(url)
    expect(page.locator(".checker__static")).to_be_visible()  # at a question: every step


def test_it_mounts_once_when_material_swaps_the_page(
    page: Page, url: str, errors: list[str]
) -> None:
    page.goto(url)
    expect(title(page)).to_be_visible()
    page.evaluate("document$.next(document)")
    expect(page.locator(".checker__app")).to_have_count(1)
    answer(page, "any_emergency_signs", "none")
    expect(title(page)).to_have_text(flow().questions["any_urgent_signs"].text)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "state",
    ["first question", "a later question", *sorted({o.urgency for o in flow().outcomes.values()})],
)
def test_no_axe_violation_in_any_state(page: Page, url: str, scheme: str, state: str) -> None:
    """The shared accessibility test sees the first question only; here: every kind of view."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme=scheme)
    answers: list[tuple[str, str]] = []
    if state == "a later question":
        answers = path_ending("result_herniated_disc")[:4]
    elif state != "first question":
        end = next(oid for oid, o in flow().outcomes.items() if o.urgency == state)
        answers = path_ending(end)
    page.goto(url + "#answers=" + ",".join(f"{q}:{k}" for q, k in answers))
    expect(title(page)).to_be_visible()
    assert axe_violations(page) == []


# The screens and results that ask the red flags of NHS and NICE lists (issue 12).
NEW_SCREENS = ["about_you", "fever_and_peeing", "strain_needs_a_gp"]
NEW_RESULTS = [
    "result_emergency_injury",
    "result_emergency_chest_pain",
    "result_emergency_very_unwell",
    "result_emergency_blocked_kidney",
    "result_urgent_cancer",
]


def path_asking(qid: str) -> list[tuple[str, str]]:
    """The shortest path's answers up to the question `qid`."""
    for answers, _ in sorted(graph.enumerate_paths(flow()), key=lambda path: len(path[0])):
        asked = [q for q, _ in answers]
        if qid in asked:
            return answers[: asked.index(qid)]
    raise AssertionError(f"no path asks {qid}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("node", NEW_SCREENS + NEW_RESULTS)
def test_the_new_screens_and_results_at_phone_width(
    page: Page, url: str, scheme: str, node: str, errors: list[str]
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme=scheme)
    answers = path_asking(node) if node in flow().questions else path_ending(node)
    page.goto(url + "#answers=" + ",".join(f"{q}:{k}" for q, k in answers))
    if node in flow().questions:
        expect(title(page)).to_have_text(flow().questions[node].text)
        options = app(page).locator("a.checker__option")
        expect(options).to_have_count(len(flow().questions[node].options))
    else:
        expect_result(page, node)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []


@pytest.mark.parametrize("end", NEW_RESULTS)
def test_the_new_results_by_keyboard_and_without_javascript(
    page: Page, browser: Browser, url: str, end: str, errors: list[str]
) -> None:
    answers = path_ending(end)
    page.goto(url)
    for qid, key in answers:
        expect(title(page)).to_have_text(flow().questions[qid].text)
        option = (
            app(page)
            .locator("a.checker__option")
            .filter(has_text=re.compile(rf"^{re.escape(flow().questions[qid].option(key).text)}$"))
        )
        option.focus()
        page.keyboard.press("Enter")
    expect_result(page, end)
    context = browser.new_context(java_script_enabled=False)
    static = context.new_page()
    static.goto(url)
    for qid, key in answers:
        section = static.locator(f'section[data-node="{qid}"]')
        text = flow().questions[qid].option(key).text
        section.locator("a.checker__option", has_text=text).click()
    result = static.locator(f'section[data-node="{end}"]')
    expect(result.locator(f".admonition.{flow().outcomes[end].urgency}")).to_be_visible()
    context.close()
