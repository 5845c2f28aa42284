"""Reading the flow file: YAML to plain data, remembering the line of every key.

PyYAML's data forgets where things were, so the parser's events, each of which knows its
line, are turned into dicts, lists and scalars here. On the way this refuses what YAML would
silently accept and a non-programmer would not mean: tabs, a key written twice (PyYAML keeps
the last one), `yes:` read as true, anchors and aliases, tags (`!!python/...`, `!!set`),
values YAML cannot construct (`2026-13-45`), invisible control characters, and data nested
deeper than any flow needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.errors import CheckerError, Problem, shorten

MAX_BYTES = 5_000_000
# A flow nests five levels (questions > id > options > key > text); far deeper is a mistake,
# and the converter below must not recurse without bound.
MAX_DEPTH = 20
Path_ = tuple[str | int, ...]


# libyaml, which is much faster (the pure-Python parser gives the wording of error messages,
# so both report a broken file the same way). Only its events are read: composing them into
# nodes first, then nodes into data, made and freed a second tree as large as the file's.
_PARSER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


# The pure-Python parser is slow (about a megabyte a second), and far slower on a line of many
# brackets ([[[[...), each of which it checks again at every token: past these limits a broken
# file keeps libyaml's message.
_REPARSE_CHARS = 1_000_000
_REPARSE_BRACKETS = 50
_BRACKET = re.compile(r"[\[{]")

# Hints for YAML's own messages, matched on their wording.
_SYNTAX_FIXES = {
    "mapping values are not allowed": "put the text in quotes if it contains ': '",
    "could not find expected ':'": "check the indentation, and that each field is `name: value`",
    "found character that cannot start any token": "put the text in quotes",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "quoted text that starts here": "add the closing quote",
    "did not find expected key": "check the indentation of this line and the one above",
    "did not find expected '-' indicator": "check the indentation of the list",
    "expected <block end>": "check the indentation of this line and the one above",
    "exceeded maximum nesting depth": "check the brackets and the indentation",
}

# Invisible characters no one types on purpose: C0 and C1 controls (tab and line ends are
# whitespace), and the bidirectional overrides and isolates that reorder how text is shown.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In ASCII text only C0 controls and DEL can be: bytes.translate finds those in one pass in C,
# several times quicker than the pattern on a large file.
_ASCII_SHOWN = bytes(range(0x20, 0x7F)) + b"\t\n\r"
# YAML's line breaks (str.splitlines knows more, and would number lines differently).
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


_STR = "tag:yaml.org,2002:str"
_SCALAR = yaml.ScalarEvent
_ALIAS = yaml.AliasEvent
_MAPPING = yaml.MappingStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_DEFAULT_TAGS = {
    _MAPPING: "tag:yaml.org,2002:map",
    yaml.SequenceStartEvent: "tag:yaml.org,2002:seq",
}
_NON_SPECIFIC = (None, "!")  # no tag written, or `!`: PyYAML works out the tag as for none
# The first characters YAML's implicit types (numbers, dates, true, null...) can start with,
# '' for the empty value: a plain word that starts otherwise is text.
_TYPED_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
_KINDS = {bool: "true or false", int: "a number", float: "a number", type(None): "empty"}
_ANCHORS = "anchors and aliases (& and *) are not used here"


class Mapping(dict[str, Any]):
    """A mapping of the file, with the line of each of its keys."""

    __slots__ = ("lines",)
    lines: dict[str, int]


class Sequence(list[Any]):
    """A list of the file, with the line of each of its items."""

    __slots__ = ("lines",)
    lines: list[int]


def key_lines(value: Any) -> dict[str, int]:
    """The line of each key of a mapping of the file; {} for other data."""
    return value.lines if isinstance(value, Mapping) else {}


@dataclass
class Document:
    """The file's data, whose mappings and lists carry the line of each key and item (a line
    per path, kept apart, was a third of the time to read a large file)."""

    data: Any
    start_line: int = 1

    def line(self, path: Path_) -> int:
        """The line of `path`, or of the nearest enclosing key that has one."""
        line, _ = self._walk(path)
        return line

    def written(self, path: Path_) -> bool:
        """Whether the file writes every key of `path`."""
        _, found = self._walk(path)
        return found == len(path)

    def _walk(self, path: Path_) -> tuple[int, int]:
        """The line of the deepest part of `path` the file writes, and how many parts it is."""
        line, node, found = self.start_line, self.data, 0
        for part in path:
            if not isinstance(node, Mapping | Sequence):
                break
            try:
                line, node = node.lines[part], node[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                break
            found += 1
        return line, found


def parse(raw: bytes, path: Path, max_bytes: int = MAX_BYTES) -> Document:
    def fail(line: int, message: str, fix: str | None = None) -> CheckerError:
        return CheckerError([Problem(line, message, fix=fix)], path)

    if len(raw) > max_bytes:
        raise fail(1, f"the file is too large ({len(raw):,} bytes; the limit is {max_bytes:,})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise fail(line, "the file is not UTF-8 text", "save it as UTF-8") from None
    if "\t" in text:  # a search of the whole text is far quicker than one per line
        _refuse_tab_indents(text, path)
    problems: list[Problem] = []
    # A control character in the data is in the text, or written as an escape ("\u202E").
    may_hold_control = "\\" in text or _holds_control(raw, text)
    parser = _PARSER(text)
    may_anchor = "&" in text or "*" in text  # an anchor, or an alias (with or without one)
    reader = _Reader(parser.get_event, problems.append, may_hold_control, may_anchor)
    try:
        documents = reader.documents()
    except yaml.YAMLError as error:
        raise _syntax_error(text, path, error) from None
    finally:
        parser.dispose()
    if not documents:
        raise fail(1, "the file is empty", "copy the shape of docs/checker/flow.yaml")
    if len(documents) > 1:
        # The line of the second document's first value, counted from 0: that of its `---`.
        message = "the file holds more than one YAML document"
        raise fail(documents[1][0], message, "remove the line with `---`")
    if problems:
        raise CheckerError(problems, path)
    line, data = documents[0]
    return Document(data, line + 1)


def _holds_control(raw: bytes, text: str) -> bool:
    if text.isascii():
        return bool(raw.translate(None, _ASCII_SHOWN))
    return _CONTROL.search(text) is not None


def _refuse_tab_indents(text: str, path: Path) -> None:
    tabs = [
        Problem(number, "a tab is used for indentation", fix="indent with spaces")
        for number, content in enumerate(_LINE_BREAK.split(text), start=1)
        if "\t" in content[: len(content) - len(content.lstrip())]
    ]
    if tabs:
        raise CheckerError(tabs, path)


def _syntax_error(text: str, path: Path, fast: yaml.YAMLError) -> CheckerError:
    """Read again with the pure-Python parser, whose messages are the reference wording, when
    that is quick; otherwise keep libyaml's message (the same wording in most cases)."""
    if len(text) <= _REPARSE_CHARS and _most_brackets_on_a_line(text) <= _REPARSE_BRACKETS:
        try:
            for _ in yaml.parse(text, Loader=yaml.SafeLoader):
                pass
        except yaml.MarkedYAMLError as error:
            return CheckerError([_describe(error)], path)
        except yaml.reader.ReaderError as error:
            return CheckerError([_unreadable(text, error)], path)
    if isinstance(fast, yaml.MarkedYAMLError):
        return CheckerError([_describe(fast)], path)
    if isinstance(fast, yaml.reader.ReaderError):
        return CheckerError([_unreadable(text, fast)], path)
    return CheckerError([Problem(1, "YAML syntax error", fix=str(fast))], path)


