"""The safety page, made from the hazard log (docs/checker/hazard-log.yaml) and the catalogue.

Each hazard names its controls: a build proof (`signs.prove`, a function of scripts/checker) or
a test (`tests/x.py::test_name`). A control that does not exist stops the build, so the page can
never claim a safeguard the project does not have. Fillers: `hazard-log`, `red-flags-left-out`
and `signs-asked`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import CheckerError
from checker.loading import parse
from checker.model import Flow
from checker.render import SCREEN_INSTRUCTION

from guide.markers import Context, FillError, Marker
from guide.warning_signs import escape

LOG = Path("checker") / "hazard-log.yaml"  # inside docs/
# The controls are the project's own proofs and tests: those of the repository this code is in.
REPOSITORY = Path(__file__).resolve().parents[2]
_PROOF = re.compile(r"^(?P<module>proofs|signs)\.(?P<name>[a-z_]+)$")
PREVENTS = "Proofs run each time the guide is built; tests run before each change is published."
_TEST = re.compile(r"^(?P<file>tests/[a-z_/]+\.py)::(?P<name>test_[a-z0-9_]+)$")


@dataclass(frozen=True)
class Control:
    kind: str  # proof or test
    name: str
    says: str  # what it checks, in words


@dataclass(frozen=True)
class Hazard:
    hazard: str
    cause: str
    controls: tuple[Control, ...]
    left: str


def read_log(docs_dir: Path, root: Path = REPOSITORY) -> tuple[dict[str, Any], list[Hazard]]:
    """The log's data and its hazards, every control found; FillError names file and line."""
    path = docs_dir / LOG
    try:
        document = parse(path.read_bytes(), path)
    except OSError as error:
        raise FillError(f"{LOG}: cannot read it ({error.strerror})") from None
    except CheckerError as error:
        raise FillError(str(error).splitlines()[0]) from None
    data = document.data
    hazards = []
    for index, item in enumerate(data.get("hazards") or []):
        line = document.line(("hazards", index))
        try:
            controls = tuple(_control(entry, root) for entry in item["controls"])
            hazards.append(Hazard(item["hazard"], item["cause"], controls, item["left"]))
        except (KeyError, TypeError) as error:
            message = f"a hazard needs hazard, cause, controls and left ({error})"
            raise FillError(f"{LOG}:{line}: {message}") from None
        except LookupError as error:
            raise FillError(f"{LOG}:{line}: {error}") from None
    if not hazards:
        raise FillError(f"{LOG}: no hazards listed")
    return data, hazards


def _control(entry: dict[str, str], root: Path) -> Control:
    """A control as the page shows it, or LookupError when it does not exist."""
    says = entry.get("says", "")
    if not says:
        raise LookupError(f"the control {entry} needs `says:`, in plain words")
    if "proof" in entry:
        match = _PROOF.match(entry["proof"])
        module = importlib.import_module(f"checker.{match['module']}") if match else None
        function = getattr(module, match["name"], None) if match else None
        if function is None:
            raise LookupError(f"no build proof '{entry['proof']}' in scripts/checker")
        return Control("proof", entry["proof"], says)
    match = _TEST.match(entry.get("test", ""))
    test_file = root / match["file"] if match else None
    if test_file is None or not test_file.is_file():
        raise LookupError(f"no test file for '{entry.get('test')}'")
    if not re.search(rf"^def {match['name']}\(", test_file.read_text(encoding="utf-8"), re.M):
        raise LookupError(f"no test '{match['name']}' in {match['file']}")
    return Control("test", entry["test"], says)


def fill_hazards(marker: Marker, context: Context) -> str:
    """The `hazard-log` marker: each hazard, its cause, its controls and what is left."""
    data, hazards = read_log(context.docs_dir)
    reviewed = escape(str(data.get("reviewed", "")))
    parts = [f"The warning signs and this hazard log were last reviewed on {reviewed}."]
    for hazard in hazards:
        controls = "\n".join(
            f"    - {'Proved on every build' if c.kind == 'proof' else 'Tested'}: "
            f"{escape(c.says)} (`{c.name}`)"
            for c in hazard.controls
        )
        parts.append(
            f"### {escape(hazard.hazard)}\n\n"
            f"Why it could happen\n:   {escape(hazard.cause)}\n\n"
            f"What prevents it\n:   {PREVENTS}\n\n{controls}\n\n"
            f"What is left\n:   {escape(hazard.left)}"
        )
    return "\n\n".join(parts)


def fill_left_out(marker: Marker, context: Context) -> str:
    """The `red-flags-left-out` marker: each red flag the checker does not ask, and why."""
    data, _ = read_log(context.docs_dir)
    items = []
    for entry in data.get("left_out") or []:
        cited = ", ".join(_cite(context.flow, key) for key in entry.get("sources", []))
        items.append(f"- **{escape(entry['flag'])}.** {escape(entry['why'])} Sources: {cited}.")
    return "\n".join(items)


def fill_signs(marker: Marker, context: Context) -> str:
    """The `signs-asked` marker: every sign, its level and its sources, and how much a reader
    reads before the first question about the cause."""
    flow = context.flow
    rows = [
        f"| {escape(sign.words)} | {escape(flow.care_levels[sign.level].title)} | "
        + ", ".join(_cite(flow, key) for key in sign.sources)
        + " |"
        for sign in flow.signs.values()
    ]
    return (
        f"A reader reads {words_before_causes(flow)} words on the warning-sign screens before "
        "the first question about the cause (the questions and answers, without the "
        "optional explanations).\n\n"
        "| Sign | Level | Sources |\n| --- | --- | --- |\n" + "\n".join(rows)
    )


def _cite(flow: Flow, key: str) -> str:
    source = flow.sources.get(key)
    if source is None:
        raise FillError(f"unknown source '{key}'")
    title, publisher = escape(source.title), escape(source.publisher)
    # The publisher is in the link's name: two sources, or a source and our page, may share a
    # title ("Cauda equina syndrome"), and links to different places need different names.
    return f"[{title}, {publisher}]({source.url})" if source.url else f"*{title}* ({publisher})"


def words_before_causes(flow: Flow) -> int:
    """The words of every red-flag screen: its question, its instruction and its answers."""
    screens = [q for q in flow.questions.values() if q.red_flags]
    texts = [t for q in screens for t in (q.text, SCREEN_INSTRUCTION, *(o.text for o in q.options))]
    return sum(len(text.split()) for text in texts)
