"""Problems found in a flow file, reported one line each: `FILE:LINE: node 'id': what (fix)`,
and the two helpers every message uses: a value shortened to quote it, and "did you mean?"."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# A file with thousands of mistakes (every id renamed, say) is best fixed a screenful at a time:
# the message shows this many, and the slow checks stop looking soon after.
MAX_SHOWN = 100
# difflib compares a name with each known name; a file where every name is wrong would make
# the hints quadratic. About a second's worth of comparisons, then no more hints.
HINT_BUDGET = 40_000


def display_path(path: Path) -> str:
    """The path as a person typed it: relative to the working folder when it is inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if relative.startswith("..") else relative


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, where it is, and how to fix it when that is obvious."""

    line: int
    message: str
    node: str | None = None
    fix: str | None = None
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file else f"line {self.line}: "
        node = f"node '{self.node}': " if self.node else ""
        fix = f" ({self.fix})" if self.fix else ""
        # One line, whatever a quoted value holds: each problem is a line of the output.
        return " ".join(f"{where}{node}{self.message}{fix}".splitlines())


class CheckerError(Exception):
    """A flow that must not be published; `str()` is one line per problem, sorted by line,
    at most MAX_SHOWN of them and then a line saying there are more."""

    def __init__(self, problems: Iterable[Problem], file: Path | str | None = None) -> None:
        name = display_path(Path(file)) if file is not None else ""
        unique = {
            p if p.file or not name else Problem(p.line, p.message, p.node, p.fix, name)
            for p in problems
        }
        self.problems: list[Problem] = sorted(unique)
        lines = [str(p) for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            where = f"{name}: " if name else ""
            lines.append(f"{where}more problems are not shown (fix these, then check again)")
        super().__init__("\n".join(lines))


def shorten(value: object, limit: int = 60) -> str:
    """A value to quote in a message: at most `limit` characters, cut with `…`."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Hints:
    """'Did you mean ...?' for names that match nothing, while the budget of comparisons lasts."""

    def __init__(self, budget: int = HINT_BUDGET) -> None:
        self.budget = budget

    def closest(self, name: str, known: list[str]) -> str | None:
        self.budget -= len(known)
        if self.budget < 0:
            return None
        close = difflib.get_close_matches(name, known, n=1)  # difflib's cut-off, 0.6
        return close[0] if close else None

    def did_you_mean(self, name: str, known: list[str], otherwise: str | None = None) -> str | None:
        close = self.closest(name, known)
        return f"did you mean '{close}'?" if close else otherwise
