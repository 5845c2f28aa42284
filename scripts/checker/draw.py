"""The checker as a flowchart: an SVG drawn at build time from the checked flow.

Graphviz's `dot` lays the boxes out in layers, top to bottom. Every path passes both red-flag
screens first (the proofs hold it), so they are the top layers. This module decides each box's
size, asks `dot` where boxes and arrows go, and writes the SVG itself: text escaped, no script,
no external reference. The sizes never come from a font, so the same flow gives the same bytes.

Each box is a link to its step on the checker page, named with the step, its words and where
each answer leads: the picture is a map to jump through, for a screen reader too.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from checker.model import Flow, Option, Question
from checker.pages import relative_link
from checker.render import ANCHOR

DOT = "dot"
DOT_TIMEOUT = 120  # seconds; the guide's flow takes a tenth of one (see `make bench`)
# Sizes in SVG user units (CSS pixels at 100%). Text is wrapped by characters: `WIDE` is a
# generous width for one character, so a line never runs out of its box.
FONT, LINE, PAD = 12, 15, 8
BOX_CHARS = 26
WIDE = 0.6
BOX_WIDTH = round(BOX_CHARS * FONT * WIDE + 2 * PAD)
LABEL_FONT, LABEL_LINE, LABEL_CHARS, LABEL_LINES = 11, 13, 18, 3
MARGIN = 4
HEAD_WIDTH = 0.4  # an arrowhead's half-width, as a share of its length (dot draws it 7 long)
# The site's care-level colours (docs/stylesheets/extra.css, light scheme), for the SVG on its
# own; on the site, checker.css recolours it from the same variables as the care boxes.
CARE_COLOURS = {
    "emergency": "#b71c1c",
    "urgent": "#c25400",
    "gp": "#1565c0",
    "self-care": "#2e7d32",
}
QUESTION_COLOUR = "#00695c"
TEXT_COLOUR = "#1f1f1f"
ARROW_COLOUR = "#5f5f5f"

CAPTION = (
    "Each box is a step of the checker, and a link to it. Each arrow is an answer. "
    "A result box names its care level. The list under “Every step” says the same in words."
)
FRAME_NAME = "The flowchart: it scrolls inside this frame"
# The frame opens at step 1 by CSS alone (scroll-initial-target, checker.css), which Chromium
# honours on HTML elements only, not inside an SVG: an empty span lies over step 1's box for it.
# Where a browser cannot, the link to that span takes the frame there, without script.
START_ID = "checker-flowchart-start"
TO_START = "Go to step 1 in the picture"
# On paper the drawing is cut into landscape pages, each printed at PRINT_SCALE: 11 px labels
# print at 7.1 pt. PRINT_AREA is a landscape page of A4 or Letter, whichever is smaller each
# way, less the PDF's margins and a line for the part's name, in CSS pixels.
PRINT_SCALE = 0.86
PRINT_AREA = (940, 600)
ROOM = 120  # a run of boxes leaves this much of its part for the answers' words around it
PLACES = 4  # steps between the farthest placements of a part's window, each way
MARK_TRIES = 6  # lines up or down that a mark may move, to keep clear of others
SAMPLES = 8  # points along each Bézier curve of an arrow, to find where it leaves a part

Link = Callable[[str], str]  # node id -> the URL of its step on the checker page


class DrawError(RuntimeError):
    """Graphviz is missing or failed."""


@dataclass(frozen=True)
class Box:
    node_id: str
    x: float  # top-left corner
    y: float
    width: float
    height: float
    lines: tuple[str, ...]  # the words, wrapped


@dataclass(frozen=True)
class Arrow:
    question: str
    option: Option
    path: str  # SVG path data, ending where the arrowhead starts
    head: str  # the arrowhead, a triangle
    label_x: float  # centre of the label
    label_y: float
    label: tuple[str, ...]


Window = tuple[float, float, float, float]  # x, y, width, height of a part of the drawing


@dataclass(frozen=True)
class Mark:
    """Words where an arrow leaves a printed part: where it goes."""

    x: float  # centre of the words
    y: float  # their baseline
    words: str


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: tuple[Box, ...]  # in reading order: top to bottom, then left to right
    arrows: tuple[Arrow, ...]


@dataclass(frozen=True)
class Part:
    """A printed part of the drawing: its window and what it shows there."""

    number: int
    window: Window
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    marks: tuple[Mark, ...]


def draw(flow: Flow, link: Link | None = None) -> str:
    """The flowchart as an SVG document. `link` defaults to the checker page as seen from
    "How the checker works" with directory URLs, as `python -m checker render` assumes."""
    checker_page = relative_link("checker/index.md", "checker/how-it-works.md")
    picture = svg(flow, lay_out(flow), link or (lambda node: f"{checker_page}#{ANCHOR}{node}"))
    # Another version of dot may place boxes elsewhere: the file says which one drew it.
    return f"<!-- Laid out by {dot_version()} -->\n{picture}"


def dot_version() -> str:
    """`dot - graphviz version 2.43.0 (0)` as 'Graphviz 2.43.0'."""
    _require_dot()
    said = subprocess.run([DOT, "-V"], capture_output=True, text=True, check=False).stderr
    version = re.search(r"version (\S+)", said)
    return f"Graphviz {version[1] if version else 'of unknown version'}"


def figure(flow: Flow, layout: Layout, link: Link) -> str:
    """The flowchart for the page: a frame that scrolls by itself, so the page never scrolls
    sideways (a focused box scrolls it, and so do arrow keys), and a caption that points to
    the outline. The frame takes no focus of its own: its boxes do."""
    return "\n".join(
        [
            '<figure class="checker-flowchart">',
            f'<p class="checker-flowchart__to-start"><a href="#{START_ID}">{TO_START}</a></p>',
            f'<div class="checker-flowchart__frame" role="region" aria-label="{FRAME_NAME}">',
            svg(flow, layout, link),
            _start_mark(flow, layout),
            "</div>",
            f"<figcaption>{CAPTION}</figcaption>",
            "</figure>",
            print_figure(flow, layout, link),
        ]
    )


def _start_mark(flow: Flow, layout: Layout) -> str:
    """The empty span down the middle of step 1's box that the frame opens at. It is thin:
    scrolling brings it into the frame's middle tenth (its scroll padding), and so the box
    in whole, however the browser aligns it."""
    box = next(box for box in layout.boxes if box.node_id == flow.start)
    return (
        f'<span class="checker-flowchart__start" id="{START_ID}" '
        f'style="left: {round(box.x + box.width / 2, 1):g}px; top: {box.y:g}px; '
        f'height: {box.height:g}px"></span>'
    )


def short_label(text: str) -> tuple[str, ...]:
    """An answer's words on its arrow: at most LABEL_LINES lines, cut with '…' if longer."""
    lines = textwrap.wrap(text, LABEL_CHARS, break_on_hyphens=False) or [""]
    if len(lines) > LABEL_LINES:
        kept = lines[LABEL_LINES - 1]
        while len(kept) >= LABEL_CHARS:  # room for the '…', by whole words where possible
            kept = kept.rsplit(" ", 1)[0] if " " in kept else kept[: LABEL_CHARS - 1]
        lines = [*lines[: LABEL_LINES - 1], kept.rstrip(" ,;:") + "…"]
    return tuple(lines)


