"""The markup: complete without JavaScript, every link landing, every text from the YAML
shown as text (never markup), and the data for the script safe inside its <script>."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import checker
import pytest
from checker import render
from checker.pages import page_title, relative_link
from checker_helpers import DOCS, FIXTURE_DOCS, FLOW, VALID, load_valid, replace, run_cli

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "</script><script>alert(3)</script>",
    "[click](javascript:alert(4)) **bold** {{ config }} {% raw %}",
    '--8<-- "../../mkdocs.yml"',
    "مرحبا بالعالم 🔥 " + "W" * 300,
    "a & b < c > d ' e \"",
]


class _Parsed(HTMLParser):
    """Ids, links, script bodies and the text of an HTML fragment."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])  # type: ignore[arg-type]
        if tag == "a":
            self.hrefs.append(attributes.get("href") or "")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


@pytest.fixture(scope="module")
def real() -> render.Rendered:
    return render.render(checker.load(FLOW, docs_dir=DOCS))


def test_every_step_link_lands_on_a_step_of_the_page(real: render.Rendered) -> None:
    parsed = _Parsed(real.checker)
    local = [href[1:] for href in parsed.hrefs if href.startswith("#")]
    assert local and set(local) <= set(parsed.ids)
    assert len(parsed.ids) == len(set(parsed.ids)), "ids must be unique"
    assert set(parsed.ids) == real.anchors["checker"]


def test_steps_are_numbered_and_each_answer_says_where_to_go() -> None:
    flow = checker.load(FLOW, docs_dir=DOCS)
    html = render.render(flow).checker
    numbers = [int(n) for n in re.findall(r'class="checker__number">Step (\d+)\.', html)]
    assert numbers == list(range(1, len(flow.questions) + len(flow.outcomes) + 1))
    for question in flow.questions.values():
        for option in question.options:
            expected = (
                f'href="#checker-{option.next}">{render.esc(option.text)} '
                f'<span class="checker__goto">Go to step {flow.steps[option.next]}</span>'
            )
            assert expected in html


def test_every_outcome_has_its_care_level_box_and_says_it_is_not_a_diagnosis() -> None:
    flow = checker.load(FLOW, docs_dir=DOCS)
    html = render.render(flow).checker
    for outcome in flow.outcomes.values():
        start = html.index(f'data-node="{outcome.id}"')
        section = html[start : html.index("</section>", start)]
        care = flow.care_levels[outcome.urgency]
        assert f'<div class="admonition {outcome.urgency}">' in section
        assert f'<h3 class="admonition-title">{render.esc(care.title)}</h3>' in section
        assert render.NOT_A_DIAGNOSIS in section
        for page in outcome.pages:
            assert f'href="{relative_link(page)}"' in section


def test_a_source_link_is_named_with_its_publisher_unlike_our_page_of_that_title() -> None:
    flow = checker.load(FLOW, docs_dir=DOCS)
    html = render.render(flow).checker
    start = html.index('data-node="result_kidney_stones"')
    section = html[start : html.index("</section>", start)]
    names = re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)
    assert ("../referred-pain/kidney-stones/", "Kidney stones") in names
    assert ("https://www.nhs.uk/conditions/kidney-stones/", "Kidney stones, NHS") in names
    assert len({name for _, name in names}) == len({href for href, _ in names})


def test_the_embedded_data_is_the_flow_and_cannot_end_its_script(real: render.Rendered) -> None:
    [body] = _Parsed(real.checker).scripts
    assert json.loads(body) == real.data
    assert not re.search(r"[<>&]", body)


def test_hostile_text_is_shown_as_text_everywhere() -> None:
    text = VALID.read_text(encoding="utf-8")
    places = [
        "text: Do you have any of these signs?",
        "text: An emergency sign",
        "title: Get emergency help",
        "may_be: Something that needs help now.",
        "why: You chose an emergency sign.",
        "hint: Count from the day it started.",
        "do_now: [Keep moving.]",
    ]
    for old, new in zip(places, HOSTILE, strict=True):
        key, value = old.split(":", 1)[0], json.dumps(new, ensure_ascii=False)
        text = replace(old, f"{key}: [{value}]" if key == "do_now" else f"{key}: {value}", text)
    rendered = render.render(load_valid(text))
    for fragment, scripts in ((rendered.checker, 1), (rendered.outline, 0)):
        parsed = _Parsed(fragment)
        assert "img" not in parsed.tags
        assert parsed.tags.count("script") == scripts
        assert not any(href.startswith("javascript") for href in parsed.hrefs)
        shown = "".join(parsed.text)
        for hostile in HOSTILE:
            assert " ".join(hostile.split()) in shown
    [body] = _Parsed(rendered.checker).scripts
    data = json.loads(body)
    assert data["questions"]["any_emergency_signs"]["text"] == HOSTILE[0]
    assert data["outcomes"]["result_emergency"]["title"] == HOSTILE[2]


def test_no_line_of_the_html_starts_with_anything_but_a_tag(real: render.Rendered) -> None:
    """Markdown preprocessors (snippets, fences) act on lines; ours all start with `<`."""
    for fragment in (real.checker, real.outline, real.sources):
        assert all(line.startswith("<") for line in fragment.splitlines())


def test_the_outline_lists_every_step_answer_and_source(real: render.Rendered) -> None:
    flow = checker.load(FLOW, docs_dir=DOCS)
    outline = _Parsed(real.outline)
    assert set(outline.ids) == real.anchors["outline"]
    assert {href[1:] for href in outline.hrefs if href.startswith("#")} <= set(outline.ids)
    shown = "".join(outline.text)
    for question in flow.questions.values():
        for option in question.options:
            assert f"“{option.text}”" in shown
    for source in flow.sources.values():
        assert source.title in "".join(_Parsed(real.sources).text)


def test_links_between_pages_are_relative_like_mkdocs_writes_them() -> None:
    assert relative_link("nerves/herniated-disc.md") == "../nerves/herniated-disc/"
    assert relative_link("when-to-get-help.md") == "../when-to-get-help/"
    assert relative_link("index.md") == "../"
    assert relative_link("checker/how-it-works.md") == "how-it-works/"
    assert relative_link("compare.md", "checker/how-it-works.md") == "../../compare/"


def test_page_titles_come_from_front_matter_or_the_heading() -> None:
    assert page_title(FIXTURE_DOCS, "compare.md") == "Compare the sensations"
    assert page_title(FIXTURE_DOCS, "when-to-get-help.md") == "When to get help"
    assert page_title(None, "nerves/spinal-stenosis.md") == "Spinal stenosis"


def test_render_writes_its_files_and_replaces_the_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.txt").write_text("old", encoding="utf-8")
    result = run_cli("render", "docs/checker/flow.yaml", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "checker.html",
        "flow.json",
        "how-it-works.html",
        "sources.html",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert json.loads((out / "flow.json").read_text(encoding="utf-8"))["start"]
