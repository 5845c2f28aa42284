"""Shared by the checker's tests: where things are, and small flows to break on purpose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import checker
from checker.model import CareLevel, Flow, Option, Outcome, Question, Source

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FLOW = DOCS / "checker" / "flow.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid.yaml"
FIXTURE_DOCS = FIXTURES / "docs"
GOLDEN = Path(__file__).resolve().parent / "paths.golden"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m checker ARGS` as a person would run it from the repository."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def load_valid(text: str | None = None, docs: Path | None = FIXTURE_DOCS) -> Flow:
    """The small valid flow, or `text` in its place, checked like the real one."""
    raw = (text if text is not None else VALID.read_text(encoding="utf-8")).encode()
    return checker.load_text(raw, VALID, docs_dir=docs)


def problems_of(text: str, docs: Path | None = FIXTURE_DOCS) -> list[str]:
    """The problem lines for a flow's text, without the file name; [] when it passes."""
    try:
        load_valid(text, docs)
    except checker.CheckerError as error:
        return [str(p).split(": ", 1)[1] for p in error.problems]
    return []


def replace(old: str, new: str, text: str | None = None) -> str:
    """The valid flow with one exact change (which must apply exactly once)."""
    text = text if text is not None else VALID.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} appears {text.count(old)} times"
    return text.replace(old, new)


def tiny_flow(
    questions: dict[str, list[tuple[str, str, str | None]]],
    outcomes: dict[str, str],
    start: str = "q1",
    screens: tuple[str, ...] = (),
) -> Flow:
    """A flow built directly, bypassing the file checks, to test a proof on its own:
    questions as {id: [(option key, next, red_flag)]}, outcomes as {id: urgency}."""
    return Flow(
        title="Tiny",
        start=start,
        care_levels={u: CareLevel(u, u) for u in ("emergency", "urgent", "gp", "self-care")},
        sources={"article": Source("article", "Article", "Source article")},
        questions={
            qid: Question(
                qid, qid, tuple(Option(k, k, n, f) for k, n, f in options), red_flags=qid in screens
            )
            for qid, options in questions.items()
        },
        outcomes={
            oid: Outcome(oid, urgency, oid, "may be", "why", ("do",), ("compare.md",), ("article",))
            for oid, urgency in outcomes.items()
        },
    )