def answer_words(flow: Flow, option: Option) -> str:
    """An answer's words for its arrow: a warning sign's short form from the catalogue, which
    is written to be short, else the answer's own words."""
    sign = flow.signs.get(option.sign or "")
    return sign.short[:1].upper() + sign.short[1:] if sign else option.text


def box_lines(flow: Flow, node_id: str) -> tuple[str, ...]:
    """The first line says what the box is; the rest are its words."""
    step = flow.steps[node_id]
    question = flow.questions.get(node_id)
    if question:
        kind = "red-flag check" if question.red_flags else "question"
        return (f"Step {step}, {kind}", *textwrap.wrap(question.text, BOX_CHARS))
    outcome = flow.outcomes[node_id]
    return (
        f"Step {step}, result",
        care_words(flow, outcome.urgency),
        *textwrap.wrap(outcome.title, BOX_CHARS),
    )


def care_words(flow: Flow, urgency: str) -> str:
    """The care level's title up to its first colon: 'Emergency', 'Self-care'."""
    return flow.care_levels[urgency].title.split(":")[0]


def lay_out(flow: Flow, timeout: float = DOT_TIMEOUT) -> Layout:
    """Ask `dot` where every box and arrow goes, for boxes sized here. Raises DrawError when
    `dot` is missing, fails or takes more than `timeout` seconds."""
    order = sorted(flow.steps, key=flow.steps.__getitem__)
    lines = {node_id: box_lines(flow, node_id) for node_id in order}
    arrows = [(q, option) for q in _questions(flow, order) for option in q.options]
    labels = [short_label(answer_words(flow, option)) for _, option in arrows]
    graph = json.loads(_run_dot(dot_source(flow, order, lines, arrows, labels), timeout))
    height = float(graph["bb"].split(",")[3])
    boxes_by_name = {}
    for node in graph.get("objects", []):
        x, y = (float(v) for v in node["pos"].split(","))
        width, box_height = float(node["width"]) * 72, float(node["height"]) * 72
        node_id = order[int(node["name"][1:])]
        boxes_by_name[node["_gvid"]] = Box(
            node_id,
            round(x - width / 2 + MARGIN, 1),
            round(height - y - box_height / 2 + MARGIN, 1),
            round(width, 1),
            round(box_height, 1),
            lines[node_id],
        )
    drawn = []
    for edge in sorted(graph.get("edges", []), key=lambda e: int(e["id"][1:])):
        index = int(edge["id"][1:])
        question, option = arrows[index]
        label_x, label_y = (float(v) for v in edge["lp"].split(","))
        drawn.append(
            Arrow(
                question.id,
                option,
                *_path(edge["pos"], height),
                round(label_x + MARGIN, 1),
                round(height - label_y + MARGIN, 1),
                labels[index],
            )
        )
    boxes = sorted(boxes_by_name.values(), key=lambda b: (b.y + b.height / 2, b.x))
    return Layout(
        round(float(graph["bb"].split(",")[2]) + 2 * MARGIN, 1),
        round(height + 2 * MARGIN, 1),
        tuple(boxes),
        tuple(drawn),
    )


