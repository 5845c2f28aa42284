"""The flowchart (scripts/checker/draw.py): drawn by Graphviz's dot from the checked flow, a
box for every step and an arrow for every answer, in layers with the red-flag screens on top,
the same bytes for the same flow, and text that stays text."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from checker import draw, graph
from checker.model import Flow
from checker_helpers import ROOT, run_cli, tiny_flow
from guide_pages import checker_flow

SVG = "{http://www.w3.org/2000/svg}"
GOLDEN = Path(__file__).resolve().parent / "flowchart.golden.svg"


def parsed(svg: str) -> ET.Element:
    """The SVG as XML: parsing it also proves it is well formed."""
    return ET.fromstring(svg)


def boxes(root: ET.Element) -> list[ET.Element]:
    return [a for a in root.iter(f"{SVG}a") if "checker-flowchart__box" in a.get("class", "")]


def test_a_box_for_every_step_and_an_arrow_for_every_answer() -> None:
    flow = checker_flow()
    root = parsed(draw.draw(flow, lambda node: f"#{node}"))
    assert sorted(a.get("href") for a in boxes(root)) == sorted(f"#{n}" for n in flow.steps)
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("class") == "checker-flowchart__arrow"]
    heads = [p for p in root.iter(f"{SVG}path") if p.get("class") == "checker-flowchart__arrowhead"]
    answers = sum(len(q.options) for q in flow.questions.values())
    assert len(arrows) == len(heads) == answers
    layout = draw.lay_out(flow)
    assert sorted((a.question, a.option.key) for a in layout.arrows) == sorted(
        (q.id, o.key) for q in flow.questions.values() for o in q.options
    )


def test_the_red_flag_screens_sit_above_every_cause_question() -> None:
    """A cause question is one reached without a red-flag answer: every one sits below the
    lowest screen. (A question that follows a red flag, such as the fever's, may not.)"""
    flow = checker_flow()
    layout = draw.lay_out(flow)
    calm = _reached_without_red_flags(flow)
    screens = [b for b in layout.boxes if b.node_id in flow.questions and _screen(flow, b)]
    causes = [b for b in layout.boxes if b.node_id in calm and not _screen(flow, b)]
    assert len(screens) == sum(q.red_flags for q in flow.questions.values()) >= 2
    assert len(causes) >= 10
    lowest_screen = max(b.y + b.height for b in screens)
    assert all(lowest_screen < cause.y for cause in causes)


def _reached_without_red_flags(flow: Flow) -> set[str]:
    seen, todo = {flow.start}, [flow.start]
    while todo:
        question = flow.questions.get(todo.pop())
        for option in question.options if question else ():
            if (
                option.red_flag is None
                and option.next in flow.questions
                and option.next not in seen
            ):
                seen.add(option.next)
                todo.append(option.next)
    return seen


def _screen(flow: Flow, box: draw.Box) -> bool:
    return flow.questions[box.node_id].red_flags


def test_boxes_come_in_reading_order_for_the_keyboard() -> None:
    layout = draw.lay_out(checker_flow())
    centres = [(round(b.y + b.height / 2), b.x) for b in layout.boxes]
    assert centres == sorted(centres)


def test_the_same_flow_gives_the_same_bytes() -> None:
    flow = checker_flow()
    first = draw.draw(flow)
    draw._run_dot.cache_clear()  # a second layout by dot, not the one kept
    assert draw.draw(flow) == first


def test_the_flowchart_matches_its_reviewed_copy() -> None:
    """A change to the flow shows as a diff of flowchart.golden.svg (`make golden` rewrites
    it). Its first line names the version of dot that drew it: another may lay out otherwise."""
    golden = GOLDEN.read_text(encoding="utf-8")
    drawn = draw.draw(checker_flow()) + "\n"
    if golden.partition("\n")[0] != drawn.partition("\n")[0]:
        pytest.skip(f"drawn here by another version of dot than {golden.partition(chr(10))[0]}")
    assert drawn == golden, "the flowchart changed: run `make golden` and review the diff"


def test_each_box_says_its_step_and_kind_and_a_result_its_care_level_in_words() -> None:
    flow = checker_flow()
    svg = draw.draw(flow)
    for node_id, step in flow.steps.items():
        if node_id in flow.questions:
            kind = "red-flag check" if flow.questions[node_id].red_flags else "question"
            assert f">Step {step}, {kind}</tspan>" in svg
        else:
            outcome = flow.outcomes[node_id]
            care = draw.care_words(flow, outcome.urgency)
            assert f'class="checker-flowchart__care">{care}</tspan>' in svg
            assert f"checker-flowchart__box--{outcome.urgency}" in svg


def test_the_care_colours_are_the_sites_own() -> None:
    """The SVG on its own carries the light palette of the care boxes in extra.css."""
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    light = css[: css.index("slate")]
    for level, colour in draw.CARE_COLOURS.items():
        assert f"--care-{level}: {colour};" in light


def test_a_box_is_named_with_its_words_and_where_every_answer_leads() -> None:
    flow = checker_flow()
    root = parsed(draw.draw(flow))
    names = {a.get("href").split("#checker-")[1]: a.get("aria-label") for a in boxes(root)}
    screen = names["any_urgent_signs"]
    assert screen.startswith("Step 2, red-flag check. Do you have any of these other signs?")
    for option in flow.questions["any_urgent_signs"].options:
        target = flow.steps[option.next]
        assert f"“{option.text}” leads to step {target}" in screen
    step = flow.steps["result_kidney_stones"]
    title = flow.outcomes["result_kidney_stones"].title
    care = flow.care_levels["urgent"].title
    assert names["result_kidney_stones"] == f"Step {step}, result. Urgent. {title}. {care}."


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Yes", ("Yes",)),
        ("Night sweats", ("Night sweats",)),
        ("Weight loss you cannot explain", ("Weight loss you", "cannot explain")),
        (
            "New weakness, numbness, tingling or pain in both legs",
            ("New weakness,", "numbness, tingling", "or pain in both…"),
        ),
        ("A" * 60, ("A" * 18, "A" * 18, "A" * 17 + "…")),  # no word break: cut in the word
    ],
)
def test_an_arrow_shows_its_answer_whole_or_cut_at_a_word(text: str, label: tuple) -> None:
    assert draw.short_label(text) == label
    assert all(len(line) <= draw.LABEL_CHARS for line in label)


