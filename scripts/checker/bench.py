"""Time the generator on synthetic flows of 1,000 and 10,000 nodes: `make bench`.

    PYTHONPATH=scripts python -m checker.bench [SIZES...]

Each flow is a tree behind the two red-flag screens, written as YAML like the real one. It
goes through what `mkdocs build` does with the real one (`checker.load`, then `render`):
parse, schema, graph checks, the three proofs, step numbers, then the HTML and JSON.
Prints the best of three runs per stage and the ratio between sizes (10 for linear growth).
Asserts nothing: the tests time nothing.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker import complete, graph, paused_gc, proofs, render, schema
from checker.loading import parse
from checker.model import build

SIZES = (1_000, 10_000)
RUNS = 3


def synthetic_flow(nodes: int, seed: int = 4) -> str:
    """YAML for a flow of about `nodes` questions and outcomes (within one)."""
    rng = random.Random(seed)
    lines = [
        "title: Synthetic flow",
        "start: any_emergency_signs",
        "care_levels:",
        *(
            f"  {level}: {{title: {level}, action: Do something.}}"
            for level in ("emergency", "urgent", "gp", "self-care")
        ),
        "sources:",
        "  article: {title: Heat or burning in the lower back, publisher: Source article}",
        "questions:",
    ]
    questions: list[tuple[str, list[tuple[str, str, str | None]]]] = [
        (
            "any_emergency_signs",
            [("sign", "result_emergency", "emergency"), ("none", "any_urgent_signs", None)],
        ),
        ("any_urgent_signs", [("sign", "result_urgent", "urgent"), ("none", "q0", None)]),
    ]
    outcomes = {"result_emergency": "emergency", "result_urgent": "urgent"}
    open_slots = ["q0"]
    count = len(questions) + len(outcomes)
    while open_slots:
        name = open_slots.pop(0)
        branching = rng.choice((2, 2, 3))
        if count + 1 + len(open_slots) + branching > nodes:  # the rest become outcomes
            outcome = f"result_{name}"
            outcomes[outcome] = rng.choice(("gp", "self-care"))
            _rename(questions, name, outcome)
            count += 1
            continue
        children = [f"{name}_{index}" for index in range(branching)]
        questions.append((name, [(f"answer_{i}", child, None) for i, child in enumerate(children)]))
        open_slots += children
        count += 1
    for qid, options in questions:
        lines += [f"  {qid}:", f"    text: Question {qid}?", "    options:"]
        if qid in ("any_emergency_signs", "any_urgent_signs"):
            lines.insert(len(lines) - 1, "    red_flags: true")
        for key, following, flag in options:
            lines += [f"      {key}:", f"        text: Answer {key}", f"        next: {following}"]
            if flag:
                lines.append(f"        red_flag: {flag}")
    lines.append("outcomes:")
    for oid, urgency in outcomes.items():
        lines += [
            f"  {oid}:",
            f"    urgency: {urgency}",
            f"    title: Result {oid}",
            "    may_be: Something.",
            "    why: Because of the answers.",
            "    do_now: [Do something.]",
            "    pages: [compare.md]",
            "    sources: [article]",
        ]
    return "\n".join(lines) + "\n"


def _rename(
    questions: list[tuple[str, list[tuple[str, str, str | None]]]], old: str, new: str
) -> None:
    for _, options in questions:
        for index, (key, following, flag) in enumerate(options):
            if following == old:
                options[index] = (key, new, flag)


def _best(step: Callable[[], Any]) -> tuple[float, Any]:
    """Best of RUNS, with the garbage collector paused as `checker.load` pauses it."""
    times, result = [], None
    for _ in range(RUNS):
        with paused_gc():
            started = time.perf_counter()
            result = step()
            times.append(time.perf_counter() - started)
    return min(times), result


def measure(nodes: int) -> dict[str, float]:
    raw = synthetic_flow(nodes).encode()
    path = Path(f"synthetic-{nodes}.yaml")
    parse_time, document = _best(lambda: parse(raw, path))
    schema_time, problems = _best(lambda: schema.validate(document))
    assert problems == [], problems[:3]

    def check() -> Any:
        flow = build(document, path)
        found = (
            graph.check_references(flow) + graph.check_cycles(flow) + graph.check_reachable(flow)
        )
        found += proofs.prove_all(flow)
        assert found == [], found[:3]
        return complete(flow)

    check_time, flow = _best(check)
    render_time, _ = _best(lambda: render.render(flow))
    return {
        "nodes": len(flow.questions) + len(flow.outcomes),
        "paths": graph.count_paths(flow),
        "parse": parse_time,
        "schema": schema_time,
        "checks and proofs": check_time,
        "render": render_time,
        "total": parse_time + schema_time + check_time + render_time,
    }


def main(argv: list[str] | None = None) -> int:
    sizes = [int(size) for size in (argv if argv is not None else sys.argv[1:])] or list(SIZES)
    results = [measure(size) for size in sizes]
    stages = ["parse", "schema", "checks and proofs", "render", "total"]
    print(f"checker generator, best of {RUNS} runs (seconds)")
    print(f"{'nodes':>8} {'paths':>8} " + " ".join(f"{stage:>17}" for stage in stages))
    for result in results:
        print(
            f"{result['nodes']:>8,} {result['paths']:>8,} "
            + " ".join(f"{result[stage]:>17.3f}" for stage in stages)
        )
    for small, large in itertools.pairwise(results):
        growth = large["nodes"] / small["nodes"]
        ratio = large["total"] / small["total"]
        print(
            f"{large['nodes']:,} vs {small['nodes']:,} nodes: {ratio:.1f}x the time "
            f"for {growth:.1f}x the nodes (linear: {growth:.1f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