def _questions(flow: Flow, order: list[str]) -> list[Question]:
    return [flow.questions[node_id] for node_id in order if node_id in flow.questions]


def dot_source(
    flow: Flow,
    order: list[str],
    lines: dict[str, tuple[str, ...]],
    arrows: list[tuple[Question, Option]],
    labels: list[tuple[str, ...]],
) -> str:
    """The graph in Graphviz's language. Nodes are named by position (`n0`) and labels are
    empty boxes of a fixed size: no text of the flow reaches `dot`, so none needs quoting
    there, and no font decides a size."""
    index = {node_id: i for i, node_id in enumerate(order)}
    out = [
        "digraph flow {",
        "graph [rankdir=TB, nodesep=0.2, ranksep=0.35, ordering=out, outputorder=edgesfirst];",
        'node [shape=box, fixedsize=true, label=""];',
        "edge [arrowsize=0.7];",
    ]
    for node_id in order:
        width = BOX_WIDTH / 72
        height = (len(lines[node_id]) * LINE + 2 * PAD) / 72
        out.append(f"n{index[node_id]} [width={width:.4f}, height={height:.4f}];")
    for number, ((question, option), label) in enumerate(zip(arrows, labels, strict=True)):
        width, height = _label_size(label)
        cell = (
            '<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{round(width)}" HEIGHT="{height}"> </TD>'
            "</TR></TABLE>>"
        )
        out.append(
            f'n{index[question.id]} -> n{index[option.next]} [id="e{number}", label={cell}];'
        )
    out.append("}")
    return "\n".join(out) + "\n"


def _label_size(label: tuple[str, ...]) -> tuple[float, int]:
    """The box an answer's words take, by characters as for boxes."""
    return max(_words_width(line) for line in label), len(label) * LABEL_LINE + 2


def _words_width(line: str) -> float:
    """The width of a line of an answer's words, or of a mark."""
    return len(line) * LABEL_FONT * WIDE + 4


def _require_dot() -> None:
    if shutil.which(DOT) is None:
        raise DrawError(
            "Graphviz's `dot` is not installed: `apt-get install graphviz` (make does it)"
        )


