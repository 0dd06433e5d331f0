"""A date in a journal edited by hand may be any text: the Markdown export escapes it as
any other user text (a ``|`` would split the table of ideas, a ``<b>`` would be
HTML, ``[`` a link), and in a terminal no export lets its escapes through."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import run_ff, run_in_terminal
from tests.data import hand_edited as edited

pytestmark = pytest.mark.slow

# The text as Markdown must give it: each piece escaped, the escapes kept as they are
# (piped or written to a file, an export keeps the text exactly), but for brackets.
ESCAPES = edited.ESCAPES.replace("[", "\\[").replace("]", "\\]")
CHECKED = "c\\|d &lt;b>" + ESCAPES + "\\[reverse\\]x\\[/reverse\\]"
CHECKED_INLINE = CHECKED.replace("\\|", "|")  # outside a table, a pipe is only a pipe
STATUS_AT = "at" + ESCAPES + "\\[reverse\\]x\\[/reverse\\]"


@pytest.fixture
def ref(journal: Path) -> str:
    return edited.write(journal)


def _markdown(*args: str) -> str:
    done = run_ff("export", "-f", "md", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _rendered(md: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(md)


def test_the_markdown_report_escapes_text_that_is_not_a_date(ref: str) -> None:
    md = _markdown()
    row = next(line for line in md.split("\n") if line.startswith(f"| {ref} |"))
    assert row.split(" | ")[1] == CHECKED, "one cell, escaped"
    assert f"- {STATUS_AT}: prototyping (bench)" in md.split("\n"), "the status history"
    page = _rendered(md)
    assert "<b>" not in page and "<a " not in page
    ideas = page[page.index("<h2>Ideas</h2>") :]
    assert re.findall(r"<tr>\s*((?:<td>.*?</td>\s*)*)</tr>", ideas, re.S)[0].count("<td>") == 7


def test_a_case_study_in_markdown_escapes_text_that_is_not_a_date(ref: str) -> None:
    md = _markdown("--idea", ref)
    assert f"Checked on {CHECKED_INLINE} with the card" in md
    assert f"| Checked | {CHECKED} |" in md.split("\n")
    assert f"| {STATUS_AT} | prototyping | bench |  |" in md.split("\n")
    assert "<b>" not in _rendered(md)


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal needs POSIX")
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_export_lets_the_escapes_of_such_text_into_a_terminal(
    journal: Path, ref: str, fmt: str
) -> None:
    env = {**os.environ, "FF_JOURNAL": str(journal)}
    for args in (["export", "-f", fmt], ["export", "-f", fmt, "--idea", ref]):
        screen = run_in_terminal(*args, env=env)
        assert "\x1b" not in screen and "\x07" not in screen, args
