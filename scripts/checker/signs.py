"""The warning-sign catalogue against the flow: each sign asked, and at its level, on every path.

A sign is written once, under `warning_signs:`, with its level. An option that asks it says
`sign: ID` and takes its words and level from there, so the checker and the pages can never
word or rate a sign differently. Checked here, after the graph is known to be sound:

- references: each option's sign exists, an option has either `text:` or `sign:`, a sign's
  sources and `after:` exist, and a screen lists its signs most urgent first (a reader picks
  the first sign that applies, so a calmer sign must never hide a more urgent one below it);
- proof 1: every sign is asked before any result calmer than its level, on every path (a sign
  with `after: X` counts as ruled out once X is answered no);
- proof 2: every path through a sign answered yes ends at its level or a more urgent one.
"""

from __future__ import annotations

from itertools import pairwise

from checker.errors import MAX_SHOWN, Hints, Problem
from checker.graph import Answer, message_path
from checker.model import RANK, Flow, Question, Sign


def check(flow: Flow) -> list[Problem]:
    """Names that point at nothing, options that are neither text nor sign, screen order."""
    problems: list[Problem] = []
    hints = Hints()
    for sign in flow.signs.values():
        for index, key in enumerate(sign.sources):
            if key not in flow.sources:
                line = flow.line_of("warning_signs", sign.id, "sources", index)
                fix = hints.did_you_mean(key, list(flow.sources), "add it under `sources:`")
                problems.append(Problem(line, f"unknown source '{key}'", sign.id, fix))
        if sign.after is not None and sign.after not in flow.signs:
            line = flow.line_of("warning_signs", sign.id, "after")
            fix = hints.did_you_mean(sign.after, list(flow.signs))
            problems.append(Problem(line, f"follows unknown sign '{sign.after}'", sign.id, fix))
    for question in flow.questions.values():
        for option in question.options:
            problems.extend(_check_option(flow, question, option.key, option.sign, hints))
        problems.extend(_check_order(flow, question))
    return problems


def _check_option(
    flow: Flow, question: Question, key: str, sign: str | None, hints: Hints
) -> list[Problem]:
    """An option is its own words (`text:`) or a sign's (`sign:`), never both or neither."""
    path = ("questions", question.id, "options", key)
    written = {
        field for field in ("text", "sign", "red_flag") if flow.document.written((*path, field))
    }
    line = flow.line_of(*path)
    if sign is not None and sign not in flow.signs:
        fix = hints.did_you_mean(sign, list(flow.signs), "add it under `warning_signs:`")
        return [Problem(line, f"option '{key}' asks unknown sign '{sign}'", question.id, fix)]
    if ("sign" in written) == ("text" in written):
        fix = "a sign brings its own words: write one of the two"
        return [Problem(line, f"option '{key}' needs either `text:` or `sign:`", question.id, fix)]
    if {"sign", "red_flag"} <= written:
        fix = "remove red_flag: the sign's level is its flag"
        return [Problem(line, f"option '{key}' asks a sign and sets `red_flag:`", question.id, fix)]
    return []


def _check_order(flow: Flow, question: Question) -> list[Problem]:
    levels = [
        (option, RANK[flow.signs[option.sign].level])
        for option in question.options
        if option.sign in flow.signs
    ]
    for (before, rank_before), (after, rank_after) in pairwise(levels):
        if rank_after > rank_before:
            return [
                Problem(
                    flow.line_of("questions", question.id, "options", after.key),
                    f"sign '{after.sign}' ({flow.signs[after.sign].level}) comes after the "
                    f"calmer sign '{before.sign}' ({flow.signs[before.sign].level})",
                    question.id,
                    "list a screen's signs most urgent first",
                )
            ]
    return []


def prove(flow: Flow) -> list[Problem]:
    """Every sign is asked before any calmer result, and leads only to its level or more."""
    problems: list[Problem] = []
    for sign in flow.signs.values():
        if len(problems) > MAX_SHOWN:
            break
        problems.extend(_prove_asked(flow, sign))
    return problems + _prove_answers(flow)


def _prove_asked(flow: Flow, sign: Sign) -> list[Problem]:
    """Walk the flow from the start without passing any question that asks the sign, and
    without an answer that rules it out; a calmer result found on the way was reached without
    asking it. The walk is breadth first, so the path shown is a shortest one."""
    asks = {qid for qid, q in flow.questions.items() if any(o.sign == sign.id for o in q.options)}
    parent: dict[str, Answer | None] = {flow.start: None}
    queue = [flow.start]
    for node_id in queue:
        question = flow.questions.get(node_id)
        if question is None or node_id in asks:
            continue
        for option in _still_open(question, sign):
            if option.next not in parent:
                parent[option.next] = (node_id, option.key)
                queue.append(option.next)
    missed = [
        oid
        for oid, outcome in flow.outcomes.items()
        if oid in parent and RANK[outcome.urgency] < RANK[sign.level]
    ]
    if not missed:
        return []
    first = missed[0]
    answers: list[Answer] = []
    node = first
    while parent[node] is not None:
        qid, key = parent[node]  # type: ignore[misc]
        answers.append((qid, key))
        node = qid
    more = f" (and {len(missed) - 1} more)" if len(missed) > 1 else ""
    return [
        Problem(
            sign.line,
            f"the sign ({sign.level}) is not asked before '{first}' "
            f"({flow.outcomes[first].urgency}){more}: " + message_path(answers[::-1], first),
            sign.id,
            "ask it with `sign:` on every path before a calmer result",
        )
    ]


def _still_open(question: Question, sign: Sign) -> list:
    """The answers after which the sign may still apply. A sign that follows another is ruled
    out by any answer listed after that other sign: screens take the first sign that applies."""
    keys = [option.sign for option in question.options]
    if sign.after is None or sign.after not in keys:
        return list(question.options)
    return list(question.options[: keys.index(sign.after) + 1])


def _prove_answers(flow: Flow) -> list[Problem]:
    """After an answer that is a sign, the calmest reachable result is at least its level."""
    calmest: dict[str, tuple[int, str]] = {
        oid: (RANK[o.urgency], oid) for oid, o in flow.outcomes.items()
    }
    for qid in reversed(flow.order):
        ends = [calmest[o.next] for o in flow.questions[qid].options if o.next in calmest]
        if ends:
            calmest[qid] = min(ends)
    problems = []
    for qid, question in flow.questions.items():
        for option in question.options:
            sign = flow.signs.get(option.sign or "")
            if sign is None or option.next not in calmest:
                continue
            rank, end = calmest[option.next]
            if rank < RANK[sign.level]:
                problems.append(
                    Problem(
                        flow.line_of("questions", qid, "options", option.key),
                        f"the sign '{sign.id}' ({sign.level}) can lead to '{end}' "
                        f"({flow.outcomes[end].urgency})",
                        qid,
                        f"every result after this answer must be {sign.level} or more urgent",
                    )
                )
    return problems