# A build lays the flow out before it starts (to stop early if it cannot) and again for its
# page: the same source, so `dot` runs once.
@functools.lru_cache(maxsize=4)
def _run_dot(source: str, timeout: float) -> str:
    """`dot`'s layout of a graph, as JSON text."""
    _require_dot()
    try:
        done = subprocess.run(
            [DOT, "-Tjson0"],
            input=source,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DrawError(f"`dot` took more than {timeout:g} s to lay the flow out") from None
    if done.returncode != 0:
        raise DrawError(f"`dot` failed: {done.stderr.strip()}")
    return done.stdout


def _path(pos: str, height: float) -> tuple[str, str]:
    """SVG path data for a `dot` spline ('e,x,y', the arrow's tip, then Bézier points), and
    its arrowhead: a triangle from the spline's end to the tip."""
    tip, points = None, []
    for part in pos.split():
        if part.startswith("e,"):
            tip = part[2:]
        elif not part.startswith("s,"):
            points.append(part)

    def point(text: str) -> tuple[float, float]:
        x, y = (float(v) for v in text.split(","))
        return round(x + MARGIN, 1), round(height - y + MARGIN, 1)

    def xy(p: tuple[float, float]) -> str:
        return f"{p[0]:g},{p[1]:g}"

    start, *rest = (point(p) for p in points)
    data = f"M{xy(start)}C" + " ".join(xy(p) for p in rest)
    base = rest[-1] if rest else start
    end = point(tip) if tip else base
    dx, dy = end[0] - base[0], end[1] - base[1]
    side = (-dy * HEAD_WIDTH, dx * HEAD_WIDTH)  # half the arrowhead's width, across it
    corners = [(base[0] + side[0], base[1] + side[1]), end, (base[0] - side[0], base[1] - side[1])]
    head = "M" + "L".join(xy((round(x, 1), round(y, 1))) for x, y in corners) + "Z"
    return data, head


def accessible_name(flow: Flow, node_id: str, link_words: Callable[[str], str]) -> str:
    """What a screen reader says for a box: its words as drawn, in the same order (so a
    person who says what they see can name it), then where each answer leads."""
    question = flow.questions.get(node_id)
    if question is None:
        outcome = flow.outcomes[node_id]
        care = flow.care_levels[outcome.urgency].title
        words = care_words(flow, outcome.urgency)
        return f"Step {flow.steps[node_id]}, result. {words}. {outcome.title}. {care}."
    kind = "red-flag check" if question.red_flags else "question"
    answers = " ".join(
        f"“{option.text}” leads to {link_words(option.next)}." for option in question.options
    )
    return f"Step {flow.steps[node_id]}, {kind}. {question.text} Answers: {answers}"


def svg(flow: Flow, layout: Layout, link: Link) -> str:
    """The SVG document. Arrows come first, so boxes sit on top; boxes follow reading order,
    so keyboard focus moves top to bottom, left to right."""
    whole = (0.0, 0.0, layout.width, layout.height)
    label = f"{flow.title}: every step and answer"
    return _drawing(flow, link, label, whole, layout.boxes, layout.arrows)


def _drawing(
    flow: Flow,
    link: Link,
    label: str,
    view: Window,
    boxes: Iterable[Box],
    arrows: Iterable[Arrow],
    marks: Iterable[Mark] = (),
    scale: float = 1,
) -> str:
    """An SVG of `view` (x, y, width, height) of the drawing, `scale` times its size, with
    these boxes, arrows and marks only."""

    def step_words(node_id: str) -> str:
        outcome = flow.outcomes.get(node_id)
        result = f", result: {outcome.title}" if outcome else ""
        return f"step {flow.steps[node_id]}{result}"

    width, height = (round(size * scale, 1) for size in view[2:])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="checker-flowchart__svg" '
        f'width="{width:g}" height="{height:g}" viewBox="{" ".join(f"{v:g}" for v in view)}" '
        f'role="group" aria-label="{escape(label)}" '
        f'font-family="sans-serif" font-size="{FONT}" fill="{TEXT_COLOUR}">',
        '<g class="checker-flowchart__arrows" aria-hidden="true">',
    ]
    for arrow in arrows:
        parts.append(
            f'<path class="checker-flowchart__arrow" d="{arrow.path}" fill="none" '
            f'stroke="{ARROW_COLOUR}"/>'
        )
        parts.append(
            f'<path class="checker-flowchart__arrowhead" d="{arrow.head}" fill="{ARROW_COLOUR}"/>'
        )
        if arrow.label:
            parts.append(_label(arrow))
    parts.append("</g>")
    for box in boxes:
        parts.append(_box(flow, box, link, accessible_name(flow, box.node_id, step_words)))
    parts.extend(_mark(mark) for mark in marks)
    parts.append("</svg>")
    return "\n".join(parts)


