"""The safety proofs and graph functions, on flows built directly (so each proof is tested
alone, even on graphs the earlier checks would refuse), and against brute force on random
flows: the proofs cover every path, and the path they print really goes wrong."""

from __future__ import annotations

import re

from checker import complete, graph, proofs
from checker.model import RANK, Flow
from checker_helpers import tiny_flow
from hypothesis import given, settings
from hypothesis import strategies as st

# --- 1. Every path ends at an outcome ------------------------------------------------------


def test_every_path_ends_passes_on_a_sound_flow() -> None:
    flow = tiny_flow(
        {
            "q1": [("a", "q2", None), ("b", "r_gp", None)],
            "q2": [("c", "r_gp", None), ("d", "r_self", None)],
        },
        {"r_gp": "gp", "r_self": "self-care"},
    )
    assert proofs.prove_every_path_ends(flow) == []


def test_every_path_ends_fails_at_a_question_without_options() -> None:
    flow = tiny_flow({"q1": [("a", "q2", None), ("b", "r_gp", None)], "q2": []}, {"r_gp": "gp"})
    [problem] = proofs.prove_every_path_ends(flow)
    assert problem.node == "q2"
    assert problem.message == "a path ends at a question with no options: q1=a → q2"


def test_every_path_ends_fails_at_a_node_that_does_not_exist() -> None:
    flow = tiny_flow({"q1": [("a", "nowhere", None), ("b", "r_gp", None)]}, {"r_gp": "gp"})
    [problem] = proofs.prove_every_path_ends(flow)
    assert problem.message == "a path ends at a node that does not exist: q1=a → nowhere"


def test_every_path_ends_fails_on_a_loop() -> None:
    flow = tiny_flow(
        {
            "q1": [("a", "q2", None), ("b", "r_gp", None)],
            "q2": [("back", "q1", None), ("on", "r_gp", None)],
        },
        {"r_gp": "gp"},
    )
    [problem] = proofs.prove_every_path_ends(flow)
    assert problem.message == "a path that never ends (it loops): q1=a → q2=back → q1"


# --- 2. Red flags first ---------------------------------------------------------------------


def test_red_flags_first_passes_when_every_calm_path_asks_every_screen() -> None:
    flow = tiny_flow(
        {
            "screen": [("sign", "r_urgent", "urgent"), ("none", "q", None)],
            "q": [("a", "r_gp", None), ("b", "r_self", None)],
        },
        {"r_urgent": "urgent", "r_gp": "gp", "r_self": "self-care"},
        start="screen",
        screens=("screen",),
    )
    assert proofs.prove_red_flags_first(flow) == []


def test_red_flags_first_fails_when_a_calm_result_can_skip_a_screen() -> None:
    flow = tiny_flow(
        {
            "q": [("a", "screen", None), ("b", "r_self", None)],
            "screen": [("sign", "r_urgent", "urgent"), ("none", "r_gp", None)],
        },
        {"r_urgent": "urgent", "r_gp": "gp", "r_self": "self-care"},
        start="q",
        screens=("screen",),
    )
    [problem] = proofs.prove_red_flags_first(flow)
    assert problem.node == "r_self"
    assert problem.message == (
        "reached (self-care) without asking the red-flag question 'screen': q=b → r_self"
    )


def test_red_flags_first_lets_urgent_results_come_before_the_screens() -> None:
    flow = tiny_flow(
        {
            "q": [("a", "screen", None), ("b", "r_urgent", None)],
            "screen": [("sign", "r_urgent", "urgent"), ("none", "r_gp", None)],
        },
        {"r_urgent": "urgent", "r_gp": "gp"},
        start="q",
        screens=("screen",),
    )
    assert proofs.prove_red_flags_first(flow) == []


# --- 3. A red flag never leads to anything calmer -------------------------------------------


def test_flags_never_calmer_fails_deep_down_one_branch_and_prints_that_path() -> None:
    flow = tiny_flow(
        {
            "screen": [("sign", "q1", "urgent"), ("none", "r_gp", None)],
            "q1": [("a", "r_urgent", None), ("b", "q2", None)],
            "q2": [("c", "r_emergency", None), ("d", "r_self", None)],
        },
        {"r_urgent": "urgent", "r_gp": "gp", "r_self": "self-care", "r_emergency": "emergency"},
        start="screen",
    )
    [problem] = proofs.prove_flags_never_calmer(flow)
    assert problem.node == "screen"
    assert problem.message == (
        "the red flag 'sign' (urgent) can lead to 'r_self' (self-care): "
        "screen=sign → q1=b → q2=d → r_self"
    )


def test_flags_never_calmer_holds_an_emergency_flag_to_emergency() -> None:
    flow = tiny_flow(
        {"screen": [("sign", "r_urgent", "emergency"), ("none", "r_gp", None)]},
        {"r_urgent": "urgent", "r_gp": "gp"},
        start="screen",
    )
    [problem] = proofs.prove_flags_never_calmer(flow)
    assert "(emergency) can lead to 'r_urgent' (urgent)" in problem.message


# --- Graph functions ------------------------------------------------------------------------


def test_steps_count_questions_first_in_an_order_where_answers_lead_forward() -> None:
    flow = tiny_flow(
        {
            "q1": [("a", "q3", None), ("b", "q2", None)],
            "q3": [("c", "r_a", None), ("d", "r_b", None)],
            "q2": [("e", "q3", None), ("f", "r_b", None)],
        },
        {"r_b": "gp", "r_a": "gp"},
    )
    assert graph.number_steps(flow) == {"q1": 1, "q2": 2, "q3": 3, "r_b": 4, "r_a": 5}


