"""The symptom checker: one YAML flow, checked and proved safe, rendered as HTML and JSON.

    from checker import load
    flow = load(Path("docs/checker/flow.yaml"), docs_dir=Path("docs"))   # or CheckerError

Run `python -m checker --help` (with scripts/ on PYTHONPATH) for the command line.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from checker import graph, proofs, schema, signs
from checker.errors import CheckerError, Problem
from checker.loading import MAX_BYTES, parse
from checker.model import Flow, build
from checker.pages import page_title

__all__ = ["CheckerError", "Flow", "Problem", "complete", "load", "load_text"]


def load(
    path: Path,
    docs_dir: Path | None = None,
    max_bytes: int = MAX_BYTES,
    pages: set[str] | None = None,
) -> Flow:
    """Read, validate and prove a flow file. `docs_dir` (when given) is where linked pages
    must exist; `pages` (when given) the pages the site publishes, as paths inside it (see
    `checker.pages.site_pages`). Raises CheckerError with every problem of the first stage
    that has any."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CheckerError([Problem(1, f"cannot read the file: {error.strerror}")], path) from None
    return load_text(raw, path, docs_dir, max_bytes, pages)


def load_text(
    raw: bytes,
    path: Path,
    docs_dir: Path | None = None,
    max_bytes: int = MAX_BYTES,
    pages: set[str] | None = None,
) -> Flow:
    """As `load`, for content already read; `path` names it in messages."""
    with paused_gc():
        return _load_text(raw, path, docs_dir, max_bytes, pages)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector, run again and again while a large YAML file makes its many
    small objects (none of them in cycles), made parsing grow faster than the file."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_text(
    raw: bytes, path: Path, docs_dir: Path | None, max_bytes: int, pages: set[str] | None
) -> Flow:
    document = parse(raw, path, max_bytes)
    _stop_if(schema.validate(document), path)
    flow = build(document, path)
    references = graph.check_references(flow) + signs.check(flow)
    _stop_if(references + graph.check_pages(flow, docs_dir, pages), path)
    _stop_if(graph.check_cycles(flow) + graph.check_reachable(flow), path)
    _stop_if(proofs.prove_all(flow) or signs.prove(flow), path)
    return complete(flow, docs_dir)


def complete(flow: Flow, docs_dir: Path | None = None) -> Flow:
    """The flow with what a sound graph gives (step numbers) and the linked pages' titles."""
    pages = dict.fromkeys(page for outcome in flow.outcomes.values() for page in outcome.pages)
    titles = {page: page_title(docs_dir, page) for page in pages}  # each page read once
    return flow.completed(graph.number_steps(flow), titles)


def _stop_if(problems: list[Problem], path: Path) -> None:
    if problems:
        raise CheckerError(problems, path)