def _label(arrow: Arrow) -> str:
    top = arrow.label_y - (len(arrow.label) - 1) * LABEL_LINE / 2 + LABEL_FONT * 0.35
    lines = "".join(
        f'<tspan x="{arrow.label_x:g}" y="{round(top + i * LABEL_LINE, 1):g}">'
        f"{escape(line)}</tspan>"
        for i, line in enumerate(arrow.label)
    )
    return (
        f'<text class="checker-flowchart__label" font-size="{LABEL_FONT}" '
        f'text-anchor="middle">{lines}</text>'
    )


def _box(flow: Flow, box: Box, link: Link, name: str) -> str:
    outcome = flow.outcomes.get(box.node_id)
    kind = f"result checker-flowchart__box--{outcome.urgency}" if outcome else "question"
    colour = CARE_COLOURS.get(outcome.urgency, QUESTION_COLOUR) if outcome else QUESTION_COLOUR
    width = 3 if outcome and outcome.urgency == "emergency" else 1.5
    bold = 2 if outcome else 1  # "Step 9, result" and its care level; "Step 2, question"
    lines = []
    for i, line in enumerate(box.lines):
        weight = ' font-weight="bold"' if i < bold else ""
        css = ' class="checker-flowchart__care"' if outcome and i == 1 else ""
        lines.append(
            f'<tspan x="{box.x + PAD:g}" y="{round(box.y + PAD + FONT + i * LINE - 2, 1):g}"'
            f"{weight}{css}>{escape(line)}</tspan>"
        )
    return (
        f'<a class="checker-flowchart__box checker-flowchart__box--{kind}" '
        f'href="{escape(link(box.node_id))}" aria-label="{escape(name)}">'
        f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.width:g}" height="{box.height:g}" '
        f'rx="4" fill="#ffffff" stroke="{colour}" stroke-width="{width}"/>'
        f'<text aria-hidden="true">{" ".join(lines)}</text></a>'
    )


def print_windows(layout: Layout) -> list[Window]:
    """The parts of the drawing that fit a printed page each (x, y, width, height): bands of
    boxes from the top, each cut across into runs of boxes. A run's part is as large as the
    page, placed where it holds whole the most words of the run's own answers, then the most
    boxes and words in all; a run whose boxes earlier parts already hold whole gets none."""
    extents = (layout.width, layout.height)
    # A tenth of a unit less than the page holds, so rounding never makes a part too large.
    size = tuple(
        min(math.floor(s / PRINT_SCALE * 10) / 10, e)
        for s, e in zip(PRINT_AREA, extents, strict=True)
    )
    things = [*(_rect(b) for b in layout.boxes), *(label_rect(a) for a in layout.arrows)]
    windows: list[Window] = []
    for band in _runs(layout.boxes, lambda b: (b.y, b.y + b.height), size[1] - 2 * MARGIN):
        for run in _runs(band, lambda b: (b.x, b.x + b.width), size[0] - 2 * MARGIN):
            if all(any(inside(w, *_rect(b)) for w in windows) for b in run):
                continue
            nodes = {b.node_id for b in run}
            own = [label_rect(a) for a in layout.arrows if {a.question, a.option.next} & nodes]

            def held(window: Window, own: list[Window] = own) -> tuple[int, int]:
                return sum(inside(window, *t) for t in own), sum(inside(window, *t) for t in things)

            windows.append(max(_placements(run, size, extents), key=held))
    return windows


def _placements(
    run: list[Box], size: tuple[float, ...], extents: tuple[float, float]
) -> list[Window]:
    """Windows of `size` that hold the run whole and stay on the drawing, in a few steps."""
    spans = []
    for axis in (0, 1):
        low = min(_rect(b)[axis] for b in run) - MARGIN
        high = max(_rect(b)[axis] + _rect(b)[axis + 2] for b in run) + MARGIN
        first, last = max(high - size[axis], 0), min(low, extents[axis] - size[axis])
        spans.append([first + (last - first) * k / PLACES for k in range(PLACES + 1)])
    return [
        (round(x, 1), round(y, 1), round(size[0], 1), round(size[1], 1))
        for y in spans[1]
        for x in spans[0]
    ]


