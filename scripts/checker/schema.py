"""Checking the flow's shape against flow.schema.json, in words a clinician can act on.

The schema is the one editors use for completion. A flow that fits is known to fit by the
schema compiled by jsonschema-rs (in Rust), which is quick; one that does not is read again
by jsonschema, whose errors say where and why, and turned here into `Problem`s that name the
line, the node, and how to fix it (`x-fix` in the schema).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from checker.errors import Hints, Problem, shorten
from checker.loading import Document, Path_, node_of

SCHEMA_PATH = Path(__file__).with_name("flow.schema.json")
_TYPE_NAMES = {
    "string": "text",
    "array": "a list (lines starting with '- ')",
    "object": "a set of named fields",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


if TYPE_CHECKING:
    import jsonschema


@cache
def _compiled() -> Callable[[Any], bool]:
    return jsonschema_rs.validator_for(schema()).is_valid


def fits_quickly(data: Any) -> bool:
    """Whether the data fits, by the compiled schema, without saying why; False too for a
    value JSON has no type for, such as a date YAML read, which is not text."""
    try:
        return _compiled()(data)
    except ValueError:
        return False


@cache
def _validator() -> jsonschema.Draft7Validator:
    """jsonschema's validator, which lists every error; imported only for a flow that does
    not fit (it is slow to import, too)."""
    import jsonschema

    jsonschema.Draft7Validator.check_schema(schema())
    return jsonschema.Draft7Validator(_inlined())


@cache
def _inlined() -> dict[str, Any]:
    """The schema with its `$ref`s written out in place: the same rules, several times faster
    on a large flow than resolving each reference as it is met."""
    definitions = schema()["definitions"]

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                target = definitions[node["$ref"].removeprefix("#/definitions/")]
                siblings = {key: value for key, value in node.items() if key != "$ref"}
                return inline({**target, **siblings})
            return {key: inline(value) for key, value in node.items() if key != "definitions"}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(schema())


def validate(document: Document) -> list[Problem]:
    """Every way the data departs from the schema; an empty list when it fits."""
    if fits_quickly(document.data):
        return []
    # Explained in jsonschema's words. It is the reference: where the two differ (`$` before
    # a final line break, say), what it finds is what counts.
    errors = list(_validator().iter_errors(document.data))
    hints = Hints()
    # A typo (`nxt:`) is one mistake: its "missing field 'next'" is left out.
    typos = {
        (tuple(error.absolute_path), hints.closest(extra, list(error.schema.get("properties", {}))))
        for error in errors
        if error.validator == "additionalProperties"
        for extra in error.instance
    }
    problems: list[Problem] = []
    for error in errors:
        problems.extend(_explain(error, document, typos, hints))
    return problems


def _explain(
    error: jsonschema.ValidationError,
    document: Document,
    typos: set[tuple[Path_, str | None]],
    hints: Hints,
) -> list[Problem]:
    path: Path_ = tuple(error.absolute_path)
    keyword = error.validator
    sub: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    fix = sub.get("x-fix")
    instance = error.instance

    if "propertyNames" in error.schema_path:  # a bad id or option name: point at the key
        key_path = (*path, instance)
        kind = {"questions": "question id", "outcomes": "outcome id"}.get(str(path[-1]), "name")
        node = str(instance) if len(path) == 1 else node_of(path)
        return [_at(document, key_path, f"'{instance}' is not a valid {kind}", node, fix)]

    field = _field(path)
    if keyword == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        return [
            _at(
                document,
                (*path, extra),
                f"unknown field '{extra}'",
                node_of(path),
                hints.did_you_mean(extra, allowed, "allowed here: " + ", ".join(allowed)),
            )
            for extra in instance
            if extra not in allowed
        ]
    if keyword == "required":
        properties = sub.get("properties", {})
        missing = [
            name
            for name in error.validator_value
            if name not in instance and (path, name) not in typos
        ]
        return [
            _at(
                document,
                path,
                f"missing field '{name}'",
                node_of(path) or node_of((*path, name)),
                _required_fix(name, properties.get(name, {})),
            )
            for name in missing
        ]
    if keyword == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        actual = _TYPE_NAMES.get(_json_type(instance), _json_type(instance))
        message = f"'{field}' should be {expected}, not {actual}"
        if isinstance(instance, bool) and error.validator_value == "string":
            fix = "YAML reads Yes, No, On and Off as true or false: put the text in quotes"
        return [_at(document, path, message, node_of(path), fix)]
    if keyword in ("minLength", "pattern") and isinstance(instance, str) and not instance.strip():
        return [_at(document, path, f"'{field}' is empty", node_of(path), fix)]
    if keyword == "pattern":
        what = "page path" if field == "pages" else field
        return [
            _at(document, path, f"'{shorten(instance)}' is not a valid {what}", node_of(path), fix)
        ]
    if keyword == "enum":
        message = f"'{shorten(instance)}' is not a valid {field}"
        return [_at(document, path, message, node_of(path), fix)]
    if keyword == "maxLength":
        limit = error.validator_value
        message = f"'{field}' is too long ({len(instance):,} characters; the limit is {limit:,})"
        return [_at(document, path, message, node_of(path), "shorten it")]
    if keyword == "minProperties" and field == "options" and not instance:
        message = "a question without options is a dead end"
        fix = "add at least two options, each with `text:` and `next:`"
        return [_at(document, path, message, node_of(path), fix)]
    if keyword == "minProperties" and field == "options":
        message = f"a question needs at least two options, this one has {len(instance)}"
        return [_at(document, path, message, node_of(path), "add another option")]
    if keyword == "maxProperties":
        message = f"'{field}' has {len(instance)} entries; the limit is {error.validator_value}"
        return [_at(document, path, message, node_of(path), "split the question in two")]
    if keyword in ("minItems", "minProperties"):
        return [_at(document, path, f"'{field}' is empty", node_of(path), fix)]
    if keyword == "uniqueItems":
        message = f"'{field}' lists the same entry twice"
        return [_at(document, path, message, node_of(path), "remove the repeated entry")]
    return [_at(document, path, error.message, node_of(path), fix)]


def _at(
    document: Document, path: Path_, message: str, node: str | None, fix: str | None
) -> Problem:
    return Problem(document.line(path), message, node, fix)


def _field(path: Path_) -> str:
    """The name of the field a path points into: `pages` for ('outcomes', 'x', 'pages', 0)."""
    names = [part for part in path if isinstance(part, str)]
    return names[-1] if names else "the file"


def _required_fix(name: str, subschema: dict[str, Any]) -> str:
    enum = subschema.get("enum") or schema()["definitions"].get(name, {}).get("enum")
    if enum:
        return f"add `{name}:` with one of: " + ", ".join(enum)
    return f"add `{name}:`"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__  # a date, for example: YAML reads 2026-01-01 as one
