"""HTML and JSON from a checked flow: the checker (complete without JavaScript), the outline
for clinicians, and the sources. Every piece of text from the YAML is escaped here, once.

`link(src)` turns a page path inside docs/ (`nerves/herniated-disc.md`) into the URL to write
in the page; MkDocs gives the real one, the command line assumes directory URLs.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.graph import count_paths, longest_path
from checker.model import Flow, Outcome, Question, Source
from checker.pages import relative_link

Link = Callable[[str], str]
ANCHOR = "checker-"  # sections of the checker page: #checker-<node id>
OUTLINE_ANCHOR = "flow-"  # items of the outline page: #flow-<node id>
NOT_A_DIAGNOSIS = (
    "This is not a diagnosis. It shows what your answers may point to. "
    "Only a doctor or other health professional can tell you the cause."
)
SCREEN_INSTRUCTION = "Choose the first one that applies to you."
# Words both the numbered steps and the script show: the script reads them from the JSON.
LABELS = {
    "instruction": SCREEN_INSTRUCTION,
    "hint": "What does this mean?",
    "result": "Result",
}
HOW_TO_READ = "Start at step 1. Each answer tells you which step to go to next."
PRINT_NOTE = "On paper, the numbered steps of the checker itself show this same flow."
SCREEN_NOTE = "Red-flag check: the reader chooses the first sign that applies."
ARTICLE_KEY = "article"
EMERGENCY_SIGNS = "Call your local emergency number now if you get:"


def esc(text: str) -> str:
    """Text as HTML: escaped, on one line (so no Markdown preprocessor sees a line of it)."""
    return html.escape(" ".join(text.split()), quote=True)


class _Escaped(dict[str, str]):
    """`esc` of each distinct text, worked out once per render: the checker and the outline
    show the same words. `piece` keeps other fragments the same way: every result repeats its
    care level, pages and sources."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: dict[tuple[Any, ...], str] = {}

    def __missing__(self, text: str) -> str:
        value = self[text] = esc(text)
        return value

    def piece(self, key: tuple[Any, ...], make: Callable[[], str]) -> str:
        """The fragment `key` names (what it shows, and what it is made of), made once."""
        value = self.pieces.get(key)
        if value is None:
            value = self.pieces[key] = make()
        return value


@dataclass
class Rendered:
    """The fragments that fill the markers, and the ids they add to their pages."""

    checker: str
    outline: str
    sources: str
    data: dict[str, Any]
    anchors: dict[str, set[str]] = field(default_factory=dict)  # fragment name -> ids


def render(flow: Flow, link: Link | None = None, outline_link: Link | None = None) -> Rendered:
    """Everything at once; `link` is for the checker page, `outline_link` for the outline."""
    link = link or (lambda src: relative_link(src, "checker/index.md"))
    outline_link = outline_link or (lambda src: relative_link(src, "checker/how-it-works.md"))
    data = flow_data(flow)
    ids = [n for n in flow.steps]
    t = _Escaped()
    return Rendered(
        checker=checker_html(flow, link, data, t),
        outline=outline_html(flow, outline_link, t),
        sources=sources_html(flow.sources.values(), t),
        data=data,
        anchors={
            "checker": {f"{ANCHOR}{n}" for n in ids},
            "outline": {f"{OUTLINE_ANCHOR}{n}" for n in ids},
        },
    )


def flow_data(flow: Flow) -> dict[str, Any]:
    """What the script needs to ask the questions; results are read from the HTML."""
    return {
        "labels": LABELS,
        "start": flow.start,
        "questions": {
            qid: {
                "text": q.text,
                **({"hint": q.hint} if q.hint else {}),
                **({"screen": True} if q.red_flags else {}),
                "options": [[o.key, o.text, o.next] for o in q.options],
            }
            for qid, q in _in_step_order(flow, flow.questions)
        },
        "outcomes": {
            oid: {"title": o.title, "urgency": o.urgency}
            for oid, o in _in_step_order(flow, flow.outcomes)
        },
    }


