"""The flow as Python objects: questions, options, outcomes, sources and care levels."""

from __future__ import annotations

import functools
import heapq
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.loading import Document, key_lines

# Calmest first: a larger rank is more urgent.
URGENCIES = ("self-care", "gp", "urgent", "emergency")
RANK = {urgency: rank for rank, urgency in enumerate(URGENCIES)}


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    next: str
    red_flag: str | None = None
    line: int = 0
    sign: str | None = None  # a warning sign of the catalogue: its words and level


@dataclass(frozen=True)
class Sign:
    """A warning sign of the catalogue (`warning_signs:`): the one place its words and level are
    written. Pages show it in their care-level boxes; the checker asks it as an option."""

    id: str
    level: str  # emergency, urgent or gp
    words: str
    short: str  # a few words, for the line of emergency signs under each calmer result
    may_be: str
    pages: tuple[str, ...]
    sources: tuple[str, ...]
    after: str | None = None  # only asked once this other sign was answered yes
    line: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]
    hint: str | None = None
    red_flags: bool = False
    line: int = 0

    def option(self, key: str) -> Option:
        return next(option for option in self.options if option.key == key)


@dataclass(frozen=True)
class Outcome:
    id: str
    urgency: str
    title: str
    may_be: str
    why: str
    do_now: tuple[str, ...]
    pages: tuple[str, ...]
    sources: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    url: str | None = None
    line: int = 0


@dataclass(frozen=True)
class CareLevel:
    title: str
    action: str


@dataclass(frozen=True)
class Flow:
    """A whole flow. `build` makes it as the file says, for the checks; `checker.load` then
    makes the complete one: every node's step number, and the title of every linked page."""

    title: str
    start: str
    care_levels: dict[str, CareLevel]
    sources: dict[str, Source]
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]
    signs: dict[str, Sign] = field(default_factory=dict)
    file: Path | None = None
    start_line: int = 1
    document: Document = field(default_factory=lambda: Document(None))
    page_titles: dict[str, str] = field(default_factory=dict)
    steps: dict[str, int] = field(default_factory=dict)

    def node(self, node_id: str) -> Question | Outcome | None:
        return self.questions.get(node_id) or self.outcomes.get(node_id)

    def line(self, node_id: str) -> int:
        node = self.node(node_id)
        return node.line if node else self.start_line

    def line_of(self, *path: str | int) -> int:
        """The line of a path in the file (`"outcomes", id, "pages", 0`), or of its parent."""
        return self.document.line(path)

    def completed(self, steps: dict[str, int], page_titles: dict[str, str]) -> Flow:
        """This flow with its step numbers and linked pages' titles. Neither changes the
        graph, so what was worked out from it (below) carries over instead of being redone."""
        done = replace(self, steps=steps, page_titles=page_titles)
        for name, attribute in vars(Flow).items():
            if isinstance(attribute, functools.cached_property) and name in self.__dict__:
                done.__dict__[name] = self.__dict__[name]
        return done

    # Worked out once per flow (the checks, proofs and renderers each walk the graph in this
    # order); a Flow is never changed after it is built, so neither goes stale.
    @functools.cached_property
    def reachable(self) -> frozenset[str]:
        """Every node the start leads to."""
        seen = {self.start}
        todo = [self.start]
        while todo:
            question = self.questions.get(todo.pop())
            for option in question.options if question else ():
                if option.next not in seen and self.node(option.next):
                    seen.add(option.next)
                    todo.append(option.next)
        return frozenset(seen)

    @functools.cached_property
    def order(self) -> tuple[str, ...]:
        """Reachable questions so that every answer leads forward; ties keep the file's order.
        Needs a flow without cycles (`graph.check_cycles` refuses one before this is read)."""
        index = {qid: number for number, qid in enumerate(self.questions)}
        waiting = dict.fromkeys((qid for qid in self.questions if qid in self.reachable), 0)
        for qid in waiting:
            for option in self.questions[qid].options:
                if option.next in waiting:
                    waiting[option.next] += 1
        ready = [(index[qid], qid) for qid, count in waiting.items() if count == 0]
        heapq.heapify(ready)
        result = []
        while ready:
            _, qid = heapq.heappop(ready)
            result.append(qid)
            for option in self.questions[qid].options:
                if option.next in waiting:
                    waiting[option.next] -= 1
                    if waiting[option.next] == 0:
                        heapq.heappush(ready, (index[option.next], option.next))
        return tuple(result)


def build(document: Document, file: Path | None = None) -> Flow:
    """Objects from data that fits the schema (see schema.validate)."""
    data: dict[str, Any] = document.data
    # Read straight from each mapping: one lookup per node, not a walk from the top.
    sign_lines, question_lines, outcome_lines, source_lines = (
        key_lines(data.get(part)) for part in ("warning_signs", "questions", "outcomes", "sources")
    )
    signs = {
        sid: Sign(
            id=sid,
            level=s["level"],
            words=s["words"],
            short=s["short"],
            may_be=s["may_be"],
            pages=tuple(s.get("pages", ())),
            sources=tuple(s["sources"]),
            after=s.get("after"),
            line=sign_lines.get(sid, 1),
        )
        for sid, s in data.get("warning_signs", {}).items()
    }
    questions = {
        qid: Question(
            id=qid,
            text=q["text"],
            hint=q.get("hint"),
            red_flags=q.get("red_flags", False),
            options=tuple(
                _option(key, o, signs, key_lines(q["options"]).get(key, 1))
                for key, o in q["options"].items()
            ),
            line=question_lines.get(qid, 1),
        )
        for qid, q in data["questions"].items()
    }
    outcomes = {
        oid: Outcome(
            id=oid,
            urgency=o["urgency"],
            title=o["title"],
            may_be=o["may_be"],
            why=o["why"],
            do_now=tuple(o["do_now"]),
            pages=tuple(o["pages"]),
            sources=tuple(o["sources"]),
            line=outcome_lines.get(oid, 1),
        )
        for oid, o in data["outcomes"].items()
    }
    sources = {
        key: Source(key, s["title"], s["publisher"], s.get("url"), source_lines.get(key, 1))
        for key, s in data["sources"].items()
    }
    care_levels = {
        level: CareLevel(c["title"], c["action"]) for level, c in data["care_levels"].items()
    }
    return Flow(
        title=data["title"],
        start=data["start"],
        care_levels=care_levels,
        sources=sources,
        questions=questions,
        outcomes=outcomes,
        signs=signs,
        file=file,
        start_line=document.line(("start",)),
        document=document,
    )


def _option(key: str, data: dict[str, Any], signs: dict[str, Sign], line: int) -> Option:
    """An option; one that asks a sign takes the sign's words, and its level as a red flag.
    An unknown sign is left for `checker.signs.check` to report."""
    sign = signs.get(data.get("sign", ""))
    if sign is None:
        return Option(
            key, data.get("text", ""), data["next"], data.get("red_flag"), line, data.get("sign")
        )
    flag = sign.level if sign.level in ("emergency", "urgent") else None
    return Option(key, sign.words, data["next"], flag, line, sign.id)
