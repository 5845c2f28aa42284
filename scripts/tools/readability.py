"""Plain-language report: Flesch-Kincaid grade of each built page's main text.

Usage: PYTHONPATH=scripts python -m tools.readability [SITE_DIR]
(prints a Markdown table; exit 1 if a gate fails)

Main text is the prose of the page's <article>: the title, paragraphs, lists, tables and
boxes, without the sources list, the review dates, the disclaimer, scripts or pictures. Each
block (paragraph, list item, table cell, heading) counts as at least one sentence, so a list
of short items is not read as one endless sentence.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import textstat

MAX_GRADE = 9.0
MAX_MEDIAN = 8.0
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "figcaption", "summary"}
SKIPPED = {"script", "style", "svg", "nav", "code", "pre"}
SKIPPED_CLASSES = {"headerlink", "review-dates", "disclaimer", "md-source-file"}
# Pages that are not prose to read: the glossary is a list of definitions of hard words.
NOT_PROSE = {"glossary.html", "404.html", "print_page.html"}


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._in_article = 0
        self._skip = 0
        self._stack: list[bool] = []  # whether each open element started a skip
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "hr", "input", "meta", "link", "wbr"}:
            return
        attributes = dict(attrs)
        if tag == "article":
            self._in_article += 1
        if tag == "h2" and attributes.get("id") == "sources":
            self._done = True  # the sources list closes every page
        classes = set((attributes.get("class") or "").split())
        skips = tag in SKIPPED or bool(classes & SKIPPED_CLASSES)
        self._stack.append(skips)
        self._skip += skips
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in {"br", "img", "hr", "input", "meta", "link", "wbr"}:
            return
        if tag in BLOCKS:
            self._flush()
        if tag == "article":
            self._in_article -= 1
        if self._stack:
            self._skip -= self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_article and not self._skip and not self._done:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            self.blocks.append(text if text[-1] in ".!?:" else f"{text}.")


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.blocks)


@dataclass(frozen=True)
class Score:
    page: str
    grade: float
    words: int


def score_site(site: Path) -> list[Score]:
    scores = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        if page in NOT_PROSE:
            continue
        text = main_text(path.read_text(encoding="utf-8"))
        if text:
            scores.append(
                Score(page, textstat.flesch_kincaid_grade(text), textstat.lexicon_count(text))
            )
    return scores


def failures(scores: list[Score]) -> list[str]:
    problems = [
        f"{s.page}: grade {s.grade:.1f} is above {MAX_GRADE}" for s in scores if s.grade > MAX_GRADE
    ]
    median = statistics.median(s.grade for s in scores)
    if median > MAX_MEDIAN:
        problems.append(f"median grade {median:.1f} is above {MAX_MEDIAN}")
    return problems


def report(scores: list[Score]) -> str:
    lines = ["| Page | Flesch-Kincaid grade | Words |", "| --- | ---: | ---: |"]
    lines += [f"| {s.page} | {s.grade:.1f} | {s.words} |" for s in scores]
    median = statistics.median(s.grade for s in scores)
    lines.append(f"| **median of {len(scores)} pages** | **{median:.1f}** | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not (site / "index.html").is_file():
        print(
            f"readability: {site}/index.html: no built site here (run make build)", file=sys.stderr
        )
        return 2
    scores = score_site(site)
    print(report(scores))
    problems = failures(scores)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