def _unreadable(text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML refuses anywhere in a file (libyaml gives its code, PyYAML the
    character itself)."""
    code = error.character if isinstance(error.character, int) else ord(error.character)
    line = len(_LINE_BREAK.findall(text, 0, error.position)) + 1
    message = f"the file holds a character YAML does not allow (U+{code:04X})"
    return Problem(line, message, fix="delete it: it may be invisible, so retype the line")


def _most_brackets_on_a_line(text: str) -> int:
    return max(len(_BRACKET.findall(line)) for line in _LINE_BREAK.split(text))


def _describe(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "cannot be read").strip()
    if error.context == "while scanning a quoted scalar" and error.context_mark:
        mark, problem = error.context_mark, "the quoted text that starts here is not closed"
    if problem == "second occurrence" and error.context:  # "found duplicate anchor 'x'; …"
        problem = error.context.split(";")[0]
    line = mark.line + 1 if mark else 1
    problem = problem.replace("\t", "\\t")
    fix = next((hint for key, hint in _SYNTAX_FIXES.items() if key in problem), None)
    return Problem(line, f"YAML syntax error: {problem}", fix=fix)


def _is_text(event: yaml.Event) -> bool:
    """A value with no tag written that YAML reads as text: most of a flow, taken with no
    further work. Quoted and block text is always text; a plain word is unless it starts as
    one of YAML's types can (PyYAML has no type that may start with any character)."""
    return (
        type(event) is _SCALAR
        and event.tag is None
        and bool(event.style or event.value[:1] not in _TYPED_FIRST)
    )


class _Reader:
    """Parser events to Python data; one Problem per refused construct, reported together.

    Each method is given the event a value starts with and reads the events to its end, so
    nothing is left to read again and no tree of nodes is made. Recursion follows the data's
    nesting, which stops at MAX_DEPTH."""

    def __init__(
        self,
        next_event: Callable[[], yaml.Event],
        report: Callable[[Problem], None],
        may_hold_control: bool,
        may_anchor: bool,
    ) -> None:
        self.next_event = next_event
        self.report = report
        self.may_hold_control = may_hold_control  # else no text need be searched
        # Else no event need be looked at for an anchor or an alias: without either, the
        # common cases (text in a mapping or a list) are read on the spot.
        self.may_anchor = may_anchor
        self.scalars = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()
        self.plain_tags: dict[str, str] = {}
        self.anchor_found = self.too_deep = False

    def documents(self) -> list[tuple[int, Any]]:
        """Each document's first line (counted from 0) and, for the first, its data; the
        others are read through only for their syntax (a flow is one document)."""
        next_event = self.next_event
        next_event()  # the stream starts
        documents: list[tuple[int, Any]] = []
        while type(next_event()) is yaml.DocumentStartEvent:
            event = next_event()
            data = self.skip(event) if documents else self.value(event, ())
            documents.append((event.start_mark.line, data))
            next_event()  # the document ends
        return documents

    def skip(self, event: yaml.Event) -> None:
        """Read through the rest of the value `event` starts, keeping nothing."""
        depth = int(isinstance(event, yaml.CollectionStartEvent))
        while depth:
            event = self.next_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1

    def value(self, event: yaml.Event, path: Path_) -> Any:
        """The data of the value `event` starts, at `path`."""
        if self.may_anchor and self._refused_anchor(event, path):
            return None
        if _is_text(event):
            return self._text(event, path)
        tag, written = self._tag(event)
        line = event.start_mark.line + 1
        if tag == _STR and type(event) is _SCALAR:  # `!!str` written, or "yes"
            return self._text(event, path)
        if written and tag != self._implicit_tag(event):
            self._refuse_tag(tag, line, path)
            return self.skip(event)
        if type(event) is not _SCALAR:
            if len(path) >= MAX_DEPTH:
                if not self.too_deep:  # once: the rest of that branch is the same mistake
                    self.too_deep = True
                    message = f"the data nests more than {MAX_DEPTH} levels deep"
                    fix = "check the brackets and the indentation"
                    self.report(Problem(line, message, node_of(path), fix))
                return self.skip(event)
            return self._mapping(path) if type(event) is _MAPPING else self._sequence(path)
        try:
            return self._construct(event, tag)
        except (ValueError, OverflowError, yaml.YAMLError):  # a date such as 2026-13-45
            kind = {"timestamp": "date"}.get(tag.rsplit(":", 1)[-1], "value")
            message = f"YAML reads '{shorten(event.value)}' as a {kind}, but it is not a valid one"
            self.report(Problem(line, message, node_of(path), "put the text in quotes"))
            return None

    def _refused_anchor(self, event: yaml.Event, path: Path_) -> bool:
        """Reports the file's first anchor or alias; True for an alias, which has no value
        of its own to read."""
        alias = type(event) is _ALIAS
        if (alias or event.anchor is not None) and not self.anchor_found:
            self.anchor_found = True  # once: the others are the same mistake
            line = event.start_mark.line + 1
            self.report(Problem(line, _ANCHORS, node_of(path), "write the text out in full"))
        return alias

    def _text(self, event: yaml.ScalarEvent, path: Path_, key: str | int | None = None) -> str:
        """The event's text, at `path` (or at `key` in it: that path is made only for a
        problem), refused if it holds a control character."""
        if self.may_hold_control and _CONTROL.search(event.value):
            where = path if key is None else (*path, key)
            self.report(_control(event.value, where, event.start_mark.line + 1))
        return event.value

    def _tag(self, event: yaml.Event) -> tuple[str, bool]:
        """The value's tag, and whether the file writes it."""
        if event.tag in _NON_SPECIFIC:
            return self._implicit_tag(event), False
        return event.tag, True

    def _refuse_tag(self, tag: str, line: int, path: Path_) -> None:
        message = f"YAML tags such as '{tag}' are not used here"
        self.report(Problem(line, message, node_of(path), "remove the tag"))

    def _construct(self, event: yaml.ScalarEvent, tag: str) -> Any:
        """The value YAML makes of a scalar with this tag (raises if it cannot)."""
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return self.scalars.construct_object(node)

    def _implicit_tag(self, event: yaml.Event) -> str:
        """The tag YAML gives the value when none is written: anything else was written."""
        if type(event) is not _SCALAR:
            return _DEFAULT_TAGS[type(event)]
        if event.style and event.tag != "!":  # quoted or a block (PyYAML reads `!` as no tag)
            return _STR
        tag = self.plain_tags.get(event.value)
        if tag is None:
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, (True, False))
            self.plain_tags[event.value] = tag
        return tag

    def _mapping(self, path: Path_) -> Mapping:
        result = Mapping()
        result.lines = lines = {}
        inline = not self.may_anchor
        next_event = self.next_event
        while type(event := next_event()) is not _MAPPING_END:
            line = event.start_mark.line + 1
            key = event.value if inline and _is_text(event) else self._key(event, path, line)
            value = next_event()
            if key is None:
                self.skip(value)
            elif key in lines:
                self.report(_duplicate(path, key, line, lines[key]))
                self.skip(value)
            else:
                lines[key] = line
                if inline and _is_text(value):  # the common case: no path made for it
                    result[key] = self._text(value, path, key)
                else:
                    result[key] = self.value(value, (*path, key))
        return result

    def _sequence(self, path: Path_) -> Sequence:
        items = Sequence()
        items.lines = lines = []
        inline = not self.may_anchor
        next_event = self.next_event
        while type(event := next_event()) is not _SEQUENCE_END:
            lines.append(event.start_mark.line + 1)
            if inline and _is_text(event):
                items.append(self._text(event, path, len(items)))
            else:
                items.append(self.value(event, (*path, len(items))))
        return items

    def _key(self, event: yaml.Event, path: Path_, line: int) -> str | None:
        """A key that is not plain text: its text if YAML reads it as text, else None (and
        the problem reported)."""
        if self.may_anchor and self._refused_anchor(event, path):
            return None
        if type(event) is not _SCALAR:
            self.report(Problem(line, "a key must be a plain name", node_of(path)))
            self.skip(event)
            return None
        tag, written = self._tag(event)
        if tag == "tag:yaml.org,2002:merge":
            message = "merge keys (<<) are not used here"
            self.report(Problem(line, message, node_of(path), "write the fields out in full"))
            return None
        if tag == _STR:
            return event.value
        if written and tag != self._implicit_tag(event):
            self._refuse_tag(tag, line, path)
            return None
        try:
            kind = _KINDS.get(type(self._construct(event, tag)), "not text")
        except (ValueError, OverflowError, yaml.YAMLError):
            kind = "not text"
        message = f"YAML reads the key '{event.value}' as {kind}, not a name"
        self.report(Problem(line, message, node_of(path), "use a word such as 'has_rash'"))
        return None


def _control(value: str, path: Path_, line: int) -> Problem:
    char = _CONTROL.search(value)[0]  # type: ignore[index]
    names = [part for part in path if isinstance(part, str)]
    field = names[-1] if names else "the text"
    return Problem(
        line,
        f"'{field}' holds an invisible control character (U+{ord(char):04X})",
        node_of(path),
        "delete the text and type it again: copying from another program can bring these in",
    )


def node_of(path: Path_) -> str | None:
    """The question or outcome a path lies in, if any."""
    if len(path) >= 2 and path[0] in ("questions", "outcomes"):
        return str(path[1])
    return None


def _duplicate(path: Path_, key: str, line: int, first: int) -> Problem:
    if len(path) == 1 and path[0] in ("questions", "outcomes"):
        return Problem(
            line,
            f"duplicate id '{key}', first defined on line {first}",
            key,
            "give each question and outcome its own id",
        )
    if len(path) == 3 and path[0] == "questions" and path[2] == "options":
        return Problem(
            line,
            f"duplicate option '{key}', first on line {first}",
            node_of(path),
            "give each option of a question its own name",
        )
    return Problem(
        line, f"'{key}' is written twice, first on line {first}", node_of(path), "keep one of them"
    )
