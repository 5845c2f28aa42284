"""The flow as a graph: references, reachability, cycles, step numbers and paths.

Every function here is linear in the size of the flow (nodes plus options), except
`enumerate_paths`, which lists each path and so is as long as its output. Checks stay fast on a
file full of mistakes: "did you mean" hints stop when their budget of comparisons is spent
(`errors.Hints`), paths in messages are shortened, and loops are reported up to MAX_SHOWN.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from checker.errors import MAX_SHOWN, Hints, Problem
from checker.model import Flow, Question

Answer = tuple[str, str]  # (question id, option key)
# Paths in messages: this many answers at most, the first and last halves of a longer one.
MESSAGE_PATH = 12


def check_references(flow: Flow) -> list[Problem]:
    """Ids that collide, and names that point at nothing: next nodes, sources, the start."""
    problems: list[Problem] = []
    hints = Hints()
    ids = [*flow.questions, *flow.outcomes]
    for node_id in set(flow.questions) & set(flow.outcomes):
        problems.append(
            Problem(
                flow.line(node_id),
                f"duplicate id '{node_id}'",
                node_id,
                "give each question and outcome its own id",
            )
        )
    if flow.start not in flow.questions:
        problems.append(
            Problem(
                flow.start_line,
                f"the start '{flow.start}' is not a question",
                fix=hints.did_you_mean(flow.start, list(flow.questions)),
            )
        )
    for question in flow.questions.values():
        for option in question.options:
            if flow.node(option.next) is None:
                problems.append(
                    Problem(
                        flow.line_of("questions", question.id, "options", option.key, "next"),
                        f"option '{option.key}' leads to '{option.next}', which does not exist",
                        question.id,
                        hints.did_you_mean(option.next, ids),
                    )
                )
        problems.extend(_check_red_flag_screen(flow, question))
    for outcome in flow.outcomes.values():
        for index, key in enumerate(outcome.sources):
            if key not in flow.sources:
                problems.append(
                    Problem(
                        flow.line_of("outcomes", outcome.id, "sources", index),
                        f"unknown source '{key}'",
                        outcome.id,
                        hints.did_you_mean(key, list(flow.sources), "add it under `sources:`"),
                    )
                )
    return problems


def _check_red_flag_screen(flow: Flow, question: Question) -> list[Problem]:
    """A screen of warning signs lists signs, each a red flag, and one way out: 'none of these'."""
    if not question.red_flags:
        return []
    # An option that asks a sign is the sign's business (checker.signs), even an unknown one.
    calm = [o for o in question.options if o.red_flag is None and o.sign is None]
    if len(calm) == 1:
        return []
    line = flow.line_of("questions", question.id, "options")
    if not calm:
        return [
            Problem(
                line,
                "a red-flag screen needs one option without red_flag ('None of these')",
                question.id,
                "add an option such as `none:` that leads on",
            )
        ]
    names = ", ".join(f"'{option.key}'" for option in calm)
    return [
        Problem(
            line,
            f"a red-flag screen has one way out, but {names} have no red_flag",
            question.id,
            "mark each warning sign with `red_flag: emergency` or `urgent`",
        )
    ]


def check_pages(flow: Flow, docs_dir: Path | None, pages: set[str] | None = None) -> list[Problem]:
    """Each linked page exists in the docs folder (skipped when there is no docs folder) and,
    when `pages` lists the site's pages, is one of them: MkDocs leaves out some files of docs/
    (`exclude_docs`, drafts), and a link to one of those would lead nowhere."""
    if docs_dir is None:
        return []
    problems = []
    hints = Hints()
    existing: list[str] | None = None
    linking = [("outcomes", o.id, o.pages) for o in flow.outcomes.values()]
    linking += [("warning_signs", s.id, s.pages) for s in flow.signs.values()]
    for section, node_id, linked in linking:
        for index, page in enumerate(linked):
            line = flow.line_of(section, node_id, "pages", index)
            if not (docs_dir / page).is_file():
                if existing is None:  # the site's pages, else every Markdown file in docs/
                    found = pages or (
                        p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")
                    )
                    existing = sorted(found)
                fix = hints.did_you_mean(page, existing, "check the path, relative to docs/")
                message = f"links to '{page}', which is not a page in {docs_dir.name}/"
                problems.append(Problem(line, message, node_id, fix))
            elif pages is not None and PurePosixPath(page).as_posix() not in pages:
                message = f"links to '{page}', which mkdocs.yml leaves out of the site"
                fix = hints.did_you_mean(page, sorted(pages), "link a page of the guide")
                problems.append(Problem(line, message, node_id, fix))
    return problems


def check_reachable(flow: Flow) -> list[Problem]:
    """Nodes nothing leads to from the start."""
    seen = flow.reachable
    return [
        Problem(
            flow.line(node_id),
            "nothing leads to this node",
            node_id,
            f"add `next: {node_id}` to an option, or delete it",
        )
        for node_id in [*flow.questions, *flow.outcomes]
        if node_id not in seen
    ]


def find_cycles(flow: Flow, most: int | None = None) -> list[list[str]]:
    """Each loop in the flow, as the ids along it (first id repeated at the end); the first
    `most` of them when given."""
    colour: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []
    for root in flow.questions:
        if root in colour:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, _successors(flow, root))]
        colour[root] = 1
        while stack:
            node_id, successors = stack[-1]
            child = next(successors, None)
            if child is None:
                colour[node_id] = 2
                stack.pop()
            elif colour.get(child) == 1:
                on_path = [entry[0] for entry in stack]
                cycles.append([*on_path[on_path.index(child) :], child])
                if most is not None and len(cycles) >= most:
                    return cycles
            elif child not in colour:
                colour[child] = 1
                stack.append((child, _successors(flow, child)))
    return cycles


def check_cycles(flow: Flow) -> list[Problem]:
    problems = []
    for cycle in find_cycles(flow, most=MAX_SHOWN + 1):
        last, back_to = cycle[-2], cycle[-1]
        option = next(o for o in flow.questions[last].options if o.next == back_to)
        problems.append(
            Problem(
                flow.line_of("questions", last, "options", option.key, "next"),
                "a cycle: " + _shorten(cycle, " → "),
                last,
                "an answer must never lead back to an earlier question",
            )
        )
    return problems


def _successors(flow: Flow, node_id: str) -> Iterator[str]:
    question = flow.questions.get(node_id)
    return iter([o.next for o in question.options if flow.node(o.next)] if question else [])


def number_steps(flow: Flow) -> dict[str, int]:
    """Step numbers: questions so that answers always lead forward, then outcomes in the
    order the questions first name them. On paper: 'go to step 7' is always further on.
    The dict lists the steps in their order, so it needs no sorting."""
    questions = flow.order
    outcomes: dict[str, None] = {}
    for qid in questions:
        for option in flow.questions[qid].options:
            if option.next in flow.outcomes:
                outcomes.setdefault(option.next)
    return {node_id: number for number, node_id in enumerate([*questions, *outcomes], start=1)}


def count_paths(flow: Flow) -> int:
    """How many different paths lead from the start to an outcome (without listing them)."""
    counts: dict[str, int] = dict.fromkeys(flow.outcomes, 1)
    for qid in reversed(flow.order):
        counts[qid] = sum(counts.get(o.next, 0) for o in flow.questions[qid].options)
    return counts.get(flow.start, 0)


def longest_path(flow: Flow) -> tuple[list[Answer], str]:
    """The path with the most questions: its answers and the outcome it ends at."""
    best: dict[str, tuple[int, str | None, str]] = {oid: (0, None, "") for oid in flow.outcomes}
    for qid in reversed(flow.order):
        best[qid] = max(
            (
                (best[o.next][0] + 1, o.key, o.next)
                for o in flow.questions[qid].options
                if o.next in best
            ),
            key=lambda item: item[0],
            default=(0, None, ""),
        )
    answers, node = [], flow.start
    while node in flow.questions and best[node][1] is not None:
        _, key, following = best[node]
        answers.append((node, key))
        node = following
    return answers, node


def enumerate_paths(flow: Flow) -> Iterator[tuple[list[Answer], str]]:
    """Every path from the start, in the file's order of options: (answers, outcome id)."""
    stack: list[tuple[str, list[Answer]]] = [(flow.start, [])]
    while stack:
        node_id, answers = stack.pop()
        question = flow.questions.get(node_id)
        if question is None:
            yield answers, node_id
            continue
        for option in reversed(question.options):
            stack.append((option.next, [*answers, (node_id, option.key)]))


def format_path(answers: list[Answer], end: str, most: int | None = None) -> str:
    """`q1=a → q2=b → result_x`: how paths are printed in errors and in the golden file.
    With `most`, a longer path shows its first and last answers around `…`."""
    steps = [*(f"{qid}={key}" for qid, key in answers), end]
    return _shorten(steps, " → ", most + 1 if most is not None else None)


def message_path(answers: list[Answer], end: str) -> str:
    """A path as error messages print it: at most MESSAGE_PATH answers."""
    return format_path(answers, end, MESSAGE_PATH)


def _shorten(steps: list[str], joiner: str, most: int | None = MESSAGE_PATH + 1) -> str:
    if most is None or len(steps) <= most:
        return joiner.join(steps)
    half = most // 2
    hidden = len(steps) - 2 * half
    return joiner.join([*steps[:half], f"… {hidden:,} more …", *steps[-half:]])
