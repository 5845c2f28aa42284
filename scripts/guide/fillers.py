"""The one registry of page fillers: which function fills each marker of the guide's pages.

Each filler is a plain function `fill(marker, context) -> str` that returns what stands in the
marker's place. `fill_page` replaces every marker of a page; a marker whose name is not in the
table, a malformed one, or a filler's error stops the build with one line naming the page, the
line and the marker.
"""

from __future__ import annotations

from collections.abc import Callable

from checker import draw
from checker import render as checker_render

from guide import glossary, safety, sources, warning_signs
from guide.markers import Context, FillError, Marker, find

Filler = Callable[[Marker, Context], str]


def _checker_part(part: str) -> Filler:
    """One fragment of the rendered checker: the checker itself, its outline or its sources."""

    def fill(marker: Marker, context: Context) -> str:
        rendered = checker_render.render(context.flow, context.link, context.link)
        return str(getattr(rendered, part))

    return fill


def _flowchart(marker: Marker, context: Context) -> str:
    """The flow drawn as a flowchart, each box a link to its step on the checker page."""
    checker_page = context.link("checker/index.md")
    try:
        layout = draw.lay_out(context.flow)
    except draw.DrawError as error:
        raise FillError(str(error)) from None
    return draw.figure(context.flow, layout, lambda node: f"{checker_page}#{draw.ANCHOR}{node}")


FILLERS: dict[str, Filler] = {
    "glossary": glossary.fill,  # docs/includes/abbreviations.md as a definition list
    "sources": sources.fill,  # every source any page or checker result cites
    "checker": _checker_part("checker"),  # docs/checker/flow.yaml: the checker's steps
    "checker-outline": _checker_part("outline"),  # the same flow as an outline for clinicians
    "checker-flowchart": _flowchart,  # the same flow drawn, each box a link to its step
    "checker-sources": _checker_part("sources"),  # the sources the checker's results cite
    "warning-signs": warning_signs.fill,  # care-level boxes of the signs named, from the catalogue
    "sign-sources": warning_signs.fill_sources,  # in Sources: where the signs shown come from
    "care-line": warning_signs.fill_care_line,  # a cause page's first screen: level, links
    "care-level": warning_signs.fill_care_level,  # a page's usual level, in the level's words
    "hazard-log": safety.fill_hazards,  # docs/checker/hazard-log.yaml, every control checked
    "red-flags-left-out": safety.fill_left_out,  # red flags not asked, and why
    "signs-asked": safety.fill_signs,  # every sign of the catalogue, its level and sources
}


def fill_page(markdown: str, context: Context, first_line: int = 1) -> str:
    """The page with every marker replaced; FillError, on one line, for the first problem.
    Care-level boxes come only from the catalogue: one written by hand is refused."""
    warning_signs.refuse_hand_written(markdown, context.page, first_line)
    parts: list[str] = []
    end = 0
    for match, marker in find(markdown, context.page, first_line):
        where = f"{context.page}:{marker.line}: <!-- fill: {marker.name} -->"
        filler = FILLERS.get(marker.name)
        if filler is None:
            raise FillError(f"{where}: no such filler (known: {', '.join(sorted(FILLERS))})")
        try:
            filled = filler(marker, context)
        except FillError as error:
            raise FillError(f"{where}: {error}") from None
        parts += [markdown[end : match.start()], filled]
        end = match.end()
    return "".join([*parts, markdown[end:]])
