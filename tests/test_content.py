"""The guide's pages: structure, front matter, glossary, sources and the source article's causes."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from guide import glossary, sources
from guide_pages import (
    CAUSE_SECTIONS,
    DOCS,
    ROOT,
    Page,
    all_pages,
    article_facts,
    cause_pages,
    nav_pages,
    read,
)

# The article itself is not in the repository: only a clone with it beside checks the list.
ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"
ABBREVIATIONS = DOCS / "includes" / "abbreviations.md"
# Every cause the source article names, and words that must stand in its page's title.
ARTICLE_CAUSES = {
    "muscle strain": "muscle strain",
    "ligament sprain": "ligament sprain",
    "facet joint arthritis": "facet joint arthritis",
    "spondylosis": "spondylosis",
    "herniated or bulging disc": "herniated or bulging disc",
    "sciatica": "sciatica",
    "spinal stenosis": "spinal stenosis",
    "multiple sclerosis": "multiple sclerosis",
    "diabetic neuropathy": "diabetic neuropathy",
    "pyelonephritis": "pyelonephritis",
    "kidney stones": "kidney stones",
    "shingles": "shingles",
    "discitis": "discitis",
    "vertebral osteomyelitis": "vertebral osteomyelitis",
    "cauda equina syndrome": "cauda equina syndrome",
    "spinal tumors": "spinal tumours",
}
REQUIRED_TERMS = [
    "calor", "vasodilation", "prostaglandins", "facet joint", "spondylosis", "radiculopathy",
    "sciatica", "paresthesia", "herniated disc", "spinal stenosis", "neuropathy",
    "pyelonephritis", "varicella-zoster virus", "discitis", "vertebral osteomyelitis",
    "cauda equina",
]  # fmt: skip
EMERGENCY_NUMBERS = (
    "your local emergency number (999 in the UK, 112 in the EU, 911 in the US and Canada)"
)
# Sources a page may cite: the NHS (its four nations and trusts), NICE, public health bodies
# and professional or patient bodies. Anything else needs a deliberate change here.
REPUTABLE = re.compile(
    r"https?://(www2?\.)?([a-z0-9-]+\.)*("
    r"nhs\.uk|nhs\.wales|nhsinform\.scot|nidirect\.gov\.uk|hscni\.net|hse\.ie|nice\.org\.uk"
    r"|publichealthscotland\.scot|spinesurgeons\.ac\.uk|brainandspine\.org\.uk"
    r"|rcemlearning\.co\.uk|diabetes\.org\.uk|mstrust\.org\.uk|ms-society\.ie|csp\.org\.uk|nhsinform\.co\.uk"
    r")/"
)


def test_strict_build_has_no_warning(build_log: tuple[Path, str]) -> None:
    _, log = build_log
    assert "WARNING" not in log, log


def test_every_page_is_in_the_navigation() -> None:
    in_nav = set(nav_pages())
    assert {page.src for page in all_pages()} <= in_nav
    assert all((DOCS / src).exists() for src in in_nav)


def test_there_is_a_page_per_cause_in_three_mechanisms() -> None:
    assert len(cause_pages()) >= 11
    for mechanism in ("inflammation", "nerves", "referred-pain"):
        assert (DOCS / mechanism / "index.md").exists()


@pytest.mark.parametrize("page", cause_pages(), ids=lambda page: page.src)
def test_cause_page_has_every_section_in_order(page: Page) -> None:
    assert page.headings == CAUSE_SECTIONS
    assert re.search(r"^# .+", page.body, re.MULTILINE), "the page needs an h1 title"


@pytest.mark.parametrize("page", cause_pages(), ids=lambda page: page.src)
def test_cause_page_front_matter(page: Page) -> None:
    meta = page.meta
    assert meta["title"] and len(meta["description"]) >= 40
    assert meta["mechanism"] == page.src.split("/")[0]
    assert meta["urgency"] in {"emergency", "urgent", "gp", "self-care"}
    assert isinstance(meta["last_reviewed"], dt.date)
    assert isinstance(meta["next_review"], dt.date)
    assert meta["next_review"] > meta["last_reviewed"]


@pytest.mark.parametrize("page", cause_pages(), ids=lambda page: page.src)
def test_cause_page_cites_reputable_sources_and_the_article(page: Page) -> None:
    sources = page.body.split("## Sources", 1)[1]
    links = re.findall(r"\]\((https?://[^)\s]+)\)", sources)
    assert links, "no source is linked"
    assert [link for link in links if not REPUTABLE.match(link)] == []
    assert "Source article" in sources


@pytest.mark.parametrize("page", cause_pages(), ids=lambda page: page.src)
def test_cause_page_shows_its_review_dates(page: Page, site_dir: Path) -> None:
    built = page.built(site_dir)
    assert f'datetime="{page.meta["last_reviewed"].isoformat()}"' in built
    assert f'datetime="{page.meta["next_review"].isoformat()}"' in built


@pytest.mark.parametrize("page", all_pages(), ids=lambda page: page.src)
def test_every_page_has_its_own_description_and_the_disclaimer(page: Page, site_dir: Path) -> None:
    built = page.built(site_dir)
    description = page.meta.get("description")
    assert description, "front matter needs a description"
    assert f'<meta name="description" content="{html.escape(description.strip())}"' in built
    assert "It is not a diagnosis and does not replace a clinician." in built


@pytest.mark.parametrize("page", all_pages(), ids=lambda page: page.src)
def test_no_phone_number_but_the_emergency_numbers(page: Page) -> None:
    # Links and HTML (the body map's coordinates) may hold digits; the prose may not.
    text = re.sub(r"\]\([^)]*\)|https?://\S+|<[^>]+>", "", page.body)
    for number in re.findall(r"\b\d[\d ]{2,}\d\b|\b\d{3}\b", text):
        assert number in {"999", "112", "911"}, f"unexpected number {number!r}"
    if re.search(r"\b999\b|\b112\b|\b911\b", text):
        assert EMERGENCY_NUMBERS in " ".join(text.split())


def test_every_cause_the_article_names_has_a_page() -> None:
    named = [cause["name"] for cause in article_facts()["causes"]]
    assert sorted(named) == sorted(ARTICLE_CAUSES), "a cause of the article has no title words"
    titles = [page.meta["title"].casefold() for page in cause_pages()]
    for in_title in ARTICLE_CAUSES.values():
        assert any(in_title in title for title in titles), f"no page is titled with {in_title!r}"


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not beside this clone")
def test_the_article_facts_are_in_the_article() -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    lines = [" ".join(line.split()).casefold() for line in article.splitlines()]
    text = " ".join(lines)
    facts = article_facts()
    for fact in facts["causes"] + facts["warning_signs"]:
        words = fact.get("name", fact.get("words"))
        assert words.split(" or ")[0].casefold() in text, f"the article does not say {words!r}"
        assert fact["section"].casefold() in lines, f"no section {fact['section']!r}"


def test_glossary_has_every_required_term_with_a_definition() -> None:
    entries = {entry.term.casefold(): entry for entry in glossary.read_entries(ABBREVIATIONS)}
    for term in REQUIRED_TERMS:
        assert term in entries, f"{term!r} is missing from the glossary"
        assert len(entries[term].definition.split()) >= 4


def test_glossary_page_lists_every_term(site_dir: Path) -> None:
    text = " ".join(
        html.unescape(re.sub(r"<[^>]+>", "", read("glossary.md").built(site_dir))).split()
    )
    for entry in glossary.read_entries(ABBREVIATIONS):
        assert f"{entry.term[0].upper()}{entry.term[1:]} {entry.definition}" in text, entry.term


def test_glossary_terms_show_as_tooltips_where_they_appear(site_dir: Path) -> None:
    """Each term a page uses is a tooltip there (unless it sits inside a longer term)."""
    entries = glossary.read_entries(ABBREVIATIONS)
    for page in all_pages():
        built = page.built(site_dir)
        # Link targets, raw HTML lines (the body map) and markers are not text: no tooltips.
        body = re.sub(r"\]\([^)]*\)|^\s*<.*$|<!--.*?-->", "", page.body, flags=re.M)
        for entry in entries:
            longer = [e.term for e in entries if entry.term in e.term and e is not entry]
            bare = re.sub("|".join(map(re.escape, longer)) or "$^", "", body, flags=re.I)
            if re.search(rf"\b{re.escape(entry.term)}\b", bare):
                tooltip = f'<abbr title="{html.escape(entry.definition)}"'
                assert tooltip in built, f"{page.src}: {entry.term!r} has no tooltip"


def test_glossary_rejects_a_malformed_line(tmp_path: Path) -> None:
    snippet = tmp_path / "abbreviations.md"
    snippet.write_text("*[calor]: Heat.\n[oops]: no star\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match=r"abbreviations\.md:2:"):
        glossary.read_entries(snippet)


def test_glossary_rejects_two_definitions_of_one_term(tmp_path: Path) -> None:
    snippet = tmp_path / "abbreviations.md"
    snippet.write_text("*[sciatica]: One thing.\n*[Sciatica]: Another.\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match=r":2: 'Sciatica' is defined differently"):
        glossary.read_entries(snippet)


def test_nothing_is_loaded_from_another_origin(site_dir: Path) -> None:
    outside = re.compile(
        r"""<(?:script|img|iframe|source)[^>]+src=["']https?://|<link[^>]+href=["']https?://[^"']+["'][^>]*rel=["']?(?:stylesheet|preconnect|icon)|<link[^>]+rel=["']?(?:stylesheet|preconnect)[^>]+href=["']https?://|fonts\.googleapis|cdn\.jsdelivr|unpkg\.com"""
    )
    for path in site_dir.rglob("*.html"):
        found = outside.search(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(site_dir)}: {found[0]}"