def test_text_from_the_flow_stays_text() -> None:
    hostile = '<script>alert("x")</script> & <a href="https://example.org">'
    flow = tiny_flow(
        {"q1": [("yes", "result_a", None), ("no", "result_b", None)]},
        {"result_a": "gp", "result_b": "self-care"},
    )
    question = flow.questions["q1"]
    options = tuple(dataclasses.replace(o, text=hostile) for o in question.options)
    flow.questions["q1"] = dataclasses.replace(question, text=hostile, options=options)
    flow = dataclasses.replace(flow, title=hostile)
    flow = dataclasses.replace(flow, steps=graph.number_steps(flow))
    svg = draw.draw(flow)
    root = parsed(svg)
    assert "<script" not in svg and 'href="https' not in svg
    assert [el.tag for el in root.iter() if el.tag.endswith(("script", "foreignObject"))] == []
    words = "".join(root.itertext())
    assert "<script>alert" in words  # shown as written, as text
    assert all(a.get("href", "").startswith("../#checker-") for a in boxes(root))
    assert not re.search(r"\burl\(|xlink:|@import", svg)


def test_print_parts_hold_every_box_whole_and_fit_a_landscape_page() -> None:
    layout = draw.lay_out(checker_flow())
    windows = draw.print_windows(layout)
    most_x, most_y = (size / draw.PRINT_SCALE for size in draw.PRINT_AREA)
    assert all(width <= most_x and height <= most_y for _, _, width, height in windows)
    for box in layout.boxes:
        assert any(
            x <= box.x and box.x + box.width <= x + width
            if y <= box.y and box.y + box.height <= y + height
            else False
            for x, y, width, height in windows
        ), box.node_id
    # 11 px labels and 12 px box text, printed at PRINT_SCALE, in points.
    assert min(draw.LABEL_FONT, draw.FONT) * draw.PRINT_SCALE * 0.75 >= 7


def test_each_printed_part_carries_only_the_boxes_it_shows_whole() -> None:
    """The figure brings its parts for paper; each holds its own boxes, whole, and the
    arrows from or to them, never the whole drawing clipped."""
    flow = checker_flow()
    layout = draw.lay_out(flow)
    parts = _printed_parts(flow, layout)
    windows = draw.print_windows(layout)
    assert len(parts) == len(windows) >= 2
    where = {box.node_id: box for box in layout.boxes}
    shown = set()
    for root, window in zip(parts, windows, strict=True):
        assert root.get("viewBox") == " ".join(f"{v:g}" for v in window)
        for box in (where[a.get("href").removeprefix("#checker-")] for a in boxes(root)):
            assert draw.inside(window, box.x, box.y, box.width, box.height), box.node_id
            shown.add(box.node_id)
        assert len(_arrows(root)) < len(layout.arrows)
    assert shown == set(flow.steps)