def test_paths_are_counted_listed_and_measured() -> None:
    flow = tiny_flow(
        {
            "q1": [("a", "q2", None), ("b", "r_a", None)],
            "q2": [("c", "r_a", None), ("d", "r_b", None)],
        },
        {"r_a": "gp", "r_b": "gp"},
    )
    assert graph.count_paths(flow) == 3
    assert [graph.format_path(*path) for path in graph.enumerate_paths(flow)] == [
        "q1=a → q2=c → r_a",
        "q1=a → q2=d → r_b",
        "q1=b → r_a",
    ]
    assert graph.longest_path(flow) == ([("q1", "a"), ("q2", "c")], "r_a")


def test_cycles_are_found_with_their_nodes() -> None:
    flow = tiny_flow(
        {
            "q1": [("a", "q2", None), ("b", "r", None)],
            "q2": [("c", "q3", None), ("d", "r", None)],
            "q3": [("e", "q1", None), ("f", "r", None)],
        },
        {"r": "gp"},
    )
    assert graph.find_cycles(flow) == [["q1", "q2", "q3", "q1"]]


# --- Against brute force, on random flows ---------------------------------------------------

URGENCY = st.sampled_from(list(RANK))


@st.composite
def random_flows(draw: st.DrawFn) -> Flow:
    """An acyclic flow: questions only lead to later questions or to outcomes."""
    n_questions = draw(st.integers(1, 7))
    outcomes = {f"r{i}": draw(URGENCY) for i in range(draw(st.integers(1, 4)))}
    questions = {}
    for index in range(n_questions):
        later = [f"q{j}" for j in range(index + 1, n_questions)] + list(outcomes)
        options = []
        for key in "abc"[: draw(st.integers(2, 3))]:
            flag = draw(st.sampled_from([None, None, "urgent", "emergency"]))
            options.append((key, draw(st.sampled_from(later)), flag))
        questions[f"q{index}"] = options
    screens = tuple(q for q in questions if draw(st.booleans()))
    return tiny_flow(questions, outcomes, start="q0", screens=screens)


def _walk(flow: Flow, printed: str) -> tuple[list[str], list[tuple[str, str]], str]:
    """Follow a printed path (`q=a → q=b → r`) through the flow; fails if it is not one."""
    *steps, end = printed.split(" → ")
    node, asked, answers = flow.start, [], []
    for step in steps:
        qid, key = step.split("=")
        assert qid == node, f"{printed}: {qid} is not where the path is"
        asked.append(qid)
        answers.append((qid, key))
        node = flow.questions[qid].option(key).next
    assert node == end and end in flow.outcomes
    return asked, answers, end


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(random_flows())
def test_red_flags_first_agrees_with_every_path(flow: Flow) -> None:
    screens = [q for q, question in flow.questions.items() if question.red_flags]
    expected = set()
    for answers, end in graph.enumerate_paths(flow):
        asked = {qid for qid, _ in answers}
        if RANK[flow.outcomes[end].urgency] < RANK["urgent"]:
            expected |= {(end, screen) for screen in screens if screen not in asked}
    found = set()
    for problem in proofs.prove_red_flags_first(flow):
        screen = re.search(r"red-flag question '(\w+)'", problem.message)[1]
        found.add((problem.node, screen))
        asked, _, end = _walk(flow, problem.message.rsplit(": ", 1)[1])
        assert end == problem.node and screen not in asked  # the printed path goes wrong
    assert found == expected


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(random_flows())
def test_flags_never_calmer_agrees_with_every_path(flow: Flow) -> None:
    expected = set()
    for answers, end in graph.enumerate_paths(flow):
        for qid, key in answers:
            flag = flow.questions[qid].option(key).red_flag
            if flag and RANK[flow.outcomes[end].urgency] < RANK[flag]:
                expected.add((qid, key))
    found = set()
    for problem in proofs.prove_flags_never_calmer(flow):
        key = re.search(r"red flag '(\w+)'", problem.message)[1]
        found.add((problem.node, key))
        _, answers, end = _walk(flow, problem.message.rsplit(": ", 1)[1])
        flag = flow.questions[problem.node].option(key).red_flag
        assert (problem.node, key) in answers
        assert RANK[flow.outcomes[end].urgency] < RANK[flag]
    assert found == expected


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(random_flows())
def test_counts_and_steps_agree_with_the_listed_paths(flow: Flow) -> None:
    paths = list(graph.enumerate_paths(flow))
    assert graph.count_paths(flow) == len(paths)
    assert len(graph.longest_path(flow)[0]) == max(len(answers) for answers, _ in paths)
    assert proofs.prove_every_path_ends(flow) == []
    steps = graph.number_steps(flow)
    assert list(steps.values()) == list(range(1, len(steps) + 1))  # listed in step order
    for qid in steps:
        for option in flow.questions[qid].options if qid in flow.questions else ():
            assert steps[option.next] > steps[qid]  # on paper, "go to step N" is always further on


def test_the_completed_flow_keeps_the_order_and_reach_the_checks_worked_out() -> None:
    flow = tiny_flow(
        {
            "q1": [("a", "q2", None), ("b", "r1", None)],
            "q2": [("a", "r1", None), ("b", "r2", None)],
        },
        {"r1": "gp", "r2": "self-care", "unused": "gp"},
    )
    order, reachable = flow.order, flow.reachable
    done = complete(flow)
    assert done.steps == {"q1": 1, "q2": 2, "r1": 3, "r2": 4}
    # Carried over, not worked out again; and what working it out again would give.
    assert done.order is order and done.reachable is reachable
    assert Flow.order.func(done) == order == ("q1", "q2")
    assert Flow.reachable.func(done) == reachable == {"q1", "q2", "r1", "r2"}
