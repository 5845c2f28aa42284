"""The broken-flow corpus: each case is fixtures/valid.yaml with one small edit, written in
fixtures/broken.toml with the one line `python -m checker check` must give for it.

When valid.yaml changes shape (or a message its wording), the edits still apply and only the
expected lines move; rewrite them all, then review the diff:

    make corpus        # PYTHONPATH=scripts python tests/checker/corpus.py --write

A case reads: `mistake` (what is wrong, in words), `expect` (the line, without the file's
name), then one or more `[[NAME.edit]]` with `replace` (lines of valid.yaml, found once, at
the start of a line) and `with` (what they become); or `body`, the whole flow, for a case
that keeps nothing of valid.yaml. The flow of a case starts with two comment lines, naming
the mistake and the expected line, in place of valid.yaml's first line: a case written to a
file says what it tests.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import checker  # scripts/ is on the path: pytest's pythonpath, or PYTHONPATH for `make corpus`

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid.yaml"
CORPUS = FIXTURES / "broken.toml"
_EXPECT = re.compile(r'^expect = ".*"$', re.MULTILINE)


class CorpusError(Exception):
    """A case that cannot be made: an edit that does not apply once, or a broken data file."""


@dataclass(frozen=True)
class Case:
    name: str
    mistake: str
    expect: str
    edits: tuple[tuple[str, str], ...] = ()
    body: str | None = None

    def text(self) -> str:
        """The broken flow: valid.yaml with the edits, behind its header."""
        body = _apply(self, self.body if self.body is not None else _valid_body())
        return f"# Broken: {self.mistake}\n# expect: {self.expect}\n{body}"


def cases(path: Path = CORPUS) -> list[Case]:
    """Every case of the corpus, in the file's order."""
    return _read(path.read_text(encoding="utf-8"))


def _read(text: str) -> list[Case]:
    data = tomllib.loads(text)
    return [
        Case(
            name,
            case["mistake"],
            case["expect"],
            tuple((edit["replace"], edit["with"]) for edit in case.get("edit", [])),
            case.get("body"),
        )
        for name, case in data.items()
    ]


def _valid_body() -> str:
    """valid.yaml without its first line (a comment), which a case's header replaces."""
    return VALID.read_text(encoding="utf-8").split("\n", 1)[1]


def _apply(case: Case, text: str) -> str:
    """Each edit's lines are found once in the text as it is, then all are replaced."""
    lined = "\n" + text  # whole lines: `  days:` must not match inside `    days:`
    spans = []
    for old, new in case.edits:
        found = lined.count("\n" + old)
        if found != 1:
            raise CorpusError(
                f"{CORPUS.name}: case '{case.name}': the lines to replace are found {found} "
                f"times in valid.yaml, not once: {old.splitlines()[0]!r}"
            )
        start = lined.index("\n" + old) + 1
        spans.append((start, start + len(old), new))
    spans.sort()
    if any(end > following[0] for (_, end, _), following in itertools.pairwise(spans)):
        raise CorpusError(f"{CORPUS.name}: case '{case.name}': two edits replace the same lines")
    for start, end, new in reversed(spans):
        lined = lined[:start] + new + lined[end:]
    return lined[1:]


def actual_line(case: Case) -> str:
    """The one line the checker gives for the case now, without the file's name."""
    name = f"{case.name}.yaml"
    try:
        checker.load_text(case.text().encode(), Path(name), docs_dir=FIXTURES / "docs")
    except checker.CheckerError as error:
        lines = str(error).splitlines()
        if len(lines) == 1:
            return lines[0].removeprefix(f"{name}:")
        raise CorpusError(
            f"case '{case.name}' gives {len(lines)} lines, not one:\n{error}"
        ) from None
    raise CorpusError(f"case '{case.name}' passes every check: its edit breaks nothing")


def rewrite(path: Path = CORPUS) -> list[str]:
    """Write each case's actual line as its `expect` (every case, or nothing at all);
    return the names of the cases whose line changed."""
    text = path.read_text(encoding="utf-8")
    found = cases(path)
    lines = {case.name: actual_line(case) for case in found}
    blocks = re.split(r"(?m)^(?=\[[a-z0-9_]+\]$)", text)  # the header, then a block a case
    if len(blocks) != len(found) + 1:
        raise CorpusError(f"{path.name}: write each case as a `[name]` table of its own")
    changed = [case.name for case in found if lines[case.name] != case.expect]
    for index, case in enumerate(found, start=1):
        match = _EXPECT.search(blocks[index])
        if match is None:
            raise CorpusError(f"{path.name}: case '{case.name}': write `expect = \"...\"`")
        line = "expect = " + json.dumps(lines[case.name], ensure_ascii=False)
        blocks[index] = blocks[index][: match.start()] + line + blocks[index][match.end() :]
    new = "".join(blocks)
    if [case.expect for case in _read(new)] != [lines[case.name] for case in found]:
        raise CorpusError(f'{path.name}: write each `expect = "..."` on one line')
    path.write_text(new, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    if argv != ["--write"]:
        print("usage: PYTHONPATH=scripts python tests/checker/corpus.py --write", file=sys.stderr)
        return 2
    try:
        changed = rewrite()
    except CorpusError as error:
        print(error, file=sys.stderr)
        return 1
    names = f": {', '.join(changed)}" if changed else ""
    print(f"{CORPUS.name}: {len(changed)} of the expected lines changed{names}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