def test_about_lists_every_source_that_any_page_cites(site_dir: Path) -> None:
    # The plain links of every Sources section, read without the parser that About is made by.
    about = read("about.md").built(site_dir)
    cited = {
        url
        for page in all_pages()
        if "## Sources" in page.body
        for url in re.findall(r"\]\((https?://[^)\s]+)\)", page.body.split("## Sources", 1)[1])
    }
    assert len(cited) > 20
    assert [url for url in sorted(cited) if f'href="{html.escape(url)}"' not in about] == []


SOURCES_PAGE = (
    "---\ntitle: Page\n---\n# Page\n\nSee [NHS](https://www.nhs.uk/a/).\n\n## Sources\n\n"
    "- [Back pain](https://www.nhs.uk/conditions/back-pain/) — NHS\n"
    "- Source article: *Heat or burning in the lower back*\n"
)


def test_sources_are_read_from_the_sources_section_in_one_form() -> None:
    markdown = SOURCES_PAGE + "- [Guideline](https://www.nice.org.uk/guidance/ng59) — NICE\n"
    assert sources.cited_in(markdown) == [
        sources.Source("Back pain", "https://www.nhs.uk/conditions/back-pain/", "NHS"),
        sources.Source("Guideline", "https://www.nice.org.uk/guidance/ng59", "NICE"),
    ]
    listed = sources.render(sources.cited_in(markdown) * 2)
    assert listed.splitlines() == [
        "- [Back pain](https://www.nhs.uk/conditions/back-pain/) — NHS",
        "- [Guideline](https://www.nice.org.uk/guidance/ng59) — NICE",
    ]


@pytest.mark.parametrize(
    "item",
    [
        "- [Guideline](https://www.nice.org.uk/guidance/ng59), NICE",
        "- [Guideline](https://www.nice.org.uk/guidance/ng59)",
        "- [Guideline](https://www.nice.org.uk/guidance/ng59) - NICE",
        "- Guideline: https://www.nice.org.uk/guidance/ng59",
    ],
)
def test_a_source_in_another_form_is_refused_with_its_line(item: str) -> None:
    with pytest.raises(sources.SourceError) as error:
        sources.cited_in(SOURCES_PAGE + item + "\n", "nerves/x.md")
    assert str(error.value) == (
        f"nerves/x.md:12: a source must read '{sources.FORM}', got {item!r}"
    )
