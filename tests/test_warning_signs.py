"""Warning signs from one source: every care-level box of the site is rendered from the
catalogue, no sign is shown at two levels, and a box written by hand stops the build."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import mini_site
import pytest
from checker.render import EMERGENCY_SIGNS
from guide import warning_signs
from guide.markers import Context, FillError, Marker
from guide_pages import DOCS, all_pages, cause_pages, checker_flow, read

LEVELS = ("emergency", "urgent", "gp")
_BOX = re.compile(
    r'<div class="admonition (?P<level>emergency|urgent|gp|self-care)">(?P<body>.*?)</div>', re.S
)
_ITEM = re.compile(r"<li>(?P<item>.*?)</li>", re.S)


def context(page: str = "nerves/x.md", pages: dict[str, str] | None = None) -> Context:
    return Context(page, DOCS, lambda src: src.replace(".md", ".html"), pages or {}, checker_flow())


def fill(*args: str, page: str = "nerves/x.md") -> str:
    return warning_signs.fill(Marker("warning-signs", args, 1), context(page))


def test_each_sign_lands_in_the_box_of_its_own_level_most_urgent_first() -> None:
    boxes = fill("numb_leg", "not_getting_better", "bladder_or_bowel")
    heads = re.findall(r'^!!! (\S+) "(.*)"$', boxes, re.M)
    flow = checker_flow()
    titles = [warning_signs.escape(flow.care_levels[level].title) for level in LEVELS]
    assert heads == list(zip(LEVELS, titles, strict=True))
    emergency, urgent, gp = boxes.split("\n\n!!! ")
    assert "You cannot pee, it is hard to start peeing" in emergency
    assert "Numbness or tingling in a leg or foot" in urgent
    assert "not started to get better" in gp
    # Links go to the pages about the sign, as Markdown paths from this page.
    assert "sign of [cauda equina syndrome](cauda-equina-syndrome.md)." in emergency
    assert "See [Spinal stenosis](spinal-stenosis.md)." in fill("legs_weaker")


def test_a_page_does_not_link_to_itself() -> None:
    boxes = fill("bladder_or_bowel", page="nerves/cauda-equina-syndrome.md")
    assert "This can be a sign of cauda equina syndrome.\n" in boxes + "\n"
    assert "](cauda-equina-syndrome.md)" not in boxes


def test_all_shows_every_sign_once() -> None:
    boxes = fill("all", page="when-to-get-help.md")
    for sign in checker_flow().signs.values():
        assert boxes.count(warning_signs.escape(sign.words)) == 1, sign.id


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name the signs to show, or `all`"),
        (("numb_legs",), "unknown sign 'numb_legs'"),
        (("fever", "fever"), "a sign is listed twice"),
    ],
)
def test_a_wrong_list_of_signs_is_one_line(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(FillError, match=re.escape(message)):
        fill(*args)


def test_catalogue_text_is_shown_as_written() -> None:
    assert warning_signs.escape('a *b* [c](d) <e> & `f` "g" :smile:') == (
        r"a \*b\* \[c\]\(d\) &lt;e&gt; &amp; \`f\` &quot;g&quot; &#58;smile&#58;"
    )


def test_the_usual_level_of_a_page_comes_from_its_front_matter() -> None:
    pages = {"nerves/a.md": "---\ntitle: A\nurgency: urgent\n---\n# A\n", "b.md": "# B\n"}
    ctx = context(pages=pages)
    level = warning_signs.fill_care_level(Marker("care-level", ("nerves/a.md",), 1), ctx)
    assert level == warning_signs.escape(checker_flow().care_levels["urgent"].title)
    with pytest.raises(FillError, match=re.escape("'b.md' has no `urgency:`")):
        warning_signs.fill_care_level(Marker("care-level", ("b.md",), 1), ctx)


def test_the_sources_of_the_signs_shown_join_the_pages_sources() -> None:
    page = (
        "# X\n\n<!-- fill: warning-signs fever -->\n\n## Sources\n\n"
        "- [Back pain](https://www.nhs.uk/conditions/back-pain/) — NHS\n"
    )
    listed = warning_signs.fill_sources(
        Marker("sign-sources", (), 1), context(pages={"nerves/x.md": page})
    )
    flow = checker_flow()
    expected = [flow.sources[key] for key in flow.signs["fever"].sources if flow.sources[key].url]
    assert "(https://www.nhs.uk/conditions/back-pain/)" not in listed  # the page lists it
    for source in expected:
        if source.url != "https://www.nhs.uk/conditions/back-pain/":
            assert f"]({source.url}) — " in listed


@pytest.mark.parametrize(
    "box",
    [
        '!!! emergency "Call 999"',
        '??? urgent "Today"',
        '???+ gp "GP"',
        '<div class="admonition self-care">',
    ],
)
def test_a_care_level_box_written_by_hand_is_refused_with_its_line(box: str) -> None:
    with pytest.raises(FillError) as error:
        warning_signs.refuse_hand_written(f"# Page\n\nText.\n\n{box}\n    Words.\n", "a.md", 3)
    assert str(error.value).startswith("a.md:7: a care-level box is written by hand")


def test_other_boxes_are_left_alone() -> None:
    warning_signs.refuse_hand_written('!!! note "Note"\n    A note.\n\n!!! tip\n', "a.md")


def test_a_box_written_by_hand_stops_the_build(tmp_path: Path) -> None:
    page = '---\ntitle: Notes\n---\n# Notes\n\n!!! urgent "Urgent"\n    Call today.\n'
    project = mini_site.make(tmp_path, {"notes.md": page})
    result = mini_site.build(project)
    assert result.returncode == 1
    assert "ERROR   -  notes.md:6: a care-level box is written by hand" in result.stderr
    assert "Traceback" not in result.stderr


# --- The built site ---------------------------------------------------------------------------


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _boxes(site_dir: Path) -> list[tuple[str, str, str]]:
    """(page, level, first sentence of each list item) of every care box of the site."""
    found = []
    for page in all_pages():
        built = page.built(site_dir)
        article = built[built.index("<article") : built.index("</article>")]
        for box in _BOX.finditer(article):
            for item in _ITEM.finditer(box["body"]):
                found.append((page.src, box["level"], _text(item["item"])))
    return found


@pytest.mark.site
def test_every_care_box_item_is_a_sign_of_the_catalogue_at_its_level(site_dir: Path) -> None:
    signs = {warning_signs.escape(s.words): s for s in checker_flow().signs.values()}
    words = {_text(html.unescape(w).replace("\\", "")): s for w, s in signs.items()}
    boxes = _boxes(site_dir)
    assert len(boxes) > 50
    for page, level, item in boxes:
        sign = next((s for w, s in words.items() if item.startswith(w)), None)
        assert sign is not None, f"{page}: a {level} box lists {item!r}, which is not a sign"
        assert sign.level == level, f"{page}: {sign.id} is {sign.level}, shown as {level}"


@pytest.mark.site
def test_no_sign_appears_at_two_levels_anywhere_on_the_site(site_dir: Path) -> None:
    levels: dict[str, set[str]] = defaultdict(set)
    for _, level, item in _boxes(site_dir):
        levels[item.split(".")[0]].add(level)
    flow = checker_flow()
    for question in flow.questions.values():
        for option in question.options:
            if option.sign:
                levels[option.text.split(".")[0]].add(flow.signs[option.sign].level)
    assert {item: found for item, found in levels.items() if len(found) > 1} == {}


def test_every_cause_page_and_help_page_shows_signs_from_the_catalogue() -> None:
    for page in [*cause_pages(), read("when-to-get-help.md"), read("index.md")]:
        assert "<!-- fill: warning-signs " in page.body, page.src


@pytest.mark.site
def test_every_result_calmer_than_emergency_names_the_emergency_signs(site_dir: Path) -> None:
    built = read("checker/index.md").built(site_dir)
    flow = checker_flow()
    shorts = "; ".join(s.short for s in flow.signs.values() if s.level == "emergency")
    for oid, outcome in flow.outcomes.items():
        section = built[built.index(f'data-node="{oid}"') :]
        section = section[: section.index("</section>")]
        line = f"{EMERGENCY_SIGNS}</strong> {html.escape(shorts)}."
        assert (line in section) == (outcome.urgency != "emergency"), oid


def test_the_care_line_gives_the_usual_level_and_the_first_sign_of_each_sooner_level() -> None:
    page = (
        "---\ntitle: X\nurgency: gp\n---\n# X\n\nSummary.\n\n<!-- fill: care-line -->\n\n"
        "## When to get help\n\n<!-- fill: warning-signs numb_leg bladder_or_bowel fever "
        "both_legs not_getting_better -->\n"
    )
    line = warning_signs.fill_care_line(
        Marker("care-line", (), 9), context(pages={"nerves/x.md": page})
    )
    flow = checker_flow()
    usually = warning_signs.escape(flow.care_levels["gp"].title)
    assert line.startswith(f"**Usually:** {usually}. **Sooner if:** ")
    # The first sign of each more urgent level, in the order the page lists them.
    assert f"{flow.signs['bladder_or_bowel'].short} (call your local emergency number)" in line
    assert f"{flow.signs['numb_leg'].short} (get advice today)" in line
    assert flow.signs["both_legs"].short not in line and flow.signs["fever"].short not in line
    assert "[Warning signs on this page](#when-to-get-help)" in line
    assert "[Check your symptoms](../checker/index.md)" in line
    assert line.endswith("{ .care-line .care-line--gp }")


def test_every_cause_page_has_its_care_line() -> None:
    for page in cause_pages():
        body = page.body
        assert "<!-- fill: care-line -->" in body[: body.index("## What it feels like")], page.src
