"""The long texts of ff ideas and ff summary are printed as segments split once at
each newline, not re-wrapped by Rich line by line: what a terminal or a file gets
must be what printing the same styled text through Rich gives."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from ff.journal.reading import ideas_in
from ff.reporting.figures import summarise
from ff.terminal import console as consoles
from ff.terminal import journal_view, summary_view
from tests.benchmarks.bench import make_tables

ANSI = re.compile(r"\x1b\[([0-9;]*)m")


def _console(colour: bool) -> Console:
    return Console(
        file=io.StringIO(),
        width=90,
        highlight=False,
        soft_wrap=False,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
    )


def _show(what: str) -> Callable[[], None]:
    tables = make_tables(120, ideas=30, seed=3)
    for idea in tables["ideas"].values():
        idea["title"] = f"Styled [bold]x[/bold] {idea['title']}"
    for number, iteration in enumerate(tables["iterations"].values()):
        if number % 3 == 0:
            iteration["learned"] = "[red]Not markup[/red] and\nlines\n\nblank, a tab\tand 🧪"
    ideas = ideas_in(tables)
    figures = summarise(ideas)
    if what == "ideas":
        return lambda: journal_view.ideas(ideas)
    return lambda: summary_view.summary(figures, ["team"], 10)


def _printed(monkeypatch: pytest.MonkeyPatch, show: Callable[[], None], colour: bool) -> str:
    console = _console(colour)
    monkeypatch.setattr(consoles, "_out", console)
    monkeypatch.setattr(consoles, "plain_out", lambda: False)  # laid out as in a terminal
    show()
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


@pytest.mark.parametrize("colour", [False, True], ids=["file", "terminal"])
@pytest.mark.parametrize("what", ["ideas", "summary"])
def test_long_texts_print_as_rich_prints_them(
    monkeypatch: pytest.MonkeyPatch, what: str, colour: bool
) -> None:
    show = _show(what)
    seen: list[Text] = []
    split_lines = Segment.split_lines

    def watched(segments: Iterable[Segment]) -> Iterable[list[Segment]]:
        pieces = list(segments)
        text = Text(end="")
        for piece in pieces:
            text.append(piece.text, style=piece.style)
        seen.append(text)  # the styled text, as it was handed over to be split
        return split_lines(pieces)

    monkeypatch.setattr(Segment, "split_lines", staticmethod(watched))
    printed = _printed(monkeypatch, show, colour)
    monkeypatch.setattr(Segment, "split_lines", staticmethod(split_lines))

    assert len(seen) == 1
    by_rich = _console(colour)
    by_rich.print(seen[0], soft_wrap=True, end="")  # the end was in the segments
    assert isinstance(by_rich.file, io.StringIO)
    assert by_rich.file.getvalue() in printed
    assert "Styled [bold]x[/bold]" in " ".join(printed.split())  # user text is not markup
    if what == "summary":
        assert "[red]Not markup[/red] and" in printed


@pytest.mark.parametrize("what", ["ideas", "summary"])
def test_styles_end_with_each_line_and_colour_adds_nothing_else(
    monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    show = _show(what)
    coloured = _printed(monkeypatch, show, True)
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == _printed(monkeypatch, show, False)
    for line in coloured.split("\n"):
        codes: list[Any] = ANSI.findall(line)
        assert not codes or codes[-1] == "0", repr(line)  # reset before the newline
