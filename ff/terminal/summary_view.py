"""The learning summary in the terminal, and the progress bar while journals are
read; plain text (``summary_text``) or, in a terminal, wrapped and coloured, with
bars (``summary_rich``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ff.terminal import console
from ff.terminal.summary_text import plain_lines


def summary(figures: dict[str, Any], journals: Sequence[str], most: int | None = 50) -> None:
    """The summary; learnings of the newest ``most`` ideas, and the newest ``most``
    iterations of each (None: all), so a council's years stay readable and quick."""
    if console.plain_out():
        console.write_out("\n".join(plain_lines(figures, journals, most)) + "\n")
        return
    from ff.terminal.summary_rich import summary as laid_out

    laid_out(figures, journals, most)


def nothing(line: str) -> None:
    """A line of an empty summary: there is nothing yet, and what to run."""
    console.write_out(console.safe(line) + "\n")


class Progress:
    """A progress bar on stderr, shown only in a terminal, not asked to be plain, and
    only once work has taken half a second (so quick runs print nothing)."""

    def __init__(self, label: str) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._label = label
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if self._clock() - self._started < 0.5 or done >= total or console.plain_asked():
                return
            if not console.err_is_terminal():
                return
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(console=console.err(), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=total)
        self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
