"""Time the generator on synthetic flows of 1,000 and 10,000 nodes: `make bench`.

    PYTHONPATH=scripts python -m checker.bench [SIZES...]

Then the flowchart (`dot`'s layout and the SVG) of the same flows, once each, as a ratio to
`check` on the same flow; a layout that takes more than DRAW_LIMIT seconds is stopped, and
the largest flow drawn within that limit (doubling from the smaller size) is reported instead.

Each flow is a tree behind the two red-flag screens, written as YAML like the real one: every
question, answer and result has its own words, so no stage gains from text repeated. It
goes through what `mkdocs build` does with the real one (`checker.load`, then `render`):
parse, schema, graph checks, the three proofs, step numbers, then the HTML and JSON.
Prints the best of five runs per stage and the ratio between sizes (10 for linear growth).
Each round times every size in turn, so a slow spell of a shared machine falls on all sizes
alike: timed one size after the other, the small flow's short runs found quiet moments the
large one's did not, and its ratio drifted from 10 to 16 between runs of the same code.
Asserts nothing: the tests time nothing.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path
from typing import Any

from checker import complete, draw, graph, load_text, paused_gc, proofs, render, schema
from checker.loading import parse
from checker.model import Flow, build

SIZES = (1_000, 10_000)
RUNS = 5  # best of five, as timeit takes: a shared machine adds noise, never takes it away
STAGES = ("parse", "schema", "checks and proofs", "render")
DRAW_LIMIT = 60.0  # seconds


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
            text = f"Answer {key} to {qid}"
            lines += [f"      {key}:", f"        text: {text}", f"        next: {following}"]
            if flag:
                lines.append(f"        red_flag: {flag}")
    lines.append("outcomes:")
    for oid, urgency in outcomes.items():
        lines += [
            f"  {oid}:",
            f"    urgency: {urgency}",
            f"    title: Result {oid}",
            f"    may_be: Something that leads to {oid}.",
            f"    why: Because of the answers on the way to {oid}.",
            f"    do_now: [Do what {oid} says.]",
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


def measure(sizes: list[int]) -> list[dict[str, float]]:
    """For each size: its node and path counts, the best time of each stage over RUNS
    rounds, and their total."""
    flows = [(synthetic_flow(size).encode(), Path(f"synthetic-{size}.yaml")) for size in sizes]
    results: list[dict[str, float]] = [{} for _ in sizes]
    for _ in range(RUNS):
        for (raw, path), result in zip(flows, results, strict=True):
            times, flow = _run(raw, path)
            for stage, seconds in times.items():
                result[stage] = min(result.get(stage, seconds), seconds)
            result["nodes"] = len(flow.questions) + len(flow.outcomes)
            result["paths"] = graph.count_paths(flow)
    for result in results:
        result["total"] = sum(result[stage] for stage in STAGES)
    return results


def _run(raw: bytes, path: Path) -> tuple[dict[str, float], Flow]:
    """Each stage timed once, with the garbage collector paused as `checker.load` pauses it;
    what the stages make is freed after the last timer stops."""
    with paused_gc():
        started = time.perf_counter()
        document = parse(raw, path)
        parsed = time.perf_counter()
        problems = schema.validate(document)
        validated = time.perf_counter()
        flow = build(document, path)
        found = (
            graph.check_references(flow) + graph.check_cycles(flow) + graph.check_reachable(flow)
        )
        found += proofs.prove_all(flow)
        flow = complete(flow)
        checked = time.perf_counter()
        _output = render.render(flow)  # freed on return, as all the rest, after the timers
        rendered = time.perf_counter()
    assert problems == [] and found == [], (problems + found)[:3]
    spans = itertools.pairwise([started, parsed, validated, checked, rendered])
    return {stage: end - start for stage, (start, end) in zip(STAGES, spans, strict=True)}, flow


def measure_drawing(nodes: int, limit: float = DRAW_LIMIT) -> dict[str, Any]:
    """`check` (parse, schema, checks, proofs) and the flowchart on one flow, timed once;
    "draw" is None when `dot` did not finish within `limit` seconds."""
    raw = synthetic_flow(nodes).encode()
    started = time.perf_counter()
    flow = load_text(raw, Path(f"synthetic-{nodes}.yaml"))
    check_time = time.perf_counter() - started
    started = time.perf_counter()
    try:
        draw.svg(flow, draw.lay_out(flow, timeout=limit), lambda node: f"#{node}")
    except draw.DrawError:
        return {"nodes": len(flow.steps), "check": check_time, "draw": None}
    return {"nodes": len(flow.steps), "check": check_time, "draw": time.perf_counter() - started}


def measure_drawings(sizes: list[int], limit: float = DRAW_LIMIT) -> list[dict[str, Any]]:
    """Each size; past the first that takes too long, the largest drawn in time, found by
    doubling from the largest size that was drawn."""
    results = []
    for size in sizes:
        result = measure_drawing(size, limit)
        results.append(result)
        if result["draw"] is None:
            done = [r for r in results if r["draw"] is not None]
            size = 2 * done[-1]["nodes"] if done else 0
            while 0 < size < result["nodes"]:
                larger = measure_drawing(size, limit)
                if larger["draw"] is None:
                    break
                results.append(larger)
                size *= 2
            drawn = [r for r in results if r["draw"] is not None]
            if drawn:
                max(drawn, key=lambda r: r["nodes"])["largest"] = True
            break
    return results


def describe_drawing(result: dict[str, Any], limit: float = DRAW_LIMIT) -> str:
    """One result in words: its time and ratio to `check`, or that it did not finish."""
    nodes = f"{result['nodes']:,} nodes"
    if result["draw"] is None:
        return f"{nodes}: dot did not finish within {limit:g} s"
    largest = " (the largest drawn within the limit)" if result.get("largest") else ""
    return (
        f"{nodes}{largest}: {result['draw']:.2f} s, "
        f"{result['draw'] / result['check']:.1f}× `check` ({result['check']:.2f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    sizes = [int(size) for size in (argv if argv is not None else sys.argv[1:])] or list(SIZES)
    results = measure(sizes)
    stages = [*STAGES, "total"]
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
    print(f"\nflowchart (dot's layout and the SVG), once each, limit {DRAW_LIMIT:g} s")
    for result in measure_drawings(sizes):
        print(describe_drawing(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
