"""The real flow, docs/checker/flow.yaml: one test block per question (where each answer
leads), the medical guarantees of issue 4, and the golden list of every path.

Adding a question? Add its `test_<id>` block here. Changing where an answer leads? Change
its block, then run `make golden` and review the diff of tests/checker/paths.golden.
"""

from __future__ import annotations

import re

from checker import graph
from checker.model import RANK
from checker_helpers import DOCS, FLOW, GOLDEN, run_cli
from guide_pages import article_facts, cause_pages
from guide_pages import checker_flow as flow

EMERGENCY_NUMBERS = (
    "your local emergency number (999 in the UK, 112 in the EU, 911 in the US and Canada)"
)


def leads(qid: str) -> dict[str, str]:
    return {option.key: option.next for option in flow().questions[qid].options}


def flags(qid: str) -> dict[str, str | None]:
    return {option.key: option.red_flag for option in flow().questions[qid].options}


def urgency(node: str) -> str:
    return flow().outcomes[node].urgency


# --- One block per question -----------------------------------------------------------------


def test_question_any_emergency_signs() -> None:
    assert flow().start == "any_emergency_signs"
    assert flow().questions["any_emergency_signs"].red_flags
    assert leads("any_emergency_signs") == {
        "bladder_or_bowel": "result_emergency_cauda_equina",
        "numb_saddle_area": "result_emergency_cauda_equina",
        "both_legs": "result_emergency_cauda_equina",
        "sex_changed": "result_emergency_cauda_equina",
        "legs_weaker": "result_emergency_getting_worse",
        "injury": "result_emergency_injury",
        "chest_pain": "result_emergency_chest_pain",
        "very_unwell": "result_emergency_very_unwell",
        "none": "any_urgent_signs",
    }
    assert set(flags("any_emergency_signs").values()) == {"emergency", None}


def test_question_any_urgent_signs() -> None:
    assert flow().questions["any_urgent_signs"].red_flags
    assert leads("any_urgent_signs") == {
        "fever": "fever_and_peeing",
        "numb_leg": "result_urgent_nerve_signs",
        "night_pain": "result_urgent_serious_signs",
        "night_sweats": "result_urgent_serious_signs",
        "weight_loss": "result_urgent_serious_signs",
        "lump_or_shape": "result_urgent_serious_signs",
        "upper_back": "result_urgent_serious_signs",
        "none": "about_you",
    }
    assert set(flags("any_urgent_signs").values()) == {"urgent", None}


def test_question_about_you() -> None:
    assert flow().questions["about_you"].red_flags
    assert leads("about_you") == {
        "cancer": "result_urgent_cancer",
        "weak_immune": "result_urgent_serious_signs",
        "none": "where_is_it",
    }
    assert set(flags("about_you").values()) == {"urgent", None}


def test_question_fever_and_peeing() -> None:
    assert leads("fever_and_peeing") == {
        "stone_pain": "result_emergency_blocked_kidney",
        "changes": "result_kidney_infection",
        "no_changes": "result_urgent_fever",
    }
    assert urgency("result_emergency_blocked_kidney") == "emergency"
    assert {urgency(n) for n in leads("fever_and_peeing").values()} == {"emergency", "urgent"}


def test_question_where_is_it() -> None:
    assert leads("where_is_it") == {
        "side_below_ribs": "comes_in_waves",
        "band_around_side": "rash_or_tingling_band",
        "middle_or_across": "what_does_it_feel_like",
    }


def test_question_comes_in_waves() -> None:
    assert leads("comes_in_waves") == {
        "waves": "result_kidney_stones",
        "steady": "peeing_changed",
    }


def test_question_peeing_changed() -> None:
    assert leads("peeing_changed") == {
        "changes": "result_kidney_infection",
        "no_changes": "what_does_it_feel_like",
    }


def test_question_rash_or_tingling_band() -> None:
    assert leads("rash_or_tingling_band") == {
        "rash_or_band": "result_shingles",
        "neither": "what_does_it_feel_like",
    }


def test_question_what_does_it_feel_like() -> None:
    assert leads("what_does_it_feel_like") == {
        "burning": "down_a_leg",
        "warm_ache": "after_lifting_or_twisting",
    }


def test_question_down_a_leg() -> None:
    assert leads("down_a_leg") == {
        "one_leg": "worse_standing_or_walking",
        "both_legs": "worse_standing_or_walking",
        "stays_in_back": "diabetes_or_ms",
    }


def test_question_worse_standing_or_walking() -> None:
    assert leads("worse_standing_or_walking") == {
        "better_sitting": "result_spinal_stenosis",
        "no_pattern": "result_herniated_disc",
    }


def test_question_diabetes_or_ms() -> None:
    assert leads("diabetes_or_ms") == {
        "diabetes": "result_diabetic_neuropathy",
        "multiple_sclerosis": "result_multiple_sclerosis",
        "neither": "result_burning_no_pattern",
    }


def test_question_after_lifting_or_twisting() -> None:
    assert leads("after_lifting_or_twisting") == {
        "after_strain": "strain_needs_a_gp",
        "no_strain": "slow_and_stiff",
    }


GP_REASONS = ["not_getting_better", "stops_daily_life", "very_bad_or_worse", "hard_to_cope"]


def test_question_strain_needs_a_gp() -> None:
    assert leads("strain_needs_a_gp") == {
        **dict.fromkeys(GP_REASONS, "result_strain_lasting"),
        "none": "result_muscle_strain",
    }
    assert urgency("result_muscle_strain") == "self-care"
    assert urgency("result_strain_lasting") == "gp"


