"""MkDocs hooks: thin adapters that call the project's plain Python modules.

MkDocs puts this file's folder on sys.path while it loads the hook, so `checker`, `guide` and
`tools` import directly. Keep logic in those modules: they are tested and run without MkDocs.
The functions below are in the order MkDocs calls them.
"""

from __future__ import annotations

from pathlib import Path

import checker
from checker import draw
from checker.pages import site_pages
from guide import (
    accessible_names,
    emergency_numbers,
    fillers,
    glossary_terms,
    page_assets,
    web_app,
)
from guide.markers import Context, FillError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

CHECKER_FLOW = Path("checker") / "flow.yaml"  # inside docs/
SITE_STYLESHEET = Path("stylesheets") / "extra.css"  # inside docs/
_flow: checker.Flow | None = None
_pages: dict[str, str] = {}
_command = "build"
_app = False  # the site registers the service worker (mkdocs.yml): it gets a manifest


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _app
    _app = web_app.registers_worker(config.extra_javascript)
    # No service worker under `mkdocs serve`: its cache would defeat live reload.
    config.extra_javascript = web_app.scripts_for(_command, config.extra_javascript)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # Before MkDocs empties site/: a broken flow fails the build with the same lines as
    # `python -m checker check`, and leaves the previous site as it was; so does a flowchart
    # Graphviz cannot lay out (draw keeps the layout for the flowchart's page).
    global _flow
    docs = Path(config.docs_dir)
    try:
        _flow = checker.load(docs / CHECKER_FLOW, docs_dir=docs, pages=site_pages(config))
        draw.lay_out(_flow)
    except (checker.CheckerError, draw.DrawError) as error:
        raise PluginError(str(error)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Every page's source, for fillers that gather from all pages (the About page's sources).
    _pages.clear()
    _pages.update({f.src_uri: f.content_string for f in files.documentation_pages()})
    if not _app:
        return files
    # The web app manifest (scripts/guide/web_app.py), in the header's colour.
    try:
        theme = web_app.theme_colour((Path(config.docs_dir) / SITE_STYLESHEET).read_text("utf-8"))
    except web_app.WebAppError as error:
        raise PluginError(f"{SITE_STYLESHEET}: {error}") from None
    content = web_app.manifest(config.site_name, config.site_description or "", theme)
    files.append(File.generated(config, web_app.MANIFEST, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The PDF's cover shows when the guide as a whole was last reviewed: its newest page.
    if reviewed := page.meta.get("last_reviewed"):
        config.extra["last_reviewed"] = max(reviewed, config.extra.get("last_reviewed", reviewed))

    def link(src: str) -> str:
        target = files.get_file_from_path(src)
        if target is None or not target.is_documentation_page():
            raise FillError(f"'{src}' is not a page of this build")
        return target.url_relative_to(page.file)

    assert _flow is not None  # set by on_pre_build
    context = Context(page.file.src_uri, Path(config.docs_dir), link, _pages, _flow)
    # Front matter is gone from `markdown`: count its lines, so errors name the file's own line.
    source = page.file.content_string
    first_line = source[: len(source) - len(markdown)].count("\n") + 1
    try:
        return fillers.fill_page(markdown, context, first_line if source.endswith(markdown) else 1)
    except FillError as error:
        raise PluginError(str(error)) from None


# The print page is written by its plugin after the build, past these two events, so it keeps
# the assets that only it needs; it gets its names in on_post_build.
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _for_screen(output) if template_name.endswith(".html") else output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _for_screen(output)


def _for_screen(html: str) -> str:
    # Tappable emergency numbers and focusable glossary terms are for screens: the PDF keeps
    # plain text.
    html = glossary_terms.focusable(emergency_numbers.linked(html))
    return page_assets.for_screen(accessible_names.named(html))


def on_post_build(config: MkDocsConfig) -> None:
    # Hooks run after the plugins listed in mkdocs.yml: the print page is written by now.
    print_page = Path(config.site_dir) / page_assets.PRINT_PAGE
    if print_page.is_file():
        # The flowchart's parts for paper come with its page (draw.print_figure).
        html = accessible_names.named(print_page.read_text(encoding="utf-8"))
        print_page.write_text(draw.on_print_page(html), encoding="utf-8")
