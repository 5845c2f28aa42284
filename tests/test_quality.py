"""Quality gates on the built site: plain language, links that resolve, a light checker script."""

from __future__ import annotations

import gzip
from pathlib import Path

from guide_pages import DOCS
from tools import linkcheck, readability

CHECKER_SCRIPT = DOCS / "javascripts" / "checker.js"


def test_readability_gate(site_dir: Path) -> None:
    scores = readability.score_site(site_dir)
    assert len(scores) >= 15
    assert readability.failures(scores) == [], readability.report(scores)


def test_main_text_keeps_prose_and_drops_sources_and_chrome() -> None:
    html = """<nav>Menu item</nav><article><h1>Shingles<a class="headerlink">¶</a></h1>
    <p>It burns on one side.</p><ul><li>A rash</li><li>Tingling</li></ul>
    <svg><text>Label</text></svg><p class="review-dates">Last reviewed</p>
    <h2 id="sources">Sources</h2><p>NHS page</p></article>"""
    assert readability.main_text(html) == "Shingles. It burns on one side. A rash. Tingling."


def test_readability_gate_fails_on_a_hard_page() -> None:
    hard = readability.Score("hard.html", 12.4, 300)
    easy = readability.Score("easy.html", 6.0, 300)
    assert readability.failures([easy, easy, hard]) == ["hard.html: grade 12.4 is above 9.0"]
    assert "median grade 12.4" in readability.failures([hard, hard, easy])[-1]


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    assert linkcheck.broken_links(site_dir) == []


def test_linkcheck_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<h2 id="here">Here</h2>\n<a href="#here">ok</a>\n<a href="b.html">gone</a>\n'
        '<a href="a.html#nowhere">bad anchor</a>\n<a href="https://www.nhs.uk/">outside</a>\n',
        encoding="utf-8",
    )
    assert linkcheck.broken_links(tmp_path) == [
        "a.html:3: b.html -> no such file",
        "a.html:4: a.html#nowhere -> no anchor #nowhere",
    ]


def test_checker_script_is_at_most_3_kb_gzipped() -> None:
    size = len(gzip.compress(CHECKER_SCRIPT.read_bytes(), compresslevel=9))
    assert size <= 3 * 1024, f"checker.js is {size} bytes gzipped"


def test_reports_refuse_a_folder_without_a_built_site(tmp_path: Path, capsys) -> None:
    for name, tool in (("readability", readability), ("linkcheck", linkcheck)):
        assert tool.main([str(tmp_path)]) == 2
        assert capsys.readouterr().err == (
            f"{name}: {tmp_path}/index.html: no built site here (run make build)\n"
        )
