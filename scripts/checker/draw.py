"""The checker as a flowchart: an SVG drawn at build time from the checked flow.

Graphviz's `dot` lays the boxes out in layers, top to bottom. Every path passes both red-flag
screens first (the proofs hold it), so they are the top layers. This module decides each box's
size, asks `dot` where boxes and arrows go, and writes the SVG itself: text escaped, no script,
no external reference. The sizes never come from a font, so the same flow gives the same bytes.

Each box is a link to its step on the checker page, named with the step, its words and where
each answer leads: the picture is a map to jump through, for a screen reader too.
"""

from __future__ import annotations

import functools
import json
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
_SVG = re.compile(r'<svg [^>]*class="checker-flowchart__svg"[^>]*>(.*?)</svg>', re.DOTALL)

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


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: tuple[Box, ...]  # in reading order: top to bottom, then left to right
    arrows: tuple[Arrow, ...]


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
        width = max(len(line) for line in label) * LABEL_FONT * WIDE + 4
        height = len(label) * LABEL_LINE + 2
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


def _require_dot() -> None:
    if shutil.which(DOT) is None:
        raise DrawError(
            "Graphviz's `dot` is not installed: `apt-get install graphviz` (make does it)"
        )


# A build lays the flow out once for its page and once for the print page: the same source.
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

    def step_words(node_id: str) -> str:
        outcome = flow.outcomes.get(node_id)
        result = f", result: {outcome.title}" if outcome else ""
        return f"step {flow.steps[node_id]}{result}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="checker-flowchart__svg" '
        f'width="{layout.width:g}" height="{layout.height:g}" '
        f'viewBox="0 0 {layout.width:g} {layout.height:g}" '
        f'role="group" aria-label="{escape(flow.title)}: every step and answer" '
        f'font-family="sans-serif" font-size="{FONT}" fill="{TEXT_COLOUR}">',
        '<g class="checker-flowchart__arrows" aria-hidden="true">',
    ]
    for arrow in layout.arrows:
        parts.append(
            f'<path class="checker-flowchart__arrow" d="{arrow.path}" fill="none" '
            f'stroke="{ARROW_COLOUR}"/>'
        )
        parts.append(
            f'<path class="checker-flowchart__arrowhead" d="{arrow.head}" fill="{ARROW_COLOUR}"/>'
        )
        parts.append(_label(arrow))
    parts.append("</g>")
    for box in layout.boxes:
        parts.append(_box(flow, box, link, accessible_name(flow, box.node_id, step_words)))
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


def print_windows(layout: Layout) -> list[tuple[float, float, float, float]]:
    """The parts of the drawing that fit a printed page each (x, y, width, height): bands of
    boxes from the top, each cut across into runs of boxes. Every box is whole in its part; a
    part may show the edge of a neighbour's box, which is whole in its own."""
    most_x, most_y = (size / PRINT_SCALE - 2 * MARGIN for size in PRINT_AREA)
    windows = []
    for band in _runs(layout.boxes, lambda b: (b.y, b.y + b.height), most_y):
        for run in _runs(band, lambda b: (b.x, b.x + b.width), most_x):
            left = min(b.x for b in run) - MARGIN
            right = max(b.x + b.width for b in run) + MARGIN
            top = min(b.y for b in run) - MARGIN
            bottom = max(b.y + b.height for b in run) + MARGIN
            windows.append(
                (round(left, 1), round(top, 1), round(right - left, 1), round(bottom - top, 1))
            )
    return windows


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


def for_print(print_html: str, layout: Layout) -> str:
    """The whole-guide print page with its flowchart as parts, one landscape page each (see
    checker.css), every box still a link. Pages without the flowchart are left as they are."""
    match = _SVG.search(print_html)
    if match is None:
        return print_html
    opening = match[0][: match[0].index(">") + 1]
    windows = print_windows(layout)
    parts = []
    for number, (x, y, width, height) in enumerate(windows, start=1):
        printed = (round(width * PRINT_SCALE, 1), round(height * PRINT_SCALE, 1))
        sized = re.sub(
            r'width="[^"]*" height="[^"]*" viewBox="[^"]*"',
            f'width="{printed[0]:g}" height="{printed[1]:g}" '
            f'viewBox="{x:g} {y:g} {width:g} {height:g}"',
            opening,
        )
        parts.append(
            f'<div class="checker-flowchart__part"><p class="checker-flowchart__part-name">'
            f"The flowchart, part {number} of {len(windows)}. "
            f"Arrows cut at an edge go on in another part.</p>{sized}{match[1]}</svg></div>"
        )
    return print_html[: match.start()] + "".join(parts) + print_html[match.end() :]
