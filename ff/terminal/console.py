"""The two consoles (data on stdout, messages and prompts on stderr) and the one way
user text is shown: as plain text, never as Rich markup, with escape sequences and
control characters removed, so a title such as ``[red]x[/red]`` or one holding
terminal escape codes prints as it was typed without changing the terminal. Rich
follows ``NO_COLOR``, and output that is not a terminal gets no colour."""

from __future__ import annotations

import re

from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Text

from ff.errors import Cancelled, CardError, FFError

# How each level and result is coloured wherever it is shown.


LEVEL_STYLE = {
    "go": "bold green",
    "caution": "bold yellow",
    "approval": "bold magenta",
    "stop": "bold red",
}


RESULT_STYLE = {
    "success": "green",
    "partial": "yellow",
    "failure": "red",
    "inconclusive": "magenta",
}


_UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|"
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


_out: Console | None = None


_err: Console | None = None


def out() -> Console:
    global _out
    if _out is None:
        _out = Console(highlight=False, soft_wrap=False)
    return _out


def err() -> Console:
    global _err
    if _err is None:
        _err = Console(stderr=True, highlight=False)
    return _err


def plain(value: object) -> Text:
    """User text as it was typed, with escape sequences and control characters removed."""
    return Text(_UNSAFE.sub("", str(value).expandtabs()))


def note(message: str) -> None:
    err().print(plain(message), soft_wrap=True)


def error(problem: FFError) -> None:
    """An error on stderr: what went wrong, where, and what to do. Never wrapped by ff,
    so each line can be searched for and copied whole."""
    text = Text()
    if not isinstance(problem, Cancelled):
        text.append("Error: ", style="bold red")
    text.append_text(plain(problem.message))
    err().print(text, soft_wrap=True)
    if isinstance(problem, CardError):
        for line in problem.problems:
            err().print(Text("  ").append_text(plain(line)), soft_wrap=True)
    if problem.hint:
        hint = Text().append("What to do: ", style="bold").append_text(plain(problem.hint))
        err().print(hint, soft_wrap=True)


def prompt(label: str) -> None:
    err().print(Text(label, style="bold"), end="")
    err().file.flush()


def print_laid_out(text: Text) -> None:
    """Print a text already laid out to the width, without Rich laying it out again:
    split at each newline once (Rich tables and per-line printing took seconds for
    thousands of lines)."""
    printed = Segment.split_lines(text.render(out()))
    out().print(Segments(s for line in printed for s in (*line, Segment.line())), soft_wrap=True)
