"""What a pseudo-terminal showed, read as a person reads it; and one ff run in it.

Rich may style output even with NO_COLOR (bold, dim), so text is matched with a
pattern that allows escape codes and line wrapping between words."""

from __future__ import annotations

import re
import time
from typing import Any

ESCAPE = r"\x1b\[[0-?]*[ -/]*[@-~]"
ANY_ESCAPES = f"(?:{ESCAPE})*"
GAP = rf"(?:\s|{ESCAPE})+"


def pattern(text: str) -> str:
    """A pattern for ``text`` as a terminal shows it: styles may start or end
    anywhere, and any run of spaces may be wrapped onto a new line."""
    words = [ANY_ESCAPES.join(re.escape(char) for char in word) for word in text.split()]
    return GAP.join(words)


def shown(text: str) -> re.Pattern[str]:
    """``pattern(text)``, compiled."""
    return re.compile(pattern(text))


def plain(output: str) -> str:
    """Terminal output without escape codes or carriage returns."""
    return re.sub(ESCAPE, "", output).replace("\r", "")


def on_its_own_line(message: str, rest: str) -> bool:
    """Does ``message`` start a line, rather than run on after the prompt (and the
    ``^C`` the terminal echoes)?"""
    return rest[: rest.index(message)].endswith("\n")


class Session:
    """One ff command in a pseudo-terminal (a ``pexpect.spawn``)."""

    def __init__(self, child: Any) -> None:
        self.child = child

    def see(self, text: str) -> str:
        """Wait for ``text``; return (plain) what came before it."""
        self.child.expect(shown(text))
        return plain(self.child.before)

    def interrupt(self) -> None:
        time.sleep(0.3)  # let ff reach its read of the line before Ctrl-C arrives
        self.child.sendintr()

    def end_of_input(self) -> None:
        time.sleep(0.3)
        self.child.sendeof()

    def finish(self) -> tuple[str, int]:
        """Wait for ff to exit; return (plain) what it showed since the last match,
        and its exit status."""
        import pexpect

        self.child.expect(pexpect.EOF)
        rest = plain(self.child.before)
        self.child.close()
        assert self.child.signalstatus is None, f"killed by signal {self.child.signalstatus}"
        assert "Traceback" not in rest, rest
        return rest, int(self.child.exitstatus)