def script_json(data: dict[str, Any]) -> str:
    """JSON that is safe inside <script>: no `<`, `>` or `&` can end or break the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def checker_html(
    flow: Flow, link: Link, data: dict[str, Any] | None = None, t: _Escaped | None = None
) -> str:
    """The checker: data for the script, then every step as a section that works on paper."""
    t = _Escaped() if t is None else t
    data_json = script_json(data or flow_data(flow))
    parts = [
        '<div class="checker" data-checker>',
        f'<script type="application/json" class="checker__data">{data_json}</script>',
        '<div class="checker__static">',
        f'<p class="checker__how">{HOW_TO_READ}</p>',
    ]
    parts += _steps(
        flow,
        lambda question: _question_section(flow, question, t),
        lambda outcome: _outcome_section(flow, outcome, link, t),
    )
    parts += ["</div>", "</div>"]
    return "\n".join(parts)


def _steps(
    flow: Flow, question: Callable[[Question], str], outcome: Callable[[Outcome], str]
) -> list[str]:
    """Every question, then every result, each rendered in the order of its step number."""
    return [question(q) for _, q in _in_step_order(flow, flow.questions)] + [
        outcome(o) for _, o in _in_step_order(flow, flow.outcomes)
    ]


def _in_step_order(flow: Flow, nodes: dict[str, Any]) -> list[tuple[str, Any]]:
    """The nodes that have a step number, in its order (that of `flow.steps`)."""
    return [(node_id, nodes[node_id]) for node_id in flow.steps if node_id in nodes]


def _heading(flow: Flow, node_id: str, text: str) -> str:
    """`text` is escaped already."""
    # The anchor is on the heading: the print page renames heading ids and links alike.
    return (
        f'<h2 id="{ANCHOR}{node_id}"><span class="checker__number">'
        f"Step {flow.steps[node_id]}.</span> {text}</h2>"
    )


def _question_section(flow: Flow, question: Question, t: _Escaped) -> str:
    parts = [
        f'<section class="checker__step" data-node="{question.id}">',
        _heading(flow, question.id, t[question.text]),
    ]
    if question.red_flags:
        parts.append(f'<p class="checker__instruction">{SCREEN_INSTRUCTION}</p>')
    if question.hint:
        parts.append(
            f'<p class="checker__hint"><strong>{LABELS["hint"]}</strong> {t[question.hint]}</p>'
        )
    parts.append('<ul class="checker__options">')
    for option in question.options:
        parts.append(
            f'<li><a class="checker__option" href="#{ANCHOR}{option.next}">{t[option.text]} '
            f'<span class="checker__goto">Go to step {flow.steps[option.next]}</span></a></li>'
        )
    parts += ["</ul>", "</section>"]
    return "\n".join(parts)


def _outcome_section(flow: Flow, outcome: Outcome, link: Link, t: _Escaped) -> str:
    care = flow.care_levels[outcome.urgency]
    parts = [
        f'<section class="checker__step checker__outcome" data-node="{outcome.id}">',
        _heading(flow, outcome.id, f"{LABELS['result']}: {t[outcome.title]}"),
        '<div class="checker__result">',
        t.piece(
            ("care", outcome.urgency),
            lambda: (
                f'<div class="admonition {outcome.urgency}">\n'
                # The care level is a heading: it is what a screen reader user jumps to first.
                f'<h3 class="admonition-title">{t[care.title]}</h3>\n'
                f"<p>{t[care.action]}</p>\n"
                "</div>"
            ),
        ),
        f"<h3>What it may be</h3>\n<p>{t[outcome.may_be]}</p>",
        f"<h3>Why this result</h3>\n<p>{t[outcome.why]}</p>",
        "<h3>What to do now</h3>",
        _list(t[item] for item in outcome.do_now),
        "<h3>Read more in this guide</h3>",
        t.piece(
            ("checker pages", outcome.pages), lambda: _list(_page_links(flow, outcome, link, t))
        ),
        *_emergency_signs(flow, outcome, t),
        f'<p class="checker__not-diagnosis">{NOT_A_DIAGNOSIS}</p>',
        "<h3>Sources</h3>",
        t.piece(
            ("checker sources", outcome.sources),
            lambda: _list(_source(flow.sources[key], t) for key in outcome.sources),
        ),
        "</div>",
        f'<p class="checker__again"><a href="#{ANCHOR}{flow.start}">Start again at step 1</a></p>',
        "</section>",
    ]
    return "\n".join(parts)


def _emergency_signs(flow: Flow, outcome: Outcome, t: _Escaped) -> list[str]:
    """Under every calmer result, one line naming the emergency signs of the catalogue."""
    if outcome.urgency == "emergency":
        return []
    line = t.piece(("emergency signs",), lambda: _emergency_line(flow, t))
    return [line] if line else []


def _emergency_line(flow: Flow, t: _Escaped) -> str:
    shorts = [sign.short for sign in flow.signs.values() if sign.level == "emergency"]
    if not shorts:
        return ""
    return (
        f'<p class="checker__emergency-signs"><strong>{t[EMERGENCY_SIGNS]}</strong> '
        f"{t['; '.join(shorts)]}.</p>"
    )


def _page_links(flow: Flow, outcome: Outcome, link: Link, t: _Escaped) -> list[str]:
    """A link to each of the guide's pages the result names, by the page's title."""
    return [
        f'<a href="{t[link(page)]}">{t[flow.page_titles.get(page, page)]}</a>'
        for page in outcome.pages
    ]


def _list(items: Iterable[str], css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    items = list(items)
    if not items:
        return f"<ul{attribute}></ul>"
    return f"<ul{attribute}><li>" + "</li><li>".join(items) + "</li></ul>"


def _source(source: Source, t: _Escaped) -> str:
    if source.key == ARTICLE_KEY:
        title = t[source.title]
        if source.url:
            title = f'<a href="{t[source.url]}">{title}</a>'
        return f"{t[source.publisher]}: <em>{title}</em>"
    # The publisher is part of the link's name: a result also links to our page of the same
    # title ("Kidney stones"), and two links to different places need different names.
    source_text = f"{t[source.title]}, {t[source.publisher]}"
    if source.url:
        return f'<a href="{t[source.url]}">{source_text}</a>'
    return source_text


def sources_html(sources: Iterable[Source], t: _Escaped | None = None) -> str:
    t = _Escaped() if t is None else t
    return _list((_source(source, t) for source in sources), "checker-sources")


def outline_html(flow: Flow, link: Link, t: _Escaped | None = None) -> str:
    """The whole flow as nested lists: each step, its answers and where each one leads."""
    t = _Escaped() if t is None else t
    labels = {node_id: _step_label(flow, node_id, t) for node_id in flow.steps}
    answers, _ = longest_path(flow)
    parts = [
        '<div class="checker-outline">',
        f"<p>The checker has {len(flow.questions)} questions and {len(flow.outcomes)} results. "
        f"There are {count_paths(flow)} different paths through it. "
        f"The longest asks {len(answers)} questions.</p>",
        f'<p class="checker-outline__print-note">{PRINT_NOTE}</p>',
        '<ol class="checker-outline__steps">',
    ]
    parts += _steps(
        flow,
        lambda question: _outline_question(question, t, labels),
        lambda outcome: _outline_outcome(flow, outcome, link, t, labels[outcome.id]),
    )
    parts += ["</ol>", "</div>"]
    return "\n".join(parts)


def _step_label(flow: Flow, node_id: str, t: _Escaped) -> str:
    question = flow.questions.get(node_id)
    text = (
        t[question.text] if question else f"{LABELS['result']}: {t[flow.outcomes[node_id].title]}"
    )
    return f"Step {flow.steps[node_id]}: {text}"


def _outline_question(question: Question, t: _Escaped, labels: dict[str, str]) -> str:
    note = ""
    if question.red_flags:
        note = f' <span class="checker-outline__note">{SCREEN_NOTE}</span>'
    items = []
    for option in question.options:
        flag = ""
        if option.red_flag:
            flag = f' <span class="checker-outline__flag">(red flag: {option.red_flag})</span>'
        items.append(
            f"“{t[option.text]}”{flag} → "
            f'<a href="#{OUTLINE_ANCHOR}{option.next}">{labels[option.next]}</a>'
        )
    label = labels[question.id]
    if question.hint:
        note += f' <span class="checker-outline__note">Hint: {t[question.hint]}</span>'
    return (
        f'<li id="{OUTLINE_ANCHOR}{question.id}"><p><strong>{label}</strong>{note}</p>\n'
        f"{_list(items)}</li>"
    )


def _outline_outcome(flow: Flow, outcome: Outcome, link: Link, t: _Escaped, label: str) -> str:
    pages = t.piece(
        ("outline pages", outcome.pages), lambda: ", ".join(_page_links(flow, outcome, link, t))
    )
    sources = t.piece(
        ("outline sources", outcome.sources),
        lambda: "; ".join(_source(flow.sources[key], t) for key in outcome.sources),
    )
    items = [
        f"Care level: {t[flow.care_levels[outcome.urgency].title]}",
        f"What it may be: {t[outcome.may_be]}",
        f"Why: {t[outcome.why]}",
        "What to do now: " + " / ".join(t[step] for step in outcome.do_now),
        f"Pages: {pages}",
        f"Sources: {sources}",
    ]
    return (
        f'<li id="{OUTLINE_ANCHOR}{outcome.id}"><p><strong>{label}</strong></p>\n'
        f"{_list(items)}</li>"
    )
