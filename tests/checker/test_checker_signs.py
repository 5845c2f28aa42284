"""The warning-sign catalogue in the flow: options take a sign's words and level, and the build
proves that every sign is asked before any calmer result and leads only to its level or more."""

from __future__ import annotations

import pytest
from checker_helpers import VALID, load_valid, problems_of

SIGNS = """\
warning_signs:
  saddle:
    level: emergency
    words: Numbness around your bottom.
    short: a numb bottom
    may_be: Cauda equina syndrome.
    pages: [when-to-get-help.md]
    sources: [article]
  fever:
    level: urgent
    words: A fever.
    short: a fever
    may_be: An infection.
    sources: [nhs_back_pain]
  stone_fever:
    level: emergency
    after: fever
    words: Stone pain with a fever.
    short: stone pain with a fever
    may_be: A blocked kidney.
    sources: [article]
  lasting:
    level: gp
    words: It has lasted a few weeks.
    short: lasting pain
    may_be: Something to check.
    sources: [article]
questions:
"""
# The valid flow, with its screens asking signs instead of writing their own words.
SIGNED = (
    VALID.read_text(encoding="utf-8")
    .replace("questions:\n", SIGNS, 1)
    .replace(
        "      emergency_sign:\n        text: An emergency sign\n        red_flag: emergency\n",
        "      emergency_sign:\n        sign: saddle\n",
    )
    .replace(
        "      urgent_sign:\n        text: An urgent sign\n        red_flag: urgent\n"
        "        next: result_urgent\n",
        "      urgent_sign:\n        sign: fever\n        next: stone\n",
    )
    .replace(
        "      weeks:\n        text: A few weeks or more\n",
        "      weeks:\n        sign: lasting\n",
    )
    .replace(
        "outcomes:\n",
        "  stone:\n    text: Is it stone pain?\n    options:\n"
        "      stone_pain: {sign: stone_fever, next: result_emergency}\n"
        "      other: {text: Not stone pain, next: result_urgent}\n"
        "outcomes:\n",
    )
)


def test_an_option_that_asks_a_sign_takes_its_words_and_level() -> None:
    flow = load_valid(SIGNED)
    option = flow.questions["any_emergency_signs"].option("emergency_sign")
    assert (option.sign, option.text, option.red_flag) == (
        "saddle",
        "Numbness around your bottom.",
        "emergency",
    )
    lasting = flow.questions["how_long"].option("weeks")
    assert (lasting.text, lasting.red_flag) == ("It has lasted a few weeks.", None)
    assert flow.signs["stone_fever"].after == "fever"


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            "        sign: saddle\n",
            "        sign: sadle\n",
            "node 'any_emergency_signs': option 'emergency_sign' asks unknown sign 'sadle' "
            "(did you mean 'saddle'?)",
        ),
        (
            "        sign: saddle\n",
            "        sign: saddle\n        text: Numb\n",
            "node 'any_emergency_signs': option 'emergency_sign' needs either `text:` or `sign:` "
            "(a sign brings its own words: write one of the two)",
        ),
        (
            "        sign: saddle\n",
            "        sign: saddle\n        red_flag: emergency\n",
            "node 'any_emergency_signs': option 'emergency_sign' asks a sign and sets "
            "`red_flag:` (remove red_flag: the sign's level is its flag)",
        ),
        (
            "    after: fever\n",
            "    after: fevr\n",
            "node 'stone_fever': follows unknown sign 'fevr' (did you mean 'fever'?)",
        ),
        (
            "    sources: [nhs_back_pain]\n",
            "    sources: [nhs_bak_pain]\n",
            "node 'fever': unknown source 'nhs_bak_pain' (did you mean 'nhs_back_pain'?)",
        ),
        (
            "    pages: [when-to-get-help.md]\n    sources: [article]\n  fever:",
            "    pages: [no-such-page.md]\n    sources: [article]\n  fever:",
            "node 'saddle': links to 'no-such-page.md', which is not a page in docs/",
        ),
    ],
    ids=["unknown-sign", "text-and-sign", "sign-and-flag", "unknown-after", "source", "page"],
)
def test_a_broken_catalogue_reference_is_one_line(old: str, new: str, line: str) -> None:
    assert old in SIGNED
    found = problems_of(SIGNED.replace(old, new, 1))
    assert len(found) == 1 and found[0].startswith(line), found


def test_a_sign_not_asked_before_a_calmer_result_fails_with_the_path() -> None:
    # The GP sign is no longer asked: the self-care result is reached without it.
    text = SIGNED.replace(
        "      weeks:\n        sign: lasting\n", "      weeks:\n        text: Weeks\n"
    )
    assert problems_of(text) == [
        "node 'lasting': the sign (gp) is not asked before 'result_self_care' (self-care): "
        "any_emergency_signs=none → any_urgent_signs=none → how_long=days → result_self_care "
        "(ask it with `sign:` on every path before a calmer result)"
    ]


def test_a_sign_that_follows_another_is_ruled_out_by_a_no_to_that_sign() -> None:
    # Answering "none" to the fever rules out stone pain with a fever, so the calm results after
    # it are fine. A fever answered yes, and then no question about stone pain, is reported.
    assert problems_of(SIGNED) == []
    skipped = SIGNED.replace(
        "        sign: fever\n        next: stone\n",
        "        sign: fever\n        next: result_urgent\n",
    ).replace(
        "      weeks:\n", "      check:\n        text: Check\n        next: stone\n      weeks:\n"
    )
    assert problems_of(skipped) == [
        "node 'stone_fever': the sign (emergency) is not asked before 'result_urgent' (urgent): "
        "any_emergency_signs=none → any_urgent_signs=urgent_sign → result_urgent "
        "(ask it with `sign:` on every path before a calmer result)"
    ]


def test_a_sign_answered_yes_never_leads_to_a_calmer_result() -> None:
    text = SIGNED.replace(
        "      weeks:\n        sign: lasting\n        next: result_gp\n",
        "      weeks:\n        sign: lasting\n        next: result_self_care\n"
        "      other:\n        text: Something else\n        next: result_gp\n",
    )
    assert problems_of(text) == [
        "node 'how_long': the sign 'lasting' (gp) can lead to 'result_self_care' (self-care) "
        "(every result after this answer must be gp or more urgent)"
    ]


def test_a_screen_lists_its_most_urgent_signs_first() -> None:
    text = SIGNED.replace(
        "      weeks:\n        sign: lasting\n        next: result_gp\n",
        "      weeks:\n        sign: lasting\n        next: result_gp\n"
        "      stone_now:\n        sign: saddle\n        next: result_emergency\n",
    )
    found = problems_of(text)
    assert any(
        "sign 'saddle' (emergency) comes after the calmer sign 'lasting' (gp)" in p for p in found
    ), found
