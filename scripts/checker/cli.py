"""The command line: check a flow, render it to a folder, or list its paths.

    python -m checker check docs/checker/flow.yaml
    python -m checker render docs/checker/flow.yaml OUTDIR
    python -m checker draw docs/checker/flow.yaml flowchart.svg
    python -m checker paths docs/checker/flow.yaml > tests/checker/paths.golden

Problems go to stderr, one line each, and the exit status is 1. Nothing is written unless the
flow passes every check and proof.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from checker import draw, graph, load
from checker.errors import CheckerError, display_path
from checker.files import written_whole
from checker.model import Flow
from checker.pages import find_config, project_pages
from checker.render import Rendered, render

OUTPUT_FILES = {
    "checker.html": lambda r: r.checker,
    "how-it-works.html": lambda r: r.outline,
    "sources.html": lambda r: r.sources,
    "flow.json": lambda r: json.dumps(r.data, ensure_ascii=False, indent=2),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        docs_dir, pages = (None, None) if args.command == "paths" else _pages(args)
        flow = load(args.flow, docs_dir=docs_dir, pages=pages)
    except CheckerError as error:
        print(error, file=sys.stderr)
        return 1
    if args.command == "check":
        print(summary(flow, docs_dir))
    elif args.command == "render":
        write(render(flow), args.outdir)
        print(f"{display_path(args.flow)}: rendered to {display_path(args.outdir)}/")
    elif args.command == "draw":
        try:
            picture = draw.draw(flow)
        except draw.DrawError as error:
            print(f"{display_path(args.flow)}: {error}", file=sys.stderr)
            return 1
        write_file(picture + "\n", args.out)
        print(f"{display_path(args.flow)}: drawn to {display_path(args.out)}")
    else:
        for answers, end in graph.enumerate_paths(flow):
            print(graph.format_path(answers, end))
    return 0


def summary(flow: Flow, docs_dir: Path | None) -> str:
    answers, end = graph.longest_path(flow)
    pages = f"pages checked in {display_path(docs_dir)}/" if docs_dir else "pages not checked"
    return (
        f"{display_path(flow.file)}: OK: {len(flow.questions)} questions, "
        f"{len(flow.outcomes)} outcomes, {graph.count_paths(flow)} paths; {pages}\n"
        f"longest path ({len(answers)} questions): {graph.format_path(answers, end)}"
    )


def write(rendered: Rendered, outdir: Path) -> None:
    """Write every file to a new folder beside OUTDIR, then swap it in: a reader of OUTDIR
    sees the old files or the new ones, never a mixture."""
    outdir = outdir.resolve()
    outdir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{outdir.name}-new-", dir=outdir.parent))
    try:
        for name, content in OUTPUT_FILES.items():
            (fresh / name).write_text(content(rendered) + "\n", encoding="utf-8")
        if outdir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}-old-", dir=outdir.parent))
            outdir.rename(old / "previous")
            fresh.rename(outdir)
            shutil.rmtree(old)
        else:
            fresh.rename(outdir)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh)


def write_file(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(path) as partial:
        partial.write_text(text, encoding="utf-8")


def _pages(args: argparse.Namespace) -> tuple[Path | None, set[str] | None]:
    """Where linked pages must be: --docs-dir (any Markdown file there), else the pages the
    MkDocs project around the flow publishes, as `mkdocs build` checks them."""
    if args.no_pages:
        return None, None
    if args.docs_dir:
        return args.docs_dir, None
    config = find_config(args.flow.parent)
    return project_pages(config) if config else (None, None)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m checker", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("check", "validate and prove the flow, then print a summary"),
        ("render", "write the checker, outline, sources and data to OUTDIR"),
        ("draw", "draw the flow as an SVG flowchart (Graphviz's dot lays it out)"),
        ("paths", "print every path from the start to an outcome, one a line"),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("flow", type=Path, help="the flow file, e.g. docs/checker/flow.yaml")
        if name == "render":
            command.add_argument("outdir", type=Path, help="folder to write (replaced whole)")
        if name == "draw":
            command.add_argument("out", type=Path, help="the SVG file to write (replaced)")
        if name != "paths":
            pages = command.add_mutually_exclusive_group()
            pages.add_argument(
                "--docs-dir",
                type=Path,
                help="where linked pages must exist (default: the pages mkdocs.yml publishes)",
            )
            pages.add_argument(
                "--no-pages", action="store_true", help="do not check that linked pages exist"
            )
        else:
            command.set_defaults(docs_dir=None, no_pages=True)
    return parser
