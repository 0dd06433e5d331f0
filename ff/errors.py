"""One error base for ff, and the exit codes it maps to.

Every failure a user can cause or meet is an ``FFError``; ``ff.cli.main``
catches it in one place, prints its message on stderr and exits with its code.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from ff.light import dataclass


class ExitCode(IntEnum):
    """Exit codes scripts can rely on (documented in README.md)."""

    OK = 0  # done; for `ff check`: go ahead (go or caution)
    ERROR = 1  # something went wrong: a broken card or journal, a file problem
    USAGE = 2  # bad usage or input: unknown option, missing or invalid answer
    APPROVAL = 3  # `ff check`: talk to your manager before you start
    STOP = 4  # `ff check`: stop, do not go ahead
    CANCELLED = 130  # Ctrl-C or end of input at a prompt: nothing was recorded


@dataclass(frozen=True)
class Where:
    """A position in a file, counted from 1 as editors show it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class FFError(Exception):
    """A problem to tell the user about: what went wrong and what to do next."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(FFError):
    """The command was given something it cannot use (exit 2)."""

    exit_code = ExitCode.USAGE


class AnswerError(UsageError):
    """Answers are missing or not allowed for their question (exit 2)."""

    def __init__(self, message: str, *, problems: list[dict[str, object]], hint: str) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems


class CardError(FFError):
    """A card file cannot be used. ``located`` holds each problem with where it is;
    ``problems`` the same as lines, ``file:line:column: what is wrong``."""

    def __init__(self, message: str, *, problems: Sequence[tuple[Where, str]] = ()) -> None:
        super().__init__(
            message,
            hint="Fix the card file and run the command again (ff cards validate FILE).",
        )
        self.located = list(problems)
        self.problems = [f"{where}: {what}" for where, what in self.located]


class JournalError(FFError):
    """The journal cannot be read or written; it is left as it was."""


class Cancelled(FFError):
    """The user left an interactive flow; nothing was recorded."""

    exit_code = ExitCode.CANCELLED