def test_an_arrow_that_leaves_a_part_names_the_step_and_part_it_goes_to() -> None:
    flow = checker_flow()
    layout = draw.lay_out(flow)
    by_path = {arrow.path: arrow for arrow in layout.arrows}
    parts = _printed_parts(flow, layout)
    holding = [{a.get("href").removeprefix("#checker-") for a in boxes(root)} for root in parts]
    marked = 0
    for root, nodes in zip(parts, holding, strict=True):
        marks = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if _is_mark(t)]
        expected = []
        for arrow in (by_path[d] for d in _arrows(root)):
            for node, way in ((arrow.option.next, "to"), (arrow.question, "from")):
                if node not in nodes:
                    home = next(n for n, held in enumerate(holding, start=1) if node in held)
                    expected.append(f"{way} step {flow.steps[node]}, part {home}")
        assert set(marks) == set(expected)  # arrows leaving together may share a mark
        marked += len(marks)
    assert marked > 0


def test_a_mark_never_covers_a_box_an_answer_s_words_or_another_mark() -> None:
    """On paper, words printed over other words make both unreadable."""
    flow = checker_flow()
    for part in draw.print_parts(flow, draw.lay_out(flow)):
        boxes_and_words = [(b.x, b.y, b.width, b.height) for b in part.boxes] + [
            draw.label_rect(a) for a in part.arrows if a.label
        ]
        marks = [draw.mark_rect(mark) for mark in part.marks]
        for index, (x, y, width, height) in enumerate(marks):
            covered = [
                other
                for other in [*boxes_and_words, *marks[:index]]
                if x < other[0] + other[2] and other[0] < x + width
                and y < other[1] + other[3] and other[1] < y + height
            ]  # fmt: skip
            assert covered == [], (part.number, part.marks[index].words, covered)


def test_every_answer_s_words_print_whole_and_never_cut() -> None:
    """Where a part would cut an answer's words they are moved in beside their arrow, or
    left out; every answer's words are whole in some part that draws its arrow."""
    flow = checker_flow()
    layout = draw.lay_out(flow)
    printed = set()
    for part in draw.print_parts(flow, layout):
        for arrow in (a for a in part.arrows if a.label):
            assert draw.inside(part.window, *draw.label_rect(arrow)), arrow.option.next
            printed.add((arrow.question, arrow.option.key))
    assert printed == {(a.question, a.option.key) for a in layout.arrows}


def _printed_parts(flow: Flow, layout: draw.Layout) -> list[ET.Element]:
    figure = draw.figure(flow, layout, lambda node: f"#checker-{node}")
    parts = re.findall(
        r'<div class="checker-flowchart__part">.*?(<svg .*?</svg>)</div>', figure, re.S
    )
    return [parsed(part) for part in parts]


def _arrows(root: ET.Element) -> list[str]:
    return [
        p.get("d") for p in root.iter(f"{SVG}path") if p.get("class") == "checker-flowchart__arrow"
    ]


def _is_mark(text: ET.Element) -> bool:
    return text.get("class") == "checker-flowchart__mark"


def test_the_command_line_draws_the_flow(tmp_path: Path) -> None:
    out = tmp_path / "flowchart.svg"
    result = run_cli("draw", "docs/checker/flow.yaml", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == draw.draw(checker_flow()) + "\n"


def test_the_command_line_writes_nothing_for_a_broken_flow(tmp_path: Path) -> None:
    out = tmp_path / "flowchart.svg"
    result = run_cli("draw", "tests/checker/fixtures/broken/cycle.yaml", str(out), "--no-pages")
    assert result.returncode == 1
    assert re.match(r"tests/checker/fixtures/broken/cycle\.yaml:\d+: ", result.stderr)
    assert list(tmp_path.iterdir()) == []


def test_without_graphviz_one_line_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` there
    out = tmp_path / "flowchart.svg"
    result = run_cli("draw", "docs/checker/flow.yaml", str(out))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "docs/checker/flow.yaml: Graphviz's `dot` is not installed: "
        "`apt-get install graphviz` (make does it)"
    ]
    assert not out.exists()
