"""Care-level boxes and usual levels, rendered from the warning-sign catalogue.

Every warning sign is written once, under `warning_signs:` in docs/checker/flow.yaml, with its
level. A page shows the signs it chooses, by id, where it writes

    <!-- fill: warning-signs both_legs fever -->      (or `all`, on "When to get help")

and each sign lands in the box of its own level, so no page can rate a sign differently from
the checker. `<!-- fill: care-level nerves/herniated-disc.md -->` writes a page's usual level
(its front matter's `urgency`) in the words of the care level. A care-level box written by hand
is refused, with its page and line.
"""

from __future__ import annotations

import html
import re

from checker.model import RANK, URGENCIES, Sign
from checker.pages import front_matter, page_title

from guide.markers import Context, FillError, Marker, find

LEVELS = ("emergency", "urgent", "gp")  # the levels a sign can have, most urgent first
CARE_CLASSES = "|".join(URGENCIES)
_HAND_WRITTEN = re.compile(
    rf"^[ \t]*(?:(?:!!!|\?\?\?\+?)[ \t]+(?:{CARE_CLASSES})\b|<[^>]*\bclass=\"[^\"]*"
    rf"\badmonition\b[^\"]*\b(?:{CARE_CLASSES})\b)",
    re.MULTILINE,
)
_MARKDOWN = re.compile(r"([\\`*_\[\]{}()#+!|~])")


def refuse_hand_written(markdown: str, page: str, first_line: int = 1) -> None:
    """A care-level box typed into a page would state a level the catalogue does not hold."""
    found = _HAND_WRITTEN.search(markdown)
    if found:
        line = first_line + markdown.count("\n", 0, found.start())
        raise FillError(
            f"{page}:{line}: a care-level box is written by hand: "
            "list its signs with <!-- fill: warning-signs ID ... --> instead"
        )


def fill(marker: Marker, context: Context) -> str:
    """The `warning-signs` marker: a box per level, each sign in the box of its own level."""
    signs = context.flow.signs
    wanted = list(signs) if marker.args == ("all",) else list(marker.args)
    if not wanted:
        raise FillError("name the signs to show, or `all`")
    unknown = [sign for sign in wanted if sign not in signs]
    if unknown:
        raise FillError(f"unknown sign '{unknown[0]}' (the signs are under warning_signs:)")
    if len(set(wanted)) != len(wanted):
        raise FillError("a sign is listed twice")
    boxes = [
        _box(level, [signs[s] for s in wanted if signs[s].level == level], context)
        for level in LEVELS
    ]
    return "\n\n".join(box for box in boxes if box)


def _box(level: str, signs: list[Sign], context: Context) -> str:
    if not signs:
        return ""
    care = context.flow.care_levels[level]
    lines = [
        f'!!! {level} "{escape(care.title)}"',
        f"    {escape(care.action)}",
        "",
        "    Do this if you have back pain and any of these:",
        "",
    ]
    for sign in signs:
        lines.append(f"    - {escape(sign.words)}")
        lines.append(f"      {_may_be(sign, context)}")
    return "\n".join(lines)


def _may_be(sign: Sign, context: Context) -> str:
    """What the sign may point to, linked to the pages about it (never to this page): a title
    that the sentence names becomes the link, any other page follows as "See ..."."""
    text = escape(sign.may_be)
    others = []
    for page in sign.pages:
        if page == context.page:
            continue
        title = escape(page_title(context.docs_dir, page))
        link = context.markdown_link(page)
        start = text.casefold().find(title.casefold())
        if start >= 0:
            end = start + len(title)
            text = f"{text[:start]}[{text[start:end]}]({link}){text[end:]}"
        else:
            others.append(f"[{title}]({link})")
    return text + (f" See {' or '.join(others)}." if others else "")


def fill_sources(marker: Marker, context: Context) -> str:
    """The `sign-sources` marker, in a page's Sources list: the sources of the signs the page
    shows, each once, leaving out any the page already lists."""
    text = context.pages.get(context.page, "")
    keys = dict.fromkeys(
        key for sign in _shown(context) for key in context.flow.signs[sign].sources
    )
    sources = [context.flow.sources[key] for key in keys]
    return "\n".join(
        f"- [{escape(s.title)}]({s.url}) — {escape(s.publisher)}"
        for s in sources
        if s.url and f"]({s.url})" not in text
    )


SOONER = {
    "emergency": "call your local emergency number",
    "urgent": "get advice today",
    "gp": "see a GP",
}


def fill_care_line(marker: Marker, context: Context) -> str:
    """The `care-line` marker, under a cause page's summary: its usual level and the first sign
    of each more urgent level that the page shows, with links to its warning signs and to the
    checker. All from the page's own front matter and markers: nothing to keep in step."""
    level = _usual_level(context.pages.get(context.page, ""), context.page, context)
    signs = [context.flow.signs[s] for s in _shown(context) if s in context.flow.signs]
    sooner = [
        next(s for s in signs if s.level == other)
        for other in LEVELS
        if RANK[other] > RANK[level] and any(s.level == other for s in signs)
    ]
    care = context.flow.care_levels[level]
    line = f"**Usually:** {escape(care.title)}."
    if sooner:
        line += (
            " **Sooner if:** "
            + "; or ".join(f"{escape(s.short)} ({SOONER[s.level]})" for s in sooner)
            + "."
        )
    checker = context.markdown_link("checker/index.md")
    # Not "When to get help": that names the page of all signs, linked further down.
    links = f"[Warning signs on this page](#when-to-get-help) · [Check your symptoms]({checker})"
    return f"{line}<br>\n{links}\n{{ .care-line .care-line--{level} }}"


def _usual_level(text: str, page: str, context: Context) -> str:
    level = front_matter(text).get("urgency")
    if level not in context.flow.care_levels:
        raise FillError(f"'{page}' has no `urgency:` in its front matter")
    return str(level)


def _shown(context: Context) -> list[str]:
    """The ids of the signs this page shows in its boxes, in the order it lists them."""
    shown: list[str] = []
    for _, found in find(context.pages.get(context.page, ""), context.page):
        if found.name == "warning-signs":
            shown += list(context.flow.signs) if found.args == ("all",) else list(found.args)
    return shown


def fill_care_level(marker: Marker, context: Context) -> str:
    """The `care-level PAGE` marker: that page's usual level, in the care level's own words."""
    if len(marker.args) != 1:
        raise FillError("name one page, such as nerves/herniated-disc.md")
    page = marker.args[0]
    context.link(page)  # a page of this build, or FillError
    level = _usual_level(context.pages.get(page, ""), page, context)
    return escape(context.flow.care_levels[level].title)


def escape(text: str) -> str:
    """Catalogue text as Markdown that shows exactly those words: no markup, no HTML."""
    escaped = _MARKDOWN.sub(r"\\\1", html.escape(" ".join(text.split())))
    return escaped.replace(":", "&#58;")  # no emoji shortcode (:smile:) may become an image
