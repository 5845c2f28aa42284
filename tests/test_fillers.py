"""The one registry of page fillers: every marker filled, every problem one line, in a build too."""

from __future__ import annotations

from pathlib import Path

import mini_site
import pytest
from guide import fillers
from guide.markers import Context, FillError, Marker
from guide_pages import DOCS, checker_flow

PAGE = "# Page\n\nBefore.\n\n<!-- fill: echo a b -->\n\nBetween.\n\n<!-- fill: echo -->\n\nAfter.\n"


def context(page: str = "x.md") -> Context:
    def link(src: str) -> str:
        if src != "y.md":
            raise FillError(f"'{src}' is not a page of this build")
        return "y.html"

    return Context(page, DOCS, link, {}, checker_flow())


@pytest.fixture
def echo(monkeypatch: pytest.MonkeyPatch) -> list[Marker]:
    """A filler that writes down the markers it is given and names them in the page."""
    seen: list[Marker] = []

    def fill(marker: Marker, context: Context) -> str:
        seen.append(marker)
        return f"[{' '.join(marker.args) or 'none'} from {context.page}]"

    monkeypatch.setitem(fillers.FILLERS, "echo", fill)
    return seen


def test_every_marker_is_replaced_by_its_filler_with_its_arguments(echo: list[Marker]) -> None:
    filled = fillers.fill_page(PAGE, context(), first_line=4)
    assert filled == PAGE.replace("<!-- fill: echo a b -->", "[a b from x.md]").replace(
        "<!-- fill: echo -->", "[none from x.md]"
    )
    assert echo == [Marker("echo", ("a", "b"), 8), Marker("echo", (), 12)]


def test_a_page_without_markers_is_left_as_it_is() -> None:
    assert fillers.fill_page("# Page\n\n<!-- a comment -->\n", context()) == (
        "# Page\n\n<!-- a comment -->\n"
    )


@pytest.mark.parametrize(
    ("marker", "line"),
    [
        (
            "<!-- fill: nothing-like-it -->",
            "x.md:3: <!-- fill: nothing-like-it -->: no such filler",
        ),
        ("<!-- fill: Glossary -->", "x.md:3: malformed marker '<!-- fill: Glossary -->'"),
        ("<!-- fill glossary -->", "x.md:3: malformed marker '<!-- fill glossary -->'"),
        ("<!-- fill: glossary", "x.md:3: malformed marker '<!-- fill: glossary'"),
        ("<!-- fill: echo <b> -->", "x.md:3: malformed marker '<!-- fill: echo <b> -->'"),
    ],
)
def test_a_marker_that_cannot_be_filled_is_one_line(marker: str, line: str, echo: list) -> None:
    with pytest.raises(FillError) as error:
        fillers.fill_page(f"# Page\n\n{marker}\n", context())
    assert str(error.value).startswith(line)
    assert "\n" not in str(error.value)


def test_a_fillers_error_names_the_page_the_line_and_the_marker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(marker: Marker, context: Context) -> str:
        return context.link("z.md")

    monkeypatch.setitem(fillers.FILLERS, "broken", broken)
    with pytest.raises(FillError) as error:
        fillers.fill_page("# Page\n\n<!-- fill: broken -->\n", context("a/b.md"), first_line=5)
    assert str(error.value) == (
        "a/b.md:7: <!-- fill: broken -->: 'z.md' is not a page of this build"
    )


def test_the_registry_fills_the_guides_own_markers() -> None:
    assert {"glossary", "sources", "checker", "checker-outline", "checker-sources"} <= set(
        fillers.FILLERS
    )
    used = {
        marker.name
        for path in DOCS.rglob("*.md")
        for _, marker in fillers.find(path.read_text(encoding="utf-8"), path.name)
    }
    assert used <= set(fillers.FILLERS)
    assert used >= {"glossary", "sources", "checker", "checker-outline", "checker-sources"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mini_site.make(tmp_path_factory.mktemp("fill-project"))


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "---\ntitle: Notes\n---\n\n# Notes\n\n<!-- fill: glosary -->\n",
            "ERROR   -  notes.md:7: <!-- fill: glosary -->: no such filler (known: care-level, ",
        ),
        (
            "# Sources\n\n## Sources\n\n- [Back pain](https://www.nhs.uk/back-pain/), NHS\n",
            "ERROR   -  index.md:1: <!-- fill: sources -->: notes.md:5: a source must read",
        ),
        (
            "# Notes\n\n<!-- fill: glossary -->\n",
            "ERROR   -  notes.md:3: <!-- fill: glossary -->: ",
        ),
    ],
    ids=["unknown", "unreadable-source", "filler-error"],
)
def test_the_build_stops_with_one_line_and_no_traceback(
    project: Path, page: str, expected: str
) -> None:
    (project / "docs" / "notes.md").write_text(page, encoding="utf-8")
    (project / "docs" / "index.md").write_text("<!-- fill: sources -->\n", encoding="utf-8")
    result = mini_site.build(project)
    assert result.returncode == 1
    # MkDocs says which page it was reading, then our one line.
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 2 and errors[1].startswith(expected), result.stderr
    assert "Traceback" not in result.stderr