def label_rect(arrow: Arrow) -> Window:
    """Where an answer's words lie on the drawing, as dot placed their box."""
    width, height = _label_size(arrow.label)
    return arrow.label_x - width / 2, arrow.label_y - height / 2, width, height


def _runs(
    boxes: Iterable[Box], span: Callable[[Box], tuple[float, float]], most: float
) -> list[list[Box]]:
    """Boxes in order along one axis, in runs that each span at most `most` along it."""
    runs: list[list[Box]] = []
    start = end = 0.0
    for box in sorted(boxes, key=span):
        low, high = span(box)
        if runs and max(end, high) - start <= most:
            runs[-1].append(box)
            end = max(end, high)
        else:
            runs.append([box])
            start, end = low, high
    return runs


def print_parts(flow: Flow, layout: Layout) -> list[Part]:
    """The drawing cut for paper. A part carries only what it shows: the boxes whole in its
    window (a box it would cut is whole in another part) and the arrows from or to them. An
    arrow that leaves the part ends in a mark naming its step and the part that shows it."""
    windows = print_windows(layout)
    shown = [{b.node_id for b in layout.boxes if inside(window, *_rect(b))} for window in windows]
    home = {node: next(n for n, s in enumerate(shown, start=1) if node in s) for node in flow.steps}

    def words(node: str, way: str) -> str:
        return f"{way} step {flow.steps[node]}, part {home[node]}"

    parts = []
    for number, (window, nodes) in enumerate(zip(windows, shown, strict=True), start=1):
        boxes = tuple(b for b in layout.boxes if b.node_id in nodes)
        arrows, marks = [], []
        leaving = []  # (places for its mark, best first; words)
        for arrow in layout.arrows:
            within = [p for p in _points(arrow) if inside(window, *p)]
            starts, ends = arrow.question in nodes, arrow.option.next in nodes
            if not (starts or ends) or not within:
                continue
            arrows.append(_labelled_in(window, arrow))
            # Above the arrow's own answer's words, which say which arrow it is; else where
            # the arrow leaves the part.
            own = [_above(label_rect(arrows[-1]))] if arrows[-1].label else []
            if not ends:
                leaving.append(([*own, within[-1]], words(arrow.option.next, "to")))
            if not starts:
                leaving.append(([*own, within[0]], words(arrow.question, "from")))
        solid = [_rect(b) for b in boxes]
        taken = [label_rect(a) for a in arrows if a.label]
        for points, said in leaving:
            if not any(_says_it_near(mark, said, points[-1]) for mark in marks):
                marks.append(_mark_at(window, points, said, solid, taken))
                taken.append(mark_rect(marks[-1]))
        parts.append(Part(number, window, boxes, tuple(arrows), tuple(marks)))
    return parts


def _labelled_in(window: Window, arrow: Arrow) -> Arrow:
    """The arrow with its answer's words whole in the window: moved in, by no more than half
    their size (so they stay by their arrow), or left out of this part."""
    x, y, width, height = label_rect(arrow)
    left, top, most_x, most_y = window
    moved_x = min(max(x, left), left + most_x - width)
    moved_y = min(max(y, top), top + most_y - height)
    if abs(moved_x - x) > width / 2 or abs(moved_y - y) > height / 2:
        return dataclasses.replace(arrow, label=())
    centre = (round(arrow.label_x + moved_x - x, 1), round(arrow.label_y + moved_y - y, 1))
    return dataclasses.replace(arrow, label_x=centre[0], label_y=centre[1])


def inside(window: Window, x: float, y: float, width: float = 0, height: float = 0) -> bool:
    """Whether a point, or a box from it, lies wholly inside the window."""
    left, top, most_x, most_y = window
    return left <= x and x + width <= left + most_x and top <= y and y + height <= top + most_y


def _rect(box: Box) -> Window:
    return box.x, box.y, box.width, box.height


def _points(arrow: Arrow) -> list[tuple[float, float]]:
    """Points along an arrow from its start to its tip: its Bézier curves, sampled."""
    numbers = _numbers(arrow.path)
    nodes = list(zip(numbers[::2], numbers[1::2], strict=True))
    points = [nodes[0]]
    for i in range(0, len(nodes) - 3, 3):
        p0, p1, p2, p3 = nodes[i : i + 4]
        for step in range(1, SAMPLES + 1):
            t = step / SAMPLES
            weights = ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3)
            points.append(
                tuple(
                    sum(w * p[k] for w, p in zip(weights, (p0, p1, p2, p3), strict=True))
                    for k in (0, 1)
                )
            )
    head = _numbers(arrow.head)
    return [*points, (head[2], head[3])]  # the head's second corner is its tip


