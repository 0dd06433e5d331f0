"""A date in a journal edited by hand may be any text (the journal checks only that it
is short): ``ff show``, ``ff summary`` and ``ff ideas`` show it as typed, like any
other user text, piped and in a terminal, never as Rich markup and never with the
escapes it holds. So are the names of fields corrected or changed on two computers."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import run_ff, run_in_terminal
from tests.data import hand_edited as edited
from tests.terminal.screen import plain, shown

if sys.platform == "win32":  # pragma: no cover - a pseudo-terminal needs POSIX
    pytest.skip("pseudo-terminal tests need POSIX", allow_module_level=True)

pytestmark = pytest.mark.slow

# Reverse video, alone or with other styles: what the markup or the escape would do.
REVERSE = re.compile(r"\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m")

# What each command shows of the hand-edited journal, as it may be shown.
SHOWS = {
    "show": [
        f"Checked {edited.inert('c|d <b>')} ({edited.inert('c|d <b>')}), "
        f"recorded {edited.inert('rec')}",
        f"{edited.inert('at')} prototyping by bench (recorded {edited.inert('rec')})",
        f"{edited.inert('fix')} {edited.inert('field')}",
        f"Iteration 1 {edited.inert('on')} SUCCESS",
        f"By bench, recorded {edited.inert('log')}",
        f"Corrected {edited.inert('fix')} by Jo",
        f"The idea, {edited.inert('clash')}",
    ],
    "summary": [f"#1 {edited.inert('on')} SUCCESS", f"#2 {edited.inert('on')} FAILURE"],
    "ideas": ["c|d <b>[reverse]x"],  # cut to the column's width in a terminal
}


@pytest.fixture
def ref(journal: Path) -> str:
    return edited.write(journal)


def _args(command: str, ref: str) -> list[str]:
    return [command, ref] if command == "show" else [command]


@pytest.mark.parametrize("command", list(SHOWS))
def test_text_that_is_not_a_date_is_shown_as_typed_when_piped(ref: str, command: str) -> None:
    done = run_ff(*_args(command, ref))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout
    said = " ".join(done.stdout.split())
    for text in SHOWS[command]:
        assert text in said, (text, done.stdout)


@pytest.mark.parametrize("command", list(SHOWS))
def test_text_that_is_not_a_date_is_shown_as_typed_in_a_terminal(
    journal: Path, ref: str, command: str
) -> None:
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "FF_JOURNAL": str(journal)}
    screen = run_in_terminal(*_args(command, ref), env=env)
    assert "Traceback" not in screen, screen
    assert not REVERSE.search(screen), "taken as markup, or its escape let through"
    assert "\x1b]" not in screen and "\x07" not in screen, "a terminal's title set"
    for text in SHOWS[command]:
        assert shown(text).search(screen), (text, plain(screen))
