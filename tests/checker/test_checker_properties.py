"""Property-based tests of the whole generator (load, then render), on flows hypothesis makes:

- every valid flow it makes validates, renders, and lists exactly the paths a brute-force walk
  of its data finds;
- every mutation of a valid flow, of its data or of its YAML text, either validates (and then
  renders) or fails with CheckerError, one line per problem, each naming a line of the file.
  Never another exception, never a hang: each example has a deadline and a bounded size.

Deterministic (derandomize, no example database), so CI runs the same examples every time.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import checker
import pytest
import yaml
from checker import graph, render, schema
from checker.errors import MAX_SHOWN
from checker.loading import parse
from checker_helpers import FIXTURE_DOCS, VALID
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

CI = settings(
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FILE = Path("generated.yaml")
URGENCIES = ["self-care", "gp", "urgent", "emergency"]
PAGES = ["compare.md", "when-to-get-help.md"]  # the fixture docs

# Text a clinician may write: any printable character, hostile or not. Left out: what the
# loader refuses on purpose (controls, bidirectional overrides) and what UTF-8 cannot hold.
REFUSED = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "[x](javascript:alert(3)) {{ config }} {% raw %} **b** <!-- c -->",
    "مرحبا 🔥 " + "W" * 200,
]
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"], exclude_characters=REFUSED),
        min_size=1,
        max_size=30,
    ).filter(lambda text: text.strip()),
)
# Where the same rendering applies, a cheaper choice keeps the examples quick.
SHORT = st.sampled_from([*HOSTILE, "Call 999.", "Rest.", "NHS", "a : b # c"])
NAME = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)


@st.composite
def flows(draw: st.DrawFn) -> dict[str, Any]:
    """A valid flow as data: 0-2 red-flag screens in a row, then questions that only ever lead
    forward (a DAG: answers may share a later question or an outcome)."""
    outcomes: dict[str, dict[str, Any]] = {}
    sources = {f"s{i}": {"title": draw(SHORT), "publisher": draw(SHORT)} for i in range(2)}

    def outcome(least: str = "self-care") -> str:
        """A new outcome at least as urgent as `least`, or an existing one that is."""
        fitting = [o for o, data in outcomes.items() if _rank(data["urgency"]) >= _rank(least)]
        if fitting and draw(st.booleans()):
            return draw(st.sampled_from(fitting))
        oid = f"result_{len(outcomes)}"
        outcomes[oid] = {
            "urgency": draw(st.sampled_from(URGENCIES[_rank(least) :])),
            "title": draw(TEXT),
            "may_be": draw(SHORT),
            "why": draw(TEXT),
            "do_now": draw(st.lists(SHORT, min_size=1, max_size=2)),
            "pages": draw(st.lists(st.sampled_from(PAGES), min_size=1, max_size=2, unique=True)),
            "sources": draw(st.lists(st.sampled_from(list(sources)), min_size=1, unique=True)),
        }
        return oid

    n_screens, n_questions = draw(st.integers(0, 2)), draw(st.integers(1, 5))
    tree = [f"q{i}" for i in range(n_questions)]
    # Each later question gets one parent before it, so every question is reachable.
    targets: dict[str, list[str]] = {qid: [] for qid in tree}
    for index in range(1, n_questions):
        targets[draw(st.sampled_from(tree[:index]))].append(tree[index])
    questions: dict[str, dict[str, Any]] = {}
    for index in range(n_screens):
        keys = draw(st.lists(NAME, min_size=2, max_size=4, unique=True))
        options = {}
        for key in keys[:-1]:
            flag = draw(st.sampled_from(["urgent", "emergency"]))
            options[key] = {"text": draw(TEXT), "next": outcome(flag), "red_flag": flag}
        following = f"screen{index + 1}" if index + 1 < n_screens else tree[0]
        options[keys[-1]] = {"text": draw(TEXT), "next": following}
        questions[f"screen{index}"] = {"text": draw(TEXT), "red_flags": True, "options": options}
    for index, qid in enumerate(tree):
        count = max(2, len(targets[qid]) + draw(st.integers(0, 2)))
        keys = draw(st.lists(NAME, min_size=count, max_size=count, unique=True))
        options = {}
        for number, key in enumerate(keys):
            option: dict[str, Any] = {"text": draw(TEXT)}
            if number < len(targets[qid]):
                option["next"] = targets[qid][number]
            elif index + 1 < n_questions and draw(st.booleans()):
                option["next"] = draw(st.sampled_from(tree[index + 1 :]))
            elif draw(st.booleans()):  # a red flag that leads straight to a result as urgent
                option["red_flag"] = draw(st.sampled_from(["urgent", "emergency"]))
                option["next"] = outcome(option["red_flag"])
            else:
                option["next"] = outcome()
            options[key] = option
        questions[qid] = {"text": draw(TEXT), "options": options}
        if draw(st.booleans()):
            questions[qid]["hint"] = draw(TEXT)
    return {
        "title": draw(SHORT),
        "start": "screen0" if n_screens else tree[0],
        "care_levels": {u: {"title": draw(SHORT), "action": draw(SHORT)} for u in URGENCIES},
        "sources": sources,
        "questions": questions,
        "outcomes": outcomes,
    }


def _rank(urgency: str) -> int:
    return URGENCIES.index(urgency)


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def brute_force_paths(data: dict[str, Any], node: str) -> list[tuple[tuple[str, str], ...]]:
    """Every path from `node` to an outcome, walked on the data itself, recursively."""
    if node in data["outcomes"]:
        return [()]
    return [
        ((node, key), *rest)
        for key, option in data["questions"][node]["options"].items()
        for rest in brute_force_paths(data, option["next"])
    ]


class _Text(HTMLParser):
    """The text, ids, links and tags of an HTML fragment."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        if tag == "a":
            self.links.append(attributes.get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def renders_soundly(flow: checker.Flow) -> None:
    """The checker, outline and data: every text shown as text, every step link landing."""
    rendered = render.render(flow)
    for fragment, ids, scripts in (
        (rendered.checker, rendered.anchors["checker"], 1),
        (rendered.outline, rendered.anchors["outline"], 0),
    ):
        parsed = _Text(fragment)
        assert parsed.tags.count("script") == scripts
        assert "img" not in parsed.tags
        assert parsed.ids == ids
        assert {link[1:] for link in parsed.links if link.startswith("#")} <= ids
        assert not [link for link in parsed.links if link.startswith("javascript")]
        shown = "".join(parsed.text)
        for question in flow.questions.values():
            assert " ".join(question.text.split()) in shown
    body = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', rendered.checker)
    assert body and not re.search(r"[<>&]", body[1])
    assert json.loads(body[1]) == rendered.data == render.flow_data(flow)


@settings(CI, max_examples=100)
@given(flows())
def test_every_valid_flow_validates_renders_and_lists_all_its_paths(data: dict[str, Any]) -> None:
    flow = checker.load_text(dump(data).encode(), FILE, docs_dir=FIXTURE_DOCS)
    renders_soundly(flow)
    expected = sorted(brute_force_paths(data, data["start"]))
    listed = sorted(tuple(answers) for answers, _ in graph.enumerate_paths(flow))
    assert listed == expected
    assert graph.count_paths(flow) == len(expected)
    ends = {end for _, end in graph.enumerate_paths(flow)}
    assert ends == set(data["outcomes"])  # every outcome is reached by some path


# --- Mutations -----------------------------------------------------------------------------

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.text(max_size=20),  # controls and overrides included: they must be refused, not crash
    st.sampled_from(["", " ", "result_0", "q0", "screen0", "s0", "urgent", "x" * 1200, *HOSTILE]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(NAME, st.text(max_size=5), max_size=3),
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value in the data (keys of mappings, indexes of lists)."""
    places = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            places += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            places += _places(value, (*path, index))
    return places


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated_data(draw: st.DrawFn) -> str:
    """A valid flow with one to three changes to its data: a value replaced by junk or by a
    name used elsewhere, a field deleted or added, a key renamed."""
    data = draw(flows())
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_places(data)))
        if not path:
            continue
        parent, last = _at(data, path[:-1]), path[-1]
        kind = draw(st.sampled_from(["replace", "delete", "add", "rename"]))
        if kind == "replace":
            parent[last] = draw(JUNK)
        elif kind == "delete":
            del parent[last]
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(st.one_of(NAME, st.sampled_from(["nxt", "next", "red_flag"])))] = draw(JUNK)
        elif kind == "rename" and isinstance(parent, dict):
            parent[draw(st.one_of(NAME, st.text(max_size=8)))] = parent.pop(last)
    return dump(data)


# What YAML makes of a character or two: structure, quotes, comments, tags, anchors and
# aliases, merge keys, directives, dates that do not exist, escapes for invisible characters,
# brackets nested deeper than any flow.
YAML_JUNK = [
    *":-[]{}\"'\t#&*!|>%@`,?\n\\",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "!!python/object/apply:os.system ",
    "!foo ",
    "!!int ",
    "!!float ",
    "!!timestamp ",
    "!!binary ",
    "!!set ",
    "&anchor ",
    "*anchor",
    "<<: ",
    "? ",
    "2026-02-30",
    '"\\x00"',
    '"\\u202e"',
    '"\\ud800"',
    "[" * 30,
    "{a: " * 30,
]


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    """A valid flow's YAML with one to three edits to its text: characters YAML cares about
    inserted, lines deleted, repeated, swapped or re-indented, the file cut short, or bytes
    that are not UTF-8."""
    lines = dump(draw(flows())).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "delete", "repeat", "swap", "indent", "cut"]))
        if kind == "insert":
            line = lines[index]
            value = line.find(": ") + 2  # often where YAML reads a tag, an anchor, a date
            at = draw(
                st.one_of(st.integers(0, len(line)), st.just(value) if value > 1 else st.nothing())
            )
            junk = draw(st.one_of(st.sampled_from(YAML_JUNK), st.text(max_size=6)))
            lines[index] = line[:at] + junk + line[at:]
        elif kind == "delete":
            del lines[index]
        elif kind == "repeat":
            lines.insert(index, lines[index])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "indent":
            lines[index] = " " * draw(st.integers(0, 3)) + lines[index].lstrip(" ")
        else:
            lines = lines[:index]
        if not lines:
            break
    raw = "".join(lines).encode()
    if draw(st.integers(0, 9)) == 0:  # now and then, a byte that is not UTF-8
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + b"\xff" + raw[at:]
    return raw


def validates_or_fails_cleanly(raw: bytes) -> None:
    """Either a sound flow, or CheckerError: one line per problem, each naming this file and a
    line in it. Any other exception fails the test as it is."""
    try:
        flow = checker.load_text(raw, FILE, docs_dir=FIXTURE_DOCS)
    except checker.CheckerError as error:
        event("refused")
        assert error.problems
        last_line = raw.count(b"\n") + 1
        assert all(1 <= problem.line <= last_line for problem in error.problems)
        lines = str(error).splitlines()
        assert 1 <= len(lines) <= MAX_SHOWN + 1
        assert all(line.startswith(f"{FILE}:") for line in lines)
        return
    event("still valid")
    renders_soundly(flow)
    assert graph.count_paths(flow) >= 1


@settings(CI, max_examples=150)
@given(mutated_data())
def test_a_flow_with_changed_data_validates_or_fails_with_checker_error(text: str) -> None:
    validates_or_fails_cleanly(text.encode())


@settings(CI, max_examples=150)
@given(mutated_data())
def test_the_compiled_schema_and_jsonschema_agree_on_what_fits(text: str) -> None:
    """The quick check (jsonschema-rs) says a flow fits exactly when jsonschema, whose errors
    the messages explain, finds none: so the quick path can never let a mistake through."""
    try:
        data = parse(text.encode(), FILE).data
    except checker.CheckerError:
        return  # not YAML the schema ever sees
    fits = schema.fits_quickly(data)
    event("fits" if fits else "does not fit")
    assert fits == (next(schema._validator().iter_errors(data), None) is None)


# Where regular expressions differ between Python (jsonschema) and Rust (jsonschema-rs): what
# `\S` counts as a space, and the separators U+001C to U+001F, which only Python counts.
SPACE_LIKE = ["\ufeff", "\x1c", "\x1f", "\x85", "\xa0", "\u180e", "\u200b", "\u2028", "\u3000"]


@pytest.mark.parametrize("char", SPACE_LIKE, ids=lambda char: f"U+{ord(char):04X}")
def test_the_quick_check_never_passes_a_text_jsonschema_refuses(char: str) -> None:
    """A text of one space-like character is refused by the loader, or the quick check
    passes it only if jsonschema does too."""
    text = VALID.read_text(encoding="utf-8").replace("title: ", f"title: {json.dumps(char)}  # ", 1)
    try:
        data = parse(text.encode(), FILE).data
    except checker.CheckerError:
        return
    if schema.fits_quickly(data):
        assert next(schema._validator().iter_errors(data), None) is None


@settings(CI, max_examples=150)
@given(mutated_text())
def test_a_flow_with_edited_text_validates_or_fails_with_checker_error(raw: bytes) -> None:
    validates_or_fails_cleanly(raw)


# Plain words YAML reads as something other than text: each type, each first character.
TYPED_WORDS = [
    *"yYnNoOtTfF~=<",
    *("yes", "No", "on", "OFF", "true", "False", "null", "Null", "", "<<"),
    *("12", "-3", "+4", "0x1F", "0o17", "0b101", "1_000", "3:25:45", ".5", "1e3", "-.Inf"),
    *(".NaN", "2026-02-03", "2026-02-03 10:00:00", "2026-13-45", "!", "&", "*", "'1'", '"no"'),
]


@st.composite
def flow_with_typed_words(draw: st.DrawFn) -> str:
    """A valid flow's YAML with up to three keys, values or list items replaced by a word from
    TYPED_WORDS: as often as not still YAML, with a number, a date, true or null in it."""
    lines = dump(draw(flows())).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        word = draw(st.sampled_from(TYPED_WORDS))
        indent, rest = re.match(r"( *(?:- )?)(.*)", lines[index], re.DOTALL).groups()
        key, colon, value = rest.partition(":")
        if colon and draw(st.booleans()):
            rest = f"{word}:{value}"  # the key
        else:
            rest = f"{key}: {word}\n" if colon else f"{word}\n"  # the value, or the list item
        lines[index] = indent + rest
    return "".join(lines)


@settings(CI, max_examples=300)
@given(flow_with_typed_words())
# `!` is PyYAML's "no tag", even on quoted text: "5" is then read as a number, and nothing as null.
@example('title: ! "5"\n')
@example("title: !\n")
def test_what_the_loader_reads_is_what_yaml_reads(text: str) -> None:
    """The loader takes most words as text without matching YAML's patterns: every value it
    accepts is the value PyYAML's own safe loader makes of the same file."""
    try:
        data = parse(text.encode(), FILE).data
    except checker.CheckerError:
        event("refused")
        return
    event("read")
    assert repr(data) == repr(yaml.load(text, Loader=yaml.SafeLoader))


@pytest.mark.parametrize("text", ["a: *x\n", "- *x\n", "a: [*x]\n", "*x : 1\n"])
def test_an_alias_is_refused_in_a_file_with_no_anchor(text: str) -> None:
    """With no `&` in the file an alias (`*x`) still comes, and is refused as one (the
    corpus's flows all hold an `&`, in "A&E")."""
    with pytest.raises(checker.CheckerError) as error:
        parse(text.encode(), FILE)
    [problem] = error.value.problems
    assert (problem.line, problem.message) == (1, "anchors and aliases (& and *) are not used here")
