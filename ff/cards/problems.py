"""Every problem found in a card while it is read and checked, so one run reports all;
and the nearest known name for one that is not known ("did you mean ask-first?")."""

from __future__ import annotations

from collections.abc import Iterable

from ff.errors import Where


class Problems:
    """Collects every problem in a card so that one run reports them all."""

    def __init__(self) -> None:
        self.items: list[tuple[Where, str]] = []
        # Problems that leave the card's shape whole (an unknown key, a key given
        # twice, an unquoted yes): the flow can still be checked, so that its
        # problems come in the same run rather than one run at a time.
        self.harmless = 0

    def add(self, where: Where, message: str, *, harmless: bool = False) -> None:
        self.items.append((where, message))
        self.harmless += harmless

    @property
    def serious(self) -> int:
        """How many problems may have left part of the card unread."""
        return len(self.items) - self.harmless

    @property
    def shape_broken(self) -> bool:
        """Whether a problem may have left part of the card unread."""
        return self.serious > 0

    def ordered(self) -> list[tuple[Where, str]]:
        return sorted(self.items, key=lambda item: (item[0].line, item[0].column))

    def lines(self) -> list[str]:
        return [f"{where}: {message}" for where, message in self.ordered()]


class Nearest:
    """The known name nearest one that is not known: " (did you mean 'ask-first'?)".

    Each name is compared with every known one, so a card with very many names, or
    very many unknown ones, gets no more suggestions than keep it quick to check."""

    # One suggestion among 1,000 names took 12 ms, among 100,000 names 0.2 s: at most
    # 100 suggestions of at most 1,000 names each keep a card's check about a second.
    MOST_NAMES = 1_000
    MOST_SUGGESTIONS = 100

    def __init__(self, known: Iterable[str]) -> None:
        self.known = list(dict.fromkeys(known))
        self.left = self.MOST_SUGGESTIONS if len(self.known) <= self.MOST_NAMES else 0

    def to(self, name: str) -> str:
        if self.left <= 0 or not name:
            return ""
        self.left -= 1
        import difflib  # only when a name is not known: ff check imports this module

        found = difflib.get_close_matches(name, self.known, n=1, cutoff=0.6)
        if not found:  # a name cut short: "fail-fast" for "fail-fast-fail-forward"
            found = [known for known in self.known if known.startswith(name)][:2]
        return f" (did you mean {found[0]!r}?)" if len(found) == 1 else ""
