"""The README's worked example is one real run: every ```text block in it is what
examples/worked_example.py's commands printed, in a real pseudo-terminal, so the
example cannot drift from what ff does (it once ran ``ff status`` on an idea it
never created, and showed "Tries 2" after one ``ff log``)."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType

import pytest

from tests.conftest import REPO

if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("the worked example runs in a POSIX pseudo-terminal", allow_module_level=True)

pytestmark = pytest.mark.slow

README = (REPO / "README.md").read_text(encoding="utf-8")


def worked_example() -> ModuleType:
    """examples/worked_example.py (examples/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "worked_example", REPO / "examples" / "worked_example.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def printed() -> list[str]:
    blocks: list[str] = worked_example().blocks()
    return blocks


def section(start: str, end: str) -> str:
    return README[README.index(start) : README.index(end)]


def test_the_readme_shows_exactly_what_the_worked_example_printed(printed: list[str]) -> None:
    for block in printed:
        assert f"```text\n{block}```\n" in README, (
            f"README.md does not show what this printed (run python examples/"
            f"worked_example.py --write):\n{block}"
        )


def test_every_block_of_the_worked_example_comes_from_the_run(printed: list[str]) -> None:
    shown = section("## A worked example", "## Commands")
    blocks = re.findall(r"```text\n(.*?)```\n", shown, re.DOTALL)
    assert blocks == printed  # none written by hand, none left out, in the same order


def test_the_story_holds_together(printed: list[str]) -> None:
    """What the old example got wrong: each command acts on an idea the example
    checked, and the list shows one try after one ``ff log``."""
    story = "".join(printed)
    checked = set(re.findall(r"Recorded as (\w+) in", story))
    checked |= set(re.findall(r"^(\w{6})  .* checked ", story, re.MULTILINE))
    used = set(re.findall(r"^\$ ff (?:status|log|edit|show) (\w+)", story, re.MULTILINE))
    assert used and used <= checked, (used, checked)
    assert story.count("$ ff log") == 1
    last_list = story[story.rindex("$ ff ideas") :]
    assert re.search(r"^548699 .* prototyping  1 ", last_list, re.MULTILINE), last_list
