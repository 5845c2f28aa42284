"""Patient stories, answered as each person would: each reaches at least its safe level and a
result that names the cause it may be. Stories live in stories/stories.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from checker.model import RANK
from guide_pages import checker_flow as flow

STORIES = yaml.safe_load((Path(__file__).parent / "stories" / "stories.yaml").read_text())


def walk(answers: dict[str, str]) -> str:
    """Follow the answers from the start, in the order the checker asks; the result reached."""
    node = flow().start
    asked = []
    while node in flow().questions:
        assert node in answers, f"the checker asks '{node}', which the story does not answer"
        asked.append(node)
        node = flow().questions[node].option(answers[node]).next
    assert asked == list(answers), f"asked {asked}, the story answers {list(answers)}"
    return node


@pytest.mark.parametrize("story", STORIES, ids=[s["story"][:40] for s in STORIES])
def test_each_story_reaches_its_safe_level_and_names_its_cause(story: dict) -> None:
    outcome = flow().outcomes[walk(story["answers"])]
    assert RANK[outcome.urgency] >= RANK[story["safe"]], (outcome.id, outcome.urgency)
    assert story["names"] in outcome.pages, (outcome.id, outcome.pages)