def test_question_slow_and_stiff() -> None:
    assert leads("slow_and_stiff") == {
        "slow_and_stiff": "result_facet_joint_arthritis",
        "not_like_that": "ache_needs_a_gp",
    }


def test_question_ache_needs_a_gp() -> None:
    assert leads("ache_needs_a_gp") == {
        **dict.fromkeys(GP_REASONS, "result_ache_lasting"),
        "none": "result_warm_ache_short",
    }
    assert urgency("result_warm_ache_short") == "self-care"
    assert urgency("result_ache_lasting") == "gp"


def test_every_question_has_its_block_and_every_block_its_question() -> None:
    prefix = "test_question_"
    blocks = {name.removeprefix(prefix) for name in globals() if name.startswith(prefix)}
    questions = set(flow().questions)
    assert questions <= blocks, f"add a test block for: {sorted(questions - blocks)}"
    assert blocks <= questions, f"blocks for questions that are gone: {sorted(blocks - questions)}"


# --- Medical guarantees ---------------------------------------------------------------------

# Each warning sign of the source article, and the answer that carries it.
ARTICLE_WARNINGS = {
    "sudden inability to urinate": ("any_emergency_signs", "bladder_or_bowel"),
    "loss of bowel or bladder control": ("any_emergency_signs", "bladder_or_bowel"),
    "new or worsening numbness, tingling, or weakness in the legs or feet": (
        "any_urgent_signs",
        "numb_leg",
    ),
    "difficulty walking or loss of control in the legs": ("any_emergency_signs", "legs_weaker"),
    "unexplained fever": ("any_urgent_signs", "fever"),
    "drenching night sweats": ("any_urgent_signs", "night_sweats"),
    "unintentional weight loss": ("any_urgent_signs", "weight_loss"),
    "unrelieved by rest": ("any_urgent_signs", "night_pain"),
}
# The emergency signs of the first screen: issue 4's, and the red flags NHS trusts add.
FIRST_SCREEN = {
    "bladder_or_bowel",
    "numb_saddle_area",
    "both_legs",
    "sex_changed",
    "legs_weaker",
    "injury",
    "chest_pain",
    "very_unwell",
}


def _calmest_after(node: str) -> int:
    return min(RANK[urgency(end)] for end in _outcomes_from(node))


def _outcomes_from(node: str) -> set[str]:
    if node in flow().outcomes:
        return {node}
    return set().union(*(_outcomes_from(option.next) for option in flow().questions[node].options))


def test_every_warning_sign_of_the_article_leads_to_emergency_or_urgent() -> None:
    named = [sign["words"] for sign in article_facts()["warning_signs"]]
    assert sorted(named) == sorted(ARTICLE_WARNINGS), "a sign of the article is not asked"
    for qid, key in ARTICLE_WARNINGS.values():
        flag = flow().questions[qid].option(key).red_flag
        assert flag in ("emergency", "urgent"), f"{qid}={key} must be a red flag"
        assert _calmest_after(flow().questions[qid].option(key).next) >= RANK["urgent"]


def test_the_first_screen_holds_every_emergency_sign_of_issue_4() -> None:
    assert {k for k, flag in flags("any_emergency_signs").items() if flag} == FIRST_SCREEN
    for key in FIRST_SCREEN:
        assert _calmest_after(leads("any_emergency_signs")[key]) == RANK["emergency"]


def test_every_cause_page_is_reachable_as_an_outcome() -> None:
    reachable = flow().reachable
    linked = {page for oid, o in flow().outcomes.items() if oid in reachable for page in o.pages}
    causes = {page.src for page in cause_pages()}
    assert causes, "no cause pages found"
    assert causes <= linked, f"no outcome links to: {sorted(causes - linked)}"


def test_every_outcome_links_a_page_and_cites_a_source() -> None:
    for outcome in flow().outcomes.values():
        assert outcome.pages and outcome.sources, outcome.id
        assert all((DOCS / page).is_file() for page in outcome.pages), outcome.id


def test_emergency_results_give_the_emergency_numbers_and_no_other_number() -> None:
    assert EMERGENCY_NUMBERS.lower() in flow().care_levels["emergency"].action.lower()
    text = FLOW.read_text(encoding="utf-8").replace(
        "999 in the UK, 112 in the EU, 911 in the US", ""
    )
    assert not re.search(r"\b\d{3}\b", text), "no phone number but the emergency numbers"
    for outcome in flow().outcomes.values():
        if outcome.urgency == "emergency":
            steps = " ".join(outcome.do_now).lower()
            assert EMERGENCY_NUMBERS.lower() in steps, outcome.id


def test_a_summary_names_the_counts_and_the_longest_path() -> None:
    result = run_cli("check", "docs/checker/flow.yaml")
    assert result.returncode == 0, result.stderr
    paths = graph.count_paths(flow())
    answers, end = graph.longest_path(flow())
    assert (
        f"OK: {len(flow().questions)} questions, {len(flow().outcomes)} outcomes, {paths} paths"
        in result.stdout
    )
    assert f"longest path ({len(answers)} questions): " in result.stdout
    assert result.stdout.rstrip().endswith(end)


def test_the_golden_list_of_paths_is_current() -> None:
    """Every path and the outcome it reaches. Stale? Run `make golden` and review the diff."""
    current = run_cli("paths", "docs/checker/flow.yaml")
    assert current.returncode == 0, current.stderr
    assert current.stdout == GOLDEN.read_text(encoding="utf-8"), (
        "tests/checker/paths.golden is stale: run `make golden` and review the diff"
    )
    assert len(current.stdout.splitlines()) == graph.count_paths(flow())
