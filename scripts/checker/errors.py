"""Problems found in a flow file, reported one line each: `FILE:LINE: node 'id': what (fix)`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


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
        return f"{where}{node}{self.message}{fix}"


class CheckerError(Exception):
    """A flow that must not be published; `str()` is one line per problem, sorted by line."""

    def __init__(self, problems: Iterable[Problem], file: Path | str | None = None) -> None:
        name = display_path(Path(file)) if file is not None else ""
        unique = {
            p if p.file or not name else Problem(p.line, p.message, p.node, p.fix, name)
            for p in problems
        }
        self.problems: list[Problem] = sorted(unique)
        super().__init__("\n".join(str(p) for p in self.problems))