def _numbers(svg_path: str) -> list[float]:
    """The coordinates written in an SVG path or points list, in order."""
    return [float(v) for v in re.findall(r"-?[\d.]+", svg_path)]


def _mark_at(
    window: Window,
    points: list[tuple[float, float]],
    words: str,
    solid: list[Window],
    taken: list[Window],
) -> Mark:
    """A mark by the first of the points it can be clear at, whole inside the window: above
    the point (below it at the window's top), else the nearest place a few lines up or down,
    or half its width aside, clear of the `solid` boxes and of what else is `taken` there."""
    x, y, width, height = window
    half = _words_width(words) / 2
    moves = sorted(range(-MARK_TRIES, MARK_TRIES + 1), key=abs)
    places = sorted(((down, aside) for down in moves for aside in (0, 1, -1, 2, -2)), key=_size)
    marks = []
    for point in points:
        above = point[1] - 4
        first = above if above - LABEL_FONT >= y else point[1] + LABEL_LINE
        marks += [
            Mark(
                round(min(max(point[0] + aside * half, x + half), x + width - half), 1),
                round(min(max(first + down * LABEL_LINE, y + LABEL_FONT), y + height - 3), 1),
                words,
            )
            for down, aside in places
        ]

    def covers(mark: Mark) -> tuple[int, int]:
        return tuple(sum(_overlap(mark_rect(mark), t) for t in ts) for ts in (solid, taken))

    return min(marks, key=covers)  # the nearest that is clear, or else covers the least


def _above(rect: Window) -> tuple[float, float]:
    """The middle of a rectangle's top edge: a mark placed there sits just above it."""
    return rect[0] + rect[2] / 2, rect[1]


def _says_it_near(mark: Mark, words: str, point: tuple[float, float]) -> bool:
    """Whether a mark already says these words close to the point: arrows that leave a part
    together for the same step share one mark."""
    near = abs(mark.x - point[0]) < _words_width(words) and abs(mark.y - point[1]) < 3 * LABEL_LINE
    return mark.words == words and near


def _size(move: tuple[int, int]) -> int:
    return abs(move[0]) + abs(move[1])


def mark_rect(mark: Mark) -> Window:
    """Where a mark's words lie on the drawing."""
    width = _words_width(mark.words)
    return mark.x - width / 2, mark.y - LABEL_FONT, width, LABEL_LINE


def _overlap(a: Window, b: Window) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _mark(mark: Mark) -> str:
    return (
        f'<text class="checker-flowchart__mark" x="{mark.x:g}" y="{mark.y:g}" '
        f'font-size="{LABEL_FONT}" font-style="italic" text-anchor="middle" '
        f'aria-hidden="true">{escape(mark.words)}</text>'
    )


def on_print_page(html: str) -> str:
    """The whole-guide print page: the print-site plugin prefixes the link to the start mark
    with its page's name, but not the mark's id (it renames only headings, list items and
    footnotes), so the mark takes the id its link names there."""
    link = re.search(rf'href="#([\w-]+-{START_ID})"', html)
    return html.replace(f'id="{START_ID}"', f'id="{link[1]}"', 1) if link else html


def print_figure(flow: Flow, layout: Layout, link: Link) -> str:
    """The drawing in parts, one landscape page each, for paper only (checker.css): the page
    printed alone and the whole guide's PDF both print these. Every box is still a link."""
    parts = print_parts(flow, layout)
    out = ['<div class="checker-flowchart__parts">']
    for part in parts:
        label = f"{flow.title}: part {part.number} of {len(parts)}"
        drawing = _drawing(
            flow, link, label, part.window, part.boxes, part.arrows, part.marks, PRINT_SCALE
        )
        out.append(
            f'<div class="checker-flowchart__part"><p class="checker-flowchart__part-name">'
            f"The flowchart, part {part.number} of {len(parts)}. "
            f"An arrow that leaves this part names the step it goes to.</p>{drawing}</div>"
        )
    out.append("</div>")
    return "\n".join(out)
