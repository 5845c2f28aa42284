"""The safety page: the hazard log's controls exist, and every red flag is asked or left out
with a reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from guide import safety
from guide.markers import FillError
from guide_pages import DOCS, checker_flow, read

# The red flags issue 12 names (from NHS and NICE back-pain lists), and the sign that asks each.
RED_FLAGS = {
    "a fall, accident or blow to the back": "injury",
    "a history of cancer": "cancer",
    "a weakened immune system": "weak_immune",
    "pain in the upper back": "upper_back",
    "chest pain": "chest_pain",
    "a lump, swelling or change in the shape of the back": "lump_or_shape",
    "changes in sexual function": "sex_changed",
    "bladder or bowel problems": "bladder_or_bowel",
    "numbness around the genitals or bottom": "numb_saddle_area",
    "symptoms in both legs": "both_legs",
    "legs getting weaker, or trouble walking": "legs_weaker",
    "a fever": "fever",
    "weight loss": "weight_loss",
    "night pain, or pain rest does not ease": "night_pain",
}
LEFT_OUT = {"Age", "Pain that is worse when you cough", "Feeling generally unwell"}


def test_every_red_flag_is_asked_or_left_out_with_a_reason() -> None:
    flow = checker_flow()
    asked = {o.sign for q in flow.questions.values() for o in q.options if o.sign}
    for flag, sign in RED_FLAGS.items():
        assert sign in asked, f"{flag}: '{sign}' is not asked"
        assert flow.signs[sign].level in ("emergency", "urgent"), flag
        assert flow.signs[sign].sources, flag
    data, _ = safety.read_log(DOCS)
    left_out = data["left_out"]
    for flag in LEFT_OUT:
        assert any(entry["flag"].startswith(flag) for entry in left_out), flag
    for entry in left_out:
        assert len(entry["why"].split()) > 8 and entry["sources"], entry["flag"]


def test_each_control_names_what_it_checks() -> None:
    _, hazards = safety.read_log(DOCS)
    assert len(hazards) >= 8
    kinds = {control.kind for hazard in hazards for control in hazard.controls}
    assert kinds == {"proof", "test"}
    for hazard in hazards:
        assert hazard.controls and hazard.left, hazard.hazard


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    """A copy of the log beside a copy of the tests it names, to break one at a time."""
    root = tmp_path / "project"
    (root / "docs" / "checker").mkdir(parents=True)
    shutil.copy(DOCS / safety.LOG, root / "docs" / safety.LOG)
    shutil.copytree(DOCS.parent / "tests", root / "tests")
    return root / "docs"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "proof: signs.prove\n",
            "proof: signs.prove_everything\n",
            "no build proof 'signs.prove_everything' in scripts/checker",
        ),
        (
            "::test_question_fever_and_peeing",
            "::test_question_fever_and_pee",
            "no test 'test_question_fever_and_pee' in tests/checker/test_checker_flow.py",
        ),
        (
            "test: tests/test_warning_signs.py::",
            "test: tests/test_warning_sign.py::",
            "no test file for 'tests/test_warning_sign.py::",
        ),
    ],
    ids=["proof", "test", "test-file"],
)
def test_a_control_that_does_not_exist_stops_the_build_with_its_line(
    docs_copy: Path, old: str, new: str, message: str
) -> None:
    log = docs_copy / safety.LOG
    text = log.read_text(encoding="utf-8")
    assert old in text
    log.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FillError) as error:
        safety.read_log(docs_copy, root=docs_copy.parent)
    assert str(error.value).startswith(f"{safety.LOG}:")
    assert message in str(error.value)


def test_the_words_before_the_first_cause_question_are_counted() -> None:
    flow = checker_flow()
    words = safety.words_before_causes(flow)
    screens = [q for q in flow.questions.values() if q.red_flags]
    assert len(screens) == 3
    assert words == sum(
        len(t.split())
        for q in screens
        for t in [q.text, safety.SCREEN_INSTRUCTION, *(o.text for o in q.options)]
    )
    assert 100 < words < 400


@pytest.mark.site
def test_the_safety_page_shows_every_hazard_sign_and_left_out_flag(site_dir: Path) -> None:
    built = read("checker/safety.md").built(site_dir)
    _, hazards = safety.read_log(DOCS)
    for hazard in hazards:
        assert safety.escape(hazard.hazard).replace("\\", "") in built.replace("&#39;", "'")
    for sign in checker_flow().signs.values():
        assert sign.words.split(",")[0] in built.replace("&#39;", "'"), sign.id
    assert "The warning signs and this hazard log were last reviewed on 2026-12-01." in built
    assert f"A reader reads {safety.words_before_causes(checker_flow())} words" in built
