"""Every problem found in a card while it is read and checked, so one run reports all."""

from __future__ import annotations

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
    def shape_broken(self) -> bool:
        """Whether a problem may have left part of the card unread."""
        return len(self.items) > self.harmless

    def ordered(self) -> list[tuple[Where, str]]:
        return sorted(self.items, key=lambda item: (item[0].line, item[0].column))

    def lines(self) -> list[str]:
        return [f"{where}: {message}" for where, message in self.ordered()]
