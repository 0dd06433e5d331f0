"""The two consoles (data on stdout, messages and prompts on stderr), plain output, and
the one way user text is shown: never as Rich markup, with escape sequences and
control characters removed, so a title such as ``[red]x[/red]`` or one holding
terminal escape codes prints as it was typed without changing the terminal.

Output is plain text (no box drawing, no bars, no colour, no line wrapped by ff)
when it is not a terminal, and in a terminal when asked for (``--plain``,
``FF_PLAIN=1``, ``ff config set plain yes``): screen readers read it as written and
it pastes cleanly. Plain output is written without Rich, which is imported (about
40 ms) only to show things in a terminal. Rich follows ``NO_COLOR``."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ff.dates import uk_date
from ff.errors import Cancelled, CardError, FFError
from ff.text import HIDDEN_CHARACTERS

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

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
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|" + f"[{HIDDEN_CHARACTERS}]"
)


_out: Console | None = None


_err: Console | None = None


# Whether plain output was asked for; None until known (``--plain``, else FF_PLAIN
# or the config file, read once per command).
_asked: bool | None = None


def start(plain_option: bool) -> None:
    """At the start of each command: ``--plain`` given before it, or not yet."""
    global _asked, _out, _err
    if _asked is True:  # an earlier command in this process (a test) asked for it
        _out = _err = None
    _asked = None
    if plain_option:
        ask_for_plain()


def ask_for_plain() -> None:
    """``--plain``: plain output, even in a terminal."""
    global _asked, _out, _err
    if _asked is not True:
        _out = _err = None  # made again without colour
    _asked = True


def plain_asked() -> bool:
    global _asked
    if _asked is None:
        from ff import config
        from ff.errors import FFError

        try:
            _asked = config.switched_on("plain")
        except FFError:  # a damaged config file: the error saying so must still print
            _asked = bool(os.environ.get("FF_PLAIN", "").strip() not in ("", "0", "no"))
    return _asked


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (ValueError, OSError):  # closed, or not a real file
        return False


def plain_out() -> bool:
    """Is what goes to standard output plain text?"""
    return plain_asked() or not _is_terminal(sys.stdout)


def plain_err() -> bool:
    """Are messages and prompts on standard error plain text?"""
    return plain_asked() or not _is_terminal(sys.stderr)


def safe(value: object) -> str:
    """User text as it was typed, with escape sequences and control characters removed."""
    text = str(value)
    # Every character removed below (and a tab) is one Python does not count as
    # printable: most text has none, and asking is quicker than the search (the
    # summary's learnings of a journal of 10,000 iterations: 3 ms).
    if text.isprintable():
        return text
    return _UNSAFE.sub("", text.expandtabs())


def day(value: object) -> str:
    """A date from the journal as people read it (25 Nov 2026). The journal checks only
    that a date is short text, so one edited by hand may hold anything: that is shown
    as user text is (``safe``), on one line."""
    return " ".join(safe(uk_date(value)).splitlines())


def write_out(text: str) -> None:
    """Plain text on standard output, as it is (it ends with its own newline)."""
    sys.stdout.write(text)
    sys.stdout.flush()  # in order with the messages, when both go to one file


def columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Plain rows as lines of columns two spaces apart, nothing cut or wrapped."""
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]


def _write_err(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def _console(stderr: bool) -> Console:
    from rich.console import Console

    if plain_asked():  # the prompts too: no colour, and no line broken by ff
        return Console(stderr=stderr, highlight=False, soft_wrap=True, color_system=None)
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def out() -> Console:
    global _out
    if _out is None:
        _out = _console(stderr=False)
    return _out


def err() -> Console:
    global _err
    if _err is None:
        _err = _console(stderr=True)
    return _err


def err_is_terminal() -> bool:
    """Whether messages go to a terminal; Rich (25 ms to import) is not imported just
    to say no."""
    return bool(_err.is_terminal) if _err is not None else sys.stderr.isatty()


def plain(value: object) -> Text:
    """User text as it was typed (see ``safe``), as Rich text to style."""
    from rich.text import Text

    return Text(safe(value))


def note(message: str, lead: str = "", lead_style: str = "bold") -> None:
    """A message on stderr, never wrapped by ff; ``lead`` (such as "Conflict: ")
    styled in a terminal."""
    if plain_err():
        _write_err(f"{lead}{safe(message)}\n")
        return
    from rich.text import Text

    err().print(Text(lead, style=lead_style).append_text(plain(message)), soft_wrap=True)


def error(problem: FFError) -> None:
    """An error on stderr: what went wrong, where, and what to do. Never wrapped by ff,
    so each line can be searched for and copied whole."""
    lead = "" if isinstance(problem, Cancelled) else "Error: "
    note(problem.message, lead, "bold red")
    if isinstance(problem, CardError):
        for line in problem.problems:
            note(line, "  ")
    if problem.hint:
        note(problem.hint, "What to do: ")


def prompt(label: str) -> None:
    if plain_err():
        _write_err(label)
        return
    from rich.text import Text

    err().print(Text(label, style="bold"), end="")
    err().file.flush()


def print_laid_out(text: Text) -> None:
    """Print a text already laid out to the width, without Rich laying it out again:
    split at each newline once (Rich tables and per-line printing took seconds for
    thousands of lines)."""
    from rich.segment import Segment, Segments

    printed = Segment.split_lines(text.render(out()))
    out().print(Segments(s for line in printed for s in (*line, Segment.line())), soft_wrap=True)
