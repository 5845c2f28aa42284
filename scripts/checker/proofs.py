"""Safety proofs over every path of the flow, not over samples.

Paths can be far more numerous than nodes, so each proof is a pass over the graph that
covers all paths at once (dynamic programming on the acyclic graph), and then rebuilds one
offending path to show. A failed proof prints that path.

1. Every path from the start ends at an outcome (no dead end, no loop).
2. Every red-flag question is on every path to an outcome calmer than urgent.
3. After an answer marked as a red flag, no reachable outcome is calmer than that flag.

Rebuilding a path is a pass over the graph, so the proofs stop after MAX_SHOWN + 1 problems.
"""

from __future__ import annotations

from collections import deque

from checker.errors import MAX_SHOWN, Problem
from checker.graph import Answer, message_path
from checker.model import RANK, Flow

URGENT = RANK["urgent"]


def prove_all(flow: Flow) -> list[Problem]:
    problems = prove_every_path_ends(flow)
    if problems:  # the other proofs assume paths that end
        return problems
    return prove_red_flags_first(flow) + prove_flags_never_calmer(flow)


def prove_every_path_ends(flow: Flow) -> list[Problem]:
    """Depth-first over the graph; a node is explored once, so this is linear."""
    problems = []
    done: set[str] = set()
    on_path: dict[str, int] = {}
    stack: list[tuple[str, int]] = [(flow.start, 0)]  # (node, index of its next option)
    answers: list[Answer] = []
    while stack:
        node_id, index = stack[-1]
        if index == 0:
            problem = _dead_end(flow, node_id, answers)
            if problem:
                problems.append(problem)
                done.add(node_id)
            if node_id in done or node_id in flow.outcomes:
                stack.pop()
                if answers:
                    answers.pop()
                continue
            on_path[node_id] = len(stack)
        question = flow.questions[node_id]
        if index == len(question.options):
            done.add(node_id)
            del on_path[node_id]
            stack.pop()
            if answers:
                answers.pop()
            continue
        stack[-1] = (node_id, index + 1)
        option = question.options[index]
        if option.next in on_path:
            loop = [*answers, (node_id, option.key)]
            problems.append(
                Problem(
                    flow.line_of("questions", node_id, "options", option.key, "next"),
                    "a path that never ends (it loops): " + message_path(loop, option.next),
                    node_id,
                    "an answer must never lead back to an earlier question",
                )
            )
            continue
        answers.append((node_id, option.key))
        stack.append((option.next, 0))
    return problems


def _dead_end(flow: Flow, node_id: str, answers: list[Answer]) -> Problem | None:
    if node_id in flow.outcomes:
        return None
    question = flow.questions.get(node_id)
    if question is None:
        qid, key = answers[-1] if answers else (None, None)
        line = flow.line_of("questions", qid, "options", key, "next") if qid else flow.start_line
        return Problem(
            line,
            "a path ends at a node that does not exist: " + message_path(answers, node_id),
            qid,
            "name an existing question or outcome",
        )
    if not question.options:
        return Problem(
            question.line,
            "a path ends at a question with no options: " + message_path(answers, node_id),
            node_id,
            "add at least two options",
        )
    return None


def prove_red_flags_first(flow: Flow) -> list[Problem]:
    """For each node, the red-flag questions asked on *every* path to it (a bit set, meet over
    the paths in); an outcome calmer than urgent must have all of them."""
    screens = [qid for qid, q in flow.questions.items() if q.red_flags]
    if not screens:
        return []
    bit = {qid: 1 << index for index, qid in enumerate(screens)}
    everything = (1 << len(screens)) - 1
    asked_on_entry: dict[str, int] = {flow.start: 0}
    for qid in flow.order:
        if qid not in asked_on_entry:
            continue
        asked = asked_on_entry[qid] | bit.get(qid, 0)
        for option in flow.questions[qid].options:
            asked_on_entry[option.next] = asked_on_entry.get(option.next, everything) & asked
    problems = []
    paths = _ShortestPaths(flow)
    for outcome in flow.outcomes.values():
        if outcome.id not in asked_on_entry or RANK[outcome.urgency] >= URGENT:
            continue
        for screen in screens:
            if asked_on_entry[outcome.id] & bit[screen]:
                continue
            if len(problems) > MAX_SHOWN:
                return problems
            path = paths.to(outcome.id, avoid=screen)
            problems.append(
                Problem(
                    outcome.line,
                    f"reached ({outcome.urgency}) without asking the red-flag question "
                    f"'{screen}': " + message_path(*path),
                    outcome.id,
                    "ask every red-flag question before any result calmer than urgent",
                )
            )
    return problems


def prove_flags_never_calmer(flow: Flow) -> list[Problem]:
    """For each node, the calmest outcome reachable from it (and the answer that leads there);
    a red-flag answer must not lead to anything calmer than its flag."""
    # node -> (rank of the calmest outcome, the answer towards it, the node that answer leads to)
    calmest: dict[str, tuple[int, str, str]] = {
        oid: (RANK[o.urgency], "", "") for oid, o in flow.outcomes.items()
    }
    for qid in reversed(flow.order):
        choices = [
            (calmest[o.next][0], o.key, o.next)
            for o in flow.questions[qid].options
            if o.next in calmest
        ]
        if choices:
            calmest[qid] = min(choices, key=lambda choice: choice[0])
    problems = []
    paths = _ShortestPaths(flow)
    for qid in flow.order:
        question = flow.questions[qid]
        for option in question.options:
            if option.red_flag is None or option.next not in calmest:
                continue
            if calmest[option.next][0] >= RANK[option.red_flag]:
                continue
            if len(problems) > MAX_SHOWN:
                return problems
            before, _ = paths.to(qid)
            answers = [*before, (qid, option.key)]
            node = option.next
            while node in flow.questions:
                _, key, following = calmest[node]
                answers.append((node, key))
                node = following
            problems.append(
                Problem(
                    flow.line_of("questions", qid, "options", option.key),
                    f"the red flag '{option.key}' ({option.red_flag}) can lead to "
                    f"'{node}' ({flow.outcomes[node].urgency}): " + message_path(answers, node),
                    qid,
                    f"every result after this answer must be {option.red_flag} or more urgent",
                )
            )
    return problems


class _ShortestPaths:
    """Shortest paths from the start (breadth first), one pass per question to avoid: each
    problem's path is then as cheap as its length."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.parents: dict[str | None, dict[str, tuple[str, str] | None]] = {}

    def to(self, target: str, avoid: str | None = None) -> tuple[list[Answer], str]:
        """A shortest path from the start to `target` that never asks `avoid`."""
        if avoid not in self.parents:
            self.parents[avoid] = self._search(avoid)
        parent = self.parents[avoid]
        answers: list[Answer] = []
        node: str = target
        while parent.get(node):
            qid, key = parent[node]  # type: ignore[misc]
            answers.append((qid, key))
            node = qid
        return answers[::-1], target

    def _search(self, avoid: str | None) -> dict[str, tuple[str, str] | None]:
        flow = self.flow
        parent: dict[str, tuple[str, str] | None] = {flow.start: None}
        queue = deque([flow.start])
        while queue:
            node_id = queue.popleft()
            question = flow.questions.get(node_id)
            if question is None or node_id == avoid:
                continue
            for option in question.options:
                if option.next not in parent and option.next != avoid:
                    parent[option.next] = (node_id, option.key)
                    queue.append(option.next)
        return parent
