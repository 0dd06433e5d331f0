"""A decision as people read it: the level, why, what to do next, and the answers;
plain text (``decision_text``) or, in a terminal, a panel (``decision_rich``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ff.terminal import console
from ff.terminal.catalogue import words
from ff.terminal.decision_text import plain_lines


def decision(record: Mapping[str, Any], language: str | None = None) -> None:
    """The decision on stdout; ff's own words in ``language`` (the card's, during
    ``ff check``), else English."""
    say = words(language)
    if console.plain_out():
        console.write_out("\n".join(plain_lines(record, say)) + "\n")
        return
    from ff.terminal.decision_rich import panel

    console.out().print(panel(record, say))
